//! Field detectors: one function per offer field, on folded text.
//!
//! Each takes a value and whether a label announced it: a labelled value may be
//! terse (`年齢：34`), free text needs the unit (`34歳`) before anything is believed.

use super::fold::{char_at, char_before, is_kana, is_kanji, number_at, number_before};
use super::{Gender, OfferAffiliation};
use crate::domain::Remote;

/// An exact age or a band such as `30代前半`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgeRead {
    Exact(u8),
    Band(String),
}

/// Two-letter words that are roles or fields, not initials, when written without dots.
const NOT_INITIALS: [&str; 24] = [
    "PM", "PL", "SE", "PG", "DB", "OS", "QA", "UI", "UX", "AI", "IT", "HP", "JP", "NW", "BP", "SI",
    "ML", "CS", "PC", "OK", "NG", "IC", "PR", "TL",
];

/// Initials as `T.K.`: letters joined by dots, as the store writes them.
pub fn initials(v: &str, labelled: bool) -> Option<String> {
    let chars: Vec<(usize, char)> = v.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let ok_first = c.is_ascii_uppercase() || labelled && c.is_ascii_lowercase();
        if !ok_first || char_before(v, at).is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let mut letters = vec![c.to_ascii_uppercase()];
        let mut dotted = false;
        let mut j = k + 1;
        while letters.len() < 3 {
            let mut sep = false;
            while let Some(&(_, s)) = chars.get(j) {
                if matches!(s, '.' | '・' | '･' | ' ') {
                    sep = true;
                    if s != ' ' {
                        dotted = true;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            match chars.get(j) {
                Some(&(_, n))
                    if (n.is_ascii_uppercase() || labelled && n.is_ascii_lowercase())
                        && (sep || letters.len() == 1 || !dotted) =>
                {
                    letters.push(n.to_ascii_uppercase());
                    j += 1;
                }
                _ => break,
            }
        }
        // `李L`, `王 W`: a kanji family name written out, then the given name's initial.
        let surname_first = || {
            let before = v[..at].trim();
            labelled
                && (1..=2).contains(&before.chars().count())
                && before.chars().all(super::fold::is_kanji)
                && chars
                    .get(j)
                    .is_none_or(|&(_, n)| !n.is_ascii_alphanumeric())
        };
        if letters.len() < 2 && !surname_first() {
            continue;
        }
        // The next character must not continue a word (`T.Kubo`, `PMO`).
        let after = chars.get(j).map(|&(_, n)| n);
        if after.is_some_and(|n| n.is_ascii_alphabetic()) {
            continue;
        }
        let word: String = letters.iter().collect();
        if !dotted {
            let tail = v
                .get(chars.get(j).map_or(v.len(), |&(p, _)| p)..)
                .unwrap_or("");
            let named = ["さん", "氏", "様", "(", "君", "くん"]
                .iter()
                .any(|w| tail.trim_start().starts_with(w));
            if NOT_INITIALS.contains(&word.as_str()) || !(labelled || named) {
                continue;
            }
        }
        let mut out = String::new();
        for l in letters {
            out.push(l);
            out.push('.');
        }
        return Some(out);
    }
    None
}

pub fn age(v: &str, labelled: bool) -> Option<AgeRead> {
    // A band first: `30代前半` also contains the digits 30.
    if let Some(p) = v.find('代') {
        if let Some((n, start)) = number_before(v, p) {
            let tens = n as u32;
            if (10..=70).contains(&tens) && tens % 10 == 0 && start + 2 == p {
                let rest = &v[p + '代'.len_utf8()..];
                let mut band = format!("{tens}代");
                for q in ["前半", "後半", "半ば", "中盤"] {
                    if rest.starts_with(q) {
                        band.push_str(q);
                    }
                }
                return Some(AgeRead::Band(band));
            }
        }
    }
    let mut i = 0;
    while i < v.len() {
        let Some(c) = char_at(v, i) else { break };
        if c.is_ascii_digit() && !char_before(v, i).is_some_and(|b| b.is_ascii_digit() || b == '.')
        {
            if let Some((n, len)) = number_at(&v[i..]) {
                let rest = &v[i + len..];
                let unit = rest.starts_with('歳')
                    || rest.starts_with('才')
                    || rest.starts_with("y/o")
                    || rest.starts_with("yo");
                let paren = char_before(v, i).is_some_and(|b| b == '(')
                    && (rest.starts_with(')')
                        || rest
                            .strip_prefix(['/', '・', ','])
                            .is_some_and(|r| r.starts_with(['男', '女', 'M', 'F'])));
                let bare = labelled && !rest.starts_with(['年', '月', '万', '/', '-', '.']);
                if (unit || paren || bare) && n.fract() == 0.0 && (15.0..=80.0).contains(&n) {
                    return Some(AgeRead::Exact(n as u8));
                }
                i += len;
                continue;
            }
        }
        i += c.len_utf8();
    }
    None
}

pub fn gender(v: &str, labelled: bool) -> Option<Gender> {
    if labelled {
        let t = v.trim().to_ascii_lowercase();
        if t.contains('女') || t.starts_with("female") || t == "f" {
            return Some(Gender::Female);
        }
        if t.contains('男') || t.starts_with("male") || t == "m" {
            return Some(Gender::Male);
        }
        return None;
    }
    let m = v.find("男性").filter(|&p| char_before(v, p) != Some('女'));
    let f = v.find("女性").filter(|&p| char_before(v, p) != Some('男'));
    match (m, f) {
        (Some(a), Some(b)) => return Some(if a < b { Gender::Male } else { Gender::Female }),
        (Some(_), None) => return Some(Gender::Male),
        (None, Some(_)) => return Some(Gender::Female),
        (None, None) => {}
    }
    // `34歳・男`, `(34/女)`, `30代男`: a bare 男/女 right after an age.
    for (p, c) in v.char_indices() {
        if c != '男' && c != '女' {
            continue;
        }
        let before = v[..p].trim_end_matches(['/', '・', ' ', ',', '、', '(']);
        let after = char_at(v, p + c.len_utf8());
        let ends_word = after.is_none_or(|a| !is_kanji(a) && !is_kana(a) || a == 'で' || a == 'の');
        if ends_word
            && (before.ends_with('歳')
                || before.ends_with('才')
                || before.ends_with('代')
                || before.ends_with(|b: char| b.is_ascii_digit()))
        {
            return Some(if c == '男' {
                Gender::Male
            } else {
                Gender::Female
            });
        }
    }
    None
}

/// Railway line words that come before the station's own name.
fn is_line_name(t: &str) -> bool {
    t.is_empty()
        || t.ends_with('線')
        || t.ends_with("ライン")
        || t.ends_with("鉄道")
        || t.ends_with("メトロ")
        || t.eq_ignore_ascii_case("jr")
        || t.ends_with("電鉄")
        || t.ends_with("急行")
        || t == "都営"
        || t == "東京メトロ"
        || t == "私鉄"
}

fn clean_place(t: &str) -> Option<String> {
    let mut t = t
        .trim()
        .trim_matches(|c: char| matches!(c, '/' | '・' | ',' | '、' | ':' | '|'));
    for suffix in ["周辺", "近辺", "方面", "エリア", "付近", "駅"] {
        t = t.trim_end_matches(suffix);
    }
    let t = t.trim();
    let n = t.chars().count();
    if n == 0 || n > 12 || t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !t
        .chars()
        .all(|c| is_kanji(c) || is_kana(c) || c.is_ascii_alphabetic() || c == 'の' || c == 'ヶ')
    {
        return None;
    }
    Some(t.to_string())
}

pub fn station(v: &str, labelled: bool) -> Option<String> {
    let first = v.lines().next().unwrap_or("");
    if labelled {
        let cut = first
            .find(['(', '（', '徒', '※'])
            .map_or(first, |p| &first[..p]);
        let cut = cut.split("バス").next().unwrap_or(cut);
        if let Some(p) = cut.find('駅') {
            let before = &cut[..p];
            let name = before
                .rsplit(|c: char| {
                    matches!(c, ' ' | '/' | '・' | '線' | ')' | '、' | ',' | ':' | '|')
                })
                .find(|t| !t.trim().is_empty())
                .unwrap_or("");
            return clean_place(name);
        }
        return cut
            .split([' ', '/', '・', '、', ',', '|'])
            .map(str::trim)
            .find(|t| !is_line_name(t))
            .and_then(clean_place);
    }
    // Free text: `川崎駅` in a card line; never `駅徒歩` or `各駅`.
    for (p, _) in v.match_indices('駅') {
        let before = &v[..p];
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_kanji(c) || is_kana(c) || c == 'ヶ')
            .last()
            .map_or(p, |(i, _)| i);
        let run = &v[start..p];
        if let Some(known) = known_suffix(run) {
            return Some(known);
        }
        // `最寄り駅は東急田園都市線の溝の口`: the name follows the last line name or topic.
        let name = run
            .rsplit(['線', 'は', '、'])
            .next()
            .unwrap_or(run)
            .trim_start_matches(['の', 'が']);
        if name.chars().count() >= 2
            && !["最寄", "各", "主要", "最寄り", "ターミナル"].contains(&name)
        {
            if let Some(s) = clean_place(name) {
                return Some(s);
            }
        }
    }
    None
}

/// The longest ending of `run` that is a station the geo table knows by that exact name.
fn known_suffix(run: &str) -> Option<String> {
    let places = crate::geo::Places::builtin();
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
    starts.into_iter().find_map(|i| {
        let cand = &run[i..];
        (cand.chars().count() >= 2 && places.find(cand).is_some_and(|p| p.name == cand))
            .then(|| cand.to_string())
    })
}

pub fn area(v: &str, labelled: bool) -> Option<String> {
    if labelled {
        let first = v.lines().next().unwrap_or("").trim();
        let cut = first
            .find(['(', '/', '、', '※'])
            .map_or(first, |p| &first[..p]);
        let cut = cut.trim().trim_end_matches("在住").trim();
        return (!cut.is_empty() && cut.chars().count() <= 16).then(|| cut.to_string());
    }
    let p = v.find("在住")?;
    let before = &v[..p];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_kanji(c) || is_kana(c))
        .last()
        .map_or(p, |(i, _)| i);
    let name = &v[start..p];
    let ok =
        name.ends_with(['都', '道', '府', '県', '市', '区', '町']) && name.chars().count() >= 2;
    ok.then(|| name.to_string())
}

