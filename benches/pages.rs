//! Per-page costs on synthetic ward pages (bench/synth.rs): the bare
//! `scraper` parse, which is the floor, then parse + `PageFacts`, then
//! parse + `PageFacts` + every rule, as the crawler pays them per page.
//!
//! `cargo bench --bench pages`; `bench/run.sh` records the medians in
//! BENCHMARKS.md.

#[path = "../bench/synth.rs"]
mod synth;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ward_audit::crawl::facts;
use ward_audit::rules::{Evaluator, RuleSet};

fn pages() -> Vec<(&'static str, url::Url, String)> {
    let site = synth::site(0, 60);
    let base = url::Url::parse("http://127.0.0.1:8000/").unwrap();
    [
        "/index.html",
        "/danh-ba.html",
        "/tin-tuc/trang-1.html",
        "/tin-tuc/7.html",
    ]
    .into_iter()
    .map(|path| {
        let (_, body) = &site.files[path];
        (
            path,
            base.join(path).unwrap(),
            String::from_utf8(body.clone()).unwrap(),
        )
    })
    .collect()
}

fn per_page(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    for (path, url, html) in pages() {
        let mut group = c.benchmark_group(path.trim_start_matches('/'));
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_function("parse", |b| {
            b.iter(|| black_box(scraper::Html::parse_document(black_box(&html))));
        });
        group.bench_function("parse+facts", |b| {
            b.iter(|| {
                black_box(facts::extract_alone(
                    &url,
                    1,
                    Vec::new(),
                    black_box(&html),
                    as_of,
                ))
            });
        });
        group.bench_function("parse+facts+rules", |b| {
            b.iter(|| {
                let page = facts::extract_alone(&url, 1, Vec::new(), black_box(&html), as_of);
                let mut evaluator = Evaluator::new(&rules, as_of);
                evaluator.observe(&page);
                black_box(evaluator.all_decided())
            });
        });
        let page = facts::extract_alone(&url, 1, Vec::new(), &html, as_of);
        group.bench_function("rules", |b| {
            b.iter(|| {
                let mut evaluator = Evaluator::new(&rules, as_of);
                evaluator.observe(black_box(&page));
                black_box(evaluator.all_decided())
            });
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = per_page
}
criterion_main!(benches);
