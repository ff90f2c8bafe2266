//! robots.txt: fetched once per ward and obeyed.
//!
//! A missing robots.txt (404) allows everything. An unreachable or broken one
//! is treated as allowing everything too, and reported as `unavailable`:
//! small ward servers often answer every unknown path with an error page, and
//! refusing to audit them would hide their content from the office.

use reqwest::{Client, StatusCode};

use super::fetch;
use serde::Serialize;
use texting_robots::Robot;
use url::Url;

/// What robots.txt said, as audit.json's `crawl.robots` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RobotsStatus {
    /// robots.txt exists and allows this crawler.
    Allowed,
    /// Some paths are disallowed; they were skipped.
    Restricted,
    /// Every path is disallowed.
    Disallowed,
    /// No robots.txt (404): everything allowed.
    Missing,
    /// robots.txt could not be read: everything allowed.
    Unavailable,
}

pub(super) struct Robots {
    robot: Option<Robot>,
    status: RobotsStatus,
    /// `Sitemap:` lines.
    pub(super) sitemaps: Vec<Url>,
}

/// The longest Crawl-delay honoured, so a hostile file cannot stall a run.
const MAX_DELAY_MS: u64 = 10_000;

impl Robots {
    pub(super) fn status(&self) -> RobotsStatus {
        self.status
    }

    pub(super) fn allows(&self, url: &Url) -> bool {
        self.robot.as_ref().is_none_or(|r| allowed(r, url))
    }

    pub(super) fn disallows_all(&self) -> bool {
        self.status == RobotsStatus::Disallowed
    }

    pub(super) fn delay_ms(&self) -> u64 {
        self.robot
            .as_ref()
            .and_then(|r| r.delay)
            .map_or(0, |d| ((f64::from(d) * 1000.0) as u64).min(MAX_DELAY_MS))
    }
}

/// robots.txt is small; a larger one is read in part, as crawlers do.
const MAX_ROBOTS: usize = 512 * 1024;

pub(super) async fn fetch(client: &Client, start: &Url, agent: &str) -> Robots {
    let unavailable = Robots {
        robot: None,
        status: RobotsStatus::Unavailable,
        sitemaps: Vec::new(),
    };
    let Ok(url) = start.join("/robots.txt") else {
        return unavailable;
    };
    let Ok(response) = fetch::get_small(client, url, MAX_ROBOTS).await else {
        return unavailable;
    };
    match response.status {
        StatusCode::NOT_FOUND | StatusCode::GONE => {
            return Robots {
                robot: None,
                status: RobotsStatus::Missing,
                sitemaps: Vec::new(),
            };
        }
        s if !s.is_success() => return unavailable,
        _ => {}
    }
    // An HTML page served as robots.txt (a CMS's 404 page with status 200)
    // says nothing about crawling.
    if response.content_type.contains("html") || response.body.trim_ascii_start().starts_with(b"<")
    {
        return unavailable;
    }
    let body = response.body.as_slice();
    // Match on the product token, not the whole User-Agent string.
    let token = agent.split('/').next().unwrap_or(agent);
    let Ok(robot) = Robot::new(token, body) else {
        return unavailable;
    };
    let home = start.join("/").unwrap_or_else(|_| start.clone());
    let status = if !robot.allowed(home.as_str()) {
        RobotsStatus::Disallowed
    } else if body_has_disallow(body) {
        RobotsStatus::Restricted
    } else {
        RobotsStatus::Allowed
    };
    let sitemaps = robot
        .sitemaps
        .iter()
        .filter_map(|s| Url::parse(s).ok())
        .collect();
    Robots {
        robot: Some(robot),
        status,
        sitemaps,
    }
}

/// Asks `robot` about `url` by its path and query, which are what the rules
/// match: given a whole address, `texting_robots` parses it again to find
/// them (a parse for every page fetched). A path is taken as it is,
/// percent-encoding aside, and a `Url`'s path is already encoded.
fn allowed(robot: &Robot, url: &Url) -> bool {
    robot.allowed(&url[url::Position::BeforePath..])
}

fn body_has_disallow(body: &[u8]) -> bool {
    String::from_utf8_lossy(body).lines().any(|l| {
        l.trim()
            .to_ascii_lowercase()
            .strip_prefix("disallow:")
            .is_some_and(|rest| !rest.trim().is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_judged_as_its_whole_address_would_be() {
        let robot = Robot::new(
            "ward-audit",
            "User-agent: *\nDisallow: /admin/\nDisallow: /*?print=\nDisallow: /tìm-kiếm\nAllow: /admin/public\nDisallow: //x".as_bytes(),
        )
        .unwrap();
        let mut judged = [0, 0];
        for address in [
            "http://w.test/",
            "http://w.test/admin/",
            "http://w.test/admin/public/a.html",
            "http://w.test/tin-tuc?print=1",
            "http://w.test/tin-tuc?page=2",
            "http://w.test/tìm-kiếm?q=lịch",
            "http://w.test/t%C3%ACm-ki%E1%BA%BFm",
            "http://w.test/a%20b \"c\"",
            "http://w.test//x/y",
            "http://w.test/robots.txt",
        ] {
            let url = Url::parse(address).unwrap();
            let whole = robot.allowed(url.as_str());
            assert_eq!(allowed(&robot, &url), whole, "{address}");
            judged[usize::from(whole)] += 1;
        }
        assert_eq!(judged, [5, 5], "both answers are asked about");
    }
}
