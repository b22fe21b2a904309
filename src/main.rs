fn main() -> std::process::ExitCode {
    lvread::cli::run()
}
