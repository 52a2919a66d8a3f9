//! Must and nice skills, and unknown tech words, from the requirement sections of a posting.
//!
//! Skills count only where the posting asks for them (必須 / 尚可 / MUST / WANT /
//! Requirements / Nice to have), never from a 開発環境 list of context. A posting
//! with no requirement section at all falls back to sentences that read like
//! requirements (`Javaでの開発経験3年以上`), then to the title, the description
//! and the languages and frameworks of its environment.

mod item;
mod phrase;
mod years;

use std::ops::Range;

use super::labels::Field;
use super::layout::{Doc, Kind};
use crate::domain::{Need, Requirement, Requirements};
use crate::skills::{SkillKind, Taxonomy};

/// What the requirement sections ask, and where each requirement was read.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub reqs: Requirements,
    /// ASCII words in requirement lines that the taxonomy does not know.
    pub unknown: Vec<String>,
    /// Examples given in brackets after a requirement (`React`, `Vue` of
    /// `JavaScript(React/Vue)`): context a ranking may credit, never asked on their own.
    pub context: Vec<Requirement>,
    /// The line each requirement was read from, by requirement name.
    pub sources: Vec<(String, String)>,
    /// What the reader doubts about its own reading.
    pub warnings: Vec<ReadWarning>,
}

/// At most this many requirements (must alternatives and nice) are kept from one posting.
pub const MAX_REQUIREMENTS: usize = 50;
/// More must groups than this, not listed one per line under a 必須 heading, is
/// more than any engineer meets: the reading (or the posting) needs a look.
pub const MANY_MUST_GROUPS: usize = 12;

/// A doubt about a reading, shown by `parse` and kept in its `--json` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadWarning {
    /// More must groups than [`MANY_MUST_GROUPS`], more than the 必須 part lists.
    ManyMustGroups { groups: usize },
    /// Requirements past [`MAX_REQUIREMENTS`] were not kept.
    RequirementsCut { kept: usize, read: usize },
}

impl std::fmt::Display for ReadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadWarning::ManyMustGroups { groups } => {
                write!(f, "must requirements: {groups} groups; check the reading")
            }
            ReadWarning::RequirementsCut { kept, read } => write!(
                f,
                "requirements: {kept} kept of {read} read; the rest dropped, check the posting"
            ),
        }
    }
}

/// Groups as they are read, before they are merged into [`Requirements`].
#[derive(Default)]
struct Items {
    groups: Vec<(Need, Vec<Requirement>, Range<usize>)>,
    unknown: Vec<String>,
    context: Vec<Requirement>,
    /// Requirements in `groups`, and how many more were read and not kept.
    kept: usize,
    dropped: usize,
    /// The lines under a 必須 heading that gave must groups (each counted once).
    listed: Vec<Range<usize>>,
}

impl Items {
    fn has(&self, need: Need) -> bool {
        self.groups.iter().any(|(n, _, _)| *n == need)
    }

    fn add(&mut self, need: Need, mut group: Vec<Requirement>, line: Range<usize>) {
        if group.is_empty() {
            return;
        }
        // Bounded whatever the text: 10,000 lines or 5,000 names in one line keep 50.
        let room = MAX_REQUIREMENTS - self.kept;
        if group.len() > room {
            self.dropped += group.len() - room;
            group.truncate(room);
        }
        if group.is_empty() {
            return;
        }
        self.kept += group.len();
        self.groups.push((need, group, line));
    }

    /// Examples of a requirement, kept as context within the same bound as requirements.
    fn add_context(&mut self, context: Vec<Requirement>) {
        let room = MAX_REQUIREMENTS.saturating_sub(self.context.len());
        self.context.extend(context.into_iter().take(room));
    }

    /// What was read since `from` (groups, dropped) came from a line listed under a 必須 heading.
    fn mark_listed(&mut self, from: (usize, usize), line: Range<usize>) {
        let must = self.groups[from.0..].iter().any(|g| g.0 == Need::Must) || self.dropped > from.1;
        if must && self.listed.last() != Some(&line) {
            self.listed.push(line);
        }
    }

