//! Finds the programs some tests need beyond a Rust toolchain (`make`, `git`) and tells the
//! tests with `cfg(has_make)` and `cfg(has_git)`, so that a test whose program is missing
//! is reported as ignored, with the reason, instead of passing without running. Likewise
//! `cfg(as_root)` for the tests that need root (giving a folder to another user).
//!
//! On Linux with glibc the binary is linked as a fixed-address executable (`-no-pie`): a
//! position-independent one makes the loader apply some 12,000 relocations, writing 60
//! pages, at every start: 0.2 to 0.4 ms, a fifth of what `tether status --format tmux`
//! costs. A release build there also places the functions the frequent commands run side by
//! side (`assets/hot-functions.txt`, written by `benches/hot-functions.sh`).

use std::env;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rustc-check-cfg=cfg(has_make, has_git, as_root)");
    for program in ["make", "git"] {
        if on_path(program) {
            println!("cargo::rustc-cfg=has_{program}");
        }
    }
    let target = |key: &str, value: &str| env::var(key).is_ok_and(|v| v == value);
    // glibc's linking only: a musl build is static, position-independent by its own rule
    if target("CARGO_CFG_TARGET_OS", "linux") && target("CARGO_CFG_TARGET_ENV", "gnu") {
        println!("cargo::rustc-link-arg-bin=tether=-no-pie");
    }
    if target("TARGET", "x86_64-unknown-linux-gnu") && target("PROFILE", "release") {
        order_hot_functions();
    }
    if built_as_root() {
        println!("cargo::rustc-cfg=as_root");
    }
}

/// Hands the linker the list of the functions the frequent commands run, to place first and
/// together: a command then faults in a few stretches of the program instead of dozens.
/// Only when the linker is the one Rust uses by default on x86-64 Linux since 1.90, LLD
/// (the option is its own), and nobody chose another.
fn order_hot_functions() {
    let list = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
        .join("assets")
        .join("hot-functions.txt");
    println!("cargo::rerun-if-changed={}", list.display());
    println!("cargo::rerun-if-env-changed=RUSTC_LINKER");
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let linker_chosen = env::var_os("RUSTC_LINKER").is_some() || flags.contains("link");
    if linker_chosen || !list.is_file() || rustc_minor().is_none_or(|minor| minor < 90) {
        return;
    }
    println!(
        "cargo::rustc-link-arg-bin=tether=-Wl,--symbol-ordering-file={}",
        list.display()
    );
    // a name the program no longer has is skipped: the list only ages
    println!("cargo::rustc-link-arg-bin=tether=-Wl,--no-warn-symbol-ordering");
}

/// The minor version of the Rust compiler building this (`1.95.0` → 95).
fn rustc_minor() -> Option<u32> {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = std::process::Command::new(rustc).arg("-V").output().ok()?;
    let version = String::from_utf8(out.stdout).ok()?;
    version
        .split_whitespace()
        .nth(1)?
        .split('.')
        .nth(1)?
        .parse()
        .ok()
}

/// Whether this build runs as root: a file it creates belongs to the user it runs as.
#[cfg(unix)]
fn built_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let Some(out) = env::var_os("OUT_DIR") else {
        return false;
    };
    let probe = Path::new(&out).join("whoami");
    std::fs::write(&probe, b"").is_ok() && std::fs::metadata(&probe).is_ok_and(|m| m.uid() == 0)
}

#[cfg(not(unix))]
fn built_as_root() -> bool {
    false
}

/// Whether an executable file named `program` is in one of the folders of `PATH`.
fn on_path(program: &str) -> bool {
    let Some(path) = env::var_os("PATH") else {
        return false;
    };
    env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
}

#[cfg(unix)]
fn is_executable(file: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    file.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(file: &Path) -> bool {
    file.with_extension("exe").is_file()
}
