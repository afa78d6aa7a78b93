//! Extractors: from a parsed file to the trust policies it holds, per input kind (SPEC §4).

pub mod account;
pub mod cdk;
pub mod cloudformation;
pub mod document;
pub mod plan;
pub mod policy;
pub mod terraform;

use crate::parse::{self, json, Node, ParseError};
use crate::policy::TrustPolicy;
use crate::source::{SourceKind, Span};

/// What a file turned out to be, and the trust policies in it.
#[derive(Debug, Default)]
pub struct Extracted {
    pub kind: Option<SourceKind>,
    pub policies: Vec<TrustPolicy>,
    /// Roles judged, counted once per role even when `Fn::If` gives it several documents.
    pub roles: usize,
}

/// Decides what a parsed JSON/YAML document is, by content.
pub fn classify(root: &Node, json: bool) -> Option<SourceKind> {
    if json && plan::is_plan(root) {
        Some(SourceKind::TerraformPlan)
    } else if cloudformation::is_template(root) {
        Some(SourceKind::CloudFormation)
    } else if json && account::is_dump(root) {
        Some(SourceKind::Account)
    } else if json && policy::is_trust_policy(root) {
        Some(SourceKind::Policy)
    } else {
        None
    }
}

/// Parses JSON held in the string `node` (decoded text `decoded`) with its spans mapped into
/// the file, so findings point into the string where the statement is written.
pub fn embedded_json(file_text: &str, node: &Node, decoded: &str) -> Result<Node, ParseError> {
    let base = node.span.start();
    let raw = file_text
        .get(node.span.start()..node.span.end())
        .unwrap_or("");
    let map = match json::decode_string_literal(raw) {
        Some((exact, map)) if exact == decoded => map,
        _ => parse::align_offsets(decoded, raw),
    };
    let raw_bytes = raw.as_bytes();
    let remap = |s: Span| -> Span {
        let at = |i: usize| map.get(i).copied().unwrap_or(raw.len());
        let start = at(s.start());
        let end = match s.end().checked_sub(1) {
            Some(last) if s.end() > s.start() => {
                let p = at(last);
                p + if raw_bytes.get(p) == Some(&b'\\') {
                    2
                } else {
                    1
                }
            }
            _ => start,
        };
        Span::new(base + start, base + end.min(raw.len()).max(start))
    };
    match json::parse(decoded) {
        Ok(mut tree) => {
            tree.map_spans(&remap);
            Ok(tree)
        }
        Err(e) => Err(ParseError::new(e.message, remap(e.span))),
    }
}
