use super::*;
use crate::rules::testing::*;

const FILE_SYSTEM: &str = "AWS::EFS::FileSystem";

#[test]
fn efs_encrypted() {
    expect(
        &efs_encrypted::RULE,
        &[
            (one(FILE_SYSTEM, r#"{"Encrypted":true}"#), Pass),
            (one(FILE_SYSTEM, "{}"), Pass),
            (one(FILE_SYSTEM, r#"{"Encrypted":"false"}"#), Fail),
            (one(FILE_SYSTEM, r#"{"Encrypted":{"Ref":"P"}}"#), Unknown),
        ],
    );
}

#[test]
fn efs_in_backup_plan() {
    let selection = |resource: &str| {
        many(&format!(
            r#""F":{{"Type":"AWS::EFS::FileSystem"}},"S":{{"Type":"AWS::Backup::BackupSelection","Properties":{{"BackupSelection":{{"Resources":[{resource}]}}}}}}"#
        ))
    };
    expect(
        &efs_in_backup_plan::RULE,
        &[
            (selection(r#"{"Fn::GetAtt":["F","Arn"]}"#), Pass),
            (selection(r#"{"Fn::GetAtt":["Files","Arn"]}"#), Fail),
            (one(FILE_SYSTEM, "{}"), Fail),
        ],
    );
}
