//! Faults a new-user trial found in the public archive, over HTTP on both backends: Itsam's
//! diarium holds a case with a public and a confidential (sekretessmarkerad) document, and the
//! direktion's imported minutes handle that case in § 7 and list both as beslutsunderlag. The
//! confidential title never reaches the public (meeting and paragraph pages, their JSON, the
//! protocol and the extract in every format, the case, search); a rättelse of § 7 shows on the
//! paragraph's page, in its JSON and in its extract.

// Only `call` of the shared helpers is used here.
#[allow(dead_code)]
mod common;

use std::net::SocketAddr;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use kansli_core::DnrFormat;
use kansli_core::protocol::{Item, ParsedProtocol};
use kansli_server::{AppState, router};
use kansli_store::{Actor, NewAuthority, NewDocument, Store, StoreConfig};
use reqwest::StatusCode;
use serde_json::Value;

const A: &str = "kommunalforbundet-itsam";
const B: &str = "direktionen";
const M: &str = "2026-03-12";
const SECRET: &str = "Anbud med priser från Nätbolaget AB";
const PUBLIC: &str = "Tjänsteskrivelse om nätverk";
/// A beslutsunderlag registered as confidential only after the minutes were published.
const LATER: &str = "Kalkyl för ringnätet";

struct App {
    base: String,
    client: reqwest::Client,
    store: Store,
    state: AppState,
    case_key: String,
    _dir: tempfile::TempDir,
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-04-01T08:00:00Z")
        .unwrap()
        .to_utc()
}

