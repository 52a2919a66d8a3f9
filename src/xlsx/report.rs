//! Reports as sheets: `rank`, `free`, `pipeline`, `stats` and `engineers`, built from the same
//! JSON documents the commands print with `--json` (their keys are documented and stable), with
//! headers in the rep's language.

use chrono::NaiveDate;
use serde_json::Value;

use super::write::{Cell, Sheet};
use crate::i18n::Lang;
use crate::present::{affiliation_label, factor_label};

fn label(lang: Lang, ja: &str, en: &str) -> String {
    if lang == Lang::Ja { ja } else { en }.to_string()
}

fn text(v: &Value) -> Cell {
    match v {
        Value::String(s) => Cell::text(s.clone()),
        Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        Value::Bool(b) => Cell::text(if *b { "yes" } else { "no" }),
        _ => Cell::Empty,
    }
}

fn num(v: &Value) -> Cell {
    v.as_f64().map_or(Cell::Empty, Cell::Number)
}

/// A date or a timestamp (the date part) as an Excel date; anything else as text.
fn date(v: &Value) -> Cell {
    match v.as_str() {
        Some(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::text(s), Cell::Date),
        None => Cell::Empty,
    }
}

fn joined(v: &Value, sep: &str) -> Cell {
    Cell::text(
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| match x {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(sep)
            })
            .unwrap_or_default(),
    )
}

fn affiliation(v: &Value, lang: Lang) -> Cell {
    let a = v["affiliation"].as_str().unwrap_or_default();
    let depth = v["depth"].as_u64().unwrap_or(0) as u8;
    Cell::text(affiliation_label(a, depth, lang))
}

