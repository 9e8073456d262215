//! The first commit of a project's ETL repository: Airflow DAGs and the dbt
//! project skeleton, generated from the spec.

use lakeforge_spec::Project;

use crate::assets::Files;

/// The DAG helper reading `/lakeforge/<id>/dag-config`.
fn config_loader(id: &str) -> String {
    format!(
        r#"import json

import boto3


def dag_config():
    """The settings the {id} stack wrote to SSM at deployment."""
    parameter = boto3.client("ssm").get_parameter(Name="/lakeforge/{id}/dag-config")
    return json.loads(parameter["Parameter"]["Value"])
"#
    )
}

/// The DAG that creates the transient EMR cluster: on-demand master and
/// core nodes, spot task nodes, managed scaling between the spec's sizes.
fn emr_dag(id: &str) -> String {
    let module = id.replace('-', "_");
    format!(
        r#""""Transient EMR cluster of project {id}: create, run the Spark step, terminate."""
from datetime import datetime

from airflow import DAG
from airflow.providers.amazon.aws.operators.emr import EmrCreateJobFlowOperator, EmrTerminateJobFlowOperator
from airflow.providers.amazon.aws.sensors.emr import EmrJobFlowSensor

from {module}_config import dag_config

CONFIG = dag_config()
ON_DEMAND = 1 + CONFIG["emr_core_size"]

JOB_FLOW = {{
    "Name": "{id}-transient",
    "ReleaseLabel": CONFIG["emr_release"],
    "Applications": [{{"Name": "Spark"}}],
    "LogUri": f"s3://{{CONFIG['datadocs_bucket']}}/emr/logs/",
    "SecurityConfiguration": CONFIG["emr_security_configuration"],
    "ServiceRole": CONFIG["emr_service_role"],
    "JobFlowRole": CONFIG["emr_instance_profile"],
    "VisibleToAllUsers": True,
    "Instances": {{
        "Ec2SubnetId": CONFIG["emr_subnet"],
        "KeepJobFlowAliveWhenNoSteps": False,
        "InstanceGroups": [
            {{"Name": "master", "InstanceRole": "MASTER", "Market": "ON_DEMAND",
             "InstanceType": CONFIG["emr_master_type"], "InstanceCount": 1}},
            {{"Name": "core", "InstanceRole": "CORE", "Market": "ON_DEMAND",
             "InstanceType": CONFIG["emr_core_type"], "InstanceCount": CONFIG["emr_core_size"]}},
            {{"Name": "task", "InstanceRole": "TASK", "Market": "SPOT",
             "InstanceType": CONFIG["emr_worker_type"], "InstanceCount": CONFIG["emr_worker_min_size"]}},
        ],
    }},
    "ManagedScalingPolicy": {{
        "ComputeLimits": {{
            "UnitType": "Instances",
            "MinimumCapacityUnits": ON_DEMAND + CONFIG["emr_worker_min_size"],
            "MaximumCapacityUnits": ON_DEMAND + CONFIG["emr_worker_max_size"],
            "MaximumOnDemandCapacityUnits": ON_DEMAND,
            "MaximumCoreCapacityUnits": CONFIG["emr_core_size"],
        }}
    }},
}}

with DAG("{module}_emr_transient", start_date=datetime(2024, 1, 1), schedule=None, catchup=False) as dag:
    create = EmrCreateJobFlowOperator(task_id="create_cluster", job_flow_overrides=JOB_FLOW)
    wait = EmrJobFlowSensor(task_id="wait_for_steps", job_flow_id=create.output)
    terminate = EmrTerminateJobFlowOperator(task_id="terminate", job_flow_id=create.output,
                                            trigger_rule="all_done")
    create >> wait >> terminate
"#
    )
}

/// The DAG that resumes the ETL cluster, runs dbt, writes the docs and pauses it.
fn dbt_dag(id: &str) -> String {
    let module = id.replace('-', "_");
    format!(
        r#""""dbt on the Redshift ETL cluster of project {id}: resume, run, document, pause."""
from datetime import datetime

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.providers.amazon.aws.operators.redshift_cluster import (
    RedshiftPauseClusterOperator, RedshiftResumeClusterOperator)

from {module}_config import dag_config

CONFIG = dag_config()
DBT = "/usr/local/airflow/dags/{id}/dbt"

with DAG("{module}_dbt", start_date=datetime(2024, 1, 1), schedule="@daily", catchup=False) as dag:
    resume = RedshiftResumeClusterOperator(task_id="resume", cluster_identifier=CONFIG["redshift_cluster_id"])
    run = BashOperator(task_id="dbt_run", bash_command=f"dbt run --project-dir {{DBT}} --profiles-dir {{DBT}}")
    docs = BashOperator(
        task_id="dbt_docs",
        bash_command=f"dbt docs generate --project-dir {{DBT}} --profiles-dir {{DBT}} && "
                     f"aws s3 sync {{DBT}}/target s3://{{CONFIG['datadocs_bucket']}}/dbt-docs/")
    pause = RedshiftPauseClusterOperator(task_id="pause", cluster_identifier=CONFIG["redshift_cluster_id"],
                                         trigger_rule="all_done")
    resume >> run >> docs >> pause
"#
    )
}

/// The repository's files for project `id`.
pub(crate) fn etl_repository(id: &str, project: &Project) -> Files {
    let module = id.replace('-', "_");
    let mut files = vec![
        (
            "README.md".to_owned(),
            format!(
                "# {id}-etl\n\nAirflow DAGs (`dags/`) and the dbt project (`dbt/`) of lakeforge project `{id}`.\n\
                 Every push to `main` syncs both to the Airflow bucket under `dags/{id}/`.\n"
            ),
        ),
        (format!("dags/{module}_config.py"), config_loader(id)),
        (
            "dbt/dbt_project.yml".to_owned(),
            format!(
                "name: {module}\nversion: \"1.0.0\"\nconfig-version: 2\nprofile: {module}\nmodel-paths: [\"models\"]\n"
            ),
        ),
        (
            "dbt/profiles.yml".to_owned(),
            format!(
                "{module}:\n  target: etl\n  outputs:\n    etl:\n      type: redshift\n      method: iam\n      \
                 cluster_id: {id}-etl-cluster\n      host: \"{{{{ env_var('REDSHIFT_HOST', '') }}}}\"\n      \
                 user: {module}_admin\n      dbname: {module}\n      schema: gold\n      port: 5441\n      \
                 sslmode: require\n      threads: 4\n"
            ),
        ),
        ("dbt/models/.gitkeep".to_owned(), String::new()),
    ];
    if project.has_emr {
        files.push((format!("dags/{module}_emr_transient.py"), emr_dag(id)));
    }
    if project.has_redshift {
        files.push((format!("dags/{module}_dbt.py"), dbt_dag(id)));
    }
    files
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .collect()
}
