use super::*;

fn fields(text: &str) -> Vec<(Field, String)> {
    let d = Doc::new(text);
    d.segs
        .iter()
        .map(|s| (s.field, d.text(s.value.clone()).to_string()))
        .collect()
}

#[test]
fn label_forms() {
    for (line, field, value) in [
        ("【単価】65万円", Field::Rate, "65万円"),
        ("■単価：65万円", Field::Rate, "65万円"),
        ("◆単価目安：65万円", Field::Rate, "65万円"),
        ("●単価　：65万", Field::Rate, "65万"),
        ("・単価：65万", Field::Rate, "65万"),
        ("単価(税込)：65万", Field::Rate, "65万"),
        ("８．単金　65万", Field::Rate, "65万"),
        ("金　　額 ：65万", Field::Rate, "65万"),
        ("単価　　　　　65万", Field::Rate, "65万"),
        ("[Rate] 700,000 JPY", Field::Rate, "700,000 JPY"),
        ("Location: Tokyo", Field::Location, "Tokyo"),
        ("①案件名：EC開発", Field::Title, "EC開発"),
        ("> 【必須】Java", Field::Must, "Java"),
        ("Requirements", Field::Must, ""),
        ("▼報酬条件", Field::Rate, ""),
        ("【単　　価】　　：60万", Field::Rate, "60万"),
        ("案　件：在庫管理", Field::Title, "在庫管理"),
        (
            "【月収】680,000円～920,000円",
            Field::Rate,
            "680,000円~920,000円",
        ),
        ("■標準時間（精算あり）", Field::Settle, ""),
        ("■打ち合わせ：WEB1回", Field::Interviews, "WEB1回"),
    ] {
        let got = fields(line);
        assert_eq!(
            got.first().cloned(),
            Some((field, value.to_string())),
            "{line}: {got:?}"
        );
    }
}

#[test]
fn two_fields_on_one_line() {
    let got = fields("【単価】65万　【場所】品川");
    assert_eq!(
        got,
        vec![
            (Field::Rate, "65万".to_string()),
            (Field::Location, "品川".to_string())
        ]
    );
}

#[test]
fn prose_and_items_are_not_labels() {
    for line in [
        "Javaでの開発経験3年以上",
        "・Java：3年以上",
        "9:00-18:00",
        "リモート可",
    ] {
        let got = fields(line);
        assert!(
            got.iter().all(|(f, _)| *f != Field::Other),
            "{line}: {got:?}"
        );
    }
    assert!(fields("・Java：3年以上").is_empty());
}

#[test]
fn sections_follow_headings_and_end_at_separators() {
    let d = Doc::new("【必須スキル】\n・Java\n・Spring\n【開発環境】\nAWS\n-----\n以上");
    let sec: Vec<Option<Field>> = d.lines.iter().map(|l| l.section).collect();
    assert_eq!(
        sec,
        vec![
            Some(Field::Must),
            Some(Field::Must),
            Some(Field::Must),
            Some(Field::Env),
            Some(Field::Env),
            None,
            None
        ]
    );
}

#[test]
fn forwarding_noise() {
    let text = "お世話になっております。\n-----Original Message-----\nFrom: a@example.com\nSent: Monday\nSubject: Java案件\n件名：Java案件\n\n株式会社サンプル 営業部\nTEL: 03-0000-0000\nMail: a@example.com\n※配信停止をご希望の方はご返信ください";
    let d = Doc::new(text);
    let kinds: Vec<Kind> = d.lines.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        vec![
            Kind::Greeting,
            Kind::Noise,
            Kind::Noise,
            Kind::Noise,
            Kind::Noise,
            Kind::Noise,
            Kind::Blank,
            Kind::Noise,
            Kind::Noise,
            Kind::Noise,
            Kind::Noise
        ]
    );
}

#[test]
fn values_continue_across_blank_lines_and_asides() {
    // A value on the lines below, with a blank line after every line and the ceiling in parentheses.
    let d = Doc::new("単　金：スキル見合い\n\n　　　　（Max:55~60万円）\n\n精　算：固定\n");
    let values: Vec<String> = d
        .values(Field::Rate)
        .into_iter()
        .map(|r| d.text(r).to_string())
        .collect();
    assert_eq!(values, vec!["スキル見合い", "(Max:55~60万円)"]);
    // `初台：在宅 ※出社が基本` is a line of the place section, not a `初台：在宅` label.
    let d = Doc::new("■作業場所\n・初台：在宅 ※出社が基本\n");
    assert_eq!(d.values(Field::Location).len(), 1);
    assert!(d.segs.iter().all(|s| s.field != Field::Remote));
}

#[test]
fn a_bare_field_name_heads_the_value_under_it() {
    // `報酬` alone, the amount below, then an hourly aside labelled on its own.
    let d = Doc::new(
        "報酬\n-380,000円/月（経験により相談）\n※時間単価：4,000円/時\n\n稼働時間\n-140h/月\n",
    );
    let values: Vec<String> = d
        .values(Field::Rate)
        .into_iter()
        .map(|r| d.text(r).to_string())
        .collect();
    assert_eq!(
        values.first().map(String::as_str),
        Some("-380,000円/月(経験により相談)")
    );
    assert_eq!(d.values(Field::Hours).len(), 1);
    // Inside a skills list a bare `業務` or `スキル` stays an item.
    let d = Doc::new("■必須\n業務\nJava\n");
    assert!(d.segs.iter().all(|s| s.field == Field::Must));
    // `What You'll Do` heads the description, so the lines under it are not the place above.
    let d = Doc::new("Location\n\nOsaka\n\nWhat You'll Do (the role)\n\n3+ years in Go\n");
    assert!(
        d.segs.iter().any(|s| s.field == Field::Description),
        "{:?}",
        fields("What You'll Do (the role)")
    );
}

#[test]
fn markdown_bold_headings() {
    let d = Doc::new(
        "Senior Go Engineer\n\n**Requirements**\n- Go\n\n**Description**\nPayments API.\n",
    );
    let got: Vec<Field> = d.segs.iter().map(|s| s.field).collect();
    assert_eq!(got, vec![Field::Must, Field::Description]);
}
