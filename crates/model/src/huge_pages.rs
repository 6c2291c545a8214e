//! Transparent huge pages for large tables probed at random.
//!
//! A table of a hundred megabytes probed at random (a hash table of every post id) pays a
//! page-table walk on most probes with 4 KiB pages: the processor's translation cache covers
//! a few megabytes. Linux backs a region with 2 MiB pages when the program asks (`madvise`),
//! which its usual setting (`transparent_hugepage=madvise`) leaves to each program. Asking for
//! every large allocation costs more than it saves (huge pages are cleared and compacted on
//! the fault, and the sweeps' buffers come and go), so only such tables ask.

/// A table of `len` copies of `value`, backed by huge pages where the system has them and
/// the table spans whole ones. The pages are asked for before the table is filled: pages
/// already touched (as a zeroed `vec!` from a reused heap block may be) would stay as they are
/// until the kernel merged them in the background.
pub fn filled_on_huge_pages<T: Clone>(len: usize, value: T) -> Vec<T> {
    let mut table = Vec::with_capacity(len);
    advise_huge_pages(table.spare_capacity_mut());
    table.resize(len, value);
    table
}

/// Asks the operating system to back `table` with huge pages where it spans whole ones: a
/// hint with no other effect, and a no-op where the system has none.
fn advise_huge_pages<T>(table: &mut [T]) {
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
    fn a_table_on_huge_pages_holds_its_value_and_what_is_written_to_it() {
        for len in [0, 5, 3 << 20] {
            let mut table = filled_on_huge_pages(len, 7u64);
            assert_eq!(table.len(), len);
            assert!(table.iter().all(|&v| v == 7));
            for (i, slot) in table.iter_mut().enumerate() {
                *slot = i as u64;
            }
            assert!(table.iter().enumerate().all(|(i, &v)| v == i as u64));
        }
    }
}
