//! TL001 missing-role-session-name: principals may assume the role without naming the
//! session after themselves.

use super::{declare_rule, fix_help, principal_summary, role_name};
use crate::finding::{Finding, Severity};
use crate::policy::{Analysis, Enforcement};

declare_rule! {
    /// ## What it does
    /// Finds trust-policy statements that let AWS principals (an account, a user, a role, or
    /// `*`) assume the role with `sts:AssumeRole` while no `sts:RoleSessionName` condition binds
    /// the session name to the caller's identity — neither in the statement nor through a Deny
    /// statement of the same policy.
    ///
    /// ## Why is this bad?
    /// Everything done with the role is logged in CloudTrail as
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, and the caller chooses `SESSION`
    /// freely. Finding the person behind an action then means correlating with an earlier
    /// `AssumeRole` event, up to hours before, by access key id. With the condition, every
    /// event of the session names the caller.
    ///
    /// A miscased or unknown operator (`stringLike`) enforces nothing; IAM rejects such a
    /// document on deploy.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "Effect": "Allow",
    ///   "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
    ///   "Action": "sts:AssumeRole"
    /// }
    /// ```
    ///
    /// ## Fix
    /// Add a condition that binds the session name to the caller:
    /// ```json
    /// {
    ///   "Effect": "Allow",
    ///   "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
    ///   "Action": "sts:AssumeRole",
    ///   "Condition": { "StringLike": { "sts:RoleSessionName": "${aws:username}" } }
    /// }
    /// ```
    /// `${aws:username}` exists only for IAM users: callers with temporary credentials (SSO
    /// users, role chaining, federated sessions) are locked out. `${aws:PrincipalTag/email}` or
    /// `sts:SourceIdentity` (`accept-source-identity = true`) serve those callers.
    pub static RULE = {
        code: "TL001",
        name: "missing-role-session-name",
        severity: Severity::Error,
        summary: "principals may assume the role without an sts:RoleSessionName condition",
        check: check,
    };
}

fn check(a: &Analysis<'_>, out: &mut Vec<Finding>) {
    for (s, v) in a.in_scope() {
        let Enforcement::Missing(note) = &v.enforcement else {
            continue;
        };
        let mut message = format!(
            "{} lets {} assume it without an `sts:RoleSessionName` condition: CloudTrail will \
             name the role, not the caller",
            role_name(a.policy),
            principal_summary(s)
        );
        if let Some(note) = note {
            message.push_str(&format!(" ({note})"));
        }
        out.push(
            Finding::for_statement(
                &RULE,
                a.policy,
                s,
                "this statement does not bind the session name",
                message,
            )
            .with_label(s.principal_span, "trusted principal")
            .with_label(s.condition_span, "no binding sts:RoleSessionName here")
            .with_help(fix_help(s, "add to the statement"))
            .with_canonical(&s.canonical),
        );
    }
}
