//! Writes a generated clearhouse corpus for benchmarks: valid, signed off,
//! gate-clean sites of N items with realistic size and shape, deterministic
//! from a seed.
//!
//!     cargo run --release --bin gen-corpus -- --items 2000 --out /tmp/corpus [--areas 3] [--seed 7] [--plain] [--profile heavy]
//!
//! With one area OUT is a local site. With K > 1 areas, OUT/areas/<area>/ are
//! K local sites and OUT/national/ a national site over their bundles
//! (build the areas first). `--plain` also writes OUT-plain/: the same text
//! as plain Markdown with minimal front matter, for other generators (the
//! body, then the effective practice and strategies the item page shows).
//! `--profile heavy` writes items of about 35 KB with paragraph-long CLEAR
//! components (see `clearhouse::corpus`).

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Parser;
use clearhouse::corpus::{local_site, write, Profile, Rng};

#[derive(Parser)]
#[command(about = "Generate a benchmark corpus of clearhouse sites")]
struct Args {
    /// Number of items in total (split evenly across areas).
    #[arg(long)]
    items: usize,
    /// Output folder (created; must not exist or be empty).
    #[arg(long)]
    out: PathBuf,
    /// Number of CPC areas.
    #[arg(long, default_value_t = 1)]
    areas: usize,
    /// Seed for the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the text as plain Markdown for other generators.
    #[arg(long)]
    plain: bool,
    /// The shape of the items: `standard` (about 24 KB) or `heavy` (about
    /// 35 KB, paragraph-long strategies).
    #[arg(long, value_enum, default_value = "standard")]
    profile: ProfileArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ProfileArg {
    Standard,
    Heavy,
}

fn main() {
    let args = Args::parse();
    if args.out.exists()
        && std::fs::read_dir(&args.out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        eprintln!("error: {} exists and is not empty", args.out.display());
        std::process::exit(2);
    }
    let mut rng = Rng(args.seed);
    let profile = match args.profile {
        ProfileArg::Standard => Profile::Standard,
        ProfileArg::Heavy => Profile::Heavy,
    };
    let plain_root = args
        .plain
        .then(|| PathBuf::from(format!("{}-plain", args.out.display())));
    if args.areas <= 1 {
        local_site(
            &args.out,
            plain_root.as_deref(),
            "Benchmark CPC",
            "bm",
            args.items,
            profile,
            &mut rng,
        );
    } else {
        let mut sources = String::new();
        for a in 0..args.areas {
            let area = format!("Area {}", a + 1);
            let code = format!("a{}", a + 1);
            let share = args.items / args.areas + usize::from(a < args.items % args.areas);
            let plain = plain_root.as_ref().map(|p| p.join(&code));
            local_site(
                &args.out.join("areas").join(&code),
                plain.as_deref(),
                &area,
                &code,
                share,
                profile,
                &mut rng,
            );
            let _ = write!(sources, "\n[[sources]]\narea = \"{area}\"\nbundle = \"../areas/{code}/public/learning-bundle.json\"\n");
        }
        write(
            &args.out.join("national/config.toml"),
            &format!("title = \"Learning from reviews across Scotland\"\nbase_url = \"https://national.example.scot/\"\nscope = \"national\"\n\n[gate]\nallow = [\"Police Scotland\", \"CPC\", \"GP\"]\n{sources}"),
        );
    }
    println!(
        "wrote {} item(s) in {} area(s) to {}",
        args.items,
        args.areas.max(1),
        args.out.display()
    );
}
