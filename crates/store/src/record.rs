//! A meeting's minutes as one record, read from the tables whether the meeting was imported
//! or recorded: the law engine, the renderer and the API read it here, never the parser's
//! stored reading (which stays the import's input, for moving a meeting and re-parsing).
//!
//! Reads are batched: the minutes a filter selects are read with one query per table, however
//! many meetings match (the law engine reads a body's year, `kansli check` everything).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kansli_core::protocol::{
    Absent, AgendaEntry, CastVote, Item, ItemRecording, ParsedMotion, ParsedProtocol,
    ParsedSignature, Participant, ParticipantCategory, Section, TieBreak, VoteChoice, Votering,
};
use kansli_core::record::MinutesState;
use kansli_core::ParagraphRange;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::StoreError;
use crate::error::DbContext;
use crate::sql::{Val, int, opt_int, opt_text, query_rows, text};

/// One meeting's minutes as stored: where they belong, their state and version, the record.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMinutes {
    /// The meeting's id.
    pub meeting_id: i64,
    /// The minutes' id.
    pub minutes_id: i64,
    /// The authority's slug.
    pub authority_slug: String,
    /// The body's slug.
    pub body_slug: String,
    /// The meeting's slug.
    pub meeting_slug: String,
    /// Draft, released, justerad or posted.
    pub state: MinutesState,
    /// The record's version: a write names the version it read.
    pub version: i64,
    /// `import` (read from a file) or `recorded` (recorded in Kansli).
    pub origin: String,
    /// The record, in the shape of `kansli parse`'s output.
    pub record: ParsedProtocol,
}

/// Which minutes to read.
#[derive(Debug, Clone, Default)]
pub(crate) struct RecordFilter {
    /// Authority slug, or empty for all.
    pub authority: String,
    /// Body slug, or empty for all.
    pub body: String,
    /// First meeting date (ISO), inclusive; empty for no bound.
    pub from: String,
    /// Meeting date (ISO) before which to stop; empty for no bound.
    pub until: String,
    /// One meeting's id, or 0 for all.
    pub meeting_id: i64,
    /// Only minutes the public may read (justerade and posted).
    pub public_only: bool,
}

impl RecordFilter {
    fn binds(&self) -> Vec<Val> {
        let until = if self.until.is_empty() {
            "9999-99-99".to_string()
        } else {
            self.until.clone()
        };
        vec![
            self.authority.to_lowercase().into(),
            self.body.to_lowercase().into(),
            self.from.clone().into(),
            until.into(),
            self.meeting_id.into(),
            i64::from(self.public_only).into(),
        ]
    }
}

const JOINS: &str = "FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id \
     JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id";

const WHERE: &str = "WHERE ($1 = '' OR a.slug = $1) AND ($2 = '' OR b.slug = $2) \
     AND m.meeting_date >= $3 AND m.meeting_date < $4 AND ($5 = 0 OR m.id = $5) \
     AND ($6 = 0 OR mi.state IN ('justerad', 'posted'))";

/// The ids of the minutes the filter selects, as a subquery.
fn ids() -> String {
    format!("SELECT mi.id {JOINS} {WHERE}")
}

/// The stored name of a tie-break (its JSON name).
pub(crate) fn tie_break_name(t: TieBreak) -> &'static str {
    match t {
        TieBreak::UtslagsrostJa => "utslagsrost_ja",
        TieBreak::UtslagsrostNej => "utslagsrost_nej",
        TieBreak::LottningJa => "lottning_ja",
        TieBreak::LottningNej => "lottning_nej",
    }
}

fn tie_break_of(name: &str) -> Option<TieBreak> {
    [
        TieBreak::UtslagsrostJa,
        TieBreak::UtslagsrostNej,
        TieBreak::LottningJa,
        TieBreak::LottningNej,
    ]
    .into_iter()
    .find(|t| tie_break_name(*t) == name)
}

