//! `waivers.toml`: gaps the city accepts for a reason, for a time.
//!
//! ```toml
//! [[waiver]]
//! ward = "xa-hung-dao"             # a ward id from wards.toml
//! requirement = "boundary-map"     # a rule id (`ward-audit rules check`)
//! reason = "Đang điều chỉnh địa giới theo Nghị quyết sáp nhập"
//! until = 2027-03-31               # the last day it applies
//! ```
//!
//! A waived requirement keeps its verdict in `audit.json` (`status` still
//! says what the auditor saw) but is shown as "Miễn" with its reason and left
//! out of the ward's score. After `until` the waiver no longer applies and the
//! requirement counts again, with nothing to remove by hand.

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::config::ConfigError;
use crate::report::json::{AuditDoc, RuleInfo, WaiverDoc, WardDoc};
use crate::rules::RuleSet;

/// One accepted gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    pub ward: String,
    pub requirement: String,
    pub reason: String,
    pub until: NaiveDate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default, rename = "waiver")]
    waivers: Vec<RawWaiver>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaiver {
    ward: Spanned<String>,
    requirement: Spanned<String>,
    reason: Spanned<String>,
    until: Spanned<toml::value::Datetime>,
}

/// The waivers of a file, checked against the wards and rules they may name.
#[derive(Debug, Clone, Default)]
pub struct Waivers(pub Vec<Waiver>);

impl Waivers {
    /// Reads `path`. `wards` are the ward ids a waiver may name (`None`: any);
    /// it may name any rule of `rules`.
    pub fn load(path: &Path, wards: Option<&[&str]>, rules: &RuleSet) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&path.display().to_string(), &text, wards, rules)
    }

    pub fn parse(
        path: &str,
        text: &str,
        wards: Option<&[&str]>,
        rules: &RuleSet,
    ) -> Result<Self, ConfigError> {
        let rules: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        let raw: RawFile = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })?;
        let invalid = |span: Range<usize>, field: String, message: String| ConfigError::Invalid {
            path: path.to_owned(),
            line: text[..span.start.min(text.len())].matches('\n').count() + 1,
            field,
            message,
        };
        let mut out = Vec::with_capacity(raw.waivers.len());
        for (i, w) in raw.waivers.into_iter().enumerate() {
            let field = |name: &str| format!("waiver[{i}].{name}");
            let ward = w.ward.get_ref().trim();
            if wards.is_some_and(|known| !known.contains(&ward)) {
                return Err(invalid(
                    w.ward.span(),
                    field("ward"),
                    format!("no ward with id `{ward}` in wards.toml"),
                ));
            }
            let requirement = w.requirement.get_ref().trim();
            if !rules.contains(&requirement) {
                return Err(invalid(
                    w.requirement.span(),
                    field("requirement"),
                    format!(
                        "no rule with id `{requirement}` (one of: {})",
                        rules.join(", ")
                    ),
                ));
            }
            let reason = w.reason.get_ref().trim();
            if reason.is_empty() {
                return Err(invalid(
                    w.reason.span(),
                    field("reason"),
                    "say why the gap is accepted".into(),
                ));
            }
            let until = match w.until.get_ref() {
                toml::value::Datetime {
                    date: Some(d),
                    time: None,
                    offset: None,
                } => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
                _ => None,
            }
            .ok_or_else(|| {
                invalid(
                    w.until.span(),
                    field("until"),
                    "write a date like 2027-03-31, without quotes".into(),
                )
            })?;
            out.push(Waiver {
                ward: ward.to_owned(),
                requirement: requirement.to_owned(),
                reason: reason.to_owned(),
                until,
            });
        }
        Ok(Self(out))
    }

    /// Marks the requirements waived on the run's date and scores the wards
    /// again. A waiver whose `until` is before the run's date is ignored.
    pub fn apply(&self, doc: &mut AuditDoc, as_of: NaiveDate) {
        for ward in &mut doc.wards {
            self.apply_ward(ward, &doc.rules, as_of);
        }
    }

    /// `apply` for one ward, scored over `rules`.
    pub fn apply_ward(&self, ward: &mut WardDoc, rules: &[RuleInfo], as_of: NaiveDate) {
        for req in &mut ward.requirements {
            req.waiver = self
                .0
                .iter()
                .find(|w| w.ward == ward.id && w.requirement == req.id && as_of <= w.until)
                .map(|w| WaiverDoc {
                    reason: w.reason.clone(),
                    until: w.until.to_string(),
                });
        }
        crate::report::json::rescore_ward(ward, rules);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Waivers, ConfigError> {
        let rules = RuleSet::embedded().unwrap();
        Waivers::parse("waivers.toml", text, Some(&["xa-hung-dao"]), &rules)
    }

    #[test]
    fn reads_a_waiver() {
        let w = parse(
            "[[waiver]]\nward = \"xa-hung-dao\"\nrequirement = \"boundary-map\"\nreason = \"Sáp nhập\"\nuntil = 2027-03-31\n",
        )
        .unwrap();
        assert_eq!(w.0[0].until, NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
    }

    #[test]
    fn unknown_wards_rules_and_bad_dates_name_line_and_field() {
        let cases = [
            (
                "ward = \"xa-khong-co\"\nrequirement = \"boundary-map\"\nreason = \"x\"\nuntil = 2027-01-01",
                ":2: field `waiver[0].ward`",
            ),
            (
                "ward = \"xa-hung-dao\"\nrequirement = \"ban-do\"\nreason = \"x\"\nuntil = 2027-01-01",
                ":3: field `waiver[0].requirement`",
            ),
            (
                "ward = \"xa-hung-dao\"\nrequirement = \"boundary-map\"\nreason = \" \"\nuntil = 2027-01-01",
                ":4: field `waiver[0].reason`",
            ),
            (
                "ward = \"xa-hung-dao\"\nrequirement = \"boundary-map\"\nreason = \"x\"\nuntil = 2027-01-01T10:00:00",
                ":5: field `waiver[0].until`",
            ),
        ];
        for (body, expected) in cases {
            let err = parse(&format!("[[waiver]]\n{body}\n"))
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with("waivers.toml") && err.contains(expected),
                "{err}"
            );
        }
        let err = parse("[[waiver]]\nward = \"xa-hung-dao\"\nuntil = \"2027-01-01\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("waivers.toml"), "{err}");
    }
}
