//! Positions within a stream: [`Sequence`] (a record's number within a shard)
//! and [`ShardId`] (which ordered log of the stream).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::error::StreamError;

/// A record's position within one shard.
///
/// Totally ordered (numerically) and written as a decimal string. The embedded
/// and NATS backends number records 1, 2, 3, … (a `u64`); Kinesis sequence
/// numbers are decimal strings too large for a `u64`, which this type holds as
/// well, so a Kinesis backend fits without changing the interface.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Sequence(Repr);

/// Internal form: a `u64` when the number fits, otherwise its canonical
/// decimal digits (no leading zeros), which are then always above `u64::MAX`.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Small(u64),
    Large(Arc<str>),
}

impl Sequence {
    /// The number as a `u64`, or `None` when it is larger than `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        match &self.0 {
            Repr::Small(n) => Some(*n),
            Repr::Large(_) => None,
        }
    }
}

impl Sequence {
    /// The number as a `u64`, for backends that number records with 64-bit
    /// integers; larger numbers cannot come from them.
    pub(crate) fn require_u64(&self) -> Result<u64, StreamError> {
        self.as_u64().ok_or_else(|| StreamError::InvalidSequence {
            value: self.to_string(),
            reason: "this backend numbers its records with 64-bit integers, so it did not \
                     produce this sequence"
                .to_owned(),
        })
    }
}

impl From<u64> for Sequence {
    fn from(n: u64) -> Self {
        Sequence(Repr::Small(n))
    }
}

impl Ord for Sequence {
    fn cmp(&self, other: &Self) -> Ordering {
        match (&self.0, &other.0) {
            (Repr::Small(a), Repr::Small(b)) => a.cmp(b),
            (Repr::Small(_), Repr::Large(_)) => Ordering::Less,
            (Repr::Large(_), Repr::Small(_)) => Ordering::Greater,
            (Repr::Large(a), Repr::Large(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        }
    }
}

impl PartialOrd for Sequence {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Sequence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small(n) => write!(f, "{n}"),
            Repr::Large(s) => f.write_str(s),
        }
    }
}

impl fmt::Debug for Sequence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sequence({self})")
    }
}

impl FromStr for Sequence {
    type Err = StreamError;

    /// Parses a non-empty string of ASCII digits (leading zeros allowed).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StreamError::InvalidSequence {
                value: s.to_owned(),
                reason: "a sequence is a non-empty string of decimal digits".to_owned(),
            });
        }
        let digits = s.trim_start_matches('0');
        Ok(match digits.parse::<u64>() {
            Ok(n) => Sequence::from(n),
            Err(_) if digits.is_empty() => Sequence::from(0),
            Err(_) => Sequence(Repr::Large(Arc::from(digits))),
        })
    }
}

/// Identifies one ordered log (shard) of a stream.
///
/// NATS streams and one-shard embedded streams have a single shard,
/// [`ShardId::single`] (`"0"`); embedded streams with n shards have `"0"` to
/// `"<n-1>"`; Kinesis shards are named by the service (`shardId-000000000000`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShardId(Arc<str>);

impl ShardId {
    /// A shard id with the given name.
    pub fn new(id: impl Into<Arc<str>>) -> Self {
        ShardId(id.into())
    }

    /// The id of the only shard of a one-shard stream (and the first of an
    /// embedded stream with several): `"0"`.
    pub fn single() -> Self {
        ShardId::new("0")
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks that this is the shard of a single-shard backend's `stream`.
    pub(crate) fn require_single(&self, stream: &str) -> Result<(), StreamError> {
        if self.as_str() == ShardId::single().as_str() {
            Ok(())
        } else {
            Err(StreamError::UnknownShard {
                stream: stream.to_owned(),
                shard: self.to_string(),
            })
        }
    }
}

impl fmt::Display for ShardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(s: &str) -> Sequence {
        s.parse().expect("valid sequence")
    }

    #[test]
    fn small_numbers_round_trip_and_order_numerically() {
        assert_eq!(seq("42"), Sequence::from(42));
        assert_eq!(seq("0042").to_string(), "42");
        assert_eq!(seq("000"), Sequence::from(0));
        assert!(seq("9") < seq("10"));
        assert_eq!(seq("18446744073709551615").as_u64(), Some(u64::MAX));
    }

    #[test]
    fn kinesis_sized_numbers_keep_their_digits_and_order() {
        let kinesis = "49590338271490256608559692538361571095921575989136588898";
        let big = seq(kinesis);
        assert_eq!(big.as_u64(), None);
        assert_eq!(big.to_string(), kinesis);
        assert_eq!(seq(&format!("000{kinesis}")), big);
        assert!(Sequence::from(u64::MAX) < seq("18446744073709551616"));
        assert!(seq("18446744073709551616") < seq("18446744073709551617"));
        assert!(seq("99999999999999999999") < seq("100000000000000000000"));
    }

    #[test]
    fn rejects_non_digits() {
        for bad in ["", "-1", "1.5", "12a", " 1"] {
            assert!(
                bad.parse::<Sequence>().is_err(),
                "{bad:?} should be rejected"
            );
        }
    }
}
