//! From a stream of pages to one verdict per rule.
//!
//! Pages are judged as they arrive and dropped; only the best finding per rule
//! and what site-wide signals accumulate is kept, so memory does not grow with
//! the number of pages. A rule's verdict comes from the best evidence across
//! all pages.

use chrono::NaiveDate;
use std::collections::HashSet;

use super::signals::{Finding, Level, PageCtx, SiteState};
use super::{Evidence, Rule, RuleSet, Status, Verdict};
use crate::crawl::facts::truncate;
use crate::crawl::{DateRole, LinkKind, PageFacts, Region};
use crate::lang::Lang;
use crate::text::{self, FoldOnce, fold};

/// A topic page with less own text than this (headings aside) is empty.
const EMPTY_CHARS: usize = 200;

/// Phrases that mark a page as a placeholder.
const UPDATING: &[&str] = &[
    "dang cap nhat",
    "dang duoc cap nhat",
    "chua co du lieu",
    "chua co noi dung",
];

/// Phrases of an error page served as a page ("soft 404"): the article
/// behind the menu label is gone, as if the server had said 404.
const GONE: &[&str] = &[
    "khong ton tai",
    "da bi go bo",
    "da bi xoa",
    "khong tim thay trang",
    "page not found",
];

/// A page about the rule's topic, kept to report "the page is there but empty".
#[derive(Debug, Clone)]
struct TopicPage {
    url: String,
    record: Option<crate::archive::RecordRef>,
    title: String,
    opening: String,
    updating: bool,
    /// Its title or first heading names the rule, not only a link to it.
    named: bool,
    /// Only a section of the page is about the rule: `title` is the
    /// section's heading.
    section: bool,
    depth: u32,
}

impl TopicPage {
    /// Which of several topic pages is reported, the least first: a page
    /// whose own title names the topic, then the one nearest the home page,
    /// then by address, so the choice does not depend on which page the
    /// crawl happened to read first.
    fn rank(&self) -> (bool, bool, u32, &str) {
        (self.section, !self.named, self.depth, &self.url)
    }
}

#[derive(Debug, Default)]
struct RuleState {
    best: Option<Finding>,
    topic_page: Option<TopicPage>,
    site: SiteState,
    /// The level the rule's evidence has reached so far.
    level: Option<Level>,
    /// Pages fetched when it reached that level.
    found_after: Option<usize>,
}

/// Judges pages against every rule of a set.
#[derive(Debug)]
pub struct Evaluator<'r> {
    rules: &'r RuleSet,
    as_of: NaiveDate,
    states: Vec<RuleState>,
    pages: usize,
    /// The page count when some rule's evidence last got better.
    progressed_at: usize,
    /// The ward's own name, folded, without its unit word ("cua ong"), when
    /// its name says what unit it is.
    own_unit: Option<String>,
}

impl<'r> Evaluator<'r> {
    #[must_use]
    pub fn new(rules: &'r RuleSet, as_of: NaiveDate) -> Self {
        Self {
            rules,
            as_of,
            states: rules.rules.iter().map(|_| RuleState::default()).collect(),
            pages: 0,
            progressed_at: 0,
            own_unit: None,
        }
    }

    /// Judges the site of the ward or commune named `name` ("Phường Cửa
    /// Ông"): pages of another unit's organs are not its own. A name that
    /// does not start with its unit (a host name) changes nothing.
    #[must_use]
    pub fn for_unit(mut self, name: &str) -> Self {
        self.own_unit = text::unit_name(name);
        self
    }

    /// Judges one page against every rule.
    pub fn observe(&mut self, page: &PageFacts) {
        self.pages += 1;
        // For each field, which rules' phrases it holds: one pass a field
        // for all the rules.
        let fields = topic_fields(page);
        let mentions: Vec<Vec<bool>> = fields
            .iter()
            .map(|f| self.rules.topics.found_in(f))
            .collect();
        let whole_page = 2 + page.via.len();
        // A title naming another unit's organs (copied, or merged away), or
        // what a higher level handles (a province department's procedures,
        // re-posted). The title, the first heading, and the opening lines,
        // where a page pasted from another unit keeps its name in bold.
        let other_unit = {
            let heading = page.headings.first().map_or("", String::as_str);
            [page.title.as_str(), heading]
                .into_iter()
                .chain(text::lines(&page.text).take(OPENING_LINES))
                .find(|field| {
                    self.own_unit
                        .as_deref()
                        .is_some_and(|own| names_other_unit(field, own))
                        || names_higher_level(field)
                })
                .map(|field| truncate(field, 100))
        };
        // A login form where a page was linked ("Danh bạ" → "Đăng nhập")
        // publishes nothing: it is no topic page, empty or not.
        let wall = fields.iter().take(2).any(|f| login_wall(f));
        let folded_text = FoldOnce::new(&page.text);
        for (i, (rule, state)) in self.rules.rules.iter().zip(&mut self.states).enumerate() {
            let (topic, vetoed, vetoed_alone, named_with) =
                (4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3);
            // A field names a subject the rule excludes (some only when named
            // without another: the council, not with the committee).
            let excluded = |f: &Vec<bool>| f[vetoed] || (f[vetoed_alone] && !f[named_with]);
            // A page that is about an excluded subject ("Lịch tiếp công dân"
            // for the schedule rule) gives the rule no evidence at all.
            if wall || mentions.iter().take(2).any(excluded) {
                continue;
            }
            // A field is about the rule when it names it and is not excluded.
            let about = |f: &Vec<bool>| f[topic] && !excluded(f);
            // The page as a whole is about the rule: its title, first heading
            // or a link that led here names it.
            let primary = mentions.iter().take(whole_page).any(about);
            // Which of the page's later headings name it (indexes into
            // `page.headings`; fields past the title, first heading and links).
            let topic_headings: Vec<usize> = mentions[whole_page..]
                .iter()
                .enumerate()
                .filter(|(_, f)| about(f))
                .map(|(i, _)| i + 1)
                .collect();
            let on_topic = primary || !topic_headings.is_empty();
            let ctx = PageCtx {
                on_topic,
                primary,
                topic_headings: &topic_headings,
                own_unit: self.own_unit.as_deref(),
                another_unit: rule.own_unit_only && other_unit.is_some(),
                anchors: &rule.anchors,
                topic: &rule.topic,
                folded_text: &folded_text,
                as_of: self.as_of,
                lang: self.rules.lang,
            };
            for signal in &rule.signals {
                if !on_topic && !signal.anywhere() {
                    signal.off_topic(page, &folded_text, &mut state.site);
                    continue;
                }
                let Some(mut found) = signal.observe(page, &ctx, &mut state.site) else {
                    continue;
                };
                if let (true, Some(other), Level::Pass) =
                    (rule.own_unit_only, &other_unit, found.level)
                {
                    found.level = Level::Partial;
                    found.detail = match self.rules.lang {
                        Lang::Vi => format!("trang «{other}» là của đơn vị khác"),
                        Lang::En => format!("the page «{other}» is another unit's"),
                    };
                }
                if found.level == Level::Partial && !on_topic {
                    continue;
                }
                if state.best.as_ref().is_none_or(|b| found.beats(b)) {
                    state.best = Some(found);
                }
            }
            let level = concluded_level(self.as_of, self.rules.lang, rule, state);
            // Every test that reads pages checks the shortcut.
            debug_assert_eq!(
                level,
                conclude(self.as_of, self.rules.lang, rule, state).map(|f| f.level)
            );
            if level > state.level {
                state.level = level;
                state.found_after = Some(self.pages);
                self.progressed_at = self.pages;
            }
            let per_page = rule.signals.iter().any(|s| !s.site_wide());
            if per_page && (primary || on_topic) {
                let candidate = if primary {
                    let named = mentions.iter().take(2).any(about);
                    placeholder(page, named, folded_text.get())
                } else {
                    // A heading of the page other than the first names the
                    // rule.
                    let named: Vec<&str> = topic_headings
                        .iter()
                        .map(|&i| page.headings[i].as_str())
                        .collect();
                    empty_section(page, &named)
                };
                if let Some(candidate) = candidate {
                    let better = state
                        .topic_page
                        .as_ref()
                        .is_none_or(|kept| candidate.rank() < kept.rank());
                    if better {
                        state.topic_page = Some(candidate);
                    }
                }
            }
        }
    }

    /// Every rule has pass-level evidence: crawling further changes nothing.
    #[must_use]
    pub fn all_decided(&self) -> bool {
        self.states.iter().all(|s| s.level == Some(Level::Pass))
    }

    /// Pages judged since some rule's evidence last got better.
    #[must_use]
    pub fn pages_since_progress(&self) -> usize {
        self.pages - self.progressed_at
    }

    /// For each rule, how many pages had been fetched when its evidence was found.
    #[must_use]
    pub fn found_after(&self) -> Vec<(String, Option<usize>)> {
        self.rules
            .rules
            .iter()
            .zip(&self.states)
            .map(|(r, s)| (r.id.clone(), s.found_after))
            .collect()
    }

    /// The verdicts, one per rule in rule order.
    #[must_use]
    pub fn finish(self) -> Vec<Verdict> {
        self.rules
            .rules
            .iter()
            .zip(&self.states)
            .map(|(rule, state)| self.verdict(rule, state))
            .collect()
    }

    fn verdict(&self, rule: &Rule, state: &RuleState) -> Verdict {
        let text = &rule.text;
        let lang = self.rules.lang;
        let make = |status, confidence, summary: String, evidence| Verdict {
            id: rule.id.clone(),
            status,
            confidence: round2(confidence),
            summary,
            fix: text.fix.clone(),
            evidence,
        };
        if let Some(found) = conclude(self.as_of, lang, rule, state) {
            let (status, base) = match found.level {
                Level::Pass => (Status::Pass, &text.pass),
                Level::Partial => (Status::Partial, &text.partial),
            };
            return make(
                status,
                found.strength,
                format!("{base} ({})", found.detail),
                found.evidence,
            );
        }
        if let Some(page) = &state.topic_page {
            let why = match (page.updating, lang) {
                (true, Lang::Vi) if page.section => {
                    format!("mục «{}» chỉ ghi «Đang cập nhật»", page.title)
                }
                (true, Lang::En) if page.section => format!(
                    "the section «{}» only says «Đang cập nhật» (being updated)",
                    page.title
                ),
                (true, Lang::Vi) => format!("trang «{}» chỉ ghi «Đang cập nhật»", page.title),
                (true, Lang::En) => format!(
                    "the page «{}» only says «Đang cập nhật» (being updated)",
                    page.title
                ),
                (false, Lang::Vi) => {
                    format!("trang «{}» có nhưng chưa có nội dung cần thiết", page.title)
                }
                (false, Lang::En) => {
                    format!(
                        "the page «{}» exists but lacks the required content",
                        page.title
                    )
                }
            };
            return make(
                Status::Partial,
                0.6,
                format!("{} ({why})", text.partial),
                vec![Evidence {
                    url: page.url.clone(),
                    snippet: page.opening.clone(),
                    signal: "topic-page-only".into(),
                    record: page.record.clone(),
                }],
            );
        }
        // The more of the site was read, the surer "nothing there" is.
        let confidence = 0.4 + 0.5 * (self.pages as f64 / 40.0).min(1.0);
        make(Status::Fail, confidence, text.fail.clone(), Vec::new())
    }
}

