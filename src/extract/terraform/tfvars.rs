//! Input variable values in Terraform's precedence: defaults, `terraform.tfvars`,
//! `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then `--var-file`s in
//! the order given (<https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence>).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::eval::Scope;
use super::files::Files;
use super::functions::node_to_tv;
use hcl_edit::expr::{Expression, ObjectKey};

use super::module::{Module, Variable};
use super::value::{FileId, Tv, V};
use crate::parse::{hcl, json, ParseError};

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
    typed(module, &scope, values)
}

/// Applies each variable's declared type to its value: missing `optional(T, default)`
/// attributes take their default (or null), as Terraform converts values to the type.
fn typed(module: &Module, scope: &Scope<'_>, values: HashMap<String, Tv>) -> HashMap<String, Tv> {
    values
        .into_iter()
        .map(|(name, value)| {
            let value = match module.variables.get(&name) {
                Some(Variable {
                    file,
                    type_expr: Some(t),
                    ..
                }) => apply_type(scope, *file, t, value),
                _ => value,
            };
            (name, value)
        })
        .collect()
}

fn apply_type(scope: &Scope<'_>, file: FileId, t: &Expression, value: Tv) -> Tv {
    let Expression::FuncCall(call) = t else {
        return value;
    };
    let args: Vec<&Expression> = call.args.iter().collect();
    let Some(inner) = args.first() else {
        return value;
    };
    match (call.name.name.value().as_str(), value.v) {
        ("optional", v) => apply_type(scope, file, inner, Tv::new(value.file, value.span, v)),
        ("map", V::Object(entries)) => {
            let entries = entries
                .into_iter()
                .map(|(k, ks, v)| (k, ks, apply_type(scope, file, inner, v)))
                .collect();
            Tv::new(value.file, value.span, V::Object(entries))
        }
        ("list" | "set", V::List(items)) => {
            let items = items
                .into_iter()
                .map(|v| apply_type(scope, file, inner, v))
                .collect();
            Tv::new(value.file, value.span, V::List(items))
        }
        ("object", V::Object(mut entries)) => {
            let Expression::Object(fields) = inner else {
                return Tv::new(value.file, value.span, V::Object(entries));
            };
            for (key, field) in fields.iter() {
                let name = match key {
                    ObjectKey::Ident(id) => id.value().as_str().to_owned(),
                    ObjectKey::Expression(e) => match e.as_str() {
                        Some(s) => s.to_owned(),
                        None => continue,
                    },
                };
                let ftype = field.expr();
                match entries.iter_mut().find(|(k, _, _)| *k == name) {
                    Some((_, _, v)) => *v = apply_type(scope, file, ftype, v.clone()),
                    None => {
                        let default = match ftype {
                            Expression::FuncCall(c)
                                if c.name.name.value().as_str() == "optional" =>
                            {
                                c.args.iter().nth(1).map_or_else(
                                    || Tv::new(file, value.span, V::Null),
                                    |d| scope.eval(file, d),
                                )
                            }
                            _ => continue,
                        };
                        entries.push((name, value.span, default));
                    }
                }
            }
            Tv::new(value.file, value.span, V::Object(entries))
        }
        (_, v) => Tv::new(value.file, value.span, v),
    }
}

/// The values of a root module's variables.
/// A broken variables file is reported (TL000) in `errors`: Terraform would refuse it.
pub fn root_values(
    module: &Module,
    files: &Files,
    var_files: &[PathBuf],
    errors: &mut Vec<(FileId, ParseError)>,
) -> HashMap<String, Tv> {
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
        values.extend(read(path, module, files, errors));
    }
    let none = HashMap::new();
    typed(module, &Scope::new(module, files, &none), values)
}

/// The assignments of one tfvars file (HCL or JSON); unreadable files give none.
fn read(
    path: &Path,
    module: &Module,
    files: &Files,
    errors: &mut Vec<(FileId, ParseError)>,
) -> HashMap<String, Tv> {
    let Ok(id) = files.load(path) else {
        return HashMap::new();
    };
    let Some(source) = files.get(id) else {
        return HashMap::new();
    };
    if path.extension().is_some_and(|e| e == "json") {
        let node = match json::parse(&source.text) {
            Ok(node) => node,
            Err(e) => {
                errors.push((id, e));
                return HashMap::new();
            }
        };
        return node
            .entries()
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| (k.name.clone(), node_to_tv(v, id, &|s| s)))
            .collect();
    }
    let body = match hcl::parse(&source.text) {
        Ok(body) => body,
        Err(e) => {
            errors.push((id, e));
            return HashMap::new();
        }
    };
    let none = HashMap::new();
    let scope = Scope::new(module, files, &none);
    body.attributes()
        .map(|a| (a.key.value().as_str().to_owned(), scope.eval(id, &a.value)))
        .collect()
}
