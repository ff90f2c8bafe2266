//! HTML → `PageFacts`: everything the rules may judge, taken from one page at
//! once so the raw HTML can be dropped.
//!
//! Ward sites repeat their chrome — mega-menu, sidebars, footer with the
//! switchboard number, a header clock showing today's date — on every page.
//! A label in the menu proves nothing about the page behind it, so facts keep
//! two regions apart: the page's own content (`Region::Main`) and everything
//! else (`Region::Chrome`). Chrome is recognised from markup: `nav`, `header`,
//! `footer`, `aside`, ARIA landmarks, and the class and id names CMSs give
//! menus, sidebars and widgets.

use chrono::NaiveDate;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;
use url::Url;

use super::fetch::DocCheck;
use super::repeat::{Block, Repetition};
use super::{rawtext, same_site, scripted};
use crate::text::dates::{self, DateHit};
use crate::text::fold::normalize_lines;
use crate::text::phones::find_phones;
use crate::text::{self, fold, normalize};

/// Caps keep one pathological page from holding much memory.
const MAX_TEXT: usize = 200_000;
const MAX_CHROME_TEXT: usize = 20_000;
const MAX_ITEMS: usize = 2_000;
const MAX_LINKS: usize = 2_000;
const MAX_ITEM_CHARS: usize = 400;

/// Where on the page something sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// The page's own content.
    Main,
    /// Menus, sidebars, header, footer, widgets: repeated site furniture.
    Chrome,
}

/// What a link points to, judged from its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Page,
    Document,
    Image,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub url: Url,
    /// Anchor text (or the `title`/`alt` of a linked image), normalised.
    pub text: String,
    pub region: Region,
    pub kind: LinkKind,
    /// The nearest heading above the link in the main content.
    pub context: String,
    /// For a document or image a rule may use: whether it is really there.
    pub check: Option<DocCheck>,
}

/// The last segment of a URL's path: `bando_saodo.jpg`.
fn file_name(url: &Url) -> &str {
    url.path_segments().and_then(Iterator::last).unwrap_or("")
}

impl Link {
    /// What the link says it is: its text, the heading above it, its file name.
    #[must_use]
    pub fn label(&self) -> String {
        format!("{} {} {}", self.text, self.context, file_name(&self.url))
    }

    /// The parts of `label`, apart.
    #[must_use]
    pub fn label_parts(&self) -> [&str; 3] {
        [&self.text, &self.context, file_name(&self.url)]
    }
}

impl Media {
    /// What the image says it is: alt text, caption or heading, file name.
    #[must_use]
    pub fn label(&self) -> String {
        format!("{} {} {}", self.label, self.context, file_name(&self.url))
    }

    /// The parts of `label`, apart.
    #[must_use]
    pub fn label_parts(&self) -> [&str; 3] {
        [&self.label, &self.context, file_name(&self.url)]
    }
}

/// An image or embedded frame in the main content, or a map the page's own
/// script draws there.
#[derive(Debug, Clone)]
pub struct Media {
    pub url: Url,
    pub is_frame: bool,
    /// A map drawn by the page's script with a shape on it (an outline from
    /// GeoJSON or KML, a polygon: `scripted::drawn_maps`), in an element of
    /// the content. Also a frame; `url` is the shape's data file when the
    /// script names one, else the page and the element's id.
    pub drawn: bool,
    /// `alt` or `title` attribute, normalised.
    pub label: String,
    /// The nearest heading above it, or its caption.
    pub context: String,
    /// For an image a rule may use: whether it is really there.
    pub check: Option<DocCheck>,
    /// An image that links to another page, as a list of posts shows each
    /// post's thumbnail: it stands for that page, which is read on its own.
    pub teaser: bool,
}

/// The role a date plays on the page; only some roles say "posted on".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    /// `article:published_time` and similar meta tags.
    Meta,
    /// A date with a clock time or an "Đăng …" label: a post's stamp.
    Stamp,
    /// A date beside a linked title in a list of posts.
    Listed,
    /// "Ngày cập nhật …": an update, not a publication.
    Updated,
    /// Any other date in the text (history, decisions, schedules).
    Text,
}

#[derive(Debug, Clone)]
pub struct PageDate {
    pub date: NaiveDate,
    pub role: DateRole,
    /// What identifies the post: the linked article for `Listed`, else empty.
    pub key: String,
    /// A short piece of text around the date.
    pub snippet: String,
    /// For `Listed`, the words of the post's link (the snippet may hold
    /// only the end of a long title); else empty.
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct PagePhone {
    /// National digits, e.g. `02203882123`.
    pub number: String,
    /// The line of text it stands on.
    pub line: String,
}

/// Everything the rules need from one fetched page.
#[derive(Debug, Clone)]
pub struct PageFacts {
    pub url: Url,
    /// Link hops from a start page.
    pub depth: u32,
    /// Anchor texts of the links that led here (a few).
    pub via: Vec<String>,
    pub title: String,
    /// Headings of the main content, including short bold lines CMS editors
    /// use as headings.
    pub headings: Vec<String>,
    /// The rank of each of `headings`, in the same order: 1–6 for `h1`–`h6`,
    /// [`STYLED_HEADING`] for an element styled as one, [`BOLD_HEADING`] for
    /// a bold line.
    pub heading_levels: Vec<u8>,
    /// The main content's text, one block a line.
    pub text: String,
    pub links: Vec<Link>,
    pub media: Vec<Media>,
    /// Texts of list items and table rows in the main content (cells joined
    /// with " | ").
    pub items: Vec<String>,
    pub tables: usize,
    pub dates: Vec<PageDate>,
    pub phones: Vec<PagePhone>,
    /// Numbers printed in the chrome (the footer switchboard).
    pub chrome_phones: Vec<String>,
    /// The chrome's text (menus, sidebars, header, footer), normalised, up to
    /// about 20 KB: what the site says on every page, such as office hours.
    pub chrome_text: String,
    /// `<meta name="generator">`, a hint at the CMS.
    pub generator: Option<String>,
    /// `<link rel="canonical">`: the address the page says is its own.
    pub canonical: Option<Url>,
    /// Where the page is archived, when the run keeps an archive.
    pub record: Option<crate::archive::RecordRef>,
}

/// The rank of an element a CMS styles as a heading (`div.title`), below
/// every `h1`–`h6`.
pub const STYLED_HEADING: u8 = 7;
/// The rank of a bold line used as a heading, the lowest.
pub const BOLD_HEADING: u8 = 8;

/// Headings looked for ahead of the last one found, when matching them to
/// lines of the text: one that is not a line of its own is passed over.
const HEADING_LOOKAHEAD: usize = 8;

impl PageFacts {
    /// The lines under `headings[index]`, up to the next heading of the same
    /// or a higher rank: one section of a longer page, such as one tab of a
    /// "Giới thiệu" page. Empty when that heading is not a line of the text.
    #[must_use]
    pub fn section(&self, index: usize) -> Vec<&str> {
        let Some(&rank) = self.heading_levels.get(index) else {
            return Vec::new();
        };
        // Headings stand on lines of their own, in the order found.
        let mut next = 0;
        let mut inside = false;
        let mut lines = Vec::new();
        for line in text::lines(&self.text) {
            let heading = self.headings[next..]
                .iter()
                .take(HEADING_LOOKAHEAD)
                .position(|h| h == line)
                .map(|i| next + i);
            if let Some(h) = heading {
                next = h + 1;
                if h == index {
                    inside = true;
                    continue;
                }
                if inside && self.heading_levels[h] <= rank {
                    break;
                }
            }
            if inside {
                lines.push(line);
            }
        }
        lines
    }
}

/// A page read but not finished: its content may still hold blocks the site
/// turns out to repeat on every page. The crawler learns from a few pages
/// before it finishes the first ones, so the pages it fetches first — the
/// ones the rules care about — are judged without the site's furniture.
#[derive(Debug)]
pub struct Extracted {
    facts: PageFacts,
    chrome_text: String,
    /// The day the page was read, for its relative dates.
    today: NaiveDate,
}

impl Extracted {
    /// The facts so far: links, title, canonical address.
    #[must_use]
    pub fn facts(&self) -> &PageFacts {
        &self.facts
    }

    /// Forgets the dates listed beside links to pages that `keep` refuses:
    /// on a city portal, the city's news listed beside a ward's page dates
    /// the city's posts, not the ward's.
    pub fn forget_listed(&mut self, keep: impl Fn(&Url) -> bool) {
        self.facts.dates.retain(|d| {
            d.role != DateRole::Listed || Url::parse(&d.key).map_or(true, |u| keep(&u))
        });
    }

    /// Names the archive record the page was read from.
    pub fn set_record(&mut self, record: Option<crate::archive::RecordRef>) {
        self.facts.record = record;
    }

    /// Records the page's blocks in the site's repetition model.
    pub fn learn(&self, repetition: &mut Repetition) {
        let f = &self.facts;
        repetition.learn(
            text::lines(&f.text)
                .chain(f.items.iter().map(String::as_str))
                .map(Block::Text)
                .chain(
                    f.links
                        .iter()
                        .filter(|l| l.region == Region::Main)
                        .map(|l| Block::Link(&l.url, &l.text)),
                ),
        );
    }

