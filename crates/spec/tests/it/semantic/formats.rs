//! Formats of string values and contradicting settings.

use lakeforge_spec::ErrorKind;

use crate::{assert_at, errors, only_error};

use super::ranges::CDC;
use super::references::STREAMING;

#[test]
fn a_destination_prefix_is_a_clean_key_prefix() {
    let e = only_error(&format!(
        "{STREAMING}source_stream = \"clickstream\"\ndestination = {{ project = \"retail\", prefix = \"/a//b\" }}\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 5, 46);
}

#[test]
fn cdc_source_has_exactly_one_of_url_and_secret() {
    // No source at all: points at the [cdc.sales] header.
    let e = only_error(CDC);
    assert_at(&e, ErrorKind::MissingKey, 2, 1);
    assert_eq!(
        e.message,
        "[cdc.sales.source] has neither `url` nor `secret`"
    );
    let e = only_error(&format!(
        "{CDC}source = {{ url = \"mysql://h/db\", secret = \"db\" }}\n"
    ));
    assert_at(&e, ErrorKind::Conflict, 4, 34);
    let e = only_error(&format!(
        "{CDC}source = {{ engine = \"sqlite\", secret = \"db\" }}\n"
    ));
    assert_at(&e, ErrorKind::Conflict, 4, 31);
    assert!(e.help.contains("DMS has no SQLite source"), "{e}");
    let e = only_error(&format!(
        "{CDC}source = {{ engine = \"postgres\", url = \"mysql://h/db\" }}\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 4, 39);
    assert!(e.message.contains("not a postgres:// URL"), "{e}");
}

#[test]
fn cdc_patterns_and_schema_names() {
    let text = format!(
        "{CDC}source = {{ url = \"mysql://h/db\" }}\ninclude = [\"c360.%\", \"c360\"]\nrename_schema = {{ c360 = \"c360 raw\" }}\ntimestamp_column = \"1ts\"\n"
    );
    let all = errors(&text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidValue, 5, 22),
            (ErrorKind::InvalidValue, 6, 26),
            (ErrorKind::InvalidValue, 7, 20)
        ],
        "{all:#?}"
    );
    assert_eq!(all[0].path, "cdc.sales.include[1]");
    let e = only_error(&format!(
        "{CDC}source = {{ url = \"mysql://h/db\" }}\ninclude = []\n"
    ));
    assert_at(&e, ErrorKind::MissingKey, 5, 11);
}

#[test]
fn post_deploy_checks() {
    let text = "[projects.core]\n[post_deploy.x]\nhandler = \"index\"\nruntime = \"python2.7\"\ncommand = []\n\
                environment = { AWS_REGION = \"x\" }\ntimeout_seconds = 901\n\
                [[post_deploy.x.policy_statements]]\nactions = [\"PauseCluster\"]\nresources = []\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidValue, 3, 11),
            (ErrorKind::InvalidValue, 4, 11),
            (ErrorKind::MissingKey, 5, 11),
            (ErrorKind::InvalidName, 6, 17),
            (ErrorKind::OutOfRange, 7, 19),
            (ErrorKind::InvalidValue, 9, 12),
            (ErrorKind::MissingKey, 10, 13),
        ],
        "{all:#?}"
    );
    assert_eq!(
        all[6].message,
        "policy statement post_deploy.x.policy_statements[0] has no resources"
    );
}

#[test]
fn simulator_checks() {
    let text = "[projects.core]\n[simulator]\ndays = 0\nstart_date = \"2026-02-30\"\ndatabase_url = \"oracle://x\"\nsearch_quality = 1.5\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::OutOfRange, 3, 8),
            (ErrorKind::InvalidValue, 4, 14),
            (ErrorKind::InvalidValue, 5, 16),
            (ErrorKind::OutOfRange, 6, 18),
        ],
        "{all:#?}"
    );
    assert!(
        all[1].message.ends_with("day 30 does not exist in 2026-02"),
        "{}",
        all[1]
    );
}

#[test]
fn lists_name_each_entry_once() {
    let e =
        only_error("[projects.core]\n[use_cases]\nenabled = [\"churn\", \"graph\", \"churn\"]\n");
    assert_at(&e, ErrorKind::DuplicateId, 3, 30);
    let e = only_error(
        "[projects.core]\n[provisioning]\nnag_packs = [\"AwsSolutions\", \"AwsSolutions\"]\n",
    );
    assert_at(&e, ErrorKind::DuplicateId, 3, 30);
}

#[test]
fn provisioning_names() {
    let text = "[projects.core]\n[provisioning]\nrepository_name = \"x.git\"\nbranch = \"a..b\"\npermissions_boundary = \"my policy\"\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidName, 3, 19),
            (ErrorKind::InvalidName, 4, 10),
            (ErrorKind::InvalidName, 5, 24)
        ],
        "{all:#?}"
    );
    assert!(
        all[0].message.ends_with("it ends with `.git`"),
        "{}",
        all[0]
    );
}

#[test]
fn lake_and_network_names() {
    let text = "[lake]\nroot = \"ftp://x\"\n[network]\naccess_log_bucket = \"Logs\"\naccess_log_prefix = \"/x\"\n[projects.core]\ns3_log_bucket_prefix = \"a b\"\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidValue, 2, 8),
            (ErrorKind::InvalidName, 4, 21),
            (ErrorKind::InvalidValue, 5, 21),
            (ErrorKind::InvalidValue, 7, 24),
        ],
        "{all:#?}"
    );
    assert!(
        all[0].message.contains("unsupported scheme `ftp://`"),
        "{}",
        all[0]
    );
}

#[test]
fn nag_suppressions_need_a_rule_id_and_a_real_reason() {
    let base =
        "[projects.core]\n\n[provisioning]\nnag_packs = [\"AwsSolutions\", \"PCI.DSS.321\"]\n\n";
    let good = format!(
        "{base}[[provisioning.suppressions]]\nid = \"AwsSolutions-IAM5\"\nreason = \"Glue needs s3:GetObject on every key of its bucket\"\napplies_to = [\"Resource::*\"]\nstacks = [\"lakeforge-project-core\"]\n"
    );
    let spec = crate::load(&good).unwrap();
    let suppression = &spec.provisioning.as_ref().unwrap().suppressions[0];
    assert_eq!(suppression.applies_to, ["Resource::*"]);
    assert!(suppression.covers_stack("lakeforge-project-core"));
    assert!(!suppression.covers_stack("lakeforge-network"));

    let e = only_error(&format!(
        "{base}[[provisioning.suppressions]]\nid = \"AwsSolutions-S1\"\nreason = \"ok\"\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 8, 10);
    assert!(e.help.contains("at least 10 characters"), "{e}");
    let e = only_error(&format!(
        "{base}[[provisioning.suppressions]]\nid = \"S1\"\nreason = \"the access logs bucket logs to itself\"\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 7, 6);
    assert!(e.help.contains("AwsSolutions-IAM5"), "{e}");
}