/// The page as a placeholder: "Đang cập nhật", or hardly any text of its own
/// (headings and links, on lines of their own or within lines, do not count:
/// a "Danh bạ" page of links to its units, which hold the numbers, lists no
/// number itself). A page full of
/// other content is not a placeholder: the item is missing. Nor is an error
/// page served with 200 ("Bài viết không tồn tại"): the page is missing.
fn placeholder(page: &PageFacts, named: bool, folded: &str) -> Option<TopicPage> {
    let updating = says_updating(folded);
    // Looked up, not searched: a hostile page has thousands of both.
    let headings: HashSet<&str> = page.headings.iter().map(String::as_str).collect();
    // Counted over the whole text at once, which is several times cheaper
    // than line by line, less the line breaks and the headings, each a line
    // of it.
    let heading_chars: usize = headings.iter().map(|h| h.chars().count()).sum();
    let breaks = memchr::memchr_iter(b'\n', page.text.as_bytes()).count();
    let text_chars = page
        .text
        .chars()
        .count()
        .saturating_sub(heading_chars + breaks);
    // Links' words are the link's, whether a link is a line of its own or
    // part of one ("Xem thêm: Danh bạ các trường học").
    let link_chars: usize = page
        .links
        .iter()
        .filter(|k| k.region == Region::Main && !headings.contains(k.text.as_str()))
        .map(|k| k.text.chars().count())
        .sum();
    let own_chars = text_chars.saturating_sub(link_chars);
    let gone = own_chars < EMPTY_CHARS && says_gone(folded);
    (!gone && (updating || own_chars < EMPTY_CHARS)).then(|| TopicPage {
        url: page.url.to_string(),
        record: page.record.clone(),
        title: if page.title.is_empty() {
            page.url.to_string()
        } else {
            page.title.clone()
        },
        opening: truncate(&page.text.replace('\n', " "), 200),
        updating,
        named,
        section: false,
        depth: page.depth,
    })
}

/// Whether folded text says its content is being updated.
pub(crate) fn says_updating(folded: &str) -> bool {
    UPDATING.iter().any(|u| folded.contains(u))
}

/// Whether folded text is an error page's: what was linked is gone.
pub(crate) fn says_gone(folded: &str) -> bool {
    GONE.iter().any(|g| folded.contains(g))
}

/// Characters at most of the line under a heading that says the section is
/// being updated, and nothing more.
const UPDATING_LINE_CHARS: usize = 60;

/// A section of a longer page about the rule, under one of `headings`, that
/// only says it is being updated: "Bản đồ địa giới hành chính" and then
/// "Đang cập nhật…", one tab of a "Giới thiệu" page whose other tabs are full.
fn empty_section(page: &PageFacts, headings: &[&str]) -> Option<TopicPage> {
    if headings.is_empty() {
        return None;
    }
    let lines: Vec<&str> = text::lines(&page.text).collect();
    lines.windows(2).find_map(|pair| {
        let (heading, next) = (pair[0], pair[1]);
        let only_updating = headings.contains(&heading)
            && next.chars().count() <= UPDATING_LINE_CHARS
            && says_updating(&fold(next));
        only_updating.then(|| TopicPage {
            url: page.url.to_string(),
            record: page.record.clone(),
            title: heading.to_owned(),
            opening: truncate(&format!("{heading} {next}"), 200),
            updating: true,
            named: false,
            section: true,
            depth: page.depth,
        })
    })
}

/// A rule's best finding so far: per-page evidence, or what site-wide
/// signals conclude from everything recorded.
fn conclude(as_of: NaiveDate, lang: Lang, rule: &Rule, state: &RuleState) -> Option<Finding> {
    let mut best = state.best.clone();
    for signal in &rule.signals {
        if let Some(found) = signal.conclude(&state.site, as_of, lang) {
            if best.as_ref().is_none_or(|b| found.beats(b)) {
                best = Some(found);
            }
        }
    }
    // What passes is incomplete when the site itself shows gaps in it (a
    // procedure list's field that says "Đang cập nhật").
    if let Some(found) = best.as_mut().filter(|f| f.level == Level::Pass) {
        if let Some((gap, evidence)) = rule.signals.iter().find_map(|s| s.gaps(&state.site, lang)) {
            found.level = Level::Partial;
            found.strength = found.strength.min(GAP_STRENGTH);
            found.detail = format!("{}; {gap}", found.detail);
            found.evidence.extend(evidence);
        }
    }
    best
}

/// How sure a pass lowered by gaps the site shows is.
const GAP_STRENGTH: f64 = 0.7;

/// The level of what `conclude` would give, without copying the finding
/// (this runs for every rule after every page): findings are ranked by
/// level first, so the best one's level is the highest.
fn concluded_level(as_of: NaiveDate, lang: Lang, rule: &Rule, state: &RuleState) -> Option<Level> {
    rule.signals
        .iter()
        .filter_map(|signal| signal.conclude(&state.site, as_of, lang))
        .map(|found| found.level)
        .chain(state.best.as_ref().map(|best| best.level))
        .max()
        .map(|level| match level {
            Level::Pass if rule.signals.iter().any(|s| s.has_gaps(&state.site)) => Level::Partial,
            level => level,
        })
}

