//! Workbooks the tests write with rust_xlsxwriter, imported; reports written with --xlsx,
//! read back with calamine.

use calamine::{open_workbook_auto, Data, Reader as _};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;
use std::path::Path;

use crate::common::Sandbox;

/// A cell value for the test workbooks.
enum C<'a> {
    S(&'a str),
    N(f64),
    D(u16, u8, u8),
    E,
}

fn write_book(path: &Path, sheets: &[(&str, Vec<Vec<C<'_>>>)]) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy/mm/dd");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    C::S(s) => {
                        ws.write_string(r, c, *s).unwrap();
                    }
                    C::N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    C::D(y, m, d) => {
                        let x = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(r, c, &x, &date).unwrap();
                    }
                    C::E => {}
                }
            }
        }
    }
    wb.save(path).unwrap();
}

fn roster_header() -> Vec<C<'static>> {
    [
        "氏名",
        "イニシャル",
        "所属",
        "会社名",
        "最寄り駅",
        "単価(万円)",
        "原価",
        "稼働可能日",
        "国籍",
        "年齢",
        "スキル",
        "経験年数",
        "電話番号",
    ]
    .into_iter()
    .map(C::S)
    .collect()
}

fn engineers_json(sb: &Sandbox) -> Vec<Value> {
    serde_json::from_str(&sb.ok(&["engineers", "--json"])).unwrap()
}

