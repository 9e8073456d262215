//! Times the agreement corpus through lakeforge: parse every template, check it against all
//! five packs and write the CSV and JSON report of each pack (what the cdk-nag oracle does).
//!
//! `cargo run --release -p lakeforge-nag --example bench_corpus [ITERATIONS]`; `tools/bench.sh`
//! runs it next to the cdk-nag oracle.

use lakeforge_nag::packs::ALL;
use lakeforge_nag::{Template, check};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|text| text.parse().ok())
        .unwrap_or(20);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .expect("tests/corpus")
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|path| {
            (
                std::fs::read_to_string(path).expect("readable template"),
                path.display().to_string(),
            )
        })
        .collect();
    let mut rows = 0;
    let mut parse = Vec::new();
    let mut total = Vec::new();
    for _ in 0..iterations.max(1) {
        let started = Instant::now();
        let templates: Vec<Template> = texts
            .iter()
            .map(|(text, origin)| Template::parse(text, origin).expect("corpus template parses"))
            .collect();
        parse.push(started.elapsed());
        rows = 0;
        for template in &templates {
            let report = check(template, &ALL);
            rows += report.findings.len();
            for pack in &ALL {
                std::hint::black_box(report.to_csv(pack.name));
                std::hint::black_box(report.to_json(pack.name));
            }
        }
        total.push(started.elapsed());
    }
    let stats = |times: &mut Vec<Duration>| {
        times.sort();
        let mean = times.iter().sum::<Duration>() / times.len() as u32;
        (times[0], times[times.len() / 2], mean)
    };
    let (parse_min, parse_median, _) = stats(&mut parse);
    let (min, median, mean) = stats(&mut total);
    println!(
        "lakeforge: {} templates, {rows} rows, 5 packs, {} iterations: per corpus pass min {:.2} ms, median {:.2} ms, mean {:.2} ms (parsing alone: min {:.2} ms, median {:.2} ms)",
        texts.len(),
        total.len(),
        min.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        mean.as_secs_f64() * 1e3,
        parse_min.as_secs_f64() * 1e3,
        parse_median.as_secs_f64() * 1e3,
    );
}
