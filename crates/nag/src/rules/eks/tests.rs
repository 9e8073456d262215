use super::*;
use crate::rules::testing::*;

const CLUSTER: &str = "AWS::EKS::Cluster";
const CDK_CLUSTER: &str = "Custom::AWSCDK-EKS-Cluster";

#[test]
fn eks_cluster_control_plane_logs() {
    expect(
        &eks_cluster_control_plane_logs::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"Logging":{"ClusterLogging":{"EnabledTypes":[{"Type":"api"},{"Type":"audit"},{"Type":"authenticator"},{"Type":"controllerManager"},{"Type":"scheduler"}]}}}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"Logging":{"ClusterLogging":{"EnabledTypes":[{"Type":"api"},{"Type":"audit"}]}}}"#,
                ),
                Expect::Findings(&[
                    "LogExport::authenticator",
                    "LogExport::controllerManager",
                    "LogExport::scheduler",
                ]),
            ),
            (
                one(
                    CDK_CLUSTER,
                    r#"{"Config":{"logging":{"clusterLogging":[{"enabled":true,"types":["api","audit","authenticator","controllerManager"]},{"enabled":false,"types":["scheduler"]}]}}}"#,
                ),
                Expect::Findings(&["LogExport::scheduler"]),
            ),
            (
                one(
                    CDK_CLUSTER,
                    r#"{"Config":{"logging":{"clusterLogging":[{"enabled":true,"types":["api","audit","authenticator","controllerManager","scheduler"]}]}}}"#,
                ),
                Pass,
            ),
        ],
    );
}

#[test]
fn eks_cluster_no_endpoint_public_access() {
    expect(
        &eks_cluster_no_endpoint_public_access::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"ResourcesVpcConfig":{"EndpointPublicAccess":false}}"#,
                ),
                Pass,
            ),
            (
                one(CLUSTER, r#"{"ResourcesVpcConfig":{"SubnetIds":["s"]}}"#),
                Fail,
            ),
            (one(CLUSTER, "{}"), Unknown),
            (
                one(
                    CDK_CLUSTER,
                    r#"{"Config":{"resourcesVpcConfig":{"endpointPublicAccess":false}}}"#,
                ),
                Pass,
            ),
            (
                one(
                    CDK_CLUSTER,
                    r#"{"Config":{"resourcesVpcConfig":{"endpointPublicAccess":"false"}}}"#,
                ),
                Fail,
            ),
        ],
    );
}
