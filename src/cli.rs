//! The command line: argument parsing and wiring of library stages to printers. No logic of its own.
//! The config file is in `config`, the terminal (color, progress bar) in `term`, output files in
//! `outputs`.

mod config;
mod outputs;
mod store;
mod term;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use hotline::answer::{answer, identify, with_seen, Appearances, Checked, Standing};
use hotline::context::ReadOptions;
use hotline::model::{Conflict, Lang, Risk};
use hotline::numbering::Region;
use hotline::reference::{Reference, ReferenceFile};
use hotline::report::{self, write_conflicts_csv, ErrorLines, OutputFormat, ERROR_LINES};
use hotline::rules::{self, RULES};
use hotline::run::{guarded, DocumentResult, Faults, Run, RunError, RunOptions, Sink, Summary};
use hotline::source::{self, Input, InputFormat, SourceOptions, Walk};
use hotline::text::count;

use config::{Config, ConfigArgs};
use outputs::Outputs;
use term::{ColorChoice, Progress};

/// Exit codes scripts can rely on, the same for every command: 0 success, 1 flagged, 2 a usage or input
/// error (which wins over 1). See `hotline::run::exit`.
pub use hotline::run::exit;

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
hotline reference check my-contacts.csv         validate your own reference file\n\n\
Exit codes (every command): 0 success, 1 flagged (a claim reached --fail-on; check: not listed as official), \
2 a usage or input error (bad arguments or config, an output that cannot be written, an input that could \
not be read); 2 wins when both happen.\n\n\
Options can also come from hotline.toml (in the working directory or the nearest parent; --config FILE, \
--no-config)."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    config: ConfigArgs,
    /// When to use color in text output: auto (a terminal, unless NO_COLOR is set or TERM=dumb), always, never.
    #[arg(
        long,
        value_enum,
        default_value = "auto",
        global = true,
        value_name = "WHEN"
    )]
    color: ColorChoice,
}

#[derive(Subcommand)]
enum Command {
    /// Find, attribute and verify every contact in pages: text, HTML, WARC/WARC.gz, JSON Lines.
    #[command(
        after_help = "Inputs: files, directories (walked recursively; hidden files and those \
.gitignore or .ignore list are skipped unless --hidden, --no-ignore), - for standard input, or --files-from \
LIST. Formats are detected by extension and content.\n\n\
Output: text on a terminal, JSON Lines otherwise: one object per line (claim, error, warning, then \
conflict records and a summary). Every document yields its claims or an error record; errors are also \
printed on standard error, one line each.\n\n\
Exit codes: 0 success, 1 some claim reached the --fail-on risk level (default danger), 2 bad arguments, \
an output that cannot be written, or some input could not be read (2 wins over 1)."
    )]
    Audit(AuditArgs),
    /// Is one phone number or email address official? What kind of number is it, and what do pages say?
    #[command(
        after_help = "Numbers without + are read as dialled in --region (default CN).\n\
Exit codes: 0 listed as official, 1 not listed as official (unverified, unconfirmed, former or reported), \
2 not a phone number or email address, or a --in input could not be read."
    )]
    Check(CheckArgs),
    /// A local web page to check a number or a message, and a JSON API (/api/check, /api/audit).
    #[cfg(feature = "serve")]
    #[command(
        after_help = "Binds to loopback (127.0.0.1:8080) unless --addr says otherwise. Routes: GET / \
(the page; POST / the form), GET /api/check?value=VALUE[&region=CN] (the check object, as check \
--format json), POST /api/audit (a text or HTML body: the records of audit --format json), GET /healthz."
    )]
    Serve(ServeArgs),
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell), generated from these options.
    #[command(after_help = "Install, for example:\n  \
