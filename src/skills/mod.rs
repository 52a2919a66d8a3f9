//! Skill taxonomy: canonical names, the aliases the trade writes, and the one lookup.
//!
//! The built-in `data/skills.toml` is compiled in; a user file of the same shape
//! in the config directory adds skills and aliases (`benchmatch skills add-alias`).

pub mod industries;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Index of a skill in the loaded taxonomy; stable for the life of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SkillId(pub u16);

pub const BUILTIN_TOML: &str = include_str!("../../data/skills.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillKind {
    Language,
    Framework,
    Cloud,
    Database,
    OsInfra,
    Tool,
    Phase,
    Role,
    Domain,
}

impl SkillKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Language => "language",
            Self::Framework => "framework",
            Self::Cloud => "cloud",
            Self::Database => "database",
            Self::OsInfra => "os_infra",
            Self::Tool => "tool",
            Self::Phase => "phase",
            Self::Role => "role",
            Self::Domain => "domain",
        }
    }
}

/// One entry of a taxonomy file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SkillDef {
    pub name: String,
    pub kind: SkillKind,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// An alias added by the user for an existing skill.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AliasDef {
    pub alias: String,
    pub canonical: String,
}

/// How experience of one skill relates to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// A service implies its platform, a framework its language: one way.
    Implies,
    /// A role covers a smaller one (PM covers PL): one way.
    Covers,
    /// Close cousins (Spring and Spring Boot): both ways.
    Neighbour,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Implies => "implies",
            Self::Covers => "covers",
            Self::Neighbour => "neighbour",
        }
    }
}

/// Names accepted where a relation lists its sources: one name or several.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn names(&self) -> &[String] {
        match self {
            Self::One(s) => std::slice::from_ref(s),
            Self::Many(v) => v,
        }
    }
}

/// One `[[relation]]` of a taxonomy file: years of each `from` count for `to` at `credit`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RelationDef {
    pub to: String,
    pub kind: RelationKind,
    pub credit: f32,
    pub from: OneOrMany,
}

/// A relation resolved to skill ids.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Relation {
    pub from: SkillId,
    pub to: SkillId,
    pub kind: RelationKind,
    pub credit: f32,
}

/// Credits below this are not worth counting: a chain ends here.
pub const MIN_RELATED_CREDIT: f32 = 0.5;

/// Shape of `skills.toml`, built-in or the user's.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct TaxonomyFile {
    #[serde(default, rename = "skill")]
    pub skills: Vec<SkillDef>,
    #[serde(default, rename = "alias")]
    pub aliases: Vec<AliasDef>,
    #[serde(default, rename = "relation")]
    pub relations: Vec<RelationDef>,
}

#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("skills file {file}: {message}")]
    Parse { file: String, message: String },
    #[error("skills file {file}: alias '{alias}' names unknown skill '{canonical}'")]
    UnknownCanonical {
        file: String,
        alias: String,
        canonical: String,
    },
    #[error("skills file {file}: '{alias}' already means {existing}, cannot also mean {new}")]
    Conflict {
        file: String,
        alias: String,
        existing: String,
        new: String,
    },
    #[error("too many skills (limit {limit})")]
    TooMany { limit: usize },
    #[error("skills file {file}: relation names unknown skill '{name}'")]
    UnknownRelated { file: String, name: String },
    #[error("skills file {file}: relation to '{to}' has credit {credit}; expected above 0 and at most 1")]
    BadCredit {
        file: String,
        to: String,
        credit: f32,
    },
}

/// Fold a term to its lookup key: NFKC, lower case, no spaces or joiners.
///
/// `ＪＡＶＡ`, `Java` and `java` share a key; so do `Spring Boot`, `spring-boot` and `SpringBoot`.
pub fn normalize_key(term: &str) -> String {
    term.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !is_ignored(*c))
        .collect()
}

fn is_ignored(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '_' | '.' | '・' | '･' | '‐' | '−')
}

#[derive(Debug)]
pub struct Taxonomy {
    skills: Vec<SkillDef>,
    by_key: HashMap<String, SkillId>,
    keys: Vec<String>,
    key_ids: Vec<SkillId>,
    matcher: AhoCorasick,
    relations: Vec<Relation>,
    /// For each skill, the other skills whose years count for it and at what credit,
    /// chains included, best credit first: worked out once at load.
    credited_by: Vec<Vec<(SkillId, f32)>>,
}

