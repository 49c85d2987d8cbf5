//! Justering completing, the anslagstavla and expediering.
//!
//! [`justera_in`] is the one place minutes become justerade: the state and the justering date,
//! the notice of justering on every board the body's notices go on (its own authority's and,
//! for a gemensam nämnd, each cooperating kommun's: `body_notice_boards`), the change the
//! search index follows, and the audit event. Its dates come from the law engine
//! (`kansli_core::law::deadlines`): the notice is posted on the justering day (or today, when
//! the justering is marked later — a notice is never posted in the past), never later than the
//! posting deadline when that is still possible, and taken down on the earliest lawful day
//! after the appeal period, which for a joint body runs from the last posting.
//!
//! Whether minutes count as `posted` follows from the dates: [`Store::post_due_notices`] moves
//! every justerad minutes whose notice is up (posted ≤ today) to `posted`, and is called before
//! the anslagstavla is read, so a server that was down over the night is right on its first
//! request. What is current on a board is always computed from the dates and today.

use crate::conn::Db;
use chrono::{Datelike, NaiveDate};
use kansli_core::law::deadlines::{earliest_removal, joint_appeal_last_day, posting_deadline};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::accounts::{Actor, Change, write_audit};
use crate::error::DbContext;
use crate::sql::{Val, execute_sql, int, opt_date, opt_int, opt_text, query_rows, text};
use crate::{Store, StoreError};

/// The notice of justering as scheduled on one board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduledNotice {
    /// The board's authority (slug).
    pub board: String,
    /// The board's authority (name).
    pub board_name: String,
    /// The day the notice goes up.
    pub posted: NaiveDate,
    /// The first day it may come down (the day after the appeal period).
    pub removal: NaiveDate,
    /// Where the minutes are kept.
    pub kept_at: String,
}

/// What completing a justering did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Justering {
    /// The minutes.
    pub minutes_id: i64,
    /// Their meeting.
    pub meeting_id: i64,
    /// The justering day.
    pub justerad_on: NaiveDate,
    /// The last day the law allowed for posting the notice.
    pub posting_deadline: NaiveDate,
    /// The last day of the appeal period.
    pub appeal_last_day: NaiveDate,
    /// One notice per board.
    pub notices: Vec<ScheduledNotice>,
    /// The paragraphs' dispatch rows that are now the expediering checklist.
    pub dispatches: i64,
    /// `justerad` (what [`justera_in`] leaves), or `posted` once the notice is up
    /// ([`Store::justera_minutes`] posts it when its day has come).
    pub state: &'static str,
}

