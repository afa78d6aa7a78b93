//! Spanned document trees shared by the JSON and YAML parsers.
//!
//! Both parsers produce the same [`Node`] tree with a byte [`Span`] on every node and key, so
//! extractors never care which syntax a template was written in. This module knows nothing of
//! IAM, rules or the CLI.

pub mod hcl;
pub mod json;
pub mod yaml;

use crate::source::Span;

/// Deepest nesting any parser accepts; deeper input is a parse error, never a stack overflow.
pub const MAX_DEPTH: usize = 256;

/// A parse failure with the place it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

impl ParseError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        ParseError {
            message: message.into(),
            span,
        }
    }
}

/// A value with its byte span in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

/// A mapping key with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Numbers keep their source text (`012345678901` stays as written).
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(Key, Node)>),
    /// A YAML local tag such as `!Ref` or `!Sub` (the name without `!`) on its value.
    Tagged(String, Box<Node>),
    /// A value an evaluator could not determine (Terraform): the expression and why.
    Unknown {
        expr: String,
        reason: String,
    },
}

impl Node {
    pub fn new(span: Span, value: Value) -> Self {
        Node { span, value }
    }

    /// The value of `key` in an object; the last one wins, as in serde_json and IAM.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()?
            .iter()
            .rev()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    /// The entry (key and value) for `key` in an object, the last one winning.
    pub fn entry(&self, key: &str) -> Option<(&Key, &Node)> {
        self.entries()?
            .iter()
            .rev()
            .find(|(k, _)| k.name == key)
            .map(|(k, v)| (k, v))
    }

    pub fn entries(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Object(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Scalar text: strings, numbers and booleans as written.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::String(s) | Value::Number(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Canonical JSON text of the node: keys sorted, no whitespace. Used for fingerprints,
    /// so that reformatting a statement or reordering its keys does not make it new.
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        self.write_canonical(&mut out);
        out
    }

    fn write_canonical(&self, out: &mut String) {
        match &self.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n),
            Value::String(s) => push_json_string(out, s),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_canonical(out);
                }
                out.push(']');
            }
            Value::Object(entries) => {
                let mut sorted: Vec<_> = entries.iter().collect();
                sorted.sort_by(|a, b| a.0.name.cmp(&b.0.name));
                out.push('{');
                for (i, (k, v)) in sorted.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_json_string(out, &k.name);
                    out.push(':');
                    v.write_canonical(out);
                }
                out.push('}');
            }
            Value::Tagged(tag, inner) => {
                out.push('{');
                push_json_string(out, &format!("!{tag}"));
                out.push(':');
                inner.write_canonical(out);
                out.push('}');
            }
            Value::Unknown { expr, .. } => push_json_string(out, &format!("${{{expr}}}")),
        }
    }
}

fn push_json_string(out: &mut String, s: &str) {
    out.push_str(&serde_json::Value::String(s.to_owned()).to_string());
}

/// Duplicate keys are rejected by CloudFormation and make IAM's reading ambiguous, so every
/// parser reports them as parse errors.
pub(crate) fn duplicate_key_error(key: &Key) -> ParseError {
    ParseError::new(format!("duplicate key `{}`", key.name), key.span)
}

impl Node {
    /// Rewrites every span in the tree (used to map a policy parsed out of a string back into
    /// the file that holds the string).
    pub fn map_spans(&mut self, f: &dyn Fn(Span) -> Span) {
        self.span = f(self.span);
        match &mut self.value {
            Value::Array(items) => items.iter_mut().for_each(|n| n.map_spans(f)),
            Value::Object(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.span = f(k.span);
                v.map_spans(f);
            }),
            Value::Tagged(_, inner) => inner.map_spans(f),
            _ => {}
        }
    }
}

/// Maps each byte of a decoded string to a byte of its raw source text by greedy alignment:
/// escapes and indentation in `raw` are skipped over. Used for YAML scalars, whose quoting and
/// folding rules make an exact decoder needless for locating statements. The result has
/// `decoded.len() + 1` entries, each an offset into `raw`.
pub fn align_offsets(decoded: &str, raw: &str) -> Vec<usize> {
    const WINDOW: usize = 64;
    let raw_bytes = raw.as_bytes();
    let mut map = Vec::with_capacity(decoded.len() + 1);
    let mut j = 0;
    for (_, c) in decoded.char_indices() {
        let mut buf = [0u8; 4];
        let needle = c.encode_utf8(&mut buf).as_bytes();
        let limit = (j + WINDOW).min(raw_bytes.len());
        let found = (j..limit).find(|&k| raw_bytes[k..].starts_with(needle));
        let at = found.unwrap_or(j.min(raw.len()));
        map.extend(std::iter::repeat_n(at, needle.len()));
        if let Some(k) = found {
            j = k + needle.len();
        }
    }
    map.push(j.min(raw.len()));
    map
}
