//! The schema, as an ordered list of versioned migrations applied at open.
//!
//! Why not `sqlx::migrate!`: it reads one folder of SQL files per backend, and two folders kept
//! by hand drift apart (atuin's weak spot). Here each migration is written once, in the portable
//! dialect, and the few DDL words that differ are placeholders filled per backend:
//! `{id}` (an auto-assigned BIGINT primary key) and `{blob}` (binary content).
//!
//! Each migration runs in its own transaction together with its row in `schema_migrations`, so
//! a failed migration leaves the database at the previous version. Statements are separated by
//! `;` (so a migration must not contain `;` inside a string literal).
//!
//! Conventions of the schema: ids BIGINT; dates TEXT `YYYY-MM-DD`; times TEXT `HH:MM`;
//! timestamps TEXT RFC 3339 UTC; booleans BIGINT 0/1; names that are looked up have a
//! `*_folded` twin filled by `kansli_core::text::fold`; lists in printed order have a
//! `position` from 0. Children of minutes are deleted with them (`ON DELETE CASCADE`).

use sqlx::{AnyPool, Row};

use crate::{Backend, StoreError};

/// One schema migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    /// Increasing version number.
    pub version: i64,
    /// Short name.
    pub name: &'static str,
    /// Portable SQL with `{id}` and `{blob}` placeholders.
    pub sql: &'static str,
}

/// Every migration, oldest first. Append only: never edit one that has shipped.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "the whole chain: organisation, diarium, meetings, minutes, files, logs",
        sql: SCHEMA_V1,
    },
    Migration {
        version: 2,
        name: "the parser's reading of imported minutes, for the law engine and reprocessing",
        sql: SCHEMA_V2,
    },
    Migration {
        version: 3,
        name: "accounts, roles, API tokens, sessions, login failures, the audit log",
        sql: SCHEMA_V3,
    },
    Migration {
        version: 4,
        name: "the registry and the diarium: Dnr series and format, case status, document flags",
        sql: SCHEMA_V4,
    },
    Migration {
        version: 5,
        name: "agenda and kallelse: recorded agenda items, their documents, absences, notes, outbox",
        sql: SCHEMA_V5,
    },
    Migration {
        version: 6,
        name: "recorded minutes: version, origin, motion kinds, voteringar, jäv, absences",
        sql: SCHEMA_V6,
    },
    Migration {
        version: 7,
        name: "gallring: retention rules per document type, document types, the gallring log",
        sql: SCHEMA_V7,
    },
    Migration {
        version: 8,
        name: "the anslagstavla and expediering: notices posted by hand, how a dispatch was sent",
        sql: SCHEMA_V8,
    },
    Migration {
        version: 9,
        name: "justering: signatures that bind a person to the record's content, justerade minutes locked",
        sql: SCHEMA_V9,
    },
    Migration {
        version: 10,
        name: "redaction for publication: masks of the published copy, avpublicering per body",
        sql: SCHEMA_V10,
    },
    Migration {
        version: 12,
        name: "omedelbar justering (paragraphs justerade before their minutes, with notice and extract), comments at justering, rättelser",
        sql: SCHEMA_V12,
    },
    Migration {
        version: 13,
        name: "summaries per body and year, kept by every write instead of counted per request",
        sql: SCHEMA_V13,
    },
    Migration {
        version: 14,
        name: "the review of imported minutes: corrections and confirmations of read fields",
        sql: SCHEMA_V14,
    },
    Migration {
        version: 15,
        name: "attendance per paragraph read from the attendance line, no longer expanded into rows",
        sql: SCHEMA_V15,
    },
    Migration {
        version: 16,
        name: "the lock of justerade minutes' rows checked once per statement on PostgreSQL",
        sql: SCHEMA_V16,
    },
    Migration {
        version: 17,
        name: "imported minutes name the original file their reading was read from",
        sql: SCHEMA_V17,
    },
    Migration {
        version: 18,
        name: "bodies remember when an administrator configured them",
        sql: SCHEMA_V18,
    },
    Migration {
        version: 19,
        name: "registered documents carry a version, for corrections",
        sql: SCHEMA_V19,
    },
    Migration {
        version: 20,
        name: "every table announces its changes to the servers' caches (PostgreSQL)",
        sql: SCHEMA_V20,
    },
    Migration {
        version: 21,
        name: "the large values an import writes are compressed with lz4 (PostgreSQL)",
        sql: SCHEMA_V21,
    },
    Migration {
        version: 22,
        name: "notices by their take-down day, the justerade minutes apart",
        sql: SCHEMA_V22,
    },
];

/// The anslagstavla reads only the notices that can be up or have come down within the year
/// (`Store::board`): those with a take-down day after a date, or without one posted after a
/// date (both ranges of this index), instead of every notice the archive holds; and the
/// catch-up of due postings before every read of a board finds the few justerade minutes not
/// yet posted (a partial index: the queries over justerade and posted minutes, nearly all of
/// them, must not take it) instead of reading every minutes row.
const SCHEMA_V22: &str = "CREATE INDEX notices_removal ON notices (removal, posted);\n\
                          CREATE INDEX minutes_justerad ON minutes (id) WHERE state = 'justerad'";

/// On PostgreSQL a value over ~2 kB is compressed when stored, by default with `pglz`, which
/// took a third of the database's time for an import's two large values (each protocol's
/// reading, ~20 kB of JSON, and its original file): 0.62 ms of 6.2 ms per protocol for the
/// reading alone, 0.20 ms with lz4 (bench/README.md, session 21). Values stored before keep
/// their compression (PostgreSQL reads both). A server built without lz4 keeps `pglz`.
/// Nothing on SQLite, which does not compress.
const SCHEMA_V21: &str = "{compressed_fast:minutes_readings.parser_json};\n\
                          {compressed_fast:stored_files.content};\n\
                          {compressed_fast:audit_events.before_json};\n\
                          {compressed_fast:audit_events.after_json}";

/// On PostgreSQL every table announces each statement that changes it (`pg_notify` on the
/// channel [`CHANGES_CHANNEL`], delivered at commit, one per transaction): a server's page
/// cache then learns of a write by any process — another server, `kansli import`, an
/// operator's `psql` — without asking the database on every request (`generation.rs`). The
/// tables existing now are found in the catalogue; a later migration that creates a table
/// adds `{announces_changes:TABLE}` (a store test checks that every table has it). Nothing on
/// SQLite, whose `data_version` tells the same.
const SCHEMA_V20: &str = "{announces_changes:*}";

/// A registered document's title, direction and secrecy can be corrected (updateDocument):
/// like every editable resource it carries the version a write must name.
const SCHEMA_V19: &str = "ALTER TABLE documents ADD COLUMN version BIGINT NOT NULL DEFAULT 1";

/// When a body was configured through createBody (RFC 3339; NULL for a body only imported
/// minutes created, and for bodies configured before this version). A second createBody of
/// the same name then no longer overwrites a configuration someone made: it is refused unless
/// it says the same.
const SCHEMA_V18: &str = "ALTER TABLE bodies ADD COLUMN configured_at TEXT";

