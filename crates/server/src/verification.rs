//! Checking a justerat protokoll: a PDF, or the record exported as JSON, against the justerade
//! minutes Kansli keeps and their signatures (`verifyDocument`, the public page "Kontrollera
//! ett protokoll", `kansli verify`).
//!
//! A PDF is valid when it is, byte for byte, the justerade PDF of minutes Kansli keeps (its
//! SHA-256 is on the minutes), its embedded seal (PAdES) is intact over the whole file, and
//! every signature of those minutes checks: made over the record's canonical content as it is
//! stored, by the chair or a justerare, with a key that verifies. A JSON record (`protokoll.json`
//! of an e-arkiv package, or `kansli parse`'s shape) is valid when its canonical content is what
//! the chair and justerare signed. Anything else is named: a changed byte or a removed page
//! changes the fingerprint and breaks the seal; a signature by someone who is not justerare, or
//! over other content, is reported by name.

use kansli_core::protocol::ParsedProtocol;
use kansli_core::text::fold;
use kansli_store::{MinutesSignature, Store, StoreError};
use serde::{Serialize, Serializer};

use crate::render_cache::RenderCache;

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Whether the document is justerade minutes Kansli keeps, unchanged and rightly signed.
    pub valid: bool,
    /// Who signed, in order.
    pub signers: Vec<Signer>,
    /// What is wrong, one sentence each (empty when valid); in English in JSON and on the
    /// command line, in Swedish on the page ([`VerifyProblem::swedish`]).
    pub problems: Vec<VerifyProblem>,
    /// The minutes, when found: `authority/body/meeting`.
    pub minutes: Option<String>,
    /// The file's SHA-256.
    pub sha256: String,
    /// The PDF signatures embedded in the file (the authority's seal), as found.
    pub pdf_signatures: Vec<EmbeddedSignature>,
    /// Whether the file is the archive's own copy of public minutes, unchanged, but no sealed
    /// original: the publication copy of minutes signed in Kansli (something masked), the copy
    /// of minutes justerade on paper, or the file imported minutes were read from; never
    /// `valid` then.
    pub publication_copy: bool,
    /// Who certified the file, when it is a certified extract (bestyrkt protokollsutdrag)
    /// Kansli made for a recipient of the decision: "Sara Sekreterare, sekreterare".
    pub certified_by: Option<String>,
}

/// One thing wrong with a checked file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyProblem {
    /// Neither `%PDF-` nor JSON.
    NotPdfOrRecord,
    /// The PDF's structure could not be read (the library's reason, in English).
    UnreadablePdf(String),
    /// An embedded signature does not match the bytes it signs.
    SealBroken {
        /// The certificate's name.
        signer: String,
        /// The library's findings, in English.
        details: String,
    },
    /// Bytes were appended after an embedded signature.
    AddedAfterSeal {
        /// The certificate's name.
        signer: String,
    },
    /// No kept minutes or extract has this file's SHA-256.
    UnknownFingerprint {
        /// The file's SHA-256.
        sha256: String,
    },
    /// The kept minutes' PDF carries no embedded signature.
    NoSeal,
    /// The minutes were found once but are no longer kept.
    NoLongerKept,
    /// The minutes are in a state before justering.
    NotJusterade {
        /// `draft`, `released`.
        state: String,
    },
    /// JSON that is not a record of minutes.
    NotARecord(String),
    /// The record's canonical content could not be made.
    NoCanonicalContent(String),
    /// No kept minutes were signed over this record's content.
    NotSignedOver {
        /// The SHA-256 of the record's canonical content.
        content: String,
    },
    /// Someone signed who is neither chair nor justerare.
    NotAJusterare {
        /// The signer.
        name: String,
    },
    /// A stored signature lacks part of what it needs.
    IncompleteSignature {
        /// The signer.
        name: String,
    },
    /// A signature was made over other content than the minutes hold.
    OtherContent {
        /// The signer.
        name: String,
        /// What was signed.
        signed: String,
        /// What the minutes hold.
        held: String,
    },
    /// A signature's value does not verify with its key.
    SignatureDoesNotVerify {
        /// The signer.
        name: String,
    },
    /// The chair or a justerare has not signed (the whole minutes, or these paragraphs).
    NotSigned {
        /// Who.
        name: String,
        /// The paragraphs of an extract; `None` for the whole minutes.
        paragraphs: Option<Vec<u32>>,
    },
    /// The file is the archive's publication copy, with `masked` places masked.
    PublicationCopy {
        /// How many places the copy masks.
        masked: usize,
    },
    /// The file is the archive's copy of minutes justerade outside Kansli (imported, or signed
    /// on paper), unchanged, with `masked` places masked: there is no electronic signature to
    /// check; the signed original is on paper.
    PaperJusteradCopy {
        /// How many places the copy masks.
        masked: usize,
    },
    /// The file is the very file the archive read the minutes from (imported), unchanged.
    ImportedFile {
        /// The file's name when it was read.
        file_name: String,
        /// The day it was read (YYYY-MM-DD).
        read_on: String,
    },
}