impl Taxonomy {
    /// The compiled-in taxonomy, parsed once.
    pub fn builtin() -> &'static Taxonomy {
        Taxonomy::builtin_shared()
    }

    /// The compiled-in taxonomy as a shared handle, parsed once per process.
    fn builtin_shared() -> &'static std::sync::Arc<Taxonomy> {
        static BUILTIN: OnceLock<std::sync::Arc<Taxonomy>> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            std::sync::Arc::new(
                Taxonomy::from_files(&[("built-in skills.toml", BUILTIN_TOML)])
                    .expect("the built-in skills.toml is valid (checked by tests)"),
            )
        })
    }

    /// [`Taxonomy::load`], sharing the built-in one when there is no user file: parsing
    /// and compiling the matcher is a good part of a short command's time.
    pub fn shared(
        user_file: Option<(&str, &str)>,
    ) -> Result<std::sync::Arc<Taxonomy>, TaxonomyError> {
        match user_file {
            None => Ok(std::sync::Arc::clone(Taxonomy::builtin_shared())),
            Some(_) => Taxonomy::load(user_file).map(std::sync::Arc::new),
        }
    }

    /// Built-in taxonomy extended by the user's file (name and text), read by the caller.
    pub fn load(user_file: Option<(&str, &str)>) -> Result<Taxonomy, TaxonomyError> {
        let mut sources = vec![("built-in skills.toml", BUILTIN_TOML)];
        sources.extend(user_file);
        Taxonomy::from_files(&sources)
    }

    /// Merge taxonomy files in order; later files add skills and aliases.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Taxonomy, TaxonomyError> {
        let mut skills: Vec<SkillDef> = Vec::new();
        let mut by_key: HashMap<String, SkillId> = HashMap::new();
        let mut relations: Vec<Relation> = Vec::new();
        for (file, text) in files {
            let parsed: TaxonomyFile = toml::from_str(text).map_err(|e| TaxonomyError::Parse {
                file: file.to_string(),
                message: e.message().to_string(),
            })?;
            for def in parsed.skills {
                let key = normalize_key(&def.name);
                let id = match by_key.get(&key) {
                    // A user file may extend a built-in skill with more aliases.
                    Some(&id) => id,
                    None => {
                        if skills.len() >= usize::from(u16::MAX) {
                            return Err(TaxonomyError::TooMany {
                                limit: usize::from(u16::MAX),
                            });
                        }
                        let id = SkillId(skills.len() as u16);
                        skills.push(SkillDef {
                            name: def.name.clone(),
                            kind: def.kind,
                            aliases: Vec::new(),
                        });
                        by_key.insert(key, id);
                        id
                    }
                };
                for alias in def.aliases {
                    add_alias(file, &mut skills, &mut by_key, &alias, id)?;
                }
            }
            for a in parsed.aliases {
                let Some(&id) = by_key.get(&normalize_key(&a.canonical)) else {
                    return Err(TaxonomyError::UnknownCanonical {
                        file: file.to_string(),
                        alias: a.alias,
                        canonical: a.canonical,
                    });
                };
                add_alias(file, &mut skills, &mut by_key, &a.alias, id)?;
            }
            for r in parsed.relations {
                let find = |name: &str| {
                    by_key.get(&normalize_key(name)).copied().ok_or_else(|| {
                        TaxonomyError::UnknownRelated {
                            file: file.to_string(),
                            name: name.to_string(),
                        }
                    })
                };
                if !(r.credit > 0.0 && r.credit <= 1.0) {
                    return Err(TaxonomyError::BadCredit {
                        file: file.to_string(),
                        to: r.to,
                        credit: r.credit,
                    });
                }
                let to = find(&r.to)?;
                for from in r.from.names() {
                    let from = find(from)?;
                    if from != to {
                        relations.push(Relation {
                            from,
                            to,
                            kind: r.kind,
                            credit: r.credit,
                        });
                    }
                }
            }
        }
        let credited_by = related_credits(skills.len(), &relations);
        let mut pairs: Vec<(String, SkillId)> =
            by_key.iter().map(|(k, v)| (k.clone(), *v)).collect();
        pairs.sort();
        let (keys, key_ids): (Vec<String>, Vec<SkillId>) = pairs.into_iter().unzip();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .map_err(|e| TaxonomyError::Parse {
                file: "taxonomy".into(),
                message: e.to_string(),
            })?;
        Ok(Taxonomy {
            skills,
            by_key,
            keys,
            key_ids,
            matcher,
            relations,
            credited_by,
        })
    }

    /// The one skill lookup every caller uses: any alias, any width or case.
    pub fn lookup(&self, term: &str) -> Option<SkillId> {
        self.by_key.get(&normalize_key(term)).copied()
    }

    pub fn name(&self, id: SkillId) -> &str {
        self.skills
            .get(usize::from(id.0))
            .map_or("?", |s| s.name.as_str())
    }

    pub fn kind(&self, id: SkillId) -> Option<SkillKind> {
        self.skills.get(usize::from(id.0)).map(|s| s.kind)
    }

    pub fn aliases(&self, id: SkillId) -> &[String] {
        self.skills
            .get(usize::from(id.0))
            .map_or(&[], |s| s.aliases.as_slice())
    }

    pub fn len(&self) -> usize {
        self.skills.len()
    }

    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    pub fn ids(&self) -> impl Iterator<Item = SkillId> + '_ {
        (0..self.skills.len()).map(|i| SkillId(i as u16))
    }

    pub fn defs(&self) -> &[SkillDef] {
        &self.skills
    }

    /// The relations as the files state them.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The skills `skill`'s years count for, with their credit (the other way round from
    /// [`Taxonomy::credited_by`]): what a search for `PL` should also find in a PM.
    pub fn counts_for(&self, skill: SkillId) -> impl Iterator<Item = (SkillId, f32)> + '_ {
        self.credited_by
            .iter()
            .enumerate()
            .filter_map(move |(t, list)| {
                list.iter()
                    .find(|(s, _)| *s == skill)
                    .map(|(_, c)| (SkillId(t as u16), *c))
            })
    }

    /// The skills whose years count for `skill`, with their credit, best first.
    /// Chains are included (Next.js → React → JavaScript); `skill` itself is not.
    pub fn credited_by(&self, skill: SkillId) -> &[(SkillId, f32)] {
        self.credited_by
            .get(usize::from(skill.0))
            .map_or(&[], Vec::as_slice)
    }

    /// The credit experience of `has` earns towards `want`: 1 for the skill itself.
    pub fn credit(&self, has: SkillId, want: SkillId) -> Option<f32> {
        if has == want {
            return Some(1.0);
        }
        self.credited_by(want)
            .iter()
            .find(|(s, _)| *s == has)
            .map(|(_, c)| *c)
    }

    /// Whether someone who `has` these skills has `want` or related experience: what
    /// `free --skill` and the dashboard's search filter by.
    pub fn has_or_related(&self, has: impl Fn(SkillId) -> bool, want: SkillId) -> bool {
        has(want) || self.credited_by(want).iter().any(|(s, _)| has(*s))
    }

    /// Every skill named in free text, in order of first appearance, no duplicates.
    pub fn scan(&self, text: &str) -> Vec<SkillId> {
        let mut seen = Vec::new();
        for m in self.scan_spans(text) {
            if !seen.contains(&m.skill) {
                seen.push(m.skill);
            }
        }
        seen
    }

    /// Skill mentions in free text with their byte spans in the original text.
    ///
    /// Matching runs on the normalized text; an ASCII match must stand on word
    /// boundaries so `Go` is not found in `Google` nor `Java` in `JavaScript`.
    pub fn scan_spans(&self, text: &str) -> Vec<SkillMatch> {
        let (norm, origin) = normalize_with_origin(text);
        let bytes = norm.as_bytes();
        let mut out = Vec::new();
        // A match refused for its boundaries must not hide one that starts inside it
        // (`san` in `yearsandroid` would hide `android`), so the search resumes one
        // character after a refused match instead of after its end.
        let mut pos = 0;
        while pos < norm.len() {
            let input = aho_corasick::Input::new(&norm).span(pos..norm.len());
            let Some(m) = self.matcher.find(input) else {
                break;
            };
            let refuse = |pos: &mut usize| {
                *pos = m.start() + norm[m.start()..].chars().next().map_or(1, char::len_utf8);
            };
            let key = &self.keys[m.pattern().as_usize()];
            let starts_ascii = key
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_alphanumeric);
            let ends_ascii = key.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric);
            let before = norm[..m.start()].chars().next_back();
            let after = norm[m.end()..].chars().next();
            let joined_before = m.start() > 0 && origin[m.start()].joined;
            let joined_after = m.end() < bytes.len() && origin[m.end()].joined;
            if starts_ascii && before.is_some_and(is_word_char) && joined_before {
                refuse(&mut pos);
                continue;
            }
            if ends_ascii
                && after.is_some_and(is_word_char)
                && joined_after
                && !is_version_suffix(key, &norm[m.end()..])
                && !is_plural_suffix(key, &norm[m.end()..])
            {
                refuse(&mut pos);
                continue;
            }
            // A lone letter (C, R) only counts when nothing word-like touches it.
            if key.chars().count() == 1
                && (after.is_some_and(|c| c.is_alphanumeric() && !is_cjk_ideograph(c))
                    && joined_after)
            {
                refuse(&mut pos);
                continue;
            }
            let start = origin[m.start()].byte;
            let end = if m.end() < origin.len() {
                origin[m.end()].byte
            } else {
                text.len()
            };
            // `go`, `ad`, `po` in lower case are English words; `Go`, `AD`, `PO` are names.
            if key.len() == 2
                && key.bytes().all(|c| c.is_ascii_alphabetic())
                && !text
                    .get(start..end)
                    .is_some_and(|t| t.chars().any(char::is_uppercase))
            {
                refuse(&mut pos);
                continue;
            }
            out.push(SkillMatch {
                skill: self.key_ids[m.pattern().as_usize()],
                start,
                end,
            });
            pos = m.end().max(pos + 1);
        }
        out
    }
}

