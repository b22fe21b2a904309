//! Reads the index parts stored in the page cache ([`super::stored_part`])
//! ahead of need: as soon as the reader starts loading its folders, a
//! thread of its own reads the parts stored for groups of those folders,
//! newest first, and decodes them while the pages are still arriving. The
//! index ([`super::index::Index::update`]) then takes each group's part
//! from here instead of reading it after the group's pages arrived.
//!
//! A part read ahead is used only when it was made for exactly the pages
//! of its group as they are now (the same check as a part read from the
//! cache: every page's file key, page number and number of articles, and
//! the number of documents); otherwise it is dropped and the group built
//! as before. While pages are still loading, a group with fewer pages than
//! its stored part was made for is most likely not complete yet: it is left
//! out of the index until it is, rather than built from
//! its pages' keys and built again a moment later.

use super::stored_part::{self, PartId, Pieces};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// What became of a stored part listed at the start.
enum Slot {
    /// Not read yet.
    Queued,
    /// Being read by the prefetching thread.
    Reading,
    /// Read and decoded: the pages it was made for, its documents, its pieces.
    Ready(Box<(Vec<u8>, u32, Pieces)>),
    /// Taken, dropped, or could not be read.
    Gone,
}

/// Per group: the length of its stored list of pages, and its part.
type Slots = HashMap<Vec<u8>, (usize, Slot)>;

/// The parts of one load.
struct Prefetch {
    /// Per group (see [`PartId::grp`]): the length of the stored list of
    /// pages, and the part's state (None until the parts are listed).
    slots: Mutex<Option<Slots>>,
    /// Groups still to read, the newest last.
    queue: Mutex<Vec<Vec<u8>>>,
    /// Signalled when the parts are listed and when a part being read is
    /// ready (or gone).
    read: Condvar,
    /// Set when the load's index is complete: the thread stops.
    stopped: AtomicBool,
}

/// The prefetch of the load under way, if any.
static CURRENT: Mutex<Option<Arc<Prefetch>>> = Mutex::new(None);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What [`take`] found for a group.
pub(super) enum Found {
    /// The group's part, read ahead, made for exactly these pages.
    Part(Box<Pieces>),
    /// Pages are still loading and the group has fewer pages than its
    /// stored part: leave it out of the index for now.
    Later,
    /// Nothing read ahead for it: look in the cache (or build) as usual.
    NotHere,
}

/// The folder part of a group key (label, 0, folder).
fn folder_of(grp: &[u8]) -> &[u8] {
    grp.iter().position(|&b| b == 0).map_or(&[][..], |i| &grp[i + 1..])
}

/// Orders group labels oldest first: `YYYYQn#k` by year, quarter and
/// piece; undated groups before every dated one.
fn age(grp: &[u8]) -> (bool, Vec<u8>, u64) {
    let label = grp.iter().position(|&b| b == 0).map_or(grp, |i| &grp[..i]);
    let (quarter, piece) = match label.iter().rposition(|&b| b == b'#') {
        Some(i) => (&label[..i], std::str::from_utf8(&label[i + 1..]).ok().and_then(|s| s.parse().ok()).unwrap_or(0)),
        None => (label, 0),
    };
    (!quarter.starts_with(b"undated"), quarter.to_vec(), piece)
}

/// True when the folder `dir` (canonical, as bytes) is `root` or inside it.
fn within(dir: &[u8], root: &[u8]) -> bool {
    dir.strip_prefix(root).is_some_and(|rest| rest.is_empty() || rest[0] == b'/' || rest[0] == b'\\')
}

/// Starts reading ahead the parts stored for the folders under `roots`
/// (the paths a load was asked for: folders or files), newest first, on a
/// thread of its own. Does nothing without a page cache. Replaces the
/// prefetch of an earlier load.
pub fn start(roots: &[PathBuf]) {
    stop();
    let Some(cache) = crate::cache::shared().filter(|c| c.is_on()) else { return };
    let p = Arc::new(Prefetch {
        slots: Mutex::new(None),
        queue: Mutex::new(Vec::new()),
        read: Condvar::new(),
        stopped: AtomicBool::new(false),
    });
    *lock(&CURRENT) = Some(p.clone());
    let roots = roots.to_vec();
    let spawned = std::thread::Builder::new().name("index-prefetch".into()).spawn(move || {
        list(&p, cache, &roots);
        run(&p, cache);
    });
    if spawned.is_err() {
        stop();
    }
}

/// Lists the parts stored for the folders under `roots` and queues them,
/// newest last.
fn list(p: &Prefetch, cache: &crate::cache::PageCache, roots: &[PathBuf]) {
    let roots: Vec<Vec<u8>> = roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .map(|r| if r.is_dir() { r } else { r.parent().map(Path::to_path_buf).unwrap_or(r) })
        .map(|r| r.into_os_string().into_encoded_bytes())
        .collect();
    let listed: Vec<(Vec<u8>, usize)> = cache
        .list_parts(stored_part::FORMAT)
        .into_iter()
        .filter(|(grp, _)| roots.iter().any(|r| within(folder_of(grp), r)))
        .collect();
    let mut queue: Vec<Vec<u8>> = listed.iter().map(|(g, _)| g.clone()).collect();
    queue.sort_by_cached_key(|g| age(g));
    *lock(&p.queue) = queue;
    *lock(&p.slots) = Some(listed.into_iter().map(|(g, n)| (g, (n, Slot::Queued))).collect());
    p.read.notify_all();
}

