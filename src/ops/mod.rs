//! What a rep does, once for both front ends: each function takes the store and plain
//! inputs and returns data (and typed warnings); the CLI prints it, the dashboard shows it.
//!
//! - [`bookings`]: end an assignment; what rankings of other openings say about the booked.
//! - [`checks`]: profile checks over the engineers and their assignments.
//! - [`demo`]: the demo's proposals in several stages.
//! - [`engineers`]: edit a profile (one field syntax for the form and `--set`, only the
//!   changed fields written, held to the import bounds), confirm today.
//! - [`import_postings`]: posting files, mail and folders into openings (one walker, bounded).
//! - [`import_mail`]: mail files and mailboxes into the store: openings, partner offers, the rest.
//! - [`pitch`]: the proposal message with the warnings the rep reads first.
//! - [`proposals`]: an unsigned proposal's rate and note, edited with their story.
//! - [`records`]: opening lists, demo fills, exports and backups taken back; clients and partners.
//! - [`revise`]: a new revision of an opening's requirements, and the ranking it moves.
//! - [`roster`]: a roster in the trade's words into engineers, partners and assignments.
//! - [`sync`]: team sync with the hub; the hub itself (serve, members, certificates).
//! - [`undo`]: the journaled writes (propose, stage, withdraw, status, answer, rank, end an
//!   assignment) and undo/redo of this user's last action, refused over later changes.

pub mod bookings;
pub mod checks;
pub mod demo;
pub mod engineers;
pub mod import_mail;
pub mod import_postings;
pub mod learned;
pub mod pitch;
pub mod proposals;
pub mod records;
pub mod revise;
pub mod roster;
pub mod sync;
pub mod undo;

/// One `--set KEY=VALUE` split, refused in the user's language; `keys` names what may be
/// set (e.g. " (rate, note)"), or is empty.
pub(crate) fn split_set<'a>(
    s: &'a str,
    keys: &str,
    lang: crate::i18n::Lang,
) -> crate::store::Result<(&'a str, &'a str)> {
    s.split_once('=').ok_or_else(|| {
        crate::store::StoreError::Invalid(if lang == crate::i18n::Lang::Ja {
            format!("--set '{s}': 項目=値 の形で指定してください{keys}")
        } else {
            format!("--set '{s}': expected KEY=VALUE{keys}")
        })
    })
}
