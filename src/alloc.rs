//! The allocator: mimalloc, with freed memory handed back to the system lazily.

use libmimalloc_sys as ffi;

/// A build allocates millions of short strings on every core and frees many on another;
/// mimalloc's per-thread heaps make that a fraction of what the system allocator costs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_decommits` of mimalloc.h: the same number in its versions 2 and 3
/// (the test below checks the version and the option's default).
const PURGE_DECOMMITS: ffi::mi_option_t = 5;

/// `mi_option_allow_thp` of mimalloc.h (version 3; the test below checks its default).
const ALLOW_THP: ffi::mi_option_t = 43;

/// Memory a stage frees is given back to the system 10 ms later. By default mimalloc
/// decommits it, so when the next stage allocates as much the kernel maps and zeroes
/// fresh pages again: 75,000–105,000 page faults in a 100,000-article build. Purged with
/// a reset instead (`MADV_FREE`), the pages stay mapped until the system needs them: 7,000
/// to 10,000 faults, less system time, the build 2–5 % faster at that size (no change at
/// 10,000). `serve`'s freed memory is still taken back whenever the system runs short.
///
/// Transparent huge pages are turned off for the process. mimalloc asks for them, and a
/// fresh huge page is zeroed whole (2 MiB) at its first touch: at 100,000 articles that
/// was a fifth of the processor time (`clear_page_erms`, 19 % of `perf` samples, most of it
/// under reading the sources and laying out fresh pages of blocks). With 4 KiB pages the
/// kernel zeroes only what the build touches: system time 9.3–9.5 → 4.1–4.4 s and the
/// build 16.46 → 14.46 s at 100,000 articles (medians of 3 interleaved runs), 0.85–1.06 →
/// 0.46–0.52 s and 1.68 → 1.39 s at 10,000 (5 interleaved), with the same user time and
/// a little less peak memory.
pub fn tune() {
    // SAFETY: `mi_option_set` stores a number in mimalloc's table of options, which any
    // thread may do at any time; the options are valid ones (see the constants).
    #[allow(unsafe_code)]
    unsafe {
        ffi::mi_option_set(PURGE_DECOMMITS, 0);
        // No `madvise(MADV_HUGEPAGE)` on the arenas mimalloc maps from now on…
        ffi::mi_option_set(ALLOW_THP, 0);
    }
    // …nor on the first one, mapped before `main`: the process's own switch covers all.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE reads one integer argument and sets a flag of this
    // process; a kernel without it refuses with EINVAL, and the build goes on with THP.
    #[allow(unsafe_code)]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
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

    #[test]
    fn the_option_set_is_mimallocs_allow_thp() {
        // SAFETY: only reads mimalloc's table of options.
        #[allow(unsafe_code)]
        let allow = unsafe { ffi::mi_option_get(ALLOW_THP) };
        // Its default is 1 on Linux; the option after it, `minimal_purge_size`, is 0.
        assert_eq!(allow, 1, "option {ALLOW_THP} is not allow_thp");
        #[allow(unsafe_code)]
        let next = unsafe { ffi::mi_option_get(ALLOW_THP + 1) };
        assert_eq!(next, 0);
    }
}
