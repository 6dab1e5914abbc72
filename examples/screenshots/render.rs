//! Paints a captured screen into pixels, the way a terminal would show it, and writes them
//! to a PNG file.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use crate::boxes;
use crate::font::Fonts;
use crate::grid::{BACKGROUND, Grid, Rgb};

/// Pixels of terminal background around the screen, like a window's padding.
const MARGIN: usize = 12;

/// An RGB image.
pub struct Canvas {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Three bytes a pixel, row by row.
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: usize, height: usize, colour: Rgb) -> Canvas {
        Canvas {
            width,
            height,
            pixels: colour.repeat(width * height),
        }
    }

    /// Lays `colour` over the pixel at (`x`, `y`) with opacity `alpha` (0 to 1); a pixel
    /// outside the canvas is left alone.
    fn blend(&mut self, x: i64, y: i64, colour: Rgb, alpha: f32) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height || alpha <= 0.0 {
            return;
        }
        let at = (y as usize * self.width + x as usize) * 3;
        for (channel, &value) in self.pixels[at..at + 3].iter_mut().zip(&colour) {
            let mixed = f32::from(*channel) + (f32::from(value) - f32::from(*channel)) * alpha;
            *channel = mixed.round().clamp(0.0, 255.0) as u8;
        }
    }

    /// Fills a `w`×`h` rectangle whose top-left corner is (`x`, `y`).
    fn fill(&mut self, (x, y): (usize, usize), (w, h): (usize, usize), colour: Rgb) {
        for row in y..y + h {
            for col in x..x + w {
                self.blend(col as i64, row as i64, colour, 1.0);
            }
        }
    }

    /// Writes the image as a PNG file.
    pub fn write_png(&self, path: &Path) -> Result<(), String> {
        let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
        let file = File::create(path).map_err(|e| fail(&e))?;
        let mut encoder =
            png::Encoder::new(BufWriter::new(file), self.width as u32, self.height as u32);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().map_err(|e| fail(&e))?;
        writer
            .write_image_data(&self.pixels)
            .map_err(|e| fail(&e))?;
        writer.finish().map_err(|e| fail(&e))
    }
}

/// The screen in pixels: every cell's background first, then every cell's text on top (so
/// that a glyph reaching past its cell is not painted over by the next one). Returns the
/// characters the font could not draw as well.
pub fn paint(grid: &Grid, fonts: &Fonts) -> (Canvas, BTreeSet<char>) {
    let (cw, ch) = (fonts.cell_w, fonts.cell_h);
    let mut canvas = Canvas::new(
        usize::from(grid.cols) * cw + 2 * MARGIN,
        usize::from(grid.rows) * ch + 2 * MARGIN,
        BACKGROUND,
    );
    let origin = |row: u16, col: u16| {
        (
            MARGIN + usize::from(col) * cw,
            MARGIN + usize::from(row) * ch,
        )
    };
    for row in 0..grid.rows {
        for col in 0..grid.cols {
            canvas.fill(origin(row, col), (cw, ch), grid.at(row, col).bg);
        }
    }
    let mut missing = BTreeSet::new();
    for row in 0..grid.rows {
        for col in 0..grid.cols {
            let cell = grid.at(row, col);
            let (x, y) = origin(row, col);
            let width = if cell.wide { 2 * cw } else { cw };
            for c in cell.text.chars().filter(|c| !c.is_whitespace()) {
                if !draw(&mut canvas, fonts, (x, y), width, c, cell) {
                    missing.insert(c);
                }
            }
            if cell.underline {
                let line = (y + ch - ch / 8).min(y + ch - 1);
                canvas.fill((x, line), (width, 1), cell.fg);
            }
        }
    }
    (canvas, missing)
}

/// Draws `c` in the cell whose top-left corner is (`x`, `y`); false when the font has no
/// glyph for it (its placeholder is drawn then).
fn draw(
    canvas: &mut Canvas,
    fonts: &Fonts,
    (x, y): (usize, usize),
    width: usize,
    c: char,
    cell: &crate::grid::Cell,
) -> bool {
    if let Some(coverage) = boxes::coverage(c, width, fonts.cell_h) {
        for (i, &alpha) in coverage.iter().enumerate() {
            let (dx, dy) = (i % width, i / width);
            canvas.blend((x + dx) as i64, (y + dy) as i64, cell.fg, alpha);
        }
        return true;
    }
    let glyph = fonts.glyph(c, cell.bold);
    let passes: &[i64] = if glyph.embolden { &[0, 1] } else { &[0] };
    for &shift in passes {
        for gy in 0..glyph.height {
            for gx in 0..glyph.width {
                let alpha = f32::from(glyph.coverage[gy * glyph.width + gx]) / 255.0;
                let px = x as i64 + i64::from(glyph.left) + gx as i64 + shift;
                let py = y as i64 + i64::from(glyph.top) + gy as i64;
                canvas.blend(px, py, cell.fg, alpha);
            }
        }
    }
    fonts.has(c)
}
