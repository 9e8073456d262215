//! Every key of every construct is read as written.

use lakeforge_spec::*;

use crate::valid;

/// Every key set to a value other than its default.
pub const EVERYTHING: &str = r#"
[lake]
root = "s3://my-lake/prefix"
default_project = "core"

[network]
vpc_cidr = "10.1.0.0/20"
max_azs = 3
nat_gateways = 0
access_log_bucket = "my-access-logs"
access_log_prefix = "logs/"

[streams.clickstream]
backend = "nats"
url = "nats://127.0.0.1:4222"
shard_count = 4
retention_hours = 48

[streams.orders]
backend = "kinesis"
url = "https://kinesis.eu-west-1.amazonaws.com"

[projects.core]
has_emr = true
has_redshift = true
has_openlineage = true
airflow_version = "2.7.2"
airflow_env_class = "mw1.large"
airflow_max_workers = 10
airflow_access_mode = "PUBLIC_ONLY"
emr_transient_master_type = "m5.xlarge"
emr_transient_core_type = "r6g.2xlarge"
emr_transient_worker_type = "c6g.4xlarge"
emr_transient_core_size = 3
emr_transient_worker_min_size = 0
emr_transient_worker_max_size = 20
redshift_etl_node_type = "ra3.4xlarge"
redshift_etl_node_count = 4
redshift_concurrency_limit = 0
redshift_serverless_base_rpu = 32
redshift_serverless_rpu_limit = 256
s3_log_bucket_prefix = "core-logs/"
dbt_project = "dbt"
openlineage_url = "http://marquez.internal:5000"

[projects.sales]
has_openlineage = true
reuse_openlineage = "core"
reuse_airflow = "core"
redshift_serverless_base_rpu = 4
redshift_serverless_rpu_limit = 8

[streaming.clicks]
source_stream = "clickstream"
destination = { project = "sales", zone = "raw", prefix = "web/clicks" }
buffer_interval_seconds = 0
buffer_size_mb = 128
output_format = "json"
event_time_field = "ts"
max_record_bytes = 2048

