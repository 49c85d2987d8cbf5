//! Importing one parsed protocol: the original file first, then one transaction for the rest.

use kansli_core::protocol::ParsedProtocol;

use crate::{ImportOutcome, Store, StoreError};

impl Store {
    /// Stores a parsed protocol and its original file under an authority.
    ///
    /// The original is written first (content-addressed), then everything else in one
    /// transaction: an interrupted import leaves no half protocol. The same content again (the
    /// same file, or another file with an equal parse) is `Unchanged`, and the file is linked as
    /// another source; a different parse of a stored meeting replaces its minutes (`Updated`).
    pub async fn import_protocol(
        &self,
        parsed: &ParsedProtocol,
        original: &[u8],
        file_name: &str,
        authority: &str,
    ) -> Result<ImportOutcome, StoreError> {
        let _ = (parsed, original, file_name, authority);
        Err(StoreError::Invalid("import is not written yet".into()))
    }
}
