//! Industry families for NG lists: 金融 ⊃ 銀行, 証券, 保険 …; 公共 ⊃ 官公庁, 自治体 ….
//!
//! Data, not code: `data/industries.toml` ships inside the binary and a user file beside
//! the config adds to it, like the skills taxonomy.

use serde::Deserialize;

use super::normalize_key;

const BUILTIN_TOML: &str = include_str!("../../data/industries.toml");

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default, rename = "family")]
    families: Vec<FamilyDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyDef {
    name: String,
    #[serde(default)]
    members: Vec<String>,
}

/// One family: its name and every member's folded spelling (the name included).
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    pub name: String,
    pub words: Vec<String>,
}

/// Every industry family known, built-in and the user's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Industries {
    families: Vec<Family>,
}

impl Industries {
    /// The built-in families, parsed once.
    pub fn builtin() -> std::sync::Arc<Industries> {
        static BUILTIN: std::sync::OnceLock<std::sync::Arc<Industries>> =
            std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                std::sync::Arc::new(
                    Industries::from_files(&[("built-in industries.toml", BUILTIN_TOML)])
                        .expect("the built-in industries.toml is valid (checked by tests)"),
                )
            })
            .clone()
    }

    /// [`Industries::load`], sharing the built-in families when there is no user file.
    pub fn shared(user_file: Option<(&str, &str)>) -> Result<std::sync::Arc<Industries>, String> {
        match user_file {
            None => Ok(Industries::builtin()),
            Some(_) => Industries::load(user_file).map(std::sync::Arc::new),
        }
    }

    /// The built-in families extended by the user's file (name and text), read by the caller.
    pub fn load(user_file: Option<(&str, &str)>) -> Result<Industries, String> {
        let mut files = vec![("built-in industries.toml", BUILTIN_TOML)];
        files.extend(user_file);
        Industries::from_files(&files)
    }

    fn from_files(files: &[(&str, &str)]) -> Result<Industries, String> {
        let mut families: Vec<Family> = Vec::new();
        for (name, text) in files {
            let f: File = toml::from_str(text).map_err(|e| format!("{name}: {}", e.message()))?;
            for def in f.families {
                if def.name.trim().is_empty() {
                    return Err(format!("{name}: a family needs a name"));
                }
                let i = match families.iter().position(|x| x.name == def.name) {
                    Some(i) => i,
                    None => {
                        families.push(Family {
                            words: vec![normalize_key(&def.name)],
                            name: def.name,
                        });
                        families.len() - 1
                    }
                };
                for m in def.members {
                    let k = normalize_key(&m);
                    if !k.is_empty() && !families[i].words.contains(&k) {
                        families[i].words.push(k);
                    }
                }
            }
        }
        Ok(Industries { families })
    }

    /// The folded words an NG entry covers: a family's every member, a member alone,
    /// or `None` when the entry names no industry we know.
    pub fn covered(&self, entry: &str) -> Option<Vec<String>> {
        let k = normalize_key(entry);
        if let Some(f) = self.families.iter().find(|f| f.words[0] == k) {
            return Some(f.words.clone());
        }
        self.families
            .iter()
            .any(|f| f.words.contains(&k))
            .then(|| vec![k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_covers_its_members_and_a_member_only_itself() {
        let ind = Industries::builtin();
        let fin = ind.covered("金融").unwrap();
        for w in [
            "銀行",
            "証券",
            "保険",
            "生保",
            "損保",
            "カード",
            "信託",
            "生命保険",
        ] {
            assert!(fin.contains(&normalize_key(w)), "{w}");
        }
        assert!(ind.covered("公共").unwrap().contains(&"自治体".to_string()));
        assert_eq!(ind.covered("銀行").unwrap(), vec!["銀行".to_string()]);
        assert_eq!(ind.covered("ABC商事"), None);
    }

    #[test]
    fn a_user_file_adds_members() {
        let ind = Industries::load(Some((
            "mine",
            "[[family]]\nname = \"金融\"\nmembers = [\"暗号資産\"]\n",
        )))
        .unwrap();
        assert!(ind
            .covered("金融")
            .unwrap()
            .contains(&"暗号資産".to_string()));
        assert!(Industries::load(Some(("bad", "[[family]]\nname = 1\n"))).is_err());
    }
}
