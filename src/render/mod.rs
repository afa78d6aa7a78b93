//! Renderers: findings to text, one module per format.

pub mod human;
pub mod json;

use crate::finding::Finding;
use crate::source::{LineIndex, Span};

/// 1-based (line, column) of the start and exclusive end of a span, columns in characters.
pub fn position(finding_text: &str, index: &LineIndex, span: Span) -> (usize, usize, usize, usize) {
    let (line, column) = index.line_col(finding_text, span.start());
    let (end_line, end_column) = index.line_col(finding_text, span.end());
    (line, column, end_line, end_column)
}

/// Counts of findings by severity.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity() == crate::finding::Severity::Error)
        .count();
    (errors, findings.len() - errors)
}
