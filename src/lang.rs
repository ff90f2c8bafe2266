//! The language reports are written in: Vietnamese by default, English on
//! request (`--lang en`). Words the tool writes itself come in both; what a
//! rule file says comes in English only when the file gives it (`[text.en]`),
//! and what a crawled page says is shown as it is.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code, for `<html lang>` and `audit.json`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// One of two wordings, by language.
    #[must_use]
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
