fn main() {
    std::process::exit(ladderlint::cli::main());
}
