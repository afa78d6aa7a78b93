//! CloudFormation and SAM templates: `AWS::IAM::Role` and `AWS::Serverless::Function`
//! `AssumeRolePolicyDocument`, as an object, a JSON string or an `Fn::Sub` string, with short
//! (`!Ref`) and long (`Ref:`) intrinsic forms and both branches of every `Fn::If`.

use std::collections::HashMap;
use std::sync::Arc;

use super::document::{self, Resolver};
use super::{embedded_json, Extracted};
use crate::parse::{Key, Node, Value};
use crate::policy::{Location, PolicyBody, TrustPolicy, Val};
use crate::source::{SourceFile, SourceKind, Span};
use crate::syntax::Syntax;

/// Most variants judged for one statement whose parts vary by `Fn::If`.
const MAX_VARIANTS: usize = 64;

const PSEUDO_PARAMETERS: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// A template has a `Resources` map of typed resources, or declares its format version.
pub fn is_template(root: &Node) -> bool {
    let typed = root
        .get("Resources")
        .and_then(Node::entries)
        .is_some_and(|e| e.iter().any(|(_, r)| r.get("Type").is_some()));
    typed || root.get("AWSTemplateFormatVersion").is_some()
}

/// The intrinsic function a node is, in either form: `!Sub x` or `{"Fn::Sub": x}`.
fn intrinsic(node: &Node) -> Option<(String, &Node)> {
    match &node.value {
        Value::Tagged(tag, inner) if tag == "Ref" => Some(("Ref".to_owned(), inner)),
        Value::Tagged(tag, inner) => Some((format!("Fn::{tag}"), inner)),
        Value::Object(entries) => match entries.as_slice() {
            [(k, v)] if k.name == "Ref" || k.name.starts_with("Fn::") => Some((k.name.clone(), v)),
            _ => None,
        },
        _ => None,
    }
}

/// The `[condition, then, else]` of an `Fn::If`.
fn fn_if(node: &Node) -> Option<(&Node, &Node)> {
    let (name, arg) = intrinsic(node)?;
    match (name.as_str(), arg.items()?) {
        ("Fn::If", [_, then, otherwise]) => Some((then, otherwise)),
        _ => None,
    }
}

fn is_no_value(node: &Node) -> bool {
    matches!(intrinsic(node), Some((name, arg)) if name == "Ref" && arg.as_str() == Some("AWS::NoValue"))
}

fn contains_if(node: &Node) -> bool {
    fn_if(node).is_some()
        || match &node.value {
            Value::Array(items) => items.iter().any(contains_if),
            Value::Object(entries) => entries.iter().any(|(_, v)| contains_if(v)),
            Value::Tagged(_, inner) => contains_if(inner),
            _ => false,
        }
}

/// Every concrete value a node can take with its `Fn::If`s decided (`None`: `AWS::NoValue`).
fn variants(node: &Node) -> Vec<Option<Node>> {
    if is_no_value(node) {
        return vec![None];
    }
    if !contains_if(node) {
        return vec![Some(node.clone())];
    }
    if let Some((then, otherwise)) = fn_if(node) {
        let mut all = variants(then);
        all.extend(variants(otherwise));
        all.truncate(MAX_VARIANTS);
        return all;
    }
    let rebuild = |value: Value| Some(Node::new(node.span, value));
    match &node.value {
        Value::Object(entries) => product(entries, |(k, v)| (k.clone(), v))
            .into_iter()
            .map(|e| rebuild(Value::Object(e)))
            .collect(),
        Value::Array(items) => product(items, |n| ((), n))
            .into_iter()
            .map(|e| rebuild(Value::Array(e.into_iter().map(|((), n)| n).collect())))
            .collect(),
        Value::Tagged(tag, inner) => variants(inner)
            .into_iter()
            .map(|v| v.and_then(|n| rebuild(Value::Tagged(tag.clone(), Box::new(n)))))
            .collect(),
        _ => vec![Some(node.clone())],
    }
}