impl std::fmt::Display for VerifyProblem {
    /// The problem in English (the API's and the command line's language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use VerifyProblem::*;
        match self {
            NotPdfOrRecord => write!(
                f,
                "the file is neither a PDF nor a record as JSON: send the justerade minutes as Kansli made them"
            ),
            UnreadablePdf(e) => write!(f, "the PDF cannot be read: {e}"),
            SealBroken { signer, details } => write!(
                f,
                "the PDF signature of {signer} does not match the file: it was changed after signing ({details})"
            ),
            AddedAfterSeal { signer } => write!(
                f,
                "something was added to the PDF after the signature of {signer}"
            ),
            UnknownFingerprint { sha256 } => write!(
                f,
                "no justerade minutes kept by Kansli have this fingerprint (SHA-256 {sha256}): the file was changed after justering, a page was removed or added, or it is another document"
            ),
            NoSeal => write!(
                f,
                "the PDF carries no signature (the authority's seal is missing)"
            ),
            NoLongerKept => write!(f, "the minutes are no longer kept"),
            NotJusterade { state } => write!(f, "the minutes are {state}, not justerade"),
            NotARecord(e) => write!(
                f,
                "the JSON is not a record of minutes (as protokoll.json of an e-arkiv package): {e}"
            ),
            NoCanonicalContent(e) => write!(f, "{e}"),
            NotSignedOver { content } => write!(
                f,
                "no minutes kept by Kansli were signed over this content (SHA-256 {content}): the record was changed after it was signed, or it was never signed in Kansli"
            ),
            NotAJusterare { name } => write!(
                f,
                "{name} signed but is neither the chair nor a justerare of these minutes"
            ),
            IncompleteSignature { name } => write!(f, "the signature of {name} is incomplete"),
            OtherContent { name, signed, held } => write!(
                f,
                "{name} signed other content (SHA-256 {signed}) than the minutes hold ({held})"
            ),
            SignatureDoesNotVerify { name } => {
                write!(f, "the signature of {name} does not verify")
            }
            NotSigned {
                name,
                paragraphs: None,
            } => write!(f, "{name} has not signed the minutes"),
            NotSigned {
                name,
                paragraphs: Some(list),
            } => write!(f, "{name} has not signed § {}", paragraph_list(list)),
            PublicationCopy { masked } => write!(
                f,
                "this is the archive's publication copy of the justerade minutes, with {masked} {} masked before publication: it is not the sealed original (which the authority keeps), and otherwise holds what the signers below signed",
                if *masked == 1 { "passage" } else { "passages" }
            ),
            PaperJusteradCopy { masked } => {
                write!(
                    f,
                    "this is the archive's copy of the minutes, unchanged{}; they were justerade outside Kansli (signed on paper), so there is no electronic signature to check: the signed original is kept by the authority",
                    match masked {
                        0 => String::new(),
                        1 => ", with 1 passage masked before publication".into(),
                        n => format!(", with {n} passages masked before publication"),
                    }
                )
            }
            ImportedFile { file_name, read_on } => write!(
                f,
                "this is the file {file_name:?} the archive read these minutes from on {read_on}, unchanged; they were justerade outside Kansli (signed on paper), so there is no electronic signature to check: the signed original is kept by the authority"
            ),
        }
    }
}

