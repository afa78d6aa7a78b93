//! `--format json`: the stable, versioned JSON document of SPEC §6, from dedicated view
//! structs (never from internal types).

use serde::Serialize;

use super::position;
use crate::source::LineIndex;
use crate::Outcome;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    resource: Option<&'a str>,
    source_kind: &'static str,
    fingerprint: String,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files_scanned: usize,
    roles_checked: usize,
    errors: usize,
    warnings: usize,
}

pub fn render(outcome: &Outcome) -> String {
    let fingerprints = crate::baseline::fingerprints(&outcome.findings);
    let mut indexes: std::collections::HashMap<*const crate::source::SourceFile, LineIndex> =
        std::collections::HashMap::new();
    let mut findings = Vec::with_capacity(outcome.findings.len());
    for (f, fingerprint) in outcome.findings.iter().zip(fingerprints) {
        let index = indexes
            .entry(std::sync::Arc::as_ptr(&f.file))
            .or_insert_with(|| LineIndex::new(&f.file.text));
        let (line, column, end_line, end_column) = position(&f.file.text, index, f.primary.span);
        let related = f
            .related
            .iter()
            .map(|r| {
                let (line, column) = r.line_col();
                Related {
                    file: &r.file.display,
                    line,
                    column,
                    message: &r.message,
                }
            })
            .collect();
        findings.push(JsonFinding {
            code: f.rule.code,
            rule: f.rule.name,
            severity: f.severity().as_str(),
            message: &f.message,
            file: &f.file.display,
            line,
            column,
            end_line,
            end_column,
            resource: f.resource.as_deref(),
            source_kind: f.source_kind.as_str(),
            fingerprint,
            related,
        });
    }
    let (errors, warnings) = super::counts(&outcome.findings);
    let report = Report {
        version: 1,
        tool: Tool {
            name: "trustlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        findings,
        summary: Summary {
            files_scanned: outcome.files_scanned,
            roles_checked: outcome.roles_checked,
            errors,
            warnings,
        },
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
