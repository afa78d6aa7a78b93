//! TL006 condition-blocks-service: a session-name condition in a statement that also trusts
//! a service.

use super::{declare_rule, policy_name};
use crate::finding::{Finding, Severity};
use crate::policy::{Analysis, Enforcement, Via};

declare_rule! {
    /// ## What it does
    /// Finds statements that trust both AWS principals and a `Service` principal and carry an
    /// enforcing `sts:RoleSessionName` condition.
    ///
    /// ## Why is this bad?
    /// A service names its own sessions, so it can no longer satisfy the condition and stops
    /// being able to assume the role. The usual "fix" is to drop the condition, and CloudTrail
    /// then names the role instead of the person for every human caller.
    ///
    /// ## Example
    /// ```yaml
    /// - Effect: Allow
    ///   Principal:
    ///     AWS: arn:aws:iam::123456789012:root
    ///     Service: lambda.amazonaws.com
    ///   Action: sts:AssumeRole
    ///   Condition:
    ///     StringLike:
    ///       sts:RoleSessionName: "${aws:username}"
    /// ```
    ///
    /// ## Fix
    /// Split the statement: one for the service without the condition, one for the AWS
    /// principals with it.
    pub static RULE = {
        code: "TL006",
        name: "condition-blocks-service",
        severity: Severity::Warning,
        summary: "the session-name condition also applies to a Service principal, which cannot satisfy it",
        check: check,
    };
}

fn check(a: &Analysis<'_>, out: &mut Vec<Finding>) {
    for (s, v) in a.in_scope() {
        let Enforcement::Enforced {
            via: Via::Own(_), ..
        } = &v.enforcement
        else {
            continue;
        };
        if !Analysis::trusts_service(s) {
            continue;
        }
        out.push(
            Finding::for_statement(&RULE, a.policy, s,
                "also trusts a service",
                format!(
                    "a statement of {} trusts a `Service` principal and requires a session name: \
                     the service names its own sessions and can no longer assume the role",
                    policy_name(a.policy)
                ),
            )
            .with_label(s.principal_span, "service and AWS principals together")
            .with_help("split the statement: the Service principal without the condition, the AWS principals with it")
            .with_canonical(&s.canonical),
        );
    }
}
