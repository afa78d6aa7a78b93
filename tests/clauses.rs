//! Every numbered clause of SPEC §3 has bad and good fixtures under `testdata/clauses/`.
//! A `bad-<CODES>[-variant].<ext>` file must report exactly the `+`-joined codes; a
//! `good[-variant].<ext>` file must report nothing. The human report of each is snapshotted.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

/// The codes a fixture's name promises: `bad-TL001+TL005-variant.json` → {TL001, TL005}.
fn expected_codes(path: &Path) -> Option<BTreeSet<String>> {
    let stem = path.file_stem()?.to_str()?;
    let rest = stem.strip_prefix("bad-")?;
    let codes = rest.split('-').next()?;
    Some(codes.split('+').map(str::to_owned).collect())
}

#[test]
fn clause_fixtures() {
    insta::glob!("../testdata/clauses", "*/*.*", |path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let rel = common::relative(path);
        let outcome = common::lint(&[&rel]);
        let codes: BTreeSet<String> = outcome
            .findings
            .iter()
            .map(|f| f.rule.code.to_owned())
            .collect();
        if name.starts_with("good") {
            assert!(
                codes.is_empty(),
                "{name} must report nothing, got {codes:?}"
            );
        } else {
            let expected = expected_codes(path).unwrap_or_default();
            assert!(
                !expected.is_empty(),
                "{name}: fixtures are named bad-CODES or good"
            );
            assert_eq!(codes, expected, "{name}");
        }
        insta::assert_snapshot!(common::human(&outcome));
    });
}

#[test]
fn every_rule_has_bad_and_good_fixtures() {
    let dir = common::repo().join("testdata/clauses");
    let mut bad: BTreeSet<String> = BTreeSet::new();
    let mut dirs_with_good = 0;
    for entry in std::fs::read_dir(&dir)
        .expect("testdata/clauses exists")
        .flatten()
    {
        let files: Vec<_> = std::fs::read_dir(entry.path())
            .expect("clause dir")
            .flatten()
            .map(|e| e.path())
            .collect();
        let has_good = files.iter().any(|f| {
            f.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("good"))
        });
        let has_bad = files.iter().any(|f| expected_codes(f).is_some());
        assert!(
            has_good && has_bad,
            "{} needs a bad and a good fixture",
            entry.path().display()
        );
        dirs_with_good += 1;
        bad.extend(files.iter().filter_map(|f| expected_codes(f)).flatten());
    }
    assert!(dirs_with_good > 0);
    for rule in trustlint::rules::ALL {
        assert!(
            bad.contains(rule.code),
            "no bad fixture reports {}",
            rule.code
        );
    }
}
