//! YAML front end: turns saphyr-parser events into spanned [`Node`] trees, keeping local tags.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span as EventSpan, Tag};

use super::{duplicate_key_error, Key, Node, ParseError, Value, MAX_DEPTH};
use crate::source::{CharToByte, Span};

/// Most nodes that anchors and aliases may copy in one file, so a "billion laughs" file (or
/// a deep chain of anchors, each copying the subtree below) fails fast.
const MAX_COPIED_NODES: usize = 100_000;

/// Parses every YAML document of `text` into spanned trees.
pub fn parse(text: &str) -> Result<Vec<Node>, ParseError> {
    check_nesting(text)?;
    let mut builder = Builder {
        text,
        bytes: CharToByte::new(text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        copied: 0,
        prev_end: 0,
        docs: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| builder.scan_error(&e))?;
        builder.event(event, span)?;
    }
    Ok(builder.docs)
}

/// The error for input nested deeper than [`MAX_DEPTH`], from the pre-scan or the builder.
fn too_deep(span: Span) -> ParseError {
    ParseError::new(format!("nesting deeper than {MAX_DEPTH} levels"), span)
}

/// Rejects absurdly deep input before saphyr sees it, estimating each line's depth from its
/// open indentation levels, compact `- ` indicators and flow brackets.
fn check_nesting(text: &str) -> Result<(), ParseError> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0;
    let mut block_scalar: Option<usize> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let rest = body.trim_start_matches(' ');
        let indent = body.len() - rest.len();
        if rest.is_empty() || rest.starts_with('#') || block_scalar.is_some_and(|b| indent > b) {
            continue;
        }
        block_scalar = None;
        while indents.last().is_some_and(|&top| top > indent) {
            indents.pop();
        }
        if indents.last() != Some(&indent) {
            indents.push(indent);
        }
        let (compact, max_flow, opens_block) = scan_line(rest, &mut flow);
        if indents.len() + compact + max_flow > MAX_DEPTH {
            return Err(too_deep(Span::new(start, start + body.len())));
        }
        if opens_block {
            block_scalar = Some(indent);
        }
    }
    Ok(())
}

/// Counts one line's compact indicators and deepest flow level (updating `flow`), and says
/// whether it ends with a block scalar header whose content lines must not be scanned.
fn scan_line(line: &str, flow: &mut usize) -> (usize, usize, bool) {
    let mut rest = line;
    let mut compact = 0;
    while matches!(
        rest.as_bytes(),
        [b'-' | b'?' | b':'] | [b'-' | b'?' | b':', b' ' | b'\t', ..]
    ) {
        compact += 1;
        rest = rest.get(1..).unwrap_or("").trim_start_matches([' ', '\t']);
    }
    let mut max_flow = *flow;
    let mut quote = None;
    let mut prev = ' ';
    let mut code_end = rest.len();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '#') if prev.is_whitespace() => {
                code_end = i;
                break;
            }
            (None, '\'' | '"') if matches!(prev, ' ' | '\t' | '[' | '{' | ',' | ':') => {
                quote = Some(c);
            }
            (None, '[' | '{') if *flow > 0 || opens_flow(rest, i, prev) => {
                *flow += 1;
                max_flow = max_flow.max(*flow);
            }
            (None, ']' | '}') => *flow = flow.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    let code = rest.get(..code_end).unwrap_or(rest).trim_end();
    let last = code.rsplit([' ', '\t']).next().unwrap_or("");
    let opens_block = *flow == 0
        && last.starts_with(['|', '>'])
        && last
            .chars()
            .skip(1)
            .all(|c| matches!(c, '+' | '-' | '0'..='9'));
    (compact, max_flow, opens_block)
}

/// Whether a bracket at `i` outside any flow collection starts one (`key: [`, `- {`, `!If [`),
/// so that brackets inside plain scalars (`see [docs`) never pile up across lines.
fn opens_flow(line: &str, i: usize, prev: char) -> bool {
    let before = line.get(..i).unwrap_or("").trim_end();
    let last = before.rsplit([' ', '\t']).next().unwrap_or("");
    (i == 0 || prev.is_whitespace())
        && (before.is_empty() || before.ends_with(':') || last.starts_with(['!', '&']))
}

/// A collection still receiving children.
struct Frame {
    start: usize,
    anchor: usize,
    tag: Option<String>,
    kind: Kind,
}

/// The children gathered so far; a mapping also holds its pending key and the names seen.
enum Kind {
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Key, Node)>,
        names: HashSet<String>,
        key: Option<Key>,
    },
}

