//! Acceptance-style cases: small repositories under `testdata/repos/<case>/`, each linted as
//! a user would (`trustlint lint --format json .` from inside it, or the arguments in
//! `ARGS`), compared with `EXPECTED` (one finding a line: `CODE file line[:col[-eline:ecol]]
//! resource`, `?` for any place, `-` for a null resource) and, when present, the exit status in `EXIT`.

use std::path::Path;

use assert_cmd::Command;

#[derive(Debug, Clone, PartialEq)]
struct Got {
    code: String,
    file: String,
    line: u64,
    column: u64,
    end_line: u64,
    end_column: u64,
    resource: String,
}

/// Whether an expected line matches a finding, at the precision the line gives.
fn matches(expected: &[&str], g: &Got) -> bool {
    let [code, file, loc, resource] = expected else {
        return false;
    };
    if *code != g.code || *file != g.file || *resource != g.resource {
        return false;
    }
    let num = |s: &str| s.parse::<u64>().unwrap_or(u64::MAX);
    if *loc == "?" {
        return true;
    }
    match loc.split_once('-') {
        Some((start, end)) => {
            let (l, c) = start.split_once(':').unwrap_or((start, "0"));
            let (el, ec) = end.split_once(':').unwrap_or((end, "0"));
            (num(l), num(c), num(el), num(ec)) == (g.line, g.column, g.end_line, g.end_column)
        }
        None => match loc.split_once(':') {
            Some((l, c)) => (num(l), num(c)) == (g.line, g.column),
            None => num(loc) == g.line,
        },
    }
}

fn check(dir: &Path) -> Result<(), String> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let args: Vec<String> = read("ARGS").map_or_else(
        || ["lint", "--format", "json", "."].map(String::from).to_vec(),
        |a| a.split_whitespace().map(String::from).collect(),
    );
    let out = Command::cargo_bin("trustlint")
        .map_err(|e| e.to_string())?
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(&args)
        .output()
        .map_err(|e| e.to_string())?;
    let code = out.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !(0..=2).contains(&code) || stderr.contains("panicked") {
        return Err(format!("crashed ({code}): {stderr}"));
    }
    let mut problems = Vec::new();
    if let Some(expected) = read("EXIT") {
        if expected.trim() != code.to_string() {
            problems.push(format!("exit {code}, expected {}", expected.trim()));
        }
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut got: Vec<Got> = Vec::new();
    if args.iter().any(|a| a == "json") && code != 2 {
        let v: serde_json::Value =
            serde_json::from_str(&stdout).map_err(|e| format!("invalid JSON ({e}): {stdout}"))?;
        for f in v["findings"].as_array().into_iter().flatten() {
            let s = |k: &str| f[k].as_str().unwrap_or("-").to_owned();
            let n = |k: &str| f[k].as_u64().unwrap_or(0);
            got.push(Got {
                code: s("code"),
                file: s("file"),
                line: n("line"),
                column: n("column"),
                end_line: n("end_line"),
                end_column: n("end_column"),
                resource: s("resource"),
            });
        }
    }
    for line in read("EXPECTED").unwrap_or_default().lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        match got.iter().position(|g| matches(&fields, g)) {
            Some(i) => {
                got.remove(i);
            }
            None => problems.push(format!("missing: {line}")),
        }
    }
    for g in got {
        problems.push(format!("unexpected: {g:?}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

#[test]
fn repositories_match_their_expected_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/repos");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("testdata/repos")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("EXPECTED").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() > 100, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            check(c).err().map(|e| {
                format!(
                    "{}:\n    {e}",
                    c.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
