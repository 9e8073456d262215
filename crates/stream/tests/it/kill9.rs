//! kill -9 while appending with fsync = always: every acknowledged record
//! survives, intact, and the log stays appendable.
//!
//! The test re-runs its own test binary as the child (selected by an
//! environment variable). The child appends from several tasks and prints
//! `ACK <sequence> <key>` after each acknowledgement; the parent kills it
//! with SIGKILL after a random short time, reopens the log and checks.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use lakeforge_stream::{EmbeddedStream, FsyncPolicy, NewRecord, Stream, StreamConfig};

use crate::support::{read_all, sequences};

const ROOT_ENV: &str = "LAKEFORGE_STREAM_KILL9_ROOT";
const CYCLE_ENV: &str = "LAKEFORGE_STREAM_KILL9_CYCLE";
const THIS_TEST: &str = "kill9::acknowledged_appends_survive_sigkill";
const CYCLES: u32 = 20;
const STREAM: &str = "crash";

fn config(root: &Path) -> StreamConfig {
    StreamConfig {
        fsync: FsyncPolicy::Always,
        segment_bytes: 16 * 1024,
        retention: None,
        ..StreamConfig::embedded(root)
    }
}

/// The payload the child stores under key `id`: 1 to 3000 bytes derived from it.
fn payload_for(id: &str) -> Vec<u8> {
    let hash = id
        .bytes()
        .fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    id.bytes()
        .cycle()
        .take(1 + (hash % 3000) as usize)
        .collect()
}

#[test]
fn acknowledged_appends_survive_sigkill() {
    match std::env::var(ROOT_ENV) {
        Ok(root) => child(Path::new(&root)),
        Err(_) => parent(),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Appends until killed: three tasks one record at a time, one in batches of 5.
fn child(root: &Path) {
    let cycle: u32 = std::env::var(CYCLE_ENV)
        .ok()
        .and_then(|c| c.parse().ok())
        .expect("cycle number");
    runtime().block_on(async {
        let stream = Arc::new(
            EmbeddedStream::open(STREAM, &config(root))
                .await
                .expect("child: open"),
        );
        let tasks: Vec<_> = (0..4)
            .map(|task| {
                let stream = Arc::clone(&stream);
                tokio::spawn(async move {
                    for n in 0u64.. {
                        let batch = if task == 3 { 5 } else { 1 };
                        let ids: Vec<String> = (0..batch)
                            .map(|j| format!("c{cycle}-t{task}-{n}-{j}"))
                            .collect();
                        let records = ids
                            .iter()
                            .map(|id| NewRecord::new(id.clone(), payload_for(id)))
                            .collect();
                        let appended = stream.append_batch(records).await.expect("child: append");
                        for (appended, id) in appended.iter().zip(&ids) {
                            println!("ACK {} {id}", appended.sequence);
                        }
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("child task");
        }
    });
}

fn parent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exe = std::env::current_exe().expect("test binary path");
    let runtime = runtime();
    let mut acknowledged: BTreeMap<u64, String> = BTreeMap::new();
    for cycle in 0..CYCLES {
        let mut child = Command::new(&exe)
            .args([THIS_TEST, "--exact", "--nocapture", "--test-threads=1"])
            .env(ROOT_ENV, dir.path())
            .env(CYCLE_ENV, cycle.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
        let collector = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines_tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut output = Vec::new();
        while !output.iter().any(|l: &String| l.starts_with("ACK ")) {
            match lines.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => output.push(line),
                Err(e) => {
                    panic!("cycle {cycle}: no acknowledgement from the child ({e}): {output:?}")
                }
            }
        }
        std::thread::sleep(Duration::from_millis(fastrand::u64(5..150)));
        child.kill().expect("SIGKILL the child");
        let status = child.wait().expect("wait for the child");
        assert_eq!(
            status.signal(),
            Some(9),
            "cycle {cycle}: the child ended by itself: {status}"
        );
        collector.join().expect("collector");
        output.extend(lines.try_iter());

        let mut acks = 0;
        for line in output.iter().filter_map(|l| l.strip_prefix("ACK ")) {
            let (sequence, id) = line.split_once(' ').expect("ACK <sequence> <id>");
            let sequence: u64 = sequence.parse().expect("numeric sequence");
            let previous = acknowledged.insert(sequence, id.to_owned());
            assert!(previous.is_none(), "sequence {sequence} acknowledged twice");
            acks += 1;
        }
        assert!(acks > 0, "cycle {cycle}");

        runtime.block_on(async {
            let stream = EmbeddedStream::open(STREAM, &config(dir.path()))
                .await
                .expect("reopen after kill -9");
            let records = read_all(&stream).await;
            assert_eq!(
                sequences(&records),
                (1..=records.len() as u64).collect::<Vec<_>>(),
                "cycle {cycle}: sequences must run on without gaps"
            );
            for record in &records {
                assert_eq!(
                    record.payload,
                    payload_for(&record.key),
                    "cycle {cycle}: intact record"
                );
            }
            for (&sequence, id) in &acknowledged {
                let record = records.get(sequence as usize - 1).unwrap_or_else(|| {
                    panic!("cycle {cycle}: acknowledged record {sequence} ({id}) was lost")
                });
                assert_eq!(&record.key, id, "cycle {cycle}: record {sequence}");
            }
            if cycle == CYCLES - 1 {
                let appended = stream
                    .append(NewRecord::new("parent", payload_for("parent")))
                    .await
                    .expect("append after the crashes");
                let records = read_all(&stream).await;
                assert_eq!(
                    records.last().map(|r| r.sequence.clone()),
                    Some(appended.sequence)
                );
            }
        });
    }
    assert!(acknowledged.len() >= CYCLES as usize);
    println!(
        "kill -9: {CYCLES} cycles, {} acknowledged appends verified",
        acknowledged.len()
    );
}
