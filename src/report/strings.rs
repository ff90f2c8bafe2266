//! The words of the HTML reports, one table per language:
//! `strings/vi.toml` and `strings/en.toml`. Templates read them as `t.<key>`;
//! the views use the few that carry a number (`{n}`) or a word (`{s}`).
//! A key missing from either file is caught by the tests below.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub lang: String,
    pub generated_by: String,
    pub rule_set: String,
    pub rule_set_lower: String,
    pub run_id: String,
    pub run_id_lower: String,
    pub as_of: String,
    pub units: String,
    pub ward: String,
    pub score: String,
    pub change: String,
    pub compared_with: String,
    pub fix: String,
    pub unknown_platform: String,
    pub count_pass: String,
    pub count_partial: String,
    pub count_fail: String,
    pub waived: String,
    pub count_waived: String,
    pub waived_note: String,
    pub waived_until: String,
    pub observed: String,
    pub count_error: String,
    pub not_checked: String,
    pub new_ward: String,
    pub unchanged: String,
    pub better_n: String,
    pub worse_n: String,
    pub same_n: String,
    pub previously: String,
    pub run_title: String,
    pub run_heading: String,
    pub all_runs: String,
    pub not_checked_note: String,
    pub matrix: String,
    pub legend: String,
    pub https_invalid_short: String,
    pub wards_passing: String,
    pub by_platform: String,
    pub by_platform_note: String,
    pub platform: String,
    pub ward_count: String,
    pub downloads: String,
    pub audit_csv_note: String,
    pub summary_csv_note: String,
    pub audit_json_note: String,
    pub reaudit_of: String,
    pub started: String,
    pub finished: String,
    pub back_to_run: String,
    pub checked_on: String,
    pub website: String,
    pub points_of_100: String,
    pub compared_with_run: String,
    pub site_unreachable: String,
    pub invalid_cert_notice: String,
    pub invalid_cert_detail: String,
    pub cut_short: String,
    pub scope_notice: String,
    pub scope_detail: String,
    pub requirements: String,
    pub evidence: String,
    pub basis: String,
    pub stored_copy: String,
    pub confidence: String,
    pub crawl_facts: String,
    pub pages_read: String,
    pub pages_failed: String,
    pub robots_skipped: String,
    pub sitemap_urls: String,
    pub links_dropped: String,
    pub pages_duplicate: String,
    pub duration: String,
    pub seconds: String,
    pub failed_pages: String,
    pub wrong_charset: String,
    pub wrong_charset_explain: String,
    pub declared_charset: String,
    pub read_charset: String,
    pub robots_allowed: String,
    pub robots_restricted: String,
    pub robots_disallowed: String,
    pub robots_missing: String,
    pub robots_unavailable: String,
    pub history_title: String,
    pub runs: String,
    pub newest_first: String,
    pub run: String,
    pub mean_score: String,
    pub trends: String,
    pub trends_note: String,
    pub trend: String,
    pub latest_score: String,
}

impl Strings {
    /// The table of `lang`, parsed once.
    #[must_use]
    pub fn of(lang: Lang) -> &'static Strings {
        static VI: OnceLock<Strings> = OnceLock::new();
        static EN: OnceLock<Strings> = OnceLock::new();
        match lang {
            Lang::Vi => VI.get_or_init(|| parse(include_str!("strings/vi.toml"))),
            Lang::En => EN.get_or_init(|| parse(include_str!("strings/en.toml"))),
        }
    }
}

fn parse(text: &str) -> Strings {
    toml::from_str(text).expect("the built-in report strings are valid (tested)")
}

/// `template` with `{n}` replaced by `n`.
#[must_use]
pub fn with_n(template: &str, n: usize) -> String {
    template.replace("{n}", &n.to_string())
}

/// `template` with `{s}` replaced by `s`.
#[must_use]
pub fn with_s(template: &str, s: &str) -> String {
    template.replace("{s}", s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_word() {
        // deny_unknown_fields and the required fields make a missing or
        // misspelt key a parse error.
        for lang in [Lang::Vi, Lang::En] {
            let t = Strings::of(lang);
            assert_eq!(t.lang, lang.code());
            assert!(t.better_n.contains("{n}") && t.previously.contains("{s}"));
        }
        assert_ne!(Strings::of(Lang::Vi).matrix, Strings::of(Lang::En).matrix);
    }
}
