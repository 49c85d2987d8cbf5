//! Dates and clock times as Swedish minutes print them: `2024-03-05`, `5 mars 2024`, `12/3 2024`,
//! older minutes' `89-11-14` and `891114`, `kl. 13:00 – 14:45`, `klockan 18:30-20:00`,
//! `kl 10.00–12.00`.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?:^|[^\d])((?:19|20|21)\d{2})-(\d{1,2})-(\d{1,2})(?:$|[^\d])")
        .expect("regex")
});

static WRITTEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:den\s+)?(\d{1,2})(?::[ae])?\s+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.?\s+((?:19|20|21)\d{2})\b",
    )
    .expect("regex")
});

/// A date written day/month and the year: "12/3 2024", "12/3-2024", "12/3/2024" (never "4/2020",
/// a number and a year).
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"\b(\d{1,2})/(\d{1,2})(?:\s+|\s*-\s*|/)((?:19|20|21)\d{2})\b")
        .expect("regex")
});

/// A date with dots between its numbers, the year first ("2025.10.14", as typewritten minutes
/// and some registers print it) or last ("14.10.2025"); never part of a longer dotted number
/// (a Dnr's "2016.0112.233", an amount's "1.250.000").
static DOT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?:^|[^\d.])(?:((?:19|20|21)\d{2})\.(\d{1,2})\.(\d{1,2})|(\d{1,2})\.(\d{1,2})\.((?:19|20|21)\d{2}))(?:$|[^\d.]|\.(?:\s|$))",
    )
    .expect("regex")
});

static TIME_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)(?:\b(?:kl|klockan)\.?\s*)?\b(\d{1,2})[.:](\d{2})\s*(?:-|–|—|till)\s*(?:kl\.?\s*)?(?:(?:ca\.?|cirka|omkring)\s*)?(\d{1,2})[.:](\d{2})\b",
    )
    .expect("regex")
});

static KL_HOURS: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)\b(?:kl|klockan)\.?\s*(\d{1,2})(?:[.:](\d{2}))?(?:\s*(?:-|–|—|till)\s*(\d{1,2})(?:[.:](\d{2}))?)?\b")
        .expect("regex")
});

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b",
    )
    .expect("regex")
});

/// A day and month without a year, as a time value names the days of a meeting over two days
/// ("måndagen den 17 juni kl. 09.00–17.00 och tisdagen den 18 juni kl. 09.00–12.10").
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:den\s+)?\d{1,2}(?::[ae])?\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b",
    )
    .expect("regex")
});

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let m = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "maj" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "okt" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Whether `text` has "19", "20" or "21" somewhere: a year's first two digits.
fn has_century(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| (w[0] == b'1' && w[1] == b'9') || (w[0] == b'2' && (w[1] == b'0' || w[1] == b'1')))
}

/// The first date in `text` with its byte span: ISO (`2024-03-05`), written (`5 mars 2024`) or
/// day/month and year (`12/3 2024`).
pub(crate) fn find_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let short = if text.len() >= 6 && text.contains('/') {
        short_slash_date(text)
    } else {
        None
    };
    // The patterns below need a year starting with the literal "19", "20" or "21".
    if !has_century(text) {
        return short.or_else(|| two_digit_year_date(text));
    }
    let best = find_full_date(text);
    match (best, short) {
        (Some(b), Some(s)) if s.1.start < b.1.start => Some(s),
        (None, s) => s.or_else(|| two_digit_year_date(text)),
        (b, _) => b,
    }
}

/// A date with the year in two digits, as minutes of the 1970s–90s print it: "89-11-14"
/// (year, month, day) or "891114" in one run. A year below 70 is of this century. The date
/// stands apart: no part of a longer number, a Dnr ("KS 89-11-14/3"), a personnummer
/// ("891114-1234") or an amount (a month or day of 00 is none).
fn two_digit_year_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let b = text.as_bytes();
    let digits_at = |at: usize| b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let number = |r: Range<usize>| text.get(r).and_then(|t| t.parse::<u32>().ok());
    let apart_before = |at: usize| {
        at == 0
            || b[..at].last().is_some_and(|c| {
                !(c.is_ascii_alphanumeric() || matches!(c, b'/' | b'-' | b'.' | b','))
            })
    };
    let apart_after = |at: usize| {
        b.get(at)
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'/' | b'-')))
            // a sentence's full stop may follow, a decimal may not
            && !(b.get(at) == Some(&b'.') && b.get(at + 1).is_some_and(u8::is_ascii_digit))
    };
    let date = |yy: u32, m: u32, d: u32| {
        let year = if yy < 70 { 2000 + yy } else { 1900 + yy };
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, m, d)
    };
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || !apart_before(i) {
            i += 1;
            continue;
        }
        let n = digits_at(i);
        // "89-11-14"
        if n == 2
            && b.get(i + 2) == Some(&b'-')
            && digits_at(i + 3) == 2
            && b.get(i + 5) == Some(&b'-')
            && digits_at(i + 6) == 2
            && apart_after(i + 8)
            && let Some(d) = date(
                number(i..i + 2)?,
                number(i + 3..i + 5)?,
                number(i + 6..i + 8)?,
            )
        {
            return Some((d, i..i + 8));
        }
        // "891114"
        if n == 6
            && apart_after(i + 6)
            && let Some(d) = date(
                number(i..i + 2)?,
                number(i + 2..i + 4)?,
                number(i + 4..i + 6)?,
            )
        {
            return Some((d, i..i + 6));
        }
        i += n.max(1);
    }
    None
}

