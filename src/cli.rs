//! The command line: argument parsing and wiring of library stages to printers. No logic of its own.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use hotline::audit::audit_document;
use hotline::check::{identify, Identified};
use hotline::claim::Summary;
use hotline::context::ReadOptions;
use hotline::crosscheck::CrossCheck;
use hotline::numbering::Region;
use hotline::reference::{Reference, ReferenceFile};
use hotline::report::{self, DocumentResult, Format};
use hotline::source::{self, Input};

/// Exit codes scripts can rely on.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Bad arguments, or nothing could be read.
    pub const USAGE: u8 = 2;
}

#[derive(Parser)]
#[command(
    name = "hotline",
    version,
    about = "Check phone numbers and email addresses that pages claim for a brand",
    long_about = "hotline reads pages (scraped articles, helpline directories, scam pages), finds every phone \
number and email address in them, normalizes them (E.164, lower-cased addresses), and works out which \
organisation and which role each is claimed for.\n\n\
Examples:\n  hotline check 400-656-0055          what is this number?\n  \
hotline audit fixtures/seeds        every contact in a folder of pages\n  \
hotline audit page.txt --format jsonl > claims.jsonl"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find and attribute every contact in pages (files, directories, `-` for standard input).
    #[command(
        after_help = "Exit codes: 0 success, 2 bad arguments or nothing could be read.\n\
Output: text on a terminal, JSON Lines otherwise (one object per line: claim, error, warning, summary)."
    )]
    Audit(AuditArgs),
    /// Explain one phone number or email address: normalized form, kind of number, what it means.
    #[command(
        after_help = "Numbers without + are read as dialled in --region (default CN).\n\
Exit codes: 0 answered, 2 not a phone number or email address."
    )]
    Check(CheckArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Jsonl,
    Json,
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
        }
    }
}

#[derive(clap::Args)]
struct AuditArgs {
    /// Files or directories to read (directories are walked recursively); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, short = 'f', value_enum)]
    format: Option<FormatArg>,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Read numbers whose country the page does not name as dialled in this region (ISO code, e.g. CN, GB).
    /// By default: CN for Chinese pages, else the home country of the page's brand.
    #[arg(long, value_parser = parse_region)]
    region: Option<Region>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    #[command(flatten)]
    reference: ReferenceArgs,
}

#[derive(clap::Args)]
struct ReferenceArgs {
    /// Extend the built-in reference with a CSV file (contacts, orgs or roles; told apart by the header).
    /// Repeatable: later files override earlier rows for the same org/channel/value.
    #[arg(long = "reference", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Use only the --reference files (and the built-in role vocabulary), not the built-in contacts and orgs.
    #[arg(long, requires = "files")]
    replace_reference: bool,
}

impl ReferenceArgs {
    fn load(&self) -> io::Result<Reference> {
        let files = self
            .files
            .iter()
            .map(|p| ReferenceFile::read(p))
            .collect::<Result<Vec<_>, _>>()
            .and_then(|files| Reference::load(&files, self.replace_reference))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        Ok(files)
    }
}

#[derive(clap::Args)]
struct CheckArgs {
    /// A phone number (`400-656-0055`, `+44 20 3865 9200`, `95588`) or an email address.
    value: String,
    /// The region a number without + is dialled in (ISO code).
    #[arg(long, default_value = "CN", value_parser = parse_region)]
    region: Region,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: CheckFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

fn parse_region(s: &str) -> Result<Region, String> {
    Region::by_id(&s.to_ascii_uppercase()).ok_or_else(|| {
        format!("`{s}` is not a region code (use ISO 3166 codes such as CN, GB, US)")
    })
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Audit(args) => audit(args),
        Command::Check(args) => check(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(exit::OK),
        Err(e) => {
            eprintln!("hotline: {e}");
            ExitCode::from(exit::USAGE)
        }
    }
}

/// How many inputs are audited together before their results are printed (bounds memory, keeps order).
const BATCH: usize = 256;

fn audit(args: AuditArgs) -> io::Result<u8> {
    if let Some(jobs) = args.jobs {
        // Fails only if the pool was already built, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(File::create(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
        })?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let format = args.format.map(Format::from).unwrap_or(if to_terminal {
        Format::Text
    } else {
        Format::Jsonl
    });
    let loaded;
    let reference: &Reference = if args.reference.files.is_empty() {
        Reference::embedded()
    } else {
        loaded = args.reference.load()?;
        &loaded
    };
    let mut printer = report::printer(format, out, to_terminal, reference);
    let mut index = CrossCheck::default();
    let options = ReadOptions {
        region: args.region,
    };
    let (inputs, errors) = source::expand(&args.paths);
    let mut summary = Summary {
        documents: errors.len(),
        failed: errors.len(),
        ..Summary::default()
    };
    for e in errors {
        printer.document(&DocumentResult {
            errors: vec![e],
            ..DocumentResult::default()
        })?;
    }
    for batch in inputs.chunks(BATCH) {
        let results: Vec<DocumentResult> = batch
            .par_iter()
            .map(|input| audit_input(input, reference, &options))
            .collect();
        for result in &results {
            summary.documents += 1;
            if result.errors.is_empty() {
                summary.audited += 1;
            } else {
                summary.failed += 1;
            }
            summary.count(&result.claims);
            summary.warnings += result.warnings.len();
            index.add(&result.claims);
            printer.document(result)?;
        }
    }
    let conflicts = index.conflicts(reference);
    summary.conflicts = conflicts.len();
    printer.finish(&conflicts, &summary)?;
    Ok(if summary.audited == 0 && summary.documents > 0 {
        exit::USAGE
    } else {
        exit::OK
    })
}

fn audit_input(input: &Input, reference: &Reference, options: &ReadOptions) -> DocumentResult {
    match source::read(input) {
        Ok(doc) => DocumentResult {
            claims: audit_document(&doc, reference, options),
            ..DocumentResult::default()
        },
        Err(e) => DocumentResult {
            errors: vec![e],
            ..DocumentResult::default()
        },
    }
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    match identify(&args.value, args.region) {
        Ok(answer) => {
            match args.format {
                CheckFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &answer)?;
                    writeln!(out)?;
                }
                CheckFormat::Text => print_identified(&mut out, &answer)?,
            }
            Ok(exit::OK)
        }
        Err(e) => {
            eprintln!("hotline: {}: {e}", args.value);
            Ok(exit::USAGE)
        }
    }
}

fn print_identified(out: &mut impl Write, a: &Identified) -> io::Result<()> {
    writeln!(out, "{}  ({})", a.display, a.value)?;
    if let (Some(region), Some(t)) = (&a.region, a.number_type) {
        writeln!(
            out,
            "  region: {region}, type: {}",
            t.as_str().replace('_', " ")
        )?;
    }
    if let Some(m) = &a.meaning {
        writeln!(out, "  {m}")?;
    }
    Ok(())
}
