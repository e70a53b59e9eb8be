// Loading a large repository allocates and frees many small values from
// several threads at once, which mimalloc serves faster than the system
// allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(ladderlint::cli::main());
}
