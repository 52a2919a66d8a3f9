//! One mail, several postings: cut at `■案件1` / `【案件②】` headings, at separator lines
//! between complete postings, or before each repeated `案件名：`.
//!
//! Cutting a single posting in two would lose half its fields, so a cut is made only
//! when every piece reads as a posting on its own (a title or a rate, plus skills, a
//! period or a description).

use std::ops::Range;

use super::labels::Field;
use super::layout::{Doc, Kind};

/// Byte ranges of the postings in `text`; the whole text when it holds one posting.
pub fn split(text: &str) -> Vec<Range<usize>> {
    #[allow(clippy::single_range_in_vec_init)] // one piece: the whole text
    let whole = vec![0..text.len()];
    if text.len() > super::MAX_POSTING_BYTES * 4 {
        return whole;
    }
    split_doc(text, &Doc::new(text))
}

/// [`split`] with the whole text's layout already read.
pub(crate) fn split_doc(text: &str, doc: &Doc<'_>) -> Vec<Range<usize>> {
    #[allow(clippy::single_range_in_vec_init)] // one piece: the whole text
    let whole = vec![0..text.len()];
    let lines = line_ranges(text);
    if let Some(cuts) = numbered_headings(doc, &lines) {
        return pieces(text, &cuts);
    }
    if let Some(cuts) = separated_postings(text, doc, &lines) {
        return pieces(text, &cuts);
    }
    if let Some(cuts) = repeated_titles(text, doc, &lines) {
        return pieces(text, &cuts);
    }
    whole
}

fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for l in text.split_inclusive('\n') {
        out.push(start..start + l.len());
        start += l.len();
    }
    out
}

/// From each cut to the next; text before the first cut (a greeting) stays with the first posting.
fn pieces(text: &str, cuts: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut bounds: Vec<usize> = cuts.to_vec();
    bounds[0] = 0;
    for (i, &s) in bounds.iter().enumerate() {
        let e = bounds.get(i + 1).copied().unwrap_or(text.len());
        if text[s..e].trim().is_empty() {
            continue;
        }
        out.push(s..e);
    }
    out
}

/// `■案件1`, `【案件②】`, `==== 案件3 ====`, `◆1件目`, `No.2`: numbered posting headings.
fn numbered_headings(doc: &Doc<'_>, lines: &[Range<usize>]) -> Option<Vec<usize>> {
    let mut cuts = Vec::new();
    let mut numbers = Vec::new();
    for (i, r) in lines.iter().enumerate() {
        if i >= doc.lines.len() {
            break;
        }
        if let Some(n) = heading_number(doc.low(doc.content(i))) {
            cuts.push(r.start);
            numbers.push(n);
        }
    }
    // Two or more headings, numbered upwards: `案件1` then `案件2`.
    let rising = numbers.windows(2).all(|w| w[1] > w[0]);
    (cuts.len() >= 2 && rising).then_some(cuts)
}

