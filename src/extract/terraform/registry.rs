//! Calls of the public `terraform-aws-modules/iam/aws` role submodules, judged by their
//! inputs and `version` constraint without downloading anything.
//!
//! Sources read (terraform-aws-modules/terraform-aws-iam):
//! - v5 `modules/iam-assumable-role/main.tf` at v5.60.0, `data "aws_iam_policy_document"
//!   "assume_role"` (L12-81) and `"assume_role_with_mfa"` (L83-164); defaults in
//!   `variables.tf` (`create_role = false` L41, `role_requires_mfa = true` L71,
//!   `trusted_role_actions = ["sts:AssumeRole", "sts:TagSession"]` L1,
//!   `role_session_name = ["$${aws:username}"]` L186).
//! - `role_requires_session_name` arrived in v5.19.0 (#379) but only in the MFA document;
//!   v5.29.1 (#418, "Add missing condition role_session_name when assuming a role") added it
//!   to the non-MFA one, so 5.19.0–5.29.0 drop it when `role_requires_mfa = false`.
//! - `create_custom_role_trust_policy` arrived in v5.30.0 (#321); `trust_policy_conditions`
//!   in v5.52.0 (#543), applied to the main statement only.
//! - `allow_self_assume_role` adds statement `ExplicitSelfRoleAssumption`: AWS `"*"` with only
//!   `ArnLike aws:PrincipalArn` — no session-name condition.
//! - v6 `modules/iam-role/main.tf` at v6.5.0: one statement per `trust_policy_permissions`
//!   entry with its own `condition` list (L239-278); `trust_policy_conditions` apply only to
//!   the OIDC/SAML statements, whose Federated principals are out of scope.

use std::sync::Arc;

use hcl_edit::structure::Block;

use super::eval::Scope;
use super::value::{FileId, Tv, V};
use super::TfResolver;
use crate::extract::document;
use crate::parse::{Key, Node, Value};
use crate::policy::{Location, PolicyBody, TrustPolicy};
use crate::source::{SourceFile, SourceKind, Span};
use crate::syntax::Syntax;

type Version = (u64, u64, u64);

const NEWEST_V5: Version = (5, 60, 0);
const NEWEST_V6: Version = (6, 5, 0);

/// Releases worth telling apart: every minor of v4–v6 and the patch that fixed #418.
fn candidates() -> Vec<Version> {
    let mut v: Vec<Version> = (0..=24).map(|m| (4, m, 0)).collect();
    v.extend((0..=NEWEST_V5.1).map(|m| (5, m, 0)));
    v.push((5, 29, 1));
    v.extend((0..=NEWEST_V6.1).map(|m| (6, m, 0)));
    v.sort();
    v
}

fn parse_version(text: &str) -> Option<Version> {
    let mut parts = text
        .trim()
        .trim_start_matches('v')
        .split('.')
        .map(|p| p.parse::<u64>().ok());
    Some((
        parts.next()??,
        parts.next().flatten().unwrap_or(0),
        parts.next().flatten().unwrap_or(0),
    ))
}

/// Whether a Terraform version constraint (`~> 5.19`, `>= 5.0, < 5.30`) admits `v`.
fn admits(constraint: &str, v: Version) -> bool {
    constraint.split(',').all(|clause| {
        let clause = clause.trim();
        let (op, rest) = ["~>", ">=", "<=", "!=", ">", "<", "="]
            .iter()
            .find_map(|op| clause.strip_prefix(op).map(|r| (*op, r)))
            .unwrap_or(("=", clause));
        let Some(target) = parse_version(rest) else {
            return true;
        };
        let parts = rest.trim().split('.').count();
        match op {
            "~>" if parts >= 3 => v >= target && (v.0, v.1) == (target.0, target.1),
            "~>" => v >= target && v.0 == target.0,
            ">=" => v >= target,
            "<=" => v <= target,
            ">" => v > target,
            "<" => v < target,
            "!=" => v != target,
            _ => v == target,
        }
    })
}

