//! The shape of a posting: lines, bullets, labels, sections, and the forwarding noise around them.
//!
//! Every sender formats differently (`【単価】`, `■単価：`, `単価　　65万`, `▼報酬条件`
//! then lines), so the parser first reads the layout into labelled segments and
//! sections; the field readers then look only where a field can be.

use std::ops::Range;

use super::labels::{classify, label_key, Field, MAX_EN_LABEL_CHARS, MAX_LABEL_CHARS};
use super::normalize::{char_at, Norm};

/// What one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Blank,
    /// `-----`, `━━━━`, `==== 案件2 ====`.
    Separator,
    /// Quoted mail headers, forward markers, signatures, unsubscribe footers.
    Noise,
    /// Salutations and closings (`お世話になっております`): kept for limits, never a title or skill.
    Greeting,
    /// A line that starts with a field label.
    Label,
    Text,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Folded byte range of the content, after quote markers and surrounding spaces.
    pub start: usize,
    pub end: usize,
    /// Where the content starts after bullets and numbering.
    pub body: usize,
    pub kind: Kind,
    /// The section this line belongs to (for a label line, its own field).
    pub section: Option<Field>,
    /// Started with a heading mark (■ ◆ ● ▼ …) rather than an item mark (・ - *).
    pub heading_bullet: bool,
}

/// A labelled piece of a line: `単価：65万` gives label `単価`, value `65万`.
#[derive(Debug, Clone)]
pub(crate) struct Seg {
    pub line: usize,
    pub field: Field,
    pub value: Range<usize>,
    /// Set off as a heading (bracket, heading mark, heading word), not written like a list item.
    pub strong: bool,
}

struct LabelHit {
    field: Field,
    value: Range<usize>,
    strong: bool,
}

pub(crate) struct Doc<'a> {
    pub orig: &'a str,
    pub norm: Norm,
    pub lines: Vec<Line>,
    pub segs: Vec<Seg>,
}

const HEADING_BULLETS: &[char] = &[
    '■', '□', '◆', '◇', '●', '▼', '▽', '▲', '△', '★', '☆', '◎', '▶', '►', '♦', '❖', '◉', '▪', '#',
];
const ITEM_BULLETS: &[char] = &[
    '・', '-', '*', '+', '•', '○', '◯', '〇', '→', '⇒', '‣', '✓', '✔', '※', '>', '♪', '∟',
];

impl<'a> Doc<'a> {
    pub fn new(orig: &'a str) -> Doc<'a> {
        let norm = Norm::new(orig);
        let mut doc = Doc {
            orig,
            norm,
            lines: Vec::new(),
            segs: Vec::new(),
        };
        doc.read_lines();
        super::noise::mark(&mut doc);
        doc.assign_sections();
        doc
    }

    /// Folded text of a range.
    pub fn text(&self, r: Range<usize>) -> &str {
        self.norm.text.get(r).unwrap_or("")
    }

    /// Folded, ASCII-lower-cased text of a range.
    pub fn low(&self, r: Range<usize>) -> &str {
        self.norm.low.get(r).unwrap_or("")
    }

    /// The original text a folded range came from.
    pub fn orig_text(&self, r: Range<usize>) -> &'a str {
        let o = self.norm.orig_range(r);
        self.orig.get(o).unwrap_or("")
    }

    /// Content of a line after bullets.
    pub fn body(&self, i: usize) -> Range<usize> {
        let l = &self.lines[i];
        l.body..l.end
    }

    /// Whole content of a line, bullets included.
    pub fn content(&self, i: usize) -> Range<usize> {
        let l = &self.lines[i];
        l.start..l.end
    }