fn category_of(stored: &str) -> Result<ParticipantCategory, StoreError> {
    match stored {
        "beslutande" => Ok(ParticipantCategory::Beslutande),
        "ersättare" => Ok(ParticipantCategory::Ersattare),
        "övriga" => Ok(ParticipantCategory::Ovriga),
        other => Err(StoreError::Corrupt(format!(
            "attendance.category holds {other:?}"
        ))),
    }
}

fn date_of(raw: Option<String>, column: &str) -> Result<Option<NaiveDate>, StoreError> {
    raw.map(|d| {
        NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("{column} holds {d:?}, not a date")))
    })
    .transpose()
}

fn number(n: i64, column: &str) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("{column} holds {n}")))
}

/// Rows of a child table for the selected minutes, grouped by `key` (a column of the row).
async fn grouped(
    conn: &mut AnyConnection,
    sql: String,
    filter: &RecordFilter,
    key: &str,
    what: &str,
) -> Result<HashMap<i64, Vec<AnyRow>>, StoreError> {
    let rows = query_rows(conn, &sql, filter.binds(), what).await?;
    let mut out: HashMap<i64, Vec<AnyRow>> = HashMap::new();
    for row in rows {
        out.entry(int(&row, key)?).or_default().push(row);
    }
    Ok(out)
}

