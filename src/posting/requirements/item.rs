//! One requirement item read as a rep reads it: which skills it names, which of them are
//! alternatives (`AまたはB`, `A、B等いずれか`, `(Bでも可)`), and the years asked of them.
//!
//! Words that name the job rather than a skill (`バックエンドエンジニア`, `SE`), a category
//! when its members are named (`AWSなどのクラウド`), and an industry that only sets the
//! scene (`Reactを用いたWebアプリ開発`) are not requirements.

use crate::domain::Requirement;
use crate::skills::{SkillKind, SkillMatch, Taxonomy};

use super::years::{self, Years};

/// A skill or concrete unknown term found in an item.
#[derive(Debug, Clone)]
struct Term {
    req: Requirement,
    kind: Option<SkillKind>,
    start: usize,
    end: usize,
}

/// Categories that name what a more specific skill in the same item already says.
const GENERIC: &[&str] = &[
    "クラウド",
    "サーバー",
    "ネットワーク",
    "インフラ",
    "製造",
    "Web系",
    "CI/CD",
];

/// Role names that are job titles, not something a candidate has done.
fn is_title_word(tax: &Taxonomy, t: &Term) -> bool {
    let Some(id) = t.req.skill else { return false };
    if t.kind != Some(SkillKind::Role) {
        return false;
    }
    let name = tax.name(id);
    name.ends_with("エンジニア")
        || matches!(
            name,
            "SE" | "プログラマー" | "社内SE" | "データサイエンティスト" | "コンサルタント"
        )
}

/// Cues after a list that make its items alternatives.
const ANY_AFTER: &[&str] = &[
    "いずれか",
    "何れか",
    "どれか",
    "どちらか",
    "のうち",
    "の内",
    "のどれ",
    "のいずれ",
    "one of",
    "any of",
];
/// Cues before a list that make its items alternatives.
const ANY_BEFORE: &[&str] = &[
    "何かしら",
    "なにかしら",
    "いずれかの",
    "one of",
    "any of",
    "either",
];
/// Words between two items that make them alternatives.
const OR_WORDS: &[&str] = &["または", "又は", "もしくは", "若しくは", "or", "や", "か"];
/// Notes that accept another skill in place of the one asked (`(Windowsでも可)`).
const ALSO_OK: &[&str] = &[
    "でも可",
    "でもok",
    "でも構",
    "でも大丈夫",
    "でも問題",
    "でも良",
    "でもよ",
    "でも歓迎",
    "も可)",
    "でも)",
];

/// Items that ask an attitude, not a skill (`改修への抵抗がない方`, `Goに興味がある方`), or say
/// where the candidate lives (`located in Europe`): nothing in them is a requirement.
const NOT_ASKED: &[&str] = &[
    "抵抗がない",
    "抵抗のない",
    "抵抗が無い",
    "抵抗無",
    "苦にならない",
    "苦にならず",
    "興味がある",
    "興味のある",
    "意欲のある",
    "意欲がある",
    "located in",
    "based in",
    "timezone",
    "time zone",
];
/// Words after a list that say its items are not asked (`オンプレ・クラウド問わず`).
const WAIVED: &[&str] = &["問わず", "不問", "問いません", "問わない"];

/// Groups of alternatives, each with its years, from one item (`text` folded, `low` its
/// lower-cased form, same byte offsets). `unknown` keeps concrete names the taxonomy lacks.
pub(crate) fn groups(
    text: &str,
    low: &str,
    tax: &Taxonomy,
    spans: &[SkillMatch],
    unknown: bool,
    context: &mut Vec<Requirement>,
) -> Vec<Vec<Requirement>> {
    if NOT_ASKED.iter().any(|w| low.contains(w)) {
        return Vec::new();
    }
    let mut terms: Vec<Term> = spans
        .iter()
        .map(|m| Term {
            req: Requirement::known(m.skill, None, tax),
            kind: tax.kind(m.skill),
            start: m.start,
            end: m.end,
        })
        .collect();
    qualifiers(text, tax, &mut terms);
    product_lines(text, &mut terms);
    if unknown {
        phase_neighbours(text, tax, &mut terms);
        add_unknown(text, &mut terms);
    }
    context.extend(bracket_examples(low, &mut terms));
    waived(low, &mut terms);
    filter(tax, low, &mut terms);
    let ys = years::find(low);
    if terms.is_empty() {
        if !unknown {
            return Vec::new();
        }
        let mut out = super::phrase::groups(text, low);
        // `インフラ運用の経験が3年～5年以上`: the lowest figure is the years the item asks.
        let least = ys.iter().map(|y| y.years).reduce(f32::min);
        if let (Some(y), [group]) = (least, out.as_mut_slice()) {
            for r in group {
                r.min_years = Some(y);
            }
        }
        return out;
    }
    assign_years(low, &ys, &mut terms);
    let worked = infra_work(text, tax, &mut terms);

    // A note accepting another skill makes the whole item one group of alternatives.
    if ALSO_OK.iter().any(|w| low.contains(w)) && terms.len() > 1 {
        also_ok_work(text, worked, &mut terms);
        return vec![terms.into_iter().map(|t| t.req).collect()];
    }
    let mut out: Vec<Vec<Requirement>> = Vec::new();
    let mut i = 0;
    while i < terms.len() {
        // The run of terms joined only by list separators.
        let mut j = i + 1;
        let mut or_word = false;
        let mut only_slash = true;
        while j < terms.len() {
            // Terms that overlap (a match reaching into the next) are not a list.
            let Some(gap) = low.get(terms[j - 1].end..terms[j].start) else {
                break;
            };
            match separator(gap.trim()) {
                Some(Sep::Or) => or_word = true,
                Some(Sep::Slash) => {}
                Some(Sep::List) => only_slash = false,
                None => break,
            }
            j += 1;
        }
        let run = &terms[i..j];
        let any = run.len() > 1
            && (or_word
                || any_cue(low, run)
                || slash_pair(tax, low, run, only_slash)
                || near_same(tax, run));
        if any {
            out.push(run.iter().map(|t| t.req.clone()).collect());
        } else {
            out.extend(run.iter().map(|t| vec![t.req.clone()]));
        }
        i = j;
    }
    out
}

