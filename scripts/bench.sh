#!/usr/bin/env bash
# Whole-run benchmark: `hotline audit --format jsonl` on generated corpora, with -j 1 and all cores, next to
# two baselines measured in the same run on the same files: ripgrep counting digit runs (the limit), and
# libphonenumber's matcher via Python `phonenumbers` (the usual alternative) on a subset, scaled. Two corpora:
# "dense" (gen-corpus's default, numbers on every page: the worst case) and "crawl mix" (gen-corpus --mix
# crawl: nine pages in ten prose without contacts, as a crawl is), the latter also as HTML and JSON Lines so
# that the readers are measured. Also peak RSS, and `hotline check` cold start.
#
#   scripts/bench.sh [MEGABYTES] [RUNS]      (defaults: 256 MB, 3 runs; medians are reported)
#   DIRECTORIES=1 scripts/bench.sh ...       the worst case: every page a helpline directory (gen-corpus --directories)
#   CRAWL=0 scripts/bench.sh ...             the dense corpus only
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-256}
RUNS=${2:-3}
OUT=target/bench
KIND=${DIRECTORIES:+directories}
KIND=${KIND:-pages}
CORPUS=$OUT/$KIND-$MB
CORES=$(nproc)

cargo build --release --quiet
[ -d "$CORPUS" ] || target/release/gen-corpus "$CORPUS" "$MB" 20261121 --text-only ${DIRECTORIES:+--directories}
if ! command -v rg >/dev/null; then
  (apt-get install -y -qq ripgrep >/dev/null 2>&1) || cargo install --quiet ripgrep
fi
if [ ! -x "$OUT/venv/bin/python" ]; then
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install --quiet phonenumbers==9.0.33
fi
CRAWL_CORPUS=$OUT/crawl-$MB
if [ "${CRAWL:-1}" != 0 ]; then
  for form in text html jsonl; do
    [ -d "$CRAWL_CORPUS-$form" ] || target/release/gen-corpus "$CRAWL_CORPUS-$form" "$MB" 20261121 --mix crawl --as "$form"
  done
fi

calc() { awk "BEGIN { printf \"%.2f\", $* }"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# time_run LABEL CMD...: median wall seconds and max RSS (KB) over RUNS runs, for $BYTES bytes.
time_run() {
  local label=$1; shift
  local times=() rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" > /dev/null 2>>"$OUT/stderr.txt" || true
    read -r t m < "$OUT/time.txt"
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local med; med=$(printf '%s\n' "${times[@]}" | median)
  printf '%-34s %8.2f s %9.1f MB/s %8.1f MB RSS\n' "$label" "$med" "$(calc "$BYTES / 1048576 / $med")" "$(calc "$rss / 1024")"
  echo "$med" > "$OUT/last.txt"
}

# python_rate CORPUS: Python's matcher is ~100x slower: run it on the first 16 MB of files and scale (MB/s).
python_rate() {
  find "$1" -type f | sort | head -1000 > "$OUT/subset.txt"
  "$OUT/venv/bin/python" - "$OUT/subset.txt" <<'PY'
import sys, time, phonenumbers
files = [l.strip() for l in open(sys.argv[1])]
total, found, start = 0, 0, time.perf_counter()
for f in files:
    text = open(f, encoding="utf-8", errors="replace").read()
    total += len(text.encode())
    found += sum(1 for _ in phonenumbers.PhoneNumberMatcher(text, "CN"))
    if total > 16 * 1024 * 1024:
        break
print(total / 1048576 / (time.perf_counter() - start))
PY
}

# bench_corpus NAME CORPUS: hotline at -j 1 and all cores, rg, python, and the ratios, on one corpus.
bench_corpus() {
  local name=$1 corpus=$2
  BYTES=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  find "$corpus" -type f -exec cat {} + > /dev/null   # warm the page cache
  echo "$name corpus: $corpus, $(calc "$BYTES / 1048576") MB, $(find "$corpus" -type f | wc -l) files, $CORES cores, $RUNS runs (medians)"
  time_run "hotline audit -j 1" target/release/hotline audit "$corpus" -f jsonl --no-progress --fail-on never -j 1
  H1=$(cat $OUT/last.txt)
  time_run "hotline audit -j $CORES" target/release/hotline audit "$corpus" -f jsonl --no-progress --fail-on never -j "$CORES"
  HN=$(cat $OUT/last.txt)
  if [ "$name" = dense ]; then
    # The evidence store's cost: the same -j 1 audit, also writing every claim into a fresh store.
    time_run "hotline audit -j 1 --db (fresh)" sh -c 'rm -f "$1" "$1-wal" "$1-shm"; exec "$2" audit "$3" -f jsonl --no-progress --fail-on never -j 1 --db "$1"' \
      sh "$OUT/bench.sqlite" target/release/hotline "$corpus"
    D1=$(cat $OUT/last.txt)
  fi
  time_run "rg -c '[0-9]+' -j 1" rg -c '[0-9]+' -j 1 "$corpus"
  R1=$(cat $OUT/last.txt)
  time_run "rg -c '[0-9]+' -j $CORES" rg -c '[0-9]+' -j "$CORES" "$corpus"
  RN=$(cat $OUT/last.txt)
  PY=$(python_rate "$corpus")
  printf '%-34s %8s   %9.1f MB/s (1 core, 16 MB subset)\n' "python phonenumbers matcher" "" "$PY"
  echo "ratios ($name): hotline -j $CORES vs python: $(calc "$BYTES / 1048576 / $HN / $PY")x;" \
       "hotline -j 1 vs python: $(calc "$BYTES / 1048576 / $H1 / $PY")x;" \
       "hotline -j $CORES share of rg -j $CORES: $(calc "$RN / $HN * 100")%;" \
       "hotline -j $CORES vs -j 1: $(calc "$H1 / $HN")x${D1:+; --db vs without, -j 1: +$(calc "($D1 / $H1 - 1) * 100")% time}"
  D1=
  echo
}

bench_corpus dense "$CORPUS"
if [ "${CRAWL:-1}" != 0 ]; then
  for form in text html jsonl; do bench_corpus "crawl mix ($form)" "$CRAWL_CORPUS-$form"; done
fi

COLD=$(for _ in $(seq 30); do
  s=$(date +%s%N); target/release/hotline check 400-656-0055 > /dev/null || true; e=$(date +%s%N)
  echo $(( (e - s) / 1000 ))
done | median)
echo "hotline check cold start: median $(calc "$COLD / 1000") ms over 30 runs"
