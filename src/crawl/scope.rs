//! Which part of a host is the ward's site.
//!
//! Most wards have a host of their own. A city portal may instead give each
//! ward a path (`/phuong-chi-linh/…`) or a query value (`…?ward=xakinhmon`)
//! on the city's host, beside the city's own pages and under the city's
//! chrome. Reading those city pages as the ward's would credit the ward with
//! the city's news, schedule and directory, so the crawl keeps to the ward's
//! part: the one `wards.toml` names, or the one its start address shows when
//! the start page links to several pages inside it.

use std::fmt;

use url::Url;

use crate::text::{fold, unit_name};

/// The pages of a host that belong to the ward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every page on the site's hosts.
    Host,
    /// Pages under this path, which starts and ends with `/`.
    Path(String),
    /// Pages whose query string has this name and value.
    Query(String, String),
}

impl Scope {
    /// Reads a scope as `wards.toml` and `--scope` write it: `/` for the
    /// whole host, `/phuong-chi-linh/` for a path, `?ward=xakinhmon` for a
    /// query value.
    ///
    /// # Errors
    /// Says what the value should look like.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some(pair) = s.strip_prefix('?') {
            return match pair.split_once('=') {
                Some((name, value)) if !name.is_empty() && !value.is_empty() => {
                    Ok(Self::Query(name.to_owned(), value.to_owned()))
                }
                _ => Err(format!(
                    "`{s}` is not a query scope; write it like ?ward=xakinhmon"
                )),
            };
        }
        if !s.starts_with('/') || s.contains(['?', '#']) {
            return Err(format!(
                "`{s}` is not a scope; write / for the whole host, a path like \
                 /phuong-chi-linh/ or a query value like ?ward=xakinhmon"
            ));
        }
        Ok(if s == "/" {
            Self::Host
        } else {
            Self::Path(format!("{}/", s.trim_end_matches('/')))
        })
    }

    /// Whether the page at `url` is inside. Hosts are the site's business;
    /// paths compare without regard to ASCII case, as IIS and many portals
    /// serve them.
    #[must_use]
    pub fn admits(&self, url: &Url) -> bool {
        match self {
            Self::Host => true,
            Self::Path(prefix) => {
                let path = url.path().as_bytes();
                let prefix = prefix.as_bytes();
                let bare = &prefix[..prefix.len() - 1];
                path.get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
                    || path.eq_ignore_ascii_case(bare)
            }
            Self::Query(name, value) => url
                .query_pairs()
                .any(|(n, v)| n.eq_ignore_ascii_case(name) && v.eq_ignore_ascii_case(value)),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Host => f.write_str("/"),
            Self::Path(prefix) => f.write_str(prefix),
            Self::Query(name, value) => write!(f, "?{name}={value}"),
        }
    }
}

/// How many distinct pages inside a scope the start page must link to for
/// its address to mark the ward's part of a portal: a ward's home links to
/// its own sections, under the portal's chrome that links to the city's.
const MIN_PAGES_INSIDE: usize = 5;

/// The ward's parts of a portal that the start address could mark: a path
/// segment or a query value that names a ward or commune (`phuong-…`,
/// `xa…`, `thi-tran-…`, or the ward's own name). None for a site's root
/// page, nor for `/vi/`, `/Pages/Home.aspx` or `/web/guest/`, which name no
/// unit.
#[must_use]
pub fn candidates(start: &Url, ward_name: &str) -> Vec<Scope> {
    let name = name_key(ward_name);
    let mut found = Vec::new();
    let mut prefix = String::from("/");
    for segment in start.path_segments().into_iter().flatten() {
        // The last segment is a page (`Home.aspx`), not a folder, when it has
        // an extension.
        if segment.is_empty() || segment.contains('.') {
            break;
        }
        prefix.push_str(segment);
        prefix.push('/');
        if names_unit(segment, &name) {
            found.push(Scope::Path(prefix.clone()));
            break;
        }
    }
    for (key, value) in start.query_pairs() {
        if names_unit(&value, &name) {
            found.push(Scope::Query(key.into_owned(), value.into_owned()));
        }
    }
    found
}

/// Chooses among `candidates` by the pages the start page links to: the
/// first that several of them are inside, or the whole host.
#[must_use]
pub fn infer(candidates: &[Scope], links: &[&Url]) -> Scope {
    candidates
        .iter()
        .find(|scope| {
            let mut inside: Vec<&str> = links
                .iter()
                .filter(|u| scope.admits(u))
                .map(|u| u.as_str())
                .collect();
            inside.sort_unstable();
            inside.dedup();
            inside.len() >= MIN_PAGES_INSIDE
        })
        .cloned()
        .unwrap_or(Scope::Host)
}