/// What a platform is written with before the work done on it (`Linuxサーバ運用`).
const INFRA_NOUNS: &[&str] = &["サーバー", "サーバ", "クライアント", "端末", "システム"];
/// Kinds of work written straight onto a platform's name.
const INFRA_WORK: &[&str] = &[
    "設計", "構築", "運用", "保守", "導入", "移行", "展開", "監視",
];

/// The written end of `s`'s leading noun of a platform (`サーバ`), and of its work (`設計/構築`).
fn infra_tail(s: &str) -> (usize, usize) {
    let noun = INFRA_NOUNS
        .iter()
        .find(|w| s.starts_with(*w))
        .map_or(0, |w| w.len());
    let mut end = noun;
    loop {
        let rest = &s[end..];
        let sep = rest
            .strip_prefix(['・', '/', '／'])
            .map_or(0, |r| rest.len() - r.len());
        match INFRA_WORK.iter().find(|w| rest[sep..].starts_with(*w)) {
            Some(w) if end > noun || sep == 0 => end += sep + w.len(),
            _ => break,
        }
    }
    (noun, end)
}

/// `Linuxサーバ運用経験`, `RHEL構築経験`, `Windows Server構築`: a platform with the work
/// written straight onto it is asked by that whole name, so a rep reads what the posting
/// wrote; the skill stays the platform, which is what an engineer is matched on. Returns the
/// work written (`サーバ運用`) of the first term that had one.
fn infra_work<'a>(text: &'a str, tax: &Taxonomy, terms: &mut Vec<Term>) -> Option<&'a str> {
    let mut first = None;
    let mut k = 0;
    while k < terms.len() {
        let t = &terms[k];
        // A product line kept as written (`Cisco ASA`) is named already.
        let platform = t.kind == Some(SkillKind::OsInfra)
            && !GENERIC.contains(&t.req.name.as_str())
            && t.req.skill.is_some_and(|id| tax.name(id) == t.req.name);
        let (noun, end) = text.get(t.end..).map_or((0, 0), infra_tail);
        if !platform || end == noun {
            k += 1;
            continue;
        }
        let to = t.end + end;
        let rest = &text[to..];
        // `運用者`, `構築中`: the work word runs on into another noun.
        let ends = rest.is_empty()
            || ["経験", "業務", "作業", "実務"]
                .iter()
                .any(|w| rest.starts_with(w))
            || !rest.starts_with(super::phrase::noun_char);
        if !ends {
            k += 1;
            continue;
        }
        let from = t.start;
        first = first.or(Some(&text[t.end..to]));
        let t = &mut terms[k];
        t.req.name = text[from..to].trim().to_string();
        t.end = to;
        // A name inside the work written (`サーバ` of `サーバ運用`) is part of it.
        let mut n = 0;
        terms.retain(|o| {
            n += 1;
            n - 1 == k || !(o.start >= from && o.end <= to)
        });
        k = terms
            .iter()
            .position(|o| o.start == from)
            .map_or(k, |p| p + 1);
    }
    first
}

/// `Linuxサーバ運用経験（Windowsサーバーでも可）`: a platform offered in place of one asked
/// with its work is asked with the same work. `サーバ運用経験（WindowsでもLinuxでも可）`: the
/// work written before the note goes to each platform in it.
fn also_ok_work(text: &str, worked: Option<&str>, terms: &mut [Term]) {
    let head_work = || {
        // The work heading the item, when no platform is written onto it.
        let start = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        let at = text.len() - start.len();
        let (noun, end) = infra_tail(start);
        (noun > 0 && end > noun && !terms.iter().any(|t| t.start <= at && at < t.end))
            .then(|| &start[..end])
    };
    let head = if worked.is_none() { head_work() } else { None };
    let Some(work) = worked.or(head) else {
        return;
    };
    let noun_len = INFRA_NOUNS
        .iter()
        .find(|w| work.starts_with(*w))
        .map_or(0, |w| w.len());
    for t in terms.iter_mut() {
        if t.kind != Some(SkillKind::OsInfra) || GENERIC.contains(&t.req.name.as_str()) {
            continue;
        }
        let written = text.get(t.start..t.end).unwrap_or("");
        if written.ends_with(&work[noun_len..]) && noun_len < work.len() {
            continue;
        }
        // The platform's own noun as written (`Windowsサーバー`), else the one of the work.
        let after = text.get(t.end..).unwrap_or("");
        let own = INFRA_NOUNS
            .iter()
            .find(|w| written.ends_with(*w) || after.starts_with(*w));
        let name = match own {
            Some(w) if written.ends_with(*w) => format!("{written}{}", &work[noun_len..]),
            Some(w) => format!("{written}{w}{}", &work[noun_len..]),
            None => format!("{written}{work}"),
        };
        t.req.name = name;
    }
}

