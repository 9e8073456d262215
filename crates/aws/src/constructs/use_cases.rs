//! The use-cases stack: a CodeCommit repository seeded with one notebook per
//! enabled use case.

use lakeforge_spec::{UseCase, UseCases};
use serde_json::json;

use super::kms;
use crate::assets::{Asset, Files, zip_files};
use crate::error::SynthError;
use crate::stack::StackBuilder;
use crate::template::render_json;

/// What each notebook does, in one line.
fn purpose(use_case: UseCase) -> &'static str {
    match use_case {
        UseCase::EntityResolution => {
            "One customer across user, anonymous and support ids (AWS Entity Resolution)."
        }
        UseCase::LifetimeValue => "Predict customer lifetime value from orders.",
        UseCase::Segmentation => "Segment customers by behaviour and value.",
        UseCase::Recommendations => "Recommend products from clicks, carts and ratings.",
        UseCase::Graph => "Load the customer-product graph (Amazon Neptune).",
        UseCase::Churn => "Predict churn from activity and support chats.",
    }
}

/// The notebook of `use_case` over `project`'s gold zone.
fn notebook(use_case: UseCase, project: &str) -> String {
    let name = use_case.as_str();
    let database = format!("{}gold", project.replace('-', "_"));
    render_json(&json!({
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": { "kernelspec": { "name": "python3", "display_name": "Python 3", "language": "python" } },
        "cells": [
            {
                "cell_type": "markdown",
                "id": "about",
                "metadata": {},
                "source": [format!("# {name}\n\n{}\n\nReads the Glue database `{database}`.", purpose(use_case))],
            },
            {
                "cell_type": "code",
                "id": "load",
                "metadata": {},
                "execution_count": null,
                "outputs": [],
                "source": [
                    "import awswrangler as wr\n",
                    format!("tables = wr.catalog.tables(database=\"{database}\")\n"),
                    "tables",
                ],
            },
        ],
    }))
}

/// Builds the use-cases stack for `project`.
pub(crate) fn build(
    stack: &mut StackBuilder,
    use_cases: &UseCases,
    project: &str,
) -> Result<(), SynthError> {
    let mut files: Files = use_cases
        .enabled
        .iter()
        .map(|u| {
            (
                format!("notebooks/{}.ipynb", u.as_str()),
                notebook(*u, project).into_bytes(),
            )
        })
        .collect();
    files.push((
        "README.md".to_owned(),
        format!("# {project} use cases\n\nSample customer-360 notebooks over the gold zone of project `{project}`.\n").into_bytes(),
    ));
    let asset = Asset::new(
        &format!("{}/Repository/Seed", stack.name()),
        "zip",
        zip_files(files)?,
    );
    let location = stack.asset(asset);
    let key = kms::key(stack, "Key", "Encrypts the use-case repository");
    stack.add(
        "Repository",
        "AWS::CodeCommit::Repository",
        json!({
            "RepositoryName": format!("{project}-use-cases"),
            "RepositoryDescription": format!("Sample customer-360 notebooks of lakeforge project {project}"),
            "KmsKeyId": key.arn(),
            "Code": { "BranchName": "main", "S3": { "Bucket": location.bucket, "Key": location.key } },
        }),
    );
    Ok(())
}
