//! Baselines: `--write-baseline FILE` records the current findings by fingerprint;
//! `--baseline FILE` reports only findings whose fingerprint is not recorded (SPEC §5).

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::finding::Finding;

/// Fingerprint = hash of (root-relative path, resource, code, canonical statement) plus an
/// occurrence number among identical ones (SPEC §5): line shifts do not change it.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    findings
        .iter()
        .map(|f| {
            let mut h = Sha256::new();
            for part in [
                f.file.root_relative.as_str(),
                f.resource.as_deref().unwrap_or(""),
                f.rule.code,
                f.canonical.as_str(),
            ] {
                h.update(part.as_bytes());
                h.update([0]);
            }
            let base: String = h.finalize()[..16]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            format!("{base}:{n}")
        })
        .collect()
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    fingerprints: Vec<String>,
}

/// Writes the fingerprints of `findings` to `path`.
pub fn write(path: &Path, findings: &[Finding]) -> std::io::Result<()> {
    let file = File {
        version: 1,
        fingerprints: fingerprints(findings),
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(path, text)
}

/// Reads a baseline written by [`write`].
pub fn read(path: &Path) -> Result<HashSet<String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read baseline `{}`: {e}", path.display()))?;
    let file: File = serde_json::from_str(&text)
        .map_err(|e| format!("`{}` is not a trustlint baseline: {e}", path.display()))?;
    Ok(file.fingerprints.into_iter().collect())
}

/// Keeps only the findings whose fingerprint the baseline does not record.
pub fn filter(findings: &mut Vec<Finding>, known: &HashSet<String>) {
    let prints = fingerprints(findings);
    let mut keep = prints.iter().map(|p| !known.contains(p));
    findings.retain(|_| keep.next().unwrap_or(true));
}