/// A date written day/month-year with the year in two digits, as older minutes and many
/// secretaries write it ("8/3-24", "30/3-97"): a year below 70 is of this century. The day
/// and month are one or two digits each, no part of a longer number ("2024/3-24" is a Dnr).
fn short_slash_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let b = text.as_bytes();
    let digits_back = |end: usize| {
        b[..end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let digits_at = |at: usize| b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let number = |r: Range<usize>| text[r].parse::<u32>().ok();
    for (slash, _) in text.match_indices('/') {
        let nd = digits_back(slash);
        let start = slash - nd;
        if !(1..=2).contains(&nd)
            || b[..start].last().is_some_and(|c| {
                matches!(c, b'/' | b'-' | b'.' | b',') || c.is_ascii_alphanumeric()
            })
        {
            continue;
        }
        let nm = digits_at(slash + 1);
        let dash = slash + 1 + nm;
        if !(1..=2).contains(&nm) || b.get(dash) != Some(&b'-') || digits_at(dash + 1) != 2 {
            continue;
        }
        let end = dash + 3;
        if b.get(end)
            .is_some_and(|c| matches!(c, b'/' | b'-') || c.is_ascii_alphanumeric())
        {
            continue;
        }
        let yy = number(dash + 1..end)?;
        let year = if yy < 70 { 2000 + yy } else { 1900 + yy };
        let date = NaiveDate::from_ymd_opt(
            i32::try_from(year).ok()?,
            number(slash + 1..dash)?,
            number(start..slash)?,
        );
        if let Some(date) = date {
            return Some((date, start..end));
        }
    }
    None
}

/// `find_date` for the dates with the year in full.
fn find_full_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let mut best: Option<(NaiveDate, Range<usize>)> = None;
    if text.len() >= 8 && text.bytes().any(|b| b == b'-') {
        for c in ISO_DATE.captures_iter(text) {
            let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) else {
                continue;
            };
            let date = NaiveDate::from_ymd_opt(
                y.as_str().parse().unwrap_or(0),
                m.as_str().parse().unwrap_or(0),
                d.as_str().parse().unwrap_or(0),
            );
            if let Some(date) = date {
                best = Some((date, y.start()..d.end()));
                break;
            }
        }
    }
    if text.len() >= 10 && text.bytes().any(|b| b.is_ascii_alphabetic()) {
        for c in WRITTEN_DATE.captures_iter(text) {
            let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
            else {
                continue;
            };
            if best.as_ref().is_some_and(|(_, r)| r.start < all.start()) {
                break;
            }
            let date = month_number(m.as_str()).and_then(|month| {
                NaiveDate::from_ymd_opt(
                    y.as_str().parse().unwrap_or(0),
                    month,
                    d.as_str().parse().unwrap_or(0),
                )
            });
            if let Some(date) = date {
                best = Some((date, all.start()..all.end()));
                break;
            }
        }
    }
    if text.len() >= 8 && text.bytes().any(|b| b == b'/') {
        for c in SLASH_DATE.captures_iter(text) {
            let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
            else {
                continue;
            };
            if best.as_ref().is_some_and(|(_, r)| r.start < all.start()) {
                break;
            }
            // "2024/12/3 2025" or "KS-2024/12/3 2025": part of a number, not a date.
            if text[..all.start()].ends_with(['/', '-']) {
                continue;
            }
            let num = |m: regex::Match| m.as_str().parse::<u32>().unwrap_or(0);
            let year = y.as_str().parse().unwrap_or(0);
            if let Some(date) = NaiveDate::from_ymd_opt(year, num(m), num(d)) {
                best = Some((date, all.start()..all.end()));
                break;
            }
        }
    }
    if text.len() >= 8 && text.bytes().any(|b| b == b'.') {
        for c in DOT_DATE.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            if best.as_ref().is_some_and(|(_, r)| r.start < all.start()) {
                break;
            }
            let num = |i: usize| {
                c.get(i)
                    .and_then(|m| m.as_str().parse::<u32>().ok())
                    .unwrap_or(0)
            };
            // year first ("2025.10.14") or day first ("14.10.2025")
            let (y, m, d) = if c.get(1).is_some() {
                (num(1), num(2), num(3))
            } else {
                (num(6), num(5), num(4))
            };
            let span = c.get(1).or(c.get(4)).map_or(all.start(), |m| m.start())
                ..c.get(3).or(c.get(6)).map_or(all.end(), |m| m.end());
            if let Some(date) = NaiveDate::from_ymd_opt(i32::try_from(y).unwrap_or(0), m, d) {
                best = Some((date, span));
                break;
            }
        }
    }
    best
}

/// A period written with the year once, at its end: "20 oktober–11 november 2025", "3–24 mars
/// 2025", "den 23 september till den 15 oktober 2025". The first day takes the second's month
/// when it has none, and its year (the year before when its month comes later: "15 december
/// 2024–7 januari 2025" has both years and is two dates anyway).
static WRITTEN_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:den\s+)?(\d{1,2})(?:\s+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december))?\s*(?:-|–|—|till\s+och\s+med|till|t\.\s?o\.\s?m\.)\s*(?:den\s+)?(\d{1,2})\s+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+((?:19|20|21)\d{2})\b",
    )
    .expect("regex")
});

