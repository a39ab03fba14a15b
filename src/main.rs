//! The `hotline` command: see `cli` for the arguments; the work is done by the library.
mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
