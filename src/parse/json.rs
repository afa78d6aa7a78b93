//! Strict JSON to a spanned [`Node`] tree, through jsonc-parser (byte ranges on every node).

use jsonc_parser::ast::{self, ObjectPropName};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};

use super::{duplicate_key_error, Key, Node, ParseError, Value, MAX_DEPTH};
use crate::source::Span;

/// Parses strict JSON (no comments, no trailing commas). An empty text is an error.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    // A byte-order mark (editors on Windows write one) is not JSON but harmless: skip it and
    // shift the spans back.
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        let shift = text.len() - rest.len();
        let moved = |s: Span| Span::new(s.start() + shift, s.end() + shift);
        return match parse(rest) {
            Ok(mut node) => {
                node.map_spans(&moved);
                Ok(node)
            }
            Err(e) => Err(ParseError::new(e.message, moved(e.span))),
        };
    }
    let strict = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &strict).map_err(|e| {
        let range = e.range();
        ParseError::new(e.kind().to_string(), Span::new(range.start, range.end))
    })?;
    let value = parsed
        .value
        .ok_or_else(|| ParseError::new("the file holds no JSON value", Span::new(0, 0)))?;
    convert(&value, 0)
}

fn range_span(range: jsonc_parser::common::Range) -> Span {
    Span::new(range.start, range.end)
}

/// Converts jsonc-parser's AST, rejecting duplicate keys and nesting past [`MAX_DEPTH`].
fn convert(value: &ast::Value<'_>, depth: usize) -> Result<Node, ParseError> {
    use jsonc_parser::common::Ranged;
    let span = range_span(value.range());
    if depth > MAX_DEPTH {
        return Err(ParseError::new(
            format!("nesting deeper than {MAX_DEPTH} levels"),
            span,
        ));
    }
    let value = match value {
        ast::Value::StringLit(s) => Value::String(s.value.to_string()),
        ast::Value::NumberLit(n) => Value::Number(n.value.to_owned()),
        ast::Value::BooleanLit(b) => Value::Bool(b.value),
        ast::Value::NullKeyword(_) => Value::Null,
        ast::Value::Array(a) => Value::Array(
            a.elements
                .iter()
                .map(|e| convert(e, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        ast::Value::Object(o) => {
            let mut entries: Vec<(Key, Node)> = Vec::with_capacity(o.properties.len());
            for prop in &o.properties {
                let (name, range) = match &prop.name {
                    ObjectPropName::String(s) => (s.value.to_string(), s.range),
                    ObjectPropName::Word(w) => (w.value.to_owned(), w.range),
                };
                let key = Key {
                    name,
                    span: range_span(range),
                };
                if entries.iter().any(|(k, _)| k.name == key.name) {
                    return Err(duplicate_key_error(&key));
                }
                entries.push((key, convert(&prop.value, depth + 1)?));
            }
            Value::Object(entries)
        }
    };
    Ok(Node::new(span, value))
}

/// Decodes the JSON string literal `raw` (quotes included) and maps each byte of the
/// decoded text back to its byte offset in `raw`, so a policy held in a JSON string can be
/// parsed and its spans pointed at the right place in the file.
pub fn decode_string_literal(raw: &str) -> Option<(String, Vec<usize>)> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut map = Vec::with_capacity(inner.len() + 1);
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = i + 1;
        let decoded = if c == '\\' {
            let (_, esc) = chars.next()?;
            match esc {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'u' => {
                    let mut code = 0u32;
                    for _ in 0..4 {
                        let (_, h) = chars.next()?;
                        code = code * 16 + h.to_digit(16)?;
                    }
                    char::from_u32(code).unwrap_or('\u{fffd}')
                }
                other => other,
            }
        } else {
            c
        };
        for _ in 0..decoded.len_utf8() {
            map.push(at);
        }
        out.push(decoded);
    }
    map.push(raw.len() - 1);
    Some((out, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_bytes() {
        let text = "{\"é\": {\"a\": [1, \"x\"]}}";
        let node = parse(text).expect("valid");
        let inner = node.get("é").expect("key");
        assert_eq!(
            &text[inner.span.start()..inner.span.end()],
            "{\"a\": [1, \"x\"]}"
        );
        let arr = inner.get("a").expect("a");
        assert_eq!(&text[arr.span.start()..arr.span.end()], "[1, \"x\"]");
    }

    #[test]
    fn strict_and_duplicates() {
        assert!(parse("{\"a\": 1,}").is_err());
        assert!(parse("// c\n{}").is_err());
        let err = parse("{\"a\": 1, \"a\": 2}").expect_err("duplicate");
        assert_eq!(err.span, Span::new(9, 12));
        assert!(parse("").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let deep = "[".repeat(20_000) + &"]".repeat(20_000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn decodes_string_literals_with_offsets() {
        let raw = r#""{\"a\":\u00e9}""#;
        let (decoded, map) = decode_string_literal(raw).expect("literal");
        assert_eq!(decoded, "{\"a\":é}");
        assert_eq!(map[0], 1);
        assert_eq!(map[1], 2);
        assert_eq!(&raw[map[6]..map[6] + 6], "\\u00e9");
        assert_eq!(map[decoded.len()], raw.len() - 1);
    }
}
