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

/// A declared input variable.
#[derive(Debug, Clone)]
pub struct Variable {
    pub file: FileId,
    pub default: Option<Expression>,
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
    /// Files that failed to parse, with the error.
    pub errors: Vec<(FileId, ParseError)>,
    pub files: Vec<FileId>,
}

impl Module {
    /// The directory as `path.module` renders it.
    pub fn dir_text(&self) -> String {
        let text = crate::slash(&self.dir);
        if text.is_empty() {
            ".".to_owned()
        } else {
            text
        }
    }

    /// Reads and indexes every configuration file of `dir`.
    pub fn load(dir: &Path, files: &Files) -> Module {
        let mut module = Module {
            dir: dir.to_path_buf(),
            ..Module::default()
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && is_config_file(p))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
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
                Ok((file, body)) => module.index(file, &body),
                Err(e) => module.errors.push((id, e)),
            }
        }
        module
    }

    fn index(&mut self, file: FileId, body: &Body) {
        for block in body.blocks() {
            let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
            match (block.ident.value().as_str(), labels.as_slice()) {
                ("variable", [name]) => {
                    let default = block.body.get_attribute("default").map(|a| a.value.clone());
                    self.variables
                        .insert((*name).to_owned(), Variable { file, default });
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
                ("resource", ["aws_iam_role", _]) => self.roles.push((file, block.clone())),
                ("module", [_]) => self.calls.push((file, block.clone())),
                _ => {}
            }
        }
    }
}
