//! The demo data: the sample protocols, embedded in the binary so `kansli serve --demo` works
//! on a fresh clone with nothing else on disk.

use anyhow::Context;

/// The sample protocols (public documents), by file name.
const SAMPLES: &[(&str, &[u8])] = &[
    (
        "itsam-direktionen-2021-11-18.pdf",
        include_bytes!("../../../fixtures/samples/itsam-direktionen-2021-11-18.pdf"),
    ),
    (
        "itsam-direktionen-2024-03-05.pdf",
        include_bytes!("../../../fixtures/samples/itsam-direktionen-2024-03-05.pdf"),
    ),
    (
        "itsam-direktionen-2025-03-27.pdf",
        include_bytes!("../../../fixtures/samples/itsam-direktionen-2025-03-27.pdf"),
    ),
    (
        "lomma-barn-och-utbildningsnamnden-2024-05-14.txt",
        include_bytes!(
            "../../../fixtures/samples/lomma-barn-och-utbildningsnamnden-2024-05-14.txt"
        ),
    ),
    (
        "lomma-kommunfullmaktige-2024-09-26.txt",
        include_bytes!("../../../fixtures/samples/lomma-kommunfullmaktige-2024-09-26.txt"),
    ),
    (
        "lomma-kultur-och-fritidsnamnden-2025-02-03.txt",
        include_bytes!("../../../fixtures/samples/lomma-kultur-och-fritidsnamnden-2025-02-03.txt"),
    ),
];

/// Imports every sample into the store; returns how many were stored.
pub async fn load(store: &kansli_store::Store) -> anyhow::Result<usize> {
    let mut loaded = 0;
    for (name, bytes) in SAMPLES {
        let protocol =
            kansli_import::parse_bytes(bytes).with_context(|| format!("demo sample {name}"))?;
        let authority = crate::import::authority_of(&protocol, None);
        store
            .import_protocol(&protocol, bytes, name, &authority)
            .await
            .with_context(|| format!("demo sample {name}"))?;
        loaded += 1;
    }
    Ok(loaded)
}

/// The demo's accounts, one for every role: (e-mail, name, role, scope, what the login page
/// calls it). They share one password, printed at start and shown on the login page.
const DEMO_ACCOUNTS: &[(&str, &str, &str, Option<&str>, &str)] = &[
    (
        "admin@demo.kansli",
        "Ada Administratör",
        "admin",
        None,
        "Administratör",
    ),
    (
        "registrator@demo.kansli",
        "Rut Registrator",
        "registrar",
        Some("Kommunalförbundet Itsam"),
        "Registrator, Itsam",
    ),
    (
        "sekreterare@demo.kansli",
        "Sara Sekreterare",
        "secretary",
        Some("Kommunalförbundet Itsam/Direktionen"),
        "Sekreterare, Itsams direktion",
    ),
    (
        "ledamot@demo.kansli",
        "Leif Ledamot",
        "member",
        Some("Kommunalförbundet Itsam/Direktionen"),
        "Ledamot, Itsams direktion",
    ),
    (
        "ordforande@demo.kansli",
        "Anna Ordförande",
        "member",
        Some("Kommunalförbundet Itsam/Direktionen"),
        "Ordförande, Itsams direktion",
    ),
    (
        "lomma@demo.kansli",
        "Lina Lomma",
        "secretary",
        Some("Lomma kommun/Kommunfullmäktige"),
        "Sekreterare, Lomma kommunfullmäktige",
    ),
];

/// The demo accounts' password.
pub const DEMO_PASSWORD: &str = "prova-demot-2026";

