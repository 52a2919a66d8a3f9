//! Sorting whole texts and mails: what decides, and what a reply or a list becomes.

use super::*;
use chrono::TimeZone;

fn received() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap()
}

fn kind(text: &str) -> Kind {
    classify(text, received(), Taxonomy::builtin()).kind
}

#[test]
fn a_person_is_an_offer_and_a_job_is_an_opening() {
    assert_eq!(
        kind("【人材情報】\n氏名：T.K（34歳・男性）\n最寄駅：川崎\nスキル：Java 5年\n単価：65万\n稼働：即日可\n所属：弊社正社員"),
        Kind::Offer
    );
    assert_eq!(
        kind("【案件名】ECサイト開発\n【必須スキル】Java 3年以上\n【尚可】AWS\n【単価】60〜70万\n【場所】渋谷\n【商流】貴社社員まで\n【面談】1回"),
        Kind::Opening
    );
    assert_eq!(
        kind("【無料ウェビナー】生成AI活用セミナーのご案内\n日時：12月3日 15:00〜\n参加費：無料\nお申し込みはこちら\n配信停止はこちら"),
        Kind::Other
    );
}

#[test]
fn the_decision_names_its_cues() {
    let d = classify(
        "【人材情報】\n氏名：T.K\n年齢：34歳",
        received(),
        Taxonomy::builtin(),
    );
    assert!(d
        .cues
        .iter()
        .any(|c| c.cue == "人材情報" && c.kind == Kind::Offer));
    assert!(d.cues.iter().any(|c| c.cue == "field: initials"));
    assert!(d.scores.offer > d.scores.other);
}

#[test]
fn a_mail_of_several_offers_gives_one_item_each() {
    let body = "お世話になっております。弊社の人材情報をお送りします。\n\n【人材①】\n氏名：T.K\n年齢：34歳\nスキル：Java 5年\n\n【人材②】\n氏名：Y.S\n年齢：28歳\nスキル：PHP 3年\n-----\n株式会社サンプル 山田\n";
    let env = Envelope {
        subject: Some("人材情報"),
        from_addr: None,
        received: received(),
    };
    let s = sort_mail(body, &env, Taxonomy::builtin());
    assert_eq!(s.kind, Kind::Offer);
    assert_eq!(
        s.items.len(),
        2,
        "{:?}",
        s.items.iter().map(|i| &i.text).collect::<Vec<_>>()
    );
    assert_eq!(s.items[1].offer.initials.as_deref(), Some("Y.S."));
}

#[test]
fn a_reply_quoting_an_offer_is_other() {
    let body = "ご連絡ありがとうございます。\n承知しました。面談日程を調整いたします。\n\n> 【人材情報】\n> 氏名：T.K\n> 年齢：34歳\n";
    let env = Envelope {
        subject: Some("Re: 【人材情報】Java 5年"),
        from_addr: None,
        received: received(),
    };
    let s = sort_mail(body, &env, Taxonomy::builtin());
    assert_eq!(s.kind, Kind::Other);
    assert!(s.items.is_empty());
}
