//! Source files, byte spans and the line index that turns spans into lines and columns.
//!
//! Every parser stores byte offsets into the file's text; line and column are computed
//! only when a finding is rendered (DESIGN §2).

use std::path::PathBuf;

/// A half-open byte range `[start, end)` into one file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { start, end }
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// What kind of input a file is, decided from its name and, for JSON/YAML, its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    Terraform,
    TerraformPlan,
    CloudFormation,
    Cdk,
    Policy,
    Account,
}

impl SourceKind {
    /// The name used in JSON output (`source_kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Terraform => "terraform",
            SourceKind::TerraformPlan => "terraform-plan",
            SourceKind::CloudFormation => "cloudformation",
            SourceKind::Cdk => "cdk",
            SourceKind::Policy => "policy",
            SourceKind::Account => "account",
        }
    }
}

/// One file read from disk.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as it is displayed (relative to the current directory when under it).
    pub display: String,
    /// The path used to open the file.
    pub path: PathBuf,
    /// The path relative to the project root, `/`-separated (SARIF, fingerprints).
    pub root_relative: String,
    pub text: String,
}

/// Byte offsets of line starts, to turn a byte offset into a 1-based line and character column.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        // A byte-order mark is not a column.
        let col = text
            .get(start..offset)
            .map_or(0, |s| s.trim_start_matches('\u{feff}').chars().count());
        (line + 1, col + 1)
    }

    /// 1-based line number of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Byte range of a 1-based line, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let mut end = self.starts.get(line).map_or(text.len(), |&n| n - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some((start, end))
    }
}

/// An empty span (a parse error at the end of input, say) widened to the character before
/// it, so that every finding has something to point at.
pub fn widen_empty(span: Span, text: &str) -> Span {
    if !span.is_empty() {
        return span;
    }
    let end = floor_char_boundary(text, span.end().min(text.len()));
    match text[..end].chars().next_back() {
        Some(c) => Span::new(end - c.len_utf8(), end),
        None => span,
    }
}

/// The largest char boundary not above `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Maps character indices (as saphyr counts them) to byte offsets, with an ASCII fast path.
pub struct CharToByte {
    /// `None` when the text is ASCII and the two coincide.
    offsets: Option<Vec<u32>>,
    len: usize,
}

impl CharToByte {
    pub fn new(text: &str) -> Self {
        let offsets = (!text.is_ascii()).then(|| {
            let mut v: Vec<u32> = text
                .char_indices()
                .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                .collect();
            v.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            v
        });
        CharToByte {
            offsets,
            len: text.len(),
        }
    }

    pub fn byte(&self, char_index: usize) -> usize {
        match &self.offsets {
            None => char_index.min(self.len),
            Some(v) => v.get(char_index).map_or(self.len, |&b| b as usize),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "é\nab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 2), (1, 2));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 4), (2, 2));
        assert_eq!(idx.line_col(text, 7), (3, 1));
        assert_eq!(idx.line_range(text, 2), Some((3, 5)));
    }

    #[test]
    fn char_to_byte_handles_multibyte() {
        let text = "é€a";
        let m = CharToByte::new(text);
        assert_eq!(m.byte(0), 0);
        assert_eq!(m.byte(1), 2);
        assert_eq!(m.byte(2), 5);
        assert_eq!(m.byte(3), 6);
        assert_eq!(m.byte(99), 6);
        assert_eq!(CharToByte::new("abc").byte(2), 2);
    }
}
