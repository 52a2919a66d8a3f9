//! Whatever arrives by mail, the parser and the mail decoder answer without panicking.
//!
//! Random text built from the fragments postings are made of (brackets, labels,
//! waves, dashes, digits, kana, quote marks, control characters) reaches the
//! corners of the readers far more often than uniform random text would.

use benchmatch::posting::{dedupe, mail, parse, split};
use benchmatch::skills::Taxonomy;
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "【",
    "】",
    "[",
    "]",
    "<",
    ">",
    "(",
    "）",
    "■",
    "・",
    "◆",
    "●",
    "▼",
    "-",
    "--",
    "-----",
    "====",
    "━━━",
    "：",
    ":",
    "~",
    "〜",
    "～",
    "ー",
    "?",
    "/",
    "、",
    "。",
    " ",
    "　",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    "> ",
    ">>",
    "単価",
    "単金",
    "月額",
    "精算",
    "万",
    "万円",
    "円",
    "h",
    "時間",
    "MAX",
    "max",
    "スキル見合い",
    "必須",
    "尚可",
    "歓迎",
    "MUST",
    "WANT",
    "Requirements",
    "Nice to have",
    "案件名",
    "案件1",
    "案件②",
    "面談",
    "回",
    "名",
    "歳",
    "代",
    "まで",
    "以下",
    "未満",
    "外国籍",
    "個人事業主",
    "不可",
    "可",
    "NG",
    "OK",
    "貴社",
    "社員",
    "1社先",
    "支援費",
    "商流不問",
    "即日",
    "来月",
    "12月",
    "1/5",
    "2026年",
    "令和",
    "年",
    "月",
    "日",
    "上旬",
    "長期",
    "フルリモート",
    "週2出社",
    "常駐",
    "品川",
    "駅",
    "Java",
    "Java8",
    "Spring Boot",
    "AWS",
    "Go",
    "C",
    "PHP7.4",
    "REST APIs",
    "60",
    "65.5",
    "660,000",
    "1,000,000,000,000",
    "0",
    "999999999999999",
    "①",
    "ｶﾞ",
    "ﾌﾙﾘﾓｰﾄ",
    "\u{1b}[2J",
    "\u{0}",
    "\u{7f}",
    "\u{202e}",
    "\u{feff}",
    "\u{301c}",
    "\u{ff5e}",
    "𠮷",
    "é",
    "From: a@b.c",
    "Subject: x",
    "-----Original Message-----",
    "TEL: 03",
    "配信停止",
    "お世話になっております。",
    "USD",
    "$",
    "€",
    "JPY",
    "¥",
    "per hour",
    "/month",
];

fn posting_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..160).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parsing_posting_like_text_never_panics(text in posting_like()) {
        let received = Utc.with_ymd_and_hms(2025, 11, 20, 0, 0, 0).unwrap();
        let tax = Taxonomy::builtin();
        let p = parse(&text, received, tax);
        prop_assert!(p.lang == "ja" || p.lang == "en");
        for r in split::split(&text) {
            let piece = &text[r];
            let _ = parse(piece, received, tax);
            let _ = dedupe::fingerprint(piece);
        }
    }

    #[test]
    fn parsing_any_text_never_panics(text in any::<String>()) {
        let received = Utc.with_ymd_and_hms(2025, 11, 20, 0, 0, 0).unwrap();
        let _ = parse(&text, received, Taxonomy::builtin());
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        let _ = mail::read_mail(&bytes);
        let _ = mail::decode_text(&bytes);
        let _ = mail::looks_like_mail(&bytes);
        for b in benchmatch::input::Mailbox::new(std::io::Cursor::new(&bytes)).flatten() {
            let _ = mail::read_mail(&b);
        }
    }
}