/// Which submodule a `source` names, if it is one of the IAM role modules, and the release a
/// git source pins with `?ref=`.
fn submodule(source: &str) -> Option<(&str, Option<String>)> {
    let source = ["registry.terraform.io/", "registry.opentofu.org/"]
        .iter()
        .find_map(|host| source.strip_prefix(host))
        .unwrap_or(source);
    let pinned = source
        .split_once("?ref=")
        .map(|(_, r)| r.trim_start_matches('v').to_owned());
    let source = source.split_once('?').map_or(source, |(s, _)| s);
    let (repo, sub) = source.rsplit_once("//")?;
    let repo = repo.trim_end_matches('/');
    let known = repo == "terraform-aws-modules/iam/aws"
        || repo.ends_with("github.com/terraform-aws-modules/terraform-aws-iam")
        || repo.ends_with("github.com/terraform-aws-modules/terraform-aws-iam.git");
    let sub = sub.trim_start_matches("modules/");
    let role_module = matches!(
        sub,
        "iam-assumable-role" | "iam-assumable-roles" | "iam-role"
    );
    (known && role_module).then_some((sub, pinned))
}

/// Builds nodes located at the call: the module renders the policy, so the call is where the
/// fix goes (SPEC §6).
struct At(Span);

impl At {
    fn s(&self, text: &str) -> Node {
        Node::new(self.0, Value::String(text.to_owned()))
    }
    fn list(&self, items: Vec<Node>) -> Node {
        Node::new(self.0, Value::Array(items))
    }
    fn obj(&self, entries: Vec<(&str, Node)>) -> Node {
        Node::new(
            self.0,
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        (
                            Key {
                                name: k.to_owned(),
                                span: self.0,
                            },
                            v,
                        )
                    })
                    .collect(),
            ),
        )
    }
}

