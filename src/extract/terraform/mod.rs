//! Terraform and OpenTofu: every `aws_iam_role` trust policy, however it is written —
//! heredoc JSON, `jsonencode(...)`, `data.aws_iam_policy_document`, `file()`,
//! `templatefile()`, locals and variables — resolved statically with spans, and followed
//! through local module calls. What cannot be resolved becomes TL004 with the expression.

mod eval;
mod files;
mod functions;
mod json_syntax;
mod module;
mod policy_document;
mod registry;
mod tfvars;
mod value;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hcl_edit::expr::Expression;
use hcl_edit::structure::Block;

pub use files::Files;
pub use module::is_config_file;

use self::eval::{first_hole, hole_shape, Scope, HOLE_START};
use self::module::Module;
use self::value::{FileId, Tv, V};
use super::document::{self, Resolver};
use crate::parse::{json, Node, Value};
use crate::policy::{Document, Location, PolicyBody, TrustPolicy, Val};
use crate::source::{SourceFile, SourceKind, Span};
use crate::syntax::Syntax;

/// Deepest chain of local module calls followed.
const MAX_MODULE_DEPTH: usize = 16;

fn span_of(node: &impl hcl_edit::repr::Span) -> Span {
    node.span()
        .map_or_else(Span::default, |r| Span::new(r.start, r.end))
}

/// Reads evaluated Terraform values: unknowns and strings with holes become unknown values,
/// shaped like the ARN they stand for when that can be told.
struct TfResolver;

/// `aws_iam_role.NAME.arn` is a role ARN, which matters for TL003.
fn reference_shape(expr: &str) -> Option<String> {
    let rest = expr.strip_prefix("aws_iam_role.")?;
    let (name, attr) = rest.split_once('.')?;
    (attr == "arn").then(|| format!("arn:aws:iam::000000000000:role/{name}"))
}

impl Resolver for TfResolver {
    fn intrinsic(&self, node: &Node) -> Option<Val> {
        match &node.value {
            Value::Unknown { expr, reason } => Some(Val::Unknown {
                expr: expr.clone(),
                reason: reason.clone(),
                span: node.span,
                shape: reference_shape(expr),
            }),
            _ => None,
        }
    }

    fn string(&self, text: &str, span: Span) -> Val {
        match first_hole(text) {
            Some((expr, reason)) => Val::Unknown {
                shape: Some(reference_shape(&expr).unwrap_or_else(|| hole_shape(text))),
                expr,
                reason,
                span,
            },
            None => Val::lit(text, span),
        }
    }
}

/// One role block with where it came from.
struct RoleSite<'a> {
    file: FileId,
    block: &'a Block,
    /// `module.a.module.b.` for roles in called modules.
    prefix: String,
    /// The module calls that led here, outermost first.
    calls: Vec<Location>,
}

/// What a Terraform run produced.
#[derive(Default)]
pub struct Output {
    pub policies: Vec<TrustPolicy>,
    /// Roles judged: a `for_each`/`count` role counts once.
    pub roles: usize,
    /// TL000 parse errors: file and error.
    pub errors: Vec<(Arc<SourceFile>, crate::parse::ParseError)>,
    /// Notes for the human output (a module version constraint admitting an affected release).
    pub notes: Vec<String>,
}

