//! The binary's contract: subcommands, exit codes, formats, configuration and walking.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const BAD_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sts:AssumeRole" }
  ]
}
"#;

const WEAK_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sts:AssumeRole",
      "Condition": { "StringLike": { "sts:RoleSessionName": "*" } } }
  ]
}
"#;

const GOOD_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sts:AssumeRole",
      "Condition": { "StringLike": { "sts:RoleSessionName": "${aws:username}" } } }
  ]
}
"#;

fn trustlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("trustlint").expect("binary");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    dir
}

fn stdout(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json_codes(text: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(text).expect("json");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn rules_lists_every_rule() {
    let dir = project(&[]);
    let (code, out, _) = stdout(trustlint(dir.path()).arg("rules"));
    assert_eq!(code, 0);
    for c in [
        "TL000", "TL001", "TL002", "TL003", "TL004", "TL005", "TL006",
    ] {
        assert!(out.contains(c), "{c} missing from:\n{out}");
    }
    assert!(out.contains("missing-role-session-name"));
}

#[test]
fn explain_prints_docs_by_code_or_name() {
    let dir = project(&[]);
    let (code, out, _) = stdout(trustlint(dir.path()).args(["explain", "TL001"]));
    assert_eq!(code, 0);
    for section in [
        "What it does",
        "Why is this bad?",
        "Example",
        "Fix",
        "CloudTrail",
    ] {
        assert!(out.contains(section), "{section} missing");
    }
    let (code, by_name, _) =
        stdout(trustlint(dir.path()).args(["explain", "weak-role-session-name"]));
    assert_eq!(code, 0);
    assert!(by_name.contains("TL002"));
    let (code, _, err) = stdout(trustlint(dir.path()).args(["explain", "TL999"]));
    assert_eq!(code, 2);
    assert!(err.contains("TL999"));
}

#[test]
fn exit_codes() {
    let dir = project(&[
        ("bad.json", BAD_POLICY),
        ("good.json", GOOD_POLICY),
        ("weak.json", WEAK_POLICY),
    ]);
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "bad.json"])).0,
        1
    );
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "good.json"])).0,
        0
    );
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "weak.json"])).0,
        0
    );
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "--deny-warnings", "weak.json"])).0,
        1
    );
    let (code, _, err) = stdout(trustlint(dir.path()).args(["lint", "missing.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "--format", "xml"])).0,
        2
    );
    assert_eq!(stdout(trustlint(dir.path()).args(["lint", "--bogus"])).0, 2);
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "--select", "TL999"])).0,
        2
    );
}

