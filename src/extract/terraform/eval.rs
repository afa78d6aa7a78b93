//! A small evaluator over hcl-edit expressions that keeps spans and yields *unknown* (with
//! the expression and the reason) instead of failing.
//!
//! hcl-rs's own evaluator is not enough (DESIGN §3): custom functions are bare `fn` pointers
//! without the scan root or `path.module`, arguments are evaluated before the call (so no
//! `try()`/`can()`), there is no Terraform function library and its expressions have no spans.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};

use super::files::Files;
use super::module::Module;
use super::value::{FileId, Tv, V};
use crate::parse::align_offsets;
use crate::source::Span;

/// Start and end of a hole: an unknown interpolation inside a rendered string, written as
/// `HOLE_START expr HOLE_SEP reason HOLE_END` so that the text stays one string.
pub const HOLE_START: char = '\u{E000}';
pub const HOLE_SEP: char = '\u{E002}';
pub const HOLE_END: char = '\u{E001}';

/// Deepest evaluation (locals referring to locals, nested calls) before giving up.
const MAX_EVAL_DEPTH: usize = 64;

/// What an expression is evaluated in.
pub struct Scope<'a> {
    pub module: &'a Module,
    pub files: &'a Files,
    /// Input variables, resolved from call arguments, tfvars and defaults.
    pub vars: &'a HashMap<String, Tv>,
    /// `each`, `count` and for-expression variables.
    pub bindings: Vec<(String, Tv)>,
    /// The root module's directory: Terraform runs there, so `file()` paths are relative to
    /// it and `path.module` is the module's path from it.
    pub root_dir: PathBuf,
    /// Locals being evaluated, to stop cycles.
    locals_seen: RefCell<Vec<String>>,
    /// Locals already evaluated: Terraform evaluates each once, and a local that uses another
    /// twice must not cost twice (a chain of them would be exponential).
    locals_done: std::rc::Rc<RefCell<HashMap<String, Tv>>>,
    depth: Cell<usize>,
}

/// The source text of an expression, on one line and short, for messages.
pub fn source_text(text: &str, span: Span) -> String {
    let raw = text.get(span.start()..span.end()).unwrap_or("");
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        format!("{}…", one_line.chars().take(79).collect::<String>())
    } else {
        one_line
    }
}

fn span_of(node: &impl hcl_edit::repr::Span) -> Span {
    node.span()
        .map_or_else(Span::default, |r| Span::new(r.start, r.end))
}

impl<'a> Scope<'a> {
    pub fn new(module: &'a Module, files: &'a Files, vars: &'a HashMap<String, Tv>) -> Self {
        Scope {
            module,
            files,
            vars,
            bindings: Vec::new(),
            root_dir: module.dir.clone(),
            locals_seen: RefCell::new(Vec::new()),
            locals_done: Default::default(),
            depth: Cell::new(0),
        }
    }

    /// The same scope for a module called from the root module in `root_dir`.
    pub fn rooted(mut self, root_dir: &Path) -> Self {
        self.root_dir = root_dir.to_path_buf();
        self
    }

