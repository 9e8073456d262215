use super::*;
use crate::rules::testing::*;

const ENVIRONMENT: &str = "AWS::ElasticBeanstalk::Environment";

fn settings(entries: &[(&str, &str, Option<&str>)]) -> String {
    let items: Vec<String> = entries
        .iter()
        .map(|(namespace, option, value)| match value {
            Some(value) => {
                format!(r#"{{"Namespace":"{namespace}","OptionName":"{option}","Value":{value}}}"#)
            }
            None => format!(r#"{{"Namespace":"{namespace}","OptionName":"{option}"}}"#),
        })
        .collect();
    one(
        ENVIRONMENT,
        &format!(r#"{{"OptionSettings":[{}]}}"#, items.join(",")),
    )
}

#[test]
fn elastic_beanstalk_rules() {
    expect(
        &elastic_beanstalk_ec2_instance_logs_to_s3::RULE,
        &[
            (
                settings(&[(
                    "aws:elasticbeanstalk:hostmanager",
                    "LogPublicationControl",
                    Some("true"),
                )]),
                Pass,
            ),
            (
                settings(&[(
                    "aws:elasticbeanstalk:hostmanager",
                    "LogPublicationControl",
                    Some(r#""false""#),
                )]),
                Fail,
            ),
            (one(ENVIRONMENT, "{}"), Fail),
        ],
    );
    expect(
        &elastic_beanstalk_enhanced_health_reporting_enabled::RULE,
        &[
            (
                settings(&[(
                    "aws:elasticbeanstalk:healthreporting:system",
                    "SystemType",
                    Some(r#""enhanced""#),
                )]),
                Pass,
            ),
            (
                settings(&[(
                    "aws:elasticbeanstalk:healthreporting:system",
                    "SystemType",
                    Some(r#""basic""#),
                )]),
                Fail,
            ),
        ],
    );
    expect(
        &elastic_beanstalk_managed_updates_enabled::RULE,
        &[
            (
                settings(&[
                    (
                        "aws:elasticbeanstalk:managedactions",
                        "ManagedActionsEnabled",
                        None,
                    ),
                    (
                        "aws:elasticbeanstalk:managedactions:platformupdate",
                        "UpdateLevel",
                        Some(r#""patch""#),
                    ),
                ]),
                Pass,
            ),
            (
                settings(&[
                    (
                        "aws:elasticbeanstalk:managedactions",
                        "ManagedActionsEnabled",
                        Some(r#""true""#),
                    ),
                    (
                        "aws:elasticbeanstalk:managedactions:platformupdate",
                        "UpdateLevel",
                        Some(r#""major""#),
                    ),
                ]),
                Fail,
            ),
            (
                settings(&[(
                    "aws:elasticbeanstalk:managedactions:platformupdate",
                    "UpdateLevel",
                    Some(r#""minor""#),
                )]),
                Fail,
            ),
        ],
    );
    expect(
        &elastic_beanstalk_vpc_specified::RULE,
        &[
            (
                settings(&[("aws:ec2:vpc", "VPCId", Some(r#"{"Ref":"Vpc"}"#))]),
                Pass,
            ),
            (settings(&[("aws:ec2:vpc", "VPCId", None)]), Fail),
            (one(ENVIRONMENT, "{}"), Fail),
        ],
    );
}
