//! Who sent a mail: the company its sender signs with, else the sender's mail domain.
//! A partner's offers are filed under it; a posting's opening takes it as its client
//! (取引先), so client rank, the wait order by rank and the pitch's addressee work.
//!
//! The greeting (`株式会社XXX 〇〇様`) names us, the firm the mail is addressed to, so a
//! company on a greeting line, or one of our own names from config, is never the sender.

use super::mail::Mail;

/// The address in `Name <address>`, or the whole text when it is one.
pub fn address_of(sender: &str) -> Option<&str> {
    let s = sender.trim();
    let a = match (s.rfind('<'), s.rfind('>')) {
        (Some(i), Some(j)) if i < j => &s[i + 1..j],
        _ => s,
    };
    a.contains('@').then_some(a.trim())
}

const COMPANY_MARKS: [&str; 6] = ["株式会社", "(株)", "（株）", "㈱", "有限会社", "合同会社"];

/// The company a mail comes from: the company its sender signs with, else the sender's
/// mail domain (stable across the people of one company). A partner's offer files its
/// engineers under it; a posting's opening takes it as the client (取引先).
pub fn company_of(m: &Mail) -> Option<String> {
    company_of_excluding(m, &[])
}

/// [`company_of`], never one of `own` (our own company's names).
pub fn company_of_excluding(m: &Mail, own: &[String]) -> Option<String> {
    firm_of(m, own).or_else(|| {
        m.sender
            .as_deref()
            .and_then(address_of)
            .and_then(|a| a.rsplit_once('@'))
            .map(|(_, d)| d.to_ascii_lowercase())
    })
}

/// The firm that sent a posting, by name only (signature, else the From display name);
/// never a bare mail domain and never one of `own`. A posting's client when it names no
/// end client.
pub fn firm_of(m: &Mail, own: &[String]) -> Option<String> {
    let own_part = own_part(m);
    let from_name = m.sender.as_deref().unwrap_or("");
    let not_own = |n: &String| !own.iter().any(|o| crate::domain::company::same(o, n));
    companies_in(&own_part)
        .into_iter()
        .find(not_own)
        .or_else(|| companies_in(from_name).into_iter().find(not_own))
        // A colleague's forward (From: one of our names): the firm is the one that wrote
        // the original. A partner's forward stays the partner's, by its domain.
        .or_else(|| {
            let from_us = companies_in(from_name).iter().any(|n| !not_own(n));
            from_us
                .then(|| companies_in(&forwarded_part(m)).into_iter().find(not_own))
                .flatten()
        })
}

/// What follows the mail's own text (a forwarded or quoted original), unquoted.
fn forwarded_part(m: &Mail) -> String {
    m.body
        .lines()
        .skip(own_lines(m))
        .map(|l| l.trim_start().trim_start_matches(['>', ' ']))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Mail domains anyone may use: they name no firm.
const FREE_MAIL: [&str; 10] = [
    "gmail.com",
    "googlemail.com",
    "yahoo.co.jp",
    "ymail.ne.jp",
    "outlook.com",
    "outlook.jp",
    "hotmail.com",
    "hotmail.co.jp",
    "icloud.com",
    "live.jp",
];

/// The firm that sent a posting, as the partner it is filed under: its signature, else
/// the From display name, else its mail domain (not a free-mail one); never one of `own`.
pub fn sending_firm(m: &Mail, own: &[String]) -> Option<String> {
    company_of_excluding(m, own).filter(|f| {
        !FREE_MAIL.contains(&f.as_str()) && !own.iter().any(|o| crate::domain::company::same(o, f))
    })
}

/// Labels a posting states its end client under, longest first. The last, `クライアント`,
/// is read only before a company name (it often means the sender's client).
pub(crate) const END_CLIENT_LABELS: [&str; 7] = [
    "エンドユーザー",
    "エンドユーザ",
    "エンド企業",
    "エンド",
    "顧客名",
    "顧客",
    "クライアント",
];

/// What follows one of `labels` at the start of a line, past any bullet or bracket.
pub(crate) fn after_label<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let t = line
        .trim()
        .trim_start_matches(['■', '◆', '●', '・', '□', '◇', '【', '[']);
    labels.iter().find_map(|l| t.strip_prefix(l))
}