    /// Lines whose text is worth reading: not blank, separator or noise.
    pub fn live(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.lines.len()).filter(|&i| {
            matches!(
                self.lines[i].kind,
                Kind::Text | Kind::Label | Kind::Greeting
            )
        })
    }

    /// Values written for a field: each label's value, or the lines under it when the value is empty.
    pub fn values(&self, field: Field) -> Vec<Range<usize>> {
        self.segs
            .iter()
            .filter(|s| s.field == field)
            .flat_map(|s| self.seg_values(s))
            .collect()
    }

    /// One label's value and the lines continuing it: `【単価】` on one line, the amount on the next.
    pub fn seg_values(&self, seg: &Seg) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let v = trim_range(&self.norm.text, seg.value.clone());
        let empty = v.is_empty();
        if !empty {
            out.push(v);
        }
        let limit = if empty { 4 } else { 2 };
        let mut taken = 0;
        let mut blanks = 0;
        for j in seg.line + 1..self.lines.len() {
            let l = &self.lines[j];
            match l.kind {
                // Some senders leave a blank line after every line.
                Kind::Blank if blanks < 2 => blanks += 1,
                Kind::Text if l.section == Some(seg.field) => {
                    out.push(self.body(j));
                    blanks = 0;
                    taken += 1;
                    if taken >= limit {
                        break;
                    }
                }
                _ => break,
            }
        }
        out
    }

    /// Lines (by index) inside sections of the given fields, label lines included.
    pub fn section_lines(&self, pred: impl Fn(Field) -> bool) -> Vec<usize> {
        self.live()
            .filter(|&i| self.lines[i].section.is_some_and(&pred))
            .collect()
    }

    fn read_lines(&mut self) {
        let (lines, segs) = self.scan_lines();
        self.lines = lines;
        self.segs = segs;
    }

    fn scan_lines(&self) -> (Vec<Line>, Vec<Seg>) {
        let text = self.norm.text.as_str();
        let mut lines: Vec<Line> = Vec::new();
        let mut segs: Vec<Seg> = Vec::new();
        let mut pos = 0;
        for raw in text.split('\n') {
            let line_start = pos;
            pos += raw.len() + 1;
            let idx = lines.len();
            let (start, end) = strip_quotes(raw, line_start);
            let content = &text[start..end];
            if content.is_empty() {
                lines.push(Line::new(start, end, Kind::Blank));
                continue;
            }
            if is_separator(content) {
                let mut l = Line::new(start, end, Kind::Separator);
                // `■■ 必須スキル ■■` is a heading dressed as a separator.
                if let Some(cap) = separator_caption(content) {
                    let cap_start = start + cap.start;
                    let cap_text = &text[cap_start..start + cap.end];
                    if let Some(f) = classify(cap_text) {
                        l.kind = Kind::Label;
                        l.body = cap_start;
                        segs.push(Seg {
                            line: idx,
                            field: f,
                            value: end..end,
                            strong: true,
                        });
                    }
                }
                lines.push(l);
                continue;
            }
            let (body, heading) = self.strip_bullets(start, end);
            let mut l = Line::new(start, end, Kind::Text);
            l.body = body;
            l.heading_bullet = heading;
            let mut hits = Vec::new();
            self.find_labels(body, end, heading, &mut hits);
            if !hits.is_empty() {
                l.kind = Kind::Label;
            }
            lines.push(l);
            for h in hits {
                // A label written without any bullet heads a section, except a generic
                // `Java経験：3年` which reads as a list item.
                let strong = h.strong || (body == start && h.field != Field::Skills);
                segs.push(Seg {
                    line: idx,
                    field: h.field,
                    value: h.value,
                    strong,
                });
            }
        }
        (lines, segs)
    }

    /// Skip bullets and numbering (`■`, `・`, `1.`, `(2)`, `①`, `８．`).
    fn strip_bullets(&self, start: usize, end: usize) -> (usize, bool) {
        let text = &self.norm.text;
        let mut i = start;
        let mut heading = false;
        while let Some(c) = char_at(text, i).filter(|_| i < end) {
            if HEADING_BULLETS.contains(&c) {
                heading = true;
                i += c.len_utf8();
            } else if ITEM_BULLETS.contains(&c) {
                // `-420,000円` and `~65万` are values, not bullets.
                let next = char_at(text, i + c.len_utf8());
                if matches!(c, '-' | '*' | '+' | '>') && !next.is_some_and(|n| n == ' ' || n == c) {
                    break;
                }
                i += c.len_utf8();
            } else if c == ' ' {
                i += 1;
            } else if c.is_ascii_digit() {
                // A circled number (①) folds to a digit: the original says whether it is a bullet.
                let orig = self.orig_text(i..i + 1);
                if orig.chars().next().is_some_and(is_circled_number) {
                    i += c.len_utf8();
                    continue;
                }
                let rest = &text[i..end];
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let after = rest[digits..].chars().next();
                if digits <= 2 && matches!(after, Some('.' | ')' | '、' | ' ')) {
                    let skip = digits + after.map_or(0, char::len_utf8);
                    // `1. Java` is numbering; `3.5万` and `1 名` are not.
                    if after == Some('.') && rest[skip..].starts_with(|c: char| c.is_ascii_digit())
                    {
                        break;
                    }
                    if after == Some(' ')
                        && !rest[skip..].starts_with(|c: char| !c.is_ascii_digit())
                    {
                        break;
                    }
                    if after == Some(' ')
                        && rest[skip..].starts_with(['名', '回', '人', '万', '社'])
                    {
                        break;
                    }
                    i += skip;
                    continue;
                }
                break;
            } else if c == '(' {
                let rest = &text[i..end];
                let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
                if (1..=2).contains(&digits) && rest[1 + digits..].starts_with(')') {
                    i += digits + 2;
                    continue;
                }
                break;
            } else {
                break;
            }
        }
        (i.min(end), heading)
    }

    /// The labels a line starts with (several when fields share a line), as (field, label, value).
    fn find_labels(&self, body: usize, end: usize, heading: bool, out: &mut Vec<LabelHit>) {
        let text = self.norm.text.as_str();
        let hit = self.label_at(body, end, heading);
        let Some((field, _label, value, strong)) = hit else {
            return;
        };
        // Several fields on one line: `【単価】65万　【場所】品川`.
        let v = &text[value.clone()];
        if let Some(cut) = inline_label(v) {
            let rest = value.start + cut..value.end;
            out.push(LabelHit {
                field,
                value: trim_range(text, value.start..value.start + cut),
                strong,
            });
            let (rb, rh) = self.strip_bullets(rest.start, rest.end);
            let before = out.len();
            if out.len() < 8 {
                self.find_labels(rb, rest.end, rh, out);
            }
            if out.len() == before {
                if let Some(h) = out.last_mut() {
                    h.value.end = rest.end;
                }
            }
            return;
        }
        out.push(LabelHit {
            field,
            value,
            strong,
        });
    }

    /// The first label of a line: field, label range, value range, and whether it is set off
    /// as a heading (bracket or heading mark) rather than written like an item.
    fn label_at(
        &self,
        body: usize,
        end: usize,
        heading: bool,
    ) -> Option<(Field, Range<usize>, Range<usize>, bool)> {
        let text = self.norm.text.as_str();
        let b = &text[body..end];
        // 【label】value, [label], <label>, (必須)
        if let Some((inner, close_end)) = bracket(b) {
            // `(〇×で回答をお願いします)`, `(アプリ側ではなく基盤周り)`: a note wrapped whole.
            if b.starts_with('(') && close_end >= b.trim_end().len() && inner.len() > 30 {
                return None;
            }
            // `「スキル・資格」機能を…`: quote marks around a name that the sentence goes on from.
            let rest = &b[close_end..];
            if b.starts_with(['「', '『'])
                && !(rest.trim().is_empty() || rest.starts_with([' ', ':', '：', '\u{3000}']))
            {
                return None;
            }
            let label = body + inner.start..body + inner.end;
            let value = skip_colon(text, body + close_end..end);
            return match classify(&text[label.clone()]) {
                // `【リモート】Go/TypeScript エンジニア募集` is a tag on a title, not a field.
                Some(Field::Remote)
                    if !value.is_empty()
                        && super::conditions::remote_value(&self.norm.low[value.clone()])
                            .is_none() =>
                {
                    None
                }
                Some(f) => Some((f, label, value, true)),
                // `（Max:55~60万円）` alone on a line is an aside to the line above, not a heading.
                None if text[value.clone()].trim().is_empty()
                    && inner.len() > 1
                    && !b.starts_with('(') =>
                {
                    Some((Field::Other, label, value, true))
                }
                None => None,
            };
        }
        // label: value
        if let Some(colon) = label_colon(b) {
            let label = body..body + colon;
            let value = skip_colon(text, body + colon..end);
            let label_text = &text[label.clone()];
            match classify(label_text) {
                Some(f) => return Some((f, label, value, heading)),
                None if heading
                    && label_text.chars().count() <= 15
                    && (self.norm.text[..body].trim_end().ends_with('#')
                        || !label_text.bytes().any(|c| c.is_ascii_alphanumeric())) =>
                {
                    return Some((Field::Other, label, value, true));
                }
                None => {}
            }
        }
        // label　value (a table row aligned with spaces)
        if let Some(sp) = b.find(' ') {
            let label_text = &b[..sp];
            let gap = b[sp..].bytes().take_while(|&c| c == b' ').count();
            let wide = gap >= 2 || self.orig_text(body + sp..body + sp + 1) == "\u{3000}";
            // `初台：在宅 ※出社が基本`: a colon before the gap already had its chance.
            if label_text.chars().count() <= 10
                && (wide || !label_text.is_ascii())
                && !label_text.bytes().any(|c| c.is_ascii_digit() || c == b':')
                && body + sp + gap < end
            {
                if let Some(f) = classify(label_text) {
                    return Some((f, body..body + sp, body + sp + gap..end, heading));
                }
            }
        }
        // A bare heading: `必須スキル`, `Requirements`, `▼報酬条件`.
        let bare = b.trim_end_matches([':', ' ']);
        if bare.is_empty()
            || bare.chars().count() > MAX_EN_LABEL_CHARS
            || bare.bytes().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        let label = body..body + bare.len();
        if let Some(f) = classify(bare) {
            // `報酬` alone on a line, the amount on the next: a field's bare name heads its value.
            let word = is_heading_word(&label_key(bare)) || super::labels::is_field_name(bare);
            // `４．作業期間`: a numbered field name alone on its line heads what follows.
            let before = text[..body].trim_end();
            let numbered = before
                .strip_suffix('.')
                .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
            // `**Requirements**`: markdown bold around an English heading.
            let plain = bare.trim_matches(['*', '_']);
            let looks_heading = heading
                || numbered
                || b.trim_end().ends_with(':')
                || plain.ends_with(':')
                || word
                || (plain.is_ascii()
                    && plain.starts_with(|c: char| c.is_ascii_uppercase())
                    && is_heading_phrase(plain));
            if looks_heading {
                let bold = plain.len() < bare.len();
                return Some((f, label, end..end, heading || word || bold));
            }
        }
        // `### Contact`: a markdown heading, whatever it says.
        let markdown = self.norm.text[..body].trim_end().ends_with('#');
        if heading
            && bare.chars().count() <= 15
            && (markdown || !bare.bytes().any(|c| c.is_ascii_alphanumeric()))
            && !bare.contains(['経', '以', '可'])
        {
            return Some((Field::Other, label, end..end, true));
        }
        None
    }

    fn assign_sections(&mut self) {
        let mut current: Option<Field> = None;
        let mut seg_i = 0;
        let mut after_blank = false;
        let mut items_seen = false;
        for i in 0..self.lines.len() {
            let first_seg = seg_i;
            while seg_i < self.segs.len() && self.segs[seg_i].line <= i {
                seg_i += 1;
            }
            let on_line = first_seg..seg_i;
            match self.lines[i].kind {
                Kind::Separator => current = None,
                Kind::Label => {
                    let segs = &self.segs[on_line.clone()];
                    // Inside a skills list, `・言語：Java` or `・Java経験：3年` is an item, not a new section.
                    let item = current.is_some_and(Field::is_requirement)
                        && !segs.is_empty()
                        && segs.iter().all(|s| {
                            !s.strong
                                && matches!(
                                    s.field,
                                    Field::Skills
                                        | Field::Env
                                        | Field::Description
                                        | Field::Other
                                        | Field::Conditions
                                )
                        });
                    // `■スキル` then `<共通>` / `<開発>`: a sub-heading inside the list.
                    let l = &self.lines[i];
                    let markdown = self.norm.text[l.start..l.body].contains('#');
                    let sub_heading = current.is_some_and(Field::is_requirement)
                        && !markdown
                        && segs.len() == 1
                        && segs[0].field == Field::Other
                        && segs[0].value.is_empty();
                    if item || sub_heading || segs.is_empty() {
                        for s in &mut self.segs[on_line] {
                            s.line = usize::MAX;
                        }
                        self.lines[i].kind = Kind::Text;
                        self.lines[i].section = current;
                    } else {
                        self.lines[i].section = segs.first().map(|s| s.field);
                        current = segs.last().map(|s| s.field);
                        items_seen = false;
                    }
                }
                Kind::Noise => {}
                Kind::Blank => after_blank = true,
                Kind::Text | Kind::Greeting => {
                    let l = &self.lines[i];
                    let bulleted = l.body > l.start;
                    // An English list of bullets ends at the first paragraph of prose after a
                    // blank line (`If you are interested, …`).
                    if current.is_some_and(Field::is_requirement)
                        && after_blank
                        && items_seen
                        && !bulleted
                        && !self.norm.text[l.start..l.end]
                            .chars()
                            .any(|c| c >= '\u{3040}')
                    {
                        current = None;
                    }
                    items_seen |= bulleted;
                    self.lines[i].section = current;
                }
            }
            if self.lines[i].kind != Kind::Blank {
                after_blank = false;
            }
        }
        let lines = &self.lines;
        self.segs
            .retain(|s| s.line != usize::MAX && lines[s.line].kind == Kind::Label);
    }
}

