//! Finds the programs some tests need beyond a Rust toolchain (`make`, `git`) and tells the
//! tests with `cfg(has_make)` and `cfg(has_git)`, so that a test whose program is missing
//! is reported as ignored, with the reason, instead of passing without running.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rustc-check-cfg=cfg(has_make, has_git)");
    for program in ["make", "git"] {
        if on_path(program) {
            println!("cargo::rustc-cfg=has_{program}");
        }
    }
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
