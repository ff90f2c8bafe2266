//! Menu links and maps that exist only in a script.
//!
//! Some themes build their mega-menu in the browser from a JSON array in an
//! inline `<script>` (`var menu = [{"title":"L\u00e3nh \u0111\u1ea1o",
//! "url":"\/gioi-thieu\/lanh-dao"}, …]`), so the page has no `<a>` for its
//! menu items, and a page linked only from that menu would never be read.
//! This reads such menus: an address under a key like `url`, `href` or
//! `link`, beside a label under a key like `title`, `name` or `text` in the
//! same object, double- or single-quoted, with JSON's escapes. An address
//! with no label beside it is not taken: scripts are full of addresses
//! (trackers, APIs, assets) that are no menu item.
//!
//! A boundary map, too, may be drawn in the browser: a Leaflet, OpenLayers,
//! Google Maps or Mapbox map in a `<div id="map">`, with the ward's outline
//! from a GeoJSON or KML file or a polygon in the script. The page then has
//! no image and no frame for it. `drawn_maps` finds such maps: a map made on
//! an element named by its id, in a script that also draws a shape. A map
//! with markers only shows places (most often the office), not boundaries.

use std::sync::LazyLock;

use regex::Regex;

/// Scripts longer than this are libraries, not menus, and are not read.
const MAX_SCRIPT_BYTES: usize = 512 * 1024;
/// Menu items taken from one page's scripts at most.
pub const MAX_ITEMS: usize = 300;
/// An address longer than this is no menu item's.
const MAX_ADDRESS_BYTES: usize = 400;
/// How far around an address its label is looked for.
const REACH: usize = 400;

/// A quoted string under a label key.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?-u:\b)(?:title|name|text|label)["']?\s*:\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')"#,
    )
    .expect("valid regex")
});

/// A map made in the element with id `container`, by a script that draws
/// a shape on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnMap {
    pub container: String,
    /// The GeoJSON or KML file the shape is read from, as written.
    pub data: Option<String>,
}

/// What every call `MAP_CONTAINER` finds has (`L.map(`, `ol.Map(`): most
/// pages' scripts are passed over with this search alone. The expression's
/// own search added 1.5% to the reading of a benchmark news list page.
static MAP_CALL: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("ap("));

/// Where a map library makes its map on an element given by id: the id in
/// group 1 or 2. OpenLayers, Mapbox and MapLibre take an options object
/// instead (group 3 unset, the call's end at the match's end), whose
/// `target` or `container` names the element (`MAP_TARGET`).
static MAP_CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // Leaflet: L.map('map'), L.map(document.getElementById("map")).
        r#"(?-u:\b)L\s*\.\s*map\(\s*(?:document\.getElementById\s*\(\s*)?['"]([\w-]+)['"]"#,
        // Google Maps: new google.maps.Map(document.getElementById('map'), …).
        r#"|maps\.Map\(\s*document\.getElementById\s*\(\s*['"]([\w-]+)['"]"#,
        // OpenLayers, Mapbox, MapLibre: new ol.Map({layers: […], target: 'map'}).
        r#"|(?:ol|mapboxgl|maplibregl)\s*\.\s*Map\(\s*\{"#,
    ))
    .expect("valid regex")
});

/// The element an options object names for its map, in group 1.
static MAP_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u:\b)(?:target|container)\s*:\s*['"]#?([\w-]+)['"]"#).expect("valid regex")
});

/// How far into a map's options its `target` is looked for: past the
/// layers and view that often come first.
const MAP_OPTIONS_REACH: usize = 2000;

/// A shape drawn on a map: an outline from GeoJSON or KML, or a polygon.
static MAP_SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"L\s*\.\s*(?:geoJSON|geoJson|polygon|kml|KML)\s*\(|omnivore\s*\.\s*(?:kml|geojson)"#,
        r#"|maps\.(?:Polygon|KmlLayer)\s*\(|\.(?:loadGeoJson|addGeoJson)\s*\("#,
        r#"|format\s*\.\s*(?:GeoJSON|KML)|new\s+(?:GeoJSON|KML)\s*\("#,
        r#"|type['"]?\s*:\s*['"](?:geojson|(?:Multi)?Polygon)['"]|\.(?:geojson|kml|kmz)(?:\?[^'"\s]*)?['"]"#,
    ))
    .expect("valid regex")
});

/// A GeoJSON or KML file named in a script, in group 1 or 2.
static MAP_DATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#""([^"\s]+\.(?:geojson|kml|kmz)(?:\?[^"\s]*)?)"|'([^'\s]+\.(?:geojson|kml|kmz)(?:\?[^'\s]*)?)'"#,
    )
    .expect("valid regex")
});