impl Line {
    fn new(start: usize, end: usize, kind: Kind) -> Line {
        Line {
            start,
            end,
            body: start,
            kind,
            section: None,
            heading_bullet: false,
        }
    }
}

fn is_circled_number(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{2473}' | '\u{2776}'..='\u{2793}' | '\u{3251}'..='\u{325F}' | '\u{24EA}')
}

/// Strip `>` quote marks and surrounding spaces; returns the content's folded range.
fn strip_quotes(raw: &str, at: usize) -> (usize, usize) {
    let mut s = 0;
    let b = raw.as_bytes();
    loop {
        while s < b.len() && b[s] == b' ' {
            s += 1;
        }
        // `>>` and `> >` are nested quotes.
        if s < b.len() && b[s] == b'>' {
            s += 1;
            continue;
        }
        break;
    }
    let content = raw[s..].trim_end();
    (at + s, at + s + content.len())
}

fn is_sep_char(c: char) -> bool {
    matches!(
        c,
        '-' | '=' | '_' | '*' | '~' | '#' | '+' | '.' | '/' | '・' | 'ー' | '■' | '□' | '◆' | '◇'
            | '●' | '○' | '★' | '☆' | '◎' | '※' | '▼' | '▲' | '▽' | '△' | '♪' | '◯' | '<' | '>'
            | '\u{2500}'..='\u{257F}' | '\u{2580}'..='\u{259F}'
    )
}

