//! The run over a set of paths: Terraform modules and CDK assemblies as wholes, every other
//! file on its own in a parallel pool, suppressions, and the deterministic order of findings.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::Finding;
use crate::policy::Semantics;
use crate::source::{LineIndex, SourceFile, SourceKind};
use crate::{
    config, discover, display_path, extract, lint_file, parse_error, rules, slash, source,
    suppress, FileReport, Options, Outcome,
};

/// Lints the files under the options' paths with the given configuration.
pub fn lint_paths(opts: &Options, config: &config::Config, cwd: &Path, root: &Path) -> Outcome {
    use rayon::prelude::*;
    let discovered = discover::discover(&opts.paths, root, config, opts.walk);
    let semantics = Semantics {
        accept_source_identity: config.accept_source_identity,
    };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (tf, files): (Vec<PathBuf>, Vec<PathBuf>) = discovered
        .into_iter()
        .partition(|p| extract::terraform::is_config_file(p));
    // A configuration file named on the command line (pre-commit names staged files) is read
    // with its whole module directory.
    let named: Vec<PathBuf> = opts
        .paths
        .iter()
        .filter(|p| p.is_file() && extract::terraform::is_config_file(p))
        .map(|p| match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        })
        .collect();
    let terraform = lint_terraform(&tf, &named, &opts.var_files, config, semantics, cwd, root);
    let cdk = lint_cdk(&files, config, semantics, cwd, root);
    // A file read through `file()` is reported once, as Terraform; a template of a cloud
    // assembly once, as CDK.
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| {
            p.canonicalize().map_or(true, |c| {
                !terraform.consumed.contains(&c) && !cdk.consumed.contains(&c)
            })
        })
        .collect();
    let work = |path: &PathBuf| -> FileReport {
        let Ok(bytes) = std::fs::read(path) else {
            return FileReport::default();
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let absolute = path.canonicalize().unwrap_or_else(|_| path.clone());
        let file = Arc::new(SourceFile {
            display: display_path(path, cwd),
            root_relative: slash(absolute.strip_prefix(&canonical_root).unwrap_or(&absolute)),
            path: path.clone(),
            text,
        });
        let mut report = lint_file(&file, semantics);
        apply_suppressions(&mut report.findings, config, &file);
        report
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .stack_size(16 << 20)
        .build();
    let reports: Vec<FileReport> = match pool {
        Ok(pool) => pool.install(|| files.par_iter().map(work).collect()),
        Err(_) => files.iter().map(work).collect(),
    };
    let mut outcome = Outcome::default();
    for pass in [terraform, cdk] {
        outcome.files_scanned += pass.files;
        outcome.roles_checked += pass.report.roles;
        outcome.findings.extend(pass.report.findings);
        outcome.notes.extend(pass.notes);
    }
    for report in reports {
        outcome.files_scanned += usize::from(report.scanned);
        outcome.roles_checked += report.roles;
        outcome.findings.extend(report.findings);
    }
    sort_findings(&mut outcome.findings);
    outcome
}

/// What a pass over a whole input (Terraform modules, CDK assemblies) produced.
#[derive(Default)]
struct PassReport {
    report: FileReport,
    notes: Vec<String>,
    files: usize,
    /// Canonical paths of every file the pass read, which no other pass reads again.
    consumed: std::collections::HashSet<PathBuf>,
}

/// Reads CDK assembly files from disk; creation traces only inside the project root.
struct DiskReader<'a> {
    cwd: &'a Path,
    root: PathBuf,
}

impl extract::cdk::Reader for DiskReader<'_> {
    fn read(&self, path: &Path) -> Option<Arc<SourceFile>> {
        let bytes = std::fs::read(path).ok()?;
        let absolute = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        Some(Arc::new(SourceFile {
            display: display_path(path, self.cwd),
            root_relative: slash(absolute.strip_prefix(&self.root).unwrap_or(&absolute)),
            path: path.to_path_buf(),
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }))
    }

    fn source(&self, path: &Path) -> Option<Arc<SourceFile>> {
        let canonical = path.canonicalize().ok()?;
        if !canonical.starts_with(&self.root) || !canonical.is_file() {
            return None;
        }
        let relative = canonical.strip_prefix(&self.root).ok()?;
        let cwd = self
            .cwd
            .canonicalize()
            .unwrap_or_else(|_| self.cwd.to_path_buf());
        let shown = canonical
            .strip_prefix(&cwd)
            .map_or_else(|_| canonical.clone(), Path::to_path_buf);
        let text = std::fs::read_to_string(&canonical).ok()?;
        Some(Arc::new(SourceFile {
            display: slash(&shown),
            root_relative: slash(relative),
            path: canonical.clone(),
            text,
        }))
    }
}

