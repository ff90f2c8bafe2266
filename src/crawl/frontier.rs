//! The crawl frontier: best-first, bounded, never the same URL twice.
//!
//! A link's priority comes from the rules' hints — its anchor text naming a
//! required item, words in its URL — and falls with depth, so the pages behind
//! "Danh bạ", "Lịch công tác", "Giới thiệu" are fetched before the 200th news
//! article.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

// Hundreds of links a page are looked up by address: foldhash (randomly
// seeded) rather than std's SipHash.
use foldhash::{HashMap, HashSet};
use url::Url;

use super::Hints;
use crate::text::fold;

/// Queued URLs at most; links past this are dropped, lowest priority first.
const MAX_QUEUED: usize = 20_000;
/// Anchor texts remembered per URL.
const MAX_VIA: usize = 4;

#[derive(Debug)]
pub(super) struct Entry {
    pub url: Url,
    pub depth: u32,
    pub via: Vec<String>,
}

#[derive(Debug, PartialEq, Eq)]
struct Queued {
    priority: i64,
    seq: u64,
    key: String,
}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        // Higher priority first; among equals, first discovered first.
        self.priority
            .cmp(&other.priority)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug)]
struct Pending {
    url: Url,
    depth: u32,
    via: Vec<String>,
    priority: i64,
}

pub(super) struct Frontier<'h> {
    hints: &'h Hints,
    max_depth: u32,
    /// Links of one shape followed at most, unless their text names a required item.
    max_variants: usize,
    variants: HashMap<String, usize>,
    /// Links dropped by the variant cap, the depth limit or the queue size.
    dropped: usize,
    heap: BinaryHeap<Queued>,
    pending: HashMap<String, Pending>,
    done: HashSet<String>,
    seq: u64,
}

/// Query parameters that carry a session or a tracking id, not content.
const SESSION_PARAMS: &[&str] = &[
    "jsessionid",
    "phpsessid",
    "sid",
    "sessionid",
    "session_id",
    "cfid",
    "cftoken",
    "fbclid",
    "gclid",
];

fn is_session_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SESSION_PARAMS.contains(&name.as_str())
        || name.starts_with("aspsessionid")
        || name.starts_with("utm_")
}

/// The URL as it should be requested: no fragment, no session ids (in the
/// query, or `;jsessionid=…` in the path). Scheme and host are lower case
/// and default ports gone already, by `Url` itself.
pub(super) fn clean(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_fragment(None);
    if let Some(at) = u.path().to_ascii_lowercase().find(";jsessionid=") {
        let path = u.path()[..at].to_owned();
        u.set_path(&path);
    }
    if u.query().is_some() {
        let kept: Vec<(String, String)> = u
            .query_pairs()
            .filter(|(k, _)| !is_session_param(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            u.set_query(None);
        } else if kept.len() != u.query_pairs().count() {
            u.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    u
}

/// The identity of a URL for de-duplication: cleaned, query sorted. Most
/// links need neither (no fragment, query or `;` parameters): they are
/// their own key, which is then not built anew for each of the hundred or
/// so links a page has.
pub(super) fn key(url: &Url) -> Cow<'_, str> {
    if url.fragment().is_none() && url.query().is_none() && !url.path().contains(';') {
        return Cow::Borrowed(url.as_str());
    }
    let mut u = clean(url);
    if u.query().is_some() {
        let mut pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        pairs.sort();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    Cow::Owned(u.into())
}

/// A URL's shape: path with digit runs collapsed, plus the query's keys.
/// `/lich?month=2026-11` and `/lich?month=2026-12` share one.
fn shape(url: &Url) -> String {
    let mut shape = String::new();
    let mut in_digits = false;
    for c in url.path().chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                shape.push('#');
            }
            in_digits = true;
        } else {
            shape.push(c);
            in_digits = false;
        }
    }
    let mut keys: Vec<String> = url
        .query_pairs()
        .map(|(k, _)| k.to_ascii_lowercase())
        .collect();
    keys.sort();
    keys.dedup();
    shape.push('?');
    shape.push_str(&keys.join("&"));
    shape
}