/// Marks released (recorded) minutes justerade on `justerad_on`, inside the caller's
/// transaction: the state (`justerad`; `posted` follows from the notice's date through
/// [`Store::post_due_notices`]) and justering date, a notice on every board with the law engine's
/// dates, the `changes` row and `index_minutes` job the search index follows, and the audit
/// event. `now` is the RFC 3339 UTC time of the change (the store's clock); the notice goes up
/// on the justering day, or on today (in Sweden) when the justering is marked later.
///
/// Refused ([`StoreError::Refused`]) for minutes that are not released, or imported, or a
/// justering day before the meeting or after today.
pub(crate) async fn justera_in(
    conn: &mut AnyConnection,
    actor: &Actor,
    minutes_id: i64,
    justerad_on: NaiveDate,
    now: &str,
) -> Result<Justering, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT m.state, m.origin, m.meeting_id, mt.meeting_date, b.id AS body_id, \
         b.authority_id, a.name AS authority_name \
         FROM minutes m JOIN meetings mt ON mt.id = m.meeting_id \
         JOIN bodies b ON b.id = mt.body_id JOIN authorities a ON a.id = b.authority_id \
         WHERE m.id = $1",
        vec![minutes_id.into()],
        "reading the minutes to justera",
    )
    .await?;
    let Some(row) = rows.first() else {
        return Err(StoreError::Refused(format!("no minutes {minutes_id}")));
    };
    let state = text(row, "state")?;
    if text(row, "origin")? != "recorded" || state != "released" {
        return Err(StoreError::Refused(format!(
            "minutes that are {state} cannot be justerade: only minutes released for justering can"
        )));
    }
    let meeting_id = int(row, "meeting_id")?;
    let meeting_date = crate::sql::date(row, "meeting_date")?;
    let body_id = int(row, "body_id")?;
    let own_authority = int(row, "authority_id")?;
    let kept_at = text(row, "authority_name")?;
    let today = today_of(now)?;
    if justerad_on < meeting_date {
        return Err(StoreError::Invalid(format!(
            "date: the justering day {justerad_on} is before the meeting ({meeting_date})"
        )));
    }
    if justerad_on > today {
        return Err(StoreError::Invalid(format!(
            "date: the justering day {justerad_on} is in the future (today is {today})"
        )));
    }
    let law = |e: kansli_core::law::LawError| StoreError::Invalid(e.to_string());
    let deadline = posting_deadline(justerad_on).map_err(law)?;
    // Posted on the justering day; a justering marked later is posted today (never in the
    // past). The law's deadline is then either still ahead or already missed: either way today
    // is the earliest lawful day left.
    let posted = justerad_on.max(today);
    let boards = query_rows(
        conn,
        "SELECT a.id, a.slug, a.name FROM authorities a WHERE a.id = $1 \
         UNION SELECT a.id, a.slug, a.name FROM body_notice_boards n \
         JOIN authorities a ON a.id = n.authority_id WHERE n.body_id = $2",
        vec![own_authority.into(), body_id.into()],
        "reading the body's anslagstavlor",
    )
    .await?;
    let mut boards: Vec<(i64, String, String)> = boards
        .iter()
        .map(|r| Ok((int(r, "id")?, text(r, "slug")?, text(r, "name")?)))
        .collect::<Result<_, StoreError>>()?;
    // The own authority's board first, then the cooperating kommuner by name.
    boards.sort_by(|x, y| (x.0 != own_authority, &x.2).cmp(&(y.0 != own_authority, &y.2)));
    let postings: Vec<NaiveDate> = boards.iter().map(|_| posted).collect();
    let appeal = joint_appeal_last_day(&postings)
        .map_err(law)?
        .ok_or_else(|| StoreError::Corrupt("a body without an anslagstavla".into()))?;
    let removal = earliest_removal(&appeal).map_err(law)?.date();
    // Justerad now; `posted` follows from the dates (`Store::post_due_notices`, run after the
    // transaction by `justera_minutes`, at start and before the anslagstavla is read).
    let state_after = "justerad";
    // Claim the row first (PostgreSQL's row lock; SQLite's write lock is held already), so a
    // second justering of the same minutes waits here and then finds them no longer released.
    // The state itself changes last, after the rows that belong to released minutes are
    // written, so a database rule that locks justerade minutes' rows never sees them half done.
    let claimed = execute_sql(
        conn,
        "UPDATE minutes SET updated_at = $1 WHERE id = $2 AND state = 'released'",
        vec![now.into(), minutes_id.into()],
        "claiming the minutes",
    )
    .await?;
    if claimed != 1 {
        return Err(StoreError::Refused(
            "the minutes were justerade by someone else meanwhile".into(),
        ));
    }
    execute_sql(
        conn,
        "DELETE FROM notices WHERE minutes_id = $1",
        vec![minutes_id.into()],
        "replacing the notices",
    )
    .await?;
    let mut notices = Vec::new();
    for (position, (id, slug, name)) in boards.into_iter().enumerate() {
        execute_sql(
            conn,
            "INSERT INTO notices (minutes_id, position, board_authority_id, board, posted, \
             removal, kept_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vec![
                minutes_id.into(),
                (position as i64).into(),
                id.into(),
                name.as_str().into(),
                posted.to_string().into(),
                removal.to_string().into(),
                kept_at.as_str().into(),
            ],
            "posting the notice",
        )
        .await?;
        notices.push(ScheduledNotice {
            board: slug,
            board_name: name,
            posted,
            removal,
            kept_at: kept_at.clone(),
        });
    }
    // A justering date given at release stays: it is part of the content the chair and the
    // justerare signed. The notice's dates follow `justerad_on` either way.
    execute_sql(
        conn,
        "UPDATE minutes SET state = $1, justering_date = COALESCE(justering_date, $2), updated_at = $3, \
         version = version + 1 WHERE id = $4 AND state = 'released'",
        vec![
            state_after.into(),
            justerad_on.to_string().into(),
            now.into(),
            minutes_id.into(),
        ],
        "marking the minutes justerade",
    )
    .await?;
    let dispatches = query_rows(
        conn,
        "SELECT COUNT(*) AS n FROM dispatches d JOIN paragraphs p ON p.id = d.paragraph_id \
         WHERE p.minutes_id = $1",
        vec![minutes_id.into()],
        "counting the dispatches",
    )
    .await?;
    let dispatches = dispatches
        .first()
        .map(|r| int(r, "n"))
        .transpose()?
        .unwrap_or(0);
    crate::import::record_change(&mut Db::Any(&mut *conn), minutes_id, "update", now).await?;
    // Its paragraphs are public now: the body's counts include them.
    crate::summaries::refresh(
        &mut Db::Any(&mut *conn),
        &[(body_id, meeting_date.year())].into(),
    )
    .await?;
    let justering = Justering {
        minutes_id,
        meeting_id,
        justerad_on,
        posting_deadline: deadline.date(),
        appeal_last_day: appeal.date(),
        notices,
        dispatches,
        state: state_after,
    };
    write_audit(
        conn,
        actor,
        now,
        Change {
            action: "justera",
            entity: format!("minutes:{minutes_id}"),
            before: Some(serde_json::json!({"state": "released"})),
            after: Some(serde_json::to_value(&justering).unwrap_or_default()),
        },
    )
    .await?;
    Ok(justering)
}

/// Today in Sweden for an RFC 3339 UTC time.
fn today_of(now: &str) -> Result<NaiveDate, StoreError> {
    let t = chrono::DateTime::parse_from_rfc3339(now)
        .map_err(|_| StoreError::Invalid(format!("{now:?} is not an RFC 3339 time")))?;
    Ok(kansli_core::law::checks::swedish_local_date(t.to_utc()))
}

/// How far back an anslagstavla's record of past notices reaches, in days: the notices taken
/// down within the last year. Older notices are in the protocol archive (each meeting's page
/// gives its notice's days); the board stays one page however long the archive.
pub const PAST_NOTICES_DAYS: u64 = 365;

