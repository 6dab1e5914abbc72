//! A captured screen: every cell's text with the colours and weight a dark terminal would
//! give it, resolved to RGB so that rendering needs nothing else.

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// The terminal's own background: ratatui's default, under every pane.
pub const BACKGROUND: Rgb = [0x1a, 0x1b, 0x1f];

/// The terminal's own foreground: text in the default colour.
pub const FOREGROUND: Rgb = [0xd6, 0xd6, 0xd6];

/// The sixteen basic colours (a calm dark-terminal palette; tether's dark theme uses the
/// 256-colour cube and ramp, which are fixed).
const BASIC: [Rgb; 16] = [
    [0x1a, 0x1b, 0x1f],
    [0xd0, 0x5a, 0x5a],
    [0x8c, 0xb8, 0x6e],
    [0xd8, 0xb0, 0x5a],
    [0x6a, 0x9f, 0xd8],
    [0xb0, 0x7a, 0xc8],
    [0x5f, 0xb8, 0xb8],
    [0xc8, 0xc8, 0xc8],
    [0x60, 0x63, 0x6b],
    [0xf0, 0x76, 0x76],
    [0xa8, 0xd8, 0x8a],
    [0xf0, 0xd0, 0x7a],
    [0x8a, 0xbc, 0xf0],
    [0xd0, 0x9a, 0xe8],
    [0x7f, 0xd8, 0xd8],
    [0xf4, 0xf4, 0xf4],
];

/// One cell of the screen.
#[derive(Clone, Debug)]
pub struct Cell {
    /// What it shows (empty for a blank, or for the right half of a wide character).
    pub text: String,
    /// The colour of its text.
    pub fg: Rgb,
    /// The colour behind it.
    pub bg: Rgb,
    /// Bold text.
    pub bold: bool,
    /// Underlined text.
    pub underline: bool,
    /// A character two cells wide starts here.
    pub wide: bool,
}

/// A whole screen, row by row.
#[derive(Clone, Debug)]
pub struct Grid {
    /// Rows on the screen.
    pub rows: u16,
    /// Columns on the screen.
    pub cols: u16,
    /// `rows × cols` cells, the first row first.
    pub cells: Vec<Cell>,
}

impl Grid {
    /// The cells of a `vt100` screen, with reverse video and dim text applied.
    pub fn from_screen(screen: &vt100::Screen) -> Grid {
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        let mut cells = Vec::with_capacity(usize::from(rows) * usize::from(cols));
        for row in 0..rows {
            for col in 0..cols {
                cells.push(screen.cell(row, col).map_or_else(blank, cell));
            }
        }
        Grid { rows, cols, cells }
    }

    /// The cell at `row`, `col`.
    pub fn at(&self, row: u16, col: u16) -> &Cell {
        &self.cells[usize::from(row) * usize::from(self.cols) + usize::from(col)]
    }
}

fn blank() -> Cell {
    Cell {
        text: String::new(),
        fg: FOREGROUND,
        bg: BACKGROUND,
        bold: false,
        underline: false,
        wide: false,
    }
}

fn cell(from: &vt100::Cell) -> Cell {
    let mut fg = rgb(from.fgcolor(), FOREGROUND);
    let mut bg = rgb(from.bgcolor(), BACKGROUND);
    if from.inverse() {
        std::mem::swap(&mut fg, &mut bg);
    }
    if from.dim() {
        fg = mix(bg, fg, 0.6);
    }
    Cell {
        text: if from.is_wide_continuation() {
            String::new()
        } else {
            from.contents().to_string()
        },
        fg,
        bg,
        bold: from.bold(),
        underline: from.underline(),
        wide: from.is_wide(),
    }
}

/// A `vt100` colour in RGB, `default` for the terminal's own.
fn rgb(color: vt100::Color, default: Rgb) -> Rgb {
    match color {
        vt100::Color::Default => default,
        vt100::Color::Idx(i) => indexed(i),
        vt100::Color::Rgb(r, g, b) => [r, g, b],
    }
}

/// Colour `i` of the 256-colour palette: the basic sixteen, the 6×6×6 cube, the grey ramp.
pub fn indexed(i: u8) -> Rgb {
    match i {
        0..16 => BASIC[usize::from(i)],
        16..232 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = i - 16;
            [level(n / 36), level(n / 6 % 6), level(n % 6)]
        }
        232.. => {
            let grey = 8 + 10 * (i - 232);
            [grey; 3]
        }
    }
}

/// `from` moved towards `to` by `amount` (0 stays at `from`, 1 reaches `to`).
pub fn mix(from: Rgb, to: Rgb, amount: f32) -> Rgb {
    let channel =
        |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * amount).round() as u8;
    [
        channel(from[0], to[0]),
        channel(from[1], to[1]),
        channel(from[2], to[2]),
    ]
}
