//! Sorted lists of document numbers: intersection and union.

/// Intersection of sorted lists (smallest first, galloping through the rest).
pub fn intersect(mut lists: Vec<&[u32]>) -> Vec<u32> {
    if lists.is_empty() {
        return Vec::new();
    }
    lists.sort_by_key(|l| l.len());
    let mut out: Vec<u32> = lists[0].to_vec();
    for l in &lists[1..] {
        if out.is_empty() {
            break;
        }
        let mut lo = 0usize;
        out.retain(|&x| {
            // gallop from lo
            let mut step = 1;
            let mut hi = lo;
            while hi < l.len() && l[hi] < x {
                lo = hi;
                hi += step;
                step *= 2;
            }
            let hi = hi.min(l.len());
            let pos = lo + l[lo..hi].partition_point(|&y| y < x);
            lo = pos;
            pos < l.len() && l[pos] == x
        });
    }
    out
}

/// Union of sorted lists (sorted, without duplicates): [`super::docset::union`]
/// of them as lists (a bitmap when they are dense enough, else sorted).
pub fn union(lists: Vec<&[u32]>) -> Vec<u32> {
    super::docset::union(lists.into_iter().map(super::docset::SetRef::List).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersect_and_union_of_sorted_lists() {
        let a = [1, 3, 5, 7, 9, 11];
        let b = [3, 4, 5, 11, 12];
        assert_eq!(intersect(vec![&a, &b]), vec![3, 5, 11]);
        assert_eq!(union(vec![&a, &b]), vec![1, 3, 4, 5, 7, 9, 11, 12]);
        assert!(intersect(vec![&a, &[]]).is_empty());
    }

    /// The union as it was made before: every list end to end, sorted.
    fn union_sorted(lists: &[Vec<u32>]) -> Vec<u32> {
        let mut out: Vec<u32> = lists.iter().flatten().copied().collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn unions_dense_or_sparse_are_the_sorted_union() {
        // (A small generator: lists dense enough for the bitmap and sparse
        // ones that are sorted, with repeats between them.)
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..400 {
            let span = [1, 63, 64, 65, 1000, 100_000, u32::MAX as u64][round % 7];
            let lists: Vec<Vec<u32>> = (0..next(5))
                .map(|_| {
                    let mut l: Vec<u32> = (0..next(300)).map(|_| next(span) as u32).collect();
                    l.sort_unstable();
                    l.dedup();
                    l
                })
                .collect();
            let refs: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
            assert_eq!(union(refs), union_sorted(&lists), "round {round}");
        }
        assert_eq!(union(vec![&[], &[]]), Vec::<u32>::new());
        assert_eq!(union(vec![&[0, 5], &[5, 63, 64]]), vec![0, 5, 63, 64]);
    }
}