/// Lints the modules of the configuration files found (a directory is a module; only the
/// found files of it, unless it is in `whole_dirs` because a file of it was named).
/// Directories that another module in the run calls with a local `source` are linted through
/// those calls.
pub fn lint(
    config_files: &[PathBuf],
    whole_dirs: &[PathBuf],
    files: &Files,
    var_files: &[PathBuf],
) -> Output {
    let mut out = Output::default();
    let mut by_dir: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
    for f in config_files {
        let dir = match f.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        by_dir.entry(dir).or_default().push(f.clone());
    }
    let mut dirs: Vec<PathBuf> = by_dir.keys().cloned().collect();
    dirs.sort();
    let dirs = &dirs[..];
    let mut modules: HashMap<PathBuf, Module> = HashMap::new();
    for dir in dirs {
        let whole = whole_dirs.iter().any(|w| key(w) == key(dir));
        let only = by_dir.get(dir).map(Vec::as_slice).filter(|_| !whole);
        modules.insert(key(dir), Module::load_only(dir, files, only));
    }
    let called: HashSet<PathBuf> = modules
        .values()
        .flat_map(|m| m.calls.iter().filter_map(move |(_, b)| m.local_source(b)))
        .map(|d| key(&d))
        .collect();
    let mut roots: Vec<&PathBuf> = dirs.iter().filter(|d| !called.contains(&key(d))).collect();
    roots.sort();
    for (_, m) in modules.iter() {
        for (id, e) in &m.errors {
            if let Some(f) = files.get(*id) {
                out.errors.push((f, e.clone()));
            }
        }
    }
    let mut walker = Walker {
        files,
        root_dir: PathBuf::new(),
        cache: HashMap::new(),
        stack: Vec::new(),
        out: &mut out,
    };
    for dir in roots {
        let Some(module) = modules.get(&key(dir)) else {
            continue;
        };
        let mut errors = Vec::new();
        let vars = tfvars::root_values(module, files, var_files, &mut errors);
        for (id, e) in errors {
            if let Some(f) = files.get(id) {
                walker.out.errors.push((f, e));
            }
        }
        walker.root_dir = dir.clone();
        walker.stack = vec![key(dir)];
        walker.walk(module, &vars, String::new(), Vec::new());
    }
    out
}

/// A directory's identity, so that `./a/../b` and `b` are one module.
fn key(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// Walks a root module and, through local calls, its child modules.
struct Walker<'f, 'o> {
    files: &'f Files,
    /// The root module's directory (where Terraform would run).
    root_dir: PathBuf,
    /// Child modules loaded so far, by directory.
    cache: HashMap<PathBuf, Module>,
    /// The directories of the modules being walked, to stop call cycles.
    stack: Vec<PathBuf>,
    out: &'o mut Output,
}

impl Walker<'_, '_> {
    /// Judges a module's roles, then follows its module calls with their inputs.
    fn walk(
        &mut self,
        module: &Module,
        vars: &HashMap<String, Tv>,
        prefix: String,
        calls: Vec<Location>,
    ) {
        let files = self.files;
        let scope = Scope::new(module, files, vars).rooted(&self.root_dir);
        for (file, block) in &module.roles {
            let site = RoleSite {
                file: *file,
                block,
                prefix: prefix.clone(),
                calls: calls.clone(),
            };
            role(&scope, &site, files, self.out);
        }
        for (file, call) in &module.calls {
            let Some(name) = call.labels.first().map(|l| l.as_str().to_owned()) else {
                continue;
            };
            let Some((source, call_span)) = files.locate(*file, span_of(call)) else {
                continue;
            };
            let address = format!("{prefix}module.{name}");
            if let Some(policies) = registry::judge(
                &scope,
                *file,
                call,
                (&source, call_span),
                &address,
                &mut self.out.notes,
            ) {
                self.out.roles += policies.len();
                self.out.policies.extend(policies);
                continue;
            }
            let Some(dir) = module.local_source(call) else {
                continue;
            };
            let k = key(&dir);
            if self.stack.len() > MAX_MODULE_DEPTH
                || self.stack.contains(&k)
                || instances(&scope, *file, call).is_empty()
            {
                continue;
            }
            let inputs = scope.call_inputs(*file, call);
            let child = match self.cache.remove(&k) {
                Some(child) => child,
                None => Module::load(&dir, files),
            };
            for (id, e) in &child.errors {
                if let Some(f) = files.get(*id) {
                    if !self.out.errors.iter().any(|(g, _)| Arc::ptr_eq(g, &f)) {
                        self.out.errors.push((f, e.clone()));
                    }
                }
            }
            let child_vars = tfvars::with_defaults(&child, files, inputs);
            let mut chain = calls.clone();
            chain.push(Location {
                position: None,
                file: source.clone(),
                span: call_span,
                message: format!("module `{name}` called here"),
            });
            self.stack.push(k.clone());
            self.walk(&child, &child_vars, format!("{address}."), chain);
            self.stack.pop();
            self.cache.insert(k, child);
        }
    }
}

/// The instances a `count`/`for_each` block creates: bindings for each, nothing when it
/// statically creates none, one unknown instance when it cannot be told.
fn instances(scope: &Scope<'_>, file: FileId, block: &Block) -> Vec<Vec<(String, Tv)>> {
    let span = span_of(block);
    if let Some(count) = block.body.get_attribute("count") {
        let c = scope.eval(file, &count.value);
        return match c.as_number() {
            Some(n) => (0..(n.max(0.0) as usize).min(64))
                .map(|i| {
                    vec![(
                        "count".to_owned(),
                        obj(
                            file,
                            span,
                            &[("index", Tv::new(file, span, V::Number(i as f64)))],
                        ),
                    )]
                })
                .collect(),
            None => vec![vec![("count".to_owned(), obj(file, span, &[("index", c)]))]],
        };
    }
    if let Some(for_each) = block.body.get_attribute("for_each") {
        let f = scope.eval(file, &for_each.value);
        let each = |k: Tv, v: Tv| {
            vec![(
                "each".to_owned(),
                obj(file, span, &[("key", k), ("value", v)]),
            )]
        };
        return match &f.v {
            V::Object(entries) => entries
                .iter()
                .take(64)
                .map(|(k, ks, v)| each(Tv::str(file, *ks, k.clone()), v.clone()))
                .collect(),
            V::List(items) => items
                .iter()
                .take(64)
                .map(|v| each(v.clone(), v.clone()))
                .collect(),
            _ => vec![each(f.clone(), f)],
        };
    }
    vec![Vec::new()]
}

fn obj(file: FileId, span: Span, entries: &[(&str, Tv)]) -> Tv {
    Tv::new(
        file,
        span,
        V::Object(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), span, v.clone()))
                .collect(),
        ),
    )
}

