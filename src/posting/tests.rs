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
        vec![
            ("Go".to_string(), Some(4.0)),
            // A human language with a level is a requirement (issue 24).
            ("英語".to_string(), None),
            ("vagrant".to_string(), None),
        ]
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

/// Requirements kept, must alternatives and nice alike.
fn kept(p: &ParsedPosting) -> usize {
    p.must.iter().map(Vec::len).sum::<usize>() + p.nice.len()
}

#[test]
fn a_line_read_as_many_must_groups_is_flagged() {
    // One line that names fifteen products is not fifteen requirements a rep would write.
    let got = p("案件名：基盤構築\n必須スキル：\n・下記サービスの設計構築経験（Java、Python、Go、Ruby、PHP、Perl、Scala、Kotlin、Swift、Rust、C#、TypeScript、JavaScript、Dart、Elixir）\n単価：70万");
    assert!(got.must.len() > 12, "{:?}", got.must);
    let want = format!(
        "must requirements: {} groups; check the reading",
        got.must.len()
    );
    assert_eq!(got.warnings, vec![want]);
    // Fifteen items listed one per line under 必須 are what the posting asks: no doubt.
    let names = [
        "Java",
        "Python",
        "Go",
        "Ruby",
        "PHP",
        "Perl",
        "Scala",
        "Kotlin",
        "Swift",
        "Rust",
        "C#",
        "TypeScript",
        "JavaScript",
        "Dart",
        "Elixir",
    ];
    let listed: String = names.iter().map(|n| format!("・{n}の経験\n")).collect();
    let got = p(&format!(
        "案件名：基盤構築\n必須スキル：\n{listed}単価：70万"
    ));
    assert_eq!(got.must.len(), 15);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    // A usual posting has no warning at all.
    let got = p("【必須】Java経験3年以上\n【尚可】AWS\n【単価】60万");
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
}

fn many_lines(n: usize) -> String {
    let mut t = String::from("案件名：大量\n必須スキル：\n");
    for i in 0..n {
        t.push_str(&format!("・Tool{i}の経験{}年以上\n", i % 9 + 1));
    }
    t
}

#[test]
fn ten_thousand_lines_keep_fifty_requirements_with_a_warning() {
    for n in [10_000, 20_000] {
        let got = p(&many_lines(n));
        assert_eq!(
            kept(&got),
            super::requirements::MAX_REQUIREMENTS,
            "{n} lines"
        );
        assert!(got.unknown_terms.len() <= super::requirements::MAX_REQUIREMENTS);
        assert!(got.requirement_lines.len() <= super::requirements::MAX_REQUIREMENTS);
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        assert!(
            got.warnings[0].starts_with("requirements: 50 kept of "),
            "{:?}",
            got.warnings
        );
    }
    // Twice the lines give the same bounded reading, not twice of anything.
    assert_eq!(p(&many_lines(10_000)).must, p(&many_lines(20_000)).must);
}

#[test]
fn five_thousand_names_in_one_line_keep_fifty() {
    let names = [
        "Java", "Python", "AWS", "Docker", "Linux", "React", "Oracle", "PHP",
    ];
    for n in [5_000, 10_000] {
        let line: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "{}{}",
                    names[i % names.len()],
                    if i % 3 == 0 { "" } else { " X" }
                )
            })
            .collect();
        let got = p(&format!("【必須】{}\n【単価】60万", line.join("、")));
        assert!(kept(&got) <= super::requirements::MAX_REQUIREMENTS, "{n}");
        assert!(got.must.len() <= super::requirements::MAX_REQUIREMENTS);
        assert!(!got.must.is_empty());
        assert_eq!(got.rate_max, Man::new(60.0));
    }
}

#[test]
fn a_bare_band_of_hours_beside_the_rate_is_the_settlement() {
    let got = p("【金額】スキル見合い(85万円程度)※140-180\n");
    assert_eq!((got.settle_min_h, got.settle_max_h), (Some(140), Some(180)));
    // A range of 万 with the unit left off is the rate, never hours.
    let got = p("単価：70～80\n");
    assert_eq!((got.settle_min_h, got.settle_max_h), (None, None));
    let got = p("※月160時間を目安に稼働いただきます。（時間幅140~160時間）\n");
    assert_eq!((got.settle_min_h, got.settle_max_h), (Some(140), Some(160)));
}

#[test]
fn numbered_field_names_head_the_lines_below_them() {
    let got = p("２．必要スキル\n　＜必須＞\n　・Linux有識者(kernel等)\n　＜尚良＞\n　・AWSの知識\n３．作業場所\n　川崎\n４．作業期間\n　１２月以降～長期\n５．募集要員\n　２名\n６．面談\n　１回\n");
    assert_eq!(got.must_skills, vec!["Linux"]);
    assert_eq!(got.context_skills, vec!["kernel"]);
    assert_eq!(got.nice_skills, vec!["AWS"]);
    assert_eq!((got.interviews, got.headcount), (Some(1), Some(2)));
    assert_eq!(got.location.as_deref(), Some("川崎"));
}

