//! One folded form of offer text to match on: NFKC, one wave, one dash, no tabs.
//!
//! Partners mix `６５万～`, `65万〜` and `ﾌﾙﾘﾓｰﾄ` freely; detectors match on the
//! folded text only, so each pattern is written once.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Fold a text: NFKC, `〜～∼` as `~`, dashes as `-`, tabs as spaces, no `\r`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut group = String::new();
    while let Some(c) = chars.next() {
        let next_combines = chars
            .peek()
            .is_some_and(|&n| is_combining_mark(n) || matches!(n, '\u{FF9E}' | '\u{FF9F}'));
        if !next_combines && is_stable(c) {
            out.push(c);
            continue;
        }
        group.clear();
        group.push(c);
        while let Some(&n) = chars.peek() {
            if is_combining_mark(n) || matches!(n, '\u{FF9E}' | '\u{FF9F}') {
                group.push(n);
                chars.next();
            } else {
                break;
            }
        }
        for n in group.nfkc() {
            if let Some(m) = map(n) {
                out.push(m);
            }
        }
    }
    out
}

/// Characters NFKC leaves alone and `map` keeps: most of a Japanese mail, cheaply.
fn is_stable(c: char) -> bool {
    matches!(c, ' '..='}' | '\n')
        || ('\u{3041}'..='\u{3096}').contains(&c)
        || ('\u{30A1}'..='\u{30FA}').contains(&c)
        || c == 'ー'
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn map(c: char) -> Option<char> {
    Some(match c {
        '\r' => return None,
        '\t' => ' ',
        '〜' | '～' | '∼' | '〰' => '~',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '─' | '━' => '-',
        c => c,
    })
}

/// A number at the start of `s`: digits with `,` thousands and one `.` decimal.
pub fn number_at(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut end = 0;
    let mut digits = String::new();
    let mut seen_dot = false;
    while end < b.len() {
        let c = b[end];
        if c.is_ascii_digit() {
            digits.push(c as char);
        } else if c == b',' && !seen_dot {
            // A thousands comma is followed by exactly three digits.
            let run = b[end + 1..]
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            if run != 3 || digits.is_empty() {
                break;
            }
        } else if c == b'.'
            && !seen_dot
            && !digits.is_empty()
            && b.get(end + 1).is_some_and(u8::is_ascii_digit)
        {
            seen_dot = true;
            digits.push('.');
        } else {
            break;
        }
        end += 1;
    }
    if digits.is_empty() || digits == "." {
        return None;
    }
    digits.parse::<f64>().ok().map(|v| (v, end))
}

/// The last number ending exactly at byte `end` of `s`, if any: `(value, start)`.
pub fn number_before(s: &str, end: usize) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut start = end.min(b.len());
    while start > 0
        && (b[start - 1].is_ascii_digit() || b[start - 1] == b'.' || b[start - 1] == b',')
    {
        start -= 1;
    }
    while start < end && !b[start].is_ascii_digit() {
        start += 1;
    }
    if start >= end {
        return None;
    }
    number_at(&s[start..end])
        .filter(|(_, n)| start + n == end)
        .map(|(v, _)| (v, start))
}

/// Strip bullets, numbering and brackets from the start of a line.
pub fn strip_bullets(line: &str) -> &str {
    let mut s = line.trim();
    loop {
        let before = s.len();
        s = s.trim_start_matches([
            '■', '□', '●', '○', '◆', '◇', '・', '*', '※', '▼', '▽', '▶', '►', '★', '☆', '◎', '>',
            '+', '#', '〇', '▪', '◉', '♦', '-', '|', '>', '»', '→', '⇒', '✓', '✔', '◯', '▲', '△',
        ]);
        s = s.trim_start();
        if s.len() == before {
            break;
        }
    }
    s
}

pub fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

pub fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

pub fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '々' || c == 'ヶ' || c == 'ケ'
}

pub fn is_kana(c: char) -> bool {
    ('\u{3041}'..='\u{3096}').contains(&c) || ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_widths_waves_and_dashes() {
        assert_eq!(fold("６５万～７０万〜"), "65万~70万~");
        assert_eq!(fold("ﾌﾙﾘﾓｰﾄ\t可\r\n"), "フルリモート 可\n");
        assert_eq!(fold("Ｊａｖａ：５年"), "Java:5年");
        assert_eq!(fold("ガ"), "ガ");
    }

    #[test]
    fn numbers() {
        assert_eq!(number_at("650,000円"), Some((650000.0, 7)));
        assert_eq!(number_at("3.5年"), Some((3.5, 3)));
        assert_eq!(number_at("5,6年"), Some((5.0, 1)));
        assert_eq!(number_at("年"), None);
        assert_eq!(number_before("約65万", 5), Some((65.0, 3)));
    }
}
