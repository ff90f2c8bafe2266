//! Requirements as data: rule files, their validation, the signal kinds that
//! judge a page, and the verdict a ward gets for each rule.
//!
//! Rule files are parsed raw (`spec`), validated and compiled once (`load`)
//! into a `RuleSet`, then trusted. `evaluate` turns a stream of `PageFacts`
//! into one `Verdict` per rule.

pub mod evaluate;
pub mod load;
pub mod signals;
pub mod spec;
pub mod verdict;

pub use evaluate::Evaluator;
pub use load::{Rule, RuleError, RuleSet};
pub use verdict::{Evidence, Status, Verdict};
