//! A requirement item that names no known skill: the thing it asks experience of, as written
//! (`業務シナリオテストの経験` → `業務シナリオテスト`, `A、B等の実務経験` → `A` or `B`).
//!
//! Only the compact noun right before 経験 / 知見 / 知識 / 実績 is taken, never prose, and
//! words that say nothing by themselves (`業務`, `作成`, `正社員`) are not requirements.

use crate::domain::Requirement;

/// Words that ask for experience of what precedes them.
const EXPERIENCE: &[&str] = &["経験", "知見", "知識", "実績"];
/// Joining words stripped from the end of the noun, repeatedly.
const TRAILING: &[&str] = &[
    "での",
    "に関する",
    "に関わる",
    "における",
    "についての",
    "ご",
    "実務",
    "幅広い",
    "豊富な",
    "十分な",
    "業務",
    "開発",
    "作業",
    "対応",
    "使用",
    "利用",
    "周り",
    "周辺",
    "関連",
    // Last: `での` and `についての` end in it.
    "の",
];
/// Nouns that say nothing on their own.
pub(super) const VAGUE: &[&str] = &[
    "業務",
    "開発",
    "実務",
    "作業",
    "作成",
    "対応",
    "参画",
    "勤務",
    "就業",
    "社会人",
    "正社員",
    "プロジェクト",
    "案件",
    "システム",
    "同様",
    "類似",
    "上記",
    "同等",
    "エンジニア",
    "IT",
    "業界",
    "現場",
    "チーム",
    "営業",
    "経験",
    "一次",
    "二次",
    "各種",
    "何かしら",
    "コーディング",
    "実装",
    "プログラミング",
    "従事",
    "業務従事",
    "説明",
    "IT業界",
    "年次",
    "コミュニケーション",
    "自走",
    "一人称",
    "独力",
];
/// Words that point back at other text (`上記作業内容`): the item names nothing itself.
const POINTERS: &[&str] = &["上記", "前述", "同様", "当該", "下記"];

/// Groups from an item with no skill in it (`text` folded, `low` lower-cased, same offsets):
/// one per experience asked (`開発経験+インフラ経験` asks two).
pub(super) fn groups(text: &str, low: &str) -> Vec<Vec<Requirement>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((at, len)) = EXPERIENCE
        .iter()
        .filter_map(|w| low[from..].find(w).map(|p| (from + p, w.len())))
        .min()
    {
        let head = &text[from..at];
        match work_on(head) {
            Some(gs) => out.extend(gs),
            None => out.extend(noun_before(head).map(|(_, g)| g)),
        }
        from = at + len;
    }
    out
}

/// Kinds of work done on a thing: `設計書の作成`, `非機能要件の設計` ask the thing and the work together.
const WORK: &[&str] = &[
    "作成", "設計", "構築", "開発", "運用", "導入", "保守", "移行", "改修", "検証",
];

