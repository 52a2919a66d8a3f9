//! Skills the taxonomy does not know, read as written from an offer's skill lines.
//!
//! Partners list the products and phases they sell (`Catalyst`, `GlassFish`, `環境設計`,
//! `運用保守`); a reader that keeps only taxonomy names drops a quarter of them, and a rep
//! then cannot find the engineer by what the mail said. Only skill lines are read: the
//! values of skill labels (`スキル：`, `〈工程〉`, `得意分野：`) with the sub-labelled lines
//! under them (`MW：`, `その他：`), and one-line cards whose words are product names
//! beside a known skill (`I.Y（男性） JP1 Firmware L2/L3SW IPX`). A term must look like
//! a name: Latin letters, katakana, or kanji ending in a kind of work (`方式設計`);
//! sentences (`対応可能です`) and bare years are left out.

use super::layout::{Field, Layout};
use crate::skills::Taxonomy;

/// A term read as written, with the years written beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub name: String,
    pub years: Option<f32>,
}

/// At most this many terms per offer: a pasted CV must not become a thousand skills.
const MAX_TERMS: usize = 40;

/// Separators between the entries of a skill list.
const SEPARATORS: [char; 18] = [
    '、', ',', '，', '/', '／', ';', '；', '(', ')', '（', '）', '[', ']', '~', '〜', '「', '」',
    '\n',
];

/// Kanji-only words that name a kind of work, so a kanji term ending in one is a skill.
const WORK_ENDINGS: [&str; 22] = [
    "設計",
    "構築",
    "運用",
    "保守",
    "試験",
    "検証",
    "移行",
    "開発",
    "製造",
    "管理",
    "推進",
    "改修",
    "支援",
    "翻訳",
    "通訳",
    "保証",
    "技術者",
    "定義",
    "分析",
    "調査",
    "監視",
    "診断",
];

/// Latin words that are layout or too general to be a skill.
const STOP: [&str; 20] = [
    "etc", "os", "db", "fw", "mw", "it", "pc", "ok", "ng", "skill", "skills", "other", "on", "of",
    "and", "the", "in", "with", "ui", "ux",
];

/// Sub-labels under a skill label that go on listing skills (`MW：`, `その他：`, `インフラ：`).
const SUB_LABELS: [&str; 14] = [
    "その他",
    "インフラ",
    "ミドル",
    "ネットワーク",
    "サーバ",
    "開発",
    "業務",
    "担当",
    "領域",
    "分野",
    "製品",
    "ソフト",
    "役割",
    "プラットフォーム",
];

/// Off-taxonomy terms of one offer, in order of mention, without repeats.
pub fn read(layout: &Layout, tax: &Taxonomy) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    let mut covered = vec![false; layout.lines.len()];
    let mut skill_line = vec![false; layout.lines.len()];
    let mut in_section = false;
    let mut section_end = 0usize;
    for v in &layout.values {
        let lines = v.text.lines().count();
        let sub_label = v.label.is_ascii() && v.label.chars().count() <= 4
            || SUB_LABELS.iter().any(|w| v.label.contains(w));
        let continues = v.fields.is_other() && sub_label && in_section && v.line <= section_end + 1;
        if v.fields.has(Field::Skills) || continues {
            in_section = true;
            section_end = v.line + lines;
            list(&v.text, tax, &mut out);
        } else {
            in_section = false;
        }
        // A value written on its label's line ends there; one under its label starts below.
        let on_label_line = v
            .text
            .lines()
            .next()
            .is_some_and(|first| layout.lines[v.line].ends_with(first));
        let span = if on_label_line { lines } else { lines + 1 };
        for i in v.line..(v.line + span).min(covered.len()) {
            covered[i] = true;
            skill_line[i] = in_section;
        }
    }
    for (i, line) in layout.lines.iter().enumerate() {
        if layout.noise[i] || covered[i] || line.is_empty() {
            continue;
        }
        // `言語：Java、PHP` wrapped onto the next line goes on listing.
        let sentence = ["。", "です", "ます"].iter().any(|w| line.contains(w));
        if i > 0 && skill_line[i - 1] && !sentence {
            skill_line[i] = true;
            list(line, tax, &mut out);
        } else {
            card(line, tax, &mut out);
        }
    }
    out
}