#[test]
fn roster_with_japanese_headers_imports_with_dates_numbers_and_mapping() {
    let sb = Sandbox::new();
    let book = sb.path("roster.xlsx");
    write_book(
        &book,
        &[(
            "名簿",
            vec![
                vec![C::S("社員名簿 2026年12月")],
                vec![],
                roster_header(),
                vec![
                    C::S("山田 太郎"),
                    C::S("T.Y."),
                    C::S("正社員"),
                    C::E,
                    C::S("品川"),
                    C::N(650000.0),
                    C::N(48.0),
                    C::D(2027, 1, 5),
                    C::S("日本"),
                    C::N(34.0),
                    C::S("Java(5年)、AWS 2年"),
                    C::N(8.0),
                    C::S("090-0000-0000"),
                ],
                vec![
                    C::S("グエン ヴァン"),
                    C::E,
                    C::S("BP"),
                    C::S("株式会社テスト"),
                    C::S("川崎"),
                    C::S("68万"),
                    C::N(58.0),
                    C::S("2027/02/01"),
                    C::S("ベトナム"),
                    C::E,
                    C::S("TypeScript:4;React:3"),
                    C::E,
                    C::E,
                ],
            ],
        )],
    );
    let out = sb.ok(&["import", "engineers", book.to_str().unwrap()]);
    assert!(
        out.contains("sheet '名簿', header in row 3, 2 rows"),
        "{out}"
    );
    assert!(out.contains("氏名") && out.contains("→ name"), "{out}");
    assert!(
        out.contains("単価(万円)") && out.contains("→ rate"),
        "{out}"
    );
    assert!(
        out.contains("電話番号") && out.contains("(ignored)"),
        "{out}"
    );
    let all = engineers_json(&sb);
    assert_eq!(all.len(), 2);
    let yamada = &all[0];
    assert_eq!(yamada["name"], "山田 太郎");
    assert_eq!(yamada["affiliation"], "own");
    assert_eq!(yamada["rate"], 65.0);
    assert_eq!(yamada["cost"], 48.0);
    assert_eq!(yamada["available_from"], "2027-01-05");
    assert_eq!(yamada["foreign"], false);
    assert_eq!(yamada["age_band"], "30代");
    assert!(yamada["career_start"].as_i64().unwrap() >= 2018);
    let skills: Vec<(String, f64)> = yamada["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["years"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(skills.contains(&("Java".into(), 5.0)), "{skills:?}");
    assert!(skills.contains(&("AWS".into(), 2.0)), "{skills:?}");
    let nguyen = &all[1];
    assert_eq!(nguyen["affiliation"], "partner");
    assert_eq!(nguyen["partner"], "株式会社テスト");
    assert_eq!(nguyen["rate"], 68.0);
    assert_eq!(nguyen["available_from"], "2027-02-01");
    assert_eq!(nguyen["foreign"], true);
}

#[test]
fn dry_run_prints_the_mapping_and_stores_nothing() {
    let sb = Sandbox::new();
    let book = sb.path("roster.xlsx");
    write_book(
        &book,
        &[(
            "Sheet1",
            vec![
                vec![
                    C::S("Name"),
                    C::S("Affiliation"),
                    C::S("Rate"),
                    C::S("Available from"),
                ],
                vec![C::S("Ann Lee"), C::S("own"), C::N(70.0), C::D(2027, 3, 1)],
            ],
        )],
    );
    let out = sb.ok(&["import", "engineers", book.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("→ available_from"), "{out}");
    assert!(out.contains("nothing stored"), "{out}");
    assert!(engineers_json(&sb).is_empty());
}

#[test]
fn a_bad_cell_names_sheet_row_and_column_and_nothing_is_stored() {
    let sb = Sandbox::new();
    let book = sb.path("roster.xlsx");
    let row = |name, rate: f64| vec![C::S(name), C::S("own"), C::N(rate), C::S("Java:3")];
    write_book(
        &book,
        &[(
            "Roster",
            vec![
                vec![C::S("氏名"), C::S("所属"), C::S("単価"), C::S("スキル")],
                row("A", 60.0),
                row("B", 61.0),
                row("C", -5.0),
            ],
        )],
    );
    let err = sb.fails(&["import", "engineers", book.to_str().unwrap()]);
    assert!(
        err.contains("sheet 'Roster' row 4 column C (単価): rate"),
        "{err}"
    );
    assert!(engineers_json(&sb).is_empty(), "all or nothing");

    write_book(
        &book,
        &[(
            "Roster",
            vec![
                vec![C::S("氏名"), C::S("所属"), C::S("単価"), C::S("スキル")],
                vec![C::S("A"), C::S("own"), C::N(60.0), C::S("Java:3;Klingon:2")],
            ],
        )],
    );
    // A skill the taxonomy does not know is kept as written, with a warning, not refused.
    let out = sb.run(&["import", "engineers", book.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("Klingon") && err.contains("add-alias"),
        "{err}"
    );
    assert_eq!(engineers_json(&sb).len(), 1);
    let sb = Sandbox::new();

    write_book(
        &book,
        &[(
            "Roster",
            vec![
                vec![C::S("氏名"), C::S("所属")],
                vec![C::S("A"), C::S("どこか")],
            ],
        )],
    );
    let err = sb.fails(&["import", "engineers", book.to_str().unwrap()]);
    assert!(err.contains("row 2 column B (所属): affiliation"), "{err}");
}

#[test]
fn sheet_by_name_and_missing_sheet_or_column() {
    let sb = Sandbox::new();
    let book = sb.path("book.xlsx");
    write_book(
        &book,
        &[
            ("Cover", vec![vec![C::S("2026年度 要員一覧")]]),
            (
                "要員",
                vec![
                    vec![C::S("名前"), C::S("所属")],
                    vec![C::S("佐藤 花子"), C::S("契約社員")],
                ],
            ),
        ],
    );
    let path = book.to_str().unwrap();
    let err = sb.fails(&["import", "engineers", path]);
    assert!(err.contains("sheet 'Cover': no"), "{err}");
    let err = sb.fails(&["import", "engineers", path, "--sheet", "Nope"]);
    assert!(
        err.contains("no sheet 'Nope' (sheets: 'Cover', '要員')"),
        "{err}"
    );
    sb.ok(&["import", "engineers", path, "--sheet", "要員"]);
    assert_eq!(engineers_json(&sb)[0]["affiliation"], "contract");

    write_book(
        &book,
        &[(
            "S",
            vec![vec![C::S("名前"), C::S("単価")], vec![C::S("X"), C::N(1.0)]],
        )],
    );
    let err = sb.fails(&["import", "engineers", path]);
    // Whose the engineer is may come from 所属, 雇用形態 or the partner's name; none of them
    // is a refusal naming the row and what to give.
    assert!(
        err.contains("row 2") && err.contains("affiliation is empty"),
        "{err}"
    );
}

#[test]
fn openings_workbook_imports() {
    let sb = Sandbox::new();
    let book = sb.path("openings.xlsx");
    let header = [
        "案件名",
        "顧客",
        "単価",
        "開始",
        "必須スキル",
        "尚可",
        "リモート",
        "外国籍",
        "商流",
    ];
    write_book(
        &book,
        &[(
            "案件一覧",
            vec![
                header.into_iter().map(C::S).collect(),
                vec![
                    C::S("金融系Java開発"),
                    C::S("A銀行"),
                    C::N(75.0),
                    C::S("即日"),
                    C::S("Java 3年、Spring Boot"),
                    C::S("AWS"),
                    C::S("一部リモート"),
                    C::S("不可"),
                    C::N(1.0),
                ],
                vec![
                    C::S("React フロント"),
                    C::E,
                    C::S("70万円"),
                    C::D(2027, 1, 1),
                    C::S("React"),
                    C::E,
                    C::S("フルリモート"),
                    C::S("可"),
                    C::E,
                ],
            ],
        )],
    );
    let out = sb.ok(&["import", "openings", book.to_str().unwrap()]);
    assert!(out.contains("→ must"), "{out}");
    let all: Vec<Value> = serde_json::from_str(&sb.ok(&["openings", "--json"])).unwrap();
    assert_eq!(all.len(), 2);
    let java = all.iter().find(|o| o["title"] == "金融系Java開発").unwrap();
    assert_eq!(java["rate_max"], 75.0);
    assert_eq!(java["start"], "immediate");
    assert_eq!(java["remote"], "partial");
    assert_eq!(java["foreign_ok"], false);
    assert_eq!(java["max_depth"], 1);
    assert_eq!(java["client"], "A銀行");
    let text = java.to_string();
    assert!(
        text.contains("Java") && text.contains("Spring Boot") && text.contains("AWS"),
        "{text}"
    );
    let react = all.iter().find(|o| o["title"] == "React フロント").unwrap();
    assert_eq!(react["start"], "2027-01-01");
    assert_eq!(react["rate_max"], 70.0);
    assert_eq!(react["remote"], "full");
}

/// Every cell of a sheet, as calamine reads it.
fn read_sheet(path: &Path, index: usize) -> (String, Vec<Vec<Data>>) {
    let mut book = open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[index].clone();
    let range = book.worksheet_range(&name).unwrap();
    (name, range.rows().map(<[Data]>::to_vec).collect())
}

fn header_texts(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(ToString::to_string).collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn reports_write_formatted_workbooks_that_read_back() {
    let sb = Sandbox::new();
    sb.demo(60, 8);
    // An unsigned offer to highlight.
    sb.ok(&["propose", "1", "1"]);
    sb.ok(&["stage", "1", "offered", "--keep-others"]);

    let rank = sb.path("rank.xlsx");
    sb.ok(&[
        "--lang",
        "ja",
        "rank",
        "1",
        "--as-of",
        "2026-11-26",
        "--xlsx",
        rank.to_str().unwrap(),
    ]);
    let (name, rows) = read_sheet(&rank, 0);
    assert_eq!(name, "ランキング");
    let h = header_texts(&rows);
    for col in [
        "順位",
        "氏名",
        "点数",
        "必須",
        "尚可",
        "稼働",
        "単価",
        "場所",
        "待機",
        "必須 理由",
    ] {
        assert!(h.iter().any(|x| x == col), "rank header lacks {col}: {h:?}");
    }
    assert!(rows.len() > 1);
    assert!(
        matches!(rows[1][0], Data::Float(_) | Data::Int(_)),
        "rank is a number"
    );
    let (_, about) = read_sheet(&rank, 1);
    assert!(
        matches!(about[1][2], Data::DateTime(_)),
        "as of is a date: {:?}",
        about[1][2]
    );
    #[cfg(unix)]
    assert_eq!(mode(&rank), 0o600);

    let free = sb.path("free.xlsx");
    sb.ok(&[
        "free",
        "--as-of",
        "2026-11-26",
        "--month",
        "2027-01",
        "--xlsx",
        free.to_str().unwrap(),
    ]);
    let (_, rows) = read_sheet(&free, 0);
    let h = header_texts(&rows);
    assert!(h.contains(&"available from".to_string()), "{h:?}");
    let col = h.iter().position(|x| x == "available from").unwrap();
    assert!(rows.len() > 1, "someone is free in January");
    assert!(
        rows[1..]
            .iter()
            .any(|r| matches!(r[col], Data::DateTime(_))),
        "dates are dates"
    );

    let pipe = sb.path("pipeline.xlsx");
    sb.ok(&["--lang", "ja", "pipeline", "--xlsx", pipe.to_str().unwrap()]);
    let (_, rows) = read_sheet(&pipe, 0);
    assert_eq!(rows[0][2].to_string(), "未契約");
    assert!(
        rows[1..].iter().any(|r| r[2] == "‼未契約"),
        "unsigned offer flagged"
    );

    let stats = sb.path("stats.xlsx");
    sb.ok(&["stats", "--xlsx", stats.to_str().unwrap()]);
    let (_, rows) = read_sheet(&stats, 0);
    assert_eq!(rows[1][0].to_string(), "overall");

    let eng = sb.path("engineers.xlsx");
    sb.ok(&["--lang", "ja", "engineers", "--xlsx", eng.to_str().unwrap()]);
    let (_, rows) = read_sheet(&eng, 0);
    assert_eq!(rows.len(), 61);
    assert!(header_texts(&rows).contains(&"氏名".to_string()));

    // What goes out comes back in: the engineers workbook is a roster.
    let other = Sandbox::new();
    other.ok(&["import", "engineers", eng.to_str().unwrap()]);
    let a = engineers_json(&sb);
    let b = engineers_json(&other);
    assert_eq!(a.len(), b.len());
    assert_eq!(a[0]["available_from"], b[0]["available_from"]);
    assert_eq!(a[0]["skills"], b[0]["skills"]);
}