/// A line of separator marks, possibly with a short caption (`==== 案件2 ====`).
fn is_separator(s: &str) -> bool {
    let marks = s.chars().filter(|&c| is_sep_char(c)).count();
    let total = s.chars().filter(|&c| c != ' ').count();
    if total == 0 {
        return false;
    }
    if marks == total {
        return marks >= 4;
    }
    let lead = s
        .chars()
        .take_while(|&c| is_sep_char(c) || c == ' ')
        .filter(|&c| c != ' ')
        .count();
    let trail = s
        .chars()
        .rev()
        .take_while(|&c| is_sep_char(c) || c == ' ')
        .filter(|&c| c != ' ')
        .count();
    lead >= 3 && trail >= 3
}

/// The text between the marks of a captioned separator.
fn separator_caption(s: &str) -> Option<Range<usize>> {
    let start = s
        .char_indices()
        .find(|&(_, c)| !(is_sep_char(c) || c == ' '))?
        .0;
    let end = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_sep_char(c) || c == ' '))
        .map(|(i, c)| i + c.len_utf8())?;
    (start < end).then_some(start..end)
}

/// `【label】`, `[label]`, `<label>`, `《label》`, `(必須)` at the start of a line: the label range and the end of the close.
fn bracket(b: &str) -> Option<(Range<usize>, usize)> {
    let open = b.chars().next()?;
    let close = match open {
        '【' => '】',
        '[' => ']',
        '<' => '>',
        '〈' => '〉',
        '《' => '》',
        '〔' => '〕',
        '≪' => '≫',
        '『' => '』',
        '「' => '」',
        '(' => ')',
        _ => return None,
    };
    let inner_start = open.len_utf8();
    let rel = b[inner_start..].find(close)?;
    if b[inner_start..inner_start + rel].chars().count() > 30 {
        return None;
    }
    let inner = inner_start..inner_start + rel;
    Some((inner, inner_start + rel + close.len_utf8()))
}

