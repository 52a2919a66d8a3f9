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
fn real_mail_fields() {
    // Conditions packed into the subject line; the body only names the job.
    let got = p("件名：【Go】【虎ノ門】★貴社所属まで(個人事業主可)★ / 40代まで / 原則出社（即日or1月）\n\n【案件名】決済API開発\n【単価】～80万円\n");
    assert_eq!(got.remote, Some(Remote::None));
    assert_eq!(got.start, Some(Start::Immediate));
    assert_eq!(
        (got.max_depth, got.freelancer_ok, got.age_limit),
        (Some(0), Some(true), Some(49))
    );
    assert_eq!((got.rate_min, got.rate_max), (None, Man::new(80.0)));
    // One figure per role: the highest is the ceiling; a settlement named by its split.
    let got = p(
        "■単価：\nメンバー：Max70万まで\nリーダー：Max80万まで\n■標準時間\n・140-180H ※160H割\n",
    );
    assert_eq!((got.rate_min, got.rate_max), (None, Man::new(80.0)));
    assert_eq!((got.settle_min_h, got.settle_max_h), (Some(140), Some(180)));
    // Yes and no on the line after the label; employees only shuts out freelancers.
    let got = p(
        "■外国籍\n不可\n■商流制限\n貴社の社員まで\n※営業支援費可能な場合、貴社1社先の社員まで\n",
    );
    assert_eq!(got.foreign_ok, Some(false));
    assert_eq!((got.max_depth, got.depth_with_fee), (Some(0), Some(1)));
    assert_eq!(got.freelancer_ok, Some(false));
    // A single settlement figure under its label is the fixed base; hourly pay gives no monthly rate.
    let got = p("単価：時給4,000円\n精算：160h\n面談：1回～2回\n");
    assert_eq!((got.rate_min, got.rate_max), (None, None));
    assert_eq!((got.settle_min_h, got.settle_max_h), (Some(160), Some(160)));
    assert_eq!(got.interviews, Some(2));
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
        "単価：\n\n\n（",
        "（Max:",
        "面談1回+",
        "可能性",
        "リモート可能性",
        "月リモート",
        "商流：支援費",
    ] {
        let _ = p(text);
    }
}

#[test]
fn english_job_board_post() {
    let got = p("Acme - Backend Engineer - Remote\n\n- Contract\n\n### Requirements\n- 4+ years experience with Go\n- Speak fluent English\n- vagrant\n\nIf you are interested, send your CV to Alice.\n\n### Contact\nAlice at Example Corp\n\n- [ ] Remote OK\n- [x] Contract");
    assert_eq!(got.remote, Some(Remote::Full));
    let must: Vec<(String, Option<f32>)> = got
        .must
        .iter()
        .flatten()
        .map(|r| (r.name.clone(), r.min_years))
        .collect();
    assert_eq!(
        must,
        vec![("Go".to_string(), Some(4.0)), ("vagrant".to_string(), None)]
    );
}

#[test]
fn heading_by_cue_and_qualifiers() {
    let got = p("【案件名】基盤更改\nスキル：Linux / Ansible\n\n必要条件\nAWSもしくはAzureでのインフラ設計・構築経験2年以上\nコーディング経験\n\n求める人物像\n主体的に動ける方");
    let groups: Vec<Vec<(String, Option<f32>)>> = got
        .must
        .iter()
        .map(|g| g.iter().map(|r| (r.name.clone(), r.min_years)).collect())
        .collect();
    assert_eq!(
        groups,
        vec![vec![
            ("AWS".to_string(), Some(2.0)),
            ("Azure".to_string(), Some(2.0))
        ]]
    );
}
