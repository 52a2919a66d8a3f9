//! Selection and scroll offset of a list, kept in the app so drawing stays a pure function.

/// Which row is selected and which row is at the top of the viewport.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
}

impl ListState {
    /// Move the selection by `delta` rows, clamped to the list, and keep it visible.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = ListState::default();
            return;
        }
        let target = if delta < 0 {
            self.selected.saturating_sub(delta.unsigned_abs())
        } else {
            self.selected.saturating_add(delta.unsigned_abs())
        };
        self.select(target, len, height);
    }

    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        if len == 0 {
            *self = ListState::default();
            return;
        }
        self.selected = index.min(len - 1);
        self.fit(len, height);
    }

    /// Keep the selection inside the viewport and the viewport inside the list.
    pub fn fit(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        if len == 0 {
            *self = ListState::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// Scroll the viewport (mouse wheel) and drag the selection along when it leaves.
    pub fn scroll(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            return;
        }
        let max_offset = len.saturating_sub(height.max(1));
        self.offset = if delta < 0 {
            self.offset.saturating_sub(delta.unsigned_abs())
        } else {
            self.offset
                .saturating_add(delta.unsigned_abs())
                .min(max_offset)
        };
        let last = (self.offset + height.max(1)).min(len) - 1;
        self.selected = self.selected.clamp(self.offset, last);
    }

    /// The rows in view: `offset..offset + height`, cut at the end of the list.
    pub fn visible(&self, len: usize, height: usize) -> std::ops::Range<usize> {
        let start = self.offset.min(len);
        start..(start + height).min(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_stays_in_view_and_in_bounds() {
        let mut l = ListState::default();
        l.move_by(25, 100, 10);
        assert_eq!((l.selected, l.offset), (25, 16));
        l.move_by(-3, 100, 10);
        assert_eq!((l.selected, l.offset), (22, 16));
        l.move_by(-100, 100, 10);
        assert_eq!((l.selected, l.offset), (0, 0));
        l.move_by(1000, 100, 10);
        assert_eq!((l.selected, l.offset), (99, 90));
        l.fit(5, 10);
        assert_eq!((l.selected, l.offset), (4, 0));
        l.move_by(1, 0, 10);
        assert_eq!(l, ListState::default());
    }

    #[test]
    fn wheel_drags_the_selection() {
        let mut l = ListState::default();
        l.scroll(5, 100, 10);
        assert_eq!((l.selected, l.offset), (5, 5));
        l.scroll(-100, 100, 10);
        assert_eq!((l.selected, l.offset), (5, 0));
        l.scroll(1000, 100, 10);
        assert_eq!(l.offset, 90);
    }
}
