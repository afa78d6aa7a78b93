//! How a trust-policy statement is written where it sits, so that help texts (and later
//! `--fix`) show the condition in the file's own syntax, with that syntax's escape.

/// The syntax a statement is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// A JSON object (template, raw policy, account dump, plan).
    Json,
    /// A YAML mapping.
    Yaml,
    /// JSON inside a CloudFormation `Fn::Sub` string: `${!…}` escapes the variable.
    SubJson,
    /// JSON in a Terraform string or heredoc: `$${…}` escapes the variable.
    HclJson,
    /// A Terraform `jsonencode({...})` object.
    HclObject,
    /// An `aws_iam_policy_document` statement block: `&{…}` escapes the variable.
    PolicyDocument,
    /// A CDK construct (help shows `withConditions`).
    Cdk,
    /// A call of a `terraform-aws-modules/iam/aws` role submodule: the fix is an input.
    ModuleInputs,
}

/// The default binding value added by the fix.
pub const DEFAULT_VALUE: &str = "${aws:username}";

impl Syntax {
    /// Writes a policy variable value (`${aws:username}`) the way this syntax needs it.
    pub fn escape_value(self, value: &str) -> String {
        match self {
            Syntax::SubJson => value.replace("${", "${!"),
            Syntax::HclJson | Syntax::HclObject | Syntax::ModuleInputs => {
                value.replace("${", "$${")
            }
            Syntax::PolicyDocument => value.replace("${", "&{"),
            Syntax::Json | Syntax::Yaml | Syntax::Cdk => value.to_owned(),
        }
    }

    /// The condition to add to a statement, in this syntax.
    pub fn condition_snippet(self, value: &str) -> String {
        let v = self.escape_value(value);
        match self {
            Syntax::Json | Syntax::SubJson | Syntax::HclJson => {
                format!(r#""Condition": {{"StringLike": {{"sts:RoleSessionName": "{v}"}}}}"#)
            }
            Syntax::Yaml => {
                format!("Condition: {{StringLike: {{\"sts:RoleSessionName\": \"{v}\"}}}}")
            }
            Syntax::HclObject => {
                format!(r#"Condition = {{ StringLike = {{ "sts:RoleSessionName" = "{v}" }} }}"#)
            }
            Syntax::PolicyDocument => format!(
                r#"condition {{ test = "StringLike", variable = "sts:RoleSessionName", values = ["{v}"] }}"#
            ),
            Syntax::Cdk => format!(
                "principal.withConditions({{ StringLike: {{ 'sts:RoleSessionName': '{v}' }} }})"
            ),
            Syntax::ModuleInputs => format!(
                "role_requires_session_name = true (v5 `iam-assumable-role`, release 5.29.1 or \
                 later when role_requires_mfa = false), or a condition {{ test = \"StringLike\", \
                 variable = \"sts:RoleSessionName\", values = [\"{v}\"] }} in \
                 trust_policy_conditions (v5, 5.52.0 or later) or trust_policy_permissions (v6)"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            Syntax::SubJson.escape_value(DEFAULT_VALUE),
            "${!aws:username}"
        );
        assert_eq!(
            Syntax::HclJson.escape_value(DEFAULT_VALUE),
            "$${aws:username}"
        );
        assert_eq!(
            Syntax::PolicyDocument.escape_value(DEFAULT_VALUE),
            "&{aws:username}"
        );
        assert_eq!(Syntax::Yaml.escape_value(DEFAULT_VALUE), DEFAULT_VALUE);
    }
}
