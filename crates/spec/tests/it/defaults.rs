//! A minimal spec takes the seed's defaults everywhere.

use lakeforge_spec::*;

use crate::valid;

const EVERY_TABLE: &str = r#"
[projects.core]
[streams.clickstream]
[streaming.clicks]
source_stream = "clickstream"
destination = { project = "core" }
[cdc.sales]
source = { url = "mysql://root@127.0.0.1:3306/c360" }
destination = { project = "core" }
[post_deploy.pause]
[simulator]
[use_cases]
[provisioning]
"#;

#[test]
fn a_single_empty_project_is_a_complete_spec() {
    let spec = valid("[projects.core]\n");
    assert_eq!(spec.lake.root, "file://./lake");
    assert_eq!(spec.lake.default_project, None);
    assert_eq!(spec.default_project(), Some("core"));
    assert_eq!(spec.network.vpc_cidr, "10.0.0.0/16");
    assert_eq!(spec.network.max_azs, 2);
    assert_eq!(spec.network.nat_gateways, 1);
    assert_eq!(spec.network.access_log_bucket, "lakeforge-access-logs");
    assert_eq!(spec.network.access_log_prefix, "");
    assert!(spec.streams.is_empty() && spec.streaming.is_empty() && spec.cdc.is_empty());
    assert!(spec.post_deploy.is_empty());
    assert_eq!(
        (spec.simulator, spec.use_cases, spec.provisioning),
        (None, None, None)
    );
}

#[test]
fn project_defaults_are_the_seeds() {
    let spec = valid("[projects.core]\n");
    let p = &spec.projects["core"];
    assert!(!p.has_emr && !p.has_redshift && !p.has_openlineage);
    assert_eq!(
        (p.reuse_airflow.as_deref(), p.reuse_openlineage.as_deref()),
        (None, None)
    );
    assert_eq!(p.airflow_version, "2.6.3");
    assert_eq!(p.airflow_env_class, AirflowEnvClass::Mw1Small);
    assert_eq!(p.airflow_max_workers, 1);
    assert_eq!(p.airflow_access_mode, AirflowAccessMode::PrivateOnly);
    assert_eq!(p.emr_transient_master_type, "m6gd.xlarge");
    assert_eq!(p.emr_transient_core_type, "m6gd.xlarge");
    assert_eq!(p.emr_transient_worker_type, "m6gd.xlarge");
    assert_eq!(p.emr_transient_core_size, 2);
    assert_eq!(p.emr_transient_worker_min_size, 1);
    assert_eq!(p.emr_transient_worker_max_size, 10);
    assert_eq!(p.redshift_etl_node_type, RedshiftNodeType::Ra3Xlplus);
    assert_eq!(p.redshift_etl_node_count, 1);
    assert_eq!(p.redshift_concurrency_limit, 5);
    assert_eq!(p.redshift_serverless_base_rpu, 8);
    assert_eq!(p.redshift_serverless_rpu_limit, 128);
    assert_eq!(p.s3_log_bucket_prefix, None);
    assert_eq!(p.log_prefix("core"), "core");
    assert!(p.owns_airflow() && !p.hosts_openlineage());
    assert_eq!(*p, Project::default());
}

#[test]
fn every_construct_defaults_to_the_seed() {
    let spec = valid(EVERY_TABLE);

    let s = &spec.streams["clickstream"];
    assert_eq!(s.backend, StreamBackend::Embedded);
    assert_eq!(
        (s.url.as_deref(), s.shard_count, s.retention_hours),
        (None, 1, 24)
    );

    let st = &spec.streaming["clicks"];
    assert_eq!(st.destination.zone, Zone::Bronze);
    assert_eq!(st.destination.prefix, None);
    assert_eq!(st.destination.effective_prefix("clicks"), "clicks");
    assert_eq!(st.buffer_interval_seconds, 300);
    assert_eq!(st.buffer_size_mb, 5);
    assert_eq!(st.output_format, OutputFormat::Parquet);
    assert_eq!(st.event_time_field, "timestamp");
    assert_eq!(st.max_record_bytes, 1_000_000);

    let c = &spec.cdc["sales"];
    assert_eq!(c.source.engine, Engine::Mysql);
    assert_eq!(c.source.secret, None);
    assert_eq!(c.include, ["%.%"]);
    assert!(c.exclude.is_empty() && c.rename_schema.is_empty());
    assert_eq!(c.destination.effective_prefix("sales"), "sales");
    assert_eq!(c.timestamp_column, "cdc_timestamp");
    assert_eq!(c.date_partition_sequence, DatePartitionSequence::Yyyymmddhh);
    assert!(c.include_op_for_full_load);
    assert_eq!(c.migration_type, MigrationType::FullLoadAndCdc);
    assert_eq!((c.max_capacity_units, c.min_capacity_units), (16, 1));

    let pd = &spec.post_deploy["pause"];
    assert_eq!(pd.project, None);
    assert_eq!(pd.folder_or_default("pause"), "post_deploy/pause");
    assert_eq!(pd.handler, "index.handler");
    assert_eq!(pd.handler_file(), "index.py");
    assert_eq!(pd.runtime, "python3.12");
    assert_eq!(pd.command, None);
    assert!(pd.environment.is_empty() && pd.policy_statements.is_empty());
    assert_eq!(pd.timeout_seconds, 300);

    let sim = spec.simulator.as_ref().expect("simulator");
    assert_eq!((sim.customers, sim.products, sim.days), (1000, 200, 30));
    assert_eq!(sim.start_date, "2026-01-01");
    assert_eq!(sim.seed, 42);
    assert_eq!(sim.stream, None);
    assert_eq!(sim.database_url, "sqlite://.lakeforge/retail.db");
    assert_eq!(sim.search_quality, 0.5);
    assert_eq!(spec.simulator_project(), Some("core"));

    let uc = spec.use_cases.as_ref().expect("use cases");
    assert_eq!(uc.enabled, UseCase::ALL);
    assert_eq!(uc.enabled.len(), 6);
    assert_eq!(spec.use_cases_project(), Some("core"));

    let pr = spec.provisioning.as_ref().expect("provisioning");
    assert_eq!(pr.repository_name, "lakeforge-project");
    assert_eq!(pr.branch, "main");
    assert_eq!(pr.nag_packs, [NagPack::AwsSolutions]);
    assert_eq!(pr.permissions_boundary, None);
}

#[test]
fn policy_statements_default_to_allow() {
    let spec = valid(
        "[projects.core]\n[post_deploy.x]\n[[post_deploy.x.policy_statements]]\nactions = [\"s3:GetObject\"]\nresources = [\"*\"]\n",
    );
    assert_eq!(
        spec.post_deploy["x"].policy_statements[0].effect,
        Effect::Allow
    );
}