/// Reads the minutes the filter selects, ordered by authority, body, meeting date and slug.
pub(crate) async fn load(
    conn: &mut AnyConnection,
    filter: &RecordFilter,
) -> Result<Vec<StoredMinutes>, StoreError> {
    let heads = query_rows(
        conn,
        &format!(
            "SELECT mi.id AS minutes_id, m.id AS meeting_id, a.slug AS a_slug, a.name AS a_name, \
             b.slug AS b_slug, b.name AS b_name, m.slug AS m_slug, m.meeting_date, m.start_time, \
             m.end_time, m.place, mi.state, mi.version, mi.origin, mi.paragraph_first, \
             mi.paragraph_last, mi.range_printed, mi.chair, mi.secretary, mi.justering_place, \
             mi.justering_date, mi.layout, mi.confidence_json {JOINS} {WHERE} \
             ORDER BY a.slug, b.slug, m.meeting_date, m.slug"
        ),
        filter.binds(),
        "reading minutes",
    )
    .await?;
    if heads.is_empty() {
        return Ok(Vec::new());
    }
    let ids = ids();
    let by_minutes = |table: &str, columns: &str, extra: &str| {
        format!(
            "SELECT minutes_id, {columns} FROM {table} WHERE minutes_id IN ({ids}) {extra} \
             ORDER BY minutes_id, position"
        )
    };
    let attendance = grouped(
        conn,
        by_minutes(
            "attendance",
            "name, category, role_text, party, represents, serves_for, paragraphs_text",
            "",
        ),
        filter,
        "minutes_id",
        "reading attendance",
    )
    .await?;
    let absences = grouped(
        conn,
        by_minutes("minutes_absences", "name, party, reason", ""),
        filter,
        "minutes_id",
        "reading absences",
    )
    .await?;
    let justerare = grouped(
        conn,
        by_minutes("justerare", "name", ""),
        filter,
        "minutes_id",
        "reading justerare",
    )
    .await?;
    let signatures = grouped(
        conn,
        by_minutes("signatures", "name, signed_at", ""),
        filter,
        "minutes_id",
        "reading signatures",
    )
    .await?;
    let notices = grouped(
        conn,
        by_minutes(
            "notices",
            "posted, removal, kept_at",
            "AND position = 0",
        ),
        filter,
        "minutes_id",
        "reading notices",
    )
    .await?;
    let appendices = grouped(
        conn,
        by_minutes("minutes_appendices", "title", ""),
        filter,
        "minutes_id",
        "reading appendices",
    )
    .await?;
    let warnings = grouped(
        conn,
        by_minutes("minutes_warnings", "message", "AND source = 'parser'"),
        filter,
        "minutes_id",
        "reading warnings",
    )
    .await?;
    let agenda = grouped(
        conn,
        format!(
            "SELECT mi.id AS minutes_id, ai.paragraph_number, ai.dnr_printed, ai.title, ai.pages \
             FROM agenda_items ai JOIN minutes mi ON mi.meeting_id = ai.meeting_id \
             WHERE mi.id IN ({ids}) AND mi.origin = 'import' AND ai.paragraph_number IS NOT NULL \
             ORDER BY mi.id, ai.position"
        ),
        filter,
        "minutes_id",
        "reading the ärendelista",
    )
    .await?;
    let paragraphs = grouped(
        conn,
        by_minutes(
            "paragraphs",
            "id, number, dnr_printed, title, summary, decision, proposition_order, \
             adopted_motion, immediately_justerad",
            "",
        ),
        filter,
        "minutes_id",
        "reading paragraphs",
    )
    .await?;
    let by_paragraph = |table: &str, columns: &str| {
        format!(
            "SELECT t.paragraph_id, {columns} FROM {table} t \
             JOIN paragraphs p ON p.id = t.paragraph_id WHERE p.minutes_id IN ({ids}) \
             ORDER BY t.paragraph_id, t.position"
        )
    };
    let mut children: HashMap<&str, HashMap<i64, Vec<AnyRow>>> = HashMap::new();
    for (table, columns) in [
        ("paragraph_sections", "t.heading, t.body"),
        ("basis_documents", "t.title"),
        ("motions", "t.movers, t.body, t.kind"),
        ("reservations", "t.body"),
        ("minute_notes", "t.body"),
        ("disqualifications", "t.body, t.member"),
        ("dispatches", "t.recipient"),
        ("votes", "t.id, t.body, t.yes_means, t.no_means, t.tie_break"),
    ] {
        let rows = grouped(
            conn,
            by_paragraph(table, columns),
            filter,
            "paragraph_id",
            &format!("reading {table}"),
        )
        .await?;
        children.insert(table, rows);
    }
    let casts = grouped(
        conn,
        format!(
            "SELECT c.vote_id, c.voter, c.choice FROM vote_casts c \
             JOIN votes v ON v.id = c.vote_id JOIN paragraphs p ON p.id = v.paragraph_id \
             WHERE p.minutes_id IN ({ids}) ORDER BY c.vote_id, c.position"
        ),
        filter,
        "vote_id",
        "reading votes cast",
    )
    .await?;

    let none = Vec::new();
    let mut out = Vec::with_capacity(heads.len());
    for h in &heads {
        let minutes_id = int(h, "minutes_id")?;
        let of = |map: &'_ HashMap<i64, Vec<AnyRow>>| -> Vec<AnyRow> {
            map.get(&minutes_id).cloned().unwrap_or_default()
        };
        let state_raw = text(h, "state")?;
        let state = MinutesState::parse(&state_raw).ok_or_else(|| {
            StoreError::Corrupt(format!("minutes.state holds {state_raw:?}"))
        })?;
        let origin = text(h, "origin")?;
        let meeting_date = crate::sql::date(h, "meeting_date")?;
        let mut p = ParsedProtocol::new(text(h, "b_name")?, meeting_date);
        p.authority = Some(text(h, "a_name")?);
        p.start_time = opt_text(h, "start_time")?;
        p.end_time = opt_text(h, "end_time")?;
        p.place = opt_text(h, "place")?;
        if int(h, "range_printed")? != 0
            && let (Some(first), Some(last)) =
                (opt_int(h, "paragraph_first")?, opt_int(h, "paragraph_last")?)
        {
            p.paragraphs = Some(ParagraphRange {
                first: number(first, "minutes.paragraph_first")?,
                last: number(last, "minutes.paragraph_last")?,
            });
        }
        p.chair = opt_text(h, "chair")?;
        p.secretary = opt_text(h, "secretary")?;
        p.justering.place = opt_text(h, "justering_place")?;
        p.justering.date = date_of(opt_text(h, "justering_date")?, "minutes.justering_date")?;
        p.layout = opt_text(h, "layout")?.unwrap_or_default();
        if let Some(json) = opt_text(h, "confidence_json")? {
            p.confidence = serde_json::from_str(&json).map_err(|e| {
                StoreError::Corrupt(format!("minutes.confidence_json of {minutes_id}: {e}"))
            })?;
        }
        for r in of(&justerare) {
            p.justerare.push(text(&r, "name")?);
        }
        for r in of(&notices) {
            p.notice.posted = date_of(opt_text(&r, "posted")?, "notices.posted")?;
            p.notice.removal = date_of(opt_text(&r, "removal")?, "notices.removal")?;
            p.notice.kept_at = opt_text(&r, "kept_at")?;
        }
        for r in of(&attendance) {
            p.participants.push(Participant {
                name: text(&r, "name")?,
                category: category_of(&text(&r, "category")?)?,
                role: opt_text(&r, "role_text")?,
                represents: opt_text(&r, "represents")?,
                party: opt_text(&r, "party")?,
                paragraphs: opt_text(&r, "paragraphs_text")?,
                serves_for: opt_text(&r, "serves_for")?,
            });
        }
        for r in of(&absences) {
            p.absent.push(Absent {
                name: text(&r, "name")?,
                party: opt_text(&r, "party")?,
                reason: opt_text(&r, "reason")?,
            });
        }
        for r in of(&signatures) {
            let signed_at = opt_text(&r, "signed_at")?
                .map(|t| {
                    DateTime::parse_from_rfc3339(&t)
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(|_| StoreError::Corrupt(format!("signatures.signed_at {t:?}")))
                })
                .transpose()?;
            p.signatures.push(ParsedSignature {
                name: text(&r, "name")?,
                signed_at,
            });
        }
        for r in of(&appendices) {
            p.appendices.push(text(&r, "title")?);
        }
        for r in of(&warnings) {
            p.warnings.push(text(&r, "message")?);
        }
        for r in of(&agenda) {
            p.agenda.push(AgendaEntry {
                paragraph: number(
                    opt_int(&r, "paragraph_number")?.unwrap_or_default(),
                    "agenda_items.paragraph_number",
                )?,
                dnr: opt_text(&r, "dnr_printed")?,
                title: text(&r, "title")?,
                pages: opt_text(&r, "pages")?,
            });
        }
        for r in paragraphs.get(&minutes_id).unwrap_or(&none) {
            let id = int(r, "id")?;
            let rows = |table: &str| -> &[AnyRow] {
                children
                    .get(table)
                    .and_then(|m| m.get(&id))
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
            };
            let bodies = |table: &str| -> Result<Vec<String>, StoreError> {
                rows(table).iter().map(|r| text(r, "body")).collect()
            };
            let mut item = Item {
                paragraph: number(int(r, "number")?, "paragraphs.number")?,
                dnr: opt_text(r, "dnr_printed")?,
                title: text(r, "title")?,
                decision: opt_text(r, "decision")?,
                summary: opt_text(r, "summary")?,
                basis: rows("basis_documents")
                    .iter()
                    .map(|r| text(r, "title"))
                    .collect::<Result<_, _>>()?,
                motions: Vec::new(),
                proposition_order: opt_text(r, "proposition_order")?,
                vote: None,
                reservations: bodies("reservations")?,
                notes: bodies("minute_notes")?,
                disqualifications: Vec::new(),
                dispatch: rows("dispatches")
                    .iter()
                    .map(|r| text(r, "recipient"))
                    .collect::<Result<_, _>>()?,
                sections: rows("paragraph_sections")
                    .iter()
                    .map(|r| {
                        Ok(Section {
                            heading: text(r, "heading")?,
                            text: text(r, "body")?,
                        })
                    })
                    .collect::<Result<_, StoreError>>()?,
                recorded: ItemRecording {
                    adopted: opt_int(r, "adopted_motion")?.and_then(|i| usize::try_from(i).ok()),
                    immediately_justerad: int(r, "immediately_justerad")? != 0,
                    ..ItemRecording::default()
                },
            };
            for m in rows("motions") {
                item.motions.push(ParsedMotion {
                    movers: text(m, "movers")?
                        .lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(str::to_string)
                        .collect(),
                    text: text(m, "body")?,
                    kind: opt_text(m, "kind")?
                        .as_deref()
                        .and_then(kansli_core::protocol::MotionKind::from_word),
                });
            }
            for d in rows("disqualifications") {
                let body = text(d, "body")?;
                if !body.is_empty() {
                    item.disqualifications.push(body);
                }
                if let Some(member) = opt_text(d, "member")? {
                    item.recorded.disqualified.push(member);
                }
            }
            if let Some(v) = rows("votes").first() {
                item.vote = opt_text(v, "body")?;
                if let (Some(ja), Some(nej)) = (opt_text(v, "yes_means")?, opt_text(v, "no_means")?)
                {
                    let vote_id = int(v, "id")?;
                    let casts = casts
                        .get(&vote_id)
                        .map(Vec::as_slice)
                        .unwrap_or(&[])
                        .iter()
                        .map(|c| {
                            let choice = match text(c, "choice")?.as_str() {
                                "yes" => VoteChoice::Ja,
                                "no" => VoteChoice::Nej,
                                _ => VoteChoice::Avstar,
                            };
                            Ok(CastVote {
                                name: text(c, "voter")?,
                                choice,
                            })
                        })
                        .collect::<Result<_, StoreError>>()?;
                    item.recorded.votering = Some(Votering {
                        ja,
                        nej,
                        casts,
                        tie_break: opt_text(v, "tie_break")?.as_deref().and_then(tie_break_of),
                    });
                }
            }
            p.items.push(item);
        }
        if origin != "import" {
            // A recorded meeting's ärendelista is its paragraphs.
            p.agenda = p
                .items
                .iter()
                .map(|i| AgendaEntry {
                    paragraph: i.paragraph,
                    dnr: i.dnr.clone(),
                    title: i.title.clone(),
                    pages: None,
                })
                .collect();
        }
        out.push(StoredMinutes {
            meeting_id: int(h, "meeting_id")?,
            minutes_id,
            authority_slug: text(h, "a_slug")?,
            body_slug: text(h, "b_slug")?,
            meeting_slug: text(h, "m_slug")?,
            state,
            version: int(h, "version")?,
            origin,
            record: p,
        });
    }
    Ok(out)
}