impl VerifyProblem {
    /// Whether this is no fault of the file but what the archive can say of minutes justerade
    /// outside Kansli: the file is the archive's own, unchanged, and the signatures are on paper.
    pub fn is_paper_justering(&self) -> bool {
        matches!(
            self,
            VerifyProblem::PaperJusteradCopy { .. } | VerifyProblem::ImportedFile { .. }
        )
    }

    /// The problem in Swedish, for the citizen's page "Kontrollera ett protokoll".
    pub fn swedish(&self) -> String {
        use VerifyProblem::*;
        match self {
            NotPdfOrRecord => "Filen är varken en PDF eller ett protokoll som JSON. Välj protokollet som PDF, som det publicerades.".into(),
            UnreadablePdf(_) => "PDF-filen går inte att läsa: den är skadad eller inte en hel PDF.".into(),
            SealBroken { signer, .. } => format!(
                "Den elektroniska underskriften av {signer} stämmer inte med filen: filen har ändrats efter att den skrevs under."
            ),
            AddedAfterSeal { signer } => format!(
                "Något har lagts till i filen efter den elektroniska underskriften av {signer}."
            ),
            UnknownFingerprint { .. } => "Filen är inte ett justerat protokoll från arkivet i oförändrat skick: den har ändrats efter justeringen, en sida har tagits bort eller lagts till, eller så är det en annan handling.".into(),
            NoSeal => "Filen saknar myndighetens elektroniska sigill.".into(),
            NoLongerKept => "Protokollet finns inte längre kvar i arkivet.".into(),
            NotJusterade { .. } => "Protokollet är ännu inte justerat.".into(),
            NotARecord(_) => "Filen är JSON men inte ett protokoll (som protokoll.json i ett e-arkivpaket).".into(),
            NoCanonicalContent(_) => "Protokollets innehåll går inte att läsa.".into(),
            NotSignedOver { .. } => "Inget protokoll i arkivet har skrivits under med just detta innehåll: det har ändrats efter underskriften, eller skrevs aldrig under i Kansli.".into(),
            NotAJusterare { name } => format!(
                "{name} har skrivit under men är varken ordförande eller justerare."
            ),
            IncompleteSignature { name } => format!("Underskriften av {name} är ofullständig."),
            OtherContent { name, .. } => format!(
                "{name} skrev under ett annat innehåll än det protokollet har nu."
            ),
            SignatureDoesNotVerify { name } => format!(
                "Underskriften av {name} går inte att bekräfta."
            ),
            NotSigned {
                name,
                paragraphs: None,
            } => format!("{name} har inte skrivit under protokollet."),
            NotSigned {
                name,
                paragraphs: Some(list),
            } => format!("{name} har inte skrivit under § {}.", paragraph_list(list)),
            PublicationCopy { masked } => format!(
                "Filen är arkivets publiceringsexemplar av det justerade protokollet, där {masked} {} har dolts (maskerats) före publiceringen. Den är därför inte det förseglade originalet, som myndigheten bevarar; i övrigt är innehållet det som skrevs under av dem som står nedan.",
                if *masked == 1 { "uppgift" } else { "uppgifter" }
            ),
            PaperJusteradCopy { masked } => format!(
                "Filen är arkivets oförändrade exemplar av protokollet{}. Protokollet justerades utanför Kansli, med underskrift på papper, så det finns ingen elektronisk underskrift att kontrollera: det undertecknade originalet förvaras av myndigheten.",
                match masked {
                    0 => String::new(),
                    1 => ", där 1 uppgift har dolts (maskerats) före publiceringen".into(),
                    n => format!(", där {n} uppgifter har dolts (maskerats) före publiceringen"),
                }
            ),
            ImportedFile { file_name, read_on } => format!(
                "Filen är oförändrad den fil (”{file_name}”) som arkivet läste in protokollet från {read_on}. Protokollet justerades utanför Kansli, med underskrift på papper, så det finns ingen elektronisk underskrift att kontrollera: det undertecknade originalet förvaras av myndigheten."
            ),
        }
    }
}

