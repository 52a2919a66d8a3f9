//! Editing an engineer's profile: one set of keys and value forms for the dashboard
//! form and `benchmatch edit engineer ID --set KEY=VALUE`, errors in the rep's language.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::domain::fields::{self as table, ENGINEER_TABLE};
use crate::domain::{parse_date, Engineer, Man, Remote};
use crate::i18n::Lang;
use crate::skills::Taxonomy;
use crate::store::journal::{Actor, Scope, Table};
use crate::store::{Result, Store, StoreError};

/// The editable fields: key, English label, Japanese label; those written out by hand
/// below, then the table's ([`crate::domain::fields::ENGINEER_TABLE`]).
pub static FIELDS: std::sync::LazyLock<Vec<(&str, &str, &str)>> = std::sync::LazyLock::new(|| {
    HAND.iter()
        .copied()
        .chain(ENGINEER_TABLE.iter().map(|f| (f.key, f.en, f.ja)))
        .collect()
});

/// The fields older than the table, each parsed and shown by hand in [`set`] and [`value`].
const HAND: &[(&str, &str, &str)] = &[
    ("available_from", "free from", "稼働可能日"),
    ("availability_confirmed", "confirmed on", "確認日"),
    ("foreign", "foreign national", "外国籍"),
    ("japanese_level", "Japanese level", "日本語"),
    ("age_band", "age band", "年代"),
    ("rate", "asking rate (万円)", "希望単価 (万円)"),
    ("cost", "cost (万円)", "原価 (万円)"),
    ("station", "nearest station", "最寄り駅"),
    ("remote_pref", "remote wish", "リモート希望"),
    ("skills", "skills with years", "スキル (年数)"),
    ("employment", "employment at a partner", "雇用形態 (BP)"),
    ("ng", "will not take (NG)", "NG (業界・働き方)"),
    ("languages", "English / other languages", "英語・他言語"),
    ("notes", "notes / 所感", "メモ・所感"),
];

/// A field's label in the rep's language.
pub fn label(key: &str, lang: Lang) -> &'static str {
    FIELDS
        .iter()
        .find(|f| f.0 == key)
        .map_or("", |f| if lang == Lang::Ja { f.2 } else { f.1 })
}

/// A field's value as the form shows it, in the same syntax `set` reads.
pub fn value(e: &Engineer, key: &str, tax: &Taxonomy, lang: Lang) -> String {
    if let Some(f) = table::find(key) {
        return f.text(e);
    }
    let ja = lang == Lang::Ja;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match key {
        "available_from" => date(e.available_from),
        "availability_confirmed" => date(e.availability_confirmed),
        "foreign" => match (e.foreign, ja) {
            (Some(true), true) => "外国籍".into(),
            (Some(false), true) => "日本国籍".into(),
            (Some(true), false) => "yes".into(),
            (Some(false), false) => "no".into(),
            (None, _) => String::new(),
        },
        "japanese_level" => e.japanese_level.clone().unwrap_or_default(),
        "languages" => e
            .languages
            .iter()
            .map(|l| {
                let level = if ja {
                    l.level.label_ja()
                } else {
                    l.level.as_str()
                };
                format!("{}:{level}", l.name)
            })
            .collect::<Vec<_>>()
            .join(";"),
        "age_band" => e.age_band.clone().unwrap_or_default(),
        "employment" => match (e.employment, ja) {
            (Some(x), true) => x.label_ja().into(),
            (Some(x), false) => x.as_str().into(),
            (None, _) => String::new(),
        },
        "ng" => e.ng.join("、"),
        "rate" => e.rate.map(|m| m.as_f64().to_string()).unwrap_or_default(),
        "cost" => e.cost.map(|m| m.as_f64().to_string()).unwrap_or_default(),
        "station" => e.station.clone().unwrap_or_default(),
        "remote_pref" => match (e.remote_pref, ja) {
            (Some(Remote::Full), true) => "フル".into(),
            (Some(Remote::Partial), true) => "一部".into(),
            (Some(Remote::None), true) => "常駐".into(),
            (Some(r), false) => r.as_str().into(),
            (None, _) => String::new(),
        },
        "skills" => e
            .skills
            .iter()
            .map(|s| format!("{} {}", tax.name(s.skill), s.years))
            .collect::<Vec<_>>()
            .join(", "),
        "notes" => e.notes.clone(),
        _ => String::new(),
    }
}

