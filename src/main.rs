//! The `hotline` command: see `cli` for the arguments; the work is done by the library.
mod cli;

// The audit allocates many small strings per contact on several threads; mimalloc's per-thread heaps cost
// less than glibc's arenas there, and return memory to the system sooner.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
