//! The trust-policy model every extractor produces, and the IAM semantics of SPEC §3 — once.
//!
//! Extractors turn CloudFormation, raw policies, account dumps (and later Terraform and CDK)
//! into [`TrustPolicy`] values with spans; [`analyze`] decides for each statement whether it is
//! in scope and how (or whether) it binds the session name to the caller. Rules only read the
//! resulting [`Analysis`]; none of them knows which syntax the policy came from.

use std::sync::Arc;

use crate::source::{SourceFile, SourceKind, Span};
use crate::syntax::Syntax;

/// A value that is either a literal or an expression that cannot be resolved statically.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Lit {
        text: String,
        span: Span,
    },
    Unknown {
        /// The expression as written (`!Ref TrustedAccount`, `var.arns`).
        expr: String,
        /// Why it cannot be resolved.
        reason: String,
        span: Span,
        /// A best-effort rendering with placeholders (`arn:aws:iam::${AWS::AccountId}:role/x`),
        /// enough to recognise the shape of an ARN.
        shape: Option<String>,
    },
}

impl Val {
    pub fn lit(text: impl Into<String>, span: Span) -> Self {
        Val::Lit {
            text: text.into(),
            span,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Val::Lit { span, .. } | Val::Unknown { span, .. } => *span,
        }
    }

    pub fn as_lit(&self) -> Option<&str> {
        match self {
            Val::Lit { text, .. } => Some(text),
            Val::Unknown { .. } => None,
        }
    }

    /// The literal text, or the unknown expression's shape.
    fn shape(&self) -> Option<&str> {
        match self {
            Val::Lit { text, .. } => Some(text),
            Val::Unknown { shape, .. } => shape.as_deref(),
        }
    }

    /// "`expr` (reason)" for messages about unknown values.
    pub fn describe_unknown(&self) -> Option<String> {
        match self {
            Val::Unknown { expr, reason, .. } => Some(format!("`{expr}` {reason}")),
            Val::Lit { .. } => None,
        }
    }
}

/// `Action` or `NotAction` with its items.
#[derive(Debug, Clone, PartialEq)]
pub struct Actions {
    pub negated: bool,
    pub items: Vec<Val>,
}

/// One principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalEntry {
    pub kind: String,
    pub values: Vec<Val>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Principal {
    Missing,
    /// `"Principal": "*"`.
    Star,
    Map(Vec<PrincipalEntry>),
    /// A literal that is neither `*` nor a map: IAM rejects it.
    Invalid,
    Unknown(Val),
}

impl Principal {
    fn entry(&self, kind: &str) -> Option<&PrincipalEntry> {
        match self {
            Principal::Map(entries) => entries.iter().find(|e| e.kind == kind),
            _ => None,
        }
    }
}

/// One `operator → key → values` triple of a `Condition` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub operator: String,
    pub key: String,
    pub values: Vec<Val>,
    /// Span of the key (`sts:RoleSessionName`) in the source.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    None,
    Known(Vec<Clause>),
    Unknown(Val),
}

#[derive(Debug, Clone)]
pub struct Statement {
    /// From the first byte of the statement to just after its last (SPEC §3 "Location").
    pub span: Span,
    /// Canonical JSON of the statement (keys sorted, no whitespace), for fingerprints.
    pub canonical: String,
    pub effect: Option<Val>,
    pub actions: Option<Actions>,
    pub principal: Principal,
    pub has_not_principal: bool,
    pub condition: Condition,
    pub principal_span: Option<Span>,
    pub condition_span: Option<Span>,
    /// How a fix is written where this statement is.
    pub syntax: Syntax,
    /// The file the statement is written in, when not the policy's (a Terraform statement
    /// object in a local of another file, a source policy document elsewhere).
    pub file: Option<Arc<SourceFile>>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub span: Span,
    pub version: Option<Val>,
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone)]
pub enum PolicyBody {
    Known(Document),
    /// The whole policy cannot be determined (TL004 at the attribute or property value).
    Unknown {
        span: Span,
        expr: String,
        reason: String,
    },
    /// The policy text itself is malformed (TL000 at the value).
    Malformed {
        span: Span,
        message: String,
    },
}

/// A place in some file, for `related` locations.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub message: String,
    /// The 1-based line and column as recorded elsewhere (a CDK creation trace naming a file
    /// that is not read), instead of computing them from `span`.
    pub position: Option<(usize, usize)>,
}

/// The message of the related location a CDK creation trace gives: the user's source line,
/// which annotations and SARIF use as the finding's place (SPEC §6).
pub const SOURCE_LINE: &str = "role created here";