/// Lints the cloud assemblies among the found files (a `manifest.json` of an assembly), each
/// with its Stages and nested stacks; notes a gitignored `cdk.out` beside a `cdk.json`.
fn lint_cdk(
    files: &[PathBuf],
    config: &config::Config,
    semantics: Semantics,
    cwd: &Path,
    root: &Path,
) -> PassReport {
    let reader = DiskReader {
        cwd,
        root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
    };
    // A template named on its own (pre-commit names staged files) is read with its manifest,
    // and only its own findings are reported; a manifest the walk reached reports them all.
    let is_assembly =
        |p: &Path| std::fs::read_to_string(p).is_ok_and(|t| t.contains("\"artifacts\""));
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut manifests: Vec<(PathBuf, Option<Vec<PathBuf>>)> = Vec::new();
    for p in files {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let (manifest, only) = if name == "manifest.json" {
            (p.clone(), None)
        } else if name.ends_with(".template.json") {
            (p.with_file_name("manifest.json"), Some(canon(p)))
        } else {
            continue;
        };
        if !is_assembly(&manifest) {
            continue;
        }
        match manifests
            .iter_mut()
            .find(|(m, _)| canon(m) == canon(&manifest))
        {
            Some((_, filter)) => match (filter.as_mut(), only) {
                (Some(list), Some(t)) => list.push(t),
                (_, None) => *filter = None,
                (None, Some(_)) => {}
            },
            None => manifests.push((manifest, only.map(|t| vec![t]))),
        }
    }
    // Outer assemblies first, so that a Stage's assembly is read through its parent.
    manifests.sort_by_key(|(p, _)| p.components().count());
    let mut pass = PassReport::default();
    for (manifest, only) in &manifests {
        if pass.consumed.contains(&canon(manifest)) {
            continue;
        }
        let assembly = extract::cdk::read(manifest, &reader);
        pass.report.roles += assembly.extracted.roles;
        pass.files += assembly.templates;
        pass.consumed.extend(
            assembly
                .consumed
                .iter()
                .filter_map(|p| p.canonicalize().ok()),
        );
        let mut findings = Vec::new();
        for (file, e) in &assembly.errors {
            let mut f = parse_error(file, e, true);
            f.source_kind = SourceKind::Cdk;
            findings.push(f);
        }
        for policy in &assembly.extracted.policies {
            rules::check_policy(policy, semantics, &mut findings);
        }
        if let Some(named) = only {
            findings.retain(|f| named.contains(&canon(&f.file.path)));
        }
        suppress_by_file(&mut findings, config);
        pass.report.findings.extend(findings);
    }
    for cdk_json in files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "cdk.json"))
    {
        let out_dir = cdk_json.with_file_name("cdk.out");
        let walked = files.iter().any(|f| f.starts_with(&out_dir));
        if out_dir.is_dir() && !walked {
            pass.notes.push(format!(
                "{} was skipped (ignored): run `trustlint lint {}` after `cdk synth` to check \
                 the roles your CDK app defines",
                display_path(&out_dir, cwd),
                display_path(&out_dir, cwd)
            ));
        }
    }
    pass
}

/// Applies suppressions to findings that may be in several files.
fn suppress_by_file(findings: &mut Vec<Finding>, config: &config::Config) {
    let mut by_file: std::collections::BTreeMap<PathBuf, Vec<Finding>> = Default::default();
    for f in findings.drain(..) {
        by_file.entry(f.file.path.clone()).or_default().push(f);
    }
    for (_, mut group) in by_file {
        if let Some(file) = group.first().map(|f| f.file.clone()) {
            apply_suppressions(&mut group, config, &file);
        }
        findings.extend(group);
    }
}

/// Lints the module directories of the Terraform files found.
#[allow(clippy::too_many_arguments)]
fn lint_terraform(
    tf: &[PathBuf],
    whole_dirs: &[PathBuf],
    var_files: &[PathBuf],
    config: &config::Config,
    semantics: Semantics,
    cwd: &Path,
    root: &Path,
) -> PassReport {
    let registry = extract::terraform::Files::new(root, cwd);
    let out = extract::terraform::lint(tf, whole_dirs, &registry, var_files);
    let mut report = FileReport {
        scanned: true,
        roles: out.roles,
        findings: Vec::new(),
    };
    for (file, e) in &out.errors {
        report.findings.push(
            Finding::in_file(
                &rules::PARSE_ERROR,
                file.clone(),
                SourceKind::Terraform,
                source::widen_empty(e.span, &file.text),
                e.message.clone(),
                format!("cannot parse {}: {}", file.display, e.message),
            )
            .with_help("fix the syntax so the trust policies in this module can be checked"),
        );
    }
    for policy in &out.policies {
        rules::check_policy(policy, semantics, &mut report.findings);
    }
    // A `for_each` role is one role: the findings its instances share are one (the extractor
    // gives a statement one identity across instances).
    let mut seen = std::collections::HashSet::new();
    report.findings.retain(|f| {
        seen.insert((
            f.rule.code,
            f.file.path.clone(),
            f.primary.span,
            f.resource.clone(),
            f.canonical.clone(),
        ))
    });
    let all = registry.all();
    suppress_by_file(&mut report.findings, config);
    PassReport {
        notes: out.notes.clone(),
        files: all.len(),
        consumed: all
            .iter()
            .filter_map(|f| f.path.canonicalize().ok())
            .collect(),
        report,
    }
}

/// Drops findings disabled by the config or suppressed in the source.
fn apply_suppressions(findings: &mut Vec<Finding>, config: &config::Config, file: &SourceFile) {
    let comments = suppress::Comments::scan(&file.text);
    let index = LineIndex::new(&file.text);
    findings.retain(|f| {
        config.enabled(f.rule, &f.file.path)
            && !suppress::metadata_suppresses(f)
            && !comments.suppresses(f, &index)
            && !suppress::foreign_suppresses(f)
    });
}

/// Sorts by (file, line, column, code); byte order within a file is line/column order.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            &a.file.display,
            a.primary.span.start,
            a.rule.code,
            a.primary.span.end,
        )
            .cmp(&(
                &b.file.display,
                b.primary.span.start,
                b.rule.code,
                b.primary.span.end,
            ))
    });
}
