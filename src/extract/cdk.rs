//! CDK cloud assemblies: a directory with a cloud-assembly `manifest.json`, its stack
//! templates, the nested assemblies of Stages and the nested stacks' templates.
//!
//! Templates are read as CloudFormation, then each role is named by its construct path
//! (`aws:cdk:path`) and, when the assembly recorded a creation stack trace, related to the
//! user's source line: CDK users never see the template CDK wrote.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{cloudformation, Extracted};
use crate::parse::{json, Node};
use crate::policy::{Location, PolicyBody};
use crate::source::{SourceFile, SourceKind, Span};
use crate::syntax::Syntax;

/// Deepest nesting of Stage assemblies followed.
const MAX_NESTING: usize = 8;

/// Whether a parsed `manifest.json` is a cloud-assembly manifest.
pub fn is_manifest(root: &Node) -> bool {
    root.get("version").is_some() && root.get("artifacts").and_then(Node::entries).is_some()
}

/// Reads files for the assembly reader; returns the shared source file.
pub trait Reader {
    fn read(&self, path: &Path) -> Option<Arc<SourceFile>>;
    /// A source file the trace names, if it exists under the project root.
    fn source(&self, path: &Path) -> Option<Arc<SourceFile>>;
}

/// What reading one assembly produced.
#[derive(Default)]
pub struct Assembly {
    pub extracted: Extracted,
    /// Every file read (manifests, templates, metadata files), so they are not read again.
    pub consumed: Vec<PathBuf>,
    /// Templates or manifests that did not parse: file and message.
    pub errors: Vec<(Arc<SourceFile>, crate::parse::ParseError)>,
    /// Templates read (what `files_scanned` counts for an assembly).
    pub templates: usize,
}

/// Reads the assembly whose manifest is `manifest`, with its Stages and nested stacks.
pub fn read(manifest: &Path, reader: &dyn Reader) -> Assembly {
    let mut out = Assembly {
        extracted: Extracted {
            kind: Some(SourceKind::Cdk),
            ..Extracted::default()
        },
        ..Assembly::default()
    };
    let mut seen = HashSet::new();
    let dir = match manifest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Unresolvable, the base is a path nothing canonical starts with.
    let base = dir
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("\0unresolved"));
    let confined = Confined {
        inner: reader,
        base,
    };
    read_manifest(manifest, &confined, 0, &mut seen, &mut out);
    out
}

/// Reads only inside the assembly's directory: a manifest naming `../../etc/x.json` as a
/// template is not followed out of it.
struct Confined<'a> {
    inner: &'a dyn Reader,
    base: PathBuf,
}

impl Reader for Confined<'_> {
    fn read(&self, path: &Path) -> Option<Arc<SourceFile>> {
        let canonical = path.canonicalize().ok()?;
        canonical
            .starts_with(&self.base)
            .then(|| self.inner.read(path))
            .flatten()
    }

    fn source(&self, path: &Path) -> Option<Arc<SourceFile>> {
        self.inner.source(path)
    }
}

fn read_manifest(
    manifest: &Path,
    reader: &dyn Reader,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    out: &mut Assembly,
) {
    let key = manifest
        .canonicalize()
        .unwrap_or_else(|_| manifest.to_path_buf());
    if depth > MAX_NESTING || !seen.insert(key) {
        return;
    }
    let Some(file) = reader.read(manifest) else {
        return;
    };
    out.consumed.push(manifest.to_path_buf());
    let root = match json::parse(&file.text) {
        Ok(root) => root,
        Err(e) => {
            out.errors.push((file, e));
            return;
        }
    };
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let mut templates: Vec<(PathBuf, Node)> = Vec::new();
    for (_, artifact) in root
        .get("artifacts")
        .and_then(Node::entries)
        .unwrap_or_default()
    {
        let props = artifact.get("properties");
        let prop = |k: &str| props.and_then(|p| p.get(k)).and_then(Node::as_str);
        match artifact.get("type").and_then(Node::as_str) {
            Some("aws:cloudformation:stack") => {
                let Some(template) = prop("templateFile") else {
                    continue;
                };
                let mut metadata = artifact.get("metadata").cloned();
                if let Some(extra) = artifact
                    .get("additionalMetadataFile")
                    .and_then(Node::as_str)
                {
                    let path = dir.join(extra);
                    if let Some(f) = reader.read(&path) {
                        out.consumed.push(path);
                        metadata = json::parse(&f.text).ok().or(metadata);
                    }
                }
                templates.push((dir.join(template), metadata.unwrap_or_else(empty)));
            }
            Some("cdk:cloud-assembly") => {
                if let Some(sub) = prop("directoryName") {
                    read_manifest(
                        &dir.join(sub).join("manifest.json"),
                        reader,
                        depth + 1,
                        seen,
                        out,
                    );
                }
            }
            _ => {}
        }
    }
    // Nested stacks are assets: their templates sit beside the manifest.
    let mut nested: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".nested.template.json"))
                .collect()
        })
        .unwrap_or_default();
    nested.sort();
    let traces = templates.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>();
    for path in nested {
        if !templates.iter().any(|(p, _)| *p == path) {
            // Nested stacks' construct traces live in their parent stack's metadata.
            let merged = merge_metadata(&traces);
            templates.push((path, merged));
        }
    }
    for (path, metadata) in templates {
        read_template(&path, &metadata, reader, out);
    }
}

fn empty() -> Node {
    Node::new(Span::default(), crate::parse::Value::Object(Vec::new()))
}

