//! Where stations, wards and cities are: enough to tell a plausible commute.
//!
//! `data/stations.toml` is compiled in; positions are approximate to about a kilometre.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::skills::normalize_key;

/// Station keys fold the spellings of the little ke (霞ケ関, 霞ヶ関, 霞が関).
fn place_key(s: &str) -> String {
    normalize_key(s)
        .chars()
        .map(|c| {
            if matches!(c, 'ヶ' | 'が' | 'ｹ') {
                'ケ'
            } else {
                c
            }
        })
        .collect()
}

const BUILTIN_TOML: &str = include_str!("../../data/stations.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Area {
    pub name: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Place {
    pub name: String,
    #[serde(default)]
    pub kana: String,
    #[serde(default)]
    pub en: String,
    pub area: String,
    #[serde(default)]
    pub pref: String,
    pub lat: f32,
    pub lon: f32,
}

#[derive(Deserialize)]
struct PlacesFile {
    #[serde(rename = "area")]
    areas: Vec<Area>,
    #[serde(rename = "place")]
    places: Vec<Place>,
}

#[derive(Debug)]
pub struct Places {
    areas: Vec<Area>,
    places: Vec<Place>,
    by_key: HashMap<String, usize>,
    /// Keys sorted longest first (prefectures last), for finding a place named inside a longer text.
    by_length: Vec<(String, usize)>,
}

impl Places {
    pub fn builtin() -> &'static Places {
        static BUILTIN: OnceLock<Places> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Places::parse(BUILTIN_TOML)
                .expect("the built-in stations.toml is valid (checked by tests)")
        })
    }

    pub fn parse(text: &str) -> Result<Places, String> {
        let file: PlacesFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut by_key = HashMap::new();
        for (i, p) in file.places.iter().enumerate() {
            for name in [&p.name, &p.kana, &p.en] {
                let key = place_key(name);
                if !key.is_empty() {
                    by_key.entry(key).or_insert(i);
                }
            }
        }
        let mut by_length: Vec<(String, usize)> = file
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (place_key(&p.name), i))
            .filter(|(k, _)| k.chars().count() >= 2)
            .collect();
        // A ward or station inside "東京都港区" says more than the prefecture does.
        let is_pref = |i: usize| file.places[i].name == file.places[i].pref;
        by_length.sort_by(|a, b| {
            is_pref(a.1)
                .cmp(&is_pref(b.1))
                .then(b.0.len().cmp(&a.0.len()))
                .then(a.0.cmp(&b.0))
        });
        Ok(Places {
            areas: file.areas,
            places: file.places,
            by_key,
            by_length,
        })
    }

    /// The place a station, ward or city names: `品川駅`, `品川`, `東京都港区芝浦` all work.
    pub fn find(&self, text: &str) -> Option<&Place> {
        let key = place_key(text);
        let trimmed = key
            .strip_suffix("駅")
            .or_else(|| key.strip_suffix("station"))
            .unwrap_or(&key);
        if let Some(&i) = self.by_key.get(trimmed) {
            return self.places.get(i);
        }
        self.by_length
            .iter()
            .find(|(k, _)| key.contains(k.as_str()))
            .and_then(|(_, i)| self.places.get(*i))
    }

    pub fn area_label(&self, name: &str, english: bool) -> String {
        self.areas.iter().find(|a| a.name == name).map_or_else(
            || name.to_string(),
            |a| {
                if english {
                    a.en.clone()
                } else {
                    a.name.clone()
                }
            },
        )
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }
}

/// Great-circle distance in kilometres, plenty for commute estimates.
pub fn distance_km(a: &Place, b: &Place) -> f32 {
    let (la1, lo1, la2, lo2) = (
        a.lat.to_radians(),
        a.lon.to_radians(),
        b.lat.to_radians(),
        b.lon.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_finds_common_forms() {
        let p = Places::builtin();
        assert!(p.places().len() >= 200);
        assert_eq!(p.find("品川駅").map(|x| x.name.as_str()), Some("品川"));
        assert_eq!(
            p.find("東京都港区芝浦").map(|x| x.name.as_str()),
            Some("港区")
        );
        assert!(p.find("どこでもない").is_none());
    }

    #[test]
    fn tokyo_to_osaka_is_far() {
        let p = Places::builtin();
        let d = distance_km(p.find("東京").unwrap(), p.find("梅田").unwrap());
        assert!((380.0..420.0).contains(&d), "{d}");
    }
}
