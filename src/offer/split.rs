//! A mail body → the parts that may each be one item (an offer or an opening).
//!
//! Replies lose their quoted original (a reply to an opening is not the opening
//! again); forwards keep it, unquoted. Parts end at separator lines (`-----`,
//! `=====`, `━━━`) and start at numbered headings (`【人材①】`, `No.2`, `2人目`);
//! a block of one-line cards (`T.K / 34歳 / Java 5年 / 65万`) gives one part per card.

use std::ops::Range;

use super::fold::{fold, strip_bullets};
use super::layout::{is_noise, leading_name};

/// Whether a subject marks a reply (and not a forward).
pub fn is_reply(subject: &str) -> bool {
    let s = fold(subject).trim().to_ascii_lowercase();
    let fw = s.contains("fw:") || s.contains("fwd:") || s.contains("転送");
    !fw && (s.starts_with("re:")
        || s.starts_with("re ")
        || s.starts_with("返信")
        || s.starts_with("re["))
}

/// Where a quoted original starts in a reply.
fn is_quote_start(line: &str) -> bool {
    let t = line.trim();
    let low = t.to_ascii_lowercase();
    t.starts_with('>')
        || low.contains("original message")
        || low.starts_with("from:") && !low.contains("forward")
        || low.starts_with("差出人:")
        || low.starts_with("差出人：")
        || low.starts_with("on ") && low.ends_with("wrote:")
        || t.ends_with("書きました:")
        || t.ends_with("書きました：")
        || t.ends_with("のメッセージ:")
        // `2026年11月20日(金) 15:00 山田 <yamada@example.jp>:` (Gmail in Japanese).
        || t.ends_with(':') && t.contains('@') && t.contains('<')
}

/// The body a reader sorts: a reply's own words, or a forward with its quotes opened.
pub fn clean(body: &str, subject: Option<&str>) -> String {
    let reply = subject.is_some_and(is_reply);
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        if reply && is_quote_start(line) {
            break;
        }
        let t = line.trim_end_matches('\r');
        let unquoted = if t.starts_with('>') {
            t.trim_start_matches(['>', ' '])
        } else {
            t
        };
        out.push_str(unquoted);
        out.push('\n');
    }
    out
}

/// A line of only rule characters, at least four long.
pub fn is_separator(line: &str) -> bool {
    separator_folded(&fold(line))
}

fn separator_folded(folded: &str) -> bool {
    let t: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    t.chars().count() >= 4
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '='
                    | '_'
                    | '*'
                    | '~'
                    | '#'
                    | '+'
                    | '・'
                    | '◆'
                    | '◇'
                    | '■'
                    | '□'
                    | '●'
                    | '○'
                    | '★'
                    | '☆'
                    | '═'
                    | '━'
                    | '─'
                    | '┅'
                    | '┈'
                    | '<'
                    | '>'
                    | '〓'
                    | '▼'
                    | '▲'
                    | '◎'
                    | '.'
                    | '※'
            )
        })
}

const ITEM_WORDS: [&str; 12] = [
    "人材",
    "要員",
    "人財",
    "案件",
    "エンジニア",
    "技術者",
    "候補",
    "人目",
    "名目",
    "no",
    "件目",
    "ご紹介",
];

/// `【人材①】`, `■要員2`, `No.3`, `<2>`, `2人目`, `案件1`: a heading that starts an item.
pub fn is_item_heading(line: &str) -> bool {
    heading_folded(&fold(line))
}

