//! Synthesis of the whole retail example (spec → every template rendered),
//! and writing it as a cloud assembly.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use lakeforge_aws::{SynthOptions, synth};
use lakeforge_spec::Spec;

fn retail(c: &mut Criterion) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let spec =
        Spec::from_path(examples.join("retail.toml")).expect("examples/retail.toml is valid");
    let options = SynthOptions::default();
    c.bench_function("synth retail", |b| {
        b.iter(|| synth(&spec, &examples, &options).expect("retail synthesizes"))
    });
    let out = std::env::temp_dir().join(format!("lakeforge-bench-{}", std::process::id()));
    c.bench_function("synth + write retail cloud assembly", |b| {
        b.iter(|| {
            synth(&spec, &examples, &options)
                .expect("retail synthesizes")
                .write_to(&out)
                .expect("the assembly is written")
        })
    });
    let _ = std::fs::remove_dir_all(&out);
}

criterion_group!(benches, retail);
criterion_main!(benches);