/// What the scoring core needs of a taxonomy, by skill id: related credits and kinds.
///
/// Built once per taxonomy and shared (the core takes it inside its config), so a
/// ranking never reaches into the taxonomy's strings.
#[derive(Debug, Default, PartialEq)]
pub struct Relations {
    credited_by: Vec<Vec<(SkillId, f32)>>,
    kinds: Vec<SkillKind>,
    names: Vec<String>,
}

impl Relations {
    pub fn of(tax: &Taxonomy) -> Relations {
        Relations {
            credited_by: tax.credited_by.clone(),
            kinds: tax.skills.iter().map(|s| s.kind).collect(),
            names: tax.skills.iter().map(|s| s.name.clone()).collect(),
        }
    }

    /// The relations of a shared taxonomy: the built-in ones, worked out once, when it is
    /// the built-in taxonomy.
    pub fn of_shared(tax: &std::sync::Arc<Taxonomy>) -> std::sync::Arc<Relations> {
        if std::sync::Arc::ptr_eq(tax, Taxonomy::builtin_shared()) {
            Relations::builtin()
        } else {
            std::sync::Arc::new(Relations::of(tax))
        }
    }

    /// The built-in taxonomy's relations, worked out once.
    pub fn builtin() -> std::sync::Arc<Relations> {
        static BUILTIN: OnceLock<std::sync::Arc<Relations>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| std::sync::Arc::new(Relations::of(Taxonomy::builtin())))
            .clone()
    }

    /// The skills whose years count for `skill`, with their credit, best first.
    pub fn credited_by(&self, skill: SkillId) -> &[(SkillId, f32)] {
        self.credited_by
            .get(usize::from(skill.0))
            .map_or(&[], Vec::as_slice)
    }

    /// The canonical name, for reasons that say which related skill counted.
    pub fn name(&self, skill: SkillId) -> &str {
        self.names
            .get(usize::from(skill.0))
            .map_or("?", String::as_str)
    }

    pub fn kind(&self, skill: SkillId) -> Option<SkillKind> {
        self.kinds.get(usize::from(skill.0)).copied()
    }

    /// Number of skills known: ids below this have an entry.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }
}