/// Affiliation and depth counted from us: the sender's own people are 1.
pub fn affiliation(v: &str) -> Option<(OfferAffiliation, u8)> {
    let kind_near = |at: usize| -> OfferAffiliation {
        let window: String = v[at..].chars().take(16).collect();
        // `1社下個人`: the trade's short form of 個人事業主.
        if window.contains("個人") || window.contains("フリーランス") || window.contains("業務委託")
        {
            OfferAffiliation::Freelancer
        } else if window.contains("契約社員") {
            OfferAffiliation::Contract
        } else {
            OfferAffiliation::PartnerEmployee
        }
    };
    for (word, depth) in [
        ("3社先", 4u8),
        ("2社先", 3),
        ("1社先", 2),
        ("一社先", 2),
        ("二社先", 3),
        // `1社下正社員`: one company below us is one company beyond the sender.
        ("2社下", 3),
        ("1社下", 2),
        ("一社下", 2),
        ("二社下", 3),
    ] {
        if let Some(p) = v.find(word) {
            return Some((kind_near(p), depth));
        }
    }
    for word in [
        "弊社bp",
        "弊社BP",
        "BP社員",
        "bp社員",
        "協力会社",
        "パートナー社員",
        "パートナー企業",
        "弊社パートナー",
        "BP要員",
        "BP様",
        "弊社BP様",
    ] {
        if let Some(p) = v.find(word) {
            return Some((kind_near(p), 2));
        }
    }
    let first = |words: &[&str]| words.iter().filter_map(|w| v.find(w)).min();
    let freelancer = first(&["個人事業主", "フリーランス", "業務委託", "個人事業"]);
    let contract = first(&["契約社員"]);
    let employee = first(&[
        "正社員",
        "弊社社員",
        "自社社員",
        "プロパー",
        "弊社所属",
        "自社所属",
        "社員",
    ]);
    let found = [
        (freelancer, OfferAffiliation::Freelancer),
        (contract, OfferAffiliation::Contract),
        (employee, OfferAffiliation::PartnerEmployee),
    ]
    .into_iter()
    .filter_map(|(p, a)| p.map(|p| (p, a)))
    .min_by_key(|(p, _)| *p);
    found.map(|(_, a)| (a, 1))
}

