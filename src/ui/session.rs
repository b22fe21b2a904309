//! Everything around the reader that lasts longer than one key press: the
//! reading state on disk (read marks, bookmarks, last position) and pages
//! arriving from the background loader.
//!
//! The event loop hands it the marks and the position the update changed
//! ([`Session::apply`], from the update's [`Effect`]s) and calls
//! [`Session::tick`] after each action and whenever it wakes up: it writes
//! the [`Store`] when due (at most once a second), moves newly loaded pages
//! into the reader, and restores the last position as soon as its issue is
//! in. Update stays pure; all file I/O happens here, and the made-up
//! headlines of a big archive are mended on a thread of the session's
//! ([`Effect::MendTitles`]).

use super::app::App;
use super::effect::Effect;
use crate::archive::{self, LoadEvent};
use crate::model::Page;
use crate::store::{Position, Store};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Files above which the status line shows a loading progress bar.
pub const PROGRESS_THRESHOLD: usize = 200;

/// How a save failure's message starts (see [`crate::store::Store::save_error`]).
const SAVE_ERROR_PREFIX: &str = "cannot save reading state";

/// How often pages that arrived are moved into the reader while loading.
const APPLY_INTERVAL: Duration = Duration::from_millis(150);

/// The reading state and the background loading of one run of the reader.
pub struct Session {
    store: Store,
    loading: Option<Receiver<LoadEvent>>,
    /// Pages received and not yet in the reader.
    arrived: Vec<Page>,
    last_apply: Option<Instant>,
    total: usize,
    done: usize,
    /// The position to go back to, until its issue has loaded (cancelled
    /// when the user moves first: they have chosen where to be).
    pending: Option<Position>,
    /// The reader's latest position while `pending` holds the saved one:
    /// noted when the user takes over before it came back.
    held: Option<Position>,
    /// Files that failed to load, for the status bar and stderr.
    pub errors: Vec<String>,
    /// Problems met while loading pages that did load, for stderr.
    pub warnings: Vec<String>,
    /// The load report last put in the status bar.
    reported: Option<String>,
    /// How long until everything had loaded (for `LVREAD_TIMING`).
    pub loaded_in: Option<Duration>,
    started: Instant,
    /// The made-up headlines being worked out on a thread of their own
    /// ([`Effect::MendTitles`]), to hand to the reader when back.
    mending: Option<Receiver<crate::ui::titles::Found>>,
}

impl Session {
    /// A session over `store`; call [`Session::restore`] once the first issues are in.
    pub fn new(store: Store) -> Session {
        Session {
            store,
            loading: None,
            arrived: Vec::new(),
            last_apply: None,
            total: 0,
            done: 0,
            pending: None,
            held: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            reported: None,
            loaded_in: None,
            started: Instant::now(),
            mending: None,
        }
    }

    /// Starts loading `paths` in the background (see [`archive::load_in_background`]).
    pub fn load_in_background(&mut self, paths: Vec<PathBuf>) {
        self.started = Instant::now();
        // The index parts stored for these folders are read while their
        // pages arrive.
        crate::search::prefetch::start(&paths);
        self.loading = Some(archive::load_in_background(paths));
    }

