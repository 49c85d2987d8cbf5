//! Rendered documents kept in memory, keyed by the SHA-256 of what they were rendered from.
//!
//! Rendering a protocol to PDF/A takes Typst tens to hundreds of milliseconds of CPU; the same
//! reading, kind and format always give the same bytes (the renderer has no clock and no I/O),
//! so the key is a hash of the stored reading's JSON, the document kind and the format: a
//! re-imported protocol gets a new key by itself, nothing has to be invalidated. The cache holds
//! at most [`CACHE_BYTES`]; the least recently used documents leave first.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use lru::LruCache;
use sha2::{Digest, Sha256};

/// Most bytes of rendered documents kept.
pub const CACHE_BYTES: usize = 64 * 1024 * 1024;
/// Documents larger than this are not kept (a few of them would push out everything else).
const LARGEST_KEPT: usize = CACHE_BYTES / 8;

/// A rendered document: its file name and bytes.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The file name (ASCII).
    pub name: String,
    /// The document (shared, cheap to clone).
    pub bytes: Bytes,
}

/// The cache (cheap to clone: shared).
#[derive(Debug, Clone)]
pub struct RenderCache {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug)]
struct Inner {
    entries: LruCache<[u8; 32], Rendered>,
    bytes: usize,
}

impl Default for RenderCache {
    fn default() -> Self {
        RenderCache {
            inner: Arc::new(Mutex::new(Inner {
                // Bounded by bytes in `put`, not by count.
                entries: LruCache::unbounded(),
                bytes: 0,
            })),
        }
    }
}

/// The key of a rendering: the hash of the reading's JSON, the kind and the format, each
/// length-prefixed so no two inputs run together.
pub fn key(reading_json: &[u8], kind: &str, format: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    for part in [reading_json, kind.as_bytes(), format.as_bytes()] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.finalize().into()
}

impl RenderCache {
    /// The document rendered for `key`, if kept.
    pub fn get(&self, key: &[u8; 32]) -> Option<Rendered> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.entries.get(key).cloned()
    }

    /// Keeps a rendered document, pushing out the least recently used beyond [`CACHE_BYTES`].
    pub fn put(&self, key: [u8; 32], doc: Rendered) {
        let size = doc.bytes.len() + doc.name.len();
        if size > LARGEST_KEPT {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = inner.entries.put(key, doc) {
            inner.bytes -= old.bytes.len() + old.name.len();
        }
        inner.bytes += size;
        while inner.bytes > CACHE_BYTES {
            match inner.entries.pop_lru() {
                Some((_, old)) => inner.bytes -= old.bytes.len() + old.name.len(),
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(n: usize) -> Rendered {
        Rendered {
            name: "x.pdf".into(),
            bytes: Bytes::from(vec![0u8; n]),
        }
    }

    #[test]
    fn keys_differ_by_every_part() {
        let a = key(b"{}", "protokoll", "pdf");
        assert_ne!(a, key(b"{}", "protokoll", "html"));
        assert_ne!(a, key(b"{} ", "protokoll", "pdf"));
        assert_ne!(key(b"ab", "c", "pdf"), key(b"a", "bc", "pdf"));
    }

    #[test]
    fn the_budget_is_kept() {
        let cache = RenderCache::default();
        let chunk = LARGEST_KEPT;
        for i in 0..20u8 {
            cache.put([i; 32], doc(chunk - 10));
        }
        let kept = cache.inner.lock().map(|i| i.entries.len()).unwrap_or(0);
        assert!(kept <= CACHE_BYTES / (chunk - 10), "{kept}");
        assert!(cache.get(&[19; 32]).is_some(), "the newest stays");
        assert!(cache.get(&[0; 32]).is_none(), "the oldest left");
        cache.put([99; 32], doc(CACHE_BYTES));
        assert!(cache.get(&[99; 32]).is_none(), "too large to keep");
    }
}
