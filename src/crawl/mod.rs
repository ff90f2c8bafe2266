//! Fetching a ward's site: scope, robots.txt, a bounded best-first frontier,
//! politeness, and the reduction of each page to `PageFacts`.
//!
//! The only async module. Pages are handed to a callback as they are reduced
//! and never kept here; the callback decides whether the crawl goes on.

pub mod facts;
pub mod fetch;
mod frontier;
pub mod platform;
mod polite;
pub mod rawtext;
pub mod repeat;
mod robots;
pub mod scope;
pub mod scripted;
mod sitemap;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use reqwest::Client;
use serde::{Deserialize, Serialize};
use tokio::task::JoinSet;
use url::Url;

pub use facts::{DateRole, Link, LinkKind, Media, PageFacts, Region};
pub use fetch::{DocCheck, Failure, FailureKind};
use frontier::Frontier;
pub use robots::RobotsStatus;
pub use scope::Scope;

use crate::archive::{self, EncodedPage, RecordRef, Recorder};
use crate::text::{Phrase, PhraseGroups};

/// Crawl limits and manners; `[crawl]` in wards.toml, overridden by flags.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
// Independent on/off settings, as wards.toml writes them.
#[allow(clippy::struct_excessive_bools)]
pub struct Settings {
    /// HTML pages fetched per ward at most.
    pub max_pages: usize,
    /// Requests at once per ward's host.
    pub per_host: usize,
    /// Pause between the starts of two requests to one host.
    pub delay_ms: u64,
    /// Wards crawled at once.
    pub jobs: usize,
    /// Wall-clock limit per ward.
    pub deadline_s: u64,
    pub connect_timeout_s: u64,
    pub read_timeout_s: u64,
    pub request_timeout_s: u64,
    pub max_body_bytes: usize,
    pub max_redirects: usize,
    /// Link hops from the start pages.
    pub max_depth: u32,
    /// Replaces the default User-Agent.
    pub user_agent: Option<String>,
    /// A page about the audit, named in the User-Agent.
    pub contact: Option<String>,
    /// Keep crawling to the budget after every rule is decided.
    pub exhaustive: bool,
    /// Audit sites whose HTTPS certificate is invalid (every ward; per ward
    /// in `[[ward]]`).
    pub accept_invalid_certs: bool,
    /// Retries of a transient failure (timeout, reset, 429, 5xx).
    pub retries: u32,
    /// First wait before a retry; it doubles each time.
    pub backoff_ms: u64,
    /// Links of one URL shape followed at most (calendars, generated links),
    /// unless their text names a required item.
    pub max_variants: usize,
    /// Read sitemaps to find pages the menus do not link.
    pub sitemaps: bool,
    /// Stop once this many pages in a row have added no evidence (0: never).
    /// A site missing an item would otherwise be read to `max_pages`.
    pub patience: usize,
    /// Fetch and read pages but judge none (benchmarks only: the cost of
    /// the rules is the difference). Not a `[crawl]` setting.
    #[serde(skip)]
    pub no_judge: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_pages: 300,
            per_host: 2,
            delay_ms: 250,
            jobs: 4,
            deadline_s: 120,
            connect_timeout_s: 10,
            read_timeout_s: 20,
            request_timeout_s: 30,
            max_body_bytes: 5 * 1024 * 1024,
            max_redirects: 10,
            max_depth: 8,
            user_agent: None,
            contact: None,
            exhaustive: false,
            accept_invalid_certs: false,
            retries: 2,
            backoff_ms: 1_000,
            max_variants: 50,
            sitemaps: true,
            patience: 100,
            no_judge: false,
        }
    }
}

impl Settings {
    /// Checks limits; returns the offending field and why.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        for (field, value) in [
            ("max_pages", self.max_pages),
            ("per_host", self.per_host),
            ("jobs", self.jobs),
            ("max_body_bytes", self.max_body_bytes),
            ("max_variants", self.max_variants),
        ] {
            if value == 0 {
                return Err((field, "must be at least 1".into()));
            }
        }
        for (field, value) in [
            ("deadline_s", self.deadline_s),
            ("connect_timeout_s", self.connect_timeout_s),
            ("read_timeout_s", self.read_timeout_s),
            ("request_timeout_s", self.request_timeout_s),
        ] {
            if value == 0 {
                return Err((field, "must be at least 1 second".into()));
            }
        }
        Ok(())
    }

    /// Names the tool, its version and where to read about the audit.
    #[must_use]
    pub fn user_agent(&self) -> String {
        if let Some(ua) = &self.user_agent {
            return ua.clone();
        }
        let contact = self
            .contact
            .as_deref()
            .unwrap_or("https://github.com/ward-audit/ward-audit");
        format!("ward-audit/{} (+{contact})", env!("CARGO_PKG_VERSION"))
    }
}

