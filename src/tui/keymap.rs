//! Keys as data: (scope, key) → action, from one table that the help screen and
//! the footer hints are generated from, so they can never disagree with the keys.

use std::collections::HashMap;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::action::Action;

/// Where a key is read: a screen, a shared group, or an input mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Screens that are not typing into a field.
    Global,
    /// Movement in any list.
    List,
    Queue,
    Opening,
    Free,
    Engineers,
    /// The pipeline board.
    Pipeline,
    /// Profile checks.
    Checks,
    /// Forms of fields: the engineer form, and the requirements editor's fields.
    Revise,
    /// The requirements editor of an opening: its corrections, then the form's keys.
    Requirements,
    /// A yes/no question (withdraw the other proposals).
    Confirm,
    /// The proposal message popup.
    Pitch,
    /// A read-only popup (re-rank diff, history).
    Popup,
    Empty,
    /// Typing a search query.
    Search,
    /// The posting text area while it is still empty.
    PostingEmpty,
    /// Typing the posting.
    PostingEdit,
    /// Checking the parsed fields.
    PostingReview,
    /// Typing into a one-line field or prompt.
    Line,
    /// A small menu (the status of an opening).
    Menu,
    Help,
}

impl Scope {
    /// Scopes consulted in order for a screen; the first binding found wins.
    pub fn chain(self) -> &'static [Scope] {
        match self {
            Scope::Queue => &[Scope::Queue, Scope::List, Scope::Global],
            Scope::Opening => &[Scope::Opening, Scope::List, Scope::Global],
            Scope::Free => &[Scope::Free, Scope::List, Scope::Global],
            Scope::Engineers => &[Scope::Engineers, Scope::List, Scope::Global],
            Scope::Pipeline => &[Scope::Pipeline, Scope::List, Scope::Global],
            Scope::Checks => &[Scope::Checks, Scope::List, Scope::Global],
            Scope::Revise => &[Scope::Revise, Scope::List],
            Scope::Requirements => &[Scope::Requirements, Scope::Revise, Scope::List],
            Scope::Confirm => &[Scope::Confirm],
            Scope::Pitch => &[Scope::Pitch, Scope::List],
            Scope::Popup => &[Scope::Popup, Scope::List],
            Scope::Empty => &[Scope::Empty, Scope::Global],
            Scope::PostingEmpty => &[Scope::PostingEmpty, Scope::PostingEdit],
            Scope::PostingReview => &[Scope::PostingReview, Scope::List],
            Scope::Menu => &[Scope::Menu, Scope::List],
            Scope::Help => &[Scope::Help, Scope::List],
            Scope::Search => &[Scope::Search],
            Scope::PostingEdit => &[Scope::PostingEdit],
            Scope::Line => &[Scope::Line],
            Scope::Global => &[Scope::Global],
            Scope::List => &[Scope::List],
        }
    }

    /// Typing scopes turn unbound printable keys into text.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Scope::Search | Scope::PostingEmpty | Scope::PostingEdit | Scope::Line
        )
    }
}

/// One row of the key table: several keys (space-separated) for one action.
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static str,
    pub action: Action,
    /// Shown in the footer of the screen.
    pub hint: bool,
}

const fn b(scope: Scope, keys: &'static str, action: Action, hint: bool) -> Binding {
    Binding {
        scope,
        keys,
        action,
        hint,
    }
}

use Scope as K;

