#!/usr/bin/env bash
# Scores hotline on a folder of real page excerpts with hand-checked labels (a development set kept outside the
# repository): phone and email precision/recall, and organisation accuracy on the phones found.
#
#   scripts/eval-real.sh [DIR]        DIR defaults to ../shared/realpages (pages/, gold.csv, score.py, score_org.py)
#   VERBOSE=1 scripts/eval-real.sh    also list every miss, extra and wrong organisation
#
# A measuring tool, not a test: the product never reads DIR, and nothing from it belongs in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-../shared/realpages}
if [ ! -d "$DIR/pages" ] || [ ! -f "$DIR/gold.csv" ] || [ ! -f "$DIR/score.py" ]; then
  echo "eval-real: no development set at $DIR (it needs pages/, gold.csv and score.py); give its folder as the argument" >&2
  exit 2
fi
BIN=${HOTLINE:-target/release/hotline}
if [ -z "${HOTLINE:-}" ]; then
  cargo build --release --quiet --bin hotline
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$BIN" audit "$DIR/pages" --glob '*.txt' --format jsonl --fail-on never -q -o "$OUT/claims.jsonl"
python3 "$DIR/score.py" "$OUT/claims.jsonl" > "$OUT/score.txt"
python3 "$DIR/score_org.py" "$OUT/claims.jsonl" "$DIR" > "$OUT/org.txt"
if [ -n "${VERBOSE:-}" ]; then
  cat "$OUT/score.txt" "$OUT/org.txt"
else
  grep -E '^(==|SUMMARY)' "$OUT/score.txt"
  tail -1 "$OUT/org.txt"
fi
