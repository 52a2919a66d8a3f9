//! Why a factor scored what it did, as data; rendered in Japanese or English.

use chrono::{Datelike, NaiveDate};

use crate::domain::Remote;
use crate::i18n::Lang;
use crate::skills::Taxonomy;

/// How one requirement (a must group's best alternative, or a nice skill) was met.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillNote {
    /// The requirement that counted: a group's best alternative (its first when none is held).
    pub name: String,
    /// Years the engineer has (of `via`'s skill when related), or `None` when missing.
    pub years: Option<f32>,
    pub min_years: Option<f32>,
    /// The related skill that counted instead, and its credit (`Spring` for `Spring Boot`, 0.7).
    pub via: Option<(String, f32)>,
    /// Every alternative of the group, in order; empty for a single requirement.
    pub alternatives: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Depth {
        depth: u8,
        max: u8,
        with_fee: Option<u8>,
    },
    /// 貴社社員まで and a sole proprietor of ours: 個人事業主（直） is not 貴社社員.
    OwnStaffOnly,
    FreelancerNotAllowed {
        /// A partner's sole proprietor rather than one contracted directly.
        via_partner: bool,
    },
    ForeignNotAllowed,
    Age {
        band: Option<String>,
        limit: u8,
        /// The band starts above the limit (else it straddles it or is unknown).
        over: bool,
    },
    Japanese {
        level: Option<u8>,
        required: u8,
    },
    Commute {
        km: f32,
        station: String,
        location: String,
        limit_km: f32,
    },
    Ng {
        term: String,
        /// The word of the opening it ran into, when it is not the term itself
        /// (`金融` found as `生命保険`).
        found: Option<String>,
    },
    NoMustSkill(Vec<String>),
    /// Must groups far from met (under half of what is asked): out, not 要相談.
    MustFarShort(Vec<SkillNote>),
    /// 正社員のみ: a contract employee or a freelancer; `None` when the partner's
    /// employment form is not recorded (ask the partner).
    FullTimeOnly {
        contract: Option<bool>,
    },
    /// A language the posting asks for, against the engineer's level (`None`: not recorded).
    Language {
        name: String,
        level: Option<crate::domain::LanguageLevel>,
        required: crate::domain::LanguageLevel,
    },
    /// More than one limit to ask the client about: the questions, as reasons.
    TooManyQuestions(Vec<Reason>),
    /// Must groups met only by related experience, with fewer years, or not at all.
    MustGap(Vec<SkillNote>),
    NationalityUnknown,
    AvailabilityUnknown,
    FreeAfterStart {
        free: NaiveDate,
        start: NaiveDate,
        tolerance_days: i64,
    },
    AvailabilityStale {
        confirmed: NaiveDate,
        days: i64,
    },
    /// A partner engineer not re-offered within the window: availability may be gone.
    OfferStale {
        last_offered: NaiveDate,
        days: i64,
        window_days: i64,
    },
    RateNotStated,
    CostUnknown,
    Margin {
        margin: f32,
        at: f32,
        floor: f32,
    },
    Skills(Vec<SkillNote>),
    Availability {
        free: NaiveDate,
        start: NaiveDate,
    },
    RateFit {
        margin: f32,
        at: f32,
        asking_above: Option<f32>,
    },
    FullRemote,
    Location {
        station: Option<String>,
        location: Option<String>,
        km: Option<f32>,
        remote: Option<Remote>,
        wants_full_remote: bool,
    },
    Bench {
        in_house: bool,
        /// Own staff idle since this day.
        idle_since: Option<NaiveDate>,
        idle_days: i64,
        free: Option<NaiveDate>,
    },
}

fn man(v: f32) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{}万", v.round() as i64)
    } else {
        format!("{v:.1}万")
    }
}

fn years(v: f32) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

