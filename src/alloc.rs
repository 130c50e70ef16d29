//! The allocator: mimalloc, with freed memory handed back to the system lazily.

use libmimalloc_sys as ffi;

/// A build allocates millions of short strings on every core and frees many on another;
/// mimalloc's per-thread heaps make that a fraction of what the system allocator costs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_decommits` of mimalloc.h: the same number in its versions 2 and 3
/// (the test below checks the version and the option's default).
const PURGE_DECOMMITS: ffi::mi_option_t = 5;

/// Memory a stage frees is given back to the system 10 ms later. By default mimalloc
/// decommits it, so when the next stage allocates as much the kernel maps and zeroes
/// fresh pages again: 75,000–105,000 page faults in a 100,000-article build. Purged with
/// a reset instead (`MADV_FREE`), the pages stay mapped until the system needs them: 7,000
/// to 10,000 faults, less system time, the build 2–5 % faster at that size (no change at
/// 10,000). `serve`'s freed memory is still taken back whenever the system runs short.
pub fn tune() {
    // SAFETY: `mi_option_set` stores a number in mimalloc's table of options, which any
    // thread may do at any time; the option is a valid one (see `PURGE_DECOMMITS`).
    #[allow(unsafe_code)]
    unsafe {
        ffi::mi_option_set(PURGE_DECOMMITS, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_mimallocs_purge_decommits() {
        // SAFETY: both only read mimalloc's version and table of options.
        #[allow(unsafe_code)]
        let (version, default) =
            unsafe { (ffi::mi_version(), ffi::mi_option_get(PURGE_DECOMMITS)) };
        assert!((200..400).contains(&(version / 100)), "mimalloc {version}: check mimalloc.h");
        // Unit tests never call `tune`: the option still has its default, decommit (1).
        assert_eq!(default, 1, "option {PURGE_DECOMMITS} is not purge_decommits");
    }
}