impl Location {
    /// Where a role is defined, for `related`.
    pub fn role(file: Arc<SourceFile>, span: Span) -> Self {
        Location {
            file,
            span,
            message: "role defined here".to_owned(),
            position: None,
        }
    }

    /// 1-based line and character column.
    pub fn line_col(&self) -> (usize, usize) {
        self.position.unwrap_or_else(|| {
            crate::source::LineIndex::new(&self.file.text)
                .line_col(&self.file.text, self.span.start())
        })
    }
}

/// One role's trust policy, as every extractor produces it.
#[derive(Debug, Clone)]
pub struct TrustPolicy {
    pub kind: SourceKind,
    /// The file the policy's statements are in.
    pub file: Arc<SourceFile>,
    /// Terraform address, logical id, construct path or role name; `None` for raw policies.
    pub resource: Option<String>,
    /// Where the role is defined, reported as `related`.
    pub role: Option<Location>,
    /// Further related locations (a module call, a CDK source line).
    pub related: Vec<Location>,
    /// Spans whose first line (or the line before) may carry an ignore comment: the
    /// resource, the attribute or property, the policy document (SPEC §5).
    pub anchors: Vec<Span>,
    /// Anchors in other files (a Terraform role whose policy document is in another file).
    pub foreign_anchors: Vec<(Arc<SourceFile>, Span)>,
    /// Codes or names ignored through resource Metadata.
    pub metadata_ignores: Vec<String>,
    pub body: PolicyBody,
}

// ---------------------------------------------------------------------------------------
// IAM matching helpers
// ---------------------------------------------------------------------------------------

/// IAM action matching: case-insensitive, `*` any run, `?` any one character.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let a: Vec<char> = action.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ai) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while ai < a.len() {
        match p.get(pi) {
            Some('*') => {
                backtrack = Some((pi, ai));
                pi += 1;
            }
            Some(&c) if c == '?' || c == a[ai] => {
                pi += 1;
                ai += 1;
            }
            _ => match backtrack {
                Some((bp, ba)) => {
                    pi = bp + 1;
                    ai = ba + 1;
                    backtrack = Some((bp, ba + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

const ASSUME_ROLE: &str = "sts:AssumeRole";

/// Whether an `Action`/`NotAction` list lets the statement apply to `sts:AssumeRole`:
/// `Some(true)`/`Some(false)` when known, `Err(expression)` when an unknown item decides.
fn covers_assume_role(actions: &Actions) -> Result<bool, String> {
    let hit = actions
        .items
        .iter()
        .any(|v| v.as_lit().is_some_and(|a| action_matches(a, ASSUME_ROLE)));
    if hit {
        return Ok(!actions.negated);
    }
    match actions.items.iter().find_map(Val::describe_unknown) {
        Some(unknown) => Err(unknown),
        None => Ok(actions.negated),
    }
}

/// The set-operator prefix of a condition operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetOp {
    None,
    ForAnyValue,
    ForAllValues,
}

/// What an operator does to `sts:RoleSessionName`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpKind {
    /// `StringEquals`, `StringLike`, `StringEqualsIgnoreCase`.
    Positive {
        like: bool,
    },
    /// `StringNotEquals`, `StringNotLike`, `StringNotEqualsIgnoreCase`.
    Negated {
        like: bool,
    },
    Null,
    /// A real IAM operator that does not compare strings (`ArnLike`, `Bool`, …).
    OtherKnown,
    /// Not an IAM operator, or miscased (`stringlike`): IAM rejects the document.
    Invalid,
}

const OTHER_OPERATORS: &[&str] = &[
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
];

/// Splits an operator into its set prefix and kind. Operator names are case-sensitive
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>).
fn classify_operator(op: &str) -> (SetOp, OpKind) {
    let (set, rest) = if let Some(rest) = op.strip_prefix("ForAnyValue:") {
        (SetOp::ForAnyValue, rest)
    } else if let Some(rest) = op.strip_prefix("ForAllValues:") {
        (SetOp::ForAllValues, rest)
    } else {
        (SetOp::None, op)
    };
    if rest == "Null" {
        return (set, OpKind::Null);
    }
    let base = rest.strip_suffix("IfExists").unwrap_or(rest);
    let kind = match base {
        "StringEquals" | "StringEqualsIgnoreCase" => OpKind::Positive { like: false },
        "StringLike" => OpKind::Positive { like: true },
        "StringNotEquals" | "StringNotEqualsIgnoreCase" => OpKind::Negated { like: false },
        "StringNotLike" => OpKind::Negated { like: true },
        other if OTHER_OPERATORS.contains(&other) => OpKind::OtherKnown,
        _ => OpKind::Invalid,
    };
    (set, kind)
}

/// A `${…}` policy variable found in a condition value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    pub has_default: bool,
}

/// Splits a condition value into its policy variables and the fixed text around them.
/// `${*}`, `${?}` and `${$}` are IAM's escapes for literal characters.
fn scan_value(value: &str) -> (Vec<Variable>, String) {
    let mut vars = Vec::new();
    let mut fixed = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        fixed.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            fixed.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let inner = after[..end].trim();
        match inner {
            // Literal characters: not wildcards.
            "*" | "?" | "$" => fixed.push('_'),
            _ => {
                let (name, has_default) = match inner.split_once(',') {
                    Some((name, _)) => (name.trim(), true),
                    None => (inner, false),
                };
                vars.push(Variable {
                    name: name.to_owned(),
                    has_default,
                });
            }
        }
        rest = &after[end + 1..];
    }
    fixed.push_str(rest);
    (vars, fixed)
}

