use super::*;
use crate::rules::testing::*;

const GROUP: &str = "AWS::AutoScaling::AutoScalingGroup";

#[test]
fn auto_scaling_group_cooldown_period() {
    expect(
        &auto_scaling_group_cooldown_period::RULE,
        &[
            (one(GROUP, "{}"), Pass),
            (one(GROUP, r#"{"Cooldown":"120"}"#), Pass),
            (one(GROUP, r#"{"Cooldown":"0"}"#), Fail),
            (one(GROUP, r#"{"Cooldown":0}"#), Fail),
            (one(GROUP, r#"{"Cooldown":{"Ref":"P"}}"#), Unknown),
        ],
    );
}

#[test]
fn auto_scaling_group_elb_health_check_required() {
    expect(
        &auto_scaling_group_elb_health_check_required::RULE,
        &[
            (one(GROUP, "{}"), Pass),
            (
                one(
                    GROUP,
                    r#"{"TargetGroupARNs":["arn"],"HealthCheckType":"ELB"}"#,
                ),
                Pass,
            ),
            (
                one(GROUP, r#"{"TargetGroupARNs":[],"HealthCheckType":"EC2"}"#),
                Pass,
            ),
            (
                one(
                    GROUP,
                    r#"{"LoadBalancerNames":["clb"],"HealthCheckType":"EC2"}"#,
                ),
                Fail,
            ),
            (one(GROUP, r#"{"LoadBalancerNames":["clb"]}"#), Fail),
        ],
    );
}

#[test]
fn auto_scaling_group_health_check() {
    expect(
        &auto_scaling_group_health_check::RULE,
        &[
            (
                one(
                    GROUP,
                    r#"{"HealthCheckType":"ELB","HealthCheckGracePeriod":300}"#,
                ),
                Pass,
            ),
            (one(GROUP, r#"{"HealthCheckType":"EC2"}"#), Pass),
            (one(GROUP, r#"{"HealthCheckType":"ELB"}"#), Fail),
            (
                one(
                    GROUP,
                    r#"{"HealthCheckType":"EC2","HealthCheckGracePeriod":{"Ref":"P"}}"#,
                ),
                Unknown,
            ),
        ],
    );
}

#[test]
fn auto_scaling_group_scaling_notifications() {
    expect(
        &auto_scaling_group_scaling_notifications::RULE,
        &[
            (
                one(
                    GROUP,
                    r#"{"NotificationConfigurations":[{"TopicARN":"t","NotificationTypes":["autoscaling:EC2_INSTANCE_LAUNCH","autoscaling:EC2_INSTANCE_LAUNCH_ERROR"]},{"TopicARN":"t","NotificationTypes":["autoscaling:EC2_INSTANCE_TERMINATE","autoscaling:EC2_INSTANCE_TERMINATE_ERROR"]}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    GROUP,
                    r#"{"NotificationConfigurations":[{"TopicARN":"t","NotificationTypes":["autoscaling:EC2_INSTANCE_LAUNCH"]}]}"#,
                ),
                Fail,
            ),
            (one(GROUP, "{}"), Fail),
        ],
    );
}

#[test]
fn auto_scaling_launch_config_public_ip_disabled() {
    const CONFIG: &str = "AWS::AutoScaling::LaunchConfiguration";
    expect(
        &auto_scaling_launch_config_public_ip_disabled::RULE,
        &[
            (one(CONFIG, r#"{"AssociatePublicIpAddress":false}"#), Pass),
            (one(CONFIG, r#"{"AssociatePublicIpAddress":"false"}"#), Pass),
            (one(CONFIG, r#"{"AssociatePublicIpAddress":true}"#), Fail),
            (one(CONFIG, "{}"), Fail),
            (one(GROUP, "{}"), Skip),
        ],
    );
}