const COUNTRIES: [&str; 22] = [
    "中国",
    "韓国",
    "台湾",
    "ベトナム",
    "フィリピン",
    "インド",
    "ネパール",
    "ミャンマー",
    "タイ",
    "モンゴル",
    "バングラデシュ",
    "スリランカ",
    "インドネシア",
    "マレーシア",
    "米国",
    "アメリカ",
    "ロシア",
    "ウクライナ",
    "ブラジル",
    "フランス",
    "イギリス",
    "カナダ",
];

pub fn nationality(v: &str, labelled: bool) -> Option<bool> {
    if labelled {
        let t = v.lines().next().unwrap_or("").trim();
        if t.is_empty() {
            return None;
        }
        if t.contains("外国") || COUNTRIES.iter().any(|c| t.contains(c)) {
            return Some(true);
        }
        if t.contains("日本") {
            return Some(false);
        }
        return None;
    }
    if v.contains("日本国籍") || v.contains("日本籍") || v.contains("日本人") {
        return Some(false);
    }
    if v.contains("外国籍") || v.contains("外国人") {
        return Some(true);
    }
    for c in COUNTRIES {
        if let Some(p) = v.find(c) {
            let rest = &v[p + c.len()..];
            if rest.starts_with('籍')
                || rest.starts_with("出身")
                || rest.starts_with("国籍")
                || rest.starts_with("人")
            {
                return Some(true);
            }
        }
    }
    None
}

