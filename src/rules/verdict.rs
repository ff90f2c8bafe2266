//! The judgement for one ward and one rule, as reports show it.

use serde::Serialize;

use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Clear evidence of the content itself.
    Pass,
    /// Something is there but incomplete, empty, stale, or only linked.
    Partial,
    /// Nothing found in what was crawled.
    Fail,
    /// The site could not be audited; says nothing about the content.
    Error,
}

impl Status {
    /// Share of the rule's weight a ward earns with this status.
    #[must_use]
    pub fn credit(self) -> f64 {
        match self {
            Status::Pass => 1.0,
            Status::Partial => 0.5,
            Status::Fail | Status::Error => 0.0,
        }
    }

    /// The status named by its audit.json form; unknown names read as `Error`.
    #[must_use]
    pub fn from_name(name: &str) -> Self {
        match name {
            "pass" => Status::Pass,
            "partial" => Status::Partial,
            "fail" => Status::Fail,
            _ => Status::Error,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Partial => "partial",
            Status::Fail => "fail",
            Status::Error => "error",
        }
    }

    /// The label reports use.
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Pass => lang.pick("Đạt", "Pass"),
            Status::Partial => lang.pick("Chưa đầy đủ", "Incomplete"),
            Status::Fail => lang.pick("Không đạt", "Fail"),
            Status::Error => lang.pick("Không kiểm tra được", "Not checked"),
        }
    }

    /// A symbol, so the verdict never rests on colour alone.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Pass => "✔",
            Status::Partial => "◐",
            Status::Fail => "✘",
            Status::Error => "?",
        }
    }
}

/// One piece of evidence: where it was seen and what was seen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub url: String,
    /// A short piece of the page's own text (untrusted: escape when shown).
    pub snippet: String,
    /// Which signal matched, e.g. `phones>=5`.
    pub signal: String,
    /// The archived page it was seen on, when the run keeps an archive.
    pub record: Option<crate::archive::RecordRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub id: String,
    pub status: Status,
    pub confidence: f64,
    pub summary: String,
    pub fix: String,
    pub evidence: Vec<Evidence>,
}