    /// Moves what the site repeats to the chrome, then derives phone numbers
    /// and dates from the page's own content.
    #[must_use]
    pub fn finish(self, repetition: &Repetition) -> PageFacts {
        let Self {
            mut facts,
            mut chrome_text,
            today,
        } = self;
        strip_repeated(&mut facts, &mut chrome_text, repetition);
        finish_text(&mut facts, &chrome_text, today);
        facts
    }
}

/// Reduces one HTML document to facts in one step, with no knowledge of the
/// rest of the site.
#[must_use]
pub fn extract_alone(
    url: &Url,
    depth: u32,
    via: Vec<String>,
    html: &str,
    today: NaiveDate,
) -> PageFacts {
    extract(url, depth, via, html, today).finish(&Repetition::default())
}

/// The day tests read their pages on.
#[cfg(test)]
pub(crate) const TEST_DAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();

/// Reads one HTML document. Never fails: broken markup yields whatever
/// could be read. `today` is the day it was read: "3 ngày trước" on the
/// page is read against it.
#[must_use]
pub fn extract(url: &Url, depth: u32, via: Vec<String>, html: &str, today: NaiveDate) -> Extracted {
    let light = rawtext::split(html);
    let doc = parse(within_nesting_limit(&light.html));
    let head = Head::read(&doc);
    let base = head
        .base
        .and_then(|h| url.join(h.trim()).ok())
        .unwrap_or_else(|| url.clone());
    let mut facts = PageFacts {
        url: url.clone(),
        depth,
        via,
        title: String::new(),
        headings: Vec::new(),
        heading_levels: Vec::new(),
        text: String::new(),
        links: Vec::new(),
        media: Vec::new(),
        items: Vec::new(),
        tables: 0,
        dates: Vec::new(),
        phones: Vec::new(),
        chrome_phones: Vec::new(),
        chrome_text: String::new(),
        generator: None,
        canonical: None,
        record: None,
    };
    head.apply(&mut facts);
    facts.canonical = head
        .canonical
        .and_then(|h| base.join(h.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));

    let root = doc.root_element();
    let (main_root, chrome) = choose_main_root(root);
    let drawn_maps = scripted::drawn_maps(&light.scripts);
    let mut walker = Walker {
        base: &base,
        facts: &mut facts,
        main_root: main_root.id(),
        chrome: &chrome,
        drawn_maps: &drawn_maps,
        whole_item: None,
        last_link: None,
        chrome_text: String::new(),
        heading: String::new(),
        today,
    };
    walker.walk(*root);
    let chrome_text = std::mem::take(&mut walker.chrome_text);
    facts.text = normalize_lines(&facts.text);
    add_scripted_menu(&mut facts, &light.scripts, &base);
    Extracted {
        facts,
        chrome_text,
        today,
    }
}

/// Adds the menu items a script builds (`scripted`) as menu links, those
/// the page does not already link to. Only pages: a script's image or file
/// under a label ("Bản đồ") is no menu item a rule may take for the
/// document it names.
fn add_scripted_menu(facts: &mut PageFacts, scripts: &[&str], base: &Url) {
    let items = scripted::menu_items(scripts);
    if items.is_empty() {
        return;
    }
    let known: HashSet<Url> = facts.links.iter().map(|l| l.url.clone()).collect();
    for (address, label) in items {
        if facts.links.len() >= MAX_LINKS {
            break;
        }
        let Ok(mut url) = base.join(&address) else {
            continue;
        };
        url.set_fragment(None);
        if !matches!(url.scheme(), "http" | "https")
            || link_kind(&url) != LinkKind::Page
            || known.contains(&url)
        {
            continue;
        }
        facts.links.push(Link {
            kind: LinkKind::Page,
            url,
            text: normalize(&label),
            region: Region::Chrome,
            context: String::new(),
            check: None,
        });
    }
}

/// Markup per node of the tree, at the dense end of ward pages with their
/// scripts' and styles' content dropped (18 bytes at the tenth percentile
/// of the fixture, demo and synthetic pages, 27 at the median).
const BYTES_PER_NODE: usize = 20;
/// No more nodes than this are reserved, whatever the page's size.
const MAX_RESERVED_NODES: usize = 1 << 16;

/// Parses a document into a tree sized for it up front: grown node by node,
/// the tree was copied about once over and its old buffers freed.
fn parse(html: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    let mut doc = Html::new_document();
    let nodes = (html.len() / BYTES_PER_NODE).min(MAX_RESERVED_NODES);
    doc.tree = ego_tree::Tree::with_capacity(Node::Document, nodes);
    let opts = html5ever::driver::ParseOpts::default();
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(doc), opts).one(html)
}

/// Moves what the site repeats on most pages from the content to the chrome.
fn strip_repeated(facts: &mut PageFacts, chrome_text: &mut String, repetition: &Repetition) {
    let mut own = String::with_capacity(facts.text.len());
    let mut kept = 0;
    for line in text::lines(&facts.text) {
        if repetition.is_chrome(Block::Text(line)) {
            chrome_text.push('\n');
            chrome_text.push_str(line);
        } else {
            if kept > 0 {
                own.push('\n');
            }
            own.push_str(line);
            kept += 1;
        }
    }
    facts.text = own;
    facts
        .items
        .retain(|i| !repetition.is_chrome(Block::Text(i)));
    let own: Vec<bool> = facts
        .headings
        .iter()
        .map(|h| !repetition.is_chrome(Block::Text(h)))
        .collect();
    let mut kept = own.iter();
    facts
        .headings
        .retain(|_| *kept.next().expect("one per heading"));
    let mut kept = own.iter();
    facts
        .heading_levels
        .retain(|_| *kept.next().expect("one per heading"));
    for link in facts.links.iter_mut().filter(|l| l.region == Region::Main) {
        if repetition.is_chrome(Block::Link(&link.url, &link.text)) {
            link.region = Region::Chrome;
        }
    }
}

/// Deeper nesting than this is cut off before parsing. Real pages stay far
/// below it; the HTML parser's cost grows with depth × elements, so a hostile
/// page nested a hundred thousand levels deep would otherwise burn minutes.
const MAX_NESTING: usize = 1_000;

/// Whether `name` (any case) is of an element that never nests or closes
/// itself implicitly; those do not count.
fn is_flat(name: &[u8]) -> bool {
    let mut lower = [0u8; 6];
    if name.len() > lower.len() {
        return false;
    }
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"td"
            | b"th"
            | b"tr"
            | b"dt"
            | b"dd"
            | b"option"
    )
}

/// The longest prefix of `html` whose element nesting stays within
/// `MAX_NESTING`, by a cheap scan of tags.
fn within_nesting_limit(html: &str) -> &str {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + at;
        let rest = &bytes[start + 1..];
        let closing = rest.first() == Some(&b'/');
        let name = &rest[usize::from(closing)..];
        let name = &name[..name
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        let end = memchr::memchr(b'>', rest).map_or(bytes.len(), |p| start + 1 + p + 1);
        let self_closing = end >= 2 && bytes.get(end - 2) == Some(&b'/');
        let counts = !name.is_empty() && !is_flat(name);
        if counts && closing {
            depth = depth.saturating_sub(1);
        } else if counts && !self_closing {
            depth += 1;
            if depth > MAX_NESTING {
                return &html[..start];
            }
        }
        i = end.max(start + 1);
        if i >= bytes.len() {
            break;
        }
    }
    html
}

/// Links in a block looked at for another post's title, at most: a block
/// with more is a list, not one post's row. Bounds the work on a block of
/// short text and thousands of empty links.
const ROW_LINKS: usize = 32;

/// The stamp a list row gives its post itself, outside the title: a
/// `<time datetime>`, a tooltip with a date and a clock time (`title="19/11/2026
/// 16:40"` over "Hôm qua"), or a short text written relative to the day the
/// page was read ("3 ngày trước", "Hôm qua"). Such a stamp says when the
/// post went up; other dates in the row may be in its summary ("kỷ niệm 44
/// năm … (20/11/1982 – 20/11/2026)"). Returns the day and the stamp's text.
fn row_stamp(row: ElementRef<'_>, title: &str, today: NaiveDate) -> Option<(NaiveDate, String)> {
    let text_of = |node| ElementRef::wrap(node).map(|t| element_text(t, 100));
    row.descendants().find_map(|node| match node.value() {
        Node::Element(el) if el.name() == "time" => {
            let date = attr(el, "datetime").and_then(dates::parse_iso)?;
            Some((date, text_of(node)?))
        }
        Node::Element(el) if el.name() != "a" => {
            let tip = attr(el, "title").filter(|t| t.len() <= TOOLTIP_MAX)?;
            let hit = dates::find_dates(tip).into_iter().find(|h| h.has_time)?;
            Some((hit.date, text_of(node)?))
        }
        Node::Text(t) => {
            let date = dates::relative_stamp(t.trim(), today)?;
            let text = normalize(t);
            (!title.contains(&text)).then_some((date, text))
        }
        _ => None,
    })
}

/// Whether a block holds a link to another page whose text is a title:
/// its dates may be that post's.
fn holds_another_title(block: ElementRef<'_>, href: &str) -> bool {
    let mut links = descendants_named(block, "a");
    let another = links.by_ref().take(ROW_LINKS).any(|a| {
        attr(a.value(), "href").is_some_and(|h| h.trim() != href) && is_title(&element_text(a, 300))
    });
    another || links.next().is_some()
}

/// Whether a link's text could be a post's title: four words or more.
/// "Xem tất cả »" is three.
fn is_title(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(3)
        .is_some()
}

/// The `name` elements inside `el`, in document order (without compiling a
/// selector for every element asked about).
fn descendants_named<'a>(
    el: ElementRef<'a>,
    name: &'a str,
) -> impl Iterator<Item = ElementRef<'a>> {
    el.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .filter(move |e| e.value().name() == name)
}

/// Whether an element holds a `name` element.
fn has_descendant(el: ElementRef<'_>, name: &str) -> bool {
    descendants_named(el, name).next().is_some()
}

/// What a page says about itself in `<title>`, `<meta>`, `<base>` and
/// `<link rel=canonical>`, wherever in the page they stand (microdata puts
/// `<meta itemprop=datePublished>` in the body). Read in one walk over the
/// page: a selector per kind walked the whole page four times.
#[derive(Default)]
struct Head<'d> {
    title: Option<ElementRef<'d>>,
    base: Option<&'d str>,
    canonical: Option<&'d str>,
    metas: Vec<&'d scraper::node::Element>,
    /// Every `datePublished` given by an element's attribute: one is the
    /// page's own, several are those of the posts a list page shows.
    published: Vec<Option<&'d str>>,
}

impl<'d> Head<'d> {
    fn read(doc: &'d Html) -> Self {
        let mut head = Head::default();
        for node in doc.root_element().descendants() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            match el.name() {
                "title" if head.title.is_none() => head.title = ElementRef::wrap(node),
                "meta" if attr(el, "content").is_some() => head.metas.push(el),
                // A post's own stamp in microdata, its date in an attribute:
                // Blogger's `<abbr itemprop="datePublished" title="2024-03-11T10:30:00+07:00">`,
                // `<time itemprop="datePublished" datetime="…">`.
                "abbr" | "time"
                    if attr(el, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("datePublished")) =>
                {
                    head.published
                        .push(attr(el, "datetime").or_else(|| attr(el, "title")));
                }
                "base" if head.base.is_none() => head.base = attr(el, "href"),
                "link" if head.canonical.is_none() => {
                    let canonical = attr(el, "rel").is_some_and(|rel| {
                        rel.split_ascii_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        head.canonical = attr(el, "href");
                    }
                }
                _ => {}
            }
        }
        head
    }

