//! The terminal: whether to use color (`--color`, `NO_COLOR`, `TERM=dumb`), and the progress bar, which
//! must never leave stale bars in text printed on the same terminal.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use hotline::model::Conflict;
use hotline::run::{DocumentResult, Sink, Summary};
use hotline::source::Input;

/// `--color`: when the text output may use bold (and other escapes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`.
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether an environment variable asks for plain output: `NO_COLOR` set to anything but the empty string
/// (no-color.org), or `TERM=dumb`.
fn plain_terminal(env: &dyn Fn(&str) -> Option<String>) -> bool {
    env("NO_COLOR").is_some_and(|v| !v.is_empty()) || env("TERM").is_some_and(|t| t == "dumb")
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Whether the output may use color: `always` and `never` say so; `auto` when the output is a terminal
/// that does not ask for plain text.
pub fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    color_with(choice, to_terminal, &env_var)
}

fn color_with(
    choice: ColorChoice,
    to_terminal: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && !plain_terminal(env),
    }
}

/// Whether a progress bar may be drawn on standard error: a terminal that can move its cursor (not
/// `TERM=dumb`).
pub fn can_draw_progress() -> bool {
    progress_with(io::stderr().is_terminal(), &env_var)
}

fn progress_with(stderr_is_terminal: bool, env: &dyn Fn(&str) -> Option<String>) -> bool {
    stderr_is_terminal && env("TERM").is_none_or(|t| t != "dumb")
}

/// A progress bar on standard error: documents, megabytes, claims, errors, rate and (from the sizes of
/// the input files) an estimate of the time left. It is cleared when the run ends, however it ends.
pub struct Progress {
    bar: Option<ProgressBar>,
    totals: Summary,
}

