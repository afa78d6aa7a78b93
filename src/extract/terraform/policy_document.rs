//! `data "aws_iam_policy_document"`: statement blocks to the JSON the AWS provider renders,
//! with `source_policy_documents` and `override_policy_documents` merged as the provider
//! merges them, `dynamic` blocks expanded, and the `&{…}` escape read as `${…}`.

use hcl_edit::structure::{Block, Body};

use super::eval::Scope;
use super::value::{FileId, Tv, V};
use crate::source::Span;

fn span_of(node: &impl hcl_edit::repr::Span) -> Span {
    node.span()
        .map_or_else(Span::default, |r| Span::new(r.start, r.end))
}

/// `data.aws_iam_policy_document.NAME.json`, as a `jsonencode`d document tree.
pub fn document(scope: &Scope<'_>, name: &str, file: FileId, span: Span) -> Tv {
    let Some((dfile, block)) = scope.module.policy_docs.get(name) else {
        return Tv::unknown(
            file,
            span,
            format!("data.aws_iam_policy_document.{name}.json"),
            "refers to a policy document that is not in this module",
        );
    };
    let dfile = *dfile;
    let attr = |key: &str| {
        block
            .body
            .get_attribute(key)
            .map(|a| scope.eval(dfile, &a.value))
    };
    let mut statements: Vec<Tv> = Vec::new();
    // Source documents first; the document's own statements replace those with the same sid.
    for source in attr("source_policy_documents")
        .iter()
        .chain(attr("source_json").iter())
    {
        for doc in documents(source) {
            statements.extend(doc_statements(&doc));
        }
    }
    for own in own_statements(scope, dfile, &block.body) {
        replace_or_push(&mut statements, own);
    }
    // Override documents replace statements with the same sid, or are appended.
    for over in attr("override_policy_documents")
        .iter()
        .chain(attr("override_json").iter())
    {
        for doc in documents(over) {
            for s in doc_statements(&doc) {
                replace_or_push(&mut statements, s);
            }
        }
    }
    let block_span = span_of(block);
    let version = attr("version").unwrap_or_else(|| Tv::str(dfile, block_span, "2012-10-17"));
    let doc = Tv::new(
        dfile,
        block_span,
        V::Object(vec![
            ("Version".to_owned(), version.span, version),
            (
                "Statement".to_owned(),
                block_span,
                Tv::new(dfile, block_span, V::List(statements)),
            ),
        ]),
    );
    Tv::new(dfile, block_span, V::Json(Box::new(doc)))
}

fn sid(s: &Tv) -> Option<String> {
    s.get("Sid").and_then(Tv::to_text).filter(|t| !t.is_empty())
}

fn replace_or_push(statements: &mut Vec<Tv>, s: Tv) {
    match sid(&s).and_then(|id| {
        statements
            .iter()
            .position(|o| sid(o).as_deref() == Some(&id))
    }) {
        Some(i) => statements[i] = s,
        None => statements.push(s),
    }
}

/// The documents in a `source_policy_documents` value (a list of JSON strings).
fn documents(value: &Tv) -> Vec<Tv> {
    let items = match value.items() {
        Some(items) => items.to_vec(),
        None => vec![value.clone()],
    };
    items
        .into_iter()
        .filter_map(|i| match &i.v {
            V::Json(inner) => Some((**inner).clone()),
            V::Str { text, .. } => crate::parse::json::parse(text)
                .ok()
                .map(|n| super::functions::node_to_tv(&n, i.file, &|_| i.span)),
            _ => None,
        })
        .collect()
}

fn doc_statements(doc: &Tv) -> Vec<Tv> {
    match doc.get("Statement") {
        Some(s) => s.items().map_or_else(|| vec![s.clone()], <[Tv]>::to_vec),
        None => Vec::new(),
    }
}

/// The `statement` blocks (and `dynamic "statement"` blocks) of a document body.
fn own_statements(scope: &Scope<'_>, file: FileId, body: &Body) -> Vec<Tv> {
    let mut out = Vec::new();
    for block in body.blocks() {
        match block.ident.value().as_str() {
            "statement" => out.push(statement(scope, file, &block.body, span_of(block))),
            "dynamic" if label(block) == Some("statement") => {
                for (inner, content) in dynamic(scope, file, block) {
                    out.push(statement(&inner, file, &content.body, span_of(block)));
                }
            }
            _ => {}
        }
    }
    out
}

fn label(block: &Block) -> Option<&str> {
    block.labels.first().map(|l| l.as_str())
}