/// Event-driven tree builder: an explicit stack instead of recursion bounds the depth we use.
struct Builder<'a> {
    text: &'a str,
    bytes: CharToByte,
    stack: Vec<Frame>,
    /// Anchored nodes with their node counts, for alias copies and the alias budget.
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes copied so far by anchors and aliases, bounded by [`MAX_COPIED_NODES`].
    copied: usize,
    /// Byte end of the previous event, where a block scalar's header search starts.
    prev_end: usize,
    docs: Vec<Node>,
}

impl Builder<'_> {
    /// saphyr counts characters; every span we store is in bytes.
    fn byte(&self, mark: Marker) -> usize {
        self.bytes.byte(mark.index())
    }

    /// A one-character span at the error marker (empty at the end of the file).
    fn scan_error(&self, error: &ScanError) -> ParseError {
        let at = self.byte(*error.marker());
        let len = self
            .text
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(0, char::len_utf8);
        ParseError::new(error.info(), Span::new(at, at + len))
    }

    /// Feeds one parser event into the tree.
    fn event(&mut self, event: Event<'_>, span: EventSpan) -> Result<(), ParseError> {
        let (start, end) = (self.byte(span.start), self.byte(span.end));
        let prev_end = std::mem::replace(&mut self.prev_end, end);
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let span = self.scalar_span(style, prev_end, start, end);
                let forced_str = tag
                    .as_deref()
                    .is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                let is_null = style == ScalarStyle::Plain
                    && !forced_str
                    && matches!(&*value, "" | "~" | "null" | "Null" | "NULL");
                let value = match is_null {
                    true => Value::Null,
                    false => Value::String(value.into_owned()),
                };
                self.finish(Node::new(span, value), anchor, local_tag(tag.as_deref()))
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(start, anchor, tag, Kind::Seq(Vec::new()))
            }
            Event::MappingStart(anchor, tag) => {
                let kind = Kind::Map {
                    entries: Vec::new(),
                    names: HashSet::new(),
                    key: None,
                };
                self.open(start, anchor, tag, kind)
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(start, end),
            // Anchors belong to their document: an alias cannot reach into an earlier one.
            Event::DocumentStart(_) => {
                self.anchors.clear();
                Ok(())
            }
            Event::Alias(id) => {
                let here = Span::new(start, end);
                let Some((node, count)) = self.anchors.get(&id) else {
                    let message = "alias to an anchor that is not complete";
                    return Err(ParseError::new(message, here));
                };
                let node = node.clone();
                self.charge(*count, here)?;
                self.push(node)
            }
            _ => Ok(()),
        }
    }

    /// saphyr ends quoted and block scalars after trailing blanks, and starts an untagged block
    /// scalar at its content; we want its `|`/`>` header (or tag) through its last character.
    /// An empty value (`Condition:`) sits just after its colon, so the mapping includes it.
    fn scalar_span(&self, style: ScalarStyle, prev_end: usize, start: usize, end: usize) -> Span {
        if start == end && self.text.as_bytes().get(start) == Some(&b':') {
            return Span::new(start + 1, start + 1);
        }
        let mut header = start;
        if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
            let head = self.text.get(prev_end.min(start)..start).unwrap_or("");
            let mut in_comment = false;
            for (i, c) in head.char_indices() {
                match c {
                    '\n' => in_comment = false,
                    '#' => in_comment = true,
                    '!' | '&' | '|' | '>' if !in_comment => {
                        header = prev_end + i;
                        break;
                    }
                    _ => {}
                }
            }
        }
        if let Some(close) = self.closing_quote(style, start) {
            return Span::new(header, close);
        }
        let end = self
            .text
            .get(header..end)
            .map_or(end, |s| header + s.trim_end().len());
        Span::new(header, end)
    }

    /// Just after the closing quote of a quoted scalar starting at (or tagged before) `start`:
    /// saphyr's end can run on over a trailing comment.
    fn closing_quote(&self, style: ScalarStyle, start: usize) -> Option<usize> {
        let quote = match style {
            ScalarStyle::DoubleQuoted => b'"',
            ScalarStyle::SingleQuoted => b'\'',
            _ => return None,
        };
        let bytes = self.text.as_bytes();
        let open = start + bytes.get(start..)?.iter().position(|&b| b == quote)?;
        let mut i = open + 1;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\\' if quote == b'"' => i += 2,
                b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
                _ if b == quote => return Some(i + 1),
                _ => i += 1,
            }
        }
        None
    }

    /// Starts a collection, refusing to nest deeper than [`MAX_DEPTH`]. saphyr may start a block
    /// mapping right after the `-` of its item (`-\n  Effect: Allow`), so blanks are skipped.
    fn open(
        &mut self,
        start: usize,
        anchor: usize,
        tag: Option<std::borrow::Cow<'_, Tag>>,
        kind: Kind,
    ) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(too_deep(Span::new(start, start)));
        }
        let tag = local_tag(tag.as_deref());
        let rest = self.text.get(start..).unwrap_or("");
        let mut skipped = rest.len() - rest.trim_start().len();
        // A block collection starts at its first key or dash (SPEC §3 "Location"), not at an
        // anchor written on the line before it.
        let after = &rest[skipped..];
        if after.starts_with('&') {
            let name_len = after.find(char::is_whitespace).unwrap_or(after.len());
            let tail = &after[name_len..];
            let blank = tail.len() - tail.trim_start().len();
            if tail[..blank].contains('\n') {
                skipped += name_len + blank;
            }
        }
        self.stack.push(Frame {
            start: start + skipped,
            anchor,
            tag,
            kind,
        });
        Ok(())
    }

    /// Ends a collection: flow ones just after their bracket (saphyr's end span runs on over
    /// blanks), block ones after their last child, so trailing blanks and comments stay out.
    fn close(&mut self, start: usize, end: usize) -> Result<(), ParseError> {
        let Some(frame) = self.stack.pop() else {
            return Err(ParseError::new(
                "unbalanced YAML events",
                Span::new(start, end),
            ));
        };
        let (last, value) = match frame.kind {
            Kind::Seq(items) => (items.last().map(|n| n.span.end()), Value::Array(items)),
            Kind::Map { entries, .. } => {
                let last = entries.last().map(|(k, v)| k.span.end().max(v.span.end()));
                (last, Value::Object(entries))
            }
        };
        let end = match self.text.as_bytes().get(start) {
            Some(b']' | b'}') if end > start => start + 1,
            _ => last.unwrap_or(frame.start),
        };
        let node = Node::new(Span::new(frame.start, end), value);
        self.finish(node, frame.anchor, frame.tag)
    }

    /// Wraps a finished node in its local tag, records its anchor and hands it to its parent.
    fn finish(&mut self, node: Node, anchor: usize, tag: Option<String>) -> Result<(), ParseError> {
        let node = match tag {
            Some(tag) => Node::new(node.span, Value::Tagged(tag, Box::new(node))),
            None => node,
        };
        if anchor != 0 {
            let count = count_nodes(&node);
            self.charge(count, node.span)?;
            self.anchors.insert(anchor, (node.clone(), count));
        }
        self.push(node)
    }

    /// Charges copied nodes to the budget that keeps alias bombs from eating memory.
    fn charge(&mut self, count: usize, span: Span) -> Result<(), ParseError> {
        self.copied += count;
        if self.copied > MAX_COPIED_NODES {
            let message = format!("aliases expand to more than {MAX_COPIED_NODES} nodes");
            return Err(ParseError::new(message, span));
        }
        Ok(())
    }

    /// Adds a finished node to the open collection, or as a document root.
    fn push(&mut self, node: Node) -> Result<(), ParseError> {
        let text = self.text;
        let Some(frame) = self.stack.last_mut() else {
            self.docs.push(node);
            return Ok(());
        };
        match &mut frame.kind {
            Kind::Seq(items) => items.push(node),
            Kind::Map {
                entries,
                names,
                key,
            } => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    let name = match node.value {
                        Value::String(s) => s,
                        _ => text
                            .get(node.span.start()..node.span.end())
                            .unwrap_or("")
                            .to_owned(),
                    };
                    let k = Key {
                        name,
                        span: node.span,
                    };
                    if !names.insert(k.name.clone()) {
                        return Err(duplicate_key_error(&k));
                    }
                    *key = Some(k);
                }
            },
        }
        Ok(())
    }
}