hotline completions bash > ~/.local/share/bash-completion/completions/hotline\n  \
hotline completions zsh > ~/.zfunc/_hotline     (with fpath+=~/.zfunc before compinit)\n  \
hotline completions fish > ~/.config/fish/completions/hotline.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these options: `hotline man > ~/.local/share/man/man1/hotline.1`.
    Man,
    /// Every conflict between sources in an evidence store (`audit --db`), across all its runs, no cap.
    Conflicts(store::ConflictsArgs),
    /// An evidence store's answers: most repeated unverified numbers, most impersonated organisations,
    /// what changed in the last run.
    Stats(store::StatsArgs),
    /// Load evidence rows (`audit -f evidence`, the Spark job's output) into an evidence store.
    Import(store::ImportArgs),
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

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum FailOn {
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
    /// Also read hidden files and directories (names starting with `.`) in directories.
    #[arg(long)]
    hidden: bool,
    /// Also read files that .gitignore, .ignore and git's exclude files list.
    #[arg(long)]
    no_ignore: bool,
    /// Name standard input's documents NAME (in records, and to detect their format by extension).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
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
    /// Also write an HTML report to FILE: one self-contained page (summary, charts, conflicts, repeated
    /// unverified numbers, organisations, claims at risk, errors) that opens offline.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Language of the HTML report's headings and labels (`--report`).
    #[arg(long, value_enum, default_value = "en", value_name = "LANG")]
    lang: LangArg,
    /// Read numbers whose country the page does not name as dialled in this region (ISO code, e.g. CN, GB).
    /// By default: CN for Chinese pages, else the home country of the page's brand.
    #[arg(long, value_parser = parse_region)]
    region: Option<Region>,
    /// Worker threads; 0 (the default) uses all cores.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar (it is drawn on standard error when that is a terminal).
    #[arg(long)]
    no_progress: bool,
    /// Print nothing on standard output (and no progress bar): only the exit code, and errors on
    /// standard error, say how the run went. -o FILE is still written.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Exit with 1 when any claim reaches this risk level (`never`: exit 0 after a complete run)
    /// [default: danger].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// In the text output, also print why each signal matters.
    #[arg(long)]
    explain: bool,
    /// Also store every claim in this evidence store (SQLite; created if missing): history across runs,
    /// and complete conflicts with `hotline conflicts --db FILE`.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
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
    /// The region a number without + is dialled in (ISO code) [default: CN].
    #[arg(long, value_parser = parse_region)]
    region: Option<Region>,
    /// Language of the answer.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: CheckFormat,
    /// Print nothing: the exit code says whether the value is listed as official.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Also say where this evidence store (`audit --db`) has seen the value: pages, first and last seen,
    /// and what each page claims.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
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

pub(crate) fn parse_region(s: &str) -> Result<Region, String> {
    Region::by_id(&s.to_ascii_uppercase()).ok_or_else(|| {
        format!("`{s}` is not a region code (use ISO 3166 codes such as CN, GB, US)")
    })
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let (color, config) = (cli.color, &cli.config);
    // Defence in depth: a bug must end in a clear message and exit 2, never a panic's exit 101.
    let result = guarded(|| match cli.command {
        Command::Audit(args) => audit(args, &config.load()?, color),
        Command::Check(args) => check(args, &config.load()?),
        Command::Reference(ReferenceCommand::Check { files }) => reference_check(&files),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve(args, &config.load()?),
        Command::Rules => list_rules(),
        Command::Explain { rule } => explain(&rule),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
        Command::Conflicts(args) => store::conflicts(args, &config.load()?),
        Command::Stats(args) => store::stats(args),
        Command::Import(args) => store::import(args, &config.load()?),
    })
    .unwrap_or_else(|why| {
        Err(io::Error::other(format!(
            "internal error (please report it): {why}"
        )))
    });
    match result {
        Ok(code) => ExitCode::from(code),
        // Every command handles its own closed output with the code it has earned; one that reaches
        // here stops quietly, as ripgrep does, but cannot claim success.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(exit::ERROR),
        Err(e) => {
            let _ = writeln!(io::stderr(), "hotline: {e}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The code a command has earned when its output was closed early (`| head`, `| true`): a broken pipe
/// stops it quietly, as in ripgrep, without changing the code.
fn earned(written: io::Result<()>, code: u8) -> io::Result<u8> {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(code),
    }
}

/// The user's reference files (the config's, then the command line's) loaded over the built-in
/// reference, if any were given.
fn load_reference(args: &ReferenceArgs, config: &Config) -> io::Result<Option<Reference>> {
    let args = ReferenceArgs {
        files: config
            .references
            .iter()
            .chain(&args.files)
            .cloned()
            .collect(),
        replace_reference: args.replace_reference || config.replace_reference,
    };
    if args.files.is_empty() {
        if args.replace_reference {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "replace-reference needs reference files",
            ));
        }
        return Ok(None);
    }
    args.load().map(Some)
}

/// `-j N`: N worker threads; 0 or none, all cores.
fn threads(jobs: Option<usize>) -> Option<usize> {
    jobs.filter(|&n| n > 0)
}

fn audit(args: AuditArgs, config: &Config, color: ColorChoice) -> io::Result<u8> {
    if let Some(jobs) = threads(args.jobs) {
        // Fails only if the pool was already built, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global();
    }
    let globs: Vec<String> = config.globs.iter().chain(&args.globs).cloned().collect();
    let mut walk = match Walk::new(&globs) {
        Ok(walk) => walk,
        Err(e) => return usage(e),
    };
    walk.hidden = args.hidden;
    walk.no_ignore = args.no_ignore;
    // Every output is checked before anything is read; none is emptied until all can be written.
    let outputs = Outputs::open([
        args.output.as_deref(),
        args.conflicts_csv.as_deref(),
        args.report.as_deref(),
    ])?;
    let loaded = load_reference(&args.reference, config)?;
    let reference = loaded.as_ref().unwrap_or_else(|| Reference::embedded());
    // The store is checked (and refused, untouched, if it is not one) before anything is read.
    let mut store_writer = match &args.db {
        Some(db) => Some(hotline::store::Store::open(db)?.writer(reference)?),
        None => None,
    };
    let (stream, named) = input_stream(&walk, &args.paths, args.files_from.as_deref())?;
    let skipped = stream.skipped_counter();
    let mut files = outputs.commit()?.into_iter();
    let output_file = args.output.as_ref().and_then(|_| files.next());
    let conflicts_file = args.conflicts_csv.as_ref().and_then(|_| files.next());
    let report_file = args.report.as_ref().and_then(|_| files.next());

    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let format = match args.format.or(config.format) {
        Some(format) => format,
        None if to_terminal => OutputFormat::Text,
        None => OutputFormat::Jsonl,
    };
    let show_progress = !args.no_progress && !args.quiet && term::can_draw_progress();
    let mut progress = match &named {
        Some(inputs) => Progress::new(inputs, show_progress),
        None => Progress::without_total(show_progress),
    };
    let out: Option<Box<dyn Write>> = match output_file {
        Some(file) => Some(Box::new(file)),
        None if args.quiet => None,
        None => Some(progress.stdout()),
    };
    let printing_to_terminal = out.is_some() && to_terminal;
    let mut printer = out.map(|out| {
        let color = term::use_color(color, to_terminal);
        if format == OutputFormat::Evidence {
            return Box::new(hotline::store::EvidencePrinter::new(out, reference)) as Box<dyn Sink>;
        }
        report::printer(format, out, color, args.explain)
    });
    // Errors also go to standard error, unless the text output already shows them on this terminal.
    let mut error_lines = (!(printing_to_terminal && format == OutputFormat::Text))
        .then(|| ErrorLines::new(Box::new(io::stderr()), ERROR_LINES));
    let options = RunOptions {
        sources: SourceOptions {
            format: args.input_format,
            max_doc_bytes: args.max_doc_bytes.max(1),
            stdin_name: args.stdin_filename.clone(),
        },
        read: ReadOptions {
            region: args.region.or(config.region),
        },
        faults: Faults::from_env(),
    };
    let mut conflicts_csv = conflicts_file.map(ConflictsCsv);
    let mut sinks: Vec<&mut dyn Sink> = Vec::new();
    if let Some(printer) = &mut printer {
        sinks.push(printer.as_mut());
    }
    if let Some(lines) = &mut error_lines {
        sinks.push(lines);
    }
    sinks.push(&mut progress);
    if let Some(csv) = &mut conflicts_csv {
        sinks.push(csv);
    }
    let mut html_report =
        report_file.map(|file| html_report(file, reference, &args.paths, args.lang.into()));
    if let Some(report) = &mut html_report {
        sinks.push(report.as_mut());
    }
    if let Some(writer) = &mut store_writer {
        sinks.push(writer);
    }
    let mut sink = Tee(sinks);
    let mut run = Run::new(reference, options);
    let audited = run.audit_entries(stream, &mut sink);
    let (ignored, hidden) = skipped.get();
    run.skipped(ignored, hidden);
    match audited {
        // A closed output (`| head`) stops the run; the outcome is that of what was audited.
        Err(RunError::Output(_)) if run.output_closed() => {}
        other => other.map_err(run_error)?,
    }
    let outcome = run.finish(&mut sink)?;
    drop(sink);
    drop(progress);
    let threshold = match args.fail_on.or(config.fail_on).unwrap_or(FailOn::Danger) {
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
        let mut hint = String::new();
        if s.ignored + s.hidden > 0 {
            hint = format!(
                "; {} skipped as ignored or hidden (--no-ignore, --hidden read them)",
                count(s.ignored + s.hidden, "file was", "files were")
            );
        }
        eprintln!(
            "hotline: nothing could be read ({}, {} failed{hint})",
            count(s.documents, "document", "documents"),
            s.failed
        );
    }
    Ok(status.exit_code())
}

/// The inputs of `audit` as a stream (the paths, then those `--files-from` lists, walked as they come:
/// nothing holds the whole list), and the inputs themselves when they are all files named on the command
/// line (then the progress bar has a total).
fn input_stream(
    walk: &Walk,
    paths: &[String],
    files_from: Option<&str>,
) -> io::Result<(source::Stream<PathStream>, Option<Vec<Input>>)> {
    let list = match files_from {
        Some(list) => Some(source::path_list(list).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot read --files-from {list}: {e}"))
        })?),
        None => None,
    };
    let all_files = list.is_none()
        && paths
            .iter()
            .all(|p| p != "-" && std::fs::metadata(p).is_ok_and(|m| m.is_file()));
    let named = all_files.then(|| walk.expand(paths).inputs);
    // Owned: the stream moves to the thread that reads the inputs.
    let owned: Vec<String> = paths.to_vec();
    let stream: PathStream = Box::new(owned.into_iter().map(Ok).chain(list.into_iter().flatten()));
    Ok((walk.stream(stream), named))
}