/// The longest a notice without a take-down day stays up (days after its posting): the law's
/// earliest take-down day is the day after the three weeks of appeal, moved past a weekend or
/// holiday (13 kap. 5 § kommunallagen); 60 days is well beyond it.
const MAX_DAYS_UP_WITHOUT_REMOVAL: u64 = 60;

/// An authority's anslagstavla, read once ([`Store::board`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Board {
    /// The notices up today, newest first.
    pub current: Vec<Notice>,
    /// The notices taken down within the last [`PAST_NOTICES_DAYS`] days, newest first.
    pub past: Vec<Notice>,
}

/// One notice on an anslagstavla: of justering (`kind` "justering") or posted by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// "justering", "kungörelse", "sammanträde" or "other".
    pub kind: String,
    /// A hand-posted notice's id.
    pub id: Option<i64>,
    /// "Direktionen, sammanträde 2026-03-12, §§ 1–3", or the posted title.
    pub title: String,
    /// A hand-posted notice's text.
    pub text: Option<String>,
    /// The body (justering notices).
    pub body: Option<String>,
    /// The owning authority's and body's slugs and the meeting's slug (for links).
    pub minutes_path: Option<(String, String, String)>,
    /// The meeting day.
    pub meeting_date: Option<NaiveDate>,
    /// "§§ 1–3".
    pub paragraphs: Option<String>,
    /// The day it went up.
    pub posted: NaiveDate,
    /// The day it comes down (the earliest lawful day for a notice of justering).
    pub removal: NaiveDate,
    /// Where the minutes are kept.
    pub kept_at: Option<String>,
    /// For a notice of justering, the last day of the appeal period (the law engine's, from
    /// the posting day).
    pub appeal_last_day: Option<NaiveDate>,
    /// Whether it is up today.
    pub current: bool,
    /// For the notice of an omedelbar justering: the SHA-256 of the sealed extract of the
    /// paragraphs justerade (public at `/filer/{sha256}`), the minutes not being public yet.
    pub extract_sha256: Option<String>,
    /// For the notice of an omedelbar justering: the paragraph's public page (authority, body
    /// and meeting slugs, and its number).
    pub paragraph_path: Option<(String, String, String, i64)>,
}

/// A notice a secretary posts by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    /// "kungörelse", "sammanträde" or "other".
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its text.
    pub text: String,
    /// The day it goes up.
    pub posted: NaiveDate,
    /// The day it comes down.
    pub removal: NaiveDate,
}

/// One recipient of a paragraph's decision, on the expediering checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dispatch {
    /// The id.
    pub id: i64,
    /// Authority, body and meeting slugs.
    pub authority: String,
    /// The body's slug.
    pub body: String,
    /// The body's name.
    pub body_name: String,
    /// The meeting's slug (its date).
    pub meeting: String,
    /// The paragraph's number.
    pub paragraph: i64,
    /// The paragraph's title.
    pub paragraph_title: String,
    /// "Akt", "Revisionen", "Kommunstyrelsen i Kinda".
    pub recipient: String,
    /// When it was sent (`YYYY-MM-DD`).
    pub sent_at: Option<String>,
    /// "e-post", "post" or "e-tjänst".
    pub how: Option<String>,
    /// Who marked it sent.
    pub sent_by: Option<String>,
    /// The day its paragraph was justerad (`YYYY-MM-DD`): an omedelbart justerad paragraph's
    /// own day (KL 5 kap. 70 §), else the minutes' justering; a decision is sent after it.
    pub justerad_on: Option<String>,
    /// Whether the whole minutes are justerade (else only this paragraph, on its own): then
    /// the minutes have their public page and a certified extract of them can be made.
    pub minutes_justerade: bool,
}

/// The ways a dispatch goes out.
pub const DISPATCH_WAYS: [&str; 3] = ["e-post", "post", "e-tjänst"];

/// The kinds of notice a secretary posts by hand.
pub const NOTICE_KINDS: [&str; 3] = ["kungörelse", "sammanträde", "other"];

/// "§§ 1–3", "§ 4".
fn paragraph_range(first: Option<i64>, last: Option<i64>) -> Option<String> {
    match (first, last) {
        (Some(f), Some(l)) if f != l => Some(format!("§§ {f}–{l}")),
        (Some(f), _) => Some(format!("§ {f}")),
        _ => None,
    }
}

/// The paragraphs `first`–`last` without those in `apart`, as runs: "§§ 1–3, 5", "§ 5";
/// none when nothing is left or the range is not known.
fn paragraphs_but(first: Option<i64>, last: Option<i64>, apart: &[i64]) -> Option<String> {
    let first = first?;
    let last = last.unwrap_or(first);
    if last - first > 5_000 {
        // Never a real meeting's range: not spelt out.
        return paragraph_range(Some(first), Some(last));
    }
    let left: Vec<i64> = (first..=last).filter(|n| !apart.contains(n)).collect();
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for n in left {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == n => run.1 = n,
            _ => runs.push((n, n)),
        }
    }
    let words: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    match runs.as_slice() {
        [] => None,
        [(a, b)] if a == b => Some(format!("§ {a}")),
        _ => Some(format!("§§ {}", words.join(", "))),
    }
}