/// The suffix of a local tag (`!Ref` gives `Ref`); core-schema and other tags are dropped.
fn local_tag(tag: Option<&Tag>) -> Option<String> {
    tag.filter(|t| t.handle == "!" && !t.suffix.is_empty())
        .map(|t| t.suffix.clone())
}

/// Nodes in a tree, charged to the copy budget each time an anchor or alias copies it.
fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(entries) => entries.iter().map(|(_, v)| 1 + count_nodes(v)).sum(),
        Value::Tagged(_, inner) => count_nodes(inner),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source text a span covers.
    fn at(text: &str, span: Span) -> &str {
        &text[span.start()..span.end()]
    }

    /// Parses a one-document file.
    fn one(text: &str) -> Node {
        let mut docs = parse(text).expect("parses");
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    /// The tag name and inner node of a tagged node.
    fn tagged(node: &Node) -> (&str, &Node) {
        match &node.value {
            Value::Tagged(tag, inner) => (tag.as_str(), inner),
            other => panic!("not tagged: {other:?}"),
        }
    }

    const TEMPLATE: &str = "# é€ 日本\nResources:\n  Role:\n    Properties:\n      Name: !Sub 'x-${AWS::Region}'\n      Arn: !GetAtt Role.Arn\n      C: !If [Cond, a, !Ref AWS::NoValue ]\n      J: !Join ['', [a, b] ]\n      Statement:\n        - Effect: Allow\n          Principal:\n            AWS: !Sub arn:aws:iam::${AWS::AccountId}:root\n          Action: sts:AssumeRole   # trailing\n\n      F: {a: 1, b: [x, y], \"c\" : \"d\" }\n      Q: \"012345678901\"\n      U: 012345678901\n      D: 2012-10-17\n      B: |\n        line1\n        line2\n\n      E:\n      N: ~\n      S: ''\n";

    #[test]
    fn cloudformation_tags_and_spans_in_bytes() {
        let doc = one(TEMPLATE);
        let props = doc
            .get("Resources")
            .and_then(|r| r.get("Role"))
            .and_then(|r| r.get("Properties"))
            .expect("properties");
        let (tag, inner) = tagged(props.get("Name").expect("name"));
        assert_eq!(tag, "Sub");
        assert_eq!(inner.as_str(), Some("x-${AWS::Region}"));
        assert_eq!(
            at(TEMPLATE, props.get("Name").expect("name").span),
            "!Sub 'x-${AWS::Region}'"
        );
        assert_eq!(at(TEMPLATE, inner.span), "!Sub 'x-${AWS::Region}'");
        let arn = props.get("Arn").expect("arn");
        assert_eq!(tagged(arn).1.as_str(), Some("Role.Arn"));
        assert_eq!(at(TEMPLATE, arn.span), "!GetAtt Role.Arn");
        let cond = props.get("C").expect("if");
        assert_eq!(at(TEMPLATE, cond.span), "!If [Cond, a, !Ref AWS::NoValue ]");
        let join = tagged(props.get("J").expect("join"))
            .1
            .items()
            .expect("items");
        assert_eq!(at(TEMPLATE, join[1].span), "[a, b]");
        let items = tagged(cond).1.items().expect("list");
        let (tag, inner) = tagged(&items[2]);
        assert_eq!((tag, inner.span), ("Ref", items[2].span));
        assert_eq!(at(TEMPLATE, items[2].span), "!Ref AWS::NoValue");

        let statements = props.get("Statement").expect("statements");
        let stmt = &statements.items().expect("list")[0];
        assert_eq!(
            at(TEMPLATE, stmt.span),
            "Effect: Allow\n          Principal:\n            AWS: !Sub arn:aws:iam::${AWS::AccountId}:root\n          Action: sts:AssumeRole"
        );
        assert!(at(TEMPLATE, statements.span).starts_with("- Effect"));
        assert!(at(TEMPLATE, statements.span).ends_with("sts:AssumeRole"));
        let (key, _) = stmt.entry("Action").expect("action");
        assert_eq!(at(TEMPLATE, key.span), "Action");
        let principal = stmt.get("Principal").expect("principal");
        assert_eq!(
            at(TEMPLATE, principal.span),
            "AWS: !Sub arn:aws:iam::${AWS::AccountId}:root"
        );

        let flow = props.get("F").expect("flow");
        assert_eq!(at(TEMPLATE, flow.span), r#"{a: 1, b: [x, y], "c" : "d" }"#);
        let (key, value) = flow.entry("c").expect("c");
        assert_eq!(
            (at(TEMPLATE, key.span), at(TEMPLATE, value.span)),
            ("\"c\"", "\"d\"")
        );
        assert_eq!(at(TEMPLATE, flow.get("b").expect("b").span), "[x, y]");
        assert_eq!(props.get("Q").and_then(Node::as_str), Some("012345678901"));
        assert_eq!(props.get("U").and_then(Node::as_str), Some("012345678901"));
        assert_eq!(props.get("D").and_then(Node::as_str), Some("2012-10-17"));
        let block = props.get("B").expect("block");
        assert_eq!(block.as_str(), Some("line1\nline2\n"));
        assert_eq!(at(TEMPLATE, block.span), "|\n        line1\n        line2");
        assert_eq!(props.get("E").map(|n| &n.value), Some(&Value::Null));
        assert_eq!(props.get("N").map(|n| &n.value), Some(&Value::Null));
        assert_eq!(props.get("S").and_then(Node::as_str), Some(""));
        assert!(at(TEMPLATE, props.span).ends_with("S: ''"));
    }

    #[test]
    fn crlf_tagged_blocks_anchors_and_documents() {
        let text = "a: &q\r\n  - b: c\r\n    d: |\r\n      x\r\n  - !If\r\n    - k\r\n  -\r\n    e: f\r\n    g:\r\n---\r\nz: *r\r\ny: &r 1\r\n";
        assert!(parse(text).is_err(), "an alias before its anchor");
        let text = text.replace("z: *r\r\ny: &r 1", "y: &r 1\r\nz: *r");
        let text = text.as_str();
        let docs = parse(text).expect("parses");
        assert_eq!(docs.len(), 2);
        let quoted = parse("a: \"x\" # c\nb: 'y''z' # d\n").expect("quoted");
        let q = &quoted[0];
        assert_eq!(
            at("a: \"x\" # c\nb: 'y''z' # d\n", q.get("a").expect("a").span),
            "\"x\""
        );
        assert_eq!(
            at("a: \"x\" # c\nb: 'y''z' # d\n", q.get("b").expect("b").span),
            "'y''z'"
        );
        let seq = docs[0].get("a").expect("a");
        // An anchor on the line before a block collection is not part of its location.
        assert!(at(text, seq.span).starts_with("- b: c"));
        assert!(at(text, seq.span).ends_with("g:"));
        let items = seq.items().expect("items");
        assert_eq!(at(text, items[0].span), "b: c\r\n    d: |\r\n      x");
        assert_eq!(at(text, items[0].get("d").expect("d").span), "|\r\n      x");
        assert_eq!(at(text, items[1].span), "!If\r\n    - k");
        assert_eq!(tagged(&items[1]).0, "If");
        assert_eq!(at(text, items[2].span), "e: f\r\n    g:");
        // An alias copies the anchored node, spans included; anchors belong to their document.
        assert_eq!(docs[1].get("z"), docs[1].get("y"));
        assert!(parse("a: &q 1\n---\nz: *q\n").is_err());
        assert_eq!(parse("").expect("empty"), Vec::new());
        assert_eq!(parse("# only a comment\n").expect("comment"), Vec::new());
    }

    #[test]
    fn duplicate_and_complex_keys() {
        let text = "a: 1\nb: 2\n\"a\": 3\n";
        let err = parse(text).expect_err("duplicate");
        assert_eq!(at(text, err.span), "\"a\"");
        assert!(err.message.contains("duplicate key"));
        let doc = one("? [a, b]\n: v\n");
        assert_eq!(doc.entries().expect("map")[0].0.name, "[a, b]");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for text in [
            "- ".repeat(10_000) + "x",
            "[".repeat(10_000),
            "{a: ".repeat(10_000),
        ] {
            let err = parse(&text).expect_err("too deep");
            assert!(err.message.contains("nesting"), "{}", err.message);
        }
        // 300 lines trip the pre-scan; 200 pass it but nest 400 deep and trip the builder.
        for lines in [300, 200] {
            let stairs: String = (0..lines)
                .map(|i| format!("{}- a:\n", "  ".repeat(i)))
                .collect();
            let err = parse(&stairs).expect_err("too deep");
            assert!(err.message.contains("nesting"), "{}", err.message);
        }
        let prose: String = (0..300).map(|i| format!("k{i}: see [docs\n")).collect();
        assert!(parse(&prose).is_ok());
        let normal: String = (0..40)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        assert!(parse(&normal).is_ok());
    }

    #[test]
    fn alias_bomb_is_an_error() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let err = parse(&text).expect_err("bomb");
        assert!(err.message.contains("aliases"));
        assert!(parse("a: &r [*r]\n").is_err());
        // Nested anchors copy the list below them once each: 200 x 1000 nodes is too many.
        let chain = (0..200).map(|i| format!("&a{i} [")).collect::<String>()
            + &"x, ".repeat(1000)
            + &"]".repeat(200);
        assert!(parse(&chain)
            .expect_err("chain")
            .message
            .contains("aliases"));
    }

    #[test]
    fn broken_files_point_at_the_problem() {
        let text = "# é\na:\n  b: c\n d: e\n";
        let err = parse(text).expect_err("broken");
        assert!(
            err.message.contains("did not find expected key"),
            "{}",
            err.message
        );
        assert_eq!(at(text, err.span), "d");
        let text = "a: [b, c\n";
        let err = parse(text).expect_err("unclosed");
        assert_eq!(err.span.end(), text.len());
    }
}
