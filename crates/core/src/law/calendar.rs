//! The Swedish legal calendar: public holidays (lag 1989:253), the days lag (1930:173) treats
//! like them, and the last day of a statutory period moved forward to the next working day.
//!
//! Holidays follow lag (1989:253) om allmänna helgdagar for every year, including the years
//! before it took effect in 1990, as the issue asks: one rule set, computed proleptically. The
//! one change the law itself has had is kept: annandag pingst is a holiday up to and including
//! 2004, and nationaldagen (6 juni) is one from 2005 (the amendment in force from 1 January 2005 swapped them). The older
//! ordinances that preceded 1989:253 (midsommardagen fixed on 24 June and alla helgons dag on
//! 1 November until 1952, Marie bebådelsedag until 1953, första maj only from 1939) are *not*
//! modelled; deadlines in minutes older than 1953 are computed with today's rules.
//!
//! Easter follows the Gregorian computus (the "anonymous Gregorian algorithm" of Meeus), which
//! is exact for every Gregorian year; Kansli promises the years 1900–2200.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::LawError;

/// Why a day is not a working day (vardag) in the sense of lag (1930:173) 2 §.
///
/// Serialises to its Swedish name ("annandag påsk", "lördag").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OffReason {
    /// 1 januari.
    #[serde(rename = "nyårsdagen")]
    Nyarsdagen,
    /// 6 januari.
    #[serde(rename = "trettondedag jul")]
    TrettondedagJul,
    /// The Friday before Easter.
    #[serde(rename = "långfredagen")]
    Langfredagen,
    /// Easter Sunday.
    #[serde(rename = "påskdagen")]
    Paskdagen,
    /// Easter Monday.
    #[serde(rename = "annandag påsk")]
    AnnandagPask,
    /// 1 maj.
    #[serde(rename = "första maj")]
    ForstaMaj,
    /// The sixth Thursday after Easter (Easter + 39 days).
    #[serde(rename = "Kristi himmelsfärdsdag")]
    KristiHimmelsfardsdag,
    /// Whit Sunday (Easter + 49 days).
    #[serde(rename = "pingstdagen")]
    Pingstdagen,
    /// Whit Monday (Easter + 50 days); a public holiday up to and including 2004.
    #[serde(rename = "annandag pingst")]
    AnnandagPingst,
    /// 6 juni; a public holiday from 2005.
    #[serde(rename = "nationaldagen")]
    Nationaldagen,
    /// The Saturday 20–26 June.
    #[serde(rename = "midsommardagen")]
    Midsommardagen,
    /// The Saturday 31 October – 6 November.
    #[serde(rename = "alla helgons dag")]
    AllaHelgonsDag,
    /// 25 december.
    #[serde(rename = "juldagen")]
    Juldagen,
    /// 26 december.
    #[serde(rename = "annandag jul")]
    AnnandagJul,
    /// The Friday before midsommardagen (not a public holiday, but lag 1930:173 treats it as one).
    #[serde(rename = "midsommarafton")]
    Midsommarafton,
    /// 24 december (treated as a holiday by lag 1930:173).
    #[serde(rename = "julafton")]
    Julafton,
    /// 31 december (treated as a holiday by lag 1930:173).
    #[serde(rename = "nyårsafton")]
    Nyarsafton,
    /// Any Saturday (treated as a holiday by lag 1930:173).
    #[serde(rename = "lördag")]
    Lordag,
    /// Any Sunday (a public holiday by lag 1989:253).
    #[serde(rename = "söndag")]
    Sondag,
}

impl OffReason {
    /// The Swedish name, in lower case as it stands mid-sentence ("annandag påsk", "lördag").
    pub fn swedish(self) -> &'static str {
        match self {
            OffReason::Nyarsdagen => "nyårsdagen",
            OffReason::TrettondedagJul => "trettondedag jul",
            OffReason::Langfredagen => "långfredagen",
            OffReason::Paskdagen => "påskdagen",
            OffReason::AnnandagPask => "annandag påsk",
            OffReason::ForstaMaj => "första maj",
            OffReason::KristiHimmelsfardsdag => "Kristi himmelsfärdsdag",
            OffReason::Pingstdagen => "pingstdagen",
            OffReason::AnnandagPingst => "annandag pingst",
            OffReason::Nationaldagen => "nationaldagen",
            OffReason::Midsommardagen => "midsommardagen",
            OffReason::AllaHelgonsDag => "alla helgons dag",
            OffReason::Juldagen => "juldagen",
            OffReason::AnnandagJul => "annandag jul",
            OffReason::Midsommarafton => "midsommarafton",
            OffReason::Julafton => "julafton",
            OffReason::Nyarsafton => "nyårsafton",
            OffReason::Lordag => "lördag",
            OffReason::Sondag => "söndag",
        }
    }

    /// Whether this is an allmän helgdag under lag (1989:253) (Sundays included), as opposed to
    /// a day that only lag (1930:173) treats like one (Saturdays and the three aftnar).
    pub fn is_public_holiday(self) -> bool {
        !matches!(
            self,
            OffReason::Midsommarafton
                | OffReason::Julafton
                | OffReason::Nyarsafton
                | OffReason::Lordag
        )
    }
}