impl Reason {
    /// One line a rep can read aloud. Skill names travel in the reasons (unknown
    /// requirements have no taxonomy entry), so the taxonomy is not consulted.
    pub fn render(&self, lang: Lang, _tax: &Taxonomy) -> String {
        let ja = lang == Lang::Ja;
        match self {
            Reason::Depth {
                depth,
                max,
                with_fee,
            } => match (ja, with_fee) {
                (true, Some(f)) if depth <= f => {
                    format!("商流{depth}社先: {max}社先まで (支援費で{f}社先可)")
                }
                (true, _) if *max == 0 => format!("貴社社員まで: 商流{depth}社先は不可"),
                (true, _) => format!("商流{depth}社先 > {max}社先まで"),
                (false, Some(f)) if depth <= f => {
                    format!("chain depth {depth} > {max}: allowed with a support fee (支援費) up to {f}")
                }
                (false, _) if *max == 0 => {
                    format!("own employees only (貴社社員まで): chain depth {depth}")
                }
                (false, _) => format!("chain depth {depth} > {max} allowed"),
            },
            Reason::OwnStaffOnly => {
                if ja {
                    "貴社社員まで: 個人事業主（直）は社員ではない".into()
                } else {
                    "own employees only (貴社社員まで): a direct freelancer (個人事業主（直）) is not one".into()
                }
            }
            Reason::FreelancerNotAllowed { via_partner } => match (ja, via_partner) {
                (true, true) => "個人事業主不可: BP経由の個人事業主".into(),
                (true, false) => "個人事業主不可: 個人事業主（直）".into(),
                (false, true) => {
                    "freelancers not accepted (個人事業主不可): a partner's freelancer".into()
                }
                (false, false) => {
                    "freelancers not accepted (個人事業主不可): direct freelancer".into()
                }
            },
            Reason::Age { band, limit, over } => {
                let b = band.as_deref();
                match (ja, b, over) {
                    (true, None, _) => format!("年齢未登録: {limit}歳まで (年齢要確認)"),
                    (true, Some(b), true) => format!("年齢 {b} > {limit}歳まで"),
                    (true, Some(b), false) => format!("年齢 {b}: {limit}歳まで (年齢要確認)"),
                    (false, None, _) => format!("age not recorded; limit {limit}: confirm age"),
                    (false, Some(b), true) => format!("age band {b} above the age limit {limit}"),
                    (false, Some(b), false) => {
                        format!("age band {b} straddles the age limit {limit}: confirm age")
                    }
                }
            }
            Reason::Japanese { level, required } => {
                let need = super::terms::japanese_label(*required);
                match (ja, level) {
                    (true, Some(l)) => format!(
                        "日本語 {}: 顧客折衝に{need}以上 (日本語力 要確認)",
                        super::terms::japanese_label(*l)
                    ),
                    (true, None) => format!("日本語レベル未登録 (外国籍): {need}以上 要確認"),
                    (false, Some(l)) => format!(
                        "Japanese {} below the {need} client-facing work needs: confirm",
                        super::terms::japanese_label(*l)
                    ),
                    (false, None) => {
                        format!("Japanese level not recorded (foreign national); {need} needed")
                    }
                }
            }
            Reason::Commute {
                km,
                station,
                location,
                limit_km,
            } => {
                if ja {
                    format!("通勤距離 {km:.0}km ({station} → {location}, {limit_km:.0}km超): 転居・出張 要確認")
                } else {
                    format!("commute distance {km:.0} km ({station} → {location}, beyond {limit_km:.0} km): relocation or travel to confirm")
                }
            }
            Reason::Ng { term, found } => match (ja, found) {
                (true, Some(w)) => format!("本人NG: {term} (案件は{w})"),
                (true, None) => format!("本人NG: {term}"),
                (false, Some(w)) => {
                    format!("on the engineer's NG list: {term} (the opening is {w})")
                }
                (false, None) => format!("on the engineer's NG list: {term}"),
            },
            Reason::MustFarShort(notes) => {
                let parts: Vec<String> = notes.iter().map(|n| skill_note(n, ja)).collect();
                if ja {
                    format!("必須に遠く及ばない (求める年数の半分未満): {}", parts.join(", "))
                } else {
                    format!(
                        "must far from met (under half of what is asked): {}",
                        parts.join(", ")
                    )
                }
            }
            Reason::FullTimeOnly { contract } => match (ja, contract) {
                (true, Some(_)) => "正社員のみ: 契約社員・個人事業主は不可".into(),
                (true, None) => "正社員のみ: BPでの雇用形態が未登録 (要確認)".into(),
                (false, Some(_)) => {
                    "full-time employees only (正社員のみ): contract staff and freelancers are out"
                        .into()
                }
                (false, None) => "full-time employees only (正社員のみ): the partner's employment form is not recorded, confirm".into(),
            },
            Reason::Language {
                name,
                level,
                required,
            } => match (ja, level) {
                (true, Some(l)) => format!(
                    "{name}: {} (求める水準 {})",
                    l.label_ja(),
                    required.label_ja()
                ),
                (true, None) => format!("{name}レベル未登録: {}以上 要確認", required.label_ja()),
                (false, Some(l)) => format!(
                    "{name} (language) {} below the {} asked",
                    l.as_str(),
                    required.as_str()
                ),
                (false, None) => format!(
                    "{name} (language) level not recorded; {} asked: confirm",
                    required.as_str()
                ),
            },
            Reason::TooManyQuestions(qs) => {
                let parts: Vec<String> = qs.iter().map(|q| q.render(lang, _tax)).collect();
                if ja {
                    format!("確認事項が{}件 (要相談は1件まで): {}", qs.len(), parts.join(" / "))
                } else {
                    format!(
                        "{} limits to ask the client about (要相談 takes one): {}",
                        qs.len(),
                        parts.join(" / ")
                    )
                }
            }
            Reason::MustGap(notes) => {
                let parts: Vec<String> = notes.iter().map(|n| skill_note(n, ja)).collect();
                if ja {
                    format!("要相談 必須を一部のみ満たす: {}", parts.join(", "))
                } else {
                    format!("must met only in part, to discuss: {}", parts.join(", "))
                }
            }
            Reason::NoMustSkill(names) => {
                if ja {
                    format!("必須スキルなし ({})", names.join(", "))
                } else {
                    format!("none of the must skills ({})", names.join(", "))
                }
            }
            Reason::ForeignNotAllowed => {
                if ja {
                    "外国籍不可".into()
                } else {
                    "foreign nationals not accepted".into()
                }
            }
            Reason::NationalityUnknown => {
                if ja {
                    "外国籍不可: 国籍未登録 (国籍 要確認)".into()
                } else {
                    "foreign nationals not accepted; nationality not recorded: confirm nationality"
                        .into()
                }
            }
            Reason::AvailabilityUnknown => {
                if ja {
                    "稼働可能日 未登録".into()
                } else {
                    "availability not recorded".into()
                }
            }
            Reason::FreeAfterStart {
                free,
                start,
                tolerance_days,
            } => {
                let late = (*free - *start).num_days();
                // An assignment with no end frees nobody: say so, not a date in year 9999.
                if free.year() >= 9999 {
                    return if ja {
                        format!("長期参画中 (終了日未定), 開始{start}")
                    } else {
                        format!("on an open-ended assignment, start {start}")
                    };
                }
                if ja {
                    format!("{free}から稼働, 開始{start} ({late}日遅れ, 許容{tolerance_days}日)")
                } else {
                    format!(
                        "free {free}, start {start}: {late} days late (tolerance {tolerance_days})"
                    )
                }
            }
            Reason::AvailabilityStale { confirmed, days } => {
                if ja {
                    format!("稼働可能日の確認が{days}日前 ({confirmed})")
                } else {
                    format!("availability last confirmed {days} days ago ({confirmed})")
                }
            }
            Reason::OfferStale {
                last_offered,
                days,
                window_days,
            } => {
                if ja {
                    format!("情報が古い: 最終紹介{days}日前 ({last_offered}, {window_days}日以内の再紹介なし)")
                } else {
                    format!("stale: last offered {days} days ago ({last_offered}; not re-offered within {window_days} days)")
                }
            }
            Reason::RateNotStated => {
                if ja {
                    "単価記載なし (スキル見合い)".into()
                } else {
                    "rate not stated".into()
                }
            }
            Reason::CostUnknown => {
                if ja {
                    "原価 未登録".into()
                } else {
                    "cost not recorded".into()
                }
            }
            Reason::Margin { margin, at, floor } => {
                if ja {
                    format!(
                        "粗利{} (上限{}) 下限{}",
                        man(*margin),
                        man(*at),
                        man(*floor)
                    )
                } else {
                    format!(
                        "margin {} at {}, floor {}",
                        man(*margin),
                        man(*at),
                        man(*floor)
                    )
                }
            }
            Reason::Skills(notes) => {
                if notes.is_empty() {
                    return if ja {
                        "指定なし".into()
                    } else {
                        "none stated".into()
                    };
                }
                let parts: Vec<String> = notes.iter().map(|n| skill_note(n, ja)).collect();
                parts.join(", ")
            }
            Reason::Availability { free, start } if free.year() >= 9999 => {
                if ja {
                    format!("長期参画中 (終了日未定), 開始{start}")
                } else {
                    format!("on an open-ended assignment, start {start}")
                }
            }
            Reason::Availability { free, start } => {
                if ja {
                    format!("{free}から稼働可, 開始{start}")
                } else {
                    format!("free {free}, start {start}")
                }
            }
            Reason::RateFit {
                margin,
                at,
                asking_above,
            } => {
                let mut s = if ja {
                    format!("粗利{} (上限{})", man(*margin), man(*at))
                } else {
                    format!("margin {} at {}", man(*margin), man(*at))
                };
                if let Some(a) = asking_above {
                    if ja {
                        s.push_str(&format!(", 希望{}は上限超", man(*a)));
                    } else {
                        s.push_str(&format!(", asks {} above the band", man(*a)));
                    }
                }
                s
            }
            Reason::FullRemote => {
                if ja {
                    "フルリモート".into()
                } else {
                    "fully remote".into()
                }
            }
            Reason::Location {
                station,
                location,
                km,
                remote,
                wants_full_remote,
            } => {
                let st = station.as_deref().unwrap_or(if ja {
                    "最寄駅未登録"
                } else {
                    "station unknown"
                });
                let loc = location.as_deref().unwrap_or(if ja {
                    "場所未記載"
                } else {
                    "location not stated"
                });
                let dist = km.map_or_else(
                    || {
                        if ja {
                            "距離不明".to_string()
                        } else {
                            "distance unknown".to_string()
                        }
                    },
                    |k| format!("{k:.0}km"),
                );
                let mode = match (remote, ja) {
                    (Some(Remote::Partial), true) => " 一部リモート",
                    (Some(Remote::Partial), false) => " partly remote",
                    (Some(Remote::None), true) => " 常駐",
                    (Some(Remote::None), false) => " on site",
                    _ => "",
                };
                let wish = match (*wants_full_remote, ja) {
                    (true, true) => ", フルリモート希望",
                    (true, false) => ", wants full remote",
                    _ => "",
                };
                format!("{st} → {loc} {dist}{mode}{wish}")
            }
            Reason::Bench {
                in_house,
                idle_since,
                idle_days,
                free,
            } => {
                let md = |d: &NaiveDate| format!("{}/{}", d.month(), d.day());
                match (in_house, idle_since, free, ja) {
                    (true, Some(d), _, true) => format!("自社 待機 {}〜 ({idle_days}日)", md(d)),
                    (true, Some(d), _, false) => {
                        format!("own staff on the bench since {} ({idle_days} days)", md(d))
                    }
                    (true, None, Some(f), true) => format!("自社 {}〜稼働 (予定在庫)", md(f)),
                    (true, None, Some(f), false) => format!("own staff, free from {}", md(f)),
                    (true, None, None, true) => "自社 (稼働日未登録)".into(),
                    (true, None, None, false) => "own staff, free date unknown".into(),
                    (false, _, _, true) => "パートナー / 個人事業主 (待機コストなし)".into(),
                    (false, _, _, false) => "partner or freelancer: no bench cost to us".into(),
                }
            }
        }
    }
}

