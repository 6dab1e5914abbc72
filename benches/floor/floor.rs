//! The floor of `tether log`: the least a program can do and still log safely. It starts,
//! takes the exclusive lock on `DIR/store.lock`, appends one JSON line to
//! `DIR/timeline.jsonl`, flushes it to the disk (`fdatasync`) and prints one line.
//! `benches/whole.sh` builds it with rustc and measures `tether log` against it.
//!
//!     floor DIR TEXT...

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: floor DIR TEXT...");
    let text = args.collect::<Vec<_>>().join(" ");
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(format!("{dir}/store.lock"))
        .expect("open the lock file");
    lock.lock().expect("lock");
    let mut timeline = OpenOptions::new()
        .create(true)
        .append(true)
        .open(format!("{dir}/timeline.jsonl"))
        .expect("open the timeline");
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let mut line = format!("{{\"type\":\"interaction\",\"at\":{at},\"text\":\"");
    for c in text.chars() {
        match c {
            '"' => line.push_str("\\\""),
            '\\' => line.push_str("\\\\"),
            c if c < ' ' => write!(line, "\\u{:04x}", c as u32).unwrap(),
            c => line.push(c),
        }
    }
    line.push_str("\"}\n");
    timeline.write_all(line.as_bytes()).expect("append");
    timeline.sync_data().expect("fdatasync");
    drop(lock);
    println!("Logged at {at}");
}
