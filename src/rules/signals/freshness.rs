//! `freshness`: news posts that are recent and regular.
//!
//! The directive asks wards to post news regularly. This is judged over the
//! whole site: every post date seen — an article's `article:published_time`,
//! a stamp with a clock time or "Đăng …" label, a date beside a linked title
//! in a list — is recorded once per post. Dates in prose (history, decisions)
//! and "Ngày cập nhật" are not post dates. A date that stands on most pages is
//! the header clock showing today, and is dropped.
//!
//! Pass: the newest post is at most `max_age_days` old and at least
//! `min_posts` posts fall within `window_days`. Partial: the newest post is at
//! most `stale_days` old. Older or no posts: nothing found.
//!
//! ```toml
//! [[signal]]
//! kind = "freshness"
//! max_age_days = 30
//! window_days = 90
//! min_posts = 4
//! stale_days = 365
//! ```
//!
//! Evidence: the newest post, `newest=YYYY-MM-DD posts=N`.

use crate::archive::RecordRef;
use crate::lang::Lang;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Finding, Level, SiteState};
use crate::crawl::{DateRole, PageFacts};
use crate::rules::Evidence;

/// At most this many posts are remembered per ward; the newest win.
const MAX_POSTS: usize = 5_000;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Freshness {
    pub max_age_days: i64,
    pub window_days: i64,
    pub min_posts: usize,
    pub stale_days: i64,
}

impl Freshness {
    pub(super) fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.max_age_days > self.window_days {
            return Err((
                "window_days",
                format!("must be at least max_age_days ({})", self.max_age_days),
            ));
        }
        if self.stale_days < self.max_age_days {
            return Err((
                "stale_days",
                format!("must be at least max_age_days ({})", self.max_age_days),
            ));
        }
        Ok(())
    }

    pub(super) fn describe(&self) -> String {
        format!(
            "tin bài có ngày đăng: tin mới nhất không quá {} ngày trước ngày kiểm tra và ít nhất {} tin trong {} ngày; tin mới nhất trong vòng {} ngày: chưa đầy đủ",
            self.max_age_days, self.min_posts, self.window_days, self.stale_days
        )
    }
}

#[derive(Debug, Clone)]
struct Post {
    date: NaiveDate,
    url: String,
    snippet: String,
    record: Option<RecordRef>,
}

/// Post dates seen over a crawl.
#[derive(Debug, Default)]
pub struct PostLog {
    /// Post identity (its URL) → the post.
    posts: HashMap<String, Post>,
    /// On how many pages each stamp date was seen, to spot the header clock.
    stamp_pages: HashMap<NaiveDate, usize>,
    pages: usize,
}

pub(super) fn record(page: &PageFacts, state: &mut SiteState) {
    let log = &mut state.posts;
    log.pages += 1;
    let mut stamped: Vec<NaiveDate> = Vec::new();
    for d in &page.dates {
        let key = match d.role {
            DateRole::Meta | DateRole::Stamp => page.url.to_string(),
            DateRole::Listed => d.key.clone(),
            DateRole::Updated | DateRole::Text => continue,
        };
        if d.role == DateRole::Stamp && !stamped.contains(&d.date) {
            stamped.push(d.date);
        }
        let post = Post {
            date: d.date,
            url: key.clone(),
            snippet: d.snippet.clone(),
            record: page.record.clone(),
        };
        let room = log.posts.len() < MAX_POSTS;
        match log.posts.get_mut(&key) {
            // A post seen with several dates keeps the earliest: its publication.
            Some(existing) if existing.date <= d.date => {}
            Some(existing) => *existing = post,
            None if room => {
                log.posts.insert(key, post);
            }
            None => {}
        }
    }
    for date in stamped {
        *log.stamp_pages.entry(date).or_default() += 1;
    }
}

#[must_use]
pub fn freshness(
    p: &Freshness,
    state: &SiteState,
    as_of: NaiveDate,
    lang: Lang,
) -> Option<Finding> {
    let log = &state.posts;
    // A stamp on more than half of at least six pages is a clock, not a post.
    let clock = |d: NaiveDate| {
        log.pages >= 6 && log.stamp_pages.get(&d).copied().unwrap_or(0) * 2 > log.pages
    };
    // One pass, no sort: this runs after every page read.
    let posts = log
        .posts
        .values()
        .filter(|post| post.date <= as_of && !clock(post.date));
    let mut newest: Option<&Post> = None;
    let mut in_window = 0;
    for post in posts {
        if (as_of - post.date).num_days() <= p.window_days {
            in_window += 1;
        }
        // The newest post; among posts of one day, the first address.
        if newest.is_none_or(|n| {
            (post.date, std::cmp::Reverse(&post.url)) > (n.date, std::cmp::Reverse(&n.url))
        }) {
            newest = Some(post);
        }
    }
    let newest = newest?;
    let age = (as_of - newest.date).num_days();
    let level = if age <= p.max_age_days && in_window >= p.min_posts {
        Level::Pass
    } else if age <= p.stale_days {
        Level::Partial
    } else {
        return None;
    };
    let when = newest.date.format("%d/%m/%Y");
    Some(Finding {
        level,
        strength: if level == Level::Pass { 0.9 } else { 0.75 },
        detail: match lang {
            Lang::Vi => format!(
                "tin mới nhất ngày {when} ({age} ngày trước), {in_window} tin trong {} ngày",
                p.window_days
            ),
            Lang::En => format!(
                "newest post {when} ({age} days ago), {in_window} posts in {} days",
                p.window_days
            ),
        },
        evidence: vec![Evidence {
            url: newest.url.clone(),
            snippet: newest.snippet.clone(),
            signal: format!("newest={} posts={in_window}", newest.date),
            record: newest.record.clone(),
        }],
    })
}