/// The prefetching thread: reads and decodes the queued parts, newest
/// first, until none is left or the prefetch is stopped.
fn run(p: &Prefetch, cache: &crate::cache::PageCache) {
    while !p.stopped.load(Ordering::Relaxed) {
        let Some(grp) = next(p) else { return };
        let read = cache.read_part_of_group(&grp, stored_part::FORMAT, |pages, bytes| {
            stored_part::decode_any(bytes, super::index::KEYS).map(|(docs, pieces)| (pages.to_vec(), docs, pieces))
        });
        let mut slots = lock(&p.slots);
        if let Some((_, slot)) = slots.as_mut().and_then(|s| s.get_mut(&grp)) {
            *slot = match read {
                Some(r) if !p.stopped.load(Ordering::Relaxed) => Slot::Ready(Box::new(r)),
                _ => Slot::Gone,
            };
        }
        drop(slots);
        p.read.notify_all();
    }
}

/// The next group to read (marked as being read).
fn next(p: &Prefetch) -> Option<Vec<u8>> {
    let mut slots = lock(&p.slots);
    let mut queue = lock(&p.queue);
    while let Some(grp) = queue.pop() {
        if let Some((_, slot @ Slot::Queued)) = slots.as_mut().and_then(|s| s.get_mut(&grp)) {
            *slot = Slot::Reading;
            return Some(grp);
        }
    }
    None
}

/// The part read ahead for the group `id`, whose pages hold `docs`
/// documents (see [`Found`]); `settled`: no more pages are coming. Waits
/// for the list of stored parts and for a part being read; a part not read
/// yet is left to the caller.
pub(super) fn take(id: &PartId, docs: usize, settled: bool) -> Found {
    let Some(p) = lock(&CURRENT).clone() else { return Found::NotHere };
    let mut guard = lock(&p.slots);
    loop {
        if p.stopped.load(Ordering::Relaxed) {
            return Found::NotHere;
        }
        let Some(slots) = guard.as_mut() else {
            // Not listed yet.
            guard = p.read.wait(guard).unwrap_or_else(|e| e.into_inner());
            continue;
        };
        let Some((stored_len, slot)) = slots.get_mut(&id.grp) else { return Found::NotHere };
        if !settled && id.pages.len() < *stored_len {
            return Found::Later;
        }
        match std::mem::replace(slot, Slot::Gone) {
            Slot::Reading => {
                *slot = Slot::Reading;
                guard = p.read.wait(guard).unwrap_or_else(|e| e.into_inner());
            }
            Slot::Ready(r) => {
                let (pages, n, pieces) = *r;
                return match pages == id.pages && n as usize == docs {
                    true => Found::Part(Box::new(pieces)),
                    false => Found::NotHere,
                };
            }
            Slot::Queued | Slot::Gone => return Found::NotHere,
        }
    }
}

/// True while parts are being read ahead for the load under way.
pub fn active() -> bool {
    lock(&CURRENT).as_ref().is_some_and(|p| !p.stopped.load(Ordering::Relaxed))
}

/// Ends the prefetch (the load's index is complete): the thread stops and
/// the parts read ahead but not taken are dropped.
pub fn stop() {
    if let Some(p) = lock(&CURRENT).take() {
        p.stopped.store(true, Ordering::Relaxed);
        let mut guard = lock(&p.slots);
        for (_, slot) in guard.get_or_insert_default().values_mut() {
            if !matches!(slot, Slot::Reading) {
                *slot = Slot::Gone;
            }
        }
        drop(guard);
        p.read.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_read_newest_first_and_only_under_the_roots() {
        let g = |label: &str, dir: &str| [label.as_bytes(), &[0], dir.as_bytes()].concat();
        let mut q = [g("2023Q4#0", "/a"), g("undated#0", "/a"), g("2024Q1#0", "/a"), g("2023Q4#10", "/a")];
        q.sort_by_cached_key(|x| age(x));
        let labels: Vec<&[u8]> = q.iter().map(|x| &x[..x.iter().position(|&b| b == 0).unwrap()]).collect();
        assert_eq!(labels, [&b"undated#0"[..], b"2023Q4#0", b"2023Q4#10", b"2024Q1#0"]);
        assert!(within(folder_of(&g("2023Q4#0", "/a/b")), b"/a"));
        assert!(within(folder_of(&g("2023Q4#0", "/a")), b"/a"));
        assert!(!within(folder_of(&g("2023Q4#0", "/ab")), b"/a"));
    }
}