impl crate::Store {
    /// The minutes of one meeting as one record, in any state (the secretariat's view);
    /// `None` when the meeting has no minutes.
    pub async fn meeting_minutes(
        &self,
        meeting_id: i64,
    ) -> Result<Option<StoredMinutes>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let found = load(
            &mut conn,
            &RecordFilter {
                meeting_id,
                ..RecordFilter::default()
            },
        )
        .await?;
        Ok(found.into_iter().next())
    }

    /// The public record of one meeting: its minutes when justerade or posted, else `None`.
    pub async fn public_minutes(
        &self,
        meeting_id: i64,
    ) -> Result<Option<StoredMinutes>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let found = load(
            &mut conn,
            &RecordFilter {
                meeting_id,
                public_only: true,
                ..RecordFilter::default()
            },
        )
        .await?;
        Ok(found.into_iter().next())
    }

    /// Minutes selected by authority and body slug (empty: all), meeting dates in
    /// `from..until` (ISO, empty: unbounded), public ones only or all.
    pub async fn minutes_between(
        &self,
        authority: &str,
        body: &str,
        from: &str,
        until: &str,
        public_only: bool,
    ) -> Result<Vec<StoredMinutes>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        load(
            &mut conn,
            &RecordFilter {
                authority: authority.to_string(),
                body: body.to_string(),
                from: from.to_string(),
                until: until.to_string(),
                meeting_id: 0,
                public_only,
            },
        )
        .await
    }
}
