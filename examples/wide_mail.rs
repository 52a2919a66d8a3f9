//! Writes one wide mail to stdout: PARTS parts that each look like a posting or an
//! engineer offer, in nested multiparts, with attachments and forwarded messages.
//! It reproduces the slow sorting of issue 14 and measures the fix:
//!
//! ```sh
//! cargo run --release --example wide_mail -- 20000 > wide.eml
//! /usr/bin/time -v benchmatch import mail wide.eml
//! ```
//!
//! `KIND` (second argument) is `mixed` (default), `postings` or `offers`.

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let parts: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5000);
    let kind = args.next().unwrap_or_else(|| "mixed".into());
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    out.write_all(&wide_mail(parts, &kind))?;
    out.flush()
}

include!("../tests/it/common/wide_mail.rs");
