//! How each screen and overlay answers an action (the body of `App::update`).

use crate::domain::OpeningStatus;

use super::action::{Action, Effect};
use super::app::{App, Overlay, Screen};
use super::finder::Kind;
use super::state::input::LineInput;
use super::state::list::ListState;
use super::state::posting::{Field, PostingState, Stage};
use super::state::Pane;
use super::strings::{self, S};
use super::views::{self, Target};

/// Rows the mouse wheel moves per notch.
const WHEEL: isize = 3;

/// Movement as a signed row delta for a page of `h` rows; `None` for other actions.
pub(super) fn delta(a: &Action, h: usize, len: usize) -> Option<isize> {
    let page = h.max(1) as isize;
    match a {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::Top => Some(-(len as isize)),
        Action::Bottom => Some(len as isize),
        _ => None,
    }
}

pub(super) fn scroll_by(offset: &mut usize, d: isize) {
    *offset = offset.saturating_add_signed(d);
}

impl App<'_> {
    /// Keep pane offsets within their content, so scrolling back never has slack.
    pub(super) fn clamp_scrolls(&mut self) {
        let limits = views::scroll_limits(self);
        self.opening.detail_scroll = self.opening.detail_scroll.min(limits.opening_detail);
        self.opening.raw_scroll = self.opening.raw_scroll.min(limits.opening_raw);
        self.engineers.detail_scroll = self.engineers.detail_scroll.min(limits.engineer_sheet);
        self.posting.raw_scroll = self.posting.raw_scroll.min(limits.posting_raw);
    }

    pub(super) fn screen_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        match self.screen {
            Screen::Empty => self.global(a, fx),
            Screen::Queue => self.queue_action(a, fx),
            Screen::Opening => self.opening_action(a, fx),
            Screen::Free => self.free_action(a, fx),
            Screen::Engineers => self.engineers_action(a, fx),
            Screen::Search => self.search_action(a, fx),
            Screen::Posting => self.posting_action(a, fx),
            Screen::Pipeline => self.pipeline_action(a, fx),
            Screen::Checks => self.checks_action(a, fx),
            Screen::Revise => self.revise_action(a, fx),
        }
    }

    fn queue_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let h = views::heights(self).queue;
        let len = self.queue.rows.len();
        if let Some(d) = delta(&a, h, len) {
            self.queue.list.move_by(d, len, h);
            return;
        }
        match a {
            Action::Open => {
                if let Some(id) = self.queue.selected_id(&self.data) {
                    self.open_opening(id);
                }
            }
            Action::CycleSort => {
                self.queue.sort = self.queue.sort.next();
                self.rebuild_queue();
            }
            Action::CycleFilter => {
                self.queue.filter = self.queue.filter.next();
                self.rebuild_queue();
            }
            Action::StatusMenu => {
                if let Some(id) = self.queue.selected_id(&self.data) {
                    self.status_menu(id);
                }
            }
            Action::Dismiss => {
                if let Some(id) = self.queue.selected_id(&self.data) {
                    self.confirm_dismiss(id);
                }
            }
            Action::AnswerNone | Action::ClientRank => {
                if let Some(id) = self.queue.selected_id(&self.data) {
                    self.opening_extra(a, id, fx);
                }
            }
            other => self.global(other, fx),
        }
    }

    fn status_menu(&mut self, id: i64) {
        let current = self.data.opening(id).map(|o| o.status);
        let at = OpeningStatus::ALL
            .iter()
            .position(|s| Some(*s) == current)
            .unwrap_or(0);
        let mut list = ListState::default();
        list.select(at, OpeningStatus::ALL.len(), OpeningStatus::ALL.len());
        self.overlay = Some(Overlay::StatusMenu {
            opening_id: id,
            list,
        });
    }

    fn opening_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let Some(id) = self.opening.id else {
            return self.global(a, fx);
        };
        let hs = views::heights(self);
        let (cands, excl) = self
            .ranking(id)
            .map_or((0, 0), |r| (r.candidates.len(), r.excluded.len()));
        let on_list = self.opening.focus == Pane::List;
        let rotation = self.rotation_len();
        let len = if self.opening.show_excluded {
            excl
        } else if self.opening.show_rotation {
            rotation
        } else {
            cands
        };
        if let Some(d) = delta(&a, hs.opening, len) {
            match self.opening.focus {
                Pane::List if self.opening.show_rotation => {
                    self.opening.rotation.move_by(d, len, hs.opening);
                    self.opening.detail_scroll = 0;
                }
                Pane::List if self.opening.show_excluded => {
                    self.opening.excluded.move_by(d, len, hs.opening);
                    self.opening.detail_scroll = 0;
                }
                Pane::List => {
                    self.opening.list.move_by(d, len, hs.opening);
                    self.opening.detail_scroll = 0;
                }
                Pane::Detail => scroll_by(&mut self.opening.detail_scroll, d),
                Pane::Raw => scroll_by(&mut self.opening.raw_scroll, d),
            }
            return;
        }
        match a {
            Action::Propose => self.propose(id),
            Action::ToggleExcluded => {
                self.opening.show_excluded = !self.opening.show_excluded;
                self.opening.show_rotation = false;
                self.opening.focus = Pane::List;
                self.opening.detail_scroll = 0;
            }
            Action::ToggleRotation => {
                self.opening.show_rotation = !self.opening.show_rotation;
                self.opening.show_excluded = false;
                self.opening.rotation = ListState::default();
                self.opening.focus = Pane::List;
                self.opening.detail_scroll = 0;
            }
            Action::ToggleRaw => {
                self.opening.show_raw = !self.opening.show_raw;
                self.opening.focus = if self.opening.show_raw {
                    Pane::Raw
                } else {
                    Pane::List
                };
            }
            Action::NextPane | Action::PrevPane => {
                let panes: &[Pane] = if self.opening.show_raw {
                    &[Pane::List, Pane::Detail, Pane::Raw]
                } else {
                    &[Pane::List, Pane::Detail]
                };
                let at = panes
                    .iter()
                    .position(|p| *p == self.opening.focus)
                    .unwrap_or(0);
                let n = panes.len();
                let next = if a == Action::NextPane {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                self.opening.focus = panes[next];
            }
            Action::StatusMenu => self.status_menu(id),
            Action::Dismiss => self.confirm_dismiss(id),
            Action::StageMenu
            | Action::Pitch
            | Action::EditRequirements
            | Action::History
            | Action::AnswerNone
            | Action::ClientRank => self.opening_extra(a, id, fx),
            Action::Open if on_list => {
                if let Some(e) = self.selected_candidate() {
                    self.show_engineer(e, fx);
                }
            }
            Action::Back if !on_list => self.opening.focus = Pane::List,
            other => self.global(other, fx),
        }
    }

    /// The engineer id under the cursor of the opening screen (ranked or excluded).
    pub fn selected_candidate(&self) -> Option<i64> {
        if self.opening.show_rotation {
            let o = self.current_opening()?;
            let rot = self.rotation(o);
            return rot.get(self.opening.rotation.selected).map(|(r, _)| r.id);
        }
        let r = self.ranking(self.opening.id?)?;
        let index = if self.opening.show_excluded {
            r.excluded.get(self.opening.excluded.selected)?.0
        } else {
            r.candidates.get(self.opening.list.selected)?.index
        };
        self.data.engineers().get(index).map(|e| e.id)
    }

    fn propose(&mut self, opening_id: i64) {
        let lang = self.lang();
        if self.opening.show_excluded {
            return self.error(S::ExcludedNotProposed.t(lang));
        }
        let Some(eid) = self.selected_candidate() else {
            return self.error(S::NothingSelected.t(lang));
        };
        let Some(e) = self.data.engineer(eid) else {
            return self.error(S::NothingSelected.t(lang));
        };
        if self
            .data
            .proposed_for(opening_id)
            .any(|p| p.engineer_id == eid)
        {
            let msg = strings::already_proposed(lang, &e.name);
            return self.error(msg);
        }
        self.propose_prompt(opening_id, eid);
    }

    fn free_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let h = views::heights(self).free;
        if let Some(d) = delta(&a, h, self.free.rows.len()) {
            self.free.move_by(d, h);
            return;
        }
        let months = super::state::free::MONTHS;
        match a {
            Action::CycleMonth | Action::Right => {
                self.free.month = match self.free.month {
                    None => Some(0),
                    Some(m) if m + 1 < months => Some(m + 1),
                    Some(_) => None,
                };
                self.rebuild_free();
            }
            Action::Left => {
                self.free.month = match self.free.month {
                    None => Some(months - 1),
                    Some(0) => None,
                    Some(m) => Some(m - 1),
                };
                self.rebuild_free();
            }
            Action::SkillFilter => {
                self.overlay = Some(Overlay::SkillPrompt(LineInput::with(&self.free.skill_text)));
            }
            Action::Open => {
                let id = self
                    .free
                    .selected_engineer()
                    .and_then(|i| self.data.engineers().get(i))
                    .map(|e| e.id);
                if let Some(id) = id {
                    self.show_engineer(id, fx);
                }
            }
            other => self.global(other, fx),
        }
    }

    fn engineers_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let h = views::heights(self);
        let len = self.data.engineers().len();
        let detail = self.engineers.zoom || self.engineers.focus == Pane::Detail;
        if let Some(d) = delta(&a, h.engineers, len) {
            if detail {
                scroll_by(&mut self.engineers.detail_scroll, d);
            } else {
                self.engineers.list.move_by(d, len, h.engineers);
                self.engineers.detail_scroll = 0;
                self.load_assignments(fx);
            }
            return;
        }
        match a {
            Action::Open => {
                self.engineers.zoom = !self.engineers.zoom;
                self.engineers.detail_scroll = 0;
                self.load_assignments(fx);
            }
            Action::NextPane | Action::PrevPane => {
                self.engineers.focus = if self.engineers.focus == Pane::List {
                    Pane::Detail
                } else {
                    Pane::List
                };
            }
            Action::CopySummary => {
                if let Some(e) = self.selected_engineer() {
                    let text =
                        crate::pipeline::pitch::summary(e, self.today, self.lang(), self.env.tax);
                    fx.push(Effect::Copy(text));
                    self.info(S::Copied.t(self.lang()));
                }
            }
            Action::EditEngineer
            | Action::ConfirmToday
            | Action::EndAssignment
            | Action::AddAssignment => {
                self.engineer_edit_key(a, fx);
            }
            Action::Back if self.engineers.zoom => self.engineers.zoom = false,
            Action::Back if self.engineers.focus == Pane::Detail => {
                self.engineers.focus = Pane::List;
            }
            other => self.global(other, fx),
        }
    }

    fn search_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let h = views::heights(self).search;
        let len = self.search.results.hits.len();
        if matches!(
            a,
            Action::Up | Action::Down | Action::PageUp | Action::PageDown
        ) {
            if let Some(d) = delta(&a, h, len) {
                self.search.list.move_by(d, len, h);
            }
            return;
        }
        // The `/` that opened the box (typed again, or echoed by a terminal) is no query.
        if matches!(a, Action::Input('/' | '／')) && self.search.input.text.is_empty() {
            return;
        }
        let before = self.search.input.text.clone();
        if edit_line(&mut self.search.input, &a) {
            if self.search.input.text != before {
                self.request_search(fx);
            }
            return;
        }
        match a {
            Action::Open => {
                let hit = self
                    .search
                    .results
                    .hits
                    .get(self.search.list.selected)
                    .copied();
                let item = hit.and_then(|h| {
                    self.search
                        .index
                        .as_ref()
                        .and_then(|i| i.items.get(h.item as usize))
                        .map(|it| (it.kind, it.id))
                });
                match item {
                    Some((Kind::Opening, id)) => self.open_opening(id),
                    Some((Kind::Engineer, id)) => self.show_engineer(id, fx),
                    None => {}
                }
            }
            Action::Back => self.back(),
            Action::Help => self.global(a, fx),
            _ => {}
        }
    }

    fn posting_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let lang = self.lang();
        let h = views::heights(self).text;
        if a == Action::Help && self.posting.editing.is_none() {
            return self.global(a, fx);
        }
        if let Some(input) = self.posting.editing.as_mut() {
            if edit_line(input, &a) {
                return;
            }
            match a {
                Action::Open => {
                    let value = input.text.clone();
                    let i = self.posting.fields.selected;
                    let field = Field::ALL.get(i).copied().unwrap_or(Field::Title);
                    match PostingState::validate(field, &value, self.env.tax, lang) {
                        Ok(()) => {
                            if let Some(v) = self.posting.values.get_mut(i) {
                                *v = value;
                            }
                            self.posting.editing = None;
                        }
                        Err(e) => self.error(e),
                    }
                }
                Action::Back => self.posting.editing = None,
                _ => {}
            }
            return;
        }
        match self.posting.stage {
            Stage::Edit => {
                let t = &mut self.posting.text;
                match a {
                    Action::Input(c) => t.insert(c),
                    Action::Paste(s) => t.insert_str(&s),
                    Action::Newline => t.newline(),
                    Action::Backspace => t.backspace(),
                    Action::Delete => t.delete(),
                    Action::Left => t.left(),
                    Action::Right => t.right(),
                    Action::Up => t.up(1),
                    Action::Down => t.down(1),
                    Action::PageUp => t.up(h.max(1)),
                    Action::PageDown => t.down(h.max(1)),
                    Action::LineStart => t.home(),
                    Action::LineEnd => t.end(),
                    Action::Parse => {
                        self.posting.parse(self.now, self.env.tax, lang);
                    }
                    Action::Editor => fx.push(Effect::Edit(self.posting.text.text())),
                    Action::Back => self.back(),
                    _ => {}
                }
                self.posting.text.fit(h);
            }
            Stage::Review => {
                let n = Field::ALL.len();
                if let Some(d) = delta(&a, n, n) {
                    self.posting.fields.move_by(d, n, n);
                    return;
                }
                match a {
                    Action::Open => {
                        let i = self.posting.fields.selected;
                        let v = self.posting.values.get(i).cloned().unwrap_or_default();
                        self.posting.editing = Some(LineInput::with(&v));
                    }
                    Action::Editor => fx.push(Effect::Edit(self.posting.raw.clone())),
                    Action::Save => match self.posting.build(self.now, self.env.tax, lang) {
                        Ok((opening, client)) => fx.push(Effect::SaveOpening {
                            opening: Box::new(opening),
                            client,
                            raw: self.posting.raw.clone(),
                        }),
                        Err((field, msg)) => {
                            if let Some(i) = Field::ALL.iter().position(|f| *f == field) {
                                self.posting.fields.select(i, n, n);
                            }
                            self.error(msg);
                        }
                    },
                    Action::NextPane | Action::PrevPane => {}
                    Action::Back => self.posting.stage = Stage::Edit,
                    _ => {}
                }
            }
        }
    }

    pub(super) fn overlay_action(&mut self, a: Action, fx: &mut Vec<Effect>) {
        let lang = self.lang();
        let help_rows = views::heights(self).help;
        let Some(overlay) = self.overlay.as_mut() else {
            return;
        };
        match overlay {
            Overlay::Help { scroll, .. } => match a {
                Action::Back | Action::Help => self.overlay = None,
                other => {
                    if let Some(d) = delta(&other, help_rows, 200) {
                        scroll_by(scroll, d);
                    }
                }
            },
            Overlay::StatusMenu { opening_id, list } => {
                let n = OpeningStatus::ALL.len();
                if let Some(d) = delta(&a, n, n) {
                    list.move_by(d, n, n);
                    return;
                }
                match a {
                    Action::Open => {
                        let status = OpeningStatus::ALL[list.selected.min(n - 1)];
                        fx.push(Effect::SetStatus {
                            opening_id: *opening_id,
                            status,
                        });
                        self.overlay = None;
                    }
                    Action::Back => self.overlay = None,
                    _ => {}
                }
            }
            Overlay::SkillPrompt(input) => {
                if edit_line(input, &a) {
                    return;
                }
                match a {
                    Action::Open => {
                        let text = input.text.trim().to_string();
                        let mut skills = Vec::new();
                        for term in text.split([',', '、']).map(str::trim) {
                            if term.is_empty() {
                                continue;
                            }
                            match self.env.tax.lookup(term) {
                                Some(s) => skills.push(s),
                                None => {
                                    let msg = strings::unknown_skill(lang, term);
                                    return self.error(msg);
                                }
                            }
                        }
                        self.free.skill_text = skills
                            .iter()
                            .map(|s| self.env.tax.name(*s))
                            .collect::<Vec<_>>()
                            .join(", ");
                        self.free.skills = skills;
                        self.overlay = None;
                        self.rebuild_free();
                    }
                    Action::Back => self.overlay = None,
                    _ => {}
                }
            }
            Overlay::ProposePrompt(_)
            | Overlay::ConfirmDismiss { .. }
            | Overlay::ConfirmReplay { .. } => self.confirm_overlay(a, fx),
            Overlay::EngineerForm(_)
            | Overlay::EndAssignment { .. }
            | Overlay::AddAssignment { .. } => self.engineer_form_overlay(a, fx),
            _ => self.pipeline_overlay(a, fx),
        }
    }

    pub(super) fn scroll_at(&mut self, down: bool, col: u16, row: u16, fx: &mut Vec<Effect>) {
        if self.overlay.is_some() {
            let a = if down { Action::Down } else { Action::Up };
            for _ in 0..WHEEL {
                self.overlay_action(a.clone(), fx);
            }
            return;
        }
        let d = if down { WHEEL } else { -WHEEL };
        let h = views::heights(self);
        match views::hit_test(self, col, row) {
            Some(Target::Row(Pane::Detail, _)) if self.screen == Screen::Opening => {
                scroll_by(&mut self.opening.detail_scroll, d);
            }
            Some(Target::Row(Pane::Raw, _)) if self.screen == Screen::Opening => {
                scroll_by(&mut self.opening.raw_scroll, d);
            }
            Some(Target::Row(Pane::Raw, _)) if self.screen == Screen::Posting => {
                scroll_by(&mut self.posting.raw_scroll, d);
            }
            Some(Target::Row(Pane::Detail, _)) if self.screen == Screen::Engineers => {
                scroll_by(&mut self.engineers.detail_scroll, d);
            }
            _ => match self.screen {
                Screen::Queue => {
                    let len = self.queue.rows.len();
                    self.queue.list.scroll(d, len, h.queue);
                }
                Screen::Opening => {
                    let id = self.opening.id.unwrap_or_default();
                    let (c, e) = self
                        .ranking(id)
                        .map_or((0, 0), |r| (r.candidates.len(), r.excluded.len()));
                    if self.opening.show_rotation {
                        let n = self.rotation_len();
                        self.opening.rotation.scroll(d, n, h.opening);
                    } else if self.opening.show_excluded {
                        self.opening.excluded.scroll(d, e, h.opening);
                    } else {
                        self.opening.list.scroll(d, c, h.opening);
                    }
                }
                Screen::Free => {
                    let len = self.free.rows.len();
                    self.free.list.scroll(d, len, h.free);
                    self.free.skip_heading(1, h.free);
                }
                Screen::Engineers => {
                    let len = self.data.engineers().len();
                    self.engineers.list.scroll(d, len, h.engineers);
                    self.load_assignments(fx);
                }
                Screen::Search => {
                    let len = self.search.results.hits.len();
                    self.search.list.scroll(d, len, h.search);
                }
                Screen::Posting => {
                    let a = if down { Action::Down } else { Action::Up };
                    for _ in 0..WHEEL {
                        self.posting_action(a.clone(), fx);
                    }
                }
                Screen::Pipeline => {
                    let len = self.pipeline.rows.len();
                    self.pipeline.list.scroll(d, len, h.pipeline);
                }
                Screen::Checks => {
                    let len = self.checks.len();
                    self.checks.list.scroll(d, len, h.checks);
                }
                Screen::Revise | Screen::Empty => {}
            },
        }
    }

    /// A click selects the row under it; a click on the selected row opens it.
    pub(super) fn click_at(&mut self, col: u16, row: u16, fx: &mut Vec<Effect>) {
        if self.overlay.is_some() {
            return;
        }
        let h = views::heights(self);
        let Some(target) = views::hit_test(self, col, row) else {
            return;
        };
        let (pane, index) = match target {
            Target::Tab(s) => {
                let a = match s {
                    Screen::Free => Action::GoFree,
                    Screen::Engineers => Action::GoEngineers,
                    Screen::Search => Action::Search,
                    Screen::Posting => Action::NewPosting,
                    Screen::Pipeline => Action::GoPipeline,
                    Screen::Checks => Action::GoChecks,
                    _ => Action::GoQueue,
                };
                return self.global(a, fx);
            }
            Target::Row(pane, index) => (pane, index),
        };
        let again = |l: &ListState| l.selected == index;
        match (self.screen, pane) {
            (Screen::Queue, Pane::List) => {
                let len = self.queue.rows.len();
                if index < len {
                    if again(&self.queue.list) {
                        return self.queue_action(Action::Open, fx);
                    }
                    self.queue.list.select(index, len, h.queue);
                }
            }
            (Screen::Opening, Pane::List) => {
                self.opening.focus = Pane::List;
                let id = self.opening.id.unwrap_or_default();
                let (c, e) = self
                    .ranking(id)
                    .map_or((0, 0), |r| (r.candidates.len(), r.excluded.len()));
                let rotation = self.rotation_len();
                let (list, len) = if self.opening.show_rotation {
                    (&mut self.opening.rotation, rotation)
                } else if self.opening.show_excluded {
                    (&mut self.opening.excluded, e)
                } else {
                    (&mut self.opening.list, c)
                };
                if index < len {
                    if again(list) {
                        return self.opening_action(Action::Open, fx);
                    }
                    list.select(index, len, h.opening);
                    self.opening.detail_scroll = 0;
                }
            }
            (Screen::Opening, p) => self.opening.focus = p,
            (Screen::Free, Pane::List) => {
                let len = self.free.rows.len();
                if index < len {
                    if again(&self.free.list) {
                        return self.free_action(Action::Open, fx);
                    }
                    self.free.list.select(index, len, h.free);
                    self.free.skip_heading(1, h.free);
                }
            }
            (Screen::Engineers, Pane::List) => {
                self.engineers.focus = Pane::List;
                let len = self.data.engineers().len();
                if index < len {
                    if again(&self.engineers.list) && !self.engineers.zoom {
                        return self.engineers_action(Action::Open, fx);
                    }
                    self.engineers.list.select(index, len, h.engineers);
                    self.engineers.detail_scroll = 0;
                    self.load_assignments(fx);
                }
            }
            (Screen::Engineers, p) => self.engineers.focus = p,
            (Screen::Search, Pane::List) => {
                let len = self.search.results.hits.len();
                if index < len {
                    if again(&self.search.list) {
                        return self.search_action(Action::Open, fx);
                    }
                    self.search.list.select(index, len, h.search);
                }
            }
            (Screen::Pipeline, Pane::List) => {
                let len = self.pipeline.rows.len();
                if index < len {
                    if again(&self.pipeline.list) {
                        return self.pipeline_action(Action::Open, fx);
                    }
                    self.pipeline.list.select(index, len, h.pipeline);
                }
            }
            (Screen::Checks, Pane::List) => {
                let len = self.checks.len();
                if index < len {
                    if again(&self.checks.list) {
                        return self.checks_action(Action::Open, fx);
                    }
                    self.checks.list.select(index, len, h.checks);
                }
            }
            (Screen::Posting, Pane::List) if self.posting.stage == Stage::Review => {
                let n = Field::ALL.len();
                if index < n {
                    if again(&self.posting.fields) && self.posting.editing.is_none() {
                        return self.posting_action(Action::Open, fx);
                    }
                    self.posting.fields.select(index, n, n);
                }
            }
            _ => {}
        }
    }
}

/// Apply a text-editing action to a line; false if the action is not an edit.
pub(super) fn edit_line(input: &mut LineInput, a: &Action) -> bool {
    match a {
        Action::Input(c) => input.insert(*c),
        Action::Paste(s) => input.insert_str(s),
        Action::Backspace => input.backspace(),
        Action::Delete => input.delete(),
        Action::Left => input.left(),
        Action::Right => input.right(),
        Action::LineStart => input.home(),
        Action::LineEnd => input.end(),
        Action::ClearInput => input.clear(),
        Action::DeleteWord => input.delete_word(),
        _ => return false,
    }
    true
}
