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
