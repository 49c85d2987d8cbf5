//! The year's meetings: `planMeeting` (a secretary plans the body's sammanträdesplan) and
//! `getBodyCalendar`, the plan as an iCalendar feed that Outlook and Google Calendar subscribe
//! to (public: sammanträdesplanen is public under 8 kap. KL).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use icalendar::{
    Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, EventStatus,
};
use kansli_store::{NewMeeting, PlannedMeeting};
use serde::Deserialize;
use serde_json::json;

use super::access::Caller;
use super::api::Body;
use super::problem::Problem;
use crate::AppState;

/// The body of `planMeeting`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanMeeting {
    date: String,
    #[serde(default)]
    start_time: Option<String>,
    #[serde(default)]
    end_time: Option<String>,
    #[serde(default)]
    place: Option<String>,
}

fn time_field(field: &str, raw: Option<String>) -> Result<Option<String>, Problem> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => chrono::NaiveTime::parse_from_str(t, "%H:%M")
            .map(|t| Some(t.format("%H:%M").to_string()))
            .map_err(|_| Problem::unprocessable(format!("{field}: a time HH:MM"))),
    }
}

fn meeting_json(m: &PlannedMeeting) -> serde_json::Value {
    json!({
        "slug": m.slug, "date": m.date, "start_time": m.start_time, "end_time": m.end_time,
        "place": m.place, "status": m.status, "version": m.version,
        "links": {
            "web": format!("/{}/{}/{}", m.authority, m.body, m.slug),
            "calendar": format!("/api/v1/authorities/{}/bodies/{}/calendar.ics", m.authority, m.body),
        },
    })
}

/// `planMeeting`: 201 `{slug, status: "planned", version}`.
pub async fn plan_meeting(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b)): Path<(String, String)>,
    Body(body): Body<PlanMeeting>,
) -> Result<Response, Problem> {
    let date = chrono::NaiveDate::parse_from_str(body.date.trim(), "%Y-%m-%d")
        .map_err(|_| Problem::unprocessable("date: a date YYYY-MM-DD"))?;
    let start_time = time_field("start_time", body.start_time)?;
    let end_time = time_field("end_time", body.end_time)?;
    if let (Some(s), Some(e)) = (&start_time, &end_time)
        && e <= s
    {
        return Err(Problem::unprocessable("end_time: after start_time"));
    }
    let place = body
        .place
        .map(|p| p.trim().chars().take(300).collect::<String>())
        .filter(|p| !p.is_empty());
    let plan = NewMeeting {
        date,
        start_time,
        end_time,
        place,
    };
    let meeting = state
        .store
        .plan_meeting(&caller.actor(), &a, &b, &plan)
        .await
        .map_err(|e| match e {
            kansli_store::StoreError::Refused(d) => Problem::new(StatusCode::CONFLICT, d),
            kansli_store::StoreError::Invalid(d) => Problem::unprocessable(d),
            other => Problem::from(other),
        })?
        .ok_or_else(|| Problem::not_found(format!("no body {a}/{b}")))?;
    let mut r = (StatusCode::CREATED, Json(meeting_json(&meeting))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "/api/v1/authorities/{a}/bodies/{b}/meetings/{}",
        meeting.slug
    )) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

/// A field that is present, even as `null` (`Some(None)`), apart from one left out (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// The body of `updateMeeting`: what changes; a field left out is kept, `null` clears it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeeting {
    #[serde(default)]
    version: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    start_time: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    end_time: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    place: Option<Option<String>>,
    #[serde(default)]
    status: Option<String>,
}

/// `updateMeeting`: the meeting as changed.
pub async fn update_meeting(
    State(state): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<UpdateMeeting>,
) -> Result<Response, Problem> {
    let status = match body.status.as_deref() {
        None => None,
        Some(s @ ("planned" | "cancelled")) => Some(s.to_string()),
        Some(_) => return Err(Problem::unprocessable("status: planned or cancelled")),
    };
    let time =
        |field: &str, v: Option<Option<String>>| -> Result<Option<Option<String>>, Problem> {
            match v {
                None => Ok(None),
                Some(raw) => time_field(field, raw).map(Some),
            }
        };
    let change = kansli_store::MeetingChange {
        version: super::agenda::version_of(body.version, &headers),
        start_time: time("start_time", body.start_time)?,
        end_time: time("end_time", body.end_time)?,
        place: body.place.map(|p| {
            p.map(|p| p.trim().chars().take(300).collect::<String>())
                .filter(|p| !p.is_empty())
        }),
        status,
    };
    let meeting = state
        .store
        .update_planned_meeting(&caller.actor(), (&a, &b, &m), &change)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))?;
    Ok(Json(meeting_json(&meeting)).into_response())
}

