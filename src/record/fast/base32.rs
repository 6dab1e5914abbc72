//! An id as tether writes it: 26 characters of Crockford's base32, in upper case, decoded
//! with one table look-up a character. Anything else (lower case, the letters Crockford
//! reads as digits, a value past 128 bits) is left to the ulid crate, which decides.

use ulid::Ulid;

/// Not a digit of the canonical alphabet: its high bit marks it.
const NOT_A_DIGIT: u8 = 0xFF;

/// Each byte's value as a digit, or [`NOT_A_DIGIT`].
static DIGITS: [u8; 256] = digits();

const fn digits() -> [u8; 256] {
    let alphabet = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut table = [NOT_A_DIGIT; 256];
    let mut i = 0;
    while i < alphabet.len() {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
}

/// The id `text` spells in the canonical alphabet; `None` for anything else.
pub fn decode(text: &[u8; 26]) -> Option<Ulid> {
    // 3 + 12 × 5 + 5 + 12 × 5 bits: the first character carries the top 3 (past 7, the
    // value overflows 128 bits), and the two runs of twelve are two independent sums
    let (first, middle) = (DIGITS[usize::from(text[0])], DIGITS[usize::from(text[13])]);
    let (high, high_seen) = twelve(&text[1..13]);
    let (low, low_seen) = twelve(&text[14..]);
    let value = u128::from(first & 7) << 125
        | u128::from(high) << 65
        | u128::from(middle & 31) << 60
        | u128::from(low);
    let seen = first | middle | high_seen | low_seen;
    (first <= 7 && seen & 0x80 == 0).then_some(Ulid(value))
}

/// Twelve characters as 60 bits, with every digit's bits or-ed (a high bit: not a digit).
fn twelve(chars: &[u8]) -> (u64, u8) {
    chars.iter().fold((0, 0), |(value, seen), &c| {
        let digit = DIGITS[usize::from(c)];
        (value << 5 | u64::from(digit & 31), seen | digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast(text: &str) -> Option<Ulid> {
        decode(text.as_bytes().try_into().expect("26 bytes"))
    }

    #[test]
    fn it_decodes_what_the_ulid_crate_decodes() {
        for id in [
            Ulid(0),
            Ulid(u128::MAX),
            Ulid(1),
            crate::id::new(),
            crate::id::new(),
        ] {
            assert_eq!(fast(&id.to_string()), Some(id));
        }
        let mut bits = 0x0123_4567_89ab_cdef_u128;
        for _ in 0..1000 {
            bits = bits
                .wrapping_mul(0x2545_f491_4f6c_dd1d)
                .wrapping_add(0x9e37_79b9);
            let id = Ulid(bits);
            assert_eq!(fast(&id.to_string()), Some(id), "{id}");
        }
    }

    #[test]
    fn it_leaves_every_other_spelling_to_the_ulid_crate() {
        let canonical = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
        assert!(fast(canonical).is_some());
        // lower case, Crockford's readings of I, L, O, U, a quote, past 128 bits
        for other in [
            "01arz3ndektsv4rrffq69g5fav",
            "01ARZ3NDEKTSV4RRFFQ69G5FAI",
            "01ARZ3NDEKTSV4RRFFQ69G5FAL",
            "01ARZ3NDEKTSV4RRFFQ69G5FAO",
            "01ARZ3NDEKTSV4RRFFQ69G5FAU",
            "01ARZ3NDEKTSV4RRFFQ69G5FA\"",
            "81ARZ3NDEKTSV4RRFFQ69G5FAV",
            "ZZZZZZZZZZZZZZZZZZZZZZZZZZ",
        ] {
            assert_eq!(fast(other), None, "{other}");
        }
        // what the fast path refuses and the crate takes, it takes as the same id
        let lower = Ulid::from_string("01arz3ndektsv4rrffq69g5fav").expect("the crate reads it");
        assert_eq!(Some(lower), fast(canonical));
    }
}
