//! The layout of one offer: which lines carry which labelled field, and which are noise.
//!
//! Partners write `【年齢】34歳`, `■最寄駅：川崎`, `年齢　　34歳`, `年齢:34 / 性別:男性`
//! or one card line `T.K / 34歳 / 川崎 / 65万`; labels are found wherever they
//! start a line or a `/`-separated segment, so every detector sees only its values.

use super::fold::{fold, strip_bullets};

/// What a label announces; a label may announce several (`年齢/性別`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Initials,
    Age,
    Gender,
    Station,
    Area,
    Skills,
    Rate,
    Start,
    Affiliation,
    Nationality,
    Japanese,
    Remote,
    /// `NG：金融、夜勤`: work the engineer will not take.
    Ng,
    Summary,
    Pr,
    /// A label we do not use (`【人材】`, `職歴`): it still ends the previous value.
    Other,
}

impl Field {
    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of fields, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fields(u16);

impl Fields {
    pub fn has(self, f: Field) -> bool {
        self.0 & f.bit() != 0
    }
    fn add(&mut self, f: Field) {
        self.0 |= f.bit();
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Only the catch-all: a label, but none we read.
    pub fn is_other(self) -> bool {
        self.0 == Field::Other.bit()
    }
}

/// What a word inside a label says.
#[derive(Clone, Copy)]
enum Word {
    Names(Field),
    /// `概要` is a summary, unless it is `業務概要` (an opening's work).
    Overview,
    Work,
    /// `可能日`, `稼働開始`: a start date, unless a `NotStart` word is there too.
    Start,
    /// `稼働率`, `稼働場所`, `稼働日数`: about work, not about when it starts.
    NotStart,
}

/// Words a label contains, with what each says.
const LABEL_WORDS: &[(&str, Word)] = &[
    ("イニシャル", Word::Names(Field::Initials)),
    ("氏名", Word::Names(Field::Initials)),
    ("名前", Word::Names(Field::Initials)),
    ("要員名", Word::Names(Field::Initials)),
    ("技術者名", Word::Names(Field::Initials)),
    ("人材名", Word::Names(Field::Initials)),
    ("年齢", Word::Names(Field::Age)),
    ("年令", Word::Names(Field::Age)),
    ("性別", Word::Names(Field::Gender)),
    ("最寄", Word::Names(Field::Station)),
    ("居住", Word::Names(Field::Area)),
    ("在住", Word::Names(Field::Area)),
    ("住所", Word::Names(Field::Area)),
    ("住まい", Word::Names(Field::Area)),
    ("エリア", Word::Names(Field::Area)),
    ("お住", Word::Names(Field::Area)),
    ("単価", Word::Names(Field::Rate)),
    ("単金", Word::Names(Field::Rate)),
    ("金額", Word::Names(Field::Rate)),
    ("月額", Word::Names(Field::Rate)),
    ("報酬", Word::Names(Field::Rate)),
    ("価格", Word::Names(Field::Rate)),
    ("希望額", Word::Names(Field::Rate)),
    ("料金", Word::Names(Field::Rate)),
    ("所属", Word::Names(Field::Affiliation)),
    ("雇用", Word::Names(Field::Affiliation)),
    ("契約形態", Word::Names(Field::Affiliation)),
    ("商流", Word::Names(Field::Affiliation)),
    ("身分", Word::Names(Field::Affiliation)),
    ("国籍", Word::Names(Field::Nationality)),
    ("日本語", Word::Names(Field::Japanese)),
    ("語学", Word::Names(Field::Japanese)),
    ("jlpt", Word::Names(Field::Japanese)),
    ("リモート", Word::Names(Field::Remote)),
    ("勤務形態", Word::Names(Field::Remote)),
    ("働き方", Word::Names(Field::Remote)),
    ("テレワーク", Word::Names(Field::Remote)),
    ("在宅", Word::Names(Field::Remote)),
    ("出社", Word::Names(Field::Remote)),
    ("タイトル", Word::Names(Field::Summary)),
    ("件名", Word::Names(Field::Summary)),
    ("キャッチ", Word::Names(Field::Summary)),
    ("ひとこと", Word::Names(Field::Summary)),
    ("特徴", Word::Names(Field::Summary)),
    ("概要", Word::Overview),
    ("業務", Word::Work),
    ("自己pr", Word::Names(Field::Pr)),
    ("アピール", Word::Names(Field::Pr)),
    ("推薦", Word::Names(Field::Pr)),
    ("コメント", Word::Names(Field::Pr)),
    ("備考", Word::Names(Field::Pr)),
    ("特記", Word::Names(Field::Pr)),
    ("強み", Word::Names(Field::Pr)),
    ("人物", Word::Names(Field::Pr)),
    ("スキル", Word::Names(Field::Skills)),
    ("経験", Word::Names(Field::Skills)),
    ("言語", Word::Names(Field::Skills)),
    ("技術", Word::Names(Field::Skills)),
    ("環境", Word::Names(Field::Skills)),
    ("フレームワーク", Word::Names(Field::Skills)),
    ("ツール", Word::Names(Field::Skills)),
    ("クラウド", Word::Names(Field::Skills)),
    ("工程", Word::Names(Field::Skills)),
    ("資格", Word::Names(Field::Skills)),
    ("得意", Word::Names(Field::Skills)),
    ("経歴", Word::Names(Field::Skills)),
    ("可能日", Word::Start),
    ("可能時期", Word::Start),
    ("稼働開始", Word::Start),
    ("参画可能", Word::Start),
    ("稼働可能", Word::Start),
    ("率", Word::NotStart),
    ("形態", Word::NotStart),
    ("場所", Word::NotStart),
    ("条件", Word::NotStart),
    ("時間", Word::NotStart),
    ("日数", Word::NotStart),
    ("地", Word::NotStart),
    ("曜", Word::NotStart),
    ("週", Word::NotStart),
    ("工程", Word::NotStart),
    ("実績", Word::NotStart),
];

/// Label words found in one pass; a label is short, but it is asked of every segment.
fn label_words() -> &'static aho_corasick::AhoCorasick {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::new(LABEL_WORDS.iter().map(|(w, _)| *w))
            .expect("the label words build an automaton")
    })
}

