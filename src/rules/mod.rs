//! The rule registry and the runner that applies every rule to a trust policy.
//!
//! Each rule lives in its own file, declared with [`declare_rule!`]: its `///` docs (with the
//! sections *What it does*, *Why is this bad?*, *Example*, *Fix*) are what
//! `trustlint explain` prints. Registration is one line in [`ALL`].

use std::collections::HashSet;

use crate::finding::{Finding, Severity};
use crate::policy::{analyze, PolicyBody, Semantics, Statement, TrustPolicy};
use crate::syntax::DEFAULT_VALUE;

mod condition_blocks_service;
mod missing_role_session_name;
mod parse_error;
mod policy_variables_disabled;
mod session_name_variable_unavailable;
mod unresolved_trust_policy;
mod weak_role_session_name;

pub use parse_error::RULE as PARSE_ERROR;
pub use unresolved_trust_policy::RULE as UNRESOLVED;

/// A rule: its identity, default severity, documentation and check.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// Markdown documentation, from the rule's doc comment.
    pub docs: &'static str,
    pub check: fn(&crate::policy::Analysis<'_>, &mut Vec<Finding>),
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

/// Declares a rule from its doc comment and fields.
macro_rules! declare_rule {
    ($(#[doc = $doc:expr])* pub static RULE = { $($field:ident : $value:expr),* $(,)? };) => {
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            docs: concat!($($doc, "\n"),*),
            $($field: $value),*
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &parse_error::RULE,
    &missing_role_session_name::RULE,
    &weak_role_session_name::RULE,
    &session_name_variable_unavailable::RULE,
    &unresolved_trust_policy::RULE,
    &policy_variables_disabled::RULE,
    &condition_blocks_service::RULE,
];

/// Finds a rule by code or name (case-insensitive).
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Runs every rule on one trust policy. At most one finding per (statement, code): `Fn::If`
/// variants of a statement share its span and are reported once (SPEC §3 "Counting").
pub fn check_policy(policy: &TrustPolicy, semantics: Semantics, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    match &policy.body {
        PolicyBody::Known(document) => {
            let analysis = analyze(policy, document, semantics);
            for rule in ALL {
                (rule.check)(&analysis, &mut found);
            }
        }
        PolicyBody::Unknown { span, expr, reason } => {
            found.push(unresolved_trust_policy::whole_policy(
                policy, *span, expr, reason,
            ));
        }
        PolicyBody::Malformed { span, message } => {
            found.push(parse_error::malformed_policy(policy, *span, message));
        }
    }
    let mut seen = HashSet::new();
    out.extend(
        found
            .into_iter()
            .filter(|f| seen.insert((f.rule.code, f.primary.span, f.canonical.clone()))),
    );
}

/// The help every missing or weak condition shares: the snippet to add, in the statement's
/// syntax, and who `${aws:username}` locks out (SPEC §6).
pub(crate) fn fix_help(statement: &Statement, verb: &str) -> String {
    let verb = match statement.syntax {
        crate::syntax::Syntax::ModuleInputs => "set on the module call",
        _ => verb,
    };
    format!(
        "{verb}: {}\n\
         `{DEFAULT_VALUE}` locks out callers with temporary credentials (IAM Identity Center/SSO \
         users, role chaining, federated sessions); choose another binding value with \
         `--fix-value` (e.g. `${{aws:PrincipalTag/email}}`) or allow `sts:SourceIdentity` with \
         `accept-source-identity = true`",
        statement.syntax.condition_snippet(DEFAULT_VALUE)
    )
}

/// A short description of who the statement trusts, for messages.
pub(crate) fn principal_summary(statement: &Statement) -> String {
    use crate::policy::{Principal, Val};
    match &statement.principal {
        Principal::Star => "any principal (`*`)".to_owned(),
        Principal::Map(entries) => {
            let aws: Vec<String> = entries
                .iter()
                .filter(|e| e.kind == "AWS")
                .flat_map(|e| &e.values)
                .map(|v| match v {
                    Val::Lit { text, .. } => format!("`{text}`"),
                    // A long-form intrinsic reads better as the ARN it builds.
                    Val::Unknown {
                        shape: Some(shape),
                        expr,
                        ..
                    } if expr.starts_with('{') => format!("`{shape}`"),
                    Val::Unknown { expr, .. } => format!("`{expr}`"),
                })
                .collect();
            match aws.len() {
                0 => "its principals".to_owned(),
                1..=3 => aws.join(", "),
                n => format!("{} and {} more", aws[..2].join(", "), n - 2),
            }
        }
        _ => "its principals".to_owned(),
    }
}

/// "role `X`" or "this role", for messages.
pub(crate) fn role_name(policy: &TrustPolicy) -> String {
    match &policy.resource {
        Some(r) => format!("role `{r}`"),
        None => "this role".to_owned(),
    }
}

/// "the trust policy of role `X`" or "this trust policy", for messages.
pub(crate) fn policy_name(policy: &TrustPolicy) -> String {
    match &policy.resource {
        Some(r) => format!("the trust policy of role `{r}`"),
        None => "this trust policy".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_docs_with_all_sections() {
        for rule in ALL {
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Fix",
            ] {
                assert!(rule.docs.contains(section), "{} lacks {section}", rule.code);
            }
            assert!(lookup(rule.name).is_some_and(|r| r.code == rule.code));
        }
        let codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            ["TL000", "TL001", "TL002", "TL003", "TL004", "TL005", "TL006"]
        );
    }
}
