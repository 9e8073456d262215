//! The seed's retail example composed in Rust: the same spec as
//! `examples/retail.toml`. Run `cargo run -p lakeforge-spec --example retail`
//! to print it as TOML.

use lakeforge_spec::{
    CdcIngestion, CdcSource, Destination, Engine, Lake, NagPack, PolicyStatement, PostDeployCode,
    Project, Provisioning, Simulator, Spec, Stream, StreamingIngestion, UseCases,
};

/// The retail example spec, validated.
pub fn retail_spec() -> Spec {
    Spec::builder()
        .lake(Lake::default().default_project("retail"))
        // The shared platform: owns Airflow and the OpenLineage endpoint.
        .project(
            "core",
            Project::default()
                .has_emr(true)
                .has_redshift(true)
                .has_openlineage(true),
        )
        // The retail project reuses core's Airflow and lineage endpoint.
        .project(
            "retail",
            Project::default()
                .has_emr(true)
                .has_redshift(true)
                .has_openlineage(true)
                .reuse_openlineage("core")
                .reuse_airflow("core")
                .dbt_project("dbt")
                .s3_log_bucket_prefix("retail-lake"),
        )
        .stream("clickstream", Stream::default())
        .streaming(
            "c360-clickstream",
            StreamingIngestion::new(
                "clickstream",
                Destination::new("retail").prefix("clickstream"),
            ),
        )
        .cdc(
            "retail-sales-support",
            CdcIngestion::new(
                CdcSource::url(Engine::Mariadb, "mysql://root@127.0.0.1:3306/c360"),
                Destination::new("retail").prefix("dms"),
            )
            .include(["c360.%"])
            .rename_schema("c360", "c360raw"),
        )
        .post_deploy(
            "retail-redshift",
            PostDeployCode::default()
                .project("retail")
                .folder("post_deploy/retail-redshift")
                .handler("index.handler_pause_redshift")
                .environment("redshift_cluster_id", "retail-etl-cluster")
                // boto3 is in the Lambda runtime: nothing to vendor.
                .vendor_requirements(false)
                .policy_statement(PolicyStatement::allow(
                    ["redshift:PauseCluster"],
                    ["arn:aws:redshift:${AWS::Region}:${AWS::AccountId}:cluster:retail-etl-cluster"],
                )),
        )
        .simulator(Simulator::default().stream("clickstream").project("retail"))
        .use_cases(UseCases::default().project("retail"))
        .provisioning(
            Provisioning::default()
                .repository_name("lakeforge-retail")
                .nag_packs(NagPack::ALL.iter().copied())
                .permissions_boundary("developer-policy"),
        )
        .build()
        .unwrap_or_else(|errors| panic!("the retail example is invalid:\n{errors}"))
}

fn main() {
    print!("{}", retail_spec().to_toml_string());
}
