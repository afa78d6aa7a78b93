//! Terraform's JSON syntax (`.tf.json`, `.tofu.json`), read by rewriting it as HCL.
//!
//! JSON string values are HCL templates, and a JSON string literal is also a valid HCL quoted
//! string with the same escapes, so each literal is copied byte for byte into the HCL text.
//! Objects that are blocks in the schema (`statement`, `principals`, `condition`, `dynamic`,
//! …) become blocks; everything else becomes an attribute. A byte map from the HCL text back
//! to the JSON file keeps every span pointing at the JSON source (DESIGN §4, pitfall 4).

use crate::parse::{json, Node, ParseError, Value};

/// Keys whose objects are nested blocks rather than attribute values.
const BLOCKS: &[&str] = &[
    "statement",
    "principals",
    "not_principals",
    "condition",
    "content",
    "inline_policy",
    "validation",
    "lifecycle",
];

/// Top-level kinds and how many labels their blocks have.
const KINDS: &[(&str, usize)] = &[
    ("resource", 2),
    ("data", 2),
    ("module", 1),
    ("variable", 1),
    ("output", 1),
    ("locals", 0),
];

/// HCL text with, for each byte, its offset in the JSON source.
#[derive(Default)]
pub struct Rewritten {
    pub text: String,
    pub map: Vec<usize>,
}

impl Rewritten {
    /// Synthesised text, mapped to one place in the source.
    fn put(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.map.extend(std::iter::repeat_n(at, s.len()));
    }

    /// Source text copied verbatim.
    fn copy(&mut self, source: &str, node: &Node) {
        let (start, end) = (node.span.start(), node.span.end());
        self.text.push_str(source.get(start..end).unwrap_or("null"));
        self.map.extend(start..end);
    }
}

/// Rewrites a Terraform JSON file as HCL.
pub fn rewrite(source: &str) -> Result<Rewritten, ParseError> {
    let root = json::parse(source)?;
    let mut out = Rewritten::default();
    for (key, value) in root.entries().unwrap_or_default() {
        let Some((kind, labels)) = KINDS.iter().find(|(k, _)| *k == key.name) else {
            continue;
        };
        for object in objects(value) {
            blocks(source, kind, *labels, &mut Vec::new(), object, &mut out);
        }
    }
    Ok(out)
}

/// A JSON value that may be an object or an array of objects.
fn objects(node: &Node) -> Vec<&Node> {
    match &node.value {
        Value::Array(items) => items.iter().collect(),
        _ => vec![node],
    }
}

/// Emits the blocks of `kind` below `node`, consuming one object level per label.
fn blocks(
    source: &str,
    kind: &str,
    labels: usize,
    names: &mut Vec<String>,
    node: &Node,
    out: &mut Rewritten,
) {
    if names.len() == labels {
        let at = node.span.start();
        out.put(kind, at);
        for n in names.iter() {
            out.put(&format!(" {}", quote(n)), at);
        }
        out.put(" ", at);
        body(source, node, out);
        out.put("\n", at);
        return;
    }
    for (key, value) in node.entries().unwrap_or_default() {
        for object in objects(value) {
            names.push(key.name.clone());
            blocks(source, kind, labels, names, object, out);
            names.pop();
        }
    }
}

