//! Kansli's search: a Swedish full-text index over the archive's paragraphs, kept in the data directory.
//!
//! One tantivy document per paragraph of published minutes, in `<data-dir>/index/`
//! ([`SearchIndex::open_for`]). Swedish analysis (stemming, compound parts: [`analysis`]),
//! filters by authority, body, date, Dnr and person, facets, snippets, typo tolerance and a
//! "menade du …?" suggestion ([`SearchIndex::search`]). The index follows the database's change
//! log ([`SearchIndex::catch_up`], crash-safe: see [`index`]); [`SearchIndex::rebuild`] builds it
//! anew from the database.

pub mod analysis;
mod error;
pub mod facets;
pub mod index;
pub mod limits;
pub mod schema;
mod search;

pub use error::SearchError;
pub use index::{CatchUp, SearchIndex};
pub use limits::Refusal;
pub use search::{
    FacetCount, Facets, Hit, MAX_LIMIT, PersonMatch, SearchRequest, SearchResults, Sort,
};
