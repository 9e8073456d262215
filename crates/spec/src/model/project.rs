//! `[projects.<id>]`: a data lake + warehouse project (the seed's DatalakeWarehouseProject).

use serde::{Deserialize, Serialize};

use crate::setters::setter;
use crate::string_enum::string_enum;

string_enum! {
    /// MWAA environment class.
    #[derive(Default)]
    pub enum AirflowEnvClass ("Airflow environment class") {
        /// mw1.micro
        Mw1Micro = "mw1.micro",
        /// mw1.small (the seed's default)
        #[default]
        Mw1Small = "mw1.small",
        /// mw1.medium
        Mw1Medium = "mw1.medium",
        /// mw1.large
        Mw1Large = "mw1.large",
        /// mw1.xlarge
        Mw1Xlarge = "mw1.xlarge",
        /// mw1.2xlarge
        Mw12xlarge = "mw1.2xlarge",
    }
}

string_enum! {
    /// Who can reach the Airflow web server.
    #[derive(Default)]
    pub enum AirflowAccessMode ("Airflow access mode") {
        /// Only from inside the VPC.
        #[default]
        PrivateOnly = "PRIVATE_ONLY",
        /// From the internet (still behind IAM sign-in).
        PublicOnly = "PUBLIC_ONLY",
    }
}

string_enum! {
    /// Node type of the provisioned Redshift ETL cluster.
    #[derive(Default)]
    pub enum RedshiftNodeType ("Redshift node type") {
        /// ra3.xlplus (the seed's default)
        #[default]
        Ra3Xlplus = "ra3.xlplus",
        /// ra3.large
        Ra3Large = "ra3.large",
        /// ra3.4xlarge
        Ra34xlarge = "ra3.4xlarge",
        /// ra3.16xlarge
        Ra316xlarge = "ra3.16xlarge",
        /// dc2.large
        Dc2Large = "dc2.large",
        /// dc2.8xlarge
        Dc28xlarge = "dc2.8xlarge",
    }
}