impl Serialize for VerifyProblem {
    /// As its English sentence: the API's `problems` are text.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn paragraph_list(list: &[u32]) -> String {
    list.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// An embedded PDF signature, as found in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmbeddedSignature {
    /// The signer (the certificate's name).
    pub signer: Option<String>,
    /// Whether the bytes it signs are unchanged and the signature value checks.
    pub intact: bool,
    /// Whether it covers the file to its end.
    pub covers_whole_document: bool,
}

/// One signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signer {
    /// The name.
    pub name: String,
    /// `ordförande`, `justerare`.
    pub role: Option<String>,
    /// When, RFC 3339 UTC.
    pub signed_at: Option<String>,
}

/// Checks the signatures of stored minutes against their record: each must be over the
/// record's content, by its chair or a justerare, and verify; the chair and every justerare
/// must have signed the whole minutes. Returns the problems.
pub fn signature_problems(
    record: &ParsedProtocol,
    signatures: &[MinutesSignature],
) -> Vec<VerifyProblem> {
    scoped_signature_problems(record, signatures, None)
}

/// The same for what a file holds: the whole minutes (`None`), or paragraphs justerade on their
/// own (an omedelbar justering's extract), which the chair and every justerare must have
/// signed, alone or with the whole minutes.
pub fn scoped_signature_problems(
    record: &ParsedProtocol,
    signatures: &[MinutesSignature],
    paragraphs: Option<&[u32]>,
) -> Vec<VerifyProblem> {
    let mut problems = Vec::new();
    let content = match kansli_signing::content_sha256(record) {
        Ok(c) => c,
        Err(e) => return vec![VerifyProblem::NoCanonicalContent(e.to_string())],
    };
    // Signatures made before the justering's date left the signed content are over the
    // earlier form of the same record.
    let earlier = kansli_signing::content_sha256_v1(record).ok();
    let allowed: Vec<String> = record
        .chair
        .iter()
        .chain(record.justerare.iter())
        .map(|n| fold(n))
        .collect();
    for s in signatures {
        if !allowed.contains(&fold(&s.name)) {
            problems.push(VerifyProblem::NotAJusterare {
                name: s.name.clone(),
            });
        }
        let (Some(sha), Some(key), Some(sig), Some(at)) =
            (&s.sha256, &s.public_key, &s.signature, &s.signed_at)
        else {
            problems.push(VerifyProblem::IncompleteSignature {
                name: s.name.clone(),
            });
            continue;
        };
        let same = *sha == content || earlier.as_deref() == Some(sha.as_str());
        if !same {
            problems.push(VerifyProblem::OtherContent {
                name: s.name.clone(),
                signed: sha.clone(),
                held: content.clone(),
            });
        }
        let message = kansli_signing::message(sha, &s.name, at, s.paragraphs.as_deref());
        if kansli_signing::verify(key, &message, sig).is_err() {
            problems.push(VerifyProblem::SignatureDoesNotVerify {
                name: s.name.clone(),
            });
        }
    }
    for required in allowed {
        let covers = |s: &MinutesSignature| match (paragraphs, &s.paragraphs) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(want), Some(signed)) => want.iter().all(|n| signed.contains(n)),
        };
        let signed = signatures
            .iter()
            .any(|s| fold(&s.name) == required && covers(s));
        if !signed {
            let name = record
                .chair
                .iter()
                .chain(record.justerare.iter())
                .find(|n| fold(n) == required)
                .cloned()
                .unwrap_or(required);
            problems.push(VerifyProblem::NotSigned {
                name,
                paragraphs: paragraphs.map(<[u32]>::to_vec),
            });
        }
    }
    problems
}