    fn finish(self, doc: &Doc<'_>) -> Read {
        let mut out = Read {
            unknown: self.unknown,
            ..Read::default()
        };
        for r in self.context {
            if !out.context.iter().any(|c: &Requirement| c.same_skill(&r)) {
                out.context.push(r);
            }
        }
        if self.dropped > 0 {
            out.warnings.push(ReadWarning::RequirementsCut {
                kept: self.kept,
                read: self.kept + self.dropped,
            });
        }
        let listed = self.listed.len();
        for (need, group, line) in self.groups {
            let from = clean_line(doc.orig_text(line));
            for r in &group {
                if !out.sources.iter().any(|(n, _)| *n == r.name) {
                    out.sources.push((r.name.clone(), from.clone()));
                }
            }
            match need {
                Need::Must => out.reqs.push_must(group),
                Need::Nice => {
                    for r in group {
                        out.reqs.push_nice(r);
                    }
                }
            }
        }
        let groups = out.reqs.must.len();
        if groups > MANY_MUST_GROUPS && groups > listed {
            out.warnings.push(ReadWarning::ManyMustGroups { groups });
        }
        out
    }
}

fn clean_line(s: &str) -> String {
    let t: String = s.trim().chars().take(80).collect();
    t.replace(['\t', '\r'], " ")
}

/// Marks inside a line that say must or nice for the text they annotate.
const MUST_MARKS: &[&str] = &["必須", "must", "mandatory", "required"];
#[rustfmt::skip]
const NICE_MARKS: &[&str] = &[
    "尚可", "歓迎", "あれば", "望ましい", "優遇", "なお可", "できれば", "want", "nice to have",
    "preferred", "is a plus", "a plus", "bonus", "plus", "nice-to-have", "あると良い",
    "あるとよい", "嬉しい", "うれしい", "なお良", "尚良", "あると助か", "だと尚", "better",
];
/// Words that read like a requirement in prose, for postings without a requirement section.
#[rustfmt::skip]
const REQUIREMENT_WORDS: &[&str] = &[
    "経験", "以上", "できる方", "出来る方", "可能な方", "スキル", "知見", "理解", "実務", "使える",
    "扱える", "ある方", "必須", "尚可", "歓迎", "experience", "proficien", "knowledge", "familiar",
    "years", "skills",
];

pub(crate) fn read(doc: &Doc<'_>, tax: &Taxonomy, title: Option<Range<usize>>) -> Read {
    let mut out = Items::default();
    let mut lines = doc.section_lines(Field::is_requirement);
    // A section headed 必須 says what is asked; a loose `スキル：` tag line elsewhere
    // (a listing card's summary) only repeats the stack.
    if lines
        .iter()
        .any(|&i| doc.lines[i].section == Some(Field::Must))
    {
        lines.retain(|&i| doc.lines[i].section != Some(Field::Skills));
    }
    if !lines.is_empty() {
        for i in lines {
            let need = match doc.lines[i].section {
                Some(Field::Nice) => Need::Nice,
                _ => Need::Must,
            };
            let body = doc.body(i);
            let content = doc.text(doc.content(i));
            let low = doc.low(body.clone());
            // `[x] Contract`: a checkbox of the job board's form, not an item.
            if low.starts_with("[ ]") || low.starts_with("[x]") {
                continue;
            }
            // `(Next.js, Vue.jsなど)` under an item: examples of what the item asks.
            if low.starts_with('(') && low.ends_with(')') && examples(low) {
                continue;
            }
            // `※サブリーダーまでのご経験でも可`: alternatives to the item above.
            if content.starts_with('※') && low.contains("でも") && !low.contains("尚可") {
                let mut alt = Items::default();
                read_line(doc, tax, body.clone(), need, &mut alt, true);
                if let Some((_, last, _)) = out.groups.iter_mut().rev().find(|g| g.0 == need) {
                    for (_, mut g, _) in alt.groups {
                        let room = MAX_REQUIREMENTS - out.kept;
                        if g.len() > room {
                            out.dropped += g.len() - room;
                            g.truncate(room);
                        }
                        out.kept += g.len();
                        last.extend(g);
                    }
                    out.dropped += alt.dropped;
                    continue;
                }
            }
            let from = (out.groups.len(), out.dropped);
            for item in inline_items(doc.text(body.clone()), body.clone()) {
                read_line(doc, tax, item, need, &mut out, true);
            }
            if doc.lines[i].section == Some(Field::Must) {
                out.mark_listed(from, body);
            }
        }
        if !out.groups.is_empty() {
            return out.finish(doc);
        }
    }
    // No requirement section: sentences that read like requirements.
    for i in doc.live() {
        let l = &doc.lines[i];
        if l.kind == Kind::Greeting || matches!(l.section, Some(f) if !prose_section(f)) {
            continue;
        }
        let low = doc.low(doc.body(i));
        if REQUIREMENT_WORDS.iter().any(|w| low.contains(w)) {
            // A short bulleted item reads like a requirement item, not prose.
            let item = l.body > l.start && doc.text(doc.body(i)).chars().count() <= 40;
            read_prose_line(doc, tax, doc.body(i), item, &mut out);
        }
    }
    if out.has(Need::Must) {
        return out.finish(doc);
    }
    // Still nothing: what the work is about.
    if let Some(t) = title {
        read_line(doc, tax, t, Need::Must, &mut out, false);
    }
    for i in doc.section_lines(|f| f == Field::Description) {
        read_line(doc, tax, doc.body(i), Need::Must, &mut out, false);
    }
    for i in doc.section_lines(|f| f == Field::Env) {
        for m in tax.scan_spans(doc.text(doc.body(i))) {
            if matches!(
                tax.kind(m.skill),
                Some(SkillKind::Language | SkillKind::Framework)
            ) {
                out.add(
                    Need::Must,
                    vec![Requirement::known(m.skill, None, tax)],
                    doc.body(i),
                );
            }
        }
    }
    out.finish(doc)
}

