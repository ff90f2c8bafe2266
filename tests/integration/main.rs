//! Integration tests: one binary. Every server is on 127.0.0.1, started here.

// Test code builds fixture strings and passes settings around freely;
// readability beats saving an allocation here.
#![allow(clippy::format_collect, clippy::needless_pass_by_value)]

mod accuracy;
mod archive;
mod browser;
mod cli;
mod common;
mod crawl;
mod demo;
mod hostile;
mod report;
mod rules;
mod snapshots;
mod tls;
mod waivers;
