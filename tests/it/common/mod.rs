//! Helpers for tests that drive the real binary against a throwaway database.
#![allow(dead_code)]

pub mod wide_mail;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("bm.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `benchmatch ARGS` with this sandbox's database and config directory.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_benchmatch"));
        c.args(args)
            .env("BENCHMATCH_DB", self.db())
            .env("BENCHMATCH_CONFIG_DIR", self.dir.path().join("config"))
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env("NO_COLOR", "1");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run benchmatch")
    }

    /// Run and insist on success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "benchmatch {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Run and insist on failure with exit 1 and a one-line message; returns it.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "benchmatch {args:?} should fail"
        );
        let err = String::from_utf8(out.stderr).expect("utf-8 stderr");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line expected: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        err.trim_end().to_string()
    }

    pub fn demo(&self, engineers: usize, openings: usize) {
        self.ok(&[
            "demo",
            "--no-open",
            "--no-proposals",
            "--today",
            "2026-11-26",
            "--engineers",
            &engineers.to_string(),
            "--openings",
            &openings.to_string(),
        ]);
    }

    /// A digest of everything stored, to prove a failed command changed nothing.
    pub fn snapshot(&self) -> String {
        if !self.db().exists() {
            return String::new();
        }
        self.ok(&["export"])
            .lines()
            .filter(|l| !l.contains("exported_at"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