impl fmt::Display for OffReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.swedish())
    }
}

/// Whether a day is a working day, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A vardag: a day on which a statutory act may be done.
    Working,
    /// A day lag (1930:173) 2 § skips, with its most specific reason (a holiday's name before
    /// the weekday: juldagen on a Saturday says "juldagen").
    Off(OffReason),
}

/// Easter Sunday of a year by the Gregorian computus; `None` only outside chrono's date range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    // Meeus/Jones/Butcher; Euclidean division keeps it total for every year.
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The first `weekday` on or after `from`.
fn weekday_on_or_after(from: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from.checked_add_days(Days::new(u64::from(ahead)))
}

fn shift(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// Midsommardagen: the Saturday 20–26 June.
pub fn midsommardagen(year: i32) -> Option<NaiveDate> {
    weekday_on_or_after(NaiveDate::from_ymd_opt(year, 6, 20)?, Weekday::Sat)
}

/// Alla helgons dag: the Saturday 31 October – 6 November.
pub fn alla_helgons_dag(year: i32) -> Option<NaiveDate> {
    weekday_on_or_after(NaiveDate::from_ymd_opt(year, 10, 31)?, Weekday::Sat)
}

/// The public holidays of lag (1989:253) in a year (Sundays apart), in date order, with the
/// history described in the module docs. Two holidays may fall on one day (första maj and
/// Kristi himmelsfärdsdag in 2008); both are listed.
pub fn public_holidays(year: i32) -> Vec<(NaiveDate, OffReason)> {
    let mut days = Vec::with_capacity(14);
    let mut push = |date: Option<NaiveDate>, reason: OffReason| {
        if let Some(date) = date {
            days.push((date, reason));
        }
    };
    let easter = easter_sunday(year);
    let from_easter = |n: i64| easter.and_then(|e| shift(e, n));
    push(NaiveDate::from_ymd_opt(year, 1, 1), OffReason::Nyarsdagen);
    push(
        NaiveDate::from_ymd_opt(year, 1, 6),
        OffReason::TrettondedagJul,
    );
    push(from_easter(-2), OffReason::Langfredagen);
    push(easter, OffReason::Paskdagen);
    push(from_easter(1), OffReason::AnnandagPask);
    push(NaiveDate::from_ymd_opt(year, 5, 1), OffReason::ForstaMaj);
    push(from_easter(39), OffReason::KristiHimmelsfardsdag);
    push(from_easter(49), OffReason::Pingstdagen);
    if year <= 2004 {
        push(from_easter(50), OffReason::AnnandagPingst);
    } else {
        push(
            NaiveDate::from_ymd_opt(year, 6, 6),
            OffReason::Nationaldagen,
        );
    }
    push(midsommardagen(year), OffReason::Midsommardagen);
    push(alla_helgons_dag(year), OffReason::AllaHelgonsDag);
    push(NaiveDate::from_ymd_opt(year, 12, 25), OffReason::Juldagen);
    push(
        NaiveDate::from_ymd_opt(year, 12, 26),
        OffReason::AnnandagJul,
    );
    days.sort();
    days
}

/// The three aftnar lag (1930:173) 2 § names beside Saturdays: midsommarafton, julafton,
/// nyårsafton, in date order.
pub fn eves(year: i32) -> Vec<(NaiveDate, OffReason)> {
    let mut days = Vec::with_capacity(3);
    if let Some(d) = midsommardagen(year).and_then(|d| d.pred_opt()) {
        days.push((d, OffReason::Midsommarafton));
    }
    if let Some(d) = NaiveDate::from_ymd_opt(year, 12, 24) {
        days.push((d, OffReason::Julafton));
    }
    if let Some(d) = NaiveDate::from_ymd_opt(year, 12, 31) {
        days.push((d, OffReason::Nyarsafton));
    }
    days
}

/// Every reason a day is not a working day, most specific first (holidays in the order of
/// lag 1989:253, then the aftnar, then lördag/söndag). Empty for a working day.
pub fn off_reasons(date: NaiveDate) -> Vec<OffReason> {
    let mut reasons: Vec<OffReason> = public_holidays(date.year())
        .into_iter()
        .chain(eves(date.year()))
        .filter(|(d, _)| *d == date)
        .map(|(_, r)| r)
        .collect();
    match date.weekday() {
        Weekday::Sat => reasons.push(OffReason::Lordag),
        Weekday::Sun => reasons.push(OffReason::Sondag),
        _ => {}
    }
    reasons
}

/// Whether `date` is a working day, and if not, its most specific reason.
pub fn day_kind(date: NaiveDate) -> DayKind {
    match off_reasons(date).first() {
        Some(reason) => DayKind::Off(*reason),
        None => DayKind::Working,
    }
}

/// Whether `date` is a vardag in the sense of lag (1930:173) 2 §: not a Saturday, Sunday,
/// public holiday, midsommarafton, julafton or nyårsafton.
pub fn is_working_day(date: NaiveDate) -> bool {
    day_kind(date) == DayKind::Working
}

/// The first working day strictly after `date` ("nästa vardag"); `None` only at the end of
/// chrono's date range.
pub fn next_working_day(date: NaiveDate) -> Option<NaiveDate> {
    working_day_on_or_after(date.succ_opt()?)
}

/// `date` itself when it is a working day, else the next working day.
pub fn working_day_on_or_after(date: NaiveDate) -> Option<NaiveDate> {
    let mut day = date;
    // No run of non-working days is longer than a week, so this ends quickly.
    while !is_working_day(day) {
        day = day.succ_opt()?;
    }
    Some(day)
}

/// A length of time as statutes state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// N days: the last day is the start day plus N ("senast 14 dagar efter sammanträdet").
    Days(u32),
    /// N weeks: by lag (1930:173) 1 §, the day with the start day's weekday name, N weeks on.
    Weeks(u32),
    /// N months: by lag (1930:173) 1 §, the day with the start day's number, N months on, or
    /// that month's last day when it has no such day.
    Months(u32),
}

