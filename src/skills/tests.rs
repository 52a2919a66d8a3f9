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
