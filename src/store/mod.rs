//! The evidence store (`--db FILE`): every claim of every run in SQLite, for complete cross-checks with
//! no cap, and for history (where and when a value was seen, what changed since the last run).
//!
//! - `documents`: one row per document name (path or URL), with its container, offset, content hash, the
//!   hash of its previous audit, when it was first and last seen and by which run.
//! - `claims`: the current claims ([`Row`]), replaced per document when it is audited again (idempotent).
//! - `sightings`: append-only (run, document, value, when, content hash), one per value a document
//!   claimed in a run: first and last seen, and what changed, survive re-audits.
//! - `official`: the reference's official values the last run compared against.
//! - `runs`: when each run started and finished (NULL: stopped part-way).
//!
//! Writes are batched in transactions (`BATCH` documents each; a document's rows are never split), in WAL
//! mode with `synchronous = NORMAL`: readers are never blocked, and a run killed part-way leaves every
//! batch it committed and nothing half-written. A second writer waits (`busy_timeout`) and then stops
//! with a message naming the store. The schema version is `PRAGMA user_version`, migrated step by step.

mod row;

use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

pub use self::row::{hex, officials, Official, Row};
use crate::model::{base_value, ClaimRef, Conflict, ConflictKind, ConflictValue, Listed, Status};
use crate::reference::{Channel, Reference};
use crate::run::{DocumentResult, Sink, Summary};

/// The three conflict kinds in SQL, shared with the Spark job.
pub const CONFLICTS_SQL: &str = include_str!("../../sql/conflicts.sql");

/// `PRAGMA application_id` of a hotline store ("HLev"): tells our stores from other SQLite files.
const APPLICATION_ID: i32 = 0x484c_6576;

/// Documents per transaction.
const BATCH: usize = 2_000;

/// The indexes on values (a phone number or address): filled in random order, so on a large store every
/// insert touches a page that is no longer in SQLite's page cache. A first load into an empty store
/// drops them and builds each once at the end of the run, by sorting (`Sink::documents_done`); a store
/// whose first load was stopped part-way gets them back when it is next opened ([`Store::open`]).
const VALUE_INDEXES: &[(&str, &str)] = &[
    (
        "claims_base",
        "CREATE INDEX IF NOT EXISTS claims_base ON claims(base)",
    ),
    (
        "sightings_value",
        "CREATE INDEX IF NOT EXISTS sightings_value ON sightings(value)",
    ),
];

/// How long a run waits for another one writing to the same store.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Claims kept per competing value in a conflict record (as the in-memory cross-check keeps).
const EXAMPLES: usize = 6;

/// Competing values listed per conflict record by `hotline conflicts` (the rest are counted), unless
/// `--values` says otherwise.
pub const VALUES_SHOWN: usize = 1_000;

/// Pages listed by `seen` (the rest are counted).
pub const SEEN_PAGES: usize = 20;

/// The schema, one step per version: step `i` takes a store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: documents, current claims, sightings, runs.
    "CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started INTEGER NOT NULL,
        finished INTEGER,
        documents INTEGER NOT NULL DEFAULT 0,
        claims INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        container TEXT,
        offset INTEGER,
        container_line INTEGER,
        hash TEXT NOT NULL,
        previous_hash TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        first_run INTEGER NOT NULL,
        run INTEGER NOT NULL
    );
    CREATE TABLE claims (
        document INTEGER NOT NULL REFERENCES documents(id),
        line INTEGER NOT NULL,
        col INTEGER NOT NULL,
        kind TEXT NOT NULL,
        raw TEXT NOT NULL,
        value TEXT NOT NULL,
        base TEXT NOT NULL,
        org TEXT,
        org_name TEXT,
        family TEXT,
        role TEXT,
        role_source TEXT,
        label TEXT,
        hours TEXT,
        hours_canonical TEXT,
        channel TEXT,
        verdict TEXT,
        signals TEXT NOT NULL,
        risk TEXT NOT NULL,
        seen INTEGER NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX claims_document ON claims(document);
    CREATE INDEX claims_base ON claims(base);
    CREATE TABLE sightings (
        run INTEGER NOT NULL,
        document INTEGER NOT NULL REFERENCES documents(id),
        value TEXT NOT NULL,
        seen INTEGER NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX sightings_value ON sightings(value);
    CREATE INDEX sightings_document ON sightings(document, run, value);",
    // 2: the reference's official values, so that the conflict kinds can be computed in SQL.
    "CREATE TABLE official (
        org TEXT NOT NULL,
        role TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL
    );",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Why the store could not be used; always names the file.
#[derive(Debug)]
pub struct StoreError {
    pub path: PathBuf,
    pub why: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--db {}: {}", self.path.display(), self.why)
    }
}

impl std::error::Error for StoreError {}

impl From<StoreError> for io::Error {
    fn from(e: StoreError) -> io::Error {
        io::Error::other(e.to_string())
    }
}