const JA_LEVELS: [&str; 11] = [
    "ネイティブ",
    "ビジネスレベル",
    "ビジネス上級",
    "ビジネス",
    "日常会話レベル",
    "日常会話",
    "流暢",
    "堪能",
    "上級",
    "中級",
    "初級",
];

pub fn japanese_level(v: &str, labelled: bool) -> Option<String> {
    let jlpt_context =
        labelled || v.contains("日本語") || v.contains("JLPT") || v.contains("能力試験");
    if jlpt_context {
        for (p, _) in v.match_indices('N') {
            let before_ok = char_before(v, p).is_none_or(|b| !b.is_ascii_alphanumeric());
            let level = char_at(v, p + 1).filter(|d| ('1'..='5').contains(d));
            let after_ok = char_at(v, p + 2).is_none_or(|a| !a.is_ascii_alphanumeric());
            if let (true, Some(d), true) = (before_ok, level, after_ok) {
                return Some(format!("N{d}"));
            }
        }
    }
    if labelled {
        let t = v.lines().next().unwrap_or("");
        let cut = t
            .find(['(', '、', '/', '。', ','])
            .map_or(t, |p| &t[..p])
            .trim();
        return (!cut.is_empty() && cut.chars().count() <= 16).then(|| cut.to_string());
    }
    let p = v.find("日本語")?;
    let rest = v[p + "日本語".len()..]
        .trim_start_matches([':', ' ', 'は', 'が', '力', '能'])
        .trim_start_matches("レベル")
        .trim_start_matches([':', ' ', 'は']);
    JA_LEVELS
        .iter()
        .find(|w| rest.starts_with(*w))
        .map(|w| (*w).to_string())
}

