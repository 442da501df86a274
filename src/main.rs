use clap::Parser;

fn main() -> std::process::ExitCode {
    clearhouse::cli::run(clearhouse::cli::Cli::parse())
}
