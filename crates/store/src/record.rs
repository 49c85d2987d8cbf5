//! A meeting's minutes as one record, read from the tables whether the meeting was imported
//! or recorded: the law engine, the renderer and the API read it here, never the parser's
//! stored reading (which stays the import's input, for moving a meeting and re-parsing).
//!
//! Reads are batched: the minutes a filter selects are read in six queries, however many
//! meetings match (the law engine reads a body's year, `kansli check` everything): their
//! heads, the minutes' lists (a `UNION ALL` over their tables), the ärendelista, the
//! paragraphs, the paragraphs' lists (another) and, when a vote was recorded, the votes cast.

use crate::conn::{Columns, Db, Row};
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use kansli_core::ParagraphRange;
use kansli_core::protocol::{
    Absent, AgendaEntry, CastVote, Item, ItemRecording, ParsedMotion, ParsedProtocol,
    ParsedSignature, Participant, ParticipantCategory, Section, TieBreak, VoteChoice, Votering,
};
use kansli_core::record::MinutesState;
use sqlx::AnyConnection;

use crate::StoreError;
use crate::error::DbContext;
use crate::sql::{Val, instant, int, opt_int, opt_text, query_rows, text};

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
    /// Each paragraph's own version, by paragraph number: a write of one paragraph names it.
    pub paragraph_versions: BTreeMap<u32, i64>,
    /// The version of the header and attendance (time, place, chair, secretary, participants,
    /// absences), written apart from the paragraphs.
    pub header_version: i64,
    /// Each paragraph's place and case, in the order of `record.items` (one per item).
    pub paragraph_places: Vec<ParagraphPlace>,
    /// The meeting's ärendelista as stored, every row with its case (paragraph 0 for a row
    /// without a number, as a kallelse's ärenden): what the public pages print. The record's
    /// own `agenda` is the imported minutes' numbered rows of it, or the paragraphs.
    pub printed_agenda: Vec<crate::read::AgendaItemView>,
}

/// Where a paragraph of a record stands and which diarium case it belongs to: what the
/// public pages link by, read with the paragraph (no second read of the paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphPlace {
    /// The paragraph's position in the printed minutes (0-based).
    pub position: i64,
    /// The case's key in the diarium (`cases.dnr_key`), when the paragraph has a case.
    pub case_key: Option<String>,
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
    /// One minutes' id, or 0 for all.
    pub minutes_id: i64,
    /// Only minutes the public may read (justerade and posted).
    pub public_only: bool,
}

impl RecordFilter {
    /// The WHERE clause with only the conditions that apply, and the values it binds, in
    /// order. A condition left out is not written `($1 = '' OR a.slug = $1)`: no index serves
    /// that, so reading one meeting or one body's year would scan every minutes row.
    fn clause(&self) -> (String, Vec<Val>) {
        let mut conditions: Vec<String> = Vec::new();
        let mut binds: Vec<Val> = Vec::new();
        let mut bind = |sql: &str, value: Val| {
            binds.push(value);
            conditions.push(sql.replace('?', &format!("${}", binds.len())));
        };
        if !self.authority.is_empty() {
            bind("a.slug = ?", self.authority.to_lowercase().into());
        }
        if !self.body.is_empty() {
            bind("b.slug = ?", self.body.to_lowercase().into());
        }
        if !self.from.is_empty() {
            bind("m.meeting_date >= ?", self.from.clone().into());
        }
        if !self.until.is_empty() {
            bind("m.meeting_date < ?", self.until.clone().into());
        }
        if self.meeting_id != 0 {
            bind("m.id = ?", self.meeting_id.into());
        }
        if self.minutes_id != 0 {
            bind("mi.id = ?", self.minutes_id.into());
        }
        if self.public_only {
            conditions.push("mi.state IN ('justerad', 'posted')".into());
        }
        if conditions.is_empty() {
            conditions.push("1 = 1".into());
        }
        (format!("WHERE {}", conditions.join(" AND ")), binds)
    }
}

const JOINS: &str = "FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id \
     JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id";

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

/// The stored name of a participant's category (`attendance.category`).
pub(crate) fn category_name(c: ParticipantCategory) -> &'static str {
    match c {
        ParticipantCategory::Beslutande => "beslutande",
        ParticipantCategory::Ersattare => "ersättare",
        ParticipantCategory::Ovriga => "övriga",
    }
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

/// A child table read in a union with the others of its owner (`children`): its columns, read
/// as text under their own names, and at most one integer column.
pub(crate) struct Child {
    table: &'static str,
    texts: &'static [&'static str],
    number: Option<&'static str>,
    /// More conditions on the table's rows (`t`), starting with `AND`.
    extra: &'static str,
}

/// The lists of a minutes (all but the ärendelista and the paragraphs).
const MINUTES_CHILDREN: &[Child] = &[
    Child {
        table: "attendance",
        texts: &[
            "name",
            "category",
            "role_text",
            "party",
            "represents",
            "serves_for",
            "paragraphs_text",
        ],
        number: None,
        extra: "",
    },
    Child {
        table: "minutes_absences",
        texts: &["name", "party", "reason"],
        number: None,
        extra: "",
    },
    Child {
        table: "justerare",
        texts: &["name"],
        number: None,
        extra: "",
    },
    Child {
        table: "signatures",
        texts: &["name", "signed_at"],
        number: None,
        extra: "",
    },
    Child {
        table: "notices",
        texts: &["posted", "removal", "kept_at"],
        number: None,
        extra: "AND t.position = 0",
    },
    Child {
        table: "minutes_appendices",
        texts: &["title"],
        number: None,
        extra: "",
    },
    Child {
        table: "minutes_warnings",
        texts: &["message"],
        number: None,
        extra: "AND t.source = 'parser'",
    },
];

/// The lists of a paragraph.
pub(crate) const PARAGRAPH_CHILDREN: &[Child] = &[
    Child {
        table: "paragraph_sections",
        texts: &["heading", "body"],
        number: None,
        extra: "",
    },
    Child {
        table: "basis_documents",
        texts: &["title"],
        number: None,
        extra: "",
    },
    Child {
        table: "motions",
        texts: &["movers", "body", "kind"],
        number: None,
        extra: "",
    },
    Child {
        table: "reservations",
        texts: &["body"],
        number: None,
        extra: "",
    },
    Child {
        table: "minute_notes",
        texts: &["body"],
        number: None,
        extra: "",
    },
    Child {
        table: "disqualifications",
        texts: &["body", "member"],
        number: None,
        extra: "",
    },
    Child {
        table: "dispatches",
        texts: &["recipient"],
        number: None,
        extra: "",
    },
    Child {
        table: "votes",
        texts: &["body", "yes_means", "no_means", "tie_break"],
        number: Some("id"),
        extra: "",
    },
];

