//! Deterministic random streams. Every (purpose, entity, day) gets its own
//! generator derived from the seed, so what one customer does on one day never
//! depends on how much randomness anything else used.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The random generator used everywhere in the simulation.
pub(crate) type SimRng = ChaCha8Rng;

/// What a random stream is for; part of its derivation so that streams never collide.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Purpose {
    /// Building the catalogue.
    Products = 1,
    /// Building a person and their accounts.
    People = 2,
    /// One person's day.
    PersonDay = 3,
    /// The shop's calendar: promotions.
    Calendar = 4,
}

/// The generator for `purpose`, `entity` (a person, product, …) and `day`.
pub(crate) fn rng(seed: u64, purpose: Purpose, entity: u64, day: u64) -> SimRng {
    let mut state = hash(&[seed, purpose as u64, entity, day]);
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_exact_mut(8) {
        state = splitmix64(state);
        chunk.copy_from_slice(&state.to_le_bytes());
    }
    ChaCha8Rng::from_seed(bytes)
}

/// A well-mixed 64-bit hash of `parts` (not cryptographic).
pub(crate) fn hash(parts: &[u64]) -> u64 {
    parts.iter().fold(0x6c61_6b65_666f_7267, |acc, &part| {
        splitmix64(acc ^ splitmix64(part))
    })
}

/// One step of SplitMix64: a bijective 64-bit mixer.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use rand::Rng;

    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a = rng(7, Purpose::PersonDay, 1, 2).next_u64();
        assert_eq!(a, rng(7, Purpose::PersonDay, 1, 2).next_u64());
        assert_ne!(a, rng(7, Purpose::PersonDay, 2, 1).next_u64());
        assert_ne!(a, rng(8, Purpose::PersonDay, 1, 2).next_u64());
        assert_ne!(a, rng(7, Purpose::People, 1, 2).next_u64());
    }
}
