//! New record ids: ULIDs whose random part comes straight from the operating system.
//!
//! The ulid crate's own source seeds a ChaCha generator whose first use probes the
//! processor's features: some ten `cpuid` instructions, each a trap to the hypervisor on a
//! virtual machine, a few tens of microseconds of a `tether log` that takes about one
//! millisecond. One `getrandom` call gives the same 80 bits.

use std::time::{SystemTime, UNIX_EPOCH};

use ulid::Ulid;

/// A new id at the system's current time.
pub fn new() -> Ulid {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    at(ms)
}

/// A new id carrying `ms` (milliseconds since the epoch) as its time.
pub fn at(ms: u64) -> Ulid {
    Ulid::from_parts(ms, random_bits())
}

/// 80 random bits for the low part of an id, from the system's source (the ulid crate's
/// own generator when that fails, which on Linux it does not).
pub fn random_bits() -> u128 {
    let mut bytes = [0u8; 16];
    match getrandom::fill(&mut bytes[..10]) {
        Ok(()) => u128::from_le_bytes(bytes),
        Err(_) => Ulid::generate().random(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_carries_its_time_and_eighty_random_bits() {
        let id = at(1_700_000_000_123);
        assert_eq!(id.timestamp_ms(), 1_700_000_000_123);
        let ids: std::collections::HashSet<u128> = (0..64).map(|_| random_bits()).collect();
        assert_eq!(ids.len(), 64, "random parts repeat");
        assert!(ids.iter().all(|bits| bits >> 80 == 0), "more than 80 bits");
        // over 64 draws, every one of the 80 bits is set in some draw
        assert_eq!(
            ids.iter().fold(0, |all, bits| all | bits),
            (1u128 << 80) - 1
        );
    }

    #[test]
    fn new_ids_follow_the_clock() {
        let before = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis();
        let id = new();
        assert!(u128::from(id.timestamp_ms()) >= before);
    }
}
