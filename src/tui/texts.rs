//! Texts stored once each, one after another in one arena, found again through a small
//! open-addressing table while they are being added: the same words logged a thousand
//! times take their room once.

/// The distinct texts of a timeline.
#[derive(Clone, Debug, Default)]
pub struct Texts {
    arena: String,
    /// Where each text starts; the next one's start (or the arena's end) ends it.
    starts: Vec<usize>,
    /// The texts' indices by hash, while texts are interned: each slot is empty (0) or
    /// holds the upper half of a text's hash above its index plus one; that half, already
    /// mixed, picks the slot too (no hasher over it).
    table: Vec<u64>,
    /// Whether texts added are looked for first.
    interning: bool,
}

/// A hash of a text, eight bytes at a time, well mixed: computed where the text is decoded,
/// on every core, so that interning on one thread only looks it up.
pub fn hash(text: &str) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (text.len() as u64).wrapping_mul(K);
    let mut chunks = text.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h ^ word).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

impl Texts {
    /// No texts; those added are interned until [`Texts::seal`].
    pub fn interning() -> Self {
        Texts {
            interning: true,
            ..Texts::default()
        }
    }

    /// Text `n`.
    pub fn get(&self, n: u32) -> &str {
        let n = n as usize;
        let end = self.starts.get(n + 1).copied().unwrap_or(self.arena.len());
        &self.arena[self.starts[n]..end]
    }

    /// The index of `text`, added when it is not there yet (or when interning has ended).
    pub fn add(&mut self, text: &str) -> u32 {
        self.add_hashed(hash(text), text)
    }

    /// Like [`Texts::add`], for a text whose [`hash`] is known.
    pub fn add_hashed(&mut self, hash: u64, text: &str) -> u32 {
        if !self.interning {
            return self.append(text);
        }
        if 3 * self.table.len() < 4 * (self.starts.len() + 1) {
            self.grow();
        }
        let tag = (hash >> 32) as u32;
        let mask = self.table.len() - 1;
        let mut slot = tag as usize & mask;
        loop {
            let held = self.table[slot];
            if held == 0 {
                let n = self.append(text);
                self.table[slot] = u64::from(tag) << 32 | u64::from(n + 1);
                return n;
            }
            if (held >> 32) as u32 == tag {
                let n = (held as u32) - 1;
                if self.get(n) == text {
                    return n;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Reads ahead where texts of these hashes would be looked up (their slots, then the
    /// texts those hold), so that the cache misses of many lookups are waited for together
    /// rather than one lookup after another. Returns a sum of what it read, to be passed
    /// through [`std::hint::black_box`] so the reads are kept.
    pub fn warm(&self, hashes: impl Iterator<Item = u64> + Clone) -> usize {
        let Some(mask) = self.table.len().checked_sub(1) else {
            return 0;
        };
        let slot = |h: u64| ((h >> 32) as usize) & mask;
        let mut sum = 0usize;
        for h in hashes.clone() {
            sum = sum.wrapping_add(self.table[slot(h)] as usize);
        }
        let held = |h: u64| {
            let held = self.table[slot(h)];
            (held != 0 && held >> 32 == h >> 32).then(|| (held as u32 - 1) as usize)
        };
        for n in hashes.clone().filter_map(held) {
            sum = sum.wrapping_add(self.starts[n]);
        }
        for n in hashes.filter_map(held) {
            let start = self.starts[n];
            sum = sum.wrapping_add(usize::from(*self.arena.as_bytes().get(start).unwrap_or(&0)));
        }
        sum
    }

    /// Reserves room for `n` more texts of `bytes` bytes in all.
    pub fn reserve(&mut self, n: usize, bytes: usize) {
        self.starts.reserve(n);
        self.arena.reserve(bytes);
    }

    fn append(&mut self, text: &str) -> u32 {
        let n = u32::try_from(self.starts.len()).expect("fewer than 2³² distinct texts");
        self.starts.push(self.arena.len());
        self.arena.push_str(text);
        n
    }

    /// Doubles the table (kept at most three quarters full), placing what it holds again.
    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.table, vec![0; size]);
        let mask = size - 1;
        for held in old.into_iter().filter(|&h| h != 0) {
            let mut slot = (held >> 32) as usize & mask;
            while self.table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.table[slot] = held;
        }
    }

    /// Ends the interning: the table goes, and the arena takes no more room than it needs.
    pub fn seal(&mut self) {
        self.interning = false;
        self.table = Vec::new();
        self.arena.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_added_again_is_found_and_each_reads_back() {
        let mut texts = Texts::interning();
        let words: Vec<String> = (0..5000).map(|n| format!("note {}", n % 1700)).collect();
        let ids: Vec<u32> = words.iter().map(|w| texts.add(w)).collect();
        assert_eq!(texts.starts.len(), 1700);
        for (w, &n) in words.iter().zip(&ids) {
            assert_eq!(texts.get(n), w);
        }
        assert_eq!(texts.add(""), texts.add(""));
        texts.seal();
        let again = texts.add("note 1");
        assert_ne!(again, ids[1], "sealed: added anew");
        assert_eq!(texts.get(again), "note 1");
    }
}