/// An open evidence store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating it if the file does not exist (or is empty), and migrating it
    /// to this build's schema. A file that is not a hotline store (another program's SQLite database,
    /// anything else) is refused with nothing written to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true)
    }

    /// Opens an existing store for reading (`conflicts`, `stats`), migrating it: a missing file is an
    /// error rather than a new store.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, false)
    }

    /// Opens an existing store for reading only (`check --db`, `serve --db`), shared with any run writing
    /// to it at the same time (WAL: a reader never blocks the writer, nor the writer it). Nothing is
    /// written, not even a migration: a store of an older schema is read as it is (what `seen` reads has
    /// not changed since version 1). A missing or empty file, or one that is not a hotline store, is an
    /// error naming the file.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let fail = |why: String| StoreError {
            path: path.to_path_buf(),
            why,
        };
        if Store::probe(path, false)? {
            return Err(fail(
                "is empty: not a hotline evidence store yet (make one with `hotline audit ... --db FILE`)"
                    .into(),
            ));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| fail(sqlite_why(&e)))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(sqlite_why(&e)))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let pragma = |name: &str| -> Result<i32, StoreError> {
            store
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .map_err(|e| store.sql(e))
        };
        let (app, version) = (pragma("application_id")?, pragma("user_version")?);
        if app != APPLICATION_ID || version < 1 {
            return Err(store.fail(
                "an SQLite database, but not a hotline evidence store; nothing was written to it",
            ));
        }
        if version > SCHEMA_VERSION {
            return Err(store.fail(format!(
                "made by a newer hotline (schema version {version}; this one reads up to {SCHEMA_VERSION})"
            )));
        }
        Ok(store)
    }

    /// Checks what is at `path` before SQLite opens it: `Ok(true)` when there is nothing yet (no file, with
    /// `create`, or an empty one), `Ok(false)` for an SQLite database; anything else is refused.
    fn probe(path: &Path, create: bool) -> Result<bool, StoreError> {
        let fail = |why: String| StoreError {
            path: path.to_path_buf(),
            why,
        };
        Ok(match std::fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if !create {
                    return Err(fail(
                        "no such store (make one with `hotline audit ... --db FILE`)".into(),
                    ));
                }
                true
            }
            Err(e) => return Err(fail(format!("cannot read: {e}"))),
            Ok(m) if m.is_dir() => return Err(fail("is a directory, not a store".into())),
            Ok(m) if m.len() == 0 => true,
            Ok(_) => {
                let mut head = [0u8; 16];
                let read = std::fs::File::open(path)
                    .and_then(|mut f| f.read_exact(&mut head))
                    .map_err(|e| fail(format!("cannot read: {e}")));
                if read.is_err() || &head != b"SQLite format 3\0" {
                    return Err(fail(
                        "not a hotline evidence store (not an SQLite database); nothing was written to it"
                            .into(),
                    ));
                }
                false
            }
        })
    }

    fn open_with(path: &Path, create: bool) -> Result<Store, StoreError> {
        let fail = |why: String| StoreError {
            path: path.to_path_buf(),
            why,
        };
        Store::probe(path, create)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| fail(sqlite_why(&e)))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(sqlite_why(&e)))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_and_migrate()?;
        store.restore_indexes(create)?;
        store.limit_size_for_tests()?;
        Ok(store)
    }

    /// A full disk, for tests of the binary: `HOTLINE_TEST_DB_MAX_PAGES` caps the file at that many pages,
    /// so writes past it fail as they would on a full disk (SQLite's "database or disk is full"). Honoured
    /// only in debug builds, like the run's other test faults.
    fn limit_size_for_tests(&self) -> Result<(), StoreError> {
        let pages = std::env::var("HOTLINE_TEST_DB_MAX_PAGES").ok();
        match pages.and_then(|p| p.parse::<u32>().ok()) {
            Some(pages) if cfg!(debug_assertions) => self
                .conn
                .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
                .map_err(|e| self.sql(e)),
            _ => Ok(()),
        }
    }

    fn fail(&self, why: impl Into<String>) -> StoreError {
        StoreError {
            path: self.path.clone(),
            why: why.into(),
        }
    }

    fn sql(&self, e: rusqlite::Error) -> StoreError {
        self.fail(sqlite_why(&e))
    }

    fn check_and_migrate(&mut self) -> Result<(), StoreError> {
        // One read transaction for the three, so that another run creating the store at the same time is
        // seen before or after its creation, never halfway (its tables without its application id).
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| StoreError {
            path: path.clone(),
            why: sqlite_why(&e),
        };
        let (app, version, tables) = {
            let tx = self.conn.transaction().map_err(fail)?;
            let read = |sql: &str| tx.query_row(sql, [], |r| r.get::<_, i64>(0));
            let read_all = || -> rusqlite::Result<(i64, i64, i64)> {
                Ok((
                    read("PRAGMA application_id")?,
                    read("PRAGMA user_version")?,
                    read("SELECT COUNT(*) FROM sqlite_master")?,
                ))
            };
            let all = read_all().map_err(fail)?;
            tx.commit().map_err(fail)?;
            all
        };
        let (app, version) = (app as i32, version as i32);
        if app != APPLICATION_ID && !(app == 0 && version == 0 && tables == 0) {
            return Err(self.fail(
                "an SQLite database, but not a hotline evidence store; nothing was written to it",
            ));
        }
        if version > SCHEMA_VERSION {
            return Err(self.fail(format!(
                "made by a newer hotline (schema version {version}; this one reads up to {SCHEMA_VERSION})"
            )));
        }
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| self.sql(e))?;
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| self.sql(e))?;
        self.migrate_to(SCHEMA_VERSION)
    }

    /// The value indexes missing from the store (a first load in progress, or one that was stopped).
    fn missing_indexes(&self) -> Result<Vec<&'static str>, StoreError> {
        let mut missing = Vec::new();
        for (name, create) in VALUE_INDEXES {
            let present: bool = self
                .conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1)",
                    [name],
                    |r| r.get(0),
                )
                .map_err(|e| self.sql(e))?;
            if !present {
                missing.push(*create);
            }
        }
        Ok(missing)
    }

    /// Builds the value indexes a stopped first load left out. A writer waits for the lock as it would
    /// to write; a reader (`wait == false`) only builds them if no run is writing now, so that it is never
    /// blocked (its queries are then slower, not wrong).
    fn restore_indexes(&mut self, wait: bool) -> Result<(), StoreError> {
        let missing = self.missing_indexes()?;
        if missing.is_empty() {
            return Ok(());
        }
        if !wait {
            self.conn
                .busy_timeout(Duration::ZERO)
                .map_err(|e| self.sql(e))?;
        }
        let built = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            for create in &missing {
                tx.execute_batch(create)?;
            }
            tx.commit()
        })();
        if !wait {
            self.conn
                .busy_timeout(BUSY_TIMEOUT)
                .map_err(|e| self.sql(e))?;
        }
        match built {
            Err(e)
                if !wait
                    && matches!(
                        e.sqlite_error_code(),
                        Some(
                            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                        )
                    ) =>
            {
                Ok(())
            }
            other => other.map_err(|e| self.sql(e)),
        }
    }

    /// Applies the migrations from the store's version up to `target`, each in its own transaction.
    pub fn migrate_to(&mut self, target: i32) -> Result<(), StoreError> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| StoreError {
            path: path.clone(),
            why: sqlite_why(&e),
        };
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(fail)?;
            let version: i32 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(fail)?;
            if version >= target {
                return Ok(());
            }
            tx.execute_batch(MIGRATIONS[version as usize])
                .map_err(fail)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(fail)?;
            tx.pragma_update(None, "user_version", version + 1)
                .map_err(fail)?;
            tx.commit().map_err(fail)?;
        }
    }

    /// The schema version of the open store.
    pub fn version(&self) -> Result<i32, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    /// The connection, for tests and tools that inspect the store.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A writer for one run: a [`Sink`] that stores each document's claims as they are handed over.
    pub fn writer(self, reference: &Reference) -> Result<StoreWriter<'_>, StoreError> {
        let started = now();
        self.conn
            .execute("INSERT INTO runs (started) VALUES (?1)", [started])
            .map_err(|e| self.sql(e))?;
        let run = self.conn.last_insert_rowid();
        let mut writer = StoreWriter {
            store: self,
            reference,
            run,
            pending: 0,
            documents: 0,
            claims: 0,
            in_transaction: false,
            newest: 0,
        };
        writer.begin()?;
        writer.defer_indexes_if_empty()?;
        writer.replace_officials(&officials(reference))?;
        Ok(writer)
    }

    /// The conflicts across every claim the store holds, with no cap, in the order the in-memory
    /// cross-check gives them; `reference` fills in the official rows of reference disagreements.
    /// Holds them all: for a store with very large conflicts, [`Store::each_conflict`] streams them.
    pub fn conflicts(&self, reference: &Reference) -> Result<Vec<Conflict>, StoreError> {
        let mut out = Vec::new();
        self.each_conflict(reference, None, |c| {
            out.push(c.conflict);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Hands over the store's conflicts one at a time, in the order of [`Store::conflicts`]: only one
    /// record is held at once. With `shown = Some(n)`, a record lists its first `n` competing values and
    /// counts the rest in `more_values` (a role claimed with a million numbers is then a record of `n`
    /// values, not of a million).
    pub fn each_conflict<E: From<StoreError>>(
        &self,
        reference: &Reference,
        shown: Option<usize>,
        mut emit: impl FnMut(StoredConflict) -> Result<(), E>,
    ) -> Result<(), E> {
        let shown = shown.map(|n| n.max(1));
        // The order of `conflict_rows`, given by SQLite's sorter (which spills to disk) rather than by
        // sorting the rows in memory.
        let sql = format!(
            "SELECT conflict, org, role, claim_kind, value, claims FROM (\n{CONFLICTS_SQL}\n)
             ORDER BY CASE conflict WHEN 'same_role_different_values' THEN 0
                                    WHEN 'same_value_different_claims' THEN 1 ELSE 2 END,
                      org, role, COALESCE(claim_kind = 'email', 0), value"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.sql(e))?;
        let mut current: Option<StoredConflict> = None;
        let mut last_group = None;
        while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
            let r = self.conflict_row(row)?;
            let group = (r.kind != ConflictKind::SameValueDifferentClaims)
                .then(|| (r.kind, r.org.clone(), r.role.clone(), r.claim_kind.clone()));
            if let Some(c) = current
                .as_mut()
                .filter(|_| group.is_some() && group == last_group)
            {
                if shown.is_some_and(|n| c.conflict.values.len() >= n) {
                    c.more_values += 1;
                } else {
                    c.conflict.values.push(self.conflict_value(&r)?);
                }
                continue;
            }
            if let Some(done) = current.take() {
                emit(done)?;
            }
            last_group = group;
            let listed = match (r.kind, &r.org, &r.role) {
                (ConflictKind::ReferenceDisagreement, Some(org), Some(role)) => {
                    official_listed(reference, org, role, r.claim_kind.as_deref())
                }
                _ => Vec::new(),
            };
            let value = self.conflict_value(&r)?;
            current = Some(StoredConflict {
                conflict: Conflict {
                    kind: r.kind,
                    org: r.org,
                    role: r.role,
                    values: vec![value],
                    reference: listed,
                },
                more_values: 0,
            });
        }
        if let Some(done) = current {
            emit(done)?;
        }
        Ok(())
    }

    fn conflict_row(&self, r: &rusqlite::Row<'_>) -> Result<ConflictRow, StoreError> {
        let get = || -> rusqlite::Result<_> {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
            ))
        };
        let (kind, org, role, claim_kind, value, claims) = get().map_err(|e| self.sql(e))?;
        let Some(kind) = conflict_kind(&kind) else {
            return Err(self.fail(format!("sql/conflicts.sql gave an unknown kind `{kind}`")));
        };
        Ok(ConflictRow {
            kind,
            org,
            role,
            claim_kind,
            value,
            claims: claims.max(0) as usize,
        })
    }

    /// The rows `sql/conflicts.sql` gives over the store, sorted as the in-memory cross-check orders
    /// its conflicts.
    pub fn conflict_rows(&self) -> Result<Vec<ConflictRow>, StoreError> {
        let mut stmt = self.conn.prepare(CONFLICTS_SQL).map_err(|e| self.sql(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
            out.push(self.conflict_row(row)?);
        }
        // As the in-memory cross-check orders them: by kind, organisation, role, phones before addresses.
        out.sort_by(|a, b| {
            let key = |r: &ConflictRow| r.claim_kind.as_deref() == Some("email");
            (a.kind, &a.org, &a.role, key(a), &a.value).cmp(&(
                b.kind,
                &b.org,
                &b.role,
                key(b),
                &b.value,
            ))
        });
        Ok(out)
    }

    /// One competing value of a conflict, with up to `EXAMPLES` of the claims that make it.
    fn conflict_value(&self, r: &ConflictRow) -> Result<ConflictValue, StoreError> {
        let labelled = "CASE WHEN c.role_source = 'label' THEN c.role END";
        let sql = format!(
            "SELECT DISTINCT d.name, c.line, c.org, {labelled}, c.hours
             FROM claims c JOIN documents d ON d.id = c.document
             WHERE c.base = ?1 AND c.kind <> 'invalid_phone' AND c.org IS NOT NULL
               AND (?2 IS NULL OR (c.org = ?2 AND {labelled} = ?3 AND c.kind = ?4))
             ORDER BY d.name, c.line, c.org, 4, c.hours
             LIMIT {EXAMPLES}"
        );
        let group = r.kind != ConflictKind::SameValueDifferentClaims;
        let (org, role, kind) = if group {
            (r.org.as_deref(), r.role.as_deref(), r.claim_kind.as_deref())
        } else {
            (None, None, None)
        };
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let claims = stmt
            .query_map(params![r.value, org, role, kind], |row| {
                Ok(ClaimRef {
                    doc: row.get::<_, String>(0)?.into(),
                    line: row.get::<_, i64>(1)? as usize,
                    org: row.get(2)?,
                    role: row.get(3)?,
                    hours: row.get(4)?,
                })
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        Ok(ConflictValue {
            value: r.value.clone(),
            more: r.claims.saturating_sub(claims.len()),
            claims,
        })
    }

    /// Where a value was seen: pages, first and last seen, and what each page claims (the first
    /// `SEEN_PAGES`, newest first).
    pub fn seen(&self, value: &str) -> Result<Seen, StoreError> {
        let base = base_value(value);
        let (pages_ever, first, last): (i64, Option<i64>, Option<i64>) = self
            .conn
            .query_row(
                "SELECT COUNT(DISTINCT document), MIN(seen), MAX(seen) FROM sightings WHERE value = ?1",
                [base],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.sql(e))?;
        let (pages, claims): (i64, i64) = self
            .conn
            .query_row(
                "SELECT COUNT(DISTINCT document), COUNT(*) FROM claims WHERE base = ?1",
                [base],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sql(e))?;
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT d.name, c.line, c.org, c.org_name, c.role, c.label, c.hours, c.verdict,
                        c.risk, c.signals, c.seen
                 FROM claims c JOIN documents d ON d.id = c.document
                 WHERE c.base = ?1
                 ORDER BY c.seen DESC, d.name, c.line
                 LIMIT {SEEN_PAGES}"
            ))
            .map_err(|e| self.sql(e))?;
        let places = stmt
            .query_map([base], |r| {
                Ok(Place {
                    doc: r.get(0)?,
                    line: r.get::<_, i64>(1)? as usize,
                    org: r.get(2)?,
                    org_name: r.get(3)?,
                    role: r.get(4)?,
                    label: r.get(5)?,
                    hours: r.get(6)?,
                    verdict: r.get(7)?,
                    risk: r.get(8)?,
                    signals: r.get(9)?,
                    seen: date(r.get(10)?),
                })
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        Ok(Seen {
            value: base.to_string(),
            pages: pages as usize,
            claims: claims as usize,
            pages_ever: pages_ever as usize,
            first_seen: first.map(date),
            last_seen: last.map(date),
            places,
        })
    }

    /// The analyst's first questions: the most repeated unverified numbers, the most impersonated
    /// organisations, and what changed in the last run.
    pub fn stats(&self, top: usize) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(|e| self.sql(e))
        };
        let documents = count("SELECT COUNT(*) FROM documents")?;
        let claims = count("SELECT COUNT(*) FROM claims")?;
        let runs = count("SELECT COUNT(*) FROM runs")?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT base, MIN(org), COUNT(DISTINCT document) AS pages FROM claims
                 WHERE verdict = 'unverified' AND kind = 'phone' AND org IS NOT NULL
                 GROUP BY base ORDER BY pages DESC, base LIMIT ?1",
            )
            .map_err(|e| self.sql(e))?;
        let unverified = stmt
            .query_map([top as i64], |r| {
                Ok(Repeated {
                    value: r.get(0)?,
                    org: r.get(1)?,
                    pages: r.get::<_, i64>(2)? as usize,
                })
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        // Impersonated: contacts claimed for an organisation that the reference does not list as its
        // own (unverified), lists as another's (wrong_org) or as a scam's.
        let mut stmt = self
            .conn
            .prepare(
                "SELECT org, COUNT(DISTINCT base) AS n, COUNT(DISTINCT document) FROM claims
                 WHERE org IS NOT NULL AND verdict IN ('unverified', 'wrong_org', 'reported_scam')
                 GROUP BY org ORDER BY n DESC, org LIMIT ?1",
            )
            .map_err(|e| self.sql(e))?;
        let impersonated = stmt
            .query_map([top as i64], |r| {
                Ok(Impersonated {
                    org: r.get(0)?,
                    values: r.get::<_, i64>(1)? as usize,
                    pages: r.get::<_, i64>(2)? as usize,
                })
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        let last = self
            .conn
            .query_row(
                "SELECT id, started, finished FROM runs ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let changes = match last {
            None => None,
            Some((run, started, finished)) => Some(self.changes(run, started, finished, top)?),
        };
        Ok(Stats {
            runs,
            documents,
            claims,
            unverified,
            impersonated,
            last_run: changes,
        })
    }

    fn changes(
        &self,
        run: i64,
        started: i64,
        finished: Option<i64>,
        top: usize,
    ) -> Result<Changes, StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            self.conn
                .query_row(sql, [run], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(|e| self.sql(e))
        };
        let audited = count("SELECT COUNT(*) FROM documents WHERE run = ?1")?;
        let new_documents =
            count("SELECT COUNT(*) FROM documents WHERE run = ?1 AND first_run = ?1")?;
        let changed_documents = count(
            "SELECT COUNT(*) FROM documents
             WHERE run = ?1 AND first_run <> ?1 AND previous_hash IS NOT NULL AND previous_hash <> hash",
        )?;
        let values = |sql: &str| -> Result<(usize, Vec<String>), StoreError> {
            let mut stmt = self.conn.prepare(sql).map_err(|e| self.sql(e))?;
            let all: Vec<String> = stmt
                .query_map([run], |r| r.get(0))
                .map_err(|e| self.sql(e))?
                .collect::<Result<_, _>>()
                .map_err(|e| self.sql(e))?;
            let n = all.len();
            Ok((n, all.into_iter().take(top).collect()))
        };
        let (new_values, new_examples) = values(
            "SELECT value FROM sightings GROUP BY value HAVING MIN(run) = ?1 ORDER BY value",
        )?;
        // Values a re-audited document claimed at its previous audit and no longer claims.
        let (gone_values, gone_examples) = values(
            "SELECT DISTINCT s.value FROM documents d JOIN sightings s ON s.document = d.id
             WHERE d.run = ?1 AND d.first_run <> ?1
               AND s.run = (SELECT MAX(p.run) FROM sightings p WHERE p.document = d.id AND p.run < ?1)
               AND NOT EXISTS (SELECT 1 FROM sightings n
                               WHERE n.document = d.id AND n.run = ?1 AND n.value = s.value)
             ORDER BY s.value",
        )?;
        Ok(Changes {
            run: run as usize,
            started: date(started),
            finished: finished.map(date),
            audited,
            new_documents,
            changed_documents,
            new_values,
            new_examples,
            gone_values,
            gone_examples,
        })
    }

    /// Loads claim rows (from `--format evidence`, or the Spark job's output as JSON Lines) into the
    /// store, as one run. Each line is a `{"type":"claim",...}` or `{"type":"official",...}` record; a
    /// broken line is an error naming it.
    pub fn import(
        self,
        name: &str,
        input: impl io::BufRead,
        reference: &Reference,
    ) -> Result<(Store, Imported), StoreError> {
        let mut writer = self.writer(reference)?;
        let mut imported = Imported::default();
        let mut officials_seen: Vec<Official> = Vec::new();
        // A document's rows arrive together (the audit writes them so); each document is stored once.
        let mut rows: Vec<Row> = Vec::new();
        for (i, line) in input.lines().enumerate() {
            let line = line.map_err(|e| writer.store.fail(format!("{name}: cannot read: {e}")))?;
            if line.trim().is_empty() {
                continue;
            }
            let record: Record = serde_json::from_str(&line).map_err(|e| {
                writer
                    .store
                    .fail(format!("{name}:{}: not an evidence record: {e}", i + 1))
            })?;
            match record {
                Record::Claim(row) => {
                    if rows
                        .first()
                        .is_some_and(|r| r.doc != row.doc || r.hash != row.hash)
                    {
                        writer.store_rows(&rows)?;
                        rows.clear();
                    }
                    rows.push(*row);
                    imported.claims += 1;
                }
                Record::Official(o) => officials_seen.push(o),
            }
        }
        if !rows.is_empty() {
            writer.store_rows(&rows)?;
        }
        if !officials_seen.is_empty() {
            officials_seen.sort();
            officials_seen.dedup();
            writer.replace_officials(&officials_seen)?;
        }
        imported.documents = writer.documents;
        Ok((writer.close()?, imported))
    }
}

/// A conflict as `hotline conflicts` prints it: the record, and how many competing values it has past
/// those it lists (`--values`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredConflict {
    #[serde(flatten)]
    pub conflict: Conflict,
    #[serde(skip_serializing_if = "is_zero")]
    pub more_values: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One row of `sql/conflicts.sql`: a competing value of a conflict, and how many claims make it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ConflictRow {
    pub kind: ConflictKind,
    pub org: Option<String>,
    pub role: Option<String>,
    /// `phone` or `email` for the kinds grouped by organisation and role; `None` for
    /// `same_value_different_claims`.
    pub claim_kind: Option<String>,
    pub value: String,
    pub claims: usize,
}

/// The rows a list of conflicts (the in-memory cross-check's) stands for, to compare with the SQL's.
/// The in-memory records do not carry the claims' kind: an address holds `@`, a number does not.
pub fn rows_of(conflicts: &[Conflict]) -> BTreeSet<ConflictRow> {
    let mut out = BTreeSet::new();
    for c in conflicts {
        for v in &c.values {
            let claim_kind = match c.kind {
                ConflictKind::SameValueDifferentClaims => None,
                _ => Some(
                    if v.value.contains('@') {
                        "email"
                    } else {
                        "phone"
                    }
                    .to_string(),
                ),
            };
            out.insert(ConflictRow {
                kind: c.kind,
                org: c.org.clone(),
                role: c.role.clone(),
                claim_kind,
                value: v.value.clone(),
                claims: v.claims.len() + v.more,
            });
        }
    }
    out
}

fn conflict_kind(s: &str) -> Option<ConflictKind> {
    [
        ConflictKind::SameRoleDifferentValues,
        ConflictKind::SameValueDifferentClaims,
        ConflictKind::ReferenceDisagreement,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
}

/// The reference's official rows for an organisation, role and kind, as a reference disagreement lists
/// them.
fn official_listed(
    reference: &Reference,
    org: &str,
    role: &str,
    kind: Option<&str>,
) -> Vec<Listed> {
    let channel = match kind {
        Some("email") => Channel::Email,
        _ => Channel::Phone,
    };
    reference
        .contacts
        .iter()
        .filter(|c| {
            c.org == org
                && c.channel == channel
                && c.status == Status::Official
                && c.role.as_deref() == Some(role)
        })
        .map(Listed::from)
        .collect()
}

/// A line of `--format evidence` (and of `hotline import`'s input).
#[derive(Debug, Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Claim(Box<Row>),
    Official(Official),
}

/// What `import` loaded.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub documents: usize,
    pub claims: usize,
}

/// A run's writer: stores each document as it is handed over, in batched transactions.
pub struct StoreWriter<'r> {
    store: Store,
    reference: &'r Reference,
    run: i64,
    pending: usize,
    documents: usize,
    claims: usize,
    in_transaction: bool,
    /// The highest document id in the store, read when each transaction begins (another run may have
    /// added documents between two of ours) and raised by each document this run adds. SQLite gives a
    /// new row an id above every existing one, so a document whose id is above it is new: it has no
    /// old claims or sightings to delete.
    newest: i64,
}

impl StoreWriter<'_> {
    fn begin(&mut self) -> Result<(), StoreError> {
        if !self.in_transaction {
            self.store
                .conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.store.sql(e))?;
            self.in_transaction = true;
            self.newest = self
                .store
                .conn
                .query_row("SELECT COALESCE(MAX(id), 0) FROM documents", [], |r| {
                    r.get(0)
                })
                .map_err(|e| self.store.sql(e))?;
        }
        Ok(())
    }

    /// A first load (no documents yet): drops the value indexes, which `build_indexes` makes at the end
    /// in one sort instead of one random insert per claim.
    fn defer_indexes_if_empty(&mut self) -> Result<(), StoreError> {
        if self.newest == 0 {
            let conn = &self.store.conn;
            conn.execute_batch(
                "DROP INDEX IF EXISTS claims_base; DROP INDEX IF EXISTS sightings_value;",
            )
            .map_err(|e| self.store.sql(e))?;
        }
        Ok(())
    }

    /// Makes the value indexes that a first load left out (nothing if they exist).
    fn build_indexes(&mut self) -> Result<(), StoreError> {
        for (_, create) in VALUE_INDEXES {
            self.store
                .conn
                .execute_batch(create)
                .map_err(|e| self.store.sql(e))?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        if self.in_transaction {
            self.store
                .conn
                .execute(
                    "UPDATE runs SET documents = ?2, claims = ?3 WHERE id = ?1",
                    params![self.run, self.documents as i64, self.claims as i64],
                )
                .map_err(|e| self.store.sql(e))?;
            self.store
                .conn
                .execute_batch("COMMIT")
                .map_err(|e| self.store.sql(e))?;
            self.in_transaction = false;
        }
        self.pending = 0;
        Ok(())
    }

    fn replace_officials(&mut self, officials: &[Official]) -> Result<(), StoreError> {
        let conn = &self.store.conn;
        conn.execute("DELETE FROM official", [])
            .map_err(|e| self.store.sql(e))?;
        let mut stmt = conn
            .prepare_cached("INSERT INTO official (org, role, kind, value) VALUES (?1, ?2, ?3, ?4)")
            .map_err(|e| self.store.sql(e))?;
        for o in officials {
            stmt.execute(params![o.org, o.role, o.kind, o.value])
                .map_err(|e| self.store.sql(e))?;
        }
        Ok(())
    }

    /// Stores one document: its row in `documents`, its claims replacing those of its previous audit, and
    /// one sighting per value it claims.
    pub fn store_document(&mut self, rows: &[Row], doc: &DocRef) -> Result<(), StoreError> {
        self.begin()?;
        let conn = &self.store.conn;
        let sql = |e| self.store.sql(e);
        let id: i64 = conn
            .prepare_cached(
                "INSERT INTO documents
                   (name, container, offset, container_line, hash, first_seen, last_seen, first_run, run)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7)
                 ON CONFLICT (name) DO UPDATE SET
                   container = excluded.container, offset = excluded.offset,
                   container_line = excluded.container_line,
                   previous_hash = CASE WHEN documents.run = excluded.run THEN documents.previous_hash
                                        ELSE documents.hash END,
                   hash = excluded.hash, last_seen = excluded.last_seen, run = excluded.run
                 RETURNING id",
            )
            .map_err(sql)?
            .query_row(
                params![
                    doc.name,
                    doc.container,
                    doc.offset,
                    doc.container_line,
                    doc.hash,
                    doc.seen,
                    self.run
                ],
                |r| r.get(0),
            )
            .map_err(sql)?;
        if id > self.newest {
            self.newest = id;
        } else {
            conn.prepare_cached("DELETE FROM claims WHERE document = ?1")
                .map_err(sql)?
                .execute([id])
                .map_err(sql)?;
            conn.prepare_cached("DELETE FROM sightings WHERE document = ?1 AND run = ?2")
                .map_err(sql)?
                .execute([id, self.run])
                .map_err(sql)?;
        }
        if !rows.is_empty() {
            let mut insert = conn
                .prepare_cached(
                    "INSERT INTO claims (document, line, col, kind, raw, value, base, org, org_name,
                       family, role, role_source, label, hours, hours_canonical, channel, verdict,
                       signals, risk, seen, hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                       ?17, ?18, ?19, ?20, ?21)",
                )
                .map_err(sql)?;
            for r in rows {
                insert
                    .execute(params![
                        id,
                        r.line,
                        r.col,
                        r.kind,
                        r.raw,
                        r.value,
                        r.base,
                        r.org,
                        r.org_name,
                        r.family,
                        r.role,
                        r.role_source,
                        r.label,
                        r.hours,
                        r.hours_canonical,
                        r.channel,
                        r.verdict,
                        r.signals,
                        r.risk,
                        r.seen,
                        r.hash
                    ])
                    .map_err(sql)?;
            }
            let mut sight = conn
                .prepare_cached(
                    "INSERT INTO sightings (run, document, value, seen, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(sql)?;
            let values: BTreeSet<&str> = rows.iter().map(|r| r.base.as_str()).collect();
            for v in values {
                sight
                    .execute(params![self.run, id, v, doc.seen, doc.hash])
                    .map_err(sql)?;
            }
        }
        self.documents += 1;
        self.claims += rows.len();
        self.pending += 1;
        if self.pending >= BATCH {
            self.commit()?;
        }
        Ok(())
    }

    /// Stores rows of one document (`import`).
    fn store_rows(&mut self, rows: &[Row]) -> Result<(), StoreError> {
        let r = &rows[0];
        let doc = DocRef {
            name: r.doc.clone(),
            container: r.container.clone(),
            offset: r.offset,
            container_line: r.container_line,
            hash: r.hash.clone(),
            seen: r.seen,
        };
        self.store_document(rows, &doc)
    }

    /// Commits what is pending and marks the run finished.
    pub fn close(mut self) -> Result<Store, StoreError> {
        self.begin()?;
        self.build_indexes()?;
        self.store
            .conn
            .execute(
                "UPDATE runs SET finished = ?2 WHERE id = ?1",
                params![self.run, now()],
            )
            .map_err(|e| self.store.sql(e))?;
        self.commit()?;
        Ok(self.store)
    }

    pub fn run_id(&self) -> i64 {
        self.run
    }
}

