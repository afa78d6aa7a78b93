//! The `trustlint` binary: parse arguments, run, map the outcome to exit code 0, 1 or 2.

use clap::Parser;

fn main() {
    let cli = trustlint::cli::Cli::parse();
    let code = match trustlint::cli::run(cli) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            2
        }
    };
    std::process::exit(code);
}
