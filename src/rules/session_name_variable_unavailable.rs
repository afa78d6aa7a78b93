//! TL003 session-name-variable-unavailable: the binding variable cannot be satisfied by the
//! role sessions the statement trusts.

use super::{declare_rule, role_name};
use crate::finding::{Finding, Severity};
use crate::policy::{Analysis, Enforcement};

declare_rule! {
    /// ## What it does
    /// Finds statements enforced with `${aws:username}` or `${aws:userid}` that trust a role
    /// (`arn:aws:iam::ACCOUNT:role/NAME`) or an assumed-role session ARN.
    ///
    /// ## Why is this bad?
    /// Role sessions have no `aws:username`, and their `aws:userid` (`AROA…:session`) contains
    /// `:`, which no session name may contain. The trusted role can therefore never assume
    /// this role: the condition locks out exactly the caller the statement names. Teams then
    /// "fix" the outage by deleting the condition, and CloudTrail loses the caller again.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "Effect": "Allow",
    ///   "Principal": { "AWS": "arn:aws:iam::123456789012:role/ci" },
    ///   "Action": "sts:AssumeRole",
    ///   "Condition": { "StringLike": { "sts:RoleSessionName": "${aws:username}" } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Bind the session name to something role sessions carry, such as a principal tag or the
    /// source identity:
    /// ```json
    /// "Condition": { "StringLike": { "sts:RoleSessionName": "${aws:PrincipalTag/email}" } }
    /// ```
    pub static RULE = {
        code: "TL003",
        name: "session-name-variable-unavailable",
        severity: Severity::Warning,
        summary: "${aws:username}/${aws:userid} cannot be satisfied by the trusted role sessions",
        check: check,
    };
}

fn check(a: &Analysis<'_>, out: &mut Vec<Finding>) {
    for (s, v) in a.in_scope() {
        let Enforcement::Enforced { values, .. } = &v.enforcement else {
            continue;
        };
        if !a.locks_out_roles(s, values) {
            continue;
        }
        out.push(
            Finding::for_statement(
                &RULE,
                a.policy,
                s,
                "trusts a role that cannot satisfy the condition",
                format!(
                    "{} requires the session name `{}`, but it trusts a role: role sessions have \
                     no `aws:username`, and their `aws:userid` contains `:`, so that role can \
                     never assume this one",
                    role_name(a.policy),
                    values.join("`, `")
                ),
            )
            .with_label(s.principal_span, "role principal")
            .with_help(
                "bind the session name to a value role sessions carry, e.g. \
                 `${aws:PrincipalTag/email}`, or accept `sts:SourceIdentity`",
            )
            .with_canonical(&s.canonical),
        );
    }
}
