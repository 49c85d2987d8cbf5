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