type PathStream = Box<dyn Iterator<Item = Result<String, hotline::document::ErrorRecord>> + Send>;

/// A usage error: said on standard error, exit 2.
fn usage(e: impl std::fmt::Display) -> io::Result<u8> {
    let _ = writeln!(io::stderr(), "hotline: {e}");
    Ok(exit::ERROR)
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

    fn documents_done(&mut self) -> io::Result<()> {
        self.0.iter_mut().try_for_each(|s| s.documents_done())
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

/// `--report FILE`: the HTML report of the run, titled with what was audited.
fn html_report<'r>(
    file: BufWriter<File>,
    reference: &'r Reference,
    paths: &[String],
    lang: Lang,
) -> Box<report::HtmlPrinter<'r>> {
    let title = match paths.len() {
        0..=3 => paths.join(", "),
        n => match lang {
            Lang::En => format!("{} and {} more inputs", paths[..3].join(", "), n - 3),
            Lang::Zh => format!("{} 等 {} 个输入", paths[..3].join("、"), n),
        },
    };
    Box::new(report::HtmlPrinter::new(Box::new(file), reference, &title).with_lang(lang))
}

/// A run that stopped early, as an I/O error for the exit-code logic in `run`.
fn run_error(e: RunError) -> io::Error {
    match e {
        RunError::Output(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

fn list_rules() -> io::Result<u8> {
    earned(write_rules(), exit::OK)
}

fn write_rules() -> io::Result<()> {
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
    out.flush()
}

fn explain(id: &str) -> io::Result<u8> {
    let Some(r) = rules::rule(id) else {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        eprintln!("hotline: no rule `{id}`; the rules are: {}", ids.join(", "));
        return Ok(exit::USAGE);
    };
    earned(write_rule(r), exit::OK)
}

fn write_rule(r: &rules::Rule) -> io::Result<()> {
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
    out.flush()
}

/// `hotline completions SHELL`: the completion script clap_complete generates from the definitions.
fn completions(shell: clap_complete::Shell) -> io::Result<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hotline", &mut out);
    earned(io::stdout().lock().write_all(&out), exit::OK)
}

/// `hotline man`: the man page clap_mangen renders from the definitions, with every subcommand.
fn man() -> io::Result<u8> {
    let command = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        // Leaked: the process ends after printing, and clap's names are `&'static str`.
        let name: &'static str = format!("hotline-{}", sub.get_name()).leak();
        let sub = sub.clone().name(name).display_name(name);
        clap_mangen::Man::new(sub).render(&mut out)?;
    }
    earned(io::stdout().lock().write_all(&out), exit::OK)
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
            let written = writeln!(
                io::stdout(),
                "ok: {} organisations, {} contacts, {} roles",
                r.orgs.len(),
                r.contacts.len(),
                r.roles.len()
            );
            earned(written, exit::OK)
        }
        Err(e) => {
            eprintln!("hotline: {e}");
            Ok(exit::FLAGGED)
        }
    }
}

