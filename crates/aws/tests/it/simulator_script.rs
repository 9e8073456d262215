//! The simulator's Glue job script, run by a real Python with stand-ins for
//! boto3, pymysql and awsglue: its events have the simulator's clickstream
//! shape and its tables the simulator's c360 column names.

use std::process::Command;

use lakeforge_aws::constructs::simulator::script;
use lakeforge_spec::{CLICKSTREAM_COLUMNS, Simulator};
use serde_json::Value;

use crate::common::skip;

/// Stand-ins recording what the script sends: Kinesis records and SQL, one JSON per line.
const STUBS: &[(&str, &str)] = &[
    (
        "boto3.py",
        r#"import json
class _Client:
    def get_secret_value(self, SecretId):
        return {"SecretString": json.dumps({"host": "h", "username": "u", "password": "p"})}
    def put_record(self, StreamName, Data, PartitionKey):
        print(json.dumps({"record": json.loads(Data), "key": PartitionKey, "stream": StreamName}))
def client(name):
    return _Client()
"#,
    ),
    (
        "pymysql.py",
        r#"import json
class _Cursor:
    def __enter__(self): return self
    def __exit__(self, *a): return False
    def execute(self, sql, args=None):
        print(json.dumps({"sql": sql, "args": [str(a) for a in (args or ())]}))
class _Db:
    def cursor(self): return _Cursor()
def connect(**kw): return _Db()
"#,
    ),
    ("awsglue/__init__.py", ""),
    (
        "awsglue/utils.py",
        r#"def getResolvedOptions(argv, names):
    return {"DB_SECRET_ARN": "arn:secret", "STREAM_NAME": "clickstream"}
"#,
    ),
];

#[test]
fn the_glue_script_writes_clickstream_shaped_events_and_c360_tables() {
    let python = std::env::var("LAKEFORGE_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    if !Command::new(&python)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        skip(&format!("{python} is not available; set LAKEFORGE_PYTHON"));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in STUBS {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let simulator = Simulator::default().customers(50).products(10).days(5);
    std::fs::write(dir.path().join("job.py"), script(&simulator)).unwrap();
    let output = Command::new(&python)
        .arg("job.py")
        .current_dir(dir.path())
        .env("PYTHONPATH", dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let events: Vec<&Value> = lines.iter().filter_map(|l| l.get("record")).collect();
    assert_eq!(events.len(), 25, "5 of 50 customers a day for 5 days");
    let names: Vec<&str> = CLICKSTREAM_COLUMNS.iter().map(|(n, _)| *n).collect();
    let mut checkouts = 0;
    for event in &events {
        let object = event.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut expected = names.clone();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected, "{event}");
        let ts = event["timestamp"].as_str().unwrap();
        assert!(
            ts.len() == 24 && ts.ends_with('Z') && &ts[10..11] == "T" && &ts[19..20] == ".",
            "the simulator's ISO form: {ts}"
        );
        assert!(event["event_id"].is_u64() && event["user_id"].is_u64());
        assert_eq!(event["action"], event["event_type"]);
        if event["event_type"] == "checkout" {
            checkouts += 1;
            let item = &event["items"][0];
            assert!(
                item["product_id"].is_u64() && item["unit_price"].is_number(),
                "{event}"
            );
        } else {
            assert!(event["items"].is_null());
        }
    }
    // Table and column names are the simulator's c360 names.
    let sql: Vec<&str> = lines.iter().filter_map(|l| l["sql"].as_str()).collect();
    for create in [
        "c360.customer (customer_id BIGINT PRIMARY KEY, anonymous_id",
        "c360.product (product_id BIGINT PRIMARY KEY, price",
        "c360.order_items (order_item_id BIGINT PRIMARY KEY, order_id BIGINT, customer_id BIGINT, product_id BIGINT, quantity INT, unit_price",
    ] {
        assert!(sql.iter().any(|s| s.contains(create)), "{create}");
    }
    let orders = sql
        .iter()
        .filter(|s| s.starts_with("REPLACE INTO c360.order_items"))
        .count();
    assert_eq!(orders, checkouts);
}
