//! Counting matches per authority, body and year, from fast fields, with a bounded cost:
//! exactly up to a cap, from a sample beyond it.
//!
//! tantivy's `FacetCollector` resolves every facet ordinal of every segment through the term
//! dictionary (zstd-compressed blocks, a fresh decompressor each): with thousands of bodies it
//! cost hundreds of milliseconds per query. Here each document carries the database's small,
//! dense authority and body ids and its year as u64 fast fields, and counting is three column
//! reads and three array increments per match; names are looked up once per id afterwards.
//!
//! Those reads for every match of a common word at a million paragraphs were still a good part
//! of a search (issue 18). So [`FacetCounter`] reads the columns of the first `cap` matches of
//! each segment and past that only of a systematic sample: every 2nd match (each counting 2)
//! up to twice the cap, every 4th up to four times, and so on, so a segment costs about
//! `cap × (1 + log2(matches / cap) / 2)` column reads however many match, and the sample is
//! spread over the whole segment (index order is import order, roughly date order: the first
//! matches alone would show only the oldest years). Up to the cap the counts are exact; past it
//! [`Counts::estimated`] says they are estimates. The total itself is always exact: the top-N
//! ranking visits every match anyway, and counting it costs one increment.

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
    /// All matches (exact).
    pub total: u64,
    /// The per-value counts are estimates from a sample (a segment had more matches than the
    /// cap); false: they are exact.
    pub estimated: bool,
}

