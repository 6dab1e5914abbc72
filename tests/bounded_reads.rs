//! Reads that end: `config.toml` and an imported log are read only when they are regular
//! files, and only up to a bound (1 MiB and 64 MiB). A FIFO never hangs a command,
//! `/dev/zero` never fills the memory, and each is a clear error. A `config.toml` that is a
//! link to a regular file (GNU stow) is read as before.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::{Home, START};

/// Longer than any command takes, short enough that a hang fails the test.
const PATIENCE: Duration = Duration::from_secs(20);

/// Runs `tether ARGS`, which must end within [`PATIENCE`], fail and not panic; returns
/// its stderr.
fn refused(home: &Home, args: &[&str]) -> String {
    let out: Output = home
        .cmd(START)
        .args(args)
        .timeout(PATIENCE)
        .output()
        .expect("tether runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        out.status.code().is_some(),
        "tether {args:?} did not end within {PATIENCE:?}"
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

#[test]
fn a_config_that_is_a_fifo_is_refused_at_once() {
    let home = Home::new();
    let config = home.path().join("config.toml");
    mkfifo(&config);
    let err = refused(&home, &["status"]);
    assert!(
        err.contains(&format!(
            "{} is a FIFO (named pipe), not a regular file",
            config.display()
        )),
        "{err}"
    );
}

#[test]
fn a_config_linked_to_dev_zero_is_refused_unread() {
    let home = Home::new();
    let config = home.path().join("config.toml");
    symlink("/dev/zero", &config).unwrap();
    let err = refused(&home, &["status"]);
    assert!(
        err.contains(&format!(
            "{} is a character device, not a regular file",
            config.display()
        )),
        "{err}"
    );
}

#[test]
fn a_config_over_one_mib_is_refused() {
    let home = Home::new();
    let config = home.path().join("config.toml");
    let mut text = "# a comment line\n".repeat((1 << 20) / 17);
    text.push_str(&"#".repeat(1 << 10));
    assert!(text.len() > 1 << 20);
    fs::write(&config, text).unwrap();
    let err = refused(&home, &["status"]);
    assert!(
        err.contains(&format!("{} is over 1 MiB", config.display())),
        "{err}"
    );
}

#[test]
fn a_config_linked_to_a_regular_file_is_read() {
    let home = Home::new();
    let dotfiles = tempfile::tempdir().unwrap();
    let real = dotfiles.path().join("config.toml");
    fs::write(&real, "gap_threshold = \"soon\"\n").unwrap();
    symlink(&real, home.path().join("config.toml")).unwrap();
    let err = refused(&home, &["status"]);
    assert!(err.contains("gap_threshold: invalid duration"), "{err}");
}

#[test]
fn importing_dev_zero_or_a_fifo_is_refused_without_reading_or_waiting() {
    let home = Home::new();
    let err = home.refuse(START, &["import", "/dev/zero"]);
    assert!(
        err.contains("cannot import /dev/zero: it is a character device, not a regular file"),
        "{err}"
    );
    let logs = tempfile::tempdir().unwrap();
    let fifo = logs.path().join("log.fifo");
    mkfifo(&fifo);
    let err = refused(&home, &["import", fifo.to_str().unwrap()]);
    assert!(
        err.contains(&format!(
            "cannot import {}: it is a FIFO (named pipe), not a regular file",
            fifo.display()
        )),
        "{err}"
    );
}

#[test]
fn importing_a_file_over_64_mib_is_refused_with_the_limit() {
    let home = Home::new();
    let logs = tempfile::tempdir().unwrap();
    let big = logs.path().join("big.log");
    let file = fs::File::create(&big).unwrap();
    file.set_len((64 << 20) + 1).unwrap(); // sparse: no disk used
    let err = home.refuse(START, &["import", big.to_str().unwrap()]);
    assert!(
        err.contains(&format!(
            "cannot import {}: it is over 64 MiB, the most tether imports",
            big.display()
        )),
        "{err}"
    );
}

#[test]
fn a_log_reached_through_a_link_is_imported() {
    let home = Home::new();
    let logs = tempfile::tempdir().unwrap();
    let real = logs.path().join("real.log");
    fs::write(&real, "[2025-08-15 23:50:34] Creating gift\n").unwrap();
    let link = logs.path().join("linked.log");
    symlink(&real, &link).unwrap();
    let out = home.run(
        "2025-08-20T12:00:00Z",
        &["import", "--session", "3", link.to_str().unwrap()],
    );
    assert!(out.contains("Imported 1 interaction"), "{out}");
}
