//! The index on disk, and keeping it in step with the database.
//!
//! The store writes a row into `changes` in the same transaction as every import. The index
//! keeps, in its commit payload, the highest change id it has applied and the ids below it that
//! it has not seen yet (*gaps*). [`SearchIndex::catch_up`] reads the changes after that id (and
//! re-reads the gaps), replaces the documents of every affected minutes (delete by minutes id,
//! add the current paragraphs: idempotent), and commits the documents and the new payload in one
//! tantivy commit. So an import or an index write interrupted anywhere converges on the next
//! catch-up.
//!
//! Gaps: on PostgreSQL a transaction can take change id 9, commit after the one that took 10, and
//! a reader can see 10 before 9. Missing ids below the highest seen are remembered with the time
//! they were first missed and re-read on every catch-up for [`GAP_WINDOW_SECS`]; an id still
//! missing then belonged to a rolled-back transaction. A fresh build also treats the ids missing
//! in the last [`FRESH_LOOKBACK`] changes as gaps, for transactions in flight while it read.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use kansli_store::Store;
use kansli_store::search_feed::{Change, SearchDocument};
use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::SearchError;
use crate::analysis::Analysis;
use crate::schema::{Fields, SCHEMA_VERSION, register_analyzers, to_document};

/// How long a missing change id is waited for.
pub const GAP_WINDOW_SECS: i64 = 600;
/// How many recent change ids a fresh build checks for gaps.
pub const FRESH_LOOKBACK: i64 = 1000;
/// The most gaps remembered (beyond that, the oldest are dropped).
const MAX_GAPS: usize = 10_000;
/// Minutes read from the database per batch.
const MINUTES_PER_BATCH: usize = 200;
/// Changes read per query.
const CHANGES_PER_READ: i64 = 5000;
/// The indexing writer's memory budget.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// What the index has applied, kept in its commit payload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Payload {
    /// [`SCHEMA_VERSION`] of the index.
    version: u32,
    /// The highest change id applied.
    applied: i64,
    /// Change ids below `applied` not seen yet, with the Unix time they were first missed.
    #[serde(default)]
    gaps: Vec<(i64, i64)>,
}

/// What a catch-up (or a rebuild) did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CatchUp {
    /// The highest change id the index has applied now.
    pub applied: i64,
    /// Minutes whose documents were replaced.
    pub minutes: usize,
    /// Paragraph documents written.
    pub paragraphs: usize,
    /// Change ids still awaited.
    pub gaps: usize,
    /// Whether the whole index was built afresh.
    pub rebuilt: bool,
    /// Another process holds the index's writer; nothing was done (it will catch up itself).
    pub busy: bool,
}

/// The search index of one data directory. Cheap to clone; searches run concurrently.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) inner: Arc<Inner>,
    /// Matches of a search counted exactly (per handle: a test may count fewer).
    pub(crate) count_cap: u64,
}

pub(crate) struct Inner {
    pub(crate) dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// Authorities and bodies by id (`true` for bodies), for facets.
    pub(crate) labels: RwLock<HashMap<(bool, u64), Entity>>,
    /// One writer at a time within this process.
    writing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.inner.dir)
            .finish_non_exhaustive()
    }
}

fn index_err(
    path: &Path,
    action: &'static str,
) -> impl FnOnce(tantivy::TantivyError) -> SearchError {
    let path = path.to_path_buf();
    move |source| SearchError::Index {
        path,
        action,
        source,
    }
}

fn io_err(path: &Path, action: &'static str) -> impl FnOnce(std::io::Error) -> SearchError {
    let path = path.to_path_buf();
    move |source| SearchError::Io {
        path,
        action,
        source,
    }
}

/// The index directory of a data directory.
pub fn index_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("index")
}

impl SearchIndex {
    /// Opens the index of a store's data directory (`<data-dir>/index/`), creating it if needed.
    pub fn open_for(store: &Store) -> Result<SearchIndex, SearchError> {
        SearchIndex::open(&index_dir(store.data_dir()))
    }

