//! dbt CI/CD of a project: the `{id}-etl` repository, seeded with the DAGs
//! and dbt project, and a pipeline syncing them to the Airflow bucket.

use std::collections::BTreeMap;

use lakeforge_spec::{Location, Project};
use serde_json::{Value, json};

use super::files::etl_repository;
use super::storage::Storage;
use crate::assets::{Asset, zip_files};
use crate::constructs::bucket::access_statements;
use crate::constructs::pipeline::{BuildStage, PipelineSpec, pipeline};
use crate::error::SynthError;
use crate::stack::StackBuilder;

/// What the CI/CD of a project needs.
pub(crate) struct Inputs<'a> {
    pub(crate) id: &'a str,
    pub(crate) project: &'a Project,
    pub(crate) storage: &'a Storage,
    pub(crate) airflow_bucket_arn: Value,
    pub(crate) airflow_bucket_name: Value,
    pub(crate) lineage_endpoint: Option<Value>,
}

/// The sync build: DAGs and the dbt project into `dags/<id>/` of the Airflow bucket.
fn buildspec(id: &str) -> String {
    format!(
        "version: 0.2\nphases:\n  build:\n    commands:\n      \
         - aws s3 sync dags/ \"s3://$AIRFLOW_BUCKET/dags/{id}/\" --delete --exclude '*/__pycache__/*'\n      \
         - aws s3 sync dbt/ \"s3://$AIRFLOW_BUCKET/dags/{id}/dbt/\" --delete\n"
    )
}

/// Adds the repository and pipeline of project `inputs.id`.
pub(crate) fn build(stack: &mut StackBuilder, inputs: Inputs<'_>) -> Result<(), SynthError> {
    let id = inputs.id;
    let seed = Asset::new(
        &format!("{}/Etl/Seed", stack.name()),
        "zip",
        zip_files(etl_repository(id, inputs.project))?,
    );
    let seed = stack.asset(seed);
    let mut environment = BTreeMap::from([
        ("AIRFLOW_BUCKET".to_owned(), inputs.airflow_bucket_name),
        ("PROJECT".to_owned(), json!(id)),
    ]);
    if let Some(endpoint) = inputs.lineage_endpoint {
        environment.insert("OPENLINEAGE_ENDPOINT".to_owned(), endpoint);
    }
    let statements = access_statements(
        &inputs.airflow_bucket_arn,
        &format!("dags/{id}/"),
        None,
        true,
    );
    let cicd = &inputs.storage.buckets[&Location::Cicd];
    pipeline(
        stack,
        "Etl",
        PipelineSpec {
            repository: &format!("{id}-etl"),
            description: &format!("Airflow DAGs and dbt project of lakeforge project {id}"),
            seed: Some(seed),
            branch: "main",
            artifacts: cicd,
            key: &inputs.storage.key,
            stages: vec![BuildStage::small(
                "Sync",
                buildspec(id),
                environment,
                statements,
                "It writes any object under dags/<project>/ of the Airflow bucket (Resource::<bucket>/dags/<project>/*).",
            )],
        },
    );
    Ok(())
}
