//! The proposal message (提案文): the facts a client would otherwise ask back, from a template.
//!
//! Templates are minijinja files; the defaults ship in the binary and a user copy in
//! the config directory's `templates/` wins. Every value is sanitised before rendering,
//! so a hostile note cannot put escape sequences into a message or a terminal.

use chrono::NaiveDate;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::domain::{Engineer, Man, Opening, Remote, Requirement};
use crate::i18n::Lang;
use crate::skills::Taxonomy;
use crate::text::cell;

pub const DEFAULT_JA: &str = include_str!("../../data/templates/pitch.ja.txt");
pub const DEFAULT_EN: &str = include_str!("../../data/templates/pitch.en.txt");

/// Prefixes that mark the rep's one-line opinion in an engineer's notes.
pub const OPINION_PREFIXES: &[&str] =
    &["所感:", "所感：", "opinion:", "Opinion:", "推し:", "推し："];

/// The default template of a language, and the file name a user override has.
pub fn default_template(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Ja => ("pitch.ja.txt", DEFAULT_JA),
        Lang::En => ("pitch.en.txt", DEFAULT_EN),
    }
}

/// A skill the engineer covers, with years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PitchSkill {
    pub name: String,
    pub years: String,
    pub min_years: Option<String>,
    /// Meets the minimum years (always true when none is asked).
    pub meets: bool,
}

/// Everything a template can use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pitch {
    pub lang: &'static str,
    pub opening_id: i64,
    pub opening_title: String,
    pub client: Option<String>,
    pub engineer_id: i64,
    pub initials: String,
    /// Only when the user stored it.
    pub age_band: Option<String>,
    pub station: Option<String>,
    /// `即日` / `immediately`, or the date.
    pub available_from: String,
    /// The trade form, `65万`.
    pub rate: Option<String>,
    /// `650,000`.
    pub rate_yen: Option<String>,
    /// As the trade writes it: 弊社正社員, 弊社契約社員, 1社先正社員, 個人事業主.
    pub affiliation: String,
    pub remote_pref: Option<String>,
    pub must: Vec<PitchSkill>,
    pub nice: Vec<PitchSkill>,
    /// Must skills the engineer lacks: for the rep, not the default message.
    pub must_missing: Vec<String>,
    pub opinion: Option<String>,
    /// The proposal's note (what the partner or client asked to be told), when there is one.
    pub note: Option<String>,
}

fn years(v: f32) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn yen(m: Man) -> String {
    let n = u64::from(m.tenths()) * 1000;
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The rep's opinion: the first notes line starting with `所感:` (or `opinion:`).
///
/// Only a marked line is used, so private notes (cost talks, reasons for leaving)
/// never reach a client by accident.
pub fn opinion(notes: &str) -> Option<String> {
    notes.lines().find_map(|l| {
        let l = l.trim();
        OPINION_PREFIXES
            .iter()
            .find_map(|p| l.strip_prefix(p))
            .map(|rest| cell(rest.trim()))
            .filter(|s| !s.is_empty())
    })
}

/// Build the message values for one engineer and opening.
/// The rate to quote when no proposal says one: the engineer's ask, capped at the
/// opening's top (or its only) rate; the opening's rate when the engineer has none.
pub fn quoted_rate(o: &Opening, e: &Engineer) -> Option<Man> {
    match (o.rate_max.or(o.rate_min), e.rate) {
        (Some(top), Some(ask)) => Some(ask.min(top)),
        (Some(top), None) => Some(top),
        (None, ask) => ask,
    }
}

pub fn build(
    opening: &Opening,
    engineer: &Engineer,
    rate: Option<Man>,
    client: Option<&str>,
    today: NaiveDate,
    lang: Lang,
    tax: &Taxonomy,
) -> Pitch {
    let ja = lang == Lang::Ja;
    let mut must = Vec::new();
    let mut must_missing = Vec::new();
    let mut nice = Vec::new();
    let held = |r: &Requirement| -> Option<PitchSkill> {
        let y = engineer.skill_years(r.skill?)?;
        Some(PitchSkill {
            name: cell(tax.name(r.skill?)),
            years: years(y),
            min_years: r.min_years.map(years),
            meets: r.min_years.is_none_or(|m| y >= m),
        })
    };
    // A must group is pitched by the alternative the engineer holds best.
    for group in &opening.requirements.must {
        let best = group
            .iter()
            .filter_map(|r| Some((held(r)?, engineer.skill_years(r.skill?)?)))
            .max_by(|a, b| a.0.meets.cmp(&b.0.meets).then(a.1.total_cmp(&b.1)));
        match best {
            Some((item, _)) => must.push(item),
            None => must_missing.push(cell(
                &group
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" / "),
            )),
        }
    }
    nice.extend(opening.requirements.nice.iter().filter_map(held));
    let available_from = match engineer.available_from {
        Some(d) if d > today => {
            if ja {
                d.format("%Y/%m/%d〜").to_string()
            } else {
                d.format("%Y-%m-%d").to_string()
            }
        }
        Some(_) => if ja { "即日" } else { "immediately" }.to_string(),
        None => if ja { "要相談" } else { "to be confirmed" }.to_string(),
    };
    let rate = rate.or(engineer.rate);
    Pitch {
        lang: if ja { "ja" } else { "en" },
        opening_id: opening.id,
        opening_title: cell(&opening.title),
        client: client.map(cell),
        engineer_id: engineer.id,
        initials: cell(&romanised_initials(engineer).unwrap_or_else(|| {
            if ja {
                "（イニシャル未登録）"
            } else {
                "(initials not set)"
            }
            .to_string()
        })),
        age_band: engineer.age_band.as_deref().map(cell),
        station: engineer
            .station
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                let s = cell(s);
                if ja && !s.ends_with('駅') {
                    format!("{s}駅")
                } else {
                    s
                }
            }),
        available_from,
        rate: rate.map(|r| r.to_string()),
        rate_yen: rate.map(yen),
        affiliation: crate::present::affiliation_label(
            engineer.affiliation.as_str(),
            engineer.depth,
            lang,
        ),
        remote_pref: engineer.remote_pref.map(|r| {
            match (r, ja) {
                (Remote::Full, true) => "フルリモート希望",
                (Remote::Partial, true) => "リモート併用希望",
                (Remote::None, true) => "出社可",
                (Remote::Full, false) => "fully remote",
                (Remote::Partial, false) => "partly remote",
                (Remote::None, false) => "on site is fine",
            }
            .to_string()
        }),
        must,
        nice,
        must_missing,
        opinion: opinion(&engineer.notes),
        note: None,
    }
}

