//! The command line: argument parsing and one function per subcommand.
//! Exit codes are part of the contract: 0 finished, 1 `--fail-under` not met,
//! 2 bad usage, config or rules, 3 the run itself failed.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::{FixedOffset, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::archive;
use crate::audit;
use crate::config::{self, Config, ConfigError, Ward};
use crate::crawl::{Scope, Settings, same_site};
use crate::lang::Lang;
use crate::report::{self, json};
use crate::rules::{RuleError, RuleSet, Status};
use crate::waivers::Waivers;

/// Prints a line to stdout; a closed pipe (`ward-audit rules check | head`)
/// ends the output quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `say!` without the newline.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "ward-audit",
    version,
    about = "Audits Vietnamese ward and commune websites for the content the city requires them to publish."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit the built-in demo ward sites, offline, on the demo's own date.
    Demo {
        /// Where to write the reports.
        #[arg(long, default_value = "reports/demo")]
        out: PathBuf,
        /// Open the report in the default browser when done.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        crawl: CrawlArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Audit every ward listed in wards.toml.
    Run {
        #[arg(long, default_value = "wards.toml")]
        config: PathBuf,
        #[command(flatten)]
        common: RunArgs,
    },
    /// Audit one site: a ward checking itself before the city's audit.
    Check {
        /// The site's address, e.g. `https://saodo.chilinh.haiduong.gov.vn/`
        url: String,
        /// The ward's name as reports show it.
        #[arg(long)]
        name: Option<String>,
        /// The ward's part of a shared city portal: a path (`/phuong-chi-linh/`)
        /// or a query value (`?ward=xakinhmon`); `/` reads the whole host.
        /// Default: the part the address shows, if the start page links into it.
        #[arg(long, value_name = "PART")]
        scope: Option<String>,
        /// Crawl defaults (the [crawl] table) are read from this file if it exists.
        #[arg(long, default_value = "wards.toml")]
        config: PathBuf,
        #[command(flatten)]
        common: RunArgs,
    },
    /// Judge a finished run's archived pages again with the current rules,
    /// without any network access, and write the result as a new run.
    Reaudit {
        /// The run folder, e.g. `reports/2026-11-26`.
        run: PathBuf,
        /// Rule files to use instead of the built-in ones.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Where to write the new run (default: next to the original).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Judge every archived page, as a run with --exhaustive did.
        #[arg(long)]
        exhaustive: bool,
        /// Accepted gaps to apply instead of the original run's.
        #[arg(long, value_name = "FILE")]
        waivers: Option<PathBuf>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Serve a fixture site folder on 127.0.0.1 until interrupted (for
    /// writing and debugging fixtures).
    #[command(hide = true)]
    Serve {
        /// A site folder in the demo format (site.toml, pages).
        dir: PathBuf,
    },
    /// Validate or explain rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Validate rule files (the built-in ones without DIR); exit 2 on error.
    Check { dir: Option<PathBuf> },
    /// Say in words what a rule looks for.
    Explain {
        id: String,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
struct RunArgs {
    /// Rule files to use instead of the built-in ones.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Where to write the reports.
    #[arg(long, default_value = "reports")]
    out: PathBuf,
    /// The date freshness is judged against (default: today in Vietnam).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Exit 1 when some ward scores below this (0–100), or could not be audited.
    #[arg(long, value_name = "SCORE")]
    fail_under: Option<f64>,
    /// Accepted gaps (default: waivers.toml when it exists).
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
    #[command(flatten)]
    crawl: CrawlArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct CrawlArgs {
    /// Wards crawled at once.
    #[arg(long)]
    jobs: Option<usize>,
    /// Page budget per ward.
    #[arg(long)]
    max_pages: Option<usize>,
    /// Requests at once per host.
    #[arg(long)]
    per_host: Option<usize>,
    /// Pause between requests to one host, in milliseconds.
    #[arg(long)]
    delay_ms: Option<u64>,
    /// Wall-clock limit per ward, in seconds.
    #[arg(long)]
    deadline_s: Option<u64>,
    /// Keep crawling to the budget after every rule is decided.
    #[arg(long)]
    exhaustive: bool,
    /// Audit sites whose HTTPS certificate is invalid.
    #[arg(long)]
    accept_invalid_certs: bool,
    /// Fetch and read pages without judging them (for benchmarks).
    #[arg(long, hide = true)]
    no_judge: bool,
}

#[derive(Debug, Args)]
struct OutputArgs {
    /// Print nothing but errors.
    #[arg(long, conflicts_with = "json")]
    quiet: bool,
    /// Print audit.json to stdout instead of the summary.
    #[arg(long)]
    json: bool,
    /// The language of the reports: Vietnamese (vi) or English (en).
    #[arg(long, value_enum, default_value_t = Lang::Vi)]
    lang: Lang,
    /// Do not keep the pages fetched in <run>/archive.warc.gz.
    #[arg(long)]
    no_archive: bool,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date like 2026-11-26"))
}

impl CrawlArgs {
    fn apply(&self, s: &mut Settings) {
        if let Some(v) = self.jobs {
            s.jobs = v;
        }
        if let Some(v) = self.max_pages {
            s.max_pages = v;
        }
        if let Some(v) = self.per_host {
            s.per_host = v;
        }
        if let Some(v) = self.delay_ms {
            s.delay_ms = v;
        }
        if let Some(v) = self.deadline_s {
            s.deadline_s = v;
        }
        s.exhaustive |= self.exhaustive;
        s.accept_invalid_certs |= self.accept_invalid_certs;
        s.no_judge |= self.no_judge;
    }
}

/// A usage error the user must fix (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(String);

/// Runs the parsed command; errors carry their exit code via `exit_code`.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Demo {
            out,
            open,
            crawl,
            output,
        } => demo(&out, open, &crawl, &output),
        Command::Run { config, common } => {
            let config = Config::load(&config)?;
            let rules = load_rules(&common)?;
            let known: Vec<&str> = config.wards.iter().map(|w| w.id.as_str()).collect();
            let waivers = load_waivers(&common, &rules, Some(&known))?;
            audit_and_report(config.wards.clone(), config.crawl, rules, waivers, &common)
        }
        Command::Check {
            url,
            name,
            scope,
            config,
            common,
        } => {
            let url = config::parse_site_url(&url).map_err(|m| UsageError(format!("URL: {m}")))?;
            let scope = scope
                .map(|s| Scope::parse(&s).map_err(|m| UsageError(format!("--scope: {m}"))))
                .transpose()?;
            let config = if config.exists() {
                Some(Config::load_for_check(&config)?)
            } else {
                None
            };
            // The same ward as the city's audit when wards.toml lists the
            // site: its id, start pages, aliases and waivers.
            let listed = config
                .as_ref()
                .and_then(|c| c.wards.iter().find(|w| same_site(&w.url, &url)).cloned());
            let ward = match (listed, name) {
                (Some(listed), Some(name)) => Ward { name, ..listed },
                (Some(listed), None) => listed,
                (None, name) => {
                    let name = name.unwrap_or_else(|| url.host_str().unwrap_or("site").to_owned());
                    Ward {
                        id: config::ward_id(&name),
                        name,
                        url: url.clone(),
                        start: Vec::new(),
                        aliases: Vec::new(),
                        accept_invalid_certs: false,
                        scope: None,
                    }
                }
            };
            let ward = Ward {
                scope: scope.or(ward.scope),
                ..ward
            };
            let known: Option<Vec<&str>> = config
                .as_ref()
                .map(|c| c.wards.iter().map(|w| w.id.as_str()).collect());
            let rules = load_rules(&common)?;
            let waivers = load_waivers(&common, &rules, known.as_deref())?;
            let settings = config.map(|c| c.crawl).unwrap_or_default();
            audit_and_report(vec![ward], settings, rules, waivers, &common)
        }
        Command::Reaudit {
            run,
            rules,
            out,
            exhaustive,
            waivers,
            output,
        } => reaudit(
            &ReauditArgs {
                run,
                rules,
                out,
                exhaustive,
                waivers,
            },
            &output,
        ),
        Command::Serve { dir } => {
            let site = crate::demo::SiteFiles::from_dir(&dir)
                .map_err(|e| UsageError(format!("{}: {e:#}", dir.display())))?;
            let rt = runtime()?;
            rt.block_on(async {
                let server = crate::demo::server::serve(site).await?;
                say!(
                    "{} on {} (Ctrl-C to stop)",
                    server.site.name,
                    server.start_url()
                );
                std::future::pending::<()>().await;
                anyhow::Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules {
            command: RulesCommand::Check { dir },
        } => {
            let rules = RuleSet::load(dir.as_deref())?;
            say!(
                "{} rules OK (rule set {}, {})",
                rules.rules.len(),
                rules.version,
                rules.source
            );
            for r in &rules.rules {
                say!("  {:<18} {}", r.id, r.title);
            }
            let untranslated = rules.without_english();
            if !untranslated.is_empty() {
                say!(
                    "no English texts ([text.en]), --lang en shows them in Vietnamese: {}",
                    untranslated.join(", ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules {
            command: RulesCommand::Explain { id, rules },
        } => {
            let rules = RuleSet::load(rules.as_deref())?;
            say_raw!("{}", rules.get(&id)?.explain());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The exit code for an error: 2 when the user's input is at fault, else 3.
#[must_use]
pub fn exit_code(err: &anyhow::Error) -> u8 {
    let input = err
        .chain()
        .any(|e| e.is::<ConfigError>() || e.is::<RuleError>() || e.is::<UsageError>());
    if input { 2 } else { 3 }
}

fn today_in_vietnam() -> NaiveDate {
    let ict = FixedOffset::east_opt(7 * 3600).expect("valid offset");
    Utc::now().with_timezone(&ict).date_naive()
}

fn now() -> chrono::DateTime<FixedOffset> {
    Utc::now().with_timezone(&FixedOffset::east_opt(7 * 3600).expect("valid offset"))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn progress_bar(total: usize, output: &OutputArgs) -> ProgressBar {
    if output.quiet || output.json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{bar:30}] {pos}/{len} đơn vị · {elapsed} · {wide_msg}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

struct Job<'a> {
    wards: Vec<Ward>,
    settings: Settings,
    rules: RuleSet,
    as_of: NaiveDate,
    out: &'a Path,
    replace: bool,
    output: &'a OutputArgs,
    waivers: Waivers,
}

/// Audits, writes the reports, prints the summary. Returns the documents.
fn execute(rt: &tokio::runtime::Runtime, job: &Job<'_>) -> Result<(json::AuditDoc, PathBuf)> {
    job.settings
        .validate()
        .map_err(|(field, m)| UsageError(format!("--{}: {m}", field.replace('_', "-"))))?;
    let started_at = now();
    let id = if job.replace {
        job.as_of.to_string()
    } else {
        report::next_run_id(job.out, job.as_of)
    };
    if !job.output.quiet {
        for left in report::interrupted_runs(job.out) {
            eprintln!(
                "note: {} is a run that did not finish; its archive.warc.gz holds the pages it fetched. Delete the folder when done with it.",
                left.display()
            );
        }
    }
    let staging = report::stage(job.out, &id)?;
    let archive = if job.output.no_archive {
        None
    } else {
        let path = staging.join(archive::FILE_NAME);
        let writer = archive::warc::Writer::create(
            &path,
            &[
                (
                    "software",
                    &format!("ward-audit/{}", env!("CARGO_PKG_VERSION")),
                ),
                ("format", "WARC File Format 1.1"),
                ("isPartOf", &id),
                ("description", "Pages fetched by one ward-audit run"),
            ],
        )
        .with_context(|| format!("cannot create the archive {}", path.display()))?;
        Some(Arc::new(writer))
    };
    let meta = json::RunMeta {
        id,
        as_of: job.as_of,
        started_at,
        finished_at: started_at,
    };
    let mut header = json::document(&meta, &job.rules, &[]);
    header.run.archive = archive.as_ref().map(|_| archive::FILE_NAME.to_owned());
    let previous = report::previous_run(job.out, &header.run);
    header.run.previous_run = previous.as_ref().map(|p| p.run.id.clone());
    let mut writer = report::RunWriter::new(job.out, header, job.wards.len(), job.replace)?;
    let bar = progress_bar(job.wards.len(), job.output);
    rt.block_on(audit::audit_all(
        &job.wards,
        &job.settings,
        &job.rules,
        job.as_of,
        &bar,
        archive,
        |i, result| {
            let mut ward = json::ward_doc(&result, &job.rules);
            job.waivers
                .apply_ward(&mut ward, &writer.run().rules, job.as_of);
            if let Some(previous) = &previous {
                previous.compare(&mut ward);
            }
            writer.add(i, ward)
        },
    ))?;
    bar.finish_and_clear();
    let (doc, dir) = writer.finish(now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false))?;
    print_result(&doc, &dir, job.output)?;
    Ok((doc, dir))
}

/// Prints the summary table, or audit.json with `--json`.
fn print_result(doc: &json::AuditDoc, dir: &Path, output: &OutputArgs) -> Result<()> {
    if output.json {
        say!("{}", serde_json::to_string_pretty(doc)?);
    } else if !output.quiet {
        print_summary(doc, dir);
    }
    Ok(())
}

struct ReauditArgs {
    run: PathBuf,
    rules: Option<PathBuf>,
    out: Option<PathBuf>,
    exhaustive: bool,
    waivers: Option<PathBuf>,
}

fn reaudit(args: &ReauditArgs, output: &OutputArgs) -> Result<ExitCode> {
    let source =
        crate::reaudit::Source::open(&args.run).map_err(|e| UsageError(format!("{e:#}")))?;
    let rules = RuleSet::load(args.rules.as_deref())?.in_lang(output.lang);
    let waivers = match &args.waivers {
        Some(path) => {
            let wards: Vec<&str> = source.doc.wards.iter().map(|w| w.id.as_str()).collect();
            Some(Waivers::load(path, Some(&wards), &rules)?)
        }
        None => None,
    };
    let out = args.out.clone().unwrap_or_else(|| {
        args.run
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_owned()
    });
    let started_at = now();
    let as_of = source.as_of()?;
    let judged = crate::reaudit::judge(&source, &rules, args.exhaustive)?;
    let meta = json::RunMeta {
        id: report::next_run_id(&out, as_of),
        as_of,
        started_at,
        finished_at: now(),
    };
    std::fs::create_dir_all(&out)
        .with_context(|| format!("cannot create the report folder {}", out.display()))?;
    let archive = crate::reaudit::archive_path(&source, &out);
    let mut doc = crate::reaudit::document(&source, &rules, judged, &meta, archive);
    if let Some(waivers) = waivers {
        waivers.apply(&mut doc, as_of);
    }
    // A re-audit is compared with the run it judged again.
    json::compare_with(&mut doc, &json::PastRun::from(&source.doc));
    let dir = report::write_run(&out, &doc, false)?;
    print_result(&doc, &dir, output)?;
    Ok(ExitCode::SUCCESS)
}

/// `--rules DIR` or the built-in rules, in the reports' language.
fn load_rules(args: &RunArgs) -> Result<RuleSet> {
    Ok(RuleSet::load(args.rules.as_deref())?.in_lang(args.output.lang))
}

/// `--waivers FILE`, or `waivers.toml` when it exists, checked against the
/// wards (`None`: any id) and the rules in use.
fn load_waivers(args: &RunArgs, rules: &RuleSet, wards: Option<&[&str]>) -> Result<Waivers> {
    let path = match &args.waivers {
        Some(path) => path.clone(),
        None if Path::new(DEFAULT_WAIVERS).exists() => PathBuf::from(DEFAULT_WAIVERS),
        None => return Ok(Waivers::default()),
    };
    Ok(Waivers::load(&path, wards, rules)?)
}

const DEFAULT_WAIVERS: &str = "waivers.toml";

fn audit_and_report(
    wards: Vec<Ward>,
    mut settings: Settings,
    rules: RuleSet,
    waivers: Waivers,
    args: &RunArgs,
) -> Result<ExitCode> {
    args.crawl.apply(&mut settings);
    if let Some(f) = args.fail_under {
        if !(0.0..=100.0).contains(&f) {
            return Err(
                UsageError(format!("--fail-under must be between 0 and 100, not {f}")).into(),
            );
        }
    }
    let rt = runtime()?;
    let job = Job {
        wards,
        settings,
        rules,
        as_of: args.as_of.unwrap_or_else(today_in_vietnam),
        out: &args.out,
        replace: false,
        output: &args.output,
        waivers,
    };
    let (doc, _) = execute(&rt, &job)?;
    let below = args.fail_under.map_or(0, |min| {
        doc.wards
            .iter()
            .filter(|w| w.score.is_none_or(|s| s < min))
            .count()
    });
    if below > 0 {
        if !args.output.quiet {
            eprintln!(
                "{below} đơn vị dưới mức --fail-under {}",
                args.fail_under.unwrap_or_default()
            );
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn demo(out: &Path, open: bool, crawl: &CrawlArgs, output: &OutputArgs) -> Result<ExitCode> {
    let rules = RuleSet::embedded()?.in_lang(output.lang);
    let waivers = crate::demo::waivers(&rules)?;
    let rt = runtime()?;
    let sites = crate::demo::embedded_sites()?;
    let servers = rt.block_on(async {
        let mut servers = Vec::new();
        for site in sites {
            servers.push(crate::demo::server::serve(site).await?);
        }
        anyhow::Ok(servers)
    })?;
    let wards = servers
        .iter()
        .map(|s| Ward {
            id: s.site.id.clone(),
            name: s.site.name.clone(),
            url: s.start_url(),
            start: Vec::new(),
            aliases: Vec::new(),
            accept_invalid_certs: false,
            scope: None,
        })
        .collect();
    // The demo servers answer at once; no need to be polite to ourselves.
    let mut settings = Settings {
        delay_ms: 0,
        ..Settings::default()
    };
    crawl.apply(&mut settings);
    let job = Job {
        wards,
        settings,
        rules,
        as_of: crate::demo::as_of(),
        out,
        replace: true,
        output,
        waivers,
    };
    let (_, dir) = execute(&rt, &job)?;
    drop(servers);
    if open {
        open_in_browser(&dir.join("index.html"));
    }
    Ok(ExitCode::SUCCESS)
}

fn open_in_browser(path: &Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(path).spawn() {
        eprintln!("cannot open {} with {opener}: {e}", path.display());
    }
}

fn print_summary(doc: &json::AuditDoc, dir: &Path) {
    let width = doc
        .wards
        .iter()
        .map(|w| w.name.chars().count())
        .max()
        .unwrap_or(10)
        .max(8);
    let header: String = doc.rules.iter().fold(String::new(), |mut acc, r| {
        let _ = write!(acc, " {:>2}", &r.id[..2.min(r.id.len())]);
        acc
    });
    let lang = doc.run.lang;
    let t = report::strings::Strings::of(lang);
    say!("{:<width$}  {:>5} {header}", t.ward, t.score.to_lowercase());
    for ward in &doc.wards {
        let marks: String = ward.requirements.iter().fold(String::new(), |mut acc, r| {
            let mark = if r.waiver.is_some() {
                "–"
            } else {
                Status::from_name(&r.status).symbol()
            };
            let _ = write!(acc, "  {mark}");
            acc
        });
        let score = ward
            .score
            .map_or_else(|| "  –  ".to_owned(), |s| format!("{s:5.1}"));
        let pad = width - ward.name.chars().count();
        say!("{}{}  {score}{marks}", ward.name, " ".repeat(pad));
    }
    let legend: Vec<String> = doc
        .rules
        .iter()
        .map(|r| format!("{} = {}", &r.id[..2.min(r.id.len())], r.id))
        .collect();
    let statuses: Vec<String> = [Status::Pass, Status::Partial, Status::Fail, Status::Error]
        .iter()
        .map(|s| format!("{} {}", s.symbol(), s.label(lang)))
        .collect();
    say!("\n{}", statuses.join(", "));
    say!("{}", legend.join(" · "));
    say!(
        "\n{} {}",
        lang.pick("Báo cáo:", "Report:"),
        dir.join("index.html").display()
    );
}