enum Sep {
    Or,
    Slash,
    List,
}

/// What joins two neighbouring terms, when it is only a list separator.
fn separator(gap: &str) -> Option<Sep> {
    let g = gap.trim_matches(|c: char| c == ' ' || c == '(' || c == ')');
    if g.is_empty() {
        return Some(Sep::List);
    }
    if matches!(g, "/" | "|") {
        return Some(Sep::Slash);
    }
    if matches!(
        g,
        "、" | "," | "・" | "&" | "+" | "と" | "及び" | "および" | "and" | "、及び" | "、および"
    ) {
        return Some(Sep::List);
    }
    let g = g.trim_start_matches([',', '、']).trim();
    let g = g.trim_start_matches("等").trim_start_matches("など").trim();
    if OR_WORDS.contains(&g) || g == "、または" || g == "/or" {
        return Some(Sep::Or);
    }
    None
}

/// `A、B等`, `A/B/Cのうち2製品以上`, `何かしらのA、B`: alternatives by a word around the list.
fn any_cue(low: &str, run: &[Term]) -> bool {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return false;
    };
    let after = &low[last.end..];
    let near: String = after.chars().take(24).collect();
    let near = near.trim_start_matches([' ', ')']);
    let listed = near.starts_with("等") || near.starts_with("など") || near.starts_with("etc");
    let cue_after = ANY_AFTER.iter().any(|w| near.contains(w));
    let before: String = low[..first.start]
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let cue_before = ANY_BEFORE.iter().any(|w| before.contains(w));
    listed || cue_after || cue_before
}

/// `bash、Shellでの開発経験`: two skills each of which counts for the other (the taxonomy's
/// relations, both ways) ask one thing twice, so either will do.
fn near_same(tax: &Taxonomy, run: &[Term]) -> bool {
    let [a, b] = run else { return false };
    let (Some(x), Some(y)) = (a.req.skill, b.req.skill) else {
        return false;
    };
    let credit = |h, w| tax.credit(h, w).unwrap_or(0.0);
    credit(x, y) >= 0.5 && credit(y, x) >= 0.5
}

/// `React/Vue経験`, `Windows/Linux`: two of one kind joined by a slash are alternatives,
/// and so are a role and a skill the taxonomy relates to it (`PM/PMO`);
/// `Java/SQL` (two kinds) and `HTML/CSS/JavaScript` (a stack) are all asked.
fn slash_pair(tax: &Taxonomy, low: &str, run: &[Term], only_slash: bool) -> bool {
    // `開発経験3年以上(Go / Ruby)`: a bracketed list details the item, it offers no choice.
    let bracketed = run
        .first()
        .is_some_and(|t| low[..t.start].trim_end().ends_with('('));
    only_slash
        && !bracketed
        && run.len() == 2
        && run[0].kind.is_some()
        // `要件定義/基本設計` asks both; `PM/PL` (roles) is either.
        && !(run[0].kind == Some(SkillKind::Phase) && run[1].kind == Some(SkillKind::Phase))
        && (run[0].kind == run[1].kind
            // A role beside the work it does (`PM/PMO`); a language beside its framework
            // (`Java/Spring`) is a stack, both asked.
            || run.iter().any(|t| t.kind == Some(SkillKind::Role)) && related(tax, &run[0], &run[1]))
        // SQL goes with a language, never instead of one.
        && !run.iter().any(|t| t.req.name == "SQL")
}

/// One of two known skills gives credit for the other (`PM` for `PMO`).
fn related(tax: &Taxonomy, a: &Term, b: &Term) -> bool {
    let (Some(x), Some(y)) = (a.req.skill, b.req.skill) else {
        return false;
    };
    let credit = |h, w| tax.credit(h, w).unwrap_or(0.0);
    credit(x, y) >= 0.5 || credit(y, x) >= 0.5
}

/// Kinds of work that qualify a skill (`NW設計構築経験`, `AWSでのインフラ構築経験`) rather than
/// name one: the skill they are done on is the requirement.
const QUALIFIERS: &[&str] = &["インフラ設計", "インフラ構築", "製造"];
/// Words of a qualifier as written, after the thing worked on.
const WORK_WORDS: &[&str] = &["設計", "構築", "運用", "開発"];

