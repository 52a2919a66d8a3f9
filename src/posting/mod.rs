//! Raw posting text and email → structured opening.
//!
//! Contract used by the CLI and the dashboard: `parse` never panics and never
//! fails; what the text does not say stays `None`.
//!
//! Map: [`normalize`] folds widths and waves; [`layout`] reads lines, labels and
//! sections and sets forwarding noise aside; [`rate`], [`dates`], [`conditions`]
//! and [`requirements`] read the fields; [`mail`] and [`html`] decode email;
//! [`split`] cuts mails carrying several postings; [`dedupe`] recognises the same
//! posting forwarded by several firms. Feeding files to the store is `ops::import_postings`.

mod conditions;
mod dates;
pub mod dedupe;
pub mod eligibility;
pub mod html;
mod labels;
pub mod language;
pub(crate) mod layout;
pub mod learned;
pub mod mail;
mod noise;
pub(crate) mod normalize;
mod rate;
mod requirements;
pub mod sender;
pub mod split;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::ops::Range;

use crate::domain::{Man, Opening, Remote, Requirement, Start};
use crate::skills::Taxonomy;

use labels::Field;
use layout::{Doc, Kind};

/// Text past this many bytes is not read: no posting is that long, and a 50 MB
/// file must not take the parser minutes.
pub const MAX_POSTING_BYTES: usize = 256 * 1024;

/// The structured reading of one posting; serializes to the documented `parse --json` keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedPosting {
    pub title: Option<String>,
    /// Must groups of alternatives with optional years (`[[{"name", "min_years"}]]`).
    pub must: Vec<Vec<Requirement>>,
    /// Nice requirements, flat, with optional years.
    pub nice: Vec<Requirement>,
    /// Every must alternative's name, flat, for scripts.
    pub must_skills: Vec<String>,
    pub nice_skills: Vec<String>,
    pub unknown_terms: Vec<String>,
    /// Examples given in brackets after a requirement (`React`, `Vue` of
    /// `JavaScript(React/Vue)`): what kind of work it was, credited by a ranking if it
    /// likes, never asked on their own.
    pub context_skills: Vec<String>,
    /// The line each requirement was read from, by name (for the text output).
    #[serde(skip)]
    pub requirement_lines: Vec<(String, String)>,
    pub rate_min: Option<Man>,
    pub rate_max: Option<Man>,
    pub rate_text: Option<String>,
    pub settle_min_h: Option<u16>,
    pub settle_max_h: Option<u16>,
    pub location: Option<String>,
    pub remote: Option<Remote>,
    pub start: Option<Start>,
    pub duration: Option<String>,
    pub interviews: Option<u8>,
    pub headcount: Option<u8>,
    pub max_depth: Option<u8>,
    pub depth_with_fee: Option<u8>,
    pub freelancer_ok: Option<bool>,
    pub foreign_ok: Option<bool>,
    pub age_limit: Option<u8>,
    pub lang: &'static str,
    /// Doubts about the reading (`must requirements: 15 groups; check the reading`).
    pub warnings: Vec<String>,
}

/// A parse with what the importer also needs to know about it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub posting: ParsedPosting,
    /// The title came from a label (`案件名：`), not from the first line.
    pub title_labelled: bool,
    /// How many kinds of field the text had labels for: zero means "not a posting".
    pub labelled_fields: usize,
}

/// Parse one posting's text; `received` anchors month-only start dates.
pub fn parse(text: &str, received: DateTime<Utc>, tax: &Taxonomy) -> ParsedPosting {
    analyze(text, received, tax).posting
}

/// Parse with the extra facts the importer uses (see [`Analysis`]).
pub fn analyze(text: &str, received: DateTime<Utc>, tax: &Taxonomy) -> Analysis {
    let doc = Doc::new(cut(text, MAX_POSTING_BYTES));
    analyze_doc(&doc, received, tax)
}

