//! Counting matches per authority, body and year, from fast fields.
//!
//! tantivy's `FacetCollector` resolves every facet ordinal of every segment through the term
//! dictionary (zstd-compressed blocks, a fresh decompressor each): with thousands of bodies it
//! cost hundreds of milliseconds per query. Here each document carries the database's small,
//! dense authority and body ids and its year as u64 fast fields, and counting is three column
//! reads and three array increments per match; names are looked up once per id afterwards.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Fast field names.
pub const AUTHORITY_ID: &str = "authority_id";
/// Fast field names.
pub const BODY_ID: &str = "body_id";
/// Fast field names.
pub const YEAR: &str = "year";

/// Counts per id; ids above this go uncounted (a guard against a corrupt value).
const MAX_ID: u64 = 1 << 24;

/// Counts of matches by authority id, body id and year, and the total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Index: authority id.
    pub authorities: Vec<u64>,
    /// Index: body id.
    pub bodies: Vec<u64>,
    /// Index: year.
    pub years: Vec<u64>,
    /// All matches.
    pub total: u64,
}

fn bump(v: &mut Vec<u64>, id: Option<u64>) {
    if let Some(id) = id.filter(|&i| i < MAX_ID) {
        let i = id as usize;
        if v.len() <= i {
            v.resize(i + 1, 0);
        }
        v[i] += 1;
    }
}

fn add(into: &mut Vec<u64>, from: &[u64]) {
    if into.len() < from.len() {
        into.resize(from.len(), 0);
    }
    for (a, b) in into.iter_mut().zip(from) {
        *a += b;
    }
}

/// The collector.
pub struct FacetCounter;

/// Per segment.
pub struct SegmentFacetCounter {
    authority: Column<u64>,
    body: Column<u64>,
    year: Column<u64>,
    counts: Counts,
}

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let ff = reader.fast_fields();
        Ok(SegmentFacetCounter {
            authority: ff.u64(AUTHORITY_ID)?,
            body: ff.u64(BODY_ID)?,
            year: ff.u64(YEAR)?,
            counts: Counts::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut out = Counts::default();
        for c in fruits {
            add(&mut out.authorities, &c.authorities);
            add(&mut out.bodies, &c.bodies);
            add(&mut out.years, &c.years);
            out.total += c.total;
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.counts.total += 1;
        bump(&mut self.counts.authorities, self.authority.first(doc));
        bump(&mut self.counts.bodies, self.body.first(doc));
        bump(&mut self.counts.years, self.year.first(doc));
    }

    fn harvest(self) -> Counts {
        self.counts
    }
}