/// One requirement as a rep reads it: `Java 8年 ≥ 3年`, `Spring 4年 → Spring Boot 相当 70%`.
fn skill_note(n: &SkillNote, ja: bool) -> String {
    let name = &n.name;
    let group = n.alternatives.join(" / ");
    let of = match (n.alternatives.is_empty(), ja) {
        (true, _) => String::new(),
        (false, true) => format!(" ({group}のいずれか)"),
        (false, false) => format!(" (one of {group})"),
    };
    let Some(y) = n.years else {
        return match (n.alternatives.is_empty(), ja) {
            (false, true) => format!("{group} 経験なし"),
            (false, false) => format!("{group} missing"),
            (true, true) => format!("{name} 経験なし"),
            (true, false) => format!("{name} missing"),
        };
    };
    let req = match n.min_years {
        Some(m) if m > 0.0 => {
            let op = if y >= m { "≥" } else { "<" };
            if ja {
                format!(" {op} {}年", years(m))
            } else {
                format!(" {op} {}y required", years(m))
            }
        }
        _ => String::new(),
    };
    match &n.via {
        Some((src, credit)) => {
            let pct = (credit * 100.0).round() as i32;
            if ja {
                format!("{src} {}年 → {name} 相当 {pct}%{req}{of}", years(y))
            } else {
                format!("{src} {}y → {name} equiv. {pct}%{req}{of}", years(y))
            }
        }
        None => {
            if ja {
                format!("{name} {}年{req}{of}", years(y))
            } else {
                format!("{name} {}y{req}{of}", years(y))
            }
        }
    }
}
