//! Command-line parsing. Each command parses its arguments and calls the
//! module that does the work; nothing here knows how a site is built.
//!
//! Exit codes: 0 success; 1 findings block publication (or the gate found
//! something); 2 the command could not run (bad arguments, unreadable files).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildError, SiteOptions};
use crate::content::{Day, ItemKind};
use crate::findings::Finding;
use crate::report::{self, Format};
use crate::signoff::Signatory;

/// Publish the learning from child protection Learning Reviews as a static
/// site, behind an anonymisation gate that fails closed.
#[derive(Debug, Parser)]
#[command(name = "clearhouse", version, propagate_version = true)]
pub struct Cli {
    /// The site root (the folder holding config.toml).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The register file to use, overriding [gate] register and the
    /// CLEARHOUSE_REGISTER / CLEARHOUSE_REGISTER_TOML environment variables.
    #[arg(long, global = true, value_name = "PATH")]
    pub register: Option<PathBuf>,
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site (config, an example item, an empty register, .gitignore, netlify.toml, a publish workflow) that builds at once.
    Init {
        /// Folder to create the site in (new or empty).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The site's name (`title` in config.toml), e.g. "Learning from reviews: Anytown CPC".
        #[arg(long)]
        title: Option<String>,
        /// Your Child Protection Committee (`area` in config.toml), e.g. "Anytown CPC".
        #[arg(long)]
        area: Option<String>,
        /// The address the site will be served from (`base_url` in config.toml).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Where the written workflow (.github/workflows/publish.yml) deploys the site.
        #[arg(long, value_enum, default_value = "github-pages")]
        host: crate::scaffold::Host,
    },
    /// Write a skeleton report or summary with every front matter key explained.
    New {
        /// What to create.
        kind: NewKind,
        /// The review's identifier, e.g. EX-2025-01 (the item's URL is made from it).
        review_id: String,
    },
    /// Run all validation and the anonymisation gate; write nothing.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Show what the gate found in clear (never use in CI logs).
        #[arg(long)]
        reveal: bool,
    },
    /// Check, render and publish the site atomically to the output folder.
    Build {
        /// Output folder (default: public/ under the site root).
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Format for findings when the build is blocked.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Show what the gate found in clear (never use in CI logs).
        #[arg(long)]
        reveal: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Preview the site on http://127.0.0.1:PORT with live reload; answers /api/search.
    Serve {
        /// Port to listen on (loopback only; 0 picks a free port).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
    },
    /// Search the site's learning (items and their strategies) from the command line.
    Search {
        /// Words to search for (stemmed: "neglected" finds "neglect").
        query: Vec<String>,
        /// Only this theme (slug or label).
        #[arg(long)]
        theme: Option<String>,
        /// Only strategies with this CLEAR component (case-for-change, learning, evidence, responsibility, review).
        #[arg(long)]
        clear: Option<String>,
        /// Only this area.
        #[arg(long)]
        area: Option<String>,
        /// Only items published in this year.
        #[arg(long)]
        year: Option<i32>,
        /// Only reports or only summaries.
        #[arg(long, value_enum)]
        kind: Option<NewKind>,
        /// Only this agency.
        #[arg(long)]
        agency: Option<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Also count results by theme, area, year, kind, CLEAR component and type.
        #[arg(long)]
        facets: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: SearchFormat,
        /// Re-check the site and rebuild the index before searching (otherwise
        /// the index from the last build or serve is used, or built if missing).
        #[arg(long)]
        refresh: bool,
    },
    /// Record a sign-off: writes the sha256 of the body as approved into the front matter.
    Signoff {
        /// The item file.
        file: PathBuf,
        /// Who signed it off.
        #[arg(long, value_enum)]
        by: Signatory,
        /// The day of the sign-off, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day)]
        date: Day,
    },
    /// Count published items or strategies by one or two dimensions; small numbers are suppressed on national sites.
    Stats {
        /// One or two of theme, area, year, agency, kind (items) and responsible, clear, review (strategies), e.g. theme,area.
        #[arg(long, default_value = "theme")]
        by: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: crate::national::stats::StatsFormat,
        /// Suppress small numbers on a local site too (national sites always do).
        #[arg(long)]
        suppress: bool,
    },
    /// Write a copy of a draft with the register's replacements applied, and list what still needs a person.
    Anonymise {
        /// The draft to anonymise (never modified).
        file: PathBuf,
        /// Where to write the new file (default: private/anonymised/<name> under the site root).
        #[arg(long, value_name = "NEW")]
        out: Option<PathBuf>,
        /// Show what the gate found in clear.
        #[arg(long)]
        reveal: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    /// A full Learning Review report.
    Report,
    /// A learning summary.
    Summary,
}

impl NewKind {
    fn item_kind(self) -> ItemKind {
        match self {
            NewKind::Report => ItemKind::Report,
            NewKind::Summary => ItemKind::Summary,
        }
    }
}

fn parse_day(text: &str) -> Result<Day, String> {
    Day::parse(text).ok_or_else(|| format!("{text:?} is not a date like 2025-03-01"))
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> ExitCode {
    let today = Day::today();
    let options = SiteOptions {
        root: cli.root.clone(),
        register: cli.register.clone(),
        today,
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Init {
            dir,
            title,
            area,
            base_url,
            host,
        } => {
            let dir = if dir.as_os_str() == "." {
                cli.root.clone()
            } else {
                dir
            };
            let options = crate::scaffold::InitOptions {
                title,
                area,
                base_url,
                host,
            };
            match crate::scaffold::init(&dir, &options, today) {
                Ok(done) => {
                    if !cli.quiet {
                        print!("{}", crate::scaffold::next_steps(&dir, &done));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::New { kind, review_id } => {
            match crate::scaffold::new_item(&cli.root, kind.item_kind(), &review_id, today) {
                Ok(path) => {
                    println!("created {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Check { format, reveal } => {
            let findings = match build::check(&options) {
                Ok(checked) => checked.findings,
                Err(findings) => findings,
            };
            print_findings(&findings, format, reveal, color, cli.quiet);
            if report::ok(&findings) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Build {
            output,
            format,
            reveal,
            timings,
        } => {
            let output = output.unwrap_or_else(|| build::default_output(&cli.root));
            let progress = Progress::new(cli.quiet);
            let result = build::build(&options, &output, &|stage| progress.stage(stage));
            progress.finish();
            match result {
                Ok(built) => {
                    let warnings: Vec<Finding> = built
                        .warnings
                        .into_iter()
                        .filter(|f| !f.is_error())
                        .collect();
                    if !warnings.is_empty() && !cli.quiet {
                        eprint!(
                            "{}",
                            report::render(&warnings, Format::Human, reveal, color)
                        );
                    }
                    if !cli.quiet {
                        println!(
                            "built {} item(s) into {} ({} files, {:.1} MB)",
                            built.items,
                            built.output.display(),
                            built.files,
                            built.bytes as f64 / 1e6
                        );
                    }
                    if timings {
                        print!("{}", built.timings.report());
                    }
                    ExitCode::SUCCESS
                }
                Err(BuildError::Blocked(findings)) => {
                    print_findings(&findings, format, reveal, color, cli.quiet);
                    eprintln!("build stopped: nothing was written; the previous site is unchanged");
                    ExitCode::from(1)
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Command::Serve { port } => {
            // Watcher events carry absolute paths.
            let options = SiteOptions {
                root: std::fs::canonicalize(&options.root).unwrap_or(options.root),
                ..options
            };
            let server = match crate::serve::Server::start(options) {
                Ok(server) => server,
                Err(findings) => {
                    print_findings(&findings, Format::Human, false, color, cli.quiet);
                    return ExitCode::from(1);
                }
            };
            let findings = server.findings();
            if !findings.is_empty() {
                print_findings(&findings, Format::Human, false, color, cli.quiet);
            }
            let quiet = cli.quiet;
            let on_listen = |address: String| {
                use std::io::Write as _;
                println!("serving on {address} (Ctrl-C to stop)");
                let _ = std::io::stdout().flush();
            };
            let result = crate::serve::run(server, port, on_listen, move |update| {
                if !update.findings.is_empty() {
                    print_findings(&update.findings, Format::Human, false, color, quiet);
                }
                if !quiet {
                    let what = if update.rebuilt {
                        "rebuilt the site"
                    } else {
                        "updated"
                    };
                    println!("{what} in {} ms", update.took.as_millis());
                }
            });
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Command::Search {
            query,
            theme,
            clear,
            area,
            year,
            kind,
            agency,
            limit,
            facets,
            format,
            refresh,
        } => {
            let query = crate::search::Query {
                text: query.join(" "),
                theme,
                clear,
                area,
                year,
                kind: kind.map(NewKind::item_kind),
                agency,
                limit,
                facets,
                ..crate::search::Query::default()
            };
            let index = match build::search_index(&options, refresh) {
                Ok(index) => index,
                Err(build::IndexError::Blocked(findings)) => {
                    print_findings(&findings, Format::Human, false, color, cli.quiet);
                    eprintln!("the search index is built only from a site that passes the gate");
                    return ExitCode::from(1);
                }
                Err(build::IndexError::Search(e)) => return fail(&e.to_string()),
            };
            match index.search(&query) {
                Ok(results) => {
                    let format = match format {
                        SearchFormat::Json => crate::search::print::Format::Json,
                        SearchFormat::Text => crate::search::print::Format::Text {
                            bold: std::io::stdout().is_terminal(),
                        },
                    };
                    match crate::search::print::write(&results, format, &mut std::io::stdout()) {
                        // The reader stopped reading (`| head`): done.
                        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                            fail(&format!("writing the results: {e}"))
                        }
                        _ => ExitCode::SUCCESS,
                    }
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Command::Signoff { file, by, date } => {
            match crate::signoff::signoff(&file, by, date, today) {
                Ok(sha) => {
                    if !cli.quiet {
                        println!(
                            "signed off {} by {:?} on {date} (sha256 {sha})",
                            file.display(),
                            by
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Stats {
            by,
            format,
            suppress,
        } => {
            use crate::national::stats;
            let by = match stats::parse_dimensions(&by) {
                Ok(by) => by,
                Err(e) => return fail(&e),
            };
            let checked = match build::check(&options) {
                Ok(checked) => checked,
                Err(findings) => {
                    print_findings(&findings, Format::Human, false, color, true);
                    return ExitCode::from(2);
                }
            };
            if !checked.ok() {
                print_findings(&checked.findings, Format::Human, false, color, true);
                eprintln!("stats counts only what would be published: fix the errors above first");
                return ExitCode::from(1);
            }
            let threshold = stats::threshold_for(&checked.site, suppress);
            print!(
                "{}",
                stats::print(&stats::stats(&checked.site, &by, threshold), format)
            );
            ExitCode::SUCCESS
        }
        Command::Anonymise { file, out, reveal } => {
            let gate = match build::gate_for(&options) {
                Ok(gate) => gate,
                Err(findings) => {
                    print_findings(&findings, Format::Human, reveal, color, cli.quiet);
                    return ExitCode::from(2);
                }
            };
            let name = file
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("draft.md"));
            let out = out.unwrap_or_else(|| cli.root.join("private/anonymised").join(name));
            let display = out.display().to_string();
            match crate::anonymise::anonymise(&file, &out, &display, &gate) {
                Ok(done) => {
                    println!(
                        "wrote {} ({} replacement(s)); the original is unchanged",
                        done.out.display(),
                        done.replaced
                    );
                    if done.remaining.is_empty() {
                        println!("the gate finds nothing else in the draft; a person should still read it before sign-off");
                        ExitCode::SUCCESS
                    } else {
                        println!("a person must resolve these before the draft can be published:");
                        print_findings(&done.remaining, Format::Human, reveal, color, false);
                        ExitCode::from(1)
                    }
                }
                Err(e) => fail(&e),
            }
        }
    }
}

fn print_findings(findings: &[Finding], format: Format, reveal: bool, color: bool, quiet: bool) {
    match format {
        Format::Human => {
            let shown: Vec<Finding> = if quiet {
                findings.iter().filter(|f| f.is_error()).cloned().collect()
            } else {
                findings.to_vec()
            };
            if quiet && shown.is_empty() {
                return;
            }
            eprint!("{}", report::render(&shown, format, reveal, color));
        }
        _ => print!("{}", report::render(findings, format, reveal, color)),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// A spinner with the current stage on a terminal; silent in CI and pipes.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        let interactive =
            std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() && !quiet;
        let bar = interactive.then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Progress { bar }
    }

    fn stage(&self, stage: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(stage.to_string());
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