fn quote(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// `{ attr = value ... block { ... } }` for an object that is a block body.
fn body(source: &str, node: &Node, out: &mut Rewritten) {
    out.put("{\n", node.span.start());
    for (key, value) in node.entries().unwrap_or_default() {
        let name = key.name.as_str();
        if name == "dynamic" {
            for (label, spec) in value.entries().unwrap_or_default() {
                for object in objects(spec) {
                    out.put(
                        &format!("dynamic {} ", quote(&label.name)),
                        object.span.start(),
                    );
                    body(source, object, out);
                    out.put("\n", object.span.end());
                }
            }
        } else if BLOCKS.contains(&name)
            && value.items().map_or(value.entries().is_some(), |i| {
                i.iter().all(|o| o.entries().is_some())
            })
        {
            for object in objects(value) {
                out.put(&format!("{name} "), object.span.start());
                body(source, object, out);
                out.put("\n", object.span.end());
            }
        } else if is_identifier(name) {
            out.put(&format!("{name} = "), key.span.start());
            expr(source, value, out);
            out.put("\n", value.span.end());
        }
    }
    out.put("}", node.span.end().saturating_sub(1));
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// A JSON value as an HCL expression: literals verbatim, collections rebuilt.
fn expr(source: &str, node: &Node, out: &mut Rewritten) {
    match &node.value {
        Value::Array(items) => {
            out.put("[", node.span.start());
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.put(", ", item.span.start());
                }
                expr(source, item, out);
            }
            out.put("]", node.span.end().saturating_sub(1));
        }
        Value::Object(entries) => {
            out.put("{", node.span.start());
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    out.put(", ", key.span.start());
                }
                out.put(&quote(&key.name), key.span.start());
                out.put(" = ", key.span.end());
                expr(source, value, out);
            }
            out.put("}", node.span.end().saturating_sub(1));
        }
        Value::String(_) => string(source, node, out),
        _ => out.copy(source, node),
    }
}

/// A JSON string as an HCL template string. Outside interpolations JSON and HCL escapes
/// agree, so the text is re-escaped from its decoded form; inside `${…}` and `%{…}` the
/// expression is written decoded (its nested strings use plain quotes in HCL).
fn string(source: &str, node: &Node, out: &mut Rewritten) {
    let (start, end) = (node.span.start(), node.span.end());
    let raw = source.get(start..end).unwrap_or("\"\"");
    let Some((decoded, map)) = json::decode_string_literal(raw) else {
        out.copy(source, node);
        return;
    };
    let at = |i: usize| start + map.get(i).copied().unwrap_or(0);
    out.put("\"", start);
    let mut i = 0;
    while i < decoded.len() {
        let rest = &decoded[i..];
        if rest.starts_with("$${") || rest.starts_with("%%{") {
            for k in 0..3 {
                out.put(&rest[k..k + 1], at(i + k));
            }
            i += 3;
        } else if rest.starts_with("${") || rest.starts_with("%{") {
            let len = interpolation_len(rest);
            for (k, c) in rest[..len].char_indices() {
                out.put(c.encode_utf8(&mut [0; 4]), at(i + k));
            }
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            let escaped = match c {
                '\\' => "\\\\".to_owned(),
                '"' => "\\\"".to_owned(),
                '\n' => "\\n".to_owned(),
                '\r' => "\\r".to_owned(),
                '\t' => "\\t".to_owned(),
                other => other.to_string(),
            };
            out.put(&escaped, at(i));
            i += c.len_utf8().max(1);
        }
    }
    out.put("\"", end.saturating_sub(1));
}

/// The length of the `${…}` at the start of `text`, braces and nested strings counted.
fn interpolation_len(text: &str) -> usize {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_resources_and_documents_with_a_byte_map() {
        let source = r#"{"resource": {"aws_iam_role": {"r": {"assume_role_policy": "${data.aws_iam_policy_document.t.json}"}}},
 "data": {"aws_iam_policy_document": {"t": {"statement": [{"actions": ["sts:AssumeRole"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}]}}}}"#;
        let out = rewrite(source).expect("valid");
        let body = crate::parse::hcl::parse(&out.text).expect("valid HCL");
        assert_eq!(body.blocks().count(), 2);
        let at = out.text.find("${data").expect("template copied");
        assert_eq!(&source[out.map[at]..out.map[at] + 6], "${data");
        let st = out.text.find("statement {").expect("statement block");
        assert_eq!(&source[out.map[st]..out.map[st] + 1], "{");
        assert_eq!(out.map.len(), out.text.len());
    }

    #[test]
    fn interpolations_are_written_decoded() {
        let source = r#"{"locals": {"p": "${jsonencode({a = \"x\"})} and \"q\" $${lit}"}}"#;
        let out = rewrite(source).expect("valid");
        assert!(
            out.text
                .contains(r#"p = "${jsonencode({a = "x"})} and \"q\" $${lit}""#),
            "{}",
            out.text
        );
        crate::parse::hcl::parse(&out.text).expect("valid HCL");
    }
}