/// An element id longer than this is no map's.
const MAX_ID_BYTES: usize = 100;
/// Maps at most taken from one page's scripts.
const MAX_MAPS: usize = 8;

/// The maps `scripts` make and draw a shape on, at most `MAX_MAPS`.
#[must_use]
pub fn drawn_maps(scripts: &[&str]) -> Vec<DrawnMap> {
    let mut maps = Vec::new();
    let scripts = scripts
        .iter()
        .filter(|s| s.len() <= MAX_SCRIPT_BYTES && MAP_CALL.find(s.as_bytes()).is_some());
    for script in scripts {
        let Some(caps) = MAP_CONTAINER.captures(script) else {
            continue;
        };
        if !MAP_SHAPE.is_match(script) {
            continue;
        }
        let container = if let Some(id) = caps.get(1).or_else(|| caps.get(2)) {
            id.as_str()
        } else {
            let from = caps.get(0).expect("group 0 always exists").end();
            let mut to = (from + MAP_OPTIONS_REACH).min(script.len());
            while !script.is_char_boundary(to) {
                to -= 1;
            }
            let Some(target) = MAP_TARGET.captures(&script[from..to]) else {
                continue;
            };
            target.get(1).expect("the id group").as_str()
        }
        .to_owned();
        let data = MAP_DATA
            .captures(script)
            .and_then(|c| c.get(1).or_else(|| c.get(2)))
            .map(|m| m.as_str().to_owned())
            .filter(|d| d.len() <= MAX_ADDRESS_BYTES);
        if container.len() > MAX_ID_BYTES {
            continue;
        }
        if maps.len() < MAX_MAPS && !maps.iter().any(|m: &DrawnMap| m.container == container) {
            maps.push(DrawnMap { container, data });
        }
    }
    maps
}

/// The menu items in `scripts`: (address as written, label), in order,
/// at most `MAX_ITEMS`.
#[must_use]
pub fn menu_items(scripts: &[&str]) -> Vec<(String, String)> {
    let mut items = Vec::new();
    for script in scripts.iter().filter(|s| s.len() <= MAX_SCRIPT_BYTES) {
        for (at, caps) in addresses(script) {
            if items.len() >= MAX_ITEMS {
                return items;
            }
            let whole = caps.get(0).expect("group 0 always exists");
            let address = unquote(&caps, 1);
            let Some(label) = label_near(script, at, at + whole.end()) else {
                continue;
            };
            // A template ("/tiles/{z}/{x}/{y}.png", "/tin/${id}") is filled
            // in by the script: not an address.
            if address.is_empty()
                || address.len() > MAX_ADDRESS_BYTES
                || address.starts_with('#')
                || address.contains(char::is_whitespace)
                || address.contains(['{', '}', '$'])
            {
                continue;
            }
            items.push((address, label));
        }
    }
    items
}

/// A quoted string under a `url`-like key, at the start of the text (the
/// key's word boundary is checked by `addresses`): group 1 double-quoted,
/// 2 single.
static ADDRESS_HERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"^(?:{})["']?\s*:\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')"#,
        ADDRESS_KEYS.join("|")
    ))
    .expect("valid regex")
});

/// The keys an address stands under.
const ADDRESS_KEYS: [&str; 4] = ["url", "href", "link", "path"];

/// Every `url`-like key with a quoted string, as the `ADDRESS_HERE` match at
/// its start, where that starts, in order and not overlapping: what an
/// unanchored search with `(?-u:\b)` in front would find (the tests compare
/// the two). The expression is asked only where a colon
/// follows one of its keys (`url`, `href`, `link`, `path`, quoted or not)
/// and a quote follows the colon. Scripts say `e.target.href` and
/// `location.href = …` often, and an unanchored search costs about a
/// thousand instructions a try even when it fails: on a benchmark news list
/// page, 3% of reading it.
fn addresses(script: &str) -> impl Iterator<Item = (usize, regex::Captures<'_>)> + '_ {
    let bytes = script.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(found) = memchr::memchr(b':', bytes.get(from..)?) {
            let colon = from + found;
            let key = key_before(bytes, colon).filter(|&key| {
                key >= from
                    && quote_after(bytes, colon + 1)
                    && (key == 0 || !is_word_byte(bytes[key - 1]))
            });
            from = colon + 1;
            let Some((key, caps)) =
                key.and_then(|key| Some((key, ADDRESS_HERE.captures(&script[key..])?)))
            else {
                continue;
            };
            from = key + caps[0].len();
            return Some((key, caps));
        }
        None
    })
}

