//! SARIF validates against the official 2.1.0 schema; GitHub annotations parse back to the
//! fields they carry; the Markdown summary lists every finding; baselines hide exactly the
//! recorded findings.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("trustlint")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema_path = common::repo().join("testdata/schemas/sarif-schema-2.1.0.json");
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        panic!("the SARIF schema is expected at {}", schema_path.display());
    };
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let outcome = common::lint(&[
        Path::new("testdata/examples"),
        Path::new("testdata/repos/tf-forms"),
    ]);
    assert!(outcome.findings.len() > 5);
    let sarif: serde_json::Value =
        serde_json::from_str(&trustlint::render::sarif::render(&outcome)).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), outcome.findings.len());
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .map(Vec::len),
        Some(7)
    );
    assert!(results
        .iter()
        .all(|r| r["partialFingerprints"]["trustlint/v1"].is_string()));
    // GitHub code scanning's documented limits for an upload.
    assert!(results.len() <= 25_000, "results per run");
    for r in results {
        assert_eq!(r["locations"].as_array().map(Vec::len), Some(1));
        assert!(r["relatedLocations"].as_array().map_or(0, Vec::len) <= 1_000);
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or("/");
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "repository-relative uri: {uri}"
        );
        assert!(r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1));
    }
    for rule in sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
    {
        assert!(
            rule["properties"]["tags"].as_array().map_or(0, Vec::len) <= 20,
            "tags per rule"
        );
        assert!(rule["properties"]["security-severity"].as_str().is_some());
        assert!(rule["help"]["markdown"]
            .as_str()
            .is_some_and(|h| h.contains("## Fix")));
    }
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "testdata/examples/account-authorization-details.json"
    );
}

/// Undoes GitHub's escaping of a workflow command's properties and message.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let weird = dir.path().join("odd,name:100%.json");
    std::fs::write(
        &weird,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#,
    )
    .expect("write");
    let (code, out) = run(dir.path(), &["lint", "--format", "github"]);
    assert_eq!(code, 1);
    let line = out.lines().next().expect("one annotation");
    let rest = line.strip_prefix("::error ").expect("error command");
    let (props, message) = rest.split_once("::").expect("properties and message");
    let fields: Vec<(String, String)> = props
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_owned(), unescape(v))
        })
        .collect();
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(get("file").as_deref(), Some("odd,name:100%.json"));
    assert_eq!(get("line").as_deref(), Some("1"));
    assert_eq!(
        get("col").as_deref(),
        Some("38"),
        "one-line spans carry columns"
    );
    assert_eq!(
        get("title").as_deref(),
        Some("TL001 missing-role-session-name")
    );
    assert!(
        unescape(message).contains("\n"),
        "the help follows on its own line"
    );
    assert!(unescape(message).starts_with("this role lets `*` assume it"));
}

#[test]
fn markdown_lists_every_finding() {
    let outcome = common::lint(&[Path::new("testdata/examples")]);
    let md = trustlint::render::markdown::render(&outcome);
    let rows = md
        .lines()
        .filter(|l| l.starts_with("| error") || l.starts_with("| warning"))
        .count();
    assert_eq!(rows, outcome.findings.len());
    insta::assert_snapshot!(md);
}

const POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}
  ]
}
"#;

#[test]
fn baseline_hides_old_findings_and_shows_new_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect("git root");
    std::fs::create_dir(dir.path().join("iam")).expect("mkdir");
    let policy = dir.path().join("iam/trust.json");
    std::fs::write(&policy, POLICY).expect("write");
    assert_eq!(
        run(dir.path(), &["lint", "--write-baseline", "baseline.json"]).0,
        1
    );
    assert_eq!(
        run(dir.path(), &["lint", "--baseline", "baseline.json"]).0,
        0
    );
    // Lines shift and a good statement is added: still nothing new.
    let shifted = POLICY.replace(
        "\"Statement\": [\n",
        "\"Statement\": [\n    {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"},\n\n",
    );
    std::fs::write(&policy, &shifted).expect("write");
    assert_eq!(
        run(dir.path(), &["lint", "--baseline", "baseline.json"]).0,
        0
    );
    // From a subdirectory, fingerprints use root-relative paths: still recognised.
    assert_eq!(
        run(
            &dir.path().join("iam"),
            &["lint", "--baseline", "../baseline.json", "."]
        )
        .0,
        0
    );
    // A new unconditioned statement is new.
    let added = shifted.replace(
        "\"Statement\": [\n",
        "\"Statement\": [\n    {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"},\n",
    );
    std::fs::write(&policy, &added).expect("write");
    let (code, out) = run(
        dir.path(),
        &["lint", "--format", "json", "--baseline", "baseline.json"],
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["findings"][0]["line"], 4);
    // One file for both flags updates the baseline and still reports the new finding.
    let both = [
        "lint",
        "--baseline",
        "baseline.json",
        "--write-baseline",
        "baseline.json",
    ];
    assert_eq!(run(dir.path(), &both).0, 1);
    assert_eq!(
        run(dir.path(), &["lint", "--baseline", "baseline.json"]).0,
        0
    );
    // Editing the offending statement makes it new.
    std::fs::write(&policy, POLICY.replace("111122223333", "444455556666")).expect("write");
    assert_eq!(
        run(dir.path(), &["lint", "--baseline", "baseline.json"]).0,
        1
    );
    // A broken baseline is exit 2.
    std::fs::write(dir.path().join("bad.json"), "not json").expect("write");
    assert_eq!(run(dir.path(), &["lint", "--baseline", "bad.json"]).0, 2);
}