    /// True while files are still loading.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some() || !self.arrived.is_empty()
    }

    /// The store (read marks, bookmarks, position).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Puts the saved marks into the reader and goes back to the saved
    /// position (now, or as soon as its issue has loaded). Warnings from
    /// opening the state file go to the status bar.
    pub fn restore(&mut self, app: &mut App) {
        let data = self.store.data();
        app.load_marks(data.read.iter().cloned(), data.bookmarks.clone());
        app.marks.unread_only = data.unread_only;
        self.pending = data.position.clone();
        for w in self.store.take_warnings() {
            app.message(w);
        }
        if let Some(n) = self.store.take_notices().pop() {
            app.notice(n);
        }
        self.try_restore(app);
    }

    /// Notes a user action: any key or click before the saved position is
    /// restored means the user has chosen where to be.
    pub fn on_action(&mut self, action: super::Action) {
        if !matches!(action, super::Action::Resize(..)) {
            self.pending = None;
            if let Some(pos) = self.held.take() {
                self.store.set_position(pos);
            }
        }
    }

    /// Goes to the pending position if its article is loaded (or, once
    /// everything has loaded, to its issue and article index).
    fn try_restore(&mut self, app: &mut App) {
        let Some(pos) = &self.pending else { return };
        let Some(i) = app.issues.iter().position(|x| x.label() == pos.issue) else {
            // Gone for good once everything has loaded (and something has).
            if !self.is_loading() && !app.issues.is_empty() {
                self.pending = None;
            }
            return;
        };
        let by_id = pos
            .article
            .as_deref()
            .and_then(|id| (0..app.issues[i].article_count()).find(|&n| app.article_key(i, n).as_deref() == Some(id)));
        let n = match by_id {
            Some(n) => n,
            None if self.is_loading() => return,
            None => pos.article_index.min(app.issues[i].article_count().saturating_sub(1)),
        };
        let exact = by_id.is_some().then(|| pos.clone());
        self.pending = None;
        self.held = None;
        // Emitted again even if it happens to equal the place shown before.
        app.forget_saved_position();
        super::navigate::return_to(app, (i, n), exact.as_ref());
    }

    /// Receives loaded pages (moving them into the reader at most every
    /// 150 ms, keeping the selection), carries out the effects of changes
    /// made outside an update, and writes the store when due. Returns true
    /// when the screen changed.
    pub fn tick(&mut self, app: &mut App, now: Instant) -> bool {
        // Marks and the position changed outside an update (pages arrived,
        // the position came back).
        for effect in app.take_effects() {
            self.apply(effect);
        }
        let mut changed = self.receive(app);
        changed |= self.receive_mended_titles(app);
        changed |= app.mend_titles();
        if !self.arrived.is_empty()
            && (self.loading.is_none() || self.last_apply.is_none_or(|t| now.duration_since(t) >= APPLY_INTERVAL))
        {
            self.apply_pages(app);
            self.last_apply = Some(now);
            changed = true;
        }
        for effect in app.take_effects() {
            self.apply(effect);
        }
        self.store.flush_if_due(now);
        for w in self.store.take_warnings() {
            if self.store.save_error() != Some(w.as_str()) {
                app.message(w);
                changed = true;
            }
        }
        if let Some(n) = self.store.take_notices().pop() {
            // Saving works again: the old failure is no longer news.
            app.withdraw_messages(|m| m.starts_with(SAVE_ERROR_PREFIX));
            app.notice(n);
            changed = true;
        }
        changed |= self.keep_save_error_shown(app);
        changed
    }

    /// While the reading state cannot be saved, the failure stays the
    /// status bar's latest message (a passing notice may cover it until the
    /// next key; `Esc` cannot clear it): the user must not believe a mark
    /// is safe. Returns true when the messages changed.
    fn keep_save_error_shown(&self, app: &mut App) -> bool {
        let Some(err) = self.store.save_error() else { return false };
        let status = &mut app.status;
        if status.messages.last().is_some_and(|m| m == err) {
            return false;
        }
        // Pushed under a notice shown right now, not over it.
        let notice_shown = status.notice.as_ref().is_some_and(|(_, at)| status.messages.len() <= *at);
        status.messages.retain(|m| !m.starts_with(SAVE_ERROR_PREFIX));
        status.messages.push(err.to_string());
        if notice_shown && let Some((_, at)) = status.notice.as_mut() {
            *at = status.messages.len();
        }
        true
    }

    /// How long the event loop may sleep before [`Session::tick`] has work:
    /// None when nothing is pending.
    pub fn wake_in(&self) -> Option<Duration> {
        if self.is_loading() {
            Some(Duration::from_millis(50))
        } else if self.store.is_dirty() {
            Some(Duration::from_millis(250))
        } else {
            None
        }
    }

    /// Drains the loader's channel; returns true when the progress shown changed.
    fn receive(&mut self, app: &mut App) -> bool {
        let Some(rx) = &self.loading else { return false };
        let mut changed = false;
        loop {
            match rx.try_recv() {
                Ok(LoadEvent::Started { total, errors }) => {
                    self.total = total;
                    self.errors.extend(errors.iter().map(ToString::to_string));
                    app.set_progress((total > PROGRESS_THRESHOLD).then_some((0, total)));
                    changed = true;
                }
                Ok(LoadEvent::File { result, done, total, .. }) => {
                    self.done = self.done.max(done);
                    match result {
                        Ok(pages) => {
                            for page in &pages {
                                let name = page
                                    .path
                                    .as_ref()
                                    .map(|p| p.display().to_string())
                                    .unwrap_or_else(|| page.source.clone());
                                self.warnings.extend(page.warnings.iter().map(|w| format!("{name}: {w}")));
                            }
                            self.arrived.extend(pages);
                        }
                        Err(e) => {
                            self.errors.push(e.to_string());
                            changed = true;
                        }
                    }
                    if total > PROGRESS_THRESHOLD {
                        app.set_progress(Some((self.done, total)));
                        changed = true;
                    }
                }
                Ok(LoadEvent::Finished) | Err(TryRecvError::Disconnected) => {
                    self.loading = None;
                    self.loaded_in = Some(self.started.elapsed());
                    app.set_progress(None);
                    changed = true;
                    break;
                }
                Err(TryRecvError::Empty) => break,
            }
        }
        if changed {
            self.report_errors(app);
        }
        changed
    }

    /// Shows what went wrong while loading in the status bar, as one line:
    /// files that failed, and once loading is over, pages that loaded with
    /// warnings and whether anything is left to read. A newer report
    /// replaces the older one, so no part of it hides another.
    fn report_errors(&mut self, app: &mut App) {
        let done = self.loading.is_none();
        let mut parts: Vec<String> = Vec::new();
        match self.errors.len() {
            0 => {}
            1 => parts.push(format!("failed to load {}", self.errors[0])),
            n => parts.push(format!("{n} files failed to load, e.g. {}", self.errors[0])),
        }
        if done {
            match self.warnings.len() {
                0 => {}
                1 => parts.push(format!("warning: {}", self.warnings[0])),
                n => parts.push(format!("{n} warnings while loading, e.g. {}", self.warnings[0])),
            }
        }
        let empty = done && app.issues.is_empty() && self.arrived.is_empty();
        if parts.is_empty() && !empty {
            return;
        }
        let mut report = parts.join("; ");
        if empty {
            report = if report.is_empty() {
                "nothing to read: no page loaded".to_string()
            } else {
                format!("nothing to read: {report}")
            };
        }
        if self.errors.len() + if done { self.warnings.len() } else { 0 } > 1 {
            report.push_str(" (all on stderr at exit)");
        }
        if self.reported.as_ref() != Some(&report) {
            if let Some(old) = self.reported.take() {
                app.withdraw_messages(|m| m == old);
            }
            app.message(report.clone());
            self.reported = Some(report);
        }
    }

    /// Moves the pages that arrived into the reader (see [`App::add_pages`]).
    fn apply_pages(&mut self, app: &mut App) {
        app.add_pages(self.arrived.drain(..));
        self.try_restore(app);
        self.report_errors(app);
    }

    /// Carries out an effect on the reading state: a read mark, a bookmark
    /// or the position goes to the store (marks another lvread saved
    /// meanwhile stay; the position waits while the saved one has not come
    /// back yet). Searches are not the session's: they go to the search driver.
    pub fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::SetRead(key, read) => {
                self.store.set_read(&key, read);
            }
            Effect::AddBookmark(b) => {
                if !self.store.is_bookmarked(&b.id) {
                    self.store.toggle_bookmark(&b.id, &b.title, &b.issue);
                }
            }
            Effect::RemoveBookmark(id) => {
                self.store.remove_bookmark(&id);
            }
            Effect::SavePosition(pos) if self.pending.is_some() => self.held = Some(pos),
            Effect::SavePosition(pos) => self.store.set_position(pos),
            Effect::SetUnreadOnly(on) => self.store.set_unread_only(on),
            Effect::MendTitles(issues) => self.mend_titles(issues),
            // Not the reading state's: the event loop carries these out.
            Effect::Search(_) | Effect::Copy(_) | Effect::Save { .. } => {}
        }
    }

    /// Works out the mended headlines of `issues` on a thread of their own
    /// ([`crate::ui::titles::find`]); [`Session::tick`] hands them to the reader.
    fn mend_titles(&mut self, issues: Vec<crate::model::Issue>) {
        let (tx, rx) = std::sync::mpsc::channel();
        // Without the segmenter or a thread, `tx` is dropped: the reader
        // is told the headlines stay as they are.
        if let Some(jieba) = crate::search::words::try_jieba() {
            let _ = std::thread::Builder::new().name("mend-titles".into()).spawn(move || {
                let _ = tx.send(crate::ui::titles::find(issues, jieba));
            });
        }
        self.mending = Some(rx);
    }

    /// Hands the mended headlines to the reader once they are worked out.
    /// True when they came back (the reader puts them in place a few pages
    /// per tick).
    fn receive_mended_titles(&mut self, app: &mut App) -> bool {
        let Some(rx) = &self.mending else { return false };
        let found = match rx.try_recv() {
            Ok(found) => Some(found),
            Err(TryRecvError::Empty) => return false,
            // (The thread failed: the headlines stay as the loader made them.)
            Err(TryRecvError::Disconnected) => None,
        };
        self.mending = None;
        app.put_mended_titles(found);
        true
    }

    /// True while made-up headlines are being worked out or put in place
    /// (the event loop should come back soon).
    pub fn mending_titles(&self, app: &App) -> bool {
        self.mending.is_some() || app.mending_titles()
    }

    /// Saves the last changes and writes the state (on quit). Returns the
    /// error when the reading state could not be saved (the caller reports it
    /// on stderr and in the exit status): the changes of this session are lost.
    pub fn finish(&mut self, app: &mut App) -> Option<String> {
        app.note_position();
        for effect in app.take_effects() {
            self.apply(effect);
        }
        self.store.flush();
        let unsaved = self.store.save_error().map(str::to_string);
        // Messages can no longer be shown; they go to stderr with the rest.
        self.warnings.extend(self.store.take_warnings().into_iter().filter(|w| Some(w) != unsaved.as_ref()));
        unsaved
    }
}
