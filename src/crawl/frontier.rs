//! The crawl frontier: best-first, bounded, never the same URL twice.
//!
//! A link's priority comes from the rules' hints — its anchor text naming a
//! required item, words in its URL — and falls with depth, so the pages behind
//! "Danh bạ", "Lịch công tác", "Giới thiệu" are fetched before the 200th news
//! article.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

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
    heap: BinaryHeap<Queued>,
    pending: HashMap<String, Pending>,
    done: HashSet<String>,
    seq: u64,
}

/// The identity of a URL for de-duplication: no fragment.
fn key(url: &Url) -> String {
    let mut u = url.clone();
    u.set_fragment(None);
    u.to_string()
}

impl<'h> Frontier<'h> {
    pub(super) fn new(hints: &'h Hints, max_depth: u32) -> Self {
        Self {
            hints,
            max_depth,
            heap: BinaryHeap::new(),
            pending: HashMap::new(),
            done: HashSet::new(),
            seq: 0,
        }
    }

    pub(super) fn seed(&mut self, url: Url) {
        self.insert(url, 0, None, i64::MAX / 2);
    }

    pub(super) fn push(&mut self, url: &Url, anchor: &str, depth: u32) {
        if depth > self.max_depth {
            return;
        }
        let priority = self.priority(url, anchor, depth);
        self.insert(url.clone(), depth, Some(anchor), priority);
    }

    fn insert(&mut self, mut url: Url, depth: u32, anchor: Option<&str>, priority: i64) {
        url.set_fragment(None);
        let k = key(&url);
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
        self.pending.remove(&k);
        self.done.insert(k);
    }

    fn priority(&self, url: &Url, anchor: &str, depth: u32) -> i64 {
        let mut score = -i64::from(depth) * 10;
        let folded = fold(anchor);
        if self.hints.anchors.iter().any(|a| a.is_in(&folded)) {
            score += 100;
        }
        let address = url.as_str().to_ascii_lowercase();
        if self
            .hints
            .url_words
            .iter()
            .any(|w| address.contains(w.as_str()))
        {
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
        let hints = Hints {
            anchors: vec![Phrase::new("danh bạ").unwrap()],
            url_words: vec!["lich-cong-tac".into()],
        };
        let mut f = Frontier::new(&hints, 5);
        let u = |p: &str| Url::parse(&format!("http://w.test{p}")).unwrap();
        f.push(&u("/tin/1"), "Hội nghị tổng kết", 1);
        f.push(&u("/a/lich-cong-tac"), "Lịch", 1);
        f.push(&u("/x?id=3"), "Danh bạ điện thoại", 1);
        f.push(&u("/x?id=3#top"), "Danh bạ", 1);
        assert_eq!(f.pop().unwrap().url, u("/x?id=3"));
        assert_eq!(f.pop().unwrap().url, u("/a/lich-cong-tac"));
        assert_eq!(f.pop().unwrap().url, u("/tin/1"));
        assert!(f.pop().is_none());
        f.push(&u("/tin/1"), "again", 1);
        assert!(f.pop().is_none());
    }
}