/// The default keys. Order matters only for help and footer hints.
pub static BINDINGS: &[Binding] = &[
    // Screen-specific first, so their hints lead the footer.
    b(K::Queue, "Enter", Action::Open, true),
    b(K::Queue, "o", Action::CycleSort, true),
    b(K::Queue, "f", Action::CycleFilter, true),
    b(K::Queue, "s", Action::StatusMenu, false),
    b(K::Queue, "x", Action::Dismiss, false),
    b(K::Queue, "A", Action::AnswerNone, false),
    b(K::Queue, "C", Action::ClientRank, false),
    b(K::Queue, "z", Action::ToggleStale, false),
    b(K::Opening, "p", Action::Propose, true),
    b(K::Opening, "a", Action::ToggleExcluded, true),
    b(K::Opening, "c", Action::ToggleRotation, false),
    b(K::Opening, "r", Action::ToggleRaw, true),
    b(K::Opening, "s", Action::StatusMenu, true),
    b(K::Opening, "x", Action::Dismiss, false),
    b(K::Opening, "t", Action::StageMenu, true),
    b(K::Opening, "P", Action::Pitch, true),
    b(K::Opening, "E", Action::EditRequirements, true),
    b(K::Opening, "H", Action::History, false),
    b(K::Opening, "A", Action::AnswerNone, false),
    b(K::Opening, "C", Action::ClientRank, false),
    b(K::Opening, "z", Action::ToggleStale, false),
    b(K::Opening, "Enter", Action::Open, false),
    b(K::Opening, "Tab", Action::NextPane, false),
    b(K::Free, "m", Action::CycleMonth, true),
    b(K::Free, "h Left", Action::Left, false),
    b(K::Free, "l Right", Action::Right, false),
    b(K::Free, "f", Action::SkillFilter, true),
    b(K::Free, "Enter", Action::Open, true),
    b(K::Free, "z", Action::ToggleStale, false),
    b(K::Engineers, "Enter", Action::Open, true),
    b(K::Engineers, "Tab", Action::NextPane, false),
    b(K::Engineers, "z", Action::ToggleStale, false),
    b(K::Engineers, "e", Action::EditEngineer, true),
    b(K::Engineers, "c", Action::ConfirmToday, true),
    b(K::Engineers, "a", Action::EndAssignment, false),
    b(K::Engineers, "A", Action::AddAssignment, false),
    b(K::Engineers, "y", Action::CopySummary, false),
    b(K::Pipeline, "t", Action::StageMenu, true),
    b(K::Pipeline, "c", Action::PartnerConfirmed, true),
    b(K::Pipeline, "P", Action::Pitch, true),
    b(K::Pipeline, "r", Action::EditProposal, true),
    b(K::Pipeline, "Enter", Action::Open, true),
    b(K::Checks, "Enter", Action::Open, true),
    b(K::Requirements, "d Delete", Action::DropRequirement, true),
    b(K::Requirements, "n", Action::MoveToNice, true),
    b(K::Requirements, "r", Action::RenameRequirement, true),
    b(K::Requirements, "Space", Action::MarkRequirement, false),
    b(K::Requirements, "o", Action::JoinAnyOf, true),
    b(K::Requirements, "a", Action::AddRequirement, false),
    b(K::Revise, "Enter", Action::Open, true),
    b(K::Revise, "C-s w", Action::Save, true),
    b(K::Revise, "Esc", Action::Back, true),
    b(K::Revise, "? F1", Action::Help, false),
    b(K::Confirm, "y Enter", Action::Confirm, true),
    b(K::Confirm, "n Esc q", Action::Back, true),
    b(K::Pitch, "c", Action::Copy, true),
    b(K::Pitch, "w", Action::WriteFile, true),
    b(K::Pitch, "Esc q", Action::Back, true),
    b(K::Popup, "Esc q Enter", Action::Back, true),
    b(K::Empty, "n", Action::NewPosting, true),
    b(K::Empty, "R", Action::Refresh, true),
    b(K::List, "j Down C-n", Action::Down, false),
    b(K::List, "k Up C-p", Action::Up, false),
    b(K::List, "PageDown C-d C-f", Action::PageDown, false),
    b(K::List, "PageUp C-u C-b", Action::PageUp, false),
    b(K::List, "Home", Action::Top, false),
    b(K::List, "G End", Action::Bottom, false),
    b(K::List, "Tab", Action::NextPane, false),
    b(K::List, "BackTab", Action::PrevPane, false),
    b(K::List, "Enter", Action::Open, false),
    b(K::Global, "/", Action::Search, true),
    b(K::Global, "n", Action::NewPosting, true),
    b(K::Global, "F", Action::FreeNextMonth, false),
    b(K::Global, "1", Action::GoQueue, false),
    b(K::Global, "2", Action::GoFree, false),
    b(K::Global, "3", Action::GoEngineers, false),
    b(K::Global, "4", Action::GoPipeline, false),
    b(K::Global, "5", Action::GoChecks, false),
    b(K::Global, "R F5", Action::Refresh, false),
    b(K::Global, "g", Action::FetchMail, false),
    b(K::Global, "Y", Action::SyncTeam, false),
    b(K::Global, "u", Action::Undo, false),
    b(K::Global, "C-r", Action::Redo, false),
    b(K::Global, "Esc", Action::Back, false),
    b(K::Global, "?", Action::Help, true),
    b(K::Global, "q", Action::Quit, true),
    b(K::Search, "Enter", Action::Open, true),
    b(K::Search, "Down C-n C-j", Action::Down, true),
    b(K::Search, "Up C-p C-k", Action::Up, false),
    b(K::Search, "PageDown", Action::PageDown, false),
    b(K::Search, "PageUp", Action::PageUp, false),
    b(K::Search, "Left", Action::Left, false),
    b(K::Search, "Right", Action::Right, false),
    b(K::Search, "Home C-a", Action::LineStart, false),
    b(K::Search, "End C-e", Action::LineEnd, false),
    b(K::Search, "Backspace", Action::Backspace, false),
    b(K::Search, "Delete", Action::Delete, false),
    b(K::Search, "C-u", Action::ClearInput, false),
    b(K::Search, "C-w", Action::DeleteWord, false),
    b(K::Search, "Esc", Action::Back, true),
    b(K::Search, "F1", Action::Help, false),
    b(K::PostingEmpty, "e", Action::Editor, true),
    b(K::PostingEdit, "C-s F2", Action::Parse, true),
    b(K::PostingEdit, "C-e", Action::Editor, true),
    b(K::PostingEdit, "Esc", Action::Back, true),
    b(K::PostingEdit, "F1", Action::Help, false),
    b(K::PostingEdit, "Enter", Action::Newline, false),
    b(K::PostingEdit, "Backspace", Action::Backspace, false),
    b(K::PostingEdit, "Delete", Action::Delete, false),
    b(K::PostingEdit, "Left", Action::Left, false),
    b(K::PostingEdit, "Right", Action::Right, false),
    b(K::PostingEdit, "Up", Action::Up, false),
    b(K::PostingEdit, "Down", Action::Down, false),
    b(K::PostingEdit, "Home C-a", Action::LineStart, false),
    b(K::PostingEdit, "End", Action::LineEnd, false),
    b(K::PostingEdit, "PageUp", Action::PageUp, false),
    b(K::PostingEdit, "PageDown", Action::PageDown, false),
    b(K::PostingReview, "Enter", Action::Open, true),
    b(K::PostingReview, "e", Action::Editor, true),
    b(K::PostingReview, "C-s w", Action::Save, true),
    b(K::PostingReview, "Esc", Action::Back, true),
    b(K::PostingReview, "? F1", Action::Help, false),
    b(K::Line, "Enter", Action::Open, true),
    b(K::Line, "Esc", Action::Back, true),
    b(K::Line, "Backspace", Action::Backspace, false),
    b(K::Line, "Delete", Action::Delete, false),
    b(K::Line, "Left", Action::Left, false),
    b(K::Line, "Right", Action::Right, false),
    b(K::Line, "Home C-a", Action::LineStart, false),
    b(K::Line, "End C-e", Action::LineEnd, false),
    b(K::Line, "C-u", Action::ClearInput, false),
    b(K::Line, "C-w", Action::DeleteWord, false),
    b(K::Menu, "Enter", Action::Open, true),
    b(K::Menu, "Esc q", Action::Back, true),
    b(K::Help, "Esc q ?", Action::Back, true),
];

