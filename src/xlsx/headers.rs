//! Which workbook column means which import field: header names in Japanese and English.
//!
//! Headers are compared after NFKC folding, lower-casing and dropping spaces, brackets and
//! joiners, so `最寄り駅`, `最寄駅` and `Station` each find their field.

use unicode_normalization::UnicodeNormalization as _;

/// How a cell's value becomes the text the CSV reader expects for its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conv {
    /// Text as written (numbers without a trailing `.0`).
    Text,
    /// A whole number.
    Int,
    /// 万円 per month; a figure of 10,000 or more is read as yen.
    Money,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// An opening's start: a date, a month, or 即日 (immediate).
    Start,
    /// yes / no from 可・不可, ○・×, true / false.
    YesNo,
    /// 国籍: Japanese gives `no` (not foreign), any other nationality `yes`.
    Nationality,
    /// 年齢 34 → `30代`.
    Age,
    /// 経験年数 → the year the career started, counted back from today.
    Experience,
    /// 正社員 / 契約社員 / 個人事業主 / BP → own / contract / freelancer / partner.
    Affiliation,
    /// フルリモート / 一部リモート / 常駐 → full / partial / none.
    Remote,
    /// `Java(5年)、AWS 2年` → `Java:5;AWS:2`.
    Skills,
}

/// One import field with the headers that mean it.
pub(crate) struct FieldDef {
    pub(crate) field: &'static str,
    pub(crate) conv: Conv,
    pub(crate) headers: &'static [&'static str],
}