/// What to crawl for one ward.
#[derive(Debug, Clone)]
pub struct Site {
    pub start: Vec<Url>,
    /// Host names inside the site (`www.` and bare forms are added).
    pub hosts: Vec<String>,
    /// The ward's part of those hosts; `None` until the start page shows it.
    scope: Option<Scope>,
    /// What the start page is asked about while `scope` is `None`.
    candidates: Vec<Scope>,
}

impl Site {
    /// The site at `url` and on every host named, whole.
    #[must_use]
    pub fn new(url: &Url, extra_start: &[Url], aliases: &[String]) -> Self {
        let mut start = vec![url.clone()];
        start.extend(extra_start.iter().cloned());
        let mut hosts = Vec::new();
        for host in start
            .iter()
            .filter_map(Url::host_str)
            .chain(aliases.iter().map(String::as_str))
        {
            add_host(&mut hosts, host);
        }
        Self {
            start,
            hosts,
            scope: Some(Scope::Host),
            candidates: Vec::new(),
        }
    }

    /// Keeps the crawl to `configured`; with none, to the ward's part of a
    /// portal that the start address names, if the start page links to
    /// several pages inside it (see `scope`).
    #[must_use]
    pub fn scoped(mut self, configured: Option<Scope>, ward_name: &str) -> Self {
        if let Some(scope) = configured {
            self.scope = Some(scope);
        } else {
            self.candidates = scope::candidates(&self.start[0], ward_name);
            self.scope = self.candidates.is_empty().then_some(Scope::Host);
        }
        self
    }

    fn on_host(&self, url: &Url) -> bool {
        matches!(url.scheme(), "http" | "https")
            && url
                .host_str()
                .is_some_and(|h| self.hosts.iter().any(|s| s.eq_ignore_ascii_case(h)))
    }

    fn in_scope(&self, url: &Url) -> bool {
        self.on_host(url) && self.scope.as_ref().is_none_or(|s| s.admits(url))
    }

    /// Whether the crawl reads `url`: inside the scope, or one of the start
    /// pages wards.toml names, which are read wherever they are.
    fn reads(&self, url: &Url) -> bool {
        self.in_scope(url)
            || (self.on_host(url)
                && self
                    .start
                    .iter()
                    .any(|s| frontier::key(s) == frontier::key(url)))
    }

    /// Settles the scope from the first page read, or, when the start page
    /// could not be read, on the whole host. Returns whether it was settled
    /// now.
    fn settle_scope(&mut self, start_page: Option<&PageFacts>) -> bool {
        if self.scope.is_some() {
            return false;
        }
        let scope = start_page.map_or(Scope::Host, |page| {
            let links: Vec<&Url> = page
                .links
                .iter()
                .filter(|l| l.kind == LinkKind::Page && self.on_host(&l.url) && l.url != page.url)
                .map(|l| &l.url)
                .collect();
            scope::infer(&self.candidates, &links)
        });
        self.scope = Some(scope);
        true
    }

    /// The ward's part of its hosts, when it is not all of them.
    #[must_use]
    pub fn part(&self) -> Option<&Scope> {
        self.scope.as_ref().filter(|s| **s != Scope::Host)
    }
}

/// Whether two addresses name the same page, whatever place on it their
/// fragments point to.
#[must_use]
pub fn same_page(a: &Url, b: &Url) -> bool {
    // Asked of every link on every page: the fragment's place is known,
    // not searched for.
    fn page(u: &Url) -> &str {
        let s = u.as_str();
        u.fragment().map_or(s, |f| &s[..s.len() - f.len() - 1])
    }
    page(a) == page(b)
}

