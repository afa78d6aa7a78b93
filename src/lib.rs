//! trustlint: finds IAM roles whose trust policy lets principals assume them without an
//! `sts:RoleSessionName` condition, so CloudTrail would name the role instead of the caller.
//!
//! The pipeline: discover → parse (spanned trees) → extract (trust policies) → rules →
//! suppress → render. [`lint_paths`] drives it for the CLI; [`lint_file`] is the in-process entry
//! for tests.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod discover;
pub mod extract;
pub mod finding;
pub mod parse;
mod pipeline;
pub mod policy;
pub mod render;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod syntax;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::extract::Extracted;
use crate::finding::Finding;
use crate::parse::{json, yaml, Node, ParseError};
use crate::policy::Semantics;
use crate::source::{SourceFile, SourceKind};

/// What linting one file produced.
#[derive(Debug, Default)]
pub struct FileReport {
    /// Whether the file was read as one of the input kinds.
    pub scanned: bool,
    pub roles: usize,
    pub findings: Vec<Finding>,
}

/// Texts that mark a file as possibly holding a trust policy (SPEC §3, TL000).
const ROLE_MARKERS: &[&str] = &[
    "AWS::IAM::Role",
    "AWS::Serverless::Function",
    "AssumeRolePolicyDocument",
    "assume_role_policy",
    "sts:AssumeRole",
];

/// Texts without which a JSON/YAML file cannot be an input at all: skip it unparsed.
const INPUT_MARKERS: &[&str] = &[
    "AssumeRolePolicyDocument",
    "Statement",
    "Resources",
    "RoleDetailList",
    "AWSTemplateFormatVersion",
    "planned_values",
    "resource_changes",
];

/// Whether a file may hold a trust policy, so that failing to parse it is worth reporting.
pub fn may_hold_trust_policy(text: &str) -> bool {
    ROLE_MARKERS.iter().any(|m| text.contains(m))
}

enum Syntax {
    Json,
    Yaml,
}

fn syntax_of(file: &SourceFile) -> Syntax {
    let ext = file
        .path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "json" => Syntax::Json,
        "template" if file.text.trim_start().starts_with('{') => Syntax::Json,
        _ => Syntax::Yaml,
    }
}

/// Parses, extracts and checks one file; suppressions are applied by the caller.
pub fn lint_file(file: &Arc<SourceFile>, semantics: Semantics) -> FileReport {
    let mut report = FileReport::default();
    if !INPUT_MARKERS.iter().any(|m| file.text.contains(m)) {
        return report;
    }
    let is_json = matches!(syntax_of(file), Syntax::Json);
    let parsed: Result<Vec<Node>, ParseError> = if is_json {
        json::parse(&file.text).map(|n| vec![n])
    } else {
        yaml::parse(&file.text)
    };
    let documents = match parsed {
        Ok(documents) => documents,
        Err(e) => {
            if may_hold_trust_policy(&file.text) {
                report.scanned = true;
                report.findings.push(parse_error(file, &e, is_json));
            }
            return report;
        }
    };
    for root in &documents {
        let extracted = match extract::classify(root, is_json) {
            Some(SourceKind::CloudFormation) => extract::cloudformation::extract(file, root),
            Some(SourceKind::TerraformPlan) => extract::plan::extract(file, root),
            Some(SourceKind::Account) => extract::account::extract(file, root),
            Some(SourceKind::Policy) => extract::policy::extract(file, root),
            _ => Extracted::default(),
        };
        report.scanned |= extracted.kind.is_some();
        report.roles += extracted.roles;
        for policy in &extracted.policies {
            rules::check_policy(policy, semantics, &mut report.findings);
        }
    }
    report
}

pub(crate) fn parse_error(file: &Arc<SourceFile>, e: &ParseError, is_json: bool) -> Finding {
    let kind = if is_json && file.text.contains("planned_values") {
        SourceKind::TerraformPlan
    } else if !is_json || file.text.contains("Resources") {
        SourceKind::CloudFormation
    } else if file.text.contains("RoleDetailList") {
        SourceKind::Account
    } else {
        SourceKind::Policy
    };
    let span = source::widen_empty(e.span, &file.text);
    Finding::in_file(
        &rules::PARSE_ERROR,
        file.clone(),
        kind,
        span,
        e.message.clone(),
        format!("cannot parse {}: {}", file.display, e.message),
    )
    .with_help("fix the syntax so the trust policies in this file can be checked")
}

/// Run-wide options.
#[derive(Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub walk: discover::WalkOptions,
    pub jobs: Option<usize>,
    /// Terraform `--var-file`s, in order.
    pub var_files: Vec<PathBuf>,
}

/// The outcome of linting a set of paths.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub files_scanned: usize,
    pub roles_checked: usize,
    /// Notes for the end of the human output.
    pub notes: Vec<String>,
}

/// The project root: the git top level containing the current directory, else the current
/// directory (SPEC §2).
pub fn project_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// The displayed form of a path: relative to `cwd` when under it, `/`-separated.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let rel = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path
    };
    slash(rel)
}

pub(crate) fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .filter(|c| c != ".")
        .collect::<Vec<_>>()
        .join("/")
}

pub use pipeline::{lint_paths, sort_findings};
