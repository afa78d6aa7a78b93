//! Turns a spanned policy-document [`Node`] into the [`Document`] model.
//!
//! The syntax-specific part — what an intrinsic function or an escape means — comes from a
//! [`Resolver`]; the walk over `Version`, `Statement`, `Effect`, `Action`, `Principal` and
//! `Condition` is written once here for every JSON/YAML-based input.

use crate::parse::{Node, Value};
use crate::policy::{
    Actions, Clause, Condition, Document, PolicyBody, Principal, PrincipalEntry, Statement, Val,
};
use crate::source::Span;
use crate::syntax::Syntax;

/// Resolves leaves of a document to values; intrinsic functions become unknowns.
pub trait Resolver {
    /// The value of an intrinsic function at `node`, if it is one (mostly unknown).
    fn intrinsic(&self, node: &Node) -> Option<Val>;
    /// The value of a string leaf (applying this syntax's escapes).
    fn string(&self, text: &str, span: Span) -> Val {
        Val::lit(text, span)
    }
    /// The alternatives a node stands for when it chooses between whole values (the
    /// branches of CloudFormation's `Fn::If`), each with its own span.
    fn branches(&self, node: &Node) -> Vec<Node> {
        vec![node.clone()]
    }
    /// The variants of one statement whose parts vary (an `Fn::If` inside it), all keeping
    /// the statement's span so that they are reported once.
    fn variants(&self, node: &Node) -> Vec<Node> {
        vec![node.clone()]
    }
}

/// No intrinsics: raw policy files and account dumps.
pub struct Plain;

impl Resolver for Plain {
    fn intrinsic(&self, _: &Node) -> Option<Val> {
        None
    }
}

/// A leaf value: strings through the resolver, other scalars as written.
pub fn scalar(node: &Node, r: &dyn Resolver) -> Val {
    if let Some(v) = r.intrinsic(node) {
        return v;
    }
    match &node.value {
        Value::String(s) => r.string(s, node.span),
        Value::Null => Val::lit("", node.span),
        _ => Val::lit(
            node.scalar_text().unwrap_or_else(|| node.canonical()),
            node.span,
        ),
    }
}

/// A string or a list of strings (IAM accepts both nearly everywhere).
fn list(node: &Node, r: &dyn Resolver) -> Vec<Val> {
    match node.items() {
        Some(items) if r.intrinsic(node).is_none() => items.iter().map(|n| scalar(n, r)).collect(),
        _ => vec![scalar(node, r)],
    }
}

/// Reads a policy document.
pub fn document(node: &Node, r: &dyn Resolver, syntax: Syntax) -> PolicyBody {
    if let Some(Val::Unknown { expr, reason, .. }) = r.intrinsic(node) {
        return PolicyBody::Unknown {
            span: node.span,
            expr,
            reason,
        };
    }
    if node.entries().is_none() {
        return PolicyBody::Malformed {
            span: node.span,
            message: "the policy document is not an object".to_owned(),
        };
    }
    // TL005 points at `Version` itself: its key through its value.
    let version = node.entry("Version").map(|(k, v)| match scalar(v, r) {
        Val::Lit { text, span } => Val::lit(text, k.span.cover(span)),
        other => other,
    });
    let mut statements = Vec::new();
    if let Some(st) = node.get("Statement") {
        if let Some(Val::Unknown { expr, reason, .. }) = r.intrinsic(st) {
            return PolicyBody::Unknown {
                span: st.span,
                expr,
                reason,
            };
        }
        for branch in r.branches(st) {
            let items: Vec<&Node> = match branch.items() {
                Some(items) => items.iter().collect(),
                None => vec![&branch],
            };
            for item in items {
                for alternative in r.branches(item) {
                    let canonical = alternative.canonical();
                    for variant in r.variants(&alternative) {
                        statements.push(statement(&variant, r, syntax, &canonical));
                    }
                }
            }
        }
    }
    PolicyBody::Known(Document {
        span: node.span,
        version,
        statements,
    })
}

/// Reads one statement object; an unresolvable statement becomes one with an unknown Effect.
pub fn statement(node: &Node, r: &dyn Resolver, syntax: Syntax, canonical: &str) -> Statement {
    let mut s = Statement {
        span: node.span,
        canonical: canonical.to_owned(),
        effect: None,
        actions: None,
        principal: Principal::Missing,
        has_not_principal: false,
        condition: Condition::None,
        principal_span: None,
        condition_span: None,
        syntax,
        file: None,
    };
    if let Some(v) = r.intrinsic(node) {
        // A statement that is itself an expression: Effect, Action and Principal are all
        // unknown, so it is TL004, never silently out of scope.
        s.actions = Some(Actions {
            negated: false,
            items: vec![v.clone()],
        });
        s.principal = Principal::Unknown(v.clone());
        s.effect = Some(v);
        return s;
    }
    s.effect = node.get("Effect").map(|n| scalar(n, r));
    s.actions = match (node.get("Action"), node.get("NotAction")) {
        (Some(a), _) => Some(Actions {
            negated: false,
            items: list(a, r),
        }),
        (None, Some(a)) => Some(Actions {
            negated: true,
            items: list(a, r),
        }),
        (None, None) => None,
    };
    s.has_not_principal = node.get("NotPrincipal").is_some();
    if let Some((key, value)) = node.entry("Principal") {
        s.principal_span = Some(key.span.cover(value.span));
        s.principal = principal(value, r);
    }
    if let Some((key, value)) = node.entry("Condition") {
        s.condition_span = Some(key.span.cover(value.span));
        s.condition = condition(value, r);
    }
    s
}

fn principal(node: &Node, r: &dyn Resolver) -> Principal {
    match r.intrinsic(node) {
        Some(Val::Lit { text, .. }) if text == "*" => return Principal::Star,
        Some(v) => return Principal::Unknown(v),
        None => {}
    }
    match (&node.value, node.entries()) {
        (Value::String(s), _) if s == "*" => Principal::Star,
        (_, Some(entries)) => Principal::Map(
            entries
                .iter()
                .map(|(k, v)| PrincipalEntry {
                    kind: k.name.clone(),
                    values: list(v, r),
                })
                .collect(),
        ),
        _ => Principal::Invalid,
    }
}

fn condition(node: &Node, r: &dyn Resolver) -> Condition {
    if let Some(v) = r.intrinsic(node) {
        return Condition::Unknown(v);
    }
    let Some(operators) = node.entries() else {
        return Condition::Known(Vec::new());
    };
    let mut clauses = Vec::new();
    for (op, keys) in operators {
        if let Some(v) = r.intrinsic(keys) {
            return Condition::Unknown(v);
        }
        for (key, values) in keys.entries().unwrap_or_default() {
            clauses.push(Clause {
                operator: op.name.clone(),
                key: key.name.clone(),
                values: list(values, r),
                span: key.span,
            });
        }
    }
    Condition::Known(clauses)
}
