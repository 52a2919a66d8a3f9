//! End-to-end parses of whole postings; the field readers have their own tables.

use super::*;
use chrono::TimeZone;

fn received() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 20, 0, 0, 0).unwrap()
}

fn p(text: &str) -> ParsedPosting {
    parse(text, received(), Taxonomy::builtin())
}

#[test]
fn bracket_posting() {
    let got = p("【案件名】ECサイトリニューアル\n【必須スキル】\n・Java経験3年以上\n・Spring Boot\n【尚可】\n・AWS\n【開発環境】Java, Spring Boot, MySQL, Docker\n【単価】60〜70万円（精算140-180h）\n【場所】品川（リモート併用）\n【期間】12月～長期\n【面談】1回\n【商流】貴社社員まで\n【備考】外国籍不可、個人事業主不可");
    assert_eq!(got.title.as_deref(), Some("ECサイトリニューアル"));
    assert_eq!(got.must_skills, vec!["Java", "Spring Boot"]);
    assert_eq!(got.nice_skills, vec!["AWS"]);
    assert_eq!(got.rate_min, Man::new(60.0));
    assert_eq!(got.rate_max, Man::new(70.0));
    assert_eq!((got.settle_min_h, got.settle_max_h), (Some(140), Some(180)));
    assert_eq!(got.location.as_deref(), Some("品川"));
    assert_eq!(got.remote, Some(Remote::Partial));
    assert_eq!(
        got.start,
        Some(Start::Month {
            year: 2025,
            month: 12
        })
    );
    assert_eq!(got.duration.as_deref(), Some("長期"));
    assert_eq!(got.interviews, Some(1));
    assert_eq!(got.max_depth, Some(0));
    assert_eq!(got.freelancer_ok, Some(false));
    assert_eq!(got.foreign_ok, Some(false));
    assert_eq!(got.lang, "ja");
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "\n\n",
        "【",
        "】",
        "：",
        "~~~~",
        "\u{0}\u{1b}[2J",
        "単価：",
        "〜",
        "1/",
        "面談",
    ] {
        let _ = p(text);
    }
}
