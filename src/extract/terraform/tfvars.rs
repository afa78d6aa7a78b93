//! Input variable values in Terraform's precedence: defaults, `terraform.tfvars`,
//! `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then `--var-file`s in
//! the order given (<https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence>).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::eval::Scope;
use super::files::Files;
use super::functions::node_to_tv;
use super::module::Module;
use super::value::Tv;
use crate::parse::{hcl, json};

/// Variable defaults, overridden by `inputs` (a module call's arguments).
pub fn with_defaults(
    module: &Module,
    files: &Files,
    inputs: HashMap<String, Tv>,
) -> HashMap<String, Tv> {
    let none = HashMap::new();
    let scope = Scope::new(module, files, &none);
    let mut values: HashMap<String, Tv> = module
        .variables
        .iter()
        .filter_map(|(name, var)| {
            var.default
                .as_ref()
                .map(|d| (name.clone(), scope.eval(var.file, d)))
        })
        .collect();
    values.extend(inputs);
    values
}

/// The values of a root module's variables.
pub fn root_values(module: &Module, files: &Files, var_files: &[PathBuf]) -> HashMap<String, Tv> {
    let mut values = with_defaults(module, files, HashMap::new());
    let mut auto: Vec<PathBuf> = std::fs::read_dir(&module.dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let n = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json")
                })
                .collect()
        })
        .unwrap_or_default();
    auto.sort();
    let mut ordered = vec![
        module.dir.join("terraform.tfvars"),
        module.dir.join("terraform.tfvars.json"),
    ];
    ordered.extend(auto);
    ordered.extend(var_files.iter().cloned());
    for path in ordered.iter().filter(|p| p.is_file()) {
        values.extend(read(path, module, files));
    }
    values
}

/// The assignments of one tfvars file (HCL or JSON); unreadable files give none.
fn read(path: &Path, module: &Module, files: &Files) -> HashMap<String, Tv> {
    let Ok(id) = files.load(path) else {
        return HashMap::new();
    };
    let Some(source) = files.get(id) else {
        return HashMap::new();
    };
    if path.extension().is_some_and(|e| e == "json") {
        let Ok(node) = json::parse(&source.text) else {
            return HashMap::new();
        };
        return node
            .entries()
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| (k.name.clone(), node_to_tv(v, id, &|s| s)))
            .collect();
    }
    let Ok(body) = hcl::parse(&source.text) else {
        return HashMap::new();
    };
    let none = HashMap::new();
    let scope = Scope::new(module, files, &none);
    body.attributes()
        .map(|a| (a.key.value().as_str().to_owned(), scope.eval(id, &a.value)))
        .collect()
}