/// Whether two addresses name the same site: the same host, `www.` or not.
#[must_use]
pub fn same_site(a: &Url, b: &Url) -> bool {
    // Asked of every link on every page: compared in place, in any case,
    // without a lower-cased copy of each host.
    fn host(u: &Url) -> &str {
        let h = u.host_str().unwrap_or("");
        match h.get(..4) {
            Some(www) if www.eq_ignore_ascii_case("www.") => &h[4..],
            _ => h,
        }
    }
    host(a).eq_ignore_ascii_case(host(b))
}

fn add_host(hosts: &mut Vec<String>, host: &str) {
    let host = host.to_ascii_lowercase();
    let bare = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    for h in [format!("www.{bare}"), bare] {
        if !hosts.contains(&h) {
            hosts.push(h);
        }
    }
}

/// Where the rules say to look, to fetch the pages that matter first.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Link texts that lead to required content, searched for all at once:
    /// every link the crawl finds is asked about them.
    anchors: PhraseGroups,
    /// Words in URLs that hint at required content, in any case.
    url_words: Option<aho_corasick::AhoCorasick>,
}

/// What the callback tells the crawler after each page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Everything is decided: stop fetching.
    Stop,
}

/// How a crawl went, as audit.json's `crawl` block shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub pages_fetched: usize,
    pub pages_failed: usize,
    pub pages_skipped_robots: usize,
    pub robots: RobotsStatus,
    pub duration_ms: u64,
    /// Why the site as a whole could not be audited.
    pub error: Option<Failure>,
    /// The deadline ran out before the crawl finished.
    pub cut_short: bool,
    /// The crawl stopped early because every rule was decided.
    pub stopped_early: bool,
    /// Links not followed: past the depth limit, or one shape too many times.
    pub links_dropped: usize,
    /// Pages that named another fetched page as their canonical address.
    pub pages_duplicate: usize,
    /// URLs found in sitemaps.
    pub sitemap_urls: usize,
    /// Invalid HTTPS certificates were accepted for this ward.
    pub accepted_invalid_certs: bool,
    /// The CMS the site's markup points to, if any.
    pub platform: Option<&'static str>,
    /// Per-page failures (the first few), with their URLs.
    pub failures: Vec<PageFailure>,
    /// Pages read in another charset than the one they declare (browsers
    /// show them garbled): how many, and the first few.
    pub pages_wrong_charset: usize,
    pub wrong_charset: Vec<WrongCharset>,
    /// The ward's part of a portal the crawl kept to (`/phuong-chi-linh/`,
    /// `?ward=xakinhmon`), when it did not read the whole host.
    pub scope: Option<String>,
}

impl Summary {
    /// A crawl that has read nothing yet.
    #[must_use]
    pub fn before_crawl(settings: &Settings) -> Self {
        Self {
            pages_fetched: 0,
            pages_failed: 0,
            pages_skipped_robots: 0,
            robots: RobotsStatus::Unavailable,
            duration_ms: 0,
            error: None,
            cut_short: false,
            stopped_early: false,
            links_dropped: 0,
            pages_duplicate: 0,
            sitemap_urls: 0,
            accepted_invalid_certs: settings.accept_invalid_certs,
            platform: None,
            failures: Vec::new(),
            pages_wrong_charset: 0,
            wrong_charset: Vec::new(),
            scope: None,
        }
    }
}

/// A page read in another charset than the one it declares.
#[derive(Debug, Clone, Serialize)]
pub struct WrongCharset {
    pub url: String,
    pub declared: &'static str,
    pub read_as: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageFailure {
    pub url: String,
    #[serde(flatten)]
    pub failure: Failure,
}

impl Hints {
    /// `anchors`: the link texts (phrases) that lead to required content;
    /// `url_words`: words in the addresses of such pages.
    #[must_use]
    pub fn new<'a>(
        anchors: impl IntoIterator<Item = &'a Phrase>,
        url_words: impl IntoIterator<Item = &'a String>,
    ) -> Self {
        let url_words: Vec<&String> = url_words.into_iter().collect();
        Self {
            anchors: PhraseGroups::one(anchors),
            url_words: (!url_words.is_empty()).then(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(url_words)
                    .expect("URL words are short")
            }),
        }
    }

    /// Whether a folded text holds one of the link texts.
    fn names(&self, folded: &str) -> bool {
        self.anchors.any_in(folded)
    }

    /// Whether an address holds one of the URL words, in any case: one pass
    /// over the address for all the words, asked of every link found.
    fn in_address(&self, url: &Url) -> bool {
        self.url_words
            .as_ref()
            .is_some_and(|words| words.is_match(url.as_str()))
    }

    /// Whether a label or an address names something a rule looks for.
    fn mention(&self, label: &str, url: &Url) -> bool {
        self.names(&crate::text::fold(label)) || self.in_address(url)
    }
}

