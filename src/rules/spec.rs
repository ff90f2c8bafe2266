//! The rule file format, exactly as written on disk. Unknown fields are
//! rejected so a typo in a rule file is an error, not a silently ignored
//! setting. See `rules/README.md` for the grammar in words.

use serde::Deserialize;

use super::signals::SignalSpec;

/// `rules/ruleset.toml`: facts about the whole set.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetSpec {
    /// Printed on every report, so a verdict can be traced to the rules that made it.
    pub version: String,
}

/// One `rules/NN-<id>.toml` file: one requirement.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub title: String,
    /// The directive wording this rule enforces.
    pub clause: String,
    #[serde(default = "one")]
    pub weight: f64,
    pub look: LookSpec,
    #[serde(rename = "signal", default)]
    pub signals: Vec<SignalSpec>,
    pub text: TextSpec,
}

fn one() -> f64 {
    1.0
}

/// Where to look: hints for the crawler and the test of whether a page is
/// about this requirement.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookSpec {
    /// Link texts that lead to the item (menu labels). Steer the crawl; a page
    /// reached through one of them counts as on topic.
    pub anchors: Vec<String>,
    /// Words in URLs that hint at the item. Only steer the crawl.
    #[serde(default)]
    pub url_words: Vec<String>,
    /// Phrases in a page's title or headings that mark it as about the item.
    pub topic: Vec<String>,
    /// Phrases in a title or heading that mark a page as *not* about the item
    /// ("lịch sử" for the schedule rule).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Phrases that veto like `exclude`, except in a title or heading that
    /// also names one of `named_with`: the council alone is not the
    /// committee's structure, "Lãnh đạo Đảng ủy, HĐND, UBND" is.
    #[serde(default)]
    pub exclude_unless: Option<ExcludeUnlessSpec>,
    /// A page whose title or first heading names another ward's or
    /// commune's organs ("UBND xã Yên Lâm" on Yên Thanh's site: copied, or
    /// a unit merged away) gives this rule `partial` at most.
    #[serde(default)]
    pub own_unit_only: bool,
}

/// `[look.exclude_unless]`: a veto lifted by another subject named with it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcludeUnlessSpec {
    pub phrases: Vec<String>,
    pub named_with: Vec<String>,
}

/// The Vietnamese texts a report shows for this rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    pub pass: String,
    pub partial: String,
    pub fail: String,
    /// What the ward should publish to meet the requirement.
    pub fix: String,
    /// The same in English, for `--lang en` (`[text.en]`). Without it an
    /// English report shows the Vietnamese texts.
    #[serde(default)]
    pub en: Option<TextEn>,
}

/// `[text.en]`: the rule's title, clause and verdict texts in English.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextEn {
    pub title: String,
    pub clause: String,
    pub pass: String,
    pub partial: String,
    pub fail: String,
    pub fix: String,
}
