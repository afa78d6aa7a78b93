//! `trustlint.toml` / `.trustlint.toml`: rule selection, excludes and semantics options.
//!
//! Unknown keys and bad values are errors that point at the line in the config file (exit 2).

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::rules::{self, Rule};

pub const FILE_NAMES: &[&str] = &["trustlint.toml", ".trustlint.toml"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    accept_source_identity: Option<bool>,
    deny_warnings: Option<bool>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
}

/// A config error with the file's text and the byte range it points at.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("invalid configuration in {path}: {message}")]
#[diagnostic(code(trustlint::config))]
pub struct ConfigError {
    pub path: String,
    pub message: String,
    #[source_code]
    pub source_code: miette::NamedSource<String>,
    #[label("{message}")]
    pub span: Option<miette::SourceSpan>,
}

#[derive(Debug)]
struct Override {
    paths: GlobSet,
    select: Option<Vec<&'static Rule>>,
    ignore: Vec<&'static Rule>,
}

/// The effective configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// Where the config file is; globs are relative to it.
    pub base: Option<PathBuf>,
    select: Option<Vec<&'static Rule>>,
    ignore: Vec<&'static Rule>,
    exclude: Option<GlobSet>,
    pub accept_source_identity: bool,
    pub deny_warnings: bool,
    overrides: Vec<Override>,
}

/// Finds the config file in `start` or a directory above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find_map(|dir| FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file()))
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, Box<ConfigError>> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(ConfigError {
                path: display.clone(),
                message: e.to_string(),
                source_code: miette::NamedSource::new(&display, String::new()),
                span: None,
            })
        })?;
        let fail = |message: String, span: Option<std::ops::Range<usize>>| {
            Box::new(ConfigError {
                path: display.clone(),
                message,
                source_code: miette::NamedSource::new(&display, text.clone()),
                span: span.map(|r| (r.start, r.end.saturating_sub(r.start)).into()),
            })
        };
        let raw: RawConfig =
            toml::from_str(&text).map_err(|e| fail(e.message().to_owned(), e.span()))?;
        let codes = |list: &Option<Vec<Spanned<String>>>| -> Result<Option<Vec<&'static Rule>>, _> {
            list.as_ref()
                .map(|items| {
                    items
                        .iter()
                        .map(|c| {
                            rules::lookup(c.get_ref()).ok_or_else(|| {
                                fail(format!("unknown rule `{}`", c.get_ref()), Some(c.span()))
                            })
                        })
                        .collect()
                })
                .transpose()
        };
        let globs = |list: &[Spanned<String>]| -> Result<GlobSet, _> {
            let mut b = GlobSetBuilder::new();
            for g in list {
                b.add(Glob::new(g.get_ref()).map_err(|e| fail(e.to_string(), Some(g.span())))?);
            }
            b.build().map_err(|e| fail(e.to_string(), None))
        };
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            overrides.push(Override {
                paths: globs(&o.paths)?,
                select: codes(&o.select)?,
                ignore: codes(&o.ignore)?.unwrap_or_default(),
            });
        }
        Ok(Config {
            base: path.parent().map(Path::to_path_buf),
            select: codes(&raw.select)?,
            ignore: codes(&raw.ignore)?.unwrap_or_default(),
            exclude: raw.exclude.as_deref().map(globs).transpose()?,
            accept_source_identity: raw.accept_source_identity.unwrap_or(false),
            deny_warnings: raw.deny_warnings.unwrap_or(false),
            overrides,
        })
    }

    /// `--select` replaces the configured list; `--ignore` adds to it.
    pub fn apply_cli(&mut self, select: Option<Vec<&'static Rule>>, ignore: Vec<&'static Rule>) {
        if select.is_some() {
            self.select = select;
        }
        self.ignore.extend(ignore);
    }

    /// The path as the config's globs see it: relative to the config file's directory.
    fn relative<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, Path> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match &self.base {
            Some(base) => {
                let base = std::path::absolute(base).unwrap_or_else(|_| base.clone());
                match absolute.strip_prefix(&base) {
                    Ok(rel) => rel.to_path_buf().into(),
                    Err(_) => path.into(),
                }
            }
            None => path.into(),
        }
    }

    /// A glob set matches a path, one of its parent directories, or — as a plain name does
    /// in `.gitignore` — any one component (`legacy` excludes `infra/legacy/main.tf`).
    fn matches(set: &GlobSet, rel: &Path) -> bool {
        rel.ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| set.is_match(a))
            || rel.components().any(|c| set.is_match(c.as_os_str()))
    }

    pub fn excluded(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|set| Self::matches(set, &self.relative(path)))
    }

    /// Whether a rule applies to a file, with overrides applied in order.
    pub fn enabled(&self, rule: &Rule, path: &Path) -> bool {
        let rel = self.relative(path);
        let mut select = self.select.as_ref();
        let mut ignored = self.ignore.contains(&rule);
        for o in &self.overrides {
            if Self::matches(&o.paths, &rel) {
                if o.select.is_some() {
                    select = o.select.as_ref();
                }
                ignored |= o.ignore.contains(&rule);
            }
        }
        !ignored && select.is_none_or(|s| s.contains(&rule))
    }
}
