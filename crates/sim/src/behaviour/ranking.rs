//! Search and recommendation ranking with a quality knob: at quality 1 the
//! products a person likes most come first; at 0 the order is random.

use rand::RngExt;
use rand_distr::{Distribution, StandardNormal};

use crate::seed::SimRng;

/// The most candidates a ranking looks at (a window of a long list).
const MAX_CANDIDATES: usize = 48;
/// The spread of the noise mixed into scores, relative to relevance: large
/// enough that quality improves results all the way from 0 to 1.
const NOISE_SCALE: f64 = 3.0;

/// Ranks `candidates` (product indices) by `quality × relevance + (1 −
/// quality) × noise` and writes the best `shown` into `out`, best first.
/// `scratch` is reused between calls to avoid allocating.
pub(crate) fn rank(
    candidates: &[u32],
    shown: usize,
    quality: f64,
    relevance: impl Fn(u32) -> f64,
    rng: &mut SimRng,
    scratch: &mut Vec<(f64, u32)>,
    out: &mut Vec<u32>,
) {
    scratch.clear();
    out.clear();
    if candidates.is_empty() {
        return;
    }
    let count = candidates.len().min(MAX_CANDIDATES);
    let offset = if candidates.len() > count {
        rng.random_range(0..candidates.len())
    } else {
        0
    };
    for step in 0..count {
        let product = candidates[(offset + step) % candidates.len()];
        let noise: f64 = StandardNormal.sample(rng);
        scratch.push((
            quality * relevance(product) + (1.0 - quality) * NOISE_SCALE * noise,
            product,
        ));
    }
    let best_first = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let shown = shown.min(scratch.len());
    if shown < scratch.len() && shown > 0 {
        scratch.select_nth_unstable_by(shown - 1, best_first);
    }
    scratch[..shown].sort_unstable_by(best_first);
    out.extend(scratch[..shown].iter().map(|&(_, product)| product));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{self, Purpose};

    #[test]
    fn quality_one_sorts_by_relevance_and_zero_does_not() {
        let candidates: Vec<u32> = (0..40).collect();
        let mut rng = seed::rng(1, Purpose::PersonDay, 0, 0);
        let (mut scratch, mut out) = (Vec::new(), Vec::new());
        rank(
            &candidates,
            5,
            1.0,
            f64::from,
            &mut rng,
            &mut scratch,
            &mut out,
        );
        assert_eq!(out, vec![39, 38, 37, 36, 35]);
        let mut top_hits = 0;
        for _ in 0..200 {
            rank(
                &candidates,
                5,
                0.0,
                f64::from,
                &mut rng,
                &mut scratch,
                &mut out,
            );
            top_hits += out.iter().filter(|&&p| p >= 35).count();
        }
        assert!(
            top_hits < 300,
            "random order should rarely pick the top five: {top_hits}"
        );
        rank(&[], 5, 1.0, |_| 0.0, &mut rng, &mut scratch, &mut out);
        assert!(out.is_empty());
    }
}
