//! Stage 4, `write`: puts the rendered output on disk atomically. The site is written into a
//! temporary folder beside the output folder, then swapped in, so a failed or killed build
//! leaves the last good site complete, and no stale file of an earlier build survives.
//!
//! One of the three modules that touch the file system. It never writes outside the output
//! folder and its temporary siblings, and never follows a symlink when cleaning.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::render::Output;

/// Prefixes of the temporary siblings of an output folder `public`: `.public.placard-new-*`
/// while a build writes, `.public.placard-old-*` while the previous site is moved away.
const NEW: &str = "placard-new";
const OLD: &str = "placard-old";

#[derive(Debug)]
pub enum WriteError {
    /// The output folder would overwrite or sit inside content Placard reads.
    Refused(String),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Refused(why) => f.write_str(why),
            WriteError::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Refuses an output folder that is the site root, a parent of it, or inside the folders
/// Placard reads (`content/`, `i18n/`, `themes/`): writing there would destroy the sources.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), WriteError> {
    let root = absolute(root);
    let output = absolute(output);
    if output == root {
        return Err(WriteError::Refused(format!(
            "the output folder `{}` is the site root; choose a folder such as `public`",
            output.display()
        )));
    }
    if root.starts_with(&output) {
        return Err(WriteError::Refused(format!(
            "the output folder `{}` contains the site root; building there would delete the site",
            output.display()
        )));
    }
    for inner in ["content", "i18n", "themes"] {
        if output.starts_with(root.join(inner)) {
            return Err(WriteError::Refused(format!(
                "the output folder `{}` is inside `{inner}/`, which Placard reads; choose a folder such as `public`",
                output.display()
            )));
        }
    }
    Ok(())
}

/// An absolute, lexically normalised path; symlinks in existing parts are resolved.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(c) = path.canonicalize() {
        return c;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve the longest existing ancestor so that `a/../b` and symlinked parents compare right.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Writes `output` to `dir`, replacing what was there only once everything is written.
pub fn write(output: &Output, dir: &Path) -> Result<(), WriteError> {
    let staging = Staging::begin(dir)?;
    for (path, bytes) in &output.files {
        staging.put_bytes(path, bytes);
    }
    staging.commit()
}

/// A new site being written into a temporary folder beside the output folder, file by file
/// from any thread, then swapped in by [`Staging::commit`]. Dropped without a commit, the
/// temporary folder is removed and the output folder is untouched; a killed build leaves it
/// for the next build to clean up.
#[derive(Debug)]
pub struct Staging {
    temp: PathBuf,
    dir: PathBuf,
    parent: PathBuf,
    name: String,
    /// Folders already made inside `temp`.
    made: Mutex<HashSet<PathBuf>>,
    /// The first failure; later files are not written.
    failed: Mutex<Option<WriteError>>,
    committed: bool,
}

impl Staging {
    /// Repairs what a killed build left beside `dir`, then makes the temporary folder.
    pub fn begin(dir: &Path) -> Result<Staging, WriteError> {
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(&parent).map_err(|e| WriteError::Io(parent.clone(), e))?;
        recover(&parent, &name, dir)?;
        let temp = parent.join(format!(".{name}.{NEW}-{}", std::process::id()));
        remove_tree(&temp)?;
        std::fs::create_dir(&temp).map_err(|e| WriteError::Io(temp.clone(), e))?;
        Ok(Staging {
            temp,
            dir: dir.to_path_buf(),
            parent,
            name,
            made: Mutex::new(HashSet::new()),
            failed: Mutex::new(None),
            committed: false,
        })
    }

    /// Writes one file of the new site. A failure is kept and reported by `commit`.
    pub fn put_bytes(&self, path: &str, bytes: &[u8]) {
        let failed = self.failed.lock().is_ok_and(|f| f.is_some());
        if failed {
            return;
        }
        if let Err(e) = self.try_put(path, bytes)
            && let Ok(mut failed) = self.failed.lock()
        {
            failed.get_or_insert(e);
        }
    }

