//! `freshness`: news posts that are recent and regular.
//!
//! The directive asks wards to post news regularly. This is judged over the
//! whole site: every post date seen — an article's `article:published_time`,
//! a stamp with a clock time or "Đăng …" label, a date beside a linked title
//! in a list — is recorded once per post. Dates in prose (history, decisions)
//! and "Ngày cập nhật" are not post dates. A date that stands on most pages is
//! the header clock showing today, and is dropped. A post whose title names
//! one of `not_news` (a weekly work schedule posted as an article) is not
//! news. Nor is a post copied from elsewhere, which says so on its own page
//! ("Nguồn: Cổng TTĐT tỉnh", "(Nguồn: baodaklak.vn)"): once its page is
//! read, the post no longer counts, whatever lists linked to it. A source
//! naming the ward or commune itself ("Nguồn: UBND phường …") is its own.
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
//! not_news = ["lịch công tác", "lịch tiếp công dân"]
//! ```
//!
//! Evidence: the newest post, `newest=YYYY-MM-DD posts=N`.

use crate::archive::RecordRef;
use crate::lang::Lang;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Finding, Level, Phrases, SiteState};
use crate::crawl::{DateRole, PageFacts};
use crate::rules::Evidence;
use crate::text;

/// At most this many posts are remembered per ward; the newest win.
const MAX_POSTS: usize = 5_000;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Freshness {
    pub max_age_days: i64,
    pub window_days: i64,
    pub min_posts: usize,
    pub stale_days: i64,
    /// Posts whose title names one of these are not news: a weekly work
    /// schedule or a reception timetable posted as an article.
    #[serde(default)]
    pub not_news: Phrases,
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
    /// Read on the post's own page (its stamp or `article:published_time`),
    /// not beside a link to it.
    own: bool,
    url: String,
    snippet: String,
    record: Option<RecordRef>,
}

impl Post {
    /// Whether this date of a post stands against another seen for it. The
    /// post's own page says when it went up, whatever a list said; of dates
    /// from the same kind of place, the earliest is its publication.
    fn outranks(&self, own: bool, date: NaiveDate) -> bool {
        match (self.own, own) {
            (true, false) => true,
            (false, true) => false,
            _ => self.date <= date,
        }
    }
}

/// Post dates seen over a crawl.
#[derive(Debug, Default)]
pub struct PostLog {
    /// Post identity (its URL) → the post.
    posts: HashMap<String, Post>,
    /// The same posts by day: `freshness` runs after every page read, and
    /// looks only at the newest days and those within its window, not at
    /// every post seen.
    by_day: BTreeMap<NaiveDate, BTreeSet<String>>,
    /// On how many pages each stamp date was seen, to spot the header clock.
    stamp_pages: HashMap<NaiveDate, usize>,
    pages: usize,
    /// Posts whose own page says they were copied from elsewhere.
    copied: HashSet<String>,
}

impl PostLog {
    /// Takes a post out of its day's list, dropping the day when empty.
    fn unlist(&mut self, date: NaiveDate, key: &str) {
        if let Some(day) = self.by_day.get_mut(&date) {
            day.remove(key);
            if day.is_empty() {
                self.by_day.remove(&date);
            }
        }
    }

    /// Forgets a post, and any date lists give it later.
    fn drop_copied(&mut self, key: &str) {
        if let Some(post) = self.posts.remove(key) {
            self.unlist(post.date, key);
        }
        self.copied.insert(key.to_owned());
    }
}

/// Whether a post's page says it was copied from elsewhere: a short line
/// opening with "Nguồn" that names no ward or commune ("Nguồn: Cổng Thông
/// tin điện tử tỉnh", "(Nguồn: hanoi.gov.vn)"; not "Nguồn: UBND phường …").
fn copied_from_elsewhere(page: &PageFacts) -> bool {
    text::lines(&page.text).any(|line| {
        let line = line.trim_start_matches(['(', '[', '*', '-', ' ']);
        let Some(rest) = ["Nguồn", "NGUỒN", "nguồn"]
            .iter()
            .find_map(|w| line.strip_prefix(w))
        else {
            return false;
        };
        let rest = rest.trim_start();
        let rest = rest.strip_prefix("tin").unwrap_or(rest).trim_start();
        if line.len() > MAX_SOURCE_LINE || !rest.starts_with(':') {
            return false;
        }
        let folded = text::fold(rest);
        !folded
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "phuong" | "xa"))
    })
}