/// [`analyze`] on a layout already read (the importer reads each posting's layout once
/// for splitting, parsing and fingerprinting).
pub(crate) fn analyze_doc(doc: &Doc<'_>, received: DateTime<Utc>, tax: &Taxonomy) -> Analysis {
    // Postings are dated in Japan: a mail sent at 08:00 JST on the 1st was received on the 1st.
    let day = (received + chrono::Duration::hours(9)).date_naive();
    let (title_range, title_labelled) = title(doc);
    let title = title_range
        .clone()
        .map(|r| clean(&without_shortcodes(doc.orig_text(r)), 120));
    let rate = read_rate(doc);
    let (start, duration) = read_start(doc, day);
    let chain = read_chain(doc);
    let read = requirements::read(doc, tax, title_range.clone());
    let reqs = read.reqs;
    let unknown_terms = read.unknown;
    let context_skills = read
        .context
        .iter()
        .filter(|c| !reqs.has_must(c) && !reqs.nice.iter().any(|n| n.same_skill(c)))
        .map(|c| c.name.clone())
        .collect();
    let requirement_lines = read.sources;
    let mut kinds: Vec<Field> = doc.segs.iter().map(|s| s.field).collect();
    kinds.sort_by_key(|f| *f as u8);
    kinds.dedup();
    kinds.retain(|f| !matches!(f, Field::Other | Field::Conditions));
    let posting = ParsedPosting {
        title,
        must_skills: reqs.must_flat().map(|r| r.name.clone()).collect(),
        nice_skills: reqs.nice.iter().map(|r| r.name.clone()).collect(),
        must: reqs.must,
        nice: reqs.nice,
        unknown_terms,
        context_skills,
        requirement_lines,
        rate_min: rate.min,
        rate_max: rate.max,
        rate_text: rate.text,
        settle_min_h: rate.settle.map(|s| s.0),
        settle_max_h: rate.settle.map(|s| s.1),
        location: read_location(doc),
        remote: read_remote(doc, title_range.clone()),
        start,
        duration,
        interviews: read_interviews(doc),
        headcount: read_headcount(doc, title_range),
        max_depth: chain.0,
        depth_with_fee: chain.1,
        freelancer_ok: read_freelancer(doc),
        foreign_ok: read_foreign(doc),
        age_limit: read_age(doc),
        lang: lang(doc),
        warnings: read.warnings.iter().map(ToString::to_string).collect(),
    };
    Analysis {
        posting,
        title_labelled,
        labelled_fields: kinds.len(),
    }
}

/// At most `max` bytes, cut on a character boundary.
pub(crate) fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// One line of display text: no control characters, trimmed, at most `max` characters.
fn clean(s: &str, max: usize) -> String {
    let one = crate::text::cell(s);
    let t = one.trim().trim_matches(['　', ' ']);
    t.chars().take(max).collect()
}

fn title(doc: &Doc<'_>) -> (Option<Range<usize>>, bool) {
    // `案件名：` says more than a pasted `件名：` subject or a `募集：` line.
    let mut best: Option<(u8, Range<usize>)> = None;
    for s in doc.segs.iter().filter(|s| s.field == Field::Title) {
        let l = &doc.lines[s.line];
        let label = doc.low(l.body..s.value.start.max(l.body));
        let rank = if [
            "案件名",
            "プロジェクト名",
            "pj名",
            "タイトル",
            "title",
            "position",
            "role",
        ]
        .iter()
        .any(|w| label.contains(w))
        {
            0
        } else if label.contains("件名") {
            2
        } else {
            1
        };
        let mut value = layout::trim_range(&doc.norm.text, s.value.clone());
        if value.is_empty() {
            // `■募集ポジション` with the title on the next line.
            match doc.lines.get(s.line + 1) {
                Some(n) if n.kind == Kind::Text && n.section == Some(Field::Title) => {
                    value = n.body..n.end;
                }
                _ => continue,
            }
        }
        // `Original Job Post: https://…`: an address (or a badge) names no work.
        if is_badge(doc.text(value.clone())) {
            continue;
        }
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, value));
        }
    }
    if let Some((_, r)) = best {
        return (Some(r), true);
    }
    // No label: the first line before any section that is neither greeting, noise nor a field,
    // or the description if it comes first.
    let description = doc.values(Field::Description).into_iter().next();
    for (i, l) in doc.lines.iter().enumerate() {
        if description.as_ref().is_some_and(|d| d.start < l.start) {
            break;
        }
        if l.kind != Kind::Text
            || l.section
                .is_some_and(|f| !matches!(f, Field::Title | Field::Other))
        {
            continue;
        }
        let mut body = doc.body(i);
        let t = doc.text(body.clone());
        if let Some(at) = pasted_subject(t) {
            // `[自動取込] 件名: 【…】…`: the subject a forward or a tool pasted above the
            // body, however long (the title keeps its first 120 characters).
            body.start += at;
            return (Some(body), false);
        }
        if is_mail_header(t) || is_badge(t) || is_short_label_line(t) {
            continue;
        }
        let n = t.chars().count();
        if !(2..=120).contains(&n) || t.ends_with('様') || is_self_intro(t) || is_address(t) {
            continue;
        }
        return (Some(body), false);
    }
    (description, false)
}

