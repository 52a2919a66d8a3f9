//! A proposal follows its opening: while unsigned, its rate and note stay editable, each
//! change an event in its story, and the pitch quotes what is current.

use chrono::{DateTime, Utc};

use crate::domain::Man;
use crate::i18n::Lang;
use crate::pipeline::PipelineItem;
use crate::store::{Result, Store, StoreError};

/// `benchmatch edit proposal ID --set rate=65 --set note=…` and the dashboard's edit:
/// every change or none. Keys: `rate` (万円; empty clears) and `note` (also 単価, メモ).
pub fn edit(
    store: &mut Store,
    id: i64,
    sets: &[String],
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(PipelineItem, PipelineItem)> {
    let mut rate: Option<Option<Man>> = None;
    let mut note: Option<String> = None;
    for s in sets {
        let (k, v) = super::split_set(s, " (rate, note)", lang)?;
        match k.trim() {
            "rate" | "単価" => rate = Some(parse_rate(v, lang)?),
            "note" | "notes" | "メモ" => note = Some(v.to_string()),
            other => {
                return Err(StoreError::Invalid(if lang == Lang::Ja {
                    format!("項目「{other}」はありません (項目: rate, note)")
                } else {
                    format!("unknown key '{other}' (keys: rate, note)")
                }))
            }
        }
    }
    store.set_proposal_terms(id, rate, note.as_deref(), now)
}

/// `65`, `65万`, `65.5`; empty clears.
pub fn parse_rate(v: &str, lang: Lang) -> Result<Option<Man>> {
    Man::parse_typed(v).map_err(|_| {
        StoreError::Invalid(if lang == Lang::Ja {
            format!("単価「{v}」は万円の数字ではありません (例: 65)")
        } else {
            format!("rate '{v}' is not a number of 万円 (e.g. 65)")
        })
    })
}
