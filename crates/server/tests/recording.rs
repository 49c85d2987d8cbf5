//! Recording a meeting over HTTP on both backends, as the contract drives it
//! (`getMeetingRecord`, `putMeetingRecord`, `releaseForJustering`): a direktion of seven seats,
//! an agenda of three items, a member who leaves after the first paragraph and the substitute
//! who serves from the second, a budget paragraph with two yrkanden, the chair's proposition
//! order and a roll-call vote, a reservation, a jäv with the substitute serving for that
//! paragraph — and the refusals: a seat served twice (the sample's own mistake), a disqualified
//! member taking part, a vote that does not match those serving, a stale write. The draft is
//! invisible to the public, renders to the archive's PDF layout and reads back through the
//! parser.

mod common;
use common::token;

use std::net::SocketAddr;
use std::sync::Arc;

use kansli_auth::{Grant, Role};
use kansli_core::protocol::ParsedProtocol;
use kansli_server::{AppState, router};
use kansli_store::{Store, StoreConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};

const ITSAM: &str = "kommunalforbundet-itsam";
const MEETING: &str = "2026-03-12";
const RECORD: &str =
    "/api/v1/authorities/kommunalforbundet-itsam/bodies/direktionen/meetings/2026-03-12/record";

/// The seven seats (name, role, party, kommun) and two substitutes.
const SEATS: [(&str, &str, &str, &str); 9] = [
    ("Anna Ordförande", "chair", "S", "Kinda kommun"),
    ("Bo Lund", "member", "M", "Ydre kommun"),
    ("Cecilia Ceder", "member", "C", "Boxholms kommun"),
    ("David Dahl", "member", "S", "Åtvidabergs kommun"),
    ("Eva Ek", "member", "M", "Vimmerby kommun"),
    ("Fredrik Fors", "member", "L", "Valdemarsviks kommun"),
    ("Greta Gran", "member", "KD", "Kinda kommun"),
    ("Hans Holm", "substitute", "M", "Ydre kommun"),
    ("Ida Ivarsson", "substitute", "S", "Åtvidabergs kommun"),
];

struct App {
    base: String,
    client: reqwest::Client,
    secretary: String,
    member: String,
    chair: String,
    justerare: String,
    _dir: tempfile::TempDir,
}

impl App {
    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        common::call(&self.client, &self.base, (method, path), token, body).await
    }

    /// The bytes the public gets at `path`.
    async fn bytes(&self, path: &str) -> Vec<u8> {
        let r = self.client.get(format!("{}{path}", self.base)).send();
        r.await.unwrap().bytes().await.unwrap().to_vec()
    }
}

