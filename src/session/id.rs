//! Session ids: `00004`, `00003B`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A session id: a zero-padded number with an optional letter suffix (`00004`, `00003B`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SessionId(String);

/// Why a session id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid session id '{0}': expected digits with an optional letter suffix, like 00004 or 00003B"
)]
pub struct InvalidSessionId(pub String);

impl SessionId {
    /// The id for session number `n` (`5` → `00005`).
    pub fn from_number(n: u64) -> Self {
        SessionId(format!("{n:05}"))
    }

    /// The numeric part (`00003B` → 3).
    pub fn number(&self) -> u64 {
        let digits: String = self.0.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap_or(0)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for SessionId {
    type Err = InvalidSessionId;

    /// Accepts `4`, `00004`, `3B`, `00003b`; pads the number to five digits and upper-cases
    /// the suffix.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || InvalidSessionId(s.to_string());
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (digits, suffix) = s.split_at(split);
        if digits.is_empty() || digits.len() > 12 || suffix.len() > 4 {
            return Err(bad());
        }
        if !suffix.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(bad());
        }
        let n: u64 = digits.parse().map_err(|_| bad())?;
        let width = digits.len().max(5);
        Ok(SessionId(format!(
            "{n:0width$}{}",
            suffix.to_ascii_uppercase()
        )))
    }
}

impl TryFrom<String> for SessionId {
    type Error = InvalidSessionId;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<SessionId> for String {
    fn from(id: SessionId) -> String {
        id.0
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_are_padded_and_normalised() {
        let cases = [
            ("4", "00004"),
            ("00004", "00004"),
            ("3b", "00003B"),
            ("00003B", "00003B"),
            ("123456", "123456"),
        ];
        for (input, want) in cases {
            assert_eq!(
                input.parse::<SessionId>().unwrap().as_str(),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn bad_session_ids_are_refused() {
        for bad in ["", "B3", "3-B", "../x", "3B4", "00004 ", "3ABCDE"] {
            assert!(bad.parse::<SessionId>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn session_numbers_ignore_the_suffix() {
        assert_eq!("00003B".parse::<SessionId>().unwrap().number(), 3);
        assert_eq!(SessionId::from_number(12).as_str(), "00012");
    }
}