/// A key as the table writes it: code plus Ctrl/Alt (Shift is in the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let code = match ev.code {
            // Some terminals send Shift+Tab as Tab with SHIFT.
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// `j`, `G`, `C-d`, `A-x`, `Down`, `PageUp`, `F5`, `Enter`, `Esc`, `BackTab`, `Space`.
    pub fn parse(spec: &str) -> Option<Key> {
        let (ctrl, alt, rest) = if let Some(r) = spec.strip_prefix("C-") {
            (true, false, r)
        } else if let Some(r) = spec.strip_prefix("A-") {
            (false, true, r)
        } else {
            (false, false, spec)
        };
        let code = match rest {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Space" => KeyCode::Char(' '),
            f if f.len() > 1 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok()?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(ch)
            }
        };
        Some(Key { code, ctrl, alt })
    }

    /// How help and hints print the key.
    pub fn label(spec: &str) -> String {
        let (prefix, rest) = if let Some(r) = spec.strip_prefix("C-") {
            ("Ctrl-", r)
        } else if let Some(r) = spec.strip_prefix("A-") {
            ("Alt-", r)
        } else {
            ("", spec)
        };
        let name = match rest {
            "Up" => "↑",
            "Down" => "↓",
            "Left" => "←",
            "Right" => "→",
            "PageUp" => "PgUp",
            "PageDown" => "PgDn",
            "BackTab" => "S-Tab",
            "Backspace" => "BS",
            "Delete" => "Del",
            "Enter" => "Enter",
            other => other,
        };
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}{}", name.to_uppercase())
        }
    }
}

