//! Terraform plans (`terraform show -json`): every `aws_iam_role` instance judged on its after
//! state, the roles as they will be once the plan is applied (SPEC §4).
//!
//! `planned_values` holds the after state; `resource_changes[].change.after` fills in what it
//! lacks. `change.before` and `prior_state` describe what exists today, which the plan is about
//! to replace, so they are never read.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::document::{self, Plain};
use super::{embedded_json, Extracted};
use crate::parse::{Node, Value};
use crate::policy::{Location, PolicyBody, TrustPolicy};
use crate::source::{SourceFile, SourceKind, Span};
use crate::syntax::Syntax;

const ROLE_TYPE: &str = "aws_iam_role";
const POLICY: &str = "assume_role_policy";

/// Whether a JSON document is a Terraform plan (`terraform show -json` of a plan).
///
/// State files (`terraform show -json` of a state) share `format_version` but hold `values`,
/// not a plan's `planned_values` / `resource_changes`, so they are not plans.
pub fn is_plan(root: &Node) -> bool {
    root.get("format_version").and_then(Node::as_str).is_some()
        && (root.get("planned_values").is_some() || root.get("resource_changes").is_some())
}

/// The roles of a plan, each judged on its after state.
pub fn extract(file: &Arc<SourceFile>, root: &Node) -> Extracted {
    let mut out = Extracted {
        kind: Some(SourceKind::TerraformPlan),
        ..Extracted::default()
    };
    let mut planned = Vec::new();
    if let Some(module) = root
        .get("planned_values")
        .and_then(|p| p.get("root_module"))
    {
        planned_roles(module, &mut planned);
    }
    let changed: Vec<&Node> = list(root.get("resource_changes"))
        .iter()
        .filter(|c| is_role(c))
        .collect();
    let changes: HashMap<&str, &Node> = changed
        .iter()
        .filter_map(|c| Some((address(c)?, c.get("change")?)))
        .collect();
    // planned_values first; a role only `resource_changes` knows comes after. Each role once.
    let mut seen = HashSet::new();
    let entries = planned.iter().map(|e| (*e, true));
    for (entry, is_planned) in entries.chain(changed.iter().map(|e| (*e, false))) {
        let Some(address) = address(entry) else {
            continue;
        };
        if !seen.insert(address) {
            continue;
        }
        let change = changes.get(address).copied();
        if change.is_some_and(leaves_state) {
            continue;
        }
        let values = is_planned.then(|| entry.get("values")).flatten();
        let body = after_policy(file, address, entry, values, change);
        out.roles += 1;
        out.policies.push(TrustPolicy {
            kind: SourceKind::TerraformPlan,
            file: file.clone(),
            resource: Some(address.to_owned()),
            role: Some(Location::role(file.clone(), entry.span)),
            related: Vec::new(),
            anchors: vec![entry.span],
            foreign_anchors: Vec::new(),
            metadata_ignores: Vec::new(),
            body,
        });
    }
    out
}

/// The role resources of a `planned_values` module and, depth-first, of its child modules
/// (`module.a.module.b.…`). The JSON parser bounds nesting, so the recursion is bounded too.
fn planned_roles<'a>(module: &'a Node, out: &mut Vec<&'a Node>) {
    out.extend(list(module.get("resources")).iter().filter(|r| is_role(r)));
    for child in list(module.get("child_modules")) {
        planned_roles(child, out);
    }
}

/// A managed `aws_iam_role`: a `data "aws_iam_role"` reads an existing role, it defines none.
fn is_role(resource: &Node) -> bool {
    resource.get("type").and_then(Node::as_str) == Some(ROLE_TYPE)
        && resource.get("mode").and_then(Node::as_str) != Some("data")
}

/// The full instance address (`module.x.aws_iam_role.y[0]`), which Terraform always writes.
fn address(resource: &Node) -> Option<&str> {
    resource.get("address").and_then(Node::as_str)
}

fn list(node: Option<&Node>) -> &[Node] {
    node.and_then(Node::items).unwrap_or_default()
}

/// Whether the plan takes the role out of the after state: `delete`, or `forget` (a
/// `removed` block), after which Terraform no longer manages the role.
fn leaves_state(change: &Node) -> bool {
    let actions: Vec<&str> = list(change.get("actions"))
        .iter()
        .filter_map(Node::as_str)
        .collect();
    matches!(actions.as_slice(), ["delete"] | ["forget"])
}

/// The trust policy after apply: from `planned_values`, else from `change.after`. Terraform
/// omits unknown values from both, and the attribute is required, so a policy in neither is
/// one known only after apply (TL004).
fn after_policy(
    file: &SourceFile,
    address: &str,
    entry: &Node,
    values: Option<&Node>,
    change: Option<&Node>,
) -> PolicyBody {
    let after = change.and_then(|c| c.get("after"));
    let policy = [values, after]
        .into_iter()
        .flatten()
        .filter_map(|v| v.get(POLICY))
        .find(|p| p.value != Value::Null);
    match policy {
        Some(node) => parse_policy(file, node),
        None => PolicyBody::Unknown {
            span: unknown_span(change).unwrap_or(entry.span),
            expr: format!("{address}.{POLICY}"),
            reason: "is known only after apply".to_owned(),
        },
    }
}

/// `"assume_role_policy": true` in `change.after_unknown`, the plan's own word that the value
/// is unknown.
fn unknown_span(change: Option<&Node>) -> Option<Span> {
    let (key, value) = change?.get("after_unknown")?.entry(POLICY)?;
    Some(key.span.cover(value.span))
}

/// Parses the policy JSON held in the plan's string, with spans pointing into that string so
/// a finding lands on the statement even in a one-line plan.
fn parse_policy(file: &SourceFile, node: &Node) -> PolicyBody {
    let Some(text) = node.as_str() else {
        return PolicyBody::Malformed {
            span: node.span,
            message: format!("`{POLICY}` is not a string"),
        };
    };
    match embedded_json(&file.text, node, text) {
        Ok(tree) => document::document(&tree, &Plain, Syntax::Json),
        Err(e) => PolicyBody::Malformed {
            span: e.span,
            message: e.message,
        },
    }
}
