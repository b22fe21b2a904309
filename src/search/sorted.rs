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

/// Union of sorted lists (sorted, without duplicates).
pub fn union(lists: Vec<&[u32]>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(lists.iter().map(|l| l.len()).sum());
    for l in lists {
        out.extend_from_slice(l);
    }
    out.sort_unstable();
    out.dedup();
    out
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
}