/// Verdicts for a ward whose site could not be audited.
#[must_use]
pub fn error_verdicts(rules: &RuleSet, reason: &str) -> Vec<Verdict> {
    rules
        .rules
        .iter()
        .map(|rule| Verdict {
            id: rule.id.clone(),
            status: Status::Error,
            confidence: 0.0,
            summary: match rules.lang {
                Lang::Vi => format!("Không kiểm tra được trang web: {reason}"),
                Lang::En => format!("The site could not be checked: {reason}"),
            },
            fix: rules
                .lang
                .pick(
                    "Kiểm tra trang web có truy cập được từ Internet, rồi chạy lại kiểm tra.",
                    "Check that the site can be reached from the Internet, then run the check again.",
                )
                .into(),
            evidence: Vec::new(),
        })
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Title, first heading, the anchors that led here, then the other headings:
/// all folded. The first `2 + via.len()` say what the page as a whole is.
/// Lines of a page's text read for another unit's name.
const OPENING_LINES: usize = 3;
/// A unit's organs, folded, as a title names them before the unit.
const ORGANS: &[&str] = &[
    "ubnd",
    "uy ban nhan dan",
    "dang uy",
    "hdnd",
    "hoi dong nhan dan",
];
/// Words after a unit word that are no unit's name, in a title in capitals:
/// "UBND PHƯỜNG, XÃ", "UBND XÃ NHIỆM KỲ …".
const NOT_NAMES: &[&str] = &[
    "phuong", "xa", "thi", "hoi", "nhiem", "va", "cac", "moi", "cu", "ngay", "nam",
];

/// Whether a page's folded title or first heading is a login form's:
/// "Đăng nhập - UBND xã Sơn Hà", "Login", "Sign in".
fn login_wall(folded: &str) -> bool {
    ["dang nhap", "login", "log in", "sign in"].iter().any(|w| {
        folded
            .strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// Whether `text` names another unit's organs, and not the ward's own:
/// "UBND xã Yên Lâm" on Yên Thanh's site, but not "trụ sở UBND phường Cửa
/// Ông (trước đây là UBND phường Văn Đức)". The unit's name is the
/// capitalised words after the unit word ("Đảng ủy xã, Chủ tịch UBND" and
/// "UBND phường ngày 02/7" name none); `own` is the ward's own, folded.
fn names_other_unit(text: &str, own: &str) -> bool {
    let mut other = false;
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    for i in 0..words.len() {
        let unit_end = match folded[i].as_str() {
            "phuong" | "xa" => i,
            "thi" if folded.get(i + 1).is_some_and(|w| w == "tran") => i + 1,
            _ => continue,
        };
        if ends_in_mark(words[unit_end]) {
            continue;
        }
        let before = folded[i.saturating_sub(4)..i].join(" ");
        if !ORGANS.iter().any(|organ| before.ends_with(organ)) {
            continue;
        }
        let mut name: Vec<&str> = Vec::new();
        for word in &words[unit_end + 1..] {
            if !word.chars().next().is_some_and(char::is_uppercase) || name.len() == 4 {
                break;
            }
            name.push(word);
            if ends_in_mark(word) {
                break;
            }
        }
        let name = fold(&name.join(" "));
        let first = name.split(' ').next().unwrap_or("");
        if first.is_empty() || NOT_NAMES.contains(&first) {
            continue;
        }
        if name.starts_with(own) || own.starts_with(&name) {
            return false;
        }
        other = true;
    }
    other
}

/// Whether `text` says what it lists is handled above the ward: "thuộc
/// thẩm quyền giải quyết của Sở Nông nghiệp và Môi trường", "… của UBND
/// tỉnh", "thủ tục hành chính cấp tỉnh". A ward re-posting the province's
/// announcements publishes the province's list, not its own.
fn names_higher_level(text: &str) -> bool {
    // Asked of a few fields of every page: most name no competence.
    if !text.contains("quyền")
        && !text.contains("QUYỀN")
        && !text.contains("cấp")
        && !text.contains("CẤP")
    {
        return false;
    }
    let folded = fold(text);
    let higher = |after: &str| {
        let after = after.trim_start();
        let after = after
            .strip_prefix("giai quyet")
            .unwrap_or(after)
            .trim_start();
        let after = after.strip_prefix("cua").unwrap_or(after).trim_start();
        let after = after.strip_prefix("chu tich").unwrap_or(after).trim_start();
        HIGHER_LEVELS.iter().any(|h| {
            after.strip_prefix(h).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric())
            })
        })
    };
    folded
        .match_indices("tham quyen")
        .any(|(i, m)| higher(&folded[i + m.len()..]))
        || ["thu tuc hanh chinh cap", "tthc cap"].iter().any(|lead| {
            folded
                .match_indices(lead)
                .any(|(i, m)| higher(&folded[i + m.len() - "cap".len()..]))
        })
}

/// What follows "thẩm quyền (giải quyết) của" when a level above the ward
/// handles it, folded.
const HIGHER_LEVELS: &[&str] = &[
    "so",
    "cac so",
    "cap tinh",
    "cap huyen",
    "cap trung uong",
    "ubnd tinh",
    "ubnd thanh pho",
    "ubnd huyen",
    "ubnd quan",
    "ubnd cap tinh",
    "uy ban nhan dan tinh",
    "uy ban nhan dan thanh pho",
    "uy ban nhan dan huyen",
    "uy ban nhan dan quan",
    "uy ban nhan dan cap tinh",
];

/// Whether a word ends in punctuation: "xã," ends a phrase.
fn ends_in_mark(word: &str) -> bool {
    word.ends_with(|c: char| !c.is_alphanumeric())
}

fn topic_fields(page: &PageFacts) -> Vec<String> {
    // A heading that is the title of a listed post (a link with the post's
    // date beside it) says what that post is about, not this page: a news
    // list with "Lịch sử hình thành Trường Tiểu học …" among its headlines
    // is no history. A section's heading linking to the section ("Lịch
    // công tác" over this week's days) still names the page's content. It
    // stays a field, empty, so the fields keep their places.
    let listed: HashSet<&str> = page
        .dates
        .iter()
        .filter(|d| d.role == DateRole::Listed)
        .map(|d| d.key.as_str())
        .collect();
    let about_page = |h: &String| {
        let post_title = !listed.is_empty()
            && page.links.iter().any(|l| {
                l.region == Region::Main
                    && l.kind == LinkKind::Page
                    && l.text == *h
                    && listed.contains(l.url.as_str())
            });
        if post_title { String::new() } else { fold(h) }
    };
    let mut fields = vec![
        fold(&page.title),
        page.headings.first().map(about_page).unwrap_or_default(),
    ];
    fields.extend(page.via.iter().map(|v| fold(v)));
    fields.extend(page.headings.iter().skip(1).map(about_page));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::facts::extract_alone;
    use std::fmt::Write as _;
    use url::Url;

    fn page(path: &str, title: &str, text: &str) -> PageFacts {
        page_of(path, title, title, &format!("<p>{text}</p>"))
    }

    /// A page with its own title, first heading and content markup.
    fn page_of(path: &str, title: &str, heading: &str, content: &str) -> PageFacts {
        page_via(path, &[], title, heading, content)
    }

    /// The same, reached by links labelled `via`.
    fn page_via(path: &str, via: &[&str], title: &str, heading: &str, content: &str) -> PageFacts {
        let url = Url::parse(&format!("http://ward.test{path}")).unwrap();
        let html = format!(
            "<html><head><title>{title}</title></head><body><div class=\"content\"><h1>{heading}</h1>{content}</div></body></html>"
        );
        let via = via.iter().map(|v| (*v).to_owned()).collect();
        extract_alone(&url, 1, via, &html, crate::crawl::facts::TEST_DAY)
    }

    fn verdict(id: &str, pages: &[PageFacts]) -> Verdict {
        verdict_for("", id, pages)
    }

    /// The verdict for the ward named `ward` (see `Evaluator::for_unit`).
    fn verdict_for(ward: &str, id: &str, pages: &[PageFacts]) -> Verdict {
        let rules = RuleSet::embedded().unwrap();
        let mut evaluator =
            Evaluator::new(&rules, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).for_unit(ward);
        for p in pages {
            evaluator.observe(p);
        }
        evaluator.finish().into_iter().find(|v| v.id == id).unwrap()
    }

    fn phone_verdict(pages: &[PageFacts]) -> Verdict {
        verdict("phone-directory", pages)
    }

    #[test]
    fn another_units_organs_are_told_from_the_wards_own() {
        let own = "yen thanh";
        for other in [
            "CƠ CẤU TỔ CHỨC BỘ MÁY ĐẢNG ỦY, HĐND, UBND XÃ YÊN LÂM",
            "Lãnh đạo UBND phường Văn Đức nhiệm kỳ 2021 – 2026",
            "Danh bạ Ủy ban nhân dân thị trấn Kinh Môn",
        ] {
            assert!(names_other_unit(other, own), "{other}");
        }
        for not_other in [
            "Cơ cấu tổ chức – UBND xã Yên Thanh",
            "CƠ CẤU TỔ CHỨC UBND XÃ YÊN THANH",
            // No name after the unit word: a position, a date, a list.
            "Đồng chí Hoàng Văn Thắng – Bí thư Đảng ủy xã, Chủ tịch UBND xã",
            "Cập nhật theo Quyết định của UBND phường ngày 02/7/2025",
            "Thủ tục hành chính cấp xã, phường",
            "UBND PHƯỜNG, XÃ TRÊN ĐỊA BÀN",
            // Its own name beside a former one: a merged unit says where it came from.
            "Trụ sở UBND xã Yên Thanh (trước đây là trụ sở UBND xã Yên Lâm)",
            // A unit named without its organs is a place, not a page's owner.
            "Giáp xã Yên Lâm về phía Đông",
        ] {
            assert!(!names_other_unit(not_other, own), "{not_other}");
        }
    }

    #[test]
    fn what_a_higher_level_handles_is_told_from_the_wards_own() {
        for higher in [
            "Công bố danh mục thủ tục hành chính mới ban hành lĩnh vực Đất đai thuộc thẩm quyền giải quyết của Sở Nông nghiệp và Môi trường",
            "DANH MỤC TTHC THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA CHỦ TỊCH UBND TỈNH",
            "Thủ tục hành chính thuộc thẩm quyền của UBND thành phố Hà Nội",
            "Danh mục thủ tục hành chính cấp tỉnh",
        ] {
            assert!(names_higher_level(higher), "{higher}");
        }
        for own in [
            "Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND cấp xã",
            "TTHC thuộc thẩm quyền của UBND phường Tân Định",
            "Thủ tục thuộc thẩm quyền tiếp nhận của Bộ phận một cửa",
            "Thủ tục hành chính cấp xã",
            "Sở thích và cấp độ",
        ] {
            assert!(!names_higher_level(own), "{own}");
        }
    }

    #[test]
    fn a_login_form_where_a_directory_was_linked_is_no_topic_page() {
        // Reached by the menu's "Danh bạ", redirected to the login form.
        let wall = |title: &str| {
            page_via(
                "/dang-nhap",
                &["Danh bạ"],
                title,
                title,
                "<p>Vui lòng đăng nhập để xem nội dung.</p>\
                 <form><input name=\"u\"><input type=\"password\" name=\"p\"></form>",
            )
        };
        for title in ["Đăng nhập - UBND xã Sơn Hà", "Login", "ĐĂNG NHẬP"] {
            assert_eq!(
                phone_verdict(&[wall(title)]).status,
                Status::Fail,
                "{title}"
            );
        }
        // The same empty page under the directory's own title is partial.
        let empty = wall("Danh bạ điện thoại");
        assert_eq!(phone_verdict(&[empty]).status, Status::Partial);
        assert!(login_wall("dang nhap he thong"));
        assert!(!login_wall("dang nhapkhau"));
    }

    #[test]
    fn a_listed_post_s_headline_does_not_make_its_list_a_history() {
        let excerpt = "<p>Hướng tới kỷ niệm 60 năm Ngày thành lập trường (1966 – 2026), \
                       Trang thông tin điện tử phường giới thiệu quá trình hình thành và phát triển \
                       của nhà trường qua các thời kỳ, những thế hệ thầy và trò, truyền thống dạy tốt, \
                       học tốt được giữ gìn suốt sáu mươi năm.</p>";
        let mut posts = String::new();
        for (id, title) in [
            (
                1,
                "Tổ dân phố số 12 tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
            ),
            (
                2,
                "Lịch sử hình thành và phát triển của phường qua các thời kỳ",
            ),
            (
                3,
                "Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân",
            ),
        ] {
            let _ = write!(
                posts,
                "<article><h2><a href=\"/?p={id}\">{title}</a></h2><div>1{id}/11/2026</div>{excerpt}{excerpt}</article>"
            );
        }
        let list = page_of(
            "/?cat=3",
            "Tin tức - Sự kiện",
            "Lưu trữ chuyên mục: Tin tức",
            &posts,
        );
        assert!(list.dates.iter().any(|d| d.role == DateRole::Listed));
        assert_eq!(verdict("local-history", &[list]).status, Status::Fail);
        // The same headings, not links to listed posts, are the page's own.
        let own = posts.replace("<a href=\"/?p=2\">", "<a>");
        let sections = page_of("/gioi-thieu", "Giới thiệu", "Giới thiệu chung", &own);
        assert_ne!(verdict("local-history", &[sections]).status, Status::Fail);
    }

    #[test]
    fn a_history_posted_before_the_2025_merger_is_partial() {
        let history = |stamp: &str| {
            let mut text = format!("<p class=\"meta\">Ngày đăng: {stamp} 08:00</p>");
            for _ in 0..6 {
                text += "<p>Vùng đất xã Thụy Vân được hình thành từ thế kỷ XV. Trong hai cuộc kháng chiến, \
                         Đảng bộ và nhân dân trong xã đã đóng góp sức người, sức của; nhiều người con \
                         của quê hương đã hy sinh, được truy tặng danh hiệu liệt sĩ, Bà mẹ Việt Nam anh hùng.</p>";
            }
            page_of(
                "/lich-su",
                "Lịch sử truyền thống",
                "LỊCH SỬ TRUYỀN THỐNG XÃ THỤY VÂN",
                &text,
            )
        };
        let old = verdict("local-history", &[history("14/03/2019")]);
        assert_eq!(old.status, Status::Partial);
        assert!(
            old.summary
                .contains("đăng ngày 14/03/2019, trước khi sắp xếp đơn vị hành chính"),
            "{}",
            old.summary
        );
        assert_eq!(
            verdict("local-history", &[history("14/03/2026")]).status,
            Status::Pass
        );
    }

    /// A paragraph of history, over 80 characters, with two cues.
    const HISTORY: &str = "<p>Vùng đất xã Tân Lập được hình thành từ thế kỷ XVIII. Trong hai cuộc kháng chiến, \
                           Đảng bộ và nhân dân trong xã đã đóng góp sức người, sức của cho cách mạng.</p>";
    /// A paragraph of geography and figures, with no cue.
    const GEOGRAPHY: &str = "<p>Xã có tổng diện tích tự nhiên 98,46 km², dân số 31.582 người với 8.214 hộ, \
                             gồm 17 ấp; địa hình chủ yếu là đồi thấp xen kẽ thung lũng, đất đỏ bazan.</p>";

    #[test]
    fn an_introduction_is_judged_on_its_history_section_or_paragraphs() {
        let intro = |history_paragraphs: usize| {
            let mut tabs = format!("<h2>Tổng quan</h2>{}", GEOGRAPHY.repeat(6));
            tabs += "<h2>Lịch sử hình thành</h2>";
            tabs += &HISTORY.repeat(history_paragraphs);
            let _ = write!(tabs, "<h2>Vị trí địa lý</h2>{}", GEOGRAPHY.repeat(3));
            page_of(
                "/gioi-thieu",
                "Giới thiệu chung",
                "Giới thiệu xã Tân Lập",
                &tabs,
            )
        };
        // One paragraph in its tab, however long the other tabs are.
        let short = verdict("local-history", &[intro(1)]);
        assert_eq!(short.status, Status::Partial, "{}", short.summary);
        assert!(
            short.summary.contains("Lịch sử hình thành"),
            "{}",
            short.summary
        );
        let long = verdict("local-history", &[intro(8)]);
        assert_eq!(long.status, Status::Pass, "{}", long.summary);
        // Sub-headings of lower rank stay in the section.
        let mut parts = String::from("<h2>Lịch sử hình thành</h2>");
        for period in [
            "Thời kỳ trước năm 1945",
            "Thời kỳ kháng chiến",
            "Thời kỳ đổi mới",
        ] {
            let _ = write!(parts, "<h3>{period}</h3>{HISTORY}{HISTORY}{HISTORY}");
        }
        let page = page_of(
            "/gioi-thieu",
            "Giới thiệu chung",
            "Giới thiệu xã Tân Lập",
            &format!("{parts}<h2>Vị trí địa lý</h2>{}", GEOGRAPHY.repeat(3)),
        );
        assert_eq!(verdict("local-history", &[page]).status, Status::Pass);
        // An overview with no history heading: only its paragraphs with a cue.
        let overview = |history_paragraphs: usize| {
            let text = GEOGRAPHY.repeat(8) + &HISTORY.repeat(history_paragraphs);
            page_of("/tong-quan", "Tổng quan", "Tổng quan xã Tân Lập", &text)
        };
        assert_eq!(
            verdict("local-history", &[overview(1)]).status,
            Status::Partial
        );
        assert_eq!(
            verdict("local-history", &[overview(8)]).status,
            Status::Pass
        );
        // A page titled as the history is read whole.
        let whole = page_of(
            "/lich-su",
            "Lịch sử hình thành",
            "Lịch sử hình thành xã Tân Lập",
            &(HISTORY.repeat(2) + &GEOGRAPHY.repeat(5)),
        );
        assert_eq!(verdict("local-history", &[whole]).status, Status::Pass);
    }

    #[test]
    fn a_map_of_a_ward_merged_away_is_partial() {
        let map = |caption: &str| {
            page_of(
                "/gioi-thieu/ban-do-hanh-chinh",
                "Bản đồ hành chính",
                "Bản đồ hành chính",
                &format!(
                    "<figure><img src=\"/uploads/ban-do.jpg\" alt=\"\"><figcaption>{caption}</figcaption></figure>"
                ),
            )
        };
        let old = map("Bản đồ hành chính phường Hòa Khánh Bắc, quận Liên Chiểu (năm 2019)");
        let found = verdict_for(
            "Phường Hòa Khánh",
            "boundary-map",
            std::slice::from_ref(&old),
        );
        assert_eq!(found.status, Status::Partial, "{}", found.summary);
        assert!(found.summary.contains("Hòa Khánh Bắc"), "{}", found.summary);
        // The ward's own map; and without the ward's name, nothing to tell.
        let own = map("Bản đồ hành chính phường Hòa Khánh (sau sắp xếp)");
        assert_eq!(
            verdict_for("Phường Hòa Khánh", "boundary-map", &[own]).status,
            Status::Pass
        );
        assert_eq!(verdict("boundary-map", &[old]).status, Status::Pass);
    }

    #[test]
    fn a_stale_schedule_is_not_dated_by_its_update_stamp() {
        let week = |stamp: &str| {
            page_of(
                "/lich-cong-tac-tuan-36",
                "Lịch công tác tuần 36",
                "Lịch công tác tuần 36 (từ 31/8 đến 06/9/2026)",
                &format!(
                    "<p class=\"meta\">{stamp}</p><table><tr><td>Thứ Hai (31/8)</td><td>7h30: Giao ban UBND phường</td></tr>\
                     <tr><td>Thứ Ba (01/9)</td><td>8h00: Làm việc tại trụ sở</td></tr></table>"
                ),
            )
        };
        let updated = week("Ngày đăng: 28/08/2026 16:30:12 | Ngày cập nhật: 19/11/2026 08:02:45");
        assert_eq!(verdict("work-schedule", &[updated]).status, Status::Partial);
        // The same week's page dated by a clock time alone is no different.
        let plain = week("28/08/2026 16:30");
        assert_eq!(verdict("work-schedule", &[plain]).status, Status::Partial);
    }

    #[test]
    fn a_procedure_list_of_a_merged_away_commune_is_partial_and_not_pooled() {
        let list = |path: &str, unit: &str, from: usize| {
            let mut rows = String::new();
            for i in from..from + 8 {
                let _ = write!(
                    rows,
                    "<tr><td>{i}</td><td>Đăng ký khai sinh loại {i}</td><td>UBND xã</td></tr>"
                );
            }
            page_of(
                path,
                "Thủ tục hành chính",
                &format!(
                    "Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã {unit}"
                ),
                &format!("<table>{rows}</table>"),
            )
        };
        // Eight procedures on each of two pages of the ward's own pool to
        // sixteen, a pass; one of the pages another commune's, they do not.
        let own = [
            list("/tthc/1", "Thụy Vân", 1),
            list("/tthc/2", "Thụy Vân", 9),
        ];
        assert_eq!(
            verdict_for("Xã Thụy Vân", "tthc-list", &own).status,
            Status::Pass
        );
        let mixed = [
            list("/tthc/1", "Thụy Vân", 1),
            list("/tthc/2", "Thanh Đình", 9),
        ];
        assert_eq!(
            verdict_for("Xã Thụy Vân", "tthc-list", &mixed).status,
            Status::Partial
        );
    }

    #[test]
    fn a_structure_pasted_from_another_commune_is_partial_for_a_named_ward() {
        let leaders = "<p><strong>CƠ CẤU TỔ CHỨC BỘ MÁY ĐẢNG ỦY, HĐND, UBND XÃ YÊN LÂM</strong></p>\
             <ul><li>Đồng chí Nguyễn Đức Hải – Bí thư Đảng ủy xã</li>\
             <li>Đồng chí Trần Văn Tuấn – Chủ tịch UBND xã</li>\
             <li>Đồng chí Vũ Thị Hạnh – Phó Chủ tịch UBND xã</li>\
             <li>Đồng chí Lê Văn Nam – Phó Chủ tịch UBND xã</li>\
             <li>Bà Phạm Thị Lan – Công chức Văn phòng – Thống kê</li></ul>";
        let pasted = page_of(
            "/co-cau",
            "Cơ cấu tổ chức – UBND xã Yên Thanh",
            "Cơ cấu tổ chức",
            leaders,
        );
        let named = verdict_for(
            "Xã Yên Thanh",
            "org-structure",
            std::slice::from_ref(&pasted),
        );
        assert_eq!(named.status, Status::Partial, "{}", named.summary);
        assert!(named.summary.contains("XÃ YÊN LÂM"), "{}", named.summary);
        // A ward known only by its host name: nothing to tell it from.
        let unnamed = verdict_for("yenthanh.example.gov.vn", "org-structure", &[pasted]);
        assert_eq!(unnamed.status, Status::Pass, "{}", unnamed.summary);
    }

    #[test]
    fn desk_staff_are_found_in_a_section_of_the_phone_directory() {
        let row = |n: &str, position: &str| {
            format!("<tr><td>{n}</td><td>{position}</td><td>0354.218.907</td></tr>")
        };
        let rows = [
            row("Lê Văn Mạnh", "Trưởng Công an xã"),
            row(
                "Đỗ Thị Ngọc Mai",
                "Công chức tiếp nhận hồ sơ lĩnh vực Tư pháp – Hộ tịch (quầy số 1)",
            ),
            row(
                "Vũ Văn Quyết",
                "Công chức tiếp nhận hồ sơ lĩnh vực Đất đai (quầy số 2)",
            ),
        ];
        let directory = |rows: &[String]| {
            page_of(
                "/danh-ba",
                "Danh bạ điện thoại",
                "Danh bạ điện thoại",
                &format!("<table>{}</table>", rows.concat()),
            )
        };
        let found = verdict("receiving-staff", &[directory(&rows)]);
        assert_eq!(found.status, Status::Pass, "{}", found.summary);
        // One such person on a page about something else is no list.
        let one = verdict("receiving-staff", &[directory(&rows[..2])]);
        assert_eq!(one.status, Status::Fail, "{}", one.summary);
    }

    #[test]
    fn an_error_page_served_with_200_is_no_topic_page() {
        let gone = page(
            "/Article/10005@/1.html",
            "Bản đồ hành chính",
            "Bài viết không tồn tại hoặc đã bị gỡ bỏ.",
        );
        assert_eq!(verdict("boundary-map", &[gone]).status, Status::Fail);
        let updating = page(
            "/ban-do",
            "Bản đồ hành chính",
            "Nội dung đang được cập nhật.",
        );
        assert_eq!(verdict("boundary-map", &[updating]).status, Status::Partial);
    }

    #[test]
    fn a_procedures_own_page_is_no_list_of_procedures() {
        let fields = "<table>\
            <tr><td>Mã thủ tục</td><td>1.001193</td></tr>\
            <tr><td>Tên thủ tục</td><td>Đăng ký khai sinh</td></tr>\
            <tr><td>Cơ quan thực hiện</td><td>Ủy ban nhân dân cấp xã</td></tr>\
            <tr><td>Trình tự thực hiện</td><td>Bước 1: Nộp hồ sơ đăng ký khai sinh. Bước 2: Công chức tư pháp kiểm tra, cấp giấy khai sinh.</td></tr>\
            <tr><td>Thành phần hồ sơ</td><td>Tờ khai đăng ký khai sinh; giấy chứng sinh.</td></tr>\
            <tr><td>Thời hạn giải quyết</td><td>Ngay trong ngày; thực hiện cấp bản sao trích lục.</td></tr>\
            </table>";
        let one = page_of(
            "/tthc/1012",
            "Thủ tục hành chính",
            "Đăng ký khai sinh",
            fields,
        );
        assert_eq!(verdict("tthc-list", &[one]).status, Status::Fail);
        // The same words as a list's header row are a list's.
        let list = page_of(
            "/tthc",
            "Thủ tục hành chính",
            "Danh mục thủ tục hành chính",
            "<table><tr><td>Mã thủ tục</td><td>Tên thủ tục</td><td>Cơ quan thực hiện</td></tr>\
             <tr><td>1.001193</td><td>Đăng ký khai sinh</td><td>UBND xã</td></tr>\
             <tr><td>1.000894</td><td>Đăng ký kết hôn</td><td>UBND xã</td></tr></table>",
        );
        assert_eq!(verdict("tthc-list", &[list]).status, Status::Partial);
    }

    #[test]
    fn the_council_is_kept_out_of_the_structure_unless_the_committee_is_named_with_it() {
        let leaders = "<p>Đồng chí Đinh Công Tráng</p><p>Bí thư Đảng ủy, Chủ tịch HĐND phường</p>\
             <p>Đồng chí Lê Minh Quân</p><p>Chủ tịch UBND phường</p>\
             <p>Đồng chí Trần Văn Bình</p><p>Phó Chủ tịch UBND phường</p>\
             <p>Đồng chí Phạm Thị Thu Trang</p><p>Phó Chủ tịch UBND phường</p>";
        let together = page_of(
            "/lanh-dao",
            "Lãnh đạo phường",
            "Lãnh đạo Đảng ủy, HĐND, UBND phường Nguyễn Trãi",
            leaders,
        );
        assert_eq!(verdict("org-structure", &[together]).status, Status::Pass);
        // The site's name in the title names the committee; the heading,
        // judged on its own, still says this is the council.
        let council = page_of(
            "/hdnd",
            "Lãnh đạo phường - UBND phường Tân Dân",
            "Thường trực HĐND phường Tân Dân",
            leaders,
        );
        assert_eq!(verdict("org-structure", &[council]).status, Status::Fail);
        // The leaders' weekly schedule names them with their positions, and
        // naming the committee does not lift that exclusion.
        let schedule = page_of(
            "/lich",
            "Lịch làm việc của lãnh đạo UBND phường",
            "Lịch làm việc của lãnh đạo UBND phường tuần 47",
            leaders,
        );
        assert_eq!(verdict("org-structure", &[schedule]).status, Status::Fail);
    }

    #[test]
    fn a_section_that_is_only_being_updated_is_an_empty_topic_page() {
        let history = "<p>Vùng đất Kiến Thụy có lịch sử khai phá từ rất sớm, \
             cư dân Việt cổ đã đến đây quần cư, trồng lúa nước.</p>"
            .repeat(6);
        let tabs = |map_section: &str| {
            page_of(
                "/gioi-thieu.html",
                "Giới thiệu – UBND xã Kiến Thụy",
                "Giới thiệu xã Kiến Thụy",
                &format!(
                    "<h2>Lịch sử hình thành</h2>{history}\
                     <h2>Bản đồ địa giới hành chính xã Kiến Thụy</h2>{map_section}\
                     <h2>Liên hệ</h2><p>Trụ sở UBND xã, số 168 đường Núi Đối.</p>"
                ),
            )
        };
        let empty = verdict("boundary-map", &[tabs("<p><em>Đang cập nhật…</em></p>")]);
        assert_eq!(empty.status, Status::Partial);
        assert!(
            empty
                .summary
                .contains("mục «Bản đồ địa giới hành chính xã Kiến Thụy»"),
            "{}",
            empty.summary
        );
        // Under another heading, "đang cập nhật" says nothing of the map.
        let elsewhere = page_of(
            "/gioi-thieu.html",
            "Giới thiệu",
            "Giới thiệu xã Kiến Thụy",
            &format!(
                "<h2>Lịch sử hình thành</h2>{history}<h2>Danh bạ</h2><p>Đang cập nhật…</p>\
                 <h2>Bản đồ địa giới hành chính xã Kiến Thụy</h2>\
                 <p>Xã giáp phường Đồ Sơn ở phía Đông và xã Kiến Minh ở phía Tây.</p>"
            ),
        );
        assert_eq!(verdict("boundary-map", &[elsewhere]).status, Status::Fail);
    }

    #[test]
    fn office_hours_in_the_sidebar_count_read_from_the_start_page() {
        let html = "<html><head><title>Trang chủ</title></head><body>\
             <div class=\"content\"><h1>Tin tức</h1><p>Phường tổ chức hội nghị.</p></div>\
             <div class=\"sidebar\"><div class=\"widget\"><h3>Thời gian làm việc</h3>\
             <p>Sáng: từ 7h30 đến 11h30</p><p>Chiều: từ 13h30 đến 17h00</p></div></div></body></html>";
        let url = Url::parse("http://ward.test/").unwrap();
        let start = extract_alone(&url, 0, vec![], html, crate::crawl::facts::TEST_DAY);
        assert!(
            !start.text.contains("7h30"),
            "the hours are chrome: {}",
            start.text
        );
        let found = verdict("work-schedule", &[start]);
        assert_eq!(found.status, Status::Pass);
        assert!(
            found.evidence[0].snippet.contains("7h30"),
            "{:?}",
            found.evidence
        );
        // Further pages are not read for it: the chrome is the same.
        let inner = extract_alone(
            &url.join("/tin/1").unwrap(),
            1,
            vec![],
            html,
            crate::crawl::facts::TEST_DAY,
        );
        assert_eq!(verdict("work-schedule", &[inner]).status, Status::Fail);
    }

    #[test]
    fn a_directory_page_of_links_to_its_units_is_an_empty_topic_page() {
        let units: String = [
            "Đảng ủy xã",
            "Hội đồng nhân dân xã",
            "Ủy ban nhân dân xã",
            "Công an xã",
            "Ban Chỉ huy quân sự xã",
            "Ủy ban MTTQ Việt Nam xã",
        ]
        .iter()
        .enumerate()
        .fold(String::new(), |mut rows, (i, u)| {
            let _ = write!(
                rows,
                "<tr><td>{u}</td><td><a href=\"/danh-ba/{i}\">Xem danh bạ đơn vị {u}</a></td></tr>"
            );
            rows
        });
        let links = page_of(
            "/danh-ba",
            "Danh bạ điện thoại",
            "Danh bạ điện thoại",
            &format!("<p>Danh bạ các cơ quan, đơn vị thuộc xã:</p><table>{units}</table>"),
        );
        let found = phone_verdict(&[links]);
        assert_eq!(found.status, Status::Partial, "{}", found.summary);
        // A link within a line of text is the link's words too.
        let see_also = page_of(
            "/danh-ba",
            "Danh bạ điện thoại",
            "Danh bạ điện thoại",
            &format!(
                "<p>Danh bạ các cơ quan, đơn vị thuộc xã:</p><table>{units}</table>\
                 <p>Xem thêm: <a href=\"/danh-ba-truong-hoc\">Danh bạ điện thoại các trường học, \
                 trạm y tế và các đơn vị sự nghiệp trên địa bàn xã</a></p>"
            ),
        );
        assert_eq!(phone_verdict(&[see_also]).status, Status::Partial);
        // The same words as text, not links, are content: the page is not
        // empty, and with no numbers the directory is missing.
        let text = units
            .replace("<a href", "<span data-href")
            .replace("</a>", "</span>");
        let prose = page_of(
            "/danh-ba",
            "Danh bạ điện thoại",
            "Danh bạ điện thoại",
            &format!("<p>Danh bạ các cơ quan, đơn vị thuộc xã:</p><table>{text}</table>"),
        );
        assert_eq!(phone_verdict(&[prose]).status, Status::Fail);
    }

    #[test]
    fn a_procedure_list_split_by_field_over_pages_passes() {
        let field = |name: &str, procedures: &[&str]| {
            let rows = procedures
                .iter()
                .enumerate()
                .fold(String::new(), |mut rows, (i, p)| {
                    let _ = write!(rows, "<tr><td>{}</td><td>{p}</td></tr>", i + 1);
                    rows
                });
            page_of(
                &format!("/tthc/{}", name.len()),
                &format!("Thủ tục hành chính lĩnh vực {name}"),
                &format!("Thủ tục hành chính lĩnh vực {name}"),
                &format!("<table><tr><th>STT</th><th>Tên</th></tr>{rows}</table>"),
            )
        };
        let ho_tich = field(
            "Hộ tịch",
            &[
                "Đăng ký khai sinh",
                "Đăng ký kết hôn",
                "Đăng ký khai tử",
                "Đăng ký nhận cha, mẹ, con",
                "Cấp bản sao trích lục hộ tịch",
                "Đăng ký giám hộ",
            ],
        );
        let chung_thuc = field(
            "Chứng thực",
            &[
                "Chứng thực bản sao từ bản chính",
                "Chứng thực chữ ký",
                "Chứng thực hợp đồng, giao dịch",
                "Chứng thực di chúc",
                "Chứng thực văn bản thỏa thuận phân chia di sản",
            ],
        );
        assert_eq!(
            verdict("tthc-list", std::slice::from_ref(&ho_tich)).status,
            Status::Partial
        );
        let both = verdict("tthc-list", &[ho_tich.clone(), chung_thuc.clone()]);
        assert_eq!(both.status, Status::Pass, "{}", both.summary);
        assert!(
            both.summary.contains("11 thủ tục trên 2 trang"),
            "{}",
            both.summary
        );
        // The same page read twice is one page.
        assert_eq!(
            verdict("tthc-list", &[ho_tich.clone(), ho_tich]).status,
            Status::Partial
        );
        // Entries of pages only partly about procedures do not add up.
        let news = |path: &str, entries: &[&str]| {
            let list = entries.iter().fold(String::new(), |mut list, e| {
                let _ = write!(list, "<li>{e}</li>");
                list
            });
            page_of(
                path,
                "Tin tức",
                "Tin hoạt động",
                &format!("<h2>Thủ tục hành chính</h2><ul>{list}</ul>"),
            )
        };
        let spread = verdict(
            "tthc-list",
            &[
                news(
                    "/tin/1",
                    &[
                        "Đăng ký khai sinh trực tuyến",
                        "Chứng thực bản sao điện tử",
                        "Đăng ký kết hôn lưu động",
                        "Cấp giấy phép xây dựng",
                        "Xác nhận tình trạng hôn nhân",
                        "Đăng ký thường trú",
                    ],
                ),
                news(
                    "/tin/2",
                    &[
                        "Đăng ký tạm trú",
                        "Chứng thực chữ ký người dịch",
                        "Cấp giấy chứng nhận quyền sử dụng đất",
                        "Đăng ký khai tử",
                        "Giải quyết trợ cấp xã hội",
                        "Đăng ký giám hộ",
                    ],
                ),
            ],
        );
        assert_ne!(spread.status, Status::Pass, "{}", spread.summary);
    }

    #[test]
    fn a_current_weekly_schedule_only_as_an_attachment_is_partial() {
        let files = "<table><tr><td>1</td><td>Lịch công tác tuần 47/2026 (từ ngày 16/11 đến ngày 22/11/2026)</td>\
             <td><a href=\"/files/lct-tuan-47.pdf\">Tải về</a></td></tr>\
             <tr><td>2</td><td>Lịch công tác tuần 46/2026 (từ ngày 09/11 đến ngày 15/11/2026)</td>\
             <td><a href=\"/files/lct-tuan-46.pdf\">Tải về</a></td></tr></table>";
        let only_files = page_of("/lich", "Lịch công tác tuần", "Lịch công tác tuần", files);
        let found = verdict("work-schedule", &[only_files]);
        assert_eq!(found.status, Status::Partial);
        assert!(found.summary.contains("tệp đính kèm"), "{}", found.summary);
        // The same page with the week's entries on it as well.
        let entries = format!(
            "<p>Thứ Hai, 16/11/2026</p><p>Sáng: 7h30 giao ban lãnh đạo UBND phường</p>{files}"
        );
        let on_page = page_of(
            "/lich",
            "Lịch công tác tuần",
            "Lịch công tác tuần",
            &entries,
        );
        assert_eq!(verdict("work-schedule", &[on_page]).status, Status::Pass);
        // A stale week on the page, the current one only as a file's name.
        let stale_and_file = page_of(
            "/lich",
            "Lịch công tác",
            "Lịch công tác của lãnh đạo UBND phường",
            "<p>Tuần 38 (từ ngày 14/9/2026 đến ngày 18/9/2026)</p><p>THỨ HAI (14/9/2026):</p>\
             <p>SÁNG: 8h00: giao ban UBND phường.</p><ul><li><a href=\"/files/lct-47.pdf\">\
             Lịch công tác tuần 47 (từ ngày 16/11/2026 đến ngày 20/11/2026).pdf</a></li></ul>",
        );
        let found = verdict("work-schedule", &[stale_and_file]);
        assert_eq!(found.status, Status::Partial);
        assert!(found.summary.contains("tệp đính kèm"), "{}", found.summary);
        // Files listed beside a schedule: a page without files passes.
        let no_files = files.replace(".pdf", ".html");
        let pages = page_of(
            "/lich",
            "Lịch công tác tuần",
            "Lịch công tác tuần",
            &no_files,
        );
        assert_eq!(verdict("work-schedule", &[pages]).status, Status::Pass);
    }

    #[test]
    fn last_weeks_schedule_is_stale_and_links_to_other_weeks_do_not_date_a_page() {
        let week = |n: u32, from: u32, to: u32, others: &str| {
            page_of(
                &format!("/lich/{n}"),
                "Lịch công tác",
                &format!("Lịch công tác tuần {n} (từ ngày {from}/11/2026 đến ngày {to}/11/2026)"),
                &format!(
                    "<p>THỨ HAI ({from}/11/2026)</p><p>Sáng: 7h30 giao ban lãnh đạo UBND xã</p>\
                     <p>Các lịch khác:</p><ul>{others}</ul>"
                ),
            )
        };
        let newer =
            "<li><a href=\"/lich/47\">Lịch công tác tuần 47 (từ 16/11 đến 22/11/2026)</a></li>";
        // Audit on Friday of week 47: week 46 is last week's.
        let found = verdict("work-schedule", &[week(46, 9, 15, newer)]);
        assert_eq!(found.status, Status::Partial, "{}", found.summary);
        assert!(found.summary.contains("15/11/2026"), "{}", found.summary);
        assert_eq!(
            verdict("work-schedule", &[week(47, 16, 22, "")]).status,
            Status::Pass
        );
    }

    #[test]
    fn a_home_pages_schedule_box_is_dated_by_its_own_lines_not_the_news_beside_it() {
        let home = page_of(
            "/",
            "Cổng thông tin điện tử phường Buôn Ma Thuột",
            "TIN TỨC – SỰ KIỆN",
            "<ul><li><a href=\"/tin/2391\">Công an tỉnh mở đợt cao điểm trấn áp tội phạm dịp cuối năm</a> (19/11/2026)</li>\
             <li><a href=\"/tin/2388\">UBND tỉnh chỉ đạo thu hoạch, tiêu thụ cà phê niên vụ mới</a> (18/11/2026)</li></ul>\
             <h2>LỊCH CÔNG TÁC</h2>\
             <ul><li><a href=\"/lich/44\">Lịch công tác tuần 44 năm 2026</a> 26/10/2026</li>\
             <li><a href=\"/lich/43\">Lịch công tác tuần 43 năm 2026</a> 19/10/2026</li></ul>\
             <h2>VIDEO</h2><p>Phóng sự ngày 20/11/2026</p>",
        );
        let found = verdict("work-schedule", &[home]);
        assert_eq!(found.status, Status::Partial, "{}", found.summary);
        assert!(found.summary.contains("26/10/2026"), "{}", found.summary);
    }

    #[test]
    fn an_icon_on_a_files_line_is_no_scan_of_the_week() {
        let page = page_of(
            "/lich/47",
            "Lịch công tác",
            "Lịch công tác tuần 47 năm 2026 (từ ngày 16/11/2026 đến ngày 22/11/2026)",
            "<p><img src=\"/templates/icon_doc.gif\"> File đính kèm: \
             <a href=\"/uploads/LCT_tuan_47_2026.doc\">LCT_tuan_47_2026.doc</a> (46 KB)</p>",
        );
        let found = verdict("work-schedule", &[page]);
        assert_eq!(found.status, Status::Partial, "{}", found.summary);
        assert!(found.summary.contains("tệp đính kèm"), "{}", found.summary);
    }

    #[test]
    fn a_listed_post_is_known_by_its_whole_title() {
        // Long titles: the text around each date holds only their end.
        let mut rows = String::new();
        for i in 1..=5 {
            let _ = write!(
                rows,
                "<li><a href=\"/tin/{i}\">THÔNG BÁO: Lịch tiếp công dân định kỳ của Chủ tịch UBND xã Trung Lý \
                 tại trụ sở và các thôn bản vùng cao, đợt {i} trong tháng 11 năm 2026</a> ({i:02}/11/2026)</li>"
            );
        }
        let list = page_of(
            "/tin-tuc",
            "Tin tức",
            "Tin tức - Sự kiện",
            &format!("<ul>{rows}</ul>"),
        );
        assert_eq!(verdict("news-freshness", &[list]).status, Status::Fail);
    }

    #[test]
    fn map_files_are_known_by_their_names_and_a_tourist_map_is_none() {
        let file = |name: &str| {
            let page = page_of(
                "/gioi-thieu",
                "Giới thiệu",
                "Giới thiệu chung",
                &format!("<p>Tải về: <a href=\"/Upload/Files/{name}\">{name}</a></p>"),
            );
            verdict("boundary-map", &[page]).status
        };
        assert_eq!(file("PL02_BDHC_P.BenThanh_ky_so.pdf"), Status::Pass);
        assert_eq!(file("ban-do-hanh-chinh-2025.jpg"), Status::Pass);
        assert_eq!(file("ban-do-du-lich-tp-bmt.jpg"), Status::Fail);
        assert_eq!(file("PL02_QD_thanh_lap.pdf"), Status::Fail);
    }

    #[test]
    fn a_thumbnail_stands_for_the_post_it_links_to() {
        let image =
            "<img src=\"/uploads/ban-do-hanh-chinh-phuong.jpg\" alt=\"Bản đồ hành chính phường\">";
        let list = page_of(
            "/",
            "Trang chủ",
            "Tin hoạt động",
            &format!(
                "<div><a href=\"/tin-tuc/ra-mat-ban-do-so\">{image}</a><h3>Tin mới</h3></div>"
            ),
        );
        assert_eq!(verdict("boundary-map", &[list]).status, Status::Fail);
        let shown = page_of(
            "/gioi-thieu",
            "Giới thiệu",
            "Giới thiệu chung",
            &format!("<p>{image}</p>"),
        );
        assert_eq!(verdict("boundary-map", &[shown]).status, Status::Pass);
    }

    #[test]
    fn the_citys_directory_and_the_contact_page_are_not_the_wards_directory() {
        let mut rows = String::new();
        for i in 100..112 {
            let _ = write!(
                rows,
                "<tr><td>Sở ngành số {i}</td><td>0236.3822.{i}</td></tr>"
            );
        }
        let city = page_of(
            "/danh-ba/co-quan-thanh-pho",
            "Danh bạ cơ quan, đơn vị thành phố",
            "Danh bạ cơ quan, đơn vị thành phố",
            &format!("<table>{rows}</table>"),
        );
        assert_eq!(phone_verdict(&[city]).status, Status::Fail);
        let contact = page_of(
            "/lien-he",
            "Liên hệ - Xã Phù Ninh",
            "Thông tin liên hệ",
            "<p>ỦY BAN NHÂN DÂN XÃ PHÙ NINH</p><p>Địa chỉ: Khu 3, xã Phù Ninh</p>",
        );
        assert_eq!(phone_verdict(&[contact]).status, Status::Fail);
    }

    #[test]
    fn a_current_week_shown_as_a_scanned_image_is_on_the_page() {
        let older = "<div class=\"wp-block-file\"><a href=\"/files/lct-tuan-46-2026.pdf\">\
                     Lịch công tác tuần 46 (từ ngày 09/11 đến ngày 15/11/2026)</a></div>";
        let status = |figure: &str, heading: &str| {
            let page = page_of(
                "/lich-cong-tac/",
                "Lịch công tác",
                heading,
                &format!("{figure}{older}"),
            );
            verdict("work-schedule", &[page]).status
        };
        let scan = "<figure><img src=\"/uploads/2026/11/scan-1874.jpg\" alt=\"\">\
                    <figcaption>Lịch công tác tuần 47 (từ ngày 16/11 đến ngày 22/11/2026)</figcaption></figure>";
        assert_eq!(status(scan, "Lịch công tác"), Status::Pass);
        // Dated by its file name alone.
        let named = "<p><img src=\"/uploads/lich-cong-tac-tuan-47-2026.jpg\"></p>";
        assert_eq!(status(named, "Lịch công tác"), Status::Pass);
        // An image that says nothing of the week, under a heading that
        // does, is no schedule: the week is still only in the files.
        let current_file = older
            .replace("46", "47")
            .replace("09/11", "16/11")
            .replace("15/11", "22/11");
        let page = page_of(
            "/lich-cong-tac/",
            "Lịch công tác",
            "Lịch công tác tuần 47 (từ ngày 16/11 đến ngày 22/11/2026)",
            &format!("<p><img src=\"/uploads/banner.jpg\" alt=\"\"></p>{current_file}"),
        );
        assert_eq!(verdict("work-schedule", &[page]).status, Status::Partial);
    }

    #[test]
    fn the_leaders_of_a_former_unit_are_out_of_date() {
        let table = |heading: &str| {
            format!(
                "<h3>{heading}</h3><table><tr><th>Họ và tên</th><th>Chức vụ</th></tr>\
                 <tr><td>Phạm Văn Thắng</td><td>Bí thư Đảng ủy xã</td></tr>\
                 <tr><td>Nguyễn Văn Hải</td><td>Chủ tịch UBND xã</td></tr>\
                 <tr><td>Vũ Đình Khánh</td><td>Phó Chủ tịch UBND xã</td></tr></table>"
            )
        };
        let status = |heading: &str| {
            let page = page_of(
                "/co-cau",
                "Cơ cấu tổ chức",
                "Cơ cấu tổ chức",
                &table(heading),
            );
            verdict("org-structure", &[page])
        };
        let former = status("LÃNH ĐẠO XÃ QUANG TRUNG (CŨ) NHIỆM KỲ 2021 – 2026");
        assert_eq!(former.status, Status::Partial);
        assert!(former.summary.contains("đơn vị cũ"), "{}", former.summary);
        assert_eq!(status("Lãnh đạo xã Quang Trung").status, Status::Pass);
        // "cử" folds as "cũ" does; only the mark as written counts.
        assert_eq!(
            status("Lãnh đạo xã trúng cử nhiệm kỳ mới").status,
            Status::Pass
        );
        // A term that ended before this year: out of date; the current one
        // (ending this year) is not.
        let ended = status("LÃNH ĐẠO UBND XÃ NHIỆM KỲ 2016 - 2021");
        assert_eq!(ended.status, Status::Partial);
        assert!(ended.summary.contains("2016–2021"), "{}", ended.summary);
        assert_eq!(
            status("Lãnh đạo UBND xã nhiệm kỳ 2021 – 2026").status,
            Status::Pass
        );
    }

    #[test]
    fn lists_updated_before_the_merger_are_out_of_date() {
        let status = |note: &str| {
            let list = format!(
                "<h3>DANH SÁCH CÔNG CHỨC BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ {note}</h3>\
                 <p>1. Ông Giàng A Dình – Công chức Tư pháp - Hộ tịch</p>\
                 <p>2. Bà Hoàng Thị Lan – Công chức Văn phòng - Thống kê</p>\
                 <p>3. Ông Lý A Chúng – Công chức Địa chính - Xây dựng</p>"
            );
            let page = page_of("/mot-cua", "Bộ phận một cửa", "Bộ phận một cửa", &list);
            verdict("receiving-staff", &[page])
        };
        let month = status("(Cập nhật tháng 3/2024)");
        assert_eq!(month.status, Status::Partial);
        assert!(month.summary.contains("tháng 3/2024"), "{}", month.summary);
        let day = status("(Ngày cập nhật: 12/03/2025)");
        assert_eq!(day.status, Status::Partial);
        assert!(day.summary.contains("12/03/2025"), "{}", day.summary);
        // Updated after the merger, or not said: current.
        assert_eq!(status("(Cập nhật tháng 8/2025)").status, Status::Pass);
        assert_eq!(status("(Ngày cập nhật: 12/09/2025)").status, Status::Pass);
        assert_eq!(status("").status, Status::Pass);
        // Its clerks' numbers are no current directory either.
        let numbers = "<h2>DANH BẠ ĐIỆN THOẠI (Cập nhật tháng 3/2024)</h2>\
            <p>Chủ tịch: 0912.345.601</p><p>Phó Chủ tịch: 0912.345.602</p><p>Văn phòng: 0912.345.603</p>\
            <p>Tư pháp: 0912.345.604</p><p>Địa chính: 0912.345.605</p>";
        let directory = |html: &str| {
            let page = page_of("/danh-ba", "Danh bạ điện thoại", "Danh bạ điện thoại", html);
            verdict("phone-directory", &[page])
        };
        let stale = directory(numbers);
        assert_eq!(stale.status, Status::Partial);
        assert!(stale.summary.contains("tháng 3/2024"), "{}", stale.summary);
        assert_eq!(
            directory(&numbers.replace("3/2024", "9/2025")).status,
            Status::Pass
        );
        // The latest update counts: an old one mentioned beside it does not.
        assert_eq!(
            status("(cập nhật tháng 3/2024; cập nhật lần cuối tháng 10/2025)").status,
            Status::Pass
        );
        // A blog post of March 2024, never updated: its publication date in
        // its markup (Blogger's microdata) dates the list.
        let posted = |stamp: &str| {
            let list = format!(
                "<h3>Danh sách công chức Bộ phận tiếp nhận và trả kết quả</h3>{stamp}\
                 <p>1. Ông Giàng A Dình – Công chức Tư pháp - Hộ tịch</p>\
                 <p>2. Bà Hoàng Thị Lan – Công chức Văn phòng - Thống kê</p>\
                 <p>3. Ông Lý A Chúng – Công chức Địa chính - Xây dựng</p>"
            );
            let page = page_of(
                "/2024/03/mot-cua.html",
                "Bộ phận một cửa",
                "Bộ phận một cửa",
                &list,
            );
            verdict("receiving-staff", &[page])
        };
        let abbr = |iso: &str| {
            format!("<abbr class='published' itemprop='datePublished' title='{iso}'>10:30</abbr>")
        };
        let old = posted(&abbr("2024-03-11T10:30:00+07:00"));
        assert_eq!(old.status, Status::Partial);
        assert!(
            old.summary.contains("đăng ngày 11/03/2024"),
            "{}",
            old.summary
        );
        assert_eq!(
            posted(&abbr("2025-09-02T08:00:00+07:00")).status,
            Status::Pass
        );
        // Two stamps are a list page's posts, not this page's own date.
        let two = format!(
            "{}{}",
            abbr("2024-03-11T10:30:00+07:00"),
            abbr("2024-02-01T10:30:00+07:00")
        );
        assert_eq!(posted(&two).status, Status::Pass);
    }

    #[test]
    fn a_drawn_map_labelled_as_the_boundary_map_passes_and_a_street_map_does_not() {
        let frame = |src: &str, label: &str| {
            format!(
                "<p>Bản đồ thể hiện ranh giới các tổ dân phố.</p><iframe src=\"{src}\" title=\"{label}\"></iframe>"
            )
        };
        let my_maps = "https://www.google.com/maps/d/embed?mid=1kV7qN3rXy8T";
        let arcgis = "https://haiphong.maps.arcgis.com/apps/Embed/index.html?webmap=4b7c2e0f";
        let street = "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3721.5";
        let boundary = "Bản đồ địa giới hành chính phường Nguyễn Trãi";
        let status = |src: &str, heading: &str, label: &str| {
            let page = page_of("/ban-do", heading, heading, &frame(src, label));
            verdict("boundary-map", &[page]).status
        };
        assert_eq!(status(my_maps, boundary, boundary), Status::Pass);
        assert_eq!(status(arcgis, boundary, boundary), Status::Pass);
        // A street map of the ward is a place on a map, not its boundaries.
        assert_eq!(status(street, boundary, boundary), Status::Partial);
        // A drawn map that does not say it shows the boundaries.
        assert_eq!(
            status(my_maps, "Bản đồ", "Bản đồ xã Hoàng Hoa Thám"),
            Status::Partial
        );
        // A street map on the contact page, under a bare "Bản đồ", is the
        // office's location. One labelled as the boundary map is still a
        // street map (partial); a drawn boundary map there still passes.
        let contact = |src: &str, heading: &str, label: &str| {
            let page = page_of(
                "/lien-he",
                "Liên hệ - Xã Phù Ninh",
                "Thông tin liên hệ",
                &format!("<h2>{heading}</h2>{}", frame(src, label)),
            );
            verdict("boundary-map", &[page]).status
        };
        assert_eq!(contact(street, "Bản đồ", ""), Status::Fail);
        assert_eq!(contact(street, "Bản đồ hành chính xã", ""), Status::Partial);
        assert_eq!(contact(my_maps, "Bản đồ", boundary), Status::Pass);
    }

    #[test]
    fn desk_staff_shown_by_name_alone_are_incomplete() {
        let cards = |names: &[&str]| -> String {
            let mut html = String::new();
            for (i, n) in names.iter().enumerate() {
                let _ = write!(
                    html,
                    "<div class=\"card\"><img src=\"/anh/{i}.jpg\"><p>{n}</p></div>"
                );
            }
            html
        };
        let status = |names: &[&str]| {
            let page = page_of(
                "/trung-tam-phuc-vu-hcc",
                "Trung tâm Phục vụ hành chính công",
                "Trung tâm Phục vụ hành chính công xã",
                &format!(
                    "<p>Địa điểm: tầng 1, nhà B, trụ sở Đảng ủy – HĐND – UBND xã. Giờ làm việc: sáng từ 7 giờ 30 \
                     đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ, từ thứ Hai đến thứ Sáu hằng tuần, trừ các ngày \
                     nghỉ lễ, Tết theo quy định.</p><h2>Nhân sự</h2>{}",
                    cards(names)
                ),
            );
            verdict("receiving-staff", &[page])
        };
        let shown = status(&["Lã Thị Minh Thu", "Cù Văn Đạt", "Tạ Đức Mạnh"]);
        assert_eq!(shown.status, Status::Partial);
        assert!(
            shown.summary.contains("3 người chỉ có họ tên"),
            "{}",
            shown.summary
        );
        // Two names, or street names of two syllables, are not a staff list.
        assert_eq!(
            status(&["Lã Thị Minh Thu", "Cù Văn Đạt"]).status,
            Status::Fail
        );
        assert_eq!(
            status(&["Lê Lợi", "Trần Phú", "Ngô Quyền"]).status,
            Status::Fail
        );
    }

    #[test]
    fn a_department_listed_once_is_counted_once() {
        let status = |departments: &[&str]| {
            let items = departments.iter().fold(String::new(), |mut html, d| {
                let _ = write!(html, "<li>{d}</li>");
                html
            });
            let page = page_of(
                "/co-cau-to-chuc",
                "Cơ cấu tổ chức",
                "Cơ cấu tổ chức",
                &format!(
                    "<p>Sau khi sắp xếp đơn vị hành chính cấp xã từ ngày 01/7/2025, bộ máy của \
                     phường được kiện toàn theo quy định; thông tin chi tiết sẽ được đăng tải \
                     sau khi có quyết định phân công nhiệm vụ chính thức của cấp có thẩm quyền, \
                     đề nghị các cơ quan, tổ chức và Nhân dân theo dõi.</p><ul>{items}</ul>"
                ),
            );
            verdict("org-structure", &[page]).status
        };
        // Each item is a line of the text as well: two departments are two,
        // short of a list of departments.
        assert_eq!(
            status(&["Văn phòng – Thống kê", "Tư pháp – Hộ tịch"]),
            Status::Fail
        );
        assert_eq!(
            status(&[
                "Văn phòng – Thống kê",
                "Tư pháp – Hộ tịch",
                "Địa chính – Xây dựng"
            ]),
            Status::Partial
        );
    }

    #[test]
    fn a_staff_list_only_embedded_as_a_sheet_is_incomplete() {
        let status = |src: &str| {
            let page = page_of(
                "/trung-tam-phuc-vu-hanh-chinh-cong",
                "Trung tâm Phục vụ hành chính công phường",
                "Trung tâm Phục vụ hành chính công phường Thanh Miếu",
                &format!(
                    "<p>Địa chỉ: số 1 đường Hùng Vương. Tiếp nhận hồ sơ các ngày làm việc trong tuần, \
                     sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ; ngoài giờ hành chính \
                     người dân gửi hồ sơ trực tuyến qua Cổng dịch vụ công.</p>\
                     <h2>Danh sách công chức tiếp nhận hồ sơ tại các quầy</h2>\
                     <iframe src=\"{src}\" title=\"Danh sách công chức tiếp nhận hồ sơ\"></iframe>"
                ),
            );
            verdict("receiving-staff", &[page]).status
        };
        let sheet = "https://docs.google.com/spreadsheets/d/e/2PACX-1vR7t/pubhtml?widget=true";
        assert_eq!(status(sheet), Status::Partial);
        assert_eq!(status("/files/danh-sach-mot-cua.pdf"), Status::Partial);
        assert_eq!(
            status("/pdfjs/web/viewer.html?file=%2Ffiles%2Fdanh-sach.pdf"),
            Status::Partial
        );
        // A video is no document, whatever its frame's title says.
        assert_eq!(
            status("https://www.youtube.com/embed/videoseries?list=PL1"),
            Status::Fail
        );
    }

    #[test]
    fn a_map_the_page_draws_with_the_outline_passes_and_one_with_a_marker_does_not() {
        let leaflet = |draws: &str| {
            format!(
                "<div id=\"map\" aria-label=\"Bản đồ địa giới hành chính phường An Dương\"></div>\
                 <script>var map = L.map('map').setView([20.86, 106.6], 13); {draws}</script>"
            )
        };
        let outline = "fetch('/files/ranh-gioi.geojson').then(r => r.json())\
                       .then(g => L.geoJSON(g).addTo(map));";
        let marker = "L.marker([20.86, 106.6]).addTo(map);";
        let status = |body: &str| {
            let page = page_of("/ban-do", "Bản đồ", "Bản đồ", body);
            verdict("boundary-map", &[page]).status
        };
        assert_eq!(status(&leaflet(outline)), Status::Pass);
        // A map with a marker only is the office on a street map: no more
        // than a page named as the map with nothing to show.
        assert_eq!(status(&leaflet(marker)), Status::Partial);
    }

    #[test]
    fn the_level_reached_is_that_of_the_best_finding() {
        let rules = RuleSet::embedded().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut evaluator = Evaluator::new(&rules, as_of);
        // One recent post: freshness concludes, below a pass.
        let url = Url::parse("http://ward.test/tin-tuc/hop-dan-1.html").unwrap();
        evaluator.observe(&extract_alone(
            &url,
            1,
            vec![],
            "<html><head><meta property=\"article:published_time\" content=\"2026-11-01T08:00:00+07:00\">\
             </head><body><div class=\"content\"><h1>Họp dân khu phố 3</h1><p>Bài viết.</p></div></body></html>", crate::crawl::facts::TEST_DAY,
        ));
        let i = rules
            .rules
            .iter()
            .position(|r| r.id == "news-freshness")
            .unwrap();
        let (rule, state) = (&rules.rules[i], &mut evaluator.states[i]);
        let fresh = conclude(as_of, rules.lang, rule, state).expect("a recent post concludes");
        assert!(fresh.level < Level::Pass, "{fresh:?}");
        state.best = Some(Finding {
            level: Level::Pass,
            strength: 1.0,
            detail: String::new(),
            evidence: Vec::new(),
        });
        // With the pass as the best per-page finding, and without it.
        for level in [Level::Pass, fresh.level] {
            assert_eq!(concluded_level(as_of, rules.lang, rule, state), Some(level));
            assert_eq!(
                conclude(as_of, rules.lang, rule, state).map(|f| f.level),
                Some(level)
            );
            state.best = None;
        }
    }

    #[test]
    fn the_verdict_does_not_depend_on_the_order_pages_arrive_in() {
        // Two empty topic pages, and two equal pieces of evidence: whichever
        // the crawl reads first, the same one is reported.
        let empty = [
            page("/lien-he", "Thông tin liên hệ", "Đang cập nhật"),
            page("/danh-ba", "Danh bạ điện thoại", "Đang cập nhật"),
        ];
        let reversed = [empty[1].clone(), empty[0].clone()];
        let (a, b) = (phone_verdict(&empty), phone_verdict(&reversed));
        assert_eq!(a.status, Status::Partial);
        assert_eq!(a.summary, b.summary);
        assert!(a.summary.contains("Danh bạ điện thoại"), "{}", a.summary);

        let numbers = "Chủ tịch UBND phường: 0912.345.678. Phó Chủ tịch: 0913.456.789. Văn phòng: 0220.3882.123";
        let full = [
            page("/lien-he", "Thông tin liên hệ", numbers),
            page("/danh-ba", "Danh bạ điện thoại", numbers),
        ];
        let reversed = [full[1].clone(), full[0].clone()];
        let (a, b) = (phone_verdict(&full), phone_verdict(&reversed));
        assert_eq!(a.status, b.status);
        assert_eq!(a.evidence[0].url, b.evidence[0].url);
        assert_eq!(a.summary, b.summary);
    }

    /// A procedure table: a header row, field rows, and `n` procedures of
    /// the first field; `after` follows the table.
    fn procedure_list(n: usize, after: &str) -> PageFacts {
        let mut rows = String::from(
            "<tr><th>STT</th><th>Tên thủ tục hành chính</th><th>Lĩnh vực</th></tr>\
             <tr><td colspan=\"3\">I. LĨNH VỰC ĐĂNG KÝ, QUẢN LÝ HỘ TỊCH</td></tr>",
        );
        for i in 1..=n {
            let _ = write!(
                rows,
                "<tr><td>{i}</td><td>Đăng ký khai sinh loại {i}</td><td>Hộ tịch</td></tr>"
            );
        }
        page_of(
            "/thu-tuc-hanh-chinh",
            "Thủ tục hành chính",
            "Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã",
            &format!("<table>{rows}</table>{after}"),
        )
    }

    /// A field's own page, reached by a link labelled `via`.
    fn field_page(path: &str, heading: &str, via: &str, text: &str) -> PageFacts {
        page_via(path, &[via], heading, heading, &format!("<p>{text}</p>"))
    }

    #[test]
    fn a_procedure_list_showing_a_field_empty_is_incomplete() {
        // The header and the field rows are no procedures.
        let whole = verdict("tthc-list", &[procedure_list(12, "")]);
        assert_eq!(whole.status, Status::Pass);
        assert!(whole.summary.contains("(12 thủ tục)"), "{}", whole.summary);
        let short = verdict("tthc-list", &[procedure_list(9, "")]);
        assert_eq!(short.status, Status::Partial, "{}", short.summary);

        let gap = "<p>II. LĨNH VỰC CHỨNG THỰC</p><p>– Đang cập nhật</p>";
        let gapped = verdict("tthc-list", &[procedure_list(12, gap)]);
        assert_eq!(gapped.status, Status::Partial);
        assert!(
            gapped
                .summary
                .contains("12 thủ tục; 1 lĩnh vực chưa có thủ tục: «II. LĨNH VỰC CHỨNG THỰC»"),
            "{}",
            gapped.summary
        );
        assert_eq!(gapped.evidence.last().unwrap().signal, "empty-group");
        // Said on the field's own line.
        let inline = "<p>II. Lĩnh vực Chứng thực (đang cập nhật)</p>";
        assert_eq!(
            verdict("tthc-list", &[procedure_list(12, inline)]).status,
            Status::Partial
        );
        // A field line over its procedures is no gap.
        let full =
            "<p>II. LĨNH VỰC CHỨNG THỰC</p><ul><li>Chứng thực bản sao từ bản chính</li></ul>";
        assert_eq!(
            verdict("tthc-list", &[procedure_list(12, full)]).status,
            Status::Pass
        );
    }

    #[test]
    fn a_field_page_shown_empty_counts_when_the_list_links_to_it() {
        let links = "<p><a href=\"/linh-vuc/ho-tich\">Hộ tịch</a> \
                     <a href=\"/linh-vuc/xay-dung\">Xây dựng</a></p>";
        let list = procedure_list(12, links);
        let empty = field_page(
            "/linh-vuc/xay-dung",
            "Lĩnh vực: Xây dựng",
            "Xây dựng",
            "Không có nội dung.",
        );
        for pages in [[list.clone(), empty.clone()], [empty.clone(), list.clone()]] {
            let v = verdict("tthc-list", &pages);
            assert_eq!(v.status, Status::Partial, "{}", v.summary);
            assert!(v.summary.contains("«Lĩnh vực: Xây dựng»"), "{}", v.summary);
        }
        // A field page no procedure page links to is some other list's
        // (news by field).
        let unlinked = procedure_list(12, "");
        assert_eq!(
            verdict("tthc-list", &[unlinked, empty]).status,
            Status::Pass
        );
        // A field link that leads to an error page served as a page.
        let nav = "<p><a href=\"/linh-vuc-chung-thuc\">II. Lĩnh vực Chứng thực</a></p>";
        let gone = field_page(
            "/linh-vuc-chung-thuc",
            "Thông báo",
            "II. Lĩnh vực Chứng thực",
            "Bài viết không tồn tại hoặc đã bị gỡ bỏ.",
        );
        let v = verdict("tthc-list", &[procedure_list(12, nav), gone]);
        assert_eq!(v.status, Status::Partial, "{}", v.summary);
        assert!(
            v.summary.contains("«II. Lĩnh vực Chứng thực»"),
            "{}",
            v.summary
        );
    }

    #[test]
    fn a_page_about_the_structure_only_under_a_later_heading_is_judged_there() {
        let staff = "<h2>Bộ phận một cửa</h2><table>\
            <tr><td>Đỗ Thị Minh Nguyệt</td><td>Giám đốc Trung tâm</td></tr>\
            <tr><td>Nguyễn Văn Khải</td><td>Phó Giám đốc Trung tâm</td></tr>\
            <tr><td>Phạm Thị Thu Trang</td><td>Công chức tiếp nhận hồ sơ</td></tr></table>";
        let leaders =
            |rows: &str| format!("<h2>Lãnh đạo UBND phường</h2><table>{rows}</table>{staff}");
        // Positions without names under the heading that names the
        // structure; names only in another panel of the directory.
        let unnamed = leaders(
            "<tr><td>Chủ tịch UBND phường</td><td>0225.3871.201</td></tr>\
             <tr><td>Phó Chủ tịch UBND phường</td><td>0225.3871.202</td></tr>\
             <tr><td>Phó Chủ tịch UBND phường</td><td>0225.3871.203</td></tr>",
        );
        let directory = |content: &str| {
            page_of(
                "/danh-ba",
                "Danh bạ điện thoại",
                "Danh bạ điện thoại",
                content,
            )
        };
        let v = verdict("org-structure", &[directory(&unnamed)]);
        assert_eq!(v.status, Status::Partial, "{}", v.summary);
        let named = leaders(
            "<tr><td>Trần Văn Hùng</td><td>Chủ tịch UBND phường</td></tr>\
             <tr><td>Lê Thị Hoa</td><td>Phó Chủ tịch UBND phường</td></tr>\
             <tr><td>Vũ Đức Thắng</td><td>Phó Chủ tịch UBND phường</td></tr>",
        );
        let v = verdict("org-structure", &[directory(&named)]);
        assert_eq!(v.status, Status::Pass, "{}", v.summary);
        assert!(v.summary.contains("(3 người"), "{}", v.summary);
    }
}
