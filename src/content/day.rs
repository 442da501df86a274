//! Calendar days and months as front matter writes them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day: a TOML local date (`2025-03-01`) in front matter, a
/// `"2025-03-01"` string in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub time::Date);

impl Day {
    pub fn parse(text: &str) -> Option<Day> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(text.trim(), &format).ok().map(Day)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> Month {
        Month {
            year: self.0.year(),
            month: self.0.month() as u8,
        }
    }

    /// Today in UTC, or `CLEARHOUSE_TODAY` (YYYY-MM-DD) so that builds can be
    /// reproduced and tested as of a given day.
    pub fn today() -> Day {
        if let Some(day) = std::env::var("CLEARHOUSE_TODAY")
            .ok()
            .and_then(|t| Day::parse(&t))
        {
            return day;
        }
        Day(time::OffsetDateTime::now_utc().date())
    }

    /// "1 March 2025", for pages (publication dates are not personal data).
    pub fn long(self) -> String {
        format!("{} {} {}", self.0.day(), self.0.month(), self.0.year())
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month() as u8,
            self.0.day()
        )
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawDay {
    Text(String),
    Toml(toml::value::Datetime),
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        use serde::de::Error;
        const EXPECTED: &str = "expected a date written like 2025-03-01 (no quotes, no time)";
        match RawDay::deserialize(d).map_err(|_| D::Error::custom(EXPECTED))? {
            RawDay::Text(text) => Day::parse(&text).ok_or_else(|| D::Error::custom(EXPECTED)),
            RawDay::Toml(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(date), None, None) => time::Month::try_from(date.month)
                    .ok()
                    .and_then(|m| {
                        time::Date::from_calendar_date(date.year as i32, m, date.day).ok()
                    })
                    .map(Day)
                    .ok_or_else(|| D::Error::custom(EXPECTED)),
                _ => Err(D::Error::custom(EXPECTED)),
            },
        }
    }
}

/// A calendar month, `YYYY-MM`: review dates of strategies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

impl Month {
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// "June 2026".
    pub fn long(self) -> String {
        let name = time::Month::try_from(self.month)
            .map(|m| m.to_string())
            .unwrap_or_default();
        format!("{name} {}", self.year)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        use serde::de::Error;
        let text = String::deserialize(d)?;
        Month::parse(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "review date {text:?} is not a month: write it as \"YYYY-MM\", e.g. \"2026-03\""
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_from_toml_and_json() {
        #[derive(Deserialize)]
        struct T {
            d: Day,
        }
        let t: T = toml::from_str("d = 2025-03-01").unwrap();
        assert_eq!(t.d.to_string(), "2025-03-01");
        let t: T = serde_json::from_str(r#"{"d":"2025-03-01"}"#).unwrap();
        assert_eq!(t.d.to_string(), "2025-03-01");
        assert!(toml::from_str::<T>("d = 2025-03-01T10:00:00").is_err());
    }

    #[test]
    fn months_are_year_and_month_only() {
        assert_eq!(Month::parse("2026-03").unwrap().to_string(), "2026-03");
        assert!(Month::parse("2026-13").is_none());
        assert!(Month::parse("2026-03-01").is_none());
        assert_eq!(Month::parse("2026-06").unwrap().long(), "June 2026");
    }
}
