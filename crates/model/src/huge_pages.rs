//! Transparent huge pages for large tables probed at random.
//!
//! A table of a hundred megabytes probed at random (a hash table of every post id) pays a
//! page-table walk on most probes with 4 KiB pages: the processor's translation cache covers
//! a few megabytes. Linux backs a region with 2 MiB pages when the program asks (`madvise`),
//! which its usual setting (`transparent_hugepage=madvise`) leaves to each program. Asking for
//! every large allocation costs more than it saves (huge pages are cleared and compacted on
//! the fault, and the sweeps' buffers come and go), so only such tables ask.

/// Asks the operating system to back `table` with huge pages where it spans whole ones: a
/// hint with no other effect, and a no-op where the system has none. Call it on a new table's
/// spare capacity (`Vec::with_capacity`, then `spare_capacity_mut`) before filling it: pages
/// already touched, as a zeroed `vec!` from a reused heap block may be, stay as they are
/// until the kernel merges them in the background.
pub fn advise_huge_pages<T>(table: &mut [T]) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = table.as_mut_ptr() as usize;
        let end = start + std::mem::size_of_val(table);
        let (from, to) = (start.next_multiple_of(HUGE), end / HUGE * HUGE);
        if from < to {
            // SAFETY: the range lies within `table`, which is borrowed mutably; the advice
            // changes how its pages are backed, never what they hold, and a failure (a kernel
            // without huge pages) leaves them as they were.
            unsafe {
                libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = table;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_advised_table_keeps_what_is_written_to_it() {
        for len in [0, 5, 3 << 20] {
            let mut table = vec![0u64; len];
            advise_huge_pages(&mut table);
            for (i, slot) in table.iter_mut().enumerate() {
                *slot = i as u64;
            }
            assert!(table.iter().enumerate().all(|(i, &v)| v == i as u64));
        }
    }
}
