//! The search thread builds the pinyin reading table as it starts, so the
//! first keystroke does not pay for it, and the thread that started the
//! worker (the reader's) does not wait for it. One test alone in its
//! process: nothing else builds the table first.

use lvread::search::{SearchWorker, pinyin};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[test]
fn the_search_thread_builds_the_pinyin_table_before_any_search() {
    assert!(pinyin::try_table().is_none(), "nothing built it yet");
    // (Pages still loading: no jieba, no index of anything.)
    let worker = SearchWorker::spawn_loading(Arc::new(Vec::new()), true);
    let deadline = Instant::now() + Duration::from_secs(60);
    let table = loop {
        if let Some(t) = pinyin::try_table() {
            break t;
        }
        assert!(Instant::now() < deadline, "the table was never built");
        std::thread::sleep(Duration::from_millis(2));
    };
    // Built on the search thread, not on the caller's: spawning did not wait.
    assert_eq!(table.built_on(), Some("search"));
    assert_eq!(worker.generation(), 0, "no search was asked for");
}
