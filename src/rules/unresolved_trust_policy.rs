//! TL004 unresolved-trust-policy: the policy, or what decides a statement, is not static.

use super::{declare_rule, policy_name};
use crate::finding::{Finding, Severity};
use crate::policy::{Analysis, Enforcement, Scope, TrustPolicy};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a trust policy that cannot be determined statically — a parameter, an import,
    /// an expression with no value — or a statement whose Effect, Action, Principal kind or
    /// `sts:RoleSessionName` values cannot be. The message names the expression and why.
    /// Unknown principal ARNs are fine: the `AWS` key alone decides the scope.
    ///
    /// ## Why is this bad?
    /// What cannot be read cannot be checked: the deployed role may let principals assume it
    /// without naming the session, leaving CloudTrail with the role's name instead of the
    /// caller's.
    ///
    /// ## Example
    /// ```yaml
    /// AssumeRolePolicyDocument: !Ref TrustPolicyParameter
    /// ```
    ///
    /// ## Fix
    /// Write the trust policy, or at least its Effect, Action, Principal kind and session-name
    /// condition, literally in the template; or suppress the finding with a reason where the
    /// value is checked elsewhere.
    pub static RULE = {
        code: "TL004",
        name: "unresolved-trust-policy",
        severity: Severity::Warning,
        summary: "the trust policy or a deciding part of a statement cannot be determined statically",
        check: check,
    };
}

fn check(a: &Analysis<'_>, out: &mut Vec<Finding>) {
    for (s, v) in a.document.statements.iter().zip(&a.verdicts) {
        let why = match (&v.scope, &v.enforcement) {
            (Scope::Unknown(why), _) => why,
            (Scope::In, Enforcement::Unknown(why)) => why,
            _ => continue,
        };
        out.push(
            Finding::for_statement(
                &RULE,
                a.policy,
                s,
                "cannot be determined statically",
                format!(
                    "a statement of {} cannot be checked: {why}",
                    policy_name(a.policy)
                ),
            )
            .with_help(
                "make the value static, or suppress with a reason if it is checked elsewhere",
            )
            .with_canonical(&s.canonical),
        );
    }
}

/// The whole trust policy is an expression that cannot be resolved.
pub(super) fn whole_policy(policy: &TrustPolicy, span: Span, expr: &str, reason: &str) -> Finding {
    Finding::new(
        &RULE,
        policy,
        span,
        "cannot be determined statically",
        format!(
            "{} cannot be checked: `{expr}` {reason}",
            policy_name(policy)
        ),
    )
    .with_help(
        "write the trust policy literally, or suppress with a reason if it is checked elsewhere",
    )
    .with_canonical(expr)
}