    /// The same scope with more bindings (`each`, `count`, for-expression variables).
    pub fn with_bindings(&self, more: Vec<(String, Tv)>) -> Scope<'a> {
        let mut bindings = self.bindings.clone();
        bindings.extend(more);
        Scope {
            module: self.module,
            files: self.files,
            vars: self.vars,
            bindings,
            root_dir: self.root_dir.clone(),
            locals_seen: RefCell::new(self.locals_seen.borrow().clone()),
            locals_done: self.locals_done.clone(),
            depth: Cell::new(self.depth.get()),
        }
    }

    fn text(&self, file: FileId, span: Span) -> String {
        self.files
            .get(file)
            .map(|f| source_text(&f.text, span))
            .unwrap_or_default()
    }

    fn unknown(&self, file: FileId, span: Span, reason: impl Into<String>) -> Tv {
        Tv::unknown(file, span, self.text(file, span), reason)
    }

    /// Evaluates an expression of `file`.
    pub fn eval(&self, file: FileId, expr: &Expression) -> Tv {
        let span = span_of(expr);
        if self.depth.get() > MAX_EVAL_DEPTH {
            return self.unknown(file, span, "is nested too deeply to evaluate");
        }
        self.depth.set(self.depth.get() + 1);
        let value = self.eval_inner(file, expr, span);
        self.depth.set(self.depth.get() - 1);
        value
    }

    fn eval_inner(&self, file: FileId, expr: &Expression, span: Span) -> Tv {
        let tv = |v| Tv::new(file, span, v);
        match expr {
            Expression::Null(_) => tv(V::Null),
            Expression::Bool(b) => tv(V::Bool(*b.value())),
            Expression::Number(n) => tv(V::Number(n.value().as_f64().unwrap_or(0.0))),
            Expression::String(s) => self.literal(file, s.value().as_str(), span),
            Expression::Array(items) => {
                tv(V::List(items.iter().map(|e| self.eval(file, e)).collect()))
            }
            Expression::Object(object) => {
                let mut entries = Vec::new();
                for (key, value) in object.iter() {
                    let (name, key_span) = match key {
                        ObjectKey::Ident(id) => (id.value().as_str().to_owned(), span_of(id)),
                        ObjectKey::Expression(e) => {
                            let k = self.eval(file, e);
                            match k.to_text() {
                                Some(t) => (t, k.span),
                                None => (self.text(file, k.span), k.span),
                            }
                        }
                    };
                    entries.push((name, key_span, self.eval(file, value.expr())));
                }
                tv(V::Object(entries))
            }
            Expression::StringTemplate(t) => self.render(file, t, span, false),
            Expression::HeredocTemplate(h) => self.render(file, &h.template, span, true),
            Expression::Parenthesis(p) => self.eval(file, p.inner()),
            Expression::Variable(v) => self.variable(file, v.value().as_str(), span),
            Expression::Traversal(t) => self.traversal(file, t, span),
            Expression::FuncCall(call) => super::functions::call(self, file, call, span),
            Expression::Conditional(c) => {
                let cond = self.eval(file, &c.cond_expr);
                match cond.as_bool() {
                    Some(true) => self.eval(file, &c.true_expr),
                    Some(false) => self.eval(file, &c.false_expr),
                    None => {
                        let (a, b) = (
                            self.eval(file, &c.true_expr),
                            self.eval(file, &c.false_expr),
                        );
                        if !a.is_unknown() && a.to_json() == b.to_json() {
                            a
                        } else {
                            let reason = match cond.first_unknown() {
                                Some((e, r)) => format!("depends on `{e}`, which {r}"),
                                None => "depends on a condition that is not static".to_owned(),
                            };
                            self.unknown(file, span, reason)
                        }
                    }
                }
            }
            Expression::UnaryOp(op) => {
                let v = self.eval(file, &op.expr);
                match (op.operator.value(), &v.v) {
                    (UnaryOperator::Not, _) if v.as_bool().is_some() => {
                        tv(V::Bool(!v.as_bool().unwrap_or(false)))
                    }
                    (UnaryOperator::Neg, _) if v.as_number().is_some() => {
                        tv(V::Number(-v.as_number().unwrap_or(0.0)))
                    }
                    _ => self.unknown(file, span, "is not static"),
                }
            }
            Expression::BinaryOp(op) => {
                let (l, r) = (self.eval(file, &op.lhs_expr), self.eval(file, &op.rhs_expr));
                binary(*op.operator.value(), &l, &r)
                    .map(tv)
                    .unwrap_or_else(|| self.unknown(file, span, "is not static"))
            }
            Expression::ForExpr(f) => self.for_expr(file, f, span),
        }
    }

    /// A string literal; one that may hold a JSON policy keeps a map from its decoded bytes
    /// to the source, so statements in it are located exactly.
    fn literal(&self, file: FileId, text: &str, span: Span) -> Tv {
        if !text.contains('{') {
            return Tv::str(file, span, text);
        }
        let source = self.files.get(file);
        let raw = source
            .as_ref()
            .and_then(|f| f.text.get(span.start()..span.end()))
            .unwrap_or("");
        let map: Vec<usize> = align_offsets(text, raw)
            .into_iter()
            .map(|o| span.start() + o)
            .collect();
        Tv::new(
            file,
            span,
            V::Str {
                text: text.to_owned(),
                map: Some(Arc::new(map)),
            },
        )
    }

    fn variable(&self, file: FileId, name: &str, span: Span) -> Tv {
        if let Some((_, v)) = self.bindings.iter().rev().find(|(n, _)| n == name) {
            return v.clone();
        }
        self.unknown(file, span, "is not a value trustlint can resolve")
    }

    /// `var.x`, `local.x`, `path.module`, `data.T.N.attr`, `each.value`, `count.index`,
    /// resource and module attributes, followed by attribute, index and splat operators.
    fn traversal(&self, file: FileId, t: &hcl_edit::expr::Traversal, span: Span) -> Tv {
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
        let attr = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(id)) => Some(id.value().as_str()),
            _ => None,
        };
        let (base, used) = match &t.expr {
            Expression::Variable(v) => {
                let root = v.value().as_str();
                match (root, attr(0)) {
                    ("var", Some(name)) => (self.var(file, name, span), 1),
                    ("local", Some(name)) => (self.local(file, name, span), 1),
                    ("path", Some(which)) => (self.path(file, which, span), 1),
                    ("data", Some(kind)) => {
                        // `data.T.N.json`, or `data.T.N[0].json` for a `count` instance.
                        let indexed = matches!(
                            ops.get(2),
                            Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))
                        );
                        let field_at = if indexed { 3 } else { 2 };
                        match (attr(1), attr(field_at)) {
                            (Some(name), Some(field)) => {
                                (self.data(file, kind, name, field, span), field_at + 1)
                            }
                            _ => (
                                self.unknown(file, span, "is not a complete data source reference"),
                                ops.len(),
                            ),
                        }
                    }
                    ("module", Some(name)) => match attr(1) {
                        Some(output) => (self.module_output(file, name, output, span), 2),
                        None => (
                            self.unknown(file, span, "is a whole module, not a value"),
                            ops.len(),
                        ),
                    },
                    ("each" | "count", _) if self.bindings.iter().all(|(n, _)| n != root) => {
                        (self.unknown(file, span, "is not static here"), ops.len())
                    }
                    (r, _) if self.bindings.iter().any(|(n, _)| n == r) => {
                        (self.variable(file, r, span), 0)
                    }
                    (_, Some(_)) => (
                        self.unknown(
                            file,
                            span,
                            "is a resource attribute, known only after apply",
                        ),
                        ops.len(),
                    ),
                    _ => (self.variable(file, root, span), 0),
                }
            }
            other => (self.eval(file, other), 0),
        };
        let mut value = base;
        for op in ops.iter().skip(used) {
            if value.is_unknown() {
                break;
            }
            value = match op {
                TraversalOperator::GetAttr(id) => match value.get(id.value().as_str()) {
                    Some(v) => v.clone(),
                    None => self.unknown(
                        file,
                        span,
                        format!("has no attribute `{}`", id.value().as_str()),
                    ),
                },
                TraversalOperator::Index(e) => {
                    let key = self.eval(file, e);
                    index(&value, &key).unwrap_or_else(|| {
                        self.unknown(file, span, "indexes a value that is not static")
                    })
                }
                TraversalOperator::LegacyIndex(i) => {
                    let key = Tv::new(file, span, V::Number(*i.value() as f64));
                    index(&value, &key).unwrap_or_else(|| {
                        self.unknown(file, span, "indexes a value that is not static")
                    })
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => value,
            };
        }
        // Keep the reference as the unknown's expression: `var.arns` reads better than a part.
        match value.v {
            V::Unknown { reason, .. }
                if value.span != span
                    && !value.span.is_empty()
                    && value.file == file
                    && span.cover(value.span) == span =>
            {
                Tv::unknown(file, span, self.text(file, span), reason)
            }
            _ => value,
        }
    }

    /// A module call's arguments, evaluated here: the child module's input variables.
    pub fn call_inputs(
        &self,
        file: FileId,
        call: &hcl_edit::structure::Block,
    ) -> HashMap<String, Tv> {
        const META: &[&str] = &[
            "source",
            "version",
            "count",
            "for_each",
            "providers",
            "depends_on",
        ];
        call.body
            .attributes()
            .filter(|a| !META.contains(&a.key.value().as_str()))
            .map(|a| (a.key.value().as_str().to_owned(), self.eval(file, &a.value)))
            .collect()
    }

    /// `module.NAME.OUTPUT` of a local module: its output evaluated with the call's inputs.
    fn module_output(&self, file: FileId, name: &str, output: &str, span: Span) -> Tv {
        let call = self
            .module
            .calls
            .iter()
            .find(|(_, b)| b.labels.first().map(|l| l.as_str()) == Some(name));
        let Some((call_file, call)) = call else {
            return self.unknown(
                file,
                span,
                format!("refers to a module `{name}` that is not called here"),
            );
        };
        let Some(dir) = self.module.local_source(call) else {
            return self.unknown(file, span, "is an output of a module that is not local");
        };
        let child = Module::load(&dir, self.files);
        let Some((ofile, expr)) = child.outputs.get(output).cloned() else {
            return self.unknown(file, span, format!("is not an output of module `{name}`"));
        };
        let inputs = self.call_inputs(*call_file, call);
        let vars = super::tfvars::with_defaults(&child, self.files, inputs);
        let scope = Scope::new(&child, self.files, &vars).rooted(&self.root_dir);
        scope.depth.set(self.depth.get() + 8);
        scope.eval(ofile, &expr)
    }

    fn var(&self, file: FileId, name: &str, span: Span) -> Tv {
        match self.vars.get(name) {
            Some(v) => v.clone(),
            None if self.module.variables.contains_key(name) => {
                self.unknown(file, span, "has no default and no value")
            }
            None => self.unknown(file, span, "is not a declared variable"),
        }
    }

    fn local(&self, file: FileId, name: &str, span: Span) -> Tv {
        let Some((lfile, expr)) = self.module.locals.get(name) else {
            return self.unknown(file, span, format!("is not defined (`local.{name}`)"));
        };
        if let Some(done) = self.locals_done.borrow().get(name) {
            return done.clone();
        }
        if self.locals_seen.borrow().iter().any(|n| n == name) {
            return self.unknown(file, span, "refers to itself");
        }
        self.locals_seen.borrow_mut().push(name.to_owned());
        let value = self.eval(*lfile, expr);
        self.locals_seen.borrow_mut().pop();
        self.locals_done
            .borrow_mut()
            .insert(name.to_owned(), value.clone());
        value
    }

    fn path(&self, file: FileId, which: &str, span: Span) -> Tv {
        match which {
            "module" => Tv::str(file, span, relative(&self.root_dir, &self.module.dir)),
            "root" | "cwd" => Tv::str(file, span, "."),
            _ => self.unknown(file, span, "is not a known path"),
        }
    }

    fn data(&self, file: FileId, kind: &str, name: &str, field: &str, span: Span) -> Tv {
        if kind == "aws_iam_policy_document" && matches!(field, "json" | "minified_json") {
            // A document whose `count` is statically 0 does not exist: `try()` moves on.
            let count = self
                .module
                .policy_docs
                .get(name)
                .and_then(|(dfile, block)| {
                    let c = block.body.get_attribute("count")?;
                    self.eval(*dfile, &c.value).as_number()
                });
            if count == Some(0.0) {
                return self.unknown(file, span, "refers to a data source with count = 0");
            }
            return super::policy_document::document(self, name, file, span);
        }
        self.unknown(
            file,
            span,
            format!("is read from the `{kind}` data source, known only at plan time"),
        )
    }

    fn for_expr(&self, file: FileId, f: &hcl_edit::expr::ForExpr, span: Span) -> Tv {
        let collection = self.eval(file, &f.intro.collection_expr);
        let pairs: Vec<(Tv, Tv)> = match &collection.v {
            V::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Tv::new(file, v.span, V::Number(i as f64)), v.clone()))
                .collect(),
            V::Object(entries) => entries
                .iter()
                .map(|(k, ks, v)| (Tv::str(file, *ks, k.clone()), v.clone()))
                .collect(),
            _ => return self.unknown(file, span, "iterates over a value that is not static"),
        };
        let mut list = Vec::new();
        let mut object = Vec::new();
        for (k, v) in pairs {
            let mut bindings = vec![(f.intro.value_var.value().as_str().to_owned(), v)];
            if let Some(kv) = &f.intro.key_var {
                bindings.push((kv.value().as_str().to_owned(), k));
            }
            let inner = self.with_bindings(bindings);
            if let Some(cond) = &f.cond {
                match inner.eval(file, &cond.expr).as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        return self.unknown(
                            file,
                            span,
                            "filters on a condition that is not static",
                        )
                    }
                }
            }
            let value = inner.eval(file, &f.value_expr);
            match &f.key_expr {
                Some(ke) => {
                    let key = inner.eval(file, ke);
                    let Some(name) = key.to_text() else {
                        return self.unknown(file, span, "has keys that are not static");
                    };
                    object.push((name, key.span, value));
                }
                None => list.push(value),
            }
        }
        Tv::new(
            file,
            span,
            if f.key_expr.is_some() {
                V::Object(object)
            } else {
                V::List(list)
            },
        )
    }

    /// Renders a string template. The result maps each byte back to the source when the
    /// template is literal text (heredocs), so a JSON policy in it keeps exact spans.
    /// Unknown interpolations become holes; in `json` mode a hole outside a JSON string is
    /// quoted so that the document still parses.
    pub fn render(&self, file: FileId, template: &Template, span: Span, json: bool) -> Tv {
        // A lone interpolation keeps its value's type: "${var.list}" is the list.
        if let Some(Element::Interpolation(i)) = template.as_single_element() {
            return self.eval(file, &i.expr);
        }
        let source = self.files.get(file);
        let source_text = source.as_ref().map_or("", |f| f.text.as_str());
        let mut out = Rendered::default();
        self.render_into(file, template, source_text, json, &mut out);
        if let Some(reason) = out.failed {
            return self.unknown(file, span, reason);
        }
        Tv::new(
            file,
            span,
            V::Str {
                text: out.text,
                map: Some(Arc::new(out.map)),
            },
        )
    }

    fn render_into(
        &self,
        file: FileId,
        template: &Template,
        source: &str,
        json: bool,
        out: &mut Rendered,
    ) {
        for element in template.iter() {
            match element {
                Element::Literal(lit) => {
                    let span = span_of(lit);
                    let raw = source.get(span.start()..span.end()).unwrap_or("");
                    let map = align_offsets(lit.value(), raw);
                    out.push(lit.value(), |i| {
                        span.start() + map.get(i).copied().unwrap_or(0)
                    });
                }
                Element::Interpolation(i) => {
                    let at = span_of(i).start();
                    let value = self.eval(file, &i.expr);
                    match value.to_text() {
                        Some(text) => out.push(&text, |_| at),
                        None => {
                            let (expr, reason) = value
                                .first_unknown()
                                .map(|(e, r)| (e.to_owned(), r.to_owned()))
                                .unwrap_or_else(|| {
                                    (self.text(file, value.span), "is not a string".to_owned())
                                });
                            let quote = json && !out.in_json_string();
                            let hole = hole(&expr, &reason);
                            let text = if quote { format!("\"{hole}\"") } else { hole };
                            out.push(&text, |_| at);
                        }
                    }
                }
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(ifd) => match self.eval(file, &ifd.if_expr.cond_expr).as_bool() {
                        Some(true) => {
                            self.render_into(file, &ifd.if_expr.template, source, json, out)
                        }
                        Some(false) => {
                            if let Some(e) = &ifd.else_expr {
                                self.render_into(file, &e.template, source, json, out);
                            }
                        }
                        None => {
                            out.failed = Some(
                                "has an `%{if}` directive on a condition that is not static"
                                    .to_owned(),
                            )
                        }
                    },
                    Directive::For(fd) => {
                        let collection = self.eval(file, &fd.for_expr.collection_expr);
                        let Some(items) = collection.items().map(<[Tv]>::to_vec).or_else(|| {
                            match &collection.v {
                                V::Object(e) => Some(e.iter().map(|(_, _, v)| v.clone()).collect()),
                                _ => None,
                            }
                        }) else {
                            out.failed = Some(
                                "has a `%{for}` directive over a value that is not static"
                                    .to_owned(),
                            );
                            continue;
                        };
                        for (idx, item) in items.into_iter().enumerate() {
                            let mut b =
                                vec![(fd.for_expr.value_var.value().as_str().to_owned(), item)];
                            if let Some(k) = &fd.for_expr.key_var {
                                b.push((
                                    k.value().as_str().to_owned(),
                                    Tv::new(file, Span::default(), V::Number(idx as f64)),
                                ));
                            }
                            self.with_bindings(b).render_into(
                                file,
                                &fd.for_expr.template,
                                source,
                                json,
                                out,
                            );
                        }
                    }
                },
            }
        }
    }
}