    /// Opens the index in `dir`, creating it if needed. An index of another schema version is
    /// emptied (the next catch-up rebuilds it). A rebuild interrupted before its swap is finished.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        finish_swap(dir)?;
        std::fs::create_dir_all(dir).map_err(io_err(dir, "create the directory"))?;
        let mut index = open_or_create(dir)?;
        // Another schema cannot be reused; another version with this schema is rebuilt by the
        // next catch-up.
        if index.schema() != Fields::schema().0 {
            drop(index);
            clear_dir(dir)?;
            index = open_or_create(dir)?;
        }
        let fields = Fields::of(&index).ok_or_else(|| SearchError::Index {
            path: dir.to_path_buf(),
            action: "read the schema",
            source: tantivy::TantivyError::SchemaError("a field is missing".into()),
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(index_err(dir, "open a reader"))?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                dir: dir.to_path_buf(),
                index,
                reader,
                fields,
                labels: RwLock::new(HashMap::new()),
                writing: tokio::sync::Mutex::new(()),
            }),
            count_cap: crate::limits::COUNT_CAP,
        })
    }

    /// The same index, counting at most `cap` matches of a search exactly (the total and the
    /// facets) and estimating past it from a sample (searches through this handle and its
    /// clones). The default is [`crate::limits::COUNT_CAP`]; tests use a small one to see a
    /// capped total on a small index.
    pub fn with_count_cap(mut self, cap: u64) -> SearchIndex {
        self.count_cap = cap;
        self
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    /// How many paragraph documents the index holds (as of the last reload).
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    /// The highest change id the index has applied.
    pub fn applied(&self) -> i64 {
        payload_of(&self.inner.index).applied
    }

    /// Makes the searcher see the latest commit now (it also does so on its own shortly after).
    pub fn reload(&self) -> Result<(), SearchError> {
        self.inner
            .reader
            .reload()
            .map_err(index_err(&self.inner.dir, "reload"))
    }

    /// Applies every change the database has and the index has not: see the module docs.
    /// `now` dates newly missed change ids (time is a parameter).
    pub async fn catch_up(
        &self,
        store: &Store,
        now: DateTime<Utc>,
    ) -> Result<CatchUp, SearchError> {
        let _guard = self.inner.writing.lock().await;
        let payload = payload_of(&self.inner.index);
        let last = store.last_change_id().await?;
        if payload.version != SCHEMA_VERSION || last < payload.applied {
            // A new index, another schema, or another database: build from scratch.
            return self.build_all(store, now).await;
        }
        let mut changes: Vec<Change> = Vec::new();
        let mut after = payload.applied;
        loop {
            let batch = store.changes_after(after, CHANGES_PER_READ).await?;
            let Some(tail) = batch.last() else { break };
            after = tail.id;
            let full = batch.len() as i64 == CHANGES_PER_READ;
            changes.extend(batch);
            if !full {
                break;
            }
        }
        let gap_ids: Vec<i64> = payload.gaps.iter().map(|&(id, _)| id).collect();
        let found = if gap_ids.is_empty() {
            Vec::new()
        } else {
            store.changes_with_ids(&gap_ids).await?
        };
        let (next, minutes) = plan(&payload, &changes, &found, now.timestamp());
        let applied = next.applied;
        if minutes.is_empty() && next == payload {
            return Ok(CatchUp {
                applied,
                gaps: next.gaps.len(),
                ..CatchUp::default()
            });
        }
        let minutes: Vec<i64> = minutes.into_iter().collect();
        self.write(store, &minutes, next, false).await
    }

    /// Empties the index and indexes every published minutes.
    async fn build_all(&self, store: &Store, now: DateTime<Utc>) -> Result<CatchUp, SearchError> {
        let last = store.last_change_id().await?;
        let recent = store
            .changes_after((last - FRESH_LOOKBACK).max(0), FRESH_LOOKBACK)
            .await?;
        let seen: HashSet<i64> = recent.iter().map(|c| c.id).collect();
        let mut gaps: Vec<(i64, i64)> = ((last - FRESH_LOOKBACK).max(0) + 1..last)
            .filter(|id| !seen.contains(id))
            .map(|id| (id, now.timestamp()))
            .collect();
        trim_gaps(&mut gaps);
        let minutes = store.published_minutes_ids().await?;
        let payload = Payload {
            version: SCHEMA_VERSION,
            applied: last,
            gaps,
        };
        self.write(store, &minutes, payload, true).await
    }

    /// Replaces the documents of `minutes` (all documents when `everything`) and commits them
    /// with `payload`.
    async fn write(
        &self,
        store: &Store,
        minutes: &[i64],
        payload: Payload,
        everything: bool,
    ) -> Result<CatchUp, SearchError> {
        let inner = &self.inner;
        let dir = inner.dir.clone();
        let writer: IndexWriter = match inner.index.writer_with_num_threads(1, WRITER_MEMORY) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => {
                return Ok(CatchUp {
                    applied: payload.applied,
                    busy: true,
                    ..CatchUp::default()
                });
            }
            Err(e) => return Err(index_err(&dir, "open the writer")(e)),
        };
        // The lexicon for compound splitting: the index's stems plus the new documents' own.
        // First pass over the new documents collects their stems (a second read of the
        // database, rather than holding a whole archive in memory).
        let mut lexicon = if everything {
            HashSet::new()
        } else {
            stems_in_index(&inner.reader.searcher(), &inner.fields)
        };
        // The analysis is the catch-up's main cost: it runs on every core, a consecutive part
        // of each batch per thread, each with its own analyser (and caches).
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let mut analyses: Vec<Analysis> = (0..threads).map(|_| Analysis::new()).collect();
        for batch in minutes.chunks(MINUTES_PER_BATCH) {
            let docs = store.search_documents(batch).await?;
            for stems in in_parallel(&docs, &mut analyses, |analysis, part| {
                let mut stems = HashSet::new();
                for doc in part {
                    collect_stems(analysis, doc, &mut stems);
                }
                stems
            }) {
                lexicon.extend(stems);
            }
        }
        if everything {
            writer
                .delete_all_documents()
                .map_err(index_err(&dir, "empty the index"))?;
        }
        let mut paragraphs = 0;
        for batch in minutes.chunks(MINUTES_PER_BATCH) {
            let docs = store.search_documents(batch).await?;
            if !everything {
                for &id in batch {
                    writer.delete_term(Term::from_field_i64(inner.fields.minutes_id, id));
                }
            }
            let lexicon = &lexicon;
            let built = in_parallel(&docs, &mut analyses, |analysis, part| {
                let mut known = |s: &str| lexicon.contains(s);
                part.iter()
                    .map(|doc| to_document(&inner.fields, doc, analysis, &mut known))
                    .collect::<Vec<_>>()
            });
            // In the documents' order, so the index is the same whatever the thread count.
            for d in built.into_iter().flatten() {
                writer
                    .add_document(d)
                    .map_err(index_err(&dir, "add a document"))?;
                paragraphs += 1;
            }
        }
        let json = serde_json::to_string(&payload).unwrap_or_default();
        let dir2 = dir.clone();
        tokio::task::spawn_blocking(move || -> Result<(), SearchError> {
            let mut writer = writer;
            let mut prepared = writer
                .prepare_commit()
                .map_err(index_err(&dir2, "prepare the commit"))?;
            prepared.set_payload(&json);
            prepared.commit().map_err(index_err(&dir2, "commit"))?;
            writer
                .wait_merging_threads()
                .map_err(index_err(&dir2, "merge segments"))?;
            Ok(())
        })
        .await
        .map_err(|e| SearchError::Task(e.to_string()))??;
        self.reload()?;
        Ok(CatchUp {
            applied: payload.applied,
            minutes: minutes.len(),
            paragraphs,
            gaps: payload.gaps.len(),
            rebuilt: everything,
            busy: false,
        })
    }

    /// Adds documents straight into the index, without the database (for benchmarks and tools
    /// that generate an archive), with `threads` indexing threads, and commits. `known` is the
    /// lexicon for compound splitting. Returns how many documents were added.
    pub fn bulk_add(
        &self,
        docs: impl IntoIterator<Item = SearchDocument>,
        known: &HashSet<String>,
        threads: usize,
    ) -> Result<usize, SearchError> {
        let inner = &self.inner;
        let dir = &inner.dir;
        let mut writer: IndexWriter = inner
            .index
            .writer_with_num_threads(threads.max(1), WRITER_MEMORY * threads.max(1))
            .map_err(index_err(dir, "open the writer"))?;
        let mut analysis = Analysis::new();
        let mut lookup = |s: &str| known.contains(s);
        let mut n = 0;
        for doc in docs {
            let d = to_document(&inner.fields, &doc, &mut analysis, &mut lookup);
            writer
                .add_document(d)
                .map_err(index_err(dir, "add a document"))?;
            n += 1;
        }
        writer.commit().map_err(index_err(dir, "commit"))?;
        writer
            .wait_merging_threads()
            .map_err(index_err(dir, "merge segments"))?;
        self.reload()?;
        Ok(n)
    }

    /// Rebuilds the index of `store` from the database: into `index.new/` beside it, then swapped
    /// in place of `index/` (a crash before the swap leaves the old index; after it, the next
    /// open finishes the swap). A server running on the data directory should be restarted.
    pub async fn rebuild(store: &Store, now: DateTime<Utc>) -> Result<CatchUp, SearchError> {
        let dir = index_dir(store.data_dir());
        let fresh = sibling(&dir, "new");
        if fresh.exists() {
            std::fs::remove_dir_all(&fresh).map_err(io_err(&fresh, "remove an old rebuild"))?;
        }
        let report = {
            let index = SearchIndex::open(&fresh)?;
            index.build_all(store, now).await?
        };
        swap_in(&dir, &fresh)?;
        Ok(report)
    }

    /// The slug, name and authority slug of an authority (`body == false`) or body id, looked
    /// up once in a document that has it, then cached.
    pub(crate) fn entity(&self, body: bool, id: u64) -> Option<Entity> {
        if let Ok(cache) = self.inner.labels.read()
            && let Some(e) = cache.get(&(body, id))
        {
            return Some(e.clone());
        }
        let f = &self.inner.fields;
        let field = if body { f.body_id } else { f.authority_id };
        let searcher = self.inner.reader.searcher();
        let query = tantivy::query::TermQuery::new(
            Term::from_field_u64(field, id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let addr = searcher
            .search(
                &query,
                &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
            )
            .ok()?
            .first()
            .map(|&(_, a)| a)?;
        let doc: TantivyDocument = searcher.doc(addr).ok()?;
        let s = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let entity = if body {
            Entity {
                slug: s(f.body),
                name: s(f.body_name),
                authority: s(f.authority),
            }
        } else {
            Entity {
                slug: s(f.authority),
                name: s(f.authority_name),
                authority: s(f.authority),
            }
        };
        if let Ok(mut cache) = self.inner.labels.write() {
            cache.insert((body, id), entity.clone());
        }
        Some(entity)
    }
}

/// An authority or body as facets show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entity {
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) authority: String,
}

