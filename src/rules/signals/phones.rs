//! `phones`: several distinct phone numbers in a page's own content.
//!
//! A phone directory (danh bạ điện thoại) is a list of officials or units with
//! their numbers. The footer's switchboard number is printed on every page and
//! is not a directory, so numbers that also stand in the page's chrome are not
//! counted, and the same number written two ways counts once. Nor are
//! numbers whose line names the province or one of its departments ("Văn
//! phòng UBND tỉnh", "Sở Tư pháp"): a province's directory copied onto the
//! ward's site lists none of the ward's own.
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
    /// ("Cập nhật tháng 3/2024"), or that was posted before it and not
    /// updated since, are those of before a reorganisation.
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
        if page.chrome_phones.contains(&phone.number)
            || numbers.contains(&phone.number.as_str())
            || names_the_province(&phone.line)
        {
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

/// Whether a number's line names the province or one of its departments:
/// "tỉnh" as a word ("Văn phòng UBND tỉnh", "Công an tỉnh"; not "tỉnh lộ",
/// a road), or "Sở" as a department ("Sở Tư pháp"; not "trụ sở", the
/// office). Read with the diacritics: folded, "tỉnh" is also "tình" and
/// "tính".
fn names_the_province(line: &str) -> bool {
    if !line.contains("ỉnh") && !line.contains("ỈNH") && !line.contains("ở") && !line.contains("Ở")
    {
        return false;
    }
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let next = words.get(i + 1).map(String::as_str);
        let previous = i.checked_sub(1).map(|j| words[j].as_str());
        (w == "tỉnh" && next != Some("lộ")) || (w == "sở" && previous != Some("trụ"))
    })
}

#[cfg(test)]
mod tests {
    use super::names_the_province;

    #[test]
    fn the_provinces_numbers_are_told_from_the_wards() {
        for province in [
            "3 | Văn phòng UBND tỉnh | 0262.3852.538",
            "Sở Tư pháp 0262.3856.071",
            "17 | CÔNG AN TỈNH (trực ban) | 069.2618.113",
            "Đường dây nóng của tỉnh: 0262.3869.999",
        ] {
            assert!(names_the_province(province), "{province}");
        }
        for ward in [
            "Trụ sở UBND phường, ĐT: 0262.3852.218",
            "Nguyễn Văn Tình – Phó Chủ tịch UBND xã 0912.345.678",
            "Tổ dân phố 5, Tỉnh lộ 8: 0913.222.111",
            "Công an phường 069.2618.200",
            "Tài chính – Kế toán: 0262.3853.000",
        ] {
            assert!(!names_the_province(ward), "{ward}");
        }
    }
}