/// The cartesian product of the variants of each part, dropping `AWS::NoValue` parts.
fn product<'a, T: 'a, K: Clone>(
    parts: &'a [T],
    split: impl Fn(&'a T) -> (K, &'a Node),
) -> Vec<Vec<(K, Node)>> {
    let mut acc: Vec<Vec<(K, Node)>> = vec![Vec::new()];
    for part in parts {
        let (key, node) = split(part);
        let options = variants(node);
        acc = acc
            .iter()
            .flat_map(|prefix| {
                options.iter().map(|o| {
                    let mut next = prefix.clone();
                    if let Some(n) = o {
                        next.push((key.clone(), n.clone()));
                    }
                    next
                })
            })
            .take(MAX_VARIANTS)
            .collect();
    }
    acc
}

/// The whole-value alternatives of a node: both branches of an `Fn::If`, recursively.
fn branches(node: &Node) -> Vec<Node> {
    if is_no_value(node) {
        return Vec::new();
    }
    match fn_if(node) {
        Some((then, otherwise)) => {
            let mut all = branches(then);
            all.extend(branches(otherwise));
            all
        }
        None => vec![node.clone()],
    }
}

/// Resolves intrinsic functions against one template.
struct Template<'a> {
    text: &'a str,
    root: &'a Node,
    /// Inside an `Fn::Sub` string: `${!x}` is a literal `${x}`, `${x}` a substitution.
    sub: Option<HashMap<String, Val>>,
}

impl Template<'_> {
    fn source(&self, node: &Node) -> String {
        let text = self
            .text
            .get(node.span.start()..node.span.end())
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.chars().count() > 80 {
            format!("{}…", text.chars().take(79).collect::<String>())
        } else {
            text
        }
    }

    fn resource_type(&self, name: &str) -> Option<&str> {
        self.root.get("Resources")?.get(name)?.get("Type")?.as_str()
    }

    /// Why `Ref`/`${name}` has no static value.
    fn reference_reason(&self, name: &str) -> String {
        if PSEUDO_PARAMETERS.contains(&name) {
            "is a pseudo parameter, known only at deploy time".to_owned()
        } else if self
            .root
            .get("Parameters")
            .and_then(|p| p.get(name))
            .is_some()
        {
            "is a template parameter, known only at deploy time".to_owned()
        } else if self.resource_type(name).is_some() {
            "is a resource of this template, known only at deploy time".to_owned()
        } else if name.to_ascii_lowercase().starts_with("aws:") {
            format!(
                "would be substituted by Fn::Sub; write `${{!{name}}}` for the IAM policy variable"
            )
        } else {
            "is not defined in this template".to_owned()
        }
    }

    /// Renders an `Fn::Sub` template: `${!x}` → `${x}`, `${x}` from `vars` or unknown.
    fn substitute(
        &self,
        template: &str,
        vars: &HashMap<String, Val>,
        node: &Node,
        span: Span,
    ) -> Val {
        let mut shape = String::new();
        let mut unknown: Option<String> = None;
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            shape.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            if let Some(lit) = after.strip_prefix('!') {
                shape.push_str("${");
                rest = lit;
                continue;
            }
            let Some(end) = after.find('}') else {
                shape.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = after[..end].trim();
            match vars.get(name) {
                Some(Val::Lit { text, .. }) => shape.push_str(text),
                // A pseudo parameter is fixed text to IAM (an account id, a region): keep it
                // readable as written; it can never identify the caller.
                None if PSEUDO_PARAMETERS.contains(&name) => {
                    shape.push_str(&format!("${{{name}}}"));
                }
                _ => {
                    shape.push_str(&name.replace(':', ""));
                    unknown.get_or_insert_with(|| {
                        format!("uses `${{{name}}}`, which {}", self.reference_reason(name))
                    });
                }
            }
            rest = &after[end + 1..];
        }
        shape.push_str(rest);
        match unknown {
            None => Val::lit(shape, span),
            Some(reason) => Val::Unknown {
                expr: self.source(node),
                reason,
                span,
                shape: Some(shape),
            },
        }
    }

    fn unknown(&self, node: &Node, reason: impl Into<String>, shape: Option<String>) -> Val {
        Val::Unknown {
            expr: self.source(node),
            reason: reason.into(),
            span: node.span,
            shape,
        }
    }

    /// The variables of `Fn::Sub [template, {vars}]`.
    fn sub_vars(&self, map: Option<&Node>) -> HashMap<String, Val> {
        map.and_then(Node::entries)
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| (k.name.clone(), document::scalar(v, self)))
            .collect()
    }

    fn find_in_map(&self, args: &[Node]) -> Option<Val> {
        let keys: Vec<String> = args
            .iter()
            .map(|a| document::scalar(a, self).as_lit().map(str::to_owned))
            .collect::<Option<_>>()?;
        let [map, top, second] = keys.as_slice() else {
            return None;
        };
        let value = self.root.get("Mappings")?.get(map)?.get(top)?.get(second)?;
        Some(document::scalar(value, self))
    }
}