fn err(lang: Lang, key: &str, ja: String, en: String) -> String {
    let l = label(key, lang);
    if lang == Lang::Ja {
        format!("{l}: {ja}")
    } else {
        format!("{l}: {en}")
    }
}

/// Set one field from text; empty clears it. Keys are the English keys or the labels.
pub fn set(
    e: &mut Engineer,
    key: &str,
    text: &str,
    tax: &Taxonomy,
    lang: Lang,
) -> std::result::Result<(), String> {
    use unicode_normalization::UnicodeNormalization;
    let key = FIELDS
        .iter()
        .find(|f| f.0 == key.trim() || f.1 == key.trim() || f.2 == key.trim())
        .map(|f| f.0)
        .ok_or_else(|| {
            let keys = FIELDS.iter().map(|f| f.0).collect::<Vec<_>>().join(", ");
            if lang == Lang::Ja {
                format!("項目「{key}」はありません (項目: {keys})")
            } else {
                format!("unknown field '{key}' (fields: {keys})")
            }
        })?;
    // No value longer than a note: every export (an xlsx cell holds 32,767) takes it back.
    let n = text.chars().count();
    let max = crate::domain::bounds::MAX_NOTES_CHARS;
    if n > max {
        return Err(err(
            lang,
            key,
            format!("{n} 文字あります (最大 {max} 文字)"),
            format!("{n} characters, at most {max}"),
        ));
    }
    let v: String = text.nfkc().collect();
    let v = v.trim();
    if let Some(f) = table::find(key) {
        return f
            .set(e, v)
            .map_err(|r| err(lang, key, r.message(true), r.message(false)));
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let day = |s: &str| -> std::result::Result<Option<NaiveDate>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        let d = parse_date(&s.replace('/', "-")).map_err(|_| {
            err(
                lang,
                key,
                format!("「{s}」は日付ではありません (例: 2027-01-15)"),
                format!("'{s}' is not a date (e.g. 2027-01-15)"),
            )
        })?;
        // The years imports, restore, export and Excel all accept.
        let years = &crate::domain::bounds::YEARS;
        if !years.contains(&d.year()) {
            return Err(err(
                lang,
                key,
                format!(
                    "{d} は {}〜{} 年の日付ではありません",
                    years.start(),
                    years.end()
                ),
                format!("{d} is not between {} and {}", years.start(), years.end()),
            ));
        }
        Ok(Some(d))
    };
    // A name-like value: what imports accept (no control characters, not a novel).
    let name = |s: &str| -> std::result::Result<Option<String>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        crate::domain::bounds::name(key, s).map_err(|m| {
            err(
                lang,
                key,
                format!(
                    "使えない値です (制御文字を含まず {} 文字以内)",
                    crate::domain::bounds::MAX_NAME_CHARS
                ),
                m,
            )
        })?;
        Ok(Some(s.to_string()))
    };
    let man = |s: &str| -> std::result::Result<Option<Man>, String> {
        let t = s.trim_end_matches('万').trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<f64>()
            .ok()
            .and_then(Man::new)
            .map(Some)
            .ok_or_else(|| {
                err(
                    lang,
                    key,
                    format!("「{s}」は万円の数字ではありません (例: 70)"),
                    format!("'{s}' is not a number of 万円 (e.g. 70)"),
                )
            })
    };
    match key {
        "available_from" => e.available_from = day(v)?,
        "availability_confirmed" => e.availability_confirmed = day(v)?,
        "foreign" => {
            e.foreign = match v {
                "" => None,
                "外国籍" => Some(true),
                "日本国籍" | "日本" => Some(false),
                other if crate::domain::yes_no(other).is_some() => crate::domain::yes_no(other),
                _ => {
                    return Err(err(
                        lang,
                        key,
                        format!("「{v}」: 外国籍 / 日本国籍 で入力してください"),
                        format!("'{v}': yes or no"),
                    ))
                }
            }
        }
        "japanese_level" => e.japanese_level = name(v)?,
                "languages" => {
            e.languages = crate::domain::parse_languages(v).map_err(|m| {
                err(
                    lang,
                    key,
                    format!("{m} (英語:ビジネス;中国語:ネイティブ のように。水準は 不可 / 読み書き / ビジネス / ネイティブ)"),
                    format!("{m} (e.g. 英語:business;中国語:native)"),
                )
            })?
        }
                "age_band" => {
            if !v.is_empty() {
                crate::domain::bounds::age_band(v).map_err(|_| {
                    err(
                        lang,
                        key,
                        format!("「{v}」は年代ではありません (例: 30代, 30代前半, 32歳, 30-35)"),
                        format!("'{v}' is not an age band (like 30代, 30代前半, 32歳 or 30-35)"),
                    )
                })?;
            }
            e.age_band = opt(v);
        }
        "employment" => {
            e.employment = match v {
                "" => None,
                other => Some(crate::domain::Employment::parse(other).ok_or_else(|| {
                    err(
                        lang,
                        key,
                        format!("「{other}」: 正社員 / 契約社員 / 個人事業主 で入力してください"),
                        format!("'{other}': full_time, contract or freelancer"),
                    )
                })?),
            }
        }
        "ng" => e.ng = crate::domain::split_ng(v),
        "rate" => e.rate = man(v)?,
        "cost" => e.cost = man(v)?,
        "station" => e.station = name(v.trim_end_matches('駅'))?,
        "remote_pref" => {
            e.remote_pref = match v {
                "" => None,
                "フル" | "フルリモート" => Some(Remote::Full),
                "一部" | "一部リモート" | "ハイブリッド" => Some(Remote::Partial),
                "常駐" | "出社" | "出社可" => Some(Remote::None),
                other => Some(Remote::parse(other).ok_or_else(|| {
                    err(
                        lang,
                        key,
                        format!("「{other}」: フル / 一部 / 常駐 で入力してください"),
                        format!("'{other}': full, partial or none"),
                    )
                })?),
            }
        }
        "skills" => {
            let mut skills = Vec::new();
            for item in v
                .split([',', '、', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                // `Java 5`, `Java:5`, `Java 5年`, or a name alone (0 years).
                let item = item.trim_end_matches('年');
                let (name, years) = match item.rsplit_once([' ', ':']) {
                    Some((n, y)) if y.trim().parse::<f32>().is_ok() => {
                        (n.trim(), y.trim().parse::<f32>().unwrap_or(0.0))
                    }
                    _ => (item, 0.0),
                };
                let skill = tax.lookup(name).ok_or_else(|| {
                    err(
                        lang,
                        key,
                        format!("スキル「{name}」は辞書にありません (benchmatch skills add-alias で追加)"),
                        format!("unknown skill '{name}' (add it with benchmatch skills add-alias)"),
                    )
                })?;
                if !(0.0..=60.0).contains(&years) {
                    return Err(err(
                        lang,
                        key,
                        format!("{name} の年数 {years} は 0〜60 ではありません"),
                        format!("{name}: years {years} not in 0..60"),
                    ));
                }
                skills.push(crate::domain::EngineerSkill {
                    skill,
                    years,
                    level: None,
                    last_used: None,
                });
            }
            e.skills = skills;
            e.normalize_skills();
        }
        "notes" => {
            let notes = text.trim();
            let n = notes.chars().count();
            let max = crate::domain::bounds::MAX_NOTES_CHARS;
            if n > max || notes.contains('\0') {
                return Err(err(
                    lang,
                    key,
                    format!("{n} 文字あります (最大 {max} 文字、NUL 不可)"),
                    format!("{n} characters, at most {max} (and no NUL)"),
                ));
            }
            e.notes = notes.to_string();
        }
        _ => {}
    }
    Ok(())
}