fn heading_number(low: &str) -> Option<u32> {
    let t = low.trim().trim_start_matches(|c: char| {
        c == '>'
            || c == ' '
            || matches!(
                c,
                '■' | '□'
                    | '◆'
                    | '◇'
                    | '●'
                    | '○'
                    | '▼'
                    | '★'
                    | '☆'
                    | '【'
                    | '['
                    | '<'
                    | '《'
                    | '〔'
                    | '='
                    | '-'
                    | '~'
                    | '*'
                    | '#'
                    | '━'
                    | '─'
                    | '＝'
                    | '・'
            )
    });
    let (rest, number_first) = if let Some(r) = [
        "案件情報",
        "案件",
        "求人",
        "募集案件",
        "job",
        "position",
        "opening",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
    {
        (r.trim_start_matches([' ', ':', '.']), false)
    } else if let Some(r) = t.strip_prefix("no.").or_else(|| t.strip_prefix("no")) {
        (r.trim_start_matches([' ', '.']), false)
    } else if let Some(r) = t.strip_prefix('第') {
        (r, true)
    } else {
        (t, true)
    };
    let rest = rest.trim_start_matches(['n', 'o', '.', '#', '№', ' ']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let (n, after) = if !digits.is_empty() {
        (digits.parse::<u32>().ok()?, &rest[digits.len()..])
    } else if let Some((v, l)) = super::normalize::kanji_number_at(rest) {
        (v, &rest[l..])
    } else {
        return None;
    };
    let after = after.trim_start();
    if number_first {
        // `1件目`, `第2案件`: the number must be marked as a posting count.
        let after = after
            .strip_prefix("件目")
            .or_else(|| after.strip_prefix("案件"))?;
        return closes(after).then_some(n);
    }
    closes(after).then_some(n)
}

/// After a heading number only a closing mark, a separator or a short caption may follow.
fn closes(after: &str) -> bool {
    let t = after.trim_start_matches(|c: char| {
        matches!(
            c,
            '】' | ']'
                | '>'
                | '》'
                | '〕'
                | ')'
                | ':'
                | ' '
                | '='
                | '-'
                | '~'
                | '■'
                | '━'
                | '─'
                | '.'
        )
    });
    t.chars().count() <= 40
        && !t.starts_with(|c: char| c.is_ascii_digit() || c == '万' || c == '名' || c == '回')
}

/// Fields that say "this is a posting" when a block has them.
fn posting_fields(text: &str) -> (usize, bool) {
    let doc = Doc::new(text);
    let mut kinds: Vec<Field> = doc
        .segs
        .iter()
        .map(|s| s.field)
        .filter(|f| !matches!(f, Field::Other | Field::Conditions | Field::Hours))
        .collect();
    kinds.sort_by_key(|f| *f as u8);
    kinds.dedup();
    let head = kinds.contains(&Field::Title) || kinds.contains(&Field::Rate);
    let body = kinds.iter().any(|f| {
        matches!(
            f,
            Field::Must
                | Field::Nice
                | Field::Skills
                | Field::Env
                | Field::Description
                | Field::Start
                | Field::Period
        )
    });
    (kinds.len(), head && body)
}

/// Blocks between separator lines, two or more of which are whole postings.
fn separated_postings(text: &str, doc: &Doc<'_>, lines: &[Range<usize>]) -> Option<Vec<usize>> {
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, r) in lines.iter().enumerate() {
        let sep = doc.lines.get(i).is_some_and(|l| {
            l.kind == Kind::Separator
                || (l.kind == Kind::Noise && doc.text(doc.content(i)).starts_with("---"))
        });
        if sep {
            if start < r.start {
                blocks.push(start..r.start);
            }
            start = r.end;
        }
    }
    if start < text.len() {
        blocks.push(start..text.len());
    }
    if blocks.len() < 2 {
        return None;
    }
    let complete: Vec<bool> = blocks
        .iter()
        .map(|b| {
            let (n, whole) = posting_fields(&text[b.clone()]);
            whole && n >= 3
        })
        .collect();
    if complete.iter().filter(|&&c| c).count() < 2 {
        return None;
    }
    // Each complete block starts a posting; the rest belong to the posting before them.
    let cuts: Vec<usize> = blocks
        .iter()
        .zip(&complete)
        .filter(|(_, &c)| c)
        .map(|(b, _)| b.start)
        .collect();
    Some(cuts)
}

/// `案件名：` written again further down, each part a posting of its own.
fn repeated_titles(text: &str, doc: &Doc<'_>, lines: &[Range<usize>]) -> Option<Vec<usize>> {
    let mut cuts: Vec<usize> = doc
        .segs
        .iter()
        .filter(|s| s.field == Field::Title && !s.value.is_empty())
        .filter_map(|s| lines.get(s.line).map(|r| r.start))
        .collect();
    cuts.dedup();
    if cuts.len() < 2 {
        return None;
    }
    for (i, &s) in cuts.iter().enumerate() {
        let e = cuts.get(i + 1).copied().unwrap_or(text.len());
        let (n, whole) = posting_fields(&text[s..e]);
        if !(whole && n >= 3) {
            return None;
        }
    }
    cuts[0] = 0;
    Some(cuts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<String> {
        split(text)
            .into_iter()
            .map(|r| text[r].trim().lines().next().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn numbered_headings_cut() {
        let text = "各位\nお世話になっております。\n\n■案件1\n案件名：A\n単価：60万\n\n■案件2\n案件名：B\n単価：70万\n\n以上";
        assert_eq!(parts(text), vec!["各位", "■案件2"]);
        let text = "【案件①】Java開発\n単価：60万\n【案件②】PHP開発\n単価：55万";
        assert_eq!(parts(text), vec!["【案件①】Java開発", "【案件②】PHP開発"]);
    }

    #[test]
    fn separators_between_whole_postings_cut() {
        let text = "お世話になっております。\n==========\n案件名：A\n必須：Java\n単価：60万\n==========\n案件名：B\n必須：PHP\n単価：55万\n==========\n株式会社サンプル";
        assert_eq!(parts(text), vec!["お世話になっております。", "案件名：B"]);
        assert!(text[split(text)[0].clone()].contains("案件名：A"));
    }

    #[test]
    fn one_posting_with_separators_stays_whole() {
        let text = "お世話になっております。\n----------\n案件名：A\n概要：EC開発\n単価：60万\n場所：品川\n----------\n必須：Java\n尚可：AWS\n面談：1回\n----------\n株式会社サンプル\nTEL: 03-0000-0000";
        assert_eq!(split(text), vec![0..text.len()]);
        assert_eq!(split("単価：60万"), vec![0.."単価：60万".len()]);
        assert_eq!(split(""), vec![0..0]);
    }

    #[test]
    fn repeated_titles_cut() {
        let text = "案件名：A\n必須：Java\n単価：60万\n\n案件名：B\n必須：PHP\n単価：55万\n";
        assert_eq!(parts(text), vec!["案件名：A", "案件名：B"]);
    }
}