/// The next payload and the minutes to re-index, from the current payload, the changes read
/// after it, and those of its gaps that have appeared (`now` in Unix seconds).
fn plan(
    payload: &Payload,
    changes: &[Change],
    found: &[Change],
    now: i64,
) -> (Payload, BTreeSet<i64>) {
    let found_ids: HashSet<i64> = found.iter().map(|c| c.id).collect();
    let mut gaps: Vec<(i64, i64)> = payload
        .gaps
        .iter()
        .copied()
        .filter(|(id, since)| !found_ids.contains(id) && now - since < GAP_WINDOW_SECS)
        .collect();
    let seen: HashSet<i64> = changes.iter().map(|c| c.id).collect();
    let applied = changes
        .iter()
        .map(|c| c.id)
        .max()
        .map_or(payload.applied, |id| id.max(payload.applied));
    // Only the last MAX_GAPS ids can be remembered anyway.
    let from = (payload.applied + 1).max(applied - MAX_GAPS as i64);
    for id in from..applied {
        if !seen.contains(&id) {
            gaps.push((id, now));
        }
    }
    trim_gaps(&mut gaps);
    let minutes = changes
        .iter()
        .chain(found)
        .filter(|c| c.entity == "minutes")
        .map(|c| c.entity_id)
        .collect();
    (
        Payload {
            version: SCHEMA_VERSION,
            applied,
            gaps,
        },
        minutes,
    )
}

