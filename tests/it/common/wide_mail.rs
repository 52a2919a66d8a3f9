// A wide mail for the tests and `examples/wide_mail.rs` (issue 14: sorting was quadratic).

/// The mail, as bytes: PARTS items that each look like a posting or an offer
/// (`KIND`: `mixed`, `postings` or `offers`), in nested multiparts, with attachments
/// and forwarded messages between them.
pub fn wide_mail(parts: usize, kind: &str) -> Vec<u8> {
    let mut m = String::with_capacity(parts * 300);
    m.push_str(
        "From: 佐藤 <sato@bridge-tech.co.jp>\r\nTo: sales@ourfirm.co.jp\r\nSubject: 案件と人材のご紹介\r\n\
         Date: Fri, 20 Nov 2026 09:12:00 +0900\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n",
    );
    for i in 0..parts {
        let posting = match kind {
            "postings" => true,
            "offers" => false,
            _ => i % 2 == 0,
        };
        let text = if posting {
            format!(
                "【案件名】決済基盤の改修 {i}\r\n【必須スキル】Java 3年以上、Spring Boot\r\n【単価】{}〜{}万円\r\n\
                 【場所】渋谷\r\n【開始】2027年1月\r\n",
                50 + i % 20,
                70 + i % 20
            )
        } else {
            format!(
                "【人材】 Java {}年 / {}代男性 / 最寄: 川崎 / 単価 {}万 / 即日可 / 1社先正社員 T.{}\r\n",
                1 + i % 10,
                2 + i % 4,
                50 + i % 30,
                (b'A' + (i % 26) as u8) as char
            )
        };
        match i % 10 {
            // Nested alternatives: the same item as text and html.
            0 => m.push_str(&format!(
                "--outer\r\nContent-Type: multipart/alternative; boundary=\"alt{i}\"\r\n\r\n\
                 --alt{i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n\
                 --alt{i}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>{}</p>\r\n--alt{i}--\r\n",
                text.replace("\r\n", "<br>")
            )),
            // An attachment between the items.
            3 => m.push_str(&format!(
                "--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n\
                 --outer\r\nContent-Type: application/octet-stream; name=\"skill{i}.xlsx\"\r\n\
                 Content-Disposition: attachment; filename=\"skill{i}.xlsx\"\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\nUEsDBBQAAAAIAAAAIQAAAAAAAAAAAAAAAAAAAAAA\r\n"
            )),
            // A forwarded message carrying the item.
            7 => m.push_str(&format!(
                "--outer\r\nContent-Type: message/rfc822\r\n\r\nFrom: 渡辺 <w{i}@blue{i}.co.jp>\r\n\
                 Subject: Fw: {i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
            )),
            _ => m.push_str(&format!(
                "--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
            )),
        }
    }
    m.push_str("--outer--\r\n");
    m.into_bytes()
}