/// The first and last day of a period written with its year once (see `WRITTEN_PERIOD`).
pub(crate) fn written_period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    if !has_century(text) || !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let c = WRITTEN_PERIOD.captures(text)?;
    let num = |i: usize| c.get(i)?.as_str().parse::<u32>().ok();
    let year: i32 = c.get(5)?.as_str().parse().ok()?;
    let end_month = month_number(c.get(4)?.as_str())?;
    let end = NaiveDate::from_ymd_opt(year, end_month, num(3)?)?;
    let start_month = match c.get(2) {
        Some(m) => month_number(m.as_str())?,
        None => end_month,
    };
    let start_year = if start_month > end_month {
        year - 1
    } else {
        year
    };
    let start = NaiveDate::from_ymd_opt(start_year, start_month, num(1)?)?;
    (start <= end).then_some((start, end))
}

/// A period written day/month to day/month with the year once: "14/3–7/4 2025", "14/3 - 7/4
/// 2025".
static SLASH_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"\b(\d{1,2})/(\d{1,2})\s*(?:-|–|—|till)\s*(\d{1,2})/(\d{1,2})(?:\s+|\s*-\s*)((?:19|20|21)\d{2})\b",
    )
    .expect("regex")
});

/// The first and last day of a period written with slashes and the year once (see
/// `SLASH_PERIOD`); the first day in the year before when its month comes later.
pub(crate) fn slash_period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    if !text.contains('/') || !has_century(text) {
        return None;
    }
    let c = SLASH_PERIOD.captures(text)?;
    let num = |i: usize| c.get(i)?.as_str().parse::<u32>().ok();
    let year: i32 = c.get(5)?.as_str().parse().ok()?;
    let end = NaiveDate::from_ymd_opt(year, num(4)?, num(3)?)?;
    let start_month = num(2)?;
    let start_year = if start_month > num(4)? {
        year - 1
    } else {
        year
    };
    let start = NaiveDate::from_ymd_opt(start_year, start_month, num(1)?)?;
    (start <= end).then_some((start, end))
}

/// The days of a meeting held over more than one day, written as one date: the first and last
/// day and the span of the whole ("2024-06-17--18", "2024-06-17–18", "2024-06-17 - 2024-06-18",
/// "17–18 juni 2024"). `None` for a single date or none.
pub(crate) fn find_days(text: &str) -> Option<(NaiveDate, NaiveDate, Range<usize>)> {
    let (first, r) = find_date(text)?;
    // A period with its year once ("17–18 juni 2024") starts before the date found in it.
    if r.start > 0
        && text[..r.start].bytes().any(|b| b.is_ascii_digit())
        && let Some(m) = WRITTEN_PERIOD.find(text)
        && m.start() < r.start
        && let Some((a, b)) = written_period(m.as_str())
    {
        return Some((a, b, m.start()..m.end()));
    }
    let rest = &text[r.end..];
    let after_dash = rest.trim_start().trim_start_matches(['-', '–', '—']);
    let dashes = rest.trim_start().len() - after_dash.len();
    if !(1..=6).contains(&dashes) {
        return None;
    }
    let after = after_dash.trim_start();
    let at = r.end + (rest.len() - after.len());
    if let Some((last, r2)) = find_date(after).filter(|(_, r2)| r2.start == 0) {
        return (last > first).then_some((first, last, r.start..at + r2.end));
    }
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let next = after.as_bytes().get(digits);
    if !(1..=2).contains(&digits) || next.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-') {
        return None;
    }
    let day: u32 = after[..digits].parse().ok()?;
    let last = first.with_day(day).filter(|d| *d > first)?;
    Some((first, last, r.start..at + digits))
}

/// The first date in `text`, a meeting's days (see `find_days`) by the first: the day a
/// meeting over two days ("17–18 juni 2024") met first.
pub(crate) fn find_first_day(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    find_days(text)
        .map(|(first, _, r)| (first, r))
        .or_else(|| find_date(text))
}

/// The first date in `text`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    find_date(text).map(|(d, _)| d)
}

/// Start and end of a meeting as 24h `HH:MM`, with any adjournment (ajournering) text that was
/// set aside.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Times {
    pub start: Option<String>,
    pub end: Option<String>,
    pub adjournment: Option<String>,
}

