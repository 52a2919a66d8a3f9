//! Matching text: NFKC, one wave and one dash, with every byte traced back to the original.
//!
//! Postings mix full-width and half-width forms freely (`６０～７０万`, `60〜70万`,
//! `ﾌﾙﾘﾓｰﾄ`); the parser matches on one folded form but reports values as written,
//! so each byte of the folded text remembers where it came from.

use std::ops::Range;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A folded copy of a text with a map back to the original bytes.
#[derive(Debug, Clone)]
pub(crate) struct Norm {
    /// NFKC text, `〜～∼` as `~`, dashes as `-`, tabs as spaces, no `\r`.
    pub text: String,
    /// `text` with ASCII lower-cased: same byte offsets, for case-blind keywords.
    pub low: String,
    /// For each byte of `text`, the byte offset of its source character; one extra entry at the end.
    origin: Vec<u32>,
}

impl Norm {
    pub fn new(orig: &str) -> Norm {
        let mut text = String::with_capacity(orig.len() + 16);
        let mut origin: Vec<u32> = Vec::with_capacity(orig.len() + 17);
        let mut chars = orig.char_indices().peekable();
        let mut group = String::new();
        while let Some((at, c)) = chars.next() {
            let at32 = u32::try_from(at).unwrap_or(u32::MAX);
            let next_combines = chars.peek().is_some_and(|&(_, n)| {
                is_combining_mark(n) || matches!(n, '\u{FF9E}' | '\u{FF9F}')
            });
            if !next_combines {
                if let Some(m) = fast_map(c) {
                    if let Some(m) = m {
                        push(&mut text, &mut origin, m, at32);
                    }
                    continue;
                }
            }
            group.clear();
            group.push(c);
            while let Some(&(_, n)) = chars.peek() {
                if is_combining_mark(n) || matches!(n, '\u{FF9E}' | '\u{FF9F}') {
                    group.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            for n in group.nfkc() {
                if let Some(m) = fold(n) {
                    push(&mut text, &mut origin, m, at32);
                }
            }
        }
        origin.push(u32::try_from(orig.len()).unwrap_or(u32::MAX));
        let low = text.to_ascii_lowercase();
        Norm { text, low, origin }
    }

    /// The original byte range a folded range came from.
    pub fn orig_range(&self, r: Range<usize>) -> Range<usize> {
        let s = self.origin.get(r.start).copied().unwrap_or(0) as usize;
        let e = self
            .origin
            .get(r.end)
            .copied()
            .unwrap_or_else(|| self.origin.last().copied().unwrap_or(0)) as usize;
        s..e.max(s)
    }
}

fn push(text: &mut String, origin: &mut Vec<u32>, c: char, at: u32) {
    let before = text.len();
    text.push(c);
    origin.extend(std::iter::repeat_n(at, text.len() - before));
}

/// Characters NFKC leaves alone (most of Japanese text), mapped without the normalizer.
///
/// `None` means "not on the fast path"; `Some(None)` drops the character.
#[inline]
fn fast_map(c: char) -> Option<Option<char>> {
    match c {
        '\n' => Some(Some('\n')),
        '\r' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}' => Some(None),
        ' '..='}' => Some(Some(c)),
        '~' => Some(Some('~')),
        '\t' => Some(Some(' ')),
        '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FE}' => {
            Some(Some(c))
        }
        '\u{4E00}'..='\u{9FFF}' => Some(Some(c)),
        '\u{3001}' | '\u{3002}' | '\u{300C}'..='\u{300F}' | '\u{3010}' | '\u{3011}' => {
            Some(Some(c))
        }
        '\u{30FB}' => Some(Some('・')),
        '\u{301C}' => Some(Some('~')),
        _ => None,
    }
}

/// Folding applied after NFKC.
#[inline]
fn fold(c: char) -> Option<char> {
    match c {
        '\r' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}' => None,
        '\t' | '\u{00A0}' | '\u{3000}' | '\u{2000}'..='\u{200A}' => Some(' '),
        '\u{301C}' | '\u{223C}' | '\u{FF5E}' | '\u{2053}' => Some('~'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{2043}' => Some('-'),
        c if c.is_control() && c != '\n' => Some(' '),
        c => Some(c),
    }
}

/// The first byte offset of `s` from `from` on where a number starts: an ASCII digit that does
/// not continue a number before it (nor, with `decimals`, the part after a decimal point).
/// Scanners call it again from past what they read.
pub(crate) fn number_start(s: &str, from: usize, decimals: bool) -> Option<usize> {
    let b = s.as_bytes();
    (from..b.len()).find(|&i| {
        b[i].is_ascii_digit()
            && !(i > 0 && (b[i - 1].is_ascii_digit() || (decimals && b[i - 1] == b'.')))
    })
}

/// The next number of `s` from `from` on (see [`number_start`]) that [`number_at`] reads:
/// where it starts, its value and its length.
pub(crate) fn next_number(s: &str, mut from: usize, decimals: bool) -> Option<(usize, f64, usize)> {
    while let Some(at) = number_start(s, from, decimals) {
        if let Some((value, len)) = number_at(&s[at..]) {
            return Some((at, value, len));
        }
        from = at + 1;
    }
    None
}

/// A number written at the start of `s` (ASCII digits, `,` thousands, one `.`): value and length.
pub(crate) fn number_at(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut i = 0;
    let mut digits = String::new();
    let mut seen_dot = false;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            digits.push(c as char);
            i += 1;
        } else if c == b','
            && !seen_dot
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            i += 1;
        } else if c == b'.' && !seen_dot && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            seen_dot = true;
            digits.push('.');
            i += 1;
        } else {
            break;
        }
        if digits.len() > 12 {
            return None;
        }
    }
    digits.parse::<f64>().ok().map(|v| (v, i))
}