    fn try_put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        // Paths come from `UrlPath`s, which never climb; checked again here, where it matters.
        if path.split('/').any(|s| s == ".." || s.is_empty()) || path.starts_with('/') {
            return Err(WriteError::Refused(format!(
                "refusing to write `{path}`: it would leave the output folder"
            )));
        }
        let target = self.temp.join(path);
        if let Some(folder) = target.parent() {
            let known = self.made.lock().is_ok_and(|made| made.contains(folder));
            if !known {
                std::fs::create_dir_all(folder)
                    .map_err(|e| WriteError::Io(folder.to_path_buf(), e))?;
                if let Ok(mut made) = self.made.lock() {
                    made.insert(folder.to_path_buf());
                }
            }
        }
        std::fs::write(&target, bytes).map_err(|e| WriteError::Io(target.clone(), e))
    }

    /// Swaps the new site in, unless writing any file failed.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let failed = self.failed.lock().ok().and_then(|mut f| f.take());
        if let Some(e) = failed {
            return Err(e);
        }
        self.committed = true;
        swap_in(&self.temp, &self.dir, &self.parent, &self.name)
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.put_bytes(&path, &bytes);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.temp);
        }
    }
}

/// Finishes or undoes what a killed build left: if the output folder is missing but a moved
/// away previous site exists, that site is put back; leftover temporary folders are removed.
fn recover(parent: &Path, name: &str, dir: &Path) -> Result<(), WriteError> {
    let entries = match std::fs::read_dir(parent) {
        Ok(e) => e,
        Err(e) => return Err(WriteError::Io(parent.to_path_buf(), e)),
    };
    let mut leftovers = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&format!(".{name}.{NEW}-"))
            || file_name.starts_with(&format!(".{name}.{OLD}-"))
        {
            leftovers.push(entry.path());
        }
    }
    leftovers.sort();
    for path in leftovers {
        let is_old = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains(OLD));
        if is_old && std::fs::symlink_metadata(dir).is_err() {
            std::fs::rename(&path, dir).map_err(|e| WriteError::Io(path.clone(), e))?;
        } else {
            remove_tree(&path)?;
        }
    }
    Ok(())
}

/// Replaces `dir` with `temp`. On Linux the two folders are exchanged in one atomic step;
/// elsewhere the old site is renamed aside first, and `recover` repairs an interrupted swap.
fn swap_in(temp: &Path, dir: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if std::fs::symlink_metadata(dir).is_err() {
        return std::fs::rename(temp, dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, temp, CWD, dir, RenameFlags::EXCHANGE).is_ok() {
            // `temp` now holds the previous site.
            return remove_tree(temp);
        }
    }
    let old = parent.join(format!(".{name}.{OLD}-{}", std::process::id()));
    std::fs::rename(dir, &old).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
    std::fs::rename(temp, dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
    remove_tree(&old)
}

/// Removes a folder tree without following symlinks: a link is removed, never its target.
fn remove_tree(path: &Path) -> Result<(), WriteError> {
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if meta.is_dir() => {
            std::fs::remove_dir_all(path).map_err(|e| WriteError::Io(path.to_path_buf(), e))
        }
        Ok(_) => std::fs::remove_file(path).map_err(|e| WriteError::Io(path.to_path_buf(), e)),
    }
}

/// `placard i18n mark-current`: records in each translation the fingerprint of its current
/// original, once a translator has brought it up to date. Returns each file with the
/// fingerprint written.
pub fn mark_current(
    source_language: &str,
    files: &[PathBuf],
) -> Result<Vec<(PathBuf, String)>, WriteError> {
    let mut done = Vec::new();
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((stem, lang)) = name.strip_suffix(".md").and_then(|s| s.rsplit_once('.')) else {
            return Err(WriteError::Refused(format!(
                "`{}` is not a prose file named `NAME.LANG.md`",
                file.display()
            )));
        };
        if lang == source_language {
            return Err(WriteError::Refused(format!(
                "`{}` is an original, not a translation",
                file.display()
            )));
        }
        let original = file.with_file_name(format!("{stem}.{source_language}.md"));
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|e| WriteError::Io(p.to_path_buf(), e));
        let fingerprint = crate::resolve::fingerprint(&crate::load::normalise(read(&original)?));
        let text = crate::load::normalise(read(file)?);
        let updated = crate::status::set_translated_from(&text, &fingerprint);
        std::fs::write(file, updated).map_err(|e| WriteError::Io(file.clone(), e))?;
        done.push((file.clone(), fingerprint));
    }
    Ok(done)
}