const fn f(field: &'static str, conv: Conv, headers: &'static [&'static str]) -> FieldDef {
    FieldDef {
        field,
        conv,
        headers,
    }
}

/// Engineer fields: those in the order of the CSV header in README, then the table's
/// ([`crate::domain::fields::ENGINEER_TABLE`]), each read by its key or its headers.
pub(crate) static ENGINEER_FIELDS: std::sync::LazyLock<Vec<FieldDef>> =
    std::sync::LazyLock::new(|| {
        HAND_ENGINEER_FIELDS
            .iter()
            .map(|d| f(d.field, d.conv, d.headers))
            .chain(crate::domain::fields::ENGINEER_TABLE.iter().map(|t| {
                let headers: Vec<&'static str> = std::iter::once(t.key)
                    .chain(t.headers.iter().copied())
                    .collect();
                let conv = match t.kind {
                    crate::domain::fields::Kind::Date => Conv::Date,
                    crate::domain::fields::Kind::Text => Conv::Text,
                };
                // Built once per process, so the headers may live as long as the table.
                f(t.key, conv, Vec::leak(headers))
            }))
            .collect()
    });

/// The engineer fields older than the table.
const HAND_ENGINEER_FIELDS: &[FieldDef] = &[
    f("id", Conv::Int, &["id"]),
    f(
        "name",
        Conv::Text,
        &[
            "氏名",
            "名前",
            "氏名漢字",
            "社員名",
            "技術者名",
            "要員名",
            "name",
            "fullname",
        ],
    ),
    f(
        "initials",
        Conv::Text,
        &["イニシャル", "initials", "initial"],
    ),
    f(
        "affiliation",
        Conv::Affiliation,
        &[
            "所属",
            "所属区分",
            "契約形態",
            "区分",
            "affiliation",
            "employment",
        ],
    ),
    f(
        "partner",
        Conv::Text,
        &[
            "会社名",
            "所属会社",
            "所属会社名",
            "パートナー",
            "パートナー会社",
            "協力会社",
            "bp",
            "partner",
            "company",
        ],
    ),
    f("depth", Conv::Int, &["商流", "商流深さ", "階層", "depth"]),
    f(
        "station",
        Conv::Text,
        &["最寄駅", "最寄り駅", "最寄", "station", "neareststation"],
    ),
    f("area", Conv::Text, &["エリア", "地域", "area"]),
    f(
        "remote_pref",
        Conv::Remote,
        &["リモート", "リモート希望", "在宅", "remote", "remotepref"],
    ),
    f(
        "available_from",
        Conv::Date,
        &[
            "稼働開始",
            "稼働開始日",
            "稼働可能日",
            "稼働可能",
            "稼働日",
            "参画可能日",
            "開始可能日",
            "availablefrom",
            "available",
            "availability",
        ],
    ),
    f(
        "availability_confirmed",
        Conv::Date,
        &["稼働確認日", "確認日", "availabilityconfirmed", "confirmed"],
    ),
    f(
        "cost",
        Conv::Money,
        &["原価", "仕入", "仕入単価", "仕入れ単価", "cost"],
    ),
    f(
        "rate",
        Conv::Money,
        &["単価", "希望単価", "提案単価", "売値", "rate", "price"],
    ),
    f("foreign", Conv::Nationality, &["国籍", "nationality"]),
    f("foreign", Conv::YesNo, &["外国籍", "foreign"]),
    f(
        "japanese_level",
        Conv::Text,
        &[
            "日本語",
            "日本語レベル",
            "japanese",
            "japaneselevel",
            "jlpt",
        ],
    ),
    f(
        "languages",
        Conv::Text,
        &["英語", "英語力", "english", "語学", "languages"],
    ),
    f("age_band", Conv::Age, &["年齢", "age"]),
    f("age_band", Conv::Text, &["年代", "ageband"]),
    f(
        "career_start",
        Conv::Experience,
        &[
            "経験年数",
            "経験",
            "it経験",
            "it経験年数",
            "業界経験",
            "experience",
            "experienceyears",
            "yearsofexperience",
        ],
    ),
    f("career_start", Conv::Int, &["経験開始年", "careerstart"]),
    f(
        "skills",
        Conv::Skills,
        &[
            "スキル",
            "保有スキル",
            "スキルセット",
            "技術",
            "言語",
            "skills",
            "skill",
        ],
    ),
    f(
        "notes",
        Conv::Text,
        &[
            "備考",
            "メモ",
            "コメント",
            "notes",
            "note",
            "memo",
            "remarks",
        ],
    ),
    f("last_checked", Conv::Date, &["最終確認日", "lastchecked"]),
    // Read as written: the engineer record reads 正社員 / 契約 / 個人事業主 as well as the keys.
    f(
        "employment",
        Conv::Text,
        &["雇用形態", "雇用区分", "employment", "employmenttype"],
    ),
    f("ng", Conv::Text, &["ng", "ng条件", "ng項目", "不可条件"]),
    f(
        "assignment_end",
        Conv::Date,
        &[
            "終了予定日",
            "契約終了日",
            "契約終了",
            "終了日",
            "現場終了日",
            "assignmentend",
        ],
    ),
    f(
        "assignment_start",
        Conv::Date,
        &[
            "参画開始日",
            "参画開始",
            "参画日",
            "入場日",
            "現場開始日",
            "assignmentstart",
        ],
    ),
    f(
        "assignment_client",
        Conv::Text,
        &[
            "現在の現場",
            "現場",
            "参画先",
            "現在の参画先",
            "稼働先",
            "現案件",
            "assignmentclient",
            "currentclient",
        ],
    ),
];

/// Opening fields, as in the CSV import of openings.
pub(crate) const OPENING_FIELDS: &[FieldDef] = &[
    f("id", Conv::Int, &["id"]),
    f(
        "title",
        Conv::Text,
        &["案件名", "件名", "タイトル", "案件", "title", "subject"],
    ),
    f(
        "client",
        Conv::Text,
        &[
            "顧客",
            "顧客名",
            "クライアント",
            "エンド",
            "企業名",
            "client",
            "customer",
        ],
    ),
    f(
        "client_rank",
        Conv::Text,
        &["ランク", "顧客ランク", "rank", "clientrank"],
    ),
    f(
        "received_at",
        Conv::Date,
        &[
            "受信日",
            "受付日",
            "登録日",
            "received",
            "receivedat",
            "date",
        ],
    ),
    f("status", Conv::Text, &["ステータス", "状態", "status"]),
    f(
        "rate_min",
        Conv::Money,
        &["単価下限", "下限単価", "最低単価", "ratemin"],
    ),
    f(
        "rate_max",
        Conv::Money,
        &[
            "単価",
            "単価上限",
            "上限単価",
            "予算",
            "ratemax",
            "rate",
            "budget",
        ],
    ),
    f(
        "location",
        Conv::Text,
        &["勤務地", "場所", "最寄駅", "最寄り駅", "location", "place"],
    ),
    f("remote", Conv::Remote, &["リモート", "在宅", "remote"]),
    f(
        "start",
        Conv::Start,
        &["開始", "開始時期", "開始日", "参画時期", "start"],
    ),
    f("duration", Conv::Text, &["期間", "duration"]),
    f("interviews", Conv::Int, &["面談", "面談回数", "interviews"]),
    f("headcount", Conv::Int, &["人数", "募集人数", "headcount"]),
    f("max_depth", Conv::Int, &["商流", "商流制限", "maxdepth"]),
    f(
        "freelancer_ok",
        Conv::YesNo,
        &["個人事業主", "フリーランス", "freelancer", "freelancerok"],
    ),
    f(
        "foreign_ok",
        Conv::YesNo,
        &["外国籍", "foreign", "foreignok"],
    ),
    f(
        "must",
        Conv::Skills,
        &["必須", "必須スキル", "必須条件", "must", "required"],
    ),
    f(
        "nice",
        Conv::Skills,
        &[
            "尚可",
            "尚可スキル",
            "歓迎",
            "歓迎スキル",
            "nice",
            "preferred",
        ],
    ),
    f(
        "raw_text",
        Conv::Text,
        &[
            "詳細",
            "概要",
            "案件概要",
            "内容",
            "備考",
            "description",
            "details",
            "notes",
        ],
    ),
];

/// A header as compared: NFKC, lower case, no spaces, brackets or joiners.
pub(crate) fn fold(header: &str) -> String {
    header
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '(' | ')'
                        | '['
                        | ']'
                        | '「'
                        | '」'
                        | '【'
                        | '】'
                        | '・'
                        | '_'
                        | '-'
                        | '.'
                        | ':'
                        | '*'
                )
        })
        .collect()
}

