//! Shared helpers for the integration tests: lint paths in-process and render them the way
//! snapshots expect (no colour, width 80).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use trustlint::config::Config;
use trustlint::render::human::{self, Style};
use trustlint::{Options, Outcome};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lints `paths` (relative to the repository) with no configuration.
pub fn lint(paths: &[&Path]) -> Outcome {
    let repo = repo();
    let opts = Options {
        paths: paths.iter().map(|p| p.to_path_buf()).collect(),
        ..Options::default()
    };
    trustlint::lint_paths(&opts, &Config::default(), &repo, &repo)
}

pub fn human(outcome: &Outcome) -> String {
    human::render(
        outcome,
        Style {
            color: false,
            width: Some(80),
            quiet: false,
        },
    )
}

/// `path` relative to the repository root.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(repo())
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