/// Documents and images confirmed per ward at most, and per page.
const MAX_DOC_CHECKS: usize = 40;
const MAX_DOC_CHECKS_PER_PAGE: usize = 8;

/// What confirming documents needs: the client and gate of the ward's
/// requests (none when judging archived pages again), the rules' hints, the
/// answers so far, and the archive to record new answers in.
struct DocChecks<'a> {
    live: Option<(&'a Client, &'a polite::Gate)>,
    hints: &'a Hints,
    checked: HashMap<String, DocCheck>,
    recorder: Option<&'a Recorder>,
}

/// Confirms, with HEAD requests, the documents and images in a page's own
/// content that a rule may take as evidence (a map image, a TTHC file).
async fn check_documents(docs: &mut DocChecks<'_>, facts: &mut PageFacts) {
    let DocChecks {
        live,
        hints,
        checked,
        recorder,
    } = docs;
    let mut on_page = 0;
    let links = facts
        .links
        .iter_mut()
        .filter(|l| l.region == Region::Main && l.kind != LinkKind::Page)
        .map(|l| (l.label(), &l.url, &mut l.check));
    let media = facts
        .media
        .iter_mut()
        // A drawn map's data file is checked like an image: without its
        // outline the map shows no boundary. (Without a file, its address
        // is the page's, with the element's id as fragment.)
        .filter(|m| !m.is_frame || (m.drawn && m.url.fragment().is_none()))
        .map(|m| (m.label(), &m.url, &mut m.check));
    for (label, url, slot) in links.chain(media) {
        if !hints.mention(&label, url) {
            continue;
        }
        if let Some(known) = checked.get(url.as_str()) {
            *slot = Some(known.clone());
            continue;
        }
        let Some((client, gate)) = live else {
            continue;
        };
        if checked.len() >= MAX_DOC_CHECKS || on_page >= MAX_DOC_CHECKS_PER_PAGE {
            continue;
        }
        on_page += 1;
        gate.wait().await;
        let result = fetch::check_document(client, url).await;
        if let Some(recorder) = recorder {
            recorder.doc_check(url.as_str(), &result);
        }
        checked.insert(url.to_string(), result.clone());
        *slot = Some(result);
    }
}

/// Per-page failures kept for the report; the count goes on past this.
const MAX_FAILURES_KEPT: usize = 20;

/// Crawls one site, handing each HTML page's facts to `on_page`.
///
/// Everything — robots.txt, sitemaps, pages — happens inside the ward's
/// deadline; when it runs out the pages read so far stand.
pub async fn crawl<F>(
    client: &Client,
    site: &Site,
    settings: &Settings,
    hints: &Hints,
    recorder: Option<&Recorder>,
    today: NaiveDate,
    on_page: F,
) -> Summary
where
    F: FnMut(PageFacts) -> Flow,
{
    let started = Instant::now();
    let deadline =
        tokio::time::Instant::from_std(started + Duration::from_secs(settings.deadline_s));
    let mut summary = Summary::before_crawl(settings);
    let mut handoff = Handoff::new(on_page, today);
    let finished = tokio::time::timeout_at(
        deadline,
        crawl_inner(
            client,
            site,
            settings,
            hints,
            recorder,
            &mut handoff,
            &mut summary,
        ),
    )
    .await;
    // Cut short: judge the pages read, without further requests.
    handoff.flush(None, true).await;
    summary.cut_short |= finished.is_err();
    if summary.pages_fetched == 0 && summary.error.is_none() {
        summary.error = Some(Failure::new(
            if summary.cut_short {
                FailureKind::Timeout
            } else {
                FailureKind::EmptySite
            },
            "no HTML page could be read",
        ));
    }
    summary.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    summary
}