/// Judges one `aws_iam_role` block, once per instance (findings of a statement are merged by
/// the caller's deduplication: a `for_each` role is one role).
fn role(scope: &Scope<'_>, site: &RoleSite<'_>, files: &Files, out: &mut Output) {
    let Some(name) = site.block.labels.get(1).map(|l| l.as_str().to_owned()) else {
        return;
    };
    let Some((role_file, role_span)) = files.locate(site.file, span_of(site.block)) else {
        return;
    };
    let instances = instances(scope, site.file, site.block);
    if instances.is_empty() {
        return;
    }
    let Some(attr) = site.block.body.get_attribute("assume_role_policy") else {
        return;
    };
    out.roles += 1;
    let address = format!("{}aws_iam_role.{name}", site.prefix);
    let role_loc = Location::role(role_file.clone(), role_span);
    let (role_id, attr_span) = files.resolve(site.file, span_of(attr));
    let mut seen_docs = HashSet::new();
    let mut places = HashMap::new();
    for bindings in instances {
        let inner = scope.with_bindings(bindings);
        let value = inner.eval(site.file, &attr.value);
        let syntax = syntax_of(&attr.value);
        let (doc_file, mut body, doc_span) =
            body_of(&value, files, syntax, span_of(&attr.value), site.file);
        one_statement_per_place(&mut body, &mut places);
        let same_file = doc_file == role_id;
        // Instances that render the same document are one role's one policy.
        if !seen_docs.insert(format!("{doc_file}:{body:?}")) {
            continue;
        }
        let Some(file) = files.get(doc_file) else {
            continue;
        };
        let mut anchors = vec![doc_span];
        let mut foreign = Vec::new();
        for s in [role_span, attr_span] {
            if same_file {
                anchors.push(s);
            } else {
                foreign.push((role_file.clone(), s));
            }
        }
        out.policies.push(TrustPolicy {
            kind: SourceKind::Terraform,
            file,
            resource: Some(address.clone()),
            role: Some(role_loc.clone()),
            related: site.calls.clone(),
            anchors,
            foreign_anchors: foreign,
            metadata_ignores: Vec::new(),
            body,
        });
    }
}

/// Statements written in another file than the document (a statement object in a local of
/// another file, a source policy document) are read again there, to keep their own spans.
fn relocate_statements(doc: &mut Document, inner: &Tv, real: FileId, files: &Files) {
    let items: Vec<&Tv> = match inner.get("Statement") {
        Some(s) => s.items().map_or_else(|| vec![s], |i| i.iter().collect()),
        None => return,
    };
    if items.len() != doc.statements.len() {
        return;
    }
    for (statement, item) in doc.statements.iter_mut().zip(items) {
        let (file, span) = files.resolve(item.file, item.span);
        if file == real {
            continue;
        }
        let node = item.to_node(file, span, files);
        let canonical = statement.canonical.clone();
        *statement = document::statement(&node, &TfResolver, Syntax::HclObject, &canonical);
        statement.file = files.get(file);
    }
}

