//! One stack per `[projects.<id>]`: zones, Glue databases, Airflow (own or
//! reused), Redshift, EMR, dbt CI/CD and lineage wiring.

mod airflow;
mod cicd;
mod emr;
mod files;
mod redshift;
mod storage;

use std::collections::BTreeMap;

use lakeforge_spec::{Location, Project, Zone};
use serde_json::{Value, json};

use super::bucket::access_statements;
use super::iam::{allow, attach_policy};
use super::network::NetworkRefs;
use crate::error::SynthError;
use crate::stack::{Export, StackBuilder};
use crate::template::intrinsics;

/// The exported name and ARN of one bucket.
pub(crate) struct BucketExport {
    name: Export,
    arn: Export,
}

/// What a project's Airflow owner exports for projects reusing it.
#[derive(Clone)]
pub(crate) struct AirflowRefs {
    bucket_arn: Export,
    bucket_name: Export,
    role_name: Export,
}

/// What other stacks import from a project stack.
pub(crate) struct ProjectRefs {
    buckets: BTreeMap<Location, BucketExport>,
    key: Export,
    /// The Airflow this project runs its DAGs on (its own or the reused one).
    airflow: AirflowRefs,
    /// The lineage endpoint this project hosts.
    lineage: Option<Export>,
}

impl ProjectRefs {
    /// The name of the bucket of `location`, imported into `stack`.
    pub(crate) fn bucket_name(&self, stack: &mut StackBuilder, location: Location) -> Value {
        stack.import(&self.buckets[&location].name)
    }

    /// The ARN of the bucket of `location`, imported into `stack`.
    pub(crate) fn bucket_arn(&self, stack: &mut StackBuilder, location: Location) -> Value {
        stack.import(&self.buckets[&location].arn)
    }

    /// The project's KMS key ARN, imported into `stack`.
    pub(crate) fn key_arn(&self, stack: &mut StackBuilder) -> Value {
        stack.import(&self.key)
    }

    /// Statements to read (or write) `prefix` of the bucket of `location`, imported into `stack`.
    pub(crate) fn bucket_access(
        &self,
        stack: &mut StackBuilder,
        location: Location,
        prefix: &str,
        write: bool,
    ) -> Vec<Value> {
        let arn = self.bucket_arn(stack, location);
        let key = self.key_arn(stack);
        access_statements(&arn, prefix, Some(&key), write)
    }
}

/// The Glue database of a zone: `{project}{zone}`, hyphens as underscores.
pub(crate) fn glue_database(project: &str, zone: Zone) -> String {
    format!("{}{}", project.replace('-', "_"), zone.as_str())
}

/// Everything a project stack needs from earlier stacks.
pub(crate) struct Inputs<'a> {
    pub(crate) id: &'a str,
    pub(crate) project: &'a Project,
    pub(crate) network: &'a NetworkRefs,
    /// The projects built so far (those this one may reuse).
    pub(crate) projects: &'a BTreeMap<String, ProjectRefs>,
}