/// A row of a union read, whose columns are named `t1…` and `n1`: read by the table's own
/// column names.
#[derive(Clone)]
pub(crate) struct ChildRow {
    child: &'static Child,
    row: Row,
}

impl ChildRow {
    /// The union's name for the table's column `column`.
    fn column(&self, column: &str) -> Result<String, StoreError> {
        if self.child.number == Some(column) {
            return Ok("n1".into());
        }
        match self.child.texts.iter().position(|c| *c == column) {
            Some(i) => Ok(format!("t{}", i + 1)),
            None => Err(StoreError::Corrupt(format!(
                "{} has no column {column} in the record's read",
                self.child.table
            ))),
        }
    }
}

impl Columns for ChildRow {
    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        self.row.opt_int(&self.column(column)?)
    }
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        self.row.opt_text(&self.column(column)?)
    }
}

/// The rows of `tables` whose `owner` column (`minutes_id` or `paragraph_id`) meets `owned`
/// (a condition on the table as `t`, with `binds`), in one query: a `UNION ALL` of one
/// `SELECT` per table, each padded to the same columns (`kind`, `owner`, `position`, `n1`,
/// `t1…`). Grouped by table and owner, each list in position order.
pub(crate) async fn children(
    conn: &mut Db<'_>,
    tables: &'static [Child],
    owner: &str,
    owned: &str,
    binds: &[Val],
    what: &str,
) -> Result<HashMap<&'static str, HashMap<i64, Vec<ChildRow>>>, StoreError> {
    let width = tables.iter().map(|c| c.texts.len()).max().unwrap_or(0);
    let selects: Vec<String> = tables
        .iter()
        .map(|c| {
            let number = c
                .number
                .map_or("CAST(NULL AS BIGINT)".to_string(), |n| format!("t.{n}"));
            let texts: Vec<String> = (0..width)
                .map(|i| match c.texts.get(i) {
                    Some(column) => format!("t.{column} AS t{}", i + 1),
                    None => format!("CAST(NULL AS TEXT) AS t{}", i + 1),
                })
                .collect();
            format!(
                "SELECT '{}' AS kind, t.{owner} AS owner, t.position AS position, {number} AS n1, {} \
                 FROM {} t WHERE {owned} {}",
                c.table,
                texts.join(", "),
                c.table,
                c.extra
            )
        })
        .collect();
    let sql = format!(
        "{} ORDER BY owner, kind, position",
        selects.join(" UNION ALL ")
    );
    let mut out: HashMap<&'static str, HashMap<i64, Vec<ChildRow>>> = HashMap::new();
    for row in conn.rows(&sql, binds.to_vec(), what).await? {
        let kind = text(&row, "kind")?;
        let Some(child) = tables.iter().find(|c| c.table == kind) else {
            return Err(StoreError::Corrupt(format!(
                "a record's read returned {kind:?}"
            )));
        };
        let owner = int(&row, "owner")?;
        out.entry(child.table)
            .or_default()
            .entry(owner)
            .or_default()
            .push(ChildRow { child, row });
    }
    Ok(out)
}

/// Rows of a child table for the selected minutes, grouped by `key` (a column of the row).
async fn grouped(
    conn: &mut Db<'_>,
    sql: String,
    binds: &[Val],
    key: &str,
    what: &str,
) -> Result<HashMap<i64, Vec<Row>>, StoreError> {
    let rows = conn.rows(&sql, binds.to_vec(), what).await?;
    let mut out: HashMap<i64, Vec<Row>> = HashMap::new();
    for row in rows {
        out.entry(int(&row, key)?).or_default().push(row);
    }
    Ok(out)
}