/// The end client a posting states (`エンド：株式会社…`, `【顧客】…`), if it names a company.
pub fn end_client_in(text: &str) -> Option<String> {
    for line in text.lines() {
        let Some(rest) = after_label(line, &END_CLIENT_LABELS) else {
            continue;
        };
        let value = rest
            .trim_start_matches(['】', ']', '：', ':', ' ', '\u{3000}'])
            .trim();
        if value.is_empty() || rest.len() == value.len() && !rest.starts_with(['】', ']']) {
            // `エンド直` or `顧客と共に`: not a label.
            continue;
        }
        // `大和物流株式会社 様` here honours the client; it addresses no one.
        let value = value.trim_end_matches(['様', '御', '中']).trim_end();
        if let Some(name) = companies_in(value).into_iter().next() {
            return Some(name);
        }
    }
    None
}

/// The mail's own text: up to the first quoted or forwarded part.
fn own_part(m: &Mail) -> String {
    m.body
        .lines()
        .take(own_lines(m))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many lines the mail's own text runs before a quoted or forwarded part.
fn own_lines(m: &Mail) -> usize {
    m.body
        .lines()
        .take_while(|l| {
            let t = l.trim_start().to_ascii_lowercase();
            !(t.starts_with('>')
                || t.starts_with("from:")
                || t.contains("forwarded message")
                || t.contains("original message")
                || t.starts_with("差出人"))
        })
        .count()
}

/// A greeting's address (`松田様`, `ご担当者 様`, `御中`, `各位`): it names the recipient.
fn is_addressee(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['、', ',', '。']).trim_end();
    ["様", "さま", "御中", "各位", "殿"]
        .iter()
        .any(|w| t.ends_with(w))
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() && !('\u{3041}'..='\u{3096}').contains(&c)
        || matches!(c, '・' | '&' | 'ー' | '-')
}

