//! TL000 parse-error: a file that may hold a trust policy cannot be read.

use super::declare_rule;
use crate::finding::{Finding, Severity};
use crate::policy::{Analysis, TrustPolicy};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a file that may hold a trust policy but cannot be parsed: a CloudFormation or
    /// SAM template, a raw policy or an account dump with a syntax error, a duplicate key, or
    /// nesting too deep to be real; and a trust policy held in a string that is not valid JSON.
    ///
    /// ## Why is this bad?
    /// trustlint cannot check a role it cannot read. A broken template will not deploy, and a
    /// policy nobody can check is a policy nobody can trust: its roles may let anyone assume
    /// them without naming the session, so CloudTrail would record the role, not the person.
    ///
    /// ## Example
    /// ```yaml
    /// Resources:
    ///   DeployRole:
    ///     Type: AWS::IAM::Role
    ///     Properties:
    ///       AssumeRolePolicyDocument:
    ///         Statement: [
    /// ```
    ///
    /// ## Fix
    /// Fix the syntax error at the reported position. Files that cannot hold a trust policy
    /// (a Helm chart, a `package.json`) are never reported, even when broken.
    pub static RULE = {
        code: "TL000",
        name: "parse-error",
        severity: Severity::Error,
        summary: "a file that may hold a trust policy cannot be parsed",
        check: check,
    };
}

/// Parse errors are found while reading files, not by analysing policies.
fn check(_: &Analysis<'_>, _: &mut Vec<Finding>) {}

/// A trust policy written as a string that does not parse as JSON.
pub(super) fn malformed_policy(policy: &TrustPolicy, span: Span, message: &str) -> Finding {
    Finding::new(
        &RULE,
        policy,
        crate::source::widen_empty(span, &policy.file.text),
        message,
        format!(
            "{} is not valid JSON: {message}",
            super::policy_name(policy)
        ),
    )
    .with_help("IAM rejects a malformed trust policy; fix the JSON so it can be checked")
    .without_resource()
}