/// A document as the store records it.
#[derive(Debug, Clone)]
pub struct DocRef {
    pub name: String,
    pub container: Option<String>,
    pub offset: Option<i64>,
    pub container_line: Option<i64>,
    pub hash: String,
    pub seen: i64,
}

impl Sink for StoreWriter<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        // An unreadable input, or one whose audit failed, leaves the store's evidence as it was.
        let Some(info) = &result.document else {
            return Ok(());
        };
        if !result.errors.is_empty() {
            return Ok(());
        }
        let seen = now();
        let rows: Vec<Row> = result
            .claims
            .iter()
            .map(|c| Row::of(c, info, seen, self.reference))
            .collect();
        let doc = DocRef {
            name: info.name.clone(),
            container: info.origin.container.clone(),
            offset: info.origin.offset.map(|o| o as i64),
            container_line: info.origin.container_line.map(|l| l as i64),
            hash: hex(info.hash),
            seen,
        };
        self.store_document(&rows, &doc).map_err(io::Error::from)
    }

    /// A first load's value indexes are built here, before the run makes its conflict records, so that
    /// SQLite's sort and the records are not held at once.
    fn documents_done(&mut self) -> io::Result<()> {
        self.begin()?;
        self.build_indexes().map_err(io::Error::from)
    }

    fn finish(&mut self, _: &[Conflict], _: &Summary) -> io::Result<()> {
        self.begin()?;
        // Nothing to do if `documents_done` built them (a caller that does not call it still gets them).
        self.build_indexes()?;
        self.store
            .conn
            .execute(
                "UPDATE runs SET finished = ?2 WHERE id = ?1",
                params![self.run, now()],
            )
            .map_err(|e| io::Error::from(self.store.sql(e)))?;
        self.commit().map_err(io::Error::from)
    }
}