/// `ブリッジテック株式会社の佐藤です` → `ブリッジテック株式会社`; `株式会社サンプル 営業部` → `株式会社サンプル`.
/// Companies in the order written, leaving out those a greeting addresses (`株式会社XXX 〇〇様`,
/// or a company alone on the line above `〇〇様`).
fn companies_in(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let next = lines[i + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .copied()
            .unwrap_or("");
        for mark in COMPANY_MARKS {
            let Some(p) = line.find(mark) else { continue };
            let before: String = line[..p]
                .chars()
                .rev()
                .take_while(|c| is_name_char(*c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let mut after: String = line[p + mark.len()..]
                .chars()
                .take_while(|c| is_name_char(*c))
                .collect();
            // `株式会社サンプル営業部`: the department is not the company's name.
            for dept in [
                "営業本部",
                "営業部",
                "営業課",
                "営業グループ",
                "購買室",
                "事業部",
            ] {
                if let Some(s) = after.strip_suffix(dept).filter(|s| !s.is_empty()) {
                    after = s.to_string();
                    break;
                }
            }
            let (name, tail) = if !before.is_empty() {
                (format!("{before}{mark}"), &line[p + mark.len()..])
            } else if !after.is_empty() {
                (
                    format!("{mark}{after}"),
                    &line[p + mark.len() + after.len()..],
                )
            } else {
                continue;
            };
            let alone = tail.trim().is_empty() && line[..p].trim().len() == before.len();
            if is_addressee(tail) || (alone && is_addressee(next) && !next.contains(mark)) {
                break;
            }
            out.push(crate::text::cell(&name));
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(sender: &str, body: &str) -> Mail {
        Mail {
            sender: Some(sender.into()),
            subject: None,
            date: None,
            body: body.into(),
        }
    }

    #[test]
    fn a_colleagues_forward_names_the_firm_that_wrote_the_original() {
        let own = vec!["株式会社ミライテック".to_string()];
        let m = mail(
            "株式会社ミライテック 田中 <tanaka@miraitech.example>",
            "営業各位\n\n下記、転送します。\n\n-----Original Message-----\nFrom: 山田 <y@kaze.example>\n\n\
株式会社ミライテック 田中様\n\n【案件名】生産管理\n\n--\n風システム株式会社\n山田\n\n--\n株式会社ミライテック 営業部\n",
        );
        assert_eq!(firm_of(&m, &own).as_deref(), Some("風システム株式会社"));
        // A partner's own signature still comes first.
        let m = mail(
            "山田 <y@kaze.example>",
            "ご確認ください。\n--\n株式会社ソラ\n\n> 株式会社ミライテック 田中様\n> --\n> 風システム株式会社\n",
        );
        assert_eq!(firm_of(&m, &own).as_deref(), Some("株式会社ソラ"));
    }

    #[test]
    fn a_posting_mail_names_its_company_by_signature_else_domain() {
        let m = mail(
            "山田 <yamada@techlink.co.jp>",
            "【案件名】Java開発\n【単価】60万\n--\n株式会社テックリンク 営業部\n山田",
        );
        assert_eq!(company_of(&m).as_deref(), Some("株式会社テックリンク"));
        let m = mail("<sales@example.co.jp>", "案件です");
        assert_eq!(company_of(&m).as_deref(), Some("example.co.jp"));
    }

    #[test]
    fn partner_is_the_company_the_sender_signs_with() {
        let m = mail(
            "佐藤 <sato@bridge.co.jp>",
            "お世話になっております。ブリッジテック株式会社の佐藤です。\n",
        );
        assert_eq!(company_of(&m).as_deref(), Some("ブリッジテック株式会社"));
        let m = mail("sales@kizuna.jp", "絆ITです。\n--\n株式会社絆IT 営業部\n");
        assert_eq!(company_of(&m).as_deref(), Some("株式会社絆IT"));
        let m = mail(
            "小林 <kobayashi@sakura-ses.co.jp>",
            "さくらSESの小林です。\nFrom: 渡辺 <w@blue.co.jp>\n株式会社ブルー\n",
        );
        assert_eq!(company_of(&m).as_deref(), Some("sakura-ses.co.jp"));
    }

    #[test]
    fn the_greeting_names_us_not_the_sender() {
        let own = vec!["株式会社ミライテック".to_string()];
        let m = mail(
            "営業部 <info@kaze-sys.co.jp>",
            "株式会社ミライテック\n営業ご担当者様\n\nお世話になっております。\n【案件名】Java開発\n\n--\n風システム株式会社 営業部\n",
        );
        assert_eq!(firm_of(&m, &[]).as_deref(), Some("風システム株式会社"));
        let m = mail(
            "<info@kaze-sys.co.jp>",
            "(株)ミライテック 田中様\n案件のご紹介です。\n",
        );
        assert_eq!(firm_of(&m, &[]), None);
        assert_eq!(company_of(&m).as_deref(), Some("kaze-sys.co.jp"));
        // Our own name from config, however written, is never the sender.
        let m = mail(
            "<a@b.jp>",
            "株式会社 ミライテック\n案件です\n株式会社ソラ 営業部\n",
        );
        assert_eq!(firm_of(&m, &own).as_deref(), Some("株式会社ソラ"));
        // The From display name when the body signs nothing.
        let m = mail("株式会社ソラ 佐藤 <s@sora.jp>", "案件です");
        assert_eq!(firm_of(&m, &own).as_deref(), Some("株式会社ソラ"));
    }

    #[test]
    fn a_stated_end_client_is_read() {
        assert_eq!(
            end_client_in("【エンド】株式会社ヒカリ損保\n【単価】70万").as_deref(),
            Some("株式会社ヒカリ損保")
        );
        assert_eq!(
            end_client_in("■顧客：大和物流株式会社 様\n").as_deref(),
            Some("大和物流株式会社")
        );
        assert_eq!(end_client_in("商流：エンド直\n顧客と共に検討"), None);
        assert_eq!(end_client_in("エンド：大手SIer\n"), None);
    }

    #[test]
    fn addresses() {
        assert_eq!(
            address_of("山田 <yamada@example.jp>"),
            Some("yamada@example.jp")
        );
        assert_eq!(address_of("yamada@example.jp"), Some("yamada@example.jp"));
        assert_eq!(address_of("山田"), None);
    }
}
