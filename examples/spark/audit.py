"""hotline on Spark: audit a crawl spread over many machines.

Input: a text file listing WARC, WARC.gz or JSON Lines paths, one per line, that every executor can read (a
shared or mounted filesystem). Each task pipes its paths through

    hotline audit --files-from - --format evidence

(the evidence store's claim rows as JSON Lines: `--format jsonl` plus the organisation family and hours in
comparable form that the conflict definitions compare). The claims are written as Parquet, and the three
conflict kinds are computed in Spark SQL with the same definitions as `hotline conflicts`:
sql/conflicts.sql, run unchanged.

    spark-submit --files target/release/hotline,sql/conflicts.sql examples/spark/audit.py \
        paths.txt --out out/ [--json]

Output under --out: claims/ and official/ (Parquet), conflicts/ (JSON Lines, one row per competing value),
and with --json, evidence/ (the rows as `hotline import --db FILE` loads them).
"""

import argparse
import os
import subprocess
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

TEXT = StringType()
LONG = LongType()

# The evidence row (src/store/row.rs `Row`), with `type` telling claim rows from official ones.
ROW = StructType(
    [
        StructField("type", TEXT),
        StructField("doc", TEXT),
        StructField("container", TEXT),
        StructField("offset", LONG),
        StructField("container_line", LONG),
        StructField("line", LONG),
        StructField("col", LONG),
        StructField("kind", TEXT),
        StructField("raw", TEXT),
        StructField("value", TEXT),
        StructField("base", TEXT),
        StructField("org", TEXT),
        StructField("org_name", TEXT),
        StructField("family", TEXT),
        StructField("role", TEXT),
        StructField("role_source", TEXT),
        StructField("label", TEXT),
        StructField("hours", TEXT),
        StructField("hours_canonical", TEXT),
        StructField("channel", TEXT),
        StructField("verdict", TEXT),
        StructField("signals", TEXT),
        StructField("risk", TEXT),
        StructField("seen", LONG),
        StructField("hash", TEXT),
    ]
)


def local_file(name):
    """A file given as a path, or by name when shipped with spark-submit --files."""
    if os.path.exists(name):
        return os.path.abspath(name)
    return SparkFiles.get(os.path.basename(name))


def audit_partition(binary, extra):
    """Runs hotline over one partition's paths and yields its evidence rows."""

    def run(paths):
        paths = [p.strip() for p in paths if p.strip()]
        if not paths:
            return
        command = [local_file(binary), "audit", "--files-from", "-", "--format", "evidence",
                   "--fail-on", "never", "--no-progress", "--no-config"] + extra
        done = subprocess.run(command, input="\n".join(paths).encode(), capture_output=True)
        # 2 is also how hotline says that some input could not be read (each such page is named on
        # standard error); anything else is a failure of the task.
        if done.returncode not in (0, 1, 2) or (done.returncode == 2 and not done.stdout):
            raise RuntimeError("hotline failed (%d): %s" % (done.returncode,
                                                          done.stderr.decode(errors="replace")))
        if done.stderr:
            sys.stderr.write(done.stderr.decode(errors="replace"))
        for line in done.stdout.decode().splitlines():
            if line:
                yield line

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", help="file listing the WARC, WARC.gz or JSON Lines paths, one per line")
    parser.add_argument("--out", required=True, help="output directory (replaced)")
    parser.add_argument("--hotline", default="hotline", help="the hotline binary (path, or name shipped with --files)")
    parser.add_argument("--sql", default="conflicts.sql", help="sql/conflicts.sql (path, or name shipped with --files)")
    parser.add_argument("--partitions", type=int, default=0, help="tasks to spread the paths over")
    parser.add_argument("--json", action="store_true", help="also write the rows for `hotline import`")
    parser.add_argument("--hotline-arg", action="append", default=[],
                        help="an extra argument for hotline audit (e.g. --reference=FILE); repeatable")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("hotline-audit").getOrCreate()
    sc = spark.sparkContext
    paths = sc.textFile(args.paths)
    if args.partitions:
        paths = paths.repartition(args.partitions)
    lines = paths.mapPartitions(audit_partition(args.hotline, args.hotline_arg)).cache()

    rows = spark.read.schema(ROW).json(lines)
    claims = rows.where("type = 'claim'").drop("type")
    # Every task writes the official values it compared against: the same rows, kept once.
    official = rows.where("type = 'official'").select("org", "role", "kind", "value").distinct()
    claims.write.mode("overwrite").parquet(os.path.join(args.out, "claims"))
    official.write.mode("overwrite").parquet(os.path.join(args.out, "official"))
    if args.json:
        lines.saveAsTextFile(os.path.join(args.out, "evidence"))

    # The conflicts, from the Parquet just written, with the one definition both engines share.
    spark.read.parquet(os.path.join(args.out, "claims")).createOrReplaceTempView("claims")
    spark.read.parquet(os.path.join(args.out, "official")).createOrReplaceTempView("official")
    with open(local_file(args.sql), encoding="utf-8") as f:
        sql = f.read().strip().rstrip(";")
    conflicts = spark.sql(sql)
    conflicts.coalesce(1).write.mode("overwrite").json(os.path.join(args.out, "conflicts"))
    print("hotline on Spark: %d claims, %d conflict rows, written to %s"
          % (claims.count(), conflicts.count(), args.out))
    spark.stop()


if __name__ == "__main__":
    main()