/// Judges a call; `None` when it is not an IAM role submodule of the registry module. A
/// constraint that also admits an affected release adds a note for the human output.
pub fn judge(
    scope: &Scope<'_>,
    file: FileId,
    call: &Block,
    (source, span): (&Arc<SourceFile>, Span),
    address: &str,
    notes: &mut Vec<String>,
) -> Option<Vec<TrustPolicy>> {
    let src = call
        .body
        .get_attribute("source")?
        .value
        .as_str()?
        .to_owned();
    let (sub, pinned) = submodule(&src)?;
    let input = |name: &str| {
        call.body
            .get_attribute(name)
            .map(|a| scope.eval(file, &a.value))
    };
    let constraint = call
        .body
        .get_attribute("version")
        .and_then(|a| a.value.as_str().map(str::to_owned))
        .or(pinned);
    let admitted: Vec<Version> = candidates()
        .into_iter()
        .filter(|v| constraint.as_deref().is_none_or(|c| admits(c, *v)))
        .filter(|v| sub != "iam-role" || v.0 >= 6)
        .filter(|v| sub == "iam-role" || v.0 <= 5)
        .collect();
    let version = admitted.last().copied().unwrap_or(if sub == "iam-role" {
        NEWEST_V6
    } else {
        NEWEST_V5
    });
    let at = At(span);
    let mut related = vec![Location {
        position: None,
        file: source.clone(),
        span,
        message: format!(
            "module `{src}` judged at release {}.{}.{}",
            version.0, version.1, version.2
        ),
    }];
    let bool_input = |name: &str, default: bool| input(name).map_or(Some(default), |v| v.as_bool());
    let docs: Vec<Node> = match sub {
        "iam-assumable-role" => {
            if bool_input("create_role", false) == Some(false) {
                return Some(Vec::new());
            }
            let mfa = bool_input("role_requires_mfa", true);
            let session = bool_input("role_requires_session_name", false);
            let affected: Vec<&Version> = admitted
                .iter()
                .filter(|v| **v >= (5, 19, 0) && **v <= (5, 29, 0))
                .collect();
            if mfa != Some(true)
                && session != Some(false)
                && !affected.is_empty()
                && version > (5, 29, 0)
            {
                let message = "the version constraint also admits 5.19.0–5.29.0, which drop the \
                               session-name condition when role_requires_mfa = false (fixed in \
                               5.29.1)";
                let line = crate::source::LineIndex::new(&source.text).line(span.start());
                notes.push(format!("{address} ({}:{line}): {message}", source.display));
                related.push(Location {
                    position: None,
                    file: source.clone(),
                    span,
                    message: message.to_owned(),
                });
            }
            let custom = input("custom_role_trust_policy")
                .filter(|v| v.to_text().is_some_and(|t| !t.is_empty()) || v.is_unknown());
            let use_custom = custom.is_some()
                && (version < (5, 30, 0)
                    || bool_input("create_custom_role_trust_policy", false) == Some(true));
            if let (true, Some(value)) = (use_custom, custom) {
                // The user's own document: read where it is written (a policy document block, a
                // heredoc), as for a role of their own.
                let (doc_file, body, _) =
                    super::body_of(&value, scope.files, Syntax::HclObject, span, file);
                let doc_source = scope.files.get(doc_file).unwrap_or_else(|| source.clone());
                let mut p = policy(&doc_source, address, related, span, body);
                if !Arc::ptr_eq(&doc_source, source) {
                    p.anchors.clear();
                    p.foreign_anchors.push((source.clone(), span));
                }
                return Some(vec![p]);
            } else {
                let mut statements = Vec::new();
                if bool_input("allow_self_assume_role", false) == Some(true) {
                    statements.push(at.obj(vec![
                        ("Sid", at.s("ExplicitSelfRoleAssumption")),
                        ("Effect", at.s("Allow")),
                        ("Action", at.s("sts:AssumeRole")),
                        ("Principal", at.obj(vec![("AWS", at.s("*"))])),
                        (
                            "Condition",
                            at.obj(vec![(
                                "ArnLike",
                                at.obj(vec![(
                                    "aws:PrincipalArn",
                                    at.s("arn:aws:iam::*:role/self"),
                                )]),
                            )]),
                        ),
                    ]));
                }
                let mut conditions: Vec<(String, String, Node)> = Vec::new();
                if mfa == Some(true) {
                    conditions.push((
                        "Bool".into(),
                        "aws:MultiFactorAuthPresent".into(),
                        at.s("true"),
                    ));
                    conditions.push((
                        "NumericLessThan".into(),
                        "aws:MultiFactorAuthAge".into(),
                        at.s("86400"),
                    ));
                }
                let with_session = session == Some(true)
                    && version >= (5, 19, 0)
                    && (mfa == Some(true) || version >= (5, 29, 1));
                if session.is_none() {
                    conditions.push((
                        "StringEquals".into(),
                        "sts:RoleSessionName".into(),
                        unknown(&input("role_requires_session_name"), span),
                    ));
                } else if with_session {
                    let values = input("role_session_name").map_or_else(
                        || at.list(vec![at.s("${aws:username}")]),
                        |v| tv_node(&v, span),
                    );
                    conditions.push(("StringEquals".into(), "sts:RoleSessionName".into(), values));
                }
                conditions.extend(added_conditions(
                    version,
                    input("trust_policy_conditions"),
                    span,
                ));
                let actions = input("trusted_role_actions").map_or_else(
                    || at.list(vec![at.s("sts:AssumeRole"), at.s("sts:TagSession")]),
                    |v| {
                        let mut n = tv_node(&v, span);
                        if let Value::Array(items) = &mut n.value {
                            items.insert(0, at.s("sts:AssumeRole"));
                        }
                        n
                    },
                );
                statements.push(main_statement(
                    &at,
                    actions,
                    principals(
                        &at,
                        &input("trusted_role_arns"),
                        &input("trusted_role_services"),
                    ),
                    conditions,
                ));
                vec![at.obj(vec![
                    ("Version", at.s("2012-10-17")),
                    ("Statement", at.list(statements)),
                ])]
            }
        }
        "iam-assumable-roles" => {
            let mut docs = Vec::new();
            for kind in ["admin", "poweruser", "readonly"] {
                if bool_input(&format!("create_{kind}_role"), false) == Some(false) {
                    continue;
                }
                let mut conditions = Vec::new();
                if bool_input(&format!("{kind}_role_requires_mfa"), true) == Some(true) {
                    conditions.push((
                        "Bool".into(),
                        "aws:MultiFactorAuthPresent".into(),
                        at.s("true"),
                    ));
                }
                conditions.extend(added_conditions(
                    version,
                    input("trust_policy_conditions"),
                    span,
                ));
                let actions = input("trusted_role_actions").map_or_else(
                    || at.list(vec![at.s("sts:AssumeRole"), at.s("sts:TagSession")]),
                    |v| tv_node(&v, span),
                );
                let st = main_statement(
                    &at,
                    actions,
                    principals(
                        &at,
                        &input("trusted_role_arns"),
                        &input("trusted_role_services"),
                    ),
                    conditions,
                );
                docs.push(at.obj(vec![
                    ("Version", at.s("2012-10-17")),
                    ("Statement", at.list(vec![st])),
                ]));
            }
            docs
        }
        _ => {
            if bool_input("create", true) == Some(false) {
                return Some(Vec::new());
            }
            let permissions = input("trust_policy_permissions");
            let statements: Vec<Node> = match permissions.as_ref().map(|p| &p.v) {
                Some(V::Object(entries)) => entries
                    .iter()
                    .map(|(name, _, p)| v6_statement(&at, name, p, span))
                    .collect(),
                Some(V::Unknown { .. }) => vec![unknown(&permissions, span)],
                _ => Vec::new(),
            };
            vec![at.obj(vec![
                ("Version", at.s("2012-10-17")),
                ("Statement", at.list(statements)),
            ])]
        }
    };
    Some(
        docs.into_iter()
            .map(|doc| {
                policy(
                    source,
                    address,
                    related.clone(),
                    span,
                    document::document(&doc, &TfResolver, Syntax::ModuleInputs),
                )
            })
            .collect(),
    )
}

