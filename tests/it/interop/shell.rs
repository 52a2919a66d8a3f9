//! Completions and man pages come from the same definitions as the parser.

use crate::common::Sandbox;

#[test]
fn completions_name_every_subcommand_in_each_shell() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = sb.ok(&["completions", shell]);
        for sub in ["rank", "free", "import", "fetch", "pipeline", "completions"] {
            assert!(out.contains(sub), "{shell} completions lack {sub}");
        }
    }
    assert!(sb.ok(&["completions", "bash"]).contains("--xlsx"));
}

#[test]
fn man_page_renders_and_writes_one_page_per_command() {
    let sb = Sandbox::new();
    let page = sb.ok(&["man"]);
    assert!(page.contains(".TH benchmatch 1"), "{page}");
    assert!(page.contains("fetch"));
    let dir = sb.path("man");
    sb.ok(&["man", "--dir", dir.to_str().unwrap()]);
    for f in [
        "benchmatch.1",
        "benchmatch-rank.1",
        "benchmatch-import-engineers.1",
    ] {
        assert!(dir.join(f).exists(), "{f} missing");
    }
}

#[test]
fn shell_files_need_no_working_config() {
    let sb = Sandbox::new();
    let cfg = sb.dir.path().join("config");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "not = [valid").unwrap();
    assert!(sb.ok(&["completions", "fish"]).contains("benchmatch"));
}
