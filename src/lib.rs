//! hotline: find, normalize and verify contact claims (phone numbers, email addresses) in text.
//!
//! The pipeline, in data order, one module per stage: [`source`] reads inputs (files, directories,
//! WARC, JSON Lines, any encoding) into [`document`]s; [`context`] works out each page's structure, its
//! organisation and the region of its numbers; [`mention`] finds every phone number and address and
//! normalizes it with the [`numbering`] plan; [`attribute`] works out the organisation, role, label, hours
//! and channel each is claimed for; [`verify`] checks each claim against the curated [`reference`];
//! [`rules`] raise scam signals; [`crosscheck`] finds contradictions across documents; [`run`] drives all
//! of that over a whole run (in parallel, in input order) and computes risk and the totals; [`report`]
//! renders the records; [`answer`] is `hotline check`'s answer about one value. The records themselves
//! are the [`model`], which every stage fills in part by part and which imports no stage. Curated word
//! lists are in [`data`]; [`lexicon`] and [`text`] are shared helpers.

pub mod model;
pub mod text;

pub mod document;

pub mod data;
pub mod lexicon;
pub mod numbering;
pub mod reference;

pub mod source;

pub mod context;

pub mod mention;

pub mod attribute;

pub mod verify;

pub mod rules;

pub mod crosscheck;

pub mod run;

/// The evidence store: every claim of every run in SQLite (`--db`).
pub mod store;

pub mod answer;

pub mod report;

#[cfg(feature = "serve")]
pub mod serve;
