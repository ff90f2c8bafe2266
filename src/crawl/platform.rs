//! Which CMS a ward's site runs on, from its markup. Most ward sites run on a
//! handful of provincial platforms, so one quirk shows up on dozens of sites
//! at once; grouping failures by platform lets the office ask for one fix.

/// The platform families of the glossary.
const SIGNS: &[(&str, &[&str])] = &[
    (
        "DotNetNuke",
        &["dotnetnuke", "id=\"dnn_", "/portals/", "tabid="],
    ),
    (
        "Liferay",
        &[
            "liferay",
            "portlet-body",
            "/-/asset_publisher/",
            "/web/guest",
        ],
    ),
    ("NukeViet", &["nukeviet", "/vi/news/", "nv_"]),
    (
        "SharePoint",
        &["sharepoint", "ms-rte", "/_layouts/", "/pages/default.aspx"],
    ),
    ("WordPress", &["wordpress", "/wp-content/", "/wp-includes/"]),
    ("Joomla", &["joomla", "/index.php?option=com_"]),
    (
        "Cổng TTĐT Hải Dương",
        &["haiduong", "@/", "/article/", "/viewdetail/"],
    ),
];

/// Pages of a site read for signs: a platform shows on every page, so the
/// first few tell; a site showing none there is not looked at again.
pub const PAGES_READ: usize = 8;

/// Markup read for signs, from the top of the page.
const SCAN_BYTES: usize = 64 * 1024;

/// The platform a page's markup and address point to, if any. Two signs
/// are needed, or the platform's name in the `generator` meta tag.
#[must_use]
pub fn detect(html: &str, generator: Option<&str>, url: &str) -> Option<&'static str> {
    let generator = generator.unwrap_or("").to_ascii_lowercase();
    let mut end = html.len().min(SCAN_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let markup = format!(
        "{} {}",
        html[..end].to_ascii_lowercase(),
        url.to_ascii_lowercase()
    );
    SIGNS.iter().find_map(|(name, signs)| {
        let named = generator.contains(signs[0]);
        let seen = signs.iter().filter(|s| markup.contains(*s)).count();
        (named || seen >= 2).then_some(*name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_glossary_families() {
        assert_eq!(
            detect(
                "<div id=\"dnn_ContentPane\"><img src=\"/Portals/17/a.jpg\">",
                None,
                "http://x/Default.aspx?tabid=1"
            ),
            Some("DotNetNuke")
        );
        assert_eq!(
            detect("", Some("WordPress 6.4"), "http://x/"),
            Some("WordPress")
        );
        assert_eq!(
            detect(
                "<a href=\"/Article/1023@/15.html\">x</a><a href=\"/ViewDetail/5@/y.html\">",
                None,
                "http://x/"
            ),
            Some("Cổng TTĐT Hải Dương")
        );
        assert_eq!(detect("<p>Trang tĩnh</p>", None, "http://x/"), None);
    }
}