/// A statement is one place in the source (SPEC §3 "Counting"): the statements a `for`
/// expression, a `dynamic` block or the instances of a `for_each` role produce at one place
/// share one identity, so they are reported once.
fn one_statement_per_place(body: &mut PolicyBody, places: &mut HashMap<(usize, Span), String>) {
    let PolicyBody::Known(doc) = body else {
        return;
    };
    for s in &mut doc.statements {
        let file = s.file.as_ref().map_or(0, |f| Arc::as_ptr(f) as usize);
        let c = places
            .entry((file, s.span))
            .or_insert_with(|| s.canonical.clone());
        s.canonical = c.clone();
    }
}

/// How a fix is written for the form the policy takes.
fn syntax_of(expr: &Expression) -> Syntax {
    match expr {
        Expression::FuncCall(c) if c.name.name.value().as_str() == "jsonencode" => {
            Syntax::HclObject
        }
        Expression::Traversal(t) => match &t.expr {
            Expression::Variable(v) if v.value().as_str() == "data" => Syntax::PolicyDocument,
            _ => Syntax::HclObject,
        },
        _ => Syntax::HclJson,
    }
}

/// The policy body of an evaluated `assume_role_policy`, with the file its statements are in.
pub(super) fn body_of(
    value: &Tv,
    files: &Files,
    syntax: Syntax,
    attr_span: Span,
    attr_file: FileId,
) -> (FileId, PolicyBody, Span) {
    match &value.v {
        V::Json(inner) => {
            let (real, span) = files.resolve(inner.file, inner.span);
            let tree = inner.to_node(real, span, files);
            let syntax = if inner.file != attr_file && syntax != Syntax::PolicyDocument {
                Syntax::HclObject
            } else {
                syntax
            };
            let mut body = document::document(&tree, &TfResolver, syntax);
            if let PolicyBody::Known(doc) = &mut body {
                relocate_statements(doc, inner, real, files);
            }
            (real, body, span)
        }
        V::Str { text, map } => {
            let (file, whole) = files.resolve(value.file, value.span);
            let is_json_file = files
                .get(file)
                .is_some_and(|f| f.path.extension().is_some_and(|e| e == "json"))
                && file == value.file;
            let syntax = if is_json_file {
                Syntax::Json
            } else {
                Syntax::HclJson
            };
            // Rendered text → source offsets (through the template's map), then to the real
            // file when the source is HCL rewritten from `.tf.json`.
            let remap = |s: Span| match map {
                Some(m) => {
                    let start = m.get(s.start()).copied().unwrap_or(value.span.start());
                    let end = s
                        .end()
                        .checked_sub(1)
                        .and_then(|e| m.get(e))
                        .map_or(start, |e| e + 1);
                    files
                        .resolve(value.file, Span::new(start, end.max(start)))
                        .1
                }
                None => whole,
            };
            match json::parse(text) {
                Ok(mut tree) => {
                    tree.map_spans(&remap);
                    (file, document::document(&tree, &TfResolver, syntax), whole)
                }
                Err(_) if text.contains(HOLE_START) => {
                    let (expr, reason) = first_hole(text).unwrap_or_default();
                    let body = PolicyBody::Unknown {
                        span: whole,
                        expr,
                        reason,
                    };
                    (file, body, whole)
                }
                Err(e) => {
                    let body = PolicyBody::Malformed {
                        span: remap(e.span),
                        message: e.message,
                    };
                    (file, body, whole)
                }
            }
        }
        V::Unknown { expr, reason } => {
            let (file, span) = files.resolve(attr_file, attr_span);
            let body = PolicyBody::Unknown {
                span,
                expr: expr.clone(),
                reason: reason.clone(),
            };
            (file, body, span)
        }
        _ => {
            let (file, span) = files.resolve(attr_file, attr_span);
            let body = PolicyBody::Malformed {
                span,
                message: "the trust policy is not a JSON document".to_owned(),
            };
            (file, body, span)
        }
    }
}