/// A fetched page with its facts read and its archive record encoded (when
/// the run keeps an archive), or why it failed. This work is done inside the
/// page's fetch task, so a site's pages are read on every core at once rather
/// than one after another in the crawl loop.
type FetchTask = (
    frontier::Entry,
    Result<(fetch::Fetched, facts::Extracted, Option<EncodedPage>), Failure>,
);

/// Pages on their way to the callback. The first few are held back until
/// the site's repeated furniture is known (see `repeat`): best-first crawling
/// fetches the pages that matter first, and they must not be judged with the
/// site's chrome still in them.
struct Handoff<F> {
    on_page: F,
    repetition: repeat::Repetition,
    pending: Vec<facts::Extracted>,
    /// The day pages are read on: their relative dates ("3 ngày trước")
    /// are read against it.
    today: NaiveDate,
}

/// Pages learnt before the first one is judged.
const WARMUP_PAGES: u32 = 4;

impl<F> Handoff<F> {
    fn new(on_page: F, today: NaiveDate) -> Self {
        Self {
            on_page,
            repetition: repeat::Repetition::default(),
            pending: Vec::new(),
            today,
        }
    }

    fn warmed_up(&self) -> bool {
        self.repetition.pages() >= WARMUP_PAGES
    }

    /// Takes the next page read: learns the site's repeated blocks from it,
    /// holds it, and once warmed up hands over what is held. Returns whether
    /// the callback asked to stop (never with `exhaustive`). The crawl and
    /// `replay` both go through here, so a re-audit judges the pages exactly
    /// as the crawl did.
    async fn take(
        &mut self,
        extracted: facts::Extracted,
        docs: &mut DocChecks<'_>,
        exhaustive: bool,
    ) -> bool
    where
        F: FnMut(PageFacts) -> Flow,
    {
        extracted.learn(&mut self.repetition);
        self.pending.push(extracted);
        self.warmed_up() && self.flush(Some(docs), !exhaustive).await && !exhaustive
    }

