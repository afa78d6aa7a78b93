//! Human output: miette graphical reports with the source frame, labels, help and a summary.
//!
//! miette prints whole source lines, and a minified template is one line of megabytes, so
//! lines longer than [`MAX_LINE`] are cut around the labels before rendering.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use crate::finding::{Finding, Severity};
use crate::source::{floor_char_boundary, LineIndex, Span};
use crate::Outcome;

/// Longest source line shown whole.
pub const MAX_LINE: usize = 200;
/// Characters kept before the first label on a cut line.
const BEFORE: usize = 60;

/// Rendering settings.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Terminal width; `None` lets miette decide.
    pub width: Option<usize>,
    pub quiet: bool,
}

/// One finding, as miette wants it.
struct Report {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Shortens lines longer than [`MAX_LINE`] that the spans touch, keeping a window around the
/// first span start on each; returns the new text and the spans mapped into it.
pub fn cut_long_lines(text: &str, spans: &[Span]) -> (String, Vec<Span>) {
    let index = LineIndex::new(text);
    let mut lines: Vec<(usize, usize, usize, usize)> = Vec::new(); // line start/end, window
    for s in spans {
        for line in index.line(s.start())..=index.line(s.end()) {
            let Some((ls, le)) = index.line_range(text, line) else {
                continue;
            };
            if le - ls <= MAX_LINE || lines.iter().any(|l| l.0 == ls) {
                continue;
            }
            // Centre on the primary label (the first span) when it is on this line.
            let anchor = spans
                .iter()
                .find(|p| p.start() >= ls && p.start() <= le)
                .map_or(ls, |p| p.start());
            let ws = floor_char_boundary(text, anchor.saturating_sub(BEFORE).max(ls));
            let we = floor_char_boundary(text, (ws + MAX_LINE - 2).min(le));
            lines.push((ls, le, ws, we));
        }
    }
    if lines.is_empty() {
        return (text.to_owned(), spans.to_vec());
    }
    lines.sort_unstable();
    let mut out = String::with_capacity(text.len().min(1 << 20));
    let mut cuts = Vec::new(); // (old line start, old line end, window, new window start)
    let mut pos = 0;
    for &(ls, le, ws, we) in &lines {
        out.push_str(&text[pos..ls]);
        if ws > ls {
            out.push('…');
        }
        let new_ws = out.len();
        out.push_str(&text[ws..we]);
        if we < le {
            out.push('…');
        }
        cuts.push((ls, le, ws, we, new_ws));
        pos = le;
    }
    out.push_str(&text[pos..]);
    let map = |o: usize| -> usize {
        let mut shift: isize = 0;
        for &(ls, le, ws, we, new_ws) in &cuts {
            if o < ls {
                break;
            }
            if o <= le {
                return new_ws + o.clamp(ws, we) - ws;
            }
            let ellipsis = if we < le { '…'.len_utf8() } else { 0 };
            shift = (new_ws + (we - ws) + ellipsis) as isize - le as isize;
        }
        o.saturating_add_signed(shift)
    };
    let mapped = spans
        .iter()
        .map(|s| Span::new(map(s.start()), map(s.end())))
        .collect();
    (out, mapped)
}

/// The part of a span on its first line.
fn first_line(text: &str, span: Span) -> Span {
    let rest = text.get(span.start()..span.end()).unwrap_or("");
    let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
    Span::new(span.start(), span.start() + len)
}

fn report(f: &Finding) -> Report {
    let mut spans = vec![f.primary.span];
    // Secondary labels mark where the principal and condition start; a multi-line YAML
    // mapping would otherwise draw a second gutter beside the statement's.
    spans.extend(f.secondary.iter().map(|l| first_line(&f.file.text, l.span)));
    let same_file_related: Vec<_> = f
        .related
        .iter()
        .filter(|r| std::sync::Arc::ptr_eq(&r.file, &f.file))
        .collect();
    // A role's own location can be a whole resource: label only its first line.
    spans.extend(
        same_file_related
            .iter()
            .map(|r| first_line(&f.file.text, r.span)),
    );
    let (text, spans) = cut_long_lines(&f.file.text, &spans);
    let mut texts = vec![Some(f.primary.text.clone())];
    texts.extend(f.secondary.iter().map(|l| Some(l.text.clone())));
    texts.extend(same_file_related.iter().map(|r| Some(r.message.clone())));
    let labels = spans
        .iter()
        .zip(texts)
        .enumerate()
        .map(|(i, (s, t))| {
            let span: miette::SourceSpan = (s.start(), s.len()).into();
            if i == 0 {
                LabeledSpan::new_primary_with_span(t, span)
            } else {
                LabeledSpan::new_with_span(t, span)
            }
        })
        .collect();
    let mut help = f.help.clone().unwrap_or_default();
    for r in f
        .related
        .iter()
        .filter(|r| !std::sync::Arc::ptr_eq(&r.file, &f.file))
    {
        let (line, col) = r.line_col();
        help.push_str(&format!("\n{}: {}:{line}:{col}", r.message, r.file.display));
    }
    let code = match &f.resource {
        Some(resource) => format!("{}({}) {resource}", f.rule.code, f.rule.name),
        None => format!("{}({})", f.rule.code, f.rule.name),
    };
    Report {
        message: f.message.clone(),
        code,
        severity: match f.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        help: (!help.is_empty()).then_some(help),
        source: NamedSource::new(&f.file.display, text).with_language("json"),
        labels,
    }
}

/// Renders every finding and, unless quiet, the summary line and notes.
pub fn render(outcome: &Outcome, style: Style) -> String {
    let notes = &outcome.notes;
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    if let Some(width) = style.width {
        handler = handler.with_width(width);
    }
    let mut out = String::new();
    for f in &outcome.findings {
        let r = report(f);
        if handler.render_report(&mut out, &r).is_err() {
            out.push_str(&format!("{}: {}\n", f.file.display, f.message));
        }
    }
    if !style.quiet {
        let (errors, warnings) = super::counts(&outcome.findings);
        out.push_str(&format!(
            "{} roles checked in {} files: {errors} errors, {warnings} warnings\n",
            outcome.roles_checked, outcome.files_scanned
        ));
        for note in notes {
            out.push_str(&format!("note: {note}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_long_lines_around_the_span() {
        let long = format!("{}TARGET{}", "a".repeat(500), "b".repeat(500));
        let text = format!("first\n{long}\nlast");
        let start = text.find("TARGET").expect("present");
        let (cut, spans) = cut_long_lines(&text, &[Span::new(start, start + 6)]);
        assert!(cut.lines().all(|l| l.chars().count() <= MAX_LINE + 2));
        assert_eq!(&cut[spans[0].start()..spans[0].end()], "TARGET");
        assert!(cut.ends_with("\nlast"));
        let short = "short\ntext";
        assert_eq!(cut_long_lines(short, &[Span::new(0, 3)]).0, short);
    }
}
