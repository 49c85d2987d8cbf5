//! Agenda and kallelse over HTTP on both backends, as the contract drives them: Itsam's
//! direktion with seats and substitutes per kommun, cases with a public and a confidential
//! document, the kommunchefsberedning's earlier paragraph on the same case, a direktion meeting
//! whose agenda is built (standing item, case items with beslutsunderlag, a beredning link whose
//! decision becomes the proposal), the kallelse issued — the public sees it without the
//! confidential document, a member sees it all — förhinder with the substitute called in, private
//! notes, and the kallelse mailed through a real SMTP server the test starts.

mod common;
#[path = "common/openapi.rs"]
mod openapi_check;
use common::token;

use std::net::SocketAddr;
use std::sync::Arc;

use kansli_auth::{Grant, Role};
use kansli_core::protocol::{Item, ParsedProtocol};
use kansli_server::secretariat::AuthSettings;
use kansli_server::{AppState, router};
use kansli_store::{Store, StoreConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};

const ITSAM: &str = "kommunalforbundet-itsam";
const MEETING: &str = "2026-03-12";

struct App {
    base: String,
    client: reqwest::Client,
    store: Store,
    state: AppState,
    admin: String,
    secretary: String,
    member: String,
    other_member: String,
    _dir: tempfile::TempDir,
}

