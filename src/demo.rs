//! Deterministic sample data: engineers, partners, clients, openings and assignments.
//!
//! The same seed and day give the same database, so screenshots and benchmarks compare.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::domain::records::{
    AssignmentRecord, EngineerRecord, OpeningRecord, SkillReq, SkillYears,
};
use crate::geo::Places;
use crate::skills::Taxonomy;

const SURNAMES: &[(&str, &str)] = &[
    ("佐藤", "Sato"),
    ("鈴木", "Suzuki"),
    ("高橋", "Takahashi"),
    ("田中", "Tanaka"),
    ("伊藤", "Ito"),
    ("渡辺", "Watanabe"),
    ("山本", "Yamamoto"),
    ("中村", "Nakamura"),
    ("小林", "Kobayashi"),
    ("加藤", "Kato"),
    ("吉田", "Yoshida"),
    ("山田", "Yamada"),
    ("佐々木", "Sasaki"),
    ("山口", "Yamaguchi"),
    ("松本", "Matsumoto"),
    ("井上", "Inoue"),
    ("木村", "Kimura"),
    ("林", "Hayashi"),
    ("斎藤", "Saito"),
    ("清水", "Shimizu"),
    ("山崎", "Yamazaki"),
    ("森", "Mori"),
    ("池田", "Ikeda"),
    ("橋本", "Hashimoto"),
    ("阿部", "Abe"),
    ("石川", "Ishikawa"),
    ("山下", "Yamashita"),
    ("中島", "Nakajima"),
    ("石井", "Ishii"),
    ("小川", "Ogawa"),
    ("前田", "Maeda"),
    ("岡田", "Okada"),
    ("長谷川", "Hasegawa"),
    ("藤田", "Fujita"),
    ("後藤", "Goto"),
    ("近藤", "Kondo"),
    ("村上", "Murakami"),
    ("遠藤", "Endo"),
    ("青木", "Aoki"),
    ("坂本", "Sakamoto"),
];

const GIVEN: &[(&str, &str)] = &[
    ("翔太", "Shota"),
    ("大輔", "Daisuke"),
    ("健太", "Kenta"),
    ("拓也", "Takuya"),
    ("直樹", "Naoki"),
    ("亮", "Ryo"),
    ("誠", "Makoto"),
    ("陽介", "Yosuke"),
    ("美咲", "Misaki"),
    ("彩", "Aya"),
    ("真由美", "Mayumi"),
    ("恵", "Megumi"),
    ("由佳", "Yuka"),
    ("千尋", "Chihiro"),
    ("和也", "Kazuya"),
    ("悠斗", "Yuto"),
    ("蓮", "Ren"),
    ("葵", "Aoi"),
    ("結衣", "Yui"),
    ("大翔", "Hiroto"),
    ("達也", "Tatsuya"),
    ("智子", "Tomoko"),
    ("浩二", "Koji"),
    ("修", "Osamu"),
    ("康平", "Kohei"),
    ("沙織", "Saori"),
    ("隆", "Takashi"),
    ("裕子", "Yuko"),
];

const PARTNERS: &[&str] = &[
    "株式会社アクトシステムズ",
    "テクノブリッジ株式会社",
    "株式会社ネクストフォース",
    "株式会社シーエスラボ",
    "ブルーウェーブ株式会社",
    "株式会社ユニティソリューション",
    "株式会社リンクアップ",
    "合同会社ソフトギア",
];

const CLIENTS: &[&str] = &[
    "大手SIer A社",
    "メガバンク系SIer",
    "大手通信キャリア",
    "外資系コンサル",
    "EC事業会社",
    "損害保険会社",
    "大手メーカー情シス",
    "人材系Web企業",
    "官公庁向けSIer",
    "物流システム会社",
    "ゲーム開発会社",
    "証券系SIer",
    "医療系ITベンチャー",
    "自動車部品メーカー",
    "FinTechスタートアップ",
    "地方銀行系IT",
    "大手流通グループ",
    "電力系システム会社",
    "教育系SaaS",
    "不動産テック",
];