#[test]
fn default_path_is_the_current_directory() {
    let dir = project(&[("iam/bad.json", BAD_POLICY)]);
    let (code, out, _) = stdout(trustlint(dir.path()).args(["lint", "--format", "json"]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["findings"][0]["file"], "iam/bad.json");
    assert_eq!(v["findings"][0]["line"], 4);
    assert_eq!(v["findings"][0]["column"], 5);
    assert_eq!(v["summary"]["files_scanned"], 1);
    assert_eq!(v["summary"]["roles_checked"], 1);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn paths_are_relative_to_the_current_directory() {
    let dir = project(&[("infra/iam/bad.json", BAD_POLICY)]);
    fs::create_dir(dir.path().join(".git")).expect("git dir");
    let (_, out, _) =
        stdout(trustlint(&dir.path().join("infra")).args(["lint", "--format", "json", "."]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["findings"][0]["file"], "iam/bad.json");
}

#[test]
fn several_formats_in_one_run() {
    let dir = project(&[("bad.json", BAD_POLICY)]);
    let (code, out, _) = stdout(trustlint(dir.path()).args([
        "lint",
        "--format",
        "human",
        "--format",
        "json:out.json",
        "bad.json",
    ]));
    assert_eq!(code, 1);
    assert!(out.contains("TL001"));
    assert!(
        out.contains("1 roles checked in 1 files: 1 errors, 0 warnings"),
        "{out}"
    );
    let written = fs::read_to_string(dir.path().join("out.json")).expect("json file");
    assert_eq!(json_codes(&written), ["TL001"]);
}

#[test]
fn quiet_drops_the_summary() {
    let dir = project(&[("bad.json", BAD_POLICY)]);
    let (_, out, _) = stdout(trustlint(dir.path()).args(["lint", "-q", "bad.json"]));
    assert!(out.contains("TL001"));
    assert!(!out.contains("roles checked"));
}

#[test]
fn colour_follows_flag_and_no_color() {
    let dir = project(&[("bad.json", BAD_POLICY)]);
    let (_, plain, _) = stdout(trustlint(dir.path()).args(["lint", "bad.json"]));
    assert!(!plain.contains('\u{1b}'), "no colour when not a terminal");
    let (_, forced, _) = stdout(
        trustlint(dir.path())
            .env("NO_COLOR", "1")
            .args(["lint", "--color", "always", "bad.json"]),
    );
    assert!(
        forced.contains('\u{1b}'),
        "--color always overrides NO_COLOR"
    );
    let (_, never, _) =
        stdout(trustlint(dir.path()).args(["lint", "--color", "never", "bad.json"]));
    assert!(!never.contains('\u{1b}'));
}

#[test]
fn select_and_ignore() {
    let dir = project(&[("bad.json", BAD_POLICY), ("weak.json", WEAK_POLICY)]);
    let run = |args: &[&str]| {
        let mut all = vec!["lint", "--format", "json"];
        all.extend_from_slice(args);
        json_codes(&stdout(trustlint(dir.path()).args(&all)).1)
    };
    assert_eq!(run(&[]), ["TL001", "TL002"]);
    assert_eq!(run(&["--select", "TL002"]), ["TL002"]);
    assert_eq!(run(&["--ignore", "missing-role-session-name"]), ["TL002"]);
    assert_eq!(
        run(&["--select", "TL001,TL002", "--ignore", "TL002"]),
        ["TL001"]
    );
}

#[test]
fn config_file_selects_excludes_and_overrides() {
    let dir = project(&[
        ("bad.json", BAD_POLICY),
        ("weak.json", WEAK_POLICY),
        ("legacy/bad.json", BAD_POLICY),
        ("sandbox/bad.json", BAD_POLICY),
        (
            "trustlint.toml",
            "ignore = [\"TL002\"]\nexclude = [\"legacy\"]\n\n[[overrides]]\npaths = [\"sandbox/**\"]\nignore = [\"missing-role-session-name\"]\n",
        ),
    ]);
    let (code, out, _) = stdout(trustlint(dir.path()).args(["lint", "--format", "json"]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let files: Vec<_> = v["findings"]
        .as_array()
        .expect("array")
        .iter()
        .map(|f| f["file"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(files, ["bad.json"]);
    // --select replaces the configured list; the configured ignore still applies.
    let (_, out, _) =
        stdout(trustlint(dir.path()).args(["lint", "--format", "json", "--select", "TL002"]));
    assert!(json_codes(&out).is_empty(), "{out}");
    let (_, out, _) =
        stdout(trustlint(dir.path()).args(["lint", "--format", "json", "--ignore", "TL001"]));
    assert!(json_codes(&out).is_empty(), "{out}");
    // A named excluded file stays excluded.
    let (code, _, _) = stdout(trustlint(dir.path()).args(["lint", "legacy/bad.json"]));
    assert_eq!(code, 0);
}

#[test]
fn config_deny_warnings_and_source_identity() {
    let si = GOOD_POLICY.replace("sts:RoleSessionName", "sts:SourceIdentity");
    let dir = project(&[
        ("weak.json", WEAK_POLICY),
        ("si.json", &si),
        (
            ".trustlint.toml",
            "deny-warnings = true\naccept-source-identity = true\n",
        ),
    ]);
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "weak.json"])).0,
        1
    );
    assert_eq!(stdout(trustlint(dir.path()).args(["lint", "si.json"])).0, 0);
    let plain = project(&[("si.json", &si)]);
    assert_eq!(
        stdout(trustlint(plain.path()).args(["lint", "si.json"])).0,
        1
    );
}

#[test]
fn bad_config_is_exit_2_with_the_line() {
    let dir = project(&[
        ("bad.json", BAD_POLICY),
        (
            "trustlint.toml",
            "select = [\"TL001\"]\nfrobnicate = true\n",
        ),
    ]);
    let (code, _, err) = stdout(trustlint(dir.path()).args(["lint"]));
    assert_eq!(code, 2);
    assert!(err.contains("frobnicate"), "{err}");
    assert!(err.contains("trustlint.toml:2"), "{err}");
    let dir = project(&[("trustlint.toml", "select = [\"TL042\"]\n")]);
    let (code, _, err) = stdout(trustlint(dir.path()).args(["lint"]));
    assert_eq!(code, 2);
    assert!(err.contains("TL042"), "{err}");
    let dir = project(&[("trustlint.toml", "deny-warnings = \"yes\"\n")]);
    assert_eq!(stdout(trustlint(dir.path()).args(["lint"])).0, 2);
}

#[test]
fn ignore_files_hidden_directories_and_named_paths() {
    let dir = project(&[
        (".gitignore", "generated/\n"),
        (".trustlintignore", "vendor/\n"),
        ("generated/bad.json", BAD_POLICY),
        ("vendor/bad.json", BAD_POLICY),
        (".hidden/bad.json", BAD_POLICY),
        ("ok/good.json", GOOD_POLICY),
    ]);
    // Outside a git repository, .gitignore is honoured too.
    assert_eq!(stdout(trustlint(dir.path()).arg("lint")).0, 0);
    // A named path bypasses .gitignore and the hidden skip...
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "generated"])).0,
        1
    );
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", ".hidden/bad.json"])).0,
        1
    );
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "--hidden"])).0,
        1
    );
    // ...but not .trustlintignore.
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "vendor/bad.json"])).0,
        0
    );
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "--no-ignore", "vendor/bad.json"])).0,
        1
    );
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "--no-ignore"])).0,
        1
    );
}