async fn spawn(database_url: Option<String>) -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().join("data"),
        database_url,
    })
    .await
    .unwrap()
    .with_clock(Arc::new(|| {
        chrono::DateTime::parse_from_rfc3339("2026-03-12T12:00:00Z")
            .unwrap()
            .to_utc()
    }));
    eprintln!("-- on {:?}", store.backend());
    let admin = token(
        &store,
        "admin@itsam.se",
        "Admin",
        vec![Grant::new(Role::Admin, None, None).unwrap()],
    )
    .await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(store.clone())
        .with_today(chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap());
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let mut app = App {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        secretary: String::new(),
        member: String::new(),
        chair: String::new(),
        justerare: String::new(),
        _dir: dir,
    };
    let admin = Some(admin.as_str());
    let (s, v) = app
        .call(
            "POST",
            "/api/v1/authorities",
            admin,
            Some(json!({"name": "Kommunalförbundet Itsam", "kind": "kommunalförbund", "dnr_series": "ITSAM"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // The kind comes back in the contract's words.
    assert_eq!(v["kind"], "kommunalförbund", "{v}");
    let (s, v) = app
        .call(
            "POST",
            &format!("/api/v1/authorities/{ITSAM}/bodies"),
            admin,
            Some(json!({"name": "Valnämnden", "kind": "nämnd", "seats": 5, "prepares_for": null, "joint_for": []})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["kind"], "nämnd", "{v}");
    let (s, v) = app
        .call(
            "POST",
            &format!("/api/v1/authorities/{ITSAM}/bodies"),
            admin,
            Some(json!({"name": "Direktionen", "kind": "direktion", "seats": 7, "prepares_for": null, "joint_for": []})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    for (name, role, party, represents) in SEATS {
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/members"),
                admin,
                Some(
                    json!({"name": name, "role": role, "party": party, "represents": represents,
                    "from": "2023-01-01", "to": "2026-12-31",
                    "substitute_order": if role == "substitute" { Some(1) } else { None }}),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{name}: {v}");
    }
    let grant = |role| Grant::new(role, Some(ITSAM.into()), Some("direktionen".into())).unwrap();
    app.secretary = token(
        &store,
        "sekreterare@itsam.se",
        "Sara Sekreterare",
        vec![grant(Role::Secretary)],
    )
    .await;
    app.member = token(&store, "bo@ydre.se", "Bo Lund", vec![grant(Role::Member)]).await;
    app.chair = token(
        &store,
        "anna@kinda.se",
        "Anna Ordförande",
        vec![grant(Role::Member)],
    )
    .await;
    app.justerare = token(
        &store,
        "cecilia@boxholm.se",
        "Cecilia Ceder",
        vec![grant(Role::Member)],
    )
    .await;
    let secretary = Some(app.secretary.as_str());
    for title in ["Upphandling av nätverk", "Budget 2027"] {
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{ITSAM}/cases"),
                secretary,
                Some(json!({"title": title, "handler": "Eva Handläggare"})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let (s, v) = app
        .call(
            "POST",
            &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings"),
            secretary,
            Some(json!({"date": MEETING, "start_time": "09:00", "end_time": "12:00", "place": "Kommunhuset, Kinda"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let agenda =
        format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}/agenda");
    for item in [
        json!({"case": "ITSAM 2026/1", "proposal": "Direktionen beslutar att anta anbudet.", "presenter": "Eva Handläggare"}),
        json!({"case": "ITSAM 2026/2", "proposal": "Direktionen beslutar att fastställa budget 2027."}),
        json!({"kind": "information", "title": "Förbundschefen informerar"}),
    ] {
        let (s, v) = app.call("POST", &agenda, secretary, Some(item)).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    app
}

/// Sets attendance so that Bo Lund leaves after `bo_until` and Hans Holm serves for him from
/// `hans_from`; David Dahl is disqualified in § 1 with Ida Ivarsson serving for him there.
fn attendance(record: &mut ParsedProtocol, bo_until: &str, hans_from: &str) {
    for p in &mut record.participants {
        if p.name == "Bo Lund" {
            p.paragraphs = Some(bo_until.into());
        }
        if p.name == "David Dahl" {
            p.paragraphs = Some("2-3".into());
        }
    }
    let substitute = |name: &str, serves_for: &str, paragraphs: &str, party: &str| {
        serde_json::from_value(json!({
            "name": name, "category": "beslutande", "role": "tjänstgörande ersättare",
            "represents": null, "party": party, "paragraphs": paragraphs, "serves_for": serves_for,
        }))
        .unwrap()
    };
    record
        .participants
        .push(substitute("Hans Holm", "Bo Lund", hans_from, "M"));
    record
        .participants
        .push(substitute("Ida Ivarsson", "David Dahl", "1", "S"));
}

/// The budget paragraph (§ 2): two yrkanden, the chair's proposition order, a roll-call vote
/// of the seven serving (Hans Holm in Bo Lund's seat), a reservation, the decision.
fn budget(record: &mut ParsedProtocol) {
    let item = &mut record.items[1];
    assert_eq!(item.paragraph, 2);
    *item = serde_json::from_value(json!({
        "paragraph": 2, "dnr": item.dnr, "title": item.title,
        "decision": "Direktionen beslutar att fastställa budget 2027.",
        "summary": null, "basis": [],
        "motions": [
            {"movers": ["Anna Ordförande (S)"], "text": "bifall till förslaget", "kind": "bifall"},
            {"movers": ["Eva Ek (M)"], "text": "avslag på förslaget", "kind": "avslag"}
        ],
        "adopted": 0,
        "proposition_order": "Ordföranden ställer proposition på förslagen och finner att direktionen bifaller förslaget. Votering begärs.",
        "vote": null,
        "votering": {"ja": "bifall till förslaget", "nej": "avslag", "casts": [
            {"name": "Anna Ordförande", "choice": "ja"},
            {"name": "Hans Holm", "choice": "nej"},
            {"name": "Cecilia Ceder", "choice": "ja"},
            {"name": "David Dahl", "choice": "ja"},
            {"name": "Eva Ek", "choice": "nej"},
            {"name": "Fredrik Fors", "choice": "ja"},
            {"name": "Greta Gran", "choice": "nej"}
        ]},
        "reservations": ["Eva Ek (M) reserverar sig mot beslutet till förmån för eget yrkande."],
        "notes": [], "disqualifications": [], "dispatch": ["Ekonomienheten"],
        "sections": item.sections,
    }))
    .unwrap();
    let first = &mut record.items[0];
    first.decision = Some("Direktionen beslutar att anta anbudet.".into());
    first.recorded.disqualified = vec!["David Dahl".into()];
    first.disqualifications =
        vec!["David Dahl (S) anmäler jäv och deltar inte i handläggningen.".into()];
    record.items[2].decision =
        Some("Direktionen beslutar att notera informationen till protokollet.".into());
}

fn rules(problem: &Value) -> Vec<String> {
    problem["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f["blocks_saving"] == json!(true))
                .map(|f| format!("{} § {}", f["rule"].as_str().unwrap(), f["paragraph"]))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_meeting_is_recorded_checked_and_released_for_justering() {
    let mut urls = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        urls.push(Some(url));
    }
    for url in urls {
        let app = spawn(url).await;
        let secretary = Some(app.secretary.as_str());

        // Opened from the agenda: numbered from § 1 (the body's first meeting this year),
        // every seat as beslutande, nothing stored yet.
        let (s, v) = app.call("GET", RECORD, secretary, None).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["version"], 0);
        assert_eq!(v["state"], "draft");
        assert_eq!(v["stored"], false);
        let mut record: ParsedProtocol = serde_json::from_value(v["record"].clone()).unwrap();
        let numbers: Vec<u32> = record.items.iter().map(|i| i.paragraph).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(record.items[0].dnr.as_deref(), Some("ITSAM 2026/1"));
        assert_eq!(record.participants.len(), 7, "{:?}", record.participants);
        assert_eq!(record.chair.as_deref(), Some("Anna Ordförande"));
        assert_eq!(record.place.as_deref(), Some("Kommunhuset, Kinda"));

        // A member may not read or write the record.
        let (s, _) = app.call("GET", RECORD, Some(&app.member), None).await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        // The sample's own mistake: Bo Lund and his substitute both serving in § 2.
        attendance(&mut record, "1-2", "2-3");
        budget(&mut record);
        let (s, v) = app
            .call(
                "PUT",
                RECORD,
                secretary,
                Some(json!({"version": 0, "record": record})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(
            rules(&v).contains(&"seat-served-twice § 2".to_string()),
            "{v}"
        );
        // The detail names the rule in English; the finding says who, in Swedish.
        assert!(
            v["detail"]
                .as_str()
                .unwrap()
                .contains("seat-served-twice (§ 2)"),
            "{v}"
        );
        assert!(v["findings"].to_string().contains("Bo Lund"), "{v}");

        // Told which of them served: Bo until § 1, Hans from § 2.
        attendance_fix(&mut record, "Bo Lund", "1");
        let (s, v) = app
            .call(
                "PUT",
                RECORD,
                secretary,
                Some(json!({"version": 0, "record": record})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["version"], 1);
        let errors: Vec<&Value> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "{errors:?}");

        // A stale write is refused with the current version; nothing is overwritten.
        let (s, v) = app
            .call(
                "PUT",
                RECORD,
                secretary,
                Some(json!({"version": 0, "record": record})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        assert_eq!(v["version"], 1);

        // Read back: the same record, stored, with the votering counted 4–3.
        let (s, v) = app.call("GET", RECORD, secretary, None).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["stored"], true);
        let stored: ParsedProtocol = serde_json::from_value(v["record"].clone()).unwrap();
        assert_eq!(stored.items, record.items);
        let votering = stored.items[1].recorded.votering.as_ref().unwrap();
        assert_eq!(votering.tally(), (4, 3, 0));
        assert_eq!(stored.paragraphs.map(|r| (r.first, r.last)), Some((1, 3)));

        // A disqualified member taking part is refused.
        let mut jav = stored.clone();
        attendance_fix(&mut jav, "David Dahl", "1-3");
        jav.participants.retain(|p| p.name != "Ida Ivarsson");
        let (s, v) = app
            .call(
                "PUT",
                RECORD,
                secretary,
                Some(json!({"version": 1, "record": jav})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(
            rules(&v).contains(&"disqualified-serving § 1".to_string()),
            "{v}"
        );

        // The same jäv written as the contract's `disqualifications`, by name only.
        let mut by_name = jav.clone();
        by_name.items[0].recorded.disqualified.clear();
        by_name.items[0].disqualifications = vec!["David Dahl".into()];
        let (s, v) = app
            .call(
                "PUT",
                RECORD,
                secretary,
                Some(json!({"version": 1, "record": by_name})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(
            rules(&v).contains(&"disqualified-serving § 1".to_string()),
            "{v}"
        );

        // A vote that misses a serving member is refused.
        let mut short = stored.clone();
        short.items[1]
            .recorded
            .votering
            .as_mut()
            .unwrap()
            .casts
            .pop();
        let (s, v) = app
            .call(
                "PUT",
                RECORD,
                secretary,
                Some(json!({"version": 1, "record": short})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(rules(&v).contains(&"vote-count § 2".to_string()), "{v}");

        // Drafts are never public: the meeting's public JSON and page show no paragraph.
        let (s, v) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}"),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert!(!v.to_string().contains("fastställa budget"), "{v}");
        // Held (its minutes being written), whatever the plan still says.
        assert_eq!(v["meeting_state"], "held", "{v}");
        let (_, page) = app
            .call(
                "GET",
                &format!("/{ITSAM}/direktionen/{MEETING}"),
                None,
                None,
            )
            .await;
        assert!(
            !page.to_string().contains("reserverar sig"),
            "the public page shows the draft"
        );

        // The draft renders to the archive's layout and reads back through the parser.
        let document = kansli_render::Document::build(
            &stored,
            &kansli_render::DocumentKind::Protokoll,
            &kansli_render::RenderOptions::default(),
        )
        .unwrap();
        let pdf = kansli_render::render_document(&document, kansli_render::Format::Pdf).unwrap();
        let read = kansli_import::read_bytes(&pdf).expect("the rendered draft reads back");
        let read_numbers: Vec<u32> = read.protocol.items.iter().map(|i| i.paragraph).collect();
        assert_eq!(read_numbers, [1, 2, 3]);
        assert_eq!(
            read.protocol.items[1].decision.as_deref(),
            Some("Direktionen beslutar att fastställa budget 2027.")
        );
        assert!(
            read.protocol
                .participants
                .iter()
                .any(|p| p.name == "Hans Holm"
                    && p.paragraphs.as_deref().is_some_and(|r| r.contains('2'))),
            "{:?}",
            read.protocol.participants
        );

        // Two people at once: one writes § 3, the other § 1 — no conflict, each paragraph
        // has its own version; the second write to § 3 from a stale read gets 409 with the
        // other's text to merge.
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        let pv = |v: &Value, n: u32| v["paragraph_versions"][n.to_string()].as_i64().unwrap();
        let (p1, p3) = (pv(&v, 1), pv(&v, 3));
        let mut third = stored.items[2].clone();
        third.decision = Some("Direktionen beslutar att notera informationen till protokollet och tackar förbundschefen.".into());
        let (s, w) = app
            .call(
                "PUT",
                &format!("{RECORD}/paragraphs/3"),
                secretary,
                Some(json!({"version": p3, "item": third})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        assert_eq!(w["paragraph_version"], p3 + 1);
        let mut first = stored.items[0].clone();
        first.dispatch = vec!["Upphandlingsenheten".into()];
        // § 1 is justerad at once (omedelbar justering), before the rest.
        first.recorded.immediately_justerad = true;
        let (s, w) = app
            .call(
                "PUT",
                &format!("{RECORD}/paragraphs/1"),
                secretary,
                Some(json!({"version": p1, "item": first})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        let (s, w) = app
            .call(
                "PUT",
                &format!("{RECORD}/paragraphs/3"),
                secretary,
                Some(json!({"version": p3, "item": stored.items[2]})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{w}");
        assert_eq!(w["version"], p3 + 1);
        assert!(
            w["item"]["decision"].as_str().unwrap().contains("tackar"),
            "{w}"
        );
        // A paragraph write that would let a disqualified member serve is refused too.
        let mut jav_item = stored.items[1].clone();
        jav_item.recorded.disqualified = vec!["Cecilia Ceder".into()];
        let (s, w) = app
            .call(
                "PUT",
                &format!("{RECORD}/paragraphs/2"),
                secretary,
                Some(json!({"version": pv(&v, 2), "item": jav_item})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{w}");
        // Minutes without an ordförande are not released: nobody could sign them as chair.
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        let (s, w) = app
            .call(
                "PUT",
                &format!("{RECORD}/attendance"),
                secretary,
                Some(
                    json!({"version": v["header_version"], "start_time": "09:00",
                    "place": "Kommunhuset, Kinda", "chair": null,
                    "secretary": "Sara Sekreterare", "participants": v["record"]["participants"],
                    "absent": []}),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        let (s, w) = app
            .call(
                "POST",
                &format!("{RECORD}/release"),
                secretary,
                Some(json!({"version": v["version"], "justerare": ["Cecilia Ceder"], "justering": {"place": "Digitalt", "date": null}})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{w}");
        assert!(w["detail"].as_str().unwrap().contains("chair"), "{w}");
        // The attendance has its own version: the end time is recorded without touching §§.
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        let header_version = v["header_version"].as_i64().unwrap();
        let (s, w) = app
            .call(
                "PUT",
                &format!("{RECORD}/attendance"),
                secretary,
                Some(
                    json!({"version": header_version, "start_time": "09:00", "end_time": "11:40",
                    "place": "Kommunhuset, Kinda", "chair": "Anna Ordförande",
                    "secretary": "Sara Sekreterare", "participants": v["record"]["participants"],
                    "absent": []}),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        assert_eq!(v["record"]["end_time"], "11:40");
        // What a write leaves out it keeps (times, place, chair, absences); an ersättare
        // present without serving is added to the list.
        let mut participants = v["record"]["participants"].as_array().unwrap().clone();
        participants.push(json!({
            "name": "Olle Ersättare", "category": "ersättare", "role": "ersättare",
            "represents": null, "party": "C", "paragraphs": null, "serves_for": null,
        }));
        let (s, w) = app
            .call(
                "PUT",
                &format!("{RECORD}/attendance"),
                secretary,
                Some(json!({"version": v["header_version"], "participants": participants})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        for (field, kept) in [
            ("start_time", "09:00"),
            ("end_time", "11:40"),
            ("place", "Kommunhuset, Kinda"),
            ("chair", "Anna Ordförande"),
            ("secretary", "Sara Sekreterare"),
        ] {
            assert_eq!(v["record"][field], kept, "{field}: {v}");
        }
        // Text with a control or bidirectional-override character is refused, naming where.
        for bad in ["Anna\u{202E}Ordförande", "Anna\u{0}"] {
            let (s, w) = app
                .call(
                    "PUT",
                    &format!("{RECORD}/attendance"),
                    secretary,
                    Some(json!({"version": v["header_version"], "chair": bad,
                        "participants": v["record"]["participants"]})),
                )
                .await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{w}");
            assert!(w["detail"].as_str().unwrap().starts_with("chair:"), "{w}");
        }
        // A participant sent with the category the web form offers for an absence,
        // `frånvarande`, is recorded as absent (with the reason), not refused.
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        let mut with_absent = v["record"]["participants"].as_array().unwrap().clone();
        with_absent.push(json!({
            "name": "Pia Frånvarande", "category": "frånvarande", "party": "L",
            "reason": "förhinder",
        }));
        let (s, w) = app
            .call(
                "PUT",
                &format!("{RECORD}/attendance"),
                secretary,
                Some(json!({"version": v["header_version"], "participants": with_absent})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        assert!(
            v["record"]["absent"]
                .as_array()
                .unwrap()
                .contains(&json!({"name": "Pia Frånvarande", "party": "L", "reason": "förhinder"})),
            "{v}"
        );
        assert!(
            !v["record"]["participants"].to_string().contains("Pia"),
            "{v}"
        );
        assert_eq!(v["record"]["chair"], "Anna Ordförande");
        assert_eq!(
            v["record"]["items"][0]["dispatch"],
            json!(["Upphandlingsenheten"])
        );
        assert!(
            v["record"]["items"][2]["decision"]
                .as_str()
                .unwrap()
                .contains("tackar")
        );
        let version = v["version"].as_i64().unwrap();

        // Release: the justerare must be members present; then the draft is locked.
        let release = format!("{RECORD}/release");
        let release_with = |justerare: &str, date: &str| {
            app.call(
                "POST",
                &release,
                secretary,
                Some(json!({"version": version, "justerare": [justerare], "justering": {"place": "Digitalt", "date": date}})),
            )
        };
        let (s, v) = release_with("Okänd Person", "2026-03-19").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        // A justerare named twice would sign once for two.
        let (s, v) = app
            .call(
                "POST",
                &release,
                secretary,
                Some(json!({"version": version, "justerare": ["Cecilia Ceder", "cecilia  ceder"], "justering": {"place": "Digitalt", "date": "2026-03-19"}})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(v["detail"].as_str().unwrap().contains("twice"), "{v}");
        // A justering planned after the law's last day, while it can still be kept: refused.
        let (s, v) = release_with("Cecilia Ceder", "2026-04-20").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(
            v["detail"]
                .as_str()
                .unwrap()
                .contains("last day for justering"),
            "{v}"
        );
        // The chair signs anyway: named as the justerare, one signature would make the
        // minutes final.
        let (s, v) = release_with("Anna Ordförande", "2026-03-19").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(v["detail"].as_str().unwrap().contains("ordförande"), "{v}");
        // An ersättare who was present without serving does not justera (KL 6 kap. 30 §).
        let (s, v) = release_with("Olle Ersättare", "2026-03-19").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(
            v["detail"].as_str().unwrap().contains("did not serve"),
            "{v}"
        );
        assert!(
            !v.to_string().contains("tjänstgjorde"),
            "the API answers in English only: {v}"
        );
        // The same refusal through the web UI's form is said in Swedish.
        let r = app
            .client
            .post(format!(
                "{}/kansli/protokoll/{ITSAM}/direktionen/{MEETING}/justering",
                app.base
            ))
            .bearer_auth(&app.secretary)
            .form(&[
                ("version", version.to_string().as_str()),
                ("justerare", "Olle Ersättare"),
                ("justering_place", "Digitalt"),
                ("justering_date", "2026-03-19"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("Olle Ersättare var närvarande men tjänstgjorde inte")
                && !page.contains("did not serve"),
            "{page}"
        );
        let (s, v) = release_with("Cecilia Ceder", "2026-03-19").await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["state"], "released");
        let (s, v) = app
            .call(
                "PUT",
                RECORD,
                secretary,
                Some(json!({"version": 2, "record": stored})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        assert_eq!(v["state"], "released");
        assert_eq!(v["record"]["justerare"], json!(["Cecilia Ceder"]));
        // Taken back before justering (another justerare, a correction), then released again:
        // only the secretary, only with the version read.
        let withdraw = format!("{RECORD}/withdraw");
        let released_version = v["version"].as_i64().unwrap();
        let (s, _) = app
            .call(
                "POST",
                &withdraw,
                Some(&app.justerare),
                Some(json!({"version": released_version})),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, w) = app
            .call(
                "POST",
                &withdraw,
                secretary,
                Some(json!({"version": released_version - 1})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "stale: {w}");
        let (s, w) = app
            .call(
                "POST",
                &withdraw,
                secretary,
                Some(json!({"version": released_version})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        assert_eq!(w["state"], "draft");
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        assert_eq!(v["state"], "draft", "{v}");
        let (s, w) = app
            .call(
                "POST",
                &withdraw,
                secretary,
                Some(json!({"version": v["version"]})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "a draft is not released: {w}");
        let (s, w) = app
            .call(
                "POST",
                &release,
                secretary,
                Some(json!({"version": v["version"], "justerare": ["Cecilia Ceder"], "justering": {"place": "Digitalt", "date": "2026-03-19"}})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        assert_eq!(w["state"], "released");
        // Released is not justerad: still not public.
        let public = format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}");
        let (_, v) = app.call("GET", &public, None, None).await;
        assert!(!v.to_string().contains("fastställa budget"), "{v}");

        // Justering: only the chair and the justerare sign, each through their own token.
        let sign = format!("{RECORD}/sign");
        let (s, v) = app
            .call("POST", &sign, Some(&app.member), Some(json!({})))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "Bo Lund is not justerare: {v}");
        let (s, v) = app.call("POST", &sign, secretary, Some(json!({}))).await;
        assert_eq!(
            s,
            StatusCode::FORBIDDEN,
            "the secretary does not sign here: {v}"
        );
        // A signature binds the signer to what they read: content or a version read before a
        // change is refused, and an empty list of paragraphs is no signature.
        for (read, status) in [
            (json!({"sha256": "0".repeat(64)}), StatusCode::CONFLICT),
            (json!({"version": 1}), StatusCode::CONFLICT),
            (json!({"paragraphs": []}), StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let (s, v) = app
                .call("POST", &sign, Some(&app.justerare), Some(read.clone()))
                .await;
            assert_eq!(s, status, "{read}: {v}");
        }
        // The justering page sends the content it showed; content changed since is refused.
        let page_url = format!(
            "{}/kansli/justering/{ITSAM}/direktionen/{MEETING}",
            app.base
        );
        let page = app
            .client
            .get(&page_url)
            .bearer_auth(&app.justerare)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("name=\"innehall\""), "{page}");
        let r = app
            .client
            .post(format!("{page_url}/signera"))
            .bearer_auth(&app.justerare)
            .form(&[("innehall", "0".repeat(64))])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let refused = r.text().await.unwrap();
        assert!(
            refused.contains("Protokollet har ändrats sedan du öppnade det"),
            "{refused}"
        );
        // Comments at justering: the justerare to the secretary; not from other members.
        let comments = format!("{RECORD}/comments");
        let (s, v) = app
            .call(
                "POST",
                &comments,
                Some(&app.justerare),
                Some(json!({"text": "I § 2 står fel belopp i yrkandet.", "paragraph": 2})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["author"], "Cecilia Ceder");
        let (s, _) = app
            .call(
                "POST",
                &comments,
                Some(&app.member),
                Some(json!({"text": "Jag vill också säga något."})),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, v) = app
            .call(
                "POST",
                &comments,
                Some(&app.chair),
                Some(json!({"text": "   "})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, v) = app.call("GET", &comments, secretary, None).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["data"][0]["paragraph"], 2, "{v}");
        assert!(
            v["data"][0]["text"]
                .as_str()
                .unwrap()
                .contains("fel belopp")
        );

        // A passage of § 2 is masked for the public (OSL): it does not withhold § 1's extract.
        let (s, v) = app
            .call(
                "POST",
                &format!(
                    "/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}/redactions"
                ),
                secretary,
                Some(json!({"paragraph": 2, "text": "eget yrkande", "ground": "OSL 21 kap. 7 §"})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let mask = v["id"].as_i64().expect("the mask's id");

        // Omedelbar justering of § 1: only a paragraph declared so; once the chair and the
        // justerare signed it, its notice is up and its sealed extract public, the rest not.
        let (s, v) = app
            .call(
                "POST",
                &sign,
                Some(&app.chair),
                Some(json!({"paragraphs": [2]})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, v) = app
            .call(
                "POST",
                &sign,
                Some(&app.chair),
                Some(json!({"paragraphs": [1]})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let notices = format!("/api/v1/authorities/{ITSAM}/notices");
        let (_, v) = app.call("GET", &notices, None, None).await;
        assert!(
            !v.to_string().contains("omedelbart"),
            "one signature is not enough: {v}"
        );
        let (s, v) = app
            .call(
                "POST",
                &sign,
                Some(&app.justerare),
                Some(json!({"paragraphs": [1]})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["state"], "released", "the rest waits: {v}");
        // § 1 is justerat and public now: the minutes can no longer be taken back.
        let (_, r) = app.call("GET", RECORD, secretary, None).await;
        // The record says who signed which paragraphs.
        let signed: Vec<(String, Value)> = r["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["role"].as_str().unwrap_or("").to_string(),
                    s["paragraphs"].clone(),
                )
            })
            .collect();
        assert_eq!(
            signed,
            [
                ("ordförande".to_string(), json!([1])),
                ("justerare".to_string(), json!([1]))
            ],
            "{r}"
        );
        let (s, w) = app
            .call(
                "POST",
                &withdraw,
                secretary,
                Some(json!({"version": r["version"]})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{w}");
        assert!(w["detail"].as_str().unwrap().contains("§ 1"), "{w}");
        let (_, v) = app.call("GET", &notices, None, None).await;
        let notice = v["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["paragraphs"] == "§ 1")
            .unwrap_or_else(|| panic!("the notice of § 1 is up: {v}"))
            .clone();
        assert_eq!(notice["posted"], "2026-03-12", "{notice}");
        assert!(notice["minutes_url"].is_null(), "{notice}");
        let extract_url = notice["extract_url"].as_str().unwrap().to_string();
        let path = extract_url
            .split_once("/filer/")
            .map(|(_, sha)| format!("/filer/{sha}"))
            .unwrap();
        let extract = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(extract.status(), StatusCode::OK);
        let extract = extract.bytes().await.unwrap().to_vec();
        // The mask was for this check only: rejected, the rest of the test sees none.
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}/redactions/{mask}"),
                secretary,
                Some(json!({"decision": "reject"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert!(extract.starts_with(b"%PDF-"));
        let board = app
            .client
            .get(format!("{}/{ITSAM}/anslagstavla", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(board.contains("omedelbart justerad"), "{board}");
        assert!(board.contains("Läs protokollsutdraget"), "{board}");
        // The rest of the minutes is still not public.
        let (_, v) = app.call("GET", &public, None, None).await;
        assert!(!v.to_string().contains("fastställa budget"), "{v}");
        // § 1 has its own public page (and JSON), linked from its notice; § 2 has none yet.
        let paragraph_url = notice["paragraph_url"].as_str().unwrap().to_string();
        assert!(
            paragraph_url.ends_with(&format!("/{ITSAM}/direktionen/{MEETING}/paragraf/1")),
            "{notice}"
        );
        let page = app
            .client
            .get(format!(
                "{}/{ITSAM}/direktionen/{MEETING}/paragraf/1",
                app.base
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let page = page.text().await.unwrap();
        assert!(page.contains("anta anbudet"), "{page}");
        assert!(page.contains("Paragrafen är omedelbart justerad"), "{page}");
        assert!(!page.contains("fastställa budget"), "{page}");
        let (s, v) = app
            .call("GET", &format!("{public}/paragraphs/1"), None, None)
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["immediately_justerad_alone"], true, "{v}");
        assert!(
            v["next"].is_null(),
            "no neighbour while the rest is not justerad: {v}"
        );
        let (s, _) = app
            .call("GET", &format!("{public}/paragraphs/2"), None, None)
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "§ 2 waits for the minutes");
        // The meeting (page and JSON) lists § 1 as justerad on its own.
        let (_, v) = app.call("GET", &public, None, None).await;
        assert_eq!(v["immediately_justerade"][0]["number"], 1, "{v}");
        let meeting_page = app
            .client
            .get(format!("{}/{ITSAM}/direktionen/{MEETING}", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            meeting_page.contains("Omedelbart justerade paragrafer")
                && meeting_page.contains(&format!("/{ITSAM}/direktionen/{MEETING}/paragraf/1")),
            "{meeting_page}"
        );
        let other = app
            .client
            .get(format!(
                "{}/{ITSAM}/direktionen/{MEETING}/paragraf/2",
                app.base
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), StatusCode::NOT_FOUND);
        // § 1 is justerad, so its decision can be sent now (that is what omedelbar justering is
        // for): on the expediering checklist with the extract its chair and justerare signed;
        // the other paragraphs wait for the whole minutes.
        let (s, v) = app
            .call("GET", "/api/v1/dispatches?unsent=true", secretary, None)
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let early = v["data"].as_array().unwrap().clone();
        assert!(!early.is_empty(), "§ 1's dispatch is listed: {v}");
        assert!(
            early.iter().all(|d| d["paragraph"] == 1),
            "only the omedelbart justerad paragraph: {v}"
        );
        let url = early[0]["links"]["extract"].as_str().unwrap();
        let sent_early = app
            .client
            .get(format!("{}{url}", app.base))
            .bearer_auth(&app.secretary)
            .send()
            .await
            .unwrap();
        assert_eq!(sent_early.status(), StatusCode::OK);
        let sent_early = sent_early.bytes().await.unwrap().to_vec();
        // A certified extract of the final § 1, kept: valid, naming who certified it.
        let text = pdf_text(&sent_early);
        assert!(text.contains("Utdragsbestyrkande"), "{text}");
        assert!(text.contains("Sara Sekreterare"), "{text}");
        let report: Value = app
            .client
            .post(format!("{}/api/v1/verify", app.base))
            .multipart(reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(sent_early.clone()).file_name("utdrag.pdf"),
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(report["valid"], true, "{report}");
        assert!(
            report["certified_by"]
                .as_str()
                .unwrap_or("")
                .contains("Sara Sekreterare"),
            "{report}"
        );
        let early_id = early[0]["id"].clone();
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/dispatches/{}", early[0]["id"]),
                secretary,
                Some(json!({"sent_at": notice["posted"], "how": "e-post"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["how"], "e-post", "{v}");

        let (s, v) = app
            .call(
                "POST",
                &sign,
                Some(&app.chair),
                Some(json!({"paragraphs": null})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["state"], "released");
        let sha = v["sha256"].as_str().unwrap().to_string();
        assert_eq!(sha.len(), 64);
        let (s, v) = app
            .call("POST", &sign, Some(&app.chair), Some(json!({})))
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "signing twice: {v}");
        // The justerare says what they read: the same content, so the signature is made.
        let (s, v) = app
            .call(
                "POST",
                &sign,
                Some(&app.justerare),
                Some(json!({"sha256": sha})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["state"], "justerad");
        assert_eq!(v["sha256"], sha, "both signed the same content");

        // Justerade: no more comments.
        let (s, _) = app
            .call(
                "POST",
                &comments,
                Some(&app.chair),
                Some(json!({"text": "För sent."})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);

        // A rättelse: a document of its own, published with the minutes, which stay as signed.
        let corrections = format!(
            "/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}/corrections"
        );
        let (s, v) = app
            .call(
                "POST",
                &corrections,
                Some(&app.chair),
                Some(json!({"text": "x"})),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "the secretary corrects: {v}");
        let (s, v) = app
            .call(
                "POST",
                &corrections,
                secretary,
                Some(json!({"text": "§ 2: beloppet ska vara 120 000 kr.", "paragraph": 2})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (_, v) = app.call("GET", &public, None, None).await;
        assert_eq!(v["corrections"][0]["paragraph"], 2, "{v}");
        let page = app
            .client
            .get(format!("{}/{ITSAM}/direktionen/{MEETING}", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Rättelser") && page.contains("120 000 kr"),
            "{page}"
        );

        // Justerade: public, locked.
        let (_, v) = app.call("GET", &public, None, None).await;
        assert!(v.to_string().contains("fastställa budget"), "{v}");
        // The votering and the jäv recorded live are published as the PDF prints them.
        let vote = v["paragraphs"][1]["vote"].as_str().unwrap_or_default();
        assert!(
            vote.contains("Med 4 ja-röster mot 3 nej-röster")
                && vote.contains("Nej (3): Hans Holm, Eva Ek, Greta Gran"),
            "{v}"
        );
        assert!(
            v["paragraphs"][0]["disqualifications"]
                .to_string()
                .contains("David Dahl"),
            "{v}"
        );
        let (_, page) = app
            .call(
                "GET",
                &format!("/{ITSAM}/direktionen/{MEETING}"),
                None,
                None,
            )
            .await;
        assert!(
            page.to_string()
                .contains("Med 4 ja-röster mot 3 nej-röster"),
            "the public page prints the votering"
        );
        // Its public page says how it was made: recorded here, never "read in from a file".
        let (_, page) = app
            .call(
                "GET",
                &format!("/{ITSAM}/direktionen/{MEETING}"),
                None,
                None,
            )
            .await;
        let page = page.to_string();
        assert!(page.contains("Om protokollet"), "{page}");
        assert!(!page.contains("Om importen"), "{page}");
        let (s, _) = app
            .call(
                "PUT",
                RECORD,
                secretary,
                Some(json!({"version": version + 1, "record": stored})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        let (s, _) = app.call("POST", &sign, Some(&app.justerare), None).await;
        assert_eq!(
            s,
            StatusCode::CONFLICT,
            "justerade minutes take no more signatures"
        );

        // The justerade PDF: kept as the minutes' file, accepted by verifyDocument; one
        // changed byte is not.
        let file = v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["media_type"] == "application/pdf")
            .unwrap_or_else(|| panic!("the justerade PDF is listed: {v}"))["download_url"]
            .as_str()
            .unwrap()
            .to_string();
        let pdf = app.bytes(&file).await;
        assert!(pdf.starts_with(b"%PDF-"));
        let text = kansli_import::read_bytes(&pdf).unwrap().protocol;
        // Released with the justering planned for 2026-03-19, signed on 2026-03-12: the
        // minutes were justerade on the 12th, and say so.
        assert_eq!(
            text.justering.date,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 12),
            "{:?}",
            text.justering
        );
        // The ANSLAG/BEVIS box prints the real posting day, not an empty field.
        assert_eq!(
            text.notice.posted,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 12),
            "{:?}",
            text.notice
        );
        assert!(
            text.signatures.is_empty() || text.signatures.iter().any(|s| s.name.contains("Anna")),
            "{:?}",
            text.signatures
        );
        let verify = |bytes: Vec<u8>| {
            let client = app.client.clone();
            let url = format!("{}/api/v1/verify", app.base);
            async move {
                let form = reqwest::multipart::Form::new().part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes).file_name("protokoll.pdf"),
                );
                let r = client.post(url).multipart(form).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::OK);
                r.json::<Value>().await.unwrap()
            }
        };
        let report = verify(pdf.clone()).await;
        assert_eq!(report["valid"], true, "{report}");
        let signers: Vec<&str> = report["signers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            signers,
            ["Anna Ordförande", "Cecilia Ceder"],
            "each signer of the whole minutes once (their signatures of § 1 alone are the extract's)"
        );
        // The extract of the omedelbar justering checks too (its paragraph's signatures).
        let report = verify(extract.clone()).await;
        assert_eq!(report["valid"], true, "{report}");
        assert_eq!(
            report["signers"].as_array().map(Vec::len),
            Some(2),
            "{report}"
        );
        let mut changed = pdf.clone();
        // Inside the seal's first signed range (the seal's own value is not signed).
        let at = 1000;
        changed[at] ^= 0x01;
        let report = verify(changed.clone()).await;
        assert_eq!(report["valid"], false, "{report}");
        let problems = report["problems"].to_string();
        assert!(problems.contains("fingerprint"), "{report}");
        assert!(
            problems.contains("changed after signing"),
            "the seal names the change too: {report}"
        );
        let cut = pdf[..pdf.len() - 200].to_vec();
        assert_eq!(verify(cut).await["valid"], false);

        // The seal: an embedded PAdES signature over the whole file, intact.
        let report = verify(pdf.clone()).await;
        assert_eq!(report["pdf_signatures"][0]["intact"], true, "{report}");
        assert_eq!(report["pdf_signatures"][0]["covers_whole_document"], true);
        // The public protocol of justerade recorded minutes is that sealed PDF, byte for byte.
        let public_pdf = app
            .bytes(&format!("/{ITSAM}/direktionen/{MEETING}/protokoll.pdf"))
            .await;
        assert!(public_pdf == pdf, "protokoll.pdf is the kept, sealed PDF");
        pdfsig_accepts(&pdf, &changed);
        let mut changed_extract = extract.clone();
        changed_extract[1000] ^= 0x01;
        pdfsig_accepts(&extract, &changed_extract);

        // A passage masked for publication: the public PDF is then the publication copy, not
        // the sealed original (which shows it), and the check names it as that copy.
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}/redactions"),
                secretary,
                Some(json!({"paragraph": 2, "text": "fastställa budget 2027", "ground": "OSL 19 kap. 3 §"})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let copy = app
            .bytes(&format!("/{ITSAM}/direktionen/{MEETING}/protokoll.pdf"))
            .await;
        assert!(
            copy != pdf,
            "the masked minutes are not served as the sealed original"
        );
        let copy_text = pdf_text(&copy);
        assert!(!copy_text.contains("fastställa budget"), "{copy_text}");
        assert!(copy_text.contains("OSL 19 kap. 3 §"), "{copy_text}");
        let report = verify(copy.clone()).await;
        assert_eq!(report["valid"], false, "{report}");
        assert_eq!(report["publication_copy"], true, "{report}");
        assert_eq!(
            report["problems"].as_array().unwrap().len(),
            1,
            "only that it is the publication copy: {report}"
        );
        assert_eq!(
            report["signers"].as_array().unwrap().len(),
            2,
            "each signer once: {report}"
        );
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(copy).file_name("p.pdf"),
        );
        let page = app
            .client
            .post(format!("{}/kontrollera", app.base))
            .multipart(form)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("publiceringsexemplar"), "{page}");

        // Expediering: the certified extract for a recipient names the secretary and the day.
        let (_, v) = app
            .call("GET", "/api/v1/dispatches?unsent=true", secretary, None)
            .await;
        let dispatch = v["data"][0].clone();
        let url = dispatch["links"]["extract"].as_str().unwrap();
        let r = app
            .client
            .get(format!("{}{url}", app.base))
            .bearer_auth(&app.secretary)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let certified = r.bytes().await.unwrap().to_vec();
        // § 1's extract, sent before the minutes were justerade, is still the file sent.
        let again = app
            .client
            .get(format!(
                "{}/api/v1/dispatches/{early_id}/extract.pdf",
                app.base
            ))
            .bearer_auth(&app.secretary)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec();
        assert!(again == sent_early, "the extract sent is kept");
        let text = pdf_text(&certified);
        assert!(text.contains("Utdragsbestyrkande"), "{text}");
        assert!(text.contains("Bestyrkt av"), "{text}");
        assert!(text.contains("Sara Sekreterare"), "{text}");
        let r = app
            .client
            .get(format!("{}{url}", app.base))
            .bearer_auth(&app.member)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "not the member's");

        // The record as data (protokoll.json of an e-arkiv package): valid as signed, not
        // once a decision is changed.
        let (_, v) = app.call("GET", RECORD, secretary, None).await;
        let mut record = v["record"].clone();
        let report = verify(serde_json::to_vec(&record).unwrap()).await;
        assert_eq!(report["valid"], true, "{report}");
        assert_eq!(
            report["signers"].as_array().unwrap().len(),
            2,
            "each signer once"
        );
        record["items"][0]["decision"] = json!("Direktionen beslutar något annat.");
        let report = verify(serde_json::to_vec(&record).unwrap()).await;
        assert_eq!(report["valid"], false, "{report}");
        assert!(
            report["problems"][0]
                .as_str()
                .unwrap()
                .contains("changed after it was signed"),
            "{report}"
        );
    }
}

/// poppler's `pdfsig` (the check PDF readers make) accepts the sealed PDF as PAdES and rejects
/// a copy with one byte changed. It exits 0 even on a mismatch, so its text is read.
fn pdfsig_accepts(pdf: &[u8], changed: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let run = |bytes: &[u8], name: &str| -> Option<String> {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("pdfsig")
            .arg("-nocert")
            .arg(&path)
            .output()
            .ok()?;
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let Some(good) = run(pdf, "sealed.pdf") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs pdfsig (poppler-utils)"
        );
        eprintln!("pdfsig not installed: the PDF signature is checked by Kansli only");
        return;
    };
    assert!(
        good.contains("Signature Type: ETSI.CAdES.detached"),
        "{good}"
    );
    assert!(good.contains("Signature is Valid"), "{good}");
    assert!(good.contains("Total document signed"), "{good}");
    // The signing time is the moment of sealing (the test's clock), not 1970 for want of /M.
    assert!(good.contains("Signing Time: Mar 12 2026"), "{good}");
    // qpdf finds the file sound, the seal's update and its trailer included.
    if let Ok(out) = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(dir.path().join("sealed.pdf"))
        .output()
    {
        let said = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{said}");
        assert!(!said.to_lowercase().contains("warning"), "{said}");
    }
    let bad = run(changed, "changed.pdf").unwrap();
    assert!(!bad.contains("Signature is Valid"), "{bad}");
}

/// A PDF's text, through poppler's `pdftotext` (what a reader's copy would give).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn attendance_fix(record: &mut ParsedProtocol, name: &str, paragraphs: &str) {
    for p in &mut record.participants {
        if p.name == name {
            p.paragraphs = Some(paragraphs.into());
        }
    }
}