/// `NW設計` is ネットワーク, `サーバー構築` is サーバー; a qualifier beside a named skill
/// (`AWSでのインフラ構築`) says nothing more; `コーディング` or `実装` is never a skill
/// (`製造` written as such is a work phase and stays).
fn qualifiers(text: &str, tax: &Taxonomy, terms: &mut Vec<Term>) {
    let is_qualifier = |t: &Term| QUALIFIERS.contains(&t.req.name.as_str());
    if !terms.iter().any(is_qualifier) {
        return;
    }
    let mut objects = Vec::new();
    for t in terms.iter_mut().filter(|t| is_qualifier(t)) {
        // A match may take the separator after it (`ネットワーク設計・` of `設計・構築`).
        let written = text
            .get(t.start..t.end)
            .unwrap_or("")
            .trim_end_matches(['・', '/', '、', ' ']);
        let mut head = written;
        while let Some(h) = WORK_WORDS
            .iter()
            .find_map(|w| head.strip_suffix(w))
            .map(|h| h.trim_end_matches(['・', '/', '、']))
        {
            head = h;
        }
        if head.is_empty() || head == written {
            continue;
        }
        if let Some(id) = tax
            .lookup(head)
            .filter(|id| !QUALIFIERS.contains(&tax.name(*id)))
        {
            objects.push(t.start);
            t.req = Requirement::known(id, None, tax);
            t.kind = tax.kind(id);
        }
    }
    let concrete = |t: &Term| {
        !is_qualifier(t)
            && !matches!(
                t.kind,
                Some(SkillKind::Domain | SkillKind::Role | SkillKind::Phase)
            )
            && !GENERIC.contains(&t.req.name.as_str())
    };
    let has_concrete = terms.iter().any(concrete);
    terms.retain(|t| {
        if !is_qualifier(t) {
            return true;
        }
        if t.req.name == "製造" {
            return text
                .get(t.start..t.end)
                .is_some_and(|w| w.trim_end_matches(['・', '/', '、', ' ']) == "製造");
        }
        !has_concrete
    });
    // Two qualifiers resolved to one object (`NW設計・NW構築`) give it once.
    let mut seen: Vec<String> = Vec::new();
    terms.retain(|t| {
        if !objects.contains(&t.start) {
            return true;
        }
        if seen.contains(&t.req.name) {
            return false;
        }
        seen.push(t.req.name.clone());
        true
    });
}

/// `オンプレミス・クラウド問わず`, `Java経験は問いません`: the list right before the word is not asked.
fn waived(low: &str, terms: &mut Vec<Term>) {
    for w in WAIVED {
        let mut from = 0;
        while let Some(p) = low[from..].find(w).map(|p| p + from) {
            from = p + w.len();
            // The last term before the word, close to it (`は`, `の経験は`, a space between).
            let Some(last) = terms.iter().rposition(|t| t.end <= p) else {
                continue;
            };
            if low[terms[last].end..p].chars().count() > 6 {
                continue;
            }
            // With it, the terms listed before it (joined by separators only).
            let mut first = last;
            while first > 0
                && separator(low[terms[first - 1].end..terms[first].start].trim()).is_some()
            {
                first -= 1;
            }
            terms.drain(first..=last);
        }
    }
}

/// Drop what is not asked of the candidate: titles, categories whose members are named,
/// industries that set the scene, and examples of a category given in brackets.
fn filter(tax: &Taxonomy, low: &str, terms: &mut Vec<Term>) {
    terms.retain(|t| !is_title_word(tax, t));
    let specific =
        |t: &Term| !GENERIC.contains(&t.req.name.as_str()) && t.kind != Some(SkillKind::Domain);
    let has_specific = terms.iter().any(specific);
    // A work phase names no object: `ネットワークの運用保守` keeps its ネットワーク.
    let has_product = terms
        .iter()
        .any(|t| specific(t) && t.kind != Some(SkillKind::Phase));
    if has_specific {
        // `AWSなどのクラウド`, `Reactを用いたWebアプリ開発`: the category says nothing more.
        terms.retain(|t| {
            specific(t)
                || t.req.skill.is_none()
                || (!has_product && GENERIC.contains(&t.req.name.as_str()))
        });
    } else {
        // An industry alone is asked for only as experience or knowledge of it.
        terms.retain(|t| {
            t.kind != Some(SkillKind::Domain) || {
                let after: String = low[t.end..].chars().take(8).collect();
                [
                    "経験",
                    "知識",
                    "知見",
                    "業務",
                    "開発",
                    "experience",
                    "knowledge",
                ]
                .iter()
                .any(|w| after.contains(w))
            }
        });
    }
    // `VMware Horizon、Citrixなどの仮想デスクトップ製品`: the category after named examples.
    // A kind of work after its examples (`ログ調査などの障害対応`) is what is asked, and stays.
    let category = |t: &Term| {
        let before = low[..t.start].trim_end();
        t.kind != Some(SkillKind::Phase)
            && ["などの", "等の", "などに関する", "等に関する"]
                .iter()
                .any(|w| before.ends_with(w))
    };
    if terms.len() > 1 && !category(&terms[0]) {
        terms.retain(|t| !category(t));
    }
    // `PMやSEとコミュニケーションが取れる方`: the people to talk to, not a role to have held.
    if low.contains("コミュニケーション") {
        terms.retain(|t| t.kind != Some(SkillKind::Role));
    }
}

