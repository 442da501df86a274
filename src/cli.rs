//! Command-line parsing. Each command is one small function that calls the
//! module that does the work and prints what it returns; nothing here
//! knows how a site is built or decides anything about it.
//!
//! Exit codes: 0 success; 1 findings block publication (or the gate found
//! something); 2 the command could not run (bad arguments, unreadable files).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::admission::{AdmissionError, HeldItem};
use crate::build::{self, BuildError, CheckError};
use crate::content::{Day, ItemKind};
use crate::findings::Finding;
use crate::load::SiteOptions;
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
    /// Create a new site (config, an example item, an empty register, .gitignore, netlify.toml) that builds at once.
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
    /// Run all validation, the anonymisation gate and the rendering a build would; write nothing.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Show what the gate found in clear (never use in CI logs).
        #[arg(long)]
        reveal: bool,
        /// Fail (exit 1) when any item is held, as `build --strict` would.
        #[arg(long)]
        strict: bool,
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
        /// Fail (exit 1, nothing written) when any item is held, not only when something blocks publication.
        #[arg(long)]
        strict: bool,
    },
    /// Preview the site on http://localhost:PORT with live reload and the review desk (/_review/); answers /api/search.
    Serve {
        /// Port to listen on (0 picks a free port).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. The preview shows unpublished text: keep
        /// the default (loopback) unless the network is trusted. The
        /// review desk stays on loopback whatever this says.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        interface: std::net::IpAddr,
        /// Serve the review desk, which shows findings in clear and changes
        /// files, on --interface too, to anyone who can reach it.
        #[arg(long)]
        expose_desk_to_network: bool,
        /// The desk's "open in editor" link; {path} (absolute), {line} and
        /// {column} are filled in.
        #[arg(
            long,
            value_name = "TEMPLATE",
            default_value = "vscode://file{path}:{line}:{column}"
        )]
        editor_url: String,
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
    /// Record a sign-off: checks the item as `check` does, then writes the digest of the whole item as approved (docs/signing.md) into its [signoff] table.
    Signoff {
        /// The item file.
        file: PathBuf,
        /// Who signed it off: cpc or cog, in any case.
        #[arg(long, value_enum, ignore_case = true)]
        by: Signatory,
        /// The day of the sign-off, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day)]
        date: Day,
    },
    /// Count all reviews reported (published, and unpublished ones from statistics-only records), or their strategies, by one or two dimensions, with small numbers suppressed.
    Stats {
        /// One or two of theme, area, year, agency, kind, age, trigger (reviews) and responsible, clear, review (strategies), e.g. theme,area.
        #[arg(long, default_value = "theme")]
        by: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: crate::national::stats::StatsFormat,
        /// Count only the published items, exactly (they are on the site anyway).
        #[arg(long)]
        published: bool,
        /// With --published: suppress small numbers all the same.
        #[arg(long, requires = "published")]
        suppress: bool,
    },
    /// Write a copy of a draft (Markdown, or a Word .docx made into an item) with the register's replacements applied, and list what still needs a person.
    Anonymise {
        /// The draft to anonymise, .md or .docx (never modified).
        file: PathBuf,
        /// Where to write the new file (default: private/anonymised/<name>.md under the site root).
        #[arg(long, value_name = "NEW")]
        out: Option<PathBuf>,
        /// The review id of the item made from a .docx (otherwise a placeholder to fill in).
        #[arg(long, value_name = "ID")]
        review_id: Option<String>,
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

/// How the command's output is to be shown.
#[derive(Debug, Clone, Copy)]
struct Output {
    /// Only errors (`--quiet`).
    quiet: bool,
    /// Colour on the terminal.
    color: bool,
    /// The log may be public (`CI` is set, or `--quiet`): the held summary
    /// names no item.
    public: bool,
}

/// Runs the parsed command.
/// Reports a panic by where it happened, never by what it says: a
/// message such as "byte index 4973 is inside '”' of `…`" quotes the text
/// being checked, which may be personal data. Installed by the binary only,
/// so that tests keep their assertion messages.
pub fn install_panic_report() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: clearhouse hit an internal error{place}. This is a bug: please report it with the command you ran. Its details are not shown, because they can quote the text being checked."
        );
    }));
}