fn rows_of(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// `rank --json`: one row per candidate, each factor's points and reason as columns.
pub fn rank(v: &Value, lang: Lang) -> Vec<Sheet> {
    let candidates = rows_of(&v["candidates"]);
    let factors: Vec<String> = candidates
        .iter()
        .flat_map(|c| rows_of(&c["factors"]))
        .filter_map(|f| f["name"].as_str().map(str::to_string))
        .fold(Vec::new(), |mut acc, n| {
            if !acc.contains(&n) {
                acc.push(n);
            }
            acc
        });
    let mut headers = vec![
        label(lang, "順位", "rank"),
        "ID".into(),
        label(lang, "氏名", "name"),
        label(lang, "イニシャル", "initials"),
        label(lang, "所属", "affiliation"),
        label(lang, "点数", "score"),
    ];
    headers.extend(factors.iter().map(|f| factor_label(f, lang).to_string()));
    headers.extend(factors.iter().map(|f| {
        format!(
            "{}{}",
            factor_label(f, lang),
            label(lang, " 理由", " reason")
        )
    }));
    headers.extend([
        label(lang, "要確認", "review"),
        label(lang, "除外理由", "excluded because"),
        label(lang, "古い情報", "stale"),
    ]);
    let rows = candidates
        .iter()
        .map(|c| {
            let factor = |name: &str| {
                rows_of(&c["factors"])
                    .iter()
                    .find(|f| f["name"].as_str() == Some(name))
            };
            let mut row = vec![
                num(&c["rank"]),
                num(&c["engineer_id"]),
                text(&c["name"]),
                text(&c["initials"]),
                affiliation(c, lang),
                num(&c["score"]),
            ];
            row.extend(
                factors
                    .iter()
                    .map(|f| factor(f).map_or(Cell::Empty, |x| num(&x["points"]))),
            );
            row.extend(
                factors
                    .iter()
                    .map(|f| factor(f).map_or(Cell::Empty, |x| text(&x["reason"]))),
            );
            row.push(joined(&c["review"], "; "));
            row.push(joined(&c["reasons"], "; "));
            row.push(if c["stale"].as_bool() == Some(true) {
                Cell::text(label(lang, "古い", "stale"))
            } else {
                Cell::Empty
            });
            row
        })
        .collect();
    let about = Sheet {
        name: label(lang, "案件", "opening"),
        headers: vec![
            label(lang, "案件ID", "opening"),
            label(lang, "案件名", "title"),
            label(lang, "基準日", "as of"),
            label(lang, "対象", "pool"),
            label(lang, "条件クリア", "passing"),
        ],
        rows: vec![vec![
            num(&v["opening_id"]),
            text(&v["title"]),
            date(&v["as_of"]),
            num(&v["pool"]),
            num(&v["passing"]),
        ]],
        highlight: Vec::new(),
    };
    vec![
        Sheet {
            name: label(lang, "ランキング", "ranking"),
            headers,
            rows,
            highlight: Vec::new(),
        },
        about,
    ]
}

fn skills(v: &Value, years_key: &str) -> Cell {
    Cell::text(
        rows_of(v)
            .iter()
            .map(|s| {
                let name = s["name"].as_str().unwrap_or_default();
                match s[years_key].as_f64() {
                    Some(y) if y > 0.0 => format!("{name}:{y}"),
                    _ => name.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(";"),
    )
}

/// `free --json`: who is free in the window.
pub fn free(v: &Value, lang: Lang) -> Vec<Sheet> {
    let kind = |k: &str| -> String {
        match (k, lang) {
            ("bench", Lang::Ja) => "待機",
            ("ending", Lang::Ja) => "終了予定",
            ("joining", Lang::Ja) => "参画予定",
            (k, _) => k,
        }
        .to_string()
    };
    let headers = vec![
        "ID".into(),
        label(lang, "氏名", "name"),
        label(lang, "所属", "affiliation"),
        label(lang, "会社名", "partner"),
        label(lang, "状況", "kind"),
        label(lang, "稼働可能日", "available from"),
        label(lang, "稼働確認日", "confirmed"),
        label(lang, "最寄駅", "station"),
        label(lang, "単価", "rate"),
        label(lang, "原価", "cost"),
        label(lang, "スキル", "top skills"),
        label(lang, "古い情報", "stale"),
    ];
    let rows = rows_of(v)
        .iter()
        .map(|e| {
            vec![
                num(&e["id"]),
                text(&e["name"]),
                affiliation(e, lang),
                text(&e["partner"]),
                Cell::text(kind(e["kind"].as_str().unwrap_or_default())),
                date(&e["available_from"]),
                date(&e["availability_confirmed"]),
                text(&e["station"]),
                num(&e["rate"]),
                num(&e["cost"]),
                skills(&e["top_skills"], "years"),
                if e["stale"].as_bool() == Some(true) {
                    Cell::text(label(lang, "古い", "stale"))
                } else {
                    Cell::Empty
                },
            ]
        })
        .collect();
    vec![Sheet {
        name: label(lang, "稼働可能", "free"),
        headers,
        rows,
        highlight: Vec::new(),
    }]
}

/// `pipeline --json`: proposals, unsigned offers marked ‼ and highlighted.
pub fn pipeline(v: &Value, lang: Lang) -> Vec<Sheet> {
    let headers = vec![
        label(lang, "提案ID", "proposal"),
        label(lang, "段階", "stage"),
        label(lang, "未契約", "unsigned"),
        label(lang, "開始まで(日)", "days to start"),
        label(lang, "開始", "start"),
        label(lang, "案件ID", "opening"),
        label(lang, "案件名", "title"),
        label(lang, "顧客", "client"),
        label(lang, "技術者ID", "engineer"),
        label(lang, "氏名", "name"),
        label(lang, "所属", "affiliation"),
        label(lang, "会社名", "partner"),
        label(lang, "単価", "rate"),
        label(lang, "面談数", "interviews"),
        label(lang, "並行提案", "parallel"),
        label(lang, "段階の日付", "stage date"),
        label(lang, "提案日", "proposed on"),
        label(lang, "メモ", "notes"),
    ];
    let items = rows_of(v);
    let rows = items
        .iter()
        .map(|p| {
            let unsigned = p["unsigned"].as_bool() == Some(true);
            vec![
                num(&p["id"]),
                text(&p["stage"]),
                if unsigned {
                    Cell::text(label(lang, "‼未契約", "‼UNSIGNED"))
                } else {
                    Cell::Empty
                },
                num(&p["days_to_start"]),
                match p["start"].as_str() {
                    Some(s) if s.len() == 10 => date(&p["start"]),
                    _ => text(&p["start"]),
                },
                num(&p["opening_id"]),
                text(&p["opening_title"]),
                text(&p["client"]),
                num(&p["engineer_id"]),
                text(&p["engineer_name"]),
                affiliation(p, lang),
                text(&p["partner"]),
                num(&p["rate"]),
                num(&p["interviews"]),
                joined(&p["parallel"], ", "),
                date(&p["stage_at"]),
                date(&p["created_at"]),
                text(&p["notes"]),
            ]
        })
        .collect();
    let highlight = items
        .iter()
        .map(|p| p["unsigned"].as_bool() == Some(true))
        .collect();
    vec![Sheet {
        name: label(lang, "パイプライン", "pipeline"),
        headers,
        rows,
        highlight,
    }]
}

/// `stats --json`: every bucket (overall, by client rank, by month) as a row; rates in %.
pub fn stats(v: &Value, lang: Lang) -> Vec<Sheet> {
    #[rustfmt::skip]
    const COLUMNS: &[(&str, &str, &str)] = &[
        ("openings",               "案件数",              "openings"),
        ("answered",               "回答済",              "answered"),
        ("answered_none",          "該当なし回答",        "answered none"),
        ("unanswered",             "未回答",              "unanswered"),
        ("median_response_hours",  "回答時間 中央値(h)",  "median response (h)"),
        ("p90_response_hours",     "回答時間 p90(h)",     "p90 response (h)"),
        ("over_limit",             "期限超過",            "over limit"),
        ("proposals",              "提案数",              "proposals"),
        ("proposals_per_opening",  "案件あたり提案",      "proposals per opening"),
        ("interviews",             "面談",                "interviews"),
        ("interview_rate",         "面談率(%)",           "interview rate (%)"),
        ("won",                    "成約",                "won"),
        ("win_rate",               "成約率(%)",           "win rate (%)"),
    ];
    let mut headers = vec![label(lang, "区分", "group"), label(lang, "値", "key")];
    headers.extend(COLUMNS.iter().map(|(_, ja, en)| label(lang, ja, en)));
    let mut rows = Vec::new();
    let mut add = |group: String, b: &Value| {
        let mut row = vec![Cell::text(group), text(&b["key"])];
        row.extend(COLUMNS.iter().map(|(k, ..)| {
            let x = &b[*k];
            if k.ends_with("_rate") {
                x.as_f64().map_or(Cell::Empty, |r| Cell::Number(r * 100.0))
            } else {
                num(x)
            }
        }));
        rows.push(row);
    };
    add(label(lang, "全体", "overall"), &v["overall"]);
    for b in rows_of(&v["by_rank"]) {
        add(label(lang, "顧客ランク", "client rank"), b);
    }
    for b in rows_of(&v["by_month"]) {
        add(label(lang, "月", "month"), b);
    }
    vec![Sheet {
        name: label(lang, "実績", "stats"),
        headers,
        rows,
        highlight: Vec::new(),
    }]
}

/// `engineers --json`: the import record, with headers the roster import reads back.
pub fn engineers(v: &Value, lang: Lang) -> Vec<Sheet> {
    #[rustfmt::skip]
    const COLUMNS: &[(&str, &str, &str)] = &[
        ("id",                      "ID",            "id"),
        ("name",                    "氏名",          "name"),
        ("initials",                "イニシャル",    "initials"),
        ("affiliation",             "所属",          "affiliation"),
        ("partner",                 "会社名",        "partner"),
        ("depth",                   "商流",          "depth"),
        ("station",                 "最寄駅",        "station"),
        ("area",                    "エリア",        "area"),
        ("remote_pref",             "リモート希望",  "remote_pref"),
        ("available_from",          "稼働可能日",    "available_from"),
        ("availability_confirmed",  "稼働確認日",    "availability_confirmed"),
        ("cost",                    "原価",          "cost"),
        ("rate",                    "単価",          "rate"),
        ("foreign",                 "外国籍",        "foreign"),
        ("japanese_level",          "日本語",        "japanese_level"),
        ("age_band",                "年代",          "age_band"),
        ("career_start",            "経験開始年",    "career_start"),
        ("skills",                  "スキル",        "skills"),
        ("notes",                   "備考",          "notes"),
        ("last_checked",            "最終確認日",    "last_checked"),
    ];
    // Then the table's fields, headed so the roster import reads them back.
    let table = || {
        crate::domain::fields::ENGINEER_TABLE
            .iter()
            .filter(|f| f.in_xlsx)
    };
    let headers = COLUMNS
        .iter()
        .map(|(_, ja, en)| label(lang, ja, en))
        .chain(table().map(|f| label(lang, f.ja, f.key)))
        .collect();
    let rows = rows_of(v)
        .iter()
        .map(|e| {
            COLUMNS
                .iter()
                .map(|(k, ..)| match *k {
                    "available_from" | "availability_confirmed" | "last_checked" => date(&e[*k]),
                    "skills" => skills(&e[*k], "years"),
                    "id" | "depth" | "cost" | "rate" | "career_start" => num(&e[*k]),
                    _ => text(&e[*k]),
                })
                .chain(table().map(|f| match f.kind {
                    crate::domain::fields::Kind::Date => date(&e[f.key]),
                    crate::domain::fields::Kind::Text => text(&e[f.key]),
                }))
                .collect()
        })
        .collect();
    vec![Sheet {
        name: label(lang, "技術者", "engineers"),
        headers,
        rows,
        highlight: Vec::new(),
    }]
}