/// `to` as a path from `from` (`.`, `modules/role`, `../shared`), as Terraform writes
/// `path.module`.
fn relative(from: &Path, to: &Path) -> String {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (from, to) = (abs(from), abs(to));
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = from
        .components()
        .skip(common)
        .map(|_| "..".to_owned())
        .collect();
    parts.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// A template being rendered: text, byte → file offset map, and whether it gave up.
#[derive(Default)]
struct Rendered {
    text: String,
    map: Vec<usize>,
    failed: Option<String>,
}

impl Rendered {
    fn push(&mut self, text: &str, at: impl Fn(usize) -> usize) {
        self.text.push_str(text);
        self.map.extend((0..text.len()).map(at));
    }

    /// Whether the end of the text is inside a JSON string literal.
    fn in_json_string(&self) -> bool {
        let mut inside = false;
        let mut escaped = false;
        for c in self.text.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if inside => escaped = true,
                '"' => inside = !inside,
                _ => {}
            }
        }
        inside
    }
}

/// A hole for an unknown interpolation; quotes and backslashes are kept out so it can sit
/// inside a JSON string.
pub fn hole(expr: &str, reason: &str) -> String {
    let clean = |s: &str| s.replace('"', "'").replace('\\', "/");
    format!(
        "{HOLE_START}{}{HOLE_SEP}{}{HOLE_END}",
        clean(expr),
        clean(reason)
    )
}

