//! Stable logical ids derived from construct paths.

use sha2::{Digest, Sha256};

/// The logical id of the construct at `path` (relative to its stack, e.g.
/// `["Buckets", "Bronze"]`): the path's letters and digits, capped so the id
/// stays readable, followed by eight hex digits of a hash of the whole path,
/// so that two paths never share an id even when their letters do.
pub fn logical_id(path: &[&str]) -> String {
    const MAX_HUMAN: usize = 240;
    let human: String = path
        .iter()
        .flat_map(|part| part.chars())
        .filter(char::is_ascii_alphanumeric)
        .take(MAX_HUMAN)
        .collect();
    let digest = Sha256::digest(path.join("/").as_bytes());
    let suffix: String = digest[..4].iter().map(|b| format!("{b:02X}")).collect();
    if human.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("{human}{suffix}")
    } else {
        format!("R{human}{suffix}")
    }
}
