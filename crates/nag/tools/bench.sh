#!/usr/bin/env bash
# Times the agreement corpus (tests/corpus) through lakeforge and through real cdk-nag.
# Needs the oracle installed: npm ci --prefix crates/nag/tests/oracle
# usage: crates/nag/tools/bench.sh [RUNS]   (CARGO_TARGET_DIR is honoured)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
cd "$here"
templates=(tests/corpus/*.yaml tests/corpus/*.json)

cargo build --quiet --release -p lakeforge-nag --example bench_corpus
bin="${CARGO_TARGET_DIR:-$here/../../target}/release/examples/bench_corpus"
echo "== lakeforge (in process, warm)"
"$bin" 50
echo "== lakeforge (one pass, whole process)"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "  %e s wall, %M KB max RSS" "$bin" 1 >/dev/null
done

echo "== cdk-nag 2.38.2 via CfnInclude (node $(node --version))"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$runs"); do
  rm -rf "$out"/*
  /usr/bin/time -f "  %e s wall, %M KB max RSS" node tests/oracle/oracle.js "$out" "${templates[@]}" \
    | sed 's/^/  in process: /'
done