/// `--format evidence`: the store's claim rows as JSON Lines, then the official values compared against
/// (what the Spark job writes as Parquet, and `hotline import` loads).
pub struct EvidencePrinter<'w> {
    out: Box<dyn io::Write + 'w>,
    reference: &'w Reference,
}

impl<'w> EvidencePrinter<'w> {
    pub fn new(out: Box<dyn io::Write + 'w>, reference: &'w Reference) -> Self {
        EvidencePrinter { out, reference }
    }
}

impl Sink for EvidencePrinter<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        let Some(info) = &result.document else {
            return Ok(());
        };
        let seen = now();
        for c in &result.claims {
            let row = Row::of(c, info, seen, self.reference);
            serde_json::to_writer(&mut self.out, &Record::Claim(Box::new(row)))?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &[Conflict], _: &Summary) -> io::Result<()> {
        for o in officials(self.reference) {
            serde_json::to_writer(&mut self.out, &Record::Official(o))?;
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }
}

/// Where a value was seen, from the store.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Seen {
    pub value: String,
    /// Pages whose current audit claims it, and those claims.
    pub pages: usize,
    pub claims: usize,
    /// Pages that ever claimed it, in any run.
    pub pages_ever: usize,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// What the pages claim, newest first (at most `SEEN_PAGES`).
    pub places: Vec<Place>,
}

