//! What the public site lists for search engines: every authority, body and meeting page, in
//! one query each, for `sitemap.xml`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::Store;
use crate::error::{DbContext, StoreError};
use crate::sql::{date, query_rows, text};

/// The most URLs one sitemap file may list (the sitemaps.org protocol's limit).
pub const SITEMAP_MAX_URLS: u32 = 50_000;

/// One meeting page of the archive, for the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SitemapMeeting {
    /// The authority's slug.
    pub authority: String,
    /// The body's slug.
    pub body: String,
    /// The meeting's slug.
    pub meeting: String,
    /// The meeting's day (the last change a crawler needs to know of minutes is rare).
    pub date: NaiveDate,
}

/// One body page of the archive, for the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SitemapBody {
    /// The authority's slug.
    pub authority: String,
    /// The body's slug.
    pub body: String,
}

impl Store {
    /// The bodies of every authority, ordered by slugs.
    pub async fn sitemap_bodies(&self) -> Result<Vec<SitemapBody>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        query_rows(
            &mut conn,
            "SELECT a.slug AS a_slug, b.slug AS b_slug FROM bodies b \
             JOIN authorities a ON a.id = b.authority_id ORDER BY a.slug, b.slug",
            vec![],
            "listing the bodies for the sitemap",
        )
        .await?
        .iter()
        .map(|row| {
            Ok(SitemapBody {
                authority: text(row, "a_slug")?,
                body: text(row, "b_slug")?,
            })
        })
        .collect()
    }

    /// Meetings with minutes, newest first, at most `limit` (capped at [`SITEMAP_MAX_URLS`]).
    /// Planned meetings are left out: their page changes until the meeting is held.
    pub async fn sitemap_meetings(&self, limit: u32) -> Result<Vec<SitemapMeeting>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        query_rows(
            &mut conn,
            "SELECT a.slug AS a_slug, b.slug AS b_slug, m.slug AS m_slug, m.meeting_date \
             FROM meetings m JOIN bodies b ON b.id = m.body_id \
             JOIN authorities a ON a.id = b.authority_id \
             JOIN minutes mi ON mi.meeting_id = m.id AND mi.state IN ('justerad', 'posted') \
             ORDER BY m.meeting_date DESC, m.id DESC LIMIT $1",
            vec![i64::from(limit.clamp(1, SITEMAP_MAX_URLS)).into()],
            "listing the meetings for the sitemap",
        )
        .await?
        .iter()
        .map(|row| {
            Ok(SitemapMeeting {
                authority: text(row, "a_slug")?,
                body: text(row, "b_slug")?,
                meeting: text(row, "m_slug")?,
                date: date(row, "meeting_date")?,
            })
        })
        .collect()
    }
}