fn beredning_item() -> Item {
    Item {
        recorded: Default::default(),
        paragraph: 4,
        dnr: Some("ITSAM 2026/1".into()),
        title: "Upphandling av nätverk".into(),
        decision: Some(
            "Kommunchefsberedningen föreslår direktionen besluta att anta anbudet.".into(),
        ),
        summary: None,
        basis: Vec::new(),
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

async fn spawn(
    database_url: Option<String>,
    mail: Option<kansli_server::mail::MailSettings>,
) -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().join("data"),
        database_url,
    })
    .await
    .unwrap()
    .with_clock(Arc::new(|| {
        chrono::DateTime::parse_from_rfc3339("2026-03-02T08:00:00Z")
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
    let mut state = AppState::new(store.clone())
        .with_auth(AuthSettings {
            public_origin: Some("https://kansli.itsam.se".into()),
            ..AuthSettings::default()
        })
        .with_today(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    if let Some(m) = mail {
        state = state.with_mail(m);
    }
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();
    let base = format!("http://{addr}");
    let r = client
        .post(format!("{base}/api/v1/authorities"))
        .bearer_auth(&admin)
        .json(&json!({"name": "Kommunalförbundet Itsam", "kind": "kommunalförbund", "dnr_series": "ITSAM"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    for (name, kind, prepares) in [
        ("Direktionen", "direktion", None),
        ("Kommunchefsberedningen", "beredning", Some("direktionen")),
    ] {
        let r = client
            .post(format!("{base}/api/v1/authorities/{ITSAM}/bodies"))
            .bearer_auth(&admin)
            .json(&json!({"name": name, "kind": kind, "seats": 7, "prepares_for": prepares, "joint_for": []}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{name}");
    }
    let grant = |role, body: &str| Grant::new(role, Some(ITSAM.into()), Some(body.into())).unwrap();
    let secretary = token(
        &store,
        "sekreterare@itsam.se",
        "Sara Sekreterare",
        vec![grant(Role::Secretary, "direktionen")],
    )
    .await;
    let member = token(
        &store,
        "bo@ydre.se",
        "Bo Ledamot",
        vec![grant(Role::Member, "direktionen")],
    )
    .await;
    let other_member = token(
        &store,
        "kalle@itsam.se",
        "Kalle Beredare",
        vec![grant(Role::Member, "kommunchefsberedningen")],
    )
    .await;
    App {
        base,
        client,
        store,
        state,
        admin,
        secretary,
        member,
        other_member,
        _dir: dir,
    }
}

impl App {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        common::call(&self.client, &self.base, (method, path), token, body).await
    }

    async fn upload(&self, case: &str, title: &str, bytes: &[u8], confidential: bool) -> i64 {
        let mut form = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(format!("{title}.pdf")),
            )
            .text("title", title.to_string())
            .text("direction", "incoming")
            .text("confidential", confidential.to_string());
        if confidential {
            form = form.text("secrecy_ground", "OSL 31 kap. 16 §");
        }
        let r = self
            .client
            .post(self.url(&format!(
                "/api/v1/authorities/{ITSAM}/cases/{case}/documents"
            )))
            .bearer_auth(&self.secretary)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
    }

    /// Seats, cases, documents, the beredning's minutes and the planned meeting.
    async fn set_up(&self) -> (i64, i64, Vec<i64>) {
        let mut seats = Vec::new();
        for (name, role, represents, order, email) in [
            ("Anna Ordförande", "chair", "Kinda kommun", None, None),
            (
                "Bo Ledamot",
                "member",
                "Ydre kommun",
                None,
                Some("bo@ydre.se"),
            ),
            ("Cia Ersättare", "substitute", "Kinda kommun", Some(1), None),
            ("Dan Ersättare", "substitute", "Ydre kommun", Some(1), None),
            ("Eva Ersättare", "substitute", "Ydre kommun", Some(2), None),
        ] {
            let (status, v) = self
                .call(
                    "POST",
                    &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/members"),
                    Some(&self.admin),
                    Some(json!({"name": name, "role": role, "represents": represents,
                        "from": "2023-01-01", "to": "2026-12-31", "substitute_order": order,
                        "email": email})),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED, "{name}: {v}");
            seats.push(v["id"].as_i64().unwrap());
        }
        for title in ["Upphandling av nätverk", "Budget 2027"] {
            let (status, _) = self
                .call(
                    "POST",
                    &format!("/api/v1/authorities/{ITSAM}/cases"),
                    Some(&self.secretary),
                    Some(json!({"title": title, "handler": "Eva Handläggare"})),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let public = self
            .upload(
                "ITSAM-2026-1",
                "Tjänsteskrivelse nätverk",
                b"%PDF-1.7\n% skrivelse\n",
                false,
            )
            .await;
        let secret = self
            .upload(
                "ITSAM-2026-1",
                "Anbud med priser",
                b"%PDF-1.7\n% anbud hemligt\n",
                true,
            )
            .await;
        // The beredning's minutes, imported as any protocol: § 4 on the same case.
        let mut p = ParsedProtocol::new(
            "Kommunchefsberedningen",
            chrono::NaiveDate::from_ymd_opt(2026, 2, 20).unwrap(),
        );
        p.items = vec![beredning_item()];
        // Two of the beredning's seven seats served: the registry's seats judge beslutförhet.
        p.participants = ["Kalle Beredare", "Lisa Beredare"]
            .into_iter()
            .map(|name| kansli_core::protocol::Participant {
                name: name.into(),
                category: kansli_core::protocol::ParticipantCategory::Beslutande,
                role: Some("ledamot".into()),
                represents: None,
                party: None,
                paragraphs: None,
                serves_for: None,
            })
            .collect();
        self.store
            .import_protocol(
                &p,
                b"kcb 2026-02-20",
                "kcb-2026-02-20.txt",
                "Kommunalförbundet Itsam",
            )
            .await
            .unwrap();
        let (status, v) = self
            .call(
                "POST",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings"),
                Some(&self.secretary),
                Some(
                    json!({"date": MEETING, "start_time": "09:00", "end_time": "12:00",
                    "place": "Kinda kommunhus"}),
                ),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        (public, secret, seats)
    }
}

fn agenda_path(rest: &str) -> String {
    format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}{rest}")
}

#[tokio::test]
async fn the_agenda_is_built_and_the_kallelse_reaches_members_whole_and_the_public_without_secrets()
{
    let mut apps = vec![spawn(None, None).await];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        apps.push(spawn(Some(url), None).await);
    }
    for app in apps {
        let (public_doc, secret_doc, seats) = app.set_up().await;
        let sec = Some(app.secretary.as_str());
        let agenda = agenda_path("/agenda");
        let add = |body: Value| app.call("POST", &agenda, sec, Some(body));

        // planMeeting's Location is the meeting in the API, which a client can follow.
        let r = app
            .client
            .post(app.url(&format!(
                "/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings"
            )))
            .bearer_auth(&app.secretary)
            .json(&json!({"date": "2026-06-11", "start_time": "09:00"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let location = r.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with("/api/v1/"), "{location}");
        let (status, v) = app.call("GET", &location, sec, None).await;
        assert_eq!(status, StatusCode::OK, "{v}");

        // Standing item, then the case prepared by the beredning (its decision carried as the
        // proposal), then the second case.
        let (status, v) = add(json!({"kind": "standing", "title": "Val av justerare"})).await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        assert_eq!(v["position"], 1);
        assert_eq!(v["version"], 2);
        let (status, v) = add(
            json!({"case": "ITSAM 2026/1", "title": "Upphandling av nätverk",
            "proposal": null, "presenter": "Eva Handläggare",
            "documents": [public_doc, secret_doc],
            "prepared_in": {"meeting": "2026-02-20", "paragraph": 4}}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        assert_eq!(v["position"], 2);
        assert_eq!(v["dnr"], "ITSAM 2026/1");
        assert_eq!(
            v["prepared_in"]["text"],
            "Kommunchefsberedningens sammanträde 2026-02-20 § 4"
        );
        assert_eq!(
            v["proposal"],
            "Kommunchefsberedningen föreslår direktionen besluta att anta anbudet."
        );
        let (status, v) = add(json!({"case": "ITSAM-2026-2", "documents": []})).await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        assert_eq!(
            v["title"], "Budget 2027",
            "the case's title when none is given"
        );
        let budget = v["id"].as_i64().unwrap();

        // Refusals: an unknown case, a document of another case, a paragraph that is not the
        // beredning's, a stale version; nothing changes.
        for (body, status) in [
            (
                json!({"case": "ITSAM 2026/99"}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"case": "ITSAM 2026/2", "documents": [public_doc]}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"case": "ITSAM 2026/1", "prepared_in": {"meeting": "2026-02-20", "paragraph": 9}}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"title": "Information", "version": 1}),
                StatusCode::CONFLICT,
            ),
            (
                json!({"case": "ITSAM 2026/1", "bogus": 1}),
                StatusCode::BAD_REQUEST,
            ),
        ] {
            let (got, v) = add(body.clone()).await;
            assert_eq!(got, status, "{body}: {v}");
            assert_eq!(v["status"], status.as_u16(), "problem+json: {v}");
        }
        // Reorder: the budget first after the standing item.
        let (status, v) = app
            .call(
                "POST",
                &agenda_path(&format!("/agenda/{budget}/move")),
                sec,
                Some(json!({"position": 2, "version": 4})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let titles: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap())
            .collect();
        assert_eq!(
            titles,
            ["Val av justerare", "Budget 2027", "Upphandling av nätverk"]
        );
        let positions: Vec<i64> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["position"].as_i64().unwrap())
            .collect();
        assert_eq!(positions, [1, 2, 3]);

        // The case record says which agenda the case is on.
        let (_, v) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{ITSAM}/cases/ITSAM-2026-1/record"),
                sec,
                None,
            )
            .await;
        assert_eq!(v["on_agenda"][0]["meeting"], MEETING, "{v}");
        assert_eq!(v["on_agenda"][0]["position"], 3);

        // Before the kallelse: members and the public see nothing of it.
        let (status, _) = app
            .call("GET", &agenda_path("/kallelse"), Some(&app.member), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app
            .call(
                "GET",
                &format!("/api/v1/documents/{secret_doc}"),
                Some(&app.member),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, page) = app
            .call(
                "GET",
                &format!("/{ITSAM}/direktionen/{MEETING}"),
                None,
                None,
            )
            .await;
        let page = page.as_str().unwrap().to_string();
        assert!(!page.contains("Tjänsteskrivelse nätverk"), "not yet public");

        // A member may not build the agenda or issue the kallelse.
        let (status, _) = app
            .call(
                "POST",
                &agenda_path("/kallelse"),
                Some(&app.member),
                Some(json!({})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, v) = app
            .call("POST", &agenda_path("/kallelse"), sec, Some(json!({})))
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert!(
            v["issued_at"]
                .as_str()
                .unwrap()
                .starts_with("2026-03-02T08:00:00")
        );
        assert_eq!(
            v["mails"], 1,
            "Bo's account (a member) gets the kallelse by mail"
        );
        let issued_at = v["issued_at"].clone();
        // Issued again, unchanged: the same kallelse, no second mail.
        let (status, v) = app
            .call("POST", &agenda_path("/kallelse"), sec, Some(json!({})))
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["issued_at"], issued_at);
        assert_eq!(v["mails"], 0, "{v}");

        // The case page links the coming meeting to the agenda for its secretary, and to the
        // public meeting page for a registrator (who may not open the agenda).
        let registrar = token(
            &app.store,
            "rut@itsam.se",
            "Rut Registrator",
            vec![Grant::new(Role::Registrar, Some(ITSAM.into()), None).unwrap()],
        )
        .await;
        let case_page = |token: String| {
            let (client, url) = (
                app.client.clone(),
                app.url(&format!("/kansli/diarium/{ITSAM}/ITSAM-2026-1")),
            );
            async move {
                let r = client.get(url).bearer_auth(token).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::OK);
                r.text().await.unwrap()
            }
        };
        let agenda_link = format!("/kansli/moten/{ITSAM}/direktionen/{MEETING}\"");
        let public_link = format!("\"/{ITSAM}/direktionen/{MEETING}\"");
        let page = case_page(app.secretary.clone()).await;
        assert!(page.contains(&agenda_link), "{page}");
        let page = case_page(registrar).await;
        assert!(!page.contains(&agenda_link), "{page}");
        assert!(page.contains(&public_link), "{page}");

        // The member reads it all, confidential documents included, and the files.
        let (status, k) = app
            .call("GET", &agenda_path("/kallelse"), Some(&app.member), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{k}");
        assert_eq!(k["meeting"]["place"], "Kinda kommunhus");
        let item = &k["items"][2];
        assert_eq!(item["dnr"], "ITSAM 2026/1");
        assert_eq!(item["presenter"], "Eva Handläggare");
        let docs: Vec<(&str, bool)> = item["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["title"].as_str().unwrap(),
                    d["confidential"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            docs,
            [
                ("Tjänsteskrivelse nätverk", false),
                ("Anbud med priser", true)
            ]
        );
        let r = app
            .client
            .get(app.url(&format!("/api/v1/documents/{secret_doc}")))
            .bearer_auth(&app.member)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.bytes().await.unwrap().as_ref(),
            b"%PDF-1.7\n% anbud hemligt\n"
        );
        // A member of another body does not.
        let (status, _) = app
            .call(
                "GET",
                &agenda_path("/kallelse"),
                Some(&app.other_member),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app
            .call(
                "GET",
                &format!("/api/v1/documents/{secret_doc}"),
                Some(&app.other_member),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The public kallelse: time, place, ärenden and the public document, never the secret.
        let (status, page) = app
            .call(
                "GET",
                &format!("/{ITSAM}/direktionen/{MEETING}"),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let page = page.as_str().unwrap().to_string();
        for expected in [
            "Kallelse",
            "Kinda kommunhus",
            "Upphandling av nätverk",
            "Budget 2027",
            "Tjänsteskrivelse nätverk",
            "Kommunchefsberedningens sammanträde 2026-02-20 § 4",
        ] {
            assert!(page.contains(expected), "public page lacks {expected}");
        }
        assert!(
            !page.contains("Anbud med priser"),
            "a confidential title on the public page"
        );
        let r = app
            .client
            .get(app.url(&format!(
                "/{ITSAM}/direktionen/{MEETING}/handlingar/{public_doc}"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.bytes().await.unwrap().as_ref(),
            b"%PDF-1.7\n% skrivelse\n"
        );
        let r = app
            .client
            .get(app.url(&format!(
                "/{ITSAM}/direktionen/{MEETING}/handlingar/{secret_doc}"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        for format in ["txt", "html", "pdf"] {
            let r = app
                .client
                .get(app.url(&format!("/{ITSAM}/direktionen/{MEETING}/kallelse.{format}")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "kallelse.{format}");
            let bytes = r.bytes().await.unwrap();
            if format != "pdf" {
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    text.contains("Kallelse till sammanträde med Direktionen"),
                    "{text}"
                );
                assert!(text.contains("Budget 2027"));
                assert!(text.contains("09:00"));
                assert!(!text.contains("Anbud med priser"));
                // The items carry their proposal, föredragande and public beslutsunderlag, and
                // the chair comes from the registry's seats.
                assert!(text.contains("Förslag till beslut"), "{text}");
                assert!(text.contains(
                    "Kommunchefsberedningen föreslår direktionen besluta att anta anbudet."
                ));
                assert!(text.contains("Tjänsteskrivelse nätverk"));
                assert!(text.contains("Anna Ordförande"));
            } else {
                assert!(bytes.starts_with(b"%PDF"));
            }
        }
        // No public API shows the secret document either.
        let (_, v) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}"),
                None,
                None,
            )
            .await;
        assert!(!v.to_string().contains("Anbud med priser"));
        // The answer keeps getMeeting's schema, its agenda items an AgendaItem's shape.
        let (_, spec) = app.call("GET", "/api/v1/openapi.json", None, None).await;
        let wrong = openapi_check::OpenApi(spec).check(
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}",
            "a planned meeting",
            200,
            "application/json",
            &v,
        );
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        // Its agenda there is the issued kallelse's, with the public documents' links.
        assert_eq!(v["meeting_state"], "planned", "{v}");
        assert!(v["kallelse_issued"].is_string(), "{v}");
        let items = v["agenda"].as_array().expect("an agenda");
        assert!(!items.is_empty(), "{v}");
        assert!(
            items
                .iter()
                .all(|i| i["title"].as_str().is_some_and(|t| !t.is_empty())),
            "{v}"
        );
        assert!(
            items
                .iter()
                .any(|i| i["documents"].as_array().is_some_and(|d| !d.is_empty())),
            "{v}"
        );

        // The file keeps its name in any script (RFC 8187).
        let r = app
            .client
            .get(app.url(&format!("/api/v1/documents/{public_doc}")))
            .bearer_auth(&app.member)
            .send()
            .await
            .unwrap();
        let disposition = r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            disposition.contains("filename*=UTF-8''Tj%C3%A4nsteskrivelse%20n%C3%A4tverk.pdf"),
            "{disposition}"
        );

        // A change to the agenda withdraws the kallelse until it is issued again.
        let (status, _) =
            add(json!({"kind": "information", "title": "Förbundschefen informerar"})).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, _) = app
            .call("GET", &agenda_path("/kallelse"), Some(&app.member), None)
            .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "a changed agenda is not the issued kallelse"
        );
        let (_, page) = app
            .call(
                "GET",
                &format!("/{ITSAM}/direktionen/{MEETING}"),
                None,
                None,
            )
            .await;
        assert!(!page.as_str().unwrap().contains("Förbundschefen informerar"));
        let (status, _) = app
            .call("POST", &agenda_path("/kallelse"), sec, Some(json!({})))
            .await;
        assert_eq!(status, StatusCode::OK);
        let (_, k) = app
            .call("GET", &agenda_path("/kallelse"), Some(&app.member), None)
            .await;
        assert_eq!(k["items"].as_array().unwrap().len(), 4);

        // Förhinder: Bo (Ydre) reports for himself → Ydre's first substitute; not for Anna.
        let (status, v) = app
            .call(
                "POST",
                &agenda_path("/absences"),
                Some(&app.member),
                Some(json!({"member": seats[1]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["called"], "Dan Ersättare");
        let (status, _) = app
            .call(
                "POST",
                &agenda_path("/absences"),
                Some(&app.member),
                Some(json!({"member": seats[0]})),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a member reports only for their own seat"
        );
        // The substitute called in reports förhinder too: the next one of Ydre.
        let (_, v) = app
            .call(
                "POST",
                &agenda_path("/absences"),
                sec,
                Some(json!({"member": seats[3]})),
            )
            .await;
        assert_eq!(
            v["called"],
            Value::Null,
            "a substitute's förhinder calls no one for them"
        );
        let (_, v) = app
            .call(
                "POST",
                &agenda_path("/absences"),
                sec,
                Some(json!({"member": seats[0]})),
            )
            .await;
        assert_eq!(
            v["called"], "Cia Ersättare",
            "Kinda's substitute for Kinda's chair"
        );
        let (status, v) = app.call("GET", &agenda_path("/absences"), sec, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["data"].as_array().unwrap().len(), 3);

        // Private notes: the member's own, not seen by the secretary.
        let note_path = format!("/api/v1/documents/{secret_doc}/note");
        let (status, _) = app
            .call(
                "PUT",
                &note_path,
                Some(&app.member),
                Some(json!({"note": "Fråga om priset"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (_, v) = app.call("GET", &note_path, Some(&app.member), None).await;
        assert_eq!(v["note"], "Fråga om priset");
        let (_, v) = app.call("GET", &note_path, sec, None).await;
        assert_eq!(v["note"], "");
        let (status, _) = app
            .call("GET", &note_path, Some(&app.other_member), None)
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Every change is in the audit log; the note's text is not.
        let (_, v) = app
            .call(
                "GET",
                "/api/v1/audit-events?limit=100",
                Some(&app.admin),
                None,
            )
            .await;
        let log = v.to_string();
        for action in [
            "agenda.add",
            "agenda.move",
            "kallelse.issue",
            "absence.report",
            "note.write",
        ] {
            assert!(log.contains(action), "audit lacks {action}");
        }
        assert!(!log.contains("Fråga om priset"));

        // A seat for a name the beredning's minutes already hold: linked, but said aloud.
        let (status, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/members"),
                Some(&app.admin),
                Some(json!({"name": "Lisa Beredare", "role": "substitute", "represents": "Kinda kommun", "substitute_order": 2})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        assert!(
            v["warnings"][0]
                .as_str()
                .unwrap_or("")
                .contains("Kommunchefsberedningen"),
            "{v}"
        );

        // Time and place change, then the meeting is cancelled: the calendar carries both.
        let meeting = format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{MEETING}");
        let (status, v) = app
            .call("PATCH", &meeting, sec, Some(json!({"version": 1, "start_time": "13:00", "end_time": null, "place": "Ydre kommunhus"})))
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["version"], 2);
        assert_eq!(v["start_time"], "13:00");
        assert_eq!(v["end_time"], Value::Null);
        let (status, v) = app
            .call(
                "PATCH",
                &meeting,
                sec,
                Some(json!({"start_time": "15:00", "end_time": "10:00"})),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "an end before the start: {v}"
        );
        let (status, _) = app
            .call(
                "PATCH",
                &meeting,
                sec,
                Some(json!({"version": 1, "place": "x"})),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "a stale version");
        let (status, _) = app
            .call(
                "PATCH",
                &meeting,
                Some(&app.member),
                Some(json!({"status": "cancelled"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, ics) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/calendar.ics"),
                None,
                None,
            )
            .await;
        let ics = ics.as_str().unwrap().to_string();
        assert!(
            ics.contains("LOCATION:Ydre kommunhus") && ics.contains("SEQUENCE:1"),
            "{ics}"
        );
        // The meeting's page as a whole URI (long lines are folded: unfold first).
        assert!(
            ics.replace("\r\n ", "").contains(&format!(
                "URL:https://kansli.itsam.se/{ITSAM}/direktionen/{MEETING}"
            )),
            "{ics}"
        );
        let (status, v) = app
            .call("PATCH", &meeting, sec, Some(json!({"status": "cancelled"})))
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let (_, ics) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/calendar.ics"),
                None,
                None,
            )
            .await;
        assert!(ics.as_str().unwrap().contains("STATUS:CANCELLED"));
        let (_, page) = app
            .call(
                "GET",
                &format!("/{ITSAM}/direktionen/{MEETING}"),
                None,
                None,
            )
            .await;
        let page = page.as_str().unwrap().to_string();
        assert!(
            page.contains("Sammanträdet är inställt") && !page.contains("Ärenden"),
            "{page}"
        );
        let (status, _) = app
            .call(
                "GET",
                &format!("/{ITSAM}/direktionen/{MEETING}/kallelse.txt"),
                None,
                None,
            )
            .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "no kallelse to a cancelled meeting"
        );
        // A cancelled meeting's agenda is closed.
        let (status, _) = add(json!({"kind": "information", "title": "Sent"})).await;
        assert_eq!(status, StatusCode::CONFLICT);

        // The registry's seats (createBody's 7) feed the law engine: 2 of 7 is no quorum.
        let (status, v) = app
            .call(
                "GET",
                &format!(
                    "/api/v1/authorities/{ITSAM}/bodies/kommunchefsberedningen/meetings/2026-02-20"
                ),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            v["findings"].to_string().contains("quorum-not-met"),
            "findings: {}",
            v["findings"]
        );
        drop(app.state);
    }
}

/// The kallelse by mail, through a real SMTP server (Python's aiosmtpd, started here on
/// loopback); SKIPPED outside CI when it is missing.
// Several threads: the test waits for the SMTP server's output while the sender runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_kallelse_is_mailed_to_members_through_smtp() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let child = std::process::Command::new("python3")
        .args([
            "-u",
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        assert!(std::env::var_os("CI").is_none(), "CI needs python3");
        eprintln!("SKIPPED: no python3");
        return;
    };
    // Wait until it listens (or has died for want of the module).
    let mut up = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    if !up {
        let _ = child.kill();
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs aiosmtpd (pip install aiosmtpd)"
        );
        eprintln!("SKIPPED: aiosmtpd is not installed");
        return;
    }
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });

    let mut settings = kansli_server::mail::MailSettings::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Kansli Itsam <kansli@itsam.se>",
    )
    .unwrap();
    settings.interval = std::time::Duration::from_millis(200);
    let app = spawn(None, Some(settings)).await;
    kansli_server::mail::start_sender(&app.state);
    app.set_up().await;
    let sec = Some(app.secretary.as_str());
    let (status, _) = app
        .call(
            "POST",
            &agenda_path("/agenda"),
            sec,
            Some(json!({"case": "ITSAM 2026/1"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, v) = app
        .call("POST", &agenda_path("/kallelse"), sec, Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    // bo@ydre.se is both a seat's e-mail and a member account: one mail, not two.
    assert_eq!(v["mails"], 1);

    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        match rx.recv_timeout(std::time::Duration::from_millis(200)) {
            Ok(line) => {
                seen.push(line);
                let all = seen.join("\n");
                if all.contains("Subject: Kallelse: Direktionen 2026-03-12")
                    && all.contains("bo@ydre.se")
                {
                    break;
                }
            }
            Err(_) => continue,
        }
    }
    let all = seen.join("\n");
    assert!(
        all.contains("Subject: Kallelse: Direktionen 2026-03-12"),
        "the SMTP server got: {all}"
    );
    assert!(all.contains("bo@ydre.se"));
    assert!(
        all.contains("From: \"Kansli Itsam\" <kansli@itsam.se>"),
        "{all}"
    );
    // The outbox records it as sent.
    let mut sent = false;
    for _ in 0..50 {
        let outbox = app.store.outbox(10).await.unwrap();
        if outbox
            .iter()
            .any(|(to, _, at, _)| to == "bo@ydre.se" && at.is_some())
        {
            sent = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    assert!(sent, "the outbox marks the mail sent");
}
