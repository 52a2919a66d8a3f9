//! A new posting: raw text in, parsed fields shown for correction, an opening out.

use chrono::{DateTime, Utc};

use crate::domain::records::SkillReq;
use crate::domain::{Man, Opening, Remote, Requirement, Start};
use crate::i18n::Lang;
use crate::posting::{self, ParsedPosting};
use crate::skills::Taxonomy;

use super::super::strings::S;
use super::input::{LineInput, TextArea};
use super::list::ListState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Client,
    RateMin,
    RateMax,
    Start,
    Remote,
    Location,
    Interviews,
    MaxDepth,
    Freelancer,
    Foreign,
    Must,
    Nice,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Title,
        Field::Client,
        Field::RateMin,
        Field::RateMax,
        Field::Start,
        Field::Remote,
        Field::Location,
        Field::Interviews,
        Field::MaxDepth,
        Field::Freelancer,
        Field::Foreign,
        Field::Must,
        Field::Nice,
    ];

    pub fn label(self) -> S {
        match self {
            Field::Title => S::FieldTitle,
            Field::Client => S::FieldClient,
            Field::RateMin => S::FieldRateMin,
            Field::RateMax => S::FieldRateMax,
            Field::Start => S::FieldStart,
            Field::Remote => S::FieldRemote,
            Field::Location => S::FieldLocation,
            Field::Interviews => S::FieldInterviews,
            Field::MaxDepth => S::FieldMaxDepth,
            Field::Freelancer => S::FieldFreelancer,
            Field::Foreign => S::FieldForeign,
            Field::Must => S::FieldMust,
            Field::Nice => S::FieldNice,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// Typing or pasting the text.
    #[default]
    Edit,
    /// Checking the fields read from it.
    Review,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostingState {
    pub stage: Stage,
    pub text: TextArea,
    /// The raw text the fields were read from, exactly as it will be stored.
    pub raw: String,
    /// One value per `Field::ALL`, as text the rep can correct.
    pub values: Vec<String>,
    pub fields: ListState,
    /// The field being corrected, if any.
    pub editing: Option<LineInput>,
    pub raw_scroll: usize,
}

fn yes_no(v: Option<bool>, lang: Lang) -> String {
    match v {
        Some(true) => S::Yes.t(lang).into(),
        Some(false) => S::No.t(lang).into(),
        None => String::new(),
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn man_number(m: Option<Man>) -> String {
    m.map(|m| m.to_string().trim_end_matches('万').to_string())
        .unwrap_or_default()
}

fn remote_text(r: Option<Remote>, lang: Lang) -> String {
    match r {
        None => String::new(),
        Some(r) => crate::present::remote_label(Some(r), lang).to_string(),
    }
}

impl PostingState {
    /// Read the text into fields and switch to the review stage.
    pub fn parse(&mut self, now: DateTime<Utc>, tax: &Taxonomy, lang: Lang) {
        self.raw = self.text.text();
        let p = posting::parse(&self.raw, now, tax);
        self.values = Field::ALL
            .iter()
            .map(|f| Self::initial(*f, &p, lang))
            .collect();
        self.stage = Stage::Review;
        self.fields = ListState::default();
        self.editing = None;
        self.raw_scroll = 0;
    }

    fn initial(f: Field, p: &ParsedPosting, lang: Lang) -> String {
        match f {
            Field::Title => p.title.clone().unwrap_or_default(),
            Field::Client => String::new(),
            Field::RateMin => man_number(p.rate_min),
            Field::RateMax => man_number(p.rate_max),
            Field::Start => p
                .start
                .map(|s| crate::present::start_label(Some(s), lang))
                .unwrap_or_default(),
            Field::Remote => remote_text(p.remote, lang),
            Field::Location => p.location.clone().unwrap_or_default(),
            Field::Interviews => opt(p.interviews),
            Field::MaxDepth => opt(p.max_depth),
            Field::Freelancer => yes_no(p.freelancer_ok, lang),
            Field::Foreign => yes_no(p.foreign_ok, lang),
            Field::Must => p
                .must
                .iter()
                .map(|g| group_spec(g))
                .collect::<Vec<_>>()
                .join("; "),
            Field::Nice => p.nice.iter().map(spec).collect::<Vec<_>>().join("; "),
        }
    }

    pub fn value(&self, f: Field) -> &str {
        Field::ALL
            .iter()
            .position(|x| *x == f)
            .and_then(|i| self.values.get(i))
            .map_or("", String::as_str)
    }

    /// Check one corrected value; the message says what form is expected.
    pub fn validate(f: Field, v: &str, tax: &Taxonomy, lang: Lang) -> Result<(), String> {
        // Only the field is checked; the probe's time is never read.
        let mut probe = Opening::new("probe", DateTime::<Utc>::UNIX_EPOCH);
        apply(&mut probe, f, v, tax, lang).map(|_| ())
    }

    /// The opening to store, from the parsed text with every correction applied.
    pub fn build(
        &self,
        now: DateTime<Utc>,
        tax: &Taxonomy,
        lang: Lang,
    ) -> Result<(Opening, Option<String>), (Field, String)> {
        let parsed = posting::parse(&self.raw, now, tax);
        let mut o = parsed.to_opening(&self.raw, now, tax);
        o.requirements = Default::default();
        let mut client = None;
        for (i, f) in Field::ALL.iter().enumerate() {
            let v = self.values.get(i).map_or("", String::as_str);
            if let Some(c) = apply(&mut o, *f, v, tax, lang).map_err(|e| (*f, e))? {
                client = Some(c);
            }
        }
        if let (Some(a), Some(b)) = (o.rate_min, o.rate_max) {
            if a > b {
                return Err((Field::RateMin, S::ErrRateOrder.t(lang).into()));
            }
        }
        Ok((o, client))
    }
}

fn parse_bool(v: &str) -> Option<Option<bool>> {
    match v.trim().to_lowercase().as_str() {
        "" | "?" | "不明" => Some(None),
        "可" | "ok" | "yes" | "y" | "true" | "○" => Some(Some(true)),
        "不可" | "no" | "n" | "ng" | "false" | "×" => Some(Some(false)),
        _ => None,
    }
}

fn parse_remote(v: &str) -> Option<Option<Remote>> {
    match v.trim().to_lowercase().as_str() {
        "" => Some(None),
        "full" | "フル" | "フルリモート" => Some(Some(Remote::Full)),
        "partial" | "一部" | "一部リモート" | "ハイブリッド" => {
            Some(Some(Remote::Partial))
        }
        "none" | "onsite" | "常駐" | "出社" => Some(Some(Remote::None)),
        _ => None,
    }
}

fn parse_small(v: &str) -> Option<Option<u8>> {
    let t = v.trim();
    if t.is_empty() {
        return Some(None);
    }
    t.parse::<u8>().ok().map(Some)
}

/// `Java:3` for one requirement: the notation the field is edited in.
fn spec(r: &Requirement) -> String {
    SkillReq {
        name: r.name.clone(),
        min_years: r.min_years,
    }
    .spec()
}

/// `AWS|Azure:2` for one must group.
fn group_spec(g: &[Requirement]) -> String {
    g.iter().map(spec).collect::<Vec<_>>().join("|")
}

/// One requirement as typed: `Java:3`, `Java 3`, `Java 3年以上`, or a bare name.
fn parse_one(part: &str, tax: &Taxonomy) -> Result<Requirement, String> {
    let part = part.trim();
    let spaced = part.rsplit_once(char::is_whitespace).and_then(|(n, y)| {
        y.trim_end_matches("以上")
            .trim_end_matches(['年', 'y', '+'])
            .parse::<f32>()
            .ok()
            .filter(|y| y.is_finite() && (0.0..=50.0).contains(y))
            .map(|y| (n.trim(), y))
    });
    let (name, years) = match spaced {
        Some((n, y)) => (n.to_string(), Some(y)),
        None => {
            let r = SkillReq::parse(part)?;
            (r.name, r.min_years)
        }
    };
    // Names the taxonomy does not know are kept as written, like everywhere else.
    Ok(Requirement::named(&name, years.filter(|y| *y > 0.0), tax))
}

/// `Java:3; AWS|Azure; TypeScript|JavaScript 2`: groups by `;` (or `,`), alternatives by `|`.
fn parse_groups(v: &str, tax: &Taxonomy) -> Result<Vec<Vec<Requirement>>, String> {
    v.split([';', '；', ',', '、', '，'])
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(|g| {
            g.split(['|', '｜'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| parse_one(a, tax))
                .collect()
        })
        .collect()
}

/// Set one field on the opening; the client comes back separately (it is not a column).
fn apply(
    o: &mut Opening,
    f: Field,
    v: &str,
    tax: &Taxonomy,
    lang: Lang,
) -> Result<Option<String>, String> {
    let err = |s: S| s.t(lang).to_string();
    let v = v.trim();
    match f {
        Field::Title => {
            if v.is_empty() {
                return Err(err(S::ErrTitle));
            }
            o.title = v.to_string();
        }
        Field::Client => return Ok((!v.is_empty()).then(|| v.to_string())),
        Field::RateMin => o.rate_min = Man::parse_typed(v).map_err(|_| err(S::ErrRate))?,
        Field::RateMax => o.rate_max = Man::parse_typed(v).map_err(|_| err(S::ErrRate))?,
        Field::Start => {
            o.start = if v.is_empty() {
                None
            } else if v.eq_ignore_ascii_case("now") {
                Some(Start::Immediate)
            } else {
                Some(Start::parse(v).map_err(|_| err(S::ErrStart))?)
            }
        }
        Field::Remote => o.remote = parse_remote(v).ok_or_else(|| err(S::ErrRemote))?,
        Field::Location => o.location = (!v.is_empty()).then(|| v.to_string()),
        Field::Interviews => o.interviews = parse_small(v).ok_or_else(|| err(S::ErrNumber))?,
        Field::MaxDepth => o.max_depth = parse_small(v).ok_or_else(|| err(S::ErrNumber))?,
        Field::Freelancer => o.freelancer_ok = parse_bool(v).ok_or_else(|| err(S::ErrYesNo))?,
        Field::Foreign => o.foreign_ok = parse_bool(v).ok_or_else(|| err(S::ErrYesNo))?,
        Field::Must => {
            for g in parse_groups(v, tax)? {
                o.requirements.push_must(g);
            }
        }
        Field::Nice => {
            for r in parse_groups(v, tax)?.into_iter().flatten() {
                o.requirements.push_nice(r);
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrected_fields_make_the_opening() {
        let tax = Taxonomy::builtin();
        let now = Utc::now();
        let mut p = PostingState::default();
        p.text.insert_str("Java開発\nJava必須");
        p.parse(now, tax, Lang::Ja);
        assert_eq!(p.stage, Stage::Review);
        assert_eq!(p.value(Field::Title), "Java開発");
        let set = |p: &mut PostingState, f: Field, v: &str| {
            let i = Field::ALL.iter().position(|x| *x == f).unwrap();
            p.values[i] = v.into();
        };
        set(&mut p, Field::RateMax, "70万");
        set(&mut p, Field::RateMin, "60");
        set(&mut p, Field::Start, "即日");
        set(&mut p, Field::Foreign, "不可");
        set(
            &mut p,
            Field::Must,
            "java 3; スプリングブート|Quarkus:2, AWS|Azure",
        );
        set(&mut p, Field::Client, "丸の内商事");
        let (o, client) = p.build(now, tax, Lang::Ja).unwrap();
        assert_eq!(client.as_deref(), Some("丸の内商事"));
        assert_eq!(o.rate_max, Man::new(70.0));
        assert_eq!(o.start, Some(Start::Immediate));
        assert_eq!(o.foreign_ok, Some(false));
        let must = &o.requirements.must;
        assert_eq!(must.len(), 3);
        assert_eq!(must[0][0].min_years, Some(3.0));
        assert_eq!(must[1][0].name, "Spring Boot");
        assert_eq!(
            (must[1][1].name.as_str(), must[1][1].min_years),
            ("Quarkus", Some(2.0))
        );
        assert_eq!(must[2].len(), 2);
        assert_eq!(o.raw_text, "Java開発\nJava必須");
        set(&mut p, Field::RateMin, "80");
        assert_eq!(p.build(now, tax, Lang::En).unwrap_err().0, Field::RateMin);
        set(&mut p, Field::RateMin, "");
        // A name the taxonomy does not know is kept, not refused.
        set(&mut p, Field::Nice, "Klingon");
        let (o, _) = p.build(now, tax, Lang::En).unwrap();
        assert_eq!(o.requirements.nice[0].name, "Klingon");
        assert_eq!(o.requirements.nice[0].skill, None);
    }
}
