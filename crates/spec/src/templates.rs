//! Starting points for `lakeforge init`.

/// A one-project spec, commented: the smallest useful `lakeforge.toml`.
pub const MINIMAL: &str = r#"# lakeforge.toml: a data lake + warehouse project.
# Every key has a default; see the retail template for all constructs.

[lake]
# Where the zones (bronze, silver, gold) live: a folder next to this file,
# or s3://bucket/prefix.
root = "file://./lake"

# One project: lake/core-bronze/, lake/core-silver/, lake/core-gold/ locally;
# S3 buckets, Airflow and optionally EMR and Redshift on AWS.
# Project ids: lowercase letters, digits and hyphens, at most 26 characters.
[projects.core]
has_emr = false
has_redshift = false
has_openlineage = true
"#;

/// The seed's retail example (`examples/retail.toml`): two projects, a
/// clickstream, streaming and CDC ingestion, post-deploy code, the simulator,
/// the use cases and the provisioning pipeline.
pub const RETAIL: &str = include_str!("../../../examples/retail.toml");

/// The files of the retail template's post-deploy folder, as
/// (path relative to the spec file, contents); `lakeforge init` writes them
/// next to the spec so that its `folder` exists.
pub const RETAIL_POST_DEPLOY_FILES: &[(&str, &str)] = &[
    (
        "post_deploy/retail-redshift/index.py",
        include_str!("../../../examples/post_deploy/retail-redshift/index.py"),
    ),
    (
        "post_deploy/retail-redshift/requirements.txt",
        include_str!("../../../examples/post_deploy/retail-redshift/requirements.txt"),
    ),
];

/// The retail template's dbt project (`examples/dbt/`), as (path relative to the spec file,
/// contents): staging views over bronze clickstream and the silver CDC tables, and gold
/// marts (sessions, customer 360, product performance, daily revenue, conversion funnel)
/// with schema tests. `[projects.retail] dbt_project = "dbt"` points `lakeforge dbt` at it.
pub const RETAIL_DBT_FILES: &[(&str, &str)] = &[
    (
        "dbt/dbt_project.yml",
        include_str!("../../../examples/dbt/dbt_project.yml"),
    ),
    (
        "dbt/macros/generate_schema_name.sql",
        include_str!("../../../examples/dbt/macros/generate_schema_name.sql"),
    ),
    (
        "dbt/models/marts/conversion_funnel.sql",
        include_str!("../../../examples/dbt/models/marts/conversion_funnel.sql"),
    ),
    (
        "dbt/models/marts/customer_360.sql",
        include_str!("../../../examples/dbt/models/marts/customer_360.sql"),
    ),
    (
        "dbt/models/marts/daily_revenue.sql",
        include_str!("../../../examples/dbt/models/marts/daily_revenue.sql"),
    ),
    (
        "dbt/models/marts/product_performance.sql",
        include_str!("../../../examples/dbt/models/marts/product_performance.sql"),
    ),
    (
        "dbt/models/marts/sessions.sql",
        include_str!("../../../examples/dbt/models/marts/sessions.sql"),
    ),
    (
        "dbt/models/schema.yml",
        include_str!("../../../examples/dbt/models/schema.yml"),
    ),
    (
        "dbt/models/sources.yml",
        include_str!("../../../examples/dbt/models/sources.yml"),
    ),
    (
        "dbt/models/staging/stg_customers.sql",
        include_str!("../../../examples/dbt/models/staging/stg_customers.sql"),
    ),
    (
        "dbt/models/staging/stg_events.sql",
        include_str!("../../../examples/dbt/models/staging/stg_events.sql"),
    ),
    (
        "dbt/models/staging/stg_order_items.sql",
        include_str!("../../../examples/dbt/models/staging/stg_order_items.sql"),
    ),
    (
        "dbt/models/staging/stg_products.sql",
        include_str!("../../../examples/dbt/models/staging/stg_products.sql"),
    ),
    (
        "dbt/models/staging/stg_support_chats.sql",
        include_str!("../../../examples/dbt/models/staging/stg_support_chats.sql"),
    ),
    (
        "dbt/profiles.yml",
        include_str!("../../../examples/dbt/profiles.yml"),
    ),
];
