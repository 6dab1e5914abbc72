//! Box-drawing and block characters drawn from geometry, as terminals do: a font's glyphs
//! for them are made for the font's own line height, so they would not meet across cells.

/// How a line-drawing character's four arms look: none, light or heavy.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arm {
    None,
    Light,
    Heavy,
}

use Arm::{Heavy as H, Light as L, None as N};

/// The arms (up, right, down, left) of the line-drawing characters tether's panes use.
const LINES: &[(char, [Arm; 4])] = &[
    ('─', [N, L, N, L]),
    ('━', [N, H, N, H]),
    ('│', [L, N, L, N]),
    ('┃', [H, N, H, N]),
    ('┌', [N, L, L, N]),
    ('┐', [N, N, L, L]),
    ('└', [L, L, N, N]),
    ('┘', [L, N, N, L]),
    ('┏', [N, H, H, N]),
    ('┓', [N, N, H, H]),
    ('┗', [H, H, N, N]),
    ('┛', [H, N, N, H]),
    ('├', [L, L, L, N]),
    ('┤', [L, N, L, L]),
    ('┬', [N, L, L, L]),
    ('┴', [L, L, N, L]),
    ('┼', [L, L, L, L]),
    ('╴', [N, N, N, L]),
    ('╵', [L, N, N, N]),
    ('╶', [N, L, N, N]),
    ('╷', [N, N, L, N]),
];

/// The rounded corners, by the directions of their arms: (right = 1 or left = -1,
/// down = 1 or up = -1).
const ROUNDED: &[(char, (f32, f32))] = &[
    ('╭', (1.0, 1.0)),
    ('╮', (-1.0, 1.0)),
    ('╯', (-1.0, -1.0)),
    ('╰', (1.0, -1.0)),
];

/// How much of a `w`×`h` cell `c` covers with its colour, pixel by pixel (row by row,
/// 0 to 1), or `None` when the font should draw it.
pub fn coverage(c: char, w: usize, h: usize) -> Option<Vec<f32>> {
    let mut cell = Cell {
        w,
        h,
        px: vec![0.0; w * h],
    };
    if let Some(&(_, arms)) = LINES.iter().find(|(ch, _)| *ch == c) {
        cell.lines(arms);
    } else if let Some(&(_, dirs)) = ROUNDED.iter().find(|(ch, _)| *ch == c) {
        cell.rounded(dirs);
    } else if !cell.block(c) {
        return None;
    }
    Some(cell.px)
}

/// A cell's coverage being drawn.
struct Cell {
    w: usize,
    h: usize,
    px: Vec<f32>,
}

impl Cell {
    /// A line's thickness in pixels.
    fn thickness(&self, arm: Arm) -> usize {
        let light = (self.w / 10).max(1);
        match arm {
            Arm::None => 0,
            Arm::Light => light,
            Arm::Heavy => light * 3,
        }
    }

    /// Where a line of thickness `t` centred in a length `len` starts and ends.
    fn span(len: usize, t: usize) -> (usize, usize) {
        let start = (len / 2).saturating_sub(t / 2);
        (start, (start + t).min(len))
    }

    /// Covers the rectangle from (x0, y0) to (x1, y1), exclusive, with `value`.
    fn fill(&mut self, (x0, y0): (usize, usize), (x1, y1): (usize, usize), value: f32) {
        for y in y0..y1.min(self.h) {
            for x in x0..x1.min(self.w) {
                let p = &mut self.px[y * self.w + x];
                *p = p.max(value);
            }
        }
    }

    /// Straight arms from the centre to the edges; each reaches across the widest line
    /// crossing it, so corners and joins are filled.
    fn lines(&mut self, [up, right, down, left]: [Arm; 4]) {
        let across_v = self.thickness(up).max(self.thickness(down));
        let across_h = self.thickness(left).max(self.thickness(right));
        let (w, h) = (self.w, self.h);
        for (arm, horizontal, forward) in [
            (up, false, false),
            (right, true, true),
            (down, false, true),
            (left, true, false),
        ] {
            let t = self.thickness(arm);
            if t == 0 {
                continue;
            }
            if horizontal {
                let (y0, y1) = Cell::span(h, t);
                let (x0, x1) = Cell::span(w, across_v.max(t));
                let (from, to) = if forward { (x0, w) } else { (0, x1) };
                self.fill((from, y0), (to, y1), 1.0);
            } else {
                let (x0, x1) = Cell::span(w, t);
                let (y0, y1) = Cell::span(h, across_h.max(t));
                let (from, to) = if forward { (y0, h) } else { (0, y1) };
                self.fill((x0, from), (x1, to), 1.0);
            }
        }
    }

    /// A rounded corner: a quarter circle joining a light arm towards `dx` and one
    /// towards `dy`, each continued straight to its edge.
    fn rounded(&mut self, (dx, dy): (f32, f32)) {
        let t = self.thickness(Arm::Light);
        let (x0, _) = Cell::span(self.w, t);
        let (y0, _) = Cell::span(self.h, t);
        let (cx, cy) = (x0 as f32 + t as f32 / 2.0, y0 as f32 + t as f32 / 2.0);
        let reach_x = if dx > 0.0 { self.w as f32 - cx } else { cx };
        let reach_y = if dy > 0.0 { self.h as f32 - cy } else { cy };
        let r = reach_x.min(reach_y);
        let (ox, oy) = (cx + dx * r, cy + dy * r);
        let half = t as f32 / 2.0;
        for y in 0..self.h {
            for x in 0..self.w {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let (ax, ay) = ((px - ox) * dx, (py - oy) * dy);
                let distance = if ax <= 0.0 && ay <= 0.0 {
                    ((px - ox).hypot(py - oy) - r).abs()
                } else if ax > 0.0 && ay <= 0.0 {
                    (py - cy).abs()
                } else if ay > 0.0 && ax <= 0.0 {
                    (px - cx).abs()
                } else {
                    f32::INFINITY
                };
                let value = (half + 0.5 - distance).clamp(0.0, 1.0);
                let p = &mut self.px[y * self.w + x];
                *p = p.max(value);
            }
        }
    }

    /// The block elements (U+2580–U+2595): whole, halves, eighths and shades.
    fn block(&mut self, c: char) -> bool {
        let (w, h) = (self.w, self.h);
        let eighths = |len: usize, n: u32| (len * n as usize + 4) / 8;
        let code = c as u32;
        match c {
            '█' => self.fill((0, 0), (w, h), 1.0),
            '▀' => self.fill((0, 0), (w, h / 2), 1.0),
            '▐' => self.fill((w / 2, 0), (w, h), 1.0),
            '▔' => self.fill((0, 0), (w, eighths(h, 1)), 1.0),
            '▕' => self.fill((w - eighths(w, 1), 0), (w, h), 1.0),
            '░' | '▒' | '▓' => {
                let shade = (code - 0x2590) as f32 / 4.0;
                self.fill((0, 0), (w, h), shade);
            }
            // ▁ ▂ ▃ ▄ ▅ ▆ ▇: the lower n eighths.
            '\u{2581}'..='\u{2587}' => self.fill((0, h - eighths(h, code - 0x2580)), (w, h), 1.0),
            // ▉ ▊ ▋ ▌ ▍ ▎ ▏: the left n eighths, n falling from 7 to 1.
            '\u{2589}'..='\u{258F}' => self.fill((0, 0), (eighths(w, 0x2590 - code), h), 1.0),
            _ => return false,
        }
        true
    }
}