fn policy(
    source: &Arc<SourceFile>,
    address: &str,
    related: Vec<Location>,
    span: Span,
    body: PolicyBody,
) -> TrustPolicy {
    TrustPolicy {
        kind: SourceKind::Terraform,
        file: source.clone(),
        resource: Some(address.to_owned()),
        role: None,
        related,
        anchors: vec![span],
        foreign_anchors: Vec::new(),
        metadata_ignores: Vec::new(),
        body,
    }
}

fn unknown(value: &Option<Tv>, span: Span) -> Node {
    let (expr, reason) = value
        .as_ref()
        .and_then(|v| v.first_unknown().map(|(e, r)| (e.to_owned(), r.to_owned())))
        .unwrap_or_else(|| ("module input".to_owned(), "is not static".to_owned()));
    Node::new(span, Value::Unknown { expr, reason })
}

/// A module input as a node located at the call.
fn tv_node(v: &Tv, span: Span) -> Node {
    v.to_node_at(span)
}

fn principals(at: &At, arns: &Option<Tv>, services: &Option<Tv>) -> Node {
    let mut entries = Vec::new();
    for (kind, value) in [("AWS", arns), ("Service", services)] {
        match value {
            Some(v) if v.items().is_some_and(|i| i.is_empty()) => {}
            Some(v) => entries.push((kind, tv_node(v, at.0))),
            None => {}
        }
    }
    at.obj(entries)
}

fn main_statement(
    at: &At,
    actions: Node,
    principal: Node,
    conditions: Vec<(String, String, Node)>,
) -> Node {
    let mut ops: Vec<(String, Vec<(String, Node)>)> = Vec::new();
    for (op, key, values) in conditions {
        match ops.iter_mut().find(|(o, _)| *o == op) {
            Some((_, keys)) => keys.push((key, values)),
            None => ops.push((op, vec![(key, values)])),
        }
    }
    let condition = Node::new(
        at.0,
        Value::Object(
            ops.into_iter()
                .map(|(op, keys)| {
                    let inner = Node::new(
                        at.0,
                        Value::Object(
                            keys.into_iter()
                                .map(|(k, v)| {
                                    (
                                        Key {
                                            name: k,
                                            span: at.0,
                                        },
                                        v,
                                    )
                                })
                                .collect(),
                        ),
                    );
                    (
                        Key {
                            name: op,
                            span: at.0,
                        },
                        inner,
                    )
                })
                .collect(),
        ),
    );
    let mut entries = vec![
        ("Effect", at.s("Allow")),
        ("Action", actions),
        ("Principal", principal),
    ];
    if condition.entries().is_some_and(|e| !e.is_empty()) {
        entries.push(("Condition", condition));
    }
    at.obj(entries)
}