/// The field a header means, if any; a unit in brackets (`単価(万円)`) is ignored.
pub(crate) fn lookup(fields: &'static [FieldDef], header: &str) -> Option<&'static FieldDef> {
    let without_unit = header
        .split(['(', '（', '['])
        .next()
        .unwrap_or(header)
        .to_string();
    for h in [fold(header), fold(&without_unit)] {
        if h.is_empty() {
            continue;
        }
        if let Some(d) = fields
            .iter()
            .find(|d| d.headers.iter().any(|x| fold(x) == h))
        {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_roster_header_read() {
        let readme = fold(include_str!("../../README.md"));
        for d in ENGINEER_FIELDS.iter() {
            for h in d.headers.iter().filter(|h| !h.is_ascii()) {
                assert!(
                    readme.contains(&fold(h)),
                    "README does not list the roster header {h} ({})",
                    d.field
                );
            }
        }
    }

    #[test]
    fn japanese_and_english_headers_find_their_field() {
        for (h, want) in [
            ("氏名", "name"),
            ("名前", "name"),
            ("Name", "name"),
            ("最寄り駅", "station"),
            ("単価(万円)", "rate"),
            ("単価（万円）", "rate"),
            ("稼働可能日", "available_from"),
            ("国籍", "foreign"),
            ("ＳＫＩＬＬＳ", "skills"),
            ("Available From", "available_from"),
        ] {
            assert_eq!(
                lookup(&ENGINEER_FIELDS, h).map(|d| d.field),
                Some(want),
                "{h}"
            );
        }
        assert!(lookup(&ENGINEER_FIELDS, "電話番号").is_none());
        assert_eq!(
            lookup(OPENING_FIELDS, "必須スキル").map(|d| d.field),
            Some("must")
        );
    }
}
