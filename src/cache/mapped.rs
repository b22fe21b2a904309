//! Bytes shared read-only between the pieces that use them: a file of the
//! page cache mapped into memory ([`SharedBytes::map_file`]) or a copy kept
//! in memory of its own. A second start reads about a gigabyte of stored
//! index parts (see [`crate::search::stored_part`]); used where they lie in
//! a mapped file, they need no fresh memory (which the kernel zeroes page
//! by page: 40% of the part read-ahead's time when they were copied out of
//! SQLite and decoded) and no copy: the mapping shares the pages of the
//! OS's file cache.
//!
//! A mapped file must never change under its mapping (a byte changed would
//! change the index; a file cut short would fault on reading): the page
//! cache writes each part file whole under a name of its own and renames
//! it into place ([`write_whole`]), never writing into or truncating a file
//! in place, so a mapping made earlier keeps the file it mapped (the old
//! inode lives on while mapped) whatever another process writes meanwhile.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Where shared bytes lie.
enum Store {
    /// A read-only mapping of a file (`memmap2`; unmapped when dropped).
    Mapped(memmap2::Mmap),
    /// A copy in memory of its own, in 8-byte words so that it is aligned
    /// like a mapping (`usize`: its length in bytes).
    Owned(Vec<u64>, usize),
}

impl Store {
    fn bytes(&self) -> &[u8] {
        match self {
            Store::Mapped(map) => map,
            Store::Owned(words, len) => &bytemuck::cast_slice::<u64, u8>(words)[..*len],
        }
    }
}

/// A range of bytes of a shared store, cheap to clone: the pieces read
/// from it (see [`crate::search::bytes::Buf`]) keep the store alive.
#[derive(Clone)]
pub struct SharedBytes {
    store: Arc<Store>,
    at: usize,
    len: usize,
}

impl std::fmt::Debug for SharedBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedBytes({} bytes)", self.len)
    }
}

impl SharedBytes {
    /// A copy of `bytes` in memory of its own, aligned to 8 bytes.
    pub fn copy_of(bytes: &[u8]) -> SharedBytes {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        SharedBytes { store: Arc::new(Store::Owned(words, bytes.len())), at: 0, len: bytes.len() }
    }

    /// The whole of the open file `file` (`len` bytes long), mapped
    /// read-only, its pages mapped at once where the system can (they are
    /// all read: a part's checksum). None when it cannot be mapped or is
    /// not `len` bytes long.
    pub fn map_file(file: &std::fs::File, len: usize) -> Option<SharedBytes> {
        if len == 0 {
            return Some(SharedBytes::copy_of(&[]));
        }
        // SAFETY: the page cache never writes into or truncates a part file
        // once it is in place (it writes a new file and renames it over the
        // old one: see the module's documentation), so the mapped bytes do
        // not change under the mapping.
        let map = unsafe { memmap2::MmapOptions::new().len(len).populate().map(file) }.ok()?;
        (map.len() == len).then(|| SharedBytes { store: Arc::new(Store::Mapped(map)), at: 0, len })
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.store.bytes()[self.at..self.at + self.len]
    }

    /// The `len` bytes at `at` of these, sharing their store; None past
    /// their end.
    pub fn slice(&self, at: usize, len: usize) -> Option<SharedBytes> {
        let end = at.checked_add(len)?;
        (end <= self.len).then(|| SharedBytes { store: self.store.clone(), at: self.at + at, len })
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// True when these bytes lie in a file's mapping (not a copy).
    pub fn is_mapped(&self) -> bool {
        matches!(*self.store, Store::Mapped(_))
    }
}

/// Writes `bytes` as the whole of the file `path`: into a new file of its
/// own in the same folder, then renamed over `path`, so that a reader (or
/// another process's mapping) sees the old file whole or the new one
/// whole, never a file being written or cut short.
pub fn write_whole(path: &Path, bytes: &[&[u8]]) -> std::io::Result<()> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp.{}.{n}", std::process::id()));
    let tmp = std::path::PathBuf::from(tmp);
    let written = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        for b in bytes {
            f.write_all(b)?;
        }
        f.flush()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapped_file_reads_as_written_and_outlives_its_replacement() {
        let dir = std::env::temp_dir().join(format!("lvread-mapped-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("a.bin");
        write_whole(&path, &[b"hello ", b"world"]).expect("written");
        let f = std::fs::File::open(&path).expect("open");
        let m = SharedBytes::map_file(&f, 11).expect("mapped");
        assert_eq!(m.as_slice(), b"hello world");
        assert_eq!(m.slice(6, 5).expect("in range").as_slice(), b"world");
        assert!(m.slice(6, 6).is_none(), "past the end");
        // Replaced whole while mapped: the mapping still reads the old file.
        write_whole(&path, &[b"HELLO"]).expect("replaced");
        assert_eq!(m.as_slice(), b"hello world");
        assert_eq!(std::fs::read(&path).expect("read"), b"HELLO");
        let names: Vec<_> = std::fs::read_dir(&dir).expect("list").flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
        let _ = std::fs::remove_dir_all(&dir);
        let c = SharedBytes::copy_of(b"abc");
        assert_eq!((c.as_slice(), c.is_mapped(), c.as_slice().as_ptr() as usize % 8), (&b"abc"[..], false, 0));
    }
}
