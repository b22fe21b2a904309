//! The world going away under the reader: termination signals and a
//! terminal that has gone (closed window while SIGHUP is ignored, as under
//! `nohup`).
//!
//! SIGTERM, SIGHUP, SIGINT and SIGQUIT no longer kill the reader on the
//! spot: a handler notes the signal, the event loop (which wakes at least
//! every [`CHECK_EVERY`]) sees it, leaves, the terminal is restored, the
//! reading state saved, and the process exits with 128 + the signal's
//! number, as a shell expects. A terminal that reports end of input or a
//! hang-up is treated the same way (exit status 1 after saving).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The longest the event loop sleeps before looking at [`received`] again.
pub const CHECK_EVERY: Duration = Duration::from_millis(200);

/// The signals handled: terminate, hang-up, interrupt, quit.
#[cfg(unix)]
pub const HANDLED: &[i32] = &[
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// The last signal received (0: none).
static RECEIVED: std::sync::OnceLock<Arc<AtomicUsize>> = std::sync::OnceLock::new();

fn flag() -> &'static Arc<AtomicUsize> {
    RECEIVED.get_or_init(|| Arc::new(AtomicUsize::new(0)))
}

/// Installs the handlers (once; later calls do nothing). A signal that
/// cannot be handled keeps its default action.
pub fn install() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            for &sig in HANDLED {
                // A signal ignored by whoever started us (SIGHUP under
                // nohup, SIGINT for a background job) stays ignored.
                if is_ignored(sig) {
                    continue;
                }
                // Only sets an atomic: async-signal-safe.
                let _ = signal_hook::flag::register_usize(sig, Arc::clone(flag()), sig as usize);
            }
        });
    }
}

/// True when `sig` is ignored (SIG_IGN) in this process.
#[cfg(unix)]
fn is_ignored(sig: i32) -> bool {
    // SAFETY: sigaction with a null new action only reads the current one
    // into a zeroed struct we own.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(sig, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    }
}

/// The signal received since [`install`], if any.
pub fn received() -> Option<i32> {
    match flag().load(Ordering::SeqCst) {
        0 => None,
        n => i32::try_from(n).ok(),
    }
}

/// The exit status for a signal: 128 + its number (130 for SIGINT, 143 for
/// SIGTERM), as shells report a process killed by it.
pub fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(255)
}

/// True when the terminal the reader reads from has gone: a hang-up or an
/// error on it, or "readable" with nothing to read (end of input). Looks
/// without reading anything. False when it cannot tell.
pub fn terminal_gone() -> bool {
    #[cfg(unix)]
    {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            return fd_gone(0);
        }
        match std::fs::File::open("/dev/tty") {
            Ok(tty) => {
                use std::os::fd::AsRawFd;
                fd_gone(tty.as_raw_fd())
            }
            // No controlling terminal any more.
            Err(_) => true,
        }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(unix)]
fn fd_gone(fd: i32) -> bool {
    let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd, a zero timeout.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    if n < 0 {
        return false;
    }
    if p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return true;
    }
    if p.revents & libc::POLLIN != 0 {
        let mut waiting: libc::c_int = 0;
        // SAFETY: FIONREAD writes one c_int.
        let rc = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut waiting) };
        // Readable with no byte waiting is end of input.
        return rc < 0 || waiting == 0;
    }
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn exit_statuses_are_the_shells() {
        assert_eq!(exit_status(signal_hook::consts::SIGINT), 130);
        assert_eq!(exit_status(signal_hook::consts::SIGTERM), 143);
        assert_eq!(exit_status(signal_hook::consts::SIGHUP), 129);
    }

    #[test]
    fn a_pipe_at_end_of_input_is_gone_and_one_with_data_is_not() {
        let mut fds = [0i32; 2];
        // SAFETY: a two-int array for pipe(2).
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let (r, w) = (fds[0], fds[1]);
        assert!(!fd_gone(r), "open and empty: waiting, not gone");
        // SAFETY: writing one byte from a valid buffer to our pipe.
        assert_eq!(unsafe { libc::write(w, b"x".as_ptr().cast(), 1) }, 1);
        assert!(!fd_gone(r), "input waiting");
        let mut b = [0u8; 1];
        // SAFETY: reading one byte into a valid buffer.
        assert_eq!(unsafe { libc::read(r, b.as_mut_ptr().cast(), 1) }, 1);
        // SAFETY: closing the fds we opened.
        unsafe { libc::close(w) };
        assert!(fd_gone(r), "writer closed: end of input");
        unsafe { libc::close(r) };
    }
}
