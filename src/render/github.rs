//! `--format github`: workflow commands that annotate the pull request, escaped per
//! GitHub's rules (zizmor forgets `%`, `\r`, `\n`, `:` and `,` in properties; we do not).

use super::Located;
use crate::finding::Severity;
use crate::Outcome;

/// Escapes a command's message (`%`, `\r`, `\n`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for f in &outcome.findings {
        let at = Located::for_annotations(f);
        let command = match f.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = vec![
            format!("file={}", escape_property(&at.path)),
            format!("line={}", at.line),
            format!("endLine={}", at.end_line),
        ];
        // Columns only for one-line spans, as GitHub expects.
        if at.line == at.end_line {
            props.push(format!("col={}", at.column));
            props.push(format!("endColumn={}", at.end_column));
        }
        let title = match &f.resource {
            Some(r) => format!("{} {} ({r})", f.rule.code, f.rule.name),
            None => format!("{} {}", f.rule.code, f.rule.name),
        };
        props.push(format!("title={}", escape_property(&title)));
        let message = match &f.help {
            Some(help) => format!("{}\n{help}", f.message),
            None => f.message.clone(),
        };
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("100%\r\nx"), "100%25%0D%0Ax");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
