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
    parts(text).postings
}

/// A mail cut into postings, with the text they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// Each posting; the first keeps the greeting above it, the last the text below it.
    pub postings: Vec<Range<usize>>,
    /// Text that speaks for every posting: what comes before the first (`各位、以下2件…
    /// 商流：貴社社員まで`) and a closing block after the last (`■共通条件`, or below a
    /// separator, holding only terms such as 商流 or 面談). Empty for one posting.
    pub shared: Vec<Range<usize>>,
}

impl Parts {
    /// One posting: the whole text.
    fn whole(text: &str) -> Parts {
        #[allow(clippy::single_range_in_vec_init)] // one piece: the whole text
        let postings = vec![0..text.len()];
        Parts {
            postings,
            shared: Vec::new(),
        }
    }
}

/// [`split`] with the shared text.
pub fn parts(text: &str) -> Parts {
    if text.len() > super::MAX_POSTING_BYTES * 4 {
        return Parts::whole(text);
    }
    parts_doc(text, &Doc::new(text))
}

/// [`parts`] with the whole text's layout already read.
pub(crate) fn parts_doc(text: &str, doc: &Doc<'_>) -> Parts {
    let lines = line_ranges(text);
    let cuts = numbered_headings(doc, &lines)
        .or_else(|| marked_blocks(text, doc, &lines))
        .or_else(|| separated_postings(text, doc, &lines))
        .or_else(|| repeated_titles(text, doc, &lines));
    let Some(cuts) = cuts else {
        return Parts::whole(text);
    };
    let postings = pieces(text, &cuts);
    let mut shared = Vec::new();
    if cuts[0] > 0 && !text[..cuts[0]].trim().is_empty() {
        shared.push(0..cuts[0]);
    }
    if let Some(f) = postings
        .last()
        .and_then(|l| footer(text, doc, &lines, l.clone()))
    {
        shared.push(f);
    }
    Parts { postings, shared }
}

/// A closing block of the last posting that speaks for all: from a `共通` heading or a
/// separator line to the end, holding terms (商流, 面談, 精算 …) and nothing that makes
/// a posting of its own (title, rate, skills, work).
fn footer(
    text: &str,
    doc: &Doc<'_>,
    lines: &[Range<usize>],
    last: Range<usize>,
) -> Option<Range<usize>> {
    let mut tries = 0;
    for (i, r) in lines.iter().enumerate() {
        if r.start <= last.start || r.start >= last.end || i >= doc.lines.len() {
            continue;
        }
        let l = &doc.lines[i];
        let cue = l.kind == Kind::Separator || doc.low(doc.content(i)).contains("共通");
        if !cue {
            continue;
        }
        let rest = r.start..last.end;
        if shared_terms_only(&text[rest.clone()]) {
            return Some(rest);
        }
        // Each try reads the rest of the text: a few tries keep a mail of many
        // separator lines linear.
        tries += 1;
        if tries == 4 {
            break;
        }
    }
    None
}

/// Terms a mail states once for all its postings, and nothing of a posting's own.
fn shared_terms_only(text: &str) -> bool {
    let doc = Doc::new(text);
    let mut terms = false;
    for s in &doc.segs {
        // `■各案件共通` names the block, not a posting.
        if doc.low(doc.content(s.line)).contains("共通") {
            continue;
        }
        match s.field {
            Field::Title
            | Field::Must
            | Field::Nice
            | Field::Skills
            | Field::Env
            | Field::Description
            | Field::Rate => return false,
            Field::Other | Field::Conditions | Field::Hours => {}
            _ => terms = true,
        }
    }
    terms
}

/// `①` … `④` or `【案件A】` heading blocks that each read as a posting on their own (a
/// circled number also numbers requirement items, so the blocks must prove themselves).
fn marked_blocks(text: &str, doc: &Doc<'_>, lines: &[Range<usize>]) -> Option<Vec<usize>> {
    let mut cuts = Vec::new();
    let mut last = 0;
    for (i, r) in lines.iter().enumerate() {
        if i >= doc.lines.len() {
            break;
        }
        let orig = doc.orig_text(doc.content(i));
        let Some(n) = circled_heading(orig) else {
            continue;
        };
        if n != last + 1 {
            // `①` again inside a block (its own numbered items) ends the run.
            if n == 1 || cuts.len() < 2 {
                return None;
            }
            continue;
        }
        cuts.push(r.start);
        last = n;
    }
    if cuts.len() < 2 {
        return None;
    }
    for (i, &s) in cuts.iter().enumerate() {
        let e = cuts.get(i + 1).copied().unwrap_or(text.len());
        if !posting_fields(&text[s..e]).1 {
            return None;
        }
    }
    Some(cuts)
}