/// `trust_policy_conditions`, which v5 applies to the main statement from 5.52.0 (#543).
fn added_conditions(
    version: Version,
    value: Option<Tv>,
    span: Span,
) -> Vec<(String, String, Node)> {
    if version < (5, 52, 0) {
        return Vec::new();
    }
    condition_list(value.as_ref(), span)
}

/// `[{test, variable, values}]` lists (`trust_policy_conditions`, v6 `condition`).
fn condition_list(value: Option<&Tv>, span: Span) -> Vec<(String, String, Node)> {
    let Some(items) = value.and_then(Tv::items) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|c| {
            let test = c.get("test")?.to_text()?;
            let variable = c.get("variable")?.to_text()?;
            let values = c.get("values").map_or_else(
                || Node::new(span, Value::Array(Vec::new())),
                |v| tv_node(v, span),
            );
            Some((test, variable, values))
        })
        .collect()
}

/// One v6 `trust_policy_permissions` entry.
fn v6_statement(at: &At, name: &str, p: &Tv, span: Span) -> Node {
    let mut entries: Vec<(&str, Node)> = vec![("Sid", at.s(name))];
    let effect = p
        .get("effect")
        .and_then(Tv::to_text)
        .unwrap_or_else(|| "Allow".to_owned());
    entries.push(("Effect", at.s(&effect)));
    if let Some(a) = p.get("actions") {
        entries.push(("Action", tv_node(a, span)));
    }
    if let Some(a) = p.get("not_actions") {
        entries.push(("NotAction", tv_node(a, span)));
    }
    let mut kinds: Vec<(String, Node)> = Vec::new();
    for pr in p.get("principals").and_then(Tv::items).unwrap_or_default() {
        if let (Some(k), Some(ids)) = (pr.get("type").and_then(Tv::to_text), pr.get("identifiers"))
        {
            kinds.push((k, tv_node(ids, span)));
        }
    }
    if !kinds.is_empty() {
        entries.push((
            "Principal",
            Node::new(
                span,
                Value::Object(
                    kinds
                        .into_iter()
                        .map(|(k, v)| (Key { name: k, span }, v))
                        .collect(),
                ),
            ),
        ));
    }
    let conditions = condition_list(p.get("condition"), span);
    let st = main_statement(at, at.s(""), at.s(""), conditions);
    if let Some(c) = st.get("Condition") {
        entries.push(("Condition", c.clone()));
    }
    at.obj(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_constraints() {
        assert!(admits("~> 5.19", (5, 60, 0)));
        assert!(!admits("~> 5.19", (6, 0, 0)));
        assert!(admits("~> 5.29.0", (5, 29, 1)));
        assert!(!admits("~> 5.29.0", (5, 30, 0)));
        assert!(admits(">= 5.0, < 5.30", (5, 29, 1)));
        assert!(admits("5.20.0", (5, 20, 0)));
        assert!(!admits("5.20.0", (5, 21, 0)));
        assert_eq!(
            submodule("terraform-aws-modules/iam/aws//modules/iam-assumable-role"),
            Some(("iam-assumable-role", None))
        );
        assert_eq!(
            submodule("registry.terraform.io/terraform-aws-modules/iam/aws//modules/iam-role"),
            Some(("iam-role", None))
        );
        let git = "git::https://github.com/terraform-aws-modules/terraform-aws-iam.git//modules/iam-assumable-role?ref=v5.20.0";
        assert_eq!(
            submodule(git),
            Some(("iam-assumable-role", Some("5.20.0".to_owned())))
        );
        assert_eq!(submodule("terraform-aws-modules/vpc/aws"), None);
    }
}