fn item(paragraph: u32, dnr: Option<String>, title: &str, basis: Vec<String>) -> Item {
    Item {
        recorded: Default::default(),
        paragraph,
        dnr,
        title: title.into(),
        decision: Some(format!("Direktionen beslutar om {}.", title.to_lowercase())),
        summary: None,
        basis,
        motions: Vec::new(),
        proposition_order: None,
        vote: None,
        reservations: Vec::new(),
        notes: Vec::new(),
        disqualifications: Vec::new(),
        dispatch: Vec::new(),
        sections: Vec::new(),
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
    .with_clock(Arc::new(now));
    eprintln!("-- on {:?}", store.backend());
    let actor = Actor::shell();
    store
        .create_authority(
            &actor,
            &NewAuthority {
                name: "Kommunalförbundet Itsam".into(),
                kind: "kommunalforbund".into(),
                dnr_series: Some("ITSAM".into()),
                dnr_format: DnrFormat::standard(),
            },
        )
        .await
        .unwrap();
    let case = store
        .register_case(&actor, A, "Upphandling av nätverk", None)
        .await
        .unwrap()
        .unwrap();
    for (title, confidential) in [(PUBLIC, false), (SECRET, true)] {
        store
            .add_case_document(
                &actor,
                A,
                &case.key,
                &NewDocument {
                    title: title.into(),
                    direction: "incoming".into(),
                    confidential,
                    secrecy_ground: confidential.then(|| "OSL 31 kap. 16 §".to_string()),
                    file_name: "handling.txt".into(),
                    media_type: "text/plain".into(),
                    content: title.as_bytes().to_vec(),
                },
            )
            .await
            .unwrap()
            .unwrap();
    }
    let mut p = ParsedProtocol::new("Direktionen", NaiveDate::from_ymd_opt(2026, 3, 12).unwrap());
    p.authority = Some("Kommunalförbundet Itsam".into());
    p.items = vec![
        item(6, None, "Val av justerare", Vec::new()),
        item(
            7,
            Some(case.dnr.clone()),
            "Upphandling av nätverk",
            vec![PUBLIC.into(), SECRET.into(), LATER.into()],
        ),
        item(8, None, "Meddelanden", Vec::new()),
    ];
    store
        .import_protocol(
            &p,
            b"direktionen 2026-03-12",
            "direktionen-2026-03-12.txt",
            "Kommunalförbundet Itsam",
        )
        .await
        .unwrap();
    let mut state = AppState::new(store.clone());
    state.today = Arc::new(|| NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let app = App {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        store,
        state,
        case_key: case.key,
        _dir: dir,
    };
    app.catch_up().await;
    app
}

async fn apps() -> Vec<App> {
    let mut out = vec![spawn(None).await];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        out.push(spawn(Some(url)).await);
    }
    out
}

impl App {
    async fn get(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (r.status(), r.bytes().await.unwrap().to_vec())
    }

    async fn text(&self, path: &str) -> String {
        let (s, body) = self.get(path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        String::from_utf8(body).unwrap()
    }

    async fn catch_up(&self) {
        let index = self.state.search.clone().expect("index");
        index.catch_up(&self.store, now()).await.expect("catch up");
    }

    async fn meeting_id(&self) -> i64 {
        self.store
            .find_meetings(&format!("{A}/{B}/{M}"))
            .await
            .unwrap()[0]
            .meeting_id
    }
}

/// The text of a PDF through poppler's `pdftotext`, when it is installed.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.pdf");
    std::fs::write(&path, pdf).unwrap();
    match std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
    {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        _ => {
            eprintln!("pdftotext is not installed: the PDFs' text is not checked");
            None
        }
    }
}

/// A PDF's text with its line breaks and hyphenation undone, for a phrase to be found in it.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn a_confidential_documents_title_reaches_no_public_place() {
    for app in apps().await {
        let meeting = format!("/{A}/{B}/{M}");
        let api = format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}");
        let mut places = Vec::new();
        for path in [
            meeting.clone(),
            format!("{meeting}/paragraf/7"),
            api.clone(),
            format!("{api}/paragraphs/7"),
            format!("{meeting}/protokoll.html"),
            format!("{meeting}/protokoll.txt"),
            format!("{meeting}/utdrag.html?paragrafer=7"),
            format!("{meeting}/utdrag.txt?paragrafer=7"),
            format!("{api}/documents/utdrag.txt?paragraphs=7"),
            format!("/{A}/arenden/{}", app.case_key),
            format!("/api/v1/authorities/{A}/cases/{}", app.case_key),
        ] {
            places.push((path.clone(), app.text(&path).await));
        }
        for path in [
            format!("{meeting}/protokoll.pdf"),
            format!("{meeting}/utdrag.pdf?paragrafer=7"),
        ] {
            let (s, pdf) = app.get(&path).await;
            assert_eq!(s, StatusCode::OK, "{path}");
            if let Some(text) = pdftotext(&pdf) {
                places.push((path, flat(&text)));
            }
        }
        for (place, text) in &places {
            assert!(!text.contains(SECRET), "{place} shows the title: {text}");
            assert!(!text.contains("Nätbolaget"), "{place} shows a part of it");
            if place.contains("arenden") || place.contains("/cases/") {
                // The case lists its handling, not the paragraph's beslutsunderlag.
                continue;
            }
            // The public document stays; where the other was is said, with its ground.
            assert!(text.contains(PUBLIC), "{place} lost the public document");
            assert!(
                text.contains("handling med sekretess enligt OSL 31 kap. 16 §"),
                "{place} does not say a confidential document is masked: {text}"
            );
        }
        // The API says that, and where, the copy is masked.
        for path in [api.clone(), format!("{api}/paragraphs/7")] {
            let v: Value = serde_json::from_str(&app.text(&path).await).unwrap();
            let masked = v["masked_places"]
                .as_i64()
                .or(v["meeting"]["masked_places"].as_i64());
            assert!(masked.is_some_and(|n| n >= 1), "{path}: {v}");
        }
        // The original file holds the title: it is not offered to the public.
        let page = app.text(&meeting).await;
        assert!(!page.contains("/filer/"), "no link to the original");
        assert!(
            page.contains("Protokollet är maskerat för publicering på webben"),
            "the page says it is masked"
        );
        // Search finds the paragraph by its public words, never by the title's.
        let (s, hits) = app.get("/api/v1/search?q=upphandling").await;
        assert_eq!(s, StatusCode::OK);
        let hits = String::from_utf8(hits).unwrap();
        assert!(hits.contains("/paragraf/7"), "indexed: {hits}");
        assert!(!hits.contains("Nätbolaget"), "{hits}");
        for q in ["Nätbolaget", "priser", "Anbud"] {
            let (s, hits) = app.get(&format!("/api/v1/search?q={q}")).await;
            assert_eq!(s, StatusCode::OK);
            let v: Value = serde_json::from_slice(&hits).unwrap();
            assert_eq!(
                v["pagination"]["totalElements"], 0,
                "search {q} finds the masked title: {v}"
            );
        }
        // A document registered as confidential after the minutes were published and indexed:
        // the pages mask its title at once, and the index reads the minutes again.
        let (_, hits) = app.get("/api/v1/search?q=kalkyl").await;
        let v: Value = serde_json::from_slice(&hits).unwrap();
        assert_eq!(
            v["pagination"]["totalElements"], 1,
            "public until then: {v}"
        );
        app.store
            .add_case_document(
                &Actor::shell(),
                A,
                &app.case_key,
                &NewDocument {
                    title: LATER.into(),
                    direction: "incoming".into(),
                    confidential: true,
                    secrecy_ground: Some("OSL 31 kap. 16 §".into()),
                    file_name: "kalkyl.txt".into(),
                    media_type: "text/plain".into(),
                    content: b"kalkyl".to_vec(),
                },
            )
            .await
            .unwrap()
            .unwrap();
        let page = app.text(&format!("{meeting}/paragraf/7")).await;
        assert!(!page.contains(LATER), "{page}");
        app.catch_up().await;
        let (_, hits) = app.get("/api/v1/search?q=kalkyl").await;
        let v: Value = serde_json::from_slice(&hits).unwrap();
        assert_eq!(
            v["pagination"]["totalElements"], 0,
            "masked in the index: {v}"
        );
    }
}