/// Reads the minutes the filter selects, ordered by authority, body, meeting date and slug.
pub(crate) async fn load(
    conn: &mut Db<'_>,
    filter: &RecordFilter,
) -> Result<Vec<StoredMinutes>, StoreError> {
    let (clause, binds) = filter.clause();
    let heads = conn.rows(&format!(
            "SELECT mi.id AS minutes_id, m.id AS meeting_id, a.slug AS a_slug, a.name AS a_name, \
             b.slug AS b_slug, b.name AS b_name, m.slug AS m_slug, m.meeting_date, m.start_time, \
             m.end_time, m.place, mi.state, mi.version, mi.header_version, mi.origin, mi.paragraph_first, \
             mi.paragraph_last, mi.range_printed, mi.chair, mi.secretary, mi.justering_place, \
             mi.justering_date, mi.layout, mi.confidence_json {JOINS} {clause} \
             ORDER BY a.slug, b.slug, m.meeting_date, m.slug"
        ),
        binds.clone(),
        "reading minutes",
    )
    .await?;
    if heads.is_empty() {
        return Ok(Vec::new());
    }
    // The selected minutes' ids, as a subquery of each child read; one minutes (a meeting's
    // page) by its id alone: PostgreSQL planned the union reads with the filter's four-table
    // join in every branch in ~5 ms each, and the pages' first visits paid it on each new
    // connection.
    let (ids, binds) = match heads.as_slice() {
        [one] => ("$1".to_string(), vec![Val::from(int(one, "minutes_id")?)]),
        _ => (format!("SELECT mi.id {JOINS} {clause}"), binds),
    };
    // The minutes' own lists in one read, the paragraphs' in another (see `CHILDREN`): a
    // meeting's record costs six round trips on PostgreSQL, not nineteen.
    let of_minutes = children(
        conn,
        MINUTES_CHILDREN,
        "minutes_id",
        &format!("t.minutes_id IN ({ids})"),
        &binds,
        "reading the minutes' lists",
    )
    .await?;
    let agenda = grouped(
        conn,
        format!(
            "SELECT mi.id AS minutes_id, ai.paragraph_number, ai.dnr_printed, ai.title, ai.pages, \
             (SELECT c.dnr_key FROM cases c WHERE c.id = ai.case_id) AS dnr_key \
             FROM agenda_items ai JOIN minutes mi ON mi.meeting_id = ai.meeting_id \
             WHERE mi.id IN ({ids}) ORDER BY mi.id, ai.position"
        ),
        &binds,
        "minutes_id",
        "reading the ärendelista",
    )
    .await?;
    let paragraphs = grouped(
        conn,
        format!(
            "SELECT minutes_id, id, number, position, dnr_printed, title, summary, decision, \
             proposition_order, adopted_motion, immediately_justerad, version, \
             (SELECT c.dnr_key FROM cases c WHERE c.id = paragraphs.case_id) AS dnr_key \
             FROM paragraphs WHERE minutes_id IN ({ids}) ORDER BY minutes_id, position"
        ),
        &binds,
        "minutes_id",
        "reading paragraphs",
    )
    .await?;
    let of_paragraphs = children(
        conn,
        PARAGRAPH_CHILDREN,
        "paragraph_id",
        &format!("t.paragraph_id IN (SELECT p.id FROM paragraphs p WHERE p.minutes_id IN ({ids}))"),
        &binds,
        "reading the paragraphs' lists",
    )
    .await?;
    // Votes cast are read only when a vote was recorded with its propositions.
    let recorded_votes = of_paragraphs.get("votes").is_some_and(|m| {
        m.values()
            .flatten()
            .any(|v| v.opt_text("yes_means").ok().flatten().is_some())
    });
    let casts = if recorded_votes {
        grouped(
            conn,
            format!(
                "SELECT c.vote_id, c.voter, c.choice FROM vote_casts c \
                 JOIN votes v ON v.id = c.vote_id JOIN paragraphs p ON p.id = v.paragraph_id \
                 WHERE p.minutes_id IN ({ids}) ORDER BY c.vote_id, c.position"
            ),
            &binds,
            "vote_id",
            "reading votes cast",
        )
        .await?
    } else {
        HashMap::new()
    };

    let none = Vec::new();
    let mut out = Vec::with_capacity(heads.len());
    for h in &heads {
        let minutes_id = int(h, "minutes_id")?;
        let of = |map: &'_ HashMap<i64, Vec<Row>>| -> Vec<Row> {
            map.get(&minutes_id).cloned().unwrap_or_default()
        };
        let list = |table: &str| -> &[ChildRow] {
            of_minutes
                .get(table)
                .and_then(|m| m.get(&minutes_id))
                .map(Vec::as_slice)
                .unwrap_or(&[])
        };
        let state_raw = text(h, "state")?;
        let state = MinutesState::parse(&state_raw)
            .ok_or_else(|| StoreError::Corrupt(format!("minutes.state holds {state_raw:?}")))?;
        let origin = text(h, "origin")?;
        let meeting_date = crate::sql::date(h, "meeting_date")?;
        let mut p = ParsedProtocol::new(text(h, "b_name")?, meeting_date);
        p.authority = Some(text(h, "a_name")?);
        p.start_time = opt_text(h, "start_time")?;
        p.end_time = opt_text(h, "end_time")?;
        p.place = opt_text(h, "place")?;
        if int(h, "range_printed")? != 0
            && let (Some(first), Some(last)) = (
                opt_int(h, "paragraph_first")?,
                opt_int(h, "paragraph_last")?,
            )
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
        for r in list("justerare") {
            p.justerare.push(text(&r, "name")?);
        }
        for r in list("notices") {
            p.notice.posted = date_of(opt_text(&r, "posted")?, "notices.posted")?;
            p.notice.removal = date_of(opt_text(&r, "removal")?, "notices.removal")?;
            p.notice.kept_at = opt_text(&r, "kept_at")?;
        }
        for r in list("attendance") {
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
        for r in list("minutes_absences") {
            p.absent.push(Absent {
                name: text(&r, "name")?,
                party: opt_text(&r, "party")?,
                reason: opt_text(&r, "reason")?,
            });
        }
        for r in list("signatures") {
            let signed_at = opt_text(&r, "signed_at")?
                .map(|t| instant(&t, "signatures.signed_at"))
                .transpose()?;
            p.signatures.push(ParsedSignature {
                name: text(&r, "name")?,
                signed_at,
            });
        }
        for r in list("minutes_appendices") {
            p.appendices.push(text(&r, "title")?);
        }
        for r in list("minutes_warnings") {
            p.warnings.push(text(&r, "message")?);
        }
        let mut printed_agenda = Vec::new();
        for r in of(&agenda) {
            let paragraph = opt_int(&r, "paragraph_number")?;
            let (dnr, title, pages) = (
                opt_text(&r, "dnr_printed")?,
                text(&r, "title")?,
                opt_text(&r, "pages")?,
            );
            // The record's ärendelista: an imported protocol's numbered rows (a recorded
            // meeting's is its paragraphs, below).
            if let (Some(n), "import") = (paragraph, origin.as_str()) {
                p.agenda.push(AgendaEntry {
                    paragraph: number(n, "agenda_items.paragraph_number")?,
                    dnr: dnr.clone(),
                    title: title.clone(),
                    pages: pages.clone(),
                });
            }
            printed_agenda.push(crate::read::AgendaItemView {
                paragraph: paragraph.unwrap_or(0),
                dnr,
                case_key: opt_text(&r, "dnr_key")?,
                title,
                pages,
            });
        }
        let mut paragraph_versions = BTreeMap::new();
        let mut paragraph_places = Vec::new();
        for r in paragraphs.get(&minutes_id).unwrap_or(&none) {
            let id = int(r, "id")?;
            paragraph_places.push(ParagraphPlace {
                position: int(r, "position")?,
                case_key: opt_text(r, "dnr_key")?,
            });
            paragraph_versions.insert(
                number(int(r, "number")?, "paragraphs.number")?,
                int(r, "version")?,
            );
            let rows = |table: &str| -> &[ChildRow] {
                of_paragraphs
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
            paragraph_versions,
            header_version: int(h, "header_version")?,
            paragraph_places,
            printed_agenda,
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
        let mut reader = self.reader().await?;
        let mut conn = reader.db();
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
        let mut reader = self.reader().await?;
        let mut conn = reader.db();
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
        let mut reader = self.reader().await?;
        let mut conn = reader.db();
        load(
            &mut conn,
            &RecordFilter {
                authority: authority.to_string(),
                body: body.to_string(),
                from: from.to_string(),
                until: until.to_string(),
                public_only,
                ..RecordFilter::default()
            },
        )
        .await
    }
}

/// A draft record for a meeting not yet recorded, proposed from what Kansli knows before it:
/// time and place, the agenda's items numbered from `first_number` (paragraphs run per body
/// per calendar year), each with its proposal and föredragande as sections and its documents as
/// beslutsunderlag; the seats as beslutande, except members who reported förhinder, who are
/// absent with the substitute called serving for them. The chair of the seats chairs.
pub fn propose_draft(
    agenda: &crate::MeetingAgenda,
    seats: &[crate::Seat],
    absences: &[crate::Absence],
    first_number: u32,
) -> Result<ParsedProtocol, StoreError> {
    let date = NaiveDate::parse_from_str(&agenda.date, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("meetings.meeting_date {:?}", agenda.date)))?;
    let mut p = ParsedProtocol::new(agenda.body_name.clone(), date);
    p.authority = Some(agenda.authority_name.clone());
    p.start_time = agenda.start_time.clone();
    p.end_time = agenda.end_time.clone();
    p.place = agenda.place.clone();
    p.layout = "recorded".into();
    let role_text = |role: &str| match role {
        "chair" => "ordförande",
        "vice_chair" => "vice ordförande",
        "substitute" => "tjänstgörande ersättare",
        "observer" => "insynsplats",
        _ => "ledamot",
    };
    p.chair = seats
        .iter()
        .find(|s| s.role == "chair" && !absences.iter().any(|a| a.member.id == s.id))
        .map(|s| s.name.clone());
    for seat in seats.iter().filter(|s| s.role != "substitute") {
        if let Some(absence) = absences.iter().find(|a| a.member.id == seat.id) {
            p.absent.push(Absent {
                name: seat.name.clone(),
                party: seat.party.clone(),
                reason: Some("förhinder".into()),
            });
            if let Some(sub) = &absence.substitute {
                p.participants.push(Participant {
                    name: sub.name.clone(),
                    category: ParticipantCategory::Beslutande,
                    role: Some(role_text("substitute").into()),
                    represents: sub.represents.clone(),
                    party: sub.party.clone(),
                    paragraphs: None,
                    serves_for: Some(seat.name.clone()),
                });
            }
            continue;
        }
        let observer = seat.role == "observer";
        p.participants.push(Participant {
            name: seat.name.clone(),
            category: if observer {
                ParticipantCategory::Ovriga
            } else {
                ParticipantCategory::Beslutande
            },
            role: Some(role_text(&seat.role).into()),
            represents: seat.represents.clone(),
            party: seat.party.clone(),
            paragraphs: None,
            serves_for: None,
        });
    }
    for (i, a) in agenda.items.iter().enumerate() {
        let number = first_number.saturating_add(i as u32);
        let mut sections = Vec::new();
        if let Some(proposal) = &a.proposal {
            sections.push(Section {
                heading: "Förslag till beslut".into(),
                text: proposal.clone(),
            });
        }
        if let Some(presenter) = &a.presenter {
            sections.push(Section {
                heading: "Föredragande".into(),
                text: presenter.clone(),
            });
        }
        if let Some(prepared) = &a.prepared_in {
            sections.push(Section {
                heading: "Beredning".into(),
                text: prepared.text.clone(),
            });
        }
        p.items.push(Item {
            paragraph: number,
            dnr: a.dnr.clone(),
            title: a.title.clone(),
            decision: None,
            summary: None,
            basis: a.documents.iter().map(|d| d.title.clone()).collect(),
            motions: Vec::new(),
            proposition_order: None,
            vote: None,
            reservations: Vec::new(),
            notes: Vec::new(),
            disqualifications: Vec::new(),
            dispatch: Vec::new(),
            sections,
            recorded: ItemRecording::default(),
        });
        p.agenda.push(AgendaEntry {
            paragraph: number,
            dnr: a.dnr.clone(),
            title: a.title.clone(),
            pages: None,
        });
    }
    Ok(p)
}

/// The minutes row of a meeting as recording and signing need it.
pub(crate) struct MinutesRow {
    pub(crate) id: i64,
    pub(crate) state: MinutesState,
    pub(crate) version: i64,
    pub(crate) origin: String,
}

/// The minutes row of a meeting, if it has minutes.
pub(crate) async fn minutes_row(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Option<MinutesRow>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT id, state, version, origin FROM minutes WHERE meeting_id = $1",
        vec![meeting_id.into()],
        "reading the minutes' state",
    )
    .await?;
    let Some(r) = rows.first() else {
        return Ok(None);
    };
    let state = text(r, "state")?;
    Ok(Some(MinutesRow {
        id: int(r, "id")?,
        state: MinutesState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("minutes.state holds {state:?}")))?,
        version: int(r, "version")?,
        origin: text(r, "origin")?,
    }))
}