    /// The title, the publication dates and the generator.
    fn apply(&self, facts: &mut PageFacts) {
        if let Some(t) = self.title {
            facts.title = cut(normalize(&t.text().collect::<String>()), 300);
        }
        // A date the page gives itself in its markup.
        let dated = |value: &str, role: DateRole| {
            dates::parse_iso(value).map(|date| PageDate {
                date,
                role,
                key: String::new(),
                snippet: truncate(value, 40),
                title: String::new(),
            })
        };
        // One stamp is the page's own; several are a list page's posts.
        if let [Some(value)] = self.published.as_slice() {
            facts.dates.extend(dated(value, DateRole::Meta));
        }
        for &el in &self.metas {
            let key = attr(el, "property")
                .or_else(|| attr(el, "name"))
                .or_else(|| attr(el, "itemprop"))
                .unwrap_or("");
            let content = attr(el, "content").unwrap_or("");
            if PUBLISHED_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)) {
                facts.dates.extend(dated(content, DateRole::Meta));
            } else if MODIFIED_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)) {
                facts.dates.extend(dated(content, DateRole::Updated));
            } else if key.eq_ignore_ascii_case("generator") {
                facts.generator = Some(cut(normalize(content), 100));
            }
        }
    }
}

/// Meta tags giving when the page was published.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "dc.date.issued",
    "pubdate",
];

/// Meta tags giving when the page was last changed.
const MODIFIED_KEYS: &[&str] = &["article:modified_time", "datemodified", "og:updated_time"];

/// An attribute's value. Scraper's `Element::attr` interns the name on every
/// call, a tenth of the facts' cost on a news list; an element's few
/// attributes are quicker to scan.
fn attr<'e>(el: &'e scraper::node::Element, name: &str) -> Option<&'e str> {
    el.attrs().find(|&(k, _)| k == name).map(|(_, v)| v)
}

/// Class and id words that mark site furniture rather than content.
const CHROME_WORDS: &[&str] = &[
    "menu",
    "nav",
    "sidebar",
    "side-bar",
    "footer",
    "banner",
    "breadcrumb",
    "widget",
    "topbar",
    "top-bar",
    "copyright",
    "toolbar",
    "skip",
    "social",
    "share",
    "marquee",
    "slider",
    "counter",
    "thongke",
    "weather",
    "search",
    "timkiem",
    "lienket",
    "weblink",
    "quangcao",
    "advert",
    "clock",
    "datetime",
    "header",
];

/// Class words that contain a chrome word but name content.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "entry",
    "post",
    "page-header",
    "content",
    "title",
    "detail",
    "news-header",
    // Elementor, the most used WordPress page builder, wraps every piece of
    // a page (heading, text, tabs, image box) in `elementor-widget`; its
    // menus keep a chrome word of their own (`elementor-nav-menu`, `<nav>`).
    "elementor-widget",
];

fn is_chrome(el: &scraper::node::Element) -> bool {
    let name = el.name();
    // ASP.NET wraps the whole page in a <form>; themes put layout flags such
    // as "nav-dropdown-has-arrow" on <body>. Neither is chrome.
    if matches!(name, "html" | "body" | "form" | "main" | "article") {
        return false;
    }
    if matches!(
        name,
        "nav" | "header" | "footer" | "aside" | "select" | "button" | "noscript"
    ) {
        return true;
    }
    if let Some(role) = attr(el, "role") {
        if matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu"
        ) {
            return true;
        }
    }
    class_and_id(el).any(|t| CHROME.any_in(t) && !CONTENT.any_in(t))
}

/// The words of an element's `class` and `id`.
fn class_and_id(el: &scraper::node::Element) -> impl Iterator<Item = &str> {
    attr(el, "class")
        .into_iter()
        .chain(attr(el, "id"))
        .flat_map(str::split_whitespace)
}

/// One of a list of words, in any case, inside a class or id word: one pass
/// over the word for the whole list. Every element of a page is asked.
struct Words(aho_corasick::AhoCorasick);

impl Words {
    fn new(words: &[&str]) -> Self {
        Self(
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(words)
                .expect("static word list"),
        )
    }

    fn any_in(&self, token: &str) -> bool {
        self.0.is_match(token)
    }
}

static CHROME: LazyLock<Words> = LazyLock::new(|| Words::new(CHROME_WORDS));
static CONTENT: LazyLock<Words> = LazyLock::new(|| Words::new(CONTENT_WORDS));
static MAIN: LazyLock<Words> = LazyLock::new(|| Words::new(MAIN_WORDS));
static HEADING: LazyLock<Words> =
    LazyLock::new(|| Words::new(&["title", "heading", "tieude", "tieu-de"]));
static SUBTITLE: LazyLock<Words> = LazyLock::new(|| Words::new(&["subtitle"]));

/// Class and id words of content containers across the CMS families.
const MAIN_WORDS: &[&str] = &[
    "main",
    "content",
    "noidung",
    "noi-dung",
    "detail",
    "chitiet",
    "article",
    "post",
    "entry",
    "portlet-body",
    "journal-content",
];

fn is_main_candidate(el: &scraper::node::Element) -> bool {
    if matches!(el.name(), "main" | "article") || attr(el, "role") == Some("main") {
        return true;
    }
    class_and_id(el).any(|t| MAIN.any_in(t))
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "svg" | "head" | "object"
    )
}

/// Content containers weighed per page at most.
const MAX_CANDIDATES: usize = 64;

/// Picks the element that holds the page's own content: the largest content
/// container outside the chrome, or the whole page when the markup names none
/// that holds most of the text. Also returns, for every element under `root`
/// in document order, whether it is chrome itself (`is_chrome`), so that the
/// walk that follows does not ask again.
///
/// One walk over the page, without recursion (a hostile page may nest a
/// hundred thousand levels deep): each open element sums the length of the
/// text under it, leaving out what lies in chrome or skipped elements inside
/// it, and hands its sum to its parent unless it is such an element itself.
fn choose_main_root(root: ElementRef<'_>) -> (ElementRef<'_>, Vec<bool>) {
    let first = weigh(root, &[]);
    // What holds `<main>` is not chrome, whatever its class says: a layout
    // wrapper named for the sidebar beside the content (Drupal's Olivero,
    // `sidebar-grid`). Nor is what holds a post's body when that body has
    // more text than all the page outside the chrome: Blogger puts every
    // post inside `<div class="widget Blog">`, a widget like its sidebar's.
    // Both rare, so weighed again rather than looked for in every page.
    let held = first.main_in_chrome.or_else(|| {
        first
            .post_in_chrome
            .filter(|&(_, len)| len > first.outside_chrome)
            .map(|(id, _)| id)
    });
    let Some(id) = held else {
        return (first.main, first.marks);
    };
    let holders: Vec<NodeId> = root
        .tree()
        .get(id)
        .into_iter()
        .flat_map(|n| n.ancestors())
        .map(|n| n.id())
        .collect();
    let again = weigh(root, &holders);
    (again.main, again.marks)
}

/// A post's body by the classes blog platforms give it (Blogger's
/// `post-body`, the microformat's `entry-content` and `hentry`).
fn is_post_body(el: &scraper::node::Element) -> bool {
    attr(el, "class").is_some_and(|c| {
        c.split_whitespace()
            .any(|t| matches!(t, "post-body" | "entry-content" | "hentry"))
    })
}

/// What `weigh` found.
struct Weighed<'r> {
    /// The content container, or the root.
    main: ElementRef<'r>,
    /// `is_chrome` of every element, in document order.
    marks: Vec<bool>,
    /// A `<main>` element inside the chrome.
    main_in_chrome: Option<NodeId>,
    /// The first post body inside the chrome, with the length of its text.
    post_in_chrome: Option<(NodeId, usize)>,
    /// The length of the page's text outside the chrome.
    outside_chrome: usize,
}

/// `choose_main_root`'s walk, taking the elements in `exempt` for content.
fn weigh<'r>(root: ElementRef<'r>, exempt: &[NodeId]) -> Weighed<'r> {
    struct Open {
        len: usize,
        /// Chrome or skipped: its text does not count for its ancestors.
        left_out: bool,
        /// Chrome itself or inside chrome.
        in_chrome: bool,
        /// Its place among the candidates, when it is one outside the chrome.
        candidate: Option<usize>,
        /// A post body inside the chrome, the first one.
        post_in_chrome: bool,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut seen = 0;
    // (place among the candidates, content length, element)
    let mut weighed: Vec<(usize, usize, NodeId)> = Vec::new();
    let mut total = 0;
    let mut chrome_marks = Vec::new();
    let mut main_in_chrome = None;
    let mut post_in_chrome = None;
    let mut post_seen = false;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    if let Some(top) = open.last_mut() {
                        top.len += t.trim().len();
                    }
                }
                Node::Element(el) => {
                    let chrome = is_chrome(el) && !exempt.contains(&node.id());
                    chrome_marks.push(chrome);
                    let parent_in_chrome = open.last().is_some_and(|o| o.in_chrome);
                    if parent_in_chrome && main_in_chrome.is_none() && el.name() == "main" {
                        main_in_chrome = Some(node.id());
                    }
                    let in_chrome = chrome || parent_in_chrome;
                    let candidate = (seen < MAX_CANDIDATES && is_main_candidate(el)).then(|| {
                        seen += 1;
                        seen
                    });
                    // Every post body's class names a candidate: only those
                    // are asked (a menu's many elements are not).
                    let post = candidate.is_some() && in_chrome && !post_seen && is_post_body(el);
                    post_seen |= post;
                    open.push(Open {
                        len: 0,
                        left_out: node.id() != root.id() && (chrome || is_skipped(el.name())),
                        in_chrome,
                        candidate: candidate.filter(|_| !in_chrome),
                        post_in_chrome: post,
                    });
                }
                _ => {}
            },
            Edge::Close(node) if node.value().is_element() => {
                let Some(done) = open.pop() else { continue };
                if let Some(place) = done.candidate {
                    weighed.push((place, done.len, node.id()));
                }
                if done.post_in_chrome {
                    post_in_chrome = Some((node.id(), done.len));
                }
                match open.last_mut() {
                    Some(parent) if !done.left_out => parent.len += done.len,
                    Some(_) => {}
                    None => total = done.len,
                }
            }
            Edge::Close(_) => {}
        }
    }
    // The longest; among equals, the first in the page.
    let best = weighed
        .into_iter()
        .max_by_key(|&(place, len, _)| (len, std::cmp::Reverse(place)));
    let main = match best {
        Some((_, len, id)) if total > 0 && len * 10 >= total * 4 => root
            .tree()
            .get(id)
            .and_then(ElementRef::wrap)
            .unwrap_or(root),
        _ => root,
    };
    Weighed {
        main,
        marks: chrome_marks,
        main_in_chrome,
        post_in_chrome,
        outside_chrome: total,
    }
}

