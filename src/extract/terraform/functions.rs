//! The Terraform functions real trust policies use, evaluated lazily so that `try()` and
//! `can()` work, with `file()`/`templatefile()` confined to the project root.

use std::sync::Arc;

use hcl_edit::expr::{Expression, FuncCall};

use super::eval::Scope;
use super::value::{FileId, Tv, V};
use crate::parse::{json, Node, Value};
use crate::source::Span;

/// Calls a function; unsupported functions and unknown arguments give unknowns.
pub fn call(scope: &Scope<'_>, file: FileId, call: &FuncCall, span: Span) -> Tv {
    let name = call.name.name.value().as_str();
    let raw: Vec<&Expression> = call.args.iter().collect();
    let unknown = |reason: &str| {
        let text = scope
            .files
            .get(file)
            .map(|f| super::eval::source_text(&f.text, span))
            .unwrap_or_default();
        Tv::unknown(file, span, text, reason)
    };
    // Lazy functions first: they must not evaluate every argument.
    match name {
        "try" => {
            return raw
                .iter()
                .map(|e| scope.eval(file, e))
                .find(|v| v.first_unknown().is_none())
                .unwrap_or_else(|| unknown("has no argument that can be evaluated"))
        }
        "can" => {
            return match raw.first().map(|e| scope.eval(file, e)) {
                Some(v) if v.first_unknown().is_none() => Tv::new(file, span, V::Bool(true)),
                _ => unknown("cannot be decided statically"),
            }
        }
        _ => {}
    }
    let args: Vec<Tv> = raw.iter().map(|e| scope.eval(file, e)).collect();
    let tv = |v| Tv::new(file, span, v);
    let text_arg = |i: usize| args.get(i).and_then(Tv::to_text);
    // Functions that look into values need them known.
    let needs_known = !matches!(
        name,
        "jsonencode"
            | "tolist"
            | "toset"
            | "tomap"
            | "concat"
            | "merge"
            | "compact"
            | "distinct"
            | "flatten"
            | "coalesce"
    );
    if needs_known {
        if let Some(u) = args.iter().find(|a| a.is_unknown()) {
            return u.clone();
        }
    }
    let result: Option<Tv> = match name {
        "jsonencode" => args.first().map(|a| tv(V::Json(Box::new(a.clone())))),
        "jsondecode" => args.first().and_then(|a| decode(a, span)),
        "file" => text_arg(0).map(|p| read(scope, file, &p, span)),
        "templatefile" => text_arg(0).map(|p| template_file(scope, file, &p, args.get(1), span)),
        "tolist" | "toset" | "tomap" | "tostring" | "sensitive" | "nonsensitive" => {
            args.first().cloned()
        }
        "tonumber" => args
            .first()
            .and_then(Tv::as_number)
            .map(|n| tv(V::Number(n))),
        "tobool" => args.first().and_then(Tv::as_bool).map(|b| tv(V::Bool(b))),
        "merge" => {
            let mut entries: Vec<(String, Span, Tv)> = Vec::new();
            for a in &args {
                match &a.v {
                    V::Object(e) => {
                        for (k, ks, v) in e {
                            entries.retain(|(n, _, _)| n != k);
                            entries.push((k.clone(), *ks, v.clone()));
                        }
                    }
                    V::Null => {}
                    _ => {
                        return a
                            .first_unknown()
                            .map(|_| a.clone())
                            .unwrap_or_else(|| unknown("merges a value that is not an object"))
                    }
                }
            }
            Some(tv(V::Object(entries)))
        }
        "concat" => {
            let mut items = Vec::new();
            for a in &args {
                match a.items() {
                    Some(i) => items.extend(i.iter().cloned()),
                    None => {
                        return if a.is_unknown() {
                            a.clone()
                        } else {
                            unknown("concatenates a value that is not a list")
                        }
                    }
                }
            }
            Some(tv(V::List(items)))
        }
        "flatten" => args.first().map(|a| tv(V::List(flatten(a)))),
        "distinct" => args.first().and_then(Tv::items).map(|items| {
            let mut seen = Vec::new();
            tv(V::List(
                items
                    .iter()
                    .filter(|i| {
                        let j = i.to_json();
                        let new = !seen.contains(&j);
                        seen.push(j);
                        new
                    })
                    .cloned()
                    .collect(),
            ))
        }),
        "compact" => args.first().and_then(Tv::items).map(|items| {
            tv(V::List(
                items
                    .iter()
                    .filter(|i| !matches!(&i.v, V::Null) && i.as_str() != Some(""))
                    .cloned()
                    .collect(),
            ))
        }),
        "coalesce" => args
            .iter()
            .find(|a| !matches!(a.v, V::Null) && a.as_str() != Some(""))
            .cloned(),
        "coalescelist" => args
            .iter()
            .find(|a| a.items().is_some_and(|i| !i.is_empty()))
            .cloned(),
        "format" => text_arg(0).map(|f| {
            tv(V::Str {
                text: format(&f, &args[1..]),
                map: None,
            })
        }),
        "join" => match (text_arg(0), args.get(1).and_then(Tv::items)) {
            (Some(sep), Some(items)) => items
                .iter()
                .map(Tv::to_text)
                .collect::<Option<Vec<_>>>()
                .map(|parts| Tv::str(file, span, parts.join(&sep))),
            _ => None,
        },
        "split" => match (text_arg(0), text_arg(1)) {
            (Some(sep), Some(s)) => Some(tv(V::List(
                s.split(sep.as_str())
                    .map(|p| Tv::str(file, span, p))
                    .collect(),
            ))),
            _ => None,
        },
        "replace" => match (text_arg(0), text_arg(1), text_arg(2)) {
            (Some(s), Some(from), Some(to))
                if !(from.starts_with('/') && from.ends_with('/') && from.len() > 1) =>
            {
                Some(Tv::str(file, span, s.replace(&from, &to)))
            }
            _ => None,
        },
        "lower" => text_arg(0).map(|s| Tv::str(file, span, s.to_lowercase())),
        "upper" => text_arg(0).map(|s| Tv::str(file, span, s.to_uppercase())),
        "trimspace" => text_arg(0).map(|s| Tv::str(file, span, s.trim())),
        "lookup" => match (args.first(), text_arg(1)) {
            (Some(m), Some(k)) => m.get(&k).cloned().or_else(|| args.get(2).cloned()),
            _ => None,
        },
        "element" => match (
            args.first().and_then(Tv::items),
            args.get(1).and_then(Tv::as_number),
        ) {
            (Some(items), Some(i)) if !items.is_empty() => {
                items.get(i as usize % items.len()).cloned()
            }
            _ => None,
        },
        "length" => args
            .first()
            .and_then(|a| match &a.v {
                V::List(i) => Some(i.len()),
                V::Object(e) => Some(e.len()),
                V::Str { text, .. } => Some(text.chars().count()),
                _ => None,
            })
            .map(|n| tv(V::Number(n as f64))),
        "keys" => match args.first().map(|a| &a.v) {
            Some(V::Object(e)) => Some(tv(V::List(
                e.iter()
                    .map(|(k, ks, _)| Tv::str(file, *ks, k.clone()))
                    .collect(),
            ))),
            _ => None,
        },
        "values" => match args.first().map(|a| &a.v) {
            Some(V::Object(e)) => Some(tv(V::List(e.iter().map(|(_, _, v)| v.clone()).collect()))),
            _ => None,
        },
        "contains" => match (args.first().and_then(Tv::items), args.get(1)) {
            (Some(items), Some(x)) => Some(tv(V::Bool(
                items.iter().any(|i| i.to_json() == x.to_json()),
            ))),
            _ => None,
        },
        _ => {
            return unknown(&format!(
                "calls `{name}`, which trustlint does not evaluate"
            ))
        }
    };
    result.unwrap_or_else(|| unknown("has arguments trustlint cannot evaluate"))
}

