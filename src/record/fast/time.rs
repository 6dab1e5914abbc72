//! A time as chrono writes a UTC time, `2025-08-15T23:50:34[.f{1,9}]Z`, read from its
//! fixed places.

use std::cell::Cell;

use chrono::{DateTime, NaiveDate, Utc};

/// The time `text` spells; `None` for any other text (a leap second among them, which
/// serde's parser knows what to do with).
pub fn parse(text: &[u8]) -> Option<DateTime<Utc>> {
    if text.len() < 20 || text.len() == 21 || text.len() > 30 {
        return None;
    }
    let shape_ok = text[4] == b'-'
        && text[7] == b'-'
        && text[10] == b'T'
        && text[13] == b':'
        && text[16] == b':'
        && text[text.len() - 1] == b'Z';
    if !shape_ok {
        return None;
    }
    let nanos = match &text[19..text.len() - 1] {
        [] => 0,
        [b'.', digits @ ..] => {
            let n = number(digits)?;
            n * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let date = date(text[..10].try_into().expect("ten bytes"))?;
    let seconds = number(&text[17..19])?;
    if seconds > 59 {
        return None;
    }
    let time = date.and_hms_nano_opt(
        number(&text[11..13])?,
        number(&text[14..16])?,
        seconds,
        nanos,
    )?;
    Some(time.and_utc())
}

thread_local! {
    /// The date read last on this thread, with how it was spelled: lines come in time
    /// order, most of them on the day the one before was.
    static LAST_DATE: Cell<Option<([u8; 10], NaiveDate)>> = const { Cell::new(None) };
}

/// The date `YYYY-MM-DD` spells.
fn date(text: &[u8; 10]) -> Option<NaiveDate> {
    if let Some((spelled, date)) = LAST_DATE.get()
        && spelled == *text
    {
        return Some(date);
    }
    let date = NaiveDate::from_ymd_opt(
        number(&text[0..4])? as i32,
        number(&text[5..7])?,
        number(&text[8..10])?,
    )?;
    LAST_DATE.set(Some((*text, date)));
    Some(date)
}

/// Decimal digits (at most nine) as a number.
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}
