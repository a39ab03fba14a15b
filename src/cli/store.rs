//! The evidence store's commands: `conflicts`, `stats`, `import` (and `--db` for `audit` and `check`).

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use hotline::model::Lang;
use hotline::reference::Reference;
use hotline::report::{self, ConflictsCsv, TextPrinter};
use hotline::store::{Store, StoredConflict, VALUES_SHOWN};

use super::{earned, exit, load_reference, Config, LangArg, ReferenceArgs};

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ConflictsFormat {
    Text,
    Jsonl,
    Json,
    Csv,
}

#[derive(clap::Args)]
pub(crate) struct ConflictsArgs {
    /// The evidence store (`hotline audit ... --db FILE`).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: ConflictsFormat,
    /// Competing values listed per conflict; the rest are counted (`more_values`). 0 lists them all,
    /// which for a role claimed with millions of numbers takes memory in proportion.
    #[arg(long, default_value_t = VALUES_SHOWN, value_name = "N")]
    values: usize,
    #[command(flatten)]
    reference: ReferenceArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum StatsFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
pub(crate) struct StatsArgs {
    /// The evidence store (`hotline audit ... --db FILE`).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// How many entries each list holds.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// Language of the text.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: StatsFormat,
}

#[derive(clap::Args)]
pub(crate) struct ImportArgs {
    /// The evidence store to load into (created if missing).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Evidence rows as JSON Lines (`hotline audit -f evidence`, or the Spark job's `--json` output);
    /// `-` for standard input.
    #[arg(required = true)]
    rows: Vec<String>,
    #[command(flatten)]
    reference: ReferenceArgs,
}

/// `hotline conflicts --db FILE`: every conflict the store's claims hold, with no cap on how many;
/// each is written as it comes from the store, so only one is held at a time.
pub(crate) fn conflicts(args: ConflictsArgs, config: &Config) -> io::Result<u8> {
    let loaded = load_reference(&args.reference, config)?;
    let reference = loaded.as_ref().unwrap_or_else(|| Reference::embedded());
    let store = Store::open_existing(&args.db)?;
    let shown = (args.values > 0).then_some(args.values);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut capped = 0usize;
    let mut count = |c: &StoredConflict| capped += usize::from(c.more_values > 0);
    let written = (|| -> io::Result<()> {
        match args.format {
            ConflictsFormat::Text => {
                let mut printer = TextPrinter::new(Box::new(&mut out), false, false);
                store.each_conflict(reference, shown, |c| {
                    count(&c);
                    printer.write_conflict(&c.conflict)?;
                    if c.more_values > 0 {
                        printer.write_more_values(c.more_values)?;
                    }
                    Ok::<_, io::Error>(())
                })?;
            }
            ConflictsFormat::Jsonl => {
                #[derive(serde::Serialize)]
                struct Line<'a> {
                    #[serde(rename = "type")]
                    kind: &'static str,
                    #[serde(flatten)]
                    conflict: &'a StoredConflict,
                }
                store.each_conflict(reference, shown, |c| {
                    count(&c);
                    let line = Line {
                        kind: "conflict",
                        conflict: &c,
                    };
                    serde_json::to_writer(&mut out, &line)?;
                    out.write_all(b"\n")
                })?;
            }
            ConflictsFormat::Json => {
                use serde::ser::{SerializeSeq, Serializer};
                let mut json = serde_json::Serializer::pretty(&mut out);
                let mut seq = json.serialize_seq(None)?;
                store.each_conflict(reference, shown, |c| {
                    count(&c);
                    seq.serialize_element(&c).map_err(io::Error::from)
                })?;
                seq.end()?;
                out.write_all(b"\n")?;
            }
            ConflictsFormat::Csv => {
                let mut csv = ConflictsCsv::new(&mut out)?;
                store.each_conflict(reference, shown, |c| {
                    count(&c);
                    csv.write(&c.conflict)
                })?;
                csv.finish()?;
            }
        }
        out.flush()
    })();
    if capped > 0 && written.is_ok() {
        eprintln!(
            "hotline: {capped} conflict(s) list only their first {} competing values; \
             `--values 0` lists them all",
            args.values
        );
    }
    earned(written, exit::OK)
}

/// `hotline stats --db FILE`.
pub(crate) fn stats(args: StatsArgs) -> io::Result<u8> {
    let store = Store::open_existing(&args.db)?;
    let stats = store.stats(args.top.max(1))?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = (|| -> io::Result<()> {
        match args.format {
            StatsFormat::Text => report::render_stats(&mut out, &stats, Lang::from(args.lang))?,
            StatsFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &stats)?;
                out.write_all(b"\n")?;
            }
        }
        out.flush()
    })();
    earned(written, exit::OK)
}

/// `hotline import --db FILE ROWS...`: evidence rows (from another machine, or Spark) into the store.
pub(crate) fn import(args: ImportArgs, config: &Config) -> io::Result<u8> {
    let loaded = load_reference(&args.reference, config)?;
    let reference = loaded.as_ref().unwrap_or_else(|| Reference::embedded());
    let mut store = Store::open(&args.db)?;
    for name in &args.rows {
        let input: Box<dyn io::BufRead> = if name == "-" {
            Box::new(io::stdin().lock())
        } else {
            let file = File::open(name)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot read {name}: {e}")))?;
            Box::new(BufReader::new(file))
        };
        let imported;
        (store, imported) = store.import(name, input, reference)?;
        eprintln!(
            "hotline: {name}: {} claims of {} documents loaded into {}",
            imported.claims,
            imported.documents,
            args.db.display()
        );
    }
    Ok(exit::OK)
}