/// Whether a variable identifies the caller: `aws:username`, `aws:userid`,
/// `aws:SourceIdentity` or `aws:PrincipalTag/KEY` (names are case-insensitive).
fn identifies_caller(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "aws:username" | "aws:userid" | "aws:sourceidentity"
    ) || lower
        .strip_prefix("aws:principaltag/")
        .is_some_and(|k| !k.is_empty())
}

/// A value binds the session name to the caller when it contains a caller-identifying
/// variable without a default and, under a `…Like` operator, no wildcard (SPEC §3 "Weak").
pub fn is_binding(value: &str, like: bool) -> bool {
    let (vars, fixed) = scan_value(value);
    let binds = vars
        .iter()
        .any(|v| !v.has_default && identifies_caller(&v.name));
    let no_defaults = vars.iter().all(|v| !v.has_default);
    binds && no_defaults && !(like && (fixed.contains('*') || fixed.contains('?')))
}

/// Whether a value uses a variable that role sessions lack or cannot satisfy (TL003).
fn needs_user_identity(value: &str) -> bool {
    scan_value(value).0.iter().any(|v| {
        let n = v.name.to_ascii_lowercase();
        n == "aws:username" || n == "aws:userid"
    })
}

fn uses_variable(value: &str) -> bool {
    !scan_value(value).0.is_empty()
}

/// `arn:PARTITION:iam::ACCOUNT:role/…` or `arn:PARTITION:sts::ACCOUNT:assumed-role/…`.
pub fn is_role_arn(arn: &str) -> bool {
    // `${AWS::AccountId}` and other placeholders stand for one ARN field each.
    let mut plain = String::with_capacity(arn.len());
    let mut rest = arn;
    while let Some(start) = rest.find("${") {
        plain.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                plain.push('0');
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    plain.push_str(rest);
    let parts: Vec<&str> = plain.splitn(6, ':').collect();
    let [prefix, _partition, service, _region, _account, resource] = parts.as_slice() else {
        return false;
    };
    prefix.eq_ignore_ascii_case("arn")
        && ((service.eq_ignore_ascii_case("iam") && resource.starts_with("role/"))
            || (service.eq_ignore_ascii_case("sts") && resource.starts_with("assumed-role/")))
}

// ---------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------

/// Options that change the semantics.
#[derive(Debug, Clone, Copy, Default)]
pub struct Semantics {
    /// Accept `sts:SourceIdentity` as an alternative to `sts:RoleSessionName`.
    pub accept_source_identity: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    Out,
    In,
    /// Effect, Action or Principal kind cannot be determined: the reason.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Via {
    /// The statement's own condition (its key span).
    Own(Span),
    /// The Deny statement at this index of the document.
    Deny(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Enforcement {
    Enforced {
        values: Vec<String>,
        via: Via,
    },
    /// The key is present but does not bind the session name: why.
    Weak(String),
    /// A value of the condition cannot be resolved: the expression and why.
    Unknown(String),
    /// No condition enforces; an optional note (a miscased operator, say).
    Missing(Option<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub scope: Scope,
    pub enforcement: Enforcement,
}

/// The verdicts for one document of one role.
pub struct Analysis<'a> {
    pub policy: &'a TrustPolicy,
    pub document: &'a Document,
    pub verdicts: Vec<Verdict>,
    pub semantics: Semantics,
    /// The enforcing Deny's index and values, if the document has one.
    pub deny: Option<(usize, Vec<String>)>,
}

pub fn analyze<'a>(
    policy: &'a TrustPolicy,
    document: &'a Document,
    semantics: Semantics,
) -> Analysis<'a> {
    let keys = accepted_keys(semantics);
    let deny = enforcing_deny(document, &keys);
    let verdicts = document
        .statements
        .iter()
        .map(|s| {
            let scope = scope(s);
            let own = own_enforcement(s, &keys);
            let enforcement = match (own, &deny) {
                (own @ Enforcement::Enforced { .. }, _) => own,
                (_, Some((idx, values))) => Enforcement::Enforced {
                    values: values.clone(),
                    via: Via::Deny(*idx),
                },
                (own, None) => own,
            };
            Verdict { scope, enforcement }
        })
        .collect();
    Analysis {
        policy,
        document,
        verdicts,
        semantics,
        deny,
    }
}

fn accepted_keys(semantics: Semantics) -> Vec<&'static str> {
    let mut keys = vec!["sts:RoleSessionName"];
    if semantics.accept_source_identity {
        keys.push("sts:SourceIdentity");
    }
    keys
}

