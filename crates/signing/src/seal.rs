//! The authority's seal on the justerade PDF: an embedded PDF signature, PAdES baseline B
//! (`/SubFilter /ETSI.CAdES.detached`, ETSI EN 319 142-1), and its check.
//!
//! The personal signatures of justering bind people to the record's content ([`crate::message`]);
//! the seal binds the PDF's bytes, so that `pdfsig` and any PDF reader show the protocol as
//! signed and unmodified. The seal's key and certificate are one PKCS#12 file: made at first
//! use as a self-signed certificate (RSA 3072), replaceable by one from a real CA through
//! configuration (`KANSLI_SEAL_P12`, `KANSLI_SEAL_PASSWORD_FILE`, read by the server).
//!
//! A self-made certificate is valid from 2000-01-01 to 2100-01-01, not from the moment it was
//! made: with `KANSLI_NOW` fixed in the past (tests, demos, catching up after an outage) a
//! certificate starting at the real clock would make Kansli reject its own PDFs.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sha2_11::Digest as _;
use underskrift::trust::TrustStoreSet;
use underskrift::verify::SignatureVerifier;
use underskrift::{CryptoSigner as _, SoftwareSigner, SubFilter};

use crate::SigningError;

/// The file name of a seal in the keys directory.
pub const SEAL_FILE: &str = "seal.p12";
/// The file name of the seal's password in the keys directory.
pub const SEAL_PASSWORD_FILE: &str = "seal.password";

/// The authority's seal: a key and its certificate (chain), able to sign PDFs.
pub struct Seal {
    signer: SoftwareSigner,
    certificate: Vec<u8>,
    /// Where it was read from, for messages.
    pub source: PathBuf,
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Seal")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Seal {
    /// Reads a seal from a PKCS#12 file (`.p12`/`.pfx`) and its password.
    ///
    /// Errors: [`SigningError::Secret`] when the file cannot be read or holds no usable key
    /// (RSA, ECDSA P-256/P-384; the file must use the legacy PBE-SHA1-3DES encryption, as
    /// `openssl pkcs12 -export -legacy` writes it).
    pub fn from_pkcs12_file(path: &Path, password: &str) -> Result<Seal, SigningError> {
        let fail = |reason: String| SigningError::Secret {
            path: path.display().to_string(),
            reason,
        };
        let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
        let signer = SoftwareSigner::from_pkcs12_data(&bytes, password).map_err(|e| {
            fail(format!(
                "{e} (a PKCS#12 file must use the legacy encryption: openssl pkcs12 -export -legacy)"
            ))
        })?;
        // underskrift 0.1.4 hashes the digest a second time for ECDSA keys, so their
        // signatures never verify (pdfsig: "Signature is Invalid"); refuse them plainly.
        if !matches!(
            signer.signature_algorithm(),
            underskrift::SignatureAlgorithm::RsaPkcs1v15 | underskrift::SignatureAlgorithm::RsaPss
        ) {
            return Err(fail(
                "the seal's key must be RSA (ECDSA seals are not supported yet)".into(),
            ));
        }
        let certificate = first_certificate(&bytes, password).map_err(fail)?;
        Ok(Seal {
            signer,
            certificate,
            source: path.to_path_buf(),
        })
    }

    /// The installation's own seal: `<dir>/seal.p12` with the password in `<dir>/seal.password`,
    /// both made when missing (mode 0600) with a self-signed certificate for `common_name`
    /// (e.g. "Kansli justeringssigill, Lomma kommun").
    pub fn load_or_create(dir: &Path, common_name: &str) -> Result<Seal, SigningError> {
        let path = dir.join(SEAL_FILE);
        let password_path = dir.join(SEAL_PASSWORD_FILE);
        let fail = |reason: String| SigningError::Secret {
            path: path.display().to_string(),
            reason,
        };
        if !path.exists() {
            std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
            let mut raw = [0u8; 24];
            getrandom::fill(&mut raw).map_err(|e| fail(e.to_string()))?;
            let password: String = raw.iter().map(|b| format!("{b:02x}")).collect();
            let pfx = self_signed_pkcs12(common_name, &password)?;
            crate::write_private(&password_path, password.as_bytes())
                .map_err(|e| fail(e.to_string()))?;
            crate::write_private(&path, &pfx).map_err(|e| fail(e.to_string()))?;
        }
        let password =
            std::fs::read_to_string(&password_path).map_err(|e| SigningError::Secret {
                path: password_path.display().to_string(),
                reason: e.to_string(),
            })?;
        Seal::from_pkcs12_file(&path, password.trim_end_matches(['\n', '\r']))
    }