/// `JavaScript(React/Vue/Angular)`, `AWS(EC2、S3、Lambda等)`: a skill followed by two or
/// more examples in brackets is one requirement, the skill; the examples say what kind of
/// work it was and are returned as context (a ranking may credit them, none is asked).
/// A bracket with years, a choice (`いずれか`, `or`) or 必須 is no list of examples.
fn bracket_examples(low: &str, terms: &mut Vec<Term>) -> Vec<Requirement> {
    let mut examples = vec![false; terms.len()];
    for (k, t) in terms.iter().enumerate() {
        let general = t.req.skill.is_some()
            && t.kind != Some(SkillKind::Phase)
            && !GENERIC.contains(&t.req.name.as_str());
        if !general || examples[k] {
            continue;
        }
        let Some(after) = low.get(t.end..) else {
            continue;
        };
        // The bracket follows the skill, or a qualifier of it when the bracket says it
        // lists examples (`組込み開発経験(RTOS、C言語 etc)`, `Windows環境での運用業務(ADなど)`).
        let near = after
            .char_indices()
            .take(20)
            .find(|&(_, c)| matches!(c, '(' | '（' | ')' | '）' | '、' | '・' | ',' | '/'))
            .filter(|&(_, c)| matches!(c, '(' | '（'));
        // `Azureの基本的なサービスを使用した設計、構築（VM、Key Vault、Load Balancer…）`: a
        // long bracketed list further on, with no other skill before it, lists examples of
        // the skill too.
        let far = || {
            after
                .char_indices()
                .take(60)
                // After a slash the bracket may be of the last of a list (`FW/SW/RT製品(…)`).
                .find(|&(_, c)| matches!(c, '(' | '（' | ')' | '）' | '/' | '／'))
                .filter(|&(_, c)| matches!(c, '(' | '（'))
        };
        let Some((at, c)) = near.or_else(far) else {
            continue;
        };
        let long_list = near.is_none();
        let open = at + c.len_utf8();
        // A bracket of examples is short: look no further than 120 characters.
        let Some((close, _)) = after
            .char_indices()
            .take(if long_list { 400 } else { 120 })
            .find(|&(_, c)| matches!(c, ')' | '）'))
        else {
            continue;
        };
        let inner = &after[open..close];
        let marked = ["etc", "等", "など", "e.g", "例"]
            .iter()
            .any(|w| inner.contains(w));
        // Another named skill before the bracket is the one it gives examples of.
        let between = if long_list {
            // The work done on the skill (`設計、構築`) may stand between.
            terms[k + 1..]
                .iter()
                .take_while(|n| n.start < t.end + at)
                .any(|n| {
                    n.kind != Some(SkillKind::Phase) && !GENERIC.contains(&n.req.name.as_str())
                })
        } else {
            terms.get(k + 1).is_some_and(|n| n.start < t.end + at)
        };
        if at > 0 && (!(marked || long_list) || between) {
            continue;
        }
        if [
            "年",
            "ヶ月",
            "か月",
            "year",
            "必須",
            "いずれか",
            "または",
            "もしくは",
            " or ",
        ]
        .iter()
        .any(|w| inner.contains(w))
        {
            continue;
        }
        let (a, b) = (t.end + open, t.end + close);
        let inside: Vec<usize> = (k + 1..terms.len())
            .take_while(|&i| terms[i].start < b)
            .filter(|&i| terms[i].start >= a && terms[i].end <= b)
            .collect();
        // One example is enough when the bracket says it gives examples (`(kernel等)`).
        let enough = if long_list {
            inside.len() >= 3
        } else {
            inside.len() >= 2 || (marked && !inside.is_empty())
        };
        if enough {
            for i in inside {
                examples[i] = true;
            }
        }
    }
    if !examples.contains(&true) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut kept = Vec::with_capacity(terms.len());
    for (t, example) in terms.drain(..).zip(examples) {
        if example {
            out.push(t.req);
        } else {
            kept.push(t);
        }
    }
    *terms = kept;
    out
}

/// Years go to the terms written before them back to the previous figure; terms after the
/// last figure take it only when it heads them (`経験3年以上(HTML/CSS)`).
fn assign_years(low: &str, ys: &[Years], terms: &mut [Term]) {
    if ys.is_empty() {
        return;
    }
    let mut prev = 0;
    for y in ys {
        for t in terms.iter_mut() {
            if t.start >= prev && t.end <= y.at && t.req.min_years.is_none() {
                t.req.min_years = Some(y.years);
            }
        }
        prev = y.at;
    }
    let Some(last) = ys.last() else { return };
    let before_any = terms.iter().all(|t| t.start > last.at);
    let bracket_after = low[last.at..].find('(').map(|p| p + last.at);
    for t in terms.iter_mut().filter(|t| t.start > last.at) {
        if before_any || bracket_after.is_some_and(|b| t.start > b) {
            t.req.min_years = Some(last.years);
        }
    }
}

/// Capitals after a vendor that say nothing of a product (`Cisco機器`, `AWS API`).
const NOT_PRODUCT: &[&str] = &[
    "API", "OS", "DB", "UI", "UX", "SE", "PG", "PM", "PL", "IT", "PC", "SQL", "CLI", "GUI", "SDK",
    "REST", "WEB", "AND", "OR", "NW", "PJ",
];