/// Keeps the newest gaps when there are too many.
fn trim_gaps(gaps: &mut Vec<(i64, i64)>) {
    gaps.sort_unstable();
    gaps.dedup_by_key(|g| g.0);
    if gaps.len() > MAX_GAPS {
        let drop = gaps.len() - MAX_GAPS;
        gaps.drain(..drop);
    }
}

/// Runs `work` on consecutive parts of `docs`, one part per analyser, each on a thread of its
/// own; the results come back in the parts' order.
fn in_parallel<T: Send>(
    docs: &[SearchDocument],
    analyses: &mut [Analysis],
    work: impl Fn(&mut Analysis, &[SearchDocument]) -> T + Sync,
) -> Vec<T> {
    let threads = analyses.len();
    let Some(first) = analyses.first_mut() else {
        return Vec::new();
    };
    if threads == 1 || docs.len() < 2 * threads {
        return vec![work(first, docs)];
    }
    let size = docs.len().div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(size)
            .zip(analyses.iter_mut())
            .map(|(part, analysis)| scope.spawn(move || work(analysis, part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn collect_stems(analysis: &mut Analysis, doc: &SearchDocument, lexicon: &mut HashSet<String>) {
    let text = crate::schema::body_text(doc);
    for title in std::iter::once(&doc.title).chain(doc.agenda_title.as_ref()) {
        analysis.add_stems(title, lexicon);
    }
    analysis.add_stems(&text, lexicon);
}

/// Every stem of the title and text fields in the index.
pub(crate) fn stems_in_index(searcher: &tantivy::Searcher, f: &Fields) -> HashSet<String> {
    let mut out = HashSet::new();
    for segment in searcher.segment_readers() {
        for field in [f.title, f.text] {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(s) = std::str::from_utf8(stream.key()) {
                    out.insert(s.to_string());
                }
            }
        }
    }
    out
}

fn payload_of(index: &Index) -> Payload {
    index
        .load_metas()
        .ok()
        .and_then(|m| m.payload)
        .and_then(|p| serde_json::from_str(&p).ok())
        .unwrap_or_default()
}

fn has_meta(dir: &Path) -> bool {
    dir.join("meta.json").exists()
}

fn open_or_create(dir: &Path) -> Result<Index, SearchError> {
    let index = if has_meta(dir) {
        Index::open_in_dir(dir).map_err(index_err(dir, "open"))?
    } else {
        Index::create_in_dir(dir, Fields::schema().0).map_err(index_err(dir, "create"))?
    };
    register_analyzers(&index);
    Ok(index)
}

fn clear_dir(dir: &Path) -> Result<(), SearchError> {
    for entry in std::fs::read_dir(dir).map_err(io_err(dir, "list the directory"))? {
        let path = entry.map_err(io_err(dir, "list the directory"))?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(io_err(&path, "remove"))?;
        } else {
            std::fs::remove_file(&path).map_err(io_err(&path, "remove"))?;
        }
    }
    Ok(())
}

/// `index` → `index.<suffix>` beside it.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".");
    name.push(suffix);
    dir.with_file_name(name)
}

/// Puts a finished rebuild in place: `index` → `index.old`, `index.new` → `index`, then removes
/// `index.old`.
fn swap_in(dir: &Path, fresh: &Path) -> Result<(), SearchError> {
    let old = sibling(dir, "old");
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io_err(&old, "remove"))?;
    }
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(io_err(dir, "move the old index aside"))?;
    }
    std::fs::rename(fresh, dir).map_err(io_err(fresh, "move the new index in"))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io_err(&old, "remove the old index"))?;
    }
    Ok(())
}

