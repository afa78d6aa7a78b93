//! IAM account dumps: `aws iam get-account-authorization-details` (`RoleDetailList`),
//! `aws iam get-role` (`Role`) and `aws iam list-roles` (`Roles`). The CLI prints each role's
//! `AssumeRolePolicyDocument` as an object, the raw API as a URL-encoded JSON string.

use std::sync::Arc;

use super::document::{self, Plain};
use super::Extracted;
use crate::parse::{json, Node, Value};
use crate::policy::{Location, PolicyBody, TrustPolicy};
use crate::source::{SourceFile, SourceKind};
use crate::syntax::Syntax;

/// The role entries of a dump, or `None` when the document is not one.
fn roles(root: &Node) -> Option<Vec<&Node>> {
    if let Some(list) = root.get("RoleDetailList").or_else(|| root.get("Roles")) {
        return Some(list.items()?.iter().collect());
    }
    let role = root.get("Role")?;
    role.get("AssumeRolePolicyDocument")?;
    Some(vec![role])
}

pub fn is_dump(root: &Node) -> bool {
    roles(root).is_some()
}

pub fn extract(file: &Arc<SourceFile>, root: &Node) -> Extracted {
    let mut out = Extracted {
        kind: Some(SourceKind::Account),
        ..Extracted::default()
    };
    for entry in roles(root).unwrap_or_default() {
        let Some(doc) = entry.get("AssumeRolePolicyDocument") else {
            continue;
        };
        let name = entry
            .get("RoleName")
            .and_then(Node::as_str)
            .map(str::to_owned);
        let body = match &doc.value {
            Value::String(encoded) => url_encoded(encoded, entry),
            _ => document::document(doc, &Plain, Syntax::Json),
        };
        out.roles += 1;
        out.policies.push(TrustPolicy {
            kind: SourceKind::Account,
            file: file.clone(),
            resource: name,
            role: Some(Location::role(file.clone(), entry.span)),
            related: Vec::new(),
            anchors: vec![entry.span, doc.span],
            foreign_anchors: Vec::new(),
            metadata_ignores: Vec::new(),
            body,
        });
    }
    out
}

/// A URL-encoded policy has no statement spans in the file: every statement is located at
/// the role's entry (SPEC §6).
fn url_encoded(encoded: &str, entry: &Node) -> PolicyBody {
    let decoded = percent_encoding::percent_decode_str(encoded).decode_utf8_lossy();
    match json::parse(&decoded) {
        Ok(mut tree) => {
            tree.map_spans(&|_| entry.span);
            document::document(&tree, &Plain, Syntax::Json)
        }
        Err(e) => PolicyBody::Malformed {
            span: entry.span,
            message: e.message,
        },
    }
}
