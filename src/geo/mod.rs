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
    /// Longest key in characters, bounding the search for names inside a longer text.
    max_chars: usize,
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
        let max_chars = by_key.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        Ok(Places {
            areas: file.areas,
            places: file.places,
            by_key,
            max_chars,
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
        // Read the text left to right taking the longest name at each point; the
        // last name read is the most specific ("東京都港区芝浦" → 東京都, 港区, 芝浦).
        let chars: Vec<char> = key.chars().collect();
        let mut found = None;
        let mut i = 0;
        while i < chars.len() {
            let longest = (2..=self.max_chars.min(chars.len() - i))
                .rev()
                .find_map(|n| {
                    let cand: String = chars[i..i + n].iter().collect();
                    self.by_key.get(&cand).map(|&idx| (idx, n))
                });
            match longest {
                Some((idx, n)) => {
                    // "大阪市北区" is Osaka's 北区, not Tokyo's: a name from another
                    // prefecture than the one already read does not override it.
                    let same_pref = found
                        .and_then(|f: usize| self.places.get(f))
                        .is_none_or(|prev| prev.pref == self.places[idx].pref);
                    if same_pref {
                        found = Some(idx);
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        found.and_then(|i| self.places.get(i))
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

/// Equirectangular distance in km between (lat, lon) points: within 0.5% of the
/// great circle at commuting range, and cheap enough to run 100k times per keystroke.
pub fn approx_km(a: (f32, f32), b: (f32, f32)) -> f32 {
    let mean_lat = ((a.0 + b.0) * 0.5).to_radians();
    let dx = (b.1 - a.1) * mean_lat.cos() * 111.32;
    let dy = (b.0 - a.0) * 110.57;
    (dx * dx + dy * dy).sqrt()
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
        assert_eq!(
            p.find("大阪市北区").map(|x| x.pref.as_str()),
            Some("大阪府")
        );
        assert_eq!(p.find("木場常駐").map(|x| x.name.as_str()), Some("木場"));
    }

    #[test]
    fn the_fast_distance_agrees_with_the_great_circle() {
        let p = Places::builtin();
        for (a, b) in [
            ("品川", "新宿"),
            ("東京", "横浜"),
            ("大宮", "千葉"),
            ("梅田", "三宮"),
        ] {
            let (a, b) = (p.find(a).unwrap(), p.find(b).unwrap());
            let exact = distance_km(a, b);
            let fast = approx_km((a.lat, a.lon), (b.lat, b.lon));
            assert!(
                (exact - fast).abs() < exact * 0.01 + 0.1,
                "{exact} vs {fast}"
            );
        }
    }

    #[test]
    fn tokyo_to_osaka_is_far() {
        let p = Places::builtin();
        let d = distance_km(p.find("東京").unwrap(), p.find("梅田").unwrap());
        assert!((380.0..420.0).contains(&d), "{d}");
    }
}
