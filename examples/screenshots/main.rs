//! Retakes the README's screenshots: builds a small store by running the real `tether` (and
//! `git`) at fixed times, opens the dashboard in a pseudo-terminal, and paints what it
//! shows into PNG files, in a monospace TrueType font found on the machine.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example screenshots -- --out assets/screenshots
//!     [--bin target/release/tether] [--font /usr/share/fonts/.../DejaVuSansMono.ttf]
//! ```
//!
//! Writes `dashboard.png` (the dashboard after a morning's work, a night's gap behind it)
//! and `briefing.png` (the resume briefing on opening it that morning).

mod boxes;
mod font;
mod grid;
mod render;
mod scenario;
mod terminal;
mod world;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use font::Fonts;
use grid::Grid;
use world::World;

/// What the command line asks for.
struct Args {
    out: PathBuf,
    bin: PathBuf,
    font: Option<PathBuf>,
    /// No `--bin` was given: the crate's own release build is used.
    default_bin: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::new(),
        bin: PathBuf::from("target/release/tether"),
        font: None,
        default_bin: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => args.out = value.into(),
            "--bin" => (args.bin, args.default_bin) = (value.into(), false),
            "--font" => args.font = Some(value.into()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("screenshots: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Makes the store, captures both screens, and writes them.
fn run(args: &Args) -> Result<(), String> {
    // The font first: a machine without one fails before any work is done.
    let fonts = Fonts::load(args.font.as_deref())?;
    if let Some(newer) = args.default_bin.then(|| newer_source(&args.bin)).flatten() {
        return Err(format!(
            "{} is older than {}: build it first (cargo build --release), or pass it \
             with --bin to use it as it is",
            args.bin.display(),
            newer.display()
        ));
    }
    let world = World::new(&args.bin)?;
    scenario::the_day(&world)?;
    scenario::the_night(&world)?;
    let briefing = scenario::briefing(&world)?;
    scenario::the_morning(&world)?;
    let dashboard = scenario::dashboard(&world)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("cannot make {}: {e}", args.out.display()))?;
    for (name, grid) in [("dashboard.png", &dashboard), ("briefing.png", &briefing)] {
        save(grid, &fonts, &args.out.join(name))?;
    }
    Ok(())
}

/// Paints `grid` and writes it to `path`, saying which characters the font lacked.
fn save(grid: &Grid, fonts: &Fonts, path: &Path) -> Result<(), String> {
    let (canvas, missing) = render::paint(grid, fonts);
    if !missing.is_empty() {
        let list: String = missing.iter().collect();
        eprintln!(
            "screenshots: {} has no glyph for {list:?}; they show as its placeholder",
            fonts.path.display()
        );
    }
    canvas.write_png(path)?;
    eprintln!(
        "screenshots: wrote {} ({}×{}, {})",
        path.display(),
        canvas.width,
        canvas.height,
        fonts.path.display()
    );
    Ok(())
}

/// A file of the crate's `src/` changed after `bin` was built, if there is one: that build
/// would show the dashboard as it was.
fn newer_source(bin: &Path) -> Option<PathBuf> {
    let built = std::fs::metadata(bin).and_then(|m| m.modified()).ok()?;
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).ok()?.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                folders.push(path);
            } else if meta.modified().is_ok_and(|changed| changed > built) {
                return Some(path);
            }
        }
    }
    None
}
