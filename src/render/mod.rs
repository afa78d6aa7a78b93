//! Renderers: findings to text, one module per format.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use crate::finding::Finding;
use crate::source::{LineIndex, Span};

/// 1-based (line, column) of the start and exclusive end of a span, columns in characters.
pub fn position(finding_text: &str, index: &LineIndex, span: Span) -> (usize, usize, usize, usize) {
    let (line, column) = index.line_col(finding_text, span.start());
    let (end_line, end_column) = index.line_col(finding_text, span.end());
    (line, column, end_line, end_column)
}

/// Where a finding is shown in a pull request: the project-root-relative path and the
/// 1-based start and exclusive end.
pub struct Located {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Located {
    /// The finding's own place, or — for CDK — the user's source line from the creation trace
    /// when it lies under the project root, since the template in `cdk.out` is not part of
    /// the pull request (SPEC §6).
    pub fn for_annotations(f: &Finding) -> Located {
        let source_line = (f.source_kind == crate::source::SourceKind::Cdk)
            .then(|| {
                f.related
                    .iter()
                    .find(|r| r.message == crate::policy::SOURCE_LINE && !r.file.text.is_empty())
            })
            .flatten();
        if let Some(r) = source_line {
            let (line, column) = r.line_col();
            return Located {
                path: r.file.root_relative.clone(),
                line,
                column,
                end_line: line,
                end_column: column + 1,
            };
        }
        let index = LineIndex::new(&f.file.text);
        let (line, column, end_line, end_column) = position(&f.file.text, &index, f.primary.span);
        Located {
            path: f.file.root_relative.clone(),
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// Counts of findings by severity.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity() == crate::finding::Severity::Error)
        .count();
    (errors, findings.len() - errors)
}
