//! The command line: argument parsing and wiring of library stages to printers. No logic of its own.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use hotline::audit::audit_document;
use hotline::check::{identify, Lang, Standing};
use hotline::claim::Summary;
use hotline::context::ReadOptions;
use hotline::crosscheck::CrossCheck;
use hotline::numbering::Region;
use hotline::reference::{Reference, ReferenceFile};
use hotline::report::{self, DocumentResult, Format};
use hotline::source::{self, Input};

/// Exit codes scripts can rely on.
pub mod exit {
    /// Success (for `check`: listed as official).
    pub const OK: u8 = 0;
    /// Flagged (for `check`: not listed as official).
    pub const FLAGGED: u8 = 1;
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
    /// Work with the curated reference of official contacts.
    #[command(subcommand)]
    Reference(ReferenceCommand),
}

#[derive(Subcommand)]
enum ReferenceCommand {
    /// Validate reference CSV files (contacts, orgs or roles) without auditing anything.
    #[command(
        after_help = "Each file is checked together with the built-in reference (so a contacts file \
may name built-in organisations). Exit codes: 0 valid, 1 invalid (the first problem is printed with its \
file, line and column), 2 unreadable."
    )]
    Check {
        /// The files to validate.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
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
    /// Also show where the value appears in these pages (files, directories, `-`) and what they claim.
    #[arg(long = "in", value_name = "PATH", num_args = 1..)]
    paths: Vec<String>,
    /// The region a number without + is dialled in (ISO code).
    #[arg(long, default_value = "CN", value_parser = parse_region)]
    region: Region,
    /// Language of the answer.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: CheckFormat,
    #[command(flatten)]
    reference: ReferenceArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Zh,
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
        Command::Reference(ReferenceCommand::Check { files }) => reference_check(&files),
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

fn reference_check(paths: &[PathBuf]) -> io::Result<u8> {
    let mut files = Vec::new();
    for p in paths {
        match ReferenceFile::read(p) {
            Ok(f) => files.push(f),
            Err(e) => {
                eprintln!("hotline: {e}");
                return Ok(exit::USAGE);
            }
        }
    }
    match Reference::load(&files, false) {
        Ok(r) => {
            println!(
                "ok: {} organisations, {} contacts, {} roles",
                r.orgs.len(),
                r.contacts.len(),
                r.roles.len()
            );
            Ok(exit::OK)
        }
        Err(e) => {
            eprintln!("hotline: {e}");
            Ok(exit::FLAGGED)
        }
    }
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let identified = match identify(&args.value, args.region) {
        Ok(identified) => identified,
        Err(e) => {
            eprintln!("hotline: {}: {e}", args.value);
            return Ok(exit::USAGE);
        }
    };
    let loaded;
    let reference: &Reference = if args.reference.files.is_empty() {
        Reference::embedded()
    } else {
        loaded = args.reference.load()?;
        &loaded
    };
    let options = ReadOptions::default();
    let (inputs, errors) = source::expand(&args.paths);
    for e in &errors {
        eprintln!("hotline: {}: {}", e.doc, e.message);
    }
    let results: Vec<DocumentResult> = inputs
        .par_iter()
        .map(|input| audit_input(input, reference, &options))
        .collect();
    let mut index = CrossCheck::default();
    let mut claims = Vec::new();
    for r in results {
        for e in &r.errors {
            eprintln!("hotline: {}: {}", e.doc, e.message);
        }
        index.add(&r.claims);
        claims.extend(r.claims);
    }
    let conflicts = index.conflicts(reference);
    let answer = hotline::check::answer(identified, reference, inputs.len(), &claims, &conflicts);
    let mut out = io::stdout().lock();
    match args.format {
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &answer)?;
            writeln!(out)?;
        }
        CheckFormat::Text => {
            let lang = match args.lang {
                LangArg::En => Lang::En,
                LangArg::Zh => Lang::Zh,
            };
            report::render_check(&mut out, &answer, lang, reference)?;
        }
    }
    Ok(if answer.standing == Standing::Official {
        exit::OK
    } else {
        exit::FLAGGED
    })
}
