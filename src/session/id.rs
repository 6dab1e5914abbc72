//! Session ids: `00004`, `00003B`, each in one canonical form that tether can read back.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The largest session number: twelve digits. Every id tether writes is one it reads, so
/// neither `--session` nor "the next number" goes past it.
pub const MAX_NUMBER: u64 = 999_999_999_999;

/// The most letters a suffix may have (`00003B`).
const MAX_SUFFIX: usize = 4;

/// A session id: a number with an optional letter suffix, in canonical form: the number
/// zero-padded to five digits (a longer one without leading zeros), the suffix in capitals
/// (`00004`, `00003B`, `123456`). One number and suffix have exactly one id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SessionId(String);

/// Why a session id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidSessionId {
    /// Not digits with an optional letter suffix.
    #[error(
        "invalid session id '{0}': expected digits with an optional letter suffix, like 00004 or 00003B"
    )]
    Malformed(String),
    /// A number past [`MAX_NUMBER`].
    #[error("invalid session id '{0}': session numbers go up to {MAX_NUMBER}")]
    TooLarge(String),
}

impl SessionId {
    /// The id for session number `n` (`5` → `00005`); `None` past [`MAX_NUMBER`].
    pub fn from_number(n: u64) -> Option<Self> {
        (n <= MAX_NUMBER).then(|| SessionId(format!("{n:05}")))
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

    /// The id a session folder's name stands for, when the name is that id in canonical
    /// form (`00001`, not `1` nor `000000000001`): the only names the store reads.
    pub fn from_folder_name(name: &str) -> Option<Self> {
        name.parse::<SessionId>().ok().filter(|id| id.0 == name)
    }
}

impl FromStr for SessionId {
    type Err = InvalidSessionId;

    /// Accepts `4`, `00004`, `000000000004`, `3B`, `00003b`, and gives each its canonical
    /// form (`00004`, `00003B`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let malformed = || InvalidSessionId::Malformed(s.to_string());
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (digits, suffix) = s.split_at(split);
        if digits.is_empty() || suffix.len() > MAX_SUFFIX {
            return Err(malformed());
        }
        if !suffix.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(malformed());
        }
        let significant = digits.trim_start_matches('0');
        let too_large = || InvalidSessionId::TooLarge(s.to_string());
        if significant.len() > 12 {
            return Err(too_large());
        }
        let n: u64 = significant.parse().unwrap_or(0);
        let number = SessionId::from_number(n).ok_or_else(too_large)?;
        Ok(SessionId(number.0 + &suffix.to_ascii_uppercase()))
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
            ("000000000004", "00004"),
            ("0000000000000000000004", "00004"),
            ("3b", "00003B"),
            ("00003B", "00003B"),
            ("000000000003b", "00003B"),
            ("123456", "123456"),
            ("0123456", "123456"),
            ("999999999999", "999999999999"),
            ("0", "00000"),
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
        for bad in [
            "", "B3", "3-B", "../x", "3B4", "00004 ", "3ABCDE", "+4", "٣",
        ] {
            assert_eq!(
                bad.parse::<SessionId>(),
                Err(InvalidSessionId::Malformed(bad.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn numbers_past_the_largest_are_refused() {
        for big in ["1000000000000", "99999999999999999999999", "1000000000000B"] {
            let err = big.parse::<SessionId>().unwrap_err();
            assert_eq!(err, InvalidSessionId::TooLarge(big.into()));
            assert!(err.to_string().contains("go up to 999999999999"), "{err}");
        }
        assert_eq!(SessionId::from_number(MAX_NUMBER + 1), None);
        assert_eq!(
            SessionId::from_number(MAX_NUMBER).unwrap().as_str(),
            "999999999999"
        );
    }

    #[test]
    fn every_id_reads_back_as_itself() {
        for n in [0, 1, 99_999, 100_000, 123_456_789, MAX_NUMBER] {
            let id = SessionId::from_number(n).unwrap();
            assert_eq!(id.as_str().parse::<SessionId>().unwrap(), id);
            assert_eq!(id.number(), n);
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(serde_json::from_str::<SessionId>(&json).unwrap(), id);
        }
    }

    #[test]
    fn only_canonical_names_are_session_folders() {
        assert_eq!(
            SessionId::from_folder_name("00001").unwrap().as_str(),
            "00001"
        );
        assert_eq!(
            SessionId::from_folder_name("00003B").unwrap().as_str(),
            "00003B"
        );
        for name in [
            "1",
            "000000000001",
            "00003b",
            "0000001",
            "x",
            "1000000000000",
        ] {
            assert_eq!(SessionId::from_folder_name(name), None, "{name}");
        }
    }

    #[test]
    fn session_numbers_ignore_the_suffix() {
        assert_eq!("00003B".parse::<SessionId>().unwrap().number(), 3);
        assert_eq!(SessionId::from_number(12).unwrap().as_str(), "00012");
    }
}
