//! Terraform plan JSON (SPEC §4): each `aws_iam_role` instance is judged once, on its after
//! state, under its full address, with findings pointing into the policy string at the
//! offending statement — also in a one-line (minified) plan.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use trustlint::extract::plan;
use trustlint::finding::Finding;
use trustlint::parse::json;
use trustlint::source::{SourceFile, SourceKind};

fn source(name: &str, text: String) -> Arc<SourceFile> {
    Arc::new(SourceFile {
        display: name.to_owned(),
        path: PathBuf::from(name),
        root_relative: name.to_owned(),
        text,
    })
}

fn fixture(name: &str) -> Arc<SourceFile> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/plans")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture is readable");
    source(&format!("testdata/plans/{name}"), text)
}

/// The roles a plan holds (by address) and the findings of every rule on them.
fn lint(file: &Arc<SourceFile>) -> (Vec<String>, Vec<Finding>) {
    let root = json::parse(&file.text).expect("plan is valid JSON");
    assert!(plan::is_plan(&root), "{} is a plan", file.display);
    let extracted = plan::extract(file, &root);
    assert_eq!(extracted.kind, Some(SourceKind::TerraformPlan));
    assert_eq!(extracted.roles, extracted.policies.len());
    let mut findings = Vec::new();
    let mut roles = Vec::new();
    for policy in &extracted.policies {
        assert_eq!(policy.kind, SourceKind::TerraformPlan);
        roles.push(policy.resource.clone().expect("a plan role has an address"));
        trustlint::rules::check_policy(policy, Default::default(), &mut findings);
    }
    (roles, findings)
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// (resource, code) of each finding.
fn reported(findings: &[Finding]) -> BTreeSet<(String, String)> {
    findings
        .iter()
        .map(|f| {
            let resource = f.resource.clone().unwrap_or_default();
            (resource, f.rule.code.to_owned())
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(r, c)| ((*r).to_owned(), (*c).to_owned()))
        .collect()
}

/// A TL001 is located at the statement's `{` inside the JSON string of the role's own
/// resource object in `planned_values` (so not in `change.before` or `prior_state`).
fn assert_points_at_statement(file: &SourceFile, finding: &Finding) {
    let span = finding.primary.span;
    let text = &file.text[span.start()..span.end()];
    assert!(text.starts_with('{'), "{text}");
    assert!(text.ends_with('}'), "{text}");
    assert!(text.contains(r#"\"Action\""#), "{text}");
    let role = finding.related.first().expect("role defined here");
    assert_eq!(role.message, "role defined here");
    assert!(role.span.start <= span.start && span.end <= role.span.end);
    let role_text = &file.text[role.span.start()..role.span.end()];
    let address = serde_json::to_string(finding.resource.as_deref().unwrap_or_default())
        .expect("a string encodes");
    assert!(
        role_text.contains(&format!(r#""address":{address}"#))
            || role_text.contains(&format!(r#""address": {address}"#)),
        "the related location is the role's resource object"
    );
}

#[test]
fn finds_every_role_instance_of_the_after_state_by_address() {
    let file = fixture("roles.plan.json");
    let (roles, _) = lint(&file);
    let expected = set(&[
        "aws_iam_role.auditor",
        "aws_iam_role.ci_deployer[0]",
        "aws_iam_role.partner",
        r#"aws_iam_role.team["data"]"#,
        r#"aws_iam_role.team["platform"]"#,
        "module.ci.aws_iam_role.runner",
        "module.ci.module.oidc.aws_iam_role.github",
    ]);
    assert_eq!(roles.len(), expected.len(), "each role once: {roles:?}");
    assert_eq!(roles.into_iter().collect::<BTreeSet<_>>(), expected);
}

#[test]
fn judges_the_after_state_only() {
    let file = fixture("roles.plan.json");
    let (_, findings) = lint(&file);
    // Not reported: the deleted `legacy_admin` (bad before), `auditor` (bad before, good
    // after), `team["platform"]` (good), and the OIDC role (a Federated principal).
    assert_eq!(
        reported(&findings),
        pairs(&[
            ("aws_iam_role.ci_deployer[0]", "TL001"),
            ("aws_iam_role.partner", "TL004"),
            (r#"aws_iam_role.team["data"]"#, "TL001"),
            ("module.ci.aws_iam_role.runner", "TL001"),
        ])
    );
    assert_eq!(findings.len(), 4);
    for f in &findings {
        assert_eq!(f.source_kind, SourceKind::TerraformPlan);
    }
    for f in findings.iter().filter(|f| f.rule.code == "TL001") {
        assert_points_at_statement(&file, f);
    }
}

#[test]
fn heredoc_policy_span_covers_the_indented_statement() {
    let file = fixture("roles.plan.json");
    let (_, findings) = lint(&file);
    let f = findings
        .iter()
        .find(|f| f.resource.as_deref() == Some("aws_iam_role.ci_deployer[0]"))
        .expect("ci_deployer is reported");
    let text = &file.text[f.primary.span.start()..f.primary.span.end()];
    assert!(
        text.starts_with(r#"{\n      \"Sid\": \"Deployer\""#),
        "{text}"
    );
    assert!(text.ends_with(r#"\"sts:TagSession\"]\n    }"#), "{text}");
}

#[test]
fn a_policy_unknown_at_plan_time_is_tl004_at_after_unknown() {
    let file = fixture("roles.plan.json");
    let (_, findings) = lint(&file);
    let f = findings
        .iter()
        .find(|f| f.rule.code == "TL004")
        .expect("the partner role's policy is unknown");
    assert_eq!(f.resource.as_deref(), Some("aws_iam_role.partner"));
    assert_eq!(
        &file.text[f.primary.span.start()..f.primary.span.end()],
        r#""assume_role_policy": true"#
    );
    assert!(
        f.message
            .contains("`aws_iam_role.partner.assume_role_policy` is known only after apply"),
        "{}",
        f.message
    );
}

#[test]
fn minified_plan_spans_point_into_the_one_line() {
    let file = fixture("minified.plan.json");
    assert_eq!(
        file.text.trim_end().lines().count(),
        1,
        "the plan is one line"
    );
    let (roles, findings) = lint(&file);
    assert_eq!(
        roles.into_iter().collect::<BTreeSet<_>>(),
        set(&[
            "aws_iam_role.ok",
            "module.x.aws_iam_role.y[0]",
            "module.x.aws_iam_role.y[1]",
        ])
    );
    assert_eq!(
        reported(&findings),
        pairs(&[
            ("module.x.aws_iam_role.y[0]", "TL001"),
            ("module.x.aws_iam_role.y[1]", "TL001"),
        ])
    );
    for f in &findings {
        assert_points_at_statement(&file, f);
    }
    assert_ne!(findings[0].primary.span, findings[1].primary.span);
}

#[test]
fn a_plan_without_roles_reports_nothing() {
    let file = fixture("no-roles.plan.json");
    let (roles, findings) = lint(&file);
    assert!(roles.is_empty());
    assert!(findings.is_empty(), "{findings:?}");
}

/// A hand-written plan with one role per case that `terraform show -json` only produces in
/// rarer situations.
fn inline_plan(changes: &str, planned: &str) -> Arc<SourceFile> {
    source(
        "inline.plan.json",
        format!(
            r#"{{"format_version":"1.2","terraform_version":"1.9.8",
"planned_values":{{"root_module":{{"resources":[{planned}]}}}},
"resource_changes":[{changes}]}}"#
        ),
    )
}

const BAD: &str = r#""{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"}}],\"Version\":\"2012-10-17\"}""#;
const GOOD: &str = r#""{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringLike\":{\"sts:RoleSessionName\":\"${aws:username}\"}},\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"}}],\"Version\":\"2012-10-17\"}""#;

fn role_change(address: &str, actions: &str, before: &str, after: &str) -> String {
    format!(
        r#"{{"address":"{address}","mode":"managed","type":"aws_iam_role","name":"r",
"change":{{"actions":{actions},"before":{before},"after":{after},"after_unknown":{{}}}}}}"#
    )
}

#[test]
fn resource_changes_fill_in_what_planned_values_lack() {
    let changes = [
        role_change(
            "aws_iam_role.only_in_changes",
            r#"["create"]"#,
            "null",
            &format!(r#"{{"assume_role_policy":{BAD}}}"#),
        ),
        role_change(
            "aws_iam_role.fixed",
            r#"["update"]"#,
            &format!(r#"{{"assume_role_policy":{BAD}}}"#),
            &format!(r#"{{"assume_role_policy":{GOOD}}}"#),
        ),
        role_change(
            "aws_iam_role.gone",
            r#"["delete"]"#,
            &format!(r#"{{"assume_role_policy":{BAD}}}"#),
            "null",
        ),
        role_change(
            "aws_iam_role.forgotten",
            r#"["forget"]"#,
            &format!(r#"{{"assume_role_policy":{BAD}}}"#),
            "null",
        ),
        role_change(
            "aws_iam_role.replaced",
            r#"["delete","create"]"#,
            &format!(r#"{{"assume_role_policy":{GOOD}}}"#),
            &format!(r#"{{"assume_role_policy":{BAD}}}"#),
        ),
    ]
    .join(",");
    // A data source reads an existing role; it defines none.
    let planned = format!(
        r#"{{"address":"data.aws_iam_role.existing","mode":"data","type":"aws_iam_role","name":"existing","values":{{"assume_role_policy":{BAD}}}}},
{{"address":"aws_iam_role.fixed","mode":"managed","type":"aws_iam_role","name":"fixed","values":{{"name":"fixed"}}}}"#
    );
    let file = inline_plan(&changes, &planned);
    let (roles, findings) = lint(&file);
    assert_eq!(
        roles.into_iter().collect::<BTreeSet<_>>(),
        set(&[
            "aws_iam_role.fixed",
            "aws_iam_role.only_in_changes",
            "aws_iam_role.replaced",
        ])
    );
    assert_eq!(
        reported(&findings),
        pairs(&[
            ("aws_iam_role.only_in_changes", "TL001"),
            ("aws_iam_role.replaced", "TL001"),
        ])
    );
    for f in &findings {
        let text = &file.text[f.primary.span.start()..f.primary.span.end()];
        assert!(text.starts_with(r#"{\"Action\""#), "{text}");
    }
}

#[test]
fn a_policy_missing_from_the_after_state_is_unknown() {
    let changes = r#"{"address":"aws_iam_role.late","mode":"managed","type":"aws_iam_role","name":"late",
"change":{"actions":["create"],"before":null,"after":{"name":"late"},"after_unknown":{"arn":true}}}"#;
    let file = inline_plan(changes, "");
    let (roles, findings) = lint(&file);
    assert_eq!(roles, vec!["aws_iam_role.late".to_owned()]);
    assert_eq!(
        reported(&findings),
        pairs(&[("aws_iam_role.late", "TL004")])
    );
}

#[test]
fn a_malformed_policy_string_is_a_parse_error() {
    let planned = r#"{"address":"aws_iam_role.broken","mode":"managed","type":"aws_iam_role","name":"broken","values":{"assume_role_policy":"{\"Statement\":["}}"#;
    let file = inline_plan("", planned);
    let (_, findings) = lint(&file);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule.code, "TL000");
}

#[test]
fn state_and_other_json_are_not_plans() {
    for text in [
        r#"{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{}}}"#,
        r#"{"planned_values":{"root_module":{}}}"#,
        r#"{"Version":"2012-10-17","Statement":[]}"#,
    ] {
        let root = json::parse(text).expect("valid JSON");
        assert!(!plan::is_plan(&root), "{text}");
    }
}