#[tokio::test]
async fn a_rattelse_shows_on_its_paragraphs_page_json_and_extract() {
    for app in apps().await {
        let id = app.meeting_id().await;
        let actor = Actor::shell();
        let of_7 = "Beloppet i beslutet ska vara 120 000 kr, inte 12 000 kr.";
        let of_8 = "Meddelandet från Ydre kommun var daterat den 2 mars.";
        let whole = "Sammanträdet började kl. 09.15, inte 09.00.";
        app.store
            .add_rattelse(&actor, id, Some(7), of_7)
            .await
            .unwrap();
        app.store
            .add_rattelse(&actor, id, Some(8), of_8)
            .await
            .unwrap();
        app.store
            .add_rattelse(&actor, id, None, whole)
            .await
            .unwrap();
        let meeting = format!("/{A}/{B}/{M}");
        let api = format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}");

        let page = app.text(&format!("{meeting}/paragraf/7")).await;
        assert!(
            page.contains("<h2 id=\"rattelser\">Rättelser</h2>"),
            "{page}"
        );
        assert!(page.contains(of_7), "{page}");
        assert!(
            page.contains("Rättelse 2026-04-01, § 7:"),
            "its day: {page}"
        );
        assert!(
            page.contains("Rättelse 2026-04-01, hela protokollet:"),
            "{page}"
        );
        assert!(page.contains(whole), "the whole minutes' rättelse: {page}");
        assert!(!page.contains(of_8), "another paragraph's rättelse: {page}");
        let page = app.text(&format!("{meeting}/paragraf/6")).await;
        assert!(!page.contains(of_7) && page.contains(whole), "{page}");

        let (s, v) = common::call(
            &app.client,
            &app.base,
            ("GET", &format!("{api}/paragraphs/7")),
            None,
            None,
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        let texts: Vec<&str> = v["corrections"]
            .as_array()
            .expect("corrections")
            .iter()
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, [of_7, whole], "{v}");
        assert_eq!(v["corrections"][0]["paragraph"], 7);

        for path in [
            format!("{meeting}/utdrag.txt?paragrafer=7"),
            format!("{meeting}/utdrag.html?paragrafer=7"),
        ] {
            let text = flat(&app.text(&path).await);
            assert!(
                text.contains("Rättelse efter justeringen, 2026-04-01"),
                "{path}: {text}"
            );
            assert!(
                text.contains(of_7) && text.contains(whole),
                "{path}: {text}"
            );
            assert!(!text.contains(of_8), "{path}: {text}");
        }
        let (s, pdf) = app.get(&format!("{meeting}/utdrag.pdf?paragrafer=7")).await;
        assert_eq!(s, StatusCode::OK);
        if let Some(text) = pdftotext(&pdf) {
            assert!(flat(&text).contains(of_7), "{text}");
        }
        // The protocol itself is the minutes as justerade: no rättelse is written into it.
        let text = app.text(&format!("{meeting}/protokoll.txt")).await;
        assert!(!text.contains(of_7), "{text}");
    }
}

