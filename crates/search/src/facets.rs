//! Counting the matches of a search — the total and the counts per authority, body and year —
//! with a bounded cost: exactly up to a cap, estimated from a spread sample past it.
//!
//! tantivy's `FacetCollector` resolves every facet ordinal of every segment through the term
//! dictionary (zstd-compressed blocks, a fresh decompressor each): with thousands of bodies it
//! cost hundreds of milliseconds per query. Here each document carries the database's small,
//! dense authority and body ids and its year as u64 fast fields, and counting is three column
//! reads and three array increments per match; names are looked up once per id afterwards.
//!
//! Two ways to count, by how the page of hits is found (issue 18):
//!
//! - When tantivy must score every match to rank them (a query of several words, a phrase,
//!   filters, newest first), [`FacetCounter`] runs beside the top-N collector: the total is exact
//!   at the cost of an increment per match, and the facets are read for a bounded number of
//!   matches per segment (every 2nd, 4th, … past the cap).
//! - When the page is found with block-max WAND (one word without filters), which skips the
//!   matches that cannot rank, nothing else visits them all, and visiting them to count was
//!   most of a search of a common word at a million paragraphs. So [`count`] walks the matches
//!   without scoring and stops after `cap` of them.
//!
//! Up to the cap [`count`]'s total and facets are exact. Past it the total is "more than `cap`"
//! and the facets (and an estimate of the total) come from a stratified sample: each segment's
//! document range is cut into strata (as many as the budget of `cap` reads allows,
//! [`STRATUM_SAMPLE`] matches each), and in each stratum the first matches are read after a seek
//! to its start; the span they cover gives the stratum's density of matches, and each sampled
//! match stands for its share. Index order is import order, roughly date order, so the first
//! matches alone would show only the oldest years; the strata cover the whole index. Cost: at
//! most `cap` matches walked, then at most `cap` read plus one seek per stratum, however many
//! match.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

/// Fast field names.
pub const AUTHORITY_ID: &str = "authority_id";
/// Fast field names.
pub const BODY_ID: &str = "body_id";
/// Fast field names.
pub const YEAR: &str = "year";

/// Counts per id; ids above this go uncounted (a guard against a corrupt value).
const MAX_ID: u64 = 1 << 24;

/// Matches read per stratum of the sample past the cap. A stratum's facets are those of its first
/// matches, so more strata of fewer matches follow the index's order (import order: authority,
/// body, date) more closely; each stratum's density estimate is rougher with fewer, but the
/// errors of hundreds of strata mostly cancel in the sums. The weak case: facet values that
/// cycle in step with the strata (every n-th paragraph another body), which import order does
/// not produce.
pub const STRATUM_SAMPLE: u64 = 16;

/// Counts of matches by authority id, body id and year, and the total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Index: authority id.
    pub authorities: Vec<u64>,
    /// Index: body id.
    pub bodies: Vec<u64>,
    /// Index: year.
    pub years: Vec<u64>,
    /// All matches: exact unless [`Counts::capped`]; then an estimate from the sample, never
    /// below the cap + 1 (that many were seen).
    pub total: u64,
    /// The per-value counts are estimates from a sample; false: they are exact.
    pub estimated: bool,
    /// [`count`] stopped at the cap: the total is an estimate too.
    pub capped: bool,
}

/// The facet columns of one segment.
struct Columns {
    authority: Column<u64>,
    body: Column<u64>,
    year: Column<u64>,
}

impl Columns {
    fn of(reader: &SegmentReader) -> tantivy::Result<Columns> {
        let ff = reader.fast_fields();
        Ok(Columns {
            authority: ff.u64(AUTHORITY_ID)?,
            body: ff.u64(BODY_ID)?,
            year: ff.u64(YEAR)?,
        })
    }
}

/// Weighted counts while counting (a sampled match stands for several).
#[derive(Default)]
struct Tally {
    authorities: Vec<f64>,
    bodies: Vec<f64>,
    years: Vec<f64>,
    total: f64,
}

fn bump(v: &mut Vec<f64>, id: Option<u64>, weight: f64) {
    if let Some(id) = id.filter(|&i| i < MAX_ID) {
        let i = id as usize;
        if v.len() <= i {
            v.resize(i + 1, 0.0);
        }
        v[i] += weight;
    }
}

impl Tally {
    fn add(&mut self, cols: &Columns, doc: DocId, weight: f64) {
        self.total += weight;
        bump(&mut self.authorities, cols.authority.first(doc), weight);
        bump(&mut self.bodies, cols.body.first(doc), weight);
        bump(&mut self.years, cols.year.first(doc), weight);
    }