#[test]
fn field_names_alone_and_english_work_headings() {
    // `報酬` alone on its line: the monthly figure under it, not the hourly aside after it.
    let got =
        p("【案件名】在庫API改修\n報酬\n-380,000円/月（経験により相談）\n※時間単価：4,000円/時\n");
    assert_eq!((got.rate_min, got.rate_max), (None, Man::new(38.0)));
    // Mostly remote, with a station to come in to on the same line: some office time.
    let got = p("【案件名】在庫API改修\n作業場所：基本リモート / 最寄り：目黒\n");
    assert_eq!(got.remote, Some(Remote::Partial));
    let got = p("【案件名】在庫API改修\n作業場所：基本リモート ※地方可\n");
    assert_eq!(got.remote, Some(Remote::Full));
    // `What You'll Do` ends the place section: the years under it belong to the skill.
    let got = p("Backend Developer\n\nLocation\n\nOsaka\n\nWhat You'll Do\n\nBuild our order API.\n\n3+ years in Go\n");
    let go: Vec<_> = got
        .must
        .iter()
        .flatten()
        .filter(|r| r.name == "Go")
        .collect();
    assert_eq!(go.len(), 1, "{:?}", got.must);
    assert_eq!(go[0].min_years, Some(3.0));
}

#[test]
fn a_language_in_a_requirement_line_is_asked_and_japanese_is_left_to_the_limits() {
    let got = p("【必須スキル】\n・Python経験2年以上\n・ビジネスレベルの英語力\n・日本語ネイティブ\n【尚可】\n・中国語での会話\n【備考】英語不要の現場もあります");
    assert_eq!(got.must_skills, vec!["Python", "英語"]);
    assert_eq!(got.nice_skills, vec!["中国語"]);
    let got = p("Requirements:\n- 4+ years of Go\n- Speak fluent English\n");
    assert_eq!(got.must_skills, vec!["Go", "英語"]);
    let got = p("【必須スキル】\n・Java経験3年以上（英語不要）");
    assert_eq!(got.must_skills, vec!["Java"]);
}

#[test]
fn a_quoted_name_opening_a_sentence_is_not_a_heading() {
    let got = p("スキル\nGo\nRust\n\n業務内容\n「スキル・資格」機能を中心とした開発です。\nチームではスクラムを採用しています。\n");
    assert_eq!(got.must_skills, vec!["Go", "Rust"]);
}

/// Titles of postings without a title label: a subject pasted above the body is the title
/// (after the tool's tags), and header lines, badges, links and short unnamed fields are not.
#[test]
fn unlabelled_titles_skip_what_only_marks_the_posting() {
    for (text, title) in [
        (
            "[転送] 件名: 【急募】Go API開発／フルリモート\n送信元: 営業部 <sales@example.jp>\n\nお世話になっております。\n【必須】Go 3年以上",
            Some("【急募】Go API開発／フルリモート"),
        ),
        (
            "送信元: 営業部 <sales@example.jp>\n\n物流倉庫システムの保守開発\n【必須】Java",
            Some("物流倉庫システムの保守開発"),
        ),
        (
            "NEW\n【Python】需要予測モデルの運用改善\n\n70万 〜 90万 円/月",
            Some("【Python】需要予測モデルの運用改善"),
        ),
        ("【２】\nネットワーク機器の検証業務\n期間：長期", Some("ネットワーク機器の検証業務")),
        ("** https://jobs.example.com/123\nAcme: Rust Engineer (remote)", Some("Acme: Rust Engineer (remote)")),
    ] {
        assert_eq!(p(text).title.as_deref(), title, "{text}");
    }
    assert!(is_short_label_line("採用月: 10月~"));
    assert!(!is_short_label_line("【Java】決済基盤: 改修"));
    assert!(!is_short_label_line("Acme: Rust Engineer"));
}

#[test]
fn chat_emoji_codes_leave_the_title() {
    assert_eq!(
        without_shortcodes(":rocket: Senior Rust Engineer :tada: (12:30 call)"),
        " Senior Rust Engineer  (12:30 call)"
    );
    assert_eq!(without_shortcodes("Ratio 3:2 and a:b"), "Ratio 3:2 and a:b");
}

#[test]
fn a_web_address_is_never_the_title() {
    let got = p("Acme: Junior Go Developer\n\n**Job post:** https://example.com/jobs/42\n\nWe are looking for a junior developer to join our Go team.");
    assert_eq!(got.title.as_deref(), Some("Acme: Junior Go Developer"));
    assert_eq!(got.must_skills, vec!["Go"]);
}
