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

/// A quoted string under `url`-like key: group 1 double-quoted, 2 single.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?-u:\b)(?:url|href|link|path)["']?\s*:\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')"#,
    )
    .expect("valid regex")
});

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
        for caps in ADDRESS.captures_iter(script) {
            if items.len() >= MAX_ITEMS {
                return items;
            }
            let whole = caps.get(0).expect("group 0 always exists");
            let address = unquote(&caps, 1);
            let Some(label) = label_near(script, whole.start(), whole.end()) else {
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
