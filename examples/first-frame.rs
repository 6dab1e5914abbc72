//! Measures the dashboard as a person meets it: the real binary in a pseudo-terminal, its
//! output read by `vt100` into the screen a person would see.
//!
//! ```text
//! cargo run --release --example first-frame -- --bin target/release/tether --home DIR
//!     [--runs 10] [--keys 30] [--size 120x40]
//! ```
//!
//! - first frame: from spawning the process to the first screen that shows the mission's
//!   header and the footer (one full frame);
//! - whole timeline: from spawning to the screen with the whole timeline read (a large one
//!   shows its end first);
//! - memory: the process's peak resident set (`VmHWM`) once the whole timeline is in;
//! - key press: from writing `k`/`j` (selection up/down in the timeline) to the screen
//!   changing.
//!
//! Prints one `name=value` line a figure, medians over the runs. The process is ended with
//! SIGHUP (the pane closed), so the store is not changed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use tether::store::Store;

/// The longest any awaited screen may take.
const DEADLINE: Duration = Duration::from_secs(30);

struct Args {
    bin: PathBuf,
    home: PathBuf,
    runs: usize,
    keys: usize,
    cols: u16,
    rows: u16,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        bin: PathBuf::from("target/release/tether"),
        home: PathBuf::new(),
        runs: 10,
        keys: 30,
        cols: 120,
        rows: 40,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let number = |v: &str| v.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--bin" => args.bin = value.into(),
            "--home" => args.home = value.into(),
            "--runs" => args.runs = number(&value)?.max(1),
            "--keys" => args.keys = number(&value)?,
            "--size" => {
                let (c, r) = value.split_once('x').ok_or("--size is COLSxROWS")?;
                args.cols = number(c)? as u16;
                args.rows = number(r)? as u16;
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.home.as_os_str().is_empty() {
        return Err("--home DIR is required".into());
    }
    Ok(args)
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| {
        eprintln!("first-frame: {e}");
        std::process::exit(2);
    });
    let store = Store::new(&args.home);
    let expected = match store.active().and_then(|id| store.session(&id)) {
        Ok(session) => format!("Session {}", session.id),
        Err(_) => "no active mission".to_string(),
    };
    let mut first = Vec::new();
    let mut whole = Vec::new();
    let mut hwm = Vec::new();
    let mut cpu = Vec::new();
    let mut keys = Vec::new();
    for run in 0..args.runs {
        let measured = measure(&args, &expected, if run == 0 { args.keys } else { 0 });
        first.push(measured.first_frame);
        whole.push(measured.whole);
        cpu.push(measured.cpu);
        hwm.push(measured.hwm_kb as f64 / 1024.0);
        keys.extend(measured.keys);
    }
    println!("first_frame_ms={:.1}", median_ms(&mut first));
    println!("first_frame_min_ms={:.1}", ms(first[0]));
    println!("whole_timeline_ms={:.1}", median_ms(&mut whole));
    println!("whole_timeline_cpu_ms={:.0}", median_ms(&mut cpu));
    println!("peak_rss_mb={:.1}", median(&mut hwm));
    if !keys.is_empty() {
        println!("key_ms={:.2}", median_ms(&mut keys));
        println!(
            "key_p95_ms={:.2}",
            ms(keys[(keys.len() * 95 / 100).min(keys.len() - 1)])
        );
    }
}

/// What one run measured.
struct Measured {
    first_frame: Duration,
    whole: Duration,
    /// The CPU time (user + system, all threads) spent by then: steadier than `whole` on a
    /// shared machine.
    cpu: Duration,
    hwm_kb: u64,
    keys: Vec<Duration>,
}

fn measure(args: &Args, expected: &str, presses: usize) -> Measured {
    let size = PtySize {
        rows: args.rows,
        cols: args.cols,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pty = native_pty_system()
        .openpty(size)
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(&args.bin);
    command.cwd(&args.home);
    command.env("TETHER_HOME", &args.home);
    command.env("TERM", "xterm-256color");
    command.env_remove("TETHER_NOW");
    let mut reader = pty.master.try_clone_reader().expect("a PTY reader");
    let mut writer = pty.master.take_writer().expect("a PTY writer");
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(command).expect("tether starts");
    drop(pty.slave);
    if let Some(pid) = child.process_id() {
        share_priority(pid);
    }
    let nz = |n: u16| NonZeroU16::new(n).expect("a size of at least 1×1");
    let mut screen = vt100::Parser::new(nz(args.rows), nz(args.cols), 0);
    wait_for(&rx, &mut screen, |s| {
        let text = s.contents();
        let last_row = text.lines().last().unwrap_or_default().trim().to_string();
        text.contains(expected) && !last_row.is_empty()
    });
    let first_frame = started.elapsed();
    // A large timeline shows its end first; the whole of it is in once the header knows the
    // active time.
    wait_for(&rx, &mut screen, |s| {
        !s.contents().contains("reading the whole timeline")
    });
    let whole = started.elapsed();
    let pid = child.process_id().expect("a process id");
    let hwm_kb = peak_rss_kb(pid);
    let cpu = cpu_time(pid);
    if presses > 0 && screen.screen().contents().contains("resuming after") {
        // the briefing a gap owes shows first; the keys measured move the timeline
        writer.write_all(b"\r").expect("a key reaches the terminal");
        writer.flush().expect("a key reaches the terminal");
        wait_for(&rx, &mut screen, |s| {
            !s.contents().contains("resuming after")
        });
    }
    let mut keys = Vec::with_capacity(presses);
    for n in 0..presses {
        let before = screen.screen().contents_formatted();
        let key: &[u8] = if n % 2 == 0 { b"k" } else { b"j" };
        let pressed = Instant::now();
        writer.write_all(key).expect("a key reaches the terminal");
        writer.flush().expect("a key reaches the terminal");
        wait_for(&rx, &mut screen, |s| s.contents_formatted() != before);
        keys.push(pressed.elapsed());
    }
    let _ = child.kill();
    let _ = child.wait();
    Measured {
        first_frame,
        whole,
        cpu,
        hwm_kb,
        keys,
    }
}

/// Feeds the terminal's output to the screen until `done` holds for it.
fn wait_for(
    rx: &Receiver<Vec<u8>>,
    screen: &mut vt100::Parser,
    done: impl Fn(&vt100::Screen) -> bool,
) {
    let deadline = Instant::now() + DEADLINE;
    while !done(screen.screen()) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(bytes) => screen.process(&bytes),
            Err(_) => panic!(
                "the screen never got there:\n{}",
                screen.screen().contents()
            ),
        }
    }
}

/// The terminal makes the child a session leader, which on Linux puts it in a scheduling
/// group of its own: give that group the priority of ours, so that a run measuring at a
/// raised priority on a busy machine measures the dashboard at that priority too.
fn share_priority(pid: u32) {
    let ours = std::fs::read_to_string("/proc/self/autogroup").unwrap_or_default();
    if let Some(nice) = ours.split("nice").nth(1).map(str::trim)
        && nice != "0"
    {
        let _ = std::fs::write(format!("/proc/{pid}/autogroup"), nice);
    }
}

/// The CPU time a process has taken so far, from `/proc/PID/stat` (in clock ticks of
/// 10 ms, the usual `CLK_TCK`).
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // the fields after the command's name (which may hold spaces) in parentheses
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// The peak resident set of a process so far, in KiB.
fn peak_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median_ms(values: &mut [Duration]) -> f64 {
    values.sort();
    ms(values[values.len() / 2])
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