/// The longest line read as a post's source.
const MAX_SOURCE_LINE: usize = 160;

pub(super) fn record(p: &Freshness, page: &PageFacts, state: &mut SiteState) {
    let log = &mut state.posts;
    log.pages += 1;
    let mut stamped: Vec<NaiveDate> = Vec::new();
    // Whether the page itself is one that is not news, asked once.
    let own_not_news = std::cell::OnceCell::new();
    let mut folded = String::new();
    let own_post = page
        .dates
        .iter()
        .any(|d| matches!(d.role, DateRole::Meta | DateRole::Stamp));
    if own_post && copied_from_elsewhere(page) {
        log.drop_copied(page.url.as_str());
    }
    for d in &page.dates {
        let key = match d.role {
            DateRole::Meta | DateRole::Stamp => page.url.to_string(),
            DateRole::Listed => d.key.clone(),
            DateRole::Updated | DateRole::Text => continue,
        };
        if d.role == DateRole::Stamp && !stamped.contains(&d.date) {
            stamped.push(d.date);
        }
        if log.copied.contains(&key) {
            continue;
        }
        let own = d.role != DateRole::Listed;
        let kept = match log.posts.get(&key) {
            Some(existing) => !existing.outranks(own, d.date),
            None => log.posts.len() < MAX_POSTS,
        };
        // Whether the post is news is asked only of a date that would be
        // kept: the posts every page lists in a side box are asked once.
        // A listed post is known by the text beside its date and by its
        // link's words (the snippet may cut a long title short; looking the
        // link up among the page's links cost 2% of a news list page), a
        // post's own page by its title and first heading.
        let not_news = |folded: &mut String| {
            !p.not_news.is_empty()
                && if d.role == DateRole::Listed {
                    text::fold_into(&d.snippet, folded);
                    p.not_news.any_in(folded) || {
                        text::fold_into(&d.title, folded);
                        p.not_news.any_in(folded)
                    }
                } else {
                    *own_not_news.get_or_init(|| p.not_news.name_page(page))
                }
        };
        if !kept || not_news(&mut folded) {
            continue;
        }
        let post = Post {
            date: d.date,
            own,
            url: key.clone(),
            snippet: d.snippet.clone(),
            record: page.record.clone(),
        };
        if let Some(previous) = log.posts.get(&key).map(|p| p.date) {
            log.unlist(previous, &key);
            log.by_day.entry(d.date).or_default().insert(key.clone());
            log.posts.insert(key, post);
        } else {
            log.by_day.entry(d.date).or_default().insert(key.clone());
            log.posts.insert(key, post);
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
    // This runs after every page read: it looks at the newest days and the
    // days of the window, not at every post.
    let (_, urls) = log
        .by_day
        .range(..=as_of)
        .rev()
        .find(|(day, _)| !clock(**day))?;
    // The newest post; among posts of one day, the first address.
    let newest = &log.posts[urls.first()?];
    let window_start = as_of - chrono::TimeDelta::days(p.window_days);
    let in_window: usize = log
        .by_day
        .range(window_start..=as_of)
        .filter(|(day, _)| !clock(**day))
        .map(|(_, urls)| urls.len())
        .sum();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::facts::extract_alone;
    use crate::text::Phrase;
    use url::Url;

    const P: Freshness = Freshness {
        max_age_days: 30,
        window_days: 90,
        min_posts: 3,
        stale_days: 365,
        not_news: Phrases(Vec::new()),
    };

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn read(state: &mut SiteState, path: &str, content: &str) {
        let url = Url::parse(&format!("http://ward.test{path}")).unwrap();
        let html = format!("<html><body><div class=\"content\">{content}</div></body></html>");
        record(
            &P,
            &extract_alone(&url, 1, vec![], &html, crate::crawl::facts::TEST_DAY),
            state,
        );
    }

    fn published(state: &mut SiteState, path: &str, date: &str) {
        let url = Url::parse(&format!("http://ward.test{path}")).unwrap();
        let html = format!(
            "<html><head><meta property=\"article:published_time\" content=\"{date}T08:00:00+07:00\"></head>\
             <body><div class=\"content\"><p>Bài viết.</p></div></body></html>"
        );
        record(
            &P,
            &extract_alone(&url, 1, vec![], &html, crate::crawl::facts::TEST_DAY),
            state,
        );
    }

    fn signal(state: &SiteState) -> Option<(Level, String)> {
        freshness(&P, state, as_of(), Lang::Vi).map(|f| (f.level, f.evidence[0].signal.clone()))
    }

    #[test]
    fn counts_the_posts_of_the_window_and_names_the_newest() {
        let mut state = SiteState::default();
        for (path, date) in [
            ("/tin/4", "2026-05-01"),
            ("/tin/1", "2026-11-18"),
            ("/tin/2", "2026-11-10"),
            ("/tin/3", "2026-09-01"),
            ("/tin/5", "2026-12-01"),
        ] {
            published(&mut state, path, date);
        }
        // 1 December is after the audit date: not a post yet.
        assert_eq!(
            signal(&state),
            Some((Level::Pass, "newest=2026-11-18 posts=3".into()))
        );
    }

    #[test]
    fn schedules_posted_as_articles_are_not_news() {
        let p = Freshness {
            not_news: Phrases(
                ["lịch công tác", "lịch tiếp công dân"]
                    .iter()
                    .filter_map(|s| Phrase::new(s))
                    .collect(),
            ),
            ..P
        };
        let mut state = SiteState::default();
        let page = |path: &str, html: &str| {
            let url = Url::parse(&format!("http://ward.test{path}")).unwrap();
            extract_alone(&url, 1, vec![], html, crate::crawl::facts::TEST_DAY)
        };
        let list = page(
            "/",
            "<html><body><div class=\"content\"><ul>\
             <li><a href=\"/lct/47\">LỊCH CÔNG TÁC TUẦN 47 năm 2026</a> (16/11/2026)</li>\
             <li><a href=\"/tin/1\">Phường ra quân tổng vệ sinh môi trường</a> (02/10/2026)</li>\
             </ul></div></body></html>",
        );
        let notice = page(
            "/thong-bao/1",
            "<html><head><title>Thông báo lịch tiếp công dân tháng 11 năm 2026</title></head>\
             <body><div class=\"content\"><h1>Thông báo lịch tiếp công dân tháng 11</h1>\
             <p>Ngày đăng: 02/11/2026 08:15</p></div></body></html>",
        );
        for facts in [&list, &notice] {
            record(&p, facts, &mut state);
        }
        let found = freshness(&p, &state, as_of(), Lang::Vi).unwrap();
        assert_eq!(found.evidence[0].signal, "newest=2026-10-02 posts=1");
        // Without the phrases, both are posts.
        let mut state = SiteState::default();
        for facts in [&list, &notice] {
            record(&P, facts, &mut state);
        }
        assert_eq!(signal(&state).unwrap().1, "newest=2026-11-16 posts=3");
    }

    #[test]
    fn a_post_copied_from_elsewhere_is_not_the_wards_news() {
        let mut state = SiteState::default();
        read(
            &mut state,
            "/tin-tuc",
            r#"<ul><li><a href="/tin/1">Thành phố triển khai kế hoạch chuyển đổi số năm 2027</a> 19/11/2026</li>
               <li><a href="/tin/2">Phường ra quân dọn vệ sinh môi trường các tổ dân phố</a> 02/10/2026</li></ul>"#,
        );
        assert_eq!(signal(&state).unwrap().1, "newest=2026-11-19 posts=2");
        // The first post's page names its source: the city's portal.
        let post = |state: &mut SiteState, path: &str, date: &str, source: &str| {
            let url = Url::parse(&format!("http://ward.test{path}")).unwrap();
            let html = format!(
                "<html><head><meta property=\"article:published_time\" content=\"{date}T08:15:00+07:00\"></head>\
                 <body><div class=\"content\"><h1>Tin bài</h1><p>Nội dung.</p><p>{source}</p></div></body></html>"
            );
            record(
                &P,
                &extract_alone(&url, 1, vec![], &html, crate::crawl::facts::TEST_DAY),
                state,
            );
        };
        post(
            &mut state,
            "/tin/1",
            "2026-11-19",
            "(Nguồn: Cổng Thông tin điện tử Thành phố Hà Nội)",
        );
        assert_eq!(signal(&state).unwrap().1, "newest=2026-10-02 posts=1");
        // A list read after it does not bring it back; a source naming the
        // ward itself is its own news.
        read(
            &mut state,
            "/",
            r#"<ul><li><a href="/tin/1">Thành phố triển khai kế hoạch chuyển đổi số năm 2027</a> 19/11/2026</li></ul>"#,
        );
        post(
            &mut state,
            "/tin/3",
            "2026-11-18",
            "Nguồn: UBND phường Tân Định",
        );
        assert_eq!(signal(&state).unwrap().1, "newest=2026-11-18 posts=2");
    }

    #[test]
    fn a_post_seen_with_an_earlier_date_moves_to_it_and_counts_once() {
        let mut state = SiteState::default();
        read(
            &mut state,
            "/tin-tuc",
            "<ul><li><a href=\"/tin/1\">Phường tổ chức hội nghị tổng kết năm</a> (18/11/2026)</li></ul>",
        );
        assert_eq!(
            signal(&state),
            Some((Level::Partial, "newest=2026-11-18 posts=1".into()))
        );
        published(&mut state, "/tin/1", "2026-11-15");
        assert_eq!(
            signal(&state),
            Some((Level::Partial, "newest=2026-11-15 posts=1".into()))
        );
        let newest = freshness(&P, &state, as_of(), Lang::Vi).unwrap();
        assert_eq!(newest.evidence[0].url, "http://ward.test/tin/1");
    }

    #[test]
    fn a_post_s_own_page_outranks_the_date_a_list_gave_it() {
        let mut state = SiteState::default();
        // A list that read the anniversary in the headline as the date.
        read(
            &mut state,
            "/tin-tuc",
            "<ul><li><a href=\"/tin/1\">Kỷ niệm 96 năm ngày thành lập Hội (20/10/1930 – 20/10/2026)</a></li></ul>",
        );
        published(&mut state, "/tin/1", "2026-10-21");
        let expected = Some((Level::Partial, "newest=2026-10-21 posts=1".into()));
        assert_eq!(signal(&state), expected);
        // A list read after the page does not move the post either.
        read(
            &mut state,
            "/tin-tuc?page=2",
            "<ul><li><a href=\"/tin/1\">Kỷ niệm 96 năm ngày thành lập Hội</a> (01/10/2026)</li></ul>",
        );
        assert_eq!(signal(&state), expected);
    }

    #[test]
    fn among_posts_of_one_day_the_first_address_is_the_evidence() {
        let mut state = SiteState::default();
        published(&mut state, "/tin/b", "2026-11-18");
        published(&mut state, "/tin/a", "2026-11-18");
        let found = freshness(&P, &state, as_of(), Lang::Vi).unwrap();
        assert_eq!(found.evidence[0].url, "http://ward.test/tin/a");
    }

    #[test]
    fn a_stamp_on_most_pages_is_a_clock_not_a_post() {
        let mut state = SiteState::default();
        published(&mut state, "/tin/1", "2026-06-01");
        for i in 0..6 {
            read(
                &mut state,
                &format!("/trang/{i}"),
                "<p>Hôm nay: 10:44 20/11/2026</p><p>Nội dung trang.</p>",
            );
        }
        // The clock's day is dropped; the one real post remains, stale.
        assert_eq!(
            signal(&state),
            Some((Level::Partial, "newest=2026-06-01 posts=0".into()))
        );
    }
}