/// One page's claim of a value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Place {
    pub doc: String,
    pub line: usize,
    pub org: Option<String>,
    pub org_name: Option<String>,
    pub role: Option<String>,
    pub label: Option<String>,
    pub hours: Option<String>,
    pub verdict: Option<String>,
    pub risk: String,
    pub signals: String,
    pub seen: String,
}

/// `hotline stats`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    pub runs: usize,
    pub documents: usize,
    pub claims: usize,
    pub unverified: Vec<Repeated>,
    pub impersonated: Vec<Impersonated>,
    pub last_run: Option<Changes>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Repeated {
    pub value: String,
    pub org: String,
    pub pages: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Impersonated {
    pub org: String,
    /// Distinct contacts claimed for it that the reference does not list as its own.
    pub values: usize,
    pub pages: usize,
}

/// What the last run changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Changes {
    pub run: usize,
    pub started: String,
    /// `None`: the run was stopped part-way.
    pub finished: Option<String>,
    pub audited: usize,
    pub new_documents: usize,
    pub changed_documents: usize,
    /// Values seen for the first time, and the first of them.
    pub new_values: usize,
    pub new_examples: Vec<String>,
    /// Values that re-audited documents no longer claim, and the first of them.
    pub gone_values: usize,
    pub gone_examples: Vec<String>,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Unix seconds as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// An SQLite error in words a user can act on.
fn sqlite_why(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => format!(
            "another run is writing to this store; waited {} s for it (run them one after the other)",
            BUSY_TIMEOUT.as_secs()
        ),
        Some(ErrorCode::NotADatabase) => {
            "not a hotline evidence store (not an SQLite database); nothing was written to it".into()
        }
        Some(ErrorCode::DatabaseCorrupt) => format!("the store is damaged ({e})"),
        Some(ErrorCode::DiskFull) => {
            "the disk is full; the store keeps every batch committed before this one".into()
        }
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            format!("cannot write: {e}")
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_dates() {
        assert_eq!(date(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(date(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(date(1_796_212_800), "2026-12-02 12:00:00 UTC");
    }
}
