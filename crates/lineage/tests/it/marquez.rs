//! A stand-in for Marquez's `POST /api/v1/lineage`: accepts, refuses or rejects as told,
//! records what it took. Every loop is bounded: the server stops when its task is aborted
//! (dropped) and each connection serves one request.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// How the endpoint answers the next requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// 201 Created.
    Accept,
    /// 503, as a server that is up but failing.
    Unavailable,
    /// 400, an event it will never take.
    BadRequest,
}

/// How the endpoint decides, request by request.
type Answers = Arc<Mutex<Box<dyn FnMut(&serde_json::Value) -> Answer + Send>>>;

/// One request the endpoint saw.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub authorization: Option<String>,
    pub body: serde_json::Value,
    pub answered: u16,
}

/// The running stand-in.
pub struct Marquez {
    pub base: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    answers: Answers,
    task: JoinHandle<()>,
}

impl Marquez {
    /// Starts on `port` (0: any free port) answering with `answers`.
    pub async fn start(
        port: u16,
        answers: impl FnMut(&serde_json::Value) -> Answer + Send + 'static,
    ) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let answers: Answers = Arc::new(Mutex::new(Box::new(answers)));
        let task = tokio::spawn(serve(listener, seen.clone(), answers.clone()));
        Self {
            base,
            seen,
            answers,
            task,
        }
    }

    /// Changes how it answers from now on.
    pub fn answer_with(&self, answers: impl FnMut(&serde_json::Value) -> Answer + Send + 'static) {
        *self.answers.lock().unwrap() = Box::new(answers);
    }

    /// The bodies it accepted, in order.
    pub fn accepted(&self) -> Vec<serde_json::Value> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|seen| seen.answered == 201)
            .map(|seen| seen.body.clone())
            .collect()
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.base.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Stops listening (the port is closed: "down").
    pub async fn stop(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

async fn serve(listener: TcpListener, seen: Arc<Mutex<Vec<Seen>>>, answers: Answers) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let Ok(Ok(request)) =
            tokio::time::timeout(Duration::from_secs(5), read_request(&mut socket)).await
        else {
            continue;
        };
        let (path, authorization, body) = request;
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let answer = (answers.lock().unwrap())(&body);
        let status = match answer {
            Answer::Accept => 201,
            Answer::Unavailable => 503,
            Answer::BadRequest => 400,
        };
        seen.lock().unwrap().push(Seen {
            path,
            authorization,
            body,
            answered: status,
        });
        let reply = format!(
            "HTTP/1.1 {status} X\r\ncontent-length: 2\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{{}}"
        );
        let _ = socket.write_all(reply.as_bytes()).await;
        let _ = socket.shutdown().await;
    }
}

/// Reads one HTTP/1.1 request: path, Authorization header, body (by Content-Length).
async fn read_request(
    socket: &mut tokio::net::TcpStream,
) -> std::io::Result<(String, Option<String>, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let header_end = loop {
        let read = socket.read(&mut chunk).await?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        if buffer.len() > 1 << 20 {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
    };
    let head = String::from_utf8_lossy(&buffer[..header_end]).to_string();
    let mut lines = head.lines();
    let path = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .unwrap_or_default()
        .to_string();
    let mut length = 0usize;
    let mut authorization = None;
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse().unwrap_or(0),
                "authorization" => authorization = Some(value.trim().to_string()),
                _ => {}
            }
        }
    }
    let mut body = buffer[header_end..].to_vec();
    while body.len() < length {
        let read = socket.read(&mut chunk).await?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Ok((path, authorization, body))
}
