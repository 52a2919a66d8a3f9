//! Safe, aligned text: neutralise control sequences and pad by display width.
//!
//! Postings arrive by email from strangers; an ESC in one must never reach the
//! terminal as a command, and Japanese text must line up in columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replace control characters (ESC, BEL, C1 codes, bidi overrides) with visible stand-ins.
///
/// Newlines and tabs survive when `keep_lines` is set; everything else that could
/// steer a terminal becomes harmless text such as `^[`.
pub fn sanitize(s: &str, keep_lines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' if keep_lines => out.push('\n'),
            '\t' if keep_lines => out.push_str("    "),
            '\n' | '\r' | '\t' => out.push(' '),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from_u32(c as u32 + 0x40).unwrap_or('?'));
            }
            '\u{7f}' => out.push_str("^?"),
            '\u{80}'..='\u{9f}' => out.push('\u{FFFD}'),
            // Bidi overrides and isolates can reorder what a reader sees.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {
                out.push('\u{FFFD}')
            }
            c => out.push(c),
        }
    }
    out
}

/// One line for a table cell: no control characters, no line breaks.
pub fn cell(s: &str) -> String {
    sanitize(s, false)
}

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut to at most `max` columns, marking the cut with `…`.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pad (or cut) to exactly `cols` display columns.
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    let mut out = t;
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Right-align to `cols` display columns.
pub fn pad_left(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(w)).collect();
    out.push_str(&t);
    out
}

/// A plain-text table whose columns line up by display width, for CLI output.
pub fn table(headers: &[&str], rows: &[Vec<String>], max_col: usize) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(c).min(max_col));
            }
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<String>| -> String {
        let mut l = cells
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, widths[i]))
            .collect::<Vec<_>>()
            .join("  ");
        l.truncate(l.trim_end().len());
        l
    };
    out.push_str(&line(headers.iter().map(|h| h.to_string()).collect()));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.iter().map(|c| cell(c)).collect()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_text() {
        let hostile = "案件\x1b[31m赤\x1b]52;c;ZXZpbA==\x07\x1b[2J";
        let s = sanitize(hostile, true);
        assert!(!s.contains('\x1b') && !s.contains('\x07'));
        assert!(s.contains("^[[31m"));
    }

    #[test]
    fn japanese_pads_by_display_width() {
        assert_eq!(width(&pad("品川", 6)), 6);
        assert_eq!(pad("品川", 6), "品川  ");
        assert_eq!(width(&truncate("東京都港区芝浦", 7)), 7);
    }
}