    /// The seal's certificate, DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate
    }

    /// Signs a PDF with the seal: the same bytes followed by an incremental update holding an
    /// invisible signature field whose value is a CAdES detached signature (PAdES B-B) over
    /// the whole file. `reason` and `location` go into the signature dictionary.
    ///
    /// The sealed file is verified before it is returned. underskrift 0.1.4's verifier takes
    /// trailing zero bytes of `/Contents` for padding, so a signature whose DER happens to end
    /// in 0x00 (one in 256) would not check in `kansli verify` though it is valid (pdfsig accepts
    /// it); such a seal is made again under another field name, which changes the signed bytes.
    ///
    /// `signed_at` is the signing time the signature dictionary states (`/M`, which PAdES
    /// B-B requires there and not in the CMS).
    ///
    /// Errors: [`SigningError::Unavailable`] when signing fails or no attempt verifies.
    pub async fn sign_pdf(
        &self,
        pdf: &[u8],
        reason: &str,
        location: &str,
        signed_at: DateTime<Utc>,
    ) -> Result<Vec<u8>, SigningError> {
        let mut last_problem = String::new();
        for attempt in 0..4 {
            let field_name = match attempt {
                0 => "Justering".to_string(),
                n => format!("Justering.{n}"),
            };
            let signed = self
                .seal_once(pdf, &field_name, reason, location, signed_at)
                .map_err(|e| SigningError::Unavailable(format!("sealing the PDF: {e}")))?;
            let checks = pdf_signatures(&signed)?;
            match checks.last() {
                Some(seal) if seal.intact => return Ok(signed),
                Some(seal) => last_problem = seal.problems.join("; "),
                None => last_problem = "the seal is not in the signed file".into(),
            }
        }
        Err(SigningError::Unavailable(format!(
            "sealing the PDF: the seal does not verify: {last_problem}"
        )))
    }
}

