//! Forwarding noise around a posting: quoted mail headers, forward markers, signatures,
//! unsubscribe footers and salutations, so none of it is read as a field.

use super::layout::{Doc, Kind};

/// Forwarded headers, forward markers, footers and signatures become noise.
pub(crate) fn mark(doc: &mut Doc<'_>) {
    let n = doc.lines.len();
    let mut header = vec![false; n];
    for (i, is_header) in header.iter_mut().enumerate() {
        let low = doc.low(doc.body(i)).to_string();
        if doc.lines[i].kind == Kind::Blank {
            continue;
        }
        if is_forward_marker(&low) {
            doc.lines[i].kind = Kind::Noise;
            continue;
        }
        *is_header = is_header_line(&low);
        let is_label = doc.lines[i].kind == Kind::Label;
        if is_footer(&low) || (!is_label && is_strong_contact(&low)) {
            doc.lines[i].kind = Kind::Noise;
        } else if doc.lines[i].kind == Kind::Text && is_greeting(&low) {
            doc.lines[i].kind = Kind::Greeting;
        }
    }
    // A header line counts only next to another one: a lone `件名：` is a title label.
    for i in 0..n {
        if !header[i] {
            continue;
        }
        let near = (i.saturating_sub(3)..(i + 4).min(n)).any(|j| j != i && header[j]);
        let after_marker = i > 0 && (doc.lines[i - 1].kind == Kind::Noise || header[i - 1]);
        if near || after_marker {
            doc.lines[i].kind = Kind::Noise;
        }
    }
    mark_signatures(doc);
}

/// A paragraph with two or more contact lines and no posting field is a signature.
fn mark_signatures(doc: &mut Doc<'_>) {
    let n = doc.lines.len();
    let mut i = 0;
    while i < n {
        if matches!(doc.lines[i].kind, Kind::Blank | Kind::Separator) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && !matches!(doc.lines[i].kind, Kind::Blank | Kind::Separator) {
            i += 1;
        }
        let mut contacts = 0;
        let mut fields = 0;
        for j in start..i {
            let low = doc.low(doc.content(j));
            if is_contact(low) {
                contacts += 1;
            } else if doc.lines[j].kind == Kind::Label {
                fields += 1;
            }
        }
        let sig_dash = doc.text(doc.content(start)).trim() == "--";
        if (contacts >= 2 && fields <= 1 && contacts * 2 >= (i - start).min(6))
            || (sig_dash && fields == 0)
        {
            for j in start..i {
                doc.lines[j].kind = Kind::Noise;
            }
            doc.segs.retain(|s| s.line < start || s.line >= i);
        }
    }
}

fn is_header_line(low: &str) -> bool {
    #[rustfmt::skip]
    const HEADERS: &[&str] = &[
        "from:", "to:", "cc:", "bcc:", "sent:", "date:", "subject:", "reply-to:", "差出人:",
        "送信者:", "送信日時:", "送信日:", "日時:", "宛先:", "件名:", "日付:", "送信元:",
        "返信先:", "from :", "subject :", "date :", "to :",
    ];
    HEADERS.iter().any(|h| low.starts_with(h))
}

fn is_forward_marker(low: &str) -> bool {
    #[rustfmt::skip]
    const MARKS: &[&str] = &[
        "original message", "forwarded message", "begin forwarded message", "転送メッセージ",
        "元のメッセージ", "転送済み", "以下転送", "forwarded by",
    ];
    MARKS.iter().any(|m| low.contains(m))
        || (low.ends_with("wrote:") && low.len() < 200)
        || low.ends_with("書きました:")
}

fn is_footer(low: &str) -> bool {
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "配信停止", "配信解除", "配信不要", "配信を停止", "配信をご希望", "配信を希望",
        "配信の停止", "メール配信", "配信先", "配信しております", "unsubscribe", "opt-out",
        "opt out", "送信専用", "個人情報", "プライバシー", "誤送信", "心当たり",
        "削除してください", "削除して下さい", "返信不要", "bccにて", "bccで", "一斉送信",
        "一斉配信", "confidential",
    ];
    WORDS.iter().any(|w| low.contains(w))
}

fn is_greeting(low: &str) -> bool {
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "お世話にな", "お疲れ様", "おつかれさま", "お世話様", "いつも大変", "いつもお世話",
        "平素より", "平素は", "ご確認ください", "ご確認の程", "ご確認のほど", "ご検討",
        "よろしくお願い", "宜しくお願い", "何卒", "ご提案をお待ち", "ご提案お待ち",
        "ご紹介いたします", "ご紹介します", "ご紹介させて", "ご案内いたします", "ご案内します",
        "案件のご紹介", "案件情報をお送り", "案件をお送り", "失礼いたします", "失礼します",
        "ございましたら", "下記案件", "以下案件", "下記の案件", "以下の案件", "各位", "ご担当者様",
        "ご担当者さま", "hello", "hi all", "dear ", "best regards", "kind regards", "thank you",
        "thanks,", "regards,", "please let me know", "please send",
        "we are looking for candidates",
    ];
    WORDS.iter().any(|w| low.contains(w))
}

/// Phone numbers, mail addresses and URLs: never part of a posting's fields.
fn is_strong_contact(low: &str) -> bool {
    const STARTS: &[&str] = &[
        "tel", "fax", "mail", "e-mail", "email", "url", "http", "携帯", "mobile", "phone", "電話",
        "〒",
    ];
    let t = low.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '〒');
    STARTS.iter().any(|s| {
        t.strip_prefix(s).is_some_and(|r| {
            r.starts_with([':', ' ', '.', '/', '(']) || r.is_empty() || *s == "〒" || *s == "http"
        })
    }) || (t.contains('@') && t.contains('.') && !t.contains(' ') && t.len() < 80)
}

fn is_contact(low: &str) -> bool {
    #[rustfmt::skip]
    const STARTS: &[&str] = &[
        "tel", "fax", "mail", "e-mail", "email", "url", "http", "携帯", "mobile", "phone", "電話",
        "〒", "住所", "address", "web:", "hp:", "営業時間",
    ];
    let t = low.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '〒');
    STARTS.iter().any(|s| t.starts_with(s))
        || (t.contains('@') && t.contains('.') && !t.contains(' ') && t.len() < 80)
        || t.contains("株式会社") && t.chars().count() < 40 && !t.contains(':')
        || t.contains("co.,ltd")
        || t.contains("inc.")
}