/// Which original file the stored reading of imported minutes was read from (its SHA-256;
/// NULL for minutes recorded in Kansli and for readings stored before this version). With
/// two files of one meeting (the PDF and a text copy) that read slightly differently, a
/// second run over both would otherwise replace the reading twice every time: a file that is
/// already one of the minutes' sources, but not the one read, is now left alone.
const SCHEMA_V17: &str = "ALTER TABLE minutes ADD COLUMN read_from TEXT";

/// On PostgreSQL the lock of justerade recorded minutes' rows (migration 9) was a PL/pgSQL
/// call and a look-up per row written: a third of an import's time (issue 18). The same check
/// now runs once per statement, over the rows the statement changed (its transition table),
/// and refuses the statement with the same message. SQLite keeps its row triggers, whose
/// condition SQLite evaluates in place.
const SCHEMA_V16: &str = r#"
{locked_per_statement:paragraphs:minutes}
{locked_per_statement:attendance:minutes}
{locked_per_statement:justerare:minutes}
{locked_per_statement:signatures:minutes}
{locked_per_statement:minutes_absences:minutes}
{locked_per_statement:minutes_appendices:minutes}
{locked_per_statement:paragraph_sections:paragraph}
{locked_per_statement:basis_documents:paragraph}
{locked_per_statement:motions:paragraph}
{locked_per_statement:votes:paragraph}
{locked_per_statement:reservations:paragraph}
{locked_per_statement:minute_notes:paragraph}
{locked_per_statement:disqualifications:paragraph}
"#;

/// Attendance per paragraph was one row per participant and paragraph (about 200 rows for a
/// sample protocol, half of what an import wrote); it is read from `attendance.paragraphs_text`
/// and the minutes' range where it is needed instead (issue 18).
const SCHEMA_V15: &str = "DROP TABLE attendance_paragraphs";

/// The archive's counts, kept by the writes that change them (`crate::summaries`): per body and
/// year the meetings and the paragraphs of published (justerade or posted) minutes, and per
/// body the totals and the first and last meeting day. Filled here from what is stored.
pub(crate) const SCHEMA_V13: &str = r#"
CREATE TABLE body_years (
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    meetings BIGINT NOT NULL,
    paragraphs BIGINT NOT NULL,
    PRIMARY KEY (body_id, year)
);
INSERT INTO body_years (body_id, year, meetings, paragraphs)
SELECT m.body_id, CAST(SUBSTR(m.meeting_date, 1, 4) AS BIGINT), COUNT(*),
    CAST(COALESCE(SUM((SELECT COUNT(*) FROM paragraphs p JOIN minutes mi ON mi.id = p.minutes_id
        WHERE mi.meeting_id = m.id AND mi.state IN ('justerad', 'posted'))), 0) AS BIGINT)
FROM meetings m GROUP BY m.body_id, CAST(SUBSTR(m.meeting_date, 1, 4) AS BIGINT);
CREATE TABLE body_summaries (
    body_id BIGINT PRIMARY KEY REFERENCES bodies(id) ON DELETE CASCADE,
    meeting_count BIGINT NOT NULL,
    paragraph_count BIGINT NOT NULL,
    first_meeting TEXT,
    last_meeting TEXT
);
INSERT INTO body_summaries (body_id, meeting_count, paragraph_count, first_meeting, last_meeting)
SELECT b.id,
    CAST(COALESCE((SELECT SUM(y.meetings) FROM body_years y WHERE y.body_id = b.id), 0) AS BIGINT),
    CAST(COALESCE((SELECT SUM(y.paragraphs) FROM body_years y WHERE y.body_id = b.id), 0) AS BIGINT),
    (SELECT MIN(m.meeting_date) FROM meetings m WHERE m.body_id = b.id),
    (SELECT MAX(m.meeting_date) FROM meetings m WHERE m.body_id = b.id)
FROM bodies b
"#;

/// The review of imported minutes (issue 16): each correction or confirmation of a field the
/// parser read, by whom and when, with the value before and after (JSON arrays of lines). The
/// corrections are applied again to every new reading of the same minutes, so a re-import
/// never undoes them. `minutes.review_fields` lists the fields still to check (comma-separated
/// paths; empty when none, NULL until computed), so the list of minutes to review is one
/// indexed query whatever the archive's size.
const SCHEMA_V14: &str = r#"
CREATE TABLE import_corrections (
    id {id},
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('correct', 'confirm')),
    value_before TEXT NOT NULL,
    value_after TEXT NOT NULL,
    comment TEXT,
    actor_user_id BIGINT,
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX import_corrections_minutes ON import_corrections (minutes_id, id);
ALTER TABLE minutes ADD COLUMN review_fields TEXT;
CREATE INDEX minutes_review ON minutes (review_fields)
"#;