/// Best credit from every skill to every skill it relates to, by chains of relations.
///
/// Credits multiply along a chain; chains stop below [`MIN_RELATED_CREDIT`]. The
/// result is indexed by the skill credited, each list best first, ties by id.
fn related_credits(n: usize, relations: &[Relation]) -> Vec<Vec<(SkillId, f32)>> {
    let mut out: Vec<Vec<(SkillId, f32)>> = vec![Vec::new(); n];
    let mut edges: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    for r in relations {
        let (a, b) = (usize::from(r.from.0), usize::from(r.to.0));
        edges[a].push((b, r.credit));
        if r.kind == RelationKind::Neighbour {
            edges[b].push((a, r.credit));
        }
    }
    let mut best = vec![0.0f32; n];
    let mut touched: Vec<usize> = Vec::new();
    for source in 0..n {
        if edges[source].is_empty() {
            continue;
        }
        // Credits only shrink along a chain, so a plain relaxation converges fast.
        best[source] = 1.0;
        touched.push(source);
        let mut frontier = vec![source];
        while let Some(at) = frontier.pop() {
            for &(to, c) in &edges[at] {
                let v = best[at] * c;
                if v >= MIN_RELATED_CREDIT && v > best[to] + 1e-6 {
                    if best[to] == 0.0 {
                        touched.push(to);
                    }
                    best[to] = v;
                    frontier.push(to);
                }
            }
        }
        for &t in &touched {
            if t != source {
                out[t].push((SkillId(source as u16), best[t]));
            }
            best[t] = 0.0;
        }
        touched.clear();
    }
    for list in &mut out {
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    out
}

/// A skill found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillMatch {
    pub skill: SkillId,
    pub start: usize,
    pub end: usize,
}

