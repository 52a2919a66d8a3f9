//! Whole offers read end to end, and texts built to break the parser.

use super::*;
use chrono::TimeZone;

fn received() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap()
}

fn parse_one(text: &str) -> ParsedOffer {
    parse(text, received(), Taxonomy::builtin())
}

#[test]
fn the_issue_example_card() {
    let o =
        parse_one("【人材】 Java 5年 / 30代男性 / 最寄: 川崎 / 単価 65万 / 即日可 / 1社先正社員");
    assert_eq!(o.age_band.as_deref(), Some("30代"));
    assert_eq!(o.gender, Some(Gender::Male));
    assert_eq!(o.station.as_deref(), Some("川崎"));
    assert_eq!(
        o.skills,
        vec![OfferSkill {
            name: "Java".into(),
            years: Some(5.0)
        }]
    );
    assert_eq!((o.rate_min, o.rate_max), (Man::new(65.0), Man::new(65.0)));
    assert_eq!(o.available_from, Some(Start::Immediate));
    assert_eq!(o.affiliation, Some(OfferAffiliation::PartnerEmployee));
    assert_eq!(o.depth, Some(2));
}

#[test]
fn mid_month_is_the_15th_and_an_ng_among_skills_is_an_ng() {
    let o =
        parse_one("氏名：T.K\n稼働：12月中旬\nスキル：Java 5年、金融NG、夜勤不可\n単価：65万\n");
    assert_eq!(
        o.available_from,
        Some(Start::Date(NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()))
    );
    assert_eq!(o.ng, vec!["金融NG", "夜勤不可"]);
    assert_eq!(
        o.skills.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        vec!["Java"]
    );
    let o = parse_one("氏名：T.K\n稼働：1月下旬\nスキル：Java 5年\n");
    assert_eq!(
        o.available_from,
        Some(Start::Date(NaiveDate::from_ymd_opt(2027, 1, 21).unwrap()))
    );
}

#[test]
fn silence_stays_null_and_nothing_panics() {
    let o = parse_one("");
    assert_eq!(o.field_count(), 0);
    assert_eq!(o.summary, None);
    for s in [
        "\u{0}",
        "】【",
        "：：：",
        "■",
        "1/",
        "99999999999999999999万",
        "年齢：",
        "【",
        "No.",
    ] {
        let _ = parse_one(s);
    }
}

mod never_panics {
    use super::*;
    use crate::classify::{sort_mail, Envelope};
    use proptest::prelude::*;

    /// Pieces offers are made of, so random texts look like offers often enough.
    const PIECES: &[&str] = &[
        "【氏名】",
        "T.K",
        "（34歳）",
        "男性",
        "■最寄：",
        "川崎駅",
        "Java",
        "5年",
        "(5y)",
        "：",
        "万",
        "60",
        "~",
        "〜",
        "即日",
        "12月",
        "末",
        "まで",
        "1社先",
        "弊社",
        "正社員",
        "個人事業主",
        "/",
        "|",
        "\n",
        "-----",
        "No.1",
        "【人材①】",
        ">",
        "From: a@b.jp",
        "N1",
        "日本語",
        "フルリモート",
        "希望",
        "年",
        "ヶ月",
        "(",
        ")",
        "（",
        "）",
        "ｱ",
        "ﾞ",
        "\u{0}",
        "\u{1b}[2J",
        "9999999999999999",
        "・",
        "(34,男)",
        ",",
        "歳",
        "代",
        "駅",
        "線",
        "：",
        "━━",
        "＜1＞",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn parse_and_sort_never_panic(picks in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let o = parse(&text, received(), Taxonomy::builtin());
            let clean = o.summary.as_deref().is_none_or(|s| !s.contains('\u{1b}'));
            prop_assert!(clean, "summary keeps an escape");
            let env = Envelope { subject: Some("Re: Fw: 人材"), from_addr: Some("x@y.jp"), received: received() };
            let _ = sort_mail(&text, &env, Taxonomy::builtin());
        }

        #[test]
        fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text, received(), Taxonomy::builtin());
        }
    }
}

#[test]
fn english_and_other_languages_are_read_with_their_level() {
    use crate::domain::LanguageLevel;
    for (text, want) in [
        (
            "【人材】Java 5年\n英語：ビジネスレベル\n日本語：ネイティブ",
            vec![("英語", LanguageLevel::Business)],
        ),
        (
            "■語学：TOEIC 800点",
            vec![("英語", LanguageLevel::Business)],
        ),
        (
            "中国籍 / 中国語ネイティブ / 日本語N1",
            vec![("中国語", LanguageLevel::Native)],
        ),
        ("Java 5年 / 30代 / 川崎", vec![]),
    ] {
        let o = parse_one(text);
        let got: Vec<(&str, LanguageLevel)> = o
            .languages
            .iter()
            .map(|l| (l.name.as_str(), l.level))
            .collect();
        assert_eq!(got, want, "{text}");
        let e = o.to_engineer(
            received(),
            Taxonomy::builtin(),
            crate::geo::Places::builtin(),
        );
        assert_eq!(e.languages, o.languages);
    }
}

#[test]
fn products_the_taxonomy_does_not_know_reach_the_engineer_as_other_skills() {
    let o = parse_one("氏名：T.K\nスキル：Java 5年、Rundeck 3年、Shibboleth\n単価：65万\n");
    let names: Vec<&str> = o.skills.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Java", "Rundeck", "Shibboleth"]);
    // The summary keeps to taxonomy names.
    assert_eq!(o.summary.as_deref(), Some("Java 5年"));
    let e = o.to_engineer(
        received(),
        Taxonomy::builtin(),
        crate::geo::Places::builtin(),
    );
    assert_eq!(e.skills.len(), 1);
    assert_eq!(
        e.other_skills,
        vec![
            ("Rundeck".to_string(), 3.0),
            ("Shibboleth".to_string(), 0.0)
        ]
    );
}