/// The number of a line that opens with a circled number (`①Java開発`, `■② 案件名：…`).
fn circled_heading(orig: &str) -> Option<u32> {
    let t = orig.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '■' | '□' | '◆' | '◇' | '●' | '【' | '[' | '［' | '>' | '＞'
            )
    });
    let c = t.chars().next()?;
    let n = match c {
        '\u{2460}'..='\u{2473}' => c as u32 - 0x2460 + 1,
        '\u{2776}'..='\u{277F}' => c as u32 - 0x2776 + 1,
        '\u{278A}'..='\u{2793}' => c as u32 - 0x278A + 1,
        _ => return None,
    };
    Some(n)
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
    // `【案件A】`, `■案件B`: a letter alone after the word 案件.
    let letter = (!number_first)
        .then(|| rest.chars().next())
        .flatten()
        .filter(|c| c.is_ascii_lowercase())
        .filter(|_| {
            rest[1..].is_empty()
                || rest[1..].starts_with(['】', ']', '>', '》', '〕', ')', ' ', ':', '='])
        });
    let (n, after) = if let Some(c) = letter {
        (u32::from(c) - u32::from('a') + 1, &rest[1..])
    } else if !digits.is_empty() {
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

    #[test]
    fn lettered_and_circled_blocks_cut() {
        let text = "各位\n\n【案件A】Java開発\n単価：60万\n必須：Java\n\n【案件B】PHP開発\n単価：55万\n必須：PHP\n";
        assert_eq!(parts(text), vec!["各位", "【案件B】PHP開発"]);
        let text = "お疲れ様です。\n下記4件ご紹介です。\n\n①Java開発\n単価：60万\n必須：Java\n\n②PHP開発\n単価：55万\n必須：PHP\n\n③Go開発\n単価：70万\n必須：Go\n\n④Ruby開発\n単価：65万\n必須：Ruby\n";
        let got = parts(text);
        assert_eq!(got.len(), 4);
        assert_eq!(got[1..], ["②PHP開発", "③Go開発", "④Ruby開発"]);
        // Circled numbers that number a posting's requirement items cut nothing.
        let text = "案件名：Java開発\n単価：60万\n必須：\n①Java経験3年以上\n②Spring Bootの経験\n③AWSの経験\n面談：1回";
        assert_eq!(split(text), vec![0..text.len()]);
        // `案件api連携` is no lettered heading.
        let text = "【案件api連携】\n単価：60万\n必須：Java\n【案件bff開発】\n単価：60万\n必須：Go";
        assert_eq!(split(text), vec![0..text.len()]);
    }

    #[test]
    fn text_before_and_a_closing_block_after_are_shared() {
        let text = "各位\n商流：貴社社員まで\n\n■案件1\n案件名：A\n単価：60万\n必須：Java\n\n■案件2\n案件名：B\n単価：70万\n必須：PHP\n\n■共通条件\n面談：1回\n外国籍：不可\n\n以上";
        let p = super::parts(text);
        assert_eq!(p.postings.len(), 2);
        let shared: Vec<&str> = p.shared.iter().map(|r| text[r.clone()].trim()).collect();
        assert_eq!(shared[0], "各位\n商流：貴社社員まで");
        assert!(shared[1].starts_with("■共通条件"), "{shared:?}");
        // A block's own 面談 line is no closing block.
        let text = "■案件1\n案件名：A\n単価：60万\n必須：Java\n■案件2\n案件名：B\n単価：70万\n必須：PHP\n面談：2回";
        assert!(super::parts(text).shared.is_empty());
        assert!(super::parts("案件名：A\n単価：60万").shared.is_empty());
    }
}
