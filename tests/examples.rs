//! The README's example run: findings, human report and JSON document.

mod common;

use std::path::Path;

#[test]
fn examples_human_report() {
    let outcome = common::lint(&[Path::new("testdata/examples")]);
    let codes: Vec<_> = outcome.findings.iter().map(|f| f.rule.code).collect();
    assert!(codes.contains(&"TL001"), "{codes:?}");
    insta::assert_snapshot!(common::human(&outcome));
}

#[test]
fn examples_json_report() {
    let outcome = common::lint(&[Path::new("testdata/examples")]);
    let text = trustlint::render::json::render(&outcome);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["tool"]["name"], "trustlint");
    insta::assert_snapshot!(text);
}
