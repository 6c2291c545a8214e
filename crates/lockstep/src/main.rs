//! The `lockstep` command-line tool.

use clap::Parser;
use lockstep::cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_default_sigpipe();
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(cli::exit_status(&e))
        }
    }
}

/// Lets a closed pipe end the process quietly, as it ends other command-line tools
/// (`lockstep synth ... | head -1`). Rust ignores SIGPIPE, which turns the next write to a
/// closed standard output into a panic.
#[cfg(unix)]
fn restore_default_sigpipe() {
    // SAFETY: runs first in `main`, before any other thread exists, and sets the disposition
    // the process would have had under any other runtime.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_default_sigpipe() {}
