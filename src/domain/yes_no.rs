//! The one reader of yes/no answers, for every input: CSV and xlsx rows, `--set`, the
//! forms. `1` and `ok` mean yes everywhere, `0` and `NG` no.

/// `Some(true)` for a yes, `Some(false)` for a no, `None` when the text is neither
/// (the caller says what it expected). Case and full width do not matter.
pub fn yes_no(text: &str) -> Option<bool> {
    let t: String = text
        .trim()
        .chars()
        .map(|c| match c {
            // Full-width ASCII (ＯＫ, １) folds to ASCII.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .to_lowercase();
    match t.as_str() {
        "○" | "〇" | "◯" | "可" | "ok" | "yes" | "y" | "true" | "1" | "はい" => Some(true),
        "×" | "✕" | "不可" | "ng" | "no" | "n" | "false" | "0" | "いいえ" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::yes_no;

    #[test]
    fn every_input_reads_the_same_words() {
        for y in [
            "1", "ok", "OK", "ｏｋ", "yes", "Y", "true", "可", "○", "はい",
        ] {
            assert_eq!(yes_no(y), Some(true), "{y}");
        }
        for n in ["0", "ng", "NG", "no", "false", "不可", "×", "いいえ"] {
            assert_eq!(yes_no(n), Some(false), "{n}");
        }
        for x in ["", "maybe", "2", "可能性"] {
            assert_eq!(yes_no(x), None, "{x}");
        }
    }
}