impl<'h> Frontier<'h> {
    pub(super) fn new(hints: &'h Hints, max_depth: u32, max_variants: usize) -> Self {
        Self {
            hints,
            max_depth,
            max_variants,
            variants: HashMap::default(),
            dropped: 0,
            heap: BinaryHeap::new(),
            pending: HashMap::default(),
            done: HashSet::default(),
            seq: 0,
        }
    }

    /// A start page: fetched first.
    pub(super) fn seed(&mut self, url: Url) {
        let k = key(&url).into_owned();
        self.insert(url, k, 0, None, i64::MAX / 2);
    }

    /// A URL listed in a sitemap: no anchor text, ranked by its words.
    pub(super) fn seed_listed(&mut self, url: &Url) {
        let priority = self.priority(url, "", "", 1);
        let k = key(url);
        if priority > 0 || self.admit(url, &k) {
            self.insert(clean(url), k.into_owned(), 1, None, priority);
        }
    }

    /// A link found on a page at `depth - 1`.
    pub(super) fn push(&mut self, url: &Url, anchor: &str, context: &str, depth: u32) {
        if depth > self.max_depth {
            self.dropped += 1;
            return;
        }
        // Menus link every page to the same few pages: most links found
        // point to a page already read, which no priority can change.
        let k = key(url);
        if self.done.contains(k.as_ref()) {
            return;
        }
        let priority = self.priority(url, anchor, context, depth);
        let hinted = priority > -i64::from(depth) * 10;
        if !hinted && !self.admit(url, &k) {
            return;
        }
        self.insert(clean(url), k.into_owned(), depth, Some(anchor), priority);
    }

    /// Counts a new link (`k` is its `key`) against its shape's cap; false
    /// when the cap is full (an endless calendar, generated links).
    fn admit(&mut self, url: &Url, k: &str) -> bool {
        if self.done.contains(k) || self.pending.contains_key(k) {
            return true;
        }
        let count = self.variants.entry(shape(url)).or_default();
        if *count >= self.max_variants {
            self.dropped += 1;
            return false;
        }
        *count += 1;
        true
    }

    /// Links dropped as traps or past the limits.
    pub(super) fn dropped(&self) -> usize {
        self.dropped
    }

    /// Whether `url` was fetched already (or is being fetched).
    pub(super) fn is_done(&self, url: &Url) -> bool {
        self.done.contains(key(url).as_ref())
    }

    /// Queues `url`, whose `key` is `k`, or raises its priority.
    fn insert(&mut self, url: Url, k: String, depth: u32, anchor: Option<&str>, priority: i64) {
        if self.done.contains(&k) {
            return;
        }
        if let Some(p) = self.pending.get_mut(&k) {
            if let Some(a) = anchor.filter(|a| !a.is_empty()) {
                if p.via.len() < MAX_VIA && !p.via.iter().any(|v| v == a) {
                    p.via.push(a.to_owned());
                }
            }
            if priority > p.priority {
                p.priority = priority;
                p.depth = p.depth.min(depth);
                self.seq += 1;
                self.heap.push(Queued {
                    priority,
                    seq: self.seq,
                    key: k,
                });
            }
            return;
        }
        if self.pending.len() >= MAX_QUEUED {
            self.dropped += 1;
            return;
        }
        self.seq += 1;
        self.heap.push(Queued {
            priority,
            seq: self.seq,
            key: k.clone(),
        });
        let via = anchor
            .filter(|a| !a.is_empty())
            .map(|a| vec![a.to_owned()])
            .unwrap_or_default();
        self.pending.insert(
            k,
            Pending {
                url,
                depth,
                via,
                priority,
            },
        );
    }

    pub(super) fn pop(&mut self) -> Option<Entry> {
        while let Some(q) = self.heap.pop() {
            // Stale heap entries (re-queued with a higher priority) are skipped.
            let Some(p) = self.pending.get(&q.key) else {
                continue;
            };
            if p.priority != q.priority {
                continue;
            }
            let p = self.pending.remove(&q.key).expect("checked above");
            self.done.insert(q.key);
            return Some(Entry {
                url: p.url,
                depth: p.depth,
                via: p.via,
            });
        }
        None
    }