/// A label that is a whole English word (`Name:`, `Skills:`), or one of a few short forms.
fn exact_label(key: &str) -> Option<Field> {
    Some(match key {
        "initials" | "name" | "対象者" => Field::Initials,
        "age" => Field::Age,
        "gender" | "sex" => Field::Gender,
        "駅" | "station" | "neareststation" => Field::Station,
        "rate" => Field::Rate,
        "区分" | "affiliation" | "employment" => Field::Affiliation,
        "nationality" => Field::Nationality,
        "japanese" => Field::Japanese,
        "remote" => Field::Remote,
        "ng" | "ng事項" | "ng条件" | "ng業務" | "ng業界" | "ng案件" => Field::Ng,
        "pr" => Field::Pr,
        "db" | "os" | "fw" | "skill" | "skills" => Field::Skills,
        _ => return None,
    })
}

/// The fields a label names; empty when the text is not a label we know.
pub fn label_fields(label: &str) -> Fields {
    let key: String = label
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '・' | '.' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    let mut f = Fields::default();
    if key.is_empty() || key.chars().count() > 16 {
        return f;
    }
    if let Some(field) = exact_label(&key) {
        f.add(field);
    }
    let (mut overview, mut work, mut start, mut not_start) = (false, false, false, false);
    for m in label_words().find_overlapping_iter(&key) {
        match LABEL_WORDS[m.pattern().as_usize()].1 {
            Word::Names(field) => f.add(field),
            Word::Overview => overview = true,
            Word::Work => work = true,
            Word::Start => start = true,
            Word::NotStart => not_start = true,
        }
    }
    if overview && !work {
        f.add(Field::Summary);
    }
    // `稼働：`, `参画時期`, `開始日`, `空き状況`, `Available from`.
    start = start
        || ["稼働", "稼動", "参画", "入場", "開始", "空き"]
            .iter()
            .any(|w| key.starts_with(w))
        || key.starts_with("available")
        || matches!(key.as_str(), "availability" | "start" | "startdate");
    if start && !not_start {
        f.add(Field::Start);
    }
    // `自己ＰＲ`, `営業PR`: Japanese words ending in PR (not `Spring`).
    if key.ends_with("pr") && !key.is_ascii() {
        f.add(Field::Pr);
    }
    f
}