fn stale(row: &MinutesRow, version: i64, date: &str) -> Result<(), StoreError> {
    if row.version != version {
        return Err(StoreError::Stale {
            what: format!("the minutes of {date}"),
            current: row.version,
        });
    }
    Ok(())
}

/// The meeting's minutes when they may be written as a draft: `None` when there are none
/// yet (allowed only when `may_start`); refused for imported minutes and for minutes no longer
/// a draft.
async fn editable_draft(
    conn: &mut AnyConnection,
    meeting_id: i64,
    may_start: bool,
) -> Result<Option<StoredMinutes>, StoreError> {
    let found = load(
        &mut Db::Any(&mut *conn),
        &RecordFilter {
            meeting_id,
            ..RecordFilter::default()
        },
    )
    .await?
    .into_iter()
    .next();
    match &found {
        None if !may_start => Err(StoreError::Refused(
            "the meeting is not recorded yet".into(),
        )),
        None => Ok(None),
        Some(c) if c.origin == "import" => Err(StoreError::Refused(format!(
            "the minutes of {} were imported from a file: they are not recorded in Kansli",
            c.record.meeting_date
        ))),
        Some(c) if !c.state.is_editable() => Err(StoreError::Refused(format!(
            "the minutes of {} are {}: only a draft can change",
            c.record.meeting_date,
            c.state.as_str()
        ))),
        Some(_) => Ok(found),
    }
}

/// Whether two records have the same header and attendance.
fn same_header(a: &ParsedProtocol, b: &ParsedProtocol) -> bool {
    a.start_time == b.start_time
        && a.end_time == b.end_time
        && a.place == b.place
        && a.chair == b.chair
        && a.secretary == b.secretary
        && a.participants == b.participants
        && a.absent == b.absent
}