/// The last day of a statutory period, before and after lag (1930:173) 2 § moved it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// The last day by plain counting (lag 1930:173 1 § for weeks and months).
    pub naive: NaiveDate,
    /// The day the act may still be done: `naive`, or the first working day after it.
    pub date: NaiveDate,
    /// Every day skipped between `naive` and `date`, with why (empty when not moved).
    pub moved_because: Vec<(NaiveDate, OffReason)>,
}

impl Deadline {
    /// Moves `naive` forward per lag (1930:173) 2 § to the first working day on or after it.
    pub fn moved_from(naive: NaiveDate) -> Result<Self, LawError> {
        let mut moved_because = Vec::new();
        let mut day = naive;
        loop {
            match day_kind(day) {
                DayKind::Working => break,
                DayKind::Off(reason) => {
                    moved_because.push((day, reason));
                    day = day.succ_opt().ok_or(LawError::OutOfRange)?;
                }
            }
        }
        Ok(Deadline {
            naive,
            date: day,
            moved_because,
        })
    }

    /// Whether lag (1930:173) moved the last day.
    pub fn was_moved(&self) -> bool {
        self.date != self.naive
    }
}

/// The last day of a period of `period` from `start`, moved forward per lag (1930:173) 2 §
/// when it falls on a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton.
pub fn period_end(start: NaiveDate, period: Period) -> Result<Deadline, LawError> {
    let naive = match period {
        Period::Days(n) => start.checked_add_days(Days::new(u64::from(n))),
        Period::Weeks(n) => start.checked_add_days(Days::new(u64::from(n) * 7)),
        // chrono clamps to the month's last day, exactly as 1 § second sentence says.
        Period::Months(n) => start.checked_add_months(Months::new(n)),
    }
    .ok_or(LawError::OutOfRange)?;
    Deadline::moved_from(naive)
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Swedish name of a weekday, lower case ("tisdag").
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "måndag",
        Weekday::Tue => "tisdag",
        Weekday::Wed => "onsdag",
        Weekday::Thu => "torsdag",
        Weekday::Fri => "fredag",
        Weekday::Sat => "lördag",
        Weekday::Sun => "söndag",
    }
}

