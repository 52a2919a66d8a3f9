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