impl Seal {
    /// One incremental update with the seal, as underskrift's `PdfSigner::sign` makes it
    /// (invisible field, PAdES CMS), written out here for what that omits: the signing time
    /// `/M` in the signature dictionary (ETSI EN 319 142-1, 5.4; without it `pdfsig` shows
    /// 1970), and an update trailer with the right `/Size` and the file's `/ID` (ISO 19005-2,
    /// 6.1.3 wants it in the last trailer of a PDF/A).
    fn seal_once(
        &self,
        pdf: &[u8],
        field_name: &str,
        reason: &str,
        location: &str,
        signed_at: DateTime<Utc>,
    ) -> Result<Vec<u8>, String> {
        use lopdf::{Object, StringFormat};
        use underskrift::cms::builder::{CmsProfile, PdfCmsBuilder};
        use underskrift::core::{acroform, incremental::IncrementalWriter, parser};
        use underskrift::core::{sig_dict, sig_field};

        const CONTENT_SIZE: usize = 8192;
        let mut doc = lopdf::Document::load_mem(pdf).map_err(|e| e.to_string())?;
        let meta = parser::extract_metadata(&doc).map_err(|e| e.to_string())?;
        let mut dict = sig_dict::build_sig_dict(SubFilter::Pades.into(), CONTENT_SIZE);
        let literal = |text: &str| Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
        dict.set("Reason", literal(&pdf_text(reason)));
        dict.set("Location", literal(&pdf_text(location)));
        dict.set(
            "M",
            literal(&signed_at.format("D:%Y%m%d%H%M%SZ").to_string()),
        );
        let dict_id = doc.add_object(Object::Dictionary(dict));
        let field = sig_field::build_sig_field(
            &sig_field::SignatureFieldOptions {
                name: field_name.to_string(),
                page: 0,
                rect: [0.0; 4],
            },
            dict_id,
        );
        let field_id = doc.add_object(Object::Dictionary(field));
        acroform::ensure_acroform(&mut doc, field_id, 0).map_err(|e| e.to_string())?;

        // The update holds the new objects and those the field changed: the catalog, its
        // AcroForm when that is an object of its own, and the first page (its /Annots).
        let mut changed = vec![dict_id, field_id, meta.root_id];
        if let Ok(Object::Reference(form)) = doc
            .get_object(meta.root_id)
            .and_then(|o| o.as_dict())
            .and_then(|c| c.get(b"AcroForm"))
        {
            changed.push(*form);
        }
        if let Some(page) = doc.get_pages().get(&1) {
            changed.push(*page);
        }
        changed.dedup();
        let size = changed
            .iter()
            .map(|id| id.0 + 1)
            .chain([meta.trailer_size])
            .max()
            .unwrap_or(meta.trailer_size);
        // The writer states `/Size` as its first argument plus the objects written; the trailer
        // is written again below in any case.
        let mut writer = IncrementalWriter::new(
            pdf.to_vec(),
            size.saturating_sub(changed.len() as u32),
            meta.xref_offset,
            meta.root_id,
            CONTENT_SIZE * 2,
        );
        writer.set_sig_dict_id(dict_id);
        for id in &changed {
            let object = doc.get_object(*id).map_err(|e| e.to_string())?;
            writer.add_object(*id, object.clone());
        }
        let (mut out, byte_range) = writer.write().map_err(|e| e.to_string())?;

        // The update's trailer, with the file's /ID: its first part stays, the second is new.
        let at = out
            .windows(8)
            .rposition(|w| w == b"trailer\n")
            .ok_or("the update has no trailer")?;
        let xref = out
            .windows(10)
            .rposition(|w| w == b"startxref\n")
            .and_then(|i| {
                let digits = &out[i + 10..];
                let end = digits.iter().position(|b| !b.is_ascii_digit())?;
                std::str::from_utf8(&digits[..end])
                    .ok()?
                    .parse::<usize>()
                    .ok()
            })
            .ok_or("the update has no startxref")?;
        let first_id = match doc.trailer.get(b"ID") {
            Ok(Object::Array(parts)) => match parts.first() {
                Some(Object::String(bytes, _)) => bytes.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let new_id = sha2_11::Sha256::digest([pdf, signed_at.to_rfc3339().as_bytes()].concat());
        let first_id = if first_id.is_empty() {
            new_id[..16].to_vec()
        } else {
            first_id
        };
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>();
        let trailer = format!(
            "trailer\n<< /Size {size} /Root {} {} R /Prev {} /ID [<{}> <{}>] >>\nstartxref\n{xref}\n%%EOF\n",
            meta.root_id.0,
            meta.root_id.1,
            meta.xref_offset,
            hex(&first_id),
            hex(&new_id[..16]),
        );
        out.truncate(at);
        out.extend_from_slice(trailer.as_bytes());
        let total = out.len();
        byte_range
            .backpatch(&mut out, total)
            .map_err(|e| e.to_string())?;

        let [start1, len1, start2, len2] = byte_range.compute(total);
        let mut hasher = self.signer.digest_algorithm().new_hasher();
        hasher.update(&out[start1..start1 + len1]);
        hasher.update(&out[start2..start2 + len2]);
        let digest = hasher.finalize();
        let cms = PdfCmsBuilder::new(&self.signer)
            .profile(CmsProfile::Pades)
            .build(&digest)
            .map_err(|e| e.to_string())?;
        let signature = hex(&cms);
        if signature.len() > byte_range.contents_length {
            return Err(format!(
                "the signature ({} bytes) is larger than the space kept for it",
                cms.len()
            ));
        }
        let contents = byte_range.contents_offset;
        out[contents..contents + signature.len()].copy_from_slice(signature.as_bytes());
        Ok(out)
    }
}

/// Text for the signature dictionary. underskrift writes a `&str`'s UTF-8 bytes into a
/// literal string, where a PDF reader expects PDFDocEncoding or UTF-16 ("Kommunalförbundet"
/// would show as "KommunalfÃ¶rbundet"), so the text is transliterated to ASCII.
fn pdf_text(text: &str) -> String {
    deunicode::deunicode(text)
}

/// An embedded PDF signature as found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfSignature {
    /// The signer's name from the certificate.
    pub signer: Option<String>,
    /// `ETSI.CAdES.detached` or `adbe.pkcs7.detached`.
    pub kind: String,
    /// Whether the signed bytes are unchanged and the signature checks cryptographically.
    pub intact: bool,
    /// Whether the signature covers the file to its end (nothing added after it).
    pub covers_whole_document: bool,
    /// The signer's certificate, DER.
    pub certificate: Option<Vec<u8>>,
    /// What is wrong, in English.
    pub problems: Vec<String>,
}

/// Reads and checks every embedded signature of a PDF (integrity and the CMS signature; trust
/// in the certificate is the caller's: compare [`PdfSignature::certificate`] with the seal's).
///
/// Errors: [`SigningError::Malformed`] when the file cannot be read as a PDF.
pub fn pdf_signatures(pdf: &[u8]) -> Result<Vec<PdfSignature>, SigningError> {
    let trust = TrustStoreSet::new();
    let report = match SignatureVerifier::new(&trust).verify_pdf(pdf) {
        Ok(report) => report,
        // A PDF without a signature is a readable PDF with none, not a malformed one.
        Err(underskrift::PdfSignError::Verify(underskrift::error::VerifyError::NoSignatures)) => {
            return Ok(Vec::new());
        }
        Err(e) => {
            return Err(SigningError::Malformed {
                what: "PDF",
                reason: e.to_string(),
            });
        }
    };
    Ok(report
        .signatures
        .into_iter()
        .map(|s| {
            let crypto_ok = matches!(
                s.cryptographic_validity,
                underskrift::verify::report::CryptoValidity::Valid
            );
            let intact = s.integrity_ok && s.digest_matches && crypto_ok;
            let mut problems = s.integrity_issues.clone();
            if !s.digest_matches {
                problems.push("the signed bytes were changed (digest mismatch)".into());
            }
            if !crypto_ok {
                problems.push(format!(
                    "the signature value does not check ({:?})",
                    s.cryptographic_validity
                ));
            }
            PdfSignature {
                signer: s.signer_name,
                kind: format!("{:?}", s.signature_type),
                intact,
                covers_whole_document: s.covers_whole_document,
                certificate: s.signer_cert_der,
                problems,
            }
        })
        .collect())
}

/// A new key (RSA 3072) and a self-signed seal certificate for `common_name`, as PKCS#12.
fn self_signed_pkcs12(common_name: &str, password: &str) -> Result<Vec<u8>, SigningError> {
    use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, KeyUsagePurpose};
    use rsa::pkcs8::EncodePrivateKey;
    let fail = |reason: String| SigningError::Unavailable(format!("making the seal: {reason}"));
    let rsa_key =
        rsa::RsaPrivateKey::new(&mut rand_core_06::OsRng, 3072).map_err(|e| fail(e.to_string()))?;
    let pkcs8 = rsa_key.to_pkcs8_der().map_err(|e| fail(e.to_string()))?;
    let key = KeyPair::from_pkcs8_der_and_sign_algo(
        &rustls_pki_types::PrivatePkcs8KeyDer::from(pkcs8.as_bytes().to_vec()),
        &rcgen::PKCS_RSA_SHA256,
    )
    .map_err(|e| fail(e.to_string()))?;
    let mut params =
        CertificateParams::new(Vec::<String>::new()).map_err(|e| fail(e.to_string()))?;
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name.push(DnType::CountryName, "SE");
    params.distinguished_name = name;
    // Valid over any clock Kansli may be run with (see the module's doc), not from "now".
    params.not_before = rcgen::date_time_ymd(2000, 1, 1);
    params.not_after = rcgen::date_time_ymd(2100, 1, 1);
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    let cert = params.self_signed(&key).map_err(|e| fail(e.to_string()))?;
    let pfx = p12::PFX::new(
        cert.der(),
        &key.serialize_der(),
        None,
        password,
        common_name,
    )
    .ok_or_else(|| fail("cannot write the PKCS#12 file".into()))?;
    Ok(pfx.to_der())
}

