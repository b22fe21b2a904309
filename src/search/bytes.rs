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
        Some(b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    /// A length-prefixed array of `u64`.
    pub fn u64s(&mut self) -> Option<Vec<u64>> {
        let n = self.u32()? as usize;
        let b = self.take(n.checked_mul(8)?)?;
        Some(b.chunks_exact(8).map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])).collect())
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
}
