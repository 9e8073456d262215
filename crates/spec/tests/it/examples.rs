//! The retail example in TOML and in Rust are the same spec; the templates validate.

use lakeforge_spec::templates::{MINIMAL, RETAIL, RETAIL_POST_DEPLOY_FILES};
use lakeforge_spec::{NagPack, Spec, UseCase, Zone};

#[allow(dead_code)]
#[path = "../../../../examples/retail.rs"]
mod retail;

const RETAIL_TOML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/retail.toml");

#[test]
fn the_toml_example_equals_the_rust_example() {
    let from_file = Spec::from_path(RETAIL_TOML).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_file, retail::retail_spec());
}

#[test]
fn the_retail_example_composes_the_seed() {
    let spec = retail::retail_spec();
    let core = &spec.projects["core"];
    assert!(core.has_emr && core.has_redshift && core.has_openlineage && core.hosts_openlineage());
    let retail = &spec.projects["retail"];
    assert_eq!(retail.reuse_airflow.as_deref(), Some("core"));
    assert_eq!(retail.reuse_openlineage.as_deref(), Some("core"));
    assert_eq!(retail.log_prefix("retail"), "retail-lake");
    let clicks = &spec.streaming["c360-clickstream"];
    assert_eq!(clicks.source_stream, "clickstream");
    assert_eq!(
        (
            clicks.destination.zone,
            clicks.destination.effective_prefix("c360-clickstream")
        ),
        (Zone::Bronze, "clickstream")
    );
    let cdc = &spec.cdc["retail-sales-support"];
    assert_eq!(cdc.include, ["c360.%"]);
    assert_eq!(cdc.landed_schema("c360"), "c360raw");
    assert_eq!(
        cdc.destination.effective_prefix("retail-sales-support"),
        "dms"
    );
    let pd = &spec.post_deploy["retail-redshift"];
    assert_eq!(pd.handler, "index.handler_pause_redshift");
    assert_eq!(pd.environment["redshift_cluster_id"], "retail-etl-cluster");
    assert_eq!(pd.policy_statements[0].actions, ["redshift:PauseCluster"]);
    assert_eq!(spec.simulator_project(), Some("retail"));
    assert_eq!(
        spec.use_cases.as_ref().map(|u| u.enabled.as_slice()),
        Some(UseCase::ALL)
    );
    let prov = spec.provisioning.as_ref().expect("provisioning");
    assert_eq!(prov.nag_packs, NagPack::ALL);
    assert_eq!(
        prov.permissions_boundary.as_deref(),
        Some("developer-policy")
    );
}

#[test]
fn the_retail_template_is_the_example_file() {
    assert_eq!(RETAIL, std::fs::read_to_string(RETAIL_TOML).expect("read"));
}

#[test]
fn the_retail_template_validates_with_its_post_deploy_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec_path = dir.path().join("lakeforge.toml");
    std::fs::write(&spec_path, RETAIL).expect("write");
    // Without its folder the spec is rejected...
    let errors = Spec::from_path(&spec_path).expect_err("folder missing");
    assert_eq!(errors.len(), 1, "{errors}");
    // ...and with the files init writes it is valid.
    for (relative, contents) in RETAIL_POST_DEPLOY_FILES {
        let path = dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
    }
    assert_eq!(
        Spec::from_path(&spec_path).expect("valid"),
        retail::retail_spec()
    );
    assert!(RETAIL_POST_DEPLOY_FILES[0].1.contains("pause_cluster"));
    assert_eq!(RETAIL_POST_DEPLOY_FILES[1].1.trim(), "boto3");
}

#[test]
fn the_minimal_template_is_one_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec_path = dir.path().join("lakeforge.toml");
    std::fs::write(&spec_path, MINIMAL).expect("write");
    let spec = Spec::from_path(&spec_path).expect("valid");
    assert_eq!(spec.projects.keys().collect::<Vec<_>>(), ["core"]);
    assert_eq!(spec.default_project(), Some("core"));
    assert!(
        MINIMAL.lines().filter(|l| l.starts_with('#')).count() >= 3,
        "commented"
    );
}