fn merge_metadata(all: &[Node]) -> Node {
    let entries = all
        .iter()
        .flat_map(|m| m.entries().unwrap_or_default().iter().cloned())
        .collect();
    Node::new(Span::default(), crate::parse::Value::Object(entries))
}

fn read_template(path: &Path, metadata: &Node, reader: &dyn Reader, out: &mut Assembly) {
    let Some(file) = reader.read(path) else {
        return;
    };
    out.consumed.push(path.to_path_buf());
    out.templates += 1;
    let root = match json::parse(&file.text) {
        Ok(root) => root,
        Err(e) => {
            out.errors.push((file, e));
            return;
        }
    };
    let extracted = cloudformation::extract(&file, &root);
    out.extracted.roles += extracted.roles;
    for mut policy in extracted.policies {
        let logical_id = policy.resource.clone().unwrap_or_default();
        let resource = root.get("Resources").and_then(|r| r.get(&logical_id));
        let path = resource
            .and_then(|r| r.get("Metadata"))
            .and_then(|m| m.get("aws:cdk:path"))
            .and_then(Node::as_str)
            .map(str::to_owned)
            .or_else(|| construct_path(metadata, &logical_id));
        policy.kind = SourceKind::Cdk;
        if let Some(p) = &path {
            policy.resource = Some(p.clone());
            if let Some(frame) = user_frame(metadata, p, reader) {
                policy.related.push(frame);
            }
        }
        if let PolicyBody::Known(doc) = &mut policy.body {
            for s in &mut doc.statements {
                s.syntax = Syntax::Cdk;
            }
        }
        out.extracted.policies.push(policy);
    }
}

/// The construct path whose `aws:cdk:logicalId` entry names `logical_id`.
fn construct_path(metadata: &Node, logical_id: &str) -> Option<String> {
    metadata.entries()?.iter().find_map(|(path, entries)| {
        entries
            .items()?
            .iter()
            .any(|e| {
                e.get("type").and_then(Node::as_str) == Some("aws:cdk:logicalId")
                    && e.get("data").and_then(Node::as_str) == Some(logical_id)
            })
            .then(|| path.name.trim_start_matches('/').to_owned())
    })
}

/// Frames of the CDK library, constructs and the jsii runtime are not the user's code.
fn is_library_frame(frame: &str) -> bool {
    [
        "node_modules",
        "aws-cdk-lib",
        "/constructs/",
        "jsii-kernel",
        "jsii-runtime",
        "@jsii",
        "/jsii/",
        "node:internal",
        "(internal/",
    ]
    .iter()
    .any(|m| frame.contains(m))
}

/// `at fn (/path/app.js:12:5)` or `at /path/app.js:12:5` → (path, line, column).
fn parse_frame(frame: &str) -> Option<(String, usize, usize)> {
    let location = match (frame.rfind('('), frame.rfind(')')) {
        (Some(open), Some(close)) if close > open => &frame[open + 1..close],
        _ => frame.trim().trim_start_matches("at ").trim(),
    };
    let mut parts = location.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    let path = parts
        .next()?
        .trim()
        .trim_start_matches("file://")
        .to_owned();
    (!path.is_empty()).then_some((path, line, column))
}

/// The first user frame of the creation trace recorded for `path`'s logical id (or for its
/// parent construct), as a related location.
fn user_frame(metadata: &Node, path: &str, reader: &dyn Reader) -> Option<Location> {
    let key = format!("/{path}");
    let parent = key
        .rsplit_once('/')
        .map(|(p, _)| p.to_owned())
        .unwrap_or_default();
    let traces: Vec<&Node> = [key.as_str(), parent.as_str()]
        .iter()
        .filter_map(|k| metadata.get(k))
        .flat_map(|entries| entries.items().unwrap_or_default())
        .filter_map(|e| {
            // CDK ≤ 2.25x: `trace` on the `aws:cdk:logicalId` entry (under `--debug`); later
            // releases: an `aws:cdk:creationStack` entry whose data are the frames.
            let creation = e.get("type").and_then(Node::as_str) == Some("aws:cdk:creationStack");
            e.get("trace")
                .or_else(|| creation.then(|| e.get("data")).flatten())
        })
        .collect();
    let (file, line, column) = traces
        .iter()
        .flat_map(|t| t.items().unwrap_or_default())
        .filter_map(Node::as_str)
        .filter(|f| !is_library_frame(f))
        .find_map(parse_frame)?;
    let source = reader.source(Path::new(&file)).unwrap_or_else(|| {
        Arc::new(SourceFile {
            display: file.clone(),
            path: PathBuf::from(&file),
            root_relative: file.clone(),
            text: String::new(),
        })
    });
    let offset = crate::source::LineIndex::new(&source.text)
        .line_range(&source.text, line)
        .map(|(start, _)| start + column.saturating_sub(1))
        .unwrap_or(0);
    Some(Location {
        position: Some((line, column)),
        file: source,
        span: Span::new(offset, offset),
        message: crate::policy::SOURCE_LINE.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames() {
        assert_eq!(
            parse_frame("at new PlatformIamStack (/home/u/app/lib/stack.js:20:22)"),
            Some(("/home/u/app/lib/stack.js".to_owned(), 20, 22))
        );
        assert_eq!(
            parse_frame("/home/u/app/app.js:7:1"),
            Some(("/home/u/app/app.js".to_owned(), 7, 1))
        );
        assert!(is_library_frame(
            "new Role (/x/node_modules/aws-cdk-lib/aws-iam/lib/role.js:1:9)"
        ));
        assert!(!is_library_frame(
            "new Stack (/home/u/app/lib/stack.js:3:4)"
        ));
    }
}
