//! Findings as plain data: what rules produce and renderers consume.

use std::sync::Arc;

use crate::policy::{Location, Statement, TrustPolicy};
use crate::rules::Rule;
use crate::source::{SourceFile, SourceKind, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span with the text shown beside it.
#[derive(Debug, Clone)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub message: String,
    pub file: Arc<SourceFile>,
    /// Exactly one primary label: the constructor takes it.
    pub primary: Label,
    /// Principal and condition labels, shown in the human output only.
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    pub resource: Option<String>,
    pub source_kind: SourceKind,
    pub related: Vec<Location>,
    /// Canonical content of the offending statement (or policy), for fingerprints.
    pub canonical: String,
    /// Spans whose first line (or the line before) may hold an ignore comment.
    pub anchors: Vec<Span>,
    /// Anchors in other files than `file`.
    pub foreign_anchors: Vec<(Arc<SourceFile>, Span)>,
    pub metadata_ignores: Vec<String>,
}

impl Finding {
    /// A finding about a role's trust policy, at `span` in the policy's file.
    pub fn new(
        rule: &'static Rule,
        policy: &TrustPolicy,
        span: Span,
        label: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let mut anchors = policy.anchors.clone();
        anchors.push(span);
        Finding {
            rule,
            message: message.into(),
            file: policy.file.clone(),
            primary: Label {
                span,
                text: label.into(),
            },
            secondary: Vec::new(),
            help: None,
            resource: policy.resource.clone(),
            source_kind: policy.kind,
            related: policy.role.iter().chain(&policy.related).cloned().collect(),
            canonical: String::new(),
            anchors,
            foreign_anchors: policy.foreign_anchors.clone(),
            metadata_ignores: policy.metadata_ignores.clone(),
        }
    }

    /// A finding at a statement, in the file the statement is written in.
    pub fn for_statement(
        rule: &'static Rule,
        policy: &TrustPolicy,
        statement: &Statement,
        label: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let mut f = Finding::new(rule, policy, statement.span, label, message);
        if let Some(file) = statement
            .file
            .as_ref()
            .filter(|f| !Arc::ptr_eq(f, &policy.file))
        {
            f.foreign_anchors
                .extend(policy.anchors.iter().map(|a| (policy.file.clone(), *a)));
            f.anchors = vec![statement.span];
            f.file = file.clone();
        }
        f
    }

    /// A finding about a file as a whole (TL000).
    pub fn in_file(
        rule: &'static Rule,
        file: Arc<SourceFile>,
        kind: SourceKind,
        span: Span,
        label: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            primary: Label {
                span,
                text: label.into(),
            },
            message: message.into(),
            canonical: file.root_relative.clone(),
            file,
            secondary: Vec::new(),
            help: None,
            resource: None,
            source_kind: kind,
            related: Vec::new(),
            anchors: vec![span],
            foreign_anchors: Vec::new(),
            metadata_ignores: Vec::new(),
        }
    }

    /// TL000 findings name no resource (SPEC §6); the role stays in `related`.
    pub fn without_resource(mut self) -> Self {
        self.resource = None;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Option<Span>, text: impl Into<String>) -> Self {
        if let Some(span) = span.filter(|s| *s != self.primary.span) {
            self.secondary.push(Label {
                span,
                text: text.into(),
            });
        }
        self
    }

    pub fn with_canonical(mut self, canonical: impl Into<String>) -> Self {
        self.canonical = canonical.into();
        self
    }

    pub fn severity(&self) -> Severity {
        self.rule.severity
    }
}