/// `Cisco ASA`, `SAP SD` in a Japanese item: a vendor the taxonomy knows and the product line
/// written after it in capitals is the requirement as written; the vendor's skill still matches.
fn product_lines(text: &str, terms: &mut [Term]) {
    if text.is_ascii() {
        return;
    }
    let product = |w: &str| {
        (2..=5).contains(&w.len())
            && w.bytes().all(|c| c.is_ascii_uppercase())
            && !NOT_PRODUCT.contains(&w)
    };
    for i in 0..terms.len() {
        // The taxonomy read `Cisco ASA` as Cisco: keep the product line as written.
        let written = text.get(terms[i].start..terms[i].end).unwrap_or("").trim();
        let name = &terms[i].req.name;
        if written.len() > name.len()
            && written.is_char_boundary(name.len())
            && written[..name.len()].eq_ignore_ascii_case(name)
            && written[name.len()..]
                .strip_prefix(' ')
                .is_some_and(&product)
        {
            terms[i].req.name = written.to_string();
            continue;
        }
        let end = terms[i].end;
        let Some(after) = text.get(end..) else {
            continue;
        };
        let rest = after.trim_start_matches(' ');
        let gap = after.len() - rest.len();
        if gap > 1 || (gap == 0 && !text[..end].ends_with(' ')) {
            continue;
        }
        let word: &str = &rest[..rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len())];
        let next = terms.get(i + 1).map_or(usize::MAX, |t| t.start);
        if product(word) && end + gap + word.len() <= next {
            let t = &mut terms[i];
            t.req.name = format!("{} {word}", t.req.name);
            t.end = end + gap + word.len();
        }
    }
}

/// Separators of a list of work phases (`調査分析・要件定義・設計`).
const PHASE_SEPARATORS: &[char] = &['・', '、', ',', '/', '／'];
/// Words that end a listed phase as written (`運用設計経験`, `設計等`).
const PHASE_TAILS: &[&str] = &["の経験", "経験者", "経験", "知見", "実績", "等", "作業"];

/// A noun listed beside a known work phase is a work phase too, even when the taxonomy
/// does not know it (`基本設計、運用設計経験`, `調査分析・要件定義・設計など`).
fn phase_neighbours(text: &str, tax: &Taxonomy, terms: &mut Vec<Term>) {
    let anchors: Vec<(usize, usize)> = terms
        .iter()
        .filter(|t| t.kind == Some(SkillKind::Phase))
        .map(|t| (t.start, t.end))
        .collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let free = |terms: &[Term], found: &[(usize, usize)], s: usize, e: usize| {
        !terms.iter().any(|t| t.start < e && s < t.end)
            && !found.iter().any(|&(a, b)| a < e && s < b)
    };
    for (start, end) in anchors {
        // Forward: `要件定義・設計`, then on along the list.
        let mut at = end;
        loop {
            // A match may have taken the separator after it (`要件定義・`).
            let from = match text[at..].chars().next() {
                Some(c) if PHASE_SEPARATORS.contains(&c) => at + c.len_utf8(),
                _ if text[..at].ends_with(PHASE_SEPARATORS) => at,
                _ => break,
            };
            let run = text[from..]
                .char_indices()
                .find(|&(_, c)| !super::phrase::noun_char(c) || PHASE_SEPARATORS.contains(&c))
                .map_or(text.len(), |(k, _)| from + k);
            let mut to = run;
            while let Some(w) = PHASE_TAILS.iter().find(|w| text[from..to].ends_with(*w)) {
                to -= w.len();
            }
            let noun = &text[from..to];
            let vague = super::phrase::VAGUE.contains(&noun);
            if !(vague || phase_noun(noun)) || !free(terms, &found, from, to) {
                break;
            }
            // `詳細設計、開発、テスト`: a vague word in the list is passed over.
            if !vague {
                found.push((from, to));
            }
            at = run;
            if to < run {
                break;
            }
        }
        // Backward: `調査分析・要件定義`.
        let mut at = start;
        while let Some(sep) = text[..at]
            .chars()
            .next_back()
            .filter(|c| PHASE_SEPARATORS.contains(c))
        {
            let to = at - sep.len_utf8();
            let from = text[..to]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| super::phrase::noun_char(c) && !PHASE_SEPARATORS.contains(&c))
                .last()
                .map_or(to, |(k, _)| k);
            if !phase_noun(&text[from..to]) || !free(terms, &found, from, to) {
                break;
            }
            found.push((from, to));
            at = from;
        }
    }
    for (from, to) in found {
        let req = Requirement::named(&text[from..to], None, tax);
        let at = terms.partition_point(|t| t.start < from);
        terms.insert(
            at,
            Term {
                kind: req
                    .skill
                    .and_then(|id| tax.kind(id))
                    .or(Some(SkillKind::Phase)),
                req,
                start: from,
                end: to,
            },
        );
    }
}

/// A short noun of kanji or katakana that can name a kind of work, not a category.
fn phase_noun(s: &str) -> bool {
    let n = s.chars().count();
    (2..=10).contains(&n)
        && !s.is_ascii()
        && !super::phrase::VAGUE.contains(&s)
        && !GENERIC.contains(&s)
        && !s.chars().any(|c| c.is_ascii())
}

