//! The stage machine of a proposal: which moves are legal, and what each stage means.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::i18n::Lang;

/// Where a proposal stands. The happy path runs top to bottom as far as `Started`;
/// `Declined`, `Rejected` and `Withdrawn` end it early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Sent to the client (提案中).
    Proposed,
    /// An interview is scheduled (面談調整済み).
    Interview,
    /// An interview took place; the round count lives in the events.
    Interviewed,
    /// The client said yes (内定): a verbal yes, not yet a contract.
    Offered,
    /// Contract signed (契約締結).
    Signed,
    /// The engineer started work (参画).
    Started,
    /// We (or the engineer) declined (辞退).
    Declined,
    /// The client rejected (見送り).
    Rejected,
    /// We withdrew the proposal, usually because the engineer went elsewhere (取り下げ).
    Withdrawn,
}

/// An illegal move, worded for the one-line error the user sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    #[error("unknown stage '{0}': expected one of proposed, interview, interviewed, offered, signed, started, declined, rejected, withdrawn")]
    Unknown(String),
    #[error("{from} is final: a proposal cannot move from {from} to {to}")]
    Final { from: Stage, to: Stage },
    #[error("cannot move from {from} to {to}: allowed next stages are {allowed}")]
    Illegal {
        from: Stage,
        to: Stage,
        allowed: String,
    },
}

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::Proposed,
        Stage::Interview,
        Stage::Interviewed,
        Stage::Offered,
        Stage::Signed,
        Stage::Started,
        Stage::Declined,
        Stage::Rejected,
        Stage::Withdrawn,
    ];

    /// Every stage's stored name, in the order of `ALL` (the redaction allow-list uses it).
    pub const NAMES: [&'static str; 9] = {
        let mut names = [""; 9];
        let mut i = 0;
        while i < names.len() {
            names[i] = Stage::ALL[i].as_str();
            i += 1;
        }
        names
    };

    pub const fn as_str(self) -> &'static str {
        match self {
            Stage::Proposed => "proposed",
            Stage::Interview => "interview",
            Stage::Interviewed => "interviewed",
            Stage::Offered => "offered",
            Stage::Signed => "signed",
            Stage::Started => "started",
            Stage::Declined => "declined",
            Stage::Rejected => "rejected",
            Stage::Withdrawn => "withdrawn",
        }
    }

    /// The command-line names, plus the Japanese words reps type.
    pub fn parse(s: &str) -> Result<Stage, StageError> {
        let t = s.trim().to_ascii_lowercase();
        let found = match t.as_str() {
            "提案" | "提案中" => Some(Stage::Proposed),
            "面談" | "面談調整" | "interview_scheduled" | "scheduled" => {
                Some(Stage::Interview)
            }
            "面談済" | "面談済み" => Some(Stage::Interviewed),
            "内定" | "offer" => Some(Stage::Offered),
            "契約" | "契約締結" | "contract" => Some(Stage::Signed),
            "参画" | "start" => Some(Stage::Started),
            "辞退" | "decline" => Some(Stage::Declined),
            "見送り" | "reject" => Some(Stage::Rejected),
            "取り下げ" | "withdraw" => Some(Stage::Withdrawn),
            _ => Stage::ALL.into_iter().find(|st| st.as_str() == t),
        };
        found.ok_or_else(|| StageError::Unknown(s.trim().to_string()))
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.as_str(),
            Lang::Ja => match self {
                Stage::Proposed => "提案中",
                Stage::Interview => "面談予定",
                Stage::Interviewed => "面談済",
                Stage::Offered => "内定",
                Stage::Signed => "契約締結",
                Stage::Started => "参画",
                Stage::Declined => "辞退",
                Stage::Rejected => "見送り",
                Stage::Withdrawn => "取り下げ",
            },
        }
    }

    /// No move leaves these stages.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Stage::Started | Stage::Declined | Stage::Rejected | Stage::Withdrawn
        )
    }

    /// Still in play: counts as a parallel proposal of the engineer.
    pub fn is_open(self) -> bool {
        !self.is_final()
    }

    /// The client said yes: the engineer's other proposals should be withdrawn.
    pub fn commits_engineer(self) -> bool {
        matches!(self, Stage::Offered | Stage::Signed)
    }

    /// Reached an interview (or went further): counts toward the interview rate.
    pub fn is_interview_or_later(self) -> bool {
        matches!(
            self,
            Stage::Interview | Stage::Interviewed | Stage::Offered | Stage::Signed | Stage::Started
        )
    }

    /// Won: counts toward the win rate.
    pub fn is_won(self) -> bool {
        matches!(self, Stage::Signed | Stage::Started)
    }

    /// The stages a proposal may move to from here.
    ///
    /// Interviews may repeat (`interviewed` → `interview` → `interviewed`, or
    /// `interviewed` again for a round recorded after the fact); an offer may come
    /// without an interview; a signed contract can still be withdrawn before the start.
    pub fn next(self) -> &'static [Stage] {
        use Stage::*;
        match self {
            Proposed | Interviewed => &[
                Interview,
                Interviewed,
                Offered,
                Declined,
                Rejected,
                Withdrawn,
            ],
            Interview => &[Interviewed, Declined, Rejected, Withdrawn],
            Offered => &[Signed, Declined, Rejected, Withdrawn],
            Signed => &[Started, Withdrawn],
            Started | Declined | Rejected | Withdrawn => &[],
        }
    }

    /// Check one move; the error says what is allowed instead.
    pub fn check_move(self, to: Stage) -> Result<(), StageError> {
        if self.is_final() {
            return Err(StageError::Final { from: self, to });
        }
        if self.next().contains(&to) {
            Ok(())
        } else {
            Err(StageError::Illegal {
                from: self,
                to,
                allowed: self
                    .next()
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Ok(s));
            assert_eq!(Stage::parse(&s.as_str().to_uppercase()), Ok(s));
        }
        assert_eq!(Stage::parse("内定"), Ok(Stage::Offered));
        assert!(matches!(Stage::parse("hired"), Err(StageError::Unknown(_))));
    }

    #[test]
    fn happy_path_is_legal() {
        let path = [
            Stage::Proposed,
            Stage::Interview,
            Stage::Interviewed,
            Stage::Interview,
            Stage::Interviewed,
            Stage::Offered,
            Stage::Signed,
            Stage::Started,
        ];
        for w in path.windows(2) {
            assert_eq!(w[0].check_move(w[1]), Ok(()), "{} -> {}", w[0], w[1]);
        }
    }

    #[test]
    fn illegal_moves_are_refused_with_the_alternatives() {
        let e = Stage::Proposed.check_move(Stage::Signed).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot move from proposed to signed: allowed next stages are interview, interviewed, offered, declined, rejected, withdrawn"
        );
        assert!(matches!(
            Stage::Withdrawn.check_move(Stage::Offered),
            Err(StageError::Final { .. })
        ));
        assert!(Stage::Offered.check_move(Stage::Interview).is_err());
        assert!(Stage::Signed.check_move(Stage::Offered).is_err());
        assert!(Stage::Proposed.check_move(Stage::Proposed).is_err());
        assert!(Stage::Started.check_move(Stage::Withdrawn).is_err());
    }

    #[test]
    fn every_final_stage_has_no_next() {
        for s in Stage::ALL {
            assert_eq!(s.is_final(), s.next().is_empty(), "{s}");
        }
    }
}
