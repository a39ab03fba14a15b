//! hotline: find, normalize and verify contact claims in text.
pub mod document;
pub mod lexicon;
pub mod normalize;
pub mod numbering;
