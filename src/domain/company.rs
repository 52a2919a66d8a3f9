//! Company names as written in mail and rosters, compared as one: `(株)テックブリッジ`,
//! `株式会社テックブリッジ`, `㈱テックブリッジ` and `株式会社 テックブリッジ` are one company.

use unicode_normalization::UnicodeNormalization as _;

/// Legal-form marks dropped before names are compared (after NFKC, so `㈱` is `(株)`).
const FORMS: &[&str] = &[
    "株式会社",
    "(株)",
    "有限会社",
    "(有)",
    "合同会社",
    "(同)",
    "合資会社",
    "(資)",
    "合名会社",
    "(名)",
    "一般社団法人",
    "co.,ltd.",
    "co.,ltd",
    "co.ltd.",
    "inc.",
    "ltd.",
    "llc",
    "corp.",
];

/// The name as compared: width and case folded, spaces and legal-form marks dropped.
pub fn key(name: &str) -> String {
    let mut k: String = name
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && *c != '・')
        .collect();
    for f in FORMS {
        k = k.replace(f, "");
    }
    let k = k.trim_matches([',', '.']).to_string();
    if k.is_empty() {
        name.trim().to_string()
    } else {
        k
    }
}

/// Does this read as a company's name (株式会社…, (株)…, …Inc.)? A roster's 所属 holding one
/// makes the engineer that partner's.
pub fn is_company(t: &str) -> bool {
    let n: String = t.nfkc().collect();
    let lower = n.to_lowercase();
    FORMS
        .iter()
        .filter(|f| !f.is_ascii())
        .any(|m| n.contains(m))
        || [
            " inc", " inc.", " ltd", " ltd.", " llc", "co.,ltd", "co., ltd", " corp",
        ]
        .iter()
        .any(|m| lower.ends_with(m))
}

/// Do two names mean the same company?
pub fn same(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_width_and_spaces_do_not_make_another_company() {
        for n in [
            "(株)テックブリッジ",
            "株式会社テックブリッジ",
            "㈱テックブリッジ",
            "株式会社 テックブリッジ",
            "（株）テックブリッジ",
            "テックブリッジ株式会社",
        ] {
            assert!(same(n, "株式会社テックブリッジ"), "{n}");
        }
        assert!(same("ＡＢＣ Systems Co., Ltd.", "abc systems"));
        assert!(!same(
            "株式会社テックブリッジ",
            "株式会社テックブリッジ東日本"
        ));
    }
}