/// The compiled key table.
pub struct KeyMap {
    map: HashMap<(Scope, Key), Action>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap::new()
    }
}

impl KeyMap {
    pub fn new() -> KeyMap {
        let mut map = HashMap::new();
        for bnd in BINDINGS {
            for spec in bnd.keys.split_whitespace() {
                if let Some(k) = Key::parse(spec) {
                    map.entry((bnd.scope, k))
                        .or_insert_with(|| bnd.action.clone());
                }
            }
        }
        KeyMap { map }
    }

    /// The action for any terminal event: keys through the table, the rest directly.
    pub fn action_for(&self, scope: Scope, ev: &Event) -> Option<Action> {
        match ev {
            Event::Key(k) => self.resolve(scope, k),
            Event::Paste(s) => Some(Action::Paste(s.clone())),
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Scroll {
                    down: true,
                    col: m.column,
                    row: m.row,
                }),
                MouseEventKind::ScrollUp => Some(Action::Scroll {
                    down: false,
                    col: m.column,
                    row: m.row,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                    col: m.column,
                    row: m.row,
                }),
                _ => None,
            },
            _ => None,
        }
    }

    /// The action for a key pressed in a scope, or `None` if the key means nothing there.
    pub fn resolve(&self, scope: Scope, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(ev);
        // Ctrl-C leaves from anywhere, even while typing.
        if key.ctrl && key.code == KeyCode::Char('c') {
            return Some(Action::Quit);
        }
        for s in scope.chain() {
            if let Some(a) = self.map.get(&(*s, key)) {
                return Some(a.clone());
            }
        }
        match key.code {
            KeyCode::Char(c) if scope.takes_text() && !key.ctrl && !key.alt => {
                Some(Action::Input(c))
            }
            _ => None,
        }
    }
}