/// `・Java経験3年以上 ・AWSの経験`: items of a list flattened onto one line (a web page
/// turned into text), each a bullet after a space. `Excel・Word` joins two names, no item.
fn inline_items(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, c) in text.char_indices() {
        if c != '・' || k == 0 {
            continue;
        }
        if text[..k].ends_with([' ', '\u{3000}', '\t']) && !text[start..k].trim().is_empty() {
            out.push(r.start + start..r.start + k);
            start = k;
        }
    }
    out.push(r.start + start..r.end);
    out
}

/// `(React、Vueなど)`, `e.g. Kafka`: a list of examples.
fn examples(low: &str) -> bool {
    ["など", "等", "etc", "e.g", "例"]
        .iter()
        .any(|w| low.contains(w))
}

/// A sentence from a posting without requirement sections: an industry named in it
/// (`大手通信キャリア様の…`) describes the client unless experience of it is asked for.
fn read_prose_line(doc: &Doc<'_>, tax: &Taxonomy, r: Range<usize>, item: bool, out: &mut Items) {
    let low = doc.low(r.clone());
    for (part, need) in need_parts(low, Need::Must) {
        let range = r.start + part.start..r.start + part.end;
        let text = doc.text(range.clone());
        let spans = tax.scan_spans(text);
        let mut context = Vec::new();
        for g in item::groups(text, doc.low(range), tax, &spans, item, &mut context) {
            out.add(need, g, r.clone());
        }
        out.add_context(context);
        unknown_terms(text, &spans, &mut out.unknown);
    }
}

/// Sections whose prose may carry requirements when the posting has no requirement section.
fn prose_section(f: Field) -> bool {
    matches!(
        f,
        Field::Description | Field::Conditions | Field::Other | Field::Title
    )
}

/// Requirements of one line, split where it says 必須 or 尚可 (`必須：Java / 尚可：AWS`, `AWS（尚可）`).
fn read_line(
    doc: &Doc<'_>,
    tax: &Taxonomy,
    r: Range<usize>,
    need: Need,
    out: &mut Items,
    unknown: bool,
) {
    let low = doc.low(r.clone());
    for (part, part_need) in need_parts(low, need) {
        let range = r.start + part.start..r.start + part.end;
        let text = doc.text(range.clone());
        let part_low = doc.low(range);
        let spans = tax.scan_spans(text);
        let mut context = Vec::new();
        for g in item::groups(text, part_low, tax, &spans, unknown, &mut context) {
            out.add(part_need, g, r.clone());
        }
        out.add_context(context);
        if unknown {
            unknown_terms(text, &spans, &mut out.unknown);
            // `ビジネス英語`, `Speak fluent English`: a language in a requirement line is asked.
            for name in languages_asked(part_low) {
                let listed = out
                    .groups
                    .iter()
                    .any(|(_, g, _)| g.iter().any(|q| q.name == name));
                if !listed {
                    out.add(
                        part_need,
                        vec![Requirement::named(name, None, tax)],
                        r.clone(),
                    );
                }
            }
        }
    }
}

