//! Process-wide memory settings.

/// Caps glibc's malloc at two arenas (it makes up to eight per core, one
/// for each thread that allocates while another holds an arena). The
/// loader, index and read-ahead threads each leave memory freed in an arena
/// of their own that the others do not reuse: at 100,000 pages a second
/// start's peak resident memory was 1.40–1.52× the text with the default
/// (five runs) and 1.37–1.38× with this (three runs), start-up times
/// unchanged (README, "The 100,000-page archive"). Call it first thing,
/// before any thread starts.
/// Does nothing on other platforms.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of glibc's allocator; a
    // failure (0) leaves the default in place, which is fine.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}