/// Creates the demo accounts; returns (e-mail, password, what) for the login page.
pub async fn accounts(
    store: &kansli_store::Store,
) -> anyhow::Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for (email, name, role, scope, what) in DEMO_ACCOUNTS {
        let role = kansli_auth::Role::parse(role)?;
        let (authority, body) = match scope.map(|s| s.split_once('/')) {
            Some(Some((a, b))) => (Some(a.to_string()), Some(b.to_string())),
            Some(None) => (scope.map(str::to_string), None),
            None => (None, None),
        };
        let grant = kansli_auth::Grant::new(role, authority, body)?;
        out.push((
            email.to_string(),
            DEMO_PASSWORD.to_string(),
            what.to_string(),
        ));
        // A kept demo directory has its accounts from the first start.
        let address = kansli_auth::Email::parse(email)?;
        if store.user_by_email(&address).await?.is_some() {
            continue;
        }
        let password = kansli_auth::NewPassword::parse(DEMO_PASSWORD, email, name)?.hash()?;
        store
            .create_user(
                &kansli_store::Actor::shell(),
                &kansli_store::NewUser {
                    email: address,
                    name: (*name).to_string(),
                    password: Some(password),
                    grants: vec![grant],
                },
            )
            .await
            .with_context(|| format!("demo account {email}"))?;
    }
    Ok(out)
}

/// Whether the store is a demo's: its administrator account is the demo's.
pub async fn is_demo(store: &kansli_store::Store) -> anyhow::Result<bool> {
    let admin = kansli_auth::Email::parse(DEMO_ACCOUNTS[0].0)?;
    Ok(store.user_by_email(&admin).await?.is_some())
}

/// The secretariat's demo: Itsam's diarium series, seats of the direktion (the demo's ledamot
/// holds one, so förhinder works), a case with a public and a confidential document, and a
/// direktion meeting three weeks ahead whose agenda is built and kallelse issued — so every
/// role has something to open. Skipped when the direktion already has a meeting ahead.
pub async fn secretariat(store: &kansli_store::Store) -> anyhow::Result<()> {
    use kansli_store::{
        Actor, AgendaKind, NewAgendaItem, NewAuthority, NewDocument, NewMeeting, NewMember,
    };
    const A: &str = "kommunalforbundet-itsam";
    const B: &str = "direktionen";
    let actor = Actor::shell();
    let today = kansli_core::law::checks::swedish_local_date(store.now_utc());
    let date = today + chrono::Duration::days(21);
    let ahead = store.body_calendar(A, B).await?.unwrap_or_default();
    if ahead.iter().any(|m| m.date >= today.to_string()) {
        return Ok(());
    }
    store
        .create_authority(
            &actor,
            &NewAuthority {
                name: "Kommunalförbundet Itsam".into(),
                kind: "kommunalforbund".into(),
                dnr_series: Some("ITSAM".into()),
                dnr_format: kansli_core::DnrFormat::standard(),
            },
        )
        .await?;
    for (name, role, represents, order, email) in [
        ("Anna Ordförande", "chair", "Kinda kommun", None, None),
        (
            "Leif Ledamot",
            "member",
            "Ydre kommun",
            None,
            Some("ledamot@demo.kansli"),
        ),
        ("Cia Ersättare", "substitute", "Kinda kommun", Some(1), None),
        ("Dan Ersättare", "substitute", "Ydre kommun", Some(1), None),
    ] {
        store
            .add_member(
                &actor,
                A,
                B,
                &NewMember {
                    name: name.into(),
                    role: role.into(),
                    party: None,
                    represents: Some(represents.into()),
                    from: None,
                    to: None,
                    substitute_order: order,
                    email: email.map(str::to_string),
                },
            )
            .await?;
    }
    let case = store
        .register_case(
            &actor,
            A,
            "Samverkansavtal för e-tjänster",
            Some("Eva Handläggare"),
        )
        .await?
        .context("the demo authority exists")?;
    let mut documents = Vec::new();
    for (title, text, confidential) in [
        (
            "Tjänsteskrivelse om samverkansavtal",
            "Tjänsteskrivelse (demo): förvaltningen föreslår att direktionen godkänner avtalet.\n",
            false,
        ),
        (
            "Anbud med priser",
            "Anbud (demo): affärshemligheter.\n",
            true,
        ),
    ] {
        let record = store
            .add_case_document(
                &actor,
                A,
                &case.key,
                &NewDocument {
                    title: title.into(),
                    direction: "incoming".into(),
                    confidential,
                    secrecy_ground: confidential.then(|| "OSL 31 kap. 16 §".to_string()),
                    file_name: format!("{title}.txt"),
                    media_type: "text/plain".into(),
                    content: text.as_bytes().to_vec(),
                },
            )
            .await?
            .context("the demo case exists")?;
        documents.push(record.id);
    }
    let meeting = store
        .plan_meeting(
            &actor,
            A,
            B,
            &NewMeeting {
                date,
                start_time: Some("09:00".into()),
                end_time: Some("12:00".into()),
                place: Some("Kinda kommunhus".into()),
            },
        )
        .await?
        .context("the demo body exists")?;
    for item in [
        NewAgendaItem {
            kind: AgendaKind::Standing,
            case: None,
            title: Some("Val av justerare".into()),
            proposal: None,
            presenter: None,
            documents: Vec::new(),
            prepared_in: None,
        },
        NewAgendaItem {
            kind: AgendaKind::Case,
            case: Some(case.dnr.clone()),
            title: None,
            proposal: Some("Direktionen godkänner samverkansavtalet.".into()),
            presenter: Some("Eva Handläggare".into()),
            documents,
            prepared_in: None,
        },
    ] {
        store
            .add_agenda_item(&actor, A, B, &meeting.slug, None, &item)
            .await?;
    }
    let mail = kansli_server::secretariat::kallelse_mail(None);
    store
        .issue_kallelse(&actor, (A, B, &meeting.slug), None, &mail)
        .await?;
    awaiting_justering(store, &actor, today).await
}

