//! The evidence store's commands: `conflicts`, `stats`, `import` (and `--db` for `audit` and `check`).

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use hotline::model::Lang;
use hotline::reference::Reference;
use hotline::report::{self, write_conflicts_csv, OutputRecord, TextPrinter};
use hotline::store::Store;

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

/// `hotline conflicts --db FILE`: every conflict the store's claims hold, with no cap.
pub(crate) fn conflicts(args: ConflictsArgs, config: &Config) -> io::Result<u8> {
    let loaded = load_reference(&args.reference, config)?;
    let reference = loaded.as_ref().unwrap_or_else(|| Reference::embedded());
    let store = Store::open_existing(&args.db)?;
    let conflicts = store.conflicts(reference)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = (|| -> io::Result<()> {
        match args.format {
            ConflictsFormat::Text => {
                let mut printer = TextPrinter::new(Box::new(&mut out), false, false);
                for c in &conflicts {
                    printer.write_conflict(c)?;
                }
            }
            ConflictsFormat::Jsonl => {
                for c in &conflicts {
                    serde_json::to_writer(&mut out, &OutputRecord::Conflict(c))?;
                    out.write_all(b"\n")?;
                }
            }
            ConflictsFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &conflicts)?;
                out.write_all(b"\n")?;
            }
            ConflictsFormat::Csv => write_conflicts_csv(&mut out, &conflicts)?,
        }
        out.flush()
    })();
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