/// The entries of one skill value.
fn list(text: &str, tax: &Taxonomy, out: &mut Vec<Term>) {
    let mut after_bracket = false;
    for (at, piece) in split_at_separators(text) {
        let follows_bracket = after_bracket;
        after_bracket = text[at + piece.len()..].starts_with([')', '）']);
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        // `(約26ヶ月)` after a name gives that name its years.
        let (name, mut years) = cut(piece);
        // `SAP（FI/CO）10年`: names in brackets share the years after them.
        let inside = text[..at].rfind(['(', '（']) > text[..at].rfind([')', '）']);
        if inside && years.is_none() {
            years = text[at..]
                .find([')', '）'])
                .map(|p| at + p)
                .and_then(|p| text[p..].char_indices().nth(1).map(|(k, _)| p + k))
                .and_then(|p| super::skills::years_in(text[p..].trim_start()));
        }
        if name.is_empty() {
            if let (Some(y), Some(last)) = (years, out.last_mut()) {
                last.years = last.years.or(Some(y));
            }
            continue;
        }
        // `Java Spring PHP Symphony`: words split when two of them are known skills;
        // `Cisco Nexus` or `Akamai Prolexic` stays one name.
        let words: Vec<&str> = name.split([' ', '・']).filter(|w| !w.is_empty()).collect();
        let known = words.iter().filter(|w| tax.lookup(w).is_some()).count();
        let ascii_words = name.is_ascii() && words.len() >= 2;
        let split = (ascii_words || name.contains('・')) && known >= 2
            || name.contains('・') && !name.is_ascii();
        if split && tax.lookup(name).is_none() {
            // `設計・構築` after a skill qualifies it: a bare kind of work is a term
            // only as an entry of its own (`工程：環境設計、構築、試験`).
            for w in words.into_iter().filter(|w| !bare_work(w)) {
                push(w, years, tax, out);
            }
        } else if !(follows_bracket && bare_work(name)) {
            push(name, years, tax, out);
        }
    }
}

/// The pieces of a list with their byte offsets.
fn split_at_separators(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    let mut pieces = Vec::new();
    for (i, c) in text.char_indices() {
        if SEPARATORS.contains(&c) {
            pieces.push((from, &text[from..i]));
            from = i + c.len_utf8();
        }
    }
    pieces.push((from, &text[from..]));
    pieces.into_iter()
}

/// `構築`, `運用`: a kind of work with nothing it works on.
fn bare_work(w: &str) -> bool {
    WORK_ENDINGS.contains(&w)
}

/// A card line: a run of three or more product-like words beside a known skill.
fn card(line: &str, tax: &Taxonomy, out: &mut Vec<Term>) {
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<Term>| {
        if run.len() >= 3 && run.iter().any(|w| tax.lookup(w).is_some()) {
            for w in run.iter() {
                push(w, None, tax, out);
            }
        }
        run.clear();
    };
    for word in line.split([' ', '\u{3000}']) {
        let productish = word.is_ascii()
            && word.chars().any(|c| c.is_ascii_alphabetic())
            && word
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '+' | '#' | '.' | '-'));
        if productish {
            run.push(word);
        } else {
            flush(&mut run, out);
        }
    }
    flush(&mut run, out);
}

/// The name in an entry and the years written after it: `サーバ構築経験10年以上` →
/// (`サーバ構築`, 10); `運用保守まで一通り対応可能です` → (`運用保守`, none).
fn cut(piece: &str) -> (&str, Option<f32>) {
    let piece = piece.trim_start_matches('約');
    let mut end = piece.len();
    let mut years = None;
    for (i, c) in piece.char_indices() {
        let rest = &piece[i..];
        if c.is_ascii_digit() {
            if let Some(y) = super::skills::years_in(rest) {
                end = i;
                years = Some(y);
                break;
            }
            continue;
        }
        let hiragana = ('\u{3041}'..='\u{3096}').contains(&c);
        let filler = ["経験", "知識", "全般", "etc", "等", "約"]
            .iter()
            .any(|w| rest.starts_with(w));
        if hiragana || filler || c == '。' || c == ':' {
            end = i;
            // Years may still follow the filler: `ソフトウェアテスト経験4年以上`.
            years = rest
                .char_indices()
                .find(|(_, c)| c.is_ascii_digit())
                .and_then(|(j, _)| super::skills::years_in(&rest[j..]));
            break;
        }
    }
    let name = piece[..end]
        .trim_end_matches("シリーズ")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '・' | '.' | '-' | '+' | '*'));
    (name, years)
}