impl Resolver for Template<'_> {
    fn intrinsic(&self, node: &Node) -> Option<Val> {
        let (name, arg) = intrinsic(node)?;
        Some(match name.as_str() {
            "Ref" => {
                let target = arg.as_str().unwrap_or_default();
                let shape = PSEUDO_PARAMETERS
                    .contains(&target)
                    .then(|| format!("${{{target}}}"));
                self.unknown(node, self.reference_reason(target), shape)
            }
            "Fn::Sub" => {
                let (template, map) = match arg.items() {
                    Some([t, m]) => (t, Some(m)),
                    _ => (arg, None),
                };
                match template.as_str() {
                    Some(t) => self.substitute(t, &self.sub_vars(map), node, node.span),
                    None => self.unknown(node, "has a template that is not a string", None),
                }
            }
            "Fn::Join" => {
                let Some([delimiter, parts]) = arg.items() else {
                    return Some(self.unknown(node, "is not a valid Fn::Join", None));
                };
                let delimiter = delimiter.as_str().unwrap_or_default();
                let parts: Vec<Val> = parts
                    .items()
                    .unwrap_or_default()
                    .iter()
                    .map(|p| document::scalar(p, self))
                    .collect();
                let shape = parts
                    .iter()
                    .map(|p| match p {
                        Val::Lit { text, .. } => text.clone(),
                        Val::Unknown { shape, .. } => shape.clone().unwrap_or_default(),
                    })
                    .collect::<Vec<_>>()
                    .join(delimiter);
                match parts.iter().find_map(Val::describe_unknown) {
                    None => Val::lit(shape, node.span),
                    Some(why) => self.unknown(node, format!("joins {why}"), Some(shape)),
                }
            }
            "Fn::GetAtt" => {
                let text = arg.as_str().map(str::to_owned).unwrap_or_else(|| {
                    arg.items()
                        .unwrap_or_default()
                        .iter()
                        .filter_map(Node::as_str)
                        .collect::<Vec<_>>()
                        .join(".")
                });
                let (resource, attribute) = text.split_once('.').unwrap_or((&text, ""));
                let shape = (attribute == "Arn"
                    && self.resource_type(resource) == Some("AWS::IAM::Role"))
                .then(|| format!("arn:aws:iam::000000000000:role/{resource}"));
                self.unknown(node, "is an attribute known only at deploy time", shape)
            }
            "Fn::FindInMap" => match arg.items().and_then(|a| self.find_in_map(a)) {
                Some(v) => v,
                None => self.unknown(node, "cannot be looked up in the template's Mappings", None),
            },
            "Fn::Select" => {
                let chosen = match arg.items() {
                    Some([index, list]) => document::scalar(index, self)
                        .as_lit()
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| list.items().and_then(|l| l.get(i))),
                    _ => None,
                };
                match chosen {
                    Some(n) => document::scalar(n, self),
                    None => {
                        self.unknown(node, "selects from a list known only at deploy time", None)
                    }
                }
            }
            "Fn::ImportValue" => self.unknown(node, "is imported from another stack", None),
            "Fn::If" => return None,
            _ => self.unknown(node, "is computed when the stack is deployed", None),
        })
    }

    fn string(&self, text: &str, span: Span) -> Val {
        match &self.sub {
            Some(vars) => {
                let node = Node::new(span, Value::String(text.to_owned()));
                self.substitute(text, vars, &node, span)
            }
            None => Val::lit(text, span),
        }
    }

    fn branches(&self, node: &Node) -> Vec<Node> {
        branches(node)
    }

    fn variants(&self, node: &Node) -> Vec<Node> {
        variants(node).into_iter().flatten().collect()
    }
}

