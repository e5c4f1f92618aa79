//! `readiness-console`: parse the configuration, start logging, run the subcommand.

use std::process::ExitCode;

use clap::Parser;
use readiness_console::config::Cli;
use readiness_console::{run, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.log_format);
    match run::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One readable sentence for the operator, whatever the log format.
            eprintln!("readiness-console: {error:#}");
            ExitCode::FAILURE
        }
    }
}
