//! Which files to open: the user's paths expanded, folders walked for the
//! file types lvread reads ([`EXTENSIONS`]).
//!
//! The walk follows symbolic links but never goes round in circles: a folder
//! or file reached twice (by device and inode, through links or a path named
//! twice) is visited once. Only regular files are taken; a page (`*.txt`)
//! that is a FIFO, a device or a socket is reported, not opened.

use crate::loader::LoadError;
use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

/// The file extensions (lower case) picked up when a folder is walked: the
/// one list of the formats [`super::load_file`] reads.
pub const EXTENSIONS: &[&str] = &["txt", "pdf"];

/// True when `path` has one of the [`EXTENSIONS`] (in any case).
pub fn has_known_extension(path: &Path) -> bool {
    path.extension().is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Expands the user's PATH arguments into files: a file stands for itself, a
/// folder for every file with one of the [`EXTENSIONS`] below it
/// (recursively, sorted by path; hidden entries skipped). Each file comes
/// once, however many links lead to it. Folders that cannot be read and
/// pages that are not regular files are reported, the rest are walked.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut walk = Walk::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk.dir(p, &m, 0),
            // Named on the command line: taken as it is (reading it says
            // what is wrong with a FIFO or a device, without blocking).
            Ok(m) => walk.file(p.clone(), &m),
            Err(err) => walk.errors.push(LoadError::Io { path: p.display().to_string(), err }),
        }
    }
    (walk.files, walk.errors)
}

/// Deepest folder nesting followed.
const MAX_DEPTH: usize = 64;

/// A file or folder's identity: device and inode (on Unix).
type Id = (u64, u64);

/// The walk's state. The sets of identities seen are hashed with Fx (a
/// device and an inode are not chosen by an attacker) and the files' set
/// grows a folder's listing at a time: a second start walks every file of
/// the archive, and growing a SipHash set one file at a time was a good
/// share of the walk's time.
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    errors: Vec<LoadError>,
    seen_dirs: FxHashSet<Id>,
    seen_files: FxHashSet<Id>,
}

impl Walk {
    fn file(&mut self, path: PathBuf, meta: &std::fs::Metadata) {
        self.file_with_id(path, identity(meta));
    }

    fn file_with_id(&mut self, path: PathBuf, id: Option<Id>) {
        if id.is_none_or(|id| self.seen_files.insert(id)) {
            self.files.push(path);
        }
    }

    fn dir(&mut self, dir: &Path, meta: &std::fs::Metadata, depth: usize) {
        if depth > MAX_DEPTH || identity(meta).is_some_and(|id| !self.seen_dirs.insert(id)) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(err) => {
                self.errors.push(LoadError::Io { path: dir.display().to_string(), err });
                return;
            }
        };
        // Sorted by name: in one folder, the order of their paths.
        let mut entries: Vec<(std::ffi::OsString, std::fs::DirEntry)> =
            entries.filter_map(|e| e.ok().map(|e| (e.file_name(), e))).collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.seen_files.reserve(entries.len());
        self.files.reserve(entries.len());
        for (name, entry) in entries {
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let p = crate::files::join(dir, &name);
            let is_txt = has_known_extension(&p);
            // A regular file is known from the folder's listing (no `stat`:
            // the page cache's check looks at it once more, see
            // `super::heads`); a file of another type is not a page.
            let kind = entry.file_type().ok();
            if kind.is_some_and(|k| k.is_file()) {
                if is_txt {
                    self.file_with_id(p, entry_identity(meta, &entry));
                }
                continue;
            }
            // Follows links; a dangling link is reported only when it looks like a page.
            let meta = match std::fs::metadata(&p) {
                Ok(m) => m,
                Err(err) => {
                    if is_txt {
                        self.errors.push(LoadError::Io { path: p.display().to_string(), err });
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                self.dir(&p, &meta, depth + 1);
            } else if !is_txt {
                continue;
            } else if let Some(err) = crate::files::check_regular(&meta) {
                self.errors.push(LoadError::Io { path: p.display().to_string(), err });
            } else {
                self.file(p, &meta);
            }
        }
    }
}

/// The identity of a regular file listed in the folder whose metadata is
/// `dir`: the folder's device (a file is on its folder's device; only a
/// folder can be a mount point) and the entry's inode, no `stat` needed.
#[cfg(unix)]
fn entry_identity(dir: &std::fs::Metadata, entry: &std::fs::DirEntry) -> Option<Id> {
    use std::os::unix::fs::{DirEntryExt, MetadataExt};
    Some((dir.dev(), entry.ino()))
}

#[cfg(not(unix))]
fn entry_identity(_dir: &std::fs::Metadata, _entry: &std::fs::DirEntry) -> Option<Id> {
    None
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<Id> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> Option<Id> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(files: &[PathBuf], root: &Path) -> Vec<String> {
        files.iter().map(|f| f.strip_prefix(root).unwrap_or(f).display().to_string()).collect()
    }

    #[test]
    fn links_to_the_folder_itself_load_each_page_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("page.txt"), "吕梁").unwrap();
        symlink(".", dir.path().join("a")).unwrap();
        symlink(".", dir.path().join("b")).unwrap();
        let (files, errors) = collect_files(&[dir.path().to_path_buf()]);
        assert_eq!(names(&files, dir.path()), ["page.txt"]);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_cycle_between_two_folders_ends() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("x/y")).unwrap();
        std::fs::write(dir.path().join("x/y/p.txt"), "吕梁").unwrap();
        symlink("../..", dir.path().join("x/y/up")).unwrap();
        symlink("../x", dir.path().join("x/y/sideways")).unwrap();
        let (files, _) = collect_files(&[dir.path().to_path_buf()]);
        assert_eq!(names(&files, dir.path()), ["x/y/p.txt"]);
    }

    #[test]
    fn a_page_linked_twice_or_named_twice_loads_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("p.txt"), "吕梁").unwrap();
        symlink("p.txt", dir.path().join("q.txt")).unwrap();
        let p = dir.path().join("p.txt");
        let (files, _) = collect_files(&[dir.path().to_path_buf(), p.clone(), p]);
        assert_eq!(names(&files, dir.path()), ["p.txt"]);
    }

    #[test]
    fn fifos_devices_and_dangling_links_are_reported_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("good.txt"), "吕梁").unwrap();
        crate::files::tests::make_fifo(&dir.path().join("f.txt"));
        symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
        symlink("missing", dir.path().join("gone.txt")).unwrap();
        symlink("/dev/null", dir.path().join("not-a-page")).unwrap();
        let (files, errors) = collect_files(&[dir.path().to_path_buf()]);
        assert_eq!(names(&files, dir.path()), ["good.txt"]);
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(text.iter().any(|e| e.contains("f.txt") && e.contains("named pipe (FIFO)")), "{text:?}");
        assert!(text.iter().any(|e| e.contains("zero.txt") && e.contains("character device")), "{text:?}");
        assert!(text.iter().any(|e| e.contains("gone.txt")), "{text:?}");
    }
}