/// Omedelbar justering (KL 5 kap. 70 §): a paragraph the chair and justerare signed alone, before
/// the rest of the minutes. Its notice goes up at once with its own dates; its sealed extract is
/// kept in `stored_files` and is public from then on.
const SCHEMA_V12: &str = r#"
CREATE TABLE paragraph_justeringar (
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    paragraph BIGINT NOT NULL,
    title TEXT NOT NULL,
    justerad_on TEXT NOT NULL,
    posted TEXT NOT NULL,
    removal TEXT NOT NULL,
    extract_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (minutes_id, paragraph)
);
CREATE INDEX paragraph_justeringar_posted ON paragraph_justeringar (posted);
-- What the chair and the justerare (and the secretary) say about released minutes before they
-- sign: the secretary reads it while the draft can still be taken back.
CREATE TABLE justering_comments (
    id {id},
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    paragraph BIGINT,
    user_id BIGINT,
    author TEXT NOT NULL,
    body_text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX justering_comments_minutes ON justering_comments (minutes_id, id);
-- A rättelse of justerade minutes: a new document linked to them, never an edit of their rows.
CREATE TABLE minutes_rattelser (
    id {id},
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    paragraph BIGINT,
    body_text TEXT NOT NULL,
    made_by TEXT NOT NULL,
    made_at TEXT NOT NULL
);
CREATE INDEX minutes_rattelser_minutes ON minutes_rattelser (minutes_id, id)
"#;

/// The anslagstavla beside notices of justering (which stay in `notices`, one row per board):
/// notices a secretary posts by hand (kungörelser, sammanträden, other), and for expediering
/// how and by whom each dispatch was sent.
const SCHEMA_V8: &str = r#"
CREATE TABLE board_notices (
    id {id},
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    kind TEXT NOT NULL CHECK (kind IN ('kungörelse', 'sammanträde', 'other')),
    title TEXT NOT NULL,
    body_text TEXT NOT NULL,
    posted TEXT NOT NULL,
    removal TEXT NOT NULL,
    posted_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX board_notices_authority ON board_notices (authority_id, posted);
ALTER TABLE dispatches ADD COLUMN how TEXT;
ALTER TABLE dispatches ADD COLUMN sent_by TEXT
"#;

/// Justering by signature: each signature row keeps the account, the SHA-256 of the record's
/// canonical content, the algorithm, public key and signature, through which session or token,
/// and which paragraphs (NULL: all); the justerade PDF's SHA-256 on the minutes. Once recorded
/// minutes are justerade their rows are locked in the database itself, whichever code path
/// tries: a correction is a new document, never an edit.
const SCHEMA_V9: &str = r#"
ALTER TABLE signatures ADD COLUMN user_id BIGINT;
ALTER TABLE signatures ADD COLUMN sha256 TEXT;
ALTER TABLE signatures ADD COLUMN algorithm TEXT;
ALTER TABLE signatures ADD COLUMN public_key TEXT;
ALTER TABLE signatures ADD COLUMN signature TEXT;
ALTER TABLE signatures ADD COLUMN via TEXT;
ALTER TABLE signatures ADD COLUMN paragraphs_text TEXT;
ALTER TABLE minutes ADD COLUMN justerad_pdf_sha256 TEXT;
{locked_minutes}
{locked_when_justerad:paragraphs:minutes}
{locked_when_justerad:attendance:minutes}
{locked_when_justerad:justerare:minutes}
{locked_when_justerad:signatures:minutes}
{locked_when_justerad:minutes_absences:minutes}
{locked_when_justerad:minutes_appendices:minutes}
{locked_when_justerad:paragraph_sections:paragraph}
{locked_when_justerad:basis_documents:paragraph}
{locked_when_justerad:motions:paragraph}
{locked_when_justerad:votes:paragraph}
{locked_when_justerad:reservations:paragraph}
{locked_when_justerad:minute_notes:paragraph}
{locked_when_justerad:disqualifications:paragraph}
"#;

/// Redaction for publication. A mask never changes the record: the published copy (pages, API,
/// documents, search) is the original with its masks applied. `redactions` holds one row per
/// masked text of one minutes: a personnummer Kansli found (`proposed` at once, so it is never
/// published while waiting, then `confirmed` or `rejected` by a person) or a passage a person
/// marked on a legal ground (`confirmed` when marked). `depublication_rules` says after how
/// many months the names in an authority's published minutes (body_id 0: every body) are
/// masked on the web; `depublished_minutes` remembers which minutes the search index was told.
const SCHEMA_V10: &str = r#"
CREATE TABLE redactions (
    id {id},
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    paragraph_number BIGINT,
    kind TEXT NOT NULL CHECK (kind IN ('personnummer', 'passage')),
    text TEXT NOT NULL,
    ground TEXT,
    state TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed', 'rejected')),
    proposed_by TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    UNIQUE (minutes_id, kind, text)
);
CREATE TABLE depublication_rules (
    id {id},
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    body_id BIGINT NOT NULL DEFAULT 0,
    months BIGINT NOT NULL CHECK (months > 0),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (authority_id, body_id)
);
CREATE TABLE depublished_minutes (
    minutes_id BIGINT PRIMARY KEY REFERENCES minutes(id) ON DELETE CASCADE,
    depublished_at TEXT NOT NULL
)
"#;

/// What recording a meeting needs beside what imports fill: the record's version (a write
/// names the version it read; each paragraph and the header with the attendance have their
/// own, so two people editing different parts of one meeting never conflict), where the
/// minutes came from (`import` or `recorded`: a recorded meeting's agenda belongs to the
/// kallelse, not to the minutes), whether the cover printed its
/// paragraph range, the parser's confidence map, and the structured parts of a paragraph the
/// parser reads only as text.
const SCHEMA_V6: &str = r#"
ALTER TABLE minutes ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN origin TEXT NOT NULL DEFAULT 'import';
ALTER TABLE minutes ADD COLUMN range_printed BIGINT NOT NULL DEFAULT 1;
ALTER TABLE minutes ADD COLUMN confidence_json TEXT;
ALTER TABLE minutes ADD COLUMN released_at TEXT;
ALTER TABLE motions ADD COLUMN kind TEXT;
ALTER TABLE paragraphs ADD COLUMN adopted_motion BIGINT;
ALTER TABLE paragraphs ADD COLUMN immediately_justerad BIGINT NOT NULL DEFAULT 0;
ALTER TABLE paragraphs ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN header_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE votes ADD COLUMN tie_break TEXT;
CREATE TABLE minutes_absences (
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    person_id BIGINT REFERENCES persons(id),
    name TEXT NOT NULL,
    party TEXT,
    reason TEXT,
    PRIMARY KEY (minutes_id, position)
)
"#;

/// Gallring (disposal) from the authority's dokumenthanteringsplan: a rule per document type
/// (bevaras: kept for ever; gallras: deleted N years after the case was closed), each
/// document's type, and an append-only log of every document whose content gallring deleted,
/// under which rule. The document's registration stays (the diarium keeps that a document
/// existed); `gallrad_at` says its content is gone.
const SCHEMA_V7: &str = r#"
ALTER TABLE documents ADD COLUMN document_type TEXT;
ALTER TABLE documents ADD COLUMN gallrad_at TEXT;
CREATE TABLE retention_rules (
    id {id},
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    document_type TEXT NOT NULL,
    document_type_folded TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('bevaras', 'gallras')),
    years BIGINT,
    updated_at TEXT NOT NULL,
    UNIQUE (authority_id, document_type_folded)
);
CREATE TABLE gallring_log (
    id {id},
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    document_id BIGINT NOT NULL,
    case_dnr TEXT NOT NULL,
    title TEXT NOT NULL,
    document_type TEXT NOT NULL,
    file_sha256 TEXT,
    file_size BIGINT,
    rule_id BIGINT NOT NULL,
    rule TEXT NOT NULL,
    due TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    deleted_by TEXT NOT NULL
);
CREATE INDEX gallring_log_authority ON gallring_log (authority_id, deleted_at);
{append_only:gallring_log}
"#;

/// The meeting before it is held: agenda items recorded by the secretary (a kind, the proposal,
/// the föredragande, the beredning's paragraph the item was prepared in) with the case
/// documents that are their beslutsunderlag; when the kallelse was issued; a member's förhinder
/// and the substitute called in; members' private notes on documents; mail waiting to be sent.
/// The beredning's paragraph is kept as its meeting and number (paragraph rows are replaced
/// when minutes are imported again). `persons.email` links a seat to the account of the person holding it.
const SCHEMA_V5: &str = r#"
ALTER TABLE agenda_items ADD COLUMN kind TEXT;
ALTER TABLE agenda_items ADD COLUMN proposal TEXT;
ALTER TABLE agenda_items ADD COLUMN presenter TEXT;
ALTER TABLE agenda_items ADD COLUMN prepared_in_meeting_id BIGINT;
ALTER TABLE agenda_items ADD COLUMN prepared_in_number BIGINT;
ALTER TABLE agenda_items ADD COLUMN prepared_in_text TEXT;
ALTER TABLE meetings ADD COLUMN agenda_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN kallelse_issued_at TEXT;
ALTER TABLE persons ADD COLUMN email TEXT;

-- The case documents an agenda item lays before the body (its beslutsunderlag).
CREATE TABLE agenda_item_documents (
    agenda_item_id BIGINT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (agenda_item_id, document_id)
);
CREATE INDEX agenda_item_documents_document ON agenda_item_documents (document_id);

-- A seat's förhinder for a meeting, and the substitute called in for it (NULL: none left).
CREATE TABLE absences (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members(id),
    substitute_member_id BIGINT REFERENCES members(id),
    reported_at TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

-- A member's own notes on a document, read and written by that account only.
CREATE TABLE document_notes (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    note TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, document_id)
);

-- Mail to send (the kallelse to members), claimed by one server at a time, kept when sent.
CREATE TABLE mail_outbox (
    id {id},
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    claimed_until TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    sent_at TEXT,
    last_error TEXT
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, claimed_until);
"#;

/// The diarium kept in Kansli: each authority's series and how it prints a Dnr, a counter per
/// authority, series and year (so numbers are never reused or skipped), cases that are open or
/// closed with a version for concurrent edits, and documents marked by direction and secrecy.
const SCHEMA_V4: &str = r#"
ALTER TABLE authorities ADD COLUMN dnr_series TEXT;
ALTER TABLE authorities ADD COLUMN dnr_format TEXT;
ALTER TABLE cases ADD COLUMN handler TEXT;
ALTER TABLE cases ADD COLUMN title_folded TEXT;
ALTER TABLE cases ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
ALTER TABLE cases ADD COLUMN closed_at TEXT;
ALTER TABLE cases ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN direction TEXT;
ALTER TABLE documents ADD COLUMN confidential BIGINT NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN secrecy_ground TEXT;
ALTER TABLE meetings ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN updated_at TEXT;
CREATE TABLE dnr_counters (
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    series TEXT NOT NULL,
    year BIGINT NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (authority_id, series, year)
);
"#;

/// Accounts and the audit log. Secrets are stored only as hashes: `password_hash` an Argon2id
/// PHC string, `token_hash` and `id_hash` SHA-256 of the random token or session id. The audit
/// log is append-only in the database itself: a trigger refuses every UPDATE and DELETE,
/// whichever code path tries.
const SCHEMA_V3: &str = r#"
CREATE TABLE users (
    id {id},
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    disabled BIGINT NOT NULL DEFAULT 0,
    oidc_subject TEXT,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

-- role: admin, registrar, secretary, member, with the scope by id (NULL: every one).
CREATE TABLE user_roles (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    authority_id BIGINT REFERENCES authorities(id),
    body_id BIGINT REFERENCES bodies(id),
    granted_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

-- via: password, oidc. ended_at set at logout (or logout everywhere).
CREATE TABLE sessions (
    id {id},
    id_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    via TEXT NOT NULL,
    address TEXT,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT
);

-- Failed logins, per account (the e-mail as typed, folded) and client address.
CREATE TABLE login_failures (
    id {id},
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

-- Single sign-on flows under way: state (hashed), nonce and PKCE verifier, used once.
CREATE TABLE oidc_flows (
    state_hash TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    return_to TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Who changed what, when, through which session or token, with before and after as JSON.
CREATE TABLE audit_events (
    id {id},
    at TEXT NOT NULL,
    actor_user_id BIGINT,
    actor TEXT NOT NULL,
    via TEXT NOT NULL,
    address TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_events_at ON audit_events (at);
{append_only:audit_events}
"#;

/// The parser's full reading (the `kansli parse` JSON) of imported minutes: the law engine's
/// checks and status run on it, and a better parser or checker can be re-run without the files.
const SCHEMA_V2: &str = r#"
CREATE TABLE minutes_readings (
    minutes_id BIGINT PRIMARY KEY REFERENCES minutes(id) ON DELETE CASCADE,
    parser_json TEXT NOT NULL
);
"#;

const SCHEMA_V1: &str = r#"
CREATE TABLE authorities (
    id {id},
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE bodies (
    id {id},
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    kind TEXT NOT NULL,
    seats BIGINT,
    parent_body_id BIGINT REFERENCES bodies(id),
    created_at TEXT NOT NULL,
    UNIQUE (authority_id, name_folded),
    UNIQUE (authority_id, slug)
);

-- The anslagstavlor a body's notices go on besides its own authority's: for a gemensam nämnd,
-- every cooperating kommun.
CREATE TABLE body_notice_boards (
    body_id BIGINT NOT NULL REFERENCES bodies(id),
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    PRIMARY KEY (body_id, authority_id)
);

-- People are kept per authority: the same name in two authorities may be two people.
CREATE TABLE persons (
    id {id},
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    UNIQUE (authority_id, name_folded)
);

-- A seat held by a person in a body for a term.
CREATE TABLE members (
    id {id},
    body_id BIGINT NOT NULL REFERENCES bodies(id),
    person_id BIGINT NOT NULL REFERENCES persons(id),
    role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'substitute', 'observer')),
    role_text TEXT,
    party TEXT,
    represents TEXT,
    substitute_order BIGINT,
    term_start TEXT,
    term_end TEXT
);
CREATE INDEX members_body ON members (body_id, role, substitute_order);
CREATE INDEX members_person ON members (person_id);

-- The diarium. origin 'import': created because minutes named the Dnr, 'registry': registered
-- in Kansli. Imported cases that no paragraph or agenda item names any more are removed.
CREATE TABLE cases (
    id {id},
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    dnr_key TEXT NOT NULL,
    dnr_printed TEXT NOT NULL,
    series TEXT,
    year BIGINT NOT NULL,
    number BIGINT NOT NULL,
    title TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('import', 'registry')),
    created_at TEXT NOT NULL,
    UNIQUE (authority_id, dnr_key)
);

CREATE TABLE stored_files (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    original_name TEXT NOT NULL,
    content {blob},
    created_at TEXT NOT NULL
);

-- A registered document (handling) of a case.
CREATE TABLE documents (
    id {id},
    case_id BIGINT REFERENCES cases(id),
    title TEXT NOT NULL,
    document_date TEXT,
    file_sha256 TEXT REFERENCES stored_files(sha256),
    registered_at TEXT NOT NULL
);
CREATE INDEX documents_case ON documents (case_id);

CREATE TABLE meetings (
    id {id},
    body_id BIGINT NOT NULL REFERENCES bodies(id),
    slug TEXT NOT NULL,
    meeting_date TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    created_at TEXT NOT NULL,
    UNIQUE (body_id, slug)
);
CREATE INDEX meetings_body_date ON meetings (body_id, meeting_date);
CREATE INDEX meetings_date ON meetings (meeting_date);

CREATE TABLE agenda_items (
    id {id},
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    paragraph_number BIGINT,
    case_id BIGINT REFERENCES cases(id),
    dnr_printed TEXT,
    title TEXT NOT NULL,
    pages TEXT,
    UNIQUE (meeting_id, position)
);
CREATE INDEX agenda_items_case ON agenda_items (case_id);

-- One protocol per meeting. content_sha256: hash of the authority and the parsed protocol's
-- JSON, to recognise the same content arriving in another file.
CREATE TABLE minutes (
    id {id},
    meeting_id BIGINT NOT NULL UNIQUE REFERENCES meetings(id),
    state TEXT NOT NULL CHECK (state IN ('draft', 'released', 'justerad', 'posted')),
    paragraph_first BIGINT,
    paragraph_last BIGINT,
    chair TEXT,
    secretary TEXT,
    justering_place TEXT,
    justering_date TEXT,
    layout TEXT,
    content_sha256 TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX minutes_content ON minutes (content_sha256);

CREATE TABLE minutes_sources (
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    file_sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    file_name TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (minutes_id, file_sha256)
);
CREATE INDEX minutes_sources_file ON minutes_sources (file_sha256);

CREATE TABLE justerare (
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    person_id BIGINT REFERENCES persons(id),
    name TEXT NOT NULL,
    PRIMARY KEY (minutes_id, position)
);

CREATE TABLE signatures (
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    person_id BIGINT REFERENCES persons(id),
    name TEXT NOT NULL,
    role TEXT,
    signed_at TEXT,
    PRIMARY KEY (minutes_id, position)
);

-- Notices of justering, one per anslagstavla.
CREATE TABLE notices (
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    board_authority_id BIGINT REFERENCES authorities(id),
    board TEXT,
    posted TEXT,
    removal TEXT,
    kept_at TEXT,
    PRIMARY KEY (minutes_id, position)
);
CREATE INDEX notices_posted ON notices (posted);

CREATE TABLE minutes_appendices (
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (minutes_id, position)
);

-- source 'parser' (the ParsedProtocol's warnings) or 'store' (found while storing).
CREATE TABLE minutes_warnings (
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    source TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (minutes_id, position)
);

-- Who was present, as printed, paragraphs_text NULL means the whole meeting.
CREATE TABLE attendance (
    id {id},
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    person_id BIGINT REFERENCES persons(id),
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('beslutande', 'ersättare', 'övriga')),
    role TEXT,
    role_text TEXT,
    party TEXT,
    represents TEXT,
    serves_for TEXT,
    paragraphs_text TEXT,
    UNIQUE (minutes_id, position)
);
CREATE INDEX attendance_person ON attendance (person_id);

-- Attendance expanded to one row per paragraph number, for beslutförhet per §.
CREATE TABLE attendance_paragraphs (
    attendance_id BIGINT NOT NULL REFERENCES attendance(id) ON DELETE CASCADE,
    paragraph_number BIGINT NOT NULL,
    PRIMARY KEY (attendance_id, paragraph_number)
);

CREATE TABLE paragraphs (
    id {id},
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    number BIGINT NOT NULL,
    case_id BIGINT REFERENCES cases(id),
    dnr_printed TEXT,
    title TEXT NOT NULL,
    summary TEXT,
    decision TEXT,
    proposition_order TEXT,
    UNIQUE (minutes_id, position)
);
CREATE INDEX paragraphs_number ON paragraphs (minutes_id, number);
CREATE INDEX paragraphs_case ON paragraphs (case_id);

CREATE TABLE paragraph_sections (
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (paragraph_id, position)
);

-- Beslutsunderlag as listed, document_id once matched to the diarium.
CREATE TABLE basis_documents (
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    document_id BIGINT REFERENCES documents(id),
    PRIMARY KEY (paragraph_id, position)
);

-- Yrkanden, movers as names one per line (they are printed names, not always persons).
CREATE TABLE motions (
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    movers TEXT NOT NULL,
    body TEXT NOT NULL,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (paragraph_id, position)
);

-- Omröstningar: body as recorded, the structured columns once recorded live.
CREATE TABLE votes (
    id {id},
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    body TEXT,
    yes_means TEXT,
    no_means TEXT,
    yes_count BIGINT,
    no_count BIGINT,
    abstain_count BIGINT,
    result TEXT,
    UNIQUE (paragraph_id, position)
);

CREATE TABLE vote_casts (
    vote_id BIGINT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    person_id BIGINT REFERENCES persons(id),
    voter TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    PRIMARY KEY (vote_id, position)
);

CREATE TABLE reservations (
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    by_names TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (paragraph_id, position)
);

CREATE TABLE minute_notes (
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    by_names TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (paragraph_id, position)
);

-- Jäv: body as recorded, member and replaced_by once recorded live.
CREATE TABLE disqualifications (
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    body TEXT NOT NULL,
    member TEXT,
    replaced_by TEXT,
    PRIMARY KEY (paragraph_id, position)
);

-- A protokollsutdrag: one or more paragraphs issued as a certified extract.
CREATE TABLE extracts (
    id {id},
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    certified_by TEXT,
    file_sha256 TEXT REFERENCES stored_files(sha256),
    created_at TEXT NOT NULL
);

CREATE TABLE extract_paragraphs (
    extract_id BIGINT NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    PRIMARY KEY (extract_id, paragraph_id)
);

-- Expediering: one row per recipient of a paragraph's decision (or of an extract).
CREATE TABLE dispatches (
    id {id},
    paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    recipient TEXT NOT NULL,
    extract_id BIGINT REFERENCES extracts(id) ON DELETE SET NULL,
    sent_at TEXT,
    UNIQUE (paragraph_id, position)
);

CREATE TABLE import_log (
    id {id},
    file_sha256 TEXT,
    file_name TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'updated', 'unchanged', 'failed')),
    meeting_id BIGINT,
    message TEXT,
    logged_at TEXT NOT NULL
);

-- Outbox of slow work (render, reindex, send), written in the transaction that caused it.
CREATE TABLE jobs (
    id {id},
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    done_at TEXT
);
CREATE INDEX jobs_pending ON jobs (done_at, id);

-- Change log: what changed, in commit order by id, for search indexes to catch up from.
CREATE TABLE changes (
    id {id},
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    changed_at TEXT NOT NULL
)"#;

/// Every table of the schema, in creation order (parents before children); a unit test keeps
/// it equal to what the migrations create.
pub const TABLES: &[&str] = &[
    "authorities",
    "bodies",
    "body_notice_boards",
    "persons",
    "members",
    "cases",
    "stored_files",
    "documents",
    "meetings",
    "agenda_items",
    "minutes",
    "minutes_sources",
    "justerare",
    "signatures",
    "notices",
    "minutes_appendices",
    "minutes_warnings",
    "attendance",
    "paragraphs",
    "paragraph_sections",
    "basis_documents",
    "motions",
    "votes",
    "vote_casts",
    "reservations",
    "minute_notes",
    "disqualifications",
    "extracts",
    "extract_paragraphs",
    "dispatches",
    "import_log",
    "jobs",
    "changes",
    "minutes_readings",
    "users",
    "user_roles",
    "api_tokens",
    "sessions",
    "login_failures",
    "oidc_flows",
    "audit_events",
    "dnr_counters",
    "agenda_item_documents",
    "absences",
    "document_notes",
    "mail_outbox",
    "minutes_absences",
    "retention_rules",
    "gallring_log",
    "board_notices",
    "redactions",
    "depublication_rules",
    "depublished_minutes",
    "paragraph_justeringar",
    "justering_comments",
    "minutes_rattelser",
    "body_years",
    "body_summaries",
    "import_corrections",
];

/// Fills the backend-specific placeholders of a migration.
pub(crate) fn render(sql: &str, backend: Backend) -> String {
    let (id, blob) = match backend {
        // An INTEGER PRIMARY KEY is SQLite's rowid: assigned automatically, 64-bit.
        Backend::Sqlite => ("INTEGER PRIMARY KEY", "BLOB"),
        Backend::Postgres => (
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            "BYTEA",
        ),
    };
    let mut out = sql.replace("{id}", id).replace("{blob}", blob);
    fill(&mut out, "append_only", |table| append_only(table, backend));
    fill(&mut out, "announces_changes", |table| {
        announces_changes(table, backend)
    });
    fill(&mut out, "compressed_fast", |column| {
        compressed_fast(column, backend)
    });
    out = out.replace("{locked_minutes}", &locked_minutes(backend));
    // `{locked_…:TABLE}` or `{locked_…:TABLE:PARENT}`; the parent is `minutes` when not named.
    fill(&mut out, "locked_per_statement", |spec| {
        let (table, parent) = spec.split_once(':').unwrap_or((spec, "minutes"));
        locked_per_statement(table, parent, backend)
    });
    fill(&mut out, "locked_when_justerad", |spec| {
        let (table, parent) = spec.split_once(':').unwrap_or((spec, "minutes"));
        locked_when_justerad(table, parent, backend)
    });
    out
}

/// Replaces every `{name:SPEC}` in `out` with `with(SPEC)`, first to last.
fn fill(out: &mut String, name: &str, with: impl Fn(&str) -> String) {
    let open = format!("{{{name}:");
    while let Some(start) = out.find(&open) {
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let spec = out[start + open.len()..start + len].to_string();
        out.replace_range(start..=start + len, &with(&spec));
    }
}

/// When recorded minutes are justerade (or posted): the condition on the minutes row `m`.
const JUSTERAD: &str = "m.origin = 'recorded' AND m.state IN ('justerad', 'posted')";

/// Triggers that refuse deleting justerade recorded minutes, and any update of them other than
/// their state moving on to `posted` (and the bookkeeping columns that go with it).
fn locked_minutes(backend: Backend) -> String {
    let content = [
        "meeting_id",
        "origin",
        "paragraph_first",
        "paragraph_last",
        "chair",
        "secretary",
        "justering_place",
        "justering_date",
        "layout",
        "justerad_pdf_sha256",
    ];
    match backend {
        Backend::Sqlite => {
            let changed: Vec<String> = content
                .iter()
                .map(|c| format!("NEW.{c} IS NOT OLD.{c}"))
                .collect();
            format!(
                "CREATE TRIGGER minutes_locked_delete BEFORE DELETE ON minutes \
                 WHEN OLD.origin = 'recorded' AND OLD.state IN ('justerad', 'posted') \
                 BEGIN SELECT RAISE(ABORT, 'the minutes are justerade and cannot change'){{semicolon}} END;\n\
                 CREATE TRIGGER minutes_locked_update BEFORE UPDATE ON minutes \
                 WHEN OLD.origin = 'recorded' AND OLD.state IN ('justerad', 'posted') \
                 AND (NEW.state NOT IN ('justerad', 'posted') OR {}) \
                 BEGIN SELECT RAISE(ABORT, 'the minutes are justerade and cannot change'){{semicolon}} END;\n",
                changed.join(" OR ")
            )
        }
        Backend::Postgres => {
            let changed: Vec<String> = content
                .iter()
                .map(|c| format!("NEW.{c} IS DISTINCT FROM OLD.{c}"))
                .collect();
            format!(
                "CREATE OR REPLACE FUNCTION kansli_locked_minutes() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN IF OLD.origin = 'recorded' AND OLD.state IN ('justerad', 'posted') THEN \
                 IF TG_OP = 'DELETE' OR NEW.state NOT IN ('justerad', 'posted') OR {} THEN \
                 RAISE EXCEPTION 'the minutes are justerade and cannot change'{{semicolon}} END IF{{semicolon}} END IF{{semicolon}} \
                 IF TG_OP = 'DELETE' THEN RETURN OLD{{semicolon}} END IF{{semicolon}} RETURN NEW{{semicolon}} END $$;\n\
                 CREATE TRIGGER minutes_locked BEFORE UPDATE OR DELETE ON minutes \
                 FOR EACH ROW EXECUTE FUNCTION kansli_locked_minutes();\n",
                changed.join(" OR ")
            )
        }
    }
}

/// How a row of a table whose `parent` is `minutes` or `paragraph` reaches justerade recorded
/// minutes: the condition on the row named `row`.
fn reaches_justerad(row: &str, parent: &str) -> String {
    match parent {
        "paragraph" => format!(
            "EXISTS (SELECT 1 FROM paragraphs p JOIN minutes m ON m.id = p.minutes_id \
             WHERE p.id = {row}.paragraph_id AND {JUSTERAD})"
        ),
        _ => {
            format!("EXISTS (SELECT 1 FROM minutes m WHERE m.id = {row}.minutes_id AND {JUSTERAD})")
        }
    }
}

/// [`locked_when_justerad`]'s check once per statement on PostgreSQL (see `SCHEMA_V16`): the
/// row trigger replaced by three statement triggers over the changed rows; nothing on SQLite.
fn locked_per_statement(table: &str, parent: &str, backend: Backend) -> String {
    match backend {
        Backend::Sqlite => String::new(),
        Backend::Postgres => {
            let mut out = format!(
                "DROP TRIGGER IF EXISTS {table}_locked ON {table};\n\
                 DROP FUNCTION IF EXISTS kansli_locked_{table}();\n\
                 CREATE OR REPLACE FUNCTION kansli_locked_{table}_rows() RETURNS trigger \
                 LANGUAGE plpgsql AS $$ BEGIN IF EXISTS (SELECT 1 FROM changed r WHERE {}) THEN \
                 RAISE EXCEPTION 'the minutes are justerade: {table} cannot change'{{semicolon}} \
                 END IF{{semicolon}} RETURN NULL{{semicolon}} END $$;\n",
                reaches_justerad("r", parent)
            );
            // A statement's new rows are checked on INSERT; its old rows on UPDATE and DELETE,
            // as the row trigger checked OLD.
            for (event, rows) in [("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")] {
                out.push_str(&format!(
                    "CREATE TRIGGER {table}_locked_{} AFTER {event} ON {table} \
                     REFERENCING {rows} TABLE AS changed FOR EACH STATEMENT \
                     EXECUTE FUNCTION kansli_locked_{table}_rows();\n",
                    event.to_lowercase()
                ));
            }
            out
        }
    }
}

/// Triggers that refuse inserting, updating or deleting a row of `table` that belongs to
/// justerade recorded minutes; `parent` says how the row reaches its minutes (`minutes`: a
/// `minutes_id` column; `paragraph`: a `paragraph_id` column).
fn locked_when_justerad(table: &str, parent: &str, backend: Backend) -> String {
    let reach = |row: &str| reaches_justerad(row, parent);
    match backend {
        Backend::Sqlite => {
            let mut out = String::new();
            for (event, row) in [("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")] {
                out.push_str(&format!(
                    "CREATE TRIGGER {table}_locked_{} BEFORE {event} ON {table} WHEN {} \
                     BEGIN SELECT RAISE(ABORT, 'the minutes are justerade: {table} cannot change'){{semicolon}} END;\n",
                    event.to_lowercase(),
                    reach(row)
                ));
            }
            out
        }
        Backend::Postgres => format!(
            "CREATE OR REPLACE FUNCTION kansli_locked_{table}() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN IF (TG_OP = 'INSERT' AND {}) OR (TG_OP <> 'INSERT' AND {}) THEN \
             RAISE EXCEPTION 'the minutes are justerade: {table} cannot change'{{semicolon}} END IF{{semicolon}} \
             IF TG_OP = 'DELETE' THEN RETURN OLD{{semicolon}} END IF{{semicolon}} RETURN NEW{{semicolon}} END $$;\n\
             CREATE TRIGGER {table}_locked BEFORE INSERT OR UPDATE OR DELETE ON {table} \
             FOR EACH ROW EXECUTE FUNCTION kansli_locked_{table}();\n",
            reach("NEW"),
            reach("OLD")
        ),
    }
}

/// Statements that make a table append-only in the database: every UPDATE and DELETE (and on
/// PostgreSQL TRUNCATE) is refused with an error naming the table. Semicolons inside a
/// trigger's body are written `{semicolon}`, since migrations are split into statements at `;`.
fn append_only(table: &str, backend: Backend) -> String {
    match backend {
        Backend::Sqlite => format!(
            "CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} \
             BEGIN SELECT RAISE(ABORT, '{table} is append-only'){{semicolon}} END;\n\
             CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} \
             BEGIN SELECT RAISE(ABORT, '{table} is append-only'){{semicolon}} END;\n"
        ),
        Backend::Postgres => format!(
            "CREATE OR REPLACE FUNCTION kansli_append_only() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME{{semicolon}} END $$;\n\
             CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} \
             FOR EACH ROW EXECUTE FUNCTION kansli_append_only();\n\
             CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} \
             FOR EACH STATEMENT EXECUTE FUNCTION kansli_append_only();\n"
        ),
    }
}

/// The PostgreSQL channel every table's writes are announced on (see `SCHEMA_V20`).
pub(crate) const CHANGES_CHANNEL: &str = "kansli_changes";

/// The name of a table's trigger that announces its changes (PostgreSQL).
pub(crate) fn announcing_trigger(table: &str) -> String {
    format!("{table}_announced")
}

/// Statements that make `table` announce, at commit, every statement that changed it, on
/// [`CHANGES_CHANNEL`]; `*` for every table that exists (but `schema_migrations`). A statement
/// trigger, so a statement of many rows announces once, and PostgreSQL folds the same
/// announcement made again in one transaction. Nothing on SQLite.
fn announces_changes(table: &str, backend: Backend) -> String {
    let Backend::Postgres = backend else {
        return String::new();
    };
    let mut out = format!(
        "CREATE OR REPLACE FUNCTION kansli_announce_change() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN PERFORM pg_notify('{CHANGES_CHANNEL}', ''){{semicolon}} RETURN NULL{{semicolon}} END $$;\n"
    );
    let create = |table: &str| {
        format!(
            "CREATE TRIGGER {} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} \
             FOR EACH STATEMENT EXECUTE FUNCTION kansli_announce_change()",
            announcing_trigger(table)
        )
    };
    if table == "*" {
        // The tables of the database as it is: naming them here would break the migration for
        // a new database once a later migration adds a table to `TABLES`.
        out.push_str(
            "DO $$ DECLARE t text{semicolon} BEGIN \
             FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() \
             AND tablename <> 'schema_migrations' ORDER BY tablename LOOP \
             EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I \
             FOR EACH STATEMENT EXECUTE FUNCTION kansli_announce_change()', t || '_announced', t){semicolon} \
             END LOOP{semicolon} END $$;\n",
        );
    } else {
        out.push_str(&create(table));
        out.push_str(";\n");
    }
    out
}

/// A statement that makes PostgreSQL compress the values of `column` (`table.column`) with
/// lz4, faster than its default `pglz` at about the same size; where the server was built
/// without lz4 the statement does nothing (`feature_not_supported` caught), since the choice
/// is speed, never correctness. Nothing on SQLite.
fn compressed_fast(column: &str, backend: Backend) -> String {
    let Backend::Postgres = backend else {
        return String::new();
    };
    let (table, column) = column.split_once('.').unwrap_or((column, ""));
    format!(
        "DO $$ BEGIN ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4{{semicolon}} \
         EXCEPTION WHEN feature_not_supported THEN NULL{{semicolon}} END $$"
    )
}

/// The key of the advisory lock PostgreSQL migrations run under (any constant; "kansli" in
/// ASCII).
const MIGRATION_LOCK: i64 = 0x6b61_6e73_6c69;

/// Brings the schema up to date: applies every migration newer than the recorded version.
///
/// Several processes may start at once on a new database (two servers behind a load balancer,
/// an import beside a server). On PostgreSQL they queue on a session advisory lock held for
/// the whole run; on SQLite each migration's transaction takes the write lock at once
/// (`BEGIN IMMEDIATE`). Either way each migration checks, inside its transaction, that no one
/// applied it meanwhile, so every migration runs exactly once and never half.
pub(crate) async fn apply(
    pool: &AnyPool,
    backend: Backend,
    applied_at: &str,
) -> Result<(), StoreError> {
    let bootstrap = |source| StoreError::Migration {
        version: 0,
        name: "schema_migrations",
        source,
    };
    let mut conn = pool.acquire().await.map_err(bootstrap)?;
    if backend == Backend::Postgres {
        // A void result cannot be read through Any: select a constant beside the call.
        sqlx::query("SELECT 1 AS locked FROM (SELECT pg_advisory_lock($1)) AS l")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await
            .map_err(bootstrap)?;
    }
    let result = apply_locked(&mut conn, backend, applied_at).await;
    if backend == Backend::Postgres {
        let unlocked =
            sqlx::query("SELECT 1 AS unlocked FROM (SELECT pg_advisory_unlock($1)) AS l")
                .bind(MIGRATION_LOCK)
                .execute(&mut *conn)
                .await;
        if unlocked.is_err() {
            // A session lock lives as long as its connection: end the connection rather than
            // hand the lock back to the pool.
            drop(conn.detach());
        }
    }
    result
}

/// The migrations, on one connection that holds the lock (PostgreSQL).
async fn apply_locked(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    applied_at: &str,
) -> Result<(), StoreError> {
    let bootstrap = |source| StoreError::Migration {
        version: 0,
        name: "schema_migrations",
        source,
    };
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (\
         version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .execute(&mut *conn)
    .await
    .map_err(bootstrap)?;
    let current = recorded_version(conn).await.map_err(bootstrap)?;
    let known = MIGRATIONS.last().map_or(0, |m| m.version);
    if current > known {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known,
        });
    }
    for migration in MIGRATIONS.iter().filter(|m| m.version > current) {
        let fail = |source| StoreError::Migration {
            version: migration.version,
            name: migration.name,
            source,
        };
        let begin = match backend {
            Backend::Sqlite => sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await,
            Backend::Postgres => sqlx::Connection::begin(&mut *conn).await,
        };
        let mut tx = begin.map_err(fail)?;
        // Another process may have applied it while this one waited for the lock.
        if recorded_version(&mut tx).await.map_err(fail)? >= migration.version {
            tx.rollback().await.map_err(fail)?;
            continue;
        }
        for statement in render(migration.sql, backend).split(';') {
            if statement.trim().is_empty() {
                continue;
            }
            let statement = statement.replace("{semicolon}", ";");
            sqlx::query(sqlx::AssertSqlSafe(statement))
                .execute(&mut *tx)
                .await
                .map_err(fail)?;
        }
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(migration.version)
        .bind(migration.name)
        .bind(applied_at)
        .execute(&mut *tx)
        .await
        .map_err(fail)?;
        tx.commit().await.map_err(fail)?;
    }
    Ok(())
}

/// The newest version recorded, 0 for none.
async fn recorded_version(conn: &mut sqlx::AnyConnection) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT MAX(version) AS v FROM schema_migrations")
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get::<Option<i64>, _>("v")?.unwrap_or(0))
}

