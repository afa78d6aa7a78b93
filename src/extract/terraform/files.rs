//! The files a Terraform run reads: module sources, tfvars, and files reached through
//! `file()`/`templatefile()`, confined to the project root.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::value::FileId;
use crate::source::SourceFile;

/// A registry of read files; `FileId`s index it.
pub struct Files {
    list: Mutex<Vec<Arc<SourceFile>>>,
    root: PathBuf,
    cwd: PathBuf,
}

impl Files {
    pub fn new(root: &Path, cwd: &Path) -> Self {
        Files {
            list: Mutex::new(Vec::new()),
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            cwd: cwd.to_path_buf(),
        }
    }

    pub fn get(&self, id: FileId) -> Option<Arc<SourceFile>> {
        self.list.lock().ok()?.get(id).cloned()
    }

    /// Every file read so far.
    pub fn all(&self) -> Vec<Arc<SourceFile>> {
        self.list.lock().map(|l| l.clone()).unwrap_or_default()
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
        Ok(clean(&joined))
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