[cdc.orders-db]
source = { engine = "postgres", secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" }
include = ["public.orders", "public.order_%"]
exclude = ["public.order_tmp"]
rename_schema = { public = "ordersraw" }
destination = { project = "sales", zone = "silver", prefix = "orders" }
timestamp_column = "changed_at"
date_partition_sequence = "YYYYMMDD"
include_op_for_full_load = false
migration_type = "cdc"
max_capacity_units = 384
min_capacity_units = 2

[post_deploy.notify]
folder = "hooks/notify"
handler = "hooks.main.run"
runtime = "python3.11"
command = ["./notify.sh", "--once"]
environment = { TOPIC = "deploys", LEVEL = "info" }
timeout_seconds = 900

[[post_deploy.notify.policy_statements]]
effect = "Deny"
actions = ["s3:DeleteObject", "s3:Delete*"]
resources = ["arn:aws:s3:::my-lake/*"]

[[post_deploy.notify.policy_statements]]
actions = ["sns:Publish"]
resources = ["*"]

[simulator]
customers = 50
products = 10
days = 7
start_date = "2024-02-29"
seed = 7
stream = "clickstream"
database_url = "postgres://sim@localhost/retail"
search_quality = 1.0
project = "sales"

[use_cases]
enabled = ["churn", "graph"]
project = "sales"

[provisioning]
repository_name = "my_repo.v2"
branch = "release/2026"
nag_packs = ["HIPAA.Security", "PCI.DSS.321"]
permissions_boundary = "prod+boundary@team"
"#;

#[test]
fn every_key_is_read() {
    let spec = valid(EVERYTHING);
    assert_eq!(spec.lake.root, "s3://my-lake/prefix");
    assert_eq!(
        spec.lake.parsed_root(),
        Ok(LakeRoot::S3 {
            bucket: "my-lake".into(),
            prefix: "prefix".into()
        })
    );
    assert_eq!(spec.default_project(), Some("core"));
    assert_eq!(
        spec.network,
        Network {
            vpc_cidr: "10.1.0.0/20".into(),
            max_azs: 3,
            nat_gateways: 0,
            access_log_bucket: "my-access-logs".into(),
            access_log_prefix: "logs/".into(),
        }
    );
    assert_eq!(
        spec.streams["clickstream"],
        Stream {
            backend: StreamBackend::Nats,
            url: Some("nats://127.0.0.1:4222".into()),
            shard_count: 4,
            retention_hours: 48,
        }
    );
    assert_eq!(spec.streams["orders"].backend, StreamBackend::Kinesis);

    let core = &spec.projects["core"];
    assert_eq!(
        core,
        &Project {
            has_emr: true,
            has_redshift: true,
            has_openlineage: true,
            reuse_openlineage: None,
            openlineage_url: Some("http://marquez.internal:5000".into()),
            reuse_airflow: None,
            airflow_version: "2.7.2".into(),
            airflow_env_class: AirflowEnvClass::Mw1Large,
            airflow_max_workers: 10,
            airflow_access_mode: AirflowAccessMode::PublicOnly,
            emr_transient_master_type: "m5.xlarge".into(),
            emr_transient_core_type: "r6g.2xlarge".into(),
            emr_transient_worker_type: "c6g.4xlarge".into(),
            emr_transient_core_size: 3,
            emr_transient_worker_min_size: 0,
            emr_transient_worker_max_size: 20,
            redshift_etl_node_type: RedshiftNodeType::Ra34xlarge,
            redshift_etl_node_count: 4,
            redshift_concurrency_limit: 0,
            redshift_serverless_base_rpu: 32,
            redshift_serverless_rpu_limit: 256,
            s3_log_bucket_prefix: Some("core-logs/".into()),
            dbt_project: Some("dbt".into()),
        }
    );
    let sales = &spec.projects["sales"];
    assert_eq!(sales.reuse_airflow.as_deref(), Some("core"));
    assert_eq!(sales.reuse_openlineage.as_deref(), Some("core"));
    assert!(!sales.owns_airflow() && !sales.hosts_openlineage());
    // A project reusing another's endpoint sends its lineage to that project's URL.
    assert_eq!(
        spec.openlineage_url("sales"),
        Some("http://marquez.internal:5000")
    );

    assert_eq!(
        spec.streaming["clicks"],
        StreamingIngestion {
            source_stream: "clickstream".into(),
            destination: Destination {
                project: "sales".into(),
                zone: Zone::Bronze,
                prefix: Some("web/clicks".into()),
            },
            buffer_interval_seconds: 0,
            buffer_size_mb: 128,
            output_format: OutputFormat::Json,
            event_time_field: "ts".into(),
            max_record_bytes: 2048,
            columns: Default::default(),
        }
    );

    let cdc = &spec.cdc["orders-db"];
    assert_eq!(cdc.source.engine, Engine::Postgres);
    assert_eq!(cdc.source.url, None);
    assert_eq!(
        cdc.source.secret.as_deref(),
        Some("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db")
    );
    assert_eq!(cdc.include, ["public.orders", "public.order_%"]);
    assert_eq!(cdc.exclude, ["public.order_tmp"]);
    assert_eq!(cdc.landed_schema("public"), "ordersraw");
    assert_eq!(cdc.landed_schema("other"), "other");
    assert_eq!(cdc.destination.stem(), "sales-silver");
    assert_eq!(cdc.timestamp_column, "changed_at");
    assert_eq!(cdc.date_partition_sequence, DatePartitionSequence::Yyyymmdd);
    assert!(!cdc.include_op_for_full_load);
    assert_eq!(cdc.migration_type, MigrationType::Cdc);
    assert_eq!((cdc.max_capacity_units, cdc.min_capacity_units), (384, 2));

    let pd = &spec.post_deploy["notify"];
    assert_eq!(pd.folder.as_deref(), Some("hooks/notify"));
    assert_eq!(pd.handler_file(), "hooks/main.py");
    assert_eq!(pd.runtime, "python3.11");
    assert_eq!(
        pd.command.as_deref(),
        Some(&["./notify.sh".to_owned(), "--once".to_owned()][..])
    );
    assert_eq!(pd.environment.len(), 2);
    assert_eq!(pd.environment["TOPIC"], "deploys");
    assert_eq!(pd.timeout_seconds, 900);
    assert_eq!(
        pd.policy_statements,
        vec![
            PolicyStatement {
                effect: Effect::Deny,
                actions: vec!["s3:DeleteObject".into(), "s3:Delete*".into()],
                resources: vec!["arn:aws:s3:::my-lake/*".into()],
            },
            PolicyStatement::allow(["sns:Publish"], ["*"]),
        ]
    );

    assert_eq!(
        spec.simulator,
        Some(Simulator {
            customers: 50,
            products: 10,
            days: 7,
            start_date: "2024-02-29".into(),
            seed: 7,
            stream: Some("clickstream".into()),
            database_url: "postgres://sim@localhost/retail".into(),
            search_quality: 1.0,
            project: Some("sales".into()),
        })
    );
    assert_eq!(
        spec.use_cases,
        Some(UseCases {
            enabled: vec![UseCase::Churn, UseCase::Graph],
            project: Some("sales".into()),
        })
    );
    assert_eq!(
        spec.provisioning,
        Some(Provisioning {
            repository_name: "my_repo.v2".into(),
            branch: "release/2026".into(),
            nag_packs: vec![NagPack::HipaaSecurity, NagPack::PciDss321],
            permissions_boundary: Some("prod+boundary@team".into()),
            suppressions: Vec::new(),
            lakeforge_source: None,
        })
    );
}

#[test]
fn tables_may_be_inline_or_sections_or_dotted_keys() {
    let inline = valid(
        "[projects.core]\n[streams.s]\n[streaming.x]\nsource_stream = \"s\"\ndestination = { project = \"core\", prefix = \"p\" }\n",
    );
    let section = valid(
        "[projects.core]\n[streams.s]\n[streaming.x]\nsource_stream = \"s\"\n[streaming.x.destination]\nproject = \"core\"\nprefix = \"p\"\n",
    );
    let dotted = valid(
        "projects.core.has_emr = false\nstreams.s = {}\nstreaming.x.source_stream = \"s\"\nstreaming.x.destination.project = \"core\"\nstreaming.x.destination.prefix = \"p\"\n",
    );
    assert_eq!(inline, section);
    assert_eq!(inline, dotted);
}

#[test]
fn the_start_date_may_be_a_toml_date_or_a_string() {
    let date = valid("[projects.core]\n[simulator]\nstart_date = 2025-12-31\n");
    let string = valid("[projects.core]\n[simulator]\nstart_date = \"2025-12-31\"\n");
    assert_eq!(date.simulator, string.simulator);
    assert_eq!(date.simulator.unwrap().start_date, "2025-12-31");
}

#[test]
fn raw_is_another_name_for_bronze() {
    let spec = valid(
        "[projects.core]\n[cdc.x]\nsource = { url = \"sqlite://db.sqlite\", engine = \"sqlite\" }\ndestination = { project = \"core\", zone = \"raw\" }\n",
    );
    assert_eq!(spec.cdc["x"].destination.zone, Zone::Bronze);
    assert_eq!(spec.cdc["x"].destination.stem(), "core-bronze");
}

#[test]
fn from_str_uses_the_default_file_name() {
    let err = "[projects.Core]\n".parse::<Spec>().unwrap_err();
    assert_eq!(err.errors()[0].file.as_deref(), Some("lakeforge.toml"));
    let spec: Spec = "[projects.core]\n".parse().expect("valid");
    assert_eq!(spec.projects.len(), 1);
}
