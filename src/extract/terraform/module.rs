//! A Terraform module: the `.tf`/`.tf.json`/`.tofu`/`.tofu.json` files of one directory,
//! parsed, with what the evaluator needs indexed by name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};

use super::files::Files;
use super::value::FileId;
use crate::parse::{hcl, ParseError};

/// File names Terraform and OpenTofu read as configuration.
pub fn is_config_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    [".tf", ".tf.json", ".tofu", ".tofu.json"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// `override.tf`, `x_override.tf` (and their JSON and OpenTofu forms) merge into the module.
fn is_override(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = [".tf.json", ".tofu.json", ".tf", ".tofu"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    stem == "override" || stem.ends_with("_override")
}

/// A declared input variable.
#[derive(Debug, Clone)]
pub struct Variable {
    pub file: FileId,
    pub default: Option<Expression>,
    /// The declared `type`, whose `optional(T, default)` attributes fill values in.
    pub type_expr: Option<Expression>,
}

/// One parsed module directory.
#[derive(Debug, Default)]
pub struct Module {
    pub dir: PathBuf,
    pub variables: HashMap<String, Variable>,
    pub locals: HashMap<String, (FileId, Expression)>,
    pub policy_docs: HashMap<String, (FileId, Block)>,
    /// `resource "aws_iam_role" "NAME"` blocks.
    pub roles: Vec<(FileId, Block)>,
    /// `module "NAME"` blocks.
    pub calls: Vec<(FileId, Block)>,
    /// `output "NAME"` values.
    pub outputs: HashMap<String, (FileId, Expression)>,
    /// Files that failed to parse, with the error.
    pub errors: Vec<(FileId, ParseError)>,
    pub files: Vec<FileId>,
}

impl Module {
    /// The directory of a call's `source` when it is a local path.
    pub fn local_source(&self, call: &Block) -> Option<PathBuf> {
        let source = call.body.get_attribute("source")?;
        let text = source.value.as_str()?;
        (text.starts_with("./") || text.starts_with("../")).then(|| self.dir.join(text))
    }

    /// Reads and indexes every configuration file of `dir`.
    pub fn load(dir: &Path, files: &Files) -> Module {
        Module::load_only(dir, files, None)
    }

    /// Like [`Module::load`], reading only the files named in `only` when given (the walk's
    /// files, so that `.gitignore`d configuration stays out).
    pub fn load_only(dir: &Path, files: &Files, only: Option<&[PathBuf]>) -> Module {
        let mut module = Module {
            dir: dir.to_path_buf(),
            ..Module::default()
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && is_config_file(p) && files.inside_root(p))
                    .filter(|p| {
                        only.is_none_or(|names| {
                            names.iter().any(|n| n.file_name() == p.file_name())
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        // OpenTofu reads `x.tofu` instead of `x.tf` when both exist; override files
        // (`override.tf`, `*_override.tf`) are merged last, in order.
        let tofu: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| {
                let name = p.to_string_lossy();
                name.strip_suffix(".tofu")
                    .map(|b| PathBuf::from(format!("{b}.tf")))
                    .or_else(|| {
                        name.strip_suffix(".tofu.json")
                            .map(|b| PathBuf::from(format!("{b}.tf.json")))
                    })
            })
            .collect();
        paths.retain(|p| !tofu.contains(p));
        paths.sort_by_key(|p| (is_override(p), p.clone()));
        for path in paths {
            let shown = if dir == Path::new(".") || dir.as_os_str().is_empty() {
                PathBuf::from(path.file_name().unwrap_or_default())
            } else {
                path.clone()
            };
            let Ok(id) = files.load(&shown) else { continue };
            module.files.push(id);
            let Some(source) = files.get(id) else {
                continue;
            };
            let name = shown.to_string_lossy();
            let parsed = if name.ends_with(".json") {
                super::json_syntax::rewrite(&source.text).and_then(|hcl_text| {
                    let virtual_id = files
                        .add_virtual(id, hcl_text.text.clone(), hcl_text.map)
                        .unwrap_or(id);
                    hcl::parse(&hcl_text.text).map(|b| (virtual_id, b))
                })
            } else {
                hcl::parse(&source.text).map(|b| (id, b))
            };
            match parsed {
                Ok((file, body)) => module.index(file, &body, is_override(&path)),
                Err(e) => module.errors.push((id, e)),
            }
        }
        module
    }

    fn index(&mut self, file: FileId, body: &Body, is_override: bool) {
        for block in body.blocks() {
            let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
            match (block.ident.value().as_str(), labels.as_slice()) {
                ("variable", [name]) => {
                    let attr = |k: &str| block.body.get_attribute(k).map(|a| a.value.clone());
                    let variable = Variable {
                        file,
                        default: attr("default"),
                        type_expr: attr("type"),
                    };
                    self.variables.insert((*name).to_owned(), variable);
                }
                ("locals", []) => {
                    for attr in block.body.attributes() {
                        self.locals.insert(
                            attr.key.value().as_str().to_owned(),
                            (file, attr.value.clone()),
                        );
                    }
                }
                ("data", ["aws_iam_policy_document", name]) => {
                    self.policy_docs
                        .insert((*name).to_owned(), (file, block.clone()));
                }
                ("resource", ["aws_iam_role", name]) => {
                    let existing = self
                        .roles
                        .iter_mut()
                        .find(|(_, b)| b.labels.get(1).map(|l| l.as_str()) == Some(*name));
                    match existing {
                        // An override file's attributes replace the original's; the merged
                        // role is located in the override, where its policy now comes from.
                        Some((original_file, original)) if is_override => {
                            let mut merged = block.clone();
                            for attr in original.body.attributes() {
                                if merged
                                    .body
                                    .get_attribute(attr.key.value().as_str())
                                    .is_none()
                                {
                                    merged.body.push(attr.clone());
                                }
                            }
                            if block.body.get_attribute("assume_role_policy").is_some() {
                                *original_file = file;
                                *original = merged;
                            }
                        }
                        _ => self.roles.push((file, block.clone())),
                    }
                }
                ("module", [_]) => self.calls.push((file, block.clone())),
                ("output", [name]) => {
                    if let Some(value) = block.body.get_attribute("value") {
                        self.outputs
                            .insert((*name).to_owned(), (file, value.value.clone()));
                    }
                }
                _ => {}
            }
        }
    }
}