/// SPEC §3 "In scope": Allow, an action matching `sts:AssumeRole`, and `"*"` or an `AWS` key.
pub fn scope(s: &Statement) -> Scope {
    let mut unknown = Vec::new();
    match &s.effect {
        Some(Val::Lit { text, .. }) if text == "Allow" => {}
        Some(v @ Val::Unknown { .. }) => unknown.push(format!(
            "its Effect {}",
            v.describe_unknown().unwrap_or_default()
        )),
        _ => return Scope::Out,
    }
    match s.actions.as_ref().map(covers_assume_role) {
        None | Some(Ok(false)) => return Scope::Out,
        Some(Ok(true)) => {}
        Some(Err(why)) => unknown.push(format!("its action {why}")),
    }
    match &s.principal {
        Principal::Star => {}
        Principal::Map(_) if s.principal.entry("AWS").is_some() => {}
        Principal::Unknown(v) => unknown.push(format!(
            "its Principal {}",
            v.describe_unknown().unwrap_or_default()
        )),
        _ => return Scope::Out,
    }
    if unknown.is_empty() {
        Scope::In
    } else {
        Scope::Unknown(unknown.join("; "))
    }
}

/// Ranks enforcement outcomes so that the strongest one found among clauses wins.
fn rank(e: &Enforcement) -> u8 {
    match e {
        Enforcement::Enforced { .. } => 3,
        Enforcement::Unknown(_) => 2,
        Enforcement::Weak(_) => 1,
        Enforcement::Missing(_) => 0,
    }
}

/// How the statement's own `Condition` treats the session name.
fn own_enforcement(s: &Statement, keys: &[&str]) -> Enforcement {
    let clauses = match &s.condition {
        Condition::None => return Enforcement::Missing(None),
        Condition::Unknown(v) => {
            return Enforcement::Unknown(format!(
                "its Condition {}",
                v.describe_unknown().unwrap_or_default()
            ))
        }
        Condition::Known(clauses) => clauses,
    };
    let mut best = Enforcement::Missing(None);
    for clause in clauses {
        if !keys.iter().any(|k| k.eq_ignore_ascii_case(&clause.key)) {
            continue;
        }
        let outcome = judge_clause(clause);
        if rank(&outcome) > rank(&best) || matches!(best, Enforcement::Missing(None)) {
            best = outcome;
        }
    }
    best
}

/// Judges one clause on an accepted key (`sts:RoleSessionName`, or `sts:SourceIdentity` when
/// configured, which then counts in every way as its alternative).
fn judge_clause(clause: &Clause) -> Enforcement {
    let op = &clause.operator;
    let key = &clause.key;
    let (set, kind) = classify_operator(op);
    match kind {
        OpKind::Invalid => Enforcement::Missing(Some(format!(
            "`{op}` is not an IAM condition operator (operator names are case-sensitive), \
             so IAM rejects this policy on deploy and nothing enforces `{key}`"
        ))),
        OpKind::Positive { .. } if set == SetOp::ForAllValues => Enforcement::Weak(format!(
            "`{op}` on the single-valued `{key}` is also true when the key is absent"
        )),
        OpKind::Positive { like } => values_outcome(clause, like),
        OpKind::Negated { .. } => Enforcement::Weak(format!(
            "`{op}` only excludes names; it does not bind `{key}` to the caller"
        )),
        OpKind::Null => Enforcement::Weak(format!(
            "`Null` only tests whether `{key}` is present; it does not bind it to the caller"
        )),
        OpKind::OtherKnown => Enforcement::Missing(Some(format!(
            "`{op}` does not compare `{key}` as a string, so it enforces nothing"
        ))),
    }
}