/// Expands a `dynamic` block: one scope per element of `for_each` (bound to the iterator
/// name), or one scope with an unknown element when `for_each` is not static.
fn dynamic<'b, 'a>(
    scope: &Scope<'a>,
    file: FileId,
    block: &'b Block,
) -> Vec<(Scope<'a>, &'b Block)> {
    let Some(content) = block
        .body
        .blocks()
        .find(|b| b.ident.value().as_str() == "content")
    else {
        return Vec::new();
    };
    let iterator = block
        .body
        .get_attribute("iterator")
        .and_then(|a| match &a.value {
            hcl_edit::expr::Expression::Variable(v) => Some(v.value().as_str().to_owned()),
            _ => None,
        })
        .or_else(|| label(block).map(str::to_owned))
        .unwrap_or_default();
    let for_each = block
        .body
        .get_attribute("for_each")
        .map(|a| scope.eval(file, &a.value));
    let span = span_of(block);
    let element = |key: Tv, value: Tv| {
        let obj = Tv::new(
            file,
            span,
            V::Object(vec![
                ("key".to_owned(), span, key),
                ("value".to_owned(), span, value),
            ]),
        );
        (scope.with_bindings(vec![(iterator.clone(), obj)]), content)
    };
    match for_each.as_ref().map(|f| &f.v) {
        Some(V::List(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| element(Tv::new(file, span, V::Number(i as f64)), v.clone()))
            .collect(),
        Some(V::Object(entries)) => entries
            .iter()
            .map(|(k, ks, v)| element(Tv::str(file, *ks, k.clone()), v.clone()))
            .collect(),
        _ => {
            let why = for_each
                .as_ref()
                .and_then(|f| f.first_unknown().map(|(e, r)| (e.to_owned(), r.to_owned())))
                .unwrap_or_else(|| ("for_each".to_owned(), "is not static".to_owned()));
            let unknown = Tv::unknown(file, span, why.0, why.1);
            vec![element(unknown.clone(), unknown)]
        }
    }
}

/// Reads `&{…}` as `${…}`: the provider's escape for IAM policy variables.
fn unescape(v: Tv) -> Tv {
    let v_new = match v.v {
        V::Str { text, map } => V::Str {
            text: text.replace("&{", "${"),
            map,
        },
        V::List(items) => V::List(items.into_iter().map(unescape).collect()),
        other => other,
    };
    Tv::new(v.file, v.span, v_new)
}

/// A list attribute (strings), unescaped.
fn strings(scope: &Scope<'_>, file: FileId, body: &Body, key: &str) -> Option<(Span, Tv)> {
    let attr = body.get_attribute(key)?;
    Some((span_of(attr), unescape(scope.eval(file, &attr.value))))
}

/// One `statement` block as the statement object the provider renders.
fn statement(scope: &Scope<'_>, file: FileId, body: &Body, span: Span) -> Tv {
    let mut entries: Vec<(String, Span, Tv)> = Vec::new();
    if let Some((s, v)) = strings(scope, file, body, "sid") {
        entries.push(("Sid".to_owned(), s, v));
    }
    let effect =
        strings(scope, file, body, "effect").unwrap_or((span, Tv::str(file, span, "Allow")));
    entries.push(("Effect".to_owned(), effect.0, effect.1));
    for (attr, key) in [("actions", "Action"), ("not_actions", "NotAction")] {
        if let Some((s, v)) = strings(scope, file, body, attr) {
            entries.push((key.to_owned(), s, v));
        }
    }
    for (block_name, key) in [
        ("principals", "Principal"),
        ("not_principals", "NotPrincipal"),
    ] {
        if let Some(p) = principals(scope, file, body, block_name) {
            entries.push((key.to_owned(), p.span, p));
        }
    }
    if let Some(c) = conditions(scope, file, body) {
        entries.push(("Condition".to_owned(), c.span, c));
    }
    Tv::new(file, span, V::Object(entries))
}

/// Blocks named `name`, plain or `dynamic`, each with the scope to evaluate it in.
fn nested<'b, 'a>(
    scope: &Scope<'a>,
    file: FileId,
    body: &'b Body,
    name: &str,
) -> Vec<(Scope<'a>, &'b Block, Span)> {
    let mut out = Vec::new();
    for block in body.blocks() {
        if block.ident.value().as_str() == name {
            out.push((scope.with_bindings(Vec::new()), block, span_of(block)));
        } else if block.ident.value().as_str() == "dynamic" && label(block) == Some(name) {
            for (inner, content) in dynamic(scope, file, block) {
                out.push((inner, content, span_of(block)));
            }
        }
    }
    out
}

/// `principals { type, identifiers }` blocks: `{"AWS": [...], "Service": [...]}`, or `"*"`
/// for `type = "*"`.
fn principals(scope: &Scope<'_>, file: FileId, body: &Body, name: &str) -> Option<Tv> {
    let blocks = nested(scope, file, body, name);
    let first = blocks.first()?.2;
    let mut entries: Vec<(String, Span, Tv)> = Vec::new();
    let mut cover = first;
    for (inner, block, span) in &blocks {
        cover = cover.cover(*span);
        let kind = strings(inner, file, &block.body, "type").map(|(_, v)| v);
        let ids = strings(inner, file, &block.body, "identifiers")
            .map_or_else(|| Tv::new(file, *span, V::List(Vec::new())), |(_, v)| v);
        match kind.as_ref().and_then(Tv::to_text) {
            Some(k) if k == "*" => return Some(Tv::str(file, *span, "*")),
            Some(k) => match entries.iter_mut().find(|(n, _, _)| *n == k) {
                Some((_, _, existing)) => {
                    if let (V::List(a), Some(b)) = (&mut existing.v, ids.items()) {
                        a.extend(b.iter().cloned());
                    }
                }
                None => entries.push((k, *span, ids)),
            },
            None => {
                let why = kind
                    .as_ref()
                    .and_then(|k| k.first_unknown().map(|(e, r)| (e.to_owned(), r.to_owned())));
                let (e, r) =
                    why.unwrap_or_else(|| ("principals.type".to_owned(), "is missing".to_owned()));
                return Some(Tv::unknown(file, *span, e, r));
            }
        }
    }
    Some(Tv::new(file, cover, V::Object(entries)))
}

/// `condition { test, variable, values }` blocks: `{test: {variable: values}}`.
fn conditions(scope: &Scope<'_>, file: FileId, body: &Body) -> Option<Tv> {
    let blocks = nested(scope, file, body, "condition");
    let mut cover = blocks.first()?.2;
    let mut ops: Vec<(String, Span, Tv)> = Vec::new();
    for (inner, block, span) in &blocks {
        cover = cover.cover(*span);
        let test = strings(inner, file, &block.body, "test").map(|(_, v)| v);
        let variable = strings(inner, file, &block.body, "variable").map(|(_, v)| v);
        let values = strings(inner, file, &block.body, "values")
            .map_or_else(|| Tv::new(file, *span, V::List(Vec::new())), |(_, v)| v);
        let (Some(test), Some(variable)) = (
            test.and_then(|t| t.to_text()),
            variable.and_then(|v| v.to_text()),
        ) else {
            return Some(Tv::unknown(
                file,
                *span,
                "condition",
                "has a test or variable that is not static",
            ));
        };
        let key_span = block.body.get_attribute("variable").map_or(*span, span_of);
        match ops.iter_mut().find(|(t, _, _)| *t == test) {
            Some((_, _, existing)) => {
                if let V::Object(keys) = &mut existing.v {
                    keys.push((variable, key_span, values));
                }
            }
            None => ops.push((
                test,
                *span,
                Tv::new(file, *span, V::Object(vec![(variable, key_span, values)])),
            )),
        }
    }
    Some(Tv::new(file, cover, V::Object(ops)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(sid: &str, effect: &str) -> Tv {
        let span = Span::default();
        let mut entries = vec![("Effect".to_owned(), span, Tv::str(0, span, effect))];
        if !sid.is_empty() {
            entries.push(("Sid".to_owned(), span, Tv::str(0, span, sid)));
        }
        Tv::new(0, span, V::Object(entries))
    }

    fn effects(statements: &[Tv]) -> Vec<String> {
        statements
            .iter()
            .filter_map(|s| s.get("Effect").and_then(Tv::to_text))
            .collect()
    }

    #[test]
    fn statements_with_a_sid_replace_and_others_append() {
        // As the AWS provider merges: source first, own statements replace equal sids,
        // statements without a sid never replace anything.
        let mut statements = vec![statement("A", "Allow"), statement("", "Allow")];
        replace_or_push(&mut statements, statement("A", "Deny"));
        replace_or_push(&mut statements, statement("", "Deny"));
        replace_or_push(&mut statements, statement("B", "Allow"));
        assert_eq!(effects(&statements), ["Deny", "Allow", "Deny", "Allow"]);
    }

    #[test]
    fn ampersand_escape_reads_as_a_policy_variable() {
        let v = unescape(Tv::str(0, Span::default(), "&{aws:username}@corp"));
        assert_eq!(v.as_str(), Some("${aws:username}@corp"));
    }
}