    /// Records a fetched URL (the end of redirects) so it is not fetched again.
    pub(super) fn mark_fetched(&mut self, url: &Url) {
        let k = key(url);
        self.pending.remove(k.as_ref());
        self.done.insert(k.into_owned());
    }

    fn priority(&self, url: &Url, anchor: &str, context: &str, depth: u32) -> i64 {
        let mut score = -i64::from(depth) * 10;
        if self.hints.names(&fold(anchor)) {
            score += 100;
        }
        // The heading a link stands under: "Văn bản – Danh bạ" lists.
        if !context.is_empty() && self.hints.names(&fold(context)) {
            score += 20;
        }
        if self.hints.in_address(url) {
            score += 30;
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Phrase;

    #[test]
    fn hinted_links_come_first_and_urls_once() {
        let hints = Hints::new(
            &[Phrase::new("danh bạ").unwrap()],
            &["lich-cong-tac".into()],
        );
        let mut f = Frontier::new(&hints, 5, 50);
        let u = |p: &str| Url::parse(&format!("http://w.test{p}")).unwrap();
        f.push(&u("/tin/1"), "Hội nghị tổng kết", "", 1);
        f.push(&u("/a/lich-cong-tac"), "Lịch", "", 1);
        f.push(&u("/x?id=3"), "Danh bạ điện thoại", "", 1);
        f.push(&u("/x?id=3#top"), "Danh bạ", "", 1);
        assert_eq!(f.pop().unwrap().url, u("/x?id=3"));
        assert_eq!(f.pop().unwrap().url, u("/a/lich-cong-tac"));
        assert_eq!(f.pop().unwrap().url, u("/tin/1"));
        assert!(f.pop().is_none());
        f.push(&u("/tin/1"), "again", "", 1);
        assert!(f.pop().is_none());
    }

    #[test]
    fn canonical_keys_ignore_order_sessions_and_fragments() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            key(&u("HTTP://W.test:80/a?b=2&a=1#x")),
            key(&u("http://w.test/a?a=1&b=2"))
        );
        assert_eq!(
            key(&u("http://w.test/a;jsessionid=ABC?PHPSESSID=1&id=3")),
            key(&u("http://w.test/a?id=3"))
        );
        assert_eq!(
            clean(&u("http://w.test/a?sid=9")).as_str(),
            "http://w.test/a"
        );
        assert_ne!(
            key(&u("http://w.test/Default.aspx?tabid=1")),
            key(&u("http://w.test/Default.aspx?tabid=2"))
        );
        // A clean address is its own key, borrowed rather than built.
        assert!(matches!(
            key(&u("http://w.test/tin-tuc/1.html")),
            Cow::Borrowed("http://w.test/tin-tuc/1.html")
        ));
        assert_eq!(key(&u("http://w.test/a#")), "http://w.test/a");
        assert_eq!(key(&u("http://w.test/a?")), "http://w.test/a");
    }

    #[test]
    fn url_words_count_in_any_case() {
        let hints = Hints::new([], &["lich-cong-tac".into()]);
        let mut f = Frontier::new(&hints, 5, 50);
        let u = |p: &str| Url::parse(&format!("http://w.test{p}")).unwrap();
        f.push(&u("/tin/1"), "Tin", "", 1);
        f.push(&u("/Pages/Lich-Cong-Tac.aspx"), "Xem", "", 1);
        assert_eq!(f.pop().unwrap().url, u("/Pages/Lich-Cong-Tac.aspx"));
    }

    #[test]
    fn an_endless_calendar_is_capped_but_hinted_links_pass() {
        let hints = Hints::new(&[Phrase::new("danh bạ").unwrap()], []);
        let mut f = Frontier::new(&hints, 50, 10);
        let u = |p: &str| Url::parse(&format!("http://w.test{p}")).unwrap();
        for month in 0..1000 {
            f.push(&u(&format!("/lich?month={month}")), "Tháng sau", "", 1);
        }
        f.push(&u("/Default.aspx?tabid=99"), "Danh bạ", "", 1);
        let mut fetched = 0;
        while f.pop().is_some() {
            fetched += 1;
        }
        assert_eq!(fetched, 11, "10 calendar pages and the hinted link");
        assert_eq!(f.dropped(), 990);
    }
}
