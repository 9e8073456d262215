//! The trends exist: better search or recommendations convert more sessions
//! into orders; late deliveries make more customers leave.

use crate::support::{params, run};

#[tokio::test]
async fn better_search_raises_conversion() {
    let mut rates = Vec::new();
    for quality in [0.0, 0.5, 1.0] {
        let mut params = params(1500, 30, 11);
        params.search_quality = quality;
        let (summary, _) = run(params).await;
        eprintln!("search quality {quality}: {summary}");
        rates.push(summary.conversion_rate());
    }
    assert!(rates[1] > rates[0] * 1.05, "{rates:?}");
    assert!(rates[2] > rates[1] * 1.05, "{rates:?}");
}

#[tokio::test]
async fn better_recommendations_raise_conversion() {
    let mut rates = Vec::new();
    for quality in [0.0, 1.0] {
        let mut params = params(1500, 30, 12);
        params.recommendation_quality = quality;
        let (summary, _) = run(params).await;
        eprintln!("recommendation quality {quality}: {summary}");
        rates.push(summary.conversion_rate());
    }
    assert!(rates[1] > rates[0] * 1.05, "{rates:?}");
}

#[tokio::test]
async fn late_delivery_raises_churn() {
    let mut churned = Vec::new();
    for late in [0.0, 0.5] {
        let mut params = params(1500, 60, 13);
        params.late_delivery_rate = late;
        let (summary, truth) = run(params).await;
        eprintln!("late delivery rate {late}: {summary}");
        assert_eq!(truth.churned() as u64, summary.churned_customers);
        churned.push(summary.churned_customers as f64);
    }
    assert!(churned[1] > churned[0] * 1.2, "{churned:?}");
}
