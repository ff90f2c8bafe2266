//! `wards.toml`: the wards to audit and the crawl defaults.
//!
//! Bad input stops the run before any request, with a message naming the
//! file, the line and the field.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;
use url::Url;

use crate::crawl::{Scope, Settings};
use crate::text::fold;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{path}:{line}: field `{field}`: {message}")]
    Invalid {
        path: String,
        line: usize,
        field: String,
        message: String,
    },
    #[error("{path}: no [[ward]] entries")]
    NoWards { path: String },
}

/// One ward or commune to audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ward {
    /// Stable id used in file names and reports: `phuong-sao-do`.
    pub id: String,
    pub name: String,
    pub url: Url,
    /// Extra pages to start from, besides `url`.
    pub start: Vec<Url>,
    /// Other host names that belong to the same site.
    pub aliases: Vec<String>,
    /// Audit this site even though its HTTPS certificate is invalid.
    pub accept_invalid_certs: bool,
    /// The ward's part of a shared host; `None`: the one its start address
    /// shows, if any (see `crawl::scope`).
    pub scope: Option<Scope>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub crawl: Settings,
    pub wards: Vec<Ward>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    crawl: Settings,
    #[serde(default, rename = "ward")]
    wards: Vec<RawWard>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWard {
    id: Option<Spanned<String>>,
    name: Spanned<String>,
    url: Spanned<String>,
    #[serde(default)]
    start: Vec<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    accept_invalid_certs: bool,
    scope: Option<Spanned<String>>,
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })
}

impl Config {
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        Self::parse(&path.display().to_string(), &read(path)?)
    }

    /// A wards file for `check`: validated whole, but it may list no wards
    /// (a ward checking itself may keep only a `[crawl]` table).
    pub fn load_for_check(path: &Path) -> Result<Self, ConfigError> {
        Self::parse_inner(&path.display().to_string(), &read(path)?, false)
    }

    /// Parses the text of a wards file; `path` is only used in messages.
    pub fn parse(path: &str, text: &str) -> Result<Self, ConfigError> {
        Self::parse_inner(path, text, true)
    }

    fn parse_inner(path: &str, text: &str, require_wards: bool) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })?;
        let invalid = |span: Range<usize>, field: String, message: String| ConfigError::Invalid {
            path: path.to_owned(),
            line: line_of(text, span.start),
            field,
            message,
        };
        if let Err((field, message)) = raw.crawl.validate() {
            let at = key_offset(text, field);
            return Err(invalid(at..at, format!("crawl.{field}"), message));
        }
        if require_wards && raw.wards.is_empty() {
            return Err(ConfigError::NoWards {
                path: path.to_owned(),
            });
        }
        let mut wards = Vec::with_capacity(raw.wards.len());
        let mut ids = HashSet::new();
        for (i, w) in raw.wards.into_iter().enumerate() {
            let field = |name: &str| format!("ward[{i}].{name}");
            let name = w.name.get_ref().trim().to_owned();
            if name.is_empty() {
                return Err(invalid(
                    w.name.span(),
                    field("name"),
                    "must not be empty".into(),
                ));
            }
            let url = parse_site_url(w.url.get_ref())
                .map_err(|m| invalid(w.url.span(), field("url"), m))?;
            let mut start = Vec::new();
            for (j, s) in w.start.iter().enumerate() {
                let u = parse_site_url(s.get_ref())
                    .map_err(|m| invalid(s.span(), field(&format!("start[{j}]")), m))?;
                start.push(u);
            }
            let scope = w
                .scope
                .as_ref()
                .map(|s| {
                    Scope::parse(s.get_ref()).map_err(|m| invalid(s.span(), field("scope"), m))
                })
                .transpose()?;
            let (id, id_span) = match &w.id {
                Some(id) => (id.get_ref().clone(), id.span()),
                None => (ward_id(&name), w.name.span()),
            };
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(invalid(
                    id_span,
                    field("id"),
                    format!("`{id}` must be lower-case ASCII letters, digits and '-'"),
                ));
            }
            if !ids.insert(id.clone()) {
                return Err(invalid(
                    id_span,
                    field("id"),
                    format!("`{id}` is used by an earlier ward"),
                ));
            }
            wards.push(Ward {
                id,
                name,
                url,
                start,
                aliases: w
                    .aliases
                    .iter()
                    .map(|a| a.trim().to_ascii_lowercase())
                    .collect(),
                accept_invalid_certs: w.accept_invalid_certs,
                scope,
            });
        }
        Ok(Self {
            crawl: raw.crawl,
            wards,
        })
    }
}

