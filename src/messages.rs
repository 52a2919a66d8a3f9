//! Errors in the user's language, one catalogue for both front ends: the store's and the
//! pipeline's refusals are typed, and worded here for Japanese (their English words, from
//! `Display`, name the CLI's flags). What the catalogue does not hold is said as it came.

use crate::i18n::Lang;
use crate::pipeline::{Stage, StageError};
use crate::store::{ProposalError as P, Record, StoreError as E};

/// One line for a failure, in `lang`.
pub fn failure(lang: Lang, e: &anyhow::Error) -> String {
    let said = match lang {
        Lang::Ja => ja(e),
        Lang::En => None,
    };
    crate::text::cell(&said.unwrap_or_else(|| format!("{e:#}")))
}

/// The error as the front end reports it: in Japanese when the catalogue words it, else
/// unchanged (so its chain still tells a closed pipe from a failure).
pub fn localized(lang: Lang, e: anyhow::Error) -> anyhow::Error {
    match lang {
        Lang::Ja => match ja(&e) {
            Some(line) => anyhow::anyhow!(line),
            None => e,
        },
        Lang::En => e,
    }
}

/// The Japanese line for the first error in the chain the catalogue knows.
fn ja(e: &anyhow::Error) -> Option<String> {
    e.chain().find_map(|c| {
        if let Some(s) = c.downcast_ref::<E>() {
            store_ja(s)
        } else if let Some(p) = c.downcast_ref::<P>() {
            Some(proposal_ja(p))
        } else {
            c.downcast_ref::<StageError>().map(|s| stage_ja(None, s))
        }
    })
}

fn record_ja(r: Record) -> &'static str {
    match r {
        Record::Engineer => "技術者",
        Record::Opening => "案件",
        Record::Proposal => "提案",
    }
}

fn st(s: Stage) -> &'static str {
    s.label(Lang::Ja)
}

fn store_ja(e: &E) -> Option<String> {
    Some(match e {
        E::NoSuch { record, id } => format!("{} #{id} はありません", record_ja(*record)),
        E::NotADatabase { path } => {
            format!("{path}: benchmatch のデータベースではありません (SQLite でないか壊れています)")
        }
        E::Foreign { path } => {
            format!("{path}: benchmatch のデータベースではありません (ほかのプログラムの SQLite です)")
        }
        E::NewerSchema {
            path,
            found,
            supported,
        } => format!(
            "{path}: データベースの版 v{found} はこの benchmatch (v{supported}) より新しいものです。benchmatch を更新してください"
        ),
        E::Create { path, error } => format!("{path}: 作成できません: {error}"),
        E::Busy { .. } => {
            "ほかの benchmatch がデータベースを使い続けています。何も書き込んでいません。もう一度お試しください".into()
        }
        E::ReadOnly { path } => format!("{path}: データベースが読み取り専用です"),
        E::DiskFull { path } => {
            format!("{path}: ディスクがいっぱいです。何も書き込んでいません")
        }
        E::NotEmpty => {
            "import all は空のデータベースに復元します。このデータベースにはデータがあります".into()
        }
        E::ProposalChanged { id } => {
            format!("提案 #{id} はその間にほかで変更されました。もう一度操作してください")
        }
        E::OpeningChanged { opening_id } => {
            format!("案件 #{opening_id} はその間にほかで変更されました。もう一度編集してください")
        }
        E::NoAssignment { engineer_id, on } => {
            format!("技術者 #{engineer_id} には {on} までに始まった稼働がありません")
        }
        E::EndsBeforeStart { from, to } => {
            format!("稼働の終了日 ({to}) が開始日 ({from}) より前です")
        }
        E::Proposal(p) => proposal_ja(p),
        _ => return None,
    })
}

fn stage_ja(id: Option<i64>, e: &StageError) -> String {
    let at = id.map(|id| format!("提案 #{id}: ")).unwrap_or_default();
    match e {
        StageError::Final { from, .. } => format!("{at}「{}」で終わっています", st(*from)),
        StageError::Illegal { from, to, .. } => {
            let next: Vec<&str> = from.next().iter().map(|s| st(*s)).collect();
            format!(
                "{at}「{}」から「{}」には進めません (次は {})",
                st(*from),
                st(*to),
                next.join("、")
            )
        }
        StageError::Unknown(s) => format!(
            "{at}段階「{s}」はありません ({})",
            Stage::ALL.map(st).join("、")
        ),
    }
}

fn proposal_ja(p: &P) -> String {
    match p {
        P::AlreadyProposed {
            engineer_id,
            opening_id,
            proposal_id,
            ..
        } => format!(
            "技術者 #{engineer_id} は案件 #{opening_id} に提案済みです (提案 #{proposal_id})"
        ),
        P::Move { id, error } => stage_ja(Some(*id), error),
        P::WithdrawOthersWith { id, .. } | P::WithdrawOthersFrom { id, .. } => {
            format!("提案 #{id}: ほかの提案の取り下げは内定か契約締結のときだけです")
        }
        P::NothingToDo { id } => format!("提案 #{id}: 変更がありません"),
        P::StartWith { id, .. } => {
            format!("提案 #{id}: 参画日は内定か契約締結のときに入れます")
        }
        P::NotPartner { id, name, .. } => {
            format!("提案 #{id}: {name} はパートナーの技術者ではありません")
        }
        P::Signed { id, stage } => format!(
            "提案 #{id} は「{}」です。単価とメモは契約前だけ変えられます",
            st(*stage)
        ),
        P::AlreadyAnswered { opening_id, at, .. } => format!(
            "案件 #{opening_id} は {} に回答済みです",
            at.format("%Y-%m-%d %H:%M UTC")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_japanese_on_japanese_screens_and_unchanged_in_english() {
        for (e, ja_says) in [
            (E::ProposalChanged { id: 3 }, "提案 #3"),
            (E::OpeningChanged { opening_id: 4 }, "案件 #4"),
            (
                E::NoSuch {
                    record: Record::Engineer,
                    id: 9,
                },
                "技術者 #9 はありません",
            ),
            (E::Empty("client name"), ""),
        ] {
            let en = e.to_string();
            let e = anyhow::Error::from(e);
            assert_eq!(failure(Lang::En, &e), en);
            let ja = failure(Lang::Ja, &e);
            if ja_says.is_empty() {
                // Not in the catalogue yet: said as the store says it, not dropped.
                assert_eq!(ja, en);
            } else {
                assert!(ja.contains(ja_says) && !ja.is_ascii(), "{ja}");
                assert!(
                    !ja.contains("meanwhile") && !ja.contains("no engineer"),
                    "{ja}"
                );
            }
        }
    }

    #[test]
    fn an_unknown_stage_lists_the_stages_in_japanese() {
        let e = anyhow::Error::from(StageError::Unknown("signd".into()));
        let ja = failure(Lang::Ja, &e);
        assert!(ja.contains("「signd」") && ja.contains("内定"), "{ja}");
    }

    #[test]
    fn a_wrapped_refusal_is_found_in_the_chain() {
        let e = anyhow::Error::from(E::NotEmpty).context("all.json");
        assert!(failure(Lang::Ja, &e).contains("空のデータベース"));
        let e = localized(Lang::Ja, e);
        assert!(!format!("{e:#}").contains("empty database"));
    }
}
