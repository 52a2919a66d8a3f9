//! Why a factor scored what it did, as data; rendered in Japanese or English.

use chrono::NaiveDate;

use crate::domain::Remote;
use crate::i18n::Lang;
use crate::skills::Taxonomy;

/// How one required skill, or one must group, was met.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillNote {
    /// The requirement that counted: a group's best alternative (its first when none is held).
    pub name: String,
    /// Years the engineer has, or `None` when the skill is missing.
    pub years: Option<f32>,
    pub min_years: Option<f32>,
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
    FreelancerNotAllowed,
    ForeignNotAllowed,
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
        idle: bool,
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
                (true, _) => format!("商流{depth}社先 > {max}社先まで"),
                (false, Some(f)) if depth <= f => {
                    format!("depth {depth} > {max}, allowed with support fee up to {f}")
                }
                (false, _) => format!("chain depth {depth} > {max} allowed"),
            },
            Reason::FreelancerNotAllowed => {
                if ja {
                    "個人事業主不可".into()
                } else {
                    "freelancers not accepted".into()
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
                    "外国籍不可: 国籍未登録".into()
                } else {
                    "foreign nationals not accepted; nationality not recorded".into()
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
                let parts: Vec<String> = notes
                    .iter()
                    .map(|n| {
                        let name = &n.name;
                        let group = n.alternatives.join(" / ");
                        let of = match (n.alternatives.is_empty(), ja) {
                            (true, _) => String::new(),
                            (false, true) => format!(" ({group}のいずれか)"),
                            (false, false) => format!(" (one of {group})"),
                        };
                        let met = match (n.years, n.min_years, ja) {
                            (None, _, true) if !n.alternatives.is_empty() => {
                                return format!("{group} 経験なし")
                            }
                            (None, _, false) if !n.alternatives.is_empty() => {
                                return format!("{group} missing")
                            }
                            (None, _, true) => format!("{name} 経験なし"),
                            (None, _, false) => format!("{name} missing"),
                            (Some(y), Some(m), true) if m > 0.0 => {
                                let op = if y >= m { "≥" } else { "<" };
                                format!("{name} {}年 {op} {}年", years(y), years(m))
                            }
                            (Some(y), Some(m), false) if m > 0.0 => {
                                let op = if y >= m { "≥" } else { "<" };
                                format!("{name} {}y {op} {}y required", years(y), years(m))
                            }
                            (Some(y), _, true) => format!("{name} {}年", years(y)),
                            (Some(y), _, false) => format!("{name} {}y", years(y)),
                        };
                        format!("{met}{of}")
                    })
                    .collect();
                parts.join(", ")
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
            Reason::Bench { in_house, idle } => match (in_house, idle, ja) {
                (true, true, true) => "自社待機中".into(),
                (true, true, false) => "own employee on the bench".into(),
                (true, false, true) => "自社 (予定在庫)".into(),
                (true, false, false) => "own employee, free later".into(),
                (false, _, true) => "パートナー".into(),
                (false, _, false) => "partner engineer".into(),
            },
        }
    }
}
