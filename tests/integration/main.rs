//! Integration tests: one binary. Every server is on 127.0.0.1, started here.

mod cli;
mod common;
mod crawl;
mod demo;
mod report;
mod rules;