struct Walker<'a> {
    base: &'a Url,
    facts: &'a mut PageFacts,
    main_root: NodeId,
    /// `is_chrome` of every element, in document order (`choose_main_root`).
    chrome: &'a [bool],
    /// The maps the page's scripts draw, by the id of their element.
    drawn_maps: &'a [scripted::DrawnMap],
    /// The list item read last, when its whole text is in `facts.items`:
    /// its node and its place there.
    whole_item: Option<(NodeId, usize)>,
    /// The link read last (links are read before what they hold) and
    /// whether it leads to another page.
    last_link: Option<(NodeId, bool)>,
    chrome_text: String,
    heading: String,
    /// The day the page was read, for its relative dates.
    today: NaiveDate,
}

impl Walker<'_> {
    /// Walks the tree once, without recursion, keeping per open element
    /// whether it lies in the main content or the chrome.
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        // (in main root, in chrome, is a block) for each open element.
        let mut open: Vec<(bool, bool, bool)> = Vec::new();
        let mut skipping: Option<NodeId> = None;
        let mut chrome = self.chrome.iter().copied();
        for edge in root.traverse() {
            // Every element takes its mark, skipped ones too, to stay in step.
            let marked_chrome = match edge {
                Edge::Open(node) if node.value().is_element() => chrome.next().unwrap_or(false),
                _ => false,
            };
            match edge {
                Edge::Open(node) if skipping.is_none() => {
                    let (in_main, in_chrome) =
                        open.last().map_or((false, false), |&(m, c, _)| (m, c));
                    match node.value() {
                        Node::Text(t) => self.push_text(t, in_main && !in_chrome),
                        Node::Element(el) if is_skipped(el.name()) => skipping = Some(node.id()),
                        Node::Element(el) => {
                            let name = el.name();
                            let in_main = in_main || node.id() == self.main_root;
                            // A header inside the content (an article's title block) is content.
                            let in_chrome =
                                in_chrome || (marked_chrome && !(in_main && name == "header"));
                            let main = in_main && !in_chrome;
                            let element = ElementRef::wrap(node).expect("element node");
                            self.on_element(element, main);
                            let block = is_block(name);
                            if block {
                                self.break_line(main);
                            }
                            open.push((in_main, in_chrome, block));
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
                Edge::Close(node) if skipping.is_none() && node.value().is_element() => {
                    if let Some((in_main, in_chrome, true)) = open.pop() {
                        self.break_line(in_main && !in_chrome);
                    }
                }
                _ => {}
            }
        }
        debug_assert!(chrome.next().is_none(), "one chrome mark per element");
    }

    fn push_text(&mut self, text: &str, main: bool) {
        let (target, cap) = if main {
            (&mut self.facts.text, MAX_TEXT)
        } else {
            (&mut self.chrome_text, MAX_CHROME_TEXT)
        };
        if target.len() < cap {
            target.push_str(text);
        }
    }

    fn break_line(&mut self, main: bool) {
        let target = if main {
            &mut self.facts.text
        } else {
            &mut self.chrome_text
        };
        if !target.ends_with('\n') && !target.is_empty() {
            target.push('\n');
        }
    }

    /// A heading of the content. A wrapper marked as a heading around the
    /// heading itself (page builders do this) gives the same text twice:
    /// it is kept once, with the higher of its two ranks.
    fn push_heading(&mut self, text: String, level: u8) {
        if self.facts.headings.last() == Some(&text) {
            if let Some(last) = self.facts.heading_levels.last_mut() {
                *last = (*last).min(level);
            }
        } else {
            self.heading.clone_from(&text);
            self.facts.headings.push(text);
            self.facts.heading_levels.push(level);
        }
    }

    fn on_element(&mut self, el: ElementRef<'_>, main: bool) {
        let name = el.value().name();
        if main && !self.drawn_maps.is_empty() {
            self.on_map_container(el);
        }
        match name {
            "a" => self.on_link(el, main),
            "img" | "iframe" | "embed" if main => self.on_media(el),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if main => {
                let text = element_text(el, 300);
                if !text.is_empty() {
                    self.push_heading(text, name.as_bytes()[1] - b'0');
                }
            }
            _ if main
                && is_heading_like(el.value())
                && !matches!(name, "a" | "img" | "li" | "tr" | "table")
                && !has_descendant(el, "a") =>
            {
                let text = element_text(el, 200);
                if (1..=14).contains(&text.split_whitespace().count()) {
                    self.push_heading(text, STYLED_HEADING);
                }
            }
            "strong" | "b" if main => {
                let text = element_text(el, 200);
                // Editors often mark section titles as a bold line.
                let words = text.split_whitespace().count();
                if (2..=14).contains(&words) && is_whole_line(el) {
                    self.push_heading(text, BOLD_HEADING);
                }
            }
            // A row that holds a table is page layout, not an entry.
            "li" | "tr"
                if main && self.facts.items.len() < MAX_ITEMS && !has_descendant(el, "table") =>
            {
                let (text, whole) = if name == "tr" {
                    (row_text(el), false)
                } else {
                    element_text_whole(el, MAX_ITEM_CHARS)
                };
                if !text.is_empty() {
                    if whole {
                        self.whole_item = Some((el.id(), self.facts.items.len()));
                    }
                    self.facts.items.push(text);
                }
            }
            "table" if main => self.facts.tables += 1,
            _ => {}
        }
    }

    fn on_link(&mut self, el: ElementRef<'_>, main: bool) {
        if self.facts.links.len() >= MAX_LINKS {
            return;
        }
        let Some(href) = attr(el.value(), "href").map(str::trim) else {
            return;
        };
        if let Some(tel) = href.strip_prefix("tel:") {
            let digits: String = tel.chars().filter(char::is_ascii_digit).collect();
            let text = format!(
                "0{}",
                digits.trim_start_matches("84").trim_start_matches('0')
            );
            if main {
                for hit in find_phones(&text) {
                    self.facts.phones.push(PagePhone {
                        number: hit.number,
                        line: text.clone(),
                    });
                }
            }
            return;
        }
        let Ok(mut url) = self.base.join(href) else {
            return;
        };
        if !matches!(url.scheme(), "http" | "https") {
            return;
        }
        url.set_fragment(None);
        let mut text = element_text(el, 300);
        if text.is_empty() {
            text = attr(el.value(), "title")
                .or_else(|| descendants_named(el, "img").find_map(|i| attr(i.value(), "alt")))
                .map(normalize)
                .unwrap_or_default();
        }
        let kind = link_kind(&url);
        self.last_link = Some((
            el.id(),
            kind == LinkKind::Page && !super::same_page(&url, &self.facts.url),
        ));
        // A file in a list (a week's schedule as a PDF, a decision) is not a
        // post, whatever its date; nor is a page on another host (the city's
        // news in a "Tin mới" box).
        if main && kind == LinkKind::Page && same_site(&url, &self.facts.url) && is_title(&text) {
            self.listed_date(el, href, &url, &text);
        }
        self.facts.links.push(Link {
            kind,
            url,
            text,
            region: if main { Region::Main } else { Region::Chrome },
            context: if main {
                self.heading.clone()
            } else {
                String::new()
            },
            check: None,
        });
    }

    /// A linked title with a date beside it, in a list of posts.
    ///
    /// The date is looked for in the link's row (its list item, table row or
    /// card), outside the title first: headlines carry dates of their own
    /// ("… (20/10/1930 – 20/10/2026)"), which are not when the post went up.
    /// A title's own date counts only when the row has no other (a card
    /// that is one link, date inside), and then its last one. A list item or
    /// table row is a row of its own, and so is a block that holds another
    /// post's title: a neighbour's date is not looked at.
    fn listed_date(&mut self, link: ElementRef<'_>, href: &str, url: &Url, title: &str) {
        for ancestor in link.ancestors().filter_map(ElementRef::wrap).take(3) {
            let read;
            // The list item around the link was most often just read whole.
            let text: &str = match self.whole_item {
                Some((id, i)) if id == ancestor.id() => &self.facts.items[i],
                _ => {
                    read = element_text(ancestor, 700);
                    &read
                }
            };
            if text.len() >= 700 || holds_another_title(ancestor, href) {
                return;
            }
            if let Some((date, stamp)) = row_stamp(ancestor, title, self.today) {
                let snippet = match text.find(&stamp) {
                    Some(at) => snippet_around(text, at, at + stamp.len()),
                    None => snippet_around(text, 0, 0),
                };
                self.facts.dates.push(PageDate {
                    date,
                    role: DateRole::Listed,
                    key: url.to_string(),
                    snippet,
                    title: title.to_owned(),
                });
                return;
            }
            let hits = dates::find_dates(text);
            // The first place the title is in the row's text: most often its
            // start, which is cheaper to check than to search for.
            let own = if text.starts_with(title) {
                Some(0..title.len())
            } else {
                text.find(title).map(|start| start..start + title.len())
            };
            let in_title = |h: &DateHit| own.as_ref().is_some_and(|t| t.contains(&h.start));
            let hit = hits
                .iter()
                .find(|h| !in_title(h))
                .or_else(|| hits.iter().rfind(|h| in_title(h)));
            if let Some(hit) = hit {
                let snippet = snippet_around(text, hit.start, hit.end);
                self.facts.dates.push(PageDate {
                    date: hit.date,
                    role: DateRole::Listed,
                    key: url.to_string(),
                    snippet,
                    title: title.to_owned(),
                });
                return;
            }
            if matches!(ancestor.value().name(), "li" | "tr") {
                return;
            }
        }
    }

    /// The element a script draws a map in (`<div id="map">`), as a frame.
    fn on_map_container(&mut self, el: ElementRef<'_>) {
        let attrs = el.value();
        let Some(map) = attrs
            .id()
            .and_then(|id| self.drawn_maps.iter().find(|m| m.container == id))
        else {
            return;
        };
        let data = map
            .data
            .as_deref()
            .and_then(|d| self.base.join(d.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"));
        let url = data.unwrap_or_else(|| {
            let mut page = self.facts.url.clone();
            page.set_fragment(Some(&map.container));
            page
        });
        let label = attr(attrs, "aria-label")
            .or_else(|| attr(attrs, "title"))
            .map(normalize)
            .unwrap_or_default();
        self.facts.media.push(Media {
            url,
            is_frame: true,
            drawn: true,
            label,
            context: self.heading.clone(),
            check: None,
            teaser: false,
        });
    }

    /// Whether `img` is inside a link (three levels up at most) to another
    /// page: not to the image's own file or a larger copy, nor to a place
    /// on this page. The link was read just before (`last_link`).
    fn links_elsewhere(&self, img: ElementRef<'_>) -> bool {
        let Some((link, elsewhere)) = self.last_link else {
            return false;
        };
        elsewhere && img.ancestors().take(3).any(|a| a.id() == link)
    }

    fn on_media(&mut self, el: ElementRef<'_>) {
        let attrs = el.value();
        // Lazy-loading themes keep the image in `data-src` (or the like)
        // and a placeholder, often a `data:` URI, in `src`.
        let Some(url) = ["data-src", "data-lazy-src", "data-original", "src"]
            .into_iter()
            .filter_map(|name| attr(attrs, name))
            .filter_map(|s| self.base.join(s.trim()).ok())
            .find(|u| matches!(u.scheme(), "http" | "https"))
        else {
            return;
        };
        let label = attr(attrs, "alt")
            .or_else(|| attr(attrs, "title"))
            .map(normalize)
            .unwrap_or_default();
        let caption = el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "figure")
            .and_then(|f| descendants_named(f, "figcaption").next())
            .map(|c| element_text(c, 300))
            .or_else(|| nearby_caption(el));
        // The caption says what the image is; the heading says where it stands.
        let context = match caption {
            Some(c) if !c.is_empty() => format!("{} {c}", self.heading),
            _ => self.heading.clone(),
        };
        let teaser = attrs.name() == "img" && self.links_elsewhere(el);
        self.facts.media.push(Media {
            url,
            is_frame: attrs.name() != "img",
            drawn: false,
            label,
            context,
            check: None,
            teaser,
        });
    }
}

/// A caption written as plain text beside an image: the rest of its block,
/// or the short block right after it (`<p><img></p><p><i>Bản đồ …</i></p>`).
fn nearby_caption(img: ElementRef<'_>) -> Option<String> {
    let block = img
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| is_block(a.value().name()))?;
    // A paragraph or cell around the image; a whole content column is not a caption.
    if !matches!(
        block.value().name(),
        "p" | "td" | "center" | "figure" | "dd"
    ) {
        return None;
    }
    let own = element_text(block, 300);
    if !own.is_empty() && own.chars().count() <= 300 {
        return Some(own);
    }
    let next = block.next_siblings().find_map(ElementRef::wrap)?;
    let text = element_text(next, 300);
    (!text.is_empty() && text.split_whitespace().count() <= 40).then_some(text)
}

/// Elements CMSs use as headings without heading tags: DNN's
/// `span.Head` module titles, `div.title`, `p.tieude`.
fn is_heading_like(el: &scraper::node::Element) -> bool {
    attr(el, "class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .any(|t| (HEADING.any_in(t) || t.eq_ignore_ascii_case("head")) && !SUBTITLE.any_in(t))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "dd"
            | "dt"
            | "dl"
            | "figure"
            | "figcaption"
            | "pre"
            | "hr"
            | "main"
            | "aside"
            | "nav"
            | "td"
            | "th"
            | "center"
            | "address"
    )
}

/// The bold element is the only text of its block.
fn is_whole_line(el: ElementRef<'_>) -> bool {
    el.parent()
        .and_then(ElementRef::wrap)
        .is_some_and(|p| element_text(p, 300) == element_text(el, 300))
}

fn element_text(el: ElementRef<'_>, max: usize) -> String {
    element_text_whole(el, max).0
}

/// `element_text`, and whether that is the element's whole text: read to the
/// end and not cut at `max`. A whole text is what any larger `max` would give.
fn element_text_whole(el: ElementRef<'_>, max: usize) -> (String, bool) {
    thread_local! {
        /// The raw text gathered before normalising, kept between calls:
        /// a page asks for the text of hundreds of elements.
        static RAW: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    RAW.with_borrow_mut(|raw| {
        raw.clear();
        let mut whole = true;
        for t in el.text() {
            raw.push_str(t);
            raw.push(' ');
            if raw.len() > max * 4 {
                whole = false;
                break;
            }
        }
        let text = normalize(raw);
        if raw.capacity() > 64 * 1024 {
            // One huge text node must not stay held by the thread.
            *raw = String::new();
        }
        let whole = whole && text.len() <= max;
        (cut(text, max), whole)
    })
}

fn row_text(tr: ElementRef<'_>) -> String {
    let cells: Vec<String> = tr
        .child_elements()
        .filter(|c| matches!(c.value().name(), "td" | "th"))
        .map(|c| element_text(c, MAX_ITEM_CHARS))
        .collect();
    cut(cells.join(" | "), MAX_ITEM_CHARS)
}

/// Cuts to at most `max` bytes on a character boundary.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    s[..cut_at(s, max)].to_owned()
}

/// `truncate` in place, without a copy.
fn cut(mut s: String, max: usize) -> String {
    s.truncate(cut_at(&s, max));
    s
}

/// The largest character boundary of `s` at most `max`.
fn cut_at(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

fn link_kind(url: &Url) -> LinkKind {
    let path = url.path();
    // Liferay serves a file at `/documents/{group}/{folder}/{name.pdf}/{uuid}`:
    // the file's name is the segment before the last.
    let file = match path.strip_prefix("/documents/").map(|p| p.rsplit('/')) {
        Some(mut segments) if segments.clone().count() >= 4 => {
            let last = segments.next().unwrap_or("");
            if last.contains('.') {
                last
            } else {
                segments.next().unwrap_or("")
            }
        }
        _ => path,
    };
    let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
    let among = |list: &[&str]| list.iter().any(|e| ext.eq_ignore_ascii_case(e));
    if among(DOCUMENT_EXTENSIONS) {
        LinkKind::Document
    } else if among(IMAGE_EXTENSIONS) {
        LinkKind::Image
    } else {
        LinkKind::Page
    }
}

const DOCUMENT_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "zip", "rar", "7z",
];
const IMAGE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff", "svg",
];

