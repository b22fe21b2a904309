//! Page text on demand. A page read back from the page cache's headline
//! table ([`crate::archive::heads`]) holds its headlines only
//! ([`Page::text`]); its text is read here, the one place that does, when
//! an article is opened, when the search's body pass reads a candidate,
//! for the keywords, for an export. The full page comes from its row in
//! the page cache (one look-up, one postcard decode) and is kept in a
//! small least-recently-used store bounded by the bytes of text it holds
//! ([`BUDGET`]), so memory stays bounded however many articles are read.
//!
//! A row that went missing or does not decode is parsed again from the
//! file (and stored anew) when the file is unchanged; when it changed or
//! is gone, the page's articles say so in their text instead of failing.

use crate::cache::db::FileKey;
use crate::model::{Article, Issue, Page, TextRef};
use std::collections::{BTreeMap, HashMap};
use std::ops::Deref;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

/// Bytes of page text kept decoded at most (about 7,500 typical pages).
pub const BUDGET: usize = 128 << 20;

/// The page with all its text: `page` itself when it holds it, else read
/// from the page cache (or its file) and shaped like `page` (its headlines,
/// mended or given keywords in the reader, and an extra article made of its
/// fragments when `page` has one). Never fails: a text that cannot be read
/// is replaced by a message saying why.
pub fn text(page: &Arc<Page>) -> Arc<Page> {
    let Some(t) = &page.text else { return page.clone() };
    read_or_kept(page, t, true)
}

/// The full page of `page` (whose text is at `t`): the one kept when it
/// still fits, else read and shaped (and kept when `keep`).
fn read_or_kept(page: &Page, t: &TextRef, keep: bool) -> Arc<Page> {
    let slot = (t.file.clone(), t.index);
    if let Some(full) = lock().get(&slot)
        && fits(page, &full)
    {
        return full;
    }
    let mut full = read(page, t);
    shape(page, &mut full);
    let full = Arc::new(full);
    if keep {
        lock().put(slot, full.clone());
    }
    full
}

/// [`text`] for a page read once, by the search index's build: a page
/// already kept is taken from the store, but one read now is not kept (at
/// a first start every page is read once to be indexed, and would push the
/// pages the reader opened out of the store, holding up to [`BUDGET`] of
/// text nobody reads again).
pub fn text_once(page: &Arc<Page>) -> Arc<Page> {
    let Some(t) = &page.text else { return page.clone() };
    read_or_kept(page, t, false)
}

/// An article with all its text (a shared full page and the article's
/// place in it); reads as an [`Article`].
#[derive(Debug, Clone)]
pub struct ArticleText {
    page: Arc<Page>,
    k: usize,
}

impl ArticleText {
    /// The full page the article is printed on.
    pub fn page(&self) -> &Arc<Page> {
        &self.page
    }
}

impl Deref for ArticleText {
    type Target = Article;
    fn deref(&self) -> &Article {
        &self.page.articles[self.k]
    }
}

/// Article `n` of `issue` (in page order) with all its text.
pub fn article(issue: &Issue, n: usize) -> Option<ArticleText> {
    let (page, k) = locate(issue, n)?;
    let page = text(page);
    (k < page.articles.len()).then_some(ArticleText { page, k })
}

/// Article `k` of `page` with all its text.
pub fn article_of(page: &Arc<Page>, k: usize) -> Option<ArticleText> {
    let page = text(page);
    (k < page.articles.len()).then_some(ArticleText { page, k })
}

/// The page holding article `n` of `issue` (in page order), and the
/// article's place in that page.
pub fn locate(issue: &Issue, n: usize) -> Option<(&Arc<Page>, usize)> {
    let mut left = n;
    for p in &issue.pages {
        if left < p.articles.len() {
            return Some((p, left));
        }
        left -= p.articles.len();
    }
    None
}

/// Drops every page text kept (tests; after the cache was cleared).
pub fn forget_all() {
    *lock() = Lru::default();
}

/// Pages (and bytes of text) kept now.
pub fn kept() -> (usize, usize) {
    let l = lock();
    (l.map.len(), l.bytes)
}

