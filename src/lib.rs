//! hotline: find, normalize and verify contact claims (phone numbers, email addresses) in text.
//!
//! The pipeline, one module per stage:
//! [`source`] reads inputs into [`document`]s; [`mention`] finds phone numbers and addresses;
//! [`normalize`] (with [`numbering`]) validates and normalizes them; [`attribute`] works out the organisation
//! and role each is claimed for (using [`context`] and the [`reference`]); [`audit`] runs these per document;
//! [`report`] renders the results.

pub mod attribute;
pub mod audit;
pub mod batch;
pub mod check;
pub mod claim;
pub mod context;
pub mod crosscheck;
pub mod document;
pub mod lexicon;
pub mod mention;
pub mod normalize;
pub mod numbering;
pub mod reference;
pub mod report;
pub mod rules;
pub mod source;
pub mod text;
pub mod verify;