pub fn run(cli: Cli) -> ExitCode {
    // A folder without config.toml is not a site: the command cannot run
    // (exit 2, as the README's table says), which differs from a site whose
    // findings block publication (exit 1).
    let needs_site = !matches!(cli.command, Command::Init { .. } | Command::Signoff { .. });
    if needs_site {
        if let Some(message) = crate::config::unreadable(&cli.root) {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    }
    let options = SiteOptions {
        root: cli.root.clone(),
        register: cli.register.clone(),
        today: Day::today(),
    };
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    let out = Output {
        quiet: cli.quiet,
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        public: ci || cli.quiet,
    };
    match cli.command {
        Command::Init {
            dir,
            title,
            area,
            base_url,
            host,
        } => {
            let init_options = crate::scaffold::InitOptions {
                title,
                area,
                base_url,
                host,
            };
            init(&cli.root, dir, &init_options, options.today, out)
        }
        Command::New { kind, review_id } => new(&cli.root, kind, &review_id, options.today),
        Command::Check {
            format,
            reveal,
            strict,
        } => check(&options, format, reveal, strict, out),
        Command::Build {
            output,
            format,
            reveal,
            timings,
            strict,
        } => build(&options, output, format, reveal, timings, strict, out),
        Command::Serve {
            port,
            interface,
            expose_desk_to_network,
            editor_url,
        } => {
            let listen = crate::serve::Listen {
                interface,
                port,
                expose_desk: expose_desk_to_network,
            };
            serve(options, &listen, editor_url, out)
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
            search(&options, &query, format, refresh, out)
        }
        Command::Signoff { file, by, date } => signoff(&options, &file, by, date, out),
        Command::Stats {
            by,
            format,
            published,
            suppress,
        } => stats(&options, &by, format, published, suppress, out),
        Command::Anonymise {
            file,
            out: to,
            review_id,
            reveal,
        } => anonymise(&options, &file, to, review_id.as_deref(), reveal, out),
    }
}

fn init(
    root: &std::path::Path,
    dir: PathBuf,
    options: &crate::scaffold::InitOptions,
    today: Day,
    out: Output,
) -> ExitCode {
    let dir = if dir.as_os_str() == "." {
        root.to_path_buf()
    } else {
        dir
    };
    match crate::scaffold::init(&dir, options, today) {
        Ok(done) => {
            if !out.quiet {
                print!("{}", crate::scaffold::next_steps(&dir, &done));
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn new(root: &std::path::Path, kind: NewKind, review_id: &str, today: Day) -> ExitCode {
    match crate::scaffold::new_item(root, kind.item_kind(), review_id, today) {
        Ok(path) => {
            println!("created {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// `check`: the admission `build` would make, printed; exit 1 when it
/// blocks publication (or, `strict`, holds anything).
fn check(
    options: &SiteOptions,
    format: Format,
    reveal: bool,
    strict: bool,
    out: Output,
) -> ExitCode {
    let admitted = match build::check(options) {
        Ok(admitted) => admitted,
        Err(CheckError::Unreadable(findings)) => {
            print_findings(&findings, &[], format, reveal, out);
            return ExitCode::from(1);
        }
        Err(CheckError::Admission(e)) => return admission_failed(&e),
    };
    let (findings, held) = (admitted.all_findings(), admitted.held());
    let findings = if format == Format::Human {
        shown_in_log(findings, &held, out)
    } else {
        findings
    };
    print_findings(&findings, &held, format, reveal, out);
    if format == Format::Human {
        eprint!("{}", report::held_summary(&held, out.public));
    }
    if !admitted.ok() || (strict && !held.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn build(
    options: &SiteOptions,
    output: Option<PathBuf>,
    format: Format,
    reveal: bool,
    timings: bool,
    strict: bool,
    out: Output,
) -> ExitCode {
    let output = output.unwrap_or_else(|| build::default_output(&options.root));
    let progress = Progress::new(out.quiet);
    let result = build::build(options, &output, strict, &|stage| progress.stage(stage));
    progress.finish();
    match result {
        Ok(built) => {
            let warnings: Vec<Finding> = shown_in_log(
                built
                    .warnings
                    .into_iter()
                    .filter(|f| !f.is_error())
                    .collect(),
                &built.held,
                out,
            );
            if !warnings.is_empty() && !out.quiet {
                eprint!(
                    "{}",
                    report::render(&warnings, &[], Format::Human, reveal, out.color)
                );
            }
            eprint!("{}", report::held_summary(&built.held, out.public));
            if !out.quiet {
                println!(
                    "built {} item(s) into {} ({} files, {:.1} MB)",
                    built.items,
                    built.output.display(),
                    built.files,
                    built.bytes as f64 / 1e6
                );
                if let Some(path) = &built.statistics {
                    println!(
                        "wrote the statistics-only records of unpublished reviews to {} (never published: send it to the national body privately, with this build's bundle)",
                        path.display()
                    );
                }
            }
            if timings {
                print!("{}", built.timings.report());
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Unreadable(findings)) => {
            print_findings(&findings, &[], format, reveal, out);
            eprintln!("build stopped: nothing was written; the previous site is unchanged");
            ExitCode::from(1)
        }
        Err(BuildError::Blocked { findings, held }) => {
            print_findings(&findings, &held, format, reveal, out);
            if format == Format::Human {
                eprint!("{}", report::held_summary(&held, out.public));
            }
            if report::ok(&findings) && strict && !held.is_empty() {
                eprintln!("build --strict stopped: {} item(s) are held; nothing was written; the previous site is unchanged", held.len());
            } else {
                eprintln!("build stopped: nothing was written; the previous site is unchanged");
            }
            ExitCode::from(1)
        }
        Err(BuildError::Admission(e)) => admission_failed(&e),
        Err(e) => fail(&e.to_string()),
    }
}

fn serve(
    options: SiteOptions,
    listen: &crate::serve::Listen,
    editor_url: String,
    out: Output,
) -> ExitCode {
    // Watcher events carry absolute paths.
    let options = SiteOptions {
        root: std::fs::canonicalize(&options.root).unwrap_or(options.root),
        ..options
    };
    let desk = crate::serve::DeskOptions { editor_url };
    let server = match crate::serve::Server::start_with(options, desk) {
        Ok(server) => server,
        Err(crate::serve::StartError::Unreadable(findings)) => {
            print_findings(&findings, &[], Format::Human, false, out);
            return ExitCode::from(1);
        }
        Err(crate::serve::StartError::Admission(e)) => return admission_failed(&e),
    };
    let findings = server.findings();
    if !findings.is_empty() {
        print_findings(&findings, &[], Format::Human, false, out);
    }
    let drafts = server.drafts();
    if !listen.interface.is_loopback() {
        eprintln!(
            "warning: serving the preview on {}: anyone who can reach this address can read unpublished text",
            listen.interface
        );
        if listen.expose_desk {
            eprintln!("warning: --expose-desk-to-network: anyone who can reach this address can read findings in clear and change files through the review desk");
        }
    }
    let on_listen = move |address: String, desk: String| {
        use std::io::Write as _;
        println!("serving on {address} (Ctrl-C to stop)");
        println!("review desk: {desk}");
        for (page, reasons) in &drafts {
            let page = page.strip_suffix("index.html").unwrap_or(page);
            println!("  draft preview, not published: {address}{page} ({reasons})");
        }
        let _ = std::io::stdout().flush();
    };
    let result = crate::serve::run(server, listen, on_listen, move |update| {
        if !update.findings.is_empty() {
            print_findings(&update.findings, &[], Format::Human, false, out);
        }
        if !out.quiet {
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

fn search(
    options: &SiteOptions,
    query: &crate::search::Query,
    format: SearchFormat,
    refresh: bool,
    out: Output,
) -> ExitCode {
    let index = match build::search_index(options, refresh) {
        Ok(index) => index,
        Err(build::IndexError::Blocked(findings)) => {
            print_findings(&findings, &[], Format::Human, false, out);
            eprintln!("the search index is built only from a site that passes the gate");
            return ExitCode::from(1);
        }
        Err(build::IndexError::Check(CheckError::Admission(e))) => return admission_failed(&e),
        Err(build::IndexError::Check(e)) => return fail(&e.to_string()),
        Err(build::IndexError::Search(e)) => return fail(&e.to_string()),
    };
    match index.search(query) {
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

/// `signoff`: the item checked as `check` checks it, the sign-off
/// written unless a finding refuses it, and what is still open listed.
fn signoff(
    options: &SiteOptions,
    file: &std::path::Path,
    by: Signatory,
    date: Day,
    out: Output,
) -> ExitCode {
    use crate::signoff::SignoffError;
    match crate::signoff::signoff(options, file, by, date) {
        Ok(signed) => {
            if !out.quiet {
                println!(
                    "signed off {} by the {} on {date} (sha256 {})",
                    signed.path,
                    by.abbreviation(),
                    signed.sha256
                );
                if signed.open.is_empty() && signed.holds.is_empty() {
                    println!(
                        "nothing is open for {}: it is published by the next build",
                        signed.review_id
                    );
                } else {
                    println!("still open for {}:", signed.review_id);
                    for hold in &signed.holds {
                        println!("  held: {}", hold.describe());
                    }
                    print_findings(&signed.open, &[], Format::Human, false, out);
                }
            }
            ExitCode::SUCCESS
        }
        Err(SignoffError::Usage(e)) => fail(&e),
        Err(e @ SignoffError::Unreadable(_)) => {
            print_findings(e.findings(), &[], Format::Human, false, out);
            fail(&e.to_string())
        }
        Err(e @ SignoffError::Refused { .. }) => {
            print_findings(
                e.findings(),
                &[],
                Format::Human,
                false,
                Output {
                    quiet: false,
                    ..out
                },
            );
            eprintln!("error: {e}");
            eprintln!(
                "nothing was written; `clearhouse check --reveal` shows the findings in clear"
            );
            ExitCode::from(1)
        }
    }
}

fn stats(
    options: &SiteOptions,
    by: &str,
    format: crate::national::stats::StatsFormat,
    published: bool,
    suppress: bool,
    out: Output,
) -> ExitCode {
    use crate::national::stats;
    let by = match stats::parse_dimensions(by) {
        Ok(by) => by,
        Err(e) => return fail(&e),
    };
    let quiet = Output { quiet: true, ..out };
    let admitted = match build::check(options) {
        Ok(admitted) => admitted,
        Err(CheckError::Unreadable(findings)) => {
            print_findings(&findings, &[], Format::Human, false, quiet);
            return ExitCode::from(2);
        }
        Err(CheckError::Admission(e)) => return admission_failed(&e),
    };
    if !admitted.ok() {
        print_findings(&admitted.all_findings(), &[], Format::Human, false, quiet);
        eprintln!("stats counts only what would be published: fix the errors above first");
        return ExitCode::from(1);
    }
    let site = admitted.site();
    let table = if published {
        stats::published(site, &by, stats::published_threshold(site, suppress))
    } else {
        // Figures that count statistics-only records are always
        // suppressed, and on a national site made safe beside the ones its
        // /national/ pages publish.
        let pages = if site.is_national() {
            crate::national::charts::page_tables()
        } else {
            Vec::new()
        };
        stats::reported_beside(
            site,
            &admitted.national().statistics,
            site.config.national.suppress_below,
            &pages,
            &by,
        )
    };
    print!("{}", stats::print(&table, format));
    ExitCode::SUCCESS
}

fn anonymise(
    options: &SiteOptions,
    file: &std::path::Path,
    to: Option<PathBuf>,
    review_id: Option<&str>,
    reveal: bool,
    out: Output,
) -> ExitCode {
    let gate = match crate::load::gate_for(options) {
        Ok(gate) => gate,
        Err(findings) => {
            print_findings(&findings, &[], Format::Human, reveal, out);
            return ExitCode::from(2);
        }
    };
    let name = file
        .file_stem()
        .map(|stem| PathBuf::from(stem).with_extension("md"))
        .unwrap_or_else(|| PathBuf::from("draft.md"));
    let to = to.unwrap_or_else(|| options.root.join("private/anonymised").join(name));
    let request = crate::anonymise::Request {
        input: file,
        out: &to,
        today: options.today,
        review_id,
    };
    match crate::anonymise::anonymise(&request, &gate) {
        Ok(done) => {
            println!(
                "wrote {} ({} replacement(s)); the original is unchanged",
                done.out.display(),
                done.replaced
            );
            if let Some(imported) = &done.imported {
                print!("{}", imported_summary(imported));
            }
            if done.remaining.is_empty() {
                println!("the gate finds nothing else in the draft; a person should still read it before sign-off");
                ExitCode::SUCCESS
            } else {
                println!("a person must resolve these before the draft can be published (places are in the draft you wrote):");
                print_findings(
                    &done.remaining,
                    &[],
                    Format::Human,
                    reveal,
                    Output {
                        quiet: false,
                        ..out
                    },
                );
                ExitCode::from(1)
            }
        }
        Err(e) => fail(&e),
    }
}

/// How a Word draft became an item, for the person who will finish it.
fn imported_summary(imported: &crate::anonymise::Imported) -> String {
    let mut text = format!(
        "read {} paragraph(s) of the Word document into a report item:\n",
        imported.paragraphs
    );
    if !imported.title {
        text.push_str("  no title found (Word's Title style or a first heading): write `title`\n");
    }
    for (part, heading) in &imported.sections {
        text.push_str(&format!("  \"{heading}\" is {}\n", part.description()));
    }
    for part in &imported.added {
        text.push_str(&format!(
            "  added a blank \"{}\" section: the draft has nothing on {}\n",
            part.heading(),
            part.description()
        ));
    }
    text.push_str("  the front matter is the skeleton `clearhouse new` writes: fill in every \"…\", check every value, and copy the strategies into [[strategies]] with their CLEAR components\n");
    text
}

/// In a log that may be public (CI, `--quiet`), a held item's warnings
/// are left out: their path would name a review the held summary does not
/// name. Errors are always shown: they block, and the log must say where.
fn shown_in_log(findings: Vec<Finding>, held: &[HeldItem], out: Output) -> Vec<Finding> {
    if !out.public {
        return findings;
    }
    let (shown, hidden): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|f| f.is_error() || !held.iter().any(|h| h.path == f.path));
    if !hidden.is_empty() && !out.quiet {
        eprintln!(
            "{} warning(s) on held items not shown: the log may be public (run without CI set to see them)",
            hidden.len()
        );
    }
    shown
}

fn print_findings(
    findings: &[Finding],
    held: &[HeldItem],
    format: Format,
    reveal: bool,
    out: Output,
) {
    match format {
        Format::Human => {
            let shown: Vec<Finding> = if out.quiet {
                findings.iter().filter(|f| f.is_error()).cloned().collect()
            } else {
                findings.to_vec()
            };
            if out.quiet && shown.is_empty() {
                return;
            }
            eprint!(
                "{}",
                report::render(&shown, held, format, reveal, out.color)
            );
        }
        _ => print!(
            "{}",
            report::render(findings, held, format, reveal, out.color)
        ),
    }
}

/// The render time budget ends a build like a finding (exit 1: the theme
/// must be fixed); other rendering errors mean the command could not run.
fn admission_failed(error: &AdmissionError) -> ExitCode {
    eprintln!("error: {error}");
    match error {
        AdmissionError::RenderBudget { .. } => ExitCode::from(1),
        _ => ExitCode::from(2),
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
