//! Closest-match ordering for "valid values are …" help texts.

/// `candidates` sorted by similarity to `target`, most similar first
/// (ties keep their original order).
pub(crate) fn closest_first<'a>(
    target: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let target = target.to_lowercase();
    let mut scored: Vec<(f64, f64, &'a str)> = candidates
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            (
                strsim::normalized_damerau_levenshtein(&target, &lower),
                strsim::jaro_winkler(&target, &lower),
                c,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
    scored.into_iter().map(|(_, _, c)| c).collect()
}

/// `"{label} are a, b, c (closest match first)"`, or `none` when there are no candidates.
pub(crate) fn valid_list<'a>(
    label: &str,
    target: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    none: &str,
) -> String {
    let sorted = closest_first(target, candidates);
    match sorted.len() {
        0 => none.to_owned(),
        1 => format!("{label}: {} (the only one)", sorted[0]),
        _ => format!("{label} are {} (closest match first)", sorted.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_candidate_comes_first() {
        let sorted = closest_first("has_emrr", ["has_redshift", "airflow_version", "has_emr"]);
        assert_eq!(sorted[0], "has_emr");
    }

    #[test]
    fn lists_say_how_many() {
        assert_eq!(valid_list("valid keys", "x", [], "none"), "none");
        assert_eq!(
            valid_list("valid keys", "x", ["a"], "none"),
            "valid keys: a (the only one)"
        );
    }
}
