//! Finding the files to lint: walking directories with ignore files, and named paths.

use std::path::{Path, PathBuf};

use ignore::gitignore::GitignoreBuilder;
use ignore::WalkBuilder;

use crate::config::Config;

pub const IGNORE_FILE: &str = ".trustlintignore";

/// Extensions of files that may hold a trust policy.
const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "template", "tf", "tofu"];

#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    pub no_ignore: bool,
    pub hidden: bool,
}

/// Whether the file's name makes it a candidate input.
pub fn is_candidate(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The files to lint under `paths`, sorted and deduplicated. A named file is always linted
/// unless the config's `exclude` or a `.trustlintignore` excludes it; a named directory is
/// walked honouring ignore files and skipping hidden entries.
pub fn discover(
    paths: &[PathBuf],
    root: &Path,
    config: &Config,
    opts: WalkOptions,
) -> Vec<PathBuf> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    for path in paths {
        // A named directory is not walked when a `.trustlintignore` above it excludes it.
        if path.is_dir() && !opts.no_ignore && trustlintignored(path, root, true) {
            continue;
        }
        if path.is_file() {
            let ignored = !opts.no_ignore && trustlintignored(path, root, false);
            if !config.excluded(path) && !ignored {
                files.push(path.clone());
            }
            continue;
        }
        let mut walk = WalkBuilder::new(path);
        walk.hidden(!opts.hidden)
            .git_ignore(!opts.no_ignore)
            .git_exclude(!opts.no_ignore)
            .git_global(false)
            .ignore(!opts.no_ignore)
            .parents(!opts.no_ignore)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_path(|a, b| a.cmp(b));
        if !opts.no_ignore {
            walk.add_custom_ignore_filename(IGNORE_FILE);
        }
        for entry in walk.build().flatten() {
            let p = entry.path();
            let is_file = match entry.file_type() {
                Some(t) if t.is_symlink() => symlink_inside(p, &canonical_root),
                Some(t) => t.is_file(),
                None => false,
            };
            if is_file && is_candidate(p) && !config.excluded(p) {
                files.push(clean(p));
            }
        }
    }
    files.sort();
    files.dedup();
    files
}

/// Removes a leading `./` so displayed paths read naturally.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

/// A symlink is followed only when it resolves to a file inside the project root.
fn symlink_inside(path: &Path, canonical_root: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|t| t.starts_with(canonical_root) && t.is_file())
}

/// Whether the `.trustlintignore` files in the path's directory and above (up to the project
/// root) exclude a named path: the deepest file that matches decides, so `!negation`s in a
/// subdirectory re-include what a parent excluded, as in git.
fn trustlintignored(path: &Path, root: &Path, is_dir: bool) -> bool {
    let Ok(absolute) = std::path::absolute(path) else {
        return false;
    };
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut dirs: Vec<&Path> = absolute
        .ancestors()
        .skip(1)
        .take_while(|d| d.starts_with(&root))
        .collect();
    dirs.reverse();
    let mut ignored = false;
    for dir in dirs {
        let file = dir.join(IGNORE_FILE);
        if !file.is_file() {
            continue;
        }
        let mut b = GitignoreBuilder::new(dir);
        b.add(&file);
        let Ok(g) = b.build() else { continue };
        match g.matched_path_or_any_parents(&absolute, is_dir) {
            ignore::Match::Ignore(_) => ignored = true,
            ignore::Match::Whitelist(_) => ignored = false,
            ignore::Match::None => {}
        }
    }
    ignored
}