impl crate::Store {
    /// The number the first paragraph of a meeting gets: one more than the highest number of
    /// the body's earlier meetings in the same calendar year (imported ones included), else 1.
    pub async fn next_paragraph_number(&self, meeting_id: i64) -> Result<u32, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT MAX(p.number) AS highest FROM paragraphs p \
             JOIN minutes mi ON mi.id = p.minutes_id JOIN meetings m ON m.id = mi.meeting_id \
             JOIN meetings here ON here.id = $1 AND here.body_id = m.body_id \
             WHERE m.id <> here.id AND substr(m.meeting_date, 1, 4) = substr(here.meeting_date, 1, 4) \
             AND (m.meeting_date < here.meeting_date \
                  OR (m.meeting_date = here.meeting_date AND m.id < here.id))",
            vec![meeting_id.into()],
            "finding the next paragraph number",
        )
        .await?;
        let highest = rows
            .first()
            .map(|r| opt_int(r, "highest"))
            .transpose()?
            .flatten()
            .unwrap_or(0);
        Ok(u32::try_from(highest.saturating_add(1)).unwrap_or(1))
    }

    /// Saves the secretary's record of a meeting as its draft minutes, replacing the draft's
    /// rows (in one transaction) and returning the new version. `version` is the version read
    /// (0 when there were no minutes yet). Paragraphs that changed get a new paragraph version,
    /// and the header its own when time, place, chair, secretary or attendance changed.
    /// Refused ([`StoreError::Refused`]) for imported minutes and for minutes no longer a draft;
    /// [`StoreError::Stale`] when someone saved in between. Audited; drafts write no change for
    /// the search index (they are never public).
    pub async fn save_minutes_draft(
        &self,
        actor: &crate::Actor,
        meeting_id: i64,
        version: i64,
        record: &ParsedProtocol,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let current = editable_draft(&mut tx, meeting_id, true).await?;
        let current_version = current.as_ref().map_or(0, |c| c.version);
        if current_version != version {
            return Err(StoreError::Stale {
                what: format!("the minutes of {}", record.meeting_date),
                current: current_version,
            });
        }
        let (versions, header_version) = match &current {
            Some(c) => {
                let versions = record
                    .items
                    .iter()
                    .map(|item| {
                        let old = c
                            .record
                            .items
                            .iter()
                            .find(|o| o.paragraph == item.paragraph);
                        let v = c
                            .paragraph_versions
                            .get(&item.paragraph)
                            .copied()
                            .unwrap_or(0);
                        if old == Some(item) { v } else { v + 1 }
                    })
                    .collect();
                let header = if same_header(&c.record, record) {
                    c.header_version
                } else {
                    c.header_version + 1
                };
                (versions, header)
            }
            None => (vec![1; record.items.len()], 1),
        };
        let new_version = self
            .write_draft(
                &mut tx,
                actor,
                meeting_id,
                current.as_ref(),
                record,
                &versions,
                header_version,
                "record",
            )
            .await?;
        tx.commit().await.db("committing the minutes")?;
        Ok(new_version)
    }

    /// Saves one paragraph of a draft, named by its number, with the paragraph version read:
    /// others editing other paragraphs or the attendance are never in the way. Returns the
    /// record's and the paragraph's new versions. [`StoreError::Stale`] (with the paragraph's
    /// current version) when someone changed this paragraph in between; [`StoreError::Invalid`]
    /// when the draft has no such paragraph or the item names another number.
    pub async fn save_minutes_paragraph(
        &self,
        actor: &crate::Actor,
        meeting_id: i64,
        number: u32,
        version: i64,
        item: &Item,
    ) -> Result<(i64, i64), StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(current) = editable_draft(&mut tx, meeting_id, false).await? else {
            return Err(StoreError::Refused(
                "the meeting is not recorded yet".into(),
            ));
        };
        let Some(&paragraph_version) = current.paragraph_versions.get(&number) else {
            return Err(StoreError::Invalid(format!(
                "the minutes have no § {number}"
            )));
        };
        if item.paragraph != number {
            return Err(StoreError::Invalid(format!(
                "paragraph: the item is § {}, not § {number}",
                item.paragraph
            )));
        }
        if paragraph_version != version {
            return Err(StoreError::Stale {
                what: format!("§ {number}"),
                current: paragraph_version,
            });
        }
        let mut record = current.record.clone();
        let mut versions = Vec::with_capacity(record.items.len());
        for slot in record.items.iter_mut() {
            let v = current
                .paragraph_versions
                .get(&slot.paragraph)
                .copied()
                .unwrap_or(0);
            if slot.paragraph == number {
                *slot = item.clone();
                versions.push(v + 1);
            } else {
                versions.push(v);
            }
        }
        let new_version = self
            .write_draft(
                &mut tx,
                actor,
                meeting_id,
                Some(&current),
                &record,
                &versions,
                current.header_version,
                "paragraph",
            )
            .await?;
        tx.commit().await.db("committing the paragraph")?;
        Ok((new_version, paragraph_version + 1))
    }

    /// Saves the header and attendance of a draft (time, place, chair, secretary,
    /// participants, absences) with the header version read, leaving the paragraphs as they
    /// are. Returns the record's and the header's new versions.
    pub async fn save_minutes_header(
        &self,
        actor: &crate::Actor,
        meeting_id: i64,
        version: i64,
        header: &ParsedProtocol,
    ) -> Result<(i64, i64), StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(current) = editable_draft(&mut tx, meeting_id, false).await? else {
            return Err(StoreError::Refused(
                "the meeting is not recorded yet".into(),
            ));
        };
        if current.header_version != version {
            return Err(StoreError::Stale {
                what: "the attendance".into(),
                current: current.header_version,
            });
        }
        let mut record = current.record.clone();
        record.start_time = header.start_time.clone();
        record.end_time = header.end_time.clone();
        record.place = header.place.clone();
        record.chair = header.chair.clone();
        record.secretary = header.secretary.clone();
        record.participants = header.participants.clone();
        record.absent = header.absent.clone();
        let versions: Vec<i64> = record
            .items
            .iter()
            .map(|i| {
                current
                    .paragraph_versions
                    .get(&i.paragraph)
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let new_version = self
            .write_draft(
                &mut tx,
                actor,
                meeting_id,
                Some(&current),
                &record,
                &versions,
                current.header_version + 1,
                "attendance",
            )
            .await?;
        tx.commit().await.db("committing the attendance")?;
        Ok((new_version, current.header_version + 1))
    }

    /// Writes a draft's rows from `record` (inside the caller's transaction), creating the
    /// minutes when `current` is `None`; returns the record's new version. Audited.
    #[allow(clippy::too_many_arguments)]
    async fn write_draft(
        &self,
        conn: &mut AnyConnection,
        actor: &crate::Actor,
        meeting_id: i64,
        current: Option<&StoredMinutes>,
        record: &ParsedProtocol,
        versions: &[i64],
        header_version: i64,
        what: &str,
    ) -> Result<i64, StoreError> {
        let now = self.now();
        let meeting = query_rows(
            conn,
            "SELECT b.authority_id FROM meetings m JOIN bodies b ON b.id = m.body_id \
             WHERE m.id = $1",
            vec![meeting_id.into()],
            "finding the meeting",
        )
        .await?;
        let Some(meeting) = meeting.first() else {
            return Err(StoreError::Refused(format!("no meeting {meeting_id}")));
        };
        let authority_id = int(meeting, "authority_id")?;
        let range = crate::import::protocol_range(record);
        let (minutes_id, new_version, action) = match current {
            None => {
                let rows = query_rows(
                    conn,
                    "INSERT INTO minutes (meeting_id, state, origin, version, range_printed, \
                     created_at, updated_at) VALUES ($1, 'draft', 'recorded', 0, 1, $2, $2) \
                     RETURNING id",
                    vec![meeting_id.into(), now.clone().into()],
                    "starting the minutes",
                )
                .await?;
                let id = rows
                    .first()
                    .map(|r| int(r, "id"))
                    .transpose()?
                    .ok_or_else(|| StoreError::Corrupt("no minutes id returned".into()))?;
                (id, 1, "insert")
            }
            Some(c) => {
                crate::import::clear_minutes(&mut Db::Any(&mut *conn), c.minutes_id, None).await?;
                (c.minutes_id, c.version + 1, "update")
            }
        };
        crate::sql::execute_sql(
            conn,
            "UPDATE minutes SET version = $1, header_version = $2, paragraph_first = $3, \
             paragraph_last = $4, chair = $5, secretary = $6, justering_place = $7, \
             justering_date = $8, layout = 'recorded', updated_at = $9 WHERE id = $10",
            vec![
                new_version.into(),
                header_version.into(),
                range.map(|r| i64::from(r.first)).into(),
                range.map(|r| i64::from(r.last)).into(),
                (&record.chair).into(),
                (&record.secretary).into(),
                (&record.justering.place).into(),
                record.justering.date.map(|d| d.to_string()).into(),
                now.clone().into(),
                minutes_id.into(),
            ],
            "saving the minutes",
        )
        .await?;
        crate::sql::execute_sql(
            conn,
            "UPDATE meetings SET start_time = $1, end_time = $2, place = $3 WHERE id = $4",
            vec![
                (&record.start_time).into(),
                (&record.end_time).into(),
                (&record.place).into(),
                meeting_id.into(),
            ],
            "saving the meeting's time and place",
        )
        .await?;
        let persons =
            crate::import::upsert_persons(&mut Db::Any(&mut *conn), authority_id, record).await?;
        let cases = registered_cases(conn, authority_id, record).await?;
        let mut warnings = Vec::new();
        crate::import::insert_paragraphs(
            &mut Db::Any(&mut *conn),
            minutes_id,
            record,
            &cases,
            versions,
            0,
        )
        .await?;
        crate::import::insert_attendance(
            &mut Db::Any(&mut *conn),
            minutes_id,
            record,
            range,
            &persons,
            &mut warnings,
        )
        .await?;
        crate::import::insert_absences(&mut Db::Any(&mut *conn), minutes_id, record, &persons)
            .await?;
        crate::import::insert_header_rows(
            &mut Db::Any(&mut *conn),
            minutes_id,
            meeting_id,
            authority_id,
            record,
            &persons,
            &cases,
            &warnings,
            false,
        )
        .await?;
        crate::accounts::write_audit(
            conn,
            actor,
            &now,
            crate::accounts::Change {
                action,
                entity: format!("minutes:{minutes_id}"),
                before: current.map(|c| serde_json::json!({"version": c.version})),
                after: Some(serde_json::json!({
                    "meeting": meeting_id,
                    "version": new_version,
                    "state": "draft",
                    "saved": what,
                    "paragraphs": record.items.iter().map(|i| i.paragraph).collect::<Vec<_>>(),
                    "participants": record.participants.len(),
                })),
            },
        )
        .await?;
        // Personnummer written into the record are proposed for masking as they are recorded.
        crate::redaction::propose_in(
            &mut Db::Any(&mut *conn),
            minutes_id,
            &kansli_core::redaction::personnummer_in(record),
            "recording",
            &now,
        )
        .await?;
        Ok(new_version)
    }

    /// Releases a draft for justering: the justerare and the time and place of justering are
    /// set, the state becomes `released` and the meeting `held`. The caller has checked the
    /// record against the law (no error may remain). Refused unless the minutes are a recorded
    /// draft; [`StoreError::Stale`] when `version` is not the draft's. Audited.
    pub async fn release_minutes(
        &self,
        actor: &crate::Actor,
        meeting_id: i64,
        version: i64,
        justerare: &[String],
        justering_place: Option<&str>,
        justering_date: Option<NaiveDate>,
    ) -> Result<i64, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let Some(row) = minutes_row(conn, meeting_id).await? else {
            return Err(StoreError::Refused(
                "the meeting has no minutes to release".into(),
            ));
        };
        if row.origin == "import" || !row.state.may_become(MinutesState::Released) {
            return Err(StoreError::Refused(format!(
                "minutes that are {} cannot be released for justering",
                row.state.as_str()
            )));
        }
        stale(&row, version, &format!("meeting {meeting_id}"))?;
        let new_version = row.version + 1;
        crate::sql::execute_sql(
            conn,
            "UPDATE minutes SET state = 'released', version = $1, justering_place = $2, \
             justering_date = $3, released_at = $4, updated_at = $4 WHERE id = $5",
            vec![
                new_version.into(),
                justering_place.into(),
                justering_date.map(|d| d.to_string()).into(),
                now.clone().into(),
                row.id.into(),
            ],
            "releasing the minutes",
        )
        .await?;
        crate::sql::execute_sql(
            conn,
            "DELETE FROM justerare WHERE minutes_id = $1",
            vec![row.id.into()],
            "replacing the justerare",
        )
        .await?;
        for (position, name) in justerare.iter().enumerate() {
            crate::sql::execute_sql(
                conn,
                "INSERT INTO justerare (minutes_id, position, person_id, name) VALUES ($1, $2, \
                 (SELECT p.id FROM persons p JOIN bodies b ON b.authority_id = p.authority_id \
                  JOIN meetings m ON m.body_id = b.id WHERE m.id = $3 AND p.name_folded = $4), $5)",
                vec![
                    row.id.into(),
                    (position as i64).into(),
                    meeting_id.into(),
                    kansli_core::text::fold(name).into(),
                    name.as_str().into(),
                ],
                "naming the justerare",
            )
            .await?;
        }
        crate::sql::execute_sql(
            conn,
            "UPDATE meetings SET status = 'held' WHERE id = $1 AND status = 'planned'",
            vec![meeting_id.into()],
            "marking the meeting held",
        )
        .await?;
        crate::accounts::write_audit(
            conn,
            actor,
            &now,
            crate::accounts::Change {
                action: "release",
                entity: format!("minutes:{}", row.id),
                before: Some(serde_json::json!({"state": "draft", "version": row.version})),
                after: Some(serde_json::json!({
                    "state": "released",
                    "version": new_version,
                    "justerare": justerare,
                    "justering": {"place": justering_place, "date": justering_date},
                })),
            },
        )
        .await?;
        tx.commit().await.db("committing the release")?;
        Ok(new_version)
    }

    /// Takes minutes released for justering back to a draft, so the secretary can correct
    /// them or choose other justerare: nothing is justerat until the last signature, so the
    /// signatures made so far are removed (named in the audit event) and are made again on the
    /// next release. Returns the new version.
    ///
    /// Refused ([`StoreError::Refused`]) unless the minutes are recorded and released, and
    /// when a paragraph was justerad on its own (omedelbar justering): that is public and final.
    pub async fn withdraw_release(
        &self,
        actor: &crate::Actor,
        meeting_id: i64,
        version: i64,
    ) -> Result<i64, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let Some(row) = minutes_row(conn, meeting_id).await? else {
            return Err(StoreError::Refused("the meeting has no minutes".into()));
        };
        if row.origin == "import" || !row.state.may_become(MinutesState::Draft) {
            return Err(StoreError::Refused(format!(
                "minutes that are {} are not released for justering: nothing to take back",
                row.state.as_str()
            )));
        }
        stale(&row, version, &format!("meeting {meeting_id}"))?;
        let justerade = crate::sql::query_rows(
            conn,
            "SELECT paragraph FROM paragraph_justeringar WHERE minutes_id = $1 ORDER BY paragraph",
            vec![row.id.into()],
            "reading the paragraphs justerade on their own",
        )
        .await?;
        if !justerade.is_empty() {
            let list = justerade
                .iter()
                .map(|r| int(r, "paragraph").map(|n| format!("§ {n}")))
                .collect::<Result<Vec<_>, _>>()?
                .join(", ");
            return Err(StoreError::Refused(format!(
                "{list} of these minutes were justerade on their own and are public: the minutes can no longer be taken back"
            )));
        }
        let signed = crate::sql::query_rows(
            conn,
            "SELECT name FROM signatures WHERE minutes_id = $1 AND signed_at IS NOT NULL \
             ORDER BY position",
            vec![row.id.into()],
            "reading the signatures made",
        )
        .await?
        .iter()
        .map(|r| crate::sql::text(r, "name"))
        .collect::<Result<Vec<_>, _>>()?;
        crate::sql::execute_sql(
            conn,
            "DELETE FROM signatures WHERE minutes_id = $1",
            vec![row.id.into()],
            "removing the signatures made",
        )
        .await?;
        let new_version = row.version + 1;
        crate::sql::execute_sql(
            conn,
            "UPDATE minutes SET state = 'draft', version = $1, released_at = NULL, \
             updated_at = $2 WHERE id = $3",
            vec![new_version.into(), now.clone().into(), row.id.into()],
            "taking the minutes back",
        )
        .await?;
        crate::accounts::write_audit(
            conn,
            actor,
            &now,
            crate::accounts::Change {
                action: "withdraw_release",
                entity: format!("minutes:{}", row.id),
                before: Some(serde_json::json!({
                    "state": "released",
                    "version": row.version,
                    "signed_by": signed,
                })),
                after: Some(serde_json::json!({"state": "draft", "version": new_version})),
            },
        )
        .await?;
        tx.commit().await.db("committing the withdrawal")?;
        Ok(new_version)
    }
}