/// Codes or names listed in the resource's `Metadata.trustlint.ignore`.
fn metadata_ignores(resource: &Node) -> Vec<String> {
    resource
        .get("Metadata")
        .and_then(|m| m.get("trustlint"))
        .and_then(|t| t.get("ignore"))
        .map(|i| match i.items() {
            Some(items) => items.iter().filter_map(Node::scalar_text).collect(),
            None => i.scalar_text().into_iter().collect(),
        })
        .unwrap_or_default()
}

/// SAM's `IgnoreGlobals: "*"` or a list naming `AssumeRolePolicyDocument` opts a function out.
fn ignores_globals(resource: &Node) -> bool {
    let Some(ignore) = resource.get("IgnoreGlobals") else {
        return false;
    };
    let names: Vec<&str> = match ignore.items() {
        Some(items) => items.iter().filter_map(Node::as_str).collect(),
        None => ignore.as_str().into_iter().collect(),
    };
    names
        .iter()
        .any(|n| *n == "*" || *n == "AssumeRolePolicyDocument")
}

/// SAM merges `Globals.Function` into each function: maps merged with the function winning,
/// `Statement` lists concatenated (globals first), each statement keeping its own span.
fn merge_sam(global: Option<&Node>, own: Option<&Node>) -> Option<Node> {
    let (global, own) = match (global, own) {
        (Some(g), Some(o)) if g.entries().is_some() && o.entries().is_some() => (g, o),
        (g, o) => return o.or(g).cloned(),
    };
    // SAM merges lists only when both sides are lists; otherwise the function's value wins.
    let both_lists = matches!(
        (
            global.get("Statement").map(|s| &s.value),
            own.get("Statement").map(|s| &s.value)
        ),
        (Some(Value::Array(_)), Some(Value::Array(_))) | (None, _) | (_, None)
    );
    if !both_lists {
        return Some(own.clone());
    }
    let statements = |n: &Node| -> Vec<Node> {
        match n.get("Statement") {
            Some(s) => s.items().map_or_else(|| vec![s.clone()], <[Node]>::to_vec),
            None => Vec::new(),
        }
    };
    let mut entries: Vec<(Key, Node)> = global
        .entries()
        .unwrap_or_default()
        .iter()
        .filter(|(k, _)| own.get(&k.name).is_none())
        .cloned()
        .collect();
    for (k, v) in own.entries().unwrap_or_default() {
        if k.name == "Statement" {
            let mut all = statements(global);
            all.extend(statements(own));
            entries.push((k.clone(), Node::new(v.span, Value::Array(all))));
        } else {
            entries.push((k.clone(), v.clone()));
        }
    }
    Some(Node::new(own.span, Value::Object(entries)))
}

