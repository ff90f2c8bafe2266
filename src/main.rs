//! The `ward-audit` binary: parse arguments, run, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use ward_audit::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("ward-audit: error: {err:#}");
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