/// Help for a scope: per scope in the chain, each action with all its keys.
pub fn help(scope: Scope) -> Vec<(Scope, Vec<(String, Action)>)> {
    let mut out: Vec<(Scope, Vec<(String, Action)>)> = Vec::new();
    let mut seen: Vec<(Scope, String)> = Vec::new();
    for s in scope.chain() {
        let mut rows: Vec<(String, Action)> = Vec::new();
        for bnd in BINDINGS.iter().filter(|b| b.scope == *s) {
            // A key already bound earlier in the chain is shadowed: do not list it twice.
            let keys: Vec<String> = bnd
                .keys
                .split_whitespace()
                .filter(|k| !seen.iter().any(|(sc, sk)| sc != s && sk == k))
                .map(Key::label)
                .collect();
            for k in bnd.keys.split_whitespace() {
                seen.push((*s, k.to_string()));
            }
            if keys.is_empty() {
                continue;
            }
            match rows.iter_mut().find(|(_, a)| *a == bnd.action) {
                Some((k, _)) => {
                    k.push(' ');
                    k.push_str(&keys.join(" "));
                }
                None => rows.push((keys.join(" "), bnd.action.clone())),
            }
        }
        if !rows.is_empty() {
            out.push((*s, rows));
        }
    }
    out
}

/// Footer hints for a scope: the first key of each hinted binding.
pub fn hints(scope: Scope) -> Vec<(String, Action)> {
    let mut out: Vec<(String, Action)> = Vec::new();
    for s in scope.chain() {
        for bnd in BINDINGS.iter().filter(|b| b.scope == *s && b.hint) {
            if out.iter().any(|(_, a)| *a == bnd.action) {
                continue;
            }
            if let Some(k) = bnd.keys.split_whitespace().next() {
                out.push((Key::label(k), bnd.action.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_in_the_table_parses() {
        for bnd in BINDINGS {
            for spec in bnd.keys.split_whitespace() {
                assert!(Key::parse(spec).is_some(), "bad key spec {spec}");
            }
        }
    }

    #[test]
    fn screen_keys_shadow_shared_ones() {
        let km = KeyMap::new();
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(km.resolve(Scope::Queue, &key('j')), Some(Action::Down));
        assert_eq!(km.resolve(Scope::Opening, &key('p')), Some(Action::Propose));
        assert_eq!(km.resolve(Scope::Queue, &key('p')), None);
        assert_eq!(
            km.resolve(Scope::Search, &key('q')),
            Some(Action::Input('q'))
        );
        assert_eq!(
            km.resolve(Scope::PostingEmpty, &key('e')),
            Some(Action::Editor)
        );
        assert_eq!(
            km.resolve(Scope::PostingEdit, &key('e')),
            Some(Action::Input('e'))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.resolve(Scope::Line, &ctrl_c), Some(Action::Quit));
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(km.resolve(Scope::Free, &shifted), Some(Action::Bottom));
    }

    /// The requirement corrections belong to the requirements editor alone: the engineer
    /// form shares its field keys but neither reads nor hints d/n/r/o/a.
    #[test]
    fn requirement_corrections_stay_out_of_the_engineer_form() {
        let km = KeyMap::new();
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            km.resolve(Scope::Requirements, &key('d')),
            Some(Action::DropRequirement)
        );
        assert_eq!(km.resolve(Scope::Requirements, &enter), Some(Action::Open));
        assert_eq!(km.resolve(Scope::Revise, &enter), Some(Action::Open));
        for c in ['d', 'n', 'r', 'o', 'a', ' '] {
            let got = km.resolve(Scope::Revise, &key(c));
            assert!(
                !matches!(
                    got,
                    Some(Action::DropRequirement)
                        | Some(Action::MoveToNice)
                        | Some(Action::RenameRequirement)
                        | Some(Action::MarkRequirement)
                        | Some(Action::JoinAnyOf)
                        | Some(Action::AddRequirement)
                ),
                "{c:?} in the engineer form gave {got:?}"
            );
        }
        let form: Vec<Action> = hints(Scope::Revise).into_iter().map(|(_, a)| a).collect();
        assert!(!form.contains(&Action::DropRequirement), "{form:?}");
        let editor: Vec<Action> = hints(Scope::Requirements)
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        assert!(editor.contains(&Action::DropRequirement), "{editor:?}");
        assert!(editor.contains(&Action::Save), "{editor:?}");
    }
}