/// The colon ending a label at the start of `b`, if it is near enough to be one.
fn label_colon(b: &str) -> Option<usize> {
    let mut chars = 0;
    let mut prev: Option<char> = None;
    for (i, c) in b.char_indices() {
        if c == ':' {
            let next = b[i + 1..].chars().next();
            // `9:00` is a time; `http://` is an address.
            if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
                || next == Some('/')
            {
                return None;
            }
            return (i > 0).then_some(i);
        }
        chars += 1;
        let limit = if c.is_ascii() && b[..i].is_ascii() {
            MAX_EN_LABEL_CHARS
        } else {
            MAX_LABEL_CHARS
        };
        if chars > limit + 2 {
            return None;
        }
        prev = Some(c);
    }
    None
}

/// Skip the `:`, `-` or spaces between a label and its value.
fn skip_colon(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_start_matches([' ', ':', '：']);
    let t = t.strip_prefix("=>").unwrap_or(t);
    let t = t.trim_start_matches([' ', ':']);
    let start = r.end - t.len();
    trim_range(text, start..r.end)
}

pub(crate) fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// Where a second label starts inside a value (`65万　【場所】品川`, `Location: Tokyo | Rate: ...`).
fn inline_label(v: &str) -> Option<usize> {
    for (i, c) in v.char_indices().skip(1) {
        let rest = &v[i..];
        let candidate = match c {
            '【' | '■' | '◆' | '●' | '▼' | '◇' | '□' => rest,
            '|' | '/' | '、' | ' ' => {
                let t = rest[c.len_utf8()..].trim_start();
                if c == ' ' && !v[..i].ends_with(' ') {
                    continue;
                }
                t
            }
            _ => continue,
        };
        if let Some((inner, _)) = bracket(candidate) {
            if classify(&candidate[inner]).is_some() && c == '【' {
                return Some(i);
            }
            continue;
        }
        let body = candidate.trim_start_matches(['■', '◆', '●', '▼', '◇', '□', ' ']);
        // `５８万～  精算 140h-180h`: a table label after a wide gap.
        if c == ' ' {
            let word = body.split(' ').next().unwrap_or("");
            if (2..=6).contains(&word.chars().count())
                && !word.is_ascii()
                && body.len() > word.len()
                && classify(word).is_some()
            {
                return Some(i);
            }
        }
        if let Some(colon) = label_colon(body) {
            let label = &body[..colon];
            if label.chars().count() <= 8 && classify(label).is_some() && !label.contains(' ') {
                return Some(i);
            }
        }
    }
    None
}

