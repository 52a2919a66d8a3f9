//! Folder names in IMAP's modified UTF-7 (RFC 3501 5.1.3), both ways: the rep writes `案件`,
//! the server knows `&aEhO9g-`.

/// Folder names in IMAP's modified UTF-7 (RFC 3501 5.1.3): `案件` → `&aEhO9g-`.
pub fn utf7_encode(name: &str) -> String {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
    let mut out = String::new();
    let mut pending: Vec<u16> = Vec::new();
    let flush = |pending: &mut Vec<u16>, out: &mut String| {
        if pending.is_empty() {
            return;
        }
        let bytes: Vec<u8> = pending.iter().flat_map(|u| u.to_be_bytes()).collect();
        out.push('&');
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            let chars = chunk.len() + 1;
            for k in 0..chars {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            }
        }
        out.push('-');
        pending.clear();
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut pending, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Folder names from IMAP's modified UTF-7 (RFC 3501 5.1.3): `&aEhO9g-` → `案件`. A name that
/// is not valid modified UTF-7 is shown as its bytes read as UTF-8.
pub fn utf7_decode(name: &[u8]) -> String {
    fn sextet(b: u8) -> Option<u32> {
        Some(u32::from(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b',' => 63,
            _ => return None,
        }))
    }
    let lossy = || String::from_utf8_lossy(name).into_owned();
    let mut out = String::new();
    let mut i = 0;
    while i < name.len() {
        let b = name[i];
        if b != b'&' {
            if !(0x20..0x7f).contains(&b) {
                return lossy();
            }
            out.push(char::from(b));
            i += 1;
            continue;
        }
        let Some(len) = name[i + 1..].iter().position(|c| *c == b'-') else {
            return lossy();
        };
        let run = &name[i + 1..i + 1 + len];
        i += len + 2;
        if run.is_empty() {
            out.push('&');
            continue;
        }
        let (mut bits, mut nbits, mut units) = (0u32, 0u32, Vec::new());
        for c in run {
            let Some(v) = sextet(*c) else { return lossy() };
            bits = (bits << 6) | v;
            nbits += 6;
            if nbits >= 16 {
                nbits -= 16;
                units.push((bits >> nbits) as u16);
                bits &= (1 << nbits) - 1;
            }
        }
        match String::from_utf16(&units) {
            Ok(s) => out.push_str(&s),
            Err(_) => return lossy(),
        }
    }
    out
}
