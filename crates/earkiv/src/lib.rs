//! Kansli's e-arkiv export: a closed case or justerade minutes as one E-ARK Submission
//! Information Package, the format Riksarkivet has adopted as **FGS Paketstruktur 2.0**
//! (E-ARK CSIP 2.1.0 + E-ARK SIP 2.1.0), with **CITS ERMS 2.1.2** as the descriptive metadata
//! (FGS Ärendehantering 2.0; content information type `citserms_v2_1`) and **PREMIS 3.0** as
//! the preservation metadata.
//!
//! A package is one folder named by its identifier (`<authority>_<Dnr key>` for a case,
//! `<authority>_<body>_<meeting>` for minutes):
//!
//! ```text
//! METS.xml                          CSIP/SIP root METS: agents (the program as CREATOR with its
//!                                   SOFTWARE VERSION, the authority as ARCHIVIST), dmdSec → ERMS,
//!                                   amdSec → PREMIS, file groups Documentation, Schemas and
//!                                   Representations/rep1, the CSIP structMap
//! metadata/descriptive/erms.xml     CITS ERMS: the case (caseFile, Dnr as objectId) with its
//!                                   documents as records, or the minutes as a record
//! metadata/preservation/premis.xml  PREMIS: the entity and its events (registration, handling,
//!                                   closing; meeting, justering, signatures, anslag) and agents
//! documentation/paketet.txt         what the package holds, in Swedish
//! schemas/*.xsd                     METS, XLink, the CSIP and SIP extensions, PREMIS, ERMS
//! representations/rep1/METS.xml     the representation's METS (its data files)
//! representations/rep1/metadata/preservation/premis.xml   every file with SHA-256 fixity
//! representations/rep1/data/…       the documents, or the protocol, its JSON and the justering
//! ```
//!
//! Every file is listed with its size and SHA-256 in a METS document; [`verify`] reads a
//! package back and checks them all.
//!
//! **Invariant:** the output is a function of the input and [`ExportContext::created`]: no
//! clock, no database, no network; a package is written complete or not at all (into a
//! hidden folder beside its final name, renamed at the end), and never over an existing one.

mod case;
mod erms;
mod error;
mod minutes;
mod model;
mod package;
mod premis;
mod verify;
mod xml;

use std::path::{Path, PathBuf};

pub use error::EarkivError;
pub use model::{
    Authority, CaseDocument, CaseHandling, ClosedCase, DataFile, Direction, ExportContext,
    JusteradMinutes, MinutesCase, Signature, SignatureCheck,
};
pub use package::{CONTENT_INFORMATION_TYPE, SCHEMAS, SIP_PROFILE};
pub use verify::{Problem, Verification};

/// A file of a written (or verified) package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFile {
    /// Its path from the package's root, `/`-separated (`representations/rep1/data/001-a.pdf`).
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
}

/// A package written to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenPackage {
    /// Its folder (`<out>/<objid>`).
    pub path: PathBuf,
    /// Its identifier: the METS `OBJID` and the folder's name.
    pub objid: String,
    /// Every file written, by path.
    pub files: Vec<PackageFile>,
}

/// The identifier (and folder name) the package of `case` gets: `<authority slug>_<Dnr key>`.
///
/// # Errors
/// [`EarkivError::Invalid`] when the slug or key is not a safe folder name.
pub fn case_package_id(ctx: &ExportContext, case: &ClosedCase) -> Result<String, EarkivError> {
    case::objid(ctx, case)
}

/// The identifier (and folder name) the package of `minutes` gets:
/// `<authority slug>_<body slug>_<meeting slug>`.
///
/// # Errors
/// [`EarkivError::Invalid`] when a slug is not a safe folder name.
pub fn minutes_package_id(
    ctx: &ExportContext,
    minutes: &JusteradMinutes,
) -> Result<String, EarkivError> {
    minutes::objid(ctx, minutes)
}

/// Writes the package of a closed case into `out/<authority>_<Dnr key>` (`out` is created when
/// missing): every document byte for byte, confidential ones included and marked so in ERMS
/// (`restriction` of type `confidential` with its legal ground) and PREMIS (a significant
/// property).
///
/// # Errors
/// [`EarkivError::Exists`] when the package's folder exists; [`EarkivError::Invalid`] for an
/// unsafe identifier or an empty Dnr or name; [`EarkivError::Io`] when writing fails (nothing
/// is left behind).
pub fn export_case(
    out: &Path,
    ctx: &ExportContext,
    case: &ClosedCase,
) -> Result<WrittenPackage, EarkivError> {
    package::write(out, ctx, case::content(ctx, case)?)
}

/// Writes the package of justerade minutes into `out/<authority>_<body>_<meeting>`: the
/// original as signed, the record as JSON and the justering with its signatures as JSON.
///
/// # Errors
/// As [`export_case`]; also [`EarkivError::Invalid`] for an empty original.
pub fn export_minutes(
    out: &Path,
    ctx: &ExportContext,
    minutes: &JusteradMinutes,
) -> Result<WrittenPackage, EarkivError> {
    package::write(out, ctx, minutes::content(ctx, minutes)?)
}

/// Reads the package at `root` back: every file its METS documents list (following `mptr` to
/// the representations' METS) must be there with the stated size and SHA-256, and every file
/// on disk but the root `METS.xml` must be listed. Problems are reported, not errors.
///
/// # Errors
/// [`EarkivError::Io`] when `root/METS.xml` (or a listed METS) cannot be read;
/// [`EarkivError::Xml`] when a METS document is not well-formed.
pub fn verify(root: &Path) -> Result<Verification, EarkivError> {
    verify::verify(root)
}
