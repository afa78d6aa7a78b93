//! HCL (Terraform/OpenTofu) through hcl-edit, which keeps a byte span on every node.

use hcl_edit::structure::Body;

use super::ParseError;
use crate::source::Span;

/// Parses an HCL file. hcl-edit recurses on nesting, so absurd nesting is rejected first.
pub fn parse(text: &str) -> Result<Body, ParseError> {
    if let Some(at) = too_deep(text) {
        return Err(ParseError::new(
            format!("nesting deeper than {} levels", super::MAX_DEPTH),
            Span::new(at, at + 1),
        ));
    }
    hcl_edit::parser::parse_body(text).map_err(|e| {
        let at = e.location().offset().min(text.len());
        let first = e.message().lines().next().unwrap_or("invalid HCL").trim();
        let message = if first.is_empty() {
            "invalid HCL"
        } else {
            first
        };
        ParseError::new(
            message,
            crate::source::widen_empty(Span::new(at, at + 1), text),
        )
    })
}

/// The offset of the first bracket nested past [`super::MAX_DEPTH`], ignoring strings
/// roughly; `None` for ordinary files.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > super::MAX_DEPTH {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}
