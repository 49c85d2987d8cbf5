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
use serde::Serialize;

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Whether the document is justerade minutes Kansli keeps, unchanged and rightly signed.
    pub valid: bool,
    /// Who signed, in order.
    pub signers: Vec<Signer>,
    /// What is wrong, in English, one sentence each (empty when valid).
    pub problems: Vec<String>,
    /// The minutes, when found: `authority/body/meeting`.
    pub minutes: Option<String>,
    /// The file's SHA-256.
    pub sha256: String,
    /// The PDF signatures embedded in the file (the authority's seal), as found.
    pub pdf_signatures: Vec<EmbeddedSignature>,
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
pub fn signature_problems(record: &ParsedProtocol, signatures: &[MinutesSignature]) -> Vec<String> {
    scoped_signature_problems(record, signatures, None)
}

/// The same for what a file holds: the whole minutes (`None`), or paragraphs justerade on their
/// own (an omedelbar justering's extract), which the chair and every justerare must have
/// signed, alone or with the whole minutes.
pub fn scoped_signature_problems(
    record: &ParsedProtocol,
    signatures: &[MinutesSignature],
    paragraphs: Option<&[u32]>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let content = match kansli_signing::content_sha256(record) {
        Ok(c) => c,
        Err(e) => return vec![e.to_string()],
    };
    let allowed: Vec<String> = record
        .chair
        .iter()
        .chain(record.justerare.iter())
        .map(|n| fold(n))
        .collect();
    for s in signatures {
        if !allowed.contains(&fold(&s.name)) {
            problems.push(format!(
                "{} signed but is neither the chair nor a justerare of these minutes",
                s.name
            ));
        }
        let (Some(sha), Some(key), Some(sig), Some(at)) =
            (&s.sha256, &s.public_key, &s.signature, &s.signed_at)
        else {
            problems.push(format!("the signature of {} is incomplete", s.name));
            continue;
        };
        if *sha != content {
            problems.push(format!(
                "{} signed other content (SHA-256 {sha}) than the minutes hold ({content})",
                s.name
            ));
        }
        let message = kansli_signing::message(sha, &s.name, at, s.paragraphs.as_deref());
        if kansli_signing::verify(key, &message, sig).is_err() {
            problems.push(format!("the signature of {} does not verify", s.name));
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
            problems.push(match paragraphs {
                None => format!("{name} has not signed the minutes"),
                Some(list) => format!(
                    "{name} has not signed § {}",
                    list.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    problems
}

/// Checks a file (a PDF, or a record as JSON) against the justerade minutes Kansli keeps.
pub async fn verify_file(store: &Store, bytes: &[u8]) -> Result<VerifyReport, StoreError> {
    let sha256 = kansli_signing::sha256_hex(bytes);
    let mut report = VerifyReport {
        valid: false,
        signers: Vec::new(),
        problems: Vec::new(),
        minutes: None,
        sha256: sha256.clone(),
        pdf_signatures: Vec::new(),
    };
    let trimmed = bytes.trim_ascii_start();
    if trimmed.starts_with(b"{") {
        return verify_record(store, trimmed, report).await;
    }
    if !bytes.starts_with(b"%PDF-") {
        report.problems.push(
            "the file is neither a PDF nor a record as JSON: send the justerade minutes as Kansli made them"
                .into(),
        );
        return Ok(report);
    }
    let embedded = match kansli_signing::seal::pdf_signatures(bytes) {
        Ok(found) => found,
        Err(e) => {
            report.problems.push(format!("the PDF cannot be read: {e}"));
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
        let who = s.signer.as_deref().unwrap_or("an unnamed signer");
        if !s.intact {
            report.problems.push(format!(
                "the PDF signature of {who} does not match the file: it was changed after signing ({})",
                s.problems.join("; ")
            ));
        } else if !s.covers_whole_document {
            report.problems.push(format!(
                "something was added to the PDF after the signature of {who}"
            ));
        }
    }
    let (meeting_id, scope) = match store.meeting_of_justerad_pdf(&sha256).await? {
        Some(id) => (Some(id), None),
        None => match store.meeting_of_extract(&sha256).await? {
            Some((id, paragraphs)) => (Some(id), Some(paragraphs)),
            None => (None, None),
        },
    };
    let Some(meeting_id) = meeting_id else {
        report.problems.push(format!(
            "no justerade minutes kept by Kansli have this fingerprint (SHA-256 {sha256}): the file was changed after justering, a page was removed or added, or it is another document"
        ));
        return Ok(report);
    };
    if embedded.is_empty() {
        report
            .problems
            .push("the PDF carries no signature (the authority's seal is missing)".into());
    }
    let Some(minutes) = store.meeting_minutes(meeting_id).await? else {
        report
            .problems
            .push("the minutes are no longer kept".into());
        return Ok(report);
    };
    report.minutes = Some(format!(
        "{}/{}/{}",
        minutes.authority_slug, minutes.body_slug, minutes.meeting_slug
    ));
    let signatures = store.minutes_signatures(meeting_id).await?;
    report.signers = signatures
        .iter()
        .map(|s| Signer {
            name: s.name.clone(),
            role: s.role.clone(),
            signed_at: s.signed_at.clone(),
        })
        .collect();
    let mut problems = std::mem::take(&mut report.problems);
    problems.extend(scoped_signature_problems(
        &minutes.record,
        &signatures,
        scope.as_deref(),
    ));
    report.problems = problems;
    // An omedelbart justerad extract is valid while the rest of the minutes is still released.
    if scope.is_none() && !minutes.state.is_public() {
        report.problems.push(format!(
            "the minutes are {}, not justerade",
            minutes.state.as_str()
        ));
    }
    report.valid = report.problems.is_empty();
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
            report.problems.push(format!(
                "the JSON is not a record of minutes (as protokoll.json of an e-arkiv package): {e}"
            ));
            return Ok(report);
        }
    };
    let content = match kansli_signing::content_sha256(&record) {
        Ok(c) => c,
        Err(e) => {
            report.problems.push(e.to_string());
            return Ok(report);
        }
    };
    let Some(meeting_id) = store.meeting_signed_over(&content).await? else {
        report.problems.push(format!(
            "no minutes kept by Kansli were signed over this content (SHA-256 {content}): the record was changed after it was signed, or it was never signed in Kansli"
        ));
        return Ok(report);
    };
    let Some(minutes) = store.meeting_minutes(meeting_id).await? else {
        report
            .problems
            .push("the minutes are no longer kept".into());
        return Ok(report);
    };
    report.minutes = Some(format!(
        "{}/{}/{}",
        minutes.authority_slug, minutes.body_slug, minutes.meeting_slug
    ));
    let signatures = store.minutes_signatures(meeting_id).await?;
    report.signers = signatures
        .iter()
        .map(|s| Signer {
            name: s.name.clone(),
            role: s.role.clone(),
            signed_at: s.signed_at.clone(),
        })
        .collect();
    // The record must be the whole minutes, signed by all: signatures of the stored record
    // (which has this content, or no signature would have been found over it).
    report.problems = signature_problems(&minutes.record, &signatures);
    if !minutes.state.is_public() {
        report.problems.push(format!(
            "the minutes are {}, not justerade",
            minutes.state.as_str()
        ));
    }
    report.valid = report.problems.is_empty();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

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
                .any(|p| p.contains("Cecilia Ceder has not signed")),
            "{problems:?}"
        );
        // Someone who is not justerare.
        let mut extra = good.clone();
        extra.push(signed(&r, 3, "Bo Lund"));
        let problems = signature_problems(&r, &extra);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("Bo Lund signed but is neither")),
            "{problems:?}"
        );
        // The record changed after signing.
        let mut changed = r.clone();
        changed.place = Some("Annanstans".into());
        let problems = signature_problems(&changed, &good);
        assert!(
            problems.iter().any(|p| p.contains("signed other content")),
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
            problems.iter().any(|p| p.contains("does not verify")),
            "{problems:?}"
        );
    }
}