/// The name a line starts with under a name label (`■ 氏名：K.K（50歳）`, `【名前】T.A`),
/// folded: a second such name in one block is a second person.
pub fn leading_name(line: &str) -> Option<String> {
    let folded = fold(line);
    // Cheap first: a name label holds one of these words.
    if !["名", "イニシャル"].iter().any(|w| folded.contains(w)) {
        return None;
    }
    let first = segments(folded.trim_matches(['*', ' ']))
        .into_iter()
        .next()?;
    let (_, fields, value) = first;
    let name: String = value
        .chars()
        .take_while(|c| !matches!(c, '(' | '/' | '|' | ' ' | '、' | ','))
        .collect();
    (fields.has(Field::Initials) && !name.is_empty()).then_some(name)
}

/// One labelled value: the fields its label names and the folded value text.
#[derive(Debug, Clone)]
pub struct Value {
    pub fields: Fields,
    pub label: String,
    pub text: String,
    /// Line index where the label stands.
    pub line: usize,
}

/// One offer's text, folded, with its labelled values and its noise lines marked.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Folded lines, trimmed.
    pub lines: Vec<String>,
    /// Mail headers, signatures and greetings: never read for fields.
    pub noise: Vec<bool>,
    pub values: Values,
}

/// The labelled values of a layout, in text order. Every pass over them is counted in
/// [`crate::work`], so a search per line shows as quadratic work in a test.
#[derive(Debug, Clone, Default)]
pub struct Values(Vec<Value>);

