//! Robustness on real templates written by others (`../shared/corpora`: cfn-lint's and
//! cfn_nag's test templates, good and deliberately broken): every file is linted without a
//! panic, every finding has a span inside its file, and known role-bearing templates are read.

mod common;

use std::path::PathBuf;

fn corpora() -> Option<PathBuf> {
    let dir = common::repo().join("../shared/corpora");
    dir.is_dir().then_some(dir)
}

#[test]
fn real_templates_lint_without_panics() {
    let Some(dir) = corpora() else {
        eprintln!("../shared/corpora is absent: nothing to check");
        return;
    };
    let outcome = common::lint(&[&dir]);
    assert!(
        outcome.files_scanned > 100,
        "only {} files scanned",
        outcome.files_scanned
    );
    assert!(
        outcome.roles_checked > 50,
        "only {} roles",
        outcome.roles_checked
    );
    for f in &outcome.findings {
        assert!(
            f.primary.span.end() <= f.file.text.len(),
            "{}: span past the end",
            f.file.display
        );
        assert!(f.file.text.is_char_boundary(f.primary.span.start()));
    }
    // Rendering every finding must not panic either.
    let text = common::human(&outcome);
    assert!(text.contains("roles checked"));
}

#[test]
fn hostile_nesting_is_a_parse_error_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep_json = format!(
        "{{\"AssumeRolePolicyDocument\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_yaml = format!("AssumeRolePolicyDocument:\n{}x\n", "- ".repeat(50_000));
    let flow_yaml = format!("AssumeRolePolicyDocument: {}\n", "[".repeat(50_000));
    std::fs::write(dir.path().join("deep.json"), deep_json).expect("write");
    std::fs::write(dir.path().join("deep.yaml"), deep_yaml).expect("write");
    std::fs::write(dir.path().join("flow.yaml"), flow_yaml).expect("write");
    let outcome = common::lint(&[dir.path()]);
    let codes: Vec<_> = outcome.findings.iter().map(|f| f.rule.code).collect();
    assert_eq!(codes, ["TL000", "TL000", "TL000"]);
}
