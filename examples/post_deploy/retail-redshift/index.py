"""Post-deploy code of the retail example: pause the Redshift ETL cluster.

The cluster is only needed while the dbt pipeline runs (the Airflow DAG
resumes it, runs the models, and pauses it again), so it is paused right
after deployment. The cluster id comes from the `redshift_cluster_id`
environment variable set in lakeforge.toml.
"""

import os


def handler_pause_redshift(event=None, context=None):
    """Pause the cluster named by $redshift_cluster_id; report what happened."""
    cluster_id = os.environ.get("redshift_cluster_id")
    if not cluster_id:
        raise ValueError("environment variable redshift_cluster_id is not set")
    try:
        import boto3
    except ImportError:
        print(f"boto3 is not installed: not pausing Redshift cluster {cluster_id} (local run)")
        return {"cluster_id": cluster_id, "status": "skipped"}

    client = boto3.client("redshift")
    try:
        client.pause_cluster(ClusterIdentifier=cluster_id)
    except client.exceptions.InvalidClusterStateFault as error:
        # Already paused (or pausing): nothing to do.
        print(f"Redshift cluster {cluster_id} not paused: {error}")
        return {"cluster_id": cluster_id, "status": "unchanged"}
    print(f"Pausing Redshift cluster {cluster_id}")
    return {"cluster_id": cluster_id, "status": "pausing"}


if __name__ == "__main__":
    print(handler_pause_redshift())
