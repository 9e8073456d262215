//! Impossible parameters and unreachable databases give clear errors that
//! never show a password.

use chrono::NaiveDate;
use lakeforge_sim::{DatabaseSink, NullSink, SimParams, Simulation, Sink, open_sinks};

#[test]
fn zero_customers_products_or_days_are_refused() {
    for (params, setting) in [
        (
            SimParams {
                customers: 0,
                ..SimParams::default()
            },
            "`customers` = 0",
        ),
        (
            SimParams {
                products: 0,
                ..SimParams::default()
            },
            "`products` = 0",
        ),
        (
            SimParams {
                days: 0,
                ..SimParams::default()
            },
            "`days` = 0",
        ),
        (
            SimParams {
                days: 5000,
                ..SimParams::default()
            },
            "`days` = 5000",
        ),
        (
            SimParams {
                late_delivery_rate: -0.1,
                ..SimParams::default()
            },
            "`late_delivery_rate`",
        ),
        (
            SimParams {
                realtime_speed: Some(0.0),
                ..SimParams::default()
            },
            "`speed` = 0",
        ),
        (
            SimParams {
                schema: "c360.x".into(),
                ..SimParams::default()
            },
            "`schema`",
        ),
    ] {
        let err = Simulation::new(params).unwrap_err().to_string();
        assert!(err.contains(setting), "{err}");
        assert!(err.contains("use "), "the message says what to do: {err}");
    }
}

#[test]
fn an_end_before_the_start_is_refused() {
    let mut params = SimParams::default();
    let err = params
        .set_end_date(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains("before the start date 2026-01-01"), "{err}");
    let err = lakeforge_sim::parse_date("start_date", "2026-13-01")
        .unwrap_err()
        .to_string();
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[tokio::test]
async fn unreachable_databases_fail_without_showing_the_password() {
    for url in [
        "mysql://root:hunter2@127.0.0.1:1/test",
        "postgres://app:hunter2@127.0.0.1:1/test",
        "mariadb://root:hunter2@127.0.0.1:1/x",
    ] {
        let err = DatabaseSink::connect(url, "c360").await.unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(err.to_string().contains("127.0.0.1:1"), "{err}");
        assert!(err.to_string().contains("could not connect"), "{err}");
    }
    let params = SimParams {
        database_url: Some("oracle://scott:tiger@db/x".into()),
        ..SimParams::default()
    };
    let Err(err) = open_sinks(&params, None).await else {
        panic!("an Oracle URL is refused")
    };
    let err = err.to_string();
    assert!(
        err.contains("unsupported database URL") && !err.contains("tiger"),
        "{err}"
    );
}

#[tokio::test]
async fn a_simulation_runs_once() {
    let mut simulation = Simulation::new(SimParams {
        customers: 5,
        products: 5,
        days: 1,
        ..SimParams::default()
    })
    .unwrap();
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(NullSink::new())];
    simulation.run(&mut sinks, |_| {}).await.unwrap();
    let err = simulation.run(&mut sinks, |_| {}).await.unwrap_err();
    assert!(err.to_string().contains("already run"), "{err}");
}

#[tokio::test]
async fn tiny_worlds_work() {
    // One customer, one product: most searches find little, nothing breaks.
    let mut simulation = Simulation::new(SimParams {
        customers: 1,
        products: 1,
        days: 60,
        ..SimParams::default()
    })
    .unwrap();
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(NullSink::new())];
    let summary = simulation.run(&mut sinks, |_| {}).await.unwrap();
    assert_eq!(summary.people, 1);
}
