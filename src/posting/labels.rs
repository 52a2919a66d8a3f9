//! The field labels senders write (`単価`, `単金`, `■必須スキル`, `Nice to have`) and what they mean.
//!
//! One table, read top to bottom: the first rule whose keyword occurs in a label
//! wins, so specific words (`必要人数`, `勤務時間`) come before the general ones
//! (`必要`, `時期`) they contain.

/// What a labelled line or section of a posting talks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Title,
    /// Required skills (必須, MUST, Requirements).
    Must,
    /// Welcome skills (尚可, 歓迎, WANT, Nice to have).
    Nice,
    /// A skills heading that does not say which (スキル, 求めるスキル・経験): must unless a line says otherwise.
    Skills,
    /// Development environment: context, not requirements.
    Env,
    Description,
    Rate,
    Settle,
    Location,
    Remote,
    Start,
    /// 期間: start and duration together (`即日～長期`).
    Period,
    Interviews,
    Headcount,
    Chain,
    Freelancer,
    Foreign,
    Age,
    /// Working hours (`9:00-18:00`): not a start date, not a settlement band.
    Hours,
    /// 備考, 条件, その他: scanned for limits, never for skills.
    Conditions,
    /// A heading we do not know: it ends the section before it.
    Other,
}

impl Field {
    /// Sections whose lines are requirements.
    pub fn is_requirement(self) -> bool {
        matches!(self, Field::Must | Field::Nice | Field::Skills)
    }
}

