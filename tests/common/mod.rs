//! Helpers shared by the screen tests: a drawn buffer read back as text.

use lvread::layout::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The text inside a rectangle of the screen, a string per row (a wide
/// character once, not followed by its padding cell).
#[allow(dead_code)]
pub fn region(buf: &Buffer, r: Rect) -> Vec<String> {
    (r.y..r.y + r.height)
        .map(|y| {
            let mut s = String::new();
            let mut x = r.x;
            while x < r.x + r.width {
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
                x += (str_width(sym) as u16).max(1);
            }
            s
        })
        .collect()
}

/// The whole screen as rows of text.
#[allow(dead_code)]
pub fn rows(buf: &Buffer) -> Vec<String> {
    region(buf, buf.area)
}
