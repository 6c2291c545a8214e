//! Software prefetch: asks the processor to bring memory into the cache ahead of a read.
//!
//! Assessing candidate edges reads the chance model's row of each pair's second account, an
//! account met at random: without a hint each such read waits on main memory. Prefetching the
//! rows of the candidates a few steps ahead lets those waits overlap.

/// Brings the cache lines holding `value` towards the core; has no other effect. A no-op on
/// targets without a prefetch instruction.
#[inline(always)]
pub(crate) fn prefetch<T: ?Sized>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        const LINE: usize = 64;
        let start = (value as *const T).cast::<i8>();
        let len = std::mem::size_of_val(value);
        for offset in (0..len).step_by(LINE) {
            // SAFETY: a prefetch is only a hint and never faults; the address lies within
            // `value`, which is borrowed for the duration of the call.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(offset)) }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