#[test]
fn broken_files_report_tl000_only_when_they_may_hold_a_policy() {
    let dir = project(&[
        (
            "broken-policy.json",
            "{\"Statement\": [{\"Action\": \"sts:AssumeRole\", }",
        ),
        ("package.json", "{\"name\": \"x\", \"Statement\": "),
    ]);
    let (code, out, _) = stdout(trustlint(dir.path()).args(["lint", "--format", "json"]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let findings = v["findings"].as_array().expect("array");
    assert_eq!(findings.len(), 1, "{out}");
    assert_eq!(findings[0]["code"], "TL000");
    assert_eq!(findings[0]["file"], "broken-policy.json");
    assert!(findings[0]["resource"].is_null());
    // Named explicitly, a broken file that cannot hold a policy is still not reported.
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "package.json"])).0,
        0
    );
}

#[test]
fn review_findings_on_paths_and_suppressions() {
    // A named directory that a .trustlintignore above excludes is not walked; a negation in
    // a deeper .trustlintignore re-includes a file.
    let dir = project(&[
        ("a/.trustlintignore", "b/\nmain.json\n"),
        ("a/b/bad.json", BAD_POLICY),
        ("a/c/.trustlintignore", "!main.json\n"),
        ("a/c/main.json", BAD_POLICY),
    ]);
    assert_eq!(stdout(trustlint(dir.path()).args(["lint", "a/b"])).0, 0);
    assert_eq!(
        stdout(trustlint(dir.path()).args(["lint", "a/c/main.json"])).0,
        1
    );
    // A dangling symlink named on the command line is a missing path.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere.json", dir.path().join("dangling.json"))
            .expect("symlink");
        assert_eq!(
            stdout(trustlint(dir.path()).args(["lint", "dangling.json"])).0,
            2
        );
    }
    // A marker inside a string and a marker with an unknown code suppress nothing.
    let yaml = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Description: \"see # trustlint:ignore TL001\"\n    Properties:\n      # trustlint:ignore TL01 typo\n      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: \"*\"}\n            Action: sts:AssumeRole\n";
    let dir = project(&[("t.yaml", yaml)]);
    assert_eq!(
        json_codes(&stdout(trustlint(dir.path()).args(["lint", "--format", "json"])).1),
        ["TL001"]
    );
}

#[cfg(unix)]
#[test]
fn file_reads_never_leave_the_root_through_symlinks() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        outside.path().join("secret.json"),
        r#"{"Statement": [{"Sid": "Secret", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}"#,
    )
    .expect("write");
    let dir = project(&[
        ("sub/deeper/.keep", ""),
        ("sub/x.json", r#"{"Version": "2012-10-17", "Statement": []}"#),
        ("main.tf", "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = file(\"${path.module}/link/../x.json\")\n}\n"),
    ]);
    std::fs::create_dir(dir.path().join(".git")).expect("git root");
    std::os::unix::fs::symlink(dir.path().join("sub/deeper"), dir.path().join("link"))
        .expect("symlink");
    std::os::unix::fs::symlink(
        outside.path().join("secret.json"),
        dir.path().join("x.json"),
    )
    .expect("symlink");
    // `link/..` is `sub/` to the OS, as to Terraform: sub/x.json is read, the secret never.
    let (code, out, _) = stdout(trustlint(dir.path()).args(["lint", "--format", "json"]));
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("Secret"));
}
