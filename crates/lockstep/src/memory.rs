//! The process's peak resident memory, for run.json.

/// The highest resident set size of this process so far, in bytes, where the operating system
/// reports it (Linux: `VmHWM` in `/proc/self/status`); `None` elsewhere.
pub fn peak_resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

/// `VmHWM` of a `/proc/<pid>/status` text, in bytes.
fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_peak_line() {
        let status = "Name:\tlockstep\nVmPeak:\t  900 kB\nVmHWM:\t    1536 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(1536 * 1024));
        assert_eq!(parse_vm_hwm("Name:\tx\n"), None);
        assert_eq!(parse_vm_hwm("VmHWM:\tlots kB\n"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_running_process_has_a_peak() {
        // This test binary holds at least its own code in memory.
        assert!(peak_resident_bytes().unwrap() > 100 * 1024);
    }
}