/// A positive clause enforces when every value is known and binding.
fn values_outcome(clause: &Clause, like: bool) -> Enforcement {
    let key = &clause.key;
    if clause.values.is_empty() {
        return Enforcement::Weak(format!("`{key}` has no values"));
    }
    if let Some(text) = clause
        .values
        .iter()
        .filter_map(Val::as_lit)
        .find(|t| !is_binding(t, like))
    {
        return Enforcement::Weak(format!(
            "the value `{text}` does not bind `{key}` to the caller's identity{}",
            weak_value_hint(text, like)
        ));
    }
    if let Some(unknown) = clause.values.iter().find_map(Val::describe_unknown) {
        return Enforcement::Unknown(format!("the value of `{key}` {unknown}"));
    }
    Enforcement::Enforced {
        values: clause
            .values
            .iter()
            .filter_map(|v| v.as_lit().map(str::to_owned))
            .collect(),
        via: Via::Own(clause.span),
    }
}

fn weak_value_hint(text: &str, like: bool) -> &'static str {
    let (vars, fixed) = scan_value(text);
    if vars.iter().any(|v| v.has_default) {
        " (a variable with a default matches callers that lack it)"
    } else if like && (fixed.contains('*') || fixed.contains('?')) {
        " (a wildcard lets a caller pick a name that merely starts like theirs)"
    } else if vars.is_empty() {
        " (a fixed name says nothing about who assumed the role)"
    } else {
        " (the variable does not identify the caller)"
    }
}

/// SPEC §3: another statement that denies `sts:AssumeRole` to every principal unless the
/// session name is bound. Returns its index and binding values. Statements that share a span
/// and content are `Fn::If` variants of one statement: it enforces only if every variant does.
fn enforcing_deny(doc: &Document, keys: &[&str]) -> Option<(usize, Vec<String>)> {
    let mut found: Option<(usize, Vec<String>)> = None;
    for (i, s) in doc.statements.iter().enumerate() {
        let values = deny_values(s, keys);
        let siblings_agree = doc
            .statements
            .iter()
            .filter(|o| o.span == s.span && o.canonical == s.canonical)
            .all(|o| deny_values(o, keys).is_some());
        if let (Some(values), true, None) = (values, siblings_agree, &found) {
            found = Some((i, values));
        }
    }
    found
}

fn deny_values(s: &Statement, keys: &[&str]) -> Option<Vec<String>> {
    if s.effect.as_ref().and_then(Val::as_lit) != Some("Deny") || s.has_not_principal {
        return None;
    }
    if covers_assume_role(s.actions.as_ref()?) != Ok(true) {
        return None;
    }
    let every_principal = match &s.principal {
        Principal::Star => true,
        Principal::Map(_) => s
            .principal
            .entry("AWS")
            .is_some_and(|e| e.values.iter().any(|v| v.as_lit() == Some("*"))),
        _ => false,
    };
    let Condition::Known(clauses) = &s.condition else {
        return None;
    };
    let [clause] = clauses.as_slice() else {
        return None;
    };
    let (set, kind) = classify_operator(&clause.operator);
    let OpKind::Negated { like } = kind else {
        return None;
    };
    let key_ok = keys[..1]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(&clause.key));
    let values: Vec<String> = clause
        .values
        .iter()
        .map(|v| v.as_lit().map(str::to_owned))
        .collect::<Option<_>>()?;
    let binding = !values.is_empty() && values.iter().all(|v| is_binding(v, like));
    (every_principal && set == SetOp::None && key_ok && binding).then_some(values)
}

