//! `--format markdown`: a job-summary table listing every finding (GitHub shows at most ten
//! annotations of each level per step; the summary shows them all).

use super::{counts, Located};
use crate::Outcome;

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\r', "")
        .replace('\n', "<br>")
}

pub fn render(outcome: &Outcome) -> String {
    let (errors, warnings) = counts(&outcome.findings);
    let mut out = format!(
        "## trustlint\n\n{} roles checked in {} files: {errors} errors, {warnings} warnings\n",
        outcome.roles_checked, outcome.files_scanned
    );
    if outcome.findings.is_empty() {
        out.push_str("\nNo findings: every role binds the session name to the caller.\n");
        return out;
    }
    out.push_str(
        "\n| severity | code | file | line | resource | message |\n|---|---|---|---|---|---|\n",
    );
    for f in &outcome.findings {
        let at = Located::for_annotations(f);
        out.push_str(&format!(
            "| {} | {} {} | `{}` | {} | {} | {} |\n",
            f.severity().as_str(),
            f.rule.code,
            f.rule.name,
            cell(&at.path),
            at.line,
            f.resource
                .as_deref()
                .map_or_else(String::new, |r| format!("`{}`", cell(r))),
            cell(&f.message)
        ));
    }
    out
}