/// Headings written without any mark that still head a section.
fn is_heading_word(key: &str) -> bool {
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "必須", "必須スキル", "必須条件", "必須経験", "必要スキル", "必要経験", "求めるスキル",
        "尚可", "尚可スキル", "歓迎", "歓迎スキル", "あれば尚可", "スキル", "開発環境", "環境",
        "業務内容", "作業内容", "案件概要", "概要", "条件", "備考", "その他", "募集要項",
        "スキル要件", "応募資格", "must", "want", "詳細", "案件詳細",
    ];
    // `必要条件`, `求めるスキル・経験`, `応募資格`: a short heading of one of the heading nouns.
    const ENDINGS: &[&str] = &[
        "スキル",
        "条件",
        "経験",
        "要件",
        "資格",
        "事項",
        "内容",
        "環境",
        "概要",
    ];
    WORDS.contains(&key)
        || (key.chars().count() <= 12
            && ENDINGS.iter().any(|e| key.ends_with(e))
            && [
                "必須", "必要", "求め", "歓迎", "尚可", "応募", "募集", "業務", "作業",
            ]
            .iter()
            .any(|w| key.contains(w))
            && !key.contains('の')
            && !key.contains(['、', '。', ',', '.'])
            && !key.chars().any(|c| c.is_ascii_alphanumeric()))
}

/// An English line made only of heading words (`About the role`, `What you need`, `Nice to have`),
/// so that `Site Reliability Engineer` is a title and not a `site` (location) heading.
fn is_heading_phrase(s: &str) -> bool {
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "about", "the", "role", "position", "job", "what", "you", "we", "your", "our", "need",
        "needs", "needed", "will", "would", "be", "is", "are", "a", "an", "to", "of", "and", "for",
        "with", "in", "key", "core", "main", "other", "additional", "technical", "tech", "skills",
        "skill", "requirements", "requirement", "required", "must", "have", "must-have", "haves",
        "nice", "nice-to-have", "preferred", "plus", "pluses", "bonus", "great", "good", "extra",
        "desired", "desirable", "optional", "qualifications", "responsibilities", "duties",
        "description", "overview", "summary", "project", "stack", "environment", "tools",
        "technologies", "experience", "conditions", "benefits", "details", "terms", "notes",
        "looking", "for", "rate", "budget", "location", "remote", "start", "date", "duration",
        "period", "interview", "interviews", "process", "headcount", "openings", "language",
        "languages", "japanese", "contract", "compensation", "work", "style", "hours", "selection",
        "do", "ll", "re", "ve", "how", "apply", "company", "team", "who", "ideal", "candidate",
    ];
    s.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .all(|w| WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests;