/// `[projects.<id>]`: zones (bronze, silver, gold) plus cicd and datadocs
/// locations, Airflow, optional EMR, Redshift and OpenLineage.
///
/// The id is lowercase letters, digits and single hyphens, at most 26
/// characters: it becomes part of bucket names such as
/// `{id}-datadocs-{account}-{region}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    /// Run Spark: EMR Serverless + Studio and a transient EMR cluster on AWS.
    pub has_emr: bool,
    /// A Redshift ETL cluster (paused after deploy) and a Redshift Serverless workgroup.
    pub has_redshift: bool,
    /// Emit OpenLineage events; hosts its own lineage endpoint unless
    /// `reuse_openlineage` names another project's.
    pub has_openlineage: bool,
    /// Send lineage to this other project's endpoint (it must have `has_openlineage = true`).
    pub reuse_openlineage: Option<String>,
    /// Base URL of a Marquez-compatible OpenLineage endpoint the local target posts this
    /// project's lineage to (`{url}/api/v1/lineage`); a project with `reuse_openlineage` uses
    /// the reused project's. `OPENLINEAGE_URL` overrides it.
    pub openlineage_url: Option<String>,
    /// Use this other project's Airflow environment instead of creating one.
    pub reuse_airflow: Option<String>,
    /// Airflow version (MWAA), `major.minor.patch`.
    pub airflow_version: String,
    /// MWAA environment class.
    pub airflow_env_class: AirflowEnvClass,
    /// Maximum Airflow workers (1 to 25).
    pub airflow_max_workers: u32,
    /// Airflow web server access.
    pub airflow_access_mode: AirflowAccessMode,
    /// EC2 instance type of the transient cluster's master node (on demand).
    pub emr_transient_master_type: String,
    /// EC2 instance type of the transient cluster's core nodes.
    pub emr_transient_core_type: String,
    /// EC2 instance type of the transient cluster's spot task nodes.
    pub emr_transient_worker_type: String,
    /// Core nodes of the transient cluster (at least 1).
    pub emr_transient_core_size: u32,
    /// Minimum spot task nodes (managed scaling).
    pub emr_transient_worker_min_size: u32,
    /// Maximum spot task nodes (managed scaling, at least the minimum and at least 1).
    pub emr_transient_worker_max_size: u32,
    /// Redshift ETL cluster node type.
    pub redshift_etl_node_type: RedshiftNodeType,
    /// Redshift ETL cluster nodes (1 to 128).
    pub redshift_etl_node_count: u32,
    /// Concurrency scaling clusters (0 to 10).
    pub redshift_concurrency_limit: u32,
    /// Redshift Serverless base capacity in RPUs: 4, or 8 to 512 in steps of 8.
    pub redshift_serverless_base_rpu: u32,
    /// Redshift Serverless maximum capacity in RPUs: 8 to 1024 in steps of 8, at least the base.
    pub redshift_serverless_rpu_limit: u32,
    /// Prefix of this project's S3 access logs; the project id when absent.
    pub s3_log_bucket_prefix: Option<String>,
    /// The project's dbt project: a folder relative to lakeforge.toml (`lakeforge dbt` runs
    /// it when no `--project-dir` is given).
    pub dbt_project: Option<String>,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            has_emr: false,
            has_redshift: false,
            has_openlineage: false,
            reuse_openlineage: None,
            openlineage_url: None,
            reuse_airflow: None,
            airflow_version: "2.6.3".to_owned(),
            airflow_env_class: AirflowEnvClass::Mw1Small,
            airflow_max_workers: 1,
            airflow_access_mode: AirflowAccessMode::PrivateOnly,
            emr_transient_master_type: "m6gd.xlarge".to_owned(),
            emr_transient_core_type: "m6gd.xlarge".to_owned(),
            emr_transient_worker_type: "m6gd.xlarge".to_owned(),
            emr_transient_core_size: 2,
            emr_transient_worker_min_size: 1,
            emr_transient_worker_max_size: 10,
            redshift_etl_node_type: RedshiftNodeType::Ra3Xlplus,
            redshift_etl_node_count: 1,
            redshift_concurrency_limit: 5,
            redshift_serverless_base_rpu: 8,
            redshift_serverless_rpu_limit: 128,
            s3_log_bucket_prefix: None,
            dbt_project: None,
        }
    }
}

impl Project {
    setter!(has_emr: bool);
    setter!(has_redshift: bool);
    setter!(has_openlineage: bool);
    setter!(reuse_openlineage: some String);
    setter!(openlineage_url: some String);
    setter!(reuse_airflow: some String);
    setter!(airflow_version: into String);
    setter!(airflow_env_class: AirflowEnvClass);
    setter!(airflow_max_workers: u32);
    setter!(airflow_access_mode: AirflowAccessMode);
    setter!(emr_transient_master_type: into String);
    setter!(emr_transient_core_type: into String);
    setter!(emr_transient_worker_type: into String);
    setter!(emr_transient_core_size: u32);
    setter!(emr_transient_worker_min_size: u32);
    setter!(emr_transient_worker_max_size: u32);
    setter!(redshift_etl_node_type: RedshiftNodeType);
    setter!(redshift_etl_node_count: u32);
    setter!(redshift_concurrency_limit: u32);
    setter!(redshift_serverless_base_rpu: u32);
    setter!(redshift_serverless_rpu_limit: u32);
    setter!(s3_log_bucket_prefix: some String);
    setter!(dbt_project: some String);

    /// The S3 access-log prefix: `s3_log_bucket_prefix`, or the project id.
    pub fn log_prefix<'a>(&'a self, id: &'a str) -> &'a str {
        self.s3_log_bucket_prefix.as_deref().unwrap_or(id)
    }

    /// Whether this project creates its own Airflow environment.
    pub fn owns_airflow(&self) -> bool {
        self.reuse_airflow.is_none()
    }

    /// Whether this project hosts its own lineage endpoint.
    pub fn hosts_openlineage(&self) -> bool {
        self.has_openlineage && self.reuse_openlineage.is_none()
    }
}
