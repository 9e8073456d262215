//! Test support (feature `test-support`): moto's server as a local Kinesis for the tests
//! of this crate and of the crates that deliver from Kinesis. The server is started once
//! per test process on a free loopback port with the Python of `LAKEFORGE_PYTHON` (default
//! `python3`; `pip install -r .ci/requirements.txt`). Without moto, [`moto`] prints
//! `skipped: <reason>` and returns `None`, unless `LAKEFORGE_REQUIRE_SERVICES=1`, which
//! makes it fail.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use aws_sdk_kinesis::config::{BehaviorVersion, Credentials, Region};

/// A moto server for the whole test process. It exits when this process
/// does: it waits on its standard input, whose pipe closes then.
pub struct Moto {
    /// The server's URL, `http://127.0.0.1:<port>`.
    pub endpoint: String,
    _child: Child,
    _stdin: ChildStdin,
}

/// Starts moto's server and waits until it listens. Requests are handled
/// one at a time: moto's Kinesis numbers records without a lock, so
/// concurrent PutRecords calls could otherwise get the same sequence number
/// (which real Kinesis never gives).
const MOTO_SCRIPT: &str = r#"
import sys, threading
from werkzeug.serving import make_server
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication, MotoRequestHandler, create_backend_app)
app = DomainDispatcherApplication(create_backend_app)
lock = threading.Lock()
def serialized(environ, start_response):
    with lock:
        return list(app(environ, start_response))
server = make_server("127.0.0.1", int(sys.argv[1]), serialized, True,
                     request_handler=MotoRequestHandler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print("ready", flush=True)
sys.stdin.read()
"#;

static MOTO: LazyLock<Mutex<Result<Arc<Moto>, String>>> =
    LazyLock::new(|| Mutex::new(start_moto().map(Arc::new)));

/// The Python with moto: `LAKEFORGE_PYTHON`, else `python3`.
pub fn python() -> String {
    std::env::var("LAKEFORGE_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

fn start_moto() -> Result<Moto, String> {
    let has_moto = Command::new(python())
        .args(["-c", "import moto.server, flask"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_moto {
        return Err(format!(
            "moto[server] is not installed for {} (set LAKEFORGE_PYTHON, or pip install -r \
             .ci/requirements.txt)",
            python()
        ));
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let mut child = Command::new(python())
        .args(["-c", MOTO_SCRIPT, &port.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start moto: {e}"))?;
    let stdin = child.stdin.take().expect("piped stdin");
    let mut ready = String::new();
    BufReader::new(child.stdout.take().expect("piped stdout"))
        .read_line(&mut ready)
        .map_err(|e| format!("moto did not start: {e}"))?;
    if ready.trim() != "ready" {
        return Err("moto's server did not start (no ready line)".to_owned());
    }
    Ok(Moto {
        endpoint: format!("http://127.0.0.1:{port}"),
        _child: child,
        _stdin: stdin,
    })
}

/// The moto server, or `None` after printing why the test is skipped (a
/// failure instead when services are required).
pub fn moto() -> Option<Arc<Moto>> {
    let reason = match &*MOTO.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(moto) => return Some(Arc::clone(moto)),
        Err(reason) => reason.clone(),
    };
    assert!(
        std::env::var("LAKEFORGE_REQUIRE_SERVICES").as_deref() != Ok("1"),
        "{reason} (and LAKEFORGE_REQUIRE_SERVICES=1)"
    );
    println!("skipped: {reason}");
    None
}

/// A client configuration for `endpoint` with fake static credentials.
pub fn client_config(endpoint: &str) -> aws_sdk_kinesis::Config {
    aws_sdk_kinesis::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "testing",
            "testing",
            None,
            None,
            "lakeforge-tests",
        ))
        .endpoint_url(endpoint)
        .build()
}

/// A stream name no other test uses.
pub fn unique_name(label: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    format!("it-{label}-{}-{nanos}", std::process::id())
}
