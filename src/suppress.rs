//! Suppressions: `# trustlint:ignore CODE reason` comments at the accepted places (SPEC §5),
//! and resource `Metadata.trustlint.ignore`.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::rules::{self, Rule};
use crate::source::LineIndex;

const MARKER: &str = "trustlint:ignore";

/// Whether the end of `prefix` is inside a quoted string (so a `#` there starts no comment).
fn in_string(prefix: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in prefix.chars() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
    }
    quote.is_some()
}

/// The ignore comments of one file, by 1-based line.
pub struct Comments {
    /// `None` ignores every rule (a comment with no code).
    by_line: HashMap<usize, Option<Vec<&'static Rule>>>,
}

impl Comments {
    /// Scans the text for `# trustlint:ignore` and `// trustlint:ignore` comments.
    pub fn scan(text: &str) -> Self {
        let mut by_line = HashMap::new();
        if !text.contains(MARKER) {
            return Comments { by_line };
        }
        for (i, line) in text.lines().enumerate() {
            let Some(at) = line.find(MARKER) else {
                continue;
            };
            let before = line[..at].trim_end();
            let Some(opener) = before
                .strip_suffix("//")
                .or_else(|| before.strip_suffix('#'))
            else {
                continue;
            };
            if in_string(opener) {
                continue;
            }
            let words: Vec<&str> = line[at + MARKER.len()..]
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|t| !t.is_empty())
                .collect();
            let codes: Vec<&'static Rule> = words.iter().map_while(|w| rules::lookup(w)).collect();
            // A bare marker ignores every rule; one whose first word is not a rule (a typo,
            // `because …`) ignores nothing rather than everything.
            if words.is_empty() {
                by_line.insert(i + 1, None);
            } else if !codes.is_empty() {
                by_line.insert(i + 1, Some(codes));
            }
        }
        Comments { by_line }
    }

    fn covers(&self, line: usize, rule: &Rule) -> bool {
        match self.by_line.get(&line) {
            Some(None) => true,
            Some(Some(codes)) => codes.iter().any(|r| r.code == rule.code),
            None => false,
        }
    }

    /// Whether a comment on the first line of an anchor, or the line before, covers the rule.
    fn covers_anchor(&self, index: &LineIndex, anchor: crate::source::Span, rule: &Rule) -> bool {
        let line = index.line(anchor.start());
        self.covers(line, rule) || (line > 1 && self.covers(line - 1, rule))
    }

    /// Whether a comment at one of the finding's anchors in its own file covers it.
    pub fn suppresses(&self, finding: &Finding, index: &LineIndex) -> bool {
        !self.by_line.is_empty()
            && finding
                .anchors
                .iter()
                .any(|a| self.covers_anchor(index, *a, finding.rule))
    }
}

/// Whether a comment at an anchor in another file (a Terraform role block, say) covers it.
pub fn foreign_suppresses(finding: &Finding) -> bool {
    finding.foreign_anchors.iter().any(|(file, span)| {
        let comments = Comments::scan(&file.text);
        !comments.by_line.is_empty()
            && comments.covers_anchor(&LineIndex::new(&file.text), *span, finding.rule)
    })
}

/// Whether the resource's Metadata ignores the finding's rule (by code or name).
pub fn metadata_suppresses(finding: &Finding) -> bool {
    finding
        .metadata_ignores
        .iter()
        .filter_map(|c| rules::lookup(c))
        .any(|r| r.code == finding.rule.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_strings_and_unknown_codes_suppress_nothing() {
        let text = "a: \"see # trustlint:ignore TL001\"\n# trustlint:ignore TL01 typo\n# trustlint:ignore\n// trustlint:ignore TL002,TL003 reason\nx: 1 # trustlint:ignore missing-role-session-name\n";
        let c = Comments::scan(text);
        assert!(!c.by_line.contains_key(&1));
        assert!(!c.by_line.contains_key(&2));
        assert!(matches!(c.by_line.get(&3), Some(None)));
        let codes = |l| {
            c.by_line
                .get(&l)
                .cloned()
                .flatten()
                .map(|v| v.iter().map(|r| r.code).collect::<Vec<_>>())
        };
        assert_eq!(codes(4), Some(vec!["TL002", "TL003"]));
        assert_eq!(codes(5), Some(vec!["TL001"]));
    }
}