/// A small number written in kanji (`一`, `二`, `十二`) at the start of `s`: value and byte length.
pub(crate) fn kanji_number_at(s: &str) -> Option<(u32, usize)> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut chars = s.char_indices();
    let (_, c0) = chars.next()?;
    if c0 == '十' {
        return match chars.next() {
            Some((i, c)) => match digit(c) {
                Some(d) => Some((10 + d, i + c.len_utf8())),
                None => Some((10, i)),
            },
            None => Some((10, c0.len_utf8())),
        };
    }
    let d0 = digit(c0)?;
    let mut len = c0.len_utf8();
    let mut rest = chars.clone();
    if let Some((i, '十')) = rest.next() {
        let mut v = d0 * 10;
        len = i + '十'.len_utf8();
        if let Some((j, c)) = rest.next() {
            if let Some(d) = digit(c) {
                v += d;
                len = j + c.len_utf8();
            }
        }
        return Some((v, len));
    }
    Some((d0, len))
}

/// Byte offset of the previous char boundary before `i`, and that char.
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// True for hiragana, katakana and CJK ideographs: the letters of Japanese text.
pub(crate) fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_widths_and_waves_and_maps_back() {
        let orig = "単価：６０～７０万円〜\tＭＡＸ";
        let n = Norm::new(orig);
        assert_eq!(n.text, "単価:60~70万円~ MAX");
        assert_eq!(n.low, "単価:60~70万円~ max");
        let at = n.text.find("60").unwrap();
        assert_eq!(&orig[n.orig_range(at..at + 2)], "６０");
        assert_eq!(&orig[n.orig_range(0..n.text.len())], orig);
    }

    #[test]
    fn half_width_kana_composes() {
        let n = Norm::new("ﾌﾙﾘﾓｰﾄ ｶﾞ");
        assert_eq!(n.text, "フルリモート ガ");
    }

    #[test]
    fn numbers() {
        for (s, want) in [
            ("660,000円", Some((660_000.0, 7))),
            ("65.5万", Some((65.5, 4))),
            ("12,34", Some((12.0, 2))),
            ("x1", None),
            ("1,000,000", Some((1_000_000.0, 9))),
        ] {
            assert_eq!(number_at(s), want, "{s}");
        }
        assert_eq!(kanji_number_at("二回"), Some((2, 3)));
        assert_eq!(kanji_number_at("十二"), Some((12, 6)));
        assert_eq!(kanji_number_at("回"), None);
    }
}