/// Keep `name` when it looks like a skill the taxonomy does not already read.
fn push(name: &str, years: Option<f32>, tax: &Taxonomy, out: &mut Vec<Term>) {
    if out.len() >= MAX_TERMS {
        return;
    }
    let name = name.trim_matches(|c: char| c.is_whitespace() || matches!(c, '・' | '.' | '-'));
    let chars = name.chars().count();
    let letters = name.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if !(2..=32).contains(&chars)
        || name.contains("http")
        || name.contains('@')
        || name.contains('〇')
        || STOP.contains(&name.to_ascii_lowercase().as_str())
        || is_initials(name)
    {
        return;
    }
    let japanese_ok = || {
        let katakana = name
            .chars()
            .filter(|c| ('\u{30A1}'..='\u{30FA}').contains(c) || *c == 'ー')
            .count();
        let kanji_only = name.chars().all(super::fold::is_kanji);
        katakana >= 3 || kanji_only && WORK_ENDINGS.iter().any(|w| name.ends_with(w))
    };
    let looks_like_name = if letters > 0 {
        letters >= 2 || chars >= 3 && name.chars().any(|c| c.is_ascii_digit())
    } else {
        japanese_ok()
    };
    if !looks_like_name || known(name, tax) {
        return;
    }
    let wanted = key(name);
    if out.iter().any(|t| key(&t.name) == wanted) {
        return;
    }
    out.push(Term {
        name: name.to_string(),
        years,
    });
}

/// The taxonomy reads this already: one of its names, or names with only digits between
/// (`Windows10`, `Java Spring`).
fn known(name: &str, tax: &Taxonomy) -> bool {
    if tax.lookup(name).is_some() {
        return true;
    }
    let spans = tax.scan_spans(name);
    if spans.is_empty() {
        return false;
    }
    let mut rest = String::with_capacity(name.len());
    let mut at = 0;
    for s in &spans {
        if s.start >= at {
            rest.push_str(&name[at..s.start]);
            at = s.end;
        }
    }
    rest.push_str(&name[at.min(name.len())..]);
    rest.chars()
        .all(|c| !c.is_alphabetic() || c == '系' || c == 'ー')
}

/// `T.K`, `R.O.`: a name's initials.
fn is_initials(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').filter(|p| !p.is_empty()).collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1)
}

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        read(&Layout::new(text), Taxonomy::builtin())
            .into_iter()
            .map(|t| t.name)
            .collect()
    }

    #[test]
    fn products_and_phases_under_a_skill_label() {
        let got = names(
            "氏名：K.M\nスキル：ネットワーク経験8年(Nexus系スイッチ、Solaris)\nMW：Shibboleth / Zabbix / Rundeck\n工程：帳票設計、構築、移行",
        );
        for want in ["Nexus系スイッチ", "Shibboleth", "Rundeck", "帳票設計"] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
        // Known skills are the taxonomy's; labels are no terms.
        for known in ["Solaris", "MW", "Zabbix", "移行"] {
            assert!(!got.iter().any(|g| g == known), "{known} in {got:?}");
        }
    }

    #[test]
    fn a_wrapped_list_goes_on_and_years_attach() {
        let text =
            "・言語／ツール：Java、Ivanti(約18ヶ月)\nSkySea、Rundeck 3年\n・備考：勤怠良好です。";
        let t = read(&Layout::new(text), Taxonomy::builtin());
        let got: Vec<(&str, Option<f32>)> = t.iter().map(|t| (t.name.as_str(), t.years)).collect();
        assert_eq!(
            got,
            vec![
                ("Ivanti", Some(1.5)),
                ("SkySea", None),
                ("Rundeck", Some(3.0))
            ]
        );
    }

    #[test]
    fn a_card_line_of_product_words_beside_a_known_skill() {
        let got = names("・S.K（男性） Java Ivanti Rundeck Shibboleth\n45才 即日 60万");
        assert_eq!(got, vec!["Ivanti", "Rundeck", "Shibboleth"]);
        // Two words are no card; prose and greetings stay out.
        assert!(names("S.K（男性） Java Rundeck\n45才").is_empty());
        // Initials in a card are no product.
        assert_eq!(names("T.K Java Rundeck Ivanti"), vec!["Rundeck", "Ivanti"]);
        assert!(names("いつもお世話になっております。\n下記ご確認ください。").is_empty());
    }

    #[test]
    fn sentences_keep_only_their_leading_name() {
        let got = names("【スキル】\n帳票設計まで一通り対応可能です、勤怠良好\nSkySea知識あり");
        assert_eq!(got, vec!["帳票設計", "SkySea"]);
    }
}
