//! A plain little-endian byte layout for the parts of the index stored
//! whole in the page cache ([`super::stored_part`]): arrays of `u32`/`u64`
//! written end to end, read back with every length checked (bytes that are
//! cut short or damaged give None, never a panic).

/// How far decoding checks the values it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Bytes of unknown origin: every value is checked.
    Nothing,
    /// Bytes that matched the checksum they were stored with, so they are
    /// as this program wrote them: only their shape is checked (lengths and
    /// offsets, what reading them relies on), not every value of every list.
    Checksummed,
}

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes written so far.
    pub out: Vec<u8>,
}

impl Writer {
    /// Appends one byte.
    pub fn u8(&mut self, v: u8) {
        self.out.push(v);
    }

    /// Appends a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    /// Appends a length-prefixed array of `u32`.
    pub fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        self.out.reserve(v.len() * 4);
        for x in v {
            self.out.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Appends a length-prefixed array of `u64`.
    pub fn u64s(&mut self, v: &[u64]) {
        self.u32(v.len() as u32);
        self.out.reserve(v.len() * 8);
        for x in v {
            self.out.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Reads values back from bytes a [`Writer`] made.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Reads from the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    /// True when every byte was read.
    pub fn at_end(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The next `n` bytes as they are.
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        self.take(n)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    /// One byte.
    pub fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    /// A `u32`.
    pub fn u32(&mut self) -> Option<u32> {
        self.take(4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes)
    }

    /// A length-prefixed array of `u32`.
    pub fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.u32()? as usize;
        let b = self.take(n.checked_mul(4)?)?;
        let mut v = room(n);
        v.extend(b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        Some(v)
    }

    /// A length-prefixed array of `u64`.
    pub fn u64s(&mut self) -> Option<Vec<u64>> {
        let n = self.u32()? as usize;
        let b = self.take(n.checked_mul(8)?)?;
        let mut v = room(n);
        v.extend(b.chunks_exact(8).map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])));
        Some(v)
    }

    /// A length-prefixed array of `u64` (as [`Writer::u64s`] writes it)
    /// read as triples; None unless its length is a multiple of three.
    pub fn u64_triples(&mut self) -> Option<Vec<[u64; 3]>> {
        let n = self.u32()? as usize;
        if !n.is_multiple_of(3) {
            return None;
        }
        let b = self.take(n.checked_mul(8)?)?;
        let word = |c: &[u8]| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let mut v = room(n / 3);
        v.extend(b.chunks_exact(24).map(|c| [word(&c[..8]), word(&c[8..16]), word(&c[16..])]));
        Some(v)
    }

    /// The next `n` bytes, copied into a vector of their own.
    pub fn bytes_owned(&mut self, n: usize) -> Option<Vec<u8>> {
        let b = self.take(n)?;
        let mut v = room(n);
        v.extend_from_slice(b);
        Some(v)
    }
}

/// Arrays of at least this many bytes get their memory mapped in one
/// request before they are filled ([`room`]).
const MAP_AHEAD: usize = 256 * 1024;

/// An empty vector with room for `n` values. When that room is large
/// (`MAP_AHEAD`), its memory is mapped in one request to the kernel
/// (`MADV_POPULATE_WRITE`) rather than page by page as it is first
/// written: a second start decodes a gigabyte of stored parts into fresh
/// memory, and a fault per 4 KB costs about as much again as mapping the
/// same pages in one go.
pub fn room<T>(n: usize) -> Vec<T> {
    let v: Vec<T> = Vec::with_capacity(n);
    map_ahead(v.as_ptr().cast(), n.saturating_mul(std::mem::size_of::<T>()));
    v
}

/// Maps the whole pages inside the `len` bytes at `at` (see [`room`]).
/// Does nothing below [`MAP_AHEAD`] or where the kernel cannot do it (a
/// kernel before 5.14: the pages are then mapped as they are written).
#[allow(unused_variables)]
fn map_ahead(at: *const u8, len: usize) {
    #[cfg(target_os = "linux")]
    if len >= MAP_AHEAD {
        const PAGE: usize = 4096;
        let start = (at as usize).next_multiple_of(PAGE);
        let end = (at as usize).saturating_add(len) / PAGE * PAGE;
        if end > start {
            // SAFETY: the range lies inside an allocation this process
            // owns (the vector's buffer, not yet written). MADV_POPULATE_WRITE
            // only maps its pages writable, as a first write would: it
            // changes no byte that was written (and none was), and a
            // failure (EINVAL on older kernels or other page sizes) leaves
            // the pages to be mapped on first write.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_POPULATE_WRITE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_and_short_bytes_give_none() {
        let mut w = Writer::default();
        w.u8(7);
        w.u32s(&[1, 2, u32::MAX]);
        w.u64s(&[u64::MAX, 0]);
        let mut r = Reader::new(&w.out);
        assert_eq!(r.u8(), Some(7));
        assert_eq!(r.u32s(), Some(vec![1, 2, u32::MAX]));
        assert_eq!(r.u64s(), Some(vec![u64::MAX, 0]));
        assert!(r.at_end());
        let mut cut = Reader::new(&w.out[..w.out.len() - 1]);
        assert_eq!(cut.u8(), Some(7));
        assert!(cut.u32s().is_some());
        assert_eq!(cut.u64s(), None, "cut short");
    }

    #[test]
    fn triples_and_owned_bytes_come_back() {
        let mut w = Writer::default();
        w.u64s(&[1, 2, 3, 4, 5, 6]);
        w.u64s(&[1, 2]);
        w.out.extend_from_slice(b"abc");
        let mut r = Reader::new(&w.out);
        assert_eq!(r.u64_triples(), Some(vec![[1, 2, 3], [4, 5, 6]]));
        assert_eq!(r.u64_triples(), None, "not a multiple of three");
        let mut r = Reader::new(&w.out[w.out.len() - 3..]);
        assert_eq!(r.bytes_owned(3), Some(b"abc".to_vec()));
        assert!(r.at_end());
    }

    /// This thread's minor page faults so far.
    #[cfg(target_os = "linux")]
    fn faults() -> i64 {
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: getrusage fills the struct it is given.
        unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut u) };
        u.ru_minflt
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_large_array_is_filled_without_a_fault_per_page() {
        let n = 4 << 20;
        let mut v: Vec<u32> = room(n);
        let before = faults();
        v.extend(0..n as u32);
        let during = faults() - before;
        assert_eq!(v.len(), n);
        assert_eq!(v[n - 1], n as u32 - 1);
        // 16 MB written: 4,096 faults if its pages were mapped one by one
        // as written.
        assert!(during < 64, "{during} page faults while filling");
    }
}
