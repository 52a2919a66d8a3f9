//! HTML-only mail reduced to text, keeping the line structure postings rely on.
//!
//! mail-parser's own conversion breaks lines only at `<br>` and `</p>`; postings sent
//! from Outlook or web forms put each field in a `<div>` or a table row, so every
//! block element and row ends a line here, and table cells are separated by a
//! full-width space (`単価　65万`), the way the trade aligns fields by hand.

/// Text of an HTML document: blocks become lines, cells are spaced, entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skip_until: Option<&'static str> = None;
    let mut pre = 0usize;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                push_text(&mut out, rest, pre > 0);
            }
            break;
        };
        if skip_until.is_none() {
            push_text(&mut out, &rest[..lt], pre > 0);
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "head" | "style" | "script" | "title" | "template" if !closing => {
                skip_until = Some(match name.as_str() {
                    "head" => "head",
                    "style" => "style",
                    "script" => "script",
                    "title" => "title",
                    _ => "template",
                });
            }
            "br" => out.push('\n'),
            "p" | "div" | "tr" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table"
            | "ul" | "ol" | "blockquote" | "section" | "article" | "dt" | "dd" => {
                if !out.ends_with('\n') && !out.is_empty() {
                    out.push('\n');
                }
                if name == "li" && !closing {
                    out.push('・');
                }
            }
            "hr" => out.push_str("\n----------\n"),
            "td" | "th" if !closing && !out.ends_with('\n') && !out.is_empty() => {
                out.push('\u{3000}');
            }
            "pre" => {
                if closing {
                    pre = pre.saturating_sub(1);
                } else {
                    pre += 1;
                }
            }
            _ => {}
        }
    }
    // Collapse the blank lines that nested blocks leave behind.
    let mut text = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let l = line.trim_end();
        if l.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        text.push_str(l);
        text.push('\n');
    }
    text.trim_start_matches('\n').to_string()
}

/// Append text between tags: entities decoded, HTML whitespace collapsed (kept inside `<pre>`).
fn push_text(out: &mut String, s: &str, pre: bool) {
    let decoded = decode_entities(s);
    if pre {
        out.push_str(&decoded);
        return;
    }
    let mut last_space = out.ends_with([' ', '\n', '\u{3000}']) || out.is_empty();
    for c in decoded.chars() {
        if matches!(c, ' ' | '\t' | '\r' | '\n') {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = c == '\u{3000}';
        }
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = if let Some(num) = entity.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            code.and_then(char::from_u32).map(String::from)
        } else {
            match entity {
                "nbsp" => Some(" ".into()),
                "amp" => Some("&".into()),
                "lt" => Some("<".into()),
                "gt" => Some(">".into()),
                "quot" => Some("\"".into()),
                "apos" | "#39" => Some("'".into()),
                "yen" => Some("¥".into()),
                "copy" => Some("©".into()),
                "times" => Some("×".into()),
                "middot" => Some("・".into()),
                "hellip" => Some("…".into()),
                "ndash" => Some("–".into()),
                "mdash" => Some("—".into()),
                "rarr" => Some("→".into()),
                _ => None,
            }
        };
        match decoded {
            Some(d) => {
                out.push_str(&d);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_rows_and_cells() {
        let html = "<html><head><style>p{}</style></head><body>\
            <div>【案件名】EC開発</div><div>【単価】60&#12316;70万円</div>\
            <table><tr><td>場所</td><td>品川</td></tr><tr><th>面談</th><td>1回</td></tr></table>\
            <ul><li>Java</li><li>AWS &amp; Docker</li></ul><p>以上</p></body></html>";
        assert_eq!(
            html_to_text(html),
            "【案件名】EC開発\n【単価】60〜70万円\n場所\u{3000}品川\n面談\u{3000}1回\n・Java\n・AWS & Docker\n以上\n"
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<div",
            "&",
            "&#xZZ;",
            "<!-- open",
            "<td>a",
            "a<br/>b&nbsp;c",
        ] {
            let _ = html_to_text(s);
        }
        assert_eq!(html_to_text("a<br/>b&nbsp;c"), "a\nb c\n");
    }
}
