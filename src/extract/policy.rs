//! Raw trust-policy JSON files: a `Statement` in which some statement has a `Principal` and
//! names an `sts:` action. S3, KMS and other resource policies name other actions.

use std::sync::Arc;

use super::document::{self, Plain};
use super::Extracted;
use crate::parse::Node;
use crate::policy::TrustPolicy;
use crate::source::{SourceFile, SourceKind};
use crate::syntax::Syntax;

/// Whether a JSON document is a trust policy rather than another kind of policy.
pub fn is_trust_policy(root: &Node) -> bool {
    let Some(st) = root.get("Statement") else {
        return false;
    };
    let statements: Vec<&Node> = match st.items() {
        Some(items) => items.iter().collect(),
        None => vec![st],
    };
    statements.iter().any(|s| {
        let names_sts = ["Action", "NotAction"].iter().any(|k| {
            s.get(k).is_some_and(|a| {
                let items: Vec<&Node> = match a.items() {
                    Some(items) => items.iter().collect(),
                    None => vec![a],
                };
                items.iter().any(|i| {
                    i.as_str()
                        .is_some_and(|t| t.to_ascii_lowercase().starts_with("sts:"))
                })
            })
        });
        s.get("Principal").is_some() && names_sts
    })
}

pub fn extract(file: &Arc<SourceFile>, root: &Node) -> Extracted {
    let body = document::document(root, &Plain, Syntax::Json);
    Extracted {
        kind: Some(SourceKind::Policy),
        roles: 1,
        policies: vec![TrustPolicy {
            kind: SourceKind::Policy,
            file: file.clone(),
            resource: None,
            role: None,
            related: Vec::new(),
            anchors: vec![root.span],
            foreign_anchors: Vec::new(),
            metadata_ignores: Vec::new(),
            body,
        }],
    }
}
