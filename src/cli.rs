//! The command line: argument parsing and wiring of library stages to printers. No logic of its own.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use hotline::answer::{answer, identify, Appearances, Standing};
use hotline::context::ReadOptions;
use hotline::document::ErrorRecord;
use hotline::model::{Conflict, Lang, Risk};
use hotline::numbering::Region;
use hotline::reference::{Reference, ReferenceFile};
use hotline::report::{self, write_conflicts_csv, OutputFormat};
use hotline::rules::{self, RULES};
use hotline::run::{guarded, DocumentResult, Run, RunOptions, Sink, Summary};
use hotline::source::{self, Input, InputFormat, SourceOptions};
use hotline::text::count;

/// Exit codes scripts can rely on.
pub mod exit {
    /// Success (for `check`: listed as official).
    pub const OK: u8 = 0;
    /// Flagged (for `check`: not listed as official; for `reference check`: invalid).
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
number and email address in them, normalizes them (E.164, lower-cased addresses), works out which \
organisation and role each is claimed for, checks them against a curated list of official contacts with \
sources, and finds where sources contradict each other.\n\n\
Examples:\n  hotline check 400-656-0055                      is this number official? what is it?\n  \
hotline check 400-656-0055 --in crawl/          ... and what do these pages claim it is?\n  \
hotline audit fixtures/seeds                    every contact in a folder of pages\n  \
hotline audit crawl/ -f jsonl -o claims.jsonl   machine-readable, one object per line\n  \
hotline reference check my-contacts.csv         validate your own reference file"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find, attribute and verify every contact in pages: text, HTML, WARC/WARC.gz, JSON Lines.
    #[command(
        after_help = "Inputs: files, directories (walked recursively, hidden and .gitignore'd files \
skipped), - for standard input, or --files-from LIST. Formats are detected by extension and content.\n\n\
Output: text on a terminal, JSON Lines otherwise: one object per line (claim, error, warning, then \
conflict records and a summary). Every document yields its claims or an error record.\n\n\
Exit codes: 0 success, 1 some claim reached the --fail-on risk level (default danger), 2 bad arguments \
or nothing could be read."
    )]
    Audit(AuditArgs),
    /// Is one phone number or email address official? What kind of number is it, and what do pages say?
    #[command(
        after_help = "Numbers without + are read as dialled in --region (default CN).\n\
Exit codes: 0 listed as official, 1 not listed as official (unverified, unconfirmed, former or reported), \
2 not a phone number or email address."
    )]
    Check(CheckArgs),
    /// Work with the curated reference of official contacts.
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// List the scam-signal rules: id, severity and what each flags.
    Rules,
    /// Explain a rule: what it flags, why it matters, its sources and examples.
    Explain {
        /// A rule id from `hotline rules` (e.g. tollfree-mismatch).
        rule: String,
    },
}

#[derive(Subcommand)]
enum ReferenceCommand {
    /// Validate reference CSV files (contacts, orgs or roles) without auditing anything.
    #[command(
        after_help = "The files are checked together with the built-in reference (so a contacts \
file may name built-in organisations). Exit codes: 0 valid, 1 invalid (the first problem is printed with \
its file, line and column), 2 unreadable."
    )]
    Check {
        /// The files to validate.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Caution,
    Danger,
    Never,
}

#[derive(clap::Args)]
struct AuditArgs {
    /// Files or directories to read; `-` reads standard input.
    #[arg(required_unless_present = "files_from")]
    paths: Vec<String>,
    /// Also read the paths listed in LIST, one per line (`-` for standard input).
    #[arg(long, value_name = "LIST")]
    files_from: Option<String>,
    /// Only read files in directories whose path matches GLOB (`*.html`); `!GLOB` excludes. Repeatable.
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    globs: Vec<String>,
    /// How to read inputs.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// Longest document audited, in bytes; longer ones are cut there with a warning record.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, short = 'f', value_enum)]
    format: Option<OutputFormat>,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the conflicts as CSV to FILE (one row per claim of each competing value).
    #[arg(long, value_name = "FILE")]
    conflicts_csv: Option<PathBuf>,
    /// Read numbers whose country the page does not name as dialled in this region (ISO code, e.g. CN, GB).
    /// By default: CN for Chinese pages, else the home country of the page's brand.
    #[arg(long, value_parser = parse_region)]
    region: Option<Region>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Exit with 1 when any claim reaches this risk level (`never` to always exit 0 after a run).
    #[arg(long, value_enum, default_value = "danger")]
    fail_on: FailOn,
    /// In the text output, also print why each signal matters.
    #[arg(long)]
    explain: bool,
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

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
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
    // Defence in depth: a bug must end in a clear message and exit 2, never a panic's exit 101.
    let result = guarded(|| match cli.command {
        Command::Audit(args) => audit(args),
        Command::Check(args) => check(args),
        Command::Reference(ReferenceCommand::Check { files }) => reference_check(&files),
        Command::Rules => list_rules(),
        Command::Explain { rule } => explain(&rule),
    })
    .unwrap_or_else(|why| {
        Err(io::Error::other(format!(
            "internal error (please report it): {why}"
        )))
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(exit::OK),
        Err(e) => {
            eprintln!("hotline: {e}");
            ExitCode::from(exit::USAGE)
        }
    }
}

/// The user's reference files loaded over the built-in reference, if any were given.
fn load_reference(args: &ReferenceArgs) -> io::Result<Option<Reference>> {
    if args.files.is_empty() {
        return Ok(None);
    }
    args.load().map(Some)
}

fn create(path: &PathBuf) -> io::Result<BufWriter<File>> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
}

