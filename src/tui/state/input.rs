//! Editable text: a one-line input (search, prompts, fields) and a text area (postings).
//!
//! Cursors count chars, never bytes, so Japanese input cannot split a character.

use crate::text::width;

/// One line of text with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// In chars.
    pub cursor: usize,
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

impl LineInput {
    pub fn with(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = byte_at(&self.text, self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Paste keeps one line: breaks become spaces.
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            });
        }
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        self.cursor -= 1;
        let at = byte_at(&self.text, self.cursor);
        self.text.remove(at);
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = byte_at(&self.text, self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Delete back to the start of the previous word (Ctrl-W).
    pub fn delete_word(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor.min(chars.len());
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        let rest: String = chars[self.cursor.min(chars.len())..].iter().collect();
        self.text = chars[..i].iter().collect::<String>() + &rest;
        self.cursor = i;
    }

    /// Display columns before the cursor, for placing the terminal cursor.
    pub fn cursor_col(&self) -> usize {
        width(&self.text[..byte_at(&self.text, self.cursor)])
    }
}

/// A multi-line text area for a pasted posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    pub lines: Vec<String>,
    pub row: usize,
    /// In chars.
    pub col: usize,
    /// First line in view.
    pub scroll: usize,
}

impl Default for TextArea {
    fn default() -> Self {
        TextArea {
            lines: vec![String::new()],
            row: 0,
            col: 0,
            scroll: 0,
        }
    }
}

/// Postings above this size are not postings; refusing them keeps the screen usable.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

impl TextArea {
    pub fn from_text(text: &str) -> TextArea {
        let mut t = TextArea::default();
        t.insert_str(text);
        t.row = 0;
        t.col = 0;
        t.scroll = 0;
        t
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(String::is_empty)
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    fn len_bytes(&self) -> usize {
        self.lines.iter().map(|l| l.len() + 1).sum()
    }

    fn line_chars(&self) -> usize {
        self.lines.get(self.row).map_or(0, |l| l.chars().count())
    }

    pub fn insert(&mut self, c: char) {
        if c == '\n' {
            self.newline();
            return;
        }
        if c == '\r' || (c.is_control() && c != '\t') || self.len_bytes() >= MAX_TEXT_BYTES {
            return;
        }
        let c = if c == '\t' { ' ' } else { c };
        if let Some(line) = self.lines.get_mut(self.row) {
            let at = byte_at(line, self.col);
            line.insert(at, c);
            self.col += 1;
        }
    }

    /// Pasted text: CRLF and lone CR become line breaks, tabs spaces, other
    /// control characters go; whatever passes the size limit is dropped.
    ///
    /// Built line by line rather than char by char, so a long paste stays linear.
    pub fn insert_str(&mut self, s: &str) {
        let mut room = MAX_TEXT_BYTES.saturating_sub(self.len_bytes());
        let mut clean = String::with_capacity(s.len().min(room));
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            let c = match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    '\n'
                }
                '\t' => ' ',
                c if c.is_control() && c != '\n' => continue,
                c => c,
            };
            if c.len_utf8() > room {
                break;
            }
            room -= c.len_utf8();
            clean.push(c);
        }
        let Some(line) = self.lines.get_mut(self.row) else {
            return;
        };
        let at = byte_at(line, self.col);
        let tail = line.split_off(at);
        let mut parts = clean.split('\n');
        if let Some(first) = parts.next() {
            line.push_str(first);
            self.col += first.chars().count();
        }
        for part in parts {
            self.row += 1;
            self.lines.insert(self.row, part.to_string());
            self.col = part.chars().count();
        }
        if let Some(line) = self.lines.get_mut(self.row) {
            line.push_str(&tail);
        }
    }

    pub fn newline(&mut self) {
        if self.len_bytes() >= MAX_TEXT_BYTES {
            return;
        }
        let Some(line) = self.lines.get_mut(self.row) else {
            return;
        };
        let at = byte_at(line, self.col);
        let tail = line.split_off(at);
        self.lines.insert(self.row + 1, tail);
        self.row += 1;
        self.col = 0;
    }

    pub fn backspace(&mut self) {
        if self.col > 0 {
            self.col -= 1;
            if let Some(line) = self.lines.get_mut(self.row) {
                let at = byte_at(line, self.col);
                line.remove(at);
            }
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.line_chars();
            if let Some(prev) = self.lines.get_mut(self.row) {
                prev.push_str(&line);
            }
        }
    }

    pub fn delete(&mut self) {
        if self.col < self.line_chars() {
            if let Some(line) = self.lines.get_mut(self.row) {
                let at = byte_at(line, self.col);
                line.remove(at);
            }
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            if let Some(line) = self.lines.get_mut(self.row) {
                line.push_str(&next);
            }
        }
    }

    pub fn left(&mut self) {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = self.line_chars();
        }
    }

    pub fn right(&mut self) {
        if self.col < self.line_chars() {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    pub fn up(&mut self, n: usize) {
        self.row = self.row.saturating_sub(n);
        self.col = self.col.min(self.line_chars());
    }

    pub fn down(&mut self, n: usize) {
        self.row = (self.row + n).min(self.lines.len().saturating_sub(1));
        self.col = self.col.min(self.line_chars());
    }

    pub fn home(&mut self) {
        self.col = 0;
    }

    pub fn end(&mut self) {
        self.col = self.line_chars();
    }

    /// Keep the cursor line in a viewport of `height` lines.
    pub fn fit(&mut self, height: usize) {
        let height = height.max(1);
        if self.row < self.scroll {
            self.scroll = self.row;
        } else if self.row >= self.scroll + height {
            self.scroll = self.row + 1 - height;
        }
    }

    /// Display column of the cursor on its line.
    pub fn cursor_col(&self) -> usize {
        self.lines
            .get(self.row)
            .map_or(0, |l| width(&l[..byte_at(l, self.col)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_input_moves_by_chars_and_columns() {
        let mut l = LineInput::default();
        for c in "品川 java".chars() {
            l.insert(c);
        }
        l.home();
        l.right();
        assert_eq!(l.cursor_col(), 2);
        l.backspace();
        assert_eq!(l.text, "川 java");
        l.end();
        l.delete_word();
        assert_eq!(l.text, "川 ");
    }

    #[test]
    fn a_long_paste_is_quick_and_capped() {
        let mut t = TextArea::default();
        t.insert_str("前\n");
        let big = "案件".repeat(MAX_TEXT_BYTES); // well past the cap, one line
        let start = std::time::Instant::now();
        t.insert_str(&big);
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        assert!(t.text().len() <= MAX_TEXT_BYTES);
        assert_eq!(t.lines.len(), 2);
        t.insert_str("x\ty\x1b\r\nz");
        assert_eq!(t.lines.len(), 2, "no room left for more");
        let mut u = TextArea::default();
        u.insert_str("a\tb\x1b[31m\r\nc\rd");
        assert_eq!(u.lines, vec!["a b[31m", "c", "d"]);
        assert_eq!((u.row, u.col), (2, 1));
    }

    #[test]
    fn text_area_joins_and_splits_lines() {
        let mut t = TextArea::default();
        t.insert_str("【案件名】Java\r\n【単価】60万");
        assert_eq!(t.lines.len(), 2);
        t.home();
        t.backspace();
        assert_eq!(t.lines, vec!["【案件名】Java【単価】60万".to_string()]);
        t.newline();
        assert_eq!(t.text(), "【案件名】Java\n【単価】60万");
        assert_eq!(t.cursor_col(), 0);
        t.end();
        assert_eq!(t.cursor_col(), 12);
    }
}
