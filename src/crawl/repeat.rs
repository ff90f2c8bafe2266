//! Chrome by repetition: a block of text or a link that stands on most of a
//! site's pages is site furniture, even when its markup does not say so (old
//! table layouts, CMS widgets without telling class names).
//!
//! The model learns from every page as it is read and strips, from the pages
//! after, the lines, list items and links it has seen on at least three pages
//! and on at least half of the pages so far. The first pages are judged by
//! markup alone; by the fourth the repeated furniture is known.

use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::HashMap;

/// Pages a block must stand on before it counts as chrome.
const MIN_PAGES: u32 = 3;
/// Distinct blocks remembered per site; past this, new blocks are not learnt.
const MAX_BLOCKS: usize = 100_000;

#[derive(Debug, Default)]
pub struct Repetition {
    /// Block hash → on how many pages it stood.
    seen: HashMap<u64, u32>,
    pages: u32,
}

/// What the model learns and recognises: a line or list item of text, or a
/// link by its target and its text.
#[derive(Debug, Clone, Copy)]
pub enum Block<'a> {
    Text(&'a str),
    Link(&'a url::Url, &'a str),
}

impl Block<'_> {
    /// The block's hash, fed in parts (no key string is built for a link);
    /// `None` for a text too short to tell anything. Hundreds of blocks a
    /// page are hashed: foldhash rather than std's `SipHash`, a few times
    /// faster. The map that counts them is seeded at random (foldhash's
    /// `HashMap`), so a site cannot choose blocks that collide in it.
    fn hash(self) -> Option<u64> {
        let mut h = foldhash::quality::FixedState::with_seed(0x5761_7264).build_hasher();
        match self {
            Block::Text(text) => {
                text.chars().nth(1)?;
                h.write_u8(0);
                text.hash(&mut h);
            }
            Block::Link(url, text) => {
                h.write_u8(1);
                url.as_str().hash(&mut h);
                text.hash(&mut h);
            }
        }
        Some(h.finish())
    }
}

impl Repetition {
    /// Records the blocks of one page, each once.
    pub fn learn<'a>(&mut self, blocks: impl Iterator<Item = Block<'a>>) {
        self.pages += 1;
        let mut on_page: Vec<u64> = blocks.filter_map(Block::hash).collect();
        on_page.sort_unstable();
        on_page.dedup();
        for h in on_page {
            if let Some(count) = self.seen.get_mut(&h) {
                *count += 1;
            } else if self.seen.len() < MAX_BLOCKS {
                self.seen.insert(h, 1);
            }
        }
    }

    /// Pages learnt so far.
    #[must_use]
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Whether `block` is site furniture by now.
    #[must_use]
    pub fn is_chrome(&self, block: Block<'_>) -> bool {
        let count = block
            .hash()
            .and_then(|h| self.seen.get(&h).copied())
            .unwrap_or(0);
        count >= MIN_PAGES && count * 2 >= self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_on_most_pages_is_chrome() {
        let mut r = Repetition::default();
        for page in 0..4 {
            let own = format!("Bài viết số {page}");
            r.learn(
                [
                    "Liên kết website",
                    "UBND phường Sao Đỏ – ĐT 0220.3882.123",
                    own.as_str(),
                ]
                .map(Block::Text)
                .into_iter(),
            );
        }
        assert!(r.is_chrome(Block::Text("Liên kết website")));
        assert!(!r.is_chrome(Block::Text("Bài viết số 1")));
    }

    #[test]
    fn a_link_is_known_by_its_target_and_its_text() {
        let home = url::Url::parse("http://ward.test/").unwrap();
        let news = url::Url::parse("http://ward.test/tin-tuc").unwrap();
        let mut r = Repetition::default();
        for _ in 0..4 {
            r.learn([Block::Link(&home, "Trang chủ")].into_iter());
        }
        assert!(r.is_chrome(Block::Link(&home, "Trang chủ")));
        assert!(!r.is_chrome(Block::Link(&news, "Trang chủ")));
        assert!(!r.is_chrome(Block::Link(&home, "Tin tức")));
        // A line of text that reads like the link is not the link.
        assert!(!r.is_chrome(Block::Text("Trang chủ")));
    }

    #[test]
    fn the_first_pages_are_judged_by_markup_alone() {
        let mut r = Repetition::default();
        r.learn([Block::Text("Liên kết website")].into_iter());
        r.learn([Block::Text("Liên kết website")].into_iter());
        assert!(!r.is_chrome(Block::Text("Liên kết website")));
    }

    #[test]
    fn a_block_on_few_of_many_pages_is_content() {
        let mut r = Repetition::default();
        for page in 0..20 {
            let block = if page < 4 {
                "Tin nổi bật tuần này"
            } else {
                "khác"
            };
            r.learn([Block::Text(block)].into_iter());
        }
        assert!(!r.is_chrome(Block::Text("Tin nổi bật tuần này")));
    }
}
