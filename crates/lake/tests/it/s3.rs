//! `s3://` roots against a real S3-compatible server (moto's server, started here).

use std::collections::HashMap;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lakeforge_lake::{Lake, LakeRoot, WriteOptions};
use lakeforge_spec::Zone;

use crate::support::{people, python, python_has, rows, skip_or_fail};

/// A moto S3 server on a free loopback port, stopped on drop.
struct MotoServer {
    child: Child,
    endpoint: String,
}

impl MotoServer {
    fn start() -> Option<Self> {
        if !python_has(&["moto.server", "boto3"]) {
            skip_or_fail(
                "moto[server] is not installed for LAKEFORGE_PYTHON (pip install -r .ci/requirements.txt)",
            );
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(python())
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(server)
    }

    fn create_bucket(&self, bucket: &str) {
        let script = format!(
            "import boto3; boto3.client('s3', endpoint_url='{}', region_name='us-east-1', \
             aws_access_key_id='test', aws_secret_access_key='test').create_bucket(Bucket='{bucket}')",
            self.endpoint
        );
        let status = Command::new(python())
            .args(["-c", &script])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn options(&self) -> HashMap<String, String> {
        [
            ("aws_endpoint", self.endpoint.as_str()),
            ("aws_access_key_id", "test"),
            ("aws_secret_access_key", "test"),
            ("aws_region", "us-east-1"),
            ("aws_allow_http", "true"),
            ("AWS_S3_ALLOW_UNSAFE_RENAME", "true"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn s3_roots_hold_zones_tables_and_versions() {
    let Some(server) = MotoServer::start() else {
        return;
    };
    server.create_bucket("lake");
    let root = LakeRoot::parse("s3://lake/warehouse", None)
        .unwrap()
        .with_storage_options(server.options())
        .unwrap();
    let lake = Lake::new(root, vec!["retail".into()], Some("retail".into()));
    let table = lake.table_ref("silver.people", Zone::Bronze).unwrap();
    lake.write_batches(
        &table,
        vec![people(&[1, 2], &["a", "b"])],
        &WriteOptions::default(),
    )
    .await
    .unwrap();
    lake.write_batches(&table, vec![people(&[3], &["c"])], &WriteOptions::default())
        .await
        .unwrap();

    assert_eq!(
        lake.root().table_url(&table).as_str(),
        "s3://lake/warehouse/retail-silver/people/"
    );
    let tables = lake.tables().await.unwrap();
    assert_eq!(tables.len(), 1);
    assert_eq!((tables[0].rows, tables[0].version), (3, 1));
    assert_eq!(
        rows(&lake, "SELECT name FROM silver.people ORDER BY id").await,
        ["a", "b", "c"]
    );
    assert_eq!(
        rows(&lake, "SELECT count(*) FROM silver.people VERSION AS OF 0").await,
        ["2"]
    );
}