/// Concrete names in ASCII that the taxonomy does not know (`TeraTerm`, `Salesforce Marketing
/// Cloud`), kept as requirements by the name written. A run of capitalised words around a
/// known name (`Salesforce` in `Salesforce Marketing Cloud`) is one product, kept whole.
fn add_unknown(text: &str, terms: &mut Vec<Term>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut words: Vec<(usize, usize)> = Vec::new();
    while i < b.len() {
        if !super::word_starts(b, i) {
            i += 1;
            continue;
        }
        let j = super::word_end(b, i);
        words.push((i, j));
        i = j.max(i + 1);
    }
    // Phrases: known or name-like words separated by one space.
    let english = text.is_ascii();
    let covered =
        |terms: &[Term], s: usize, e: usize| terms.iter().any(|t| t.start < e && s < t.end);
    // `Marketing`, `Cloud`: ordinary words inside a product's name do not make it known.
    let specific = |terms: &[Term], s: usize, e: usize| {
        terms.iter().any(|t| {
            t.start < e
                && s < t.end
                && t.kind != Some(SkillKind::Domain)
                && !GENERIC.contains(&t.req.name.as_str())
        })
    };
    // In an English item the first word is capitalised as a sentence starts (`Speak fluent
    // English`), which says nothing; an item of one or two words is a name whatever its case
    // (`- vagrant`).
    let short = english && words.len() <= 2 && text.len() <= 30;
    let first = words.first().map_or(0, |w| w.0);
    let name_like = |s: usize, e: usize| {
        let w = &text[s..e];
        if short {
            return w.len() >= 3 && super::looks_like_tech(&w.to_ascii_uppercase(), english);
        }
        let marked = w
            .bytes()
            .skip(1)
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            || w.contains(['+', '#', '.']);
        w.len() >= 3 && super::looks_like_tech(w, english) && (!english || s != first || marked)
    };
    let mut k = 0;
    while k < words.len() {
        let ok = |terms: &[Term], (s, e): (usize, usize)| covered(terms, s, e) || name_like(s, e);
        if !ok(terms, words[k]) {
            k += 1;
            continue;
        }
        let mut m = k + 1;
        while m < words.len() && &text[words[m - 1].1..words[m].0] == " " && ok(terms, words[m]) {
            m += 1;
        }
        let phrase: Vec<(usize, usize)> = words[k..m].to_vec();
        let loose: Vec<(usize, usize)> = phrase
            .iter()
            .copied()
            .filter(|&(s, e)| !specific(terms, s, e))
            .collect();
        let some_unknown = phrase.iter().any(|&(s, e)| !covered(terms, s, e));
        // `Cisco ASA`, `VMware Horizon`: a known maker's name before an unknown product is
        // the product, named whole as the posting writes it.
        let product = phrase.len() == 2
            && covered(terms, phrase[0].0, phrase[0].1)
            && !covered(terms, phrase[1].0, phrase[1].1);
        let whole = !loose.is_empty()
            && ((loose.len() == phrase.len() && some_unknown) || phrase.len() >= 3 || product);
        let uncovered: Vec<(usize, usize)> = loose
            .into_iter()
            .filter(|&(s, e)| !covered(terms, s, e))
            .collect();
        // Two words with one known (`AWS Lambda`) stay two; longer runs are one product.
        let pieces = if whole {
            vec![(phrase[0].0, phrase[phrase.len() - 1].1)]
        } else {
            uncovered
        };
        for (from, to) in pieces {
            terms.retain(|t| !(t.start >= from && t.end <= to));
            let at = terms.partition_point(|t| t.start < from);
            terms.insert(
                at,
                Term {
                    req: Requirement {
                        skill: None,
                        name: text[from..to].to_string(),
                        min_years: None,
                    },
                    kind: None,
                    start: from,
                    end: to,
                },
            );
        }
        k = m;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Groups of `name:years` read from one item.
    fn read(s: &str) -> Vec<Vec<String>> {
        let tax = Taxonomy::builtin();
        let low = s.to_ascii_lowercase();
        let spans = tax.scan_spans(s);
        groups(s, &low, tax, &spans, true, &mut Vec::new())
            .into_iter()
            .map(|g| {
                g.into_iter()
                    .map(|r| match r.min_years {
                        Some(y) => format!("{}:{y}", r.name),
                        None => r.name,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn bracketed_examples_are_context_not_requirements() {
        let tax = Taxonomy::builtin();
        let s = "AWS（EC2、S3、Lambda等）の構築経験3年以上";
        let mut context = Vec::new();
        let g = groups(s, s, tax, &tax.scan_spans(s), true, &mut context);
        let names = |rs: &[Requirement]| rs.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        assert_eq!(g.len(), 1);
        assert_eq!(names(&g[0]), ["AWS"]);
        assert_eq!(g[0][0].min_years, Some(3.0));
        assert_eq!(names(&context), ["Amazon EC2", "Amazon S3", "AWS Lambda"]);
    }

    #[test]
    fn alternatives_and_years() {
        for (item, want) in [
            ("Go(3年以上)", vec![vec!["Go:3"]]),
            (
                "PHPまたはRubyの実務経験2年以上",
                vec![vec!["PHP:2", "Ruby:2"]],
            ),
            (
                "MySQL・Oracle・PostgreSQLいずれかの経験",
                vec![vec!["MySQL", "Oracle", "PostgreSQL"]],
            ),
            (
                "Ansible、Terraform、Zabbixのうち2製品以上",
                vec![vec!["Ansible", "Terraform", "Zabbix"]],
            ),
            (
                "Kotlin、Swift、Go等、いずれかを用いた開発経験",
                vec![vec!["Kotlin", "Swift", "Go"]],
            ),
            ("Azure/GCP経験", vec![vec!["Azure", "GCP"]]),
            (
                "Java/SQLでの開発経験5年以上",
                vec![vec!["Java:5"], vec!["SQL:5"]],
            ),
            (
                "開発経験3年以上(Python / Ruby)",
                vec![vec!["Python:3"], vec!["Ruby:3"]],
            ),
            (
                "Linuxの運用経験1年以上(Windows Serverでも可)",
                vec![vec!["Linux:1", "Windows Server:1"]],
            ),
            ("Swift開発経験(4~5年想定)", vec![vec!["Swift:4"]]),
            (
                "バックエンドエンジニアとしてのRuby開発経験",
                vec![vec!["Ruby"]],
            ),
            ("GCPなどのクラウド環境構築", vec![vec!["GCP"]]),
            (
                "VMware Horizon、CitrixなどのVDI製品の運用経験",
                vec![vec!["VMware Horizon", "Citrix"]],
            ),
            (
                "Linuxの基本操作、ログ調査などの障害対応",
                vec![vec!["Linux"], vec!["障害対応"]],
            ),
            (
                "オンプレミス・クラウド問わずインフラ運用の経験が3年～5年以上",
                vec![vec!["インフラ運用:3"]],
            ),
            ("Cisco Firepowerの設計経験", vec![vec!["Cisco Firepower"]]),
            (
                "システム基盤における基本設計、運用設計経験",
                vec![vec!["基本設計"], vec!["運用設計"]],
            ),
            (
                "調査分析・要件定義・設計などの上流経験",
                vec![vec!["調査分析", "要件定義", "設計"]],
            ),
            ("PM/PL経験", vec![vec!["PM", "PL"]]),
            // A role beside the work it does is either; a language and its framework both.
            ("開発系PM/PMO", vec![vec!["PM", "PMO"]]),
            (
                "Windows環境でのシステム運用業務(AD、DNSなど)",
                vec![vec!["Windows"]],
            ),
            (
                "詳細設計、開発、テストの経験",
                vec![vec!["詳細設計"], vec!["テスト"]],
            ),
            (
                "bash、Shellでの開発経験",
                vec![vec!["Bash", "Shell Script"]],
            ),
            (
                "JavaScript(React/Vue/Angular)でのフロント実装経験",
                vec![vec!["JavaScript"]],
            ),
            ("AWS（EC2、S3、Lambda等）の構築経験", vec![vec!["AWS"]]),
            (
                "Azureの基本的なサービスを使用した設計、構築(VM、Key Vault、Load Balancer、Azure Monitor、AKS)",
                vec![vec!["Azure"]],
            ),
            (
                "PHP(Laravel)での開発経験",
                vec![vec!["PHP"], vec!["Laravel"]],
            ),
            ("WinActorでのシナリオ作成経験", vec![vec!["WinActor"]]),
            // A product line after its vendor is kept as written.
            (
                "Cisco FirepowerまたはCisco ASAの構築経験",
                vec![vec!["Cisco Firepower", "Cisco ASA"]],
            ),
            ("SAP MMの導入経験", vec![vec!["SAP MM"]]),
            // A platform with its work written onto it is asked by the whole name.
            ("RHEL構築経験(3年以上)", vec![vec!["RHEL構築:3"]]),
            (
                "Linuxサーバ設計/構築経験",
                vec![vec!["Linuxサーバ設計/構築"]],
            ),
            ("Linuxの構築経験", vec![vec!["Linux"]]),
            (
                "Linuxサーバ運用経験1年以上(Windowsサーバーでも可)",
                vec![vec!["Linuxサーバ運用:1", "Windowsサーバー運用:1"]],
            ),
            (
                "サーバ運用経験1年以上(WindowsでもLinuxサーバーでも可)",
                vec![vec!["Windowsサーバ運用:1", "Linuxサーバー運用:1"]],
            ),
            ("AWS APIの利用経験", vec![vec!["AWS"]]),
            (
                "Salesforce Marketing Cloudの運用経験",
                vec![vec!["Salesforce Marketing Cloud"]],
            ),
        ] {
            let want: Vec<Vec<String>> = want
                .into_iter()
                .map(|g| g.into_iter().map(str::to_string).collect())
                .collect();
            assert_eq!(read(item), want, "{item}");
        }
    }

    #[test]
    fn qualifiers_keep_their_skill_and_are_not_skills() {
        assert_eq!(read("NW設計構築経験3年以上"), vec![vec!["ネットワーク:3"]]);
        assert_eq!(
            read("AWSもしくはAzureでのインフラ設計・構築経験2年以上"),
            vec![vec!["AWS:2", "Azure:2"]]
        );
        assert_eq!(
            read("ネットワーク設計・構築の経験"),
            vec![vec!["ネットワーク"]]
        );
        assert_eq!(read("Javaでのコーディング経験"), vec![vec!["Java"]]);
        assert!(read("コーディング経験").is_empty());
        assert_eq!(read("詳細設計、製造"), vec![vec!["詳細設計"], vec!["製造"]]);
    }

    #[test]
    fn soft_skills_and_titles_are_not_requirements() {
        assert!(read("コミュニケーション能力の高い方").is_empty());
        assert!(read("PMやSEとコミュニケーションが取れる方").is_empty());
        assert!(read("フロントエンドエンジニアとしての参画").is_empty());
        assert!(read("保守運用や既存システム改修への抵抗がない方").is_empty());
        assert!(read("Are located in the Americas or Europe").is_empty());
    }
}
