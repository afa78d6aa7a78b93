//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning, from our own serde structs
//! (no maintained SARIF crate compiles cleanly; DESIGN §3).

use serde::Serialize;

use super::Located;
use crate::finding::Severity;
use crate::rules;
use crate::Outcome;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 3],
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [SarifLocation; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: Fingerprints<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "trustlint/v1")]
    v1: &'a str,
}

/// Characters a SARIF `uri` (RFC 3986) keeps as they are in a relative path.
const URI_KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A repository-relative path as a URI reference: `a b#1.json` → `a%20b%231.json`.
fn uri(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URI_KEEP).to_string()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

pub fn render(outcome: &Outcome) -> String {
    let fingerprints = crate::baseline::fingerprints(&outcome.findings);
    let rules: Vec<Rule> = rules::ALL
        .iter()
        .map(|r| Rule {
            id: r.code,
            name: r.name,
            short_description: Text {
                text: r.summary.to_owned(),
            },
            full_description: Text {
                text: r.summary.to_owned(),
            },
            help: Help {
                text: r.docs.to_owned(),
                markdown: r.docs.to_owned(),
            },
            default_configuration: Configuration {
                level: level(r.severity),
            },
            properties: RuleProperties {
                tags: ["security", "iam", "cloudtrail"],
                security_severity: match r.severity {
                    Severity::Error => "7.5",
                    Severity::Warning => "5.0",
                },
            },
        })
        .collect();
    let results = outcome
        .findings
        .iter()
        .zip(&fingerprints)
        .map(|(f, fp)| {
            let at = Located::for_annotations(f);
            let related_locations = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let (line, column) = r.line_col();
                    RelatedLocation {
                        id: i + 1,
                        physical_location: PhysicalLocation {
                            artifact_location: Artifact {
                                uri: uri(&r.file.root_relative),
                                uri_base_id: "%SRCROOT%",
                            },
                            region: Region {
                                start_line: line,
                                start_column: column,
                                end_line: line,
                                end_column: column + 1,
                            },
                        },
                        message: Text {
                            text: r.message.clone(),
                        },
                    }
                })
                .collect();
            SarifResult {
                rule_id: f.rule.code,
                rule_index: rules::ALL
                    .iter()
                    .position(|r| r.code == f.rule.code)
                    .unwrap_or(0),
                level: level(f.severity()),
                message: Text {
                    text: match &f.help {
                        Some(help) => format!("{}\n\n{help}", f.message),
                        None => f.message.clone(),
                    },
                },
                locations: [SarifLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: Artifact {
                            uri: uri(&at.path),
                            uri_base_id: "%SRCROOT%",
                        },
                        region: Region {
                            start_line: at.line,
                            start_column: at.column,
                            end_line: at.end_line,
                            end_column: at.end_column,
                        },
                    },
                }],
                related_locations,
                partial_fingerprints: Fingerprints { v1: fp },
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "trustlint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://github.com/trustlint/trustlint",
                    rules,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("infra/iam.tf"), "infra/iam.tf");
        assert_eq!(uri("a b%2C,c:d.json"), "a%20b%252C%2Cc%3Ad.json");
        assert_eq!(uri("ü#[x].json"), "%C3%BC%23%5Bx%5D.json");
    }
}