const DISPATCH_COLUMNS: &str = "SELECT d.id, a.slug AS authority, b.slug AS body, \
    b.name AS body_name, mt.slug AS meeting, p.number, p.title, d.recipient, d.sent_at, d.how, \
    d.sent_by, COALESCE(pj.justerad_on, m.justering_date) AS justerad_on, \
    CAST(CASE WHEN m.state IN ('justerad', 'posted') THEN 1 ELSE 0 END AS BIGINT) AS minutes_justerade \
    FROM dispatches d JOIN paragraphs p ON p.id = d.paragraph_id \
    JOIN minutes m ON m.id = p.minutes_id JOIN meetings mt ON mt.id = m.meeting_id \
    JOIN bodies b ON b.id = mt.body_id JOIN authorities a ON a.id = b.authority_id \
    LEFT JOIN paragraph_justeringar pj ON pj.minutes_id = m.id AND pj.paragraph = p.number ";

/// A dispatch may be sent once its paragraph is justerad: with the whole minutes, or on its
/// own by omedelbar justering (the `pj` join of [`DISPATCH_COLUMNS`]).
const DISPATCH_JUSTERAD: &str = "(m.state IN ('justerad', 'posted') OR pj.paragraph IS NOT NULL)";

fn dispatch_of(r: &sqlx::any::AnyRow) -> Result<Dispatch, StoreError> {
    Ok(Dispatch {
        id: int(r, "id")?,
        authority: text(r, "authority")?,
        body: text(r, "body")?,
        body_name: text(r, "body_name")?,
        meeting: text(r, "meeting")?,
        paragraph: int(r, "number")?,
        paragraph_title: opt_text(r, "title")?.unwrap_or_default(),
        recipient: text(r, "recipient")?,
        sent_at: opt_text(r, "sent_at")?,
        how: opt_text(r, "how")?,
        sent_by: opt_text(r, "sent_by")?,
        justerad_on: opt_text(r, "justerad_on")?,
        minutes_justerade: int(r, "minutes_justerade")? == 1,
    })
}