/// Japanese keywords, matched anywhere in the folded label (`■単価(税込)` → `単価`).
const JA_RULES: &[(&str, Field)] = &[
    ("id", Field::Other),
    ("番号", Field::Other),
    ("勤務時間", Field::Hours),
    ("作業時間", Field::Hours),
    ("就業時間", Field::Hours),
    ("稼働時間", Field::Hours),
    ("時間帯", Field::Hours),
    ("精算", Field::Settle),
    ("基準時間", Field::Settle),
    ("標準時間", Field::Settle),
    ("清算", Field::Settle),
    ("人数", Field::Headcount),
    ("募集数", Field::Headcount),
    ("募集枠", Field::Headcount),
    ("増員", Field::Headcount),
    // `求める人物像・スキル`: the skills it names make it a requirement heading.
    ("人物像スキル", Field::Must),
    ("人物像経験", Field::Must),
    ("スキル人物像", Field::Must),
    ("経験人物像", Field::Must),
    // `求める人物像`: attitude, never skills.
    ("人物像", Field::Conditions),
    ("尚可", Field::Nice),
    ("尚良", Field::Nice),
    ("なお良", Field::Nice),
    ("歓迎", Field::Nice),
    ("望まし", Field::Nice),
    ("あれば", Field::Nice),
    ("優遇", Field::Nice),
    ("あると", Field::Nice),
    ("加点", Field::Nice),
    ("必須", Field::Must),
    ("必要", Field::Must),
    ("求める", Field::Must),
    ("求む", Field::Must),
    // `こんな方を求めています`, `対象となる方`.
    ("求めて", Field::Must),
    ("対象となる方", Field::Must),
    ("応募資格", Field::Must),
    ("応募要件", Field::Must),
    ("募集要件", Field::Must),
    ("スキル要件", Field::Must),
    ("要員要件", Field::Must),
    ("人材要件", Field::Must),
    ("技術要件", Field::Must),
    ("必須要件", Field::Must),
    ("単価", Field::Rate),
    ("単金", Field::Rate),
    ("金額", Field::Rate),
    ("報酬", Field::Rate),
    ("月額", Field::Rate),
    ("予算", Field::Rate),
    ("料金", Field::Rate),
    ("価格", Field::Rate),
    ("給与", Field::Rate),
    ("時給", Field::Rate),
    ("月収", Field::Rate),
    ("最寄", Field::Location),
    ("勤務地", Field::Location),
    ("場所", Field::Location),
    ("所在地", Field::Location),
    ("住所", Field::Location),
    ("エリア", Field::Location),
    ("勤務先", Field::Location),
    ("就業先", Field::Location),
    ("拠点", Field::Location),
    ("現場", Field::Location),
    ("作業地", Field::Location),
    ("就業地", Field::Location),
    ("ロケーション", Field::Location),
    ("リモート", Field::Remote),
    ("在宅", Field::Remote),
    ("テレワーク", Field::Remote),
    ("勤務形態", Field::Remote),
    ("働き方", Field::Remote),
    ("出社", Field::Remote),
    ("勤務体系", Field::Remote),
    ("勤務スタイル", Field::Remote),
    ("ワークスタイル", Field::Remote),
    ("期間", Field::Period),
    ("開始", Field::Start),
    ("時期", Field::Start),
    ("入場", Field::Start),
    ("参画日", Field::Start),
    ("スタート", Field::Start),
    ("稼働日", Field::Start),
    ("面談", Field::Interviews),
    ("面接", Field::Interviews),
    ("選考", Field::Interviews),
    ("打ち合わせ", Field::Interviews),
    ("打合せ", Field::Interviews),
    ("顔合わせ", Field::Interviews),
    ("商談", Field::Interviews),
    ("商流", Field::Chain),
    ("所属", Field::Chain),
    ("再委託", Field::Chain),
    ("bp", Field::Chain),
    ("個人事業主", Field::Freelancer),
    ("フリーランス", Field::Freelancer),
    ("外国籍", Field::Foreign),
    ("国籍", Field::Foreign),
    ("年齢", Field::Age),
    ("環境", Field::Env),
    ("使用技術", Field::Env),
    ("技術スタック", Field::Env),
    ("利用技術", Field::Env),
    ("技術要素", Field::Env),
    ("言語", Field::Env),
    ("ツール", Field::Env),
    ("スキル", Field::Skills),
    ("経験", Field::Skills),
    ("概要", Field::Description),
    ("内容", Field::Description),
    ("業務", Field::Description),
    ("作業", Field::Description),
    ("詳細", Field::Description),
    ("仕事", Field::Description),
    ("工程", Field::Description),
    ("担当", Field::Description),
    ("フェーズ", Field::Description),
    ("役割", Field::Description),
    ("案件名", Field::Title),
    ("件名", Field::Title),
    ("タイトル", Field::Title),
    ("プロジェクト名", Field::Title),
    ("pj名", Field::Title),
    ("職種", Field::Title),
    ("ポジション", Field::Title),
    ("名称", Field::Title),
    ("案件", Field::Title),
    ("契約", Field::Conditions),
    ("雇用", Field::Conditions),
    ("支払", Field::Conditions),
    ("服装", Field::Conditions),
    ("備考", Field::Conditions),
    ("その他", Field::Conditions),
    ("補足", Field::Conditions),
    ("注意", Field::Conditions),
    ("条件", Field::Conditions),
    ("待遇", Field::Conditions),
    ("募集", Field::Headcount),
];

