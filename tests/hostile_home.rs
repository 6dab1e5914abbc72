//! A data or config folder another user could plant files in (writable by group or
//! others, or owned by someone else) is refused with the command that fixes it, as ssh
//! does, and `tether doctor` reports it; a `TETHER_HOME` that names a file says so.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use common::{END, Home, START};

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Runs `tether doctor`, which must fail, and returns its stdout.
fn doctor_fails(home: &Home, args: &[&str]) -> String {
    let out = home
        .cmd(END)
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "doctor passed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_data_folder_others_can_write_to_is_refused_with_the_fix_and_reported_by_doctor() {
    for mode in [0o770, 0o707, 0o777, 0o720] {
        let home = Home::new();
        home.run(START, &["start", "--session", "1", "Guarded"]);
        chmod(home.path(), mode);
        let fix = format!("chmod 700 {}", home.path().display());
        for args in [
            &["status"][..],
            &["log", "x"],
            &["start", "--session", "2", "x"],
        ] {
            let err = home.refuse(END, args);
            assert!(err.contains(&fix), "{mode:o} {args:?}: {err}");
            assert!(err.contains("writable by"), "{mode:o}: {err}");
            assert!(err.contains(&format!("{mode:o}")), "the mode: {err}");
        }
        // the tmux bar, which shows stdout alone, says something is wrong
        let (ok, out, err) = home.try_run(END, &["status", "--format", "tmux"]);
        assert!(!ok && err.contains(&fix), "{err}");
        assert_eq!(out, "tether: cannot read the store · tether doctor\n");
        let before = home.files();
        let report = doctor_fails(&home, &["doctor"]);
        assert!(
            report.contains(&format!("problem: {}", home.path().display()))
                && report.contains(&fix),
            "{mode:o}: {report}"
        );
        let repair = doctor_fails(&home, &["doctor", "--repair"]);
        assert!(repair.contains(&fix), "{repair}");
        assert_eq!(home.files(), before, "doctor wrote in an unsafe folder");
        chmod(home.path(), 0o700);
        home.run(END, &["log", "Safe again"]);
    }
}

/// The default folders: the config folder is checked as well as the data folder, and the
/// data folder tether makes is private.
#[test]
fn a_config_folder_others_can_write_to_is_refused_too() {
    let root = tempfile::tempdir().unwrap();
    let config_dir = root.path().join("config/tether");
    fs::create_dir_all(&config_dir).unwrap();
    fs::write(config_dir.join("config.toml"), "gap_threshold = \"3h\"\n").unwrap();
    let cmd = |args: &[&str]| {
        let mut cmd = assert_cmd::Command::new(common::BIN);
        cmd.current_dir(root.path())
            .env_remove("TETHER_HOME")
            .env("HOME", root.path())
            .env("XDG_CONFIG_HOME", root.path().join("config"))
            .env("XDG_DATA_HOME", root.path().join("data"))
            .env("TETHER_NOW", START)
            .args(args);
        cmd.output().unwrap()
    };
    chmod(&config_dir, 0o755);
    common::assert_ok(&cmd(&["start", "Defaults"]));
    let data = root.path().join("data/tether");
    let mode = fs::metadata(&data).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "the data folder tether made");

    chmod(&config_dir, 0o775);
    let out = cmd(&["status"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let fix = format!("chmod 700 {}", config_dir.display());
    assert!(stderr.contains(&fix), "{stderr}");
    let out = cmd(&["doctor"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success() && stdout.contains(&fix), "{stdout}");
}

#[test]
#[cfg_attr(
    not(as_root),
    ignore = "needs root to give a folder to another user (the tests were built as another user)"
)]
fn a_data_folder_owned_by_another_user_is_refused() {
    let home = Home::new();
    home.run(START, &["start", "--session", "1", "Guarded"]);
    std::os::unix::fs::chown(home.path(), Some(4242), None)
        .expect("chown needs root: this test was built as root but runs as another user");
    let err = home.refuse(END, &["status"]);
    assert!(err.contains("owned by another user (uid 4242)"), "{err}");
    assert!(err.contains(&home.path().display().to_string()), "{err}");
    let report = doctor_fails(&home, &["doctor"]);
    assert!(
        report.contains("owned by another user (uid 4242)"),
        "{report}"
    );

    // a config file of someone else's, in a folder of one's own, is not read either
    std::os::unix::fs::chown(home.path(), Some(0), None).unwrap();
    let config = home.path().join("config.toml");
    fs::write(&config, "gap_threshold = \"3h\"\n").unwrap();
    std::os::unix::fs::chown(&config, Some(4242), None).unwrap();
    let err = home.refuse(END, &["status"]);
    assert!(
        err.contains(&format!(
            "{} is owned by another user (uid 4242)",
            config.display()
        )),
        "{err}"
    );
}

#[test]
fn a_tether_home_that_is_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    fs::write(&file, "").unwrap();
    let out = assert_cmd::Command::new(common::BIN)
        .env("TETHER_HOME", &file)
        .args(["status"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains(&format!(
            "TETHER_HOME (or --home) names a file, not a folder: {}",
            file.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("Not a directory"), "{stderr}");
}