fn flatten(v: &Tv) -> Vec<Tv> {
    match v.items() {
        Some(items) => items.iter().flat_map(flatten).collect(),
        None => vec![v.clone()],
    }
}

/// `format("%s-%d", a, b)`: the verbs real configurations use.
fn format(spec: &str, args: &[Tv]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some(_) => out.push_str(&args.next().and_then(Tv::to_text).unwrap_or_default()),
            None => out.push('%'),
        }
    }
    out
}

/// `jsondecode`: a `jsonencode` result gives its value back; a string is parsed, keeping
/// spans when the string maps onto source.
fn decode(arg: &Tv, span: Span) -> Option<Tv> {
    match &arg.v {
        V::Json(inner) => Some((**inner).clone()),
        V::Str { text, map } => {
            let node = json::parse(text).ok()?;
            Some(node_to_tv(&node, arg.file, &|s: Span| match map {
                Some(m) => Span::new(
                    m.get(s.start()).copied().unwrap_or(arg.span.start()),
                    m.get(s.end().saturating_sub(1))
                        .map_or(arg.span.end(), |e| e + 1),
                ),
                None => span,
            }))
        }
        _ => None,
    }
}

/// A parsed JSON tree as evaluator values, with spans mapped by `map`.
pub fn node_to_tv(node: &Node, file: FileId, map: &dyn Fn(Span) -> Span) -> Tv {
    let span = map(node.span);
    let v = match &node.value {
        Value::Null => V::Null,
        Value::Bool(b) => V::Bool(*b),
        Value::Number(n) => V::Number(n.parse().unwrap_or(0.0)),
        Value::String(s) => V::Str {
            text: s.clone(),
            map: None,
        },
        Value::Array(items) => V::List(items.iter().map(|i| node_to_tv(i, file, map)).collect()),
        Value::Object(entries) => V::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), map(k.span), node_to_tv(v, file, map)))
                .collect(),
        ),
        Value::Tagged(_, inner) => return node_to_tv(inner, file, map),
        Value::Unknown { expr, reason } => V::Unknown {
            expr: expr.clone(),
            reason: reason.clone(),
        },
    };
    Tv::new(file, span, v)
}

