//! CDK cloud assemblies synthesized for real with aws-cdk-lib (`scripts/synth-cdk-fixtures.sh`):
//! findings by construct path, Stages and nested stacks, creation-trace source lines, Metadata
//! suppression, and the note for a gitignored `cdk.out`.

mod common;

use std::path::Path;

use assert_cmd::Command;

/// Every finding `testdata/cdk/expected.json` lists, and nothing else.
#[test]
fn assemblies_match_their_expected_findings() {
    let text = std::fs::read_to_string(common::repo().join("testdata/cdk/expected.json"))
        .expect("expected.json");
    let expected: serde_json::Value = serde_json::from_str(&text).expect("json");
    let mut want: Vec<String> = Vec::new();
    for fixture in expected["fixtures"].as_array().expect("fixtures") {
        for f in fixture["findings"].as_array().expect("findings") {
            let source = match &f["source"] {
                serde_json::Value::Null => String::new(),
                s => format!(
                    "{}:{}:{}",
                    s["file"].as_str().unwrap_or(""),
                    s["line"],
                    s["column"]
                ),
            };
            want.push(format!(
                "{} {} {}:{} {} {source}",
                f["code"].as_str().unwrap_or(""),
                f["file"].as_str().unwrap_or(""),
                f["line"],
                f["column"],
                f["resource"].as_str().unwrap_or("")
            ));
        }
    }
    let outcome = common::lint(&[Path::new("testdata/cdk")]);
    let mut got: Vec<String> = outcome
        .findings
        .iter()
        .map(|f| {
            let index = trustlint::source::LineIndex::new(&f.file.text);
            let (line, column) = index.line_col(&f.file.text, f.primary.span.start());
            assert_eq!(
                f.source_kind.as_str(),
                "cdk",
                "{} is reported once, as CDK",
                f.file.display
            );
            let source = f
                .related
                .iter()
                .find(|r| r.message == "role created here")
                .map(|r| {
                    let (l, c) = r.line_col();
                    format!("{}:{l}:{c}", r.file.display)
                })
                .unwrap_or_default();
            format!(
                "{} {} {line}:{column} {} {source}",
                f.rule.code,
                f.file.display,
                f.resource.as_deref().unwrap_or("")
            )
        })
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    assert!(want.len() >= 14);
}

/// Copies an assembly into a project of its own whose creation traces point at the app's
/// source inside it, as after `cdk synth` in the user's checkout.
fn project_with_source() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).expect("git root");
    let from = common::repo().join("testdata/cdk/roles-with-trace/cdk.out");
    std::fs::create_dir_all(root.join("cdk.out")).expect("mkdir");
    for entry in std::fs::read_dir(&from).expect("assembly").flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let text = text.replace("/home/dev/cdk-fixtures/roles", &root.to_string_lossy());
        std::fs::write(root.join("cdk.out").join(entry.file_name()), text).expect("write");
    }
    std::fs::copy(
        common::repo().join("scripts/cdk-fixtures/roles/app.js"),
        root.join("app.js"),
    )
    .expect("app.js");
    dir
}

#[test]
fn human_report_names_the_construct_and_the_source_line() {
    let dir = project_with_source();
    let out = Command::cargo_bin("trustlint")
        .expect("binary")
        .current_dir(dir.path())
        .args(["lint", "--color", "never", "cdk.out"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text
        .split("TL001(missing-role-session-name)")
        .nth(1)
        .unwrap_or_default();
    insta::assert_snapshot!(format!("TL001(missing-role-session-name){first}"));
    assert!(first.contains("PlatformIamStack/DeployRole/Resource"));
    assert!(first.contains("role created here: app.js:20:5"));
    assert!(first.contains("principal.withConditions("));
}

#[test]
fn annotations_point_at_the_source_line_in_the_project() {
    let dir = project_with_source();
    let out = Command::cargo_bin("trustlint")
        .expect("binary")
        .current_dir(dir.path())
        .args([
            "lint",
            "--format",
            "github",
            "--format",
            "sarif:out.sarif",
            "--format",
            "json:out.json",
            "cdk.out",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .next()
            .unwrap_or("")
            .starts_with("::error file=app.js,line=20,endLine=20,col=5"),
        "{text}"
    );
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out.sarif")).expect("sarif"),
    )
    .expect("json");
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        "app.js"
    );
    // JSON keeps the template location.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).expect("json"))
            .expect("json");
    assert_eq!(
        json["findings"][0]["file"],
        "cdk.out/PlatformIamStack.template.json"
    );
    assert_eq!(json["findings"][0]["related"][1]["file"], "app.js");
}

#[test]
fn gitignored_cdk_out_gets_a_note() {
    let dir = project_with_source();
    std::fs::write(dir.path().join("cdk.json"), "{\"app\": \"node app.js\"}\n").expect("cdk.json");
    std::fs::write(dir.path().join(".gitignore"), "cdk.out\n").expect(".gitignore");
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("trustlint")
            .expect("binary")
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, human) = run(&["lint", "--color", "never", "."]);
    assert_eq!(code, Some(0));
    assert!(
        human
            .trim_end()
            .ends_with("after `cdk synth` to check the roles your CDK app defines"),
        "{human}"
    );
    assert!(human.contains("trustlint lint cdk.out"));
    let (_, json) = run(&["lint", "--format", "json", "."]);
    assert!(!json.contains("cdk synth"), "JSON output stays unchanged");
    let (code, _) = run(&["lint", "cdk.out"]);
    assert_eq!(code, Some(1), "named, the ignored assembly is linted");
}

#[test]
fn a_manifest_cannot_lead_out_of_its_assembly() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect("git root");
    std::fs::create_dir(dir.path().join("asm")).expect("mkdir");
    let outside = r#"{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}}}}}"#;
    std::fs::write(dir.path().join("outside.template.json"), outside).expect("write");
    std::fs::write(
        dir.path().join("asm/manifest.json"),
        r#"{"version": "36.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "../outside.template.json"}}}}"#,
    )
    .expect("write");
    let out = Command::cargo_bin("trustlint")
        .expect("binary")
        .current_dir(dir.path().join("asm"))
        .args(["lint", "--format", "json", "."])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
