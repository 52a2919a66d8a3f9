//! The two front ends give the same answers because they call the same ops function.

use crate::common::Sandbox;
use crate::tui_common::session_on;
use benchmatch::i18n::Lang;
use benchmatch::tui::app::Overlay;
use benchmatch::tui::Effect;

/// An opening capped at 99万 and an engineer asking 120万: both front ends quote 99万.
#[test]
fn pitch_quotes_the_same_capped_rate_from_the_cli_and_the_dashboard() {
    let sb = Sandbox::new();
    sb.demo(5, 2);
    sb.ok(&["edit", "opening", "1", "--set", "rate_min=80", "--set", "rate_max=99"]);
    sb.ok(&["edit", "engineer", "1", "--set", "rate=120"]);
    let cli = sb.ok(&["pitch", "1", "1", "--lang", "ja", "--as-of", "2026-03-02"]);
    assert!(cli.contains("99万"), "{cli}");
    assert!(!cli.contains("120万"), "{cli}");

    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&sb.db(), tax).unwrap();
    let mut s = session_on(store, Lang::Ja, (120, 40));
    s.effect(Effect::Pitch {
        opening_id: 1,
        engineer_id: 1,
    });
    let Some(Overlay::Pitch { pitch, .. }) = &s.app.overlay else {
        panic!("no pitch: {:?} {:?}", s.app.overlay, s.app.status);
    };
    assert_eq!(pitch.text.trim_end(), cli.trim_end());
}