/// The kind of value a column holds, as the portable schema declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// BIGINT (and `{id}`).
    Int,
    /// TEXT.
    Text,
    /// `{blob}`.
    Blob,
}

/// A table of the schema as the migrations build it: its columns in order and the columns
/// that identify a row (the `{id}`, else the primary key, else every column but blobs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableShape {
    /// The table's name.
    pub name: String,
    /// Its columns, in order.
    pub columns: Vec<(String, Kind)>,
    /// The columns a row is ordered by.
    pub key: Vec<String>,
    /// Whether the first column is an auto-assigned `{id}` (a sequence on PostgreSQL).
    pub has_id: bool,
}

/// Every table the migrations create, in creation order (parents before children), read from
/// the migrations' own SQL so the list cannot drift from the schema.
pub(crate) fn table_shapes() -> Vec<TableShape> {
    let mut tables: Vec<TableShape> = Vec::new();
    for migration in MIGRATIONS {
        let without_comments: String = migration
            .sql
            .lines()
            .map(|line| line.split("--").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        for statement in without_comments.split(';') {
            let words: Vec<&str> = statement.split_whitespace().collect();
            match words.as_slice() {
                ["CREATE", "TABLE", rest @ ..] => {
                    let name = rest
                        .iter()
                        .find(|w| !matches!(**w, "IF" | "NOT" | "EXISTS"))
                        .map(|w| w.trim_end_matches('(').to_string())
                        .unwrap_or_default();
                    let (Some(open), Some(close)) = (statement.find('('), statement.rfind(')'))
                    else {
                        continue;
                    };
                    tables.push(shape_of(name, &statement[open + 1..close]));
                }
                ["DROP", "TABLE", table] => tables.retain(|t| t.name != *table),
                ["ALTER", "TABLE", table, "ADD", "COLUMN", column, kind, ..] => {
                    if let Some(shape) = tables.iter_mut().find(|t| t.name == *table) {
                        shape.columns.push((column.to_string(), kind_of(kind)));
                    }
                }
                _ => {}
            }
        }
    }
    tables
}

fn kind_of(word: &str) -> Kind {
    match word.trim_end_matches(',') {
        "{blob}" => Kind::Blob,
        "TEXT" => Kind::Text,
        _ => Kind::Int,
    }
}

/// A table's shape from the text between the parentheses of its CREATE TABLE.
fn shape_of(name: String, body: &str) -> TableShape {
    // Split on the commas outside parentheses (CHECK (x IN ('a', 'b')) has its own).
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in body.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[start..]);
    let mut columns = Vec::new();
    let mut key = Vec::new();
    let mut has_id = false;
    for part in parts {
        let part = part.trim();
        let words: Vec<&str> = part.split_whitespace().collect();
        match words.as_slice() {
            ["PRIMARY", "KEY", ..] => {
                let inner = part
                    .split_once('(')
                    .and_then(|(_, rest)| rest.split_once(')'))
                    .map_or("", |(inner, _)| inner);
                key = inner.split(',').map(|c| c.trim().to_string()).collect();
            }
            ["UNIQUE", ..] | ["CHECK", ..] | ["FOREIGN", ..] | ["CONSTRAINT", ..] | [] => {}
            [column, kind, ..] => {
                if *kind == "{id}" {
                    has_id = columns.is_empty();
                    key = vec![column.to_string()];
                } else if part.contains("PRIMARY KEY") {
                    key = vec![column.to_string()];
                }
                columns.push((column.to_string(), kind_of(kind)));
            }
            [_] => {}
        }
    }
    if key.is_empty() {
        key = columns
            .iter()
            .filter(|(_, kind)| *kind != Kind::Blob)
            .map(|(c, _)| c.clone())
            .collect();
    }
    TableShape {
        name,
        columns,
        key,
        has_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_lists_every_table_the_migrations_create_in_order() {
        let names: Vec<String> = table_shapes().into_iter().map(|t| t.name).collect();
        assert_eq!(names, TABLES, "TABLES must follow the migrations");
    }

    #[test]
    fn shapes_read_columns_kinds_and_keys() {
        let shapes = table_shapes();
        let find = |name: &str| shapes.iter().find(|t| t.name == name).cloned().unwrap();
        let files = find("stored_files");
        assert_eq!(files.key, ["sha256"]);
        assert!(!files.has_id);
        assert_eq!(
            files.columns.iter().map(|(_, k)| *k).collect::<Vec<_>>(),
            [
                Kind::Text,
                Kind::Int,
                Kind::Text,
                Kind::Text,
                Kind::Blob,
                Kind::Text
            ]
        );
        let members = find("members");
        assert!(members.has_id);
        assert_eq!(members.columns.len(), 10);
        assert_eq!(members.columns[3], ("role".to_string(), Kind::Text));
        assert_eq!(find("motions").key, ["paragraph_id", "position"]);
        assert_eq!(find("minutes_readings").key, ["minutes_id"]);
    }
}
