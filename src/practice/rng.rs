//! A tiny deterministic random number generator (SplitMix64), so the same
//! seed gives the same problem on every machine and in wasm.

/// SplitMix64: `state += 0x9E3779B97F4A7C15`, then a fixed mix of the state.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator whose whole output is decided by `seed`.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_50F7_4A11_0000)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `low..=high` (`low <= high`).
    pub(crate) fn range(&mut self, low: i64, high: i64) -> i64 {
        let span = (high - low) as u64 + 1;
        low + (self.next_u64() % span) as i64
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = (self.next_u64() % items.len().max(1) as u64) as usize;
        items[i.min(items.len().saturating_sub(1))]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let a: Vec<u64> = (0..5)
            .scan(Rng::new(7), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..5)
            .scan(Rng::new(7), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        let mut r = Rng::new(1);
        assert!((0..1000)
            .map(|_| r.range(-2, 3))
            .all(|v| (-2..=3).contains(&v)));
    }
}
