//! Every screen as a picture: 80×24 and 160×48, Japanese and English, on the fixed
//! demo database (seed 42, today 2026-03-02 18:00 UTC), so a change in layout
//! shows up as a readable diff (`cargo insta review`, or INSTA_UPDATE=always).

use crate::tui_common::*;
use benchmatch::i18n::Lang;
use benchmatch::tui::{Action, Session};
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];
const LANGS: [(Lang, &str); 2] = [(Lang::Ja, "ja"), (Lang::En, "en")];

const POSTING: &str = "【案件名】Go マイクロサービス開発（物流）\n【必須】Go 3年以上、Kubernetes\n【尚可】AWS\n【単価】70〜80万円\n【場所】品川（フルリモート可）\n";

/// Drive a fresh session with keys (`\x13` is Ctrl-S, `\x10` pastes the posting).
fn drive(s: &mut Session<'_>, keys: &str) {
    for c in keys.chars() {
        match c {
            '\x13' => {
                s.key(ctrl('s'));
            }
            '\x10' => {
                s.dispatch(Action::Paste(POSTING.into()));
            }
            c => press(s, &c.to_string()),
        }
    }
}

fn shots(name: &str, keys: &str) {
    for (w, h) in SIZES {
        for (lang, tag) in LANGS {
            let mut s = session(lang, (w, h));
            drive(&mut s, keys);
            let text = screen(&s);
            insta::assert_snapshot!(format!("{name}_{w}x{h}_{tag}"), text);
        }
    }
}

/// `p` asks first: the candidate's checks, the rate prefilled, then the note.
#[test]
fn propose_prompt() {
    shots("propose_prompt", "\np");
}

/// `x` asks before dismissing.
#[test]
fn dismiss_prompt() {
    shots("dismiss_prompt", "x");
}

/// `e` on the engineer sheet: the profile form with labels in the rep's language.
#[test]
fn engineer_form() {
    shots("engineer_form", "3je");
}

/// While a form field holds a value that would be refused, the line above the prompt says
/// what is accepted (as `edit engineer --set` does), not just the value typed.
#[test]
fn engineer_form_says_what_a_field_accepts() {
    let remote = benchmatch::ops::engineers::FIELDS
        .iter()
        .position(|f| f.0 == "remote_pref")
        .unwrap();
    for (lang, want) in [
        (Lang::Ja, "「大崎」: フル / 一部 / 常駐 で入力してください"),
        (Lang::En, "'大崎': full, partial or none"),
    ] {
        let mut s = session(lang, (120, 40));
        drive(&mut s, &format!("3je{}\n", "j".repeat(remote)));
        for _ in 0..8 {
            s.key(key(KeyCode::Backspace));
        }
        drive(&mut s, "大崎");
        let text = screen(&s);
        assert!(text.contains(want), "{text}");
        // A value it takes clears the line.
        for _ in 0..2 {
            s.key(key(KeyCode::Backspace));
        }
        drive(
            &mut s,
            if lang == Lang::Ja {
                "一部"
            } else {
                "partial"
            },
        );
        assert!(!screen(&s).contains(want), "{}", screen(&s));
    }
}

/// A signed proposal books the engineer: the sheet lists it under 参画履歴 with the opening.
#[test]
fn engineer_sheet_booked() {
    for (w, h) in SIZES {
        for (lang, tag) in LANGS {
            let mut s = session(lang, (w, h));
            // Propose the best candidate, then 内定 and 契約 on the pipeline.
            drive(&mut s, "\np\n\n4tjj\n\n\nt\n\n\n3");
            let id = s.store().proposals().unwrap()[0].engineer_id;
            let at = s.app.data.engineer_index(id).unwrap();
            drive(&mut s, &"j".repeat(at));
            drive(&mut s, "\n");
            let text = screen(&s);
            insta::assert_snapshot!(format!("engineer_sheet_booked_{w}x{h}_{tag}"), text);
        }
    }
}

#[test]
fn queue() {
    shots("queue", "");
}

#[test]
fn queue_sorted_by_client_rank() {
    shots("queue_rank", "oo");
}

#[test]
fn opening() {
    shots("opening", "\n");
}

#[test]
fn opening_excluded() {
    shots("opening_excluded", "\na");
}

#[test]
fn opening_raw_text() {
    shots("opening_raw", "\nr");
}

#[test]
fn opening_after_proposal() {
    shots("opening_proposed", "\np\n\n");
}

#[test]
fn status_menu() {
    shots("status_menu", "\ns");
}

#[test]
fn free() {
    shots("free", "2");
}

#[test]
fn free_next_month_with_skill() {
    shots("free_next_month_java", "Ffjava\n");
}

#[test]
fn engineers() {
    shots("engineers", "3jj");
}

#[test]
fn engineer_sheet() {
    shots("engineer_sheet", "3j\n");
}

#[test]
fn search() {
    shots("search", "/java");
}

#[test]
fn posting_empty() {
    shots("posting_empty", "n");
}

#[test]
fn posting_typed() {
    shots("posting_typed", "n\x10");
}

#[test]
fn posting_review() {
    shots("posting_review", "n\x10\x13");
}

#[test]
fn help() {
    shots("help_queue", "?");
}

#[test]
fn help_opening() {
    shots("help_opening", "\n?");
}

#[test]
fn empty_database() {
    for (w, h) in SIZES {
        for (lang, tag) in LANGS {
            let tax = benchmatch::skills::Taxonomy::builtin();
            let store = benchmatch::store::Store::open_in_memory(tax).unwrap();
            let s = session_on(store, lang, (w, h));
            let shot = format!("empty_{w}x{h}_{tag}");
            insta::assert_snapshot!(shot, screen(&s));
        }
    }
}

/// The tab bar at 80×24 on every view, both languages: every tab is named in full and
/// the bar fits the width.
#[test]
fn tab_bar_80x24() {
    for (lang, tag) in LANGS {
        let mut rows = Vec::new();
        for view in ["1", "2", "3", "4", "5"] {
            let mut s = session(lang, (80, 24));
            press(&mut s, view);
            let text = screen(&s);
            let bar = text.lines().next().unwrap_or("").to_string();
            let labels: &[&str] = if lang == Lang::Ja {
                &[
                    "1 案件",
                    "2 空き状況",
                    "3 人材",
                    "4 パイプライン",
                    "5 チェック",
                ]
            } else {
                &[
                    "1 Openings",
                    "2 Who's free",
                    "3 Engineers",
                    "4 Pipeline",
                    "5 Checks",
                ]
            };
            for l in labels {
                assert!(bar.contains(l), "{tag} view {view}: {l} missing in {bar:?}");
            }
            assert!(
                unicode_width::UnicodeWidthStr::width(bar.as_str()) <= 80,
                "{bar:?}"
            );
            rows.push(format!("{view}: {bar}"));
        }
        insta::assert_snapshot!(format!("tab_bar_80x24_{tag}"), rows.join("\n"));
    }
}