/// `file(path)`: the text of a file inside the project root, mapped 1:1 onto it.
fn read(scope: &Scope<'_>, file: FileId, path: &str, span: Span) -> Tv {
    let loaded = scope
        .files
        .confined(&scope.root_dir, path)
        .and_then(|p| scope.files.load(&p));
    match loaded.and_then(|id| {
        scope
            .files
            .get(id)
            .map(|f| (id, f))
            .ok_or_else(|| "vanished".to_owned())
    }) {
        Ok((id, f)) => {
            let map: Vec<usize> = (0..=f.text.len()).collect();
            Tv::new(
                id,
                Span::new(0, f.text.len()),
                V::Str {
                    text: f.text.clone(),
                    map: Some(Arc::new(map)),
                },
            )
        }
        Err(reason) => Tv::unknown(
            file,
            span,
            format!("file(\"{path}\")"),
            format!("is not read: {reason}"),
        ),
    }
}

/// `templatefile(path, vars)`: the file rendered as a template with `vars` bound.
fn template_file(scope: &Scope<'_>, file: FileId, path: &str, vars: Option<&Tv>, span: Span) -> Tv {
    let loaded = scope
        .files
        .confined(&scope.root_dir, path)
        .and_then(|p| scope.files.load(&p));
    let fail =
        |reason: String| Tv::unknown(file, span, format!("templatefile(\"{path}\")"), reason);
    let id = match loaded {
        Ok(id) => id,
        Err(reason) => return fail(format!("is not read: {reason}")),
    };
    let Some(source) = scope.files.get(id) else {
        return fail("is not read".to_owned());
    };
    let template = match hcl_edit::parser::parse_template(&source.text) {
        Ok(t) => t,
        Err(e) => return fail(format!("is not a valid template: {}", e.message())),
    };
    let bindings = match vars.map(|v| &v.v) {
        Some(V::Object(entries)) => entries
            .iter()
            .map(|(k, _, v)| (k.clone(), v.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let json = source
        .path
        .extension()
        .is_some_and(|e| e == "json" || e == "tpl" || e == "tftpl");
    scope
        .with_bindings(bindings)
        .render(id, &template, Span::new(0, source.text.len()), json)
}