/// Words after a language that say it is not asked (`英語不要`, `英語力は不問`).
const LANGUAGE_WAIVED: &[&str] = &["不要", "不問", "問わ", "なし", "不可", "not required"];

/// The human languages a requirement item names, by the trade's name (`英語`), unless
/// waived. Japanese is left out: the posting asks it of foreign candidates, and the
/// nationality and language limits carry it.
fn languages_asked(low: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (name, spelling) in crate::domain::language_spellings() {
        if name == "日本語" || out.contains(&name) {
            continue;
        }
        let mut from = 0;
        while let Some(p) = low[from..].find(spelling).map(|p| p + from) {
            from = p + spelling.len();
            let inside_word = spelling.is_ascii()
                && (low[..p]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    || low[from..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric()));
            let after: String = low[from..].chars().take(8).collect();
            if inside_word || LANGUAGE_WAIVED.iter().any(|w| after.contains(w)) {
                continue;
            }
            out.push(name);
            break;
        }
    }
    out
}

/// A mark found in a line: its byte range and which need it names.
struct Mark {
    at: Range<usize>,
    need: Need,
    /// The mark heads what follows (`必須：`, `【尚可】`) rather than ending what precedes (`AWS（尚可）`).
    prefix: bool,
}

fn marks(low: &str) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    for (list, need) in [(MUST_MARKS, Need::Must), (NICE_MARKS, Need::Nice)] {
        for w in list {
            let mut from = 0;
            while let Some(p) = low[from..].find(w).map(|p| p + from) {
                from = p + w.len();
                let ascii = w.is_ascii();
                if ascii {
                    let before = low[..p].chars().next_back();
                    let after = low[p + w.len()..].chars().next();
                    if before.is_some_and(|c| c.is_ascii_alphanumeric())
                        || after.is_some_and(|c| c.is_ascii_alphanumeric())
                    {
                        continue;
                    }
                }
                if out.iter().any(|m| m.at.start <= p && p < m.at.end) {
                    continue;
                }
                out.push(Mark {
                    at: p..p + w.len(),
                    need,
                    prefix: false,
                });
            }
        }
    }
    out.sort_by_key(|m| m.at.start);
    for m in &mut out {
        let before = low[..m.at.start].trim_end();
        let after = low[m.at.end..].trim_start();
        let after = [
            "スキル",
            "条件",
            "経験",
            "要件",
            "事項",
            "項目",
            "skills",
            "skill",
            "s",
        ]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .unwrap_or(after)
        .trim_start();
        let at_start = before.is_empty()
            || before.ends_with(['(', '【', '[', '<', '《', '〈']) && before.len() <= 3;
        let closes = after.starts_with([':', ')', '】', ']', '>', '》', '〉', '=']);
        let nothing_after = after
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .is_empty();
        // `with bonus points for IoT`, `a plus if you know Go`: an English mark heads the
        // clause that follows it.
        let heads_clause = m.at.start > 0
            && low.is_char_boundary(m.at.start)
            && low[..m.at.start].is_ascii()
            && ["points for", "points if", "if ", "for "]
                .iter()
                .any(|w| after.starts_with(w));
        m.prefix = heads_clause
            || (at_start || closes)
                && !nothing_after
                && (at_start || !before.ends_with(['(', '（']));
    }
    out
}