impl Store {
    /// Marks the released minutes of a meeting justerade on `justerad_on` (minutes signed on
    /// paper, marked by the secretary): [`justera_in`] in a transaction of its own.
    pub async fn justera_minutes(
        &self,
        actor: &Actor,
        meeting_id: i64,
        justerad_on: NaiveDate,
    ) -> Result<Justering, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let rows = query_rows(
            &mut tx,
            "SELECT id FROM minutes WHERE meeting_id = $1",
            vec![meeting_id.into()],
            "finding the minutes",
        )
        .await?;
        let Some(minutes_id) = rows.first().map(|r| int(r, "id")).transpose()? else {
            return Err(StoreError::Refused(
                "the meeting has no minutes to justera".into(),
            ));
        };
        // The day justerad on paper is the justering's day, whatever was planned at release;
        // written while the minutes are still released (justerade minutes never change).
        execute_sql(
            &mut tx,
            "UPDATE minutes SET justering_date = $1 WHERE id = $2 AND state = 'released'",
            vec![justerad_on.to_string().into(), minutes_id.into()],
            "recording the justering's day",
        )
        .await?;
        let mut done = justera_in(&mut tx, actor, minutes_id, justerad_on, &now).await?;
        tx.commit().await.db("committing the justering")?;
        let today = today_of(&now)?;
        if done.notices.iter().any(|n| n.posted <= today) {
            self.post_due_notices(today).await?;
            done.state = "posted";
        }
        Ok(done)
    }

    /// Moves every justerad minutes whose notice is up (posted on or before `today`) to
    /// `posted`; returns how many. Idempotent: a catch-up after any downtime.
    pub async fn post_due_notices(&self, today: NaiveDate) -> Result<u64, StoreError> {
        let due = query_rows(
            &mut *self.pool.acquire().await.db("connecting")?,
            "SELECT m.id FROM minutes m WHERE m.state = 'justerad' AND EXISTS \
             (SELECT 1 FROM notices n WHERE n.minutes_id = m.id AND n.posted IS NOT NULL \
              AND n.posted <= $1)",
            vec![today.to_string().into()],
            "finding notices due",
        )
        .await?;
        if due.is_empty() {
            return Ok(0);
        }
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let changed = execute_sql(
            &mut tx,
            "UPDATE minutes SET state = 'posted', updated_at = $2 WHERE state = 'justerad' \
             AND EXISTS (SELECT 1 FROM notices n WHERE n.minutes_id = minutes.id \
             AND n.posted IS NOT NULL AND n.posted <= $1)",
            vec![today.to_string().into(), now.into()],
            "marking notices posted",
        )
        .await?;
        tx.commit().await.db("committing the postings")?;
        Ok(changed)
    }

    /// The notices on an authority's anslagstavla: `current` (up today) or past ones (the
    /// record of what was posted when, for the last [`PAST_NOTICES_DAYS`] days), newest first;
    /// `None` for an unknown authority. Notices scheduled for a later day are not shown.
    pub async fn notices(
        &self,
        authority: &str,
        today: NaiveDate,
        current: bool,
    ) -> Result<Option<Vec<Notice>>, StoreError> {
        Ok(self
            .board(authority, today)
            .await?
            .map(|b| if current { b.current } else { b.past }))
    }

    /// An authority's anslagstavla as a page shows it, read once: the notices up today and
    /// those taken down in the last [`PAST_NOTICES_DAYS`] days, each newest first; `None` for
    /// an unknown authority.
    ///
    /// Bounded by a year of the authority's notices, however long the archive: the database
    /// is asked only for notices that can be up or have come down within the year (an index
    /// on the dates each), not for every notice ever posted (at 10,000 imported protocols the
    /// board read all ~10,000 of every authority twice per request, 37 ms; bench/README.md).
    pub async fn board(
        &self,
        authority: &str,
        today: NaiveDate,
    ) -> Result<Option<Board>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let found = query_rows(
            &mut conn,
            "SELECT id FROM authorities WHERE slug = $1",
            vec![authority.to_lowercase().into()],
            "finding the authority",
        )
        .await?;
        let Some(authority_id) = found.first().map(|r| int(r, "id")).transpose()? else {
            return Ok(None);
        };
        let day = today.to_string();
        let past_day = today - chrono::Days::new(PAST_NOTICES_DAYS);
        // The window is two ranges of `notices_removal` (migration 22); the posting day's upper
        // bound is written so that no database takes it for the range to read (it would be
        // every notice ever posted).
        // A notice without a take-down day is up until the law's earliest one, which is never
        // later than this after its posting (the appeal's three weeks and a holiday's margin).
        let open_posted_from =
            (past_day - chrono::Days::new(MAX_DAYS_UP_WITHOUT_REMOVAL)).to_string();
        let past_from = past_day.to_string();
        let rows = query_rows(
            &mut conn,
            "SELECT n.posted, n.removal, n.kept_at, m.id AS minutes_id, m.paragraph_first, \
             m.paragraph_last, \
             mt.meeting_date, mt.slug AS meeting, b.name AS body_name, b.slug AS body, \
             a.slug AS authority FROM notices n JOIN minutes m ON m.id = n.minutes_id \
             JOIN meetings mt ON mt.id = m.meeting_id JOIN bodies b ON b.id = mt.body_id \
             JOIN authorities a ON a.id = b.authority_id \
             WHERE m.state IN ('justerad', 'posted') AND COALESCE(n.posted, '9999') <= $1 \
             AND (n.board_authority_id = $2 \
             OR (n.board_authority_id IS NULL AND b.authority_id = $2)) \
             AND (n.removal > $3 OR (n.removal IS NULL AND n.posted > $4))",
            vec![
                day.clone().into(),
                authority_id.into(),
                past_from.clone().into(),
                open_posted_from.into(),
            ],
            "reading the notices of justering",
        )
        .await?;
        // Paragraphs already announced on their own (omedelbar justering): the minutes' own
        // notice covers the rest, so that each paragraph has one notice and one appeal period
        // (13 kap. 5 § kommunallagen: it runs from the day its justering was announced).
        let mut minutes_ids: Vec<i64> = rows
            .iter()
            .map(|r| int(r, "minutes_id"))
            .collect::<Result<_, _>>()?;
        minutes_ids.sort_unstable();
        minutes_ids.dedup();
        let mut separate = Vec::new();
        for chunk in minutes_ids.chunks(500) {
            separate.extend(
                query_rows(
                    &mut conn,
                    &format!(
                        "SELECT minutes_id, paragraph FROM paragraph_justeringar \
                         WHERE minutes_id IN ({})",
                        crate::sql::placeholders(1, chunk.len())
                    ),
                    chunk.iter().map(|&id| Val::from(id)).collect(),
                    "reading the paragraphs announced on their own",
                )
                .await?,
            );
        }
        let mut announced: std::collections::HashMap<i64, Vec<i64>> = Default::default();
        for r in &separate {
            announced
                .entry(int(r, "minutes_id")?)
                .or_default()
                .push(int(r, "paragraph")?);
        }
        let mut out = Vec::new();
        for r in &rows {
            let Some(posted) = opt_date(r, "posted")? else {
                continue;
            };
            let law = |e: kansli_core::law::LawError| StoreError::Invalid(e.to_string());
            let appeal = kansli_core::law::deadlines::appeal_last_day(posted).map_err(law)?;
            let appeal_last = appeal.date();
            // Imported notices may lack a take-down day: the law engine's earliest one.
            let removal = match opt_date(r, "removal")? {
                Some(d) => d,
                None => earliest_removal(&appeal).map_err(law)?.date(),
            };
            let body_name = text(r, "body_name")?;
            let meeting_date = crate::sql::date(r, "meeting_date")?;
            let paragraphs = match announced.get(&int(r, "minutes_id")?) {
                Some(apart) => paragraphs_but(
                    opt_int(r, "paragraph_first")?,
                    opt_int(r, "paragraph_last")?,
                    apart,
                ),
                None => paragraph_range(
                    opt_int(r, "paragraph_first")?,
                    opt_int(r, "paragraph_last")?,
                ),
            };
            let mut title = format!("{body_name}, sammanträde {meeting_date}");
            if let Some(p) = &paragraphs {
                title = format!("{title}, {p}");
            }
            out.push(Notice {
                kind: "justering".into(),
                id: None,
                title,
                text: None,
                body: Some(body_name),
                minutes_path: Some((text(r, "authority")?, text(r, "body")?, text(r, "meeting")?)),
                meeting_date: Some(meeting_date),
                paragraphs,
                posted,
                removal,
                kept_at: opt_text(r, "kept_at")?,
                appeal_last_day: Some(appeal_last),
                current: today < removal,
                extract_sha256: None,
                paragraph_path: None,
            });
        }
        // Paragraphs justerade on their own (omedelbar justering), on the boards of the body's
        // authority and of the kommuner it serves; the minutes' own notice follows later.
        let rows = query_rows(
            &mut conn,
            "SELECT pj.paragraph, pj.title, pj.posted, pj.removal, pj.extract_sha256, \
             mt.meeting_date, mt.slug AS meeting, b.slug AS body, a.slug AS authority, \
             b.name AS body_name, a.name AS authority_name \
             FROM paragraph_justeringar pj JOIN minutes m ON m.id = pj.minutes_id \
             JOIN meetings mt ON mt.id = m.meeting_id JOIN bodies b ON b.id = mt.body_id \
             JOIN authorities a ON a.id = b.authority_id \
             WHERE pj.posted <= $1 AND pj.removal > $3 AND (b.authority_id = $2 OR EXISTS \
             (SELECT 1 FROM body_notice_boards nb WHERE nb.body_id = b.id \
             AND nb.authority_id = $2))",
            vec![
                day.clone().into(),
                authority_id.into(),
                past_from.clone().into(),
            ],
            "reading the notices of omedelbar justering",
        )
        .await?;
        for r in &rows {
            let posted = crate::sql::date(r, "posted")?;
            let removal = crate::sql::date(r, "removal")?;
            let law = |e: kansli_core::law::LawError| StoreError::Invalid(e.to_string());
            let appeal_last = kansli_core::law::deadlines::appeal_last_day(posted)
                .map_err(law)?
                .date();
            let body_name = text(r, "body_name")?;
            let meeting_date = crate::sql::date(r, "meeting_date")?;
            let n = int(r, "paragraph")?;
            out.push(Notice {
                kind: "justering".into(),
                id: None,
                title: format!(
                    "{body_name}, sammanträde {meeting_date}, § {n} {} (omedelbart justerad)",
                    text(r, "title")?
                ),
                text: None,
                body: Some(body_name),
                minutes_path: None,
                meeting_date: Some(meeting_date),
                paragraphs: Some(format!("§ {n}")),
                posted,
                removal,
                kept_at: Some(text(r, "authority_name")?),
                appeal_last_day: Some(appeal_last),
                current: today < removal,
                extract_sha256: Some(text(r, "extract_sha256")?),
                paragraph_path: Some((
                    text(r, "authority")?,
                    text(r, "body")?,
                    text(r, "meeting")?,
                    n,
                )),
            });
        }
        let rows = query_rows(
            &mut conn,
            "SELECT id, kind, title, body_text, posted, removal FROM board_notices \
             WHERE authority_id = $1 AND posted <= $2 AND removal > $3",
            vec![authority_id.into(), day.into(), past_from.into()],
            "reading the notices posted by hand",
        )
        .await?;
        for r in &rows {
            let removal = crate::sql::date(r, "removal")?;
            out.push(Notice {
                kind: text(r, "kind")?,
                id: Some(int(r, "id")?),
                title: text(r, "title")?,
                text: Some(text(r, "body_text")?),
                body: None,
                minutes_path: None,
                meeting_date: None,
                paragraphs: None,
                posted: crate::sql::date(r, "posted")?,
                removal,
                kept_at: None,
                appeal_last_day: None,
                current: today < removal,
                extract_sha256: None,
                paragraph_path: None,
            });
        }
        // The database's window is a superset: a notice without a take-down day is decided here.
        out.retain(|n| n.current || n.removal > past_day);
        out.sort_by(|x, y| {
            (y.posted, &y.meeting_date, &x.title).cmp(&(x.posted, &x.meeting_date, &y.title))
        });
        let (current, past) = out.into_iter().partition(|n| n.current);
        Ok(Some(Board { current, past }))
    }

    /// Posts a notice by hand on an authority's anslagstavla; `None` for an unknown authority.
    pub async fn post_notice(
        &self,
        actor: &Actor,
        authority: &str,
        notice: &NewNotice,
    ) -> Result<Option<i64>, StoreError> {
        if !NOTICE_KINDS.contains(&notice.kind.as_str()) {
            return Err(StoreError::Invalid(format!(
                "kind: {:?} is none of kungörelse, sammanträde, other",
                notice.kind
            )));
        }
        if notice.removal <= notice.posted {
            return Err(StoreError::Invalid(
                "removal: the notice must come down after the day it goes up".into(),
            ));
        }
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let found = query_rows(
            &mut tx,
            "SELECT id FROM authorities WHERE slug = $1",
            vec![authority.to_lowercase().into()],
            "finding the authority",
        )
        .await?;
        let Some(authority_id) = found.first().map(|r| int(r, "id")).transpose()? else {
            return Ok(None);
        };
        let rows = query_rows(
            &mut tx,
            "INSERT INTO board_notices (authority_id, kind, title, body_text, posted, removal, \
             posted_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            vec![
                authority_id.into(),
                notice.kind.as_str().into(),
                notice.title.as_str().into(),
                notice.text.as_str().into(),
                notice.posted.to_string().into(),
                notice.removal.to_string().into(),
                actor.label.as_str().into(),
                now.as_str().into(),
            ],
            "posting the notice",
        )
        .await?;
        let id = crate::sql::returned_id(&rows, "the notice")?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "post_notice",
                entity: format!("board_notice:{id}"),
                before: None,
                after: Some(serde_json::json!({
                    "authority": authority, "kind": notice.kind, "title": notice.title,
                    "posted": notice.posted, "removal": notice.removal,
                })),
            },
        )
        .await?;
        tx.commit().await.db("committing the notice")?;
        Ok(Some(id))
    }

    /// The expediering checklist: the dispatches of justerade (and posted) recorded minutes of
    /// the given bodies (`(authority slug, body slug)`), and of paragraphs justerade on their
    /// own (omedelbar justering, KL 5 kap. 70 §: declared so that the decision can be carried
    /// out, and sent, before the rest of the minutes is justerad); only the unsent ones when
    /// `unsent`; oldest meeting first.
    pub async fn dispatches(
        &self,
        bodies: &[(String, String)],
        unsent: bool,
    ) -> Result<Vec<Dispatch>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let mut out = Vec::new();
        for (a, b) in bodies {
            let mut sql = format!(
                "{DISPATCH_COLUMNS} WHERE a.slug = $1 AND b.slug = $2 AND m.origin = 'recorded' \
                 AND {DISPATCH_JUSTERAD}"
            );
            if unsent {
                sql.push_str(" AND d.sent_at IS NULL");
            }
            let rows = query_rows(
                &mut conn,
                &sql,
                vec![a.to_lowercase().into(), b.to_lowercase().into()],
                "reading the dispatches",
            )
            .await?;
            for r in &rows {
                out.push(dispatch_of(r)?);
            }
        }
        out.sort_by(|x, y| {
            (&x.meeting, &x.authority, &x.body, x.paragraph, x.id).cmp(&(
                &y.meeting,
                &y.authority,
                &y.body,
                y.paragraph,
                y.id,
            ))
        });
        Ok(out)
    }

    /// One dispatch of a justerad paragraph of recorded minutes (the minutes justerade, or the
    /// paragraph justerad on its own), or `None`.
    pub async fn dispatch(&self, id: i64) -> Result<Option<Dispatch>, StoreError> {
        let rows = query_rows(
            &mut *self.pool.acquire().await.db("connecting")?,
            &format!(
                "{DISPATCH_COLUMNS} WHERE d.id = $1 AND m.origin = 'recorded' \
                 AND {DISPATCH_JUSTERAD}"
            ),
            vec![id.into()],
            "reading the dispatch",
        )
        .await?;
        rows.first().map(dispatch_of).transpose()
    }

    /// Takes back a "skickat" marked by mistake: the dispatch is unsent again (the audit log
    /// keeps when and how it had been marked, and by whom). `None` when there is no such
    /// dispatch.
    ///
    /// Errors: [`StoreError::Conflict`] when it is not marked sent.
    pub async fn unmark_dispatched(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<Option<Dispatch>, StoreError> {
        let Some(before) = self.dispatch(id).await? else {
            return Ok(None);
        };
        if before.sent_at.is_none() {
            return Err(StoreError::Conflict(format!(
                "dispatch {id} is not marked sent"
            )));
        }
        let now = self.now();
        let mut tx = self.begin_write().await?;
        execute_sql(
            &mut tx,
            "UPDATE dispatches SET sent_at = NULL, how = NULL, sent_by = NULL WHERE id = $1",
            vec![Val::from(id)],
            "taking back the dispatch's marking",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "dispatch.unmark",
                entity: format!("dispatch:{id}"),
                before: Some(
                    serde_json::json!({"sent_at": before.sent_at, "how": before.how,
                    "sent_by": before.sent_by}),
                ),
                after: Some(serde_json::json!({"sent_at": null, "how": null})),
            },
        )
        .await?;
        tx.commit().await.db("committing the dispatch")?;
        self.dispatch(id).await
    }

    /// Marks a dispatch sent on `sent_at` by `how` (one of [`DISPATCH_WAYS`]); audited.
    /// `None` when there is no such dispatch of justerade minutes.
    pub async fn mark_dispatched(
        &self,
        actor: &Actor,
        id: i64,
        sent_at: NaiveDate,
        how: &str,
    ) -> Result<Option<Dispatch>, StoreError> {
        if !DISPATCH_WAYS.contains(&how) {
            return Err(StoreError::Invalid(format!(
                "how: {how:?} is none of e-post, post, e-tjänst"
            )));
        }
        let Some(before) = self.dispatch(id).await? else {
            return Ok(None);
        };
        // A dispatch is sent once: the same marking again changes nothing, another is refused
        // rather than rewriting when and how the decision went out.
        if let Some(sent) = &before.sent_at {
            if *sent == sent_at.to_string() && before.how.as_deref() == Some(how) {
                return Ok(Some(before));
            }
            return Err(StoreError::Conflict(format!(
                "dispatch {id} was marked sent on {sent} ({}) by {}",
                before.how.as_deref().unwrap_or("-"),
                before.sent_by.as_deref().unwrap_or("-")
            )));
        }
        let now = self.now();
        let mut tx = self.begin_write().await?;
        execute_sql(
            &mut tx,
            "UPDATE dispatches SET sent_at = $1, how = $2, sent_by = $3 WHERE id = $4",
            vec![
                sent_at.to_string().into(),
                how.into(),
                actor.label.as_str().into(),
                Val::from(id),
            ],
            "marking the dispatch sent",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "dispatch",
                entity: format!("dispatch:{id}"),
                before: Some(serde_json::json!({"sent_at": before.sent_at, "how": before.how})),
                after: Some(serde_json::json!({"sent_at": sent_at, "how": how})),
            },
        )
        .await?;
        tx.commit().await.db("committing the dispatch")?;
        self.dispatch(id).await
    }
}