/// `placard new`: creates the scaffolded files under `root`, refusing to overwrite anything.
pub fn create_new(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, WriteError> {
    if let Some((path, _)) = files.iter().find(|(p, _)| root.join(p).exists()) {
        return Err(WriteError::Refused(format!(
            "`{}` already exists; nothing was written",
            root.join(path).display()
        )));
    }
    let mut created = Vec::new();
    for (path, text) in files {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| WriteError::Io(parent.to_path_buf(), e))?;
        }
        std::fs::write(&target, text).map_err(|e| WriteError::Io(target.clone(), e))?;
        created.push(target);
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tempdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("placard-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    /// The names in a folder.
    fn entries(dir: &Path) -> Vec<std::ffi::OsString> {
        std::fs::read_dir(dir)
            .map(|r| r.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default()
    }

    fn output(files: &[(&str, &str)]) -> Output {
        Output {
            files: files
                .iter()
                .map(|(p, c)| ((*p).to_owned(), c.as_bytes().to_vec()))
                .collect(),
            ..Output::default()
        }
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let root = tempdir("refuse");
        let _ = std::fs::create_dir_all(root.join("content"));
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, root.parent().unwrap_or(&root)).is_err());
        assert!(check_output_dir(&root, &root.join("content")).is_err());
        assert!(check_output_dir(&root, &root.join("content/x")).is_err());
        assert!(check_output_dir(&root, &root.join("public/../content")).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn replaces_the_site_and_drops_stale_files() {
        let root = tempdir("replace");
        let out = root.join("public");
        assert!(write(&output(&[("a.html", "1"), ("old/b.html", "2")]), &out).is_ok());
        assert!(write(&output(&[("a.html", "3")]), &out).is_ok());
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).unwrap_or_default(),
            "3"
        );
        assert!(!out.join("old").exists());
        let siblings = entries(&root);
        assert_eq!(siblings.len(), 1, "{siblings:?}");
    }

    #[test]
    fn recovers_from_a_build_killed_mid_swap() {
        let root = tempdir("recover");
        let out = root.join("public");
        // A build killed after moving the old site aside and before moving the new one in.
        let old = root.join(format!(".public.{OLD}-1"));
        let _ = std::fs::create_dir_all(&old);
        let _ = std::fs::write(old.join("a.html"), "previous");
        let _ = std::fs::create_dir_all(root.join(format!(".public.{NEW}-2")));
        assert!(recover(&root, "public", &out).is_ok());
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).unwrap_or_default(),
            "previous"
        );
        assert!(!root.join(format!(".public.{NEW}-2")).exists());
    }

    #[test]
    fn an_abandoned_build_leaves_the_site_alone() {
        let root = tempdir("abandon");
        let out = root.join("public");
        assert!(write(&output(&[("a.html", "good")]), &out).is_ok());
        let staging = Staging::begin(&out);
        assert!(staging.is_ok());
        if let Ok(staging) = staging {
            staging.put_bytes("a.html", b"half");
            staging.put_bytes("b.html", b"half");
            drop(staging);
        }
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).unwrap_or_default(),
            "good"
        );
        assert!(!out.join("b.html").exists());
        let siblings = entries(&root);
        assert_eq!(siblings.len(), 1, "{siblings:?}");
    }

    #[test]
    fn a_failed_file_fails_the_commit() {
        let root = tempdir("failed");
        let out = root.join("public");
        let staging = Staging::begin(&out);
        assert!(staging.is_ok());
        if let Ok(staging) = staging {
            staging.put_bytes("../x.html", b"x");
            staging.put_bytes("a.html", b"a");
            assert!(staging.commit().is_err());
        }
        assert!(!out.exists());
    }

    #[test]
    fn refuses_paths_that_climb() {
        let root = tempdir("climb");
        assert!(write(&output(&[("../evil.html", "x")]), &root.join("public")).is_err());
        assert!(!root.join("evil.html").exists());
    }
}