/// Split a line into parts and the need of each.
fn need_parts(low: &str, default: Need) -> Vec<(Range<usize>, Need)> {
    let marks = marks(low);
    if marks.is_empty() {
        return vec![(0..low.len(), default)];
    }
    let mut out = Vec::new();
    let mut cursor = 0;
    let mut current = default;
    for m in &marks {
        if m.at.start < cursor {
            continue;
        }
        if m.prefix {
            if cursor < m.at.start {
                out.push((cursor..m.at.start, current));
            }
            current = m.need;
        } else {
            // `AWS（尚可）`: the mark ends the part before it.
            out.push((cursor..m.at.start, m.need));
        }
        cursor = m.at.end;
    }
    if cursor < low.len() {
        out.push((cursor..low.len(), current));
    }
    out
}

/// Ordinary words that look like names in ASCII: not tech, never reported as unknown skills.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "optional", "desired", "qualifications", "key", "need", "needed", "great", "would", "what",
    "equivalent", "certification", "certified", "implementation", "pipelines", "a", "an", "and",
    "or", "the", "of", "in", "on", "at", "to", "for", "with", "from", "by", "as", "is", "are",
    "be", "been", "we", "you", "our", "your", "will", "can", "must", "want", "nice", "have", "has",
    "having", "plus", "preferred", "required", "requirement", "requirements", "experience",
    "experienced", "year", "years", "yrs", "yr", "month", "months", "team", "teams", "project",
    "projects", "development", "develop", "developing", "developer", "developers", "engineer",
    "engineers", "engineering", "design", "designing", "knowledge", "skill", "skills", "ability",
    "able", "strong", "good", "solid", "basic", "advanced", "native", "business", "level",
    "japanese", "english", "communication", "understanding", "using", "use", "used", "any", "one",
    "more", "least", "etc", "e.g", "eg", "i.e", "ie", "vs", "such", "like", "including", "include",
    "other", "similar", "related", "relevant", "work", "working", "hands", "on", "hands-on",
    "production", "systems", "system", "service", "services", "application", "applications", "app",
    "apps", "based", "large", "scale", "large-scale", "modern", "senior", "junior", "lead",
    "leading", "mid", "level", "fluent", "fluency", "conversational", "written", "spoken", "min",
    "max", "minimum", "maximum", "ok", "ng", "yes", "no", "not", "nice-to-have", "must-have",
    "bonus", "is", "it", "its", "that", "this", "these", "those", "who", "which", "what", "also",
    "both", "either", "well", "familiarity", "familiar", "proficiency", "proficient", "background",
    "degree", "bachelor", "computer", "science", "new", "tools", "tool", "framework", "frameworks",
    "language", "languages", "environment", "environments", "pc", "se", "pg", "web", "ui", "ux",
    "db", "os", "qa", "ci", "cd", "tel", "fax", "url", "mail", "email", "e-mail", "sier",
    "ses", "ojt", "pj", "pjt", "btob", "btoc", "b2b", "b2c", "ec", "dx", "oa", "n1", "n2", "n3",
    "n4", "n5", "h", "hr", "hrs", "tbd", "asap", "jp", "en", "no.", "ver", "version", "latest",
    "etc.", "end", "user", "users", "client", "clients", "customer", "customers", "support",
    "operation", "operations", "test", "testing", "tests", "review", "reviews", "code", "coding",
    "quality", "self", "starter", "independently", "remote", "office", "onsite", "full", "part",
    "time", "fulltime", "contract", "freelance", "freelancer", "plus.", "candidates", "candidate",
    "role", "position", "job", "jobs", "responsibilities", "about", "build", "building",
    "maintain", "maintenance", "implement", "implementation", "data", "platform", "product",
    "products", "feature", "features", "infrastructure", "cloud", "backend", "frontend", "front",
    "back", "server", "client-side", "server-side", "api", "apis", "rest", "restful", "least",
    "must.", "etc.)", "sql", "gui", "cui", "ideally", "thanks", "thank", "please", "resume",
    "config", "mtg", "pull", "request", "requests", "merge", "performance", "focused", "focussed",
    "attention", "detail", "details",
];

