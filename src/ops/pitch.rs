//! The proposal message for one candidate, with what the rep should read before sending it.
//!
//! One implementation for `benchmatch pitch` and the dashboard's `P`: the message from the
//! template, and warnings as data (partner incidents, missing must groups, no opinion, an
//! outdated revision, a closed proposal, profile errors) that each front end renders.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::Man;
use crate::i18n::Lang;
use crate::pipeline::checks::Problem;
use crate::pipeline::{pitch, ChecksConfig, PipelineItem, Stage};
use crate::skills::Taxonomy;
use crate::store::Store;

/// Something the rep should know before sending; never part of the message.
#[derive(Debug, Clone, PartialEq)]
pub enum PitchWarning {
    /// The engineer's partner company had an incident.
    Incident {
        partner: Option<String>,
        at: DateTime<Utc>,
        text: String,
    },
    /// Must groups the engineer has no experience for.
    MustMissing(Vec<String>),
    /// The engineer's notes have no `所感:` line, so the message has no opinion of fit.
    NoOpinion,
    /// The proposal was made under an older revision of the requirements.
    OldRevision { proposed: u32, now: u32 },
    /// The proposal's rate is above the opening's cap now (a revision lowered it).
    RateAboveCap { rate: Man, cap: Man },
    /// The proposal is no longer open (declined, withdrawn …).
    Closed(Stage),
    /// A profile error to fix before the profile goes out.
    Profile(Problem),
}

impl PitchWarning {
    /// One line in the rep's language, without the leading mark.
    pub fn render(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            Self::Incident { partner, at, text } => {
                let at = at.with_timezone(&chrono::Local).format("%Y-%m-%d");
                let who = crate::text::cell(partner.as_deref().unwrap_or("?"));
                if ja {
                    format!(
                        "パートナー {who} のトラブル {at}: {}",
                        crate::text::cell(text)
                    )
                } else {
                    format!("partner {who} incident {at}: {}", crate::text::cell(text))
                }
            }
            Self::MustMissing(groups) => {
                let label = if ja {
                    "必須スキル不足"
                } else {
                    "must skills missing"
                };
                format!("{label}: {}", groups.join(", "))
            }
            Self::NoOpinion => if ja {
                "所感なし: 要員のメモに「所感: …」の行を書くと提案文に入ります"
            } else {
                "no opinion: add a line 'opinion: …' (or 所感: …) to the engineer's notes"
            }
            .to_string(),
            Self::OldRevision { proposed, now } => {
                if ja {
                    format!("提案は旧版 rev{proposed} の条件に対するもの (現在 rev{now})")
                } else {
                    format!(
                        "proposed under revision {proposed}; the opening is now at revision {now}"
                    )
                }
            }
            Self::RateAboveCap { rate, cap } => {
                if ja {
                    format!(
                        "提案単価 {rate} が案件の上限 {cap} を超えています (edit proposal で変更)"
                    )
                } else {
                    format!("the proposal's rate {rate} is above the opening's cap {cap} (change it with edit proposal)")
                }
            }
            Self::Closed(stage) => {
                if ja {
                    format!("提案は{}です", stage.label(lang))
                } else {
                    format!("proposal is {}", stage.label(lang))
                }
            }
            Self::Profile(p) => p.render(lang),
        }
    }
}

/// The message and its warnings.
#[derive(Debug, Clone)]
pub struct Pitch {
    pub opening_id: i64,
    pub engineer_id: i64,
    pub text: String,
    pub warnings: Vec<PitchWarning>,
}

/// The template to render with: its name (for errors) and source.
pub struct Template {
    pub name: String,
    pub source: String,
}

impl Template {
    /// The user's template in `dir` if there is one, else the built-in default; read within
    /// the input limit, so a template linked to /dev/zero is refused rather than read forever.
    pub fn load(dir: Option<&std::path::Path>, lang: Lang) -> Result<Template, String> {
        let (name, default) = pitch::default_template(lang);
        // `pitch.ja.txt`, else the names people write for it (`pitch_ja.txt`, `pitch-ja.txt`):
        // a template the rep wrote is never ignored for its punctuation.
        let names = [
            name.to_string(),
            name.replacen('.', "_", 1),
            name.replacen('.', "-", 1),
        ];
        for path in dir
            .into_iter()
            .flat_map(|d| names.iter().map(|n| d.join(n)))
        {
            if let Some(text) = crate::input::read_optional_text(&path)? {
                return Ok(Template {
                    name: path.display().to_string(),
                    source: text,
                });
            }
        }
        Ok(Template {
            name: name.to_string(),
            source: default.to_string(),
        })
    }
}

/// What a pitch is about: the opening, the engineer, and the proposal if one exists.
pub struct PitchRequest<'a> {
    pub opening_id: i64,
    pub engineer_id: i64,
    pub proposal: Option<&'a PipelineItem>,
}

/// Build the message for one candidate.
#[allow(clippy::too_many_arguments)]
pub fn build(
    store: &Store,
    req: &PitchRequest<'_>,
    template: &Template,
    today: NaiveDate,
    lang: Lang,
    tax: &Taxonomy,
    checks: &ChecksConfig,
) -> anyhow::Result<Pitch> {
    let opening = store.opening(req.opening_id)?;
    let engineer = store.engineer(req.engineer_id)?;
    let clients = store.clients()?;
    let client = opening
        .client_id
        .and_then(|c| clients.get(&c))
        .map(|c| c.name.as_str());
    // The proposal's rate, else the same quote as the dashboard's confirmation shows.
    let rate = req
        .proposal
        .and_then(|p| p.rate)
        .or_else(|| pitch::quoted_rate(&opening, &engineer));
    let mut p = pitch::build(&opening, &engineer, rate, client, today, lang, tax);
    p.note = req
        .proposal
        .map(|x| x.notes.trim().to_string())
        .filter(|n| !n.is_empty());
    let text = pitch::render(&p, &template.name, &template.source).map_err(anyhow::Error::msg)?;

    let mut warnings = Vec::new();
    if let Some(pid) = engineer.partner_id {
        let partner = store.partner_names()?.remove(&pid);
        let incidents = store.incidents()?;
        for i in incidents.get(&pid).into_iter().flatten().rev().take(3) {
            warnings.push(PitchWarning::Incident {
                partner: partner.clone(),
                at: i.at,
                text: i.text.clone(),
            });
        }
    }
    if !p.must_missing.is_empty() {
        warnings.push(PitchWarning::MustMissing(p.must_missing.clone()));
    }
    if p.opinion.is_none() {
        warnings.push(PitchWarning::NoOpinion);
    }
    if let Some(item) = req.proposal {
        if item.outdated_revision() {
            warnings.push(PitchWarning::OldRevision {
                proposed: item.revision,
                now: item.opening_revision,
            });
        }
        if let Some((rate, cap)) = item.rate_above_cap() {
            warnings.push(PitchWarning::RateAboveCap { rate, cap });
        }
        if !item.stage.is_open() && item.stage != Stage::Started {
            warnings.push(PitchWarning::Closed(item.stage));
        }
    }
    // Kanji initials are never printed: say what to enter instead.
    if pitch::romanised_initials(&engineer).is_none() {
        warnings.push(PitchWarning::Profile(Problem::MissingInitials));
    }
    for problem in super::checks::profile_errors(store, &engineer, today, checks, tax)? {
        warnings.push(PitchWarning::Profile(problem));
    }
    Ok(Pitch {
        opening_id: req.opening_id,
        engineer_id: req.engineer_id,
        text,
        warnings,
    })
}
