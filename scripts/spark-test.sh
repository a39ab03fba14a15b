#!/usr/bin/env bash
# The Spark job (examples/spark/audit.py) in local mode over the test WARCs and JSON Lines: its conflict
# set must equal the single-machine run's. Installs what is missing: pyspark from PyPI, Java 17 from
# Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null; then
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless
fi
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import pyspark' 2>/dev/null; then
    "$PYTHON" -m pip install --quiet pyspark
fi

cargo build --quiet --bin hotline
BIN=$PWD/target/debug/hotline
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for f in examples/spark/testdata/*; do echo "$PWD/$f"; done > "$WORK/paths.txt"

# The single-machine run: its conflict records, and the same through the evidence store.
"$BIN" audit --files-from "$WORK/paths.txt" -f jsonl --fail-on never --no-config > "$WORK/single.jsonl"

export PYSPARK_PYTHON="$PYTHON"
export SPARK_LOCAL_IP=127.0.0.1
# Local mode: two executor threads on this machine, reading the same files a cluster would.
export PYSPARK_SUBMIT_ARGS="--master local[2] --conf spark.ui.enabled=false pyspark-shell"
"$PYTHON" examples/spark/audit.py "$WORK/paths.txt" --out "$WORK/out" --partitions 3 --json \
    --hotline "$BIN" --sql sql/conflicts.sql 2> "$WORK/spark.log" || { tail -40 "$WORK/spark.log"; exit 1; }

"$PYTHON" - "$WORK" <<'EOF'
import glob, json, sys
work = sys.argv[1]

def key(kind, org, role, claim_kind, value, claims):
    return (kind, org, role, claim_kind, value, claims)

single = set()
for line in open(work + "/single.jsonl", encoding="utf-8"):
    r = json.loads(line)
    if r["type"] != "conflict":
        continue
    for v in r["values"]:
        claim_kind = None
        if r["kind"] != "same_value_different_claims":
            claim_kind = "email" if "@" in v["value"] else "phone"
        single.add(key(r["kind"], r.get("org"), r.get("role"), claim_kind, v["value"],
                       len(v["claims"]) + v.get("more", 0)))
spark = set()
for path in glob.glob(work + "/out/conflicts/*.json"):
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        spark.add(key(r["conflict"], r.get("org"), r.get("role"), r.get("claim_kind"), r["value"], r["claims"]))
kinds = {k[0] for k in single}
assert len(kinds) == 3, "the fixtures exercise every conflict kind: %s" % kinds
if single != spark:
    print("only single-machine:", sorted(single - spark, key=str))
    print("only Spark:", sorted(spark - single, key=str))
    sys.exit("spark-test: the Spark job's conflicts differ from the single-machine run's")
print("spark-test: %d conflict rows, the same on Spark and on one machine" % len(spark))
EOF

# The Spark job's rows meet the evidence store: imported, they give the same conflicts.
cat "$WORK"/out/evidence/part-* > "$WORK/evidence.jsonl"
"$BIN" import --db "$WORK/evidence.sqlite" "$WORK/evidence.jsonl" 2>/dev/null
"$BIN" conflicts --db "$WORK/evidence.sqlite" -f jsonl > "$WORK/stored.jsonl"
grep '"type":"conflict"' "$WORK/single.jsonl" | cmp - "$WORK/stored.jsonl"
echo "spark-test: the imported Spark rows give the single-machine conflicts, record for record"
echo "spark-test: 1 passed, 0 failed"
