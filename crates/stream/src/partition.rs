//! Which shard a partition key goes to: the scheme of Kinesis.
//!
//! Kinesis hashes the partition key with MD5 into a 128-bit number and sends
//! the record to the shard whose hash-key range holds it; a stream created
//! with `n` shards splits the range `0..2^128` into `n` ranges of
//! `floor(2^128 / n)` keys, the last one taking the rest. The embedded
//! backend uses exactly that split, so a key lands in shard `i` of an
//! embedded stream and in the `i`-th shard of a freshly created Kinesis
//! stream with as many shards.

/// The shard index (`0..shard_count`) of `key` in a stream of `shard_count`
/// evenly split shards. `shard_count` 0 is treated as 1.
pub(crate) fn shard_index(key: &str, shard_count: u32) -> u32 {
    if shard_count <= 1 {
        return 0;
    }
    let hash = u128::from_be_bytes(md5::compute(key.as_bytes()).0);
    let n = u128::from(shard_count);
    // floor(2^128 / n), computed without 2^128 itself: (2^128 - 1) / n, plus
    // one when n divides 2^128 exactly.
    let step = u128::MAX / n + u128::from(u128::MAX % n == n - 1);
    // The last range is longer by the remainder; clamp into it.
    u32::try_from((hash / step).min(n - 1)).expect("below shard_count")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shard_takes_every_key() {
        assert_eq!(shard_index("anything", 1), 0);
        assert_eq!(shard_index("anything", 0), 0);
    }

    #[test]
    fn keys_follow_the_md5_ranges_of_kinesis() {
        // MD5("a") = 0x0cc175b9c0f1b6a831c399e269772661: below 2^128/2, and in
        // the first sixteenth (0x0c… < 0x10…).
        assert_eq!(shard_index("a", 2), 0);
        assert_eq!(shard_index("a", 16), 0);
        // MD5("b") = 0x92eb5ffee6ae2fec3ad71c777531578f: upper half; 0x92/0x100*3 = 1.7.
        assert_eq!(shard_index("b", 2), 1);
        assert_eq!(shard_index("b", 3), 1);
        assert_eq!(shard_index("b", 16), 9);
    }

    #[test]
    fn keys_spread_over_every_shard_and_stay_put() {
        let mut counts = [0u32; 5];
        for i in 0..5000 {
            let key = format!("user-{i}");
            let shard = shard_index(&key, 5);
            assert_eq!(shard, shard_index(&key, 5), "stable");
            counts[shard as usize] += 1;
        }
        assert!(counts.iter().all(|&c| c > 800), "{counts:?}");
    }

    #[test]
    fn the_largest_count_is_in_range() {
        for key in ["x", "y", "z", "user-1"] {
            assert!(shard_index(key, 500) < 500);
            assert!(shard_index(key, u32::MAX) < u32::MAX);
        }
    }
}