/// A byte `\b` counts as part of a word, in bytes (`(?-u:\b)`).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Where the `url`-like key that a colon at `colon` follows starts: the
/// key, maybe a closing quote, then white space (which `\s` may take to be
/// any non-ASCII space, so any non-ASCII byte is passed over too).
fn key_before(bytes: &[u8], colon: usize) -> Option<usize> {
    let mut end = colon;
    while end > 0 && (bytes[end - 1].is_ascii_whitespace() || !bytes[end - 1].is_ascii()) {
        end -= 1;
    }
    if end > 0 && matches!(bytes[end - 1], b'"' | b'\'') {
        end -= 1;
    }
    // Most colons in a script follow no key: its last letter is compared
    // first.
    let last = *bytes[..end].last()?;
    ADDRESS_KEYS
        .iter()
        .find(|key| key.as_bytes().last() == Some(&last) && bytes[..end].ends_with(key.as_bytes()))
        .map(|key| end - key.len())
}

/// Whether a quote follows `at`, after white space (as in `key_before`).
fn quote_after(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at..)
        .and_then(|rest| {
            rest.iter()
                .find(|b| b.is_ascii() && !b.is_ascii_whitespace())
        })
        .is_some_and(|b| matches!(b, b'"' | b'\''))
}

/// The label nearest to the address at `start..end`, inside the object
/// around it: after the last `{` before it and before the first `}` after.
fn label_near(script: &str, start: usize, end: usize) -> Option<String> {
    let mut from = start.saturating_sub(REACH);
    while !script.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + REACH).min(script.len());
    while !script.is_char_boundary(to) {
        to += 1;
    }
    let from = script[from..start].rfind('{').map_or(from, |at| from + at);
    let to = script[end..to].find('}').map_or(to, |at| end + at);
    let distance = |at: usize| if at < start { start - at } else { at - end };
    LABEL
        .captures_iter(&script[from..to])
        .map(|caps| {
            let at = from + caps.get(0).expect("group 0 always exists").start();
            (distance(at), unquote(&caps, 1))
        })
        .filter(|(_, label)| is_label(label))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, label)| label)
}

/// A menu label: a few words with letters, no markup.
fn is_label(label: &str) -> bool {
    label.len() <= 300
        && label.chars().any(char::is_alphabetic)
        && label.split_whitespace().count() <= 16
        && !label.contains(['<', '>', '{', '}'])
}