fn heading_folded(f: &str) -> bool {
    let s = strip_bullets(f).trim();
    if s.is_empty() {
        return false;
    }
    // `【案件1】Java開発 / 渋谷 / 60万` starts an item however long its line runs.
    let short = s.chars().count() <= 30;
    let low = s.to_ascii_lowercase();
    let has_number = |t: &str| {
        t.chars()
            .any(|c| c.is_ascii_digit() || ('①'..='⑳').contains(&c))
    };
    // `No.1`, `NO2`, `No．3`
    if let Some(r) = low.strip_prefix("no") {
        let r = r.trim_start_matches(['.', ' ', ':']);
        if short && r.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
    }
    if s.starts_with(|c: char| ('①'..='⑳').contains(&c)) && s.chars().count() <= 3 {
        return true;
    }
    // Bracketed: `【人材1】`, `<1>`, `[案件②]`, `《要員情報 No.2》`.
    for (open, close) in [
        ('【', '】'),
        ('[', ']'),
        ('<', '>'),
        ('《', '》'),
        ('(', ')'),
        ('〈', '〉'),
    ] {
        if let Some(rest) = s.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let inner = rest[..end].to_ascii_lowercase();
                let only_number = !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_digit() || ('①'..='⑳').contains(&c));
                let worded = has_number(&inner) && ITEM_WORDS.iter().any(|w| inner.contains(w));
                let after = rest[end + close.len_utf8()..].trim();
                if (only_number && after.chars().count() <= 20) || worded {
                    return true;
                }
            }
        }
    }
    if !short {
        return false;
    }
    // `2人目`, `人材情報1`, `要員②`, `案件3`.
    let digits = low.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && (low[digits..].starts_with("人目") || low[digits..].starts_with("名目")) {
        return true;
    }
    for w in ["人材", "要員", "人財", "案件", "エンジニア"] {
        if let Some(r) = low.strip_prefix(w) {
            let r = r
                .trim_start_matches("情報")
                .trim_start_matches("紹介")
                .trim_start();
            if r.starts_with(|c: char| c.is_ascii_digit() || ('①'..='⑳').contains(&c))
                && r.chars().count() <= 4
            {
                return true;
            }
        }
    }
    false
}

/// A one-line card: several facts of one person on one line.
pub fn is_card_line(line: &str) -> bool {
    let f = fold(line);
    if f.chars().count() < 12 || is_noise(&f) {
        return false;
    }
    let has_age = ["歳", "才"].iter().any(|w| f.contains(w))
        || f.contains('代') && f.chars().any(|c| c.is_ascii_digit());
    let has_money = f.contains('万');
    let has_place = f.contains('駅') || f.contains("最寄");
    let has_start =
        f.contains("即日") || f.contains("月~") || f.contains("月から") || f.contains("稼働");
    let has_years = f.contains('年') && f.chars().any(|c| c.is_ascii_alphabetic());
    let separators = f.matches(['/', '|']).count() + f.matches(" ").count().min(3);
    let facts = [has_age, has_money, has_place, has_start, has_years]
        .iter()
        .filter(|b| **b)
        .count();
    facts >= 3 && separators >= 2 && has_age
}

/// Byte ranges of `text` that may each hold one item, in order.
pub fn parts(text: &str) -> Vec<Range<usize>> {
    let mut chunks: Vec<Range<usize>> = Vec::new();
    let mut start = 0usize;
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        let end = pos + line.len();
        let folded = fold(line);
        if separator_folded(&folded) {
            push(&mut chunks, text, start..pos);
            start = end;
        } else if heading_folded(&folded) {
            push(&mut chunks, text, start..pos);
            start = pos;
        }
        pos = end;
    }
    push(&mut chunks, text, start..text.len());
    let mut out = Vec::with_capacity(chunks.len());
    for c in chunks {
        let mut people = Vec::new();
        split_names(text, c, &mut people);
        for p in people {
            split_cards(text, p, &mut out);
        }
    }
    out
}

/// Two or more people named under a name label in one block (`■ 氏名：K.K` … `■ 氏名：T.A`,
/// no rule between them): each name starts a part; what comes before the first is one more.
fn split_names(text: &str, chunk: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut starts: Vec<usize> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut pos = chunk.start;
    for line in text[chunk.clone()].split_inclusive('\n') {
        if let Some(name) = leading_name(line) {
            // The same name again (`イニシャル：T.K` under `氏名：T.K`) is the same person.
            if !names.contains(&name) {
                names.push(name);
                starts.push(pos);
            }
        }
        pos += line.len();
    }
    if starts.len() < 2 {
        out.push(chunk);
        return;
    }
    push(out, text, chunk.start..starts[0]);
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(chunk.end);
        push(out, text, s..end);
    }
}