/// Initials as the trade writes them, romanised and given name first (`T.M.`): from the
/// reading (フリガナ `タカハシ ミサキ` → `M.T.`); else the stored initials when they are
/// Latin (an offer's `T.M.`); else from a name written in kana (`マツダ タロウ`). `None` when
/// none of these gives Latin letters: kanji need a reading, and the profile checks say so.
pub fn romanised_initials(e: &Engineer) -> Option<String> {
    let from_parts = |text: &str| -> Option<String> {
        let parts: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == '・')
            .filter(|p| !p.is_empty())
            .collect();
        let letters: Option<Vec<char>> = parts
            .iter()
            .rev()
            .map(|p| {
                p.chars().next().and_then(|c| {
                    kana_initial(c)
                        .or_else(|| c.is_ascii_alphabetic().then(|| c.to_ascii_uppercase()))
                })
            })
            .collect();
        letters
            .filter(|l| l.len() >= 2)
            .map(|l| l.iter().map(|c| format!("{c}.")).collect())
    };
    if let Some(i) = e.extra.name_kana.as_deref().and_then(from_parts) {
        return Some(i);
    }
    let stored = e.initials.trim();
    if !stored.is_empty() && stored.is_ascii() {
        return Some(stored.to_string());
    }
    from_parts(&e.name).filter(|_| !e.name.is_ascii())
}

/// The Latin initial of a kana (Hepburn): `マ` → M, `シ` → S, `チ` → C, `フ` → F, `ジ` → J.
fn kana_initial(c: char) -> Option<char> {
    // Katakana to hiragana: the blocks are 0x60 apart.
    let h = match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60)?,
        _ => c,
    };
    const ROWS: &[(&str, char)] = &[
        ("あぁ", 'A'),
        ("いぃ", 'I'),
        ("うぅゔ", 'U'),
        ("えぇ", 'E'),
        ("おぉ", 'O'),
        ("かきくけこ", 'K'),
        ("がぎぐげご", 'G'),
        ("さすせそ", 'S'),
        ("し", 'S'),
        ("ざずぜぞ", 'Z'),
        ("じぢ", 'J'),
        ("たてと", 'T'),
        ("ち", 'C'),
        ("つ", 'T'),
        ("だでど", 'D'),
        ("づ", 'Z'),
        ("なにぬねの", 'N'),
        ("はひへほ", 'H'),
        ("ふ", 'F'),
        ("ばびぶべぼ", 'B'),
        ("ぱぴぷぺぽ", 'P'),
        ("まみむめも", 'M'),
        ("やゆよゃゅょ", 'Y'),
        ("らりるれろ", 'R'),
        ("わを", 'W'),
        ("ん", 'N'),
    ];
    ROWS.iter()
        .find(|(row, _)| row.contains(h))
        .map(|(_, l)| *l)
}

