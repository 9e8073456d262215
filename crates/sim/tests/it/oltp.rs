//! The OLTP data in SQLite: every table has a primary key, every reference
//! resolves, rows match the change log, and updates and deletes really happen.

use lakeforge_sim::DatabaseSink;
use lakeforge_sim::oltp::schema::Table;

use crate::support::{connect, params, run_into, scalar};

#[tokio::test]
async fn sqlite_data_is_referentially_sound_and_has_real_changes() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/shop/retail.db", dir.path().display());
    let database = DatabaseSink::connect(&url, "c360").await.unwrap();
    let (summary, _, rows) = run_into(params(400, 30, 31), database).await;
    let mut conn = connect(&url).await;

    for table in Table::ALL {
        let name = format!("c360_{}", table.name());
        let keys = scalar(
            &mut conn,
            format!("SELECT COUNT(*) FROM pragma_table_info('{name}') WHERE pk > 0"),
        )
        .await;
        assert_eq!(keys, 1, "{name} has a primary key");
        let count = scalar(&mut conn, format!("SELECT COUNT(*) FROM {name}")).await;
        assert_eq!(
            count,
            rows.get(table.name()).copied().unwrap_or(0),
            "{name} rows = inserts - deletes"
        );
    }
    assert_eq!(
        scalar(
            &mut conn,
            "SELECT COUNT(*) FROM pragma_foreign_key_check".into()
        )
        .await,
        0
    );

    let orphans = [
        "SELECT COUNT(*) FROM c360_cart_items i LEFT JOIN c360_customer c USING (customer_id) WHERE c.customer_id IS NULL",
        "SELECT COUNT(*) FROM c360_cart_items i LEFT JOIN c360_product p USING (product_id) WHERE p.product_id IS NULL",
        "SELECT COUNT(*) FROM c360_order_items i LEFT JOIN c360_customer c USING (customer_id) WHERE c.customer_id IS NULL",
        "SELECT COUNT(*) FROM c360_order_items i LEFT JOIN c360_product p USING (product_id) WHERE p.product_id IS NULL",
        "SELECT COUNT(*) FROM c360_product_rating r LEFT JOIN c360_customer c USING (customer_id) WHERE c.customer_id IS NULL",
        "SELECT COUNT(*) FROM c360_product_rating r WHERE NOT EXISTS \
         (SELECT 1 FROM c360_order_items o WHERE o.order_id = r.order_id AND o.product_id = r.product_id AND o.customer_id = r.customer_id)",
        "SELECT COUNT(*) FROM c360_support_chat s LEFT JOIN c360_customer c USING (customer_support_id) WHERE c.customer_id IS NULL",
        "SELECT COUNT(*) FROM c360_support_chat s WHERE s.order_id IS NOT NULL AND NOT EXISTS \
         (SELECT 1 FROM c360_order_items o WHERE o.order_id = s.order_id)",
        "SELECT COUNT(*) FROM c360_order_items WHERE customer_id IN (SELECT customer_id FROM c360_customer WHERE is_registered = 0)",
        "SELECT COUNT(*) FROM c360_order_items WHERE status = 'delivered' AND (delivered_at IS NULL OR shipped_at IS NULL OR delivered_at < shipped_at)",
    ];
    for sql in orphans {
        assert_eq!(scalar(&mut conn, sql.to_owned()).await, 0, "{sql}");
    }

    let orders = scalar(
        &mut conn,
        "SELECT COUNT(DISTINCT order_id) FROM c360_order_items".into(),
    )
    .await;
    assert_eq!(orders as u64, summary.orders);
    let revenue: f64 = sqlx::query_scalar(sqlx::AssertSqlSafe(
        "SELECT SUM(quantity * unit_price) FROM c360_order_items",
    ))
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert!(
        (revenue - summary.revenue).abs() < 0.01 * summary.orders as f64,
        "{revenue} vs {summary}"
    );

    // Real updates and deletes: statuses moved on, registrations, resolved
    // chats, re-rated products, cart lines removed.
    let positive = [
        "SELECT COUNT(*) FROM c360_order_items WHERE status = 'delivered'",
        "SELECT COUNT(*) FROM c360_order_items WHERE status = 'shipped'",
        "SELECT COUNT(*) FROM c360_customer WHERE registered_at > created_at",
        "SELECT COUNT(*) FROM c360_support_chat WHERE resolved = 1",
        "SELECT COUNT(*) FROM c360_support_chat WHERE resolved = 0",
        "SELECT COUNT(*) FROM c360_product WHERE updated_at > (SELECT MIN(created_at) FROM c360_customer)",
        "SELECT COUNT(*) FROM c360_simulation WHERE status = 'finished'",
    ];
    for sql in positive {
        assert!(scalar(&mut conn, sql.to_owned()).await > 0, "{sql}");
    }
    assert!(summary.updates > 1000 && summary.deletes > 100, "{summary}");
}
