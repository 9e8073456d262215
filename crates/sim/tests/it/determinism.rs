//! Same seed and parameters → identical data, whatever the runtime and its
//! thread count, and whether written at full speed or in real time.

use crate::support::{hash_run, params};

/// A summary with the wall-clock duration zeroed, for comparison.
fn timeless(mut summary: lakeforge_sim::SimSummary) -> lakeforge_sim::SimSummary {
    summary.duration = Default::default();
    summary
}

#[test]
fn two_runs_hash_equal_on_any_runtime() {
    let params = params(400, 20, 7);
    let single = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (hash_one, summary_one) = single.block_on(hash_run(params.clone()));
    let (hash_two, summary_two) = single.block_on(hash_run(params.clone()));
    let multi = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    let (hash_multi, summary_multi) = multi.block_on(hash_run(params.clone()));
    assert_eq!(hash_one, hash_two);
    assert_eq!(hash_one, hash_multi);
    assert_eq!(timeless(summary_one), timeless(summary_two));
    assert_eq!(timeless(summary_one), timeless(summary_multi));
    assert!(
        summary_one.events > 10_000 && summary_one.orders > 100,
        "{summary_one}"
    );
}

#[tokio::test]
async fn another_seed_gives_other_data() {
    let (hash_a, _) = hash_run(params(200, 5, 1)).await;
    let (hash_b, _) = hash_run(params(200, 5, 2)).await;
    assert_ne!(hash_a, hash_b);
}

#[tokio::test]
async fn real_time_mode_writes_the_same_data_at_the_simulated_pace() {
    let mut fast = params(100, 2, 5);
    let (hash_fast, _) = hash_run(fast.clone()).await;
    // Two simulated days (plus spill-over) in about half a second.
    fast.realtime_speed = Some(2.0 * 86_400.0 / 0.5);
    let started = std::time::Instant::now();
    let (hash_paced, _) = hash_run(fast).await;
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(hash_fast, hash_paced);
    assert!((0.3..5.0).contains(&elapsed), "{elapsed} s");
}
