//! TL002 weak-role-session-name: an `sts:RoleSessionName` condition that does not bind the
//! session name to the caller.

use super::{declare_rule, fix_help, role_name};
use crate::finding::{Finding, Severity};
use crate::policy::{Analysis, Enforcement};

declare_rule! {
    /// ## What it does
    /// Finds in-scope statements whose `sts:RoleSessionName` condition exists but does not bind
    /// the session name to the caller: a negated operator (`StringNotLike`), `Null`,
    /// `ForAllValues:` (true when the key is absent), a fixed value (`ci-deploy`), a wildcard
    /// (`*`, `${aws:username}*`) or a variable with a default (`${aws:username, 'x'}`). Values in
    /// a list are ORed, so one weak value weakens the whole condition.
    ///
    /// ## Why is this bad?
    /// The condition looks like accountability but is not: callers can still pick a session
    /// name that is not theirs (`${aws:username}*` lets `al` act as `alice`), and CloudTrail's
    /// `assumed-role/ROLE/SESSION` no longer tells who acted.
    ///
    /// ## Example
    /// ```yaml
    /// - Effect: Allow
    ///   Principal: { AWS: arn:aws:iam::123456789012:root }
    ///   Action: sts:AssumeRole
    ///   Condition:
    ///     StringLike:
    ///       sts:RoleSessionName: "*"
    /// ```
    ///
    /// ## Fix
    /// Use a positive operator and binding values only:
    /// ```yaml
    ///   Condition:
    ///     StringLike:
    ///       sts:RoleSessionName: "${aws:username}"
    /// ```
    pub static RULE = {
        code: "TL002",
        name: "weak-role-session-name",
        severity: Severity::Warning,
        summary: "the sts:RoleSessionName condition does not bind the session name to the caller",
        check: check,
    };
}

fn check(a: &Analysis<'_>, out: &mut Vec<Finding>) {
    for (s, v) in a.in_scope() {
        let Enforcement::Weak(why) = &v.enforcement else {
            continue;
        };
        out.push(
            Finding::for_statement(
                &RULE,
                a.policy,
                s,
                "the session name is not bound to the caller",
                format!(
                    "{} has an `sts:RoleSessionName` condition that does not bind the session \
                     name to the caller: {why}",
                    role_name(a.policy)
                ),
            )
            .with_label(s.condition_span, "weak condition")
            .with_help(fix_help(s, "bind the session name instead"))
            .with_canonical(&s.canonical),
        );
    }
}