/// The registered cases a record's paragraphs name, by Dnr key → id. Unlike an import, a
/// recording never creates a case: a Dnr the diarium does not know stays printed, unlinked.
async fn registered_cases(
    conn: &mut AnyConnection,
    authority_id: i64,
    record: &ParsedProtocol,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut out = HashMap::new();
    for item in &record.items {
        let Some(dnr) = item.parsed_dnr() else {
            continue;
        };
        let key = dnr.key();
        if out.contains_key(&key) {
            continue;
        }
        let rows = query_rows(
            conn,
            "SELECT id FROM cases WHERE authority_id = $1 AND dnr_key = $2",
            vec![authority_id.into(), key.clone().into()],
            "finding a paragraph's case",
        )
        .await?;
        if let Some(r) = rows.first() {
            out.insert(key, int(r, "id")?);
        }
    }
    Ok(out)
}

/// A substitute Kansli proposes to serve for a seat holder in the paragraphs where no one
/// serves in their seat (absent, arrived late, left, or disqualified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubstituteProposal {
    /// The substitute proposed.
    pub substitute: String,
    /// Their party.
    pub party: Option<String>,
    /// Whom they would serve for.
    pub serves_for: String,
    /// The paragraphs, as a range text ("2-3, 5").
    pub paragraphs: String,
}