    fn into_counts(self, estimated: bool) -> Counts {
        let round = |v: Vec<f64>| v.into_iter().map(|x| x.round() as u64).collect();
        Counts {
            authorities: round(self.authorities),
            bodies: round(self.bodies),
            years: round(self.years),
            total: self.total.round() as u64,
            estimated,
            capped: estimated,
        }
    }
}

/// Counts the matches of `query`: exactly when at most `cap` match, else estimated from a
/// stratified sample (module doc). A cap of 0 is read as 1. Deleted documents are not counted.
///
/// # Errors
/// tantivy's, when a segment's postings or fast fields cannot be read.
pub fn count(searcher: &Searcher, query: &dyn Query, cap: u64) -> tantivy::Result<Counts> {
    let cap = cap.max(1);
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut exact = Tally::default();
    let mut seen: u64 = 0;
    for reader in searcher.segment_readers() {
        let cols = Columns::of(reader)?;
        let alive = reader.alive_bitset();
        let mut matches = weight.scorer(reader, 1.0)?;
        let mut doc = matches.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                if seen == cap {
                    return sample(searcher, &*weight, cap);
                }
                seen += 1;
                exact.add(&cols, doc, 1.0);
            }
            doc = matches.advance();
        }
    }
    Ok(exact.into_counts(false))
}

/// The estimate past the cap: `cap` reads spread over the strata of every segment.
fn sample(
    searcher: &Searcher,
    weight: &dyn tantivy::query::Weight,
    cap: u64,
) -> tantivy::Result<Counts> {
    let all: u64 = searcher
        .segment_readers()
        .iter()
        .map(|r| u64::from(r.max_doc()))
        .sum();
    let mut tally = Tally::default();
    let mut picked: Vec<DocId> = Vec::with_capacity(STRATUM_SAMPLE as usize);
    for reader in searcher.segment_readers() {
        let max_doc = u64::from(reader.max_doc());
        if max_doc == 0 {
            continue;
        }
        // This segment's share of the budget, in strata of STRATUM_SAMPLE matches.
        let strata = (cap * max_doc / all.max(1) / STRATUM_SAMPLE).clamp(1, max_doc);
        let cols = Columns::of(reader)?;
        let alive = reader.alive_bitset();
        let mut matches = weight.scorer(reader, 1.0)?;
        for s in 0..strata {
            let lo = (s * max_doc / strata) as DocId;
            let hi = ((s + 1) * max_doc / strata) as DocId;
            let mut doc = matches.doc();
            if doc < lo {
                doc = matches.seek(lo);
            }
            picked.clear();
            let mut last = lo;
            while doc < hi && (picked.len() as u64) < STRATUM_SAMPLE {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    picked.push(doc);
                }
                last = doc;
                doc = matches.advance();
            }
            // The stratum read to its end: its matches are counted exactly. Else the k-th
            // match came after `span` documents, and (k - 1) / (span - 1) estimates the
            // stratum's density of matches without bias (negative binomial sampling).
            let each = if doc >= hi || picked.len() < 2 {
                1.0
            } else {
                let k = picked.len() as f64;
                let span = f64::from(last - lo + 1);
                let density = (k - 1.0) / (span - 1.0).max(1.0);
                density * f64::from(hi - lo) / k
            };
            for &d in &picked {
                tally.add(&cols, d, each);
            }
            if doc == TERMINATED {
                break;
            }
        }
    }
    let mut counts = tally.into_counts(true);
    // More than `cap` were seen before sampling began.
    counts.total = counts.total.max(cap + 1);
    Ok(counts)
}

/// A collector beside a top-N collector that visits every match anyway (a query tantivy cannot
/// prune, or a date order): the total is exact at the cost of an increment per match, and the
/// facets are read for the first `cap` matches of each segment and past that for every 2nd
/// match (counting 2) up to twice the cap, every 4th up to four times, and so on, so a segment
/// costs about `cap × (1 + log2(matches / cap) / 2)` column reads, spread over the whole segment.
/// A cap of 0 is read as 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacetCounter {
    /// Matches per segment whose facets are read exactly.
    pub cap: u64,
}

impl Default for FacetCounter {
    fn default() -> Self {
        FacetCounter {
            cap: crate::limits::COUNT_CAP,
        }
    }
}

