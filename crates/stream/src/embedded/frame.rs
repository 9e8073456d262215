//! The on-disk frame of one record.
//!
//! Layout, little-endian:
//!
//! ```text
//! | body_len u32 | crc32 u32 | sequence u64 | arrival_ms u64 | key_len u16 | key | payload |
//!                             \_____________________ body (body_len bytes) _______________/
//! ```
//!
//! The CRC32 covers the `body_len` bytes and the body, so a torn write, a
//! damaged length or a flipped bit anywhere is detected.

use std::io::{self, Read};

use bytes::Bytes;

use crate::record::{NewRecord, Record};
use crate::sequence::Sequence;
use crate::validate::MAX_RECORD_BYTES;

/// Bytes before the body: length and checksum.
const HEADER_LEN: usize = 8;
/// Body bytes before the key: sequence, arrival time and key length.
const FIXED_BODY_LEN: usize = 18;
/// The largest body a valid record can have.
const MAX_BODY_LEN: usize = FIXED_BODY_LEN + MAX_RECORD_BYTES;

/// The encoded size of `record`, header included.
pub(crate) fn frame_len(record: &NewRecord) -> u64 {
    (HEADER_LEN + FIXED_BODY_LEN + record.key.len() + record.payload.len()) as u64
}

/// Appends the frame of `record` to `out`. The record must have passed
/// [`crate::validate::record`], which bounds its key and size.
pub(crate) fn encode(out: &mut Vec<u8>, sequence: u64, arrival_ms: u64, record: &NewRecord) {
    let start = out.len();
    let body_len = FIXED_BODY_LEN + record.key.len() + record.payload.len();
    let key_len = u16::try_from(record.key.len()).expect("validated keys fit in u16");
    out.extend_from_slice(
        &u32::try_from(body_len)
            .expect("validated bodies fit in u32")
            .to_le_bytes(),
    );
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&sequence.to_le_bytes());
    out.extend_from_slice(&arrival_ms.to_le_bytes());
    out.extend_from_slice(&key_len.to_le_bytes());
    out.extend_from_slice(record.key.as_bytes());
    out.extend_from_slice(&record.payload);
    let crc = checksum(&out[start..start + 4], &out[start + HEADER_LEN..]);
    out[start + 4..start + HEADER_LEN].copy_from_slice(&crc.to_le_bytes());
}

/// The result of decoding at one position.
#[derive(Debug)]
pub(crate) enum Decoded {
    /// A valid frame and its size in bytes.
    Frame {
        /// The sequence stored in the frame.
        sequence: u64,
        /// The record.
        record: Record,
        /// Bytes the frame took, header included.
        len: u64,
    },
    /// A clean end: no bytes left.
    End,
    /// Bytes that are not a valid frame (torn write or corruption), and why.
    Invalid(String),
}

/// Reads one frame from `input`; `body` is scratch space kept between calls (the payload
/// is copied out of it once, into an allocation of its own size).
pub(crate) fn decode(input: &mut impl Read, body: &mut Vec<u8>) -> io::Result<Decoded> {
    let mut header = [0u8; HEADER_LEN];
    match read_full(input, &mut header)? {
        0 => return Ok(Decoded::End),
        n if n < HEADER_LEN => {
            return Ok(Decoded::Invalid(format!(
                "only {n} of {HEADER_LEN} header bytes (torn write)"
            )));
        }
        _ => {}
    }
    let body_len = u32::from_le_bytes(header[0..4].try_into().expect("4 bytes")) as usize;
    let stored_crc = u32::from_le_bytes(header[4..8].try_into().expect("4 bytes"));
    if !(FIXED_BODY_LEN..=MAX_BODY_LEN).contains(&body_len) {
        return Ok(Decoded::Invalid(format!(
            "implausible body length {body_len}"
        )));
    }
    body.clear();
    body.resize(body_len, 0);
    let got = read_full(input, body)?;
    if got < body_len {
        return Ok(Decoded::Invalid(format!(
            "only {got} of {body_len} body bytes (torn write)"
        )));
    }
    if checksum(&header[0..4], body) != stored_crc {
        return Ok(Decoded::Invalid("CRC32 checksum mismatch".to_owned()));
    }
    let sequence = u64::from_le_bytes(body[0..8].try_into().expect("8 bytes"));
    let arrival_ms = u64::from_le_bytes(body[8..16].try_into().expect("8 bytes"));
    let key_len = u16::from_le_bytes(body[16..18].try_into().expect("2 bytes")) as usize;
    let key_end = FIXED_BODY_LEN + key_len;
    if key_end > body_len {
        return Ok(Decoded::Invalid(format!(
            "key length {key_len} runs past the frame"
        )));
    }
    let Ok(key) = std::str::from_utf8(&body[FIXED_BODY_LEN..key_end]) else {
        return Ok(Decoded::Invalid("key is not UTF-8".to_owned()));
    };
    Ok(Decoded::Frame {
        sequence,
        record: Record {
            sequence: Sequence::from(sequence),
            key: key.to_owned(),
            payload: Bytes::copy_from_slice(&body[key_end..]),
            arrival_ms,
        },
        len: (HEADER_LEN + body_len) as u64,
    })
}

/// CRC32 of the length field followed by the body.
fn checksum(len_field: &[u8], body: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(len_field);
    hasher.update(body);
    hasher.finalize()
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(sequence: u64, record: &NewRecord) -> Vec<u8> {
        let mut out = Vec::new();
        encode(&mut out, sequence, 1_700_000_000_123, record);
        out
    }

    #[test]
    fn round_trips_and_reports_its_length() {
        let record = NewRecord::new("clé", &b"payload \x00\xff bytes"[..]);
        let bytes = encoded(7, &record);
        assert_eq!(bytes.len() as u64, frame_len(&record));
        let mut input = &bytes[..];
        match decode(&mut input, &mut Vec::new()).unwrap() {
            Decoded::Frame {
                sequence,
                record: read,
                len,
            } => {
                assert_eq!(sequence, 7);
                assert_eq!(len, bytes.len() as u64);
                assert_eq!(read.key, record.key);
                assert_eq!(read.payload, record.payload);
                assert_eq!(read.arrival_ms, 1_700_000_000_123);
            }
            other => panic!("expected a frame, got {other:?}"),
        }
        assert!(matches!(
            decode(&mut input, &mut Vec::new()).unwrap(),
            Decoded::End
        ));
    }

    #[test]
    fn every_truncation_is_invalid() {
        let bytes = encoded(1, &NewRecord::new("k", "some payload"));
        for cut in 1..bytes.len() {
            let decoded = decode(&mut &bytes[..cut], &mut Vec::new()).unwrap();
            assert!(
                matches!(decoded, Decoded::Invalid(_)),
                "cut at {cut}: {decoded:?}"
            );
        }
    }

    #[test]
    fn every_flipped_byte_is_invalid() {
        let bytes = encoded(3, &NewRecord::new("key", "payload"));
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x40;
            let decoded = decode(&mut &damaged[..], &mut Vec::new()).unwrap();
            assert!(
                matches!(decoded, Decoded::Invalid(_)),
                "flip at {at}: {decoded:?}"
            );
        }
    }
}