fn audit(args: AuditArgs) -> io::Result<u8> {
    if let Some(jobs) = args.jobs {
        // Fails only if the pool was already built, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
    let loaded = load_reference(&args.reference)?;
    let reference = loaded.as_ref().unwrap_or_else(|| Reference::embedded());
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(source::read_path_list(list).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot read --files-from {list}: {e}"))
        })?);
    }
    let (inputs, walk_errors) = source::expand(&paths, &args.globs);
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(create(path)?),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let format = match args.format {
        Some(format) => format,
        None if to_terminal => OutputFormat::Text,
        None => OutputFormat::Jsonl,
    };
    let mut printer = report::printer(format, out, to_terminal, args.explain);
    let options = RunOptions {
        sources: SourceOptions {
            format: args.input_format,
            max_doc_bytes: args.max_doc_bytes.max(1),
        },
        read: ReadOptions {
            region: args.region,
        },
        ..RunOptions::default()
    };
    let mut conflicts_csv = match &args.conflicts_csv {
        Some(path) => Some(ConflictsCsv(create(path)?)),
        None => None,
    };
    let mut progress = Progress::new(&inputs, args.quiet);
    let mut sinks: Vec<&mut dyn Sink> = vec![printer.as_mut(), &mut progress];
    if let Some(csv) = &mut conflicts_csv {
        sinks.push(csv);
    }
    let mut sink = Tee(sinks);
    let mut run = Run::new(reference, options);
    run.fail(walk_errors, &mut sink)?;
    run.audit_inputs(&inputs, &mut sink).map_err(run_error)?;
    let outcome = run.finish(&mut sink)?;
    let threshold = match args.fail_on {
        FailOn::Caution => Some(Risk::Caution),
        FailOn::Danger => Some(Risk::Danger),
        FailOn::Never => None,
    };
    let status = outcome.status(threshold);
    let s = &outcome.summary;
    if s.internal_errors > 0 {
        eprintln!(
            "hotline: {} could not be audited because of an internal error (see their error records); \
             please report it",
            count(s.internal_errors, "document", "documents")
        );
    } else if s.audited == 0 {
        eprintln!(
            "hotline: nothing could be read ({}, {} failed)",
            count(s.documents, "input", "inputs"),
            s.failed
        );
    }
    Ok(status.exit_code())
}

/// Hands every record to several sinks (the printer, the progress bar, the conflicts CSV).
struct Tee<'a>(Vec<&'a mut dyn Sink>);

impl Sink for Tee<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        self.0.iter_mut().try_for_each(|s| s.document(result))
    }

    fn input_done(&mut self, input: &Input) {
        self.0.iter_mut().for_each(|s| s.input_done(input));
    }

    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()> {
        self.0
            .iter_mut()
            .try_for_each(|s| s.finish(conflicts, summary))
    }
}

/// `--conflicts-csv`: the conflicts, one row per claim of each competing value, at the end of the run.
struct ConflictsCsv(BufWriter<File>);

impl Sink for ConflictsCsv {
    fn document(&mut self, _: &DocumentResult) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, conflicts: &[Conflict], _: &Summary) -> io::Result<()> {
        write_conflicts_csv(&mut self.0, conflicts)?;
        self.0.flush()
    }
}

