//! `lakeforge stream`: the spec's streams — list, put JSON lines, tail.

use std::io::{BufRead, BufReader, Write};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use lakeforge_ingest::streaming::open_spec_stream;
use lakeforge_stream::{NewRecord, StartPosition, Stream};

use crate::output::{Format, print_table};
use crate::project::{Context, construct};

/// Records per append when putting a file.
const PUT_BATCH: usize = 1000;

/// Work with the spec's streams ([streams.<name>]).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge stream ls\n  lakeforge stream put clickstream events.jsonl\n  lakeforge stream tail clickstream --from-start --count 10"
)]
pub struct Args {
    #[command(subcommand)]
    command: StreamCommand,
}

#[derive(Debug, clap::Subcommand)]
enum StreamCommand {
    /// List the streams with their backends.
    #[command(after_help = "Example:\n  lakeforge stream ls --format json")]
    Ls {
        /// table for people, json for machines.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Append one record per line of FILE (or stdin), e.g. JSON lines.
    #[command(
        after_help = "Example:\n  lakeforge stream put clickstream events.jsonl\n  echo '{\"action\":\"view\"}' | lakeforge stream put clickstream"
    )]
    Put {
        /// The stream.
        name: String,
        /// The file; `-` or nothing for stdin.
        file: Option<String>,
        /// The partition key of every record.
        #[arg(long, default_value = "lakeforge")]
        key: String,
    },
    /// Print records as they arrive (from now, or from the start).
    #[command(after_help = "Example:\n  lakeforge stream tail clickstream --from-start --count 5")]
    Tail {
        /// The stream.
        name: String,
        /// Start at the oldest record instead of new ones.
        #[arg(long)]
        from_start: bool,
        /// Stop after this many records (default: follow until interrupted).
        #[arg(long)]
        count: Option<usize>,
    },
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let spec = context.spec()?;
    match args.command {
        StreamCommand::Ls { format } => {
            let rows: Vec<Vec<String>> = spec
                .streams
                .iter()
                .map(|(name, s)| {
                    vec![
                        name.clone(),
                        s.backend.as_str().to_string(),
                        s.url.clone().unwrap_or_else(|| "-".into()),
                        s.shard_count.to_string(),
                        s.retention_hours.to_string(),
                    ]
                })
                .collect();
            if format == Format::Json {
                let listing: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| serde_json::json!({"name": r[0], "backend": r[1], "url": r[2], "shards": r[3], "retention_hours": r[4]}))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&listing)?);
            } else {
                print_table(
                    &["stream", "backend", "url", "shards", "retention (h)"],
                    &rows,
                );
            }
            Ok(())
        }
        StreamCommand::Put { name, file, key } => {
            let stream = open(context, &spec, &name).await?;
            let input: Box<dyn BufRead> = match file.as_deref() {
                None | Some("-") => Box::new(BufReader::new(std::io::stdin())),
                Some(path) => Box::new(BufReader::new(
                    std::fs::File::open(context.dir.join(path))
                        .with_context(|| format!("opening {path}"))?,
                )),
            };
            let (count, last) = put_lines(stream.as_ref(), input, &key).await?;
            if !context.quiet {
                println!("appended {count} records to {name} (last sequence {last})");
            }
            Ok(())
        }
        StreamCommand::Tail {
            name,
            from_start,
            count,
        } => {
            let stream = open(context, &spec, &name).await?;
            tail(stream.as_ref(), from_start, count).await
        }
    }
}

/// Opens the spec's stream `name` with its backend; an unknown name lists the declared ones.
pub async fn open(
    context: &Context,
    spec: &lakeforge_spec::Spec,
    name: &str,
) -> Result<Box<dyn Stream>> {
    let declared = construct(&spec.streams, "streams", name)?;
    Ok(open_spec_stream(name, declared, &context.dir).await?)
}

async fn put_lines(
    stream: &dyn Stream,
    input: Box<dyn BufRead>,
    key: &str,
) -> Result<(usize, String)> {
    let (mut count, mut last) = (0, String::from("-"));
    let mut batch = Vec::with_capacity(PUT_BATCH);
    let mut lines = input.lines();
    loop {
        let line = lines.next().transpose().context("reading input")?;
        let done = line.is_none();
        if let Some(line) = line.filter(|l| !l.trim().is_empty()) {
            batch.push(NewRecord::new(key, line.into_bytes()));
        }
        if batch.len() >= PUT_BATCH || (done && !batch.is_empty()) {
            count += batch.len();
            let appended = stream.append_batch(std::mem::take(&mut batch)).await?;
            if let Some(a) = appended.last() {
                last = a.sequence.to_string();
            }
        }
        if done {
            return Ok((count, last));
        }
    }
}

/// Prints records as they arrive, from every shard in turn (each read waits its share of
/// half a second).
async fn tail(stream: &dyn Stream, from_start: bool, count: Option<usize>) -> Result<()> {
    let start = if from_start {
        StartPosition::Earliest
    } else {
        StartPosition::Latest
    };
    let shards = stream.shards().await?;
    if shards.is_empty() {
        bail!("the stream has no shards");
    }
    let mut readers = Vec::with_capacity(shards.len());
    for shard in &shards {
        readers.push(stream.open_reader(shard, start.clone()).await?);
    }
    let wait = Duration::from_millis(500) / shards.len() as u32;
    let mut printed = 0;
    let stdout = std::io::stdout();
    while count.is_none_or(|c| printed < c) {
        for reader in &mut readers {
            let want = count.map_or(1000, |c| (c - printed).min(1000));
            if want == 0 {
                break;
            }
            for record in reader.tail(want, wait).await? {
                let mut out = stdout.lock();
                out.write_all(&record.payload)?;
                out.write_all(b"\n")?;
                printed += 1;
            }
        }
    }
    Ok(())
}