/// A local Stockholm time on a date as the UTC instant it is, for DTSTART/DTEND. A `TZID`
/// would need a `VTIMEZONE` in the feed (RFC 5545 §3.2.19), which `icalendar` cannot write;
/// a UTC time needs none and every client shows it in its own zone. A time the clocks skip
/// (02:00–03:00 on the last Sunday of March) is `None`.
fn local(date: &str, time: &str) -> Option<DatePerhapsTime> {
    use chrono::TimeZone;
    let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = chrono::NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    let instant = chrono_tz::Europe::Stockholm
        .from_local_datetime(&date.and_time(time))
        .earliest()?;
    Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
        instant.with_timezone(&chrono::Utc),
    )))
}

/// The body's meetings as an iCalendar: one event per meeting with a UID that never changes
/// (`meeting-<id>@<authority>.kansli`), SEQUENCE counting its changes, STATUS CANCELLED for a
/// cancelled one (so subscribed calendars remove it), Stockholm's times as UTC instants (the
/// calendar's display zone named in `X-WR-TIMEZONE`), and the meeting's page as an absolute
/// URL under `origin` (RFC 5545 wants a whole URI). One `VERSION` and one `PRODID`, as RFC
/// 5545 §3.6 requires (`Calendar::new` would add a `PRODID` of its own beside Kansli's).
pub fn calendar(
    body_name: &str,
    authority: &str,
    origin: &str,
    meetings: &[PlannedMeeting],
) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(icalendar::Property::new("VERSION", "2.0"))
        .append_property(icalendar::Property::new(
            "PRODID",
            "-//Kansli//Sammanträdesplan//SV",
        ))
        .append_property(icalendar::Property::new("CALSCALE", "GREGORIAN"))
        .name(&format!("{body_name} – sammanträden"))
        .timezone("Europe/Stockholm");
    for m in meetings {
        let mut event = Event::new();
        event
            .uid(&format!("meeting-{}@{authority}.kansli", m.id))
            .summary(&format!("{body_name}, sammanträde"))
            .sequence(u32::try_from(m.version - 1).unwrap_or(0))
            .status(if m.status == "cancelled" {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            })
            .url(&format!("{origin}/{}/{}/{}", m.authority, m.body, m.slug));
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&m.updated_at) {
            event.timestamp(t.to_utc());
        }
        if let Some(place) = &m.place {
            event.location(place);
        }
        match (
            m.start_time.as_deref().and_then(|s| local(&m.date, s)),
            &m.end_time,
        ) {
            (Some(start), end) => {
                event.starts(start);
                if let Some(end) = end.as_deref().and_then(|e| local(&m.date, e)) {
                    event.ends(end);
                }
            }
            (None, _) => {
                if let Ok(d) = chrono::NaiveDate::parse_from_str(&m.date, "%Y-%m-%d") {
                    event.all_day(d);
                }
            }
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

/// `getBodyCalendar`: `text/calendar`.
pub async fn body_calendar(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path((a, b)): Path<(String, String)>,
) -> Result<Response, Problem> {
    let meetings = state
        .store
        .body_calendar(&a, &b)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no body {a}/{b}")))?;
    let name = match state.store.authority(&a).await {
        Ok(Some(view)) => view
            .bodies
            .into_iter()
            .find(|x| x.body.slug == b.to_lowercase())
            .map_or_else(|| b.clone(), |x| x.body.name),
        _ => b.clone(),
    };
    let origin = crate::site::origin(&state, &headers);
    let text = calendar(&name, &a.to_lowercase(), &origin, &meetings);
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(r)
}