/// A kind of engineer and the kind of opening that wants them (data/demo.toml).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Archetype {
    title_ja: String,
    core: Vec<String>,
    extra: Vec<String>,
    rate: (u32, u32),
}

#[derive(Debug, serde::Deserialize)]
struct ArchetypeFile {
    archetype: Vec<Archetype>,
}

const ARCHETYPES_TOML: &str = include_str!("../data/demo.toml");

fn archetypes() -> Vec<Archetype> {
    toml::from_str::<ArchetypeFile>(ARCHETYPES_TOML)
        .map(|f| f.archetype)
        .expect("the built-in data/demo.toml is valid (checked by tests)")
}

pub struct DemoData {
    pub engineers: Vec<(usize, EngineerRecord)>,
    pub openings: Vec<(usize, OpeningRecord)>,
    pub assignments: Vec<(usize, AssignmentRecord)>,
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn first_of_month(d: NaiveDate, months_ahead: u32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + months_ahead as i32;
    NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

/// Build `engineers` engineers and `openings` openings received in the days before `now`.
pub fn generate(
    engineers: usize,
    openings: usize,
    seed: u64,
    now: DateTime<Utc>,
    tax: &Taxonomy,
    places: &Places,
) -> DemoData {
    let mut rng = fastrand::Rng::with_seed(seed);
    let today = now.date_naive();
    let stations: Vec<&str> = places
        .places()
        .iter()
        .filter(|p| {
            (p.area == "首都圏" || p.area == "関西")
                && p.name != p.pref
                && !p.name.ends_with('区')
                && !p.name.ends_with('市')
        })
        .map(|p| p.name.as_str())
        .collect();
    // Only the skills this taxonomy knows (a user's taxonomy may lack some).
    let archetypes: Vec<Archetype> = archetypes()
        .into_iter()
        .map(|mut a| {
            a.core.retain(|n| tax.lookup(n).is_some());
            a.extra.retain(|n| tax.lookup(n).is_some());
            a
        })
        .collect();
    let mut out = DemoData {
        engineers: Vec::with_capacity(engineers),
        openings: Vec::with_capacity(openings),
        assignments: Vec::new(),
    };
    for i in 0..engineers {
        let arch = pick(&mut rng, &archetypes);
        let (sur, sur_r) = *pick(&mut rng, SURNAMES);
        let (giv, giv_r) = *pick(&mut rng, GIVEN);
        let roll = rng.u32(0..100);
        let (affiliation, depth, partner) = match roll {
            0..=59 => ("own", 0, None),
            60..=69 => ("contract", 0, None),
            70..=74 => ("freelancer", 0, None),
            75..=92 => ("partner", 1, Some(pick(&mut rng, PARTNERS).to_string())),
            _ => ("partner", 2, Some(pick(&mut rng, PARTNERS).to_string())),
        };
        let career = rng.u32(1..=25) as f32;
        let mut skills = Vec::new();
        for name in &arch.core {
            if rng.u32(0..100) < 88 {
                let y = (career * (0.4 + rng.f32() * 0.6)).max(0.5);
                skills.push(SkillYears {
                    name: name.into(),
                    years: (y * 2.0).round() / 2.0,
                });
            }
        }
        for name in &arch.extra {
            if rng.u32(0..100) < 45 {
                let y = (career * rng.f32() * 0.8).max(0.5);
                skills.push(SkillYears {
                    name: name.into(),
                    years: (y * 2.0).round() / 2.0,
                });
            }
        }
        let rate = (rng.u32(arch.rate.0..=arch.rate.1) + (career as u32) / 2).clamp(40, 120);
        let cost = if depth > 0 || affiliation == "freelancer" {
            rate.saturating_sub(rng.u32(3..=8))
        } else {
            (rate as f32 * (0.62 + rng.f32() * 0.2)).round() as u32
        };
        // About a third idle now; the rest free at a month start in the next three months.
        let available = if rng.u32(0..100) < 30 {
            today - Duration::days(rng.i64(0..45))
        } else {
            first_of_month(today, rng.u32(1..=3))
        };
        let joining = available > today && rng.u32(0..100) < 10;
        if available > today && !joining {
            out.assignments.push((
                i + 1,
                AssignmentRecord {
                    id: None,
                    engineer_id: (i + 1) as i64,
                    client: Some(pick(&mut rng, CLIENTS).to_string()),
                    from: (available - Duration::days(rng.i64(180..900))).to_string(),
                    to: Some((available - Duration::days(1)).to_string()),
                    rate: None,
                },
            ));
        }
        let station = *pick(&mut rng, &stations);
        out.engineers.push((
            i + 1,
            EngineerRecord {
                fields: Default::default(),
                id: Some((i + 1) as i64),
                name: format!("{sur} {giv}"),
                initials: Some(format!("{}.{}.", &giv_r[..1], &sur_r[..1])),
                affiliation: affiliation.into(),
                partner,
                depth: Some(depth),
                station: Some(station.to_string()),
                area: places.find(station).map(|p| p.area.clone()),
                remote_pref: Some(
                    pick(&mut rng, &["full", "partial", "none", "partial"]).to_string(),
                ),
                available_from: Some(available.to_string()),
                availability_confirmed: Some((today - Duration::days(rng.i64(0..45))).to_string()),
                cost: Some(f64::from(cost)),
                rate: Some(f64::from(rate)),
                foreign: if rng.u32(0..100) < 6 {
                    Some(true)
                } else if rng.u32(0..100) < 90 {
                    Some(false)
                } else {
                    None
                },
                japanese_level: None,
                languages: None,
                age_band: Some(format!(
                    "{}代",
                    20 + (career as u32 / 10 + rng.u32(0..2)) * 10
                )),
                career_start: Some(today.year() - career as i32),
                notes: String::new(),
                last_checked: Some((today - Duration::days(rng.i64(0..200))).to_string()),
                employment: None,
                ng: None,
                skills,
                assignment_end: None,
                assignment_client: None,
                assignment_start: None,
            },
        ));
    }
    for i in 0..openings {
        let arch = pick(&mut rng, &archetypes);
        let client = *pick(&mut rng, CLIENTS);
        let rank = ["A", "B", "B", "C", "C", "D"][rng.usize(0..6)];
        let core = &arch.core;
        let extra = &arch.extra;
        let must: Vec<SkillReq> = core
            .iter()
            .take(rng.usize(1..=core.len().max(1)))
            .map(|n| SkillReq {
                name: n.clone(),
                min_years: Some(f32::from(rng.u8(1..=5))),
            })
            .collect();
        let nice: Vec<SkillReq> = extra
            .iter()
            .filter(|_| rng.u32(0..100) < 40)
            .map(|n| SkillReq {
                name: n.clone(),
                min_years: None,
            })
            .collect();
        let top = rng.u32(arch.rate.0..=arch.rate.1) + 5;
        let low = top.saturating_sub(rng.u32(5..=15));
        let received = now - Duration::minutes(rng.i64(0..(60 * 24 * 5)));
        let start = match rng.u32(0..3) {
            0 => "immediate".to_string(),
            n => {
                let d = first_of_month(today, n);
                format!("{:04}-{:02}", d.year(), d.month())
            }
        };
        let remote = ["full", "partial", "partial", "none"][rng.usize(0..4)];
        let location = *pick(&mut rng, &stations);
        let max_depth = [Some(0u8), Some(1), Some(1), Some(2), None][rng.usize(0..5)];
        let freelancer_ok = rng.u32(0..100) >= 35;
        let foreign_ok = rng.u32(0..100) >= 50;
        let interviews = rng.u8(1..=2);
        let title = arch.title_ja.clone();
        let raw_text = demo_posting(
            &title,
            &must,
            &nice,
            low,
            top,
            &start,
            remote,
            location,
            max_depth,
            freelancer_ok,
            foreign_ok,
            interviews,
        );
        let status = if rng.u32(0..100) < 15 {
            "answered"
        } else {
            "new"
        };
        out.openings.push((
            i + 1,
            OpeningRecord {
                id: Some((i + 1) as i64),
                client: Some(client.into()),
                client_rank: Some(rank.into()),
                title,
                received_at: Some(received.to_rfc3339()),
                answered_at: (status == "answered")
                    .then(|| (received + Duration::hours(rng.i64(1..30))).to_rfc3339()),
                status: Some(status.into()),
                rate_min: Some(f64::from(low)),
                rate_max: Some(f64::from(top)),
                rate_text: Some(format!("{low}〜{top}万円")),
                settle_min_h: Some(140),
                settle_max_h: Some(180),
                location: Some(location.into()),
                remote: Some(remote.into()),
                start: Some(start),
                duration: Some("長期".into()),
                interviews: Some(interviews),
                headcount: Some(rng.u8(1..=3)),
                max_depth,
                depth_with_fee: None,
                freelancer_ok: Some(freelancer_ok),
                foreign_ok: Some(foreign_ok),
                age_limit: None,
                revision: Some(1),
                raw_text,
                must: must.into_iter().map(|r| vec![r]).collect(),
                nice,
            },
        ));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn demo_posting(
    title: &str,
    must: &[SkillReq],
    nice: &[SkillReq],
    low: u32,
    top: u32,
    start: &str,
    remote: &str,
    location: &str,
    max_depth: Option<u8>,
    freelancer_ok: bool,
    foreign_ok: bool,
    interviews: u8,
) -> String {
    let must_lines: Vec<String> = must
        .iter()
        .map(|s| format!("・{}の実務経験{}年以上", s.name, s.min_years.unwrap_or(1.0)))
        .collect();
    let nice_lines: Vec<String> = nice.iter().map(|s| format!("・{}の経験", s.name)).collect();
    let remote_ja = match remote {
        "full" => "フルリモート",
        "partial" => "リモート併用（週2出社）",
        _ => "常駐",
    };
    let start_ja = if start == "immediate" {
        "即日".to_string()
    } else {
        format!("{}月〜", start[5..].trim_start_matches('0'))
    };
    let depth = match max_depth {
        Some(0) => "貴社社員まで",
        Some(1) => "1社先まで",
        Some(_) => "2社先まで",
        None => "商流不問",
    };
    format!(
        "【案件名】{title}\n【必須スキル】\n{}\n【尚可スキル】\n{}\n【単価】{low}〜{top}万円（精算140-180h）\n【場所】{location}（{remote_ja}）\n【期間】{start_ja}〜長期\n【面談】{interviews}回\n【商流制限】{depth}\n【個人事業主】{}\n【外国籍】{}\n",
        must_lines.join("\n"),
        if nice_lines.is_empty() { "・特になし".to_string() } else { nice_lines.join("\n") },
        if freelancer_ok { "可" } else { "不可" },
        if foreign_ok { "可" } else { "不可" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_archetype_reads_and_names_skills_the_taxonomy_knows() {
        let tax = Taxonomy::builtin();
        let all = archetypes();
        assert!(all.len() >= 10, "{} archetypes", all.len());
        for a in &all {
            assert!(a.rate.0 < a.rate.1, "{}: rate {:?}", a.title_ja, a.rate);
            for name in a.core.iter().chain(&a.extra) {
                assert!(
                    tax.lookup(name).is_some(),
                    "{}: unknown skill {name}",
                    a.title_ja
                );
            }
        }
    }
}
