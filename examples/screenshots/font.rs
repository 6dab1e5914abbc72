//! The monospace font the screen is drawn in: found on the machine (or given with `--font`),
//! loaded in its regular and bold faces, and the size of a terminal cell that follows.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use fontdue::{Font, FontSettings};

/// The font looked for when none is given.
const REGULAR: &str = "DejaVuSansMono.ttf";

/// Where fonts live on the usual systems (and the user's own folders, under `$HOME`).
const FOLDERS: &[&str] = &[
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "~/Library/Fonts",
];

/// How wide a cell is, in pixels; the font's size follows from it.
const CELL_WIDTH: usize = 10;

/// One character's coverage bitmap, placed relative to the top-left corner of its cell.
#[derive(Debug)]
pub struct Glyph {
    /// Pixels from the cell's left edge to the bitmap's.
    pub left: i32,
    /// Pixels from the cell's top edge to the bitmap's.
    pub top: i32,
    /// The bitmap's width.
    pub width: usize,
    /// The bitmap's height.
    pub height: usize,
    /// Coverage, 0–255, row by row.
    pub coverage: Vec<u8>,
    /// No bold face was found: draw it twice, a pixel apart.
    pub embolden: bool,
}

/// The faces, the cell size and the glyphs drawn so far.
pub struct Fonts {
    regular: Font,
    bold: Option<Font>,
    px: f32,
    /// A cell's width in pixels.
    pub cell_w: usize,
    /// A cell's height in pixels.
    pub cell_h: usize,
    baseline: f32,
    cache: RefCell<HashMap<(char, bool), Rc<Glyph>>>,
    /// The regular face's file, to say which font was used.
    pub path: PathBuf,
}

impl Fonts {
    /// Loads `given`, or finds DejaVu Sans Mono; the bold face is the file beside it with
    /// `-Bold` in its name, when there is one.
    pub fn load(given: Option<&Path>) -> Result<Fonts, String> {
        let path = match given {
            Some(path) => path.to_path_buf(),
            None => find().ok_or_else(|| {
                format!(
                    "no monospace font found ({REGULAR} under {}); install one \
                     (Debian: apt-get install fonts-dejavu-core) or pass --font FILE.ttf",
                    FOLDERS.join(", ")
                )
            })?,
        };
        let regular = open(&path)?;
        let bold = bold_beside(&path).map(|p| open(&p)).transpose()?;
        let advance = regular.metrics('M', 1.0).advance_width;
        if advance <= 0.0 {
            return Err(format!("{}: 'M' has no width", path.display()));
        }
        let px = CELL_WIDTH as f32 / advance;
        let line = regular
            .horizontal_line_metrics(px)
            .ok_or_else(|| format!("{}: not a horizontal font", path.display()))?;
        let height = line.ascent - line.descent;
        let cell_h = height.ceil() as usize;
        Ok(Fonts {
            regular,
            bold,
            px,
            cell_w: CELL_WIDTH,
            cell_h,
            baseline: (line.ascent + (cell_h as f32 - height) / 2.0).round(),
            cache: RefCell::new(HashMap::new()),
            path,
        })
    }

    /// The glyph for `c`, from the bold face when `bold` (and it has one).
    pub fn glyph(&self, c: char, bold: bool) -> Rc<Glyph> {
        let mut cache = self.cache.borrow_mut();
        let glyph = cache.entry((c, bold)).or_insert_with(|| {
            let face = match &self.bold {
                Some(face) if bold && face.has_glyph(c) => face,
                _ => &self.regular,
            };
            let (m, coverage) = face.rasterize(c, self.px);
            Rc::new(Glyph {
                left: m.xmin,
                top: self.baseline as i32 - m.ymin - m.height as i32,
                width: m.width,
                height: m.height,
                coverage,
                embolden: bold && self.bold.is_none(),
            })
        });
        Rc::clone(glyph)
    }

    /// Whether the regular face can draw `c`.
    pub fn has(&self, c: char) -> bool {
        self.regular.has_glyph(c)
    }
}

fn open(path: &Path) -> Result<Font, String> {
    let bytes =
        fs::read(path).map_err(|e| format!("cannot read the font {}: {e}", path.display()))?;
    Font::from_bytes(bytes, FontSettings::default())
        .map_err(|e| format!("{} is not a font tether can draw with: {e}", path.display()))
}

/// `Name.ttf` → `Name-Bold.ttf`, when that file exists.
fn bold_beside(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    let ext = path.extension()?.to_str()?;
    let bold = path.with_file_name(format!("{stem}-Bold.{ext}"));
    bold.is_file().then_some(bold)
}

/// The first [`REGULAR`] under the usual font folders.
fn find() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    FOLDERS.iter().find_map(|folder| {
        let folder = match (folder.strip_prefix("~/"), &home) {
            (Some(rest), Some(home)) => home.join(rest),
            (Some(_), None) => return None,
            (None, _) => PathBuf::from(folder),
        };
        search(&folder, 4)
    })
}

/// Looks for [`REGULAR`] in `dir` and its subfolders, `depth` levels down.
fn search(dir: &Path, depth: usize) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    if let Some(found) = entries
        .iter()
        .find(|p| p.file_name() == Some(REGULAR.as_ref()))
    {
        return Some(found.clone());
    }
    entries
        .iter()
        .filter(|p| depth > 0 && p.is_dir())
        .find_map(|p| search(p, depth - 1))
}