/// Checks a file (a PDF, or a record as JSON) against the justerade minutes Kansli keeps. With
/// the server's render cache, a PDF that is no kept file is also compared with the publication
/// copy of the meeting its description names (see [`crate::documents`]); without (the command
/// line) the copy is rendered again.
pub async fn verify_file(
    store: &Store,
    bytes: &[u8],
    cache: Option<&RenderCache>,
) -> Result<VerifyReport, StoreError> {
    let sha256 = kansli_signing::sha256_hex(bytes);
    let mut report = VerifyReport {
        valid: false,
        signers: Vec::new(),
        problems: Vec::new(),
        minutes: None,
        sha256: sha256.clone(),
        pdf_signatures: Vec::new(),
        publication_copy: false,
        certified_by: None,
    };
    // The very file imported minutes were read from (a kommun's own PDF or text), unchanged.
    if let Some((meeting_id, file_name, added_at)) = store.meeting_read_from(&sha256).await? {
        report.problems.push(VerifyProblem::ImportedFile {
            file_name,
            read_on: added_at.get(..10).unwrap_or(&added_at).to_string(),
        });
        kept_minutes(store, meeting_id, &mut report).await?;
        report.publication_copy = true;
        return Ok(report);
    }
    let trimmed = bytes.trim_ascii_start();
    if trimmed.starts_with(b"{") {
        return verify_record(store, trimmed, report).await;
    }
    if !bytes.starts_with(b"%PDF-") {
        report.problems.push(VerifyProblem::NotPdfOrRecord);
        return Ok(report);
    }
    let embedded = match kansli_signing::seal::pdf_signatures(bytes) {
        Ok(found) => found,
        Err(e) => {
            report
                .problems
                .push(VerifyProblem::UnreadablePdf(e.to_string()));
            Vec::new()
        }
    };
    report.pdf_signatures = embedded
        .iter()
        .map(|s| EmbeddedSignature {
            signer: s.signer.clone(),
            intact: s.intact,
            covers_whole_document: s.covers_whole_document,
        })
        .collect();
    for s in &embedded {
        let signer = s
            .signer
            .clone()
            .unwrap_or_else(|| "an unnamed signer".into());
        if !s.intact {
            report.problems.push(VerifyProblem::SealBroken {
                signer,
                details: s.problems.join("; "),
            });
        } else if !s.covers_whole_document {
            report
                .problems
                .push(VerifyProblem::AddedAfterSeal { signer });
        }
    }
    let (meeting_id, scope) = match store.meeting_of_justerad_pdf(&sha256).await? {
        Some(id) => (Some(id), None),
        None => match store.meeting_of_extract(&sha256).await? {
            Some((id, paragraphs)) => (Some(id), Some(paragraphs)),
            None => (None, None),
        },
    };
    // A certified extract sent to a recipient: the secretary's bestyrkande and the seal make
    // it what it is, over justerade minutes, whether they were signed in Kansli or on paper.
    if meeting_id.is_none()
        && let Some((meeting_id, paragraphs, certified_by)) =
            store.meeting_of_certified_extract(&sha256).await?
    {
        if embedded.is_empty() {
            report.problems.push(VerifyProblem::NoSeal);
        }
        report.certified_by = Some(certified_by);
        let Some((minutes, signatures)) = kept_minutes(store, meeting_id, &mut report).await?
        else {
            return Ok(report);
        };
        report.signers = signers(&signatures, Some(&paragraphs));
        // Before the minutes are justerade, an extract of paragraphs justerade on their own
        // (omedelbar justering) is of final text.
        let alone: Vec<u32> = store
            .justerade_paragraphs(meeting_id)
            .await?
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        if !minutes.state.is_public() && !paragraphs.iter().all(|n| alone.contains(n)) {
            report.problems.push(VerifyProblem::NotJusterade {
                state: minutes.state.as_str().into(),
            });
        }
        report.valid = report.problems.is_empty();
        return Ok(report);
    }
    let Some(meeting_id) = meeting_id else {
        if embedded.is_empty()
            && let Some((meeting_id, masked, sealed)) =
                publication_copy_of(store, bytes, &sha256, cache).await?
        {
            if !sealed {
                report
                    .problems
                    .push(VerifyProblem::PaperJusteradCopy { masked });
                kept_minutes(store, meeting_id, &mut report).await?;
                report.publication_copy = true;
                return Ok(report);
            }
            return publication_copy_report(store, meeting_id, masked, report).await;
        }

        report
            .problems
            .push(VerifyProblem::UnknownFingerprint { sha256 });
        return Ok(report);
    };
    if embedded.is_empty() {
        report.problems.push(VerifyProblem::NoSeal);
    }
    let Some((minutes, signatures)) = kept_minutes(store, meeting_id, &mut report).await? else {
        return Ok(report);
    };
    report.signers = signers(&signatures, scope.as_deref());
    report.problems.extend(scoped_signature_problems(
        &minutes.record,
        &signatures,
        scope.as_deref(),
    ));
    // An omedelbart justerad extract is valid while the rest of the minutes is still released.
    if scope.is_none() && !minutes.state.is_public() {
        report.problems.push(VerifyProblem::NotJusterade {
            state: minutes.state.as_str().into(),
        });
    }
    report.valid = report.problems.is_empty();
    Ok(report)
}

