//! One folded form of offer text to match on, the posting parser's: NFKC, one wave, one dash.
//!
//! Partners mix `６５万～`, `65万〜` and `ﾌﾙﾘﾓｰﾄ` freely; detectors match on the
//! folded text only, so each pattern is written once. Folding and number reading
//! are `posting::normalize`'s; this adds what offers need on top (bullets, kana).

pub(crate) use crate::posting::normalize::{char_at, char_before, number_at};

/// Fold a text the way the posting parser does: NFKC, `〜～∼` as `~`, dashes as `-`,
/// tabs as spaces, no `\r` or zero-width characters.
pub fn fold(s: &str) -> String {
    crate::posting::normalize::Norm::new(s).text
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
            '━', '─', '═',
        ]);
        s = s.trim_start();
        if s.len() == before {
            break;
        }
    }
    s
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
        assert_eq!(fold("エンジニア―"), "エンジニア-");
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
