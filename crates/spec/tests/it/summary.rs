//! One-line construct summaries and the default project.

use lakeforge_spec::{ConstructSummary, Spec};

use crate::valid;

#[test]
fn the_retail_example_lists_every_construct() {
    let spec = valid(lakeforge_spec::templates::RETAIL);
    let list = spec.constructs();
    let kinds: Vec<(&str, &str)> = list.iter().map(|c| (c.kind, c.id.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("project", "core"),
            ("project", "retail"),
            ("stream", "clickstream"),
            ("streaming", "c360-clickstream"),
            ("cdc", "retail-sales-support"),
            ("post_deploy", "retail-redshift"),
            ("simulator", "simulator"),
            ("use_cases", "use_cases"),
            ("provisioning", "provisioning"),
        ]
    );
    let detail = |id: &str| {
        list.iter()
            .find(|c| c.id == id)
            .map(|c| c.detail.clone())
            .unwrap()
    };
    assert_eq!(
        detail("retail"),
        "emr, redshift, openlineage; airflow of core; lineage to core; zones retail-bronze, retail-silver, retail-gold"
    );
    assert_eq!(
        detail("core"),
        "emr, redshift, openlineage; airflow 2.6.3 mw1.small; zones core-bronze, core-silver, core-gold"
    );
    assert_eq!(
        detail("c360-clickstream"),
        "clickstream -> retail-bronze/clickstream (parquet, every 300 s or 5 MB)"
    );
    assert!(
        detail("retail-sales-support")
            .starts_with("mariadb mysql://root@127.0.0.1:3306/c360 -> retail-bronze/dms")
    );
    assert_eq!(
        detail("retail-redshift"),
        "after retail: python3.12 index.handler_pause_redshift in post_deploy/retail-redshift"
    );
    assert!(detail("use_cases").ends_with("on retail"));
}

#[test]
fn passwords_in_urls_are_hidden() {
    let spec = valid(
        "[projects.core]\n[cdc.x]\nsource = { url = \"mysql://root:hunter2@db:3306/c360\" }\ndestination = { project = \"core\" }\n",
    );
    let cdc: Vec<ConstructSummary> = spec
        .constructs()
        .into_iter()
        .filter(|c| c.kind == "cdc")
        .collect();
    assert!(!cdc[0].detail.contains("hunter2"), "{}", cdc[0].detail);
    assert!(
        cdc[0].detail.contains("mysql://root:***@db:3306/c360"),
        "{}",
        cdc[0].detail
    );
}

#[test]
fn the_default_project_is_explicit_or_the_only_one() {
    assert_eq!(valid("[projects.a]\n").default_project(), Some("a"));
    assert_eq!(
        valid("[projects.a]\n[projects.b]\n").default_project(),
        None
    );
    assert_eq!(
        valid("[lake]\ndefault_project = \"b\"\n[projects.a]\n[projects.b]\n").default_project(),
        Some("b")
    );
    assert_eq!(Spec::default().default_project(), None);
}