/// `check --in`: errors on standard error, and where the values appear.
struct Search<'a> {
    appearances: &'a mut [Appearances],
    errors: ErrorLines<'static>,
}

impl Sink for Search<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        self.errors.document(result)?;
        self.appearances
            .iter_mut()
            .try_for_each(|a| a.document(result))
    }

    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()> {
        self.errors.finish(conflicts, summary)?;
        self.appearances
            .iter_mut()
            .try_for_each(|a| a.finish(conflicts, summary))
    }
}

fn check(args: CheckArgs, config: &Config) -> io::Result<u8> {
    let loaded = load_reference(&args.reference, config)?;
    let reference = loaded.as_ref().unwrap_or_else(|| Reference::embedded());
    let region = match args.region.or(config.region) {
        Some(region) => region,
        None => parse_region("CN").map_err(io::Error::other)?,
    };
    let found = match identify(&args.value, region, reference) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("hotline: {}", e.message(&args.value, args.lang.into()));
            return Ok(exit::USAGE);
        }
    };
    // Opened before any page is read, so that a missing or foreign store fails first.
    let store = match &args.db {
        Some(db) => Some(hotline::store::Store::open_read_only(db)?),
        None => None,
    };
    let expanded = Walk::new(&[])
        .map_err(io::Error::other)?
        .expand(&args.paths);
    let mut appearances: Vec<Appearances> =
        found.iter().map(|i| Appearances::of(&i.value)).collect();
    let mut inputs_failed = false;
    if !args.paths.is_empty() {
        let mut search = Search {
            appearances: &mut appearances,
            errors: ErrorLines::new(Box::new(io::stderr()), ERROR_LINES),
        };
        let mut run = Run::new(reference, RunOptions::default());
        run.fail(expanded.errors, &mut search)?;
        run.audit_inputs(&expanded.inputs, &mut search)
            .map_err(run_error)?;
        inputs_failed = run.finish(&mut search)?.summary.failed > 0;
    }
    let answers: Vec<_> = found
        .into_iter()
        .zip(appearances)
        .map(|(identified, appearances)| answer(identified, reference, appearances))
        .collect();
    let answers = with_seen(answers, store.as_ref())?;
    let all_official = answers
        .iter()
        .all(|c| c.answer.standing == Standing::Official);
    let code = if inputs_failed {
        exit::ERROR
    } else if all_official {
        exit::OK
    } else {
        exit::FLAGGED
    };
    if args.quiet {
        return Ok(code);
    }
    earned(write_answers(&answers, &args, reference), code)
}

