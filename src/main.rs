//! `readiness-console`: parse the configuration, start logging, run the subcommand by the
//! system's clock.

use std::process::ExitCode;

use clap::Parser;
use readiness_console::clock::Clock;
use readiness_console::config::Cli;
use readiness_console::{run, telemetry};

/// mimalloc rather than the system's: rendering a page builds thousands of short strings,
/// and glibc's malloc and free were a fifth of a cold page load's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // The deployment gate answers with its own exit codes (0 GO, 1 not GO, 2 unknown) and logs
    // nothing: its output is its answer.
    if let readiness_console::config::Command::Gate(args) = &cli.command {
        return readiness_console::gate::run(args).await;
    }
    telemetry::init(cli.log_format);
    match run::run(cli, Clock::system()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One readable sentence for the operator, whatever the log format.
            eprintln!("readiness-console: {error:#}");
            ExitCode::FAILURE
        }
    }
}