/// The same bounds an import or a restore applies: a date within 1950-2100 (and so in
/// Excel's range), an age band the trade writes, notes within 10,000 characters.
pub fn check(e: &Engineer, tax: &Taxonomy) -> std::result::Result<(), String> {
    crate::domain::bounds::engineer(&crate::store::records::EngineerRecord::from_engineer(
        e, None, tax,
    ))
}

/// The fields whose value differs between two profiles, as the form shows them.
pub fn changed_fields(a: &Engineer, b: &Engineer, tax: &Taxonomy) -> Vec<&'static str> {
    FIELDS
        .iter()
        .map(|f| f.0)
        .filter(|k| value(a, k, tax, Lang::En) != value(b, k, tax, Lang::En))
        .collect()
}

fn edit_label(name: &str, keys: &[&str], lang: Lang) -> String {
    let fields = keys
        .iter()
        .map(|k| label(k, lang))
        .collect::<Vec<_>>()
        .join(", ");
    match lang {
        Lang::Ja => format!("{name} の編集: {fields}"),
        Lang::En => format!("edit of {name}: {fields}"),
    }
}

/// Write `after` over the profile as stored now, inside one journaled action: read,
/// check, write, with no other writer in between.
fn write(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    label: &str,
    now: DateTime<Utc>,
    f: impl FnOnce(&Engineer) -> Result<Engineer>,
) -> Result<(Engineer, Engineer)> {
    let scope = Scope::default().row(Table::Engineers, id);
    store.act(actor, label, true, &scope, now, |s| {
        let current = s.engineer(id)?;
        let after = f(&current)?;
        s.update_engineer(&after, now)?;
        Ok((current, after))
    })
}