impl Values {
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Value> + Clone {
        self.0.iter().inspect(|_| crate::work::step(1))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<usize> for Values {
    type Output = Value;
    fn index(&self, k: usize) -> &Value {
        crate::work::step(1);
        &self.0[k]
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = &'a Value;
    type IntoIter = Box<dyn DoubleEndedIterator<Item = &'a Value> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl Layout {
    pub fn new(text: &str) -> Layout {
        let folded = fold(text);
        let lines: Vec<String> = folded.lines().map(|l| l.trim().to_string()).collect();
        let noise: Vec<bool> = lines.iter().map(|l| is_noise(l)).collect();
        let mut values: Vec<Value> = Vec::new();
        // The value of a label that ends its line continues on the following
        // unlabelled lines (a skill list under `■スキル：`), up to a blank line.
        let mut open: Option<usize> = None;
        for (i, line) in lines.iter().enumerate() {
            if noise[i] {
                open = None;
                continue;
            }
            if line.is_empty() {
                open = None;
                continue;
            }
            let found = segments(line);
            if found.is_empty() {
                if let Some(v) = open.and_then(|v| values.get_mut(v)) {
                    if !v.text.is_empty() {
                        v.text.push('\n');
                    }
                    v.text.push_str(line);
                }
                continue;
            }
            open = None;
            let n = found.len();
            for (k, (label, fields, value)) in found.into_iter().enumerate() {
                let empty = value.is_empty();
                values.push(Value {
                    fields,
                    label,
                    text: value,
                    line: i,
                });
                if k + 1 == n && empty {
                    open = Some(values.len() - 1);
                }
            }
        }
        Layout {
            lines,
            noise,
            values: Values(values),
        }
    }

    /// Values whose label names `f`, in order.
    pub fn values(&self, f: Field) -> impl Iterator<Item = &str> {
        self.values
            .iter()
            .filter(move |v| v.fields.has(f))
            .map(|v| v.text.as_str())
    }

    /// Lines a detector may read without a label: everything but noise.
    pub fn text_lines(&self) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .zip(&self.noise)
            .filter(|(l, n)| !**n && !l.is_empty())
            .map(|(l, _)| l.as_str())
    }
}

const OPENERS: [(char, char); 7] = [
    ('【', '】'),
    ('[', ']'),
    ('<', '>'),
    ('《', '》'),
    ('〈', '〉'),
    ('≪', '≫'),
    ('〔', '〕'),
];

/// Labelled segments of one line: `(label, fields, value)`.
fn segments(line: &str) -> Vec<(String, Fields, String)> {
    let s = strip_numbering(strip_bullets(line));
    // Label starts: byte offset in `s`, label text, fields, where the value begins.
    let mut starts: Vec<(usize, String, Fields, usize)> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let at_segment_start = i == 0 || {
            let before = s[..i].trim_end();
            before.is_empty()
                || before.ends_with(['/', '|', '、', ',', '】', ']', '>', '》', '〉', ')'])
        };
        if let Some(&(_, close)) = OPENERS.iter().find(|(o, _)| *o == c) {
            if let Some(end) = s[i + c.len_utf8()..].find(close) {
                let inner = &s[i + c.len_utf8()..i + c.len_utf8() + end];
                let fields = label_fields(inner);
                let after = i + c.len_utf8() + end + close.len_utf8();
                if !fields.is_empty() || (i == 0 && inner.chars().count() <= 16) {
                    let fields = if fields.is_empty() {
                        let mut f = Fields::default();
                        f.add(Field::Other);
                        f
                    } else {
                        fields
                    };
                    let value_at = skip_colon(s, after);
                    starts.push((i, inner.trim().to_string(), fields, value_at));
                    i = value_at.max(i + 1);
                    continue;
                }
            }
        }
        if c == ':' {
            // The label is the text back to the previous separator.
            let before = &s[..i];
            let from = before
                .rfind(['/', '|', '、', ',', '】', ']', '>', '　', ')', ':'])
                .map_or(0, |p| {
                    p + before[p..].chars().next().map_or(1, char::len_utf8)
                });
            let label = before[from..].trim();
            let fields = label_fields(label);
            let known = !fields.is_empty();
            let first = from == 0 || starts.is_empty() && s[..from].trim().is_empty();
            let plausible = first
                && label.chars().count() <= 16
                && !label.is_empty()
                && !label.chars().all(|c| c.is_ascii_digit())
                && !label.contains("http");
            if known || plausible && from == 0 {
                let fields = if known {
                    fields
                } else {
                    let mut f = Fields::default();
                    f.add(Field::Other);
                    f
                };
                // Drop a shorter label already recorded inside this one.
                starts.retain(|st| st.0 < from || st.0 >= i);
                let value_at = skip_colon(s, i);
                starts.push((from, label.to_string(), fields, value_at));
                i = value_at.max(i + 1);
                continue;
            }
        }
        if at_segment_start && !c.is_whitespace() {
            // `年齢　34歳` or `単価 65万`: a known label, then spaces, then the value.
            let rest = &s[i..];
            let word_end = rest.find(' ').unwrap_or(rest.len());
            let word = &rest[..word_end];
            if word_end < rest.len() && !word.contains(':') && word.chars().count() <= 10 {
                let fields = label_fields(word.trim_end_matches(['/', '|']));
                if !fields.is_empty() && !fields.is_other() {
                    let value_at = i
                        + word_end
                        + (rest.len() - word_end - rest[word_end..].trim_start().len());
                    starts.push((i, word.to_string(), fields, value_at));
                    i = value_at.max(i + 1);
                    continue;
                }
            }
        }
        i += c.len_utf8();
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, (_, label, fields, value_at)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(s.len(), |n| n.0);
        let value = s
            .get(*value_at..end.max(*value_at))
            .unwrap_or("")
            .trim()
            .trim_end_matches(['/', '|', '、', ','])
            .trim()
            .to_string();
        out.push((label.clone(), *fields, value));
    }
    out
}

fn skip_colon(s: &str, at: usize) -> usize {
    let rest = &s[at.min(s.len())..];
    let trimmed = rest.trim_start_matches([' ', ':', '=']);
    s.len() - trimmed.len()
}

/// `1.`, `(1)`, `①`, `No.1` at the start of a line are numbering, not text.
pub fn strip_numbering(s: &str) -> &str {
    let t = s.trim_start();
    if let Some(c) = t.chars().next() {
        if ('①'..='⑳').contains(&c) {
            return t[c.len_utf8()..].trim_start();
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 2 {
        let rest = &t[digits..];
        for sep in [". ", ".", ")", "、", "|"] {
            if let Some(r) = rest.strip_prefix(sep) {
                if !r.starts_with(|c: char| c.is_ascii_digit()) {
                    return r.trim_start();
                }
            }
        }
    }
    t
}

/// Mail headers, quoted-header lines, signatures and contact lines.
pub fn is_noise(line: &str) -> bool {
    let l = line.trim_start_matches(['>', ' ']);
    if l.is_empty() {
        return false;
    }
    let lower = l.to_ascii_lowercase();
    for h in [
        "from:",
        "to:",
        "cc:",
        "bcc:",
        "sent:",
        "date:",
        "subject:",
        "reply-to:",
        "件名:",
        "差出人:",
        "宛先:",
        "送信日時:",
        "日時:",
        "送信者:",
    ] {
        if lower.starts_with(h) {
            return true;
        }
    }
    if lower.contains("forwarded message")
        || lower.contains("original message")
        || lower.contains("転送メッセージ")
    {
        return true;
    }
    const CONTACT: [&str; 18] = [
        "〒",
        "tel",
        "fax",
        "mail:",
        "e-mail",
        "email",
        "url",
        "http",
        "@",
        "ビル",
        "株式会社",
        "(株)",
        "有限会社",
        "合同会社",
        "営業部",
        "代表取締役",
        "携帯",
        "配信停止",
    ];
    CONTACT.iter().any(|w| lower.contains(w)) && !lower.contains("弊社")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(line: &str) -> Vec<(String, String)> {
        segments(&fold(line))
            .into_iter()
            .map(|(l, _, v)| (l, v))
            .collect()
    }

    #[test]
    fn finds_labels_in_every_layout() {
        assert_eq!(labels("【年齢】34歳"), vec![("年齢".into(), "34歳".into())]);
        assert_eq!(
            labels("■最寄駅：川崎"),
            vec![("最寄駅".into(), "川崎".into())]
        );
        assert_eq!(
            labels("年齢　　　34歳"),
            vec![("年齢".into(), "34歳".into())]
        );
        assert_eq!(
            labels("年齢:34歳 / 性別:男性"),
            vec![
                ("年齢".into(), "34歳".into()),
                ("性別".into(), "男性".into())
            ]
        );
        assert_eq!(
            labels("【人材】 Java 5年 / 最寄: 川崎 / 単価 65万"),
            vec![
                ("人材".into(), "Java 5年".into()),
                ("最寄".into(), "川崎".into()),
                ("単価".into(), "65万".into())
            ]
        );
        assert!(labels("Javaで5年の経験があります").is_empty());
        assert!(labels("10:00からの面談").is_empty());
    }

    #[test]
    fn values_continue_on_following_lines() {
        let l = Layout::new("■スキル：\n Java 5年\n AWS 2年\n\n■単価：65万");
        let skills: Vec<&str> = l.values(Field::Skills).collect();
        assert_eq!(skills, vec!["Java 5年\nAWS 2年"]);
        assert_eq!(l.values(Field::Rate).collect::<Vec<_>>(), vec!["65万"]);
    }
}