/// The kept minutes a check found and their signatures, named in the report (`minutes`,
/// `signers`); `None`, with the problem said, when they are no longer kept.
async fn kept_minutes(
    store: &Store,
    meeting_id: i64,
    report: &mut VerifyReport,
) -> Result<Option<(kansli_store::StoredMinutes, Vec<MinutesSignature>)>, StoreError> {
    let Some(minutes) = store.meeting_minutes(meeting_id).await? else {
        report.problems.push(VerifyProblem::NoLongerKept);
        return Ok(None);
    };
    report.minutes = Some(format!(
        "{}/{}/{}",
        minutes.authority_slug, minutes.body_slug, minutes.meeting_slug
    ));
    let signatures = store.minutes_signatures(meeting_id).await?;
    report.signers = signers(&signatures, None);
    Ok(Some((minutes, signatures)))
}

/// Who signed what the file holds, each once: for the whole minutes their signatures of the
/// whole minutes (an omedelbar justering's signatures are of other paragraphs' extract); for
/// an extract (`scope`), the signatures of those paragraphs, or of the whole minutes.
fn signers(signatures: &[MinutesSignature], scope: Option<&[u32]>) -> Vec<Signer> {
    let applies = |s: &MinutesSignature| match (scope, &s.paragraphs) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(wanted), Some(signed)) => wanted.iter().any(|n| signed.contains(n)),
    };
    let mut relevant: Vec<&MinutesSignature> = signatures.iter().filter(|s| applies(s)).collect();
    if relevant.is_empty() {
        relevant = signatures.iter().collect();
    }
    let mut out: Vec<Signer> = Vec::new();
    for s in relevant {
        if out
            .iter()
            .any(|o| fold(&o.name) == fold(&s.name) && o.role == s.role)
        {
            continue;
        }
        out.push(Signer {
            name: s.name.clone(),
            role: s.role.clone(),
            signed_at: s.signed_at.clone(),
        });
    }
    out
}

/// The meeting whose current publication copy this PDF is, byte for byte, with the number of
/// places it masks and whether the minutes were sealed in Kansli: the meeting is the one the
/// PDF's description names; its copy is rendered again (or taken from the cache) and compared.
/// `None` for any other PDF.
async fn publication_copy_of(
    store: &Store,
    bytes: &[u8],
    sha256: &str,
    cache: Option<&RenderCache>,
) -> Result<Option<(i64, usize, bool)>, StoreError> {
    let Some(spec) = described_publication(bytes) else {
        return Ok(None);
    };
    let found = store.find_meetings(&spec).await?;
    let [meeting] = found.as_slice() else {
        return Ok(None);
    };
    if meeting.spec() != spec {
        return Ok(None);
    }
    let Some(copy) = crate::documents::publication_copy(store, meeting.meeting_id).await? else {
        return Ok(None);
    };
    let masked = copy.masked();
    let sealed = copy.sealed();
    // An unsealed copy is dated when it was made: rendered again with the file's own date,
    // never from the cache (whose copy has the date it was made with).
    let copy = copy.dated(creation_date(bytes));
    let own_cache;
    let cache = match cache {
        Some(c) if sealed => c,
        _ => {
            own_cache = RenderCache::default();
            &own_cache
        }
    };
    let Ok(rendered) = crate::documents::publication_copy_pdf(cache, copy).await else {
        return Ok(None);
    };
    Ok(
        (kansli_signing::sha256_hex(&rendered) == sha256).then_some((
            meeting.meeting_id,
            masked,
            sealed,
        )),
    )
}

