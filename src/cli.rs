//! The command line: clap definitions and the `run` that maps outcomes to exit codes.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use miette::{miette, IntoDiagnostic};

use crate::config::{self, Config};
use crate::discover::WalkOptions;
use crate::finding::Severity;
use crate::render;
use crate::rules::{self, Rule};

#[derive(Debug, Parser)]
#[command(
    name = "trustlint",
    version,
    about = "Keeps AWS IAM roles accountable: every trust policy must make callers name their session after themselves (sts:RoleSessionName)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (default: the current directory).
    Lint(LintArgs),
    /// Print a rule's documentation, with bad and good examples.
    Explain {
        /// Rule code or name (TL001, missing-role-session-name).
        rule: String,
    },
    /// List the rules: code, name, default severity, summary.
    Rules,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files or directories to lint.
    pub paths: Vec<PathBuf>,
    /// Output format, optionally to a file: human, json, sarif, github, markdown (repeatable),
    /// e.g. `--format github --format sarif:trustlint.sarif`.
    #[arg(long = "format", value_name = "FMT[:FILE]")]
    pub formats: Vec<String>,
    /// Configuration file (default: trustlint.toml or .trustlint.toml in the scanned root or above).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Rules to enable, by code or name; replaces the configured list.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    /// Rules to disable, by code or name; adds to the configured list.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Do not honour .gitignore, .ignore and .trustlintignore.
    #[arg(long)]
    pub no_ignore: bool,
    /// Also lint hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Human output: findings only, no summary or notes.
    #[arg(short, long)]
    pub quiet: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Terraform variable definitions file, after terraform.tfvars and *.auto.tfvars (repeatable).
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,
    /// Parallel jobs (default: number of CPUs).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
}

/// `FMT[:FILE]`.
fn parse_format(spec: &str) -> miette::Result<(Format, Option<PathBuf>)> {
    let (name, file) = match spec.split_once(':') {
        Some((n, f)) => (n, Some(PathBuf::from(f))),
        None => (spec, None),
    };
    let format = match name {
        "human" => Format::Human,
        "json" => Format::Json,
        "sarif" => Format::Sarif,
        "github" => Format::Github,
        "markdown" => Format::Markdown,
        other => {
            return Err(miette!(
                "unknown format `{other}` (expected human, json, sarif, github or markdown)"
            ))
        }
    };
    Ok((format, file))
}

fn parse_rules(list: &[String]) -> miette::Result<Vec<&'static Rule>> {
    list.iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| rules::lookup(c.trim()).ok_or_else(|| miette!("unknown rule `{c}`")))
        .collect()
}

/// Writes to stdout; a closed pipe (`trustlint rules | head`) is not an error worth a panic.
fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Runs a command; `Ok` carries the exit code (0 or 1), `Err` means exit 2.
pub fn run(cli: Cli) -> miette::Result<i32> {
    match cli.command {
        Command::Rules => {
            let mut out = format!(
                "{:<6} {:<34} {:<8} {}\n",
                "CODE", "NAME", "SEVERITY", "SUMMARY"
            );
            for r in rules::ALL {
                out.push_str(&format!(
                    "{:<6} {:<34} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary
                ));
            }
            emit(&out);
            Ok(0)
        }
        Command::Explain { rule } => {
            let r = rules::lookup(&rule).ok_or_else(|| miette!("unknown rule `{rule}`"))?;
            emit(&format!(
                "# {} {}\n\nDefault severity: {}. {}.\n\n{}\n",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary,
                r.docs.trim_end()
            ));
            Ok(0)
        }
        Command::Lint(args) => lint(args),
    }
}

fn lint(args: LintArgs) -> miette::Result<i32> {
    let cwd = std::env::current_dir().into_diagnostic()?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    for p in &paths {
        // A dangling symlink or a loop is as missing as a path that does not exist.
        if !p.exists() {
            return Err(miette!("path `{}` does not exist", p.display()));
        }
    }
    for f in &args.var_files {
        if !f.is_file() {
            return Err(miette!("variable file `{}` does not exist", f.display()));
        }
    }
    let formats = if args.formats.is_empty() {
        vec![(Format::Human, None)]
    } else {
        args.formats
            .iter()
            .map(|f| parse_format(f))
            .collect::<miette::Result<Vec<_>>>()?
    };
    if formats.iter().filter(|(_, file)| file.is_none()).count() > 1 {
        return Err(miette!(
            "only one --format can write to standard output; give the others a file (FMT:FILE)"
        ));
    }
    let config_path = args.config.clone().or_else(|| {
        let first = std::path::absolute(&paths[0]).unwrap_or_else(|_| cwd.clone());
        let start = if first.is_dir() {
            first
        } else {
            first
                .parent()
                .map(PathBuf::from)
                .unwrap_or_else(|| cwd.clone())
        };
        config::find(&start)
    });
    let mut config = match &config_path {
        Some(p) => Config::load(p).map_err(|e| miette::Report::new(*e))?,
        None => Config::default(),
    };
    let select = args.select.as_deref().map(parse_rules).transpose()?;
    config.apply_cli(select, parse_rules(&args.ignore)?);
    let root = crate::project_root(&cwd);
    let opts = crate::Options {
        paths,
        walk: WalkOptions {
            no_ignore: args.no_ignore,
            hidden: args.hidden,
        },
        jobs: args.jobs,
        var_files: args.var_files.clone(),
    };
    let mut outcome = crate::lint_paths(&opts, &config, &cwd, &root);
    // Read the old baseline before writing a new one: `--baseline b --write-baseline b`
    // updates `b` and still reports only what is new.
    let known = match &args.baseline {
        Some(path) => Some(crate::baseline::read(path).map_err(|e| miette!("{e}"))?),
        None => None,
    };
    if let Some(path) = &args.write_baseline {
        crate::baseline::write(path, &outcome.findings)
            .map_err(|e| miette!("cannot write baseline `{}`: {e}", path.display()))?;
    }
    if let Some(known) = &known {
        crate::baseline::filter(&mut outcome.findings, known);
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    for (format, file) in &formats {
        let text = match format {
            Format::Human => render::human::render(
                &outcome,
                render::human::Style {
                    color: color && file.is_none(),
                    // A terminal's own width; a pipe or file gets a readable fixed one.
                    width: (file.is_some() || !std::io::stdout().is_terminal()).then_some(100),
                    quiet: args.quiet,
                },
            ),
            Format::Json => render::json::render(&outcome),
            Format::Sarif => render::sarif::render(&outcome),
            Format::Github => render::github::render(&outcome),
            Format::Markdown => render::markdown::render(&outcome),
        };
        match file {
            Some(path) => std::fs::write(path, text)
                .map_err(|e| miette!("cannot write `{}`: {e}", path.display()))?,
            None => emit(&text),
        }
    }
    let deny_warnings = args.deny_warnings || config.deny_warnings;
    let failed = outcome
        .findings
        .iter()
        .any(|f| f.severity() == Severity::Error || deny_warnings);
    Ok(i32::from(failed))
}
