// Loading a large repository allocates and frees many small values from
// several threads at once, which mimalloc serves faster than the system
// allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // The allocator hands freed memory back to the system in small pieces
    // and takes it again on the next allocation; with transparent huge
    // pages each retake can be a fresh 2 MB page for the kernel to zero
    // (1.3 s of system time in a lint of 100,000 nominations, against
    // 0.3 s without).
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes
    // nothing but this process's page policy; a failure is ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    std::process::exit(ladderlint::cli::main());
}
