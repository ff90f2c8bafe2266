//! Vietnamese text handling in one place: normalisation and folding, dates, and
//! phone numbers. Every other module matches text through these functions, so a
//! fix for a new quirk of real sites lands once.

pub mod dates;
pub mod fold;
pub mod phones;

pub use fold::{Folded, Phrase, fold, normalize};