/// Save the dashboard form: only the fields changed from `base` (the profile the form
/// opened with) are written, over the profile as stored now, so a field someone else
/// changed meanwhile is kept. Refused, naming the fields, when both changed the same one.
pub fn save(
    store: &mut Store,
    actor: &Actor,
    base: &Engineer,
    edited: &Engineer,
    tax: &Taxonomy,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Engineer> {
    let changed = changed_fields(base, edited, tax);
    if changed.is_empty() {
        return Ok(base.clone());
    }
    check(edited, tax).map_err(StoreError::Invalid)?;
    let what = edit_label(&base.name, &changed, lang);
    let (_, after) = write(store, actor, base.id, &what, now, |current| {
        let mut merged = current.clone();
        let mut clash = Vec::new();
        for k in &changed {
            let (was, mine, now) = (
                value(base, k, tax, Lang::En),
                value(edited, k, tax, Lang::En),
                value(current, k, tax, Lang::En),
            );
            if now != was && now != mine {
                clash.push(label(k, lang));
                continue;
            }
            set(&mut merged, k, &mine, tax, Lang::En).map_err(StoreError::Invalid)?;
        }
        if !clash.is_empty() {
            let fields = clash.join(", ");
            return Err(StoreError::Changed(match lang {
                Lang::Ja => format!(
                    "保存しません: {fields} は開いた後に他で変更されています (R で読み直してから編集してください)"
                ),
                Lang::En => format!(
                    "not saved: {fields} changed elsewhere since the form opened (press R to reload, then edit)"
                ),
            }));
        }
        check(&merged, tax).map_err(StoreError::Invalid)?;
        Ok(merged)
    })?;
    Ok(after)
}

/// `benchmatch edit engineer ID --set KEY=VALUE...`: every change or none, applied to the
/// profile as stored when the write starts (so another edit of other fields is kept),
/// one journaled transaction. Returns the profile before and after.
#[allow(clippy::too_many_arguments)]
pub fn edit(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    sets: &[String],
    tax: &Taxonomy,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(Engineer, Engineer)> {
    let mut pairs = Vec::new();
    for s in sets {
        let (k, v) = super::split_set(s, "", lang)?;
        pairs.push((k, v));
    }
    let name = store.engineer(id)?.name;
    let keys: Vec<&str> = pairs
        .iter()
        .filter_map(|(k, _)| {
            FIELDS
                .iter()
                .find(|f| f.0 == k.trim() || f.1 == k.trim() || f.2 == k.trim())
                .map(|f| f.0)
        })
        .collect();
    let label = edit_label(&name, &keys, lang);
    write(store, actor, id, &label, now, |current| {
        let mut after = current.clone();
        for (k, v) in &pairs {
            set(&mut after, k, v, tax, lang).map_err(StoreError::Invalid)?;
        }
        check(&after, tax).map_err(StoreError::Invalid)?;
        Ok(after)
    })
}

/// "Availability confirmed today": one key on the engineer sheet. Returns the profile before.
pub fn confirm_availability(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Engineer> {
    let name = store.engineer(id)?.name;
    let label = edit_label(&name, &["availability_confirmed"], lang);
    let (before, _) = write(store, actor, id, &label, now, |current| {
        let mut after = current.clone();
        after.availability_confirmed = Some(today);
        Ok(after)
    })?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_back_what_it_shows_in_both_languages() {
        let tax = Taxonomy::builtin();
        let mut e = crate::store::EngineerRecord {
            fields: Default::default(),
            id: Some(1),
            name: "A".into(),
            initials: None,
            affiliation: "own".into(),
            partner: None,
            depth: None,
            station: Some("渋谷".into()),
            area: None,
            remote_pref: Some("partial".into()),
            available_from: Some("2027-01-01".into()),
            availability_confirmed: None,
            cost: Some(50.0),
            rate: Some(70.0),
            foreign: Some(false),
            japanese_level: None,
            languages: None,
            age_band: None,
            career_start: None,
            notes: String::new(),
            last_checked: None,
            employment: None,
            ng: None,
            skills: vec![],
            assignment_end: None,
            assignment_client: None,
            assignment_start: None,
        }
        .to_engineer(tax)
        .unwrap();
        for lang in [Lang::Ja, Lang::En] {
            set(&mut e, "skills", "ｊａｖａ 5, ポスグレ 2", tax, lang).unwrap();
            set(&mut e, "employment", "個人事業主", tax, lang).unwrap();
            set(&mut e, "ng", "金融NG、夜勤不可", tax, lang).unwrap();
            set(
                &mut e,
                "languages",
                "英語：ビジネス；中国語:native",
                tax,
                lang,
            )
            .unwrap();
            assert_eq!(
                crate::domain::format_languages(&e.languages),
                "英語:business;中国語:native"
            );
            let shown = value(&e, "languages", tax, lang);
            set(&mut e, "languages", &shown, tax, lang).unwrap();
            assert_eq!(e.languages.len(), 2, "{shown}");
            for (k, _, _) in FIELDS.iter() {
                let v = value(&e, k, tax, lang);
                let mut again = e.clone();
                set(&mut again, k, &v, tax, lang).unwrap();
                assert_eq!(again, e, "{k} = {v}");
            }
        }
        assert_eq!(e.skills.len(), 2);
        assert_eq!(e.employment, Some(crate::domain::Employment::Freelancer));
        assert_eq!(e.ng, vec!["金融NG", "夜勤不可"]);
        set(&mut e, "employment", "たぶん", tax, Lang::Ja).unwrap_err();
        set(&mut e, "外国籍", "不明", tax, Lang::Ja).unwrap_err();
        let msg = set(&mut e, "rate", "abc", tax, Lang::Ja).unwrap_err();
        assert!(msg.starts_with("希望単価"), "{msg}");
    }
}