pub fn remote(v: &str, labelled: bool) -> Option<Remote> {
    const PATTERNS: [(&str, Remote); 22] = [
        ("フルリモート", Remote::Full),
        ("完全リモート", Remote::Full),
        ("フル在宅", Remote::Full),
        ("出社不可", Remote::Full),
        ("常駐不可", Remote::Full),
        ("リモートのみ", Remote::Full),
        ("リモート併用", Remote::Partial),
        ("一部リモート", Remote::Partial),
        ("ハイブリッド", Remote::Partial),
        ("基本リモート", Remote::Partial),
        ("リモート中心", Remote::Partial),
        ("リモートメイン", Remote::Partial),
        ("週1出社", Remote::Partial),
        ("週2出社", Remote::Partial),
        ("週3出社", Remote::Partial),
        ("リモート希望", Remote::Partial),
        ("常駐可", Remote::None),
        ("常駐希望", Remote::None),
        ("出社可", Remote::None),
        ("フル出社", Remote::None),
        ("常駐ok", Remote::None),
        ("出社ok", Remote::None),
    ];
    let low = v.to_ascii_lowercase();
    let mut best: Option<(usize, Remote)> = None;
    for (w, r) in PATTERNS {
        for (p, _) in low.match_indices(w) {
            // Free text must say it is a wish, not a past project's setting.
            let ok = labelled || {
                let line_start = low[..p].rfind('\n').map_or(0, |i| i + 1);
                let line_end = low[p..].find('\n').map_or(low.len(), |i| p + i);
                let line = &low[line_start..line_end];
                ["希望", "可", "のみ", "ok", "不可", "ng"]
                    .iter()
                    .any(|k| line.contains(k))
                    && !line.contains("実績")
                    && !line.contains("経験")
            };
            if ok && best.is_none_or(|(bp, _)| p < bp) {
                best = Some((p, r));
            }
        }
    }
    if best.is_none() && labelled {
        if low.contains("リモート") || low.contains("在宅") {
            return Some(Remote::Partial);
        }
        if low.contains("常駐") || low.contains("出社") {
            return Some(Remote::None);
        }
    }
    best.map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_forms() {
        assert_eq!(initials("T.K", true).as_deref(), Some("T.K."));
        assert_eq!(initials("t・k（男性）", true).as_deref(), Some("T.K."));
        assert_eq!(initials("TK", true).as_deref(), Some("T.K."));
        assert_eq!(initials("◆Y.S.さん 28歳", false).as_deref(), Some("Y.S."));
        assert_eq!(initials("KMさん(34)", false).as_deref(), Some("K.M."));
        assert_eq!(initials("PM経験あり", false), None);
        assert_eq!(initials("ASP.NET", false), None);
        assert_eq!(initials("Node.JS", false), None);
        assert_eq!(initials("李L（32歳・男性）", true).as_deref(), Some("L."));
        assert_eq!(initials("王 W", true).as_deref(), Some("W."));
        assert_eq!(initials("林 SF", true).as_deref(), Some("S.F."));
        assert_eq!(initials("李L", false), None);
        assert_eq!(initials("山田太郎 L", true), None);
        assert_eq!(initials("Java L2", true), None);
    }

    #[test]
    fn ages_and_bands() {
        assert_eq!(age("34歳", false), Some(AgeRead::Exact(34)));
        assert_eq!(age("34", true), Some(AgeRead::Exact(34)));
        assert_eq!(
            age("30代前半/男性", false),
            Some(AgeRead::Band("30代前半".into()))
        );
        assert_eq!(age("T.K(34/男)", false), Some(AgeRead::Exact(34)));
        assert_eq!(age("T.K(34,男)", false), Some(AgeRead::Exact(34)));
        assert_eq!(age("T.K(34・女)", false), Some(AgeRead::Exact(34)));
        assert_eq!(age("Java 5年", false), None);
    }

    #[test]
    fn genders() {
        assert_eq!(gender("30代男性", false), Some(Gender::Male));
        assert_eq!(gender("28歳・女", false), Some(Gender::Female));
        assert_eq!(gender("女", true), Some(Gender::Female));
        assert_eq!(gender("男女問わず", false), None);
    }

    #[test]
    fn stations() {
        assert_eq!(
            station("JR京浜東北線 川崎駅 徒歩10分", true).as_deref(),
            Some("川崎")
        );
        assert_eq!(
            station("東西線/門前仲町", true).as_deref(),
            Some("門前仲町")
        );
        assert_eq!(station("小田急線・町田駅", true).as_deref(), Some("町田"));
        assert_eq!(station("川崎（神奈川県）", true).as_deref(), Some("川崎"));
        assert_eq!(
            station("34歳 / 大宮駅 / 65万", false).as_deref(),
            Some("大宮")
        );
    }

    #[test]
    fn affiliations_count_depth_from_us() {
        use OfferAffiliation::*;
        assert_eq!(affiliation("弊社正社員"), Some((PartnerEmployee, 1)));
        assert_eq!(affiliation("弊社契約社員"), Some((Contract, 1)));
        assert_eq!(affiliation("弊社個人事業主"), Some((Freelancer, 1)));
        assert_eq!(affiliation("1社先正社員"), Some((PartnerEmployee, 2)));
        assert_eq!(affiliation("弊社BP"), Some((PartnerEmployee, 2)));
        assert_eq!(affiliation("協力会社社員"), Some((PartnerEmployee, 2)));
        assert_eq!(affiliation("2社先個人事業主"), Some((Freelancer, 3)));
        assert_eq!(affiliation("1社先フリーランス"), Some((Freelancer, 2)));
        assert_eq!(affiliation("※1社下個人"), Some((Freelancer, 2)));
        assert_eq!(
            affiliation("大島駅 一社下正社員"),
            Some((PartnerEmployee, 2))
        );
    }

    #[test]
    fn nationality_and_japanese() {
        assert_eq!(nationality("日本", true), Some(false));
        assert_eq!(nationality("中国", true), Some(true));
        assert_eq!(nationality("ベトナム籍の方です", false), Some(true));
        assert_eq!(
            japanese_level("日本語：ビジネスレベル(JLPT N1)", false).as_deref(),
            Some("N1")
        );
        assert_eq!(
            japanese_level("ネイティブ", true).as_deref(),
            Some("ネイティブ")
        );
        assert_eq!(
            japanese_level("日本語は日常会話レベル", false).as_deref(),
            Some("日常会話レベル")
        );
    }

    #[test]
    fn remote_wishes() {
        assert_eq!(remote("フルリモート希望", false), Some(Remote::Full));
        assert_eq!(
            remote("リモート併用希望、常駐も可", false),
            Some(Remote::Partial)
        );
        assert_eq!(remote("常駐可", true), Some(Remote::None));
        assert_eq!(remote("フルリモートでの開発経験あり", false), None);
    }
}