    /// Finishes every held page against what is known now, confirms its
    /// documents when `docs` is given (not once the deadline has passed), and
    /// hands it over. Returns whether the callback asked to stop; with
    /// `heed_stop`, the pages after that one are not handed over.
    async fn flush(&mut self, mut docs: Option<&mut DocChecks<'_>>, heed_stop: bool) -> bool
    where
        F: FnMut(PageFacts) -> Flow,
    {
        let repetition = &self.repetition;
        let finished: Vec<PageFacts> = self
            .pending
            .drain(..)
            .map(|e| e.finish(repetition))
            .collect();
        let mut stopped = false;
        for mut facts in finished {
            if let Some(docs) = docs.as_deref_mut() {
                check_documents(docs, &mut facts).await;
            }
            stopped |= (self.on_page)(facts) == Flow::Stop;
            if stopped && heed_stop {
                break;
            }
        }
        stopped
    }
}

async fn crawl_inner<F>(
    client: &Client,
    site: &Site,
    settings: &Settings,
    hints: &Hints,
    recorder: Option<&Recorder>,
    handoff: &mut Handoff<F>,
    summary: &mut Summary,
) where
    F: FnMut(PageFacts) -> Flow,
{
    let robots = robots::fetch(client, &site.start[0], &settings.user_agent()).await;
    summary.robots = robots.status();
    let mut site = site.clone();
    // A part named in wards.toml is known before any request.
    summary.scope = site.part().map(ToString::to_string);
    let mut frontier = Frontier::new(hints, settings.max_depth, settings.max_variants);
    for url in &site.start {
        frontier.seed(url.clone());
    }
    if settings.sitemaps && !robots.disallows_all() {
        let listed = sitemap::urls(client, &site.start[0], &robots.sitemaps).await;
        summary.sitemap_urls = listed.len();
        for url in listed.iter().filter(|u| site.in_scope(u)) {
            frontier.seed_listed(url);
        }
    }
    let gate = polite::Gate::new(Duration::from_millis(
        settings.delay_ms.max(robots.delay_ms()),
    ));
    let retry = polite::Retry {
        max_retries: settings.retries,
        backoff: Duration::from_millis(settings.backoff_ms),
    };
    let mut docs = DocChecks {
        live: Some((client, &gate)),
        hints,
        checked: HashMap::new(),
        recorder,
    };
    let archiving = recorder.is_some();
    let mut inflight: JoinSet<FetchTask> = JoinSet::new();
    let mut launched = 0usize;
    let mut first_failure: Option<Failure> = None;
    let mut stop = false;

    loop {
        // Until the start page has shown the ward's part of a portal, it is
        // the only request: a page outside that part would be judged.
        while !stop
            && inflight.len() < settings.per_host
            && launched < settings.max_pages
            && (site.scope.is_some() || inflight.is_empty())
        {
            let Some(entry) = frontier.pop() else { break };
            if !site.reads(&entry.url) {
                continue;
            }
            if !robots.allows(&entry.url) {
                summary.pages_skipped_robots += 1;
                continue;
            }
            launched += 1;
            let (client, gate, max_body) = (client.clone(), gate.clone(), settings.max_body_bytes);
            let today = handoff.today;
            inflight.spawn(async move {
                let result = polite::fetch(&client, &gate, retry, &entry.url, max_body)
                    .await
                    .map(|fetched| {
                        let extracted = facts::extract(
                            &fetched.url,
                            entry.depth,
                            entry.via.clone(),
                            &fetched.html,
                            today,
                        );
                        let encoded = archiving.then(|| {
                            EncodedPage::new(&archive::Response {
                                url: fetched.url.as_str(),
                                status: fetched.status,
                                version: fetched.version,
                                headers: &fetched.headers,
                                body: &fetched.body,
                            })
                        });
                        (fetched, extracted, encoded)
                    });
                (entry, result)
            });
        }
        let Some(joined) = inflight.join_next().await else {
            break;
        };
        let Ok((entry, result)) = joined else {
            // A fetch task panicked; count it and go on.
            summary.pages_failed += 1;
            continue;
        };
        let (fetched, mut extracted, mut encoded) = match result {
            Ok(page) => page,
            Err(failure) => {
                // Nothing to settle a part on: the whole host.
                let _ = site.settle_scope(None);
                summary.pages_failed += 1;
                if summary.failures.len() < MAX_FAILURES_KEPT {
                    summary.failures.push(PageFailure {
                        url: entry.url.to_string(),
                        failure: failure.clone(),
                    });
                }
                first_failure.get_or_insert(failure);
                continue;
            }
        };
        if summary.pages_fetched == 0 && entry.depth == 0 {
            // http → https or bare → www on the start page stays inside.
            if let Some(host) = fetched.url.host_str() {
                add_host(&mut site.hosts, host);
            }
        }
        if site.settle_scope((entry.depth == 0).then(|| extracted.facts())) {
            summary.scope = site.part().map(ToString::to_string);
        }
        let mut archive = |skipped| {
            recorder.zip(encoded.take()).and_then(|(r, page)| {
                r.page(
                    page,
                    &archive::Context {
                        requested: entry.url.as_str(),
                        depth: entry.depth,
                        via: &entry.via,
                        skipped,
                    },
                )
            })
        };
        if !site.reads(&fetched.url) {
            archive(Some("off_site"));
            continue;
        }
        if fetched.url != entry.url && frontier.is_done(&fetched.url) {
            archive(Some("already_read"));
            continue;
        }
        frontier.mark_fetched(&fetched.url);
        if summary.platform.is_none() && summary.pages_fetched < platform::PAGES_READ {
            summary.platform = platform::detect(
                &fetched.html,
                extracted.facts().generator.as_deref(),
                fetched.url.as_str(),
            );
        }
        let facts = extracted.facts();
        if let Some(canonical) = facts
            .canonical
            .as_ref()
            .filter(|c| site.in_scope(c) && frontier::key(c) != frontier::key(&facts.url))
        {
            if frontier.is_done(canonical) {
                summary.pages_duplicate += 1;
                archive(Some("duplicate"));
                continue;
            }
            frontier.mark_fetched(canonical);
        }
        let record = archive(None);
        if let Some(m) = fetched.misdeclared {
            summary.pages_wrong_charset += 1;
            if summary.wrong_charset.len() < MAX_FAILURES_KEPT {
                summary.wrong_charset.push(WrongCharset {
                    url: fetched.url.to_string(),
                    declared: m.declared,
                    read_as: m.read_as,
                });
            }
        }
        drop(fetched);
        extracted.set_record(record);
        if site.part().is_some() {
            extracted.forget_listed(|url| site.in_scope(url));
        }
        let facts = extracted.facts();
        summary.pages_fetched += 1;
        for link in &facts.links {
            if link.kind == LinkKind::Page && site.in_scope(&link.url) {
                frontier.push(&link.url, &link.text, &link.context, entry.depth + 1);
            }
        }
        summary.links_dropped = frontier.dropped();
        if handoff
            .take(extracted, &mut docs, settings.exhaustive)
            .await
        {
            summary.stopped_early = true;
            stop = true;
            inflight.abort_all();
        }
    }
    // A site smaller than the warm-up: judge what was read.
    handoff.flush(Some(&mut docs), true).await;
    summary.links_dropped = frontier.dropped();
    if summary.pages_fetched == 0 {
        summary.error = Some(if robots.disallows_all() {
            Failure::new(
                FailureKind::RobotsDisallowAll,
                "robots.txt disallows every page for this crawler",
            )
        } else {
            first_failure.unwrap_or_else(|| {
                Failure::new(FailureKind::EmptySite, "no HTML page could be read")
            })
        });
    }
}

/// A page from the archive, to be judged again.
#[derive(Debug)]
pub struct ArchivedPage {
    pub url: Url,
    pub depth: u32,
    pub via: Vec<String>,
    pub html: String,
    pub record: RecordRef,
}

/// Judges archived pages again, in the order they were fetched, exactly as
/// the crawl did: the same warm-up, the same repetition model, the document
/// checks answered from the archive, and no request at all. Returns whether
/// the callback stopped it early.
pub async fn replay<F>(
    pages: impl IntoIterator<Item = ArchivedPage>,
    checks: impl IntoIterator<Item = (String, DocCheck)>,
    hints: &Hints,
    exhaustive: bool,
    today: NaiveDate,
    on_page: F,
) -> bool
where
    F: FnMut(PageFacts) -> Flow,
{
    let mut handoff = Handoff::new(on_page, today);
    let mut docs = DocChecks {
        live: None,
        hints,
        checked: checks.into_iter().collect(),
        recorder: None,
    };
    for page in pages {
        let mut extracted =
            facts::extract(&page.url, page.depth, page.via, &page.html, handoff.today);
        extracted.set_record(Some(page.record));
        if handoff.take(extracted, &mut docs, exhaustive).await {
            return true;
        }
    }
    handoff.flush(Some(&mut docs), true).await;
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_page_ignores_only_the_fragment() {
        let url = |s: &str| Url::parse(s).unwrap();
        let page = url("https://ward.test/lich?tuan=47");
        assert!(same_page(
            &page,
            &url("https://ward.test/lich?tuan=47#thu-hai")
        ));
        assert!(!same_page(&page, &url("https://ward.test/lich?tuan=46")));
        assert!(!same_page(&page, &url("https://ward.test/lich")));
        // An empty fragment is still one; the rest must match to the end.
        assert!(same_page(
            &url("https://ward.test/lich#"),
            &url("https://ward.test/lich#thu-ba")
        ));
        assert!(!same_page(
            &url("https://ward.test/lich#a"),
            &url("https://ward.test/lic#a")
        ));
    }

    #[test]
    fn same_site_is_one_host_with_or_without_www() {
        let url = |s: &str| Url::parse(s).unwrap();
        let ward = url("https://phuongbadinh.hanoi.gov.vn/tin-tuc");
        assert!(same_site(
            &ward,
            &url("http://www.phuongbadinh.hanoi.gov.vn/")
        ));
        assert!(same_site(
            &url("https://WWW.PhuongBaDinh.hanoi.gov.vn/"),
            &ward
        ));
        // Hosts that are not lower-cased when parsed are still compared in
        // any case.
        assert!(same_site(
            &url("x-app://WWW.Ward.vn/a"),
            &url("x-app://ward.VN/b")
        ));
        assert!(!same_site(&ward, &url("https://hanoi.gov.vn/")));
        assert!(!same_site(
            &ward,
            &url("https://www2.phuongbadinh.hanoi.gov.vn/")
        ));
        assert!(!same_site(&ward, &url("mailto:ubnd@hanoi.gov.vn")));
    }
}