fn first_certificate(pkcs12: &[u8], password: &str) -> Result<Vec<u8>, String> {
    let pfx = p12::PFX::parse(pkcs12).map_err(|e| format!("not PKCS#12: {e:?}"))?;
    pfx.cert_x509_bags(password)
        .map_err(|e| format!("cannot read its certificates: {e:?}"))?
        .into_iter()
        .next()
        .ok_or_else(|| "it holds no certificate".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF, as small as a PDF can be and still be read.
    fn tiny_pdf() -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        ];
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn at() -> DateTime<Utc> {
        "2026-03-12T14:05:09Z".parse().unwrap()
    }

    /// What poppler and qpdf say of a sealed PDF, when they are installed: a whole, signed file
    /// with its signing time (`/M`), and no complaint about its structure (the update's
    /// trailer: `/Size`, `/ID`).
    #[tokio::test]
    async fn a_sealed_pdf_states_its_signing_time_and_a_sound_trailer() {
        let dir = tempfile::tempdir().unwrap();
        let seal = Seal::load_or_create(dir.path(), "Kansli justeringssigill, Test").unwrap();
        let sealed = seal
            .sign_pdf(&tiny_pdf(), "Justerat protokoll", "Test", at())
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&sealed);
        assert!(text.contains("/M (D:20260312140509Z)"), "{text}");
        let trailer = &text[text.rfind("trailer").unwrap()..];
        assert!(
            // Objects 4–6 are new (the signature, its field, the AcroForm).
            trailer.contains("/Size 7 ") && trailer.contains("/ID [<"),
            "{trailer}"
        );
        let file = dir.path().join("sealed.pdf");
        std::fs::write(&file, &sealed).unwrap();
        let run = |tool: &str, args: &[&str]| {
            std::process::Command::new(tool)
                .args(args)
                .arg(&file)
                .output()
                .ok()
        };
        let ci = std::env::var_os("CI").is_some();
        match run("pdfsig", &[]) {
            Some(out) => {
                let said = String::from_utf8_lossy(&out.stdout);
                assert!(said.contains("Signature is Valid"), "{said}");
                assert!(said.contains("Signing Time: Mar 12 2026"), "{said}");
            }
            None => assert!(!ci, "CI needs pdfsig (poppler-utils)"),
        }
        match run("qpdf", &["--check"]) {
            Some(out) => {
                let said = String::from_utf8_lossy(&out.stdout).to_string()
                    + &String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "{said}");
                assert!(!said.to_lowercase().contains("warning"), "{said}");
            }
            None => assert!(!ci, "CI needs qpdf"),
        }
    }

    /// An unsigned PDF is read and has no signatures; what is not a PDF is an error.
    #[test]
    fn an_unsigned_pdf_has_no_signatures() {
        assert!(pdf_signatures(&tiny_pdf()).unwrap().is_empty());
        assert!(pdf_signatures(b"not a pdf").is_err());
    }

    /// One seal in 256 ends in a zero byte, which the verifier would take for padding: such a
    /// seal is made again under another field name, and every seal returned checks.
    #[tokio::test]
    async fn a_seal_ending_in_a_zero_byte_is_made_again_and_checks() {
        let dir = tempfile::tempdir().unwrap();
        let seal = Seal::load_or_create(dir.path(), "Kansli justeringssigill, Test").unwrap();
        let pdf = tiny_pdf();
        let mut remade = None;
        for n in 0..3000 {
            let sealed = seal
                .sign_pdf(&pdf, &format!("Justerat protokoll {n}"), "Test", at())
                .await
                .unwrap();
            if sealed.windows(13).any(|w| w == b"(Justering.1)") {
                remade = Some(sealed);
                break;
            }
        }
        let sealed = remade.expect("in 3,000 seals one ends in a zero byte (p > 0.9999)");
        let found = pdf_signatures(&sealed).unwrap();
        assert!(found[0].intact, "{:?}", found[0].problems);
    }

    #[tokio::test]
    async fn a_sealed_pdf_checks_and_a_changed_byte_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let seal = Seal::load_or_create(dir.path(), "Kansli justeringssigill, Test").unwrap();
        // Made once, kept: the second load reads the same certificate.
        let again = Seal::load_or_create(dir.path(), "ignored").unwrap();
        assert_eq!(seal.certificate_der(), again.certificate_der());

        let pdf = tiny_pdf();
        let sealed = seal
            .sign_pdf(&pdf, "Justerat protokoll", "Test", at())
            .await
            .unwrap();
        assert!(
            sealed.starts_with(&pdf),
            "an incremental update keeps the original bytes"
        );
        let found = pdf_signatures(&sealed).unwrap();
        assert_eq!(found.len(), 1);
        assert!(found[0].intact, "{:?}", found[0].problems);
        assert!(found[0].covers_whole_document);
        assert!(
            found[0].kind.contains("Pades") || found[0].kind.contains("CAdES"),
            "{}",
            found[0].kind
        );
        assert_eq!(
            found[0].certificate.as_deref(),
            Some(seal.certificate_der())
        );

        // One changed byte inside the signed range (in the first page object).
        let mut changed = sealed.clone();
        let at = changed.windows(3).position(|w| w == b"200").unwrap();
        changed[at] = b'3';
        let found = pdf_signatures(&changed).unwrap();
        assert!(!found[0].intact, "{found:?}");
        assert!(!found[0].problems.is_empty());

        // Something appended after the seal.
        let mut appended = sealed.clone();
        appended.extend_from_slice(b"\n% later\n");
        let found = pdf_signatures(&appended).unwrap();
        assert!(!found[0].covers_whole_document);
    }
}
