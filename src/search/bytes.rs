//! A plain little-endian byte layout for the parts of the index stored
//! whole in the page cache ([`super::stored_part`]): arrays of `u32`/`u64`
//! written end to end, each after its length and padded to its own
//! alignment, read back with every length checked (bytes that are cut
//! short or damaged give None, never a panic). Read from bytes shared
//! with the file they lie in ([`Reader::shared`], a mapped part file), an
//! array is used where it lies ([`Buf`]), not copied.

use crate::cache::mapped::SharedBytes;
use std::marker::PhantomData;

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

    /// Zero bytes up to the next multiple of `align` bytes (from the start
    /// of [`Writer::out`]): an array after them can be used in place
    /// ([`Buf`]) where the bytes are read from an aligned start.
    fn pad(&mut self, align: usize) {
        while !self.out.len().is_multiple_of(align) {
            self.out.push(0);
        }
    }

    /// Appends a length-prefixed array of `u32` (aligned to 4 bytes).
    pub fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        self.pad(4);
        self.out.reserve(v.len() * 4);
        for x in v {
            self.out.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Appends a length-prefixed array of `u64` (aligned to 8 bytes).
    pub fn u64s(&mut self, v: &[u64]) {
        self.u32(v.len() as u32);
        self.pad(8);
        self.out.reserve(v.len() * 8);
        for x in v {
            self.out.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Reads values back from bytes a [`Writer`] made (starting at the same
/// offset modulo 8 as the writer's bytes did: padding is counted from the
/// start).
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    /// Bytes read so far (for the padding).
    pos: usize,
    /// The shared bytes `bytes` lie in, from `base` on: arrays are then
    /// used in place.
    shared: Option<(&'a SharedBytes, usize)>,
}

impl<'a> Reader<'a> {
    /// Reads from the start of `bytes` (arrays are copied out).
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0, shared: None }
    }

    /// Reads `shared` from byte `from` on; the arrays read are used where
    /// they lie when aligned there (see [`Buf`]), else copied.
    pub fn shared(shared: &'a SharedBytes, from: usize) -> Reader<'a> {
        let bytes = shared.as_slice().get(from..).unwrap_or(&[]);
        Reader { bytes, pos: 0, shared: Some((shared, from)) }
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
        self.pos += n;
        Some(head)
    }

    /// Skips the padding [`Writer::pad`] wrote.
    fn pad(&mut self, align: usize) -> Option<()> {
        let n = self.pos.next_multiple_of(align) - self.pos;
        self.take(n).map(|_| ())
    }

    /// One byte.
    pub fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    /// A `u32`.
    pub fn u32(&mut self) -> Option<u32> {
        self.take(4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes)
    }

    /// `n` values of `T` as they lie in the next bytes: in place when
    /// reading shared bytes, else copied.
    fn array<T: Plain>(&mut self, n: usize) -> Option<Buf<T>> {
        let at = self.pos;
        let b = self.take(n.checked_mul(T::SIZE)?)?;
        Some(match self.shared {
            Some((shared, base)) => shared.slice(base + at, b.len()).map_or_else(|| Buf::copied(b), Buf::in_place),
            None => Buf::copied(b),
        })
    }

    /// A length-prefixed array of `u32`.
    pub fn u32s(&mut self) -> Option<Buf<u32>> {
        let n = self.u32()? as usize;
        self.pad(4)?;
        self.array(n)
    }

    /// A length-prefixed array of `u64`.
    pub fn u64s(&mut self) -> Option<Buf<u64>> {
        let n = self.u32()? as usize;
        self.pad(8)?;
        self.array(n)
    }

    /// A length-prefixed array of `u64` (as [`Writer::u64s`] writes it)
    /// read as triples; None unless its length is a multiple of three.
    pub fn u64_triples(&mut self) -> Option<Buf<[u64; 3]>> {
        let n = self.u32()? as usize;
        if !n.is_multiple_of(3) {
            return None;
        }
        self.pad(8)?;
        self.array(n / 3)
    }

    /// The next `n` bytes, in place when reading shared bytes.
    pub fn bytes_buf(&mut self, n: usize) -> Option<Buf<u8>> {
        self.array(n)
    }
}

/// A value an array of a stored part holds: read from little-endian bytes,
/// and any bytes of its size, aligned, are one (no invalid patterns:
/// `bytemuck::Pod`).
pub trait Plain: bytemuck::Pod + std::fmt::Debug + PartialEq + sealed::Sealed + 'static {
    /// Its size in bytes.
    const SIZE: usize;
    /// The value of its `SIZE` little-endian bytes.
    fn from_le(b: &[u8]) -> Self;
}

mod sealed {
    /// Only the types below are [`super::Plain`].
    pub trait Sealed {}
    impl Sealed for u8 {}
    impl Sealed for u32 {}
    impl Sealed for u64 {}
    impl Sealed for [u64; 3] {}
}

impl Plain for u8 {
    const SIZE: usize = 1;
    fn from_le(b: &[u8]) -> u8 {
        b[0]
    }
}

impl Plain for u32 {
    const SIZE: usize = 4;
    fn from_le(b: &[u8]) -> u32 {
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
}

impl Plain for u64 {
    const SIZE: usize = 8;
    fn from_le(b: &[u8]) -> u64 {
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    }
}

impl Plain for [u64; 3] {
    const SIZE: usize = 24;
    fn from_le(b: &[u8]) -> [u64; 3] {
        [<u64 as Plain>::from_le(&b[..8]), <u64 as Plain>::from_le(&b[8..16]), <u64 as Plain>::from_le(&b[16..24])]
    }
}

/// An array of a part of the index: built in memory (`Vec`), or read back
/// and used where it lies in the bytes of a stored part shared with the
/// file it was read from (no copy, no fresh memory: see
/// [`crate::cache::mapped`]). Reads as a slice either way.
pub enum Buf<T: Plain> {
    /// Values of its own.
    Owned(Vec<T>),
    /// Values where they lie: the bytes (a whole number of values, aligned
    /// for `T`, little-endian on a little-endian machine; [`Buf::in_place`]).
    Shared(SharedBytes, PhantomData<T>),
}

impl<T: Plain> Buf<T> {
    /// The values `bytes` hold, used in place when they can be (aligned for
    /// `T`, on a little-endian machine), else copied out.
    pub fn in_place(bytes: SharedBytes) -> Buf<T> {
        let s = bytes.as_slice();
        let fits = cfg!(target_endian = "little")
            && std::mem::size_of::<T>() == T::SIZE
            && bytemuck::try_cast_slice::<u8, T>(s).is_ok();
        match fits {
            true => Buf::Shared(bytes, PhantomData),
            false => Buf::copied(s),
        }
    }

    /// The values of the little-endian `bytes`, copied out.
    pub fn copied(bytes: &[u8]) -> Buf<T> {
        let mut v = room(bytes.len() / T::SIZE);
        v.extend(bytes.chunks_exact(T::SIZE).map(T::from_le));
        Buf::Owned(v)
    }

    /// Bytes of memory held (a shared array counted as its bytes: they
    /// take memory while mapped too).
    pub fn bytes(&self) -> usize {
        match self {
            Buf::Owned(v) => v.capacity() * T::SIZE,
            Buf::Shared(b, _) => b.len(),
        }
    }
}

impl<T: Plain> std::ops::Deref for Buf<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Buf::Owned(v) => v,
            // (`in_place` made this only for bytes that cast: aligned for
            // `T`, a whole number of them, on a little-endian machine.)
            Buf::Shared(b, _) => bytemuck::cast_slice(b.as_slice()),
        }
    }
}