/// `設計書、テスト仕様書(単体/結合)の作成` → `設計書作成`, `テスト仕様書作成`: a thing named
/// before `の` and the work done on it; each thing listed is asked (with `等`, any one of them).
fn work_on(head: &str) -> Option<Vec<Vec<Requirement>>> {
    let mut head = head.trim_end();
    for w in ["のご", "の", "ご", "実務", "業務"] {
        head = head.strip_suffix(w).unwrap_or(head).trim_end();
    }
    // The work as written: `作成`, `設計・開発`.
    let work_start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| noun_char(c))
        .last()
        .map(|(k, _)| k)?;
    let work = &head[work_start..];
    let parts: Vec<&str> = work.split('・').collect();
    if !parts.iter().all(|p| WORK.contains(p)) {
        return None;
    }
    let before = head[..work_start].strip_suffix('の')?;
    // Asides in brackets say which kind (`(単体/結合)`): the thing is what precedes them.
    let mut object = String::new();
    let mut depth = 0usize;
    for c in before.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => object.push(c),
            _ => {}
        }
    }
    let mut object = object.trim_end();
    let mut listed = false;
    for w in ["等", "など"] {
        if let Some(o) = object.strip_suffix(w) {
            object = o.trim_end();
            listed = true;
        }
    }
    let start = object
        .char_indices()
        .rev()
        .take_while(|&(_, c)| noun_char(c) || c == '、')
        .last()
        .map_or(object.len(), |(k, _)| k);
    // `上記システムの運用`: the thing is named elsewhere.
    if POINTERS.iter().any(|w| object[start..].starts_with(w)) {
        return Some(Vec::new());
    }
    let things: Vec<&str> = object[start..]
        .split('、')
        .map(|t| t.trim_matches(['・', '/', ' ']))
        .filter(|t| {
            (2..=16).contains(&t.chars().count())
                && !VAGUE.contains(t)
                && !POINTERS.iter().any(|w| t.starts_with(w))
                && !t.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    if things.is_empty() {
        return None;
    }
    let req = |t: &str| Requirement {
        skill: None,
        name: format!("{t}{work}"),
        min_years: None,
    };
    Some(if listed {
        vec![things.into_iter().map(req).collect()]
    } else {
        things.into_iter().map(|t| vec![req(t)]).collect()
    })
}

/// The noun (or `A、B等` list of alternatives) that ends `head`, and where it starts.
fn noun_before(head: &str) -> Option<(usize, Vec<Requirement>)> {
    let mut head = head.trim_end();
    // One word at a time, longest first in the list: `での` is not `の` after `で`.
    while let Some(h) = TRAILING.iter().find_map(|w| head.strip_suffix(w)) {
        head = h.trim_end();
    }
    let mut listed = false;
    for w in ["等", "など", "etc"] {
        if let Some(h) = head.strip_suffix(w) {
            head = h.trim_end();
            listed = true;
        }
    }
    // The noun: the run of kanji, katakana and ASCII just before.
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| noun_char(c) || (listed && c == '、'))
        .last()
        .map_or(head.len(), |(k, _)| k);
    let noun = head[start..].trim_matches(['、', '/', ' ', '・', '+']);
    let start = head.len()
        - head[start..]
            .trim_start_matches(['、', '/', ' ', '・', '+'])
            .len();
    let noun = noun.strip_prefix("各種").unwrap_or(noun);
    let noun = noun.strip_prefix("何かしらの").unwrap_or(noun);
    let pieces: Vec<&str> = noun
        .split(['、', '/'])
        .map(str::trim)
        .filter(|p| {
            let n = p.chars().count();
            (2..=20).contains(&n)
                && !VAGUE.contains(p)
                && !POINTERS.iter().any(|w| p.starts_with(w))
                && !p.starts_with(|c: char| c.is_ascii_digit())
                && !p.ends_with("スキル")
        })
        .collect();
    if pieces.is_empty() {
        return None;
    }
    let req = |p: &str| Requirement {
        skill: None,
        name: p.to_string(),
        min_years: None,
    };
    // `A、B等` and `A/B` are alternatives.
    Some((start, pieces.into_iter().map(req).collect()))
}

pub(super) fn noun_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '/' | '・' | 'ー' | '-' | '#' | '.')
        || ('\u{30A0}'..='\u{30FF}').contains(&c)
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || c == '々'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<Vec<String>> {
        groups(s, &s.to_lowercase())
            .into_iter()
            .map(|g| g.into_iter().map(|r| r.name).collect())
            .collect()
    }

    #[test]
    fn the_noun_before_experience() {
        assert_eq!(
            names("受入シナリオテストの経験"),
            vec![vec!["受入シナリオテスト"]]
        );
        assert_eq!(names("経理、人事等の実務経験"), vec![vec!["経理", "人事"]]);
        assert_eq!(
            names("要件整理/業務フロー作成の経験"),
            vec![vec!["要件整理", "業務フロー作成"]]
        );
        assert_eq!(
            names("データ集計に関する幅広いご経験"),
            vec![vec!["データ集計"]]
        );
        assert!(names("自社サービス企業での正社員経験").is_empty());
        assert!(names("前向きに取り組める方").is_empty());
        assert!(names("各種の作成経験").is_empty());
        assert!(names("上記業務内容のご経験").is_empty());
        assert!(names("英語でのコミュニケーション経験").is_empty());
        // A thing and the work done on it.
        assert_eq!(
            names("仕様書、手順書(運用/保守)の作成経験"),
            vec![vec!["仕様書作成"], vec!["手順書作成"]]
        );
        assert_eq!(
            names("帳票基盤の設計・開発経験"),
            vec![vec!["帳票基盤設計・開発"]]
        );
        assert!(names("上記システムの運用経験").is_empty());
        assert!(names("システムの開発経験").is_empty());
        assert_eq!(
            names("広いITスキル 開発経験+インフラ経験"),
            vec![vec!["インフラ"]]
        );
    }
}