/// A few words either side of a byte range, on character boundaries.
#[must_use]
pub fn snippet_around(text: &str, start: usize, end: usize) -> String {
    const REACH: usize = 80;
    let mut from = start.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    normalize(&text[from..to])
}

/// Normalises the collected text line by line and derives dates and phones.
fn finish_text(facts: &mut PageFacts, chrome_text: &str, today: NaiveDate) {
    // A table row names whose number it is; a bare cell line does not. Read
    // rows first, then lines for numbers outside any row.
    for line in facts
        .items
        .iter()
        .map(String::as_str)
        .chain(text::lines(&facts.text))
    {
        for hit in find_phones(line) {
            if facts.phones.iter().any(|p| p.number == hit.number) {
                continue;
            }
            facts.phones.push(PagePhone {
                number: hit.number,
                line: truncate(line, 300),
            });
        }
    }
    facts.chrome_text = normalize(chrome_text);
    facts.chrome_phones = find_phones(&facts.chrome_text)
        .into_iter()
        .map(|h| h.number)
        .collect();
    facts.chrome_phones.sort();
    facts.chrome_phones.dedup();

    // Stamps known only by a clock time beside them, and their days.
    let mut timed: Vec<(usize, NaiveDate)> = Vec::new();
    for hit in dates::find_dates(&facts.text) {
        let (role, by_clock) = role_of(&facts.text, &hit);
        if by_clock {
            timed.push((facts.dates.len(), hit.date));
        }
        facts.dates.push(PageDate {
            date: hit.date,
            role,
            key: String::new(),
            snippet: snippet_around(&facts.text, hit.start, hit.end),
            title: String::new(),
        });
    }
    // A stamp written relative to the day the page was read ("3 ngày trước
    // · Tin hoạt động") stands on a short line of its own near the top of
    // the post, under its title; not on a heading.
    let relative: Vec<(NaiveDate, String)> = text::lines(&facts.text)
        .take(RELATIVE_STAMP_LINES)
        .filter_map(|line| Some((dates::relative_stamp(line, today)?, line)))
        .filter(|(_, line)| *line != facts.title && !facts.headings.iter().any(|h| h == line))
        .map(|(date, line)| (date, line.to_owned()))
        .collect();
    for (date, line) in relative {
        timed.push((facts.dates.len(), date));
        facts.dates.push(PageDate {
            date,
            role: DateRole::Stamp,
            key: String::new(),
            snippet: line,
            title: String::new(),
        });
    }
    // A post carries one stamp, perhaps two (posted, edited). Dates beside
    // clock times on several days are a timetable, a weekly work schedule's
    // "THỨ HAI (05/10/2026) – 7h30: …": they say when things happen, not
    // when the page went up.
    let mut days: Vec<NaiveDate> = timed.iter().map(|&(_, day)| day).collect();
    days.sort_unstable();
    days.dedup();
    if days.len() >= TIMETABLE_DAYS {
        for (i, _) in timed {
            facts.dates[i].role = DateRole::Text;
        }
    }
    in_page_posts(facts);
}

/// Posts written one after another on one page, each a heading with a line
/// under it that is its date ("Ngày 18/11/2026", "Thứ Ba, 21/7/2026",
/// "(05/11/2026)"): a news page kept by hand, where the clerk adds each
/// item as a new section (Google Sites, a simple site's page). Each is a
/// listed post, known by the page's address with its place after `#`. Two
/// at least: one heading with its date under it is an article's title.
fn in_page_posts(facts: &mut PageFacts) {
    let mut posts: Vec<(NaiveDate, String, String)> = Vec::new();
    let mut above = None;
    for below in text::lines(&facts.text) {
        let Some(heading) = above.replace(below) else {
            continue;
        };
        // A linked title is a post listed here and written elsewhere
        // (read as such beside its link, or another site's).
        if below.len() > MAX_DATE_LINE_BYTES
            || !is_title(heading)
            || !facts.headings.iter().any(|h| h == heading)
            || facts.links.iter().any(|l| l.text == heading)
        {
            continue;
        }
        let hits = dates::find_dates(below);
        let [hit] = hits.as_slice() else {
            continue;
        };
        // Around the date, a weekday or "Ngày" at most.
        let rest = fold(&format!("{} {}", &below[..hit.start], &below[hit.end..]));
        if rest.split(' ').filter(|w| !w.is_empty()).count() > 3 {
            continue;
        }
        posts.push((hit.date, heading.to_owned(), below.to_owned()));
    }
    if posts.len() < 2 {
        return;
    }
    for (n, (date, heading, below)) in posts.into_iter().enumerate() {
        let mut key = facts.url.clone();
        key.set_fragment(Some(&format!("bai-{}", n + 1)));
        facts.dates.push(PageDate {
            date,
            role: DateRole::Listed,
            key: key.into(),
            snippet: format!("{heading} {below}"),
            title: heading,
        });
    }
}

/// The longest line read as the date under an in-page post's heading.
const MAX_DATE_LINE_BYTES: usize = 60;

/// The longest tooltip read as a row's stamp: a date and a clock time with
/// a label ("Đăng lúc 16:40 ngày 19/11/2026"), not a sentence.
const TOOLTIP_MAX: usize = 48;