impl Progress {
    /// A bar for `inputs` when `shown`, else one that draws nothing.
    pub fn new(inputs: &[Input], shown: bool) -> Progress {
        if !shown {
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
        Progress::with_bar(ProgressBar::with_draw_target(
            Some(total),
            ProgressDrawTarget::stderr(),
        ))
    }

    /// A bar for a stream of inputs, whose total is not known: counts and bytes so far, as ripgrep shows.
    pub fn without_total(shown: bool) -> Progress {
        if !shown {
            return Progress {
                bar: None,
                totals: Summary::default(),
            };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {binary_bytes} read, {msg} [{elapsed}]")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress {
            bar: Some(bar),
            totals: Summary::default(),
        }
    }

    fn with_bar(bar: ProgressBar) -> Progress {
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

    /// Standard output for a printer, written so that the bar (on the same terminal) is cleared while
    /// text is written and redrawn below it: no stale bar is left in the text.
    pub fn stdout(&self) -> Box<dyn Write> {
        match &self.bar {
            Some(bar) if io::stdout().is_terminal() => {
                Box::new(AboveBar::new(bar.clone(), io::stdout()))
            }
            _ => Box::new(io::BufWriter::new(io::stdout().lock())),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
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

/// Text for the terminal the bar is drawn on: whole lines only, each batch written with the bar
/// suspended (cleared, then redrawn under the text). Lines are held at most `HOLD` or `BATCH` bytes.
struct AboveBar<W: Write> {
    bar: ProgressBar,
    out: W,
    buffer: Vec<u8>,
    since: Instant,
}

const BATCH: usize = 16 * 1024;
const HOLD: Duration = Duration::from_millis(100);

impl<W: Write> AboveBar<W> {
    fn new(bar: ProgressBar, out: W) -> Self {
        AboveBar {
            bar,
            out,
            buffer: Vec::new(),
            since: Instant::now(),
        }
    }

    /// Writes the buffered text up to its last newline (all of it when `all`).
    fn emit(&mut self, all: bool) -> io::Result<()> {
        let end = if all {
            self.buffer.len()
        } else {
            match self.buffer.iter().rposition(|&b| b == b'\n') {
                Some(i) => i + 1,
                None => return Ok(()),
            }
        };
        if end == 0 {
            return Ok(());
        }
        let (bar, out, buffer) = (&self.bar, &mut self.out, &self.buffer);
        bar.suspend(|| {
            out.write_all(&buffer[..end])?;
            out.flush()
        })?;
        self.buffer.drain(..end);
        self.since = Instant::now();
        Ok(())
    }
}

impl<W: Write> Write for AboveBar<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= BATCH || self.since.elapsed() >= HOLD {
            self.emit(false)?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.emit(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn auto_color_only_on_a_terminal_that_does_not_ask_for_plain_text() {
        let none = |_: &str| None;
        let no_color = |k: &str| (k == "NO_COLOR").then(|| "1".to_string());
        let empty_no_color = |k: &str| (k == "NO_COLOR").then(String::new);
        let dumb = |k: &str| (k == "TERM").then(|| "dumb".to_string());
        assert!(color_with(ColorChoice::Auto, true, &none));
        assert!(!color_with(ColorChoice::Auto, false, &none));
        assert!(!color_with(ColorChoice::Auto, true, &no_color));
        assert!(color_with(ColorChoice::Auto, true, &empty_no_color));
        assert!(!color_with(ColorChoice::Auto, true, &dumb));
        assert!(color_with(ColorChoice::Always, false, &no_color));
        assert!(!color_with(ColorChoice::Never, true, &none));
        assert!(progress_with(true, &none));
        assert!(!progress_with(true, &dumb));
        assert!(!progress_with(false, &none));
    }

    /// A terminal shared by the bar and the text: text written while a bar is on screen is a stale bar.
    #[derive(Debug, Default)]
    struct Screen {
        bar_shown: bool,
        bar_draws: usize,
        stale: usize,
        text: String,
    }

    #[derive(Debug, Clone)]
    struct Terminal(Arc<Mutex<Screen>>);

    impl indicatif::TermLike for Terminal {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, _: &str) -> io::Result<()> {
            self.write_str("")
        }
        fn write_str(&self, _: &str) -> io::Result<()> {
            let mut s = self.0.lock().unwrap();
            s.bar_shown = true;
            s.bar_draws += 1;
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            self.0.lock().unwrap().bar_shown = false;
            Ok(())
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Write for Terminal {
        fn write(&mut self, data: &[u8]) -> io::Result<usize> {
            let mut s = self.0.lock().unwrap();
            if s.bar_shown {
                s.stale += 1;
            }
            s.text.push_str(&String::from_utf8_lossy(data));
            Ok(data.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn text_printed_under_a_progress_bar_leaves_no_stale_bar() {
        let terminal = Terminal(Arc::default());
        let target = ProgressDrawTarget::term_like_with_hz(Box::new(terminal.clone()), 200);
        let progress = Progress::with_bar(ProgressBar::with_draw_target(Some(100), target));
        let bar = progress.bar.clone().unwrap();
        let mut out = AboveBar::new(bar.clone(), terminal.clone());
        for i in 0..20 {
            bar.inc(1);
            std::thread::sleep(Duration::from_millis(12));
            write!(out, "line {i} part one, ").unwrap();
            writeln!(out, "part two").unwrap();
        }
        out.flush().unwrap();
        drop(progress);
        let screen = terminal.0.lock().unwrap();
        assert!(screen.bar_draws > 0, "the bar was drawn");
        assert_eq!(screen.stale, 0, "text written over a drawn bar");
        assert_eq!(screen.text.lines().count(), 20);
        assert!(!screen.bar_shown, "the bar is cleared at the end");
    }

    #[test]
    fn the_screen_sees_text_written_over_a_bar() {
        let mut terminal = Terminal(Arc::default());
        let target = ProgressDrawTarget::term_like_with_hz(Box::new(terminal.clone()), 200);
        let bar = ProgressBar::with_draw_target(Some(10), target);
        bar.inc(1);
        bar.tick();
        writeln!(terminal, "printed without suspending the bar").unwrap();
        assert_eq!(terminal.0.lock().unwrap().stale, 1);
        bar.finish_and_clear();
    }
}