fn write_answers(answers: &[Checked], args: &CheckArgs, reference: &Reference) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match args.format {
        CheckFormat::Json if answers.len() == 1 => {
            serde_json::to_writer_pretty(&mut out, &answers[0])?;
            writeln!(out)?;
        }
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, answers)?;
            writeln!(out)?;
        }
        CheckFormat::Text => {
            let lang = args.lang.into();
            for (i, c) in answers.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                report::render_answer(&mut out, &c.answer, lang, reference)?;
                if let Some(seen) = &c.seen {
                    report::render_seen(&mut out, seen, lang)?;
                }
            }
        }
    }
    out.flush()
}

#[cfg(feature = "serve")]
#[derive(clap::Args)]
struct ServeArgs {
    /// The address to listen on; anything but loopback exposes the page to the network.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    addr: std::net::SocketAddr,
    /// Largest request body accepted, in bytes (larger ones get 413).
    #[arg(long, default_value_t = 1024 * 1024, value_name = "BYTES")]
    max_body: usize,
    /// Longest a request may take, in seconds (longer ones get 408).
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    timeout: u64,
    /// Also say where this evidence store (`audit --db`) has seen each contact, as `check --db` does.
    /// Read only: an `audit --db` may write to it meanwhile.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    #[command(flatten)]
    reference: ReferenceArgs,
}

