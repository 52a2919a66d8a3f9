//! Who sent a mail: the company its sender signs with, else the sender's mail domain.
//! A partner's offers are filed under it; a posting's opening takes it as its client
//! (取引先), so client rank, the wait order by rank and the pitch's addressee work.

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

const COMPANY_MARKS: [&str; 5] = ["株式会社", "(株)", "（株）", "有限会社", "合同会社"];

/// The company a mail comes from: the company its sender signs with, else the sender's
/// mail domain (stable across the people of one company). A partner's offer files its
/// engineers under it; a posting's opening takes it as the client (取引先).
pub fn company_of(m: &Mail) -> Option<String> {
    let own_part: String = m
        .body
        .lines()
        .take_while(|l| {
            let t = l.trim_start().to_ascii_lowercase();
            !(t.starts_with('>')
                || t.starts_with("from:")
                || t.contains("forwarded message")
                || t.contains("original message")
                || t.starts_with("差出人"))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let from_name = m.sender.as_deref().unwrap_or("");
    company_in(&own_part)
        .or_else(|| company_in(from_name))
        .or_else(|| {
            m.sender
                .as_deref()
                .and_then(address_of)
                .and_then(|a| a.rsplit_once('@'))
                .map(|(_, d)| d.to_ascii_lowercase())
        })
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() && !('\u{3041}'..='\u{3096}').contains(&c)
        || matches!(c, '・' | '&' | 'ー' | '-')
}

/// `ブリッジテック株式会社の佐藤です` → `ブリッジテック株式会社`; `株式会社サンプル 営業部` → `株式会社サンプル`.
fn company_in(text: &str) -> Option<String> {
    for line in text.lines() {
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
            let after: String = line[p + mark.len()..]
                .chars()
                .take_while(|c| is_name_char(*c))
                .collect();
            let name = if !before.is_empty() {
                format!("{before}{mark}")
            } else if !after.is_empty() {
                format!("{mark}{after}")
            } else {
                continue;
            };
            return Some(crate::text::cell(&name));
        }
    }
    None
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
    fn addresses() {
        assert_eq!(
            address_of("山田 <yamada@example.jp>"),
            Some("yamada@example.jp")
        );
        assert_eq!(address_of("yamada@example.jp"), Some("yamada@example.jp"));
        assert_eq!(address_of("山田"), None);
    }
}
