//! The files a Terraform run reads: module sources, tfvars, and files reached through
//! `file()`/`templatefile()`, confined to the project root.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::value::FileId;
use crate::source::SourceFile;
use crate::source::Span;

/// Where a virtual file's bytes come from: the real file and each byte's offset in it.
type Origin = Option<(FileId, Arc<Vec<usize>>)>;

/// A registry of read files; `FileId`s index it. Some entries are virtual: HCL rewritten from
/// a `.tf.json` file, with a byte map back to it.
pub struct Files {
    list: Mutex<Vec<Arc<SourceFile>>>,
    origins: Mutex<Vec<Origin>>,
    root: PathBuf,
    cwd: PathBuf,
}

impl Files {
    pub fn new(root: &Path, cwd: &Path) -> Self {
        Files {
            list: Mutex::new(Vec::new()),
            origins: Mutex::new(Vec::new()),
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            cwd: cwd.to_path_buf(),
        }
    }

    pub fn get(&self, id: FileId) -> Option<Arc<SourceFile>> {
        self.list.lock().ok()?.get(id).cloned()
    }

    /// Every real file read so far.
    pub fn all(&self) -> Vec<Arc<SourceFile>> {
        let (Ok(list), Ok(origins)) = (self.list.lock(), self.origins.lock()) else {
            return Vec::new();
        };
        list.iter()
            .zip(origins.iter())
            .filter(|(_, o)| o.is_none())
            .map(|(f, _)| f.clone())
            .collect()
    }

    /// Registers text derived from file `of` (each byte mapped to an offset in it).
    pub fn add_virtual(&self, of: FileId, text: String, map: Vec<usize>) -> Option<FileId> {
        let real = self.get(of)?;
        let mut list = self.list.lock().ok()?;
        let mut origins = self.origins.lock().ok()?;
        list.push(Arc::new(SourceFile {
            display: real.display.clone(),
            root_relative: real.root_relative.clone(),
            path: real.path.clone(),
            text,
        }));
        origins.push(Some((of, Arc::new(map))));
        Some(list.len() - 1)
    }

    /// The real file and span behind a (possibly virtual) file's span.
    pub fn resolve(&self, id: FileId, span: Span) -> (FileId, Span) {
        let origin = self
            .origins
            .lock()
            .ok()
            .and_then(|o| o.get(id).cloned().flatten());
        match origin {
            None => (id, span),
            Some((real, map)) => {
                let at = |i: usize| map.get(i).copied().unwrap_or(0);
                let start = at(span.start());
                let end = match span.end().checked_sub(1) {
                    Some(last) if span.end() > span.start() => at(last) + 1,
                    _ => start,
                };
                (real, Span::new(start, end.max(start)))
            }
        }
    }

    /// The real source file and span behind a (possibly virtual) span.
    pub fn locate(&self, id: FileId, span: Span) -> Option<(Arc<SourceFile>, Span)> {
        let (real, span) = self.resolve(id, span);
        Some((self.get(real)?, span))
    }

    /// Reads a file (once) and returns its id.
    pub fn load(&self, path: &Path) -> Result<FileId, String> {
        let canonical = path
            .canonicalize()
            .map_err(|_| format!("`{}` does not exist", path.display()))?;
        let mut list = self
            .list
            .lock()
            .map_err(|_| "file registry poisoned".to_owned())?;
        if let Some(i) = list
            .iter()
            .position(|f| f.path.canonicalize().is_ok_and(|p| p == canonical))
        {
            return Ok(i);
        }
        let bytes = std::fs::read(&canonical).map_err(|e| format!("cannot be read: {e}"))?;
        let display_path = if path.is_absolute() {
            path.to_path_buf()
        } else {
            clean(path)
        };
        if let Ok(mut origins) = self.origins.lock() {
            origins.push(None);
        }
        list.push(Arc::new(SourceFile {
            display: crate::display_path(&display_path, &self.cwd),
            root_relative: crate::slash(canonical.strip_prefix(&self.root).unwrap_or(&canonical)),
            path: display_path,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }));
        Ok(list.len() - 1)
    }

    /// Resolves `path` relative to `dir` for `file()`: it must exist and stay inside the
    /// project root (no `..` escape, no symlink out of it).
    pub fn confined(&self, dir: &Path, path: &str) -> Result<PathBuf, String> {
        let joined = dir.join(path);
        let canonical = joined
            .canonicalize()
            .map_err(|_| format!("`{path}` does not exist"))?;
        if !canonical.starts_with(&self.root) {
            return Err(format!(
                "`{path}` is outside the project root and is not read"
            ));
        }
        if !canonical.is_file() {
            return Err(format!("`{path}` is not a file"));
        }
        // Read what was checked: the canonical file (as the OS resolves `link/..`), shown
        // relative to the current directory.
        Ok(canonical
            .strip_prefix(self.cwd_canonical())
            .map_or_else(|_| canonical.clone(), Path::to_path_buf))
    }

    fn cwd_canonical(&self) -> PathBuf {
        self.cwd.canonicalize().unwrap_or_else(|_| self.cwd.clone())
    }

    /// Whether a path resolves inside the project root (symlinks followed).
    pub fn inside_root(&self, path: &Path) -> bool {
        path.canonicalize().is_ok_and(|c| c.starts_with(&self.root))
    }
}

/// Lexically removes `.` and `a/..` so displayed paths read naturally.
fn clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
