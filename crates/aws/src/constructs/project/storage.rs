//! A project's key, buckets (bronze, silver, gold, cicd, datadocs) and Glue
//! databases (one per zone).

use std::collections::BTreeMap;

use lakeforge_spec::{Location, Project, Zone};
use serde_json::json;

use super::glue_database;
use crate::constructs::bucket::{AccessLog, BucketRef, BucketSpec, Encryption, secure_bucket};
use crate::constructs::kms;
use crate::constructs::network::NetworkRefs;
use crate::stack::{Handle, StackBuilder};
use crate::template::intrinsics;

/// The project's storage.
pub(crate) struct Storage {
    pub(crate) key: Handle,
    pub(crate) buckets: BTreeMap<Location, BucketRef>,
    /// The log bucket name (imported) and this project's log prefix.
    pub(crate) access_log: (serde_json::Value, String),
}

impl Storage {
    /// Access logging of one more bucket of this project, under `<prefix>/<what>/`.
    pub(crate) fn access_log(&self, what: &str) -> AccessLog {
        AccessLog {
            bucket: self.access_log.0.clone(),
            prefix: format!("{}/{what}/", self.access_log.1),
        }
    }

    /// A bucket name `{project}-{what}-{account}-{region}`.
    pub(crate) fn bucket_name(id: &str, what: &str) -> serde_json::Value {
        intrinsics::sub(&format!("{id}-{what}-${{AWS::AccountId}}-${{AWS::Region}}"))
    }
}

/// Adds the key, the five buckets and the Glue databases.
pub(crate) fn build(
    stack: &mut StackBuilder,
    id: &str,
    project: &Project,
    network: &NetworkRefs,
) -> Storage {
    let key = kms::key(
        stack,
        "Key",
        &format!("Encrypts the data and artifacts of project {id}"),
    );
    let log_bucket = network.log_bucket(stack);
    let mut storage = Storage {
        key,
        buckets: BTreeMap::new(),
        access_log: (log_bucket, project.log_prefix(id).to_owned()),
    };
    for location in Location::ALL {
        let lifecycle = match location {
            Location::Zone(Zone::Bronze) => vec![json!({
                "Id": "RawToIntelligentTiering",
                "Status": "Enabled",
                "Transitions": [{ "StorageClass": "INTELLIGENT_TIERING", "TransitionInDays": 30 }],
            })],
            _ => Vec::new(),
        };
        let bucket = secure_bucket(
            stack,
            &format!("Buckets/{}", location.as_str()),
            BucketSpec {
                name: Storage::bucket_name(id, location.as_str()),
                encryption: Encryption::Kms(storage.key.arn()),
                access_log: Some(storage.access_log(location.as_str())),
                lifecycle,
                policy: Vec::new(),
            },
        );
        storage.buckets.insert(*location, bucket);
    }
    for zone in [Zone::Bronze, Zone::Silver, Zone::Gold] {
        let bucket = &storage.buckets[&Location::Zone(zone)];
        stack.add(
            &format!("Glue/{}", zone.as_str()),
            "AWS::Glue::Database",
            json!({
                "CatalogId": intrinsics::account_id(),
                "DatabaseInput": {
                    "Name": glue_database(id, zone),
                    "Description": format!("The {} zone of project {id}", zone.as_str()),
                    "LocationUri": intrinsics::join("", vec![json!("s3://"), bucket.name(), json!("/")]),
                },
            }),
        );
    }
    storage
}