/// English phrases, matched on whole words of the label (so `age` is not found in `language`).
const EN_RULES: &[(&str, Field)] = &[
    // `What you'll do`: the work, whatever words follow.
    ("what you ll do", Field::Description),
    ("what you will do", Field::Description),
    ("nice to have", Field::Nice),
    ("nice-to-have", Field::Nice),
    ("nice to haves", Field::Nice),
    ("preferred", Field::Nice),
    ("bonus", Field::Nice),
    ("plus", Field::Nice),
    ("pluses", Field::Nice),
    ("desirable", Field::Nice),
    ("desired", Field::Nice),
    ("optional", Field::Nice),
    ("want", Field::Nice),
    ("better", Field::Nice),
    ("wants", Field::Nice),
    ("nice", Field::Nice),
    ("working hours", Field::Hours),
    ("hours", Field::Hours),
    ("would be great", Field::Nice),
    ("great", Field::Nice),
    ("good to have", Field::Nice),
    ("extra", Field::Nice),
    ("must", Field::Must),
    ("must have", Field::Must),
    ("need", Field::Must),
    ("needs", Field::Must),
    ("needed", Field::Must),
    ("looking for", Field::Must),
    ("ideally you", Field::Skills),
    ("you have", Field::Skills),
    ("you are", Field::Skills),
    ("who you are", Field::Skills),
    ("must-have", Field::Must),
    ("must-haves", Field::Must),
    ("requirements", Field::Must),
    ("requirement", Field::Must),
    ("required", Field::Must),
    ("qualifications", Field::Must),
    ("mandatory", Field::Must),
    ("essential", Field::Must),
    ("headcount", Field::Headcount),
    ("openings", Field::Headcount),
    ("positions", Field::Headcount),
    ("vacancies", Field::Headcount),
    ("rate", Field::Rate),
    ("budget", Field::Rate),
    ("compensation", Field::Rate),
    ("salary", Field::Rate),
    ("pay", Field::Rate),
    ("price", Field::Rate),
    ("location", Field::Location),
    ("office", Field::Location),
    ("place", Field::Location),
    ("site", Field::Location),
    ("remote", Field::Remote),
    ("work style", Field::Remote),
    ("work arrangement", Field::Remote),
    ("start", Field::Start),
    ("start date", Field::Start),
    ("starting", Field::Start),
    ("duration", Field::Period),
    ("period", Field::Period),
    ("term", Field::Period),
    ("length", Field::Period),
    ("interview", Field::Interviews),
    ("interviews", Field::Interviews),
    ("selection", Field::Interviews),
    ("nationality", Field::Foreign),
    ("visa", Field::Foreign),
    ("age", Field::Age),
    ("tech stack", Field::Env),
    ("stack", Field::Env),
    ("environment", Field::Env),
    ("tools", Field::Env),
    ("technologies", Field::Env),
    ("skills", Field::Skills),
    ("skill", Field::Skills),
    ("experience", Field::Skills),
    ("about", Field::Description),
    ("title", Field::Title),
    ("position", Field::Title),
    ("role", Field::Title),
    ("job", Field::Title),
    ("description", Field::Description),
    ("responsibilities", Field::Description),
    ("overview", Field::Description),
    ("project", Field::Description),
    ("duties", Field::Description),
    ("summary", Field::Description),
    ("tasks", Field::Description),
    ("scope", Field::Description),
    ("contract", Field::Conditions),
    ("notes", Field::Conditions),
    ("other", Field::Conditions),
    ("conditions", Field::Conditions),
    ("benefits", Field::Conditions),
    ("language", Field::Conditions),
    ("languages", Field::Conditions),
    ("japanese", Field::Conditions),
    ("bp", Field::Chain),
    ("ng", Field::Conditions),
];

/// Longest label we accept, in characters: longer text before a colon is prose, not a label.
pub(crate) const MAX_LABEL_CHARS: usize = 22;
/// English labels run longer (`Preferred qualifications`).
pub(crate) const MAX_EN_LABEL_CHARS: usize = 36;

/// What a label means, if it is one we know. `label` is folded text (see `Norm`).
pub(crate) fn classify(label: &str) -> Option<Field> {
    let key = label_key(label);
    let limit = if key.is_ascii() {
        MAX_EN_LABEL_CHARS
    } else {
        MAX_LABEL_CHARS
    };
    if key.is_empty() || key.chars().count() > limit {
        return None;
    }
    if key.is_ascii() {
        return classify_en(&key);
    }
    // The first rule (lowest index) whose keyword occurs anywhere in the label.
    match ja_matcher() {
        Some(ac) => ac
            .find_overlapping_iter(key.as_str())
            .map(|m| m.pattern().as_usize())
            .min()
            .map(|i| JA_RULES[i].1),
        None => JA_RULES
            .iter()
            .find(|(k, _)| key.contains(k))
            .map(|&(_, f)| f),
    }
}

/// A label that is one field's name and nothing more (`報酬`, `稼働時間`, `勤務地`): alone on its
/// line it heads the value written under it. Only fields with a value to read, so an item such
/// as `業務` or `スキル` in a list stays an item.
pub(crate) fn is_field_name(label: &str) -> bool {
    let key = label_key(label);
    !key.is_ascii()
        && JA_RULES.iter().any(|&(k, f)| {
            k == key
                && matches!(
                    f,
                    Field::Rate
                        | Field::Settle
                        | Field::Hours
                        | Field::Location
                        | Field::Remote
                        | Field::Start
                        | Field::Period
                        | Field::Interviews
                        | Field::Headcount
                        | Field::Chain
                        | Field::Foreign
                        | Field::Freelancer
                        | Field::Age
                )
        })
}