fn bump(v: &mut Vec<u64>, id: Option<u64>, weight: u64) {
    if let Some(id) = id.filter(|&i| i < MAX_ID) {
        let i = id as usize;
        if v.len() <= i {
            v.resize(i + 1, 0);
        }
        v[i] += weight;
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

/// The collector: facets exact for the first `cap` matches of each segment, sampled beyond
/// (module doc). A cap of 0 is read as 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacetCounter {
    /// Matches per segment counted exactly.
    pub cap: u64,
}

impl Default for FacetCounter {
    fn default() -> Self {
        FacetCounter {
            cap: crate::limits::FACET_CAP,
        }
    }
}

/// Per segment.
pub struct SegmentFacetCounter {
    authority: Column<u64>,
    body: Column<u64>,
    year: Column<u64>,
    cap: u64,
    /// Every `stride`-th match is read, counting `stride` (a power of two).
    stride: u64,
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
            cap: self.cap.max(1),
            stride: 1,
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
            out.estimated |= c.estimated;
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let c = &mut self.counts;
        c.total += 1;
        if c.total > self.cap.saturating_mul(self.stride) {
            // Past cap × stride matches: read half as often, each counting twice as much.
            self.stride = self.stride.saturating_mul(2);
            c.estimated = true;
        }
        if c.total.is_multiple_of(self.stride) {
            bump(&mut c.authorities, self.authority.first(doc), self.stride);
            bump(&mut c.bodies, self.body.first(doc), self.stride);
            bump(&mut c.years, self.year.first(doc), self.stride);
        }
    }

    fn harvest(self) -> Counts {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use tantivy::query::TermQuery;
    use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    use super::*;

    /// An index of `n` documents: document `i` has the word `all`, the word `even` when `i` is
    /// even, `few` when `i % 97 == 0`; authority `i % 3`, body `i % 7`, and its year by position:
    /// the first half 2006, the second 2025 (as an archive imported in date order).
    fn index(n: u64, segment: u64) -> (Index, Field) {
        let mut b = Schema::builder();
        let word = b.add_text_field("word", STRING);
        let authority = b.add_u64_field(AUTHORITY_ID, INDEXED | FAST);
        let body = b.add_u64_field(BODY_ID, INDEXED | FAST);
        let year = b.add_u64_field(YEAR, FAST);
        let index = Index::create_in_ram(b.build());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for i in 0..n {
            let mut doc = TantivyDocument::new();
            doc.add_text(word, "all");
            if i % 2 == 0 {
                doc.add_text(word, "even");
            }
            if i % 97 == 0 {
                doc.add_text(word, "few");
            }
            doc.add_u64(authority, i % 3);
            doc.add_u64(body, i % 7);
            doc.add_u64(year, if i < n / 2 { 2006 } else { 2025 });
            writer.add_document(doc).expect("add");
            if i % segment == segment - 1 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        (index, word)
    }

    fn counted(index: &Index, word: Field, w: &str, cap: u64) -> Counts {
        let searcher = index.reader().expect("reader").searcher();
        let q = TermQuery::new(Term::from_field_text(word, w), IndexRecordOption::Basic);
        searcher.search(&q, &FacetCounter { cap }).expect("count")
    }

    /// The exact counts, by brute force over the generator's rule.
    fn truth(n: u64, matches: impl Fn(u64) -> bool) -> Counts {
        let mut c = Counts::default();
        for i in (0..n).filter(|&i| matches(i)) {
            c.total += 1;
            bump(&mut c.authorities, Some(i % 3), 1);
            bump(&mut c.bodies, Some(i % 7), 1);
            bump(&mut c.years, Some(if i < n / 2 { 2006 } else { 2025 }), 1);
        }
        c
    }

    const N: u64 = 3_000;

    #[test]
    fn under_the_cap_the_facets_are_exact() {
        // Several segments, so the counts are merged.
        let (index, word) = index(N, 700);
        // 31 matches.
        let few = counted(&index, word, "few", 100);
        assert_eq!(few, truth(N, |i| i % 97 == 0));
        assert!(!few.estimated);
        // Exactly the cap is still exact.
        let (one, word1) = index_one_segment();
        assert_eq!(counted(&one, word1, "few", 31), truth(N, |i| i % 97 == 0));
        assert_eq!(counted(&index, word, "none", 100), Counts::default());
        // The default cap counts all 3,000 exactly.
        let searcher = index.reader().expect("reader").searcher();
        let q = TermQuery::new(Term::from_field_text(word, "all"), IndexRecordOption::Basic);
        let all = searcher
            .search(&q, &FacetCounter::default())
            .expect("count");
        assert_eq!(all, truth(N, |_| true));
    }

    fn index_one_segment() -> (Index, Field) {
        index(N, N)
    }

    #[test]
    fn past_the_cap_the_total_is_exact_and_the_facets_an_estimate() {
        let (index, word) = index_one_segment();
        let even = counted(&index, word, "even", 100);
        let exact = truth(N, |i| i % 2 == 0);
        assert!(even.estimated);
        assert_eq!(even.total, 1_500, "the total is exact");
        for (est, real) in [
            (&even.authorities, &exact.authorities),
            (&even.bodies, &exact.bodies),
            (&even.years, &exact.years),
        ] {
            assert_eq!(est.len(), real.len(), "{est:?} {real:?}");
            for (e, r) in est.iter().zip(real) {
                let (e, r) = (*e as f64, *r as f64);
                assert!((e - r).abs() <= 0.15 * r, "{est:?} {real:?}");
            }
        }
        // The first 100 matches are all from 2006; the sample reaches the segment's end.
        assert!(even.years[2025] > 600, "{:?}", &even.years[2006..]);
        // The estimates add up to about the total.
        let sum: u64 = even.authorities.iter().sum();
        assert!(sum.abs_diff(1_500) <= 16, "{sum}");
    }

    #[test]
    fn deleted_documents_are_not_counted() {
        let (index, word) = index(200, 50);
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        let authority = index.schema().get_field(AUTHORITY_ID).expect("field");
        writer.delete_term(Term::from_field_u64(authority, 0));
        writer.commit().expect("commit");
        assert_eq!(
            counted(&index, word, "all", 1_000),
            truth(200, |i| i % 3 != 0)
        );
    }
}
