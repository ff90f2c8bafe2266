//! The built-in demo: realistic ward sites embedded in the binary, served on
//! 127.0.0.1 and audited offline on a fixed date, so `ward-audit demo` gives
//! the same report every day on any machine.
//!
//! The same site format serves the test fixtures (`tests/fixtures/sites/`).
//! A site folder holds `site.toml` (name, platform, optional layout, and the
//! routes from request path to file), a `_layout.html` with `{{title}}` and
//! `{{main}}` placeholders, page files, and `expected.toml` (the verdicts the
//! site is written to produce, checked by the tests).

pub mod server;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use include_dir::{Dir, include_dir};
use serde::Deserialize;

static SITES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/demo/sites");

/// The audit date the demo sites were written for.
#[must_use]
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

/// The demo's accepted gaps (`demo/waivers.toml`), to show how a waiver reads.
pub fn waivers(rules: &crate::rules::RuleSet) -> Result<crate::waivers::Waivers> {
    Ok(crate::waivers::Waivers::parse(
        "demo/waivers.toml",
        include_str!("../../demo/waivers.toml"),
        None,
        rules,
    )?)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteSpec {
    name: String,
    platform: String,
    layout: Option<String>,
    /// Where an audit of the site starts, when not at `/`: a ward's part of
    /// a city portal (`/phuong-chi-linh/`).
    start: Option<String>,
    #[serde(rename = "route")]
    routes: Vec<RouteSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteSpec {
    path: String,
    file: String,
    #[serde(default = "ok")]
    status: u16,
    content_type: Option<String>,
    /// For a redirect (`status = 301`): where to.
    location: Option<String>,
}

fn ok() -> u16 {
    200
}

/// One response the server gives.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// The `Location` header of a redirect.
    pub location: Option<String>,
}

impl Response {
    /// A 200 response.
    #[must_use]
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status: 200,
            content_type: content_type.to_owned(),
            body: body.into(),
            location: None,
        }
    }

    /// A redirect to `location`.
    #[must_use]
    pub fn redirect(status: u16, location: &str) -> Self {
        Self {
            status,
            content_type: "text/html; charset=utf-8".into(),
            body: Vec::new(),
            location: Some(location.to_owned()),
        }
    }
}

/// A site ready to serve: request path (with query) → response.
#[derive(Debug, Clone)]
pub struct SiteFiles {
    /// The folder name, used as the ward id.
    pub id: String,
    pub name: String,
    pub platform: String,
    /// The path (with query) an audit starts from: `/` unless `site.toml`
    /// says otherwise.
    pub start: String,
    pub routes: BTreeMap<String, Response>,
    /// `expected.toml`, when the site has one.
    pub expected: Option<String>,
}

impl SiteFiles {
    /// Builds a site from a file reader (embedded or on disk).
    fn build(id: &str, read: &dyn Fn(&str) -> Option<Vec<u8>>) -> Result<Self> {
        let text = |name: &str| -> Result<String> {
            let bytes = read(name).with_context(|| format!("site {id}: missing file {name}"))?;
            String::from_utf8(bytes).with_context(|| format!("site {id}: {name} is not UTF-8"))
        };
        let spec: SiteSpec =
            toml::from_str(&text("site.toml")?).with_context(|| format!("site {id}: site.toml"))?;
        let layout = spec.layout.as_deref().map(&text).transpose()?;
        let mut routes = BTreeMap::new();
        for route in spec.routes {
            let raw = read(&route.file).with_context(|| {
                format!(
                    "site {id}: route {} names missing file {}",
                    route.path, route.file
                )
            })?;
            let is_html = route.content_type.is_none();
            let body = match (&layout, is_html) {
                (Some(layout), true) => wrap(layout, &String::from_utf8_lossy(&raw)).into_bytes(),
                _ => raw,
            };
            let content_type = route
                .content_type
                .unwrap_or_else(|| "text/html; charset=utf-8".into());
            routes.insert(
                route.path,
                Response {
                    status: route.status,
                    content_type,
                    body,
                    location: route.location,
                },
            );
        }
        if routes.is_empty() {
            bail!("site {id}: no routes");
        }
        let start = spec.start.unwrap_or_else(|| "/".into());
        if !routes.contains_key(&start) {
            bail!("site {id}: start {start} is not one of its routes");
        }
        Ok(Self {
            id: id.to_owned(),
            name: spec.name,
            platform: spec.platform,
            start,
            routes,
            expected: read("expected.toml").map(|b| String::from_utf8_lossy(&b).into_owned()),
        })
    }

    /// A site folder on disk (test fixtures).
    pub fn from_dir(dir: &Path) -> Result<Self> {
        // `serve .` names the folder by where it is.
        let full = dir
            .canonicalize()
            .with_context(|| format!("cannot open the site folder {}", dir.display()))?;
        let id = full
            .file_name()
            .and_then(|n| n.to_str())
            .with_context(|| format!("{}: the site folder has no name", dir.display()))?;
        Self::build(id, &|name| std::fs::read(dir.join(name)).ok())
    }
}

/// Puts a fragment page into the site layout: its `<title>` line becomes the
/// layout's title, the rest its main content. Full documents pass through.
fn wrap(layout: &str, page: &str) -> String {
    if page.contains("<html") {
        return page.to_owned();
    }
    let (title, main) = match (page.find("<title>"), page.find("</title>")) {
        (Some(start), Some(end)) if start < end => {
            let title = &page[start + "<title>".len()..end];
            let rest = format!("{}{}", &page[..start], &page[end + "</title>".len()..]);
            (title.to_owned(), rest)
        }
        _ => (String::new(), page.to_owned()),
    };
    layout
        .replacen("{{title}}", &title, 1)
        .replacen("{{main}}", &main, 1)
}

/// The demo sites built into the binary, in folder order.
pub fn embedded_sites() -> Result<Vec<SiteFiles>> {
    let mut sites = Vec::new();
    for dir in SITES.dirs() {
        let id = dir
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .context("embedded site folder has no name")?;
        sites.push(SiteFiles::build(id, &|name| {
            dir.get_file(dir.path().join(name))
                .map(|f| f.contents().to_vec())
        })?);
    }
    sites.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(sites)
}