impl Analysis<'_> {
    /// The statements in scope, with their verdicts.
    pub fn in_scope(&self) -> impl Iterator<Item = (&Statement, &Verdict)> {
        self.document
            .statements
            .iter()
            .zip(&self.verdicts)
            .filter(|(_, v)| v.scope == Scope::In)
    }

    /// TL003: the enforcing values need `aws:username`/`aws:userid`, which role sessions
    /// cannot satisfy, while the statement trusts a role or assumed-role ARN.
    pub fn locks_out_roles(&self, s: &Statement, values: &[String]) -> bool {
        let trusts_role = s
            .principal
            .entry("AWS")
            .is_some_and(|e| e.values.iter().filter_map(Val::shape).any(is_role_arn));
        let locked =
            |values: &[String]| !values.is_empty() && values.iter().all(|v| needs_user_identity(v));
        // The Deny applies to every caller, whatever the statement's own condition says.
        let deny_locks = self.deny.as_ref().is_some_and(|(_, d)| locked(d));
        trusts_role && (locked(values) || deny_locks)
    }

    /// TL005: the span to report when the document disables policy variables while an
    /// enforcing condition uses one.
    pub fn variables_disabled_at(&self) -> Option<Span> {
        let disabled = match &self.document.version {
            None => true,
            Some(Val::Lit { text, .. }) => text != "2012-10-17",
            Some(Val::Unknown { .. }) => false,
        };
        if !disabled {
            return None;
        }
        let mut first: Option<Span> = None;
        for (s, v) in self.document.statements.iter().zip(&self.verdicts) {
            let Enforcement::Enforced { values, via } = &v.enforcement else {
                continue;
            };
            if v.scope != Scope::In || !values.iter().any(|x| uses_variable(x)) {
                continue;
            }
            let at = match via {
                Via::Own(_) => s.span,
                Via::Deny(i) => self.document.statements.get(*i).map_or(s.span, |d| d.span),
            };
            if first.is_none_or(|f| at.start < f.start) {
                first = Some(at);
            }
        }
        let first = first?;
        Some(match &self.document.version {
            Some(v) => v.span(),
            None => first,
        })
    }

    /// Whether the statement also trusts a `Service` principal (TL006).
    pub fn trusts_service(s: &Statement) -> bool {
        s.principal.entry("Service").is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_globs() {
        for (p, ok) in [
            ("sts:AssumeRole", true),
            ("STS:assumerole", true),
            ("sts:*", true),
            ("sts:Assume*", true),
            ("*", true),
            ("sts:AssumeRol?", true),
            ("sts:AssumeRoleWithSAML", false),
            ("sts:AssumeRole*", true),
            ("s3:*", false),
            ("sts:?", false),
            ("*:*", true),
        ] {
            assert_eq!(action_matches(p, ASSUME_ROLE), ok, "{p}");
        }
    }

    #[test]
    fn binding_values() {
        assert!(is_binding("${aws:username}", true));
        assert!(is_binding("${aws:username}@corp.example.com", true));
        assert!(is_binding("${AWS:UserName}", false));
        assert!(is_binding("${aws:PrincipalTag/email}", true));
        assert!(is_binding("${aws:SourceIdentity}", true));
        assert!(is_binding("${aws:userid}", false));
        assert!(is_binding("${aws:username}${*}", true));
        assert!(!is_binding("${aws:username}*", true));
        assert!(is_binding("${aws:username}*", false));
        assert!(!is_binding("${aws:username, 'x'}", false));
        assert!(!is_binding("*", true));
        assert!(!is_binding("ci-deploy", false));
        assert!(!is_binding("${aws:PrincipalTag/}", false));
        assert!(!is_binding("${aws:CurrentTime}", false));
        assert!(!is_binding("${aws:username", false));
    }

    #[test]
    fn operators() {
        assert_eq!(
            classify_operator("StringLikeIfExists"),
            (SetOp::None, OpKind::Positive { like: true })
        );
        assert_eq!(
            classify_operator("ForAnyValue:StringEquals"),
            (SetOp::ForAnyValue, OpKind::Positive { like: false })
        );
        assert_eq!(classify_operator("stringlike").1, OpKind::Invalid);
        assert_eq!(classify_operator("NullIfExists").1, OpKind::Invalid);
        assert_eq!(classify_operator("ArnLike").1, OpKind::OtherKnown);
        assert_eq!(
            classify_operator("StringNotEqualsIgnoreCaseIfExists").1,
            OpKind::Negated { like: false }
        );
    }

    #[test]
    fn role_arns() {
        assert!(is_role_arn("arn:aws:iam::123456789012:role/ci"));
        assert!(is_role_arn(
            "arn:aws-us-gov:sts::123456789012:assumed-role/ci/s"
        ));
        assert!(!is_role_arn("arn:aws:iam::123456789012:root"));
        assert!(!is_role_arn("arn:aws:iam::123456789012:user/alice"));
        assert!(!is_role_arn("123456789012"));
        assert!(is_role_arn(
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ci"
        ));
        assert!(!is_role_arn("arn:aws:iam::${AWS::AccountId}:root"));
    }
}
