//! The evidence store (`--db`): the same conflicts as the in-memory cross-check (one definition, in
//! `sql/conflicts.sql`), none lost past the in-memory cap, idempotent re-audits with history, a schema
//! that migrates, and faults (a foreign file, a killed run, two runs at once) that never corrupt it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hotline::document::Document;
use hotline::model::{Conflict, ConflictKind};
use hotline::reference::Reference;
use hotline::run::{DocumentResult, Run, RunOptions, Sink, Summary};
use hotline::store::{rows_of, Store};

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hotline-store-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Hands every record to two sinks.
struct Both<'a>(&'a mut dyn Sink, &'a mut dyn Sink);

impl Sink for Both<'_> {
    fn document(&mut self, r: &DocumentResult) -> std::io::Result<()> {
        self.0.document(r)?;
        self.1.document(r)
    }
    fn documents_done(&mut self) -> std::io::Result<()> {
        self.0.documents_done()?;
        self.1.documents_done()
    }
    fn finish(&mut self, c: &[Conflict], s: &Summary) -> std::io::Result<()> {
        self.0.finish(c, s)?;
        self.1.finish(c, s)
    }
}

struct Nothing;

impl Sink for Nothing {
    fn document(&mut self, _: &DocumentResult) -> std::io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _: &[Conflict], _: &Summary) -> std::io::Result<()> {
        Ok(())
    }
}

/// Audits `docs` in memory and into the store at `db`; the in-memory run's outcome.
fn audit_into(db: &Path, docs: Vec<Document>) -> hotline::run::Outcome {
    let reference = Reference::embedded();
    let mut writer = Store::open(db).unwrap().writer(reference).unwrap();
    let mut nothing = Nothing;
    let outcome = {
        let mut sink = Both(&mut writer, &mut nothing);
        let mut run = Run::new(reference, RunOptions::default());
        run.audit_documents(docs, &mut sink).unwrap();
        run.finish(&mut sink).unwrap()
    };
    writer.close().unwrap();
    outcome
}

fn seeds() -> Vec<Document> {
    let mut docs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("fixtures/seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        docs.push(Document::new(p.display().to_string(), text));
    }
    docs
}

/// Pages of my own with every conflict kind: hours that cannot both be true, one number for two
/// companies, a role with two numbers, a number the reference does not list for the role, and an
/// address claimed under two roles.
fn own_pages() -> Vec<Document> {
    vec![
        Document::new(
            "own/a.txt",
            "京东客服\n京东客服热线：400-606-5500，服务时间 9:00-22:00\n客服邮箱：care-desk@jd.com\n",
        ),
        Document::new(
            "own/b.txt",
            "JD.com\n- Customer Service Hotline: 400-606-5500 (24/7)\n- JD PLUS member hotline: 400-026-0598\n",
        ),
        Document::new(
            "own/c.txt",
            "拼多多客服\n拼多多客服热线：400-606-5500\n拼多多客服热线：400-000-9999\n",
        ),
        Document::new(
            "own/d.txt",
            "京东热线\nPLUS 会员专属热线：400-656-0055\n京东投诉邮箱：care-desk@jd.com\n",
        ),
    ]
}