impl<T: Plain> Default for Buf<T> {
    fn default() -> Buf<T> {
        Buf::Owned(Vec::new())
    }
}

impl<T: Plain> From<Vec<T>> for Buf<T> {
    fn from(v: Vec<T>) -> Buf<T> {
        Buf::Owned(v)
    }
}

impl<T: Plain> Clone for Buf<T> {
    fn clone(&self) -> Buf<T> {
        match self {
            Buf::Owned(v) => Buf::Owned(v.clone()),
            Buf::Shared(b, _) => Buf::Shared(b.clone(), PhantomData),
        }
    }
}

impl<T: Plain> std::fmt::Debug for Buf<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Plain> PartialEq for Buf<T> {
    fn eq(&self, other: &Buf<T>) -> bool {
        **self == **other
    }
}

impl<T: Plain + Eq> Eq for Buf<T> {}

impl<T: Plain> PartialEq<Vec<T>> for Buf<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        **self == other[..]
    }
}

/// Arrays of at least this many bytes get their memory mapped in one
/// request before they are filled ([`room`]).
const MAP_AHEAD: usize = 256 * 1024;

/// An empty vector with room for `n` values. When that room is large
/// (256 KB and more), its memory is mapped in one request to the kernel
/// (`MADV_POPULATE_WRITE`) rather than page by page as it is first
/// written: a second start decodes a gigabyte of stored parts into fresh
/// memory, and a fault per 4 KB costs about as much again as mapping the
/// same pages in one go.
pub fn room<T>(n: usize) -> Vec<T> {
    let v: Vec<T> = Vec::with_capacity(n);
    map_ahead(v.as_ptr().cast(), n.saturating_mul(std::mem::size_of::<T>()));
    v
}

