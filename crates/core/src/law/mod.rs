//! The law engine: the Swedish legal calendar, the statutory deadlines of Kommunallagen
//! (2017:725) and the compliance checks run over minutes. Pure: today's date, when a rule
//! needs it, is a parameter.
//!
//! - [`calendar`]: public holidays (lag 1989:253), working days, and periods moved forward per
//!   lag (1930:173) om beräkning av lagstadgad tid.
//! - [`deadlines`]: justering, notice of justering, appeal and take-down, each with its legal
//!   source and a Swedish sentence that explains it.
//! - [`checks`]: findings over a [`crate::protocol::ParsedProtocol`] (late justering, late
//!   notice, beslutförhet, a seat served twice, …).
//! - [`reading`]: which findings may stem from the parser's reading rather than the minutes.
//! - [`status`]: a meeting's status on a given day (justerat i tid, anslaget i tid,
//!   överklagandetiden löper ut …), for the archive pages and the API.
//!
//! Error policy: [`LawError`] names the input that was wrong with the same words the CLI flags
//! use (`meeting`, `justerat`, `posted`), so an edge can report it without translation.

pub mod calendar;
pub mod checks;
pub mod deadlines;
pub mod reading;
pub mod sources;
pub mod status;

use chrono::NaiveDate;

pub use calendar::{
    DayKind, Deadline, OffReason, Period, day_kind, is_working_day, next_working_day, period_end,
};
pub use checks::{
    CheckContext, Finding, Rule, Severity, check_protocol, check_protocols, check_protocols_each,
};
pub use deadlines::{DeadlineKind, DeadlineReport, DeadlineRequest, StatutoryDeadline};
pub use reading::may_stem_from_reading;
pub use status::{StatusLine, StepState, meeting_status};

/// Why a deadline could not be computed from the dates given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LawError {
    /// A date lies before the date it must follow (justering before the meeting, posting before
    /// the justering).
    #[error("{field} {date} is before {other_field} {other}")]
    OutOfOrder {
        /// The input at fault: `justerat` or `posted`.
        field: &'static str,
        /// Its value.
        date: NaiveDate,
        /// The input it must not precede: `meeting` or `justerat`.
        other_field: &'static str,
        /// That input's value.
        other: NaiveDate,
    },
    /// A computed date falls outside the calendar Kansli can represent.
    #[error("the date lies outside the supported calendar")]
    OutOfRange,
}