fn push(chunks: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    if text[r.clone()].trim().is_empty() {
        return;
    }
    chunks.push(r);
}

/// Two or more card lines in a chunk: each card is its own part, the rest one more.
fn split_cards(text: &str, chunk: Range<usize>, out: &mut Vec<Range<usize>>) {
    let body = &text[chunk.clone()];
    let mut cards: Vec<Range<usize>> = Vec::new();
    let mut pos = chunk.start;
    for line in body.split_inclusive('\n') {
        if is_card_line(line) {
            cards.push(pos..pos + line.len());
        }
        pos += line.len();
    }
    if cards.len() < 2 {
        out.push(chunk);
        return;
    }
    // What is not a card (greeting, closing words) stays as parts of its own.
    let mut at = chunk.start;
    for c in cards {
        push(out, text, at..c.start);
        out.push(c.clone());
        at = c.end;
    }
    push(out, text, at..chunk.end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_drop_the_quote_and_forwards_keep_it() {
        let body = "承知しました。\n\n> 【人材】Java 5年\n> 34歳";
        assert_eq!(
            clean(body, Some("Re: 人材のご紹介")).trim(),
            "承知しました。"
        );
        let fwd = clean(body, Some("Fw: 人材のご紹介"));
        assert!(fwd.contains("【人材】Java 5年\n34歳"));
    }

    #[test]
    fn headings_and_rules_split_items() {
        let text =
            "お世話になっております。\n【人材①】\n氏名：T.K\n【人材②】\n氏名：Y.S\n-----\n署名";
        let p: Vec<&str> = parts(text).into_iter().map(|r| text[r].trim()).collect();
        assert_eq!(
            p,
            vec![
                "お世話になっております。",
                "【人材①】\n氏名：T.K",
                "【人材②】\n氏名：Y.S",
                "署名"
            ]
        );
        assert!(is_item_heading("No.2"));
        assert!(is_item_heading("■2人目"));
        assert!(!is_item_heading("【氏名】T.K"));
        assert!(!is_item_heading("【スキル】"));
    }

    #[test]
    fn a_second_name_label_starts_a_second_person() {
        let text = "以下2名をご提案します。\n\n■ 氏名：A.B（40歳・男性）\n■ 最寄駅：大井町駅\n■ スキル：Go 5年\n\n\
*■ 氏名：C.D（29歳・女性）*\n■ イニシャル：C.D\n■ スキル：Ruby 3年\n\n以上、ご検討ください。";
        let p: Vec<&str> = parts(text).into_iter().map(|r| text[r].trim()).collect();
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[1].starts_with("■ 氏名：A.B") && p[1].ends_with("Go 5年"),
            "{p:?}"
        );
        assert!(
            p[2].starts_with("*■ 氏名：C.D") && p[2].contains("Ruby"),
            "{p:?}"
        );
        // One person, named twice the same way, stays one part.
        let one = "氏名：E.F\n年齢：33歳\nイニシャル：E.F\nスキル：Java 4年";
        assert_eq!(parts(one).len(), 1);
    }

    #[test]
    fn card_lines_become_one_part_each() {
        let text = "本日の稼働可能者です。\nT.K / 34歳 / Java 5年 / 川崎駅 / 65万 / 即日\nY.S / 28歳 / PHP 3年 / 大宮駅 / 50万 / 12月~\n以上です。";
        let p: Vec<&str> = parts(text).into_iter().map(|r| text[r].trim()).collect();
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[1].starts_with("T.K"));
        assert!(p[2].starts_with("Y.S"));
    }
}
