//! Values of the Terraform evaluator: spanned like the parse trees, with an *unknown* that
//! carries the expression and the reason instead of an error.

use std::sync::Arc;

use super::files::Files;
use crate::parse::{Key, Node, Value};
use crate::source::Span;

/// Index of a file in the run's [`super::files::Files`] registry.
pub type FileId = usize;

/// A value with the file and span of the expression that produced it.
#[derive(Debug, Clone)]
pub struct Tv {
    pub file: FileId,
    pub span: Span,
    pub v: V,
}

#[derive(Debug, Clone)]
pub enum V {
    Null,
    Bool(bool),
    Number(f64),
    /// A string. `map`, when present, gives each byte's offset in `file`: the text is a
    /// rendering of source (a heredoc, a `file()`), so JSON parsed from it keeps exact spans.
    Str {
        text: String,
        map: Option<Arc<Vec<usize>>>,
    },
    /// `jsonencode(value)`: the JSON text of a value whose structure and spans are kept.
    Json(Box<Tv>),
    List(Vec<Tv>),
    Object(Vec<(String, Span, Tv)>),
    Unknown {
        expr: String,
        reason: String,
    },
}

impl Tv {
    pub fn new(file: FileId, span: Span, v: V) -> Self {
        Tv { file, span, v }
    }

    pub fn str(file: FileId, span: Span, text: impl Into<String>) -> Self {
        Tv::new(
            file,
            span,
            V::Str {
                text: text.into(),
                map: None,
            },
        )
    }

    pub fn unknown(
        file: FileId,
        span: Span,
        expr: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Tv::new(
            file,
            span,
            V::Unknown {
                expr: expr.into(),
                reason: reason.into(),
            },
        )
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.v, V::Unknown { .. })
    }

    /// The first unknown inside this value, as (expression, reason).
    pub fn first_unknown(&self) -> Option<(&str, &str)> {
        match &self.v {
            V::Unknown { expr, reason } => Some((expr, reason)),
            V::List(items) => items.iter().find_map(Tv::first_unknown),
            V::Object(entries) => entries.iter().find_map(|(_, _, v)| v.first_unknown()),
            V::Json(inner) => inner.first_unknown(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.v {
            V::Str { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Terraform's string conversion of a primitive.
    pub fn to_text(&self) -> Option<String> {
        match &self.v {
            V::Str { text, .. } => Some(text.clone()),
            V::Bool(b) => Some(b.to_string()),
            V::Number(n) => Some(format_number(*n)),
            V::Json(inner) => Some(inner.to_json()),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.v {
            V::Bool(b) => Some(*b),
            V::Str { text, .. } if text == "true" => Some(true),
            V::Str { text, .. } if text == "false" => Some(false),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match &self.v {
            V::Number(n) => Some(*n),
            V::Str { text, .. } => text.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Tv> {
        match &self.v {
            V::Object(entries) => entries
                .iter()
                .rev()
                .find(|(k, _, _)| k == key)
                .map(|(_, _, v)| v),
            V::Json(inner) => inner.get(key),
            _ => None,
        }
    }

    /// Elements of a list, set or tuple.
    pub fn items(&self) -> Option<&[Tv]> {
        match &self.v {
            V::List(items) => Some(items),
            _ => None,
        }
    }

    /// Compact JSON text, as `jsonencode` writes it (object keys sorted).
    pub fn to_json(&self) -> String {
        match &self.v {
            V::Null | V::Unknown { .. } => "null".to_owned(),
            V::Bool(b) => b.to_string(),
            V::Number(n) => format_number(*n),
            V::Str { text, .. } => serde_json::Value::String(text.clone()).to_string(),
            V::Json(inner) => serde_json::Value::String(inner.to_json()).to_string(),
            V::List(items) => format!(
                "[{}]",
                items.iter().map(Tv::to_json).collect::<Vec<_>>().join(",")
            ),
            V::Object(entries) => {
                let mut sorted: Vec<_> = entries.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                let body: Vec<String> = sorted
                    .iter()
                    .map(|(k, _, v)| {
                        format!("{}:{}", serde_json::Value::String(k.clone()), v.to_json())
                    })
                    .collect();
                format!("{{{}}}", body.join(","))
            }
        }
    }

    /// The value as a spanned tree for the policy reader, with spans resolved to real files.
    /// Parts that come from another file than `file` take the span of their nearest ancestor
    /// in it.
    pub fn to_node(&self, file: FileId, fallback: Span, files: &Files) -> Node {
        self.build(fallback, &|v_file, v_span, fallback| {
            let (real, resolved) = files.resolve(v_file, v_span);
            if real == file {
                resolved
            } else {
                fallback
            }
        })
    }

    /// The value as a tree located entirely at `span` (a module call's inputs).
    pub fn to_node_at(&self, span: Span) -> Node {
        self.build(span, &|_, _, _| span)
    }

    /// Builds the tree; `place(file, span, parent span)` decides each node's span.
    fn build(&self, fallback: Span, place: &dyn Fn(FileId, Span, Span) -> Span) -> Node {
        let span = place(self.file, self.span, fallback);
        let value = match &self.v {
            V::Null => Value::Null,
            V::Bool(b) => Value::Bool(*b),
            V::Number(n) => Value::Number(format_number(*n)),
            V::Str { text, .. } => Value::String(text.clone()),
            V::Json(inner) => return inner.build(span, place),
            V::List(items) => Value::Array(items.iter().map(|i| i.build(span, place)).collect()),
            V::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, ks, v)| {
                        let key = Key {
                            name: k.clone(),
                            span: place(v.file, *ks, span),
                        };
                        (key, v.build(span, place))
                    })
                    .collect(),
            ),
            V::Unknown { expr, reason } => Value::Unknown {
                expr: expr.clone(),
                reason: reason.clone(),
            },
        };
        Node::new(span, value)
    }
}

/// Terraform prints whole numbers without a fraction.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
