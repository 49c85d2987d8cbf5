//! What the search index reads: the change log after a given id, and the full text of published
//! minutes as one flat document per paragraph.
//!
//! Queries are batched per table (one query per table for a whole batch of minutes, never one per
//! paragraph) and portable (`$n` placeholders, ISO text dates), so they run on PostgreSQL too.
//! Only published minutes (state `justerad` or `posted`) are fed: a draft never reaches the index.

use std::collections::HashMap;

use chrono::NaiveDate;
use kansli_core::paragraph::{ParagraphRange, ParagraphSet};
use serde::Serialize;
use sqlx::AssertSqlSafe;

use crate::error::DbContext;
use crate::sql::{Val, bind_all, date, int, opt_int, opt_text, placeholders, text};
use crate::{Store, StoreError};

/// The minutes states the public may see.
const PUBLISHED: &str = "('justerad', 'posted')";

/// The most ids one `IN (…)` list holds; callers may pass more, they are chunked.
const CHUNK: usize = 500;

/// One row of the change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Increasing id (on PostgreSQL ids may become visible out of order).
    pub id: i64,
    /// What changed: `minutes`, …
    pub entity: String,
    /// The changed entity's id (for `minutes`: the minutes' id).
    pub entity_id: i64,
    /// `insert`, `update` or `delete`.
    pub action: String,
}

/// One paragraph of published minutes with everything search needs, flattened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDocument {
    /// The paragraph's id.
    pub paragraph_id: i64,
    /// The minutes' id (what the change log names).
    pub minutes_id: i64,
    /// The meeting's id.
    pub meeting_id: i64,
    /// The authority's id (small and dense: search counts matches per id).
    pub authority_id: i64,
    /// The body's id.
    pub body_id: i64,
    /// Authority URL segment.
    pub authority_slug: String,
    /// Authority name as written.
    pub authority_name: String,
    /// Body URL segment (within the authority).
    pub body_slug: String,
    /// Body name as written.
    pub body_name: String,
    /// Meeting URL segment (`2024-03-05`, `2024-03-05-2`).
    pub meeting_slug: String,
    /// The meeting's date.
    pub meeting_date: NaiveDate,
    /// The paragraph number (§).
    pub number: i64,
    /// The Dnr as printed.
    pub dnr: Option<String>,
    /// The paragraph's title.
    pub title: String,
    /// The title the agenda gives the same paragraph, when it differs (minutes are not always
    /// consistent: "dataskyddsombud" on the agenda, "dataskyddsbud" in the paragraph).
    pub agenda_title: Option<String>,
    /// The decision text.
    pub decision: Option<String>,
    /// The summary (ärendebeskrivning).
    pub summary: Option<String>,
    /// The propositionsordning as recorded.
    pub proposition_order: Option<String>,
    /// Other sections, `(heading, body)`, in printed order.
    pub sections: Vec<(String, String)>,
    /// Titles of the decision basis (beslutsunderlag).
    pub basis: Vec<String>,
    /// Motions (yrkanden), in printed order.
    pub motions: Vec<String>,
    /// Reservations, minute notes, votes and jäv as recorded.
    pub remarks: Vec<String>,
    /// Names who attended this paragraph, moved, reserved, noted or voted.
    pub persons: Vec<String>,
}