/// Maps the whole pages inside the `len` bytes at `at` (see [`room`]);
/// says whether the kernel did. Does nothing below [`MAP_AHEAD`] or where
/// the kernel cannot do it (a kernel before 5.14: the pages are then
/// mapped as they are written).
#[allow(unused_variables)]
fn map_ahead(at: *const u8, len: usize) -> bool {
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
            let done = unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_POPULATE_WRITE) };
            return done == 0;
        }
    }
    false
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
        assert_eq!(r.u32s().map(|b| b.to_vec()), Some(vec![1, 2, u32::MAX]));
        assert_eq!(r.u64s().map(|b| b.to_vec()), Some(vec![u64::MAX, 0]));
        assert!(r.at_end());
        let mut cut = Reader::new(&w.out[..w.out.len() - 1]);
        assert_eq!(cut.u8(), Some(7));
        assert!(cut.u32s().is_some());
        assert!(cut.u64s().is_none(), "cut short");
    }

    #[test]
    fn triples_and_owned_bytes_come_back() {
        let mut w = Writer::default();
        w.u64s(&[1, 2, 3, 4, 5, 6]);
        w.u64s(&[1, 2]);
        w.out.extend_from_slice(b"abc");
        let mut r = Reader::new(&w.out);
        assert_eq!(r.u64_triples().map(|b| b.to_vec()), Some(vec![[1, 2, 3], [4, 5, 6]]));
        assert!(r.u64_triples().is_none(), "not a multiple of three");
        let mut r = Reader::new(&w.out[w.out.len() - 3..]);
        assert_eq!(r.bytes_buf(3).map(|b| b.to_vec()), Some(b"abc".to_vec()));
        assert!(r.at_end());
    }

    #[test]
    fn arrays_of_shared_bytes_are_used_where_they_lie() {
        let mut w = Writer::default();
        w.u8(1);
        w.u32s(&[7, 8]);
        w.u8(2);
        w.u64s(&[9, 10]);
        w.u64s(&[1, 2, 3]);
        let shared = SharedBytes::copy_of(&w.out);
        let mut r = Reader::shared(&shared, 0);
        assert_eq!(r.u8(), Some(1));
        let a = r.u32s().expect("u32s");
        assert_eq!(r.u8(), Some(2));
        let b = r.u64s().expect("u64s");
        let c = r.u64_triples().expect("triples");
        assert!(r.at_end());
        assert_eq!((&a[..], &b[..], &c[..]), (&[7u32, 8][..], &[9u64, 10][..], &[[1u64, 2, 3]][..]));
        for (kind, shared) in [("u32", matches!(a, Buf::Shared(..))), ("u64", matches!(b, Buf::Shared(..)))] {
            assert!(shared, "the {kind}s are not copied");
        }
        assert!(matches!(c, Buf::Shared(..)), "nor the triples");
        // Read from an offset that breaks the alignment: copied, the same values.
        let mut moved = vec![0u8];
        moved.extend_from_slice(&w.out);
        let shared = SharedBytes::copy_of(&moved);
        let mut r = Reader::shared(&shared, 1);
        assert_eq!(r.u8(), Some(1));
        let a = r.u32s().expect("u32s");
        assert!(matches!(a, Buf::Owned(_)));
        assert_eq!(&a[..], &[7, 8]);
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
        let mut v: Vec<u32> = Vec::with_capacity(n);
        let mapped = map_ahead(v.as_ptr().cast(), n * 4);
        let before = faults();
        v.extend(0..n as u32);
        let during = faults() - before;
        assert_eq!(v.len(), n);
        assert_eq!(v[n - 1], n as u32 - 1);
        // 16 MB written: 4,096 faults if its pages were mapped one by one
        // as written. A kernel without MADV_POPULATE_WRITE (before 5.14)
        // says so, and then maps them as they are written.
        if mapped {
            assert!(during < 64, "{during} page faults while filling");
        } else {
            eprintln!("this kernel cannot map ahead ({during} page faults)");
        }
    }
}