/// All Japanese keywords in one automaton: every line is classified several times.
fn ja_matcher() -> Option<&'static aho_corasick::AhoCorasick> {
    static MATCHER: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    MATCHER
        .get_or_init(|| aho_corasick::AhoCorasick::new(JA_RULES.iter().map(|(k, _)| *k)).ok())
        .as_ref()
}

fn classify_en(key: &str) -> Option<Field> {
    let words: Vec<&str> = key
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    EN_RULES
        .iter()
        .find(|(phrase, _)| {
            let p: Vec<&str> = phrase.split(' ').collect();
            words.windows(p.len()).any(|w| w == p.as_slice())
        })
        .map(|&(_, f)| f)
}

/// Fold a label for lookup: lower case, no spaces, bullets, numbering, brackets or
/// bracketed asides (`単価(税込)` → `単価`, `８．単金` → `単金`).
pub(crate) fn label_key(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    let ascii = label.is_ascii();
    for c in label.chars() {
        match c {
            '(' | '（' | '[' | '<' | '〈' | '《' => depth += 1,
            ')' | '）' | ']' | '>' | '〉' | '》' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '【' | '】' | '■' | '□' | '◆' | '◇' | '●' | '○' | '◎' | '▼' | '▽' | '▲' | '△' | '★'
            | '☆' | '・' | '※' | ':' | '*' | '#' | '〔' | '〕' => {
                if ascii {
                    out.push(' ');
                }
            }
            ' ' | '\u{3000}' => {
                if ascii {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    let trimmed = out
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == '、')
        .trim();
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_as_the_trade_writes_them() {
        for (label, want) in [
            ("単価", Some(Field::Rate)),
            ("単価(税込)", Some(Field::Rate)),
            ("8.単金", Some(Field::Rate)),
            ("金  額 ", Some(Field::Rate)),
            ("■単価目安", Some(Field::Rate)),
            ("報酬条件", Some(Field::Rate)),
            ("必須スキル", Some(Field::Must)),
            ("必要スキル", Some(Field::Must)),
            ("求めるスキル", Some(Field::Must)),
            ("【求める人物像・スキル】", Some(Field::Must)),
            ("求める人物像", Some(Field::Conditions)),
            ("こんな方を求めています", Some(Field::Must)),
            ("対象となる方", Some(Field::Must)),
            ("必要人数", Some(Field::Headcount)),
            ("歓迎スキル", Some(Field::Nice)),
            ("尚可", Some(Field::Nice)),
            ("あれば尚可", Some(Field::Nice)),
            ("スキル", Some(Field::Skills)),
            ("開発環境", Some(Field::Env)),
            ("勤務時間", Some(Field::Hours)),
            ("期間", Some(Field::Period)),
            ("開始時期", Some(Field::Start)),
            ("参画時期", Some(Field::Start)),
            ("案件名", Some(Field::Title)),
            ("案件概要", Some(Field::Description)),
            ("作業場所", Some(Field::Location)),
            ("最寄り駅", Some(Field::Location)),
            ("面談回数", Some(Field::Interviews)),
            ("打ち合わせ", Some(Field::Interviews)),
            ("月収", Some(Field::Rate)),
            ("標準時間(精算あり)", Some(Field::Settle)),
            ("単　　価", Some(Field::Rate)),
            ("案　件", Some(Field::Title)),
            ("商流", Some(Field::Chain)),
            ("MUST", Some(Field::Must)),
            ("WANT", Some(Field::Nice)),
            ("Must have", Some(Field::Must)),
            ("Nice to have", Some(Field::Nice)),
            ("Requirements", Some(Field::Must)),
            ("Preferred qualifications", Some(Field::Nice)),
            ("Language", Some(Field::Conditions)),
            ("Tech stack", Some(Field::Env)),
            ("Start date", Some(Field::Start)),
            ("Java", None),
            ("AWS", None),
            ("こんにちは", None),
        ] {
            assert_eq!(classify(label), want, "{label}");
        }
    }
}