/// A run that stopped early, as an I/O error for the exit-code logic in `run`.
fn run_error(e: hotline::run::RunError) -> io::Error {
    match e {
        hotline::run::RunError::Output(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

fn list_rules() -> io::Result<u8> {
    let mut out = io::stdout().lock();
    for r in RULES {
        writeln!(
            out,
            "{:<20} {:<7} {}",
            r.id,
            r.severity.as_str(),
            r.message.en
        )?;
    }
    writeln!(
        out,
        "\nhotline explain RULE tells why a rule matters and where the facts come from."
    )?;
    Ok(exit::OK)
}

fn explain(id: &str) -> io::Result<u8> {
    let Some(r) = rules::rule(id) else {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        eprintln!("hotline: no rule `{id}`; the rules are: {}", ids.join(", "));
        return Ok(exit::USAGE);
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{} ({} severity)\n", r.id, r.severity.as_str())?;
    writeln!(out, "Flags: {}.\n", r.message.en)?;
    writeln!(out, "Why: {}\n", r.why)?;
    writeln!(out, "Sources:")?;
    for s in r.sources {
        writeln!(out, "  - {s}")?;
    }
    if let Some(example) = r.positive.first() {
        writeln!(
            out,
            "\nFlagged, for example:\n  {}",
            example.replace('\n', "\n  ")
        )?;
    }
    if let Some(example) = r.negative.first() {
        writeln!(
            out,
            "\nNot flagged, for example:\n  {}",
            example.replace('\n', "\n  ")
        )?;
    }
    Ok(exit::OK)
}

/// A progress bar on standard error when it is a terminal: documents, megabytes, claims, errors, rate and
/// (from the sizes of the input files) an estimate of the time left.
struct Progress {
    bar: Option<ProgressBar>,
    totals: Summary,
}

impl Progress {
    fn new(inputs: &[Input], quiet: bool) -> Progress {
        if quiet || !io::stderr().is_terminal() {
            return Progress {
                bar: None,
                totals: Summary::default(),
            };
        }
        let total: u64 = inputs
            .iter()
            .map(|i| match i {
                Input::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
                Input::Stdin => 0,
            })
            .sum();
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {bar:30} {binary_bytes}/{binary_total_bytes} {msg} [{elapsed}, ETA {eta}]",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress {
            bar: Some(bar),
            totals: Summary::default(),
        }
    }
}

impl Sink for Progress {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        let s = &mut self.totals;
        s.documents += 1;
        s.failed += usize::from(!result.errors.is_empty());
        s.bytes += result.bytes;
        s.claims += result.claims.len();
        if let Some(bar) = &self.bar {
            let secs = bar.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!(
                "{} docs ({:.0}/s), {:.1} MB text, {} claims, {} errors",
                s.documents,
                s.documents as f64 / secs,
                s.bytes as f64 / 1e6,
                s.claims,
                s.failed
            ));
        }
        Ok(())
    }

    fn input_done(&mut self, input: &Input) {
        if let (Some(bar), Input::File { path, .. }) = (&self.bar, input) {
            bar.inc(std::fs::metadata(path).map_or(0, |m| m.len()));
        }
    }

    fn finish(&mut self, _: &[Conflict], _: &Summary) -> io::Result<()> {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        Ok(())
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

fn print_errors(errors: &[ErrorRecord]) {
    for e in errors {
        eprintln!("hotline: {}: {}", e.doc, e.message);
    }
}

/// `check --in`: errors on standard error, and where the values appear.
struct Search<'a> {
    appearances: &'a mut [Appearances],
}

impl Sink for Search<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        print_errors(&result.errors);
        self.appearances
            .iter_mut()
            .try_for_each(|a| a.document(result))
    }

    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()> {
        self.appearances
            .iter_mut()
            .try_for_each(|a| a.finish(conflicts, summary))
    }
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let loaded = load_reference(&args.reference)?;
    let reference = loaded.as_ref().unwrap_or_else(|| Reference::embedded());
    let found = match identify(&args.value, args.region, reference) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("hotline: {}", e.message(&args.value, args.lang.into()));
            return Ok(exit::USAGE);
        }
    };
    let (inputs, walk_errors) = source::expand(&args.paths, &[]);
    print_errors(&walk_errors);
    let mut appearances: Vec<Appearances> =
        found.iter().map(|i| Appearances::of(&i.value)).collect();
    if !inputs.is_empty() {
        let mut search = Search {
            appearances: &mut appearances,
        };
        let mut run = Run::new(reference, RunOptions::default());
        run.audit_inputs(&inputs, &mut search).map_err(run_error)?;
        run.finish(&mut search)?;
    }
    let answers: Vec<_> = found
        .into_iter()
        .zip(appearances)
        .map(|(identified, appearances)| answer(identified, reference, appearances))
        .collect();
    let mut out = io::stdout().lock();
    match args.format {
        CheckFormat::Json if answers.len() == 1 => {
            serde_json::to_writer_pretty(&mut out, &answers[0])?;
            writeln!(out)?;
        }
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &answers)?;
            writeln!(out)?;
        }
        CheckFormat::Text => {
            let lang = args.lang.into();
            for (i, a) in answers.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                report::render_answer(&mut out, a, lang, reference)?;
            }
        }
    }
    let all_official = answers.iter().all(|a| a.standing == Standing::Official);
    Ok(if all_official {
        exit::OK
    } else {
        exit::FLAGGED
    })
}
