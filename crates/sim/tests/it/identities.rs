//! Some people register twice with slightly different details; the ground
//! truth records them as one cluster, and both accounts are in the database.

use lakeforge_sim::{DatabaseSink, SimParams};

use crate::support::{connect, params, run_into, scalar};

#[tokio::test]
async fn duplicate_identities_are_in_the_data_and_the_ground_truth() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/retail.db", dir.path().display());
    let database = DatabaseSink::connect(&url, "shop").await.unwrap();
    let params = SimParams {
        duplicate_rate: 0.1,
        ..params(1000, 30, 41)
    };
    let (summary, truth, _) = run_into(params, database).await;
    let mut conn = connect(&url).await;

    let clusters = truth.duplicate_clusters();
    assert!(clusters.len() >= 20, "{} clusters", clusters.len());
    assert_eq!(
        scalar(&mut conn, "SELECT COUNT(*) FROM shop_customer".into()).await as u32,
        summary.customers
    );
    assert_eq!(
        summary.customers as usize,
        truth.persons.len() + clusters.len()
    );
    for cluster in clusters {
        let [first, second] = cluster else {
            panic!("clusters have two accounts: {cluster:?}")
        };
        let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT name, email, phone, address, is_registered FROM shop_customer WHERE customer_id IN ({first}, {second}) ORDER BY customer_id"
        )))
        .fetch_all(&mut conn)
        .await
        .unwrap();
        assert_eq!(rows.len(), 2, "both accounts of {cluster:?} exist");
        let (a, b) = (&rows[0], &rows[1]);
        assert!(a.4 == 1 && b.4 == 1, "both registered: {rows:?}");
        assert_ne!(
            (&a.0, &a.1, &a.2, &a.3),
            (&b.0, &b.1, &b.2, &b.3),
            "details differ: {rows:?}"
        );
        let surname = |name: &str| name.rsplit(' ').next().unwrap_or_default().chars().next();
        assert_eq!(
            surname(&a.0),
            surname(&b.0),
            "the names stay close: {rows:?}"
        );
    }
    let used = scalar(
        &mut conn,
        format!(
            "SELECT COUNT(DISTINCT customer_id) FROM shop_customer WHERE customer_id > {} AND customer_id IN \
             (SELECT customer_id FROM shop_cart_items UNION SELECT customer_id FROM shop_order_items)",
            truth.persons.len()
        ),
    )
    .await;
    assert!(used > 0, "second accounts are used for shopping");
}