fn hhmm(h: &str, m: Option<&str>) -> Option<String> {
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.map_or(Some(0), |m| m.parse().ok())?;
    (h <= 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

/// Reads start and end times from text like `2024-05-14, klockan 18:30-20:00` or
/// `kl. 13.00–16.30, ajournering 14.30–14.45`. Several ranges give the first start and last end.
pub(crate) fn parse_times(text: &str) -> Times {
    let mut times = Times::default();
    let mut work = text.to_string();
    if let Some(r) = adjournment_span(text) {
        times.adjournment = Some(text[r.clone()].trim().to_string());
        work = format!("{}{}", &text[..r.start], &text[r.end..]);
    }
    // Dates would read as times ("2024-05-14" has no '.' or ':' so is safe); drop them anyway.
    let mut ranges = Vec::new();
    for c in TIME_RANGE.captures_iter(&work) {
        let s = hhmm(&c[1], Some(&c[2]));
        let e = hhmm(&c[3], Some(&c[4]));
        if let (Some(s), Some(e)) = (s, e) {
            ranges.push((s, e));
        }
    }
    if let (Some(first), Some(last)) = (ranges.first(), ranges.last()) {
        times.start = Some(first.0.clone());
        times.end = Some(last.1.clone());
        return times;
    }
    if let Some(c) = KL_HOURS.captures(&work) {
        times.start = hhmm(&c[1], c.get(2).map(|m| m.as_str()));
        if let Some(h) = c.get(3) {
            times.end = hhmm(h.as_str(), c.get(4).map(|m| m.as_str()));
        }
    }
    if times.start.is_none()
        && let Some((start, end)) = four_digit_times(&work)
    {
        times.start = Some(start);
        times.end = end;
    }
    if times.start.is_none() {
        times.start = open_range_start(&work);
    }
    // "kl 13.00, …, avslutat 17.00": the end told after the word that ends the meeting
    if times.start.is_some() && times.end.is_none() {
        times.end = ["avslutat", "avslutas", "avslutades", "slut "]
            .iter()
            .find_map(|w| super::find_folded(&work, &[w]))
            .and_then(|at| first_time(&work[at.end..]));
    }
    times
}

/// A start time before a dash that ends the text, its end left open ("13:00–", "Sessionssalen,
/// 13.15 -"), as a cover printed before the meeting closed: the time, with or without "kl.".
/// A date's last part ("2025-03-04") is no time: the clock time has a '.' or ':'.
fn open_range_start(text: &str) -> Option<String> {
    let before = text.trim_end().strip_suffix(['-', '–', '—'])?.trim_end();
    let token = before.rsplit([' ', '\t', ',']).next()?;
    let (h, m) = token.split_once(['.', ':'])?;
    let clock = (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit());
    clock.then(|| hhmm(h, Some(m))).flatten()
}

/// The first clock time "HH.MM" or "HH:MM" within the first few characters of `text`
/// ("17.00", " kl. 17.00").
fn first_time(text: &str) -> Option<String> {
    let head: String = text.chars().take(16).collect();
    let b = head.as_bytes();
    (0..b.len()).find_map(|i| {
        let h_len = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let starts = i == 0 || !b[i - 1].is_ascii_digit();
        (starts
            && (1..=2).contains(&h_len)
            && matches!(b.get(i + h_len), Some(b'.' | b':'))
            && b.get(i + h_len + 1..i + h_len + 3)
                .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
            && !b.get(i + h_len + 3).is_some_and(u8::is_ascii_digit))
        .then(|| {
            hhmm(
                &head[i..i + h_len],
                Some(&head[i + h_len + 1..i + h_len + 3]),
            )
        })
        .flatten()
    })
}

/// Times written in four digits after "kl", as older minutes do: "kl 1300-1700", "kl. 0900".
fn four_digit_times(text: &str) -> Option<(String, Option<String>)> {
    let lower = text.to_lowercase();
    let at = lower.find("kl")?;
    let rest = lower[at + 2..].trim_start_matches(['.', ' ']);
    let b = rest.as_bytes();
    let four = |s: &[u8]| {
        s.len() >= 4
            && s[..4].iter().all(u8::is_ascii_digit)
            && !s.get(4).is_some_and(u8::is_ascii_digit)
    };
    if !four(b) {
        return None;
    }
    let time = |s: &str| {
        let (h, m) = (&s[..2], &s[2..4]);
        (m.parse::<u32>().ok()? < 60)
            .then(|| hhmm(h, Some(m)))
            .flatten()
    };
    let start = time(&rest[..4])?;
    let after = rest[4..].trim_start();
    let end = after
        .strip_prefix('-')
        .or_else(|| after.strip_prefix('–'))
        .map(str::trim_start)
        .filter(|e| four(e.as_bytes()))
        .and_then(|e| time(&e[..4]));
    Some((start, end))
}

/// A line of the meeting's own course printed among the paragraphs: the chair opening or
/// closing the meeting, or an adjournment ("Ordföranden förklarar sammanträdet avslutat kl.
/// 15.30.", "Mötet avslutas kl. 16.05", "Sammanträdet ajourneras kl. 14.10–14.25."). It is
/// no text of the paragraph it stands in; its time is the meeting's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Course {
    /// The meeting opened, at this time if one is given.
    Opened(Option<String>),
    /// The meeting closed, at this time if one is given.
    Closed(Option<String>),
    /// An adjournment or the meeting resumed, as printed.
    Adjourned(String),
    /// A member leaves or joins the meeting during it, as printed ("Per Olsson (M) lämnar
    /// sammanträdet kl. 15.10 och ersätts av Eva Lund (M)."): attendance, no decision.
    Attendance(String),
    /// A day of a meeting held over several days begins: its number when printed ("Dag 2,
    /// tisdagen den 18 juni 2024"), `None` for the next day ("Fortsättning på sammanträdet
    /// tisdagen den 18 juni").
    Day(Option<u32>),
}

/// The meeting's course told by a whole line (see `Course`), or `None`. A short sentence
/// about "sammanträdet" or "mötet" only (or a line opening with "Ajournering"), so a
/// decision that mentions a meeting is never one.
pub(crate) fn course(line: &str) -> Option<Course> {
    let t = line.trim();
    if t.is_empty() || t.len() > 200 {
        return None;
    }
    // a sentence of attendance names two people and a time: longer than the others
    if t.len() > 100 || t.split_whitespace().count() > 12 {
        return attendance(t, &t.to_lowercase());
    }
    let lower = t.to_lowercase();
    let lower = lower.trim_end_matches('.');
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let time = || {
        KL_HOURS
            .captures(t)
            .and_then(|c| hhmm(&c[1], c.get(2).map(|m| m.as_str())))
    };
    if words.first().is_some_and(|w| w.starts_with("ajourner")) && TIME_RANGE.is_match(t) {
        return Some(Course::Adjourned(t.to_string()));
    }
    // "Dag 2, tisdagen den 18 juni 2024", "Dag 2": a day's heading names its weekday or date,
    // or nothing else, so a sentence about a day ("Dag 2 av utbildningen …") is none.
    if words.first() == Some(&"dag")
        && let Some(n) = words
            .get(1)
            .filter(|w| w.len() == 1)
            .and_then(|w| w.parse::<u32>().ok())
            .filter(|n| *n >= 1)
        && (words.len() == 2 || WEEKDAY.is_match(t) || find_date(t).is_some())
    {
        return Some(Course::Day(Some(n)));
    }
    // "Fortsatt sammanträde 2024-04-25", "Fortsättning av sammanträdet": the meeting goes on
    // another day.
    if words
        .first()
        .is_some_and(|w| *w == "fortsatt" || w.starts_with("fortsättning"))
        && words.get(1..3).is_some_and(|ws| {
            ws.iter()
                .any(|w| w.starts_with("sammanträde") || w.starts_with("möte"))
        })
    {
        return Some(Course::Day(None));
    }
    let meeting = words
        .iter()
        .any(|w| matches!(*w, "sammanträdet" | "mötet" | "sammankomsten"));
    if !meeting {
        return None;
    }
    let has = |stem: &str| words.iter().any(|w| w.starts_with(stem));
    if let Some(a) = attendance(t, lower) {
        return Some(a);
    }
    if words.first().is_some_and(|w| w.starts_with("fortsättning")) {
        return Some(Course::Day(None));
    }
    if has("ajourner") || has("återupptas") || has("återupptogs") {
        Some(Course::Adjourned(t.to_string()))
    } else if has("avslut") {
        Some(Course::Closed(time()))
    } else if has("öppna") {
        Some(Course::Opened(time()))
    } else {
        None
    }
}

/// Someone named (a capitalised word before the verb) leaving or joining the meeting in a
/// line of at most 30 words (see `Course::Attendance`); `lower` is `t` in lower case.
fn attendance(t: &str, lower: &str) -> Option<Course> {
    if t.split_whitespace().count() > 30 {
        return None;
    }
    let moves = [
        "lämnar sammanträdet",
        "lämnar mötet",
        "lämnade sammanträdet",
        "lämnade mötet",
        "ansluter till sammanträdet",
        "ansluter till mötet",
        "anslöt till sammanträdet",
        "anslöt till mötet",
        "återkommer till sammanträdet",
        "inträder i sammanträdet",
        "tillträder sammanträdet",
    ];
    let before = &t[..super::find_folded(t, &moves)?.start];
    (before
        .split_whitespace()
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && !lower.starts_with("sammanträdet")
        && !lower.starts_with("mötet"))
    .then(|| Course::Attendance(t.to_string()))
}

/// Where an adjournment (or a pause, "paus", "uppehåll") is told in a time value: inside a
/// parenthesis up to its ')', otherwise from "ajourn…" over the time ranges that follow it ("ajournering kl. 10.05-10.20 och
/// 11.00-11.10"), so a place printed after it ("… / Stadshuset, Sammanträdesrum Vasa") stays.
/// A mention without a time range runs to the end.
fn adjournment_span(text: &str) -> Option<std::ops::Range<usize>> {
    // "ajourn…", "paus", "lunchpaus", "uppehåll": ASCII marks without non-ASCII case
    // variants, so an ASCII search finds them at a char boundary.
    let idx = [&b"ajourn"[..], b"paus", b"uppeh"]
        .iter()
        .filter_map(|m| {
            text.as_bytes()
                .windows(m.len())
                .position(|w| w.eq_ignore_ascii_case(m))
        })
        .min()?;
    let open = text[..idx].rfind('(');
    let close_before = text[..idx].rfind(')');
    if let Some(o) = open
        && close_before.is_none_or(|c| c < o)
    {
        let end = text[idx..].find(')').map_or(text.len(), |c| idx + c + 1);
        return Some(o..end);
    }
    let mut end = None;
    for m in TIME_RANGE.find_iter(&text[idx..]) {
        let (s, e) = (idx + m.start(), idx + m.end());
        // The next range belongs to the adjournment when only "och", commas and spaces part it.
        if let Some(prev) = end
            && !text[prev..s]
                .split(|c: char| c == ',' || c.is_whitespace())
                .all(|w| w.is_empty() || w.eq_ignore_ascii_case("och"))
        {
            break;
        }
        end = Some(e);
    }
    Some(idx..end.unwrap_or(text.len()))
}

/// The byte offset just past the last time range (`kl. 18.00–19.45`) in `text`, if any.
pub(crate) fn end_of_time_range(text: &str) -> Option<usize> {
    TIME_RANGE.find_iter(text).last().map(|m| m.end())
}

/// Where the last hour after "kl." or "klockan" ends, a range's or a single one's ("… kl. 19.00
/// i kommunalhuset"): the place of a sentence opening the meeting follows it.
pub(crate) fn end_of_hours(text: &str) -> Option<usize> {
    KL_HOURS.find_iter(text).last().map(|m| m.end())
}

/// Removes dates, times, weekdays and "kl." from a place or justering value:
/// `Teknikringen 9, Linköping, Lokal: Leonardo kl. 13:00 – 14:45` → `Teknikringen 9, Linköping,
/// Lokal: Leonardo`.
pub(crate) fn strip_dates_and_times(text: &str) -> String {
    let mut s = text.to_string();
    if let Some(r) = adjournment_span(&s) {
        s.replace_range(r, " ");
    }
    // Times and dates all have a digit, weekdays "dag": text without them (most of what a
    // parse asks about) is spared the regexes, each of which scans it whole.
    if s.bytes().any(|b| b.is_ascii_digit()) {
        s = TIME_RANGE.replace_all(&s, " ").into_owned();
        s = KL_HOURS.replace_all(&s, " ").into_owned();
        s = WRITTEN_DATE.replace_all(&s, " ").into_owned();
        s = DAY_MONTH.replace_all(&s, " ").into_owned();
        while let Some((_, r)) = find_date(&s) {
            s.replace_range(r, " ");
        }
    }
    if s.as_bytes()
        .windows(3)
        .any(|w| w.eq_ignore_ascii_case(b"dag"))
    {
        s = WEEKDAY.replace_all(&s, " ").into_owned();
    }
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = collapsed
        .trim_matches(|c: char| c == ',' || c == ';' || c == '-' || c == '–' || c.is_whitespace())
        .to_string();
    // "Zoom ," → "Zoom"
    while out.contains(" ,") {
        out = out.replace(" ,", ",");
    }
    while out.contains(",,") {
        out = out.replace(",,", ",");
    }
    // a time left alone at the end ("…, avslutat 17.00") or in four digits ("kl 1300-1700")
    if let Some((last_word_at, last)) = out.rsplit_once(' ').map(|(a, b)| (a.len(), b))
        && (first_time(last).is_some_and(|_| last.len() <= 5)
            // only a span: a lone four-digit number is a room's or a year ("rum 2015")
            || (last.len() == 9
                && last.as_bytes()[4] == b'-'
                && four_digit_times(&format!("kl {last}")).is_some_and(|(_, end)| end.is_some())))
    {
        out.truncate(last_word_at);
        out = out.trim_end_matches([',', ' ']).to_string();
    }
    // "och" left between two days' times ("… 17 juni kl. 09.00–17.00 och tisdagen den 18 …")
    for suffix in [
        // a meeting continued another day ("…, fortsatt sammanträde 2024-04-25 kl. 18.30")
        " fortsatt sammanträde",
        " kl.",
        " kl",
        " klockan",
        ", den",
        " den",
        " och",
        " samt",
        // "… kl. 13.00–17.00 med ajournering …", "…, avslutat 17.00": words of the times
        " med",
        " avslutat",
        " avslutas",
        " avslutades",
    ] {
        if let Some(stripped) = out.strip_suffix(suffix) {
            out = stripped.trim_end_matches([',', ' ']).to_string();
        }
    }
    out.trim_matches(|c: char| c == ',' || c.is_whitespace())
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_with_dots_between_their_numbers() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("2025.10.14"), d(2025, 10, 14));
        assert_eq!(parse_date("tisdagen 14.10.2025 kl. 13.00"), d(2025, 10, 14));
        assert_eq!(parse_date("Justeras 2025.10.17."), d(2025, 10, 17));
        // a Dnr's filing class, an amount, a time: no dates
        assert_eq!(parse_date("Dnr 2016.0112.233"), None);
        assert_eq!(parse_date("1.250.2025 kronor"), None);
        assert_eq!(parse_date("kl. 13.00–15.30"), None);
    }

    #[test]
    fn older_minutes_dates_with_a_two_digit_year() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("89-11-14"), d(1989, 11, 14));
        assert_eq!(parse_date("Kommunkansliet 891120"), d(1989, 11, 20));
        assert_eq!(parse_date("anslås 03-02-17."), d(2003, 2, 17));
        // no part of a personnummer, a Dnr, an amount, a phone number or a decimal
        assert_eq!(parse_date("891114-1234"), None);
        assert_eq!(parse_date("KS 89-11-14/3"), None);
        assert_eq!(parse_date("420000 kronor"), None);
        assert_eq!(parse_date("0123-45 60 00"), None);
        assert_eq!(parse_date("891114.5"), None);
        assert_eq!(parse_date("Dnr 2024/891114"), None);
    }

    #[test]
    fn a_short_slash_date_with_a_two_digit_year() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("8/3-24"), d(2024, 3, 8));
        assert_eq!(parse_date("anslås 30/3-97"), d(1997, 3, 30));
        assert_eq!(find_date("den 1/5-24.").map(|(_, r)| r), Some(4..10));
        // part of a number, or a month that does not exist: no date
        assert_eq!(parse_date("KS 2024/3-24"), None);
        assert_eq!(parse_date("12/3-245"), None);
        assert_eq!(parse_date("3/13-24"), None);
        // a full date before it still comes first
        assert_eq!(parse_date("2024-03-05 och 8/3-24"), d(2024, 3, 5));
    }

    #[test]
    fn the_days_of_a_meeting_over_two_days() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        assert_eq!(
            find_days("2024-06-17--18"),
            Some((d(6, 17), d(6, 18), 0..14))
        );
        assert_eq!(
            find_days("2024-06-17 – 18"),
            Some((d(6, 17), d(6, 18), 0..17))
        );
        assert_eq!(
            find_days("2024-06-17--2024-06-18").map(|(a, b, _)| (a, b)),
            Some((d(6, 17), d(6, 18)))
        );
        assert_eq!(
            find_days("17–18 juni 2024").map(|(a, b, _)| (a, b)),
            Some((d(6, 17), d(6, 18)))
        );
        // one date, a Dnr or a date range backwards: no days
        assert_eq!(find_days("2024-06-17"), None);
        assert_eq!(find_days("2024-06-17 - 12"), None);
        assert_eq!(find_days("2024-06-17-185"), None);
        assert_eq!(
            strip_dates_and_times(
                "Kommunhuset, måndagen den 17 juni kl. 09.00–17.00 och tisdagen den 18 juni kl. 09.00–12.10"
            ),
            "Kommunhuset"
        );
        assert_eq!(
            course("Dag 2, tisdagen den 18 juni 2024"),
            Some(Course::Day(Some(2)))
        );
        assert_eq!(course("Dag 2"), Some(Course::Day(Some(2))));
        assert_eq!(
            course("Fortsättning på sammanträdet tisdagen den 18 juni"),
            Some(Course::Day(None))
        );
        assert_eq!(course("Dag 2 av utbildningen genomförs i maj."), None);
        assert_eq!(
            course("Fortsatt sammanträde 2024-04-25"),
            Some(Course::Day(None))
        );
        assert_eq!(
            strip_dates_and_times(
                "Stadshuset, Rådssalen, 2024-04-18 kl. 18.30–22.15, fortsatt sammanträde 2024-04-25 kl. 18.30–20.05"
            ),
            "Stadshuset, Rådssalen"
        );
        assert!(matches!(
            course("Per Olsson (M) lämnar sammanträdet kl. 15.10 och ersätts av Eva Lund (M)."),
            Some(Course::Attendance(_))
        ));
        assert!(matches!(
            course("Anna Berg (S) ansluter till sammanträdet kl. 14.00."),
            Some(Course::Attendance(_))
        ));
        assert_eq!(course("ärendet lämnar sammanträdet utan beslut"), None);
    }

    #[test]
    fn the_meetings_course_in_a_line() {
        assert_eq!(
            course("Ordföranden förklarar sammanträdet avslutat kl. 15.30."),
            Some(Course::Closed(Some("15:30".into())))
        );
        assert_eq!(
            course("Mötet avslutas kl 16"),
            Some(Course::Closed(Some("16:00".into())))
        );
        assert_eq!(
            course("Ordföranden förklarar mötet öppnat."),
            Some(Course::Opened(None))
        );
        assert!(matches!(
            course("Sammanträdet ajourneras kl. 14.10–14.25."),
            Some(Course::Adjourned(_))
        ));
        assert!(matches!(
            course("Ajournering kl. 14.10–14.25"),
            Some(Course::Adjourned(_))
        ));
        // a decision about a meeting, or a long sentence, is no course of this one
        assert_eq!(course("Nämnden beslutar att avsluta projektet."), None);
        assert_eq!(
            course(
                "Kommunstyrelsen föreslår att mötet med förbundet avslutas med en utvärdering av hela projektet under hösten."
            ),
            None
        );
        assert_eq!(course("Ajourneringen diskuterades."), None);
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_start_time_with_its_end_left_open() {
        for v in [
            "13:00–",
            "Kommunhuset, Sessionssalen, 13.15 -",
            "kl. 13.00–",
        ] {
            let t = parse_times(v);
            assert!(t.start.is_some() && t.end.is_none(), "{v}");
        }
        assert_eq!(parse_times("13:00–").start.as_deref(), Some("13:00"));
        // a date before a dash is no time
        assert_eq!(parse_times("2025-03-04 -").start, None);
        assert_eq!(parse_times("Sida 12.30 -- se bilaga").start, None);
        // the end after the closing word, in the text's own indices whatever comes before
        let t = parse_times("İİİİ Kommunhuset kl 13.00, avslutat 17.00");
        assert_eq!(t.end.as_deref(), Some("17:00"));
    }

    #[test]
    fn an_adjournment_ends_with_its_times() {
        let v = "Onsdagen den 14 maj 2025 kl 13.15 – 16.40 Ajournering kl 14.30 – 14.45 Stadshuset, Sammanträdesrum Vasa";
        let t = parse_times(v);
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("13:15"), Some("16:40"))
        );
        assert_eq!(
            t.adjournment.as_deref(),
            Some("Ajournering kl 14.30 – 14.45")
        );
        assert_eq!(strip_dates_and_times(v), "Stadshuset, Sammanträdesrum Vasa");
        // a pause is an adjournment; an end time told as approximate is the end
        let t = parse_times("kl 13:00 - 16:45, paus 14:30-14:45");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("13:00"), Some("16:45"))
        );
        assert_eq!(t.adjournment.as_deref(), Some("paus 14:30-14:45"));
        let t = parse_times("13.00 – ca 15.30");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("13:00"), Some("15:30"))
        );
        let t = parse_times("kl. 09.00-12.00, ajournering kl. 10.05-10.20 och 11.00-11.10");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("09:00"), Some("12:00"))
        );
        assert_eq!(
            t.adjournment.as_deref(),
            Some("ajournering kl. 10.05-10.20 och 11.00-11.10")
        );
        let t = parse_times("kl. 13.00–16.30 (ajournering 14.30–14.45), Lilla salen");
        assert_eq!(t.adjournment.as_deref(), Some("(ajournering 14.30–14.45)"));
        assert_eq!(
            parse_times("ajournering utan tider").adjournment.as_deref(),
            Some("ajournering utan tider")
        );
    }

    #[test]
    fn reads_iso_and_written_dates() {
        assert_eq!(parse_date("2024-03-05"), Some(d(2024, 3, 5)));
        assert_eq!(
            parse_date("Digital justering, 2024-05-21"),
            Some(d(2024, 5, 21))
        );
        assert_eq!(parse_date("den 5 mars 2024"), Some(d(2024, 3, 5)));
        assert_eq!(
            parse_date("Tisdagen den 12 november 2019 kl 13"),
            Some(d(2019, 11, 12))
        );
        assert_eq!(parse_date("1:a juni 2023"), Some(d(2023, 6, 1)));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("KS 2024/12"), None);
        assert_eq!(parse_date("ITSAM 2024-25-1"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn reads_day_slash_month_dates_but_no_number_and_year() {
        assert_eq!(parse_date("Datum: 12/3 2024"), Some(d(2024, 3, 12)));
        assert_eq!(parse_date("12/3-2024"), Some(d(2024, 3, 12)));
        assert_eq!(parse_date("1/10/2024 kl 10.00"), Some(d(2024, 10, 1)));
        assert_eq!(parse_date("Dnr ITVT 4/2020"), None);
        assert_eq!(parse_date("31/2 2024"), None);
        assert_eq!(parse_date("KS-2024/12/3 2025"), None);
        assert_eq!(
            strip_dates_and_times("Regionens kansli 15/3 2024"),
            "Regionens kansli"
        );
    }

    #[test]
    fn the_earliest_date_wins() {
        assert_eq!(
            parse_date("5 mars 2024 och 2024-04-01"),
            Some(d(2024, 3, 5))
        );
        assert_eq!(
            parse_date("2024-04-01 och 5 mars 2024"),
            Some(d(2024, 4, 1))
        );
    }

    #[test]
    fn reads_periods_with_the_year_once() {
        assert_eq!(
            written_period("20 oktober–11 november 2025"),
            Some((d(2025, 10, 20), d(2025, 11, 11)))
        );
        assert_eq!(
            written_period("under tiden 3 - 24 mars 2025"),
            Some((d(2025, 3, 3), d(2025, 3, 24)))
        );
        assert_eq!(
            written_period("den 23 september till den 15 oktober 2025"),
            Some((d(2025, 9, 23), d(2025, 10, 15)))
        );
        assert_eq!(written_period("20 oktober 2025"), None);
        assert_eq!(written_period("24–3 mars 2025"), None);
    }

    #[test]
    fn reads_time_ranges() {
        let t = parse_times("Teknikringen 9, Linköping, Lokal: Leonardo kl. 13:00 – 14:45");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("13:00"), Some("14:45"))
        );
        let t = parse_times("2024-05-14, klockan 18:30-20:00");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("18:30"), Some("20:00"))
        );
        let t = parse_times("kl 10.00–12.00");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("10:00"), Some("12:00"))
        );
        let t = parse_times("Zoom, kl. 10:00 – 12.00");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("10:00"), Some("12:00"))
        );
        let t = parse_times("kl. 9.00");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("09:00"), None)
        );
    }

    #[test]
    fn adjournment_is_not_the_end() {
        let t = parse_times("kl. 13.00–16.30, ajournering 14.30–14.45");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("13:00"), Some("16:30"))
        );
        assert_eq!(t.adjournment.as_deref(), Some("ajournering 14.30–14.45"));
        let t = parse_times("kl. 08.30-12.00 (ajournering 10.00-10.15)");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("08:30"), Some("12:00"))
        );
        let t = parse_times("kl. 13.00-15.00 och 15.30-17.00");
        assert_eq!(
            (t.start.as_deref(), t.end.as_deref()),
            (Some("13:00"), Some("17:00"))
        );
    }

    #[test]
    fn strips_times_from_places() {
        assert_eq!(
            strip_dates_and_times("Teknikringen 9, Linköping, Lokal: Leonardo kl. 13:00 – 14:45"),
            "Teknikringen 9, Linköping, Lokal: Leonardo"
        );
        assert_eq!(strip_dates_and_times("Zoom, kl. 10:00 – 12.00"), "Zoom");
        assert_eq!(
            strip_dates_and_times("Digital justering, 2024-05-21"),
            "Digital justering"
        );
        assert_eq!(
            strip_dates_and_times("Kommunhuset, måndag 16 mars 2020 kl. 15.00"),
            "Kommunhuset"
        );
    }
}