/// A meeting held two days ago whose minutes are recorded and released for justering: the
/// demo's ordförande (Anna Ordförande) and justerare (Leif Ledamot) sign them at
/// `/kansli/justering/…`.
async fn awaiting_justering(
    store: &kansli_store::Store,
    actor: &kansli_store::Actor,
    today: chrono::NaiveDate,
) -> anyhow::Result<()> {
    use kansli_store::{AgendaKind, NewAgendaItem, NewMeeting};
    const A: &str = "kommunalforbundet-itsam";
    const B: &str = "direktionen";
    let date = today - chrono::Duration::days(2);
    let meeting = store
        .plan_meeting(
            actor,
            A,
            B,
            &NewMeeting {
                date,
                start_time: Some("13:00".into()),
                end_time: Some("14:30".into()),
                place: Some("Digitalt".into()),
            },
        )
        .await?
        .context("the demo body exists")?;
    for (kind, title) in [
        (AgendaKind::Standing, "Val av justerare"),
        (AgendaKind::Information, "Förbundschefen informerar"),
    ] {
        store
            .add_agenda_item(
                actor,
                A,
                B,
                &meeting.slug,
                None,
                &NewAgendaItem {
                    kind,
                    case: None,
                    title: Some(title.into()),
                    proposal: None,
                    presenter: None,
                    documents: Vec::new(),
                    prepared_in: None,
                },
            )
            .await?;
    }
    let agenda = store
        .meeting_agenda(A, B, &meeting.slug)
        .await?
        .context("the meeting was planned")?;
    let seats = store.body_seats(A, B, date).await?;
    let first = store.next_paragraph_number(agenda.meeting_id).await?;
    let mut record = kansli_store::record::propose_draft(&agenda, &seats, &[], first)?;
    record.secretary = Some("Sara Sekreterare".into());
    record.items[0].decision =
        Some("Direktionen utser Leif Ledamot att justera protokollet.".into());
    record.items[1].decision =
        Some("Direktionen beslutar att notera informationen till protokollet.".into());
    let version = store
        .save_minutes_draft(actor, agenda.meeting_id, 0, &record)
        .await?;
    store
        .release_minutes(
            actor,
            agenda.meeting_id,
            version,
            &["Leif Ledamot".to_string()],
            Some("Digitalt"),
            Some(today),
        )
        .await?;
    Ok(())
}