/// The lines at the top of a page's text where its own relative stamp may
/// stand: the title, a breadcrumb or a summary line, then the stamp.
const RELATIVE_STAMP_LINES: usize = 8;

/// Distinct days with clock times that make a page a timetable.
const TIMETABLE_DAYS: usize = 3;

/// What a date found in the text says, and whether it is a stamp only for
/// the clock time beside it.
pub(crate) fn role_of(text: &str, hit: &DateHit) -> (DateRole, bool) {
    let mut from = hit.start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = fold(&text[from..hit.start]);
    if before.ends_with("cap nhat") || before.contains("ngay cap nhat") {
        (DateRole::Updated, false)
    } else if before.contains("dang ngay")
        || before.contains("ngay dang")
        || before.ends_with("dang luc")
    {
        (DateRole::Stamp, false)
    } else if hit.has_time {
        (DateRole::Stamp, true)
    } else {
        (DateRole::Text, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> PageFacts {
        extract(
            &Url::parse("http://ward.test/a/b.html").unwrap(),
            0,
            vec![],
            html,
            TEST_DAY,
        )
        .finish(&Repetition::default())
    }

    const CHROME: &str = r#"<header class="header"><div class="date-time">Thứ Sáu, ngày 20/11/2026 10:44</div>
        <ul class="menu"><li><a href="/danh-ba">Danh bạ điện thoại</a></li></ul></header>
        <div class="sidebar"><h3>Liên kết website</h3><a href="https://dichvucong.gov.vn/">Cổng DVC</a></div>
        <footer><p>UBND phường Sao Đỏ. Điện thoại: 0220.3882.123</p></footer>"#;

    #[test]
    fn the_presized_parse_builds_the_tree_scraper_does() {
        // Denser than the estimate (the tree outgrows what was reserved) too.
        let dense = "<td>x<br>".repeat(3000);
        let pages = [
            "",
            "plain text, no markup",
            "<p>unclosed <b>bold <i>both</b> italic?<li>stray item<table><td>cell</table>",
            &dense,
            include_str!("../../tests/fixtures/sites/phuong-cong-hoa/index.html"),
        ];
        for html in pages {
            let ours = parse(html);
            let theirs = Html::parse_document(html);
            assert_eq!(ours.html(), theirs.html(), "{html:.60}");
            assert_eq!(ours.tree.nodes().count(), theirs.tree.nodes().count());
        }
    }

    #[test]
    fn separates_chrome_from_content() {
        let f = page(&format!(
            "<html><head><title>Danh bạ</title></head><body>{CHROME}<div id=\"content\"><h1>Danh bạ điện thoại</h1>\
             <table><tr><th>Họ tên</th><th>Điện thoại</th></tr><tr><td>Ông Nguyễn Văn An</td><td>0912.345.678</td></tr></table></div></body></html>"
        ));
        assert_eq!(f.title, "Danh bạ");
        assert_eq!(f.headings, ["Danh bạ điện thoại"]);
        assert!(!f.text.contains("Liên kết"), "sidebar leaked: {}", f.text);
        assert_eq!(f.phones.len(), 1);
        assert_eq!(f.phones[0].number, "0912345678");
        assert_eq!(f.chrome_phones, ["02203882123"]);
        assert_eq!(
            f.items,
            ["Họ tên | Điện thoại", "Ông Nguyễn Văn An | 0912.345.678"]
        );
        let menu = f
            .links
            .iter()
            .find(|l| l.text == "Danh bạ điện thoại")
            .unwrap();
        assert_eq!(menu.region, Region::Chrome);
        assert_eq!(menu.url.as_str(), "http://ward.test/danh-ba");
        // The header clock is chrome: no date of the content.
        assert!(f.dates.is_empty(), "{:?}", f.dates);
    }

    #[test]
    fn a_listed_date_is_read_beside_a_long_list_item_too() {
        // The first item is read whole as an item and its text reused; the
        // second is longer than an item may be, so its date is read afresh.
        let long = "rất dài ".repeat(60);
        let f = page(&format!(
            r#"<html><body><div class="content"><ul>
            <li><a href="/tin/1">Phường tổ chức hội nghị tổng kết năm</a> (04/09/2026)</li>
            <li><a href="/tin/2">Hội nghị {long}</a> <span>(05/09/2026)</span></li>
            </ul></div></body></html>"#
        ));
        let listed: Vec<(String, String)> = f
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Listed)
            .map(|d| (d.key.clone(), d.date.to_string()))
            .collect();
        assert_eq!(
            listed,
            [
                ("http://ward.test/tin/1".to_owned(), "2026-09-04".to_owned()),
                ("http://ward.test/tin/2".to_owned(), "2026-09-05".to_owned()),
            ]
        );
        assert!(f.items[1].len() <= MAX_ITEM_CHARS);
    }

    #[test]
    fn a_menu_built_by_a_script_gives_menu_links() {
        let f = page(
            r#"<html><body><nav id="mega-menu"></nav>
            <script>window.MENU = [{"title":"L\u00e3nh \u0111\u1ea1o ph\u01b0\u1eddng","url":"\/gioi-thieu\/lanh-dao-phuong"},
              {"title":"Tin tức","url":"/tin-tuc"},
              {"name":"Bản đồ hành chính","url":"/upload/ban-do.jpg"},
              {"name":"Bản đồ nền","url":"https://tile.example.vn/{z}/{x}/{y}.png"}];</script>
            <div class="content"><p><a href="/tin-tuc">Tin tức</a></p></div></body></html>"#,
        );
        let scripted: Vec<(&str, &str, Region)> = f
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.text.as_str(), l.region))
            .collect();
        // The link the page has already is not added again, and a script's
        // image or template is no menu item.
        assert_eq!(
            scripted,
            [
                ("http://ward.test/tin-tuc", "Tin tức", Region::Main),
                (
                    "http://ward.test/gioi-thieu/lanh-dao-phuong",
                    "Lãnh đạo phường",
                    Region::Chrome
                ),
            ]
        );
    }

    #[test]
    fn a_post_on_another_host_has_no_listed_date() {
        let f = page(
            r#"<html><body><div class="content"><ul>
            <li><a href="https://haiphong.gov.vn/tin-tuc/ky-hop-hdnd-thanh-pho-748213">Khai mạc kỳ họp HĐND thành phố</a> (20/11/2026)</li>
            <li><a href="http://www.ward.test/tin/1">Phường tổ chức hội nghị tổng kết năm</a> (04/09/2026)</li>
            </ul></div></body></html>"#,
        );
        let listed: Vec<&str> = f
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Listed)
            .map(|d| d.key.as_str())
            .collect();
        assert_eq!(listed, ["http://www.ward.test/tin/1"]);
    }

    #[test]
    fn a_file_in_a_list_has_no_listed_date() {
        let f = page(
            r#"<html><body><div class="content"><ul>
            <li><a href="/files/lich-cong-tac-tuan-47-2026.pdf">Lịch công tác tuần 47 năm 2026</a> (16/11/2026)</li>
            <li><a href="/tin/1">Phường tổ chức hội nghị tổng kết năm</a> (04/09/2026)</li>
            </ul></div></body></html>"#,
        );
        let listed: Vec<&str> = f
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Listed)
            .map(|d| d.key.as_str())
            .collect();
        assert_eq!(listed, ["http://ward.test/tin/1"]);
    }

    #[test]
    fn elementor_widgets_are_content_and_its_menus_chrome() {
        let f = page(
            r#"<html><body>
            <div class="elementor elementor-12 elementor-location-header"><div class="elementor-widget elementor-widget-nav-menu">
              <nav class="elementor-nav-menu--main"><ul><li><a href="/gioi-thieu/">Giới thiệu</a></li></ul></nav></div></div>
            <div class="elementor elementor-124"><section class="elementor-section"><div class="elementor-column">
              <div class="elementor-element elementor-widget elementor-widget-heading"><div class="elementor-widget-container">
                <h1 class="elementor-heading-title">Cơ cấu tổ chức</h1></div></div>
              <div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">
                <p>Đồng chí Phạm Minh Tuấn, Chủ tịch UBND xã</p></div></div>
            </div></section></div></body></html>"#,
        );
        assert_eq!(f.headings, ["Cơ cấu tổ chức"]);
        assert!(f.text.contains("Phạm Minh Tuấn"), "{}", f.text);
        assert!(!f.text.contains("Giới thiệu"), "{}", f.text);
    }

    #[test]
    fn a_wrapper_named_for_the_sidebar_around_main_is_not_chrome() {
        // Drupal's Olivero: `sidebar-grid` holds both the content and the
        // sidebar.
        let html = "<html><body><div class=\"sidebar-grid grid-full\">\
            <main role=\"main\" class=\"site-main\"><h1>Danh bạ điện thoại</h1>\
            <p>Văn phòng HĐND và UBND phường: 0225.3871.101</p></main>\
            <div class=\"site-sidebar\"><p>Liên kết website</p></div></div></body></html>";
        let f = extract_alone(
            &Url::parse("http://w.test/danh-ba").unwrap(),
            0,
            vec![],
            html,
            TEST_DAY,
        );
        assert!(f.text.contains("0225.3871.101"), "{}", f.text);
        assert!(!f.text.contains("Liên kết website"), "{}", f.text);
        assert_eq!(f.headings, ["Danh bạ điện thoại"]);
    }

    #[test]
    fn a_section_runs_to_the_next_heading_of_its_rank_or_higher() {
        let html = "<html><body><div class=\"content\"><h1>Giới thiệu</h1>\
            <h2>Tổng quan</h2><p>Diện tích 98 km².</p>\
            <h2>Lịch sử</h2><p>Thành lập năm 1947.</p>\
            <h3>Thời kỳ kháng chiến</h3><p>Căn cứ địa cách mạng.</p>\
            <p><strong>Những người con anh hùng</strong></p><p>Ba liệt sĩ.</p>\
            <h2>Cơ cấu tổ chức</h2><p>Đảng ủy, HĐND, UBND.</p></div></body></html>";
        let f = extract_alone(
            &Url::parse("http://w.test/gioi-thieu").unwrap(),
            0,
            vec![],
            html,
            TEST_DAY,
        );
        assert_eq!(f.heading_levels, [1, 2, 2, 3, BOLD_HEADING, 2]);
        let at = |h: &str| f.headings.iter().position(|x| x == h).unwrap();
        assert_eq!(
            f.section(at("Lịch sử")),
            [
                "Thành lập năm 1947.",
                "Thời kỳ kháng chiến",
                "Căn cứ địa cách mạng.",
                "Những người con anh hùng",
                "Ba liệt sĩ."
            ]
        );
        assert_eq!(
            f.section(at("Thời kỳ kháng chiến")),
            [
                "Căn cứ địa cách mạng.",
                "Những người con anh hùng",
                "Ba liệt sĩ."
            ]
        );
        assert_eq!(f.section(at("Những người con anh hùng")), ["Ba liệt sĩ."]);
        assert_eq!(f.section(at("Cơ cấu tổ chức")), ["Đảng ủy, HĐND, UBND."]);
        assert!(f.section(99).is_empty());
    }

    #[test]
    fn a_listed_date_is_beside_the_title_not_in_it_nor_in_a_neighbour() {
        let f = page(
            r#"<html><body><div class="content"><ul>
            <li><a href="/tin/1">Gặp mặt kỷ niệm ngày thành lập Hội Phụ nữ (20/10/1930 – 20/10/2026)</a> <span>21/10/2026</span></li>
            <li><a href="/tin/2">Phường tổ chức hội nghị tổng kết năm</a></li>
            <li><a href="/tin/3">Kỷ niệm 80 năm Cách mạng Tháng Tám (19/8/1945 – 19/8/2025)</a></li>
            </ul>
            <div class="card"><a href="/tin/4"><h3>Ra quân làm sạch đường phố</h3><span>18/11/2026</span></a></div>
            </div></body></html>"#,
        );
        let listed: Vec<(&str, String)> = f
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Listed)
            .map(|d| (d.key.as_str(), d.date.to_string()))
            .collect();
        assert_eq!(
            listed,
            [
                // Beside the title, not the anniversary inside it.
                ("http://ward.test/tin/1", "2026-10-21".to_owned()),
                // No date in its own item: none from the item above.
                // Only the title's own dates: the last of them.
                ("http://ward.test/tin/3", "2025-08-19".to_owned()),
                // A card that is one link, its date inside.
                ("http://ward.test/tin/4", "2026-11-18".to_owned()),
            ]
        );
    }

    #[test]
    fn a_block_holding_other_titles_dates_none_of_its_other_links() {
        // A Liferay asset list: each title's date is in its own block; the
        // "see all" link under the list and a link in the next portlet are
        // no posts, and do not take the first date of the list.
        let f = page(
            r#"<html><body><div class="content">
            <div class="portlet"><h2>Tin tức – Sự kiện</h2>
              <div class="asset"><h3><a href="/tin/1">Ra mắt mô hình tổ dân phố xanh</a></h3><span>08/11/2026</span></div>
              <div class="asset"><h3><a href="/tin/2">Gặp mặt kỷ niệm Cách mạng Tháng Tám</a></h3><span>03/09/2026</span></div>
              <p><a href="/tin-tuc">Xem tất cả »</a></p></div>
            <div class="portlet"><p>Phường có 32 tổ dân phố. <a href="/lich-su">Xem lịch sử hình thành phường »</a></p></div>
            </div></body></html>"#,
        );
        let listed: Vec<(&str, String)> = f
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Listed)
            .map(|d| (d.key.as_str(), d.date.to_string()))
            .collect();
        assert_eq!(
            listed,
            [
                ("http://ward.test/tin/1", "2026-11-08".to_owned()),
                ("http://ward.test/tin/2", "2026-09-03".to_owned()),
            ]
        );
        assert!(!is_title("Xem tất cả »"));
        assert!(is_title("Xem lịch sử hình thành »"));
    }

    #[test]
    fn posts_typed_one_after_another_on_one_page_are_listed() {
        let listed = |body: &str| -> Vec<(String, String, String)> {
            page(&format!(
                r#"<html><body><div class="content"><h2>TIN TỨC - SỰ KIỆN</h2>{body}</div></body></html>"#
            ))
            .dates
            .into_iter()
            .filter(|d| d.role == DateRole::Listed)
            .map(|d| (d.key, d.date.to_string(), d.title))
            .collect()
        };
        let posts = "<h3>Hội nghị sơ kết 01 năm chính quyền hai cấp</h3><p><span>(08/7/2026)</span></p>\
            <p>Ngày 08/7/2026, UBND xã tổ chức Hội nghị sơ kết, tổng kết nhiều nội dung quan trọng.</p>\
            <h3>Dâng hương tưởng niệm các Anh hùng liệt sĩ</h3><p>Thứ Ba, 21/7/2026</p>\
            <p>Nhân kỷ niệm 79 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2026), đoàn đại biểu dâng hương.</p>\
            <h3>Gặp mặt kỷ niệm Ngày Nhà giáo Việt Nam</h3><p>Ngày 18/11/2026</p><p>Chiều 18/11/2026, UBND xã gặp mặt.</p>";
        assert_eq!(
            listed(posts),
            [
                (
                    "http://ward.test/a/b.html#bai-1",
                    "2026-07-08",
                    "Hội nghị sơ kết 01 năm chính quyền hai cấp"
                ),
                (
                    "http://ward.test/a/b.html#bai-2",
                    "2026-07-21",
                    "Dâng hương tưởng niệm các Anh hùng liệt sĩ"
                ),
                (
                    "http://ward.test/a/b.html#bai-3",
                    "2026-11-18",
                    "Gặp mặt kỷ niệm Ngày Nhà giáo Việt Nam"
                ),
            ]
            .map(|(k, d, t)| (k.to_owned(), d.to_owned(), t.to_owned()))
        );
        // One is an article under its title; a sentence with a date under a
        // heading is no date line; nor is a heading too short for a title.
        let article = "<h3>Gặp mặt kỷ niệm Ngày Nhà giáo Việt Nam</h3><p>Ngày 18/11/2026</p><p>Chiều 18/11/2026, UBND xã gặp mặt.</p>";
        assert!(listed(article).is_empty());
        let sentences = "<h3>Hội nghị sơ kết 01 năm chính quyền hai cấp</h3><p>Ngày 08/7/2026, UBND xã tổ chức hội nghị.</p>\
            <h3>Dâng hương tưởng niệm các Anh hùng liệt sĩ</h3><p>Sáng 21/7/2026 đoàn đại biểu xã dâng hương.</p>";
        assert!(listed(sentences).is_empty());
        let days = "<h3>Thứ Hai</h3><p>16/11/2026</p><h3>Thứ Ba</h3><p>17/11/2026</p>";
        assert!(listed(days).is_empty());
        // Linked titles are posts written on their own pages (or another
        // site's), not on this one.
        let linked = "<h3><a href=\"/tin/1\">Hội nghị sơ kết 01 năm chính quyền hai cấp</a></h3><p>08/7/2026</p>\
            <h3><a href=\"https://hanoi.gov.vn/tin/2\">Tăng cường kiểm tra phòng cháy chữa cháy</a></h3><p>18/11/2026</p>";
        assert!(
            !listed(linked)
                .iter()
                .any(|(key, _, _)| key.starts_with("http://ward.test/a/b.html#")),
            "{:?}",
            listed(linked)
        );
    }

    #[test]
    fn a_weeks_timetable_is_no_post_stamp() {
        let stamps = |body: &str| -> Vec<String> {
            page(&format!(
                r#"<html><body><div class="content">{body}</div></body></html>"#
            ))
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Stamp)
            .map(|d| d.date.to_string())
            .collect()
        };
        let week = "<h2>LỊCH CÔNG TÁC TUẦN 41</h2>\
            <h4>THỨ HAI (05/10/2026)</h4><p>- 7h30: Giao ban đầu tuần.</p>\
            <h4>THỨ BA (06/10/2026)</h4><p>- 8h00: Dự hội nghị trực tuyến.</p>\
            <h4>THỨ NĂM (08/10/2026)</h4><p>- 8h00: Họp Ban Chỉ đạo.</p>";
        assert_eq!(stamps(week), Vec::<String>::new());
        // What the page says of its own posting stays.
        assert_eq!(
            stamps(&format!("<p>Ngày đăng: 02/10/2026</p>{week}")),
            ["2026-10-02"]
        );
        // A post with its stamp and one more clock time is still a post.
        assert_eq!(
            stamps(
                "<p>18/11/2026 08:30</p><p>Hội nghị khai mạc (20/11/2026 - 8h00) \
                 tại hội trường.</p>"
            ),
            ["2026-11-18", "2026-11-20"]
        );
    }

    #[test]
    fn records_dates_with_their_role() {
        let f = page(
            r#"<html><head><meta property="article:published_time" content="2026-11-18T08:30:00+07:00"></head><body>
            <div class="content"><p>Đăng lúc: 17:00:00 02/11/2026 (GMT+7)</p>
            <p>Ngày cập nhật 11/07/2023</p><p>Thành lập ngày 01 tháng 3 năm 1947.</p>
            <ul><li><a href="/tin/1">Phường tổ chức hội nghị tổng kết năm</a> (04/09/2026)</li></ul></div></body></html>"#,
        );
        let roles: Vec<(String, DateRole)> = f
            .dates
            .iter()
            .map(|d| (d.date.to_string(), d.role))
            .collect();
        assert!(roles.contains(&("2026-11-18".into(), DateRole::Meta)));
        assert!(roles.contains(&("2026-11-02".into(), DateRole::Stamp)));
        assert!(roles.contains(&("2023-07-11".into(), DateRole::Updated)));
        assert!(roles.contains(&("1947-03-01".into(), DateRole::Text)));
        let listed = f.dates.iter().find(|d| d.role == DateRole::Listed).unwrap();
        assert_eq!(listed.key, "http://ward.test/tin/1");
    }

    #[test]
    fn a_row_dated_relative_to_today_or_by_a_time_element_is_listed_by_that() {
        // Cards as a Next.js front end writes them (phuong-tan-an): the
        // stamp is "5 giờ trước" in a <time dateTime>, or a bare "3 ngày
        // trước"; the summary holds anniversaries of its own.
        let card = |href: &str, title: &str, stamp: &str| {
            format!(
                "<article><h2><a href=\"{href}\">{title}</a></h2><div>{stamp}<span> · Tin hoạt động</span></div>\
                 <p>Kỷ niệm 44 năm Ngày Nhà giáo Việt Nam (20/11/1982 – 20/11/2026).</p></article>"
            )
        };
        let f = page(&format!(
            "<html><body><div class=\"content\"><h1>Tin tức</h1>{}{}{}{}{}{}</div></body></html>",
            card(
                "/tin/1",
                "Gặp mặt kỷ niệm Ngày Nhà giáo",
                "<time dateTime=\"2026-11-15T09:20:00+07:00\">5 ngày trước</time>"
            ),
            card(
                "/tin/2",
                "Hội nghị đối thoại với Nhân dân",
                "<span>3 ngày trước</span>"
            ),
            card(
                "/tin/3",
                "Ra quân tổng vệ sinh môi trường",
                "<span title=\"19/11/2026 16:40\">Hôm qua</span>"
            ),
            // A title that happens to say "3 ngày trước" is no stamp.
            card("/tin/4", "3 ngày trước Tết", ""),
            // An icon whose tooltip is the stamp; a tooltip without a clock
            // time (a link's own title) is not one.
            card(
                "/tin/5\" title=\"Tin ngày 01/11/2026 08:00",
                "Khánh thành nhà văn hóa",
                "<i class=\"icon-clock\" title=\"12/11/2026 09:00\"></i>"
            ),
            card(
                "/tin/6",
                "Tập huấn chuyển đổi số",
                "<span title=\"Ngày 10/11/2026\">Tin hoạt động</span>"
            ),
        ));
        let listed: Vec<(&str, String)> = f
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Listed)
            .map(|d| (d.key.as_str(), d.date.to_string()))
            .collect();
        assert_eq!(
            listed,
            [
                ("http://ward.test/tin/1", "2026-11-15".to_owned()),
                ("http://ward.test/tin/2", "2026-11-17".to_owned()),
                ("http://ward.test/tin/3", "2026-11-19".to_owned()),
                ("http://ward.test/tin/4", "1982-11-20".to_owned()),
                ("http://ward.test/tin/5", "2026-11-12".to_owned()),
                ("http://ward.test/tin/6", "1982-11-20".to_owned()),
            ]
        );
        assert!(
            f.dates[1].snippet.contains("3 ngày trước"),
            "{:?}",
            f.dates[1]
        );
    }

    #[test]
    fn an_article_stamped_relative_to_today_has_that_stamp_and_no_other() {
        let f = page(
            r#"<html><body><div class="content"><h1>Triển khai tiêm vắc xin sởi</h1>
            <div class="meta">3 ngày trước · Tin hoạt động</div>
            <p>Trạm Y tế phường triển khai chiến dịch tiêm bổ sung. Đoàn kiểm tra đến 2 ngày trước khi khai mạc.</p>
            <p>2 ngày trước khi khai mạc</p>
            <div class="counter"><p>Hôm nay: 214</p><p>Hôm qua: 1.234</p></div></div></body></html>"#,
        );
        let stamps: Vec<String> = f
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Stamp)
            .map(|d| d.date.to_string())
            .collect();
        assert_eq!(stamps, ["2026-11-17"]);
    }

    #[test]
    fn reads_what_the_page_says_of_itself_wherever_it_stands() {
        let f = page(
            r#"<html><head><title> UBND  phường Sao Đỏ </title><base href=" /cms/ ">
            <link rel="stylesheet" href="/a.css"><link rel="Canonical shortlink" href="tin?id=7">
            <meta name="Generator" content="Joomla! - Open Source"><meta name="keywords"></head>
            <body><svg><title>biểu tượng</title></svg><div class="content">
            <meta itemprop="datePublished" content="2026-10-05">
            <a href="lich.html"><img src="x.png" alt="Lịch công tác tuần"></a>
            <figure><img src="bd.jpg"><figcaption>Bản đồ địa giới</figcaption></figure></div></body></html>"#,
        );
        assert_eq!(f.title, "UBND phường Sao Đỏ");
        assert_eq!(f.generator.as_deref(), Some("Joomla! - Open Source"));
        assert_eq!(
            f.canonical.as_ref().map(Url::as_str),
            Some("http://ward.test/cms/tin?id=7")
        );
        // A microdata date inside the body counts as the page's own.
        assert!(
            f.dates
                .iter()
                .any(|d| d.role == DateRole::Meta && d.date.to_string() == "2026-10-05")
        );
        // Links resolve against <base>; an image link is named by its alt text.
        assert_eq!(f.links[0].url.as_str(), "http://ward.test/cms/lich.html");
        assert_eq!(f.links[0].text, "Lịch công tác tuần");
        assert_eq!(f.media[1].url.as_str(), "http://ward.test/cms/bd.jpg");
        assert!(f.media[1].context.contains("Bản đồ địa giới"));
    }

    #[test]
    fn classifies_links_and_media() {
        let f = page(
            r#"<body><div class="content"><h2>Bản đồ hành chính phường</h2><img src="/Uploads/bando.jpg" alt="">
            <a href="/files/tthc.pdf">Tải về</a><a href="javascript:alert(1)">x</a><a href="tel:+84912345678">Gọi</a>
            <iframe src="https://www.google.com/maps/embed?pb=1"></iframe></div></body>"#,
        );
        assert_eq!(f.media.len(), 2);
        assert_eq!(f.media[0].context, "Bản đồ hành chính phường");
        assert!(f.media[1].is_frame);
        assert_eq!(f.links.len(), 1);
        assert_eq!(f.links[0].kind, LinkKind::Document);
        assert_eq!(f.phones[0].number, "0912345678");
    }

    #[test]
    fn a_blogger_post_inside_its_blog_widget_is_content() {
        let blogger = |body: &str| {
            page(&format!(
                "<body><div class='content'><div class='main section' id='main'>\
                 <div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'><div class='post-outer'>\
                 <h3 class='post-title entry-title'>Cơ cấu tổ chức</h3>\
                 <div class='post-body entry-content'>{body}</div></div></div></div></div>\
                 <div class='sidebar section'><div class='widget Label'><h2>Nhãn</h2>\
                 <ul><li><a href='/search/label/Tin'>Tin tức</a></li></ul></div></div></div></body>"
            ))
        };
        let f = blogger(
            "<p>Đồng chí Nguyễn Văn Thắng – Bí thư Đảng ủy xã</p>\
             <p>Đồng chí Lê Thị Thanh Huyền – Chủ tịch HĐND xã</p>",
        );
        assert!(f.text.contains("Bí thư Đảng ủy xã"), "{}", f.text);
        assert!(f.headings.iter().any(|h| h == "Cơ cấu tổ chức"));
        // The sidebar's widgets stay chrome.
        assert!(!f.text.contains("Nhãn"), "{}", f.text);
        assert!(f.links.iter().all(|l| l.region == Region::Chrome));
        // A post body with less text than the rest of the page's content
        // does not turn its widget into content.
        let g = page(
            "<body><p>Giới thiệu chung về phường: vị trí địa lý, diện tích tự nhiên, \
             dân số và các tổ dân phố; truyền thống cách mạng và những thành tựu sau sáp nhập.</p>\
             <div class='widget recent'><div class='entry-content'>Tin ngắn</div></div></body>",
        );
        assert!(!g.text.contains("Tin ngắn"), "{}", g.text);
    }

    #[test]
    fn a_liferay_file_is_known_by_the_name_before_its_uuid() {
        let kind =
            |path: &str| link_kind(&Url::parse(&format!("https://ward.test{path}")).unwrap());
        assert_eq!(
            kind(
                "/documents/20182/1301125/lich-cong-tac-tuan-47-2026.pdf/0b6c9e44-8a1f-4c27-9a0e-5d2f7e31c804"
            ),
            LinkKind::Document
        );
        assert_eq!(kind("/documents/20182/1301125/ban-do.jpg"), LinkKind::Image);
        assert_eq!(kind("/documents/20182/lich.pdf"), LinkKind::Document);
        assert_eq!(kind("/web/haithanh/documents/tuan-47"), LinkKind::Page);
        assert_eq!(kind("/documents/20182/1301125/tin-tuc/abc"), LinkKind::Page);
    }

    #[test]
    fn a_lazy_image_is_read_from_where_its_address_waits() {
        let f = page(
            r#"<body><div class="content"><h2>Bản đồ hành chính</h2>
            <img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" data-lazy-src="/wp-content/uploads/ban-do.jpg" alt="">
            <img data-src="/uploads/ban-do-2.png"></div></body>"#,
        );
        let urls: Vec<&str> = f.media.iter().map(|m| m.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "http://ward.test/wp-content/uploads/ban-do.jpg",
                "http://ward.test/uploads/ban-do-2.png"
            ]
        );
    }

    #[test]
    fn a_map_a_script_draws_in_the_content_is_a_drawn_frame() {
        let script = "<script>var m = L.map('ban-do'); \
            fetch('/files/ranh-gioi.geojson').then(r => r.json()).then(g => L.geoJSON(g).addTo(m));</script>";
        let f = page(&format!(
            r#"<body><div class="content"><h1>Bản đồ hành chính phường</h1>
            <div id="ban-do" aria-label="Ranh giới phường"></div>{script}</div></body>"#
        ));
        assert_eq!(f.media.len(), 1);
        let map = &f.media[0];
        assert!(map.drawn && map.is_frame);
        assert_eq!(map.url.as_str(), "http://ward.test/files/ranh-gioi.geojson");
        assert_eq!(map.label, "Ranh giới phường");
        assert_eq!(map.context, "Bản đồ hành chính phường");
        // The same map in the footer is not content; nor is a map whose
        // element the page does not have.
        let f = page(&format!(
            r#"<body><div class="content"><h1>Tin tức</h1><p>Nội dung.</p></div>
            <footer><div id="ban-do"></div></footer>{script}</body>"#
        ));
        assert!(f.media.is_empty());
    }

    #[test]
    fn deeply_nested_markup_is_cut_not_parsed_for_minutes() {
        let depth = 200_000;
        let html = format!(
            "<body><p>Đỉnh</p>{}<p>Đáy</p>{}</body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let f = page(&html);
        // What stands above the cut is still read.
        assert!(
            f.text.starts_with("Đỉnh"),
            "{}",
            &f.text[..f.text.len().min(50)]
        );
        assert!(!f.text.contains("Đáy"));
    }

    #[test]
    fn ordinary_nesting_and_unclosed_paragraphs_are_not_cut() {
        let html = format!(
            "<body>{}<div><div><span>cuối</span></div></div></body>",
            "<p>đoạn <li>mục <br><TD>ô <Option>x <SOURCE>".repeat(5_000)
        );
        assert_eq!(within_nesting_limit(&html).len(), html.len());
        // Unclosed elements that do nest count, in any case.
        let html = "<DIV><Span>x ".repeat(MAX_NESTING);
        let cut = within_nesting_limit(&html);
        assert!(cut.len() < html.len() && cut.len() >= html.len() / 2 - 16);
        assert!(is_flat(b"OPTION") && !is_flat(b"options") && !is_flat(b"d"));
    }

    #[test]
    fn whole_page_is_content_when_no_container_is_named() {
        let f = page("<body><p>Lịch sử hình thành phường.</p><p>Đoạn hai.</p></body>");
        assert_eq!(f.text, "Lịch sử hình thành phường.\nĐoạn hai.");
    }
}