/// A date as Swedish prose: "1 april 2024".
pub fn format_date(date: NaiveDate) -> String {
    let month = MONTHS.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {} {}", date.day(), month, date.year())
}

/// A date with its weekday as Swedish prose: "tisdag 2 april 2024".
pub fn format_date_long(date: NaiveDate) -> String {
    format!("{} {}", weekday_name(date.weekday()), format_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_matches_published_tables() {
        // Svenska almanackan / the standard Gregorian tables.
        let known = [
            (1900, 4, 15),
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
            (2049, 4, 18),
            (2100, 3, 28),
            (2200, 4, 6),
            // The extremes of the computus: 22 March and 25 April.
            (1913, 3, 23),
            (1943, 4, 25),
            (2285, 3, 22),
        ];
        for (y, m, day) in known {
            assert_eq!(easter_sunday(y), Some(d(y, m, day)), "easter {y}");
        }
    }

    #[test]
    fn easter_is_always_a_sunday_between_22_march_and_25_april() {
        for y in 1900..=2200 {
            let e = easter_sunday(y).unwrap();
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            assert!(e >= d(y, 3, 22) && e <= d(y, 4, 25), "{y}: {e}");
        }
    }

    fn names(year: i32) -> Vec<(String, &'static str)> {
        public_holidays(year)
            .into_iter()
            .map(|(date, r)| (date.to_string(), r.swedish()))
            .collect()
    }

    #[test]
    fn holidays_2024() {
        let expected = [
            ("2024-01-01", "nyårsdagen"),
            ("2024-01-06", "trettondedag jul"),
            ("2024-03-29", "långfredagen"),
            ("2024-03-31", "påskdagen"),
            ("2024-04-01", "annandag påsk"),
            ("2024-05-01", "första maj"),
            ("2024-05-09", "Kristi himmelsfärdsdag"),
            ("2024-05-19", "pingstdagen"),
            ("2024-06-06", "nationaldagen"),
            ("2024-06-22", "midsommardagen"),
            ("2024-11-02", "alla helgons dag"),
            ("2024-12-25", "juldagen"),
            ("2024-12-26", "annandag jul"),
        ];
        let got = names(2024);
        let want: Vec<(String, &str)> = expected.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn holidays_2025() {
        let expected = [
            ("2025-01-01", "nyårsdagen"),
            ("2025-01-06", "trettondedag jul"),
            ("2025-04-18", "långfredagen"),
            ("2025-04-20", "påskdagen"),
            ("2025-04-21", "annandag påsk"),
            ("2025-05-01", "första maj"),
            ("2025-05-29", "Kristi himmelsfärdsdag"),
            ("2025-06-06", "nationaldagen"),
            ("2025-06-08", "pingstdagen"),
            ("2025-06-21", "midsommardagen"),
            ("2025-11-01", "alla helgons dag"),
            ("2025-12-25", "juldagen"),
            ("2025-12-26", "annandag jul"),
        ];
        let got = names(2025);
        let want: Vec<(String, &str)> = expected.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn holidays_2000_have_annandag_pingst_and_no_nationaldag() {
        let expected = [
            ("2000-01-01", "nyårsdagen"),
            ("2000-01-06", "trettondedag jul"),
            ("2000-04-21", "långfredagen"),
            ("2000-04-23", "påskdagen"),
            ("2000-04-24", "annandag påsk"),
            ("2000-05-01", "första maj"),
            ("2000-06-01", "Kristi himmelsfärdsdag"),
            ("2000-06-11", "pingstdagen"),
            ("2000-06-12", "annandag pingst"),
            ("2000-06-24", "midsommardagen"),
            ("2000-11-04", "alla helgons dag"),
            ("2000-12-25", "juldagen"),
            ("2000-12-26", "annandag jul"),
        ];
        let got = names(2000);
        let want: Vec<(String, &str)> = expected.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_2005_swap_of_annandag_pingst_for_nationaldagen() {
        // 2004: Easter 11 April, annandag pingst 31 May; 6 June (a Sunday) is no holiday.
        assert_eq!(
            day_kind(d(2004, 5, 31)),
            DayKind::Off(OffReason::AnnandagPingst)
        );
        assert!(!off_reasons(d(2004, 6, 6)).contains(&OffReason::Nationaldagen));
        // 2005: Easter 27 March, annandag pingst 16 May is a working day; 6 June a holiday.
        assert!(is_working_day(d(2005, 5, 16)));
        assert_eq!(
            day_kind(d(2005, 6, 6)),
            DayKind::Off(OffReason::Nationaldagen)
        );
    }

    #[test]
    fn every_year_has_its_holidays_in_their_windows() {
        for y in 1900..=2200 {
            let h = public_holidays(y);
            assert_eq!(h.len(), 13, "{y}");
            let e = easter_sunday(y).unwrap();
            for (date, reason) in &h {
                match reason {
                    OffReason::Midsommardagen => {
                        assert_eq!(date.weekday(), Weekday::Sat);
                        assert!(*date >= d(y, 6, 20) && *date <= d(y, 6, 26));
                    }
                    OffReason::AllaHelgonsDag => {
                        assert_eq!(date.weekday(), Weekday::Sat);
                        assert!(*date >= d(y, 10, 31) && *date <= d(y, 11, 6));
                    }
                    OffReason::Langfredagen => assert_eq!(*date, shift(e, -2).unwrap()),
                    OffReason::KristiHimmelsfardsdag => {
                        assert_eq!(date.weekday(), Weekday::Thu);
                        assert_eq!(*date, shift(e, 39).unwrap());
                    }
                    OffReason::Pingstdagen => assert_eq!(date.weekday(), Weekday::Sun),
                    _ => {}
                }
            }
            let (midsommarafton, _) = eves(y)[0];
            assert_eq!(midsommarafton.weekday(), Weekday::Fri);
            assert!(midsommarafton >= d(y, 6, 19) && midsommarafton <= d(y, 6, 25));
        }
    }

    #[test]
    fn midsommar_and_alla_helgon_at_the_edges_of_their_windows() {
        assert_eq!(midsommardagen(2024), Some(d(2024, 6, 22)));
        assert_eq!(midsommardagen(2026), Some(d(2026, 6, 20))); // 20 June a Saturday
        assert_eq!(midsommardagen(2021), Some(d(2021, 6, 26))); // 26 June a Saturday
        assert_eq!(alla_helgons_dag(2026), Some(d(2026, 10, 31))); // 31 Oct a Saturday
        assert_eq!(alla_helgons_dag(2020), Some(d(2020, 10, 31)));
        assert_eq!(alla_helgons_dag(2021), Some(d(2021, 11, 6))); // 6 Nov a Saturday
        assert_eq!(
            day_kind(d(2021, 6, 25)),
            DayKind::Off(OffReason::Midsommarafton)
        );
        assert_eq!(day_kind(d(2021, 6, 18)), DayKind::Working);
    }

    #[test]
    fn reasons_prefer_the_holiday_over_the_weekday() {
        assert_eq!(
            day_kind(d(2024, 4, 1)),
            DayKind::Off(OffReason::AnnandagPask)
        );
        assert_eq!(day_kind(d(2024, 3, 31)), DayKind::Off(OffReason::Paskdagen));
        assert_eq!(day_kind(d(2024, 3, 30)), DayKind::Off(OffReason::Lordag));
        assert_eq!(day_kind(d(2024, 3, 10)), DayKind::Off(OffReason::Sondag));
        assert_eq!(day_kind(d(2021, 12, 25)), DayKind::Off(OffReason::Juldagen));
        assert_eq!(day_kind(d(2021, 12, 24)), DayKind::Off(OffReason::Julafton));
        assert_eq!(
            day_kind(d(2021, 12, 31)),
            DayKind::Off(OffReason::Nyarsafton)
        );
        // 2008: första maj and Kristi himmelsfärdsdag on the same Thursday.
        assert_eq!(
            off_reasons(d(2008, 5, 1)),
            vec![OffReason::ForstaMaj, OffReason::KristiHimmelsfardsdag]
        );
        assert!(is_working_day(d(2024, 3, 11)));
        assert!(!OffReason::Lordag.is_public_holiday());
        assert!(OffReason::Sondag.is_public_holiday());
    }

    #[test]
    fn next_working_day_skips_whole_runs() {
        // Easter 2024: Thursday 28 March → Tuesday 2 April.
        assert_eq!(next_working_day(d(2024, 3, 28)), Some(d(2024, 4, 2)));
        // Christmas 2020: julafton Thursday … Sunday 27 → Monday 28.
        assert_eq!(next_working_day(d(2020, 12, 23)), Some(d(2020, 12, 28)));
        // Nyårsafton 2021 Friday, nyårsdagen Saturday → Monday 3 January 2022.
        assert_eq!(next_working_day(d(2021, 12, 30)), Some(d(2022, 1, 3)));
        assert_eq!(
            working_day_on_or_after(d(2024, 3, 11)),
            Some(d(2024, 3, 11))
        );
        assert_eq!(next_working_day(NaiveDate::MAX), None);
    }

    #[test]
    fn periods_count_per_lag_1930_173() {
        let e = period_end(d(2024, 3, 11), Period::Weeks(3)).unwrap();
        assert_eq!(e.naive, d(2024, 4, 1));
        assert_eq!(e.date, d(2024, 4, 2));
        assert_eq!(
            e.moved_because,
            vec![(d(2024, 4, 1), OffReason::AnnandagPask)]
        );
        let e = period_end(d(2024, 3, 8), Period::Days(2)).unwrap();
        assert_eq!((e.naive, e.date), (d(2024, 3, 10), d(2024, 3, 11)));
        // Months: 31 January + 1 month = the last day of February.
        let e = period_end(d(2024, 1, 31), Period::Months(1)).unwrap();
        assert_eq!(e.naive, d(2024, 2, 29));
        assert_eq!(e.date, d(2024, 2, 29));
        assert!(period_end(NaiveDate::MAX, Period::Days(1)).is_err());
    }

    #[test]
    fn deadlines_landing_on_the_aftnar() {
        // Midsommarafton 2024 (Friday 21 June) → Monday 24 June.
        let e = period_end(d(2024, 6, 7), Period::Days(14)).unwrap();
        assert_eq!(e.naive, d(2024, 6, 21));
        assert_eq!(e.date, d(2024, 6, 24));
        assert_eq!(
            e.moved_because,
            vec![
                (d(2024, 6, 21), OffReason::Midsommarafton),
                (d(2024, 6, 22), OffReason::Midsommardagen),
                (d(2024, 6, 23), OffReason::Sondag),
            ]
        );
        // Julafton 2025 (Wednesday) → Monday 29 December.
        let e = period_end(d(2025, 12, 3), Period::Weeks(3)).unwrap();
        assert_eq!(e.naive, d(2025, 12, 24));
        assert_eq!(e.date, d(2025, 12, 29));
        // Nyårsafton 2024 (Tuesday) → Thursday 2 January 2025.
        let e = period_end(d(2024, 12, 29), Period::Days(2)).unwrap();
        assert_eq!(e.naive, d(2024, 12, 31));
        assert_eq!(e.date, d(2025, 1, 2));
        assert_eq!(e.moved_because.len(), 2);
    }

    #[test]
    fn dates_read_as_swedish() {
        assert_eq!(format_date(d(2024, 4, 1)), "1 april 2024");
        assert_eq!(format_date_long(d(2024, 4, 2)), "tisdag 2 april 2024");
        assert_eq!(
            serde_json::to_string(&OffReason::AnnandagPask).unwrap(),
            "\"annandag påsk\""
        );
    }

    proptest::proptest! {
        #[test]
        fn a_deadline_is_the_first_working_day_on_or_after_the_naive_day(
            y in 1900i32..=2200, ordinal in 1u32..=365, n in 0u32..60, unit in 0u8..3
        ) {
            let start = NaiveDate::from_yo_opt(y, ordinal).unwrap();
            let period = match unit { 0 => Period::Days(n), 1 => Period::Weeks(n % 8), _ => Period::Months(n % 13) };
            let e = period_end(start, period).unwrap();
            proptest::prop_assert!(is_working_day(e.date));
            proptest::prop_assert!(e.date >= e.naive);
            let mut day = e.naive;
            while day < e.date {
                proptest::prop_assert!(!is_working_day(day));
                day = day.succ_opt().unwrap();
            }
            proptest::prop_assert_eq!(e.moved_because.len() as i64, (e.date - e.naive).num_days());
            proptest::prop_assert_eq!(Some(e.date), working_day_on_or_after(e.naive));
        }

        #[test]
        fn next_working_day_is_strictly_later_and_working(y in 1900i32..=2200, ordinal in 1u32..=365) {
            let day = NaiveDate::from_yo_opt(y, ordinal).unwrap();
            let next = next_working_day(day).unwrap();
            proptest::prop_assert!(next > day);
            proptest::prop_assert!(is_working_day(next));
            proptest::prop_assert!((next - day).num_days() <= 6);
        }
    }
}
