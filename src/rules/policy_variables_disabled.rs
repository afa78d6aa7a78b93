//! TL005 policy-variables-disabled: the document's Version makes IAM read variables literally.

use super::{declare_rule, policy_name};
use crate::finding::{Finding, Severity};
use crate::policy::Analysis;

declare_rule! {
    /// ## What it does
    /// Finds trust policies whose enforcing `sts:RoleSessionName` condition uses a policy
    /// variable (`${aws:username}`) while the document's `Version` is missing or `2008-10-17`.
    /// One finding per policy document, at its `Version` (or at the first statement that uses a
    /// variable when there is none).
    ///
    /// ## Why is this bad?
    /// Policy variables exist only in version `2012-10-17`. Otherwise IAM compares the session
    /// name with the literal text `${aws:username}`, no caller matches, and nobody can assume
    /// the role — until someone deletes the condition and CloudTrail loses the caller.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "Statement": [{
    ///     "Effect": "Allow",
    ///     "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
    ///     "Action": "sts:AssumeRole",
    ///     "Condition": { "StringLike": { "sts:RoleSessionName": "${aws:username}" } }
    ///   }]
    /// }
    /// ```
    ///
    /// ## Fix
    /// Add `"Version": "2012-10-17"` to the policy document.
    pub static RULE = {
        code: "TL005",
        name: "policy-variables-disabled",
        severity: Severity::Warning,
        summary: "the policy Version disables the variables the session-name condition uses",
        check: check,
    };
}

fn check(a: &Analysis<'_>, out: &mut Vec<Finding>) {
    let Some(span) = a.variables_disabled_at() else {
        return;
    };
    let version = match &a.document.version {
        Some(v) => format!("`Version` is `{}`", v.as_lit().unwrap_or("?")),
        None => "`Version` is missing".to_owned(),
    };
    out.push(
        Finding::new(
            &RULE,
            a.policy,
            span,
            "policy variables are disabled here",
            format!(
                "{} binds the session name with a policy variable, but its {version}: IAM reads \
                 the variable literally and no caller can assume the role",
                policy_name(a.policy)
            ),
        )
        .with_help(r#"set "Version": "2012-10-17" in the policy document"#)
        .with_canonical(
            a.document
                .statements
                .iter()
                .map(|s| s.canonical.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ),
    );
}