impl Store {
    /// The certified extract (bestyrkt protokollsutdrag) made for a dispatch, as kept when it
    /// was first made: `None` before it is made, or when there is no such dispatch.
    pub async fn dispatch_extract(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let rows = query_rows(
            &mut *self.pool.acquire().await.db("connecting")?,
            "SELECT f.content FROM dispatches d JOIN extracts e ON e.id = d.extract_id \
             JOIN stored_files f ON f.sha256 = e.file_sha256 WHERE d.id = $1",
            vec![id.into()],
            "reading the dispatch's extract",
        )
        .await?;
        Ok(rows
            .first()
            .and_then(|r| r.try_get::<Option<Vec<u8>>, _>("content").ok().flatten()))
    }

    /// Keeps the certified extract made for a dispatch of a justerad paragraph (a handling
    /// upprättad when it is sent, so kept as sent): the sealed PDF in the stored files — never
    /// public by that (see [`Store::file`]) — an `extracts` row naming who certified it and its
    /// paragraph, the dispatch pointing at it. A check of the file then finds the minutes it is
    /// an extract of. Audited. Returns the PDF's SHA-256.
    ///
    /// `Ok(None)` when there is no such dispatch of justerade minutes.
    pub async fn keep_dispatch_extract(
        &self,
        actor: &Actor,
        id: i64,
        certified_by: &str,
        pdf: &[u8],
        file_name: &str,
    ) -> Result<Option<String>, StoreError> {
        let now = self.now();
        let sha = crate::files::sha256_hex(pdf);
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let rows = query_rows(
            conn,
            &format!(
                "SELECT p.id AS paragraph_id, p.minutes_id, p.number, d.extract_id \
             FROM dispatches d JOIN paragraphs p ON p.id = d.paragraph_id \
             JOIN minutes m ON m.id = p.minutes_id \
             LEFT JOIN paragraph_justeringar pj ON pj.minutes_id = m.id \
             AND pj.paragraph = p.number \
             WHERE d.id = $1 AND {DISPATCH_JUSTERAD}"
            ),
            vec![id.into()],
            "reading the dispatch",
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        if opt_int(row, "extract_id")?.is_some() {
            return Err(StoreError::Conflict(format!(
                "dispatch {id} has its certified extract already"
            )));
        }
        let minutes_id = int(row, "minutes_id")?;
        crate::signing::keep_pdf(conn, &sha, pdf, file_name, &now, "keeping the extract").await?;
        let inserted = query_rows(
            conn,
            "INSERT INTO extracts (minutes_id, certified_by, file_sha256, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
            vec![
                minutes_id.into(),
                certified_by.into(),
                sha.clone().into(),
                now.clone().into(),
            ],
            "recording the extract",
        )
        .await?;
        let extract_id = inserted
            .first()
            .map(|r| int(r, "id"))
            .transpose()?
            .ok_or_else(|| StoreError::Invalid("the extract got no id".into()))?;
        execute_sql(
            conn,
            "INSERT INTO extract_paragraphs (extract_id, paragraph_id) VALUES ($1, $2)",
            vec![extract_id.into(), int(row, "paragraph_id")?.into()],
            "recording the extract's paragraph",
        )
        .await?;
        execute_sql(
            conn,
            "UPDATE dispatches SET extract_id = $1 WHERE id = $2",
            vec![extract_id.into(), id.into()],
            "linking the dispatch to its extract",
        )
        .await?;
        write_audit(
            conn,
            actor,
            &now,
            Change {
                action: "certify_extract",
                entity: format!("dispatch:{id}"),
                before: None,
                after: Some(serde_json::json!({
                    "minutes_id": minutes_id,
                    "paragraph": int(row, "number")?,
                    "certified_by": certified_by,
                    "extract_sha256": sha,
                })),
            },
        )
        .await?;
        tx.commit().await.db("committing the extract")?;
        Ok(Some(sha))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_leaves_out_the_paragraphs_announced_on_their_own() {
        assert_eq!(
            paragraphs_but(Some(1), Some(5), &[4]).as_deref(),
            Some("§§ 1–3, 5")
        );
        assert_eq!(
            paragraphs_but(Some(1), Some(5), &[1, 2, 3, 4]).as_deref(),
            Some("§ 5")
        );
        assert_eq!(
            paragraphs_but(Some(7), Some(9), &[8]).as_deref(),
            Some("§§ 7, 9")
        );
        assert_eq!(paragraphs_but(Some(3), Some(3), &[3]), None);
        assert_eq!(paragraphs_but(None, Some(3), &[3]), None);
        assert_eq!(
            paragraphs_but(Some(1), Some(9_999_999), &[2]).as_deref(),
            Some("§§ 1–9999999")
        );
    }
}