/// ASCII-looking words that are not in the taxonomy (`Kafka`, `Terraform2`): candidates for an alias.
fn unknown_terms(text: &str, spans: &[crate::skills::SkillMatch], out: &mut Vec<String>) {
    let b = text.as_bytes();
    let english = text.is_ascii();
    let mut i = 0;
    while i < b.len() {
        if !word_starts(b, i) {
            i += 1;
            continue;
        }
        let j = word_end(b, i);
        let tok = &text[i..j];
        let covered = spans.iter().any(|m| m.start < j && i < m.end);
        if !covered
            && looks_like_tech(tok, english)
            && !out.iter().any(|u| u.eq_ignore_ascii_case(tok))
            && out.len() < 50
        {
            out.push(tok.to_string());
        }
        i = j.max(i + 1);
    }
}

fn is_token_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'#' | b'.' | b'-' | b'_')
}

/// An ASCII word (a tech name like `C#`, `Node.js`, `C++`) starts at `i`.
pub(super) fn word_starts(b: &[u8], i: usize) -> bool {
    b[i].is_ascii_alphabetic() && (i == 0 || !is_token_byte(b[i - 1]))
}

/// Where the ASCII word starting at `i` ends: `.` and `-` count only between letters or digits.
pub(super) fn word_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() {
        let c = b[j];
        let inner_joint =
            (c == b'.' || c == b'-') && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric);
        if !(c.is_ascii_alphanumeric() || c == b'+' || c == b'#' || inner_joint) {
            break;
        }
        j += 1;
    }
    j
}

pub(super) fn looks_like_tech(tok: &str, english: bool) -> bool {
    let len = tok.chars().count();
    if !(2..=30).contains(&len) {
        return false;
    }
    let lower = tok.to_ascii_lowercase();
    if STOPWORDS.contains(&lower.as_str()) {
        return false;
    }
    if tok.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    // In English prose ordinary words are lower case; names are capitalised or marked.
    if english {
        let marked = tok
            .bytes()
            .skip(1)
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            || tok.contains(['+', '#', '.']);
        let capitalised = tok.starts_with(|c: char| c.is_ascii_uppercase());
        return marked || (capitalised && len >= 3);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Vec<(String, Need)> {
        let low = s.to_lowercase();
        need_parts(&low, Need::Must)
            .into_iter()
            .map(|(r, n)| {
                let t = low[r].trim_matches(|c: char| !c.is_alphanumeric());
                (t.to_string(), n)
            })
            .filter(|(t, _)| !t.is_empty())
            .collect()
    }

    #[test]
    fn marks_split_lines() {
        use Need::*;
        for (line, want) in [
            ("必須:java / 尚可:aws", vec![("java", Must), ("aws", Nice)]),
            ("java(必須)、aws(尚可)", vec![("java", Must), ("aws", Nice)]),
            ("awsの経験があれば尚可", vec![("awsの経験が", Nice)]),
            ("【尚可】docker", vec![("docker", Nice)]),
            ("java経験3年以上", vec![("java経験3年以上", Must)]),
            ("nice to have: kafka", vec![("kafka", Nice)]),
            ("kubernetes is a plus", vec![("kubernetes", Nice)]),
            (
                "deep knowledge of go and aws, with bonus points for kafka",
                vec![
                    ("deep knowledge of go and aws, with", Must),
                    ("points for kafka", Nice),
                ],
            ),
        ] {
            let want: Vec<(String, Need)> =
                want.into_iter().map(|(t, n)| (t.to_string(), n)).collect();
            assert_eq!(parts(line), want, "{line}");
        }
    }

    #[test]
    fn flattened_bullets_are_items() {
        let line = "・Webの開発経験5年以上 ・PMの経験2年以上";
        let items: Vec<&str> = inline_items(line, 0..line.len())
            .into_iter()
            .map(|r| line[r].trim())
            .collect();
        assert_eq!(items, ["・Webの開発経験5年以上", "・PMの経験2年以上"]);
        assert_eq!(inline_items("Excel・Word", 0..11).len(), 1);
    }

    #[test]
    fn unknown_words() {
        let mut out = Vec::new();
        unknown_terms(
            "Kafka and Terraform, strong experience with Foo.js",
            &[],
            &mut out,
        );
        assert_eq!(out, vec!["Kafka", "Terraform", "Foo.js"]);
        let mut out = Vec::new();
        unknown_terms("Snowpipeの経験、OK、SES、N1", &[], &mut out);
        assert_eq!(out, vec!["Snowpipe"]);
    }
}
