//! `phones`: several distinct phone numbers in a page's own content.
//!
//! A phone directory (danh bạ điện thoại) is a list of officials or units with
//! their numbers. The footer's switchboard number is printed on every page and
//! is not a directory, so numbers that also stand in the page's chrome are not
//! counted, and the same number written two ways counts once.
//!
//! ```toml
//! [[signal]]
//! kind = "phones"
//! min_pass = 5      # distinct numbers for a pass
//! min_partial = 1   # fewer than min_pass, on a page about the topic: partial
//! anywhere = true   # a page with min_pass numbers counts even off topic
//! updated_after = "2025-07-01"  # a page last updated before: partial
//! ```
//!
//! Evidence: the page, the first lines that carry numbers, `phones=N`.

use crate::lang::Lang;
use serde::Deserialize;

use super::{Finding, PageCtx, counted, evidence};
use crate::crawl::PageFacts;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phones {
    pub min_pass: usize,
    #[serde(default = "super::one")]
    pub min_partial: usize,
    #[serde(default)]
    pub anywhere: bool,
    /// Numbers on a page that says it was last updated before this day
    /// ("Cập nhật tháng 3/2024") are those of before a reorganisation.
    #[serde(default)]
    pub updated_after: Option<chrono::NaiveDate>,
}

impl Phones {
    pub(super) fn describe(&self) -> String {
        format!(
            "ít nhất {} số điện thoại khác nhau trong nội dung trang (không tính số tổng đài ở chân trang); {}–{} số: chưa đầy đủ",
            self.min_pass,
            self.min_partial,
            self.min_pass.saturating_sub(1)
        )
    }
}

#[must_use]
pub fn phones(p: &Phones, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    let mut numbers: Vec<&str> = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for phone in &page.phones {
        if page.chrome_phones.contains(&phone.number) || numbers.contains(&phone.number.as_str()) {
            continue;
        }
        numbers.push(&phone.number);
        if lines.len() < 3 && !lines.contains(&phone.line.as_str()) {
            lines.push(&phone.line);
        }
    }
    let count = numbers.len();
    let mut found = counted(
        count,
        (p.min_pass, p.min_partial),
        ctx,
        match ctx.lang {
            Lang::Vi => format!("{count} số điện thoại khác nhau"),
            Lang::En if count == 1 => "1 phone number".to_owned(),
            Lang::En => format!("{count} different phone numbers"),
        },
        evidence(page, &lines.join(" … "), format!("phones={count}")),
    )?;
    super::out_of_date_if_updated_before(&mut found, p.updated_after, page, ctx);
    Some(found)
}