pub fn extract(file: &Arc<SourceFile>, root: &Node) -> Extracted {
    let mut out = Extracted {
        kind: Some(SourceKind::CloudFormation),
        ..Extracted::default()
    };
    let template = Template {
        text: &file.text,
        root,
        sub: None,
    };
    let globals = root
        .get("Globals")
        .and_then(|g| g.get("Function"))
        .and_then(|f| f.get("AssumeRolePolicyDocument"));
    for (logical_id, resource) in root
        .get("Resources")
        .and_then(Node::entries)
        .unwrap_or_default()
    {
        let properties = resource.get("Properties");
        let property = properties.and_then(|p| p.entry("AssumeRolePolicyDocument"));
        let (key_span, doc) = match resource.get("Type").and_then(Node::as_str) {
            Some("AWS::IAM::Role") => match property {
                Some((k, v)) => (Some(k.span), v.clone()),
                None => continue,
            },
            Some("AWS::Serverless::Function") => {
                if properties.and_then(|p| p.get("Role")).is_some() {
                    continue;
                }
                let globals = globals.filter(|_| !ignores_globals(resource));
                match merge_sam(globals, property.map(|(_, v)| v)) {
                    Some(doc) => (property.map(|(k, _)| k.span), doc),
                    None => continue,
                }
            }
            _ => continue,
        };
        out.roles += 1;
        let policy = |body: PolicyBody, doc_span: Span| TrustPolicy {
            kind: SourceKind::CloudFormation,
            file: file.clone(),
            resource: Some(logical_id.name.clone()),
            role: Some(Location::role(file.clone(), logical_id.span)),
            related: Vec::new(),
            anchors: [Some(logical_id.span), key_span, Some(doc_span)]
                .into_iter()
                .flatten()
                .collect(),
            foreign_anchors: Vec::new(),
            metadata_ignores: metadata_ignores(resource),
            body,
        };
        for doc in branches(&doc) {
            out.policies
                .push(policy(read_document(&template, file, &doc), doc.span));
        }
    }
    out
}

/// Reads a policy document written as an object, a JSON string or an `Fn::Sub` string.
fn read_document(template: &Template<'_>, file: &SourceFile, doc: &Node) -> PolicyBody {
    let (string, sub_vars) = match (&doc.value, intrinsic(doc)) {
        (Value::String(_), _) => (doc, None),
        (_, Some((name, arg))) if name == "Fn::Sub" => match arg.items() {
            Some([t, m]) => (t, Some(template.sub_vars(Some(m)))),
            _ => (arg, Some(HashMap::new())),
        },
        (_, Some(_)) => return computed_document(template, doc),
        _ => return document::document(doc, template, syntax_of(file)),
    };
    let Some(text) = string.as_str() else {
        return document::document(doc, template, syntax_of(file));
    };
    let syntax = if sub_vars.is_some() {
        Syntax::SubJson
    } else {
        Syntax::Json
    };
    match embedded_json(&file.text, string, text) {
        Ok(tree) => {
            let inner = Template {
                sub: sub_vars,
                ..*template
            };
            document::document(&tree, &inner, syntax)
        }
        // A substitution that stands for JSON structure (`!Sub "${PolicyJson}"`) is not
        // malformed JSON: the document is only known at deploy time.
        Err(e) => match sub_vars.map(|vars| template.substitute(text, &vars, doc, doc.span)) {
            Some(Val::Unknown { expr, reason, .. }) => PolicyBody::Unknown {
                span: doc.span,
                expr,
                reason,
            },
            _ => PolicyBody::Malformed {
                span: e.span,
                message: e.message,
            },
        },
    }
}

/// A policy computed by another intrinsic (`Fn::Join` of literals, say): parsed when it
/// resolves to a string, located at the expression since it has no spans of its own.
fn computed_document(template: &Template<'_>, doc: &Node) -> PolicyBody {
    match template.intrinsic(doc) {
        Some(Val::Lit { text, .. }) => match crate::parse::json::parse(&text) {
            Ok(mut tree) => {
                tree.map_spans(&|_| doc.span);
                document::document(&tree, template, Syntax::Json)
            }
            Err(e) => PolicyBody::Malformed {
                span: doc.span,
                message: e.message,
            },
        },
        Some(Val::Unknown { expr, reason, .. }) => PolicyBody::Unknown {
            span: doc.span,
            expr,
            reason,
        },
        None => document::document(doc, template, Syntax::Json),
    }
}

fn syntax_of(file: &SourceFile) -> Syntax {
    if file.text.trim_start().starts_with('{') {
        Syntax::Json
    } else {
        Syntax::Yaml
    }
}
