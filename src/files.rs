//! Reading the user's files safely: only regular files are read, never
//! more than a limit. A FIFO (named pipe), a device (`/dev/zero`), a socket
//! or a folder is refused with a word saying what it is, without blocking
//! on it; a file over the limit is refused with its size.
//!
//! Pages are limited to [`page_limit`] bytes (16 MiB unless changed with
//! `--max-page-size`); the config and state files have their own limits.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The default largest page file read: 16 MiB (a printed page's text is
/// rarely over 100 KB).
pub const DEFAULT_PAGE_LIMIT: u64 = 16 << 20;

static PAGE_LIMIT: AtomicU64 = AtomicU64::new(DEFAULT_PAGE_LIMIT);

/// The largest page file read, in bytes.
pub fn page_limit() -> u64 {
    PAGE_LIMIT.load(Ordering::Relaxed)
}

/// Sets the largest page file read for this process (`--max-page-size`).
pub fn set_page_limit(bytes: u64) {
    PAGE_LIMIT.store(bytes.max(1), Ordering::Relaxed);
}

/// `dir.join(name)` in one allocation of the exact size: `Path::join`
/// copies the folder into a buffer of its own length and grows it for the
/// name (a second allocation and a copy), and a start joins a path for
/// every file of the archive, twice. The same path: a `/` between the two
/// unless `dir` ends with one (or is empty).
pub fn join(dir: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut path = PathBuf::with_capacity(dir.as_os_str().len() + 1 + name.len());
    path.push(dir);
    path.push(name);
    path
}

/// Reads a page file: [`read_regular`] with [`page_limit`].
pub fn read_page(path: &Path) -> io::Result<Vec<u8>> {
    read_regular(path, page_limit(), "a page (see --max-page-size)")
}

/// Reads a whole regular file of at most `limit` bytes. Anything else is an
/// error whose message says what the path is (`a named pipe (FIFO)`, `a
/// character device`, …) or how big it is (`what` names the limit). A FIFO
/// is opened without blocking, so a pipe nobody writes to never hangs.
pub fn read_regular(path: &Path, limit: u64, what: &str) -> io::Result<Vec<u8>> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > limit {
        return Err(too_big(meta.len(), limit, what));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow while it is read: never take more than the limit.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64, limit, what));
    }
    Ok(bytes)
}

/// What a path is, when it is not a regular file: `None` for a regular file
/// (or a folder), else the error [`read_regular`] would give. Uses `meta`
/// (from `std::fs::metadata`, following links).
pub fn check_regular(meta: &Metadata) -> Option<io::Error> {
    (!meta.is_file() && !meta.is_dir()).then(|| not_regular(meta))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of
    // waiting for one; for a regular file it changes nothing.
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    File::open(path)
}

/// "not a regular file: a named pipe (FIFO)…".
fn not_regular(meta: &Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}, not a regular file (only regular files are read)", kind_of(meta)),
    )
}

/// What kind of file `meta` describes, in words.
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_file() { "a regular file" } else { "not a regular file" }
}

fn too_big(size: u64, limit: u64, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("too big: {} is over the {} limit for {what}", human(size), human(limit)),
    )
}

/// A byte count for people: `512 B`, `16 MiB`, `17.2 GiB`.
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if v.fract() == 0.0 { format!("{v:.0} {}", UNITS[unit]) } else { format!("{v:.1} {}", UNITS[unit]) }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn join_gives_the_path_join_gives_in_one_buffer_of_its_size() {
        for (dir, name) in [("/a/b", "p01.txt"), ("/a/b/", "p01.txt"), ("", "p.txt"), ("rel", "页.txt"), ("/", "x")] {
            let (dir, name) = (Path::new(dir), std::ffi::OsStr::new(name));
            let path = join(dir, name);
            assert_eq!(path, dir.join(name), "{dir:?} {name:?}");
            assert_eq!(path.as_os_str().as_encoded_bytes(), dir.join(name).as_os_str().as_encoded_bytes());
            assert!(path.capacity() <= dir.as_os_str().len() + 1 + name.len(), "no second buffer");
        }
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "吕梁").unwrap();
        assert_eq!(read_regular(&p, 100, "x").unwrap(), "吕梁".as_bytes());
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 3000]).unwrap();
        let e = read_regular(&p, 2048, "a page").unwrap_err().to_string();
        assert!(e.contains("too big") && e.contains("2.9 KiB") && e.contains("2 KiB limit for a page"), "{e}");
        assert!(read_regular(&p, 3000, "a page").is_ok(), "exactly the limit is fine");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading_them() {
        let e = read_regular(Path::new("/dev/zero"), 1 << 20, "a page").unwrap_err().to_string();
        assert!(e.contains("character device"), "{e}");
        let e = read_regular(Path::new("/dev/null"), 1 << 20, "a page").unwrap_err().to_string();
        assert!(e.contains("character device"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_with_no_writer_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.txt");
        make_fifo(&p);
        // Without O_NONBLOCK this open would wait for a writer forever.
        let e = read_regular(&p, 1 << 20, "a page").unwrap_err().to_string();
        assert!(e.contains("named pipe (FIFO)"), "{e}");
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), 1 << 20, "a page").unwrap_err().to_string();
        assert!(e.contains("folder"), "{e}");
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human(512), "512 B");
        assert_eq!(human(16 << 20), "16 MiB");
        assert_eq!(human(17_179_869_184 + (1 << 29)), "16.5 GiB");
    }

    /// Makes a FIFO at `path` with the `mkfifo` command (tests only).
    #[cfg(unix)]
    pub(crate) fn make_fifo(path: &Path) {
        let ok = std::process::Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success());
        assert!(ok, "mkfifo {}", path.display());
    }
}