/// The string in group `first` (double-quoted) or `first + 1` (single),
/// its escapes read as JSON's: `\/`, `\u00e3`, `\"`.
fn unquote(caps: &regex::Captures<'_>, first: usize) -> String {
    let (raw, single) = match (caps.get(first), caps.get(first + 1)) {
        (Some(m), _) => (m.as_str(), false),
        (None, Some(m)) => (m.as_str(), true),
        (None, None) => return String::new(),
    };
    let json = if single {
        format!("\"{}\"", raw.replace("\\'", "'").replace('"', "\\\""))
    } else {
        format!("\"{raw}\"")
    };
    serde_json::from_str::<String>(&json)
        .unwrap_or_else(|_| raw.replace("\\/", "/"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unanchored search `addresses` stands for.
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            "(?-u:\\b){}",
            ADDRESS_HERE.as_str().trim_start_matches('^')
        ))
        .expect("valid regex")
    });

    #[test]
    fn addresses_are_what_the_unanchored_expression_finds() {
        let pieces = [
            "url",
            "href",
            "xurl",
            "_link",
            "path",
            "\"",
            "'",
            ":",
            " ",
            "\u{a0}",
            "\n",
            "/a",
            "\\\"",
            "null",
            "{",
            "}",
            ",",
            "e.target.",
            "é",
            "\"url\":",
            "'/b'",
        ];
        let found = |script: &str| -> Vec<(usize, usize, Option<String>, Option<String>)> {
            let group = |c: &regex::Captures<'_>, i: usize| c.get(i).map(|m| m.as_str().to_owned());
            addresses(script)
                .map(|(at, c)| (at, at + c[0].len(), group(&c, 1), group(&c, 2)))
                .collect()
        };
        let expected = |script: &str| -> Vec<(usize, usize, Option<String>, Option<String>)> {
            let group = |c: &regex::Captures<'_>, i: usize| c.get(i).map(|m| m.as_str().to_owned());
            ADDRESS
                .captures_iter(script)
                .map(|c| {
                    let whole = c.get(0).expect("group 0");
                    (whole.start(), whole.end(), group(&c, 1), group(&c, 2))
                })
                .collect()
        };
        for script in [
            r#"{"url" : "/x\"y", "href":'/z', link : "/w"}"#,
            "{\"url\"\u{a0}:\u{a0}'/nbsp'}",
            "myurl:'x' url:'y' _path:'z'",
            r#"url:"a url:'b'" href:"c""#,
            r"location.href = '/a'; e.target.href:null; {'path': '/p\'q'}",
            "url\n:\n'/a'",
        ] {
            assert_eq!(found(script), expected(script), "{script:?}");
            assert!(!expected(script).is_empty(), "{script:?}");
        }
        // Every sequence of up to four pieces.
        let n = pieces.len();
        let mut checked = 0;
        for len in 1..=4u32 {
            for mut code in 0..n.pow(len) {
                let mut script = String::new();
                for _ in 0..len {
                    script.push_str(pieces[code % n]);
                    code /= n;
                }
                assert_eq!(found(&script), expected(&script), "{script:?}");
                checked += 1;
            }
        }
        assert!(checked > 190_000);
    }

    #[test]
    fn reads_a_json_menu_with_escapes() {
        let script = r#"var MENU = [{"id":12,"title":"Gi\u1edbi thi\u1ec7u","url":"\/gioi-thieu","children":[
            {"id":13,"title":"L\u00e3nh \u0111\u1ea1o ph\u01b0\u1eddng","url":"\/gioi-thieu\/lanh-dao-phuong"},
            {"id":14,"url":"\/gioi-thieu\/co-cau-to-chuc","title":"C\u01a1 c\u1ea5u t\u1ed5 ch\u1ee9c"}]}];"#;
        assert_eq!(
            menu_items(&[script]),
            [
                ("/gioi-thieu".to_owned(), "Giới thiệu".to_owned()),
                (
                    "/gioi-thieu/lanh-dao-phuong".to_owned(),
                    "Lãnh đạo phường".to_owned()
                ),
                (
                    "/gioi-thieu/co-cau-to-chuc".to_owned(),
                    "Cơ cấu tổ chức".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn reads_single_quoted_objects_with_bare_keys() {
        let script = "menu.push({ text: 'Danh bạ điện thoại', href: '/danh-ba.html' });\n\
                      menu.push({ text: 'Lịch công tác', href: 'lich-cong-tac.html' });";
        assert_eq!(
            menu_items(&[script]),
            [
                ("/danh-ba.html".to_owned(), "Danh bạ điện thoại".to_owned()),
                ("lich-cong-tac.html".to_owned(), "Lịch công tác".to_owned()),
            ]
        );
    }

    #[test]
    fn a_map_drawn_with_an_outline_is_found_with_its_data_file() {
        let leaflet = "var map = L.map('ban-do').setView([20.86, 106.6], 13);\n\
            L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png').addTo(map);\n\
            fetch('/files/ranh-gioi.geojson').then(r => r.json()).then(g => L.geoJSON(g).addTo(map));";
        let google = r#"var m = new google.maps.Map(document.getElementById("gmap"), {zoom: 13});
            m.data.loadGeoJson("/data/xa.json");"#;
        let openlayers = "new ol.Map({ layers: [new ol.layer.Tile({ source: new ol.source.OSM() })], \
            view: new ol.View({ center: [0, 0], zoom: 12 }), target: 'olmap' }); \
            new ol.layer.Vector({ source: new ol.source.Vector({ url: 'kml/dia-gioi.kml', format: new ol.format.KML() }) });";
        assert_eq!(
            drawn_maps(&[leaflet, google, openlayers]),
            [
                DrawnMap {
                    container: "ban-do".into(),
                    data: Some("/files/ranh-gioi.geojson".into())
                },
                DrawnMap {
                    container: "gmap".into(),
                    data: None
                },
                DrawnMap {
                    container: "olmap".into(),
                    data: Some("kml/dia-gioi.kml".into())
                },
            ]
        );
    }

    #[test]
    fn a_map_with_markers_only_draws_no_boundary() {
        let office = "var map = L.map('map').setView([21.0, 105.8], 17);\n\
            L.marker([21.0, 105.8]).addTo(map).bindPopup('Trụ sở UBND phường');";
        let no_map = "fetch('/api/ranh-gioi.geojson'); L.polygon([[1, 2]]);";
        assert!(drawn_maps(&[office, no_map]).is_empty());
    }

    #[test]
    fn an_address_with_no_label_beside_it_is_no_menu_item() {
        let script = r#"gtag('config', {"page_path": "/tin-tuc"}); fetch({url: "/api/counter"});
            var x = {"url": "/a"}; var y = {"title": "Far away"};"#;
        assert!(menu_items(&[script]).is_empty());
        // Nor is a fragment, a template, or a label that is markup.
        let script = r##"[{"title":"Trang chủ","url":"#"},{"title":"<b>x</b>","url":"/b"},
            {"name":"Bản đồ nền","url":"/tiles/{z}/{x}/{y}.png"},{"text":"Tin","url":"/tin/${id}"}]"##;
        assert!(menu_items(&[script]).is_empty());
    }
}