#[tokio::test]
async fn public_pages_say_where_each_meeting_stands() {
    for app in apps().await {
        let actor = Actor::shell();
        for day in [25, 20, 22] {
            let month = if day == 25 { 3 } else { 4 };
            app.store
                .plan_meeting(
                    &actor,
                    A,
                    B,
                    &kansli_store::NewMeeting {
                        date: NaiveDate::from_ymd_opt(2026, month, day).unwrap(),
                        start_time: Some("09:00".into()),
                        end_time: None,
                        place: Some("Kinda kommunhus".into()),
                    },
                )
                .await
                .unwrap()
                .unwrap();
        }
        app.store
            .update_planned_meeting(
                &actor,
                (A, B, "2026-04-22"),
                &kansli_store::MeetingChange {
                    status: Some("cancelled".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .unwrap();
        // Today is 2026-04-01: the 25 March meeting was held, its minutes not yet justerade.
        let body = app.text(&format!("/{A}/{B}?ar=2026")).await;
        let row = |date: &str| {
            let at = body.find(&format!("datetime=\"{date}\"")).expect(date);
            body[at..].split("</tr>").next().unwrap().to_string()
        };
        assert!(row("2026-04-20").contains("<td>Planerat</td>"), "{body}");
        assert!(row("2026-04-22").contains("<td>Inställt</td>"), "{body}");
        assert!(
            row("2026-03-25").contains("<td>Hållet – protokollet ej justerat</td>"),
            "{body}"
        );
        assert!(row(M).contains("<td>Justerat"), "{body}");

        let start = app.text("/").await;
        // The mark is under the date, where a phone sees it without scrolling the table.
        for mark in ["Planerat", "Inställt", "Hållet – protokollet ej justerat"] {
            let mark = format!("<strong class=\"small\">{mark}</strong>");
            assert!(start.contains(&mark), "{mark}: {start}");
        }
        assert!(!start.contains(">Justerat"), "{start}");

        let held = app.text(&format!("/{A}/{B}/2026-03-25")).await;
        assert!(
            held.contains("Hållet sammanträde – protokollet ej justerat"),
            "{held}"
        );
        assert!(!held.contains("Planerat sammanträde"), "{held}");
        assert!(!held.contains("Sammanträdet är planerat"), "{held}");
        let cancelled = app.text(&format!("/{A}/{B}/2026-04-22")).await;
        assert!(
            cancelled.contains("Sammanträdet är inställt."),
            "{cancelled}"
        );
        let planned = app.text(&format!("/{A}/{B}/2026-04-20")).await;
        assert!(planned.contains("Planerat sammanträde"), "{planned}");

        // Four meetings, one of them justerat: none is called protokollförd.
        let authority = app.text(&format!("/{A}")).await;
        assert!(!authority.contains("protokollförda"), "{authority}");
        assert!(
            authority.contains("4 sammanträden (planerade och inställda medräknade)"),
            "{authority}"
        );
    }
}