/// A candidate's summary, the skill-sheet lines of the pitch without an opening: for
/// copying from the engineer screen into a reply. Skills by years, most first.
pub fn summary(engineer: &Engineer, today: NaiveDate, lang: Lang, tax: &Taxonomy) -> String {
    let ja = lang == Lang::Ja;
    let none = Opening::new("", today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    let p = build(&none, engineer, None, None, today, lang, tax);
    let mut s = String::new();
    let mut line = |k: &str, v: &str| s.push_str(&format!("■{k}: {v}\n"));
    let name = match &p.age_band {
        Some(a) if ja => format!("{}（{a}）", p.initials),
        Some(a) => format!("{} ({a})", p.initials),
        None => p.initials.clone(),
    };
    line(if ja { "氏名" } else { "Name" }, &name);
    line(if ja { "所属" } else { "Affiliation" }, &p.affiliation);
    if let Some(st) = &p.station {
        line(
            if ja {
                "最寄り駅"
            } else {
                "Nearest station"
            },
            st,
        );
    }
    line(if ja { "稼働開始" } else { "Available" }, &p.available_from);
    if let Some(r) = &p.rate {
        line(
            if ja { "単価" } else { "Rate" },
            &if ja {
                format!("{r}円/月")
            } else {
                format!("{r} a month")
            },
        );
    }
    if let Some(r) = &p.remote_pref {
        line(if ja { "リモート希望" } else { "Remote" }, r);
    }
    let mut skills: Vec<_> = engineer.skills.iter().collect();
    skills.sort_by(|a, b| b.years.total_cmp(&a.years).then(a.skill.cmp(&b.skill)));
    if !skills.is_empty() {
        s.push_str(if ja { "■スキル\n" } else { "■Skills\n" });
        for k in skills {
            let y = years(k.years);
            s.push_str(&if ja {
                format!("・{} {y}年\n", cell(tax.name(k.skill)))
            } else {
                format!("- {} {y} years\n", cell(tax.name(k.skill)))
            });
        }
    }
    if let Some(o) = &p.opinion {
        s.push_str(&format!("■{}: {o}\n", if ja { "所感" } else { "Opinion" }));
    }
    s
}

/// Render a template; the error is one line naming the template and the line.
pub fn render(pitch: &Pitch, name: &str, source: &str) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_debug(false);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| e.to_string())?;
    env.set_syntax(syntax);
    let one_line = |e: minijinja::Error| cell(&format!("template {name}: {e}"));
    env.add_template_owned(name.to_string(), source.to_string())
        .map_err(one_line)?;
    let t = env.get_template(name).map_err(one_line)?;
    t.render(Value::from(Serde(pitch))).map_err(one_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_romanised_from_kana_given_name_first() {
        let rec: crate::domain::records::EngineerRecord =
            serde_json::from_str(r#"{"name": "マツダ タロウ", "affiliation": "own"}"#).unwrap();
        let mut e = rec.to_engineer(Taxonomy::builtin()).unwrap();
        e.initials = "マ.タ.".into();
        assert_eq!(romanised_initials(&e).as_deref(), Some("T.M."));
        e.name = "ちば しんじ".into();
        assert_eq!(romanised_initials(&e).as_deref(), Some("S.C."));
        // Kanji need a reading: without one there are no initials to print.
        e.name = "高橋 美咲".into();
        e.initials = "高.美.".into();
        assert_eq!(romanised_initials(&e), None);
        e.extra.name_kana = Some("タカハシ　ミサキ".into());
        assert_eq!(romanised_initials(&e).as_deref(), Some("M.T."));
        e.extra.name_kana = Some("Takahashi Misaki".into());
        assert_eq!(romanised_initials(&e).as_deref(), Some("M.T."));
        // A reading without a space cannot be split: Latin stored initials stand.
        e.extra.name_kana = Some("タカハシミサキ".into());
        e.initials = "M.T.".into();
        assert_eq!(romanised_initials(&e).as_deref(), Some("M.T."));
    }

    #[test]
    fn a_kanji_name_without_reading_prints_no_kanji_initials() {
        let (o, mut e) = fixture();
        e.name = "高橋 美咲".into();
        e.initials = "高.美.".into();
        let p = build(&o, &e, None, None, today(), Lang::Ja, Taxonomy::builtin());
        assert_eq!(p.initials, "（イニシャル未登録）");
    }
    use crate::domain::{Affiliation, EngineerSkill, Start};
    use chrono::{TimeZone, Utc};

    fn fixture() -> (Opening, Engineer) {
        let tax = Taxonomy::builtin();
        let id = |n: &str| tax.lookup(n).unwrap();
        let mut o = Opening::new(
            "決済基盤 Java開発",
            Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap(),
        );
        o.id = 4;
        o.start = Some(Start::Month {
            year: 2026,
            month: 12,
        });
        o.requirements
            .push_must(vec![Requirement::known(id("Java"), Some(3.0), tax)]);
        o.requirements
            .push_must(vec![Requirement::known(id("AWS"), None, tax)]);
        o.requirements
            .push_nice(Requirement::known(id("Docker"), None, tax));
        let mut e = Engineer {
            id: 9,
            name: "佐藤 翔太".into(),
            initials: "S.S.".into(),
            affiliation: Affiliation::Partner,
            partner_id: Some(1),
            depth: 1,
            station: Some("品川".into()),
            remote_pref: Some(Remote::Partial),
            available_from: NaiveDate::from_ymd_opt(2026, 12, 1),
            cost: Man::new(55.0),
            rate: Man::new(65.0),
            foreign: Some(false),
            age_band: Some("30代".into()),
            career_start: Some(2015),
            notes: "原価交渉中\n所感: 決済の経験が深く、リーダー経験もあり推せます\x1b[31m".into(),
            skills: vec![
                EngineerSkill {
                    skill: id("Java"),
                    years: 7.0,
                    level: None,
                    last_used: None,
                },
                EngineerSkill {
                    skill: id("Docker"),
                    years: 2.5,
                    level: None,
                    last_used: None,
                },
            ],
            ..Engineer::default()
        };
        e.normalize_skills();
        (o, e)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn japanese_message_has_what_the_client_would_ask() {
        let (o, e) = fixture();
        let tax = Taxonomy::builtin();
        let p = build(&o, &e, None, Some("A商事"), today(), Lang::Ja, tax);
        let text = render(&p, "pitch.ja.txt", DEFAULT_JA).unwrap();
        for want in [
            "■氏名: S.S.（30代）\n",
            "■所属: 1社先正社員\n",
            "■最寄り駅: 品川駅\n",
            "■稼働開始: 2026/12/01〜\n",
            "■単価: 65万円/月\n",
            "・Java 7年（要件 3年以上）\n",
            "・Docker 2.5年\n",
            "■所感: 決済の経験が深く、リーダー経験もあり推せます^[[31m\n",
        ] {
            assert!(text.contains(want), "missing {want:?} in\n{text}");
        }
        assert!(!text.contains("原価交渉中"), "private notes stay private");
        assert!(!text.contains('\x1b'));
        assert_eq!(p.must_missing, vec!["AWS"]);
        assert!(!text.contains("\n\n\n"), "no runs of blank lines:\n{text}");
    }

    #[test]
    fn english_message_and_missing_optional_fields() {
        let (o, mut e) = fixture();
        e.age_band = None;
        e.station = None;
        e.notes.clear();
        e.available_from = NaiveDate::from_ymd_opt(2026, 11, 1);
        let p = build(
            &o,
            &e,
            Man::new(70.0),
            None,
            today(),
            Lang::En,
            Taxonomy::builtin(),
        );
        let text = render(&p, "pitch.en.txt", DEFAULT_EN).unwrap();
        assert!(text.contains("Engineer: S.S.\n"), "{text}");
        assert!(text.contains("Available: immediately\n"));
        assert!(text.contains("Rate: JPY 700,000 per month\n"));
        assert!(text.contains("- Java: 7 years (asked: 3+)\n"));
        assert!(!text.contains("station") && !text.contains("Our view"));
    }

    #[test]
    fn template_errors_are_one_line() {
        let (o, e) = fixture();
        let p = build(&o, &e, None, None, today(), Lang::En, Taxonomy::builtin());
        let e1 = render(&p, "mine.txt", "{{ initals }}").unwrap_err();
        assert!(e1.contains("mine.txt") && !e1.contains('\n'), "{e1}");
        let e2 = render(&p, "mine.txt", "{% for %}").unwrap_err();
        assert!(!e2.contains('\n'), "{e2}");
        assert_eq!(render(&p, "x", "{{ initials }}").unwrap(), "S.S.");
    }

    #[test]
    fn opinion_needs_a_marked_line() {
        assert_eq!(opinion("経験豊富"), None);
        assert_eq!(
            opinion("x\nopinion: strong fit").as_deref(),
            Some("strong fit")
        );
        assert_eq!(opinion("所感："), None);
    }
}