/// The full text as stored, or parsed again; a page of messages when
/// neither works.
fn read(shell: &Page, t: &TextRef) -> Page {
    let path = shell.path.clone().unwrap_or_default();
    let cache = crate::cache::shared();
    if let Some(p) = cache.and_then(|c| c.get(&t.file, &path)).and_then(|mut v| take(&mut v, t.index)) {
        return p;
    }
    // The row is missing or damaged: parse the file again if it is the one
    // the headlines came from.
    let why = match FileKey::of(&path) {
        Some(k) if k == t.file => match crate::archive::parse_file(&path) {
            Ok(mut pages) => {
                if let Some(c) = cache {
                    c.put(k, &pages);
                    c.flush();
                }
                match take(&mut pages, t.index) {
                    Some(p) => return p,
                    None => "the file no longer gives this page".to_string(),
                }
            }
            Err(e) => e.to_string(),
        },
        Some(_) => "its file changed since it was loaded; open the archive again to see it".to_string(),
        None => "its file is gone".to_string(),
    };
    unreadable(shell, &why)
}

fn take(pages: &mut Vec<Page>, index: u32) -> Option<Page> {
    let i = index as usize;
    (i < pages.len()).then(|| pages.swap_remove(i))
}

/// `shell` with each article's text saying why it could not be read.
fn unreadable(shell: &Page, why: &str) -> Page {
    let mut p = Page { text: None, ..shell.clone() };
    let note = format!("(the text of this page could not be read: {})", crate::text::clean(why));
    for a in &mut p.articles {
        a.paragraphs = vec![note.clone()];
    }
    p
}

/// Gives `full` the shape of `shell`: an article `shell` has beyond the
/// file's is made of the page's fragments; headlines and keywords are the
/// shell's (the reader mends made-up headlines and adds keywords).
fn shape(shell: &Page, full: &mut Page) {
    full.path = shell.path.clone();
    full.text = None;
    if shell.articles.len() == full.articles.len() + 1
        && let Some(extra) = shell.articles.last()
    {
        let paragraphs: Vec<String> =
            std::mem::take(&mut full.fragments).into_iter().filter(|f| !f.trim().is_empty()).collect();
        full.articles.push(Article { paragraphs, ..extra.clone() });
    }
    if full.articles.len() != shell.articles.len() {
        *full = unreadable(shell, "its file no longer gives the same articles; open the archive again");
        return;
    }
    for (a, s) in full.articles.iter_mut().zip(&shell.articles) {
        if a.title != s.title {
            a.title.clone_from(&s.title);
        }
        if a.keywords != s.keywords {
            a.keywords.clone_from(&s.keywords);
        }
    }
}

/// True when a kept full page still has `shell`'s shape.
fn fits(shell: &Page, full: &Page) -> bool {
    full.articles.len() == shell.articles.len()
        && full.articles.iter().zip(&shell.articles).all(|(a, s)| a.title == s.title && a.keywords == s.keywords)
}

/// Bytes of text a page holds (roughly what it costs in memory).
fn weight(p: &Page) -> usize {
    let a: usize = p
        .articles
        .iter()
        .map(|a| {
            a.title.len()
                + a.paragraphs.iter().map(|s| s.len() + 24).sum::<usize>()
                + a.captions.iter().map(|s| s.len() + 24).sum::<usize>()
                + a.byline.as_ref().map_or(0, String::len)
                + 200
        })
        .sum();
    a + p.fragments.iter().map(|s| s.len() + 24).sum::<usize>() + 200
}

type Slot = (FileKey, u32);

/// Least recently used full pages, within [`BUDGET`] bytes.
#[derive(Default)]
struct Lru {
    map: HashMap<Slot, (Arc<Page>, u64, usize)>,
    order: BTreeMap<u64, Slot>,
    bytes: usize,
    clock: u64,
}

impl Lru {
    fn get(&mut self, slot: &Slot) -> Option<Arc<Page>> {
        self.clock += 1;
        let now = self.clock;
        let (page, stamp, _) = self.map.get_mut(slot)?;
        if let Some(s) = self.order.remove(stamp) {
            self.order.insert(now, s);
        }
        *stamp = now;
        Some(page.clone())
    }

    fn put(&mut self, slot: Slot, page: Arc<Page>) {
        self.clock += 1;
        let w = weight(&page);
        if let Some((_, stamp, old)) = self.map.remove(&slot) {
            self.order.remove(&stamp);
            self.bytes -= old;
        }
        self.order.insert(self.clock, slot.clone());
        self.map.insert(slot, (page, self.clock, w));
        self.bytes += w;
        while self.bytes > BUDGET && self.map.len() > 1 {
            let Some((_, oldest)) = self.order.pop_first() else { break };
            if let Some((_, _, w)) = self.map.remove(&oldest) {
                self.bytes -= w;
            }
        }
    }
}

static LRU: LazyLock<Mutex<Lru>> = LazyLock::new(Mutex::default);

fn lock() -> MutexGuard<'static, Lru> {
    LRU.lock().unwrap_or_else(|e| e.into_inner())
}
