//! The builder API: same spec as TOML, same validation, errors by key path.

use lakeforge_spec::*;

use crate::valid;

#[test]
fn a_built_spec_equals_the_same_spec_in_toml() {
    let built = Spec::builder()
        .network(Network::default().max_azs(3).nat_gateways(2))
        .project(
            "core",
            Project::default()
                .has_emr(true)
                .airflow_env_class(AirflowEnvClass::Mw1Medium),
        )
        .project(
            "edge",
            Project::default()
                .reuse_airflow("core")
                .redshift_serverless_base_rpu(16),
        )
        .stream(
            "events",
            Stream::default()
                .backend(StreamBackend::Nats)
                .url("nats://127.0.0.1:4222"),
        )
        .streaming(
            "ingest",
            StreamingIngestion::new("events", Destination::new("edge").zone(Zone::Silver))
                .buffer_size_mb(64)
                .output_format(OutputFormat::Json),
        )
        .cdc(
            "orders",
            CdcIngestion::new(
                CdcSource::secret(Engine::Postgres, "orders-db"),
                Destination::new("core"),
            )
            .migration_type(MigrationType::FullLoad)
            .exclude(["public.tmp_%"]),
        )
        .post_deploy(
            "warmup",
            PostDeployCode::default()
                .command(["./warm.sh"])
                .timeout_seconds(60),
        )
        .build()
        .expect("valid");
    let toml = valid(
        r#"
[network]
max_azs = 3
nat_gateways = 2
[projects.core]
has_emr = true
airflow_env_class = "mw1.medium"
[projects.edge]
reuse_airflow = "core"
redshift_serverless_base_rpu = 16
[streams.events]
backend = "nats"
url = "nats://127.0.0.1:4222"
[streaming.ingest]
source_stream = "events"
destination = { project = "edge", zone = "silver" }
buffer_size_mb = 64
output_format = "json"
[cdc.orders]
source = { engine = "postgres", secret = "orders-db" }
destination = { project = "core" }
migration_type = "full-load"
exclude = ["public.tmp_%"]
[post_deploy.warmup]
command = ["./warm.sh"]
timeout_seconds = 60
"#,
    );
    assert_eq!(built, toml);
}

#[test]
fn builder_errors_name_the_key_path() {
    let errors = Spec::builder()
        .project(
            "core",
            Project::default()
                .reuse_airflow("cor")
                .airflow_max_workers(40),
        )
        .build()
        .expect_err("invalid")
        .into_vec();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|s| s.starts_with(
            "<builder>: projects.core.reuse_airflow: error: `reuse_airflow` in [projects.core] names project `cor`, which is not declared"
        )),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|s| s.starts_with("<builder>: projects.core.airflow_max_workers: error:")),
        "{shown:#?}"
    );
    assert!(
        errors
            .iter()
            .all(|e| e.file.is_none() && e.position.is_none())
    );
}

#[test]
fn an_id_added_twice_is_reported() {
    let errors = Spec::builder()
        .project("core", Project::default())
        .project("core", Project::default().has_emr(true))
        .build()
        .expect_err("duplicate")
        .into_vec();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, ErrorKind::DuplicateId);
    assert_eq!(errors[0].path, "projects.core");
}

#[test]
fn build_unchecked_skips_validation_and_validate_finds_the_problems() {
    let spec = Spec::builder()
        .project("Bad", Project::default())
        .build_unchecked();
    assert!(spec.projects.contains_key("Bad"));
    let errors = spec.validate().expect_err("invalid id");
    assert_eq!(errors.errors()[0].kind, ErrorKind::InvalidName);
    assert_eq!(errors.errors()[0].path, "projects.Bad");
}

#[test]
fn validate_in_checks_post_deploy_folders() {
    let spec = Spec::builder()
        .project("core", Project::default())
        .post_deploy("hook", PostDeployCode::default().folder("hooks/x"))
        .build()
        .expect("folders are not checked without a spec folder");
    let dir = tempfile::tempdir().expect("temp dir");
    let errors = spec.validate_in(dir.path()).expect_err("folder missing");
    assert_eq!(errors.errors()[0].kind, ErrorKind::MissingPath);
    assert_eq!(errors.errors()[0].path, "post_deploy.hook.folder");
    std::fs::create_dir_all(dir.path().join("hooks/x")).expect("mkdir");
    std::fs::write(dir.path().join("hooks/x/index.py"), "").expect("write");
    spec.validate_in(dir.path()).expect("valid");
    assert_eq!(
        spec.post_deploy["hook"].folder_in("hook", dir.path()),
        dir.path().join("hooks/x")
    );
}

#[test]
fn setters_chain_on_every_construct() {
    let sim = Simulator::default()
        .customers(5)
        .products(6)
        .days(7)
        .start_date("2026-03-01")
        .seed(9)
        .database_url("mysql://u@h/db")
        .search_quality(0.9);
    assert_eq!(
        (sim.customers, sim.products, sim.days, sim.seed),
        (5, 6, 7, 9)
    );
    assert_eq!(sim.start_date, "2026-03-01");
    let uc = UseCases::default().enabled([UseCase::Churn]);
    assert_eq!(uc.enabled, [UseCase::Churn]);
    let lake = Lake::default().root("memory://").default_project("x");
    assert_eq!(lake.default_project.as_deref(), Some("x"));
    let statement = PolicyStatement::allow(["s3:GetObject"], ["*"]).effect(Effect::Deny);
    assert_eq!(statement.effect, Effect::Deny);
    let p = Project::default()
        .emr_transient_worker_min_size(2)
        .emr_transient_worker_max_size(3)
        .redshift_etl_node_type(RedshiftNodeType::Dc2Large)
        .airflow_access_mode(AirflowAccessMode::PublicOnly);
    assert_eq!(p.redshift_etl_node_type, RedshiftNodeType::Dc2Large);
    assert_eq!(p.airflow_access_mode.as_str(), "PUBLIC_ONLY");
}
