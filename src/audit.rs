//! Drives one run: every ward crawled and judged, at most `jobs` at once.
//!
//! Each ward is a task: its crawl hands pages to its own `Evaluator`, which
//! tells the crawl when everything is decided. A ward whose site is down gets
//! `error` verdicts with the reason; nothing a site does stops the run.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use indicatif::ProgressBar;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::archive::{Recorder, warc};
use crate::config::Ward;
use crate::crawl::{self, Failure, FailureKind, Flow, Settings, Site, Summary};
use crate::rules::evaluate::error_verdicts;
use crate::rules::{Evaluator, RuleSet, Status, Verdict};

/// Everything found for one ward.
#[derive(Debug, Clone)]
pub struct WardResult {
    pub ward: Ward,
    pub crawl: Summary,
    pub verdicts: Vec<Verdict>,
    /// For each rule, pages fetched before its evidence was found.
    pub found_after: Vec<(String, Option<usize>)>,
}

impl WardResult {
    #[must_use]
    pub fn count(&self, status: Status) -> usize {
        self.verdicts.iter().filter(|v| v.status == status).count()
    }
}

/// Whether reading more of a site can still change its verdicts: not once
/// every rule has pass-level evidence, nor after `patience` pages in a row
/// brought nothing new (0: no such limit).
#[must_use]
pub fn next_step(evaluator: &Evaluator<'_>, patience: usize) -> Flow {
    if evaluator.all_decided() || (patience > 0 && evaluator.pages_since_progress() >= patience) {
        Flow::Stop
    } else {
        Flow::Continue
    }
}

/// Audits one ward, archiving what it fetches when `archive` is given.
pub async fn audit_ward(
    client: &reqwest::Client,
    ward: &Ward,
    settings: &Settings,
    rules: &RuleSet,
    as_of: NaiveDate,
    archive: Option<&Arc<warc::Writer>>,
) -> WardResult {
    let site =
        Site::new(&ward.url, &ward.start, &ward.aliases).scoped(ward.scope.clone(), &ward.name);
    let recorder = archive.map(|w| Recorder::new(w.clone(), &ward.id));
    let mut evaluator = Evaluator::new(rules, as_of).for_unit(&ward.name);
    let hints = rules.hints();
    let summary = crawl::crawl(
        client,
        &site,
        settings,
        hints,
        recorder.as_ref(),
        as_of,
        |page| {
            if settings.no_judge {
                return Flow::Continue;
            }
            evaluator.observe(&page);
            next_step(&evaluator, settings.patience)
        },
    )
    .await;
    let found_after = evaluator.found_after();
    let verdicts = match &summary.error {
        Some(failure) => error_verdicts(rules, failure.kind.explain(rules.lang)),
        None => evaluator.finish(),
    };
    WardResult {
        ward: ward.clone(),
        crawl: summary,
        verdicts,
        found_after,
    }
}

/// Audits every ward, `settings.jobs` at once, handing each result to
/// `on_ward` with the ward's index as soon as it is done, so reports are
/// written as wards finish rather than held until the end.
pub async fn audit_all<F>(
    wards: &[Ward],
    settings: &Settings,
    rules: &RuleSet,
    as_of: NaiveDate,
    progress: &ProgressBar,
    archive: Option<Arc<warc::Writer>>,
    mut on_ward: F,
) -> anyhow::Result<()>
where
    F: FnMut(usize, WardResult) -> anyhow::Result<()>,
{
    let client = crawl::fetch::client(settings)?;
    // Wards that accept invalid certificates get a client of their own.
    let lenient_settings = Settings {
        accept_invalid_certs: true,
        ..settings.clone()
    };
    let lenient = if wards.iter().any(|w| w.accept_invalid_certs) && !settings.accept_invalid_certs
    {
        Some(crawl::fetch::client(&lenient_settings)?)
    } else {
        None
    };
    let mut ward_of = HashMap::new();
    let limit = Arc::new(Semaphore::new(settings.jobs));
    let shared = Arc::new((settings.clone(), lenient_settings, rules.clone()));
    let mut tasks = JoinSet::new();
    for (i, ward) in wards.iter().cloned().enumerate() {
        let client = match &lenient {
            Some(lenient) if ward.accept_invalid_certs => lenient.clone(),
            _ => client.clone(),
        };
        let (client, limit, shared, progress, archive) = (
            client,
            limit.clone(),
            shared.clone(),
            progress.clone(),
            archive.clone(),
        );
        let task = tasks.spawn(async move {
            let _permit = limit
                .acquire_owned()
                .await
                .expect("semaphore is never closed");
            progress.set_message(ward.name.clone());
            let (strict, lenient, rules) = &*shared;
            let settings = if ward.accept_invalid_certs {
                lenient
            } else {
                strict
            };
            let result = audit_ward(&client, &ward, settings, rules, as_of, archive.as_ref()).await;
            progress.inc(1);
            (i, result)
        });
        ward_of.insert(task.id(), i);
    }
    while let Some(joined) = tasks.join_next_with_id().await {
        let (i, result) = match joined {
            Ok((_, done)) => done,
            Err(failed) => {
                let i = *ward_of.get(&failed.id()).expect("every task is a ward's");
                let why = if failed.is_panic() {
                    panic_text(failed.into_panic().as_ref())
                } else {
                    "cancelled".to_owned()
                };
                (i, failed_ward(&wards[i], settings, rules, &why))
            }
        };
        on_ward(i, result)?;
    }
    Ok(())
}

/// A ward whose audit stopped on a fault of ward-audit's own (a panic on
/// some page): `error` verdicts that say so, and the run goes on to the
/// other wards.
fn failed_ward(ward: &Ward, settings: &Settings, rules: &RuleSet, why: &str) -> WardResult {
    let mut crawl = Summary::before_crawl(settings);
    let failure = Failure::new(
        FailureKind::Other,
        format!(
            "ward-audit stopped on an internal error while auditing this site ({why}); please report it"
        ),
    );
    let verdicts = error_verdicts(rules, &failure.message);
    crawl.error = Some(failure);
    WardResult {
        ward: ward.clone(),
        crawl,
        verdicts,
        found_after: Vec::new(),
    }
}

/// What a panic said, when it said it in text.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ward_whose_audit_panicked_gets_error_verdicts_that_say_why() {
        let rules = RuleSet::embedded().unwrap();
        let payload = std::panic::catch_unwind(|| {
            let v: Vec<usize> = Vec::new();
            v[usize::MAX - 1]
        })
        .unwrap_err();
        let why = panic_text(payload.as_ref());
        assert!(why.contains("index out of bounds"), "{why}");
        assert_eq!(panic_text(&42_u8), "panic");
        let ward = Ward {
            id: "phuong-a".into(),
            name: "Phường A".into(),
            url: url::Url::parse("http://a.test/").unwrap(),
            start: Vec::new(),
            aliases: Vec::new(),
            accept_invalid_certs: false,
            scope: None,
        };
        let result = failed_ward(&ward, &Settings::default(), &rules, &why);
        assert_eq!(result.verdicts.len(), rules.rules.len());
        assert!(result.verdicts.iter().all(|v| v.status == Status::Error));
        let error = result.crawl.error.unwrap();
        assert_eq!(error.kind, FailureKind::Other);
        assert!(error.message.contains(&why), "{}", error.message);
    }
}