/// A PDF's creation date (`/CreationDate` of its Info, `D:YYYYMMDDHHmmSS` with `Z` or an
/// offset), as the archive's renderer writes it.
fn creation_date(bytes: &[u8]) -> Option<chrono::DateTime<chrono::Utc>> {
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    let info = doc.trailer.get(b"Info").ok()?;
    let (_, info) = doc.dereference(info).ok()?;
    let raw = lopdf::decode_text_string(info.as_dict().ok()?.get(b"CreationDate").ok()?).ok()?;
    pdf_date(&raw)
}

/// A PDF date string (ISO 32000-1, 7.9.4) in UTC; only the full form with seconds.
fn pdf_date(raw: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let digits = raw.strip_prefix("D:")?;
    let (stamp, zone) = (digits.get(..14)?, digits.get(14..)?);
    let local = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d%H%M%S").ok()?;
    let offset = match zone.trim_end_matches('\'') {
        "" | "Z" => 0,
        z => {
            let sign = match z.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let (h, m) = z.get(1..)?.split_once('\'').unwrap_or((z.get(1..)?, "0"));
            sign * (h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60)
        }
    };
    let zone = chrono::FixedOffset::east_opt(offset)?;
    Some(local.and_local_timezone(zone).single()?.to_utc())
}

/// The `authority/body/meeting` a PDF's description names as a publication copy, if it does.
fn described_publication(bytes: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    let info = doc.trailer.get(b"Info").ok()?;
    let (_, info) = doc.dereference(info).ok()?;
    let subject = info.as_dict().ok()?.get(b"Subject").ok()?;
    let text = lopdf::decode_text_string(subject).ok()?;
    let spec = text
        .strip_prefix(kansli_render::PUBLICATION_COPY)?
        .trim()
        .to_string();
    (spec.split('/').count() == 3 && spec.len() <= 300).then_some(spec)
}

/// The report on a publication copy: the meeting, its signers and the state of their
/// signatures, and the problem that it is not the sealed original.
async fn publication_copy_report(
    store: &Store,
    meeting_id: i64,
    masked: usize,
    mut report: VerifyReport,
) -> Result<VerifyReport, StoreError> {
    report.publication_copy = true;
    report
        .problems
        .push(VerifyProblem::PublicationCopy { masked });
    let Some((minutes, signatures)) = kept_minutes(store, meeting_id, &mut report).await? else {
        return Ok(report);
    };
    report
        .problems
        .extend(signature_problems(&minutes.record, &signatures));
    Ok(report)
}