/// Paragraph numbers written as ranges: `[2, 3, 5]` → "2-3, 5".
pub fn ranges_text(numbers: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let start = numbers[i];
        let mut end = start;
        while i + 1 < numbers.len() && numbers[i + 1] == end + 1 {
            i += 1;
            end = numbers[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

/// Proposes, for every seat holder who does not serve in some paragraphs and has no one
/// serving in their seat there, the next substitute in the serving order: one for the same
/// kommun first, then of the same party, then any, by `substitute_order`; never one who
/// already serves in those paragraphs.
pub fn propose_substitutes(
    record: &ParsedProtocol,
    seats: &[crate::Seat],
) -> Vec<SubstituteProposal> {
    use kansli_core::law::checks::serving_names;
    use kansli_core::text::fold;
    let bare = |name: &str| fold(name.split('(').next().unwrap_or(name).trim());
    let mut numbers: Vec<u32> = record.items.iter().map(|i| i.paragraph).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let serving: BTreeMap<u32, Vec<String>> = numbers
        .iter()
        .map(|&n| {
            (
                n,
                serving_names(record, n).iter().map(|s| bare(s)).collect(),
            )
        })
        .collect();
    let mut proposals: Vec<SubstituteProposal> = Vec::new();
    let mut taken: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for holder in seats
        .iter()
        .filter(|s| s.role != "substitute" && s.role != "observer")
    {
        let key = bare(&holder.name);
        let gap: Vec<u32> = numbers
            .iter()
            .copied()
            .filter(|n| {
                let here = &serving[n];
                let covered = record.participants.iter().any(|p| {
                    p.serves_for.as_deref().is_some_and(|f| bare(f) == key)
                        && here.contains(&bare(&p.name))
                });
                !here.contains(&key) && !covered
            })
            .collect();
        if gap.is_empty() {
            continue;
        }
        let mut substitutes: Vec<&crate::Seat> =
            seats.iter().filter(|s| s.role == "substitute").collect();
        substitutes.sort_by_key(|s| {
            (
                !(s.represents.is_some() && s.represents == holder.represents),
                !(s.party.is_some() && s.party == holder.party),
                s.substitute_order.unwrap_or(i64::MAX),
            )
        });
        let free = substitutes.into_iter().find(|s| {
            let k = bare(&s.name);
            gap.iter()
                .all(|n| !serving[n].contains(&k) && !taken.get(n).is_some_and(|t| t.contains(&k)))
        });
        if let Some(s) = free {
            for n in &gap {
                taken.entry(*n).or_default().push(bare(&s.name));
            }
            proposals.push(SubstituteProposal {
                substitute: s.name.clone(),
                party: s.party.clone(),
                serves_for: holder.name.clone(),
                paragraphs: ranges_text(&gap),
            });
        }
    }
    proposals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(
        name: &str,
        role: &str,
        party: &str,
        represents: &str,
        order: Option<i64>,
    ) -> crate::Seat {
        crate::Seat {
            id: 0,
            name: name.into(),
            role: role.into(),
            party: Some(party.into()),
            represents: Some(represents.into()),
            substitute_order: order,
            email: None,
        }
    }

    fn person(name: &str, paragraphs: Option<&str>, serves_for: Option<&str>) -> Participant {
        Participant {
            name: name.into(),
            category: ParticipantCategory::Beslutande,
            role: Some(
                if serves_for.is_some() {
                    "tjänstgörande ersättare"
                } else {
                    "ledamot"
                }
                .into(),
            ),
            represents: None,
            party: None,
            paragraphs: paragraphs.map(str::to_string),
            serves_for: serves_for.map(str::to_string),
        }
    }

    fn record(numbers: &[u32], people: Vec<Participant>) -> ParsedProtocol {
        let mut p =
            ParsedProtocol::new("Direktionen", NaiveDate::from_ymd_opt(2026, 3, 12).unwrap());
        p.participants = people;
        for &n in numbers {
            p.items.push(Item {
                paragraph: n,
                dnr: None,
                title: format!("Ärende {n}"),
                decision: None,
                summary: None,
                basis: vec![],
                motions: vec![],
                proposition_order: None,
                vote: None,
                reservations: vec![],
                notes: vec![],
                disqualifications: vec![],
                dispatch: vec![],
                sections: vec![],
                recorded: ItemRecording::default(),
            });
        }
        p
    }

    #[test]
    fn ranges_are_written_compactly() {
        assert_eq!(ranges_text(&[2, 3, 5]), "2-3, 5");
        assert_eq!(ranges_text(&[7]), "7");
        assert_eq!(ranges_text(&[]), "");
    }

    #[test]
    fn a_member_who_leaves_gets_the_next_substitute_of_the_same_kommun() {
        let seats = vec![
            seat("Anna Ordförande", "chair", "S", "Kinda", None),
            seat("Bo Lund", "member", "M", "Ydre", None),
            seat("Karl Kindbo", "substitute", "M", "Kinda", Some(1)),
            seat("Hans Holm", "substitute", "M", "Ydre", Some(2)),
            seat("Ulla Ydre", "substitute", "S", "Ydre", Some(1)),
        ];
        let r = record(
            &[61, 62, 63],
            vec![
                person("Anna Ordförande", None, None),
                person("Bo Lund", Some("61"), None),
            ],
        );
        let proposals = propose_substitutes(&r, &seats);
        assert_eq!(proposals.len(), 1, "{proposals:?}");
        // Same kommun first (Ydre), and of those the same party before the order.
        assert_eq!(proposals[0].substitute, "Hans Holm");
        assert_eq!(proposals[0].serves_for, "Bo Lund");
        assert_eq!(proposals[0].paragraphs, "62-63");
        // Once Hans Holm serves for him, nothing is left to propose.
        let mut r = r;
        r.participants
            .push(person("Hans Holm", Some("62-63"), Some("Bo Lund (M)")));
        assert!(propose_substitutes(&r, &seats).is_empty());
    }

    #[test]
    fn a_disqualified_member_gets_a_substitute_for_that_paragraph_only() {
        let seats = vec![
            seat("Anna Ordförande", "chair", "S", "Kinda", None),
            seat("David Dahl", "member", "S", "Åtvidaberg", None),
            seat("Ida Ivarsson", "substitute", "S", "Åtvidaberg", Some(1)),
        ];
        let mut r = record(
            &[1, 2],
            vec![
                person("Anna Ordförande", None, None),
                person("David Dahl", Some("2"), None),
            ],
        );
        r.items[0].recorded.disqualified = vec!["David Dahl".into()];
        let proposals = propose_substitutes(&r, &seats);
        assert_eq!(proposals.len(), 1);
        assert_eq!(proposals[0].substitute, "Ida Ivarsson");
        assert_eq!(proposals[0].paragraphs, "1");
    }
}