impl Store {
    /// Changes with an id above `after`, oldest first, at most `limit`.
    pub async fn changes_after(&self, after: i64, limit: i64) -> Result<Vec<Change>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, entity, entity_id, action FROM changes WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .db("reading the change log")?;
        rows.iter().map(change).collect()
    }

    /// The changes among `ids` that exist now (to re-check ids that were missing before).
    pub async fn changes_with_ids(&self, ids: &[i64]) -> Result<Vec<Change>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(CHUNK) {
            let sql = format!(
                "SELECT id, entity, entity_id, action FROM changes WHERE id IN ({}) ORDER BY id",
                placeholders(1, chunk.len())
            );
            let rows = bind_all(
                sqlx::query(AssertSqlSafe(sql)),
                chunk.iter().map(|&i| Val::from(i)),
            )
            .fetch_all(&self.pool)
            .await
            .db("reading changes by id")?;
            for row in &rows {
                out.push(change(row)?);
            }
        }
        Ok(out)
    }

    /// The newest change id, 0 when the log is empty.
    pub async fn last_change_id(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COALESCE(MAX(id), 0) AS n FROM changes")
            .fetch_one(&self.pool)
            .await
            .db("reading the newest change")?;
        int(&row, "n")
    }

    /// Every published minutes' id, ascending (for a full reindex).
    pub async fn published_minutes_ids(&self) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT id FROM minutes WHERE state IN {PUBLISHED} ORDER BY id"
        )))
        .fetch_all(&self.pool)
        .await
        .db("listing the published minutes")?;
        rows.iter().map(|r| int(r, "id")).collect()
    }

    /// The search documents (one per paragraph) of those of `minutes_ids` that are published,
    /// ordered by minutes and position. Minutes that are gone or unpublished yield nothing.
    pub async fn search_documents(
        &self,
        minutes_ids: &[i64],
    ) -> Result<Vec<SearchDocument>, StoreError> {
        let mut out = Vec::new();
        for chunk in minutes_ids.chunks(CHUNK) {
            out.extend(self.search_documents_chunk(chunk).await?);
        }
        Ok(out)
    }

    async fn search_documents_chunk(&self, ids: &[i64]) -> Result<Vec<SearchDocument>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = placeholders(1, ids.len());
        let binds = || ids.iter().map(|&i| Val::from(i)).collect::<Vec<_>>();
        let mut reader = self.bulk_reader().await?;
        let mut db = reader.db();

        let rows = db.rows(
            &format!(
                "SELECT p.id AS paragraph_id, p.minutes_id, m.meeting_id, p.number, p.dnr_printed, \
                 p.title, p.summary, p.decision, p.proposition_order, mt.slug AS meeting_slug, \
                 mt.meeting_date, b.slug AS body_slug, b.name AS body_name, \
                 a.slug AS authority_slug, a.name AS authority_name, \
                 a.id AS authority_id, b.id AS body_id \
                 FROM paragraphs p JOIN minutes m ON m.id = p.minutes_id \
                 JOIN meetings mt ON mt.id = m.meeting_id JOIN bodies b ON b.id = mt.body_id \
                 JOIN authorities a ON a.id = b.authority_id \
                 WHERE p.minutes_id IN ({list}) AND m.state IN {PUBLISHED} \
                 ORDER BY p.minutes_id, p.position"
            ),
            binds(),
            "reading paragraphs for the search index",
        )
        .await?;
        let mut docs = Vec::with_capacity(rows.len());
        let mut by_id: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
        // (minutes id, paragraph number) → documents, for attendance.
        let mut by_number: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for row in &rows {
            let doc = SearchDocument {
                paragraph_id: int(row, "paragraph_id")?,
                minutes_id: int(row, "minutes_id")?,
                meeting_id: int(row, "meeting_id")?,
                authority_id: int(row, "authority_id")?,
                body_id: int(row, "body_id")?,
                authority_slug: text(row, "authority_slug")?,
                authority_name: text(row, "authority_name")?,
                body_slug: text(row, "body_slug")?,
                body_name: text(row, "body_name")?,
                meeting_slug: text(row, "meeting_slug")?,
                meeting_date: date(row, "meeting_date")?,
                number: int(row, "number")?,
                dnr: opt_text(row, "dnr_printed")?,
                title: text(row, "title")?,
                agenda_title: None,
                decision: opt_text(row, "decision")?,
                summary: opt_text(row, "summary")?,
                proposition_order: opt_text(row, "proposition_order")?,
                sections: Vec::new(),
                basis: Vec::new(),
                motions: Vec::new(),
                remarks: Vec::new(),
                persons: Vec::new(),
            };
            by_id.insert(doc.paragraph_id, docs.len());
            by_number
                .entry((doc.minutes_id, doc.number))
                .or_default()
                .push(docs.len());
            docs.push(doc);
        }
        if docs.is_empty() {
            return Ok(docs);
        }

        // Children of paragraphs: one query per table. `who` names people, one per line.
        let children: [(&str, &str, &str, &'static str); 7] = [
            (
                "paragraph_sections",
                "t.heading AS head, t.body AS text, NULL AS who",
                "",
                "reading sections for the search index",
            ),
            (
                "basis_documents",
                "NULL AS head, t.title AS text, NULL AS who",
                "",
                "reading decision basis for the search index",
            ),
            (
                "motions",
                "'motion' AS head, t.body AS text, t.movers AS who",
                "",
                "reading motions for the search index",
            ),
            (
                "reservations",
                "NULL AS head, t.body AS text, t.by_names AS who",
                "",
                "reading reservations for the search index",
            ),
            (
                "minute_notes",
                "NULL AS head, t.body AS text, t.by_names AS who",
                "",
                "reading minute notes for the search index",
            ),
            (
                "votes",
                "NULL AS head, t.body AS text, NULL AS who",
                " AND t.body IS NOT NULL",
                "reading votes for the search index",
            ),
            (
                "disqualifications",
                "NULL AS head, t.body AS text, t.member AS who",
                "",
                "reading jäv for the search index",
            ),
        ];
        for (table, columns, extra, what) in children {
            let rows = db
                .rows(
                    &format!(
                        "SELECT t.paragraph_id, {columns} FROM {table} t \
                     JOIN paragraphs p ON p.id = t.paragraph_id \
                     WHERE p.minutes_id IN ({list}){extra} ORDER BY t.paragraph_id, t.position"
                    ),
                    binds(),
                    what,
                )
                .await?;
            for row in &rows {
                let Some(&i) = by_id.get(&int(row, "paragraph_id")?) else {
                    continue;
                };
                let doc = &mut docs[i];
                let body = opt_text(row, "text")?.unwrap_or_default();
                if let Some(who) = opt_text(row, "who")? {
                    doc.persons.extend(
                        who.lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(str::to_string),
                    );
                }
                match (table, opt_text(row, "head")?) {
                    ("paragraph_sections", Some(head)) => doc.sections.push((head, body)),
                    ("basis_documents", _) => doc.basis.push(body),
                    ("motions", _) => doc.motions.push(body),
                    _ => doc.remarks.push(body),
                }
            }
        }

        let rows = db
            .rows(
                &format!(
                    "SELECT m.id AS minutes_id, t.paragraph_number, t.title FROM agenda_items t \
                 JOIN minutes m ON m.meeting_id = t.meeting_id \
                 WHERE m.id IN ({list}) AND t.paragraph_number IS NOT NULL"
                ),
                binds(),
                "reading the agenda for the search index",
            )
            .await?;
        for row in &rows {
            let key = (int(row, "minutes_id")?, int(row, "paragraph_number")?);
            let title = text(row, "title")?;
            for &i in by_number.get(&key).into_iter().flatten() {
                let doc = &mut docs[i];
                if doc.title.trim() != title.trim() && !title.trim().is_empty() {
                    doc.agenda_title = Some(title.clone());
                }
            }
        }

        // A participant attends the paragraphs their line names ("§§ 12-14", "fr o m § 27",
        // read against the minutes' range), else the whole meeting.
        let rows = db
            .rows(
                &format!(
                    "SELECT t.minutes_id, t.name, t.paragraphs_text, m.paragraph_first, \
                 m.paragraph_last FROM attendance t JOIN minutes m ON m.id = t.minutes_id \
                 WHERE t.minutes_id IN ({list}) ORDER BY t.minutes_id, t.position"
                ),
                binds(),
                "reading attendance for the search index",
            )
            .await?;
        let mut by_minutes: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, doc) in docs.iter().enumerate() {
            by_minutes.entry(doc.minutes_id).or_default().push(i);
        }
        for row in &rows {
            let Some(targets) = by_minutes.get(&int(row, "minutes_id")?) else {
                continue;
            };
            let set = match opt_text(row, "paragraphs_text")? {
                None => None,
                Some(raw) => {
                    let range = match (
                        opt_int(row, "paragraph_first")?,
                        opt_int(row, "paragraph_last")?,
                    ) {
                        (Some(first), Some(last)) => u32::try_from(first)
                            .ok()
                            .zip(u32::try_from(last).ok())
                            .and_then(|(first, last)| ParagraphRange::new(first, last).ok()),
                        _ => None,
                    };
                    // A set that cannot be read names no paragraph (the import warned of it).
                    Some(ParagraphSet::parse(&raw, range).unwrap_or(ParagraphSet(Vec::new())))
                }
            };
            let name = text(row, "name")?;
            for &i in targets {
                let attends = set
                    .as_ref()
                    .is_none_or(|set| u32::try_from(docs[i].number).is_ok_and(|n| set.contains(n)));
                if attends {
                    docs[i].persons.push(name.clone());
                }
            }
        }
        // The index holds the published copy: every mask applied, masked names left out.
        let minutes: Vec<i64> = ids.to_vec();
        let redactors = crate::redaction::redactors(&mut db, &minutes, self.today()).await?;
        for doc in &mut docs {
            if let Some(r) = redactors.get(&doc.minutes_id) {
                // With the passages marked in this § (masked there only).
                let r = u32::try_from(doc.number)
                    .map_or(std::borrow::Cow::Borrowed(r), |n| r.for_paragraph(n));
                r.apply_to(&mut doc.title);
                r.apply_opt(&mut doc.agenda_title);
                r.apply_opt(&mut doc.decision);
                r.apply_opt(&mut doc.summary);
                r.apply_opt(&mut doc.proposition_order);
                for (head, body) in &mut doc.sections {
                    r.apply_to(head);
                    r.apply_to(body);
                }
                r.apply_all(&mut doc.basis);
                r.apply_all(&mut doc.motions);
                r.apply_all(&mut doc.remarks);
                doc.persons.retain(|p| r.apply(p).1 == 0);
            }
            let mut seen = std::collections::HashSet::new();
            doc.persons.retain(|p| seen.insert(p.clone()));
        }
        Ok(docs)
    }
}

fn change(row: &sqlx::any::AnyRow) -> Result<Change, StoreError> {
    Ok(Change {
        id: int(row, "id")?,
        entity: text(row, "entity")?,
        entity_id: int(row, "entity_id")?,
        action: text(row, "action")?,
    })
}