/// Finishes a swap a crash interrupted: no index but a complete `index.new`.
fn finish_swap(dir: &Path) -> Result<(), SearchError> {
    let fresh = sibling(dir, "new");
    if !has_meta(dir) && has_meta(&fresh) && payload_of_dir(&fresh).is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(io_err(dir, "remove an empty index"))?;
        }
        std::fs::rename(&fresh, dir).map_err(io_err(&fresh, "move the new index in"))?;
    }
    Ok(())
}

fn payload_of_dir(dir: &Path) -> Option<Payload> {
    let index = Index::open_in_dir(dir).ok()?;
    let p = payload_of(&index);
    (p.version == SCHEMA_VERSION).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: i64, minutes: i64) -> Change {
        Change {
            id,
            entity: "minutes".into(),
            entity_id: minutes,
            action: "insert".into(),
        }
    }

    #[test]
    fn ids_seen_out_of_order_are_waited_for_then_applied() {
        // Applied up to 10; 11 and 13 are visible, 12 (another transaction) not yet.
        let start = Payload {
            version: SCHEMA_VERSION,
            applied: 10,
            gaps: Vec::new(),
        };
        let (next, minutes) = plan(&start, &[change(11, 1), change(13, 3)], &[], 1000);
        assert_eq!(next.applied, 13);
        assert_eq!(next.gaps, vec![(12, 1000)]);
        assert_eq!(minutes.into_iter().collect::<Vec<_>>(), [1, 3]);
        // 12 commits: the next catch-up finds it among the gaps and re-indexes its minutes.
        let (after, minutes) = plan(&next, &[], &[change(12, 2)], 1003);
        assert_eq!(after.applied, 13);
        assert!(after.gaps.is_empty());
        assert_eq!(minutes.into_iter().collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_gap_that_never_fills_is_dropped_after_the_window() {
        let start = Payload {
            version: SCHEMA_VERSION,
            applied: 5,
            gaps: vec![(4, 0)],
        };
        let (kept, _) = plan(&start, &[], &[], GAP_WINDOW_SECS - 1);
        assert_eq!(kept.gaps, vec![(4, 0)]);
        let (dropped, minutes) = plan(&start, &[], &[], GAP_WINDOW_SECS);
        assert!(dropped.gaps.is_empty());
        assert!(minutes.is_empty());
    }

    #[test]
    fn a_long_run_of_missing_ids_is_capped() {
        let start = Payload {
            version: SCHEMA_VERSION,
            applied: 0,
            gaps: Vec::new(),
        };
        let (next, _) = plan(&start, &[change(1_000_000, 1)], &[], 0);
        assert_eq!(next.gaps.len(), MAX_GAPS);
        assert_eq!(next.gaps.last().map(|g| g.0), Some(999_999));
    }
}