/// Per segment.
pub struct SegmentFacetCounter {
    cols: Columns,
    cap: u64,
    /// Every `stride`-th match is read, counting `stride` (a power of two).
    stride: u64,
    seen: u64,
    estimated: bool,
    tally: Tally,
}

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        Ok(SegmentFacetCounter {
            cols: Columns::of(reader)?,
            cap: self.cap.max(1),
            stride: 1,
            seen: 0,
            estimated: false,
            tally: Tally::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut out = Counts::default();
        let add = |into: &mut Vec<u64>, from: &[u64]| {
            if into.len() < from.len() {
                into.resize(from.len(), 0);
            }
            for (a, b) in into.iter_mut().zip(from) {
                *a += b;
            }
        };
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
        self.seen += 1;
        if self.seen > self.cap.saturating_mul(self.stride) {
            // Past cap × stride matches: read half as often, each counting twice as much.
            self.stride = self.stride.saturating_mul(2);
            self.estimated = true;
        }
        if self.seen.is_multiple_of(self.stride) {
            self.tally.add(&self.cols, doc, self.stride as f64);
        }
    }

    fn harvest(self) -> Counts {
        let mut counts = self.tally.into_counts(self.estimated);
        counts.total = self.seen;
        counts.capped = false;
        counts
    }
}

#[cfg(test)]
mod tests {
    use tantivy::query::TermQuery;
    use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    use super::*;

    /// An index of `n` documents: document `i` has the word `all`, the word `even` when `i` is
    /// even, `few` when `i % 97 == 0`; authority `mix(i) % 3`, body `mix(i) % 7` (scattered, not
    /// in step with the sample's strata: see `STRATUM_SAMPLE`), and its year by position:
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
            doc.add_u64(authority, mix(i) % 3);
            doc.add_u64(body, mix(i) % 7);
            doc.add_u64(year, if i < n / 2 { 2006 } else { 2025 });
            writer.add_document(doc).expect("add");
            if i % segment == segment - 1 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        (index, word)
    }

    /// splitmix64's finaliser: a fixed scatter of `i`.
    fn mix(i: u64) -> u64 {
        let mut z = i.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn counted(index: &Index, word: Field, w: &str, cap: u64) -> Counts {
        let searcher = index.reader().expect("reader").searcher();
        let q = TermQuery::new(Term::from_field_text(word, w), IndexRecordOption::Basic);
        count(&searcher, &q, cap).expect("count")
    }

    /// The exact counts, by brute force over the generator's rule.
    fn truth(n: u64, matches: impl Fn(u64) -> bool) -> Counts {
        let mut c = Tally::default();
        for i in (0..n).filter(|&i| matches(i)) {
            c.total += 1.0;
            bump(&mut c.authorities, Some(mix(i) % 3), 1.0);
            bump(&mut c.bodies, Some(mix(i) % 7), 1.0);
            bump(&mut c.years, Some(if i < n / 2 { 2006 } else { 2025 }), 1.0);
        }
        c.into_counts(false)
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
        let all = counted(&index, word, "all", crate::limits::COUNT_CAP);
        assert_eq!(all, truth(N, |_| true));
    }

    fn index_one_segment() -> (Index, Field) {
        index(N, N)
    }

    #[test]
    fn past_the_cap_the_total_and_the_facets_are_estimates_from_the_whole_index() {
        for segment in [N, 700] {
            let (index, word) = index(N, segment);
            let even = counted(&index, word, "even", 400);
            let exact = truth(N, |i| i % 2 == 0);
            assert!(even.estimated);
            assert!(even.total > 400, "more than the cap were seen");
            let within =
                |e: u64, r: u64, share: f64| (e as f64 - r as f64).abs() <= share * r as f64;
            assert!(
                within(even.total, exact.total, 0.1),
                "{} {}",
                even.total,
                exact.total
            );
            // A body of 1 in 7 gets about 57 of the 400 sampled matches: a standard error of
            // about 12 %; three of them.
            let close = |e: u64, r: u64| within(e, r, 0.35);
            for (est, real) in [
                (&even.authorities, &exact.authorities),
                (&even.bodies, &exact.bodies),
                (&even.years, &exact.years),
            ] {
                assert_eq!(est.len(), real.len(), "{est:?} {real:?}");
                for (e, r) in est.iter().zip(real) {
                    assert!(close(*e, *r), "{segment}: {e} for {r}");
                }
            }
            // The first 400 matches are all from 2006; the sample reaches the index's end.
            assert!(even.years[2025] > 600, "{:?}", &even.years[2006..]);
            // A rarer word past the cap too: 1 in 97.
            let few = counted(&index, word, "few", 10);
            assert!(few.estimated);
            assert!(
                (few.total as f64 - 31.0).abs() <= 0.25 * 31.0,
                "{segment}: {}",
                few.total
            );
        }
    }

    #[test]
    fn a_word_in_every_document_is_estimated_closely_from_a_small_sample() {
        // A word in every document of a large index, a small cap: the estimate is still close
        // though only a fraction of the matches is read.
        let (index, word) = index(20_000, 20_000);
        let all = counted(&index, word, "all", 320);
        assert!(all.estimated);
        assert!(all.total.abs_diff(20_000) <= 600, "{}", all.total);
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
            truth(200, |i| !mix(i).is_multiple_of(3))
        );
    }
}