/// Text without chat emoji codes (`:male-technologist:`), which a pasted chat post keeps.
fn without_shortcodes(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find(':') {
        let after = &rest[open + 1..];
        let code = after
            .find(':')
            .filter(|&end| end > 0)
            .map(|end| &after[..end])
            .filter(|c| {
                c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_+-".contains(&b))
                    && c.bytes().any(|b| b.is_ascii_lowercase())
            });
        match code {
            Some(code) => {
                out.push_str(&rest[..open]);
                rest = &after[code.len() + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the subject starts in a pasted subject line (`件名: …`, `Subject: …`), after any
/// bracketed tags a mail tool put before it (`[自動取込]`, `[EXT]`), in folded text.
fn pasted_subject(t: &str) -> Option<usize> {
    let mut rest = t.trim_start();
    while let Some(tag) = rest.strip_prefix('[') {
        rest = tag.split_once(']')?.1.trim_start();
    }
    let low = rest.to_ascii_lowercase();
    let label = ["件名", "subject", "表題"]
        .into_iter()
        .find(|l| low.starts_with(l))?;
    let after = rest[label.len()..].trim_start();
    let value = after.strip_prefix(':')?.trim_start();
    (!value.is_empty()).then(|| t.len() - value.len())
}

/// A header line of a forwarded or pasted mail (`送信元: …`, `From: …`, `日付: …`): never
/// the opening's title.
fn is_mail_header(t: &str) -> bool {
    const HEADERS: &[&str] = &[
        "送信元",
        "差出人",
        "送信者",
        "宛先",
        "送信日時",
        "日付",
        "from",
        "to",
        "cc",
        "date",
        "sent",
        "reply-to",
    ];
    let low = t.trim_start().to_ascii_lowercase();
    HEADERS.iter().any(|h| {
        low.strip_prefix(h)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// A line that marks the posting rather than naming it: a listing's badge (`NEW`, `急募`),
/// a bare number in brackets (`【１】`), a link.
fn is_badge(t: &str) -> bool {
    const BADGES: &[&str] = &["new", "急募", "新着", "募集中", "注目", "hot", "pr"];
    let bare = t.trim_matches(|c: char| c.is_whitespace() || "*#-_".contains(c));
    let low = bare.to_ascii_lowercase();
    let unbracketed = bare
        .trim_start_matches(['【', '[', '(', '<', '〈', '《'])
        .trim_end_matches(['】', ']', ')', '>', '〉', '》']);
    BADGES.contains(&low.as_str())
        || (!unbracketed.is_empty()
            && unbracketed.len() < bare.len()
            && unbracketed
                .chars()
                .all(|c| c.is_ascii_digit() || ('①'..='⑳').contains(&c)))
        || is_address(bare)
}

/// `採用月: 10月〜`: a short label and its value, a field the reader has no name for; a
/// title is not written as one.
fn is_short_label_line(t: &str) -> bool {
    t.split_once(':').is_some_and(|(label, value)| {
        let label = label.trim();
        !label.is_empty()
            && label.chars().count() <= 5
            && !label.contains(['【', '[', '(', '/', ' '])
            && !value.trim().is_empty()
            && !label.is_ascii()
    })
}

/// A web address, alone or after markup (`** https://…`).
fn is_address(t: &str) -> bool {
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

/// `株式会社サンプルの田中です。`: the sender introducing themselves.
fn is_self_intro(t: &str) -> bool {
    let t = t.trim_end_matches(['。', '.', '!', '！']);
    (t.ends_with("です") || t.ends_with("と申します") || t.ends_with("でございます"))
        && t.chars().count() < 50
}

struct RateOut {
    min: Option<Man>,
    max: Option<Man>,
    text: Option<String>,
    settle: Option<(u16, u16)>,
}

fn read_rate(doc: &Doc<'_>) -> RateOut {
    let mut out = RateOut {
        min: None,
        max: None,
        text: None,
        settle: None,
    };
    let values = doc.values(Field::Rate);
    let mut found = false;
    // A label's value and the lines under it read together: `スキル見合い` then
    // `（Max:55~60万円）`, or one line per role (`メンバー：Max70万` / `リーダー：Max80万`).
    for seg in doc.segs.iter().filter(|s| s.field == Field::Rate) {
        let parts = doc.seg_values(seg);
        let mut got = rate::RateRead::default();
        let mut mikai = false;
        for r in &parts {
            let one = rate::read(doc.text(r.clone()));
            got.min = min_of(got.min, one.min);
            got.max = max_of(got.max, one.max);
            got.settle = got.settle.or(one.settle);
            got.has_money |= one.has_money;
            mikai |= doc.low(r.clone()).contains("見合");
        }
        if got.has_money || mikai {
            out.min = got.min;
            out.max = got.max;
            out.settle = got.settle;
            let text: Vec<&str> = parts.iter().map(|r| doc.orig_text(r.clone())).collect();
            out.text = Some(clean(&text.join(" "), 200));
            found = true;
            break;
        }
    }
    if !found {
        if let Some(r) = values.first() {
            out.text = Some(clean(doc.orig_text(r.clone()), 200));
        }
        // No rate label: a line that names money with a rate word.
        for i in doc.live() {
            let l = &doc.lines[i];
            if l.section
                .is_some_and(|f| f.is_requirement() || f == Field::Env)
            {
                continue;
            }
            let low = doc.low(doc.body(i));
            let rate_word = [
                "単価",
                "単金",
                "月額",
                "報酬",
                "予算",
                "rate",
                "budget",
                "compensation",
                "/月",
                "per month",
                "見合",
                "月収",
                // A subject line packs the rate among its tags: `【Java】【～70万】【品川】`.
                "件名",
                "subject",
            ]
            .iter()
            .any(|w| low.contains(w));
            if !rate_word || !rate::mentions_money(low) {
                continue;
            }
            let got = rate::read(doc.text(doc.body(i)));
            if got.has_money || low.contains("見合") {
                out.min = got.min;
                out.max = got.max;
                out.settle = got.settle;
                out.text = Some(clean(doc.orig_text(doc.body(i)), 200));
                break;
            }
        }
    }
    for r in doc.values(Field::Settle) {
        if let Some(s) = rate::settle_labelled(doc.low(r)) {
            out.settle = Some(s);
            break;
        }
    }
    if out.settle.is_none() {
        // `【金額】スキル見合い(85万円程度)※140-180`: a bare band of hours beside the rate.
        out.settle = doc.values(Field::Rate).into_iter().find_map(|r| {
            rate::settle(&format!("精算 {}", doc.low(r))).filter(|s| s.0 >= 100 && s.1 <= 250)
        });
    }
    if out.settle.is_none() {
        for i in doc.live() {
            let low = doc.low(doc.body(i));
            // `140-180h（上下割）`, `※160H割`, `（時間幅140~160時間）`: the way of settling
            // names the band.
            if ["精算", "清算", "h割", "上下割", "中間割", "時間幅"]
                .iter()
                .any(|w| low.contains(w))
            {
                if let Some(s) = rate::settle(low) {
                    out.settle = Some(s);
                    break;
                }
            }
        }
    }
    out
}

fn read_start(doc: &Doc<'_>, day: NaiveDate) -> (Option<Start>, Option<String>) {
    let mut start: Option<dates::Found> = None;
    let mut duration = None;
    // Start and period fields in the order written.
    let mut fields: Vec<(Range<usize>, Field)> = Vec::new();
    for f in [Field::Start, Field::Period] {
        fields.extend(doc.values(f).into_iter().map(|r| (r, f)));
    }
    fields.sort_by_key(|(r, _)| r.start);
    for (r, f) in &fields {
        let low = doc.low(r.clone());
        let found = dates::find_start(low, day, true);
        if start.is_none() {
            start = found.clone();
        }
        if duration.is_none() && (*f == Field::Period || found.is_some()) {
            if let Some(d) = dates::duration_span(low, found.as_ref()) {
                duration = Some(clean(doc.orig_text(r.start + d.start..r.start + d.end), 60));
            }
        }
    }
    if start.is_none() {
        for i in doc.live() {
            let l = &doc.lines[i];
            // Only prose and notes: `面談：1回（結果即日）` is no start date.
            if l.section.is_some_and(|f| {
                !matches!(
                    f,
                    Field::Title | Field::Description | Field::Conditions | Field::Other
                )
            }) {
                continue;
            }
            if let Some(f) = dates::find_start(doc.low(doc.body(i)), day, false) {
                start = Some(f);
                break;
            }
        }
    }
    if duration.is_none() {
        for w in ["長期", "短期", "long-term", "long term", "short-term"] {
            if doc.live().any(|i| doc.low(doc.body(i)).contains(w)) {
                duration = Some(w.to_string());
                break;
            }
        }
    }
    (start.map(|f| f.start), duration)
}

fn read_location(doc: &Doc<'_>) -> Option<String> {
    let places = crate::geo::Places::builtin();
    for r in doc.values(Field::Location) {
        let t = doc.orig_text(r.clone()).trim();
        let t = t.trim_start_matches(['【', '[', '(', '（', ' ', '　']);
        let head = &t[..conditions::place_end(t)];
        // `fully remote`: the first word alone says nothing.
        let first = t.split(' ').next().unwrap_or("").to_ascii_lowercase();
        let two_words = [
            "fully",
            "full",
            "100%",
            "partially",
            "partly",
            "mostly",
            "completely",
        ]
        .contains(&first.as_str());
        if !head.trim().is_empty() && !conditions::is_remote_word(head) && !two_words {
            return Some(clean(head, 40));
        }
        // `基本リモート（出社時：品川）`
        if let Some(p) = places.find(t) {
            return Some(p.name.clone());
        }
    }
    // `場所は品川です`: a known place right after the word.
    for i in doc.live() {
        let text = doc.text(doc.body(i));
        for marker in ["場所は", "勤務地は", "最寄りは", "最寄駅は", "最寄り駅は"]
        {
            let Some(p) = text.find(marker) else { continue };
            let rest = &text[p + marker.len()..];
            let word: String = rest
                .chars()
                .take_while(|c| {
                    normalize::is_japanese(*c)
                        && !matches!(c, 'の' | 'に' | 'で' | 'は' | 'へ' | 'と' | 'す')
                })
                .collect();
            let word = word.trim_end_matches(['駅', '、']);
            if word.chars().count() >= 2 {
                if let Some(p) = places.find(word) {
                    return Some(p.name.clone());
                }
            }
        }
    }
    // `木場常駐`, `品川駅徒歩5分`: only when the word before is a known place.
    for i in doc.live() {
        let text = doc.text(doc.body(i));
        for marker in [
            "常駐",
            "駅徒歩",
            "駅から",
            "駅近辺",
            "駅周辺",
            "オフィス",
            "本社",
        ] {
            let Some(p) = text.find(marker) else { continue };
            let word: String = text[..p]
                .chars()
                .rev()
                .take_while(|c| {
                    normalize::is_japanese(*c) && !matches!(c, 'の' | 'に' | 'で' | 'は' | 'へ')
                })
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            // `週1回渋谷オフィス`: the place inside the word, by its own name.
            if word.chars().count() >= 2 {
                if let Some(p) = places.find(&word) {
                    return Some(p.name.clone());
                }
            }
        }
    }
    None
}

fn read_remote(doc: &Doc<'_>, title: Option<Range<usize>>) -> Option<Remote> {
    for r in doc.values(Field::Remote) {
        if let Some(v) = conditions::remote_value(doc.low(r)) {
            return Some(v);
        }
    }
    for s in doc.segs.iter().filter(|s| s.field == Field::Remote) {
        if let Some(v) = conditions::remote(doc.low(doc.body(s.line))) {
            return Some(v);
        }
    }
    for seg in doc.segs.iter().filter(|s| s.field == Field::Location) {
        for r in doc.seg_values(seg) {
            // `勤務地：フルリモート`, `Location: Remote (Japan)`: the place is the policy.
            let t = doc.text(r.clone());
            let head = &t[..conditions::place_end(t)];
            let v = if conditions::is_remote_word(head) {
                conditions::remote_value(doc.low(r))
            } else {
                conditions::remote(doc.low(r))
            };
            // `作業場所：基本リモート / 最寄り：池袋`: the rest of the line may mix in office time.
            if v == Some(Remote::Full)
                && conditions::remote(doc.low(doc.body(seg.line))) == Some(Remote::Partial)
            {
                return Some(Remote::Partial);
            }
            if v.is_some() {
                return v;
            }
        }
    }
    if let Some(v) = title.and_then(|t| {
        let low = doc.low(t);
        conditions::remote(low).or(remote_en(low))
    }) {
        return Some(v);
    }
    let mut said = None;
    // `週3日以上オフィスに出勤できる方` asked of the candidate: the office days of the work.
    let mut asked = None;
    for i in doc.live() {
        let low = doc.low(doc.body(i));
        if doc.lines[i]
            .section
            .is_some_and(|f| f.is_requirement() || f == Field::Env)
        {
            if doc.lines[i].section.is_some_and(Field::is_requirement) {
                asked = asked.or(conditions::remote(low).filter(|r| *r == Remote::Partial));
            }
            continue;
        }
        // `[ ] Remote OK`: an option the job board's form left unticked.
        if low.starts_with("[ ]") {
            continue;
        }
        if let Some(v) = conditions::remote(low) {
            return Some(v);
        }
        said = said.or(remote_en(low));
    }
    said.or(asked)
}

/// An English line that says the work is remote (`- Remote`, `Work remotely`, `The role is
/// remote`) with no word of an office mix, which `conditions::remote` would have read.
fn remote_en(low: &str) -> Option<Remote> {
    if low.contains("http") || low.chars().any(|c| c >= '\u{3040}') {
        return None;
    }
    let word = low
        .split(|c: char| !c.is_ascii_alphanumeric() && !matches!(c, '/' | '-' | '.'))
        .any(|w| matches!(w.trim_end_matches('.'), "remote" | "remotely"));
    word.then_some(Remote::Full)
}

fn read_interviews(doc: &Doc<'_>) -> Option<u8> {
    let labelled = doc
        .segs
        .iter()
        .filter(|s| s.field == Field::Interviews)
        .map(|s| s.line);
    for i in labelled {
        // The label carries the keyword: `面談：2回` reads whole.
        let mut text = doc.low(doc.body(i)).to_string();
        if let Some(next) = doc.lines.get(i + 1).filter(|l| l.kind == Kind::Text) {
            if next.section == Some(Field::Interviews) {
                text.push(' ');
                text.push_str(doc.low(next.body..next.end));
            }
        }
        if let Some(n) = conditions::interviews(&text) {
            return Some(n);
        }
    }
    // `Interviews: 2`: a bare count under the label; `打ち合わせ：WEB1回`: a count anywhere in it.
    for r in doc.values(Field::Interviews) {
        let t = doc.text(r.clone());
        let digits: String = t.trim().chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<u8>() {
            if n <= 9 {
                return Some(n);
            }
        }
        if let Some(n) = conditions::interview_count(doc.low(r)) {
            return Some(n);
        }
    }
    first_line(doc, conditions::interviews)
}

fn read_headcount(doc: &Doc<'_>, title: Option<Range<usize>>) -> Option<u8> {
    for r in doc.values(Field::Headcount) {
        if let Some(n) = conditions::headcount(doc.low(r), true) {
            return Some(n);
        }
    }
    if let Some(n) = title.and_then(|t| conditions::headcount(doc.low(t), false)) {
        return Some(n);
    }
    first_line(doc, |l| conditions::headcount(l, false))
}

fn read_age(doc: &Doc<'_>) -> Option<u8> {
    for r in doc.values(Field::Age) {
        if let Some(n) = eligibility::age(doc.low(r), true) {
            return Some(n);
        }
    }
    first_line(doc, |l| eligibility::age(l, false))
}

/// Freelancers: a labelled field first (`■個人事業主` with `不可` on the next line), then
/// any line that says; a chain limited to employees (`貴社社員まで`) with no word on them
/// shuts them out.
fn read_freelancer(doc: &Doc<'_>) -> Option<bool> {
    for r in doc.values(Field::Freelancer) {
        if let Some(v) = eligibility::freelancer(&format!("個人事業主:{}", doc.low(r))) {
            return Some(v);
        }
    }
    first_line(doc, eligibility::freelancer)
        .or_else(|| {
            doc.live()
                .any(|i| eligibility::employees_only(doc.low(doc.body(i))))
                .then_some(false)
        })
        .or_else(|| {
            // `雇用形態：業務委託`, or the label on a line of its own and the value below:
            // a contract for the work itself, open to a freelancer.
            let live: Vec<usize> = doc.live().collect();
            live.iter()
                .enumerate()
                .any(|(k, &i)| {
                    let line = doc.low(doc.body(i));
                    let next = live.get(k + 1).map_or("", |&j| doc.low(doc.body(j)));
                    eligibility::contracted_work(line, next)
                })
                .then_some(true)
        })
}

/// Foreign nationals: a labelled field first (`■外国籍` with `不可` on the next line), then any line.
fn read_foreign(doc: &Doc<'_>) -> Option<bool> {
    for r in doc.values(Field::Foreign) {
        if let Some(v) = eligibility::foreign(&format!("外国籍:{}", doc.low(r))) {
            return Some(v);
        }
    }
    first_line(doc, eligibility::foreign)
}

/// `(max_depth, depth_with_fee)` from every line that talks about the chain.
fn read_chain(doc: &Doc<'_>) -> (Option<u8>, Option<u8>) {
    let mut max: Option<u8> = None;
    let mut fee: Option<u8> = None;
    let mut plus_one = false;
    for i in doc.live() {
        let c = conditions::chain(doc.low(doc.body(i)));
        if let Some(m) = c.max {
            max = Some(max.map_or(m, |x| x.min(m)));
        }
        if let Some(f) = c.fee {
            fee = Some(fee.map_or(f, |x| x.max(f)));
        }
        plus_one |= c.fee_plus_one;
    }
    if max.is_none() {
        // `支援費で1社先可` alone: without the fee, one company less.
        max = fee.map(|f| f.saturating_sub(1));
    }
    if fee.is_none() && plus_one {
        fee = max.map(|m| m + 1);
    }
    let fee = fee.filter(|&f| max.is_none_or(|m| f > m));
    (max, fee)
}

fn min_of(a: Option<Man>, b: Option<Man>) -> Option<Man> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.as_f64() < x.as_f64() { y } else { x }),
        (x, y) => x.or(y),
    }
}

fn max_of(a: Option<Man>, b: Option<Man>) -> Option<Man> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.as_f64() > x.as_f64() { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// The first line (in reading order) that `read` finds something in.
fn first_line<T>(doc: &Doc<'_>, read: impl Fn(&str) -> Option<T>) -> Option<T> {
    doc.live().find_map(|i| read(doc.low(doc.body(i))))
}

/// `en` when Japanese letters are rare among the letters of the posting.
fn lang(doc: &Doc<'_>) -> &'static str {
    let mut ja = 0usize;
    let mut latin = 0usize;
    for i in doc.live() {
        if doc.lines[i].kind == Kind::Greeting {
            continue;
        }
        for c in doc.text(doc.body(i)).chars() {
            if normalize::is_japanese(c) {
                ja += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
    }
    if ja * 8 < latin {
        "en"
    } else {
        "ja"
    }
}

/// The terms a mail states once for all its postings (the `shared` ranges of
/// [`split::Parts`]), read together; `None` when there is no shared text.
pub fn shared_terms(
    text: &str,
    shared: &[Range<usize>],
    received: DateTime<Utc>,
    tax: &Taxonomy,
) -> Option<ParsedPosting> {
    if shared.is_empty() {
        return None;
    }
    let joined: Vec<&str> = shared.iter().filter_map(|r| text.get(r.clone())).collect();
    Some(parse(&joined.join("\n"), received, tax))
}

impl ParsedPosting {
    /// What a posting of a several-posting mail leaves unsaid, taken from the terms the
    /// mail states once for all (商流, 面談, 精算, 場所 …). Its title and requirements
    /// are its own.
    pub fn fill_from(&mut self, shared: &ParsedPosting) {
        if self.rate_text.is_none() {
            self.rate_min = shared.rate_min;
            self.rate_max = shared.rate_max;
            self.rate_text.clone_from(&shared.rate_text);
        }
        if self.settle_min_h.is_none() && self.settle_max_h.is_none() {
            self.settle_min_h = shared.settle_min_h;
            self.settle_max_h = shared.settle_max_h;
        }
        if self.start.is_none() {
            self.start = shared.start;
            if self.duration.is_none() {
                self.duration.clone_from(&shared.duration);
            }
        }
        fn fill<T: Clone>(own: &mut Option<T>, shared: &Option<T>) {
            if own.is_none() {
                own.clone_from(shared);
            }
        }
        fill(&mut self.duration, &shared.duration);
        fill(&mut self.location, &shared.location);
        fill(&mut self.remote, &shared.remote);
        fill(&mut self.interviews, &shared.interviews);
        if self.max_depth.is_none() && self.depth_with_fee.is_none() {
            self.max_depth = shared.max_depth;
            self.depth_with_fee = shared.depth_with_fee;
        }
        fill(&mut self.freelancer_ok, &shared.freelancer_ok);
        fill(&mut self.foreign_ok, &shared.foreign_ok);
        fill(&mut self.age_limit, &shared.age_limit);
    }

    /// The opening to store: parsed fields plus the raw text exactly as received.
    pub fn to_opening(&self, raw_text: &str, received: DateTime<Utc>, tax: &Taxonomy) -> Opening {
        let mut o = Opening::new(
            self.title
                .clone()
                .unwrap_or_else(|| "(untitled posting)".into()),
            received,
        );
        o.raw_text = raw_text.to_string();
        o.rate_min = self.rate_min;
        o.rate_max = self.rate_max;
        o.rate_text = self.rate_text.clone();
        o.settle_min_h = self.settle_min_h;
        o.settle_max_h = self.settle_max_h;
        o.location = self.location.clone();
        o.remote = self.remote;
        o.start = self.start;
        o.duration = self.duration.clone();
        o.interviews = self.interviews;
        o.headcount = self.headcount;
        o.max_depth = self.max_depth;
        o.depth_with_fee = self.depth_with_fee;
        o.freelancer_ok = self.freelancer_ok;
        o.foreign_ok = self.foreign_ok;
        o.age_limit = self.age_limit;
        // Resolve by name: a requirement written by hand has no skill id yet.
        let resolve = |r: &Requirement| match r.skill {
            Some(_) => r.clone(),
            None => Requirement::named(&r.name, r.min_years, tax),
        };
        for group in &self.must {
            o.requirements
                .push_must(group.iter().map(resolve).collect());
        }
        for r in &self.nice {
            o.requirements.push_nice(resolve(r));
        }
        o
    }
}

#[cfg(test)]
mod tests;