/// The first hole in a string, as (expression, reason).
pub fn first_hole(text: &str) -> Option<(String, String)> {
    let start = text.find(HOLE_START)?;
    let rest = &text[start + HOLE_START.len_utf8()..];
    let end = rest.find(HOLE_END)?;
    let (expr, reason) = rest[..end].split_once(HOLE_SEP)?;
    Some((expr.to_owned(), reason.to_owned()))
}

/// The text with holes replaced by their expressions without `:`, to recognise an ARN shape.
pub fn hole_shape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(HOLE_START) {
        out.push_str(&rest[..start]);
        let after = &rest[start + HOLE_START.len_utf8()..];
        let Some(end) = after.find(HOLE_END) else {
            break;
        };
        let expr = after[..end].split(HOLE_SEP).next().unwrap_or("");
        out.push_str(&expr.replace(':', ""));
        rest = &after[end + HOLE_END.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn index(value: &Tv, key: &Tv) -> Option<Tv> {
    match &value.v {
        V::List(items) => items.get(key.as_number()? as usize).cloned(),
        V::Object(_) | V::Json(_) => value.get(&key.to_text()?).cloned(),
        _ => None,
    }
}

fn binary(op: BinaryOperator, l: &Tv, r: &Tv) -> Option<V> {
    use BinaryOperator as B;
    if l.is_unknown() || r.is_unknown() {
        return None;
    }
    Some(match op {
        B::Eq => V::Bool(
            l.to_json() == r.to_json() || (l.to_text().is_some() && l.to_text() == r.to_text()),
        ),
        B::NotEq => V::Bool(
            !(l.to_json() == r.to_json() || (l.to_text().is_some() && l.to_text() == r.to_text())),
        ),
        B::And => V::Bool(l.as_bool()? && r.as_bool()?),
        B::Or => V::Bool(l.as_bool()? || r.as_bool()?),
        B::Less => V::Bool(l.as_number()? < r.as_number()?),
        B::LessEq => V::Bool(l.as_number()? <= r.as_number()?),
        B::Greater => V::Bool(l.as_number()? > r.as_number()?),
        B::GreaterEq => V::Bool(l.as_number()? >= r.as_number()?),
        B::Plus => V::Number(l.as_number()? + r.as_number()?),
        B::Minus => V::Number(l.as_number()? - r.as_number()?),
        B::Mul => V::Number(l.as_number()? * r.as_number()?),
        B::Div => V::Number(l.as_number()? / r.as_number()?),
        B::Mod => V::Number(l.as_number()? % r.as_number()?),
    })
}
