#!/usr/bin/env bash
# Issue 13's generated-input loop through the release binary: 1,500 generated pages (each alone, then as one
# folder at -j 1, 2 and 8) and 1,500 generated `check` values. Exits non-zero on any panic (exit 101), any
# unexpected exit code, or a run that does not finish in time.
#   scripts/hostile-loop.sh [COUNT] [SEED] [--structured]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin hotline
cargo run --release --quiet --example hostile_loop -- target/release/hotline "$@"
