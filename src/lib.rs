//! ward-audit: audits Vietnamese ward and commune websites against the content
//! the city requires them to publish.
//!
//! The pipeline runs one way: `config` → `crawl` → `rules` (evaluate) →
//! `report`. `audit` drives it for a run.

pub mod archive;
pub mod audit;
pub mod cli;
pub mod config;
pub mod crawl;
pub mod demo;
pub mod lang;
pub mod reaudit;
pub mod report;
pub mod rules;
pub mod text;
pub mod waivers;
