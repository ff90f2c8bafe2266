//! `audit.csv`: one row per ward × requirement, for Excel and `LibreOffice`.
//!
//! UTF-8 with a byte-order mark (without it Excel reads Vietnamese as
//! mojibake), CRLF line ends, every field quoted. A field from a crawled page
//! that starts with `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet
//! never runs it as a formula.

use super::json::AuditDoc;

const HEADER: [&str; 14] = [
    "ward_id",
    "ward_name",
    "url",
    "score",
    "requirement_id",
    "requirement",
    "status",
    "confidence",
    "summary",
    "evidence_url",
    "evidence_snippet",
    "fix",
    "waiver_reason",
    "waiver_until",
];

#[must_use]
pub fn render(doc: &AuditDoc) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, HEADER.iter().map(|h| (*h).to_owned()));
    for ward in &doc.wards {
        for (req, rule) in ward.requirements.iter().zip(&doc.rules) {
            let first = req.evidence.first();
            row(
                &mut out,
                [
                    ward.id.clone(),
                    ward.name.clone(),
                    ward.url.clone(),
                    ward.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
                    req.id.clone(),
                    rule.title.clone(),
                    req.status.clone(),
                    format!("{:.2}", req.confidence),
                    req.summary.clone(),
                    first.map(|e| e.url.clone()).unwrap_or_default(),
                    first.map(|e| e.snippet.clone()).unwrap_or_default(),
                    req.fix.clone(),
                    req.waiver
                        .as_ref()
                        .map(|w| w.reason.clone())
                        .unwrap_or_default(),
                    req.waiver
                        .as_ref()
                        .map(|w| w.until.clone())
                        .unwrap_or_default(),
                ]
                .into_iter(),
            );
        }
    }
    out
}

const SUMMARY_HEADER: [&str; 14] = [
    "ward_id",
    "ward_name",
    "url",
    "platform",
    "score",
    "previous_score",
    "pass",
    "partial",
    "fail",
    "error",
    "pages_fetched",
    "crawl_error",
    "report",
    "waived",
];

/// `summary.csv`: one row per ward.
#[must_use]
pub fn render_summary(doc: &AuditDoc) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, SUMMARY_HEADER.iter().map(|h| (*h).to_owned()));
    for ward in &doc.wards {
        // Waived requirements are counted apart, not by their verdict.
        let count = |status: &str| {
            ward.requirements
                .iter()
                .filter(|r| r.waiver.is_none() && r.status == status)
                .count()
                .to_string()
        };
        let waived = ward
            .requirements
            .iter()
            .filter(|r| r.waiver.is_some())
            .count();
        let score = |s: Option<f64>| s.map(|s| format!("{s:.1}")).unwrap_or_default();
        row(
            &mut out,
            [
                ward.id.clone(),
                ward.name.clone(),
                ward.url.clone(),
                ward.platform.clone(),
                score(ward.score),
                score(ward.previous_score),
                count("pass"),
                count("partial"),
                count("fail"),
                count("error"),
                ward.crawl.pages_fetched.to_string(),
                ward.crawl
                    .error
                    .as_ref()
                    .map(|e| e.kind.clone())
                    .unwrap_or_default(),
                super::html::ward_page(&ward.id),
                waived.to_string(),
            ]
            .into_iter(),
        );
    }
    out
}

fn row(out: &mut String, fields: impl Iterator<Item = String>) {
    let cells: Vec<String> = fields.map(|f| quote(&f)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn quote(field: &str) -> String {
    let defused = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_defuses_formulas() {
        assert_eq!(quote("a \"b\", c"), "\"a \"\"b\"\", c\"");
        assert_eq!(quote("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