/// Builds the stack of project `inputs.id`.
pub(crate) fn build(
    stack: &mut StackBuilder,
    inputs: &Inputs<'_>,
) -> Result<ProjectRefs, SynthError> {
    let id = inputs.id;
    let project = inputs.project;
    let storage = storage::build(stack, id, project, inputs.network);
    let private_subnets = inputs.network.private_subnets(stack);
    let vpc_id = inputs.network.vpc_id(stack);
    let vpc_cidr = inputs.network.vpc_cidr(stack);
    let network = Network {
        vpc_id,
        vpc_cidr,
        subnets: private_subnets,
    };

    let (airflow, airflow_role_name, airflow_bucket_arn, airflow_bucket_name) = match project
        .reuse_airflow
        .as_deref()
        .and_then(|owner| inputs.projects.get(owner))
    {
        Some(owner) => {
            let refs = owner.airflow.clone();
            let role = stack.import(&refs.role_name);
            let arn = stack.import(&refs.bucket_arn);
            let name = stack.import(&refs.bucket_name);
            (refs, role, arn, name)
        }
        None => {
            let own = airflow::build(stack, id, project, &network, &storage);
            let refs = AirflowRefs {
                bucket_arn: stack.export(
                    "AirflowBucketArn",
                    "ARN of the Airflow DAG bucket",
                    own.bucket.arn(),
                ),
                bucket_name: stack.export(
                    "AirflowBucketName",
                    "Name of the Airflow DAG bucket",
                    own.bucket.name(),
                ),
                role_name: stack.export(
                    "AirflowRoleName",
                    "Name of the Airflow execution role",
                    own.role.ref_(),
                ),
            };
            (refs, own.role.ref_(), own.bucket.arn(), own.bucket.name())
        }
    };

    let mut lineage_export = None;
    let lineage_endpoint = if project.hosts_openlineage() {
        let endpoint = intrinsics::join(
            "",
            vec![
                json!("s3://"),
                storage.buckets[&Location::Datadocs].name(),
                json!("/lineage/"),
            ],
        );
        stack.add(
            "Lineage/Endpoint",
            "AWS::SSM::Parameter",
            json!({
                "Name": format!("/lakeforge/{id}/openlineage-endpoint"),
                "Type": "String",
                "Value": endpoint,
                "Description": "Where OpenLineage events of this project and the projects reusing it land",
            }),
        );
        lineage_export = Some(stack.export(
            "OpenLineageEndpoint",
            "The OpenLineage endpoint other projects reuse",
            endpoint.clone(),
        ));
        Some(endpoint)
    } else if project.has_openlineage {
        project
            .reuse_openlineage
            .as_deref()
            .and_then(|host| inputs.projects.get(host))
            .and_then(|host| host.lineage.as_ref())
            .map(|export| stack.import(export))
    } else {
        None
    };

    let mut workload = Vec::new();
    let mut config = BTreeMap::from([
        ("project".to_owned(), json!(id)),
        (
            "bronze_bucket".to_owned(),
            storage.buckets[&Location::Zone(Zone::Bronze)].name(),
        ),
        (
            "silver_bucket".to_owned(),
            storage.buckets[&Location::Zone(Zone::Silver)].name(),
        ),
        (
            "gold_bucket".to_owned(),
            storage.buckets[&Location::Zone(Zone::Gold)].name(),
        ),
        (
            "datadocs_bucket".to_owned(),
            storage.buckets[&Location::Datadocs].name(),
        ),
    ]);
    if let Some(endpoint) = &lineage_endpoint {
        config.insert("openlineage_endpoint".to_owned(), endpoint.clone());
    }
    if project.has_redshift {
        let redshift = redshift::build(stack, id, project, &network, &storage);
        config.insert("redshift_cluster_id".to_owned(), json!(redshift.cluster_id));
        workload.push(allow(
            &[
                "redshift:PauseCluster",
                "redshift:ResumeCluster",
                "redshift:DescribeClusters",
            ],
            vec![redshift.cluster_arn],
        ));
    }
    if project.has_emr {
        let emr = emr::build(stack, id, project, &network, &storage);
        config.extend(emr.config);
        workload.extend(emr.airflow_statements);
    }
    let config_parameter = dag_config(stack, id, config);
    workload.push(allow(&["ssm:GetParameter"], vec![config_parameter]));
    for location in [
        Location::Zone(Zone::Bronze),
        Location::Zone(Zone::Silver),
        Location::Zone(Zone::Gold),
    ] {
        let bucket = &storage.buckets[&location];
        workload.extend(access_statements(
            &bucket.arn(),
            "",
            Some(&storage.key.arn()),
            true,
        ));
    }
    attach_policy(
        stack,
        "Airflow/WorkloadPolicy",
        vec![airflow_role_name],
        workload,
        "elasticmapreduce:RunJobFlow cannot be scoped to a cluster that does not exist yet (Resource::*); object access is limited to this project's buckets (Resource::<bucket>/*).",
    );

    cicd::build(
        stack,
        cicd::Inputs {
            id,
            project,
            storage: &storage,
            airflow_bucket_arn,
            airflow_bucket_name,
            lineage_endpoint,
        },
    )?;

    Ok(ProjectRefs {
        buckets: storage
            .buckets
            .iter()
            .map(|(location, bucket)| {
                let name = location.as_str();
                (
                    *location,
                    BucketExport {
                        name: stack.export(
                            &format!("{name}BucketName"),
                            &format!("Name of the {name} bucket"),
                            bucket.name(),
                        ),
                        arn: stack.export(
                            &format!("{name}BucketArn"),
                            &format!("ARN of the {name} bucket"),
                            bucket.arn(),
                        ),
                    },
                )
            })
            .collect(),
        key: stack.export("KeyArn", "ARN of the project's KMS key", storage.key.arn()),
        airflow,
        lineage: lineage_export,
    })
}

/// The private network a project's resources run in.
pub(crate) struct Network {
    pub(crate) vpc_id: Value,
    pub(crate) vpc_cidr: Value,
    pub(crate) subnets: Vec<Value>,
}

/// The SSM parameter `/lakeforge/<id>/dag-config` holding the JSON the
/// project's DAGs read (bucket names, cluster ids, EMR settings); returns its ARN.
fn dag_config(stack: &mut StackBuilder, id: &str, config: BTreeMap<String, Value>) -> Value {
    let mut text = String::from("{");
    let mut variables = serde_json::Map::new();
    for (index, (key, value)) in config.into_iter().enumerate() {
        if index > 0 {
            text.push_str(", ");
        }
        match value {
            Value::String(literal) => text.push_str(&format!("\"{key}\": {}", json!(literal))),
            Value::Number(number) => text.push_str(&format!("\"{key}\": {number}")),
            other => {
                let variable = format!("V{index}");
                text.push_str(&format!("\"{key}\": \"${{{variable}}}\""));
                variables.insert(variable, other);
            }
        }
    }
    text.push('}');
    let name = format!("/lakeforge/{id}/dag-config");
    stack.add(
        "Airflow/DagConfig",
        "AWS::SSM::Parameter",
        json!({
            "Name": name,
            "Type": "String",
            "Value": { "Fn::Sub": [text, variables] },
            "Description": "Settings the project's Airflow DAGs read at run time",
        }),
    );
    intrinsics::arn(&format!(
        "ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter{name}"
    ))
}