/// A ward's id from its name: folded and hyphenated, "Phường Sao Đỏ" → "phuong-sao-do".
#[must_use]
pub fn ward_id(name: &str) -> String {
    fold(name).replace(' ', "-")
}

/// Parses a site address; only absolute http(s) URLs with a host are accepted.
pub fn parse_site_url(s: &str) -> Result<Url, String> {
    let url = Url::parse(s.trim()).map_err(|e| {
        format!("`{s}` is not a URL ({e}); write it like https://saodo.chilinh.haiduong.gov.vn/")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{s}` must start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{s}` has no host name"));
    }
    Ok(url)
}

/// Byte offset of the line that sets `key` (`key = …`), or 0.
fn key_offset(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return offset + (line.len() - trimmed.len());
        }
        offset += line.len();
    }
    0
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_wards_toml_lists_chi_linhs_19_units() {
        let c = Config::parse("wards.toml", include_str!("../wards.toml")).unwrap();
        assert_eq!(c.wards.len(), 19);
        assert_eq!(
            c.wards.iter().filter(|w| w.name.starts_with("Xã")).count(),
            5
        );
        assert_eq!(c.crawl.delay_ms, 500);
    }

    #[test]
    fn minimal_form_derives_the_id() {
        let c = Config::parse(
            "w.toml",
            "[[ward]]\nname = \"Phường Sao Đỏ\"\nurl = \"https://saodo.example.gov.vn/\"\n",
        )
        .unwrap();
        assert_eq!(c.wards[0].id, "phuong-sao-do");
        assert_eq!(c.crawl.max_pages, 300);
    }

    #[test]
    fn bad_url_names_line_and_field() {
        let err = Config::parse("w.toml", "[[ward]]\nname = \"A\"\nurl = \"https://a.vn/\"\n\n[[ward]]\nname = \"B\"\nurl = \"saodo.gov.vn\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("w.toml:7: field `ward[1].url`"), "{err}");
    }

    #[test]
    fn a_scope_is_read_and_a_bad_one_named_with_its_line() {
        let text = "[[ward]]\nname = \"Phường Chí Linh\"\nurl = \"https://hp.gov.vn/phuong-chi-linh/\"\nscope = \"/phuong-chi-linh/\"\n\n[[ward]]\nname = \"B\"\nurl = \"https://b.vn/\"\nscope = \"phuong-b\"\n";
        let err = Config::parse("w.toml", text).unwrap_err().to_string();
        assert!(err.starts_with("w.toml:9: field `ward[1].scope`"), "{err}");
        let good = text.replace("\"phuong-b\"", "\"?ward=b\"");
        let c = Config::parse("w.toml", &good).unwrap();
        assert_eq!(
            c.wards[0].scope,
            Some(Scope::Path("/phuong-chi-linh/".into()))
        );
        assert_eq!(
            c.wards[1].scope,
            Some(Scope::Query("ward".into(), "b".into()))
        );
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let err = Config::parse("w.toml", "[[ward]]\nname = \"Phường A\"\nurl = \"https://a.vn/\"\n[[ward]]\nname = \"Phường  A\"\nurl = \"https://b.vn/\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ward[1].id") && err.contains("earlier ward"),
            "{err}"
        );
    }

    #[test]
    fn crawl_errors_point_at_the_setting_not_a_comment() {
        let text = "# max_pages is the budget\n[crawl]\nmax_pages = 0\n[[ward]]\nname = \"A\"\nurl = \"https://a.vn/\"\n";
        let err = Config::parse("w.toml", text).unwrap_err().to_string();
        assert!(
            err.starts_with("w.toml:3: field `crawl.max_pages`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_fields_are_named() {
        let err = Config::parse(
            "w.toml",
            "[[ward]]\nname = \"A\"\nurll = \"https://a.vn/\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("line 3") && err.contains("urll"), "{err}");
    }
}