/// `hotline serve`: the library's web page and API on a local address, until interrupted.
#[cfg(feature = "serve")]
fn serve(args: ServeArgs, config: &Config) -> io::Result<u8> {
    let loaded = load_reference(&args.reference, config)?;
    // The server runs until the process ends: the loaded reference lives as long.
    let reference: &'static Reference = match loaded {
        Some(r) => Box::leak(Box::new(r)),
        None => Reference::embedded(),
    };
    let mut options = hotline::serve::Options::new(reference);
    options.max_body = args.max_body.max(1);
    options.timeout = std::time::Duration::from_secs(args.timeout.max(1));
    if let Some(db) = &args.db {
        options.evidence = Some(std::sync::Arc::new(hotline::serve::Evidence::open(db)?));
    }
    let timeout = options.timeout;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {}: {e}", args.addr)))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!("hotline: warning: {addr} is not a loopback address: other machines can reach this page");
        }
        eprintln!("hotline: serving on http://{addr}/ (Ctrl-C or SIGTERM stops)");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let mut server = tokio::spawn(hotline::serve::serve_until(listener, options, async {
            let _ = stopped.await;
        }));
        let signal = tokio::select! {
            name = hotline::serve::stop_signal() => name,
            // The server ended on its own (an error accepting): say why.
            ended = &mut server => return ended.map_err(io::Error::other)?,
        };
        eprintln!(
            "hotline: {signal}: stopping: no new connections; finishing the requests in flight (at most {} s)",
            timeout.as_secs()
        );
        let _ = stop.send(());
        // Each request ends within the time limit; a connection that is still open after it (a client
        // that never finishes sending) is left behind.
        match tokio::time::timeout(timeout + std::time::Duration::from_secs(1), server).await {
            Ok(ended) => ended.map_err(io::Error::other)??,
            Err(_) => eprintln!(
                "hotline: warning: connections still open after {} s were closed",
                timeout.as_secs()
            ),
        }
        Ok(())
    });
    served?;
    // Work a timed-out request had started holds its place until it ends: give it the time limit too.
    runtime.shutdown_timeout(timeout);
    eprintln!("hotline: stopped");
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_jobs_means_all_cores() {
        assert_eq!(threads(Some(0)), None, "the pool's default: all cores");
        assert_eq!(threads(None), None);
        assert_eq!(threads(Some(3)), Some(3));
    }

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
