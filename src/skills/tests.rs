use super::*;

fn tax() -> &'static Taxonomy {
    Taxonomy::builtin()
}

fn name_of(term: &str) -> Option<&'static str> {
    tax().lookup(term).map(|id| tax().name(id))
}

#[test]
fn builtin_taxonomy_is_large_and_loads() {
    assert!(tax().len() >= 300, "only {} skills", tax().len());
    for kind in [
        "language",
        "framework",
        "cloud",
        "database",
        "os_infra",
        "tool",
        "phase",
        "role",
    ] {
        assert!(
            tax().defs().iter().any(|d| d.kind.as_str() == kind),
            "no skill of kind {kind}"
        );
    }
}

#[test]
fn the_trade_spellings_resolve() {
    let cases = [
        ("Java", "Java"),
        ("JAVA", "Java"),
        ("ＪＡＶＡ", "Java"),
        ("Spring Boot", "Spring Boot"),
        ("SpringBoot", "Spring Boot"),
        ("スプリングブート", "Spring Boot"),
        ("AWS", "AWS"),
        ("Amazon Web Services", "AWS"),
        ("Golang", "Go"),
        ("C#", "C#"),
        ("C＃", "C#"),
        ("CSharp", "C#"),
        ("JS", "JavaScript"),
        ("Postgres", "PostgreSQL"),
        ("ポスグレ", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("VB.NET", "VB.NET"),
        ("COBOL", "COBOL"),
        ("ABAP", "ABAP"),
        ("Salesforce", "Salesforce"),
        ("基本設計", "基本設計"),
        ("外部設計", "基本設計"),
        ("要件定義", "要件定義"),
        ("単体テスト", "単体テスト"),
        ("運用保守", "運用保守"),
        ("プロジェクトリーダー", "PL"),
    ];
    for (term, want) in cases {
        assert_eq!(name_of(term), Some(want), "{term}");
    }
}

#[test]
fn normalization_folds_width_case_and_joiners() {
    assert_eq!(normalize_key("Ｓｐｒｉｎｇ　Ｂｏｏｔ"), "springboot");
    assert_eq!(normalize_key("Vue.js"), "vuejs");
    assert_eq!(normalize_key("ｽﾌﾟﾘﾝｸﾞ"), "スプリング");
}

#[test]
fn scan_finds_skills_in_prose_in_order_without_false_friends() {
    let text = "JavaScriptとJavaでの開発経験3年以上、AWS(EC2)、Googleは不要、Golangも可";
    let names: Vec<&str> = tax()
        .scan(text)
        .into_iter()
        .map(|s| tax().name(s))
        .collect();
    assert_eq!(&names[..2], &["JavaScript", "Java"]);
    assert!(names.contains(&"AWS") && names.contains(&"Go"));
    assert!(!tax()
        .scan("Googleで検索")
        .iter()
        .any(|s| tax().name(*s) == "Go"));
    assert!(!tax()
        .scan("Internet")
        .iter()
        .any(|s| tax().name(*s) == ".NET"));
}

#[test]
fn scan_spans_point_into_the_original_text() {
    let text = "必須：ＪＡＶＡ、Spring Boot";
    let spans = tax().scan_spans(text);
    let got: Vec<&str> = spans.iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(got, vec!["ＪＡＶＡ", "Spring Boot"]);
}

#[test]
fn user_files_extend_and_conflicts_are_refused() {
    let user = "[[alias]]\nalias = \"ジャヴァ\"\ncanonical = \"Java\"\n\n[[skill]]\nname = \"Mendix\"\nkind = \"tool\"\naliases = [\"メンディックス\"]\n";
    let t = Taxonomy::from_files(&[("builtin", BUILTIN_TOML), ("user", user)]).unwrap();
    assert_eq!(t.lookup("ジャヴァ").map(|i| t.name(i)), Some("Java"));
    assert_eq!(
        t.lookup("メンディックス").map(|i| t.name(i)),
        Some("Mendix")
    );
    let clash = "[[alias]]\nalias = \"JS\"\ncanonical = \"Java\"\n";
    let err = Taxonomy::from_files(&[("builtin", BUILTIN_TOML), ("user", clash)]).unwrap_err();
    assert!(
        err.to_string().contains("already means JavaScript"),
        "{err}"
    );
    let unknown = "[[alias]]\nalias = \"x1\"\ncanonical = \"NoSuchSkill\"\n";
    assert!(Taxonomy::from_files(&[("builtin", BUILTIN_TOML), ("user", unknown)]).is_err());
}

#[test]
fn version_suffixes_still_name_the_skill() {
    let t = Taxonomy::builtin();
    for (text, want) in [
        ("Java8以上", Some("Java")),
        ("PHP7.4での開発", Some("PHP")),
        ("Oracle19c", Some("Oracle")),
        ("Python3系", Some("Python")),
        ("JavaScript", Some("JavaScript")),
        ("Google", None),
        ("Vue2.x", Some("Vue.js")),
        ("Go2go", None),
    ] {
        let got = t.scan(text).first().map(|&id| t.name(id).to_string());
        assert_eq!(got.as_deref(), want, "{text}");
    }
}

#[test]
fn two_letter_names_need_a_capital() {
    let t = Taxonomy::builtin();
    let names = |text: &str| -> Vec<String> {
        t.scan(text)
            .into_iter()
            .map(|id| t.name(id).to_string())
            .collect()
    };
    assert_eq!(names("ready to go live"), Vec::<String>::new());
    assert_eq!(names("Go and AD"), vec!["Go", "Active Directory"]);
    assert_eq!(names("ＧＯ言語"), vec!["Go"]);
}

#[test]
fn a_refused_match_does_not_hide_the_next() {
    let t = Taxonomy::builtin();
    let names: Vec<String> = t
        .scan("2+ years Android")
        .into_iter()
        .map(|id| t.name(id).to_string())
        .collect();
    assert_eq!(names, vec!["Android"]);
    let plural: Vec<String> = t
        .scan("designing REST APIs")
        .into_iter()
        .map(|id| t.name(id).to_string())
        .collect();
    assert_eq!(plural, vec!["REST API"]);
}

#[test]
fn relations_give_the_credit_the_file_states_and_chain() {
    let t = tax();
    let id = |n: &str| t.lookup(n).unwrap();
    for (has, want, credit) in [
        ("Amazon EC2", "AWS", Some(0.9)),
        ("Amazon S3", "AWS", Some(0.9)),
        ("AWS Lambda", "AWS", Some(0.9)),
        ("Amazon VPC", "AWS", Some(0.9)),
        ("Spring Boot", "Java", Some(0.85)),
        ("Spring Framework", "Spring Boot", Some(0.7)),
        ("Spring Boot", "Spring Framework", Some(0.7)),
        ("Next.js", "React", Some(0.9)),
        ("Vue.js", "JavaScript", Some(0.85)),
        ("PM", "PL", Some(0.9)),
        ("PL", "リーダー", Some(0.9)),
        // A chain: PM covers PL covers リーダー.
        ("PM", "リーダー", Some(0.81)),
        // One way only: a PL does not cover a PM, Java does not imply Spring Boot.
        ("PL", "PM", Some(0.6)),
        ("リーダー", "PM", None),
        ("Java", "Spring Boot", None),
        ("Java", "Java", Some(1.0)),
    ] {
        let got = t.credit(id(has), id(want));
        match (got, credit) {
            (Some(g), Some(c)) => assert!((g - c).abs() < 0.001, "{has} → {want}: {g}"),
            (g, c) => assert_eq!(g, c, "{has} → {want}"),
        }
    }
}

#[test]
fn a_relation_naming_an_unknown_skill_is_refused() {
    let text =
        "[[relation]]\nto = \"Java\"\nkind = \"implies\"\ncredit = 0.9\nfrom = \"Nonexistent\"\n";
    let err = Taxonomy::from_files(&[("built-in", BUILTIN_TOML), ("user", text)]).unwrap_err();
    assert!(err.to_string().contains("Nonexistent"), "{err}");
    let bad = "[[relation]]\nto = \"Java\"\nkind = \"implies\"\ncredit = 1.5\nfrom = \"Kotlin\"\n";
    assert!(Taxonomy::from_files(&[("built-in", BUILTIN_TOML), ("user", bad)]).is_err());
}

#[test]
fn search_by_skill_finds_related_experience() {
    use crate::domain::EngineerSkill;
    let t = tax();
    let es = |n: &str| EngineerSkill {
        skill: t.lookup(n).unwrap(),
        years: 5.0,
        level: None,
        last_used: None,
    };
    assert!(t.has_or_related(|s| s == es("PM").skill, t.lookup("PL").unwrap()));
    assert!(t.has_or_related(|s| s == es("Amazon EC2").skill, t.lookup("AWS").unwrap()));
    assert!(!t.has_or_related(|s| s == es("リーダー").skill, t.lookup("PM").unwrap()));
}

proptest::proptest! {
    /// Every chained credit stays in (MIN_RELATED_CREDIT, 1), never names the skill itself,
    /// and lists best first.
    #[test]
    fn chained_credits_stay_in_range(i in 0usize..600) {
        let t = tax();
        let s = SkillId((i % t.len()) as u16);
        let list = t.credited_by(s);
        for w in list.windows(2) {
            proptest::prop_assert!(w[0].1 >= w[1].1);
        }
        for (src, c) in list {
            proptest::prop_assert!(*src != s);
            proptest::prop_assert!(*c >= MIN_RELATED_CREDIT - 1e-6 && *c <= 1.0);
        }
    }
}
