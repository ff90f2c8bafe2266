//! Vietnamese text handling in one place: normalisation and folding, dates, and
//! phone numbers. Every other module matches text through these functions, so a
//! fix for a new quirk of real sites lands once.

pub mod bytes;
pub mod dates;
pub mod fold;
pub mod phones;

pub use fold::{Folded, Phrase, PhraseGroups, fold, normalize, normalize_lines};

/// Calls `check` with every text made of one to `most` of `pieces`, in
/// order: the inputs of the exhaustive tests of text handling.
#[cfg(test)]
pub(crate) fn each_concatenation(pieces: &[&str], most: usize, mut check: impl FnMut(&str)) {
    let mut texts = vec![String::new()];
    for _ in 0..most {
        texts = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        for text in &texts {
            check(text);
        }
    }
}