/// Checks a record as JSON: the minutes whose chair and justerare signed exactly its content.
async fn verify_record(
    store: &Store,
    json: &[u8],
    mut report: VerifyReport,
) -> Result<VerifyReport, StoreError> {
    let record: ParsedProtocol = match serde_json::from_slice(json) {
        Ok(r) => r,
        Err(e) => {
            report
                .problems
                .push(VerifyProblem::NotARecord(e.to_string()));
            return Ok(report);
        }
    };
    let content = match kansli_signing::content_sha256(&record) {
        Ok(c) => c,
        Err(e) => {
            report
                .problems
                .push(VerifyProblem::NoCanonicalContent(e.to_string()));
            return Ok(report);
        }
    };
    let earlier = kansli_signing::content_sha256_v1(&record).ok();
    let mut found = store.meeting_signed_over(&content).await?;
    if found.is_none()
        && let Some(v1) = &earlier
    {
        found = store.meeting_signed_over(v1).await?;
    }
    let Some(meeting_id) = found else {
        report
            .problems
            .push(VerifyProblem::NotSignedOver { content });
        return Ok(report);
    };
    let Some((minutes, signatures)) = kept_minutes(store, meeting_id, &mut report).await? else {
        return Ok(report);
    };
    // The record must be the whole minutes, signed by all: signatures of the stored record
    // (which has this content, or no signature would have been found over it).
    report.problems = signature_problems(&minutes.record, &signatures);
    if !minutes.state.is_public() {
        report.problems.push(VerifyProblem::NotJusterade {
            state: minutes.state.as_str().into(),
        });
    }
    report.valid = report.problems.is_empty();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_are_read_in_utc() {
        let at = |raw| pdf_date(raw).map(|t| t.to_rfc3339());
        assert_eq!(
            at("D:20261201023515Z").as_deref(),
            Some("2026-12-01T02:35:15+00:00")
        );
        assert_eq!(
            at("D:20261201033515+01'00'").as_deref(),
            Some("2026-12-01T02:35:15+00:00")
        );
        assert_eq!(
            at("D:20261201003515-02'00").as_deref(),
            Some("2026-12-01T02:35:15+00:00")
        );
        for bad in [
            "",
            "D:2026",
            "20261201023515Z",
            "D:20261341023515Z",
            "D:20261201023515X",
        ] {
            assert_eq!(at(bad), None, "{bad}");
        }
    }

    fn record() -> ParsedProtocol {
        let mut p = ParsedProtocol::new(
            "Direktionen",
            chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
        );
        p.chair = Some("Anna Ordförande".into());
        p.justerare = vec!["Cecilia Ceder".into()];
        p
    }

    fn signed(record: &ParsedProtocol, user: i64, name: &str) -> MinutesSignature {
        use kansli_signing::Signer as _;
        let signer = kansli_signing::BuiltinSigner::from_secret([3; 32]);
        let sha = kansli_signing::content_sha256(record).unwrap();
        let at = "2026-03-19T09:00:00Z";
        let made = signer
            .sign(user, &kansli_signing::message(&sha, name, at, None))
            .unwrap();
        MinutesSignature {
            user_id: Some(user),
            name: name.into(),
            role: None,
            signed_at: Some(at.into()),
            sha256: Some(sha),
            algorithm: Some(made.algorithm),
            public_key: Some(made.public_key),
            signature: Some(made.signature),
            via: None,
            paragraphs: None,
        }
    }

    /// A signature made over the earlier canonical form (with the justering's date) still
    /// checks; one over another day's earlier form does not.
    #[test]
    fn a_signature_over_the_earlier_form_checks() {
        use kansli_signing::Signer as _;
        let mut r = record();
        r.justering.date = chrono::NaiveDate::from_ymd_opt(2026, 3, 19);
        let signer = kansli_signing::BuiltinSigner::from_secret([3; 32]);
        let old_form = |r: &ParsedProtocol, user: i64, name: &str| {
            let mut s = signed(r, user, name);
            let sha = kansli_signing::content_sha256_v1(r).unwrap();
            let at = s.signed_at.clone().unwrap();
            let made = signer
                .sign(user, &kansli_signing::message(&sha, name, &at, None))
                .unwrap();
            s.sha256 = Some(sha);
            s.signature = Some(made.signature);
            s
        };
        let good = vec![
            old_form(&r, 1, "Anna Ordförande"),
            old_form(&r, 2, "Cecilia Ceder"),
        ];
        assert!(signature_problems(&r, &good).is_empty());
        let mut moved = r.clone();
        moved.justering.date = chrono::NaiveDate::from_ymd_opt(2026, 3, 20);
        let problems = signature_problems(&moved, &good);
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains("signed other content")),
            "{problems:?}"
        );
    }

    #[test]
    fn the_chair_and_every_justerare_must_have_signed_the_content_held() {
        let r = record();
        let good = vec![
            signed(&r, 1, "Anna Ordförande"),
            signed(&r, 2, "Cecilia Ceder"),
        ];
        assert!(signature_problems(&r, &good).is_empty());
        // A justerare missing.
        let problems = signature_problems(&r, &good[..1]);
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains("Cecilia Ceder has not signed")),
            "{problems:?}"
        );
        // Someone who is not justerare.
        let mut extra = good.clone();
        extra.push(signed(&r, 3, "Bo Lund"));
        let problems = signature_problems(&r, &extra);
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains("Bo Lund signed but is neither")),
            "{problems:?}"
        );
        // The record changed after signing.
        let mut changed = r.clone();
        changed.place = Some("Annanstans".into());
        let problems = signature_problems(&changed, &good);
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains("signed other content")),
            "{problems:?}"
        );
        // A signature moved to another name does not verify.
        let mut moved = good.clone();
        moved[1].name = "Anna Ordförande".into();
        moved[1].signature = good[1].signature.clone();
        let mut forged = good.clone();
        forged[1].signature = good[0].signature.clone();
        let problems = signature_problems(&r, &forged);
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains("does not verify")),
            "{problems:?}"
        );
    }
}