#[test]
fn the_store_gives_the_in_memory_conflicts_record_for_record() {
    let dir = temp("same");
    let db = dir.join("evidence.sqlite");
    let mut docs = seeds();
    docs.extend(own_pages());
    let outcome = audit_into(&db, docs);
    let store = Store::open_existing(&db).unwrap();
    let rows: std::collections::BTreeSet<_> = store.conflict_rows().unwrap().into_iter().collect();
    let kinds: std::collections::BTreeSet<ConflictKind> = rows.iter().map(|r| r.kind).collect();
    assert_eq!(kinds.len(), 3, "every kind is exercised: {rows:?}");
    assert_eq!(rows, rows_of(&outcome.conflicts));
    // Whole records too: the same groups, values, example claims and counts, in the same order.
    let stored = store.conflicts(Reference::embedded()).unwrap();
    assert_eq!(stored, outcome.conflicts);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A page claiming `n` distinct numbers for JD.com's customer service, from `first` on.
fn filler(name: &str, first: u64, n: u64) -> Document {
    let mut text = String::from("京东客服号码大全\n");
    for i in 0..n {
        let v = first + i;
        text.push_str(&format!(
            "京东客服热线：400-{:03}-{:04}\n",
            v / 10_000 % 1_000,
            v % 10_000
        ));
    }
    Document::new(name, text)
}

#[test]
fn conflicts_among_values_past_the_in_memory_cap_are_all_found() {
    let dir = temp("cap");
    let db = dir.join("evidence.sqlite");
    // 31,000 distinct values fill the in-memory index (30,000); then the planted conflicts.
    let mut docs: Vec<Document> = (0..31)
        .map(|i| filler(&format!("fill/{i}.txt"), 6_100_000 + i * 1_000, 1_000))
        .collect();
    let planted = ["400-690-0001", "400-690-0002", "400-690-0003"];
    for (i, v) in planted.iter().enumerate() {
        docs.push(Document::new(
            format!("late/jd-{i}.txt"),
            format!("京东\n京东客服热线：{v}\n"),
        ));
        docs.push(Document::new(
            format!("late/pdd-{i}.txt"),
            format!("拼多多\n拼多多客服热线：{v}\n"),
        ));
    }
    let outcome = audit_into(&db, docs);
    assert!(
        outcome.summary.not_cross_checked > 0,
        "the in-memory cap was reached"
    );
    let store = Store::open_existing(&db).unwrap();
    let found: Vec<String> = store
        .conflict_rows()
        .unwrap()
        .into_iter()
        .filter(|r| r.kind == ConflictKind::SameValueDifferentClaims)
        .map(|r| r.value)
        .collect();
    for v in planted {
        let e164 = format!("+86{}", v.replace('-', ""));
        assert!(found.contains(&e164), "{e164} in {found:?}");
        assert!(
            !outcome.conflicts.iter().any(|c| c.involves(&e164)),
            "the in-memory index could not see {e164}"
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn re_auditing_replaces_claims_and_keeps_history() {
    let dir = temp("again");
    let db = dir.join("evidence.sqlite");
    audit_into(&db, own_pages());
    let count = |sql: &str| -> i64 {
        let store = Store::open_existing(&db).unwrap();
        store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
    };
    let claims = count("SELECT COUNT(*) FROM claims");
    let sightings = count("SELECT COUNT(*) FROM sightings");
    assert!(claims > 0);
    audit_into(&db, own_pages());
    assert_eq!(count("SELECT COUNT(*) FROM claims"), claims, "not doubled");
    assert_eq!(count("SELECT COUNT(*) FROM documents"), 4);
    assert_eq!(count("SELECT COUNT(*) FROM sightings"), 2 * sightings);
    // A changed page replaces its old claims: c.txt no longer gives 400-000-9999.
    let mut pages = own_pages();
    pages[2] = Document::new("own/c.txt", "拼多多客服\n拼多多客服热线：400-606-5500\n");
    audit_into(&db, pages);
    assert_eq!(
        count("SELECT COUNT(*) FROM claims WHERE base = '+864000009999'"),
        0
    );
    let store = Store::open_existing(&db).unwrap();
    let stats = store.stats(10).unwrap();
    let last = stats.last_run.unwrap();
    assert_eq!(stats.runs, 3);
    assert_eq!(
        (last.audited, last.changed_documents, last.new_documents),
        (4, 1, 0)
    );
    assert_eq!(last.gone_examples, ["+864000009999"]);
    assert_eq!(last.new_values, 0);
    // History survives: the number was seen by one page, in two runs, and is claimed by none now.
    let seen = store.seen("+864000009999").unwrap();
    assert_eq!((seen.pages, seen.pages_ever), (0, 1));
    assert!(seen.first_seen.is_some());
    let seen = store.seen("+864006065500").unwrap();
    assert_eq!(seen.pages, 3);
    assert_eq!(seen.places.len(), 3);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_old_store_migrates_and_keeps_its_rows() {
    let dir = temp("migrate");
    let db = dir.join("evidence.sqlite");
    {
        // A version-1 store with a document in it, as an earlier build left it.
        let conn = rusqlite::Connection::open(&db).unwrap();
        drop(conn);
    }
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.version().unwrap(), hotline::store::SCHEMA_VERSION);
    drop(store);
    std::fs::remove_file(&db).unwrap();
    // Build version 1 by hand through the migration steps, then add a row only version 1 knows.
    store = Store::open(&db).unwrap();
    store
        .connection()
        .execute_batch("DROP TABLE official; PRAGMA user_version = 1;")
        .unwrap();
    store
        .connection()
        .execute(
            "INSERT INTO documents (name, hash, first_seen, last_seen, first_run, run)
             VALUES ('old.txt', '00', 1, 1, 1, 1)",
            [],
        )
        .unwrap();
    drop(store);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.version().unwrap(), 2);
    let n: i64 = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM documents WHERE name = 'old.txt'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1, "the migration kept the old rows");
    let official: i64 = store
        .connection()
        .query_row("SELECT COUNT(*) FROM official", [], |r| r.get(0))
        .unwrap();
    assert_eq!(official, 0, "the new table exists");
    // A store from a newer build is refused, and left as it was.
    store
        .connection()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    drop(store);
    let before = std::fs::read(&db).unwrap();
    let e = Store::open(&db).err().unwrap().to_string();
    assert!(
        e.contains("newer hotline") && e.contains("evidence.sqlite"),
        "{e}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    std::fs::remove_dir_all(dir).unwrap();
}

fn hotline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
}

#[test]
fn a_foreign_file_is_refused_by_name_and_left_untouched() {
    let dir = temp("foreign");
    let page = dir.join("page.txt");
    std::fs::write(&page, "京东客服热线：400-606-5500\n").unwrap();
    let junk = dir.join("notes.sqlite");
    std::fs::write(&junk, b"these are my notes, not a database\n").unwrap();
    let other = dir.join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE mine (x); INSERT INTO mine VALUES (1);")
            .unwrap();
    }
    for (file, why) in [
        (&junk, "not an SQLite database"),
        (&other, "not a hotline evidence store"),
    ] {
        let before = std::fs::read(file).unwrap();
        let o = hotline()
            .args([
                "audit",
                page.to_str().unwrap(),
                "--db",
                file.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(file.to_str().unwrap()) && err.contains(why),
            "{err}"
        );
        assert!(o.stdout.is_empty(), "nothing is audited");
        assert_eq!(std::fs::read(file).unwrap(), before, "nothing overwritten");
        for command in ["conflicts", "stats"] {
            let o = hotline()
                .args([command, "--db", file.to_str().unwrap()])
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&o.stderr).contains(why));
        }
    }
    let o = hotline()
        .args([
            "stats",
            "--db",
            dir.join("missing.sqlite").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.sqlite: no such store"));
    assert!(!dir.join("missing.sqlite").exists());
    std::fs::remove_dir_all(dir).unwrap();
}

/// A JSON Lines crawl of `n` small pages, each claiming its own number for JD.com.
fn crawl(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("crawl.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..n {
        writeln!(
            f,
            r#"{{"url":"https://pages.example/{i}","text":"京东客服\n京东客服热线：400-{:03}-{:04}\n营业时间以页面为准。"}}"#,
            600 + i / 10_000 % 100,
            i % 10_000
        )
        .unwrap();
    }
    f.flush().unwrap();
    path
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(Duration::from_secs(30)).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

/// The store's indexes on values that a first load builds at its end, by name.
fn value_indexes(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index'
               AND name IN ('claims_base', 'sightings_value') ORDER BY name",
        )
        .unwrap();
    let names = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap();
    names
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_killed_run_leaves_a_consistent_store_and_the_next_run_goes_on() {
    let dir = temp("kill");
    let n = 12_000;
    let input = crawl(&dir, n);
    let db = dir.join("evidence.sqlite");
    let mut child = hotline()
        .args([
            "audit",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .args(["-q", "-j", "1", "--fail-on", "never"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill it mid-run.
    let start = Instant::now();
    while !db.exists() || count(&db, "SELECT COUNT(*) FROM documents") < 2_000 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no batch was committed"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(integrity(&db), "ok");
    // A first load builds the value indexes at its end; this one never got there. The next command to
    // open the store (a reader, with no run writing) builds them.
    assert!(value_indexes(&db).is_empty(), "{:?}", value_indexes(&db));
    let o = hotline()
        .args(["conflicts", "--db", db.to_str().unwrap(), "-f", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(value_indexes(&db), ["claims_base", "sightings_value"]);
    let documents = count(&db, "SELECT COUNT(*) FROM documents");
    assert!(documents > 0 && (documents as usize) < n, "{documents}");
    // Every stored document has its claims: batches are whole.
    assert_eq!(count(&db, "SELECT COUNT(*) FROM claims"), documents);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM runs WHERE finished IS NULL"),
        1
    );
    next_run_completes(&input, &db, n);
    let o = hotline()
        .args(["stats", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("2 runs"), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A full disk mid-run (simulated in debug builds by capping the file's pages, which makes SQLite fail as
/// on a full disk) stops the run with an error naming the store, leaves whole batches in a consistent
/// store, and the next run goes on from it.
#[test]
fn a_full_disk_stops_the_run_clearly_and_the_store_stays_consistent() {
    let dir = temp("full");
    let n = 6_000;
    let input = crawl(&dir, n);
    let db = dir.join("evidence.sqlite");
    drop(Store::open(&db).unwrap());
    let empty_pages = count(&db, "PRAGMA page_count");
    let o = hotline()
        .args([
            "audit",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .args(["-q", "-j", "1", "--fail-on", "never"])
        .env("HOTLINE_TEST_DB_MAX_PAGES", (empty_pages + 40).to_string())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("evidence.sqlite") && stderr.contains("disk is full"),
        "{stderr}"
    );
    assert_eq!(integrity(&db), "ok");
    let documents = count(&db, "SELECT COUNT(*) FROM documents");
    assert!((documents as usize) < n, "{documents}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM claims"), documents);
    next_run_completes(&input, &db, n);
    std::fs::remove_dir_all(dir).unwrap();
}

/// The run after one that stopped part-way (killed, or out of disk) finishes, and the store then holds
/// every one of the crawl's `n` documents once, each with its one claim.
fn next_run_completes(input: &Path, db: &Path, n: usize) {
    let o = hotline()
        .args([
            "audit",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .args(["-q", "--fail-on", "never"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_eq!(integrity(db), "ok");
    assert_eq!(count(db, "SELECT COUNT(*) FROM documents"), n as i64);
    assert_eq!(count(db, "SELECT COUNT(*) FROM claims"), n as i64);
}

/// A store holding one conflict of `n` competing values: `n` pages, each claiming its own number for
/// one organisation's labelled customer-service role (written straight into the tables: quicker
/// than auditing `n` pages).
fn store_with_one_huge_conflict(db: &Path, n: usize) {
    drop(Store::open(db).unwrap());
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(&format!(
        "BEGIN;
         WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < {n})
         INSERT INTO documents (id, name, hash, first_seen, last_seen, first_run, run)
           SELECT n, 'https://pages.example/' || n, 'h', 0, 0, 1, 1 FROM i;
         INSERT INTO claims (document, line, col, kind, raw, value, base, org, family, role,
                             role_source, signals, risk, seen, hash)
           SELECT id, 2, 1, 'phone', 'x', '+86400' || (1000000 + id), '+86400' || (1000000 + id),
                  'example-shop', 'example-shop', 'customer_service', 'label', '', 'low', 0, 'h'
           FROM documents;
         COMMIT;"
    ))
    .unwrap();
}

#[test]
fn one_huge_conflict_lists_its_first_values_and_counts_the_rest() {
    let dir = temp("huge");
    let db = dir.join("huge.sqlite");
    let n = 100_000;
    store_with_one_huge_conflict(&db, n);
    let conflicts = |args: &[&str]| {
        let o = hotline()
            .args(["conflicts", "--db", db.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(0), "{err}");
        (String::from_utf8(o.stdout).unwrap(), err)
    };
    let value = |i: usize| format!("+86400{}", 1_000_000 + i);

    let (jsonl, err) = conflicts(&["-f", "jsonl"]);
    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(lines.len(), 1, "one conflict record");
    let record: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(record["type"], "conflict");
    assert_eq!(record["kind"], "same_role_different_values");
    assert_eq!(record["org"], "example-shop");
    let values = record["values"].as_array().unwrap();
    assert_eq!(values.len(), 1_000);
    assert_eq!(values[0]["value"], value(1).as_str());
    assert_eq!(values[999]["value"], value(1_000).as_str());
    assert_eq!(values[0]["claims"][0]["doc"], "https://pages.example/1");
    assert_eq!(record["more_values"], n - 1_000);
    assert!(err.contains("1 conflict(s) list only their first 1000") && err.contains("--values 0"));

    let (json, _) = conflicts(&["-f", "json", "--values", "10"]);
    let all: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["values"].as_array().unwrap().len(), 10);
    assert_eq!(all[0]["more_values"], n - 10);

    let (text, _) = conflicts(&["--values", "10"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 10 + 1, "{text}");
    assert!(lines[1].starts_with(&format!("    {}  https://pages.example/1:2", value(1))));
    assert_eq!(lines[11], format!("    and {} more values", n - 10));

    let (csv, _) = conflicts(&["-f", "csv", "--values", "10"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    // (A cell starting with `+` is quoted against spreadsheet formulas.)
    assert_eq!(&rows[9][4], format!("'{}", value(10)).as_str());

    // `--values 0`: the whole record, nothing counted aside.
    let (jsonl, err) = conflicts(&["-f", "jsonl", "--values", "0"]);
    let record: serde_json::Value = serde_json::from_str(jsonl.trim_end()).unwrap();
    let values = record["values"].as_array().unwrap();
    assert_eq!(values.len(), n);
    assert_eq!(values[n - 1]["value"], value(n).as_str());
    assert!(record.get("more_values").is_none());
    assert!(err.is_empty(), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn two_runs_at_once_on_one_store_both_finish_and_never_corrupt_it() {
    let dir = temp("two");
    let n = 4_000;
    let input = crawl(&dir, n);
    let db = dir.join("evidence.sqlite");
    let spawn = || {
        hotline()
            .args([
                "audit",
                input.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ])
            .args(["-q", "-j", "1", "--fail-on", "never"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        // One waits for the other; if it waited too long it stops with a message naming the store.
        assert!(
            o.status.code() == Some(0)
                || (o.status.code() == Some(2)
                    && err.contains("evidence.sqlite")
                    && err.contains("another run")),
            "{:?} {err}",
            o.status
        );
    }
    assert_eq!(integrity(&db), "ok");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), n as i64);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM claims"),
        n as i64,
        "not doubled"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn audit_db_prints_as_usual_and_the_commands_read_the_store() {
    let dir = temp("cli");
    let db = dir.join("evidence.sqlite");
    let plain = hotline()
        .args([
            "audit",
            "fixtures/seeds",
            "-f",
            "jsonl",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    let stored = hotline()
        .args([
            "audit",
            "fixtures/seeds",
            "-f",
            "jsonl",
            "--fail-on",
            "never",
        ])
        .args(["--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(stored.status.code(), Some(0));
    assert_eq!(plain.stdout, stored.stdout, "the output does not change");
    let conflicts: Vec<String> = String::from_utf8_lossy(&plain.stdout)
        .lines()
        .filter(|l| l.contains(r#""type":"conflict""#))
        .map(str::to_string)
        .collect();
    let o = hotline()
        .args(["conflicts", "--db", db.to_str().unwrap(), "-f", "jsonl"])
        .output()
        .unwrap();
    let from_store: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(from_store, conflicts);
    let o = hotline()
        .args(["check", "400-656-0055", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Seen in the evidence store"), "{text}");
    assert!(text.contains("001_d1cf8ef2f5378ac3.txt:11"), "{text}");
    let o = hotline()
        .args([
            "check",
            "400-656-0055",
            "--db",
            db.to_str().unwrap(),
            "--lang",
            "zh",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("证据库中的记录"));
    let o = hotline()
        .args(["stats", "--db", db.to_str().unwrap(), "--lang", "zh"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("出现在最多页面上的未核实号码") && text.contains("+864006065500"),
        "{text}"
    );
    // Evidence rows from another machine load into a store with the same conflicts.
    let rows = hotline()
        .args([
            "audit",
            "fixtures/seeds",
            "-f",
            "evidence",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    let rows_file = dir.join("rows.jsonl");
    std::fs::write(&rows_file, &rows.stdout).unwrap();
    let imported = dir.join("imported.sqlite");
    let o = hotline()
        .args([
            "import",
            "--db",
            imported.to_str().unwrap(),
            rows_file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = hotline()
        .args([
            "conflicts",
            "--db",
            imported.to_str().unwrap(),
            "-f",
            "jsonl",
        ])
        .output()
        .unwrap();
    let from_import: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(from_import, conflicts);
    // A broken line is an error naming the file and line.
    std::fs::write(&rows_file, "{\"type\":\"claim\"}\n").unwrap();
    let o = hotline()
        .args([
            "import",
            "--db",
            imported.to_str().unwrap(),
            rows_file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("rows.jsonl:1"));
    std::fs::remove_dir_all(dir).unwrap();
}
