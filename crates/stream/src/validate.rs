//! Limits shared by every backend, so that a project behaves the same whichever
//! backend it runs on (they follow Kinesis, the strictest of them).

use crate::error::StreamError;
use crate::record::NewRecord;

/// Longest stream or consumer name, in characters.
pub const MAX_NAME_LEN: usize = 64;

/// Longest partition key, in Unicode characters (Kinesis allows 256).
pub const MAX_KEY_CHARS: usize = 256;

/// Largest record, key plus payload, in bytes: under Kinesis' 1 MiB and NATS'
/// default 1 MiB message size, leaving room for NATS headers.
pub const MAX_RECORD_BYTES: usize = 1_000_000;

/// Checks a stream or consumer name: 1 to [`MAX_NAME_LEN`] characters from
/// `A-Z a-z 0-9 _ -`, which are valid file names, NATS stream names, subject
/// tokens and key-value keys alike.
pub(crate) fn name(kind: &'static str, name: &str) -> Result<(), StreamError> {
    let valid = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if valid {
        Ok(())
    } else {
        Err(StreamError::InvalidName {
            kind,
            name: name.to_owned(),
        })
    }
}

/// Checks a record against the key and size limits.
pub(crate) fn record(record: &NewRecord) -> Result<(), StreamError> {
    let chars = record.key.chars().count();
    if chars == 0 || chars > MAX_KEY_CHARS {
        return Err(StreamError::InvalidRecord {
            reason: format!(
                "the partition key has {chars} characters; it must have 1 to {MAX_KEY_CHARS}"
            ),
        });
    }
    let size = record.key.len() + record.payload.len();
    if size > MAX_RECORD_BYTES {
        return Err(StreamError::InvalidRecord {
            reason: format!(
                "the record (key {:?}…) is {size} bytes; the limit is {MAX_RECORD_BYTES} bytes \
                 for key plus payload: split it into smaller records",
                record.key.chars().take(32).collect::<String>()
            ),
        });
    }
    Ok(())
}

/// Checks that `sequence` can be committed in `stream`, whose newest record is
/// `last`: a checkpoint past the end would make the consumer skip records.
pub(crate) fn committable(stream: &str, sequence: u64, last: u64) -> Result<(), StreamError> {
    if sequence <= last {
        return Ok(());
    }
    Err(StreamError::InvalidSequence {
        value: sequence.to_string(),
        reason: format!(
            "stream {stream:?} has records only up to sequence {last}; commit a sequence you have read"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_shared_alphabet() {
        for good in ["clicks", "a", "Orders_2024-eu", &"x".repeat(MAX_NAME_LEN)] {
            assert!(name("stream", good).is_ok(), "{good:?}");
        }
        for bad in [
            "",
            "a.b",
            "a b",
            "a/b",
            "é",
            "a*",
            &"x".repeat(MAX_NAME_LEN + 1),
        ] {
            assert!(name("consumer", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn records_follow_the_key_and_size_limits() {
        assert!(record(&NewRecord::new("k", "v")).is_ok());
        assert!(record(&NewRecord::new("é".repeat(MAX_KEY_CHARS), "")).is_ok());
        assert!(record(&NewRecord::new("", "v")).is_err());
        assert!(record(&NewRecord::new("k".repeat(MAX_KEY_CHARS + 1), "v")).is_err());
        assert!(record(&NewRecord::new("k", vec![0u8; MAX_RECORD_BYTES - 1])).is_ok());
        let err = record(&NewRecord::new("k", vec![0u8; MAX_RECORD_BYTES])).unwrap_err();
        assert!(err.to_string().contains("1000001 bytes"), "{err}");
    }
}