/// The ward's name without its unit word, folded and run together:
/// "Phường Chí Linh" → `chilinh`.
fn name_key(name: &str) -> String {
    unit_name(name)
        .unwrap_or_else(|| fold(name))
        .replace(' ', "")
}

/// Whether a path segment or query value names a ward or commune.
fn names_unit(s: &str, name: &str) -> bool {
    let key = fold(s).replace(' ', "");
    let key = key.strip_prefix("ubnd").unwrap_or(&key);
    ["phuong", "xa", "thitran"]
        .iter()
        .any(|w| key.len() >= w.len() + 3 && key.starts_with(w))
        || (name.len() >= 4 && key.contains(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn parses_the_three_forms_and_refuses_others() {
        assert_eq!(Scope::parse("/"), Ok(Scope::Host));
        assert_eq!(
            Scope::parse("/phuong-chi-linh"),
            Ok(Scope::Path("/phuong-chi-linh/".into()))
        );
        assert_eq!(
            Scope::parse("?ward=xakinhmon"),
            Ok(Scope::Query("ward".into(), "xakinhmon".into()))
        );
        for bad in ["phuong-chi-linh/", "?ward", "?=x", "/a?b=c", "https://x/"] {
            assert!(Scope::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_path_scope_admits_its_folder_and_the_folder_itself() {
        let scope = Scope::Path("/phuong-chi-linh/".into());
        assert!(scope.admits(&url("http://h/phuong-chi-linh/")));
        assert!(scope.admits(&url("http://h/phuong-chi-linh")));
        assert!(scope.admits(&url("http://h/Phuong-Chi-Linh/tin-tuc?page=2")));
        assert!(!scope.admits(&url("http://h/")));
        assert!(!scope.admits(&url("http://h/phuong-chi-linh-cu/")));
        assert!(!scope.admits(&url("http://h/tin-tuc/phuong-chi-linh/")));
    }

    #[test]
    fn a_query_scope_admits_pages_carrying_the_pair() {
        let scope = Scope::Query("ward".into(), "xakinhmon".into());
        assert!(scope.admits(&url("http://h/Pages/TinTuc.aspx?ward=xakinhmon")));
        assert!(scope.admits(&url("http://h/Pages/A.aspx?ItemID=3&ward=XaKinhMon")));
        assert!(!scope.admits(&url("http://h/Pages/TinTuc.aspx")));
        assert!(!scope.admits(&url("http://h/Pages/A.aspx?ward=xabachdang")));
    }

    #[test]
    fn candidates_come_from_segments_and_values_that_name_a_unit() {
        let of = |s: &str, name: &str| candidates(&url(s), name);
        assert_eq!(
            of("http://h/phuong-chi-linh/", "127.0.0.1"),
            [Scope::Path("/phuong-chi-linh/".into())]
        );
        assert_eq!(
            of("http://h/web/phalai/trang-chu", "Phường Phả Lại"),
            [Scope::Path("/web/phalai/".into())]
        );
        assert_eq!(
            of("http://h/Pages/Home.aspx?ward=xakinhmon", "h"),
            [Scope::Query("ward".into(), "xakinhmon".into())]
        );
        for none in [
            "http://h/",
            "http://h/vi/",
            "http://h/trang-chu",
            "http://h/web/guest/home",
            "http://h/Pages/Home.aspx",
            "http://h/index.php?language=vi&nv=news",
            "http://h/Default.aspx?tabid=1689",
            // A unit-like folder after a page is not a folder.
            "http://h/index.php/phuong-x",
        ] {
            assert_eq!(of(none, "Phường Sao Đỏ"), [], "{none}");
        }
    }

    #[test]
    fn inference_needs_several_distinct_pages_inside() {
        let candidates = [Scope::Path("/phuong-a/".into())];
        let pages: Vec<Url> = [
            "gioi-thieu",
            "tin-tuc",
            "lich-cong-tac",
            "danh-ba",
            "lien-he",
        ]
        .iter()
        .map(|p| url(&format!("http://h/phuong-a/{p}")))
        .collect();
        let city: Vec<Url> = (0..20)
            .map(|i| url(&format!("http://h/tin-tuc/thanh-pho-{i}")))
            .collect();
        let all: Vec<&Url> = pages.iter().chain(&city).collect();
        assert_eq!(
            infer(&candidates, &all),
            candidates[0],
            "the portal's chrome may link to more pages than the ward's home"
        );
        let repeated: Vec<&Url> = pages[..4].iter().chain(&pages[..4]).chain(&city).collect();
        assert_eq!(
            infer(&candidates, &repeated),
            Scope::Host,
            "four pages, however often linked, are too few to tell"
        );
        let pages: Vec<&Url> = pages.iter().collect();
        assert_eq!(infer(&[], &pages), Scope::Host);
    }
}
