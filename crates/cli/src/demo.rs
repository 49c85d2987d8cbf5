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
        let password = kansli_auth::NewPassword::parse(DEMO_PASSWORD, email, name)?.hash()?;
        store
            .create_user(
                &kansli_store::Actor::shell(),
                &kansli_store::NewUser {
                    email: kansli_auth::Email::parse(email)?,
                    name: (*name).to_string(),
                    password: Some(password),
                    grants: vec![grant],
                },
            )
            .await
            .with_context(|| format!("demo account {email}"))?;
        out.push((
            email.to_string(),
            DEMO_PASSWORD.to_string(),
            what.to_string(),
        ));
    }
    Ok(out)
}