/// `REST APIs`, `Lambdas`: an English plural still names the skill.
fn is_plural_suffix(key: &str, after: &str) -> bool {
    key.len() >= 3
        && key.ends_with(|c: char| c.is_ascii_alphabetic())
        && after.starts_with('s')
        && !after[1..].chars().next().is_some_and(is_word_char)
}

/// `Java8`, `PHP7.4`, `Oracle19c`: a version glued to a name still names the skill.
fn is_version_suffix(key: &str, after: &str) -> bool {
    if !key.ends_with(|c: char| c.is_ascii_alphabetic()) || key.chars().count() < 2 {
        return false;
    }
    let b = after.as_bytes();
    let mut i = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if i == 0 || i > 4 {
        return false;
    }
    while b.get(i) == Some(&b'.')
        && b.get(i + 1)
            .is_some_and(|c| c.is_ascii_digit() || *c == b'x')
    {
        i += 2;
        i += b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    }
    if b.get(i).is_some_and(|c| matches!(c, b'c' | b'g' | b'i'))
        && !b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
    {
        i += 1;
    }
    !after[i..].chars().next().is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '#' | '+')
}

fn is_cjk_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

#[derive(Debug, Clone, Copy)]
struct Origin {
    /// Byte offset in the original text.
    byte: usize,
    /// False when an ignored separator (space, hyphen, dot) stood right before.
    joined: bool,
}

/// Normalize text like `normalize_key`, remembering where each byte came from.
///
/// Characters are normalized in groups of a base and its combining marks, so
/// half-width kana with a separate voiced mark (ｶﾞ) compose as they would in NFKC.
fn normalize_with_origin(text: &str) -> (String, Vec<Origin>) {
    let mut norm = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut joined = true;
    let mut chars = text.char_indices().peekable();
    let mut group = String::new();
    while let Some((byte, ch)) = chars.next() {
        group.clear();
        group.push(ch);
        while let Some(&(_, next)) = chars.peek() {
            if is_combining_mark(next) || matches!(next, '\u{FF9E}' | '\u{FF9F}') {
                group.push(next);
                chars.next();
            } else {
                break;
            }
        }
        for n in group.nfkc().flat_map(char::to_lowercase) {
            if is_ignored(n) {
                joined = false;
                continue;
            }
            let before = norm.len();
            norm.push(n);
            for _ in before..norm.len() {
                origin.push(Origin { byte, joined });
            }
            joined = true;
        }
    }
    origin.push(Origin {
        byte: text.len(),
        joined,
    });
    (norm, origin)
}

fn add_alias(
    file: &str,
    skills: &mut [SkillDef],
    by_key: &mut HashMap<String, SkillId>,
    alias: &str,
    id: SkillId,
) -> Result<(), TaxonomyError> {
    let key = normalize_key(alias);
    if key.is_empty() {
        return Ok(());
    }
    match by_key.get(&key) {
        Some(&existing) if existing != id => Err(TaxonomyError::Conflict {
            file: file.to_string(),
            alias: alias.to_string(),
            existing: skills[usize::from(existing.0)].name.clone(),
            new: skills[usize::from(id.0)].name.clone(),
        }),
        Some(_) => Ok(()),
        None => {
            by_key.insert(key, id);
            skills[usize::from(id.0)].aliases.push(alias.to_string());
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
