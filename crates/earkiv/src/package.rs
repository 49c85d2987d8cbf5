//! One SIP on disk: the root METS (CSIP/SIP), the descriptive and preservation metadata, the
//! documentation, the schemas, and the representation `rep1` with its own METS, PREMIS and
//! data — written into a folder beside the final one and renamed when complete.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::premis::{Agent, Event, Object, ObjectKind, Premis};
use crate::xml::Xml;
use crate::{DataFile, EarkivError, ExportContext, PackageFile, WrittenPackage};

/// The E-ARK SIP METS profile every package declares (SIP2).
pub const SIP_PROFILE: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
/// The content information type: CITS ERMS 2.1 (FGS Ärendehantering 2.0).
pub const CONTENT_INFORMATION_TYPE: &str = "citserms_v2_1";
/// The representation every package has.
pub(crate) const REP: &str = "rep1";

const METS_NS: &str = "http://www.loc.gov/METS/";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const CSIP_NS: &str = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
const SIP_NS: &str = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The identifier of the program among the PREMIS agents.
pub(crate) const SOFTWARE_AGENT: &str = "agent-software";
/// The identifier of the authority among the PREMIS agents.
pub(crate) const AUTHORITY_AGENT: &str = "agent-authority";

/// The schemas every package carries in `schemas/`, as the tests validate against them.
pub const SCHEMAS: &[(&str, &[u8])] = &[
    ("mets.xsd", include_bytes!("../schemas/mets.xsd")),
    ("xlink.xsd", include_bytes!("../schemas/xlink.xsd")),
    (
        "DILCISExtensionMETS.xsd",
        include_bytes!("../schemas/DILCISExtensionMETS.xsd"),
    ),
    (
        "DILCISExtensionSIPMETS.xsd",
        include_bytes!("../schemas/DILCISExtensionSIPMETS.xsd"),
    ),
    (
        "premis-v3-0.xsd",
        include_bytes!("../schemas/premis-v3-0.xsd"),
    ),
    ("ERMS.xsd", include_bytes!("../schemas/ERMS.xsd")),
];

/// A file of the representation's `data/` folder.
pub(crate) struct DataEntry {
    /// Its name in `data/` (made safe by [`safe_name`]).
    pub name: String,
    /// The file.
    pub file: DataFile,
    /// The legal ground when the file is confidential.
    pub secrecy: Option<String>,
}

impl DataEntry {
    /// Its path from the package's root.
    pub(crate) fn package_path(&self) -> String {
        format!("representations/{REP}/data/{}", self.name)
    }
}

/// What a kind of package (a case, minutes) hands to the writer.
pub(crate) struct Content {
    /// The package's identifier and folder name.
    pub objid: String,
    /// A short text naming it ("Ärende ITSAM 2026/1: …").
    pub label: String,
    /// The METS `TYPE` (content category from the CSIP vocabulary).
    pub category: &'static str,
    /// The representation's files.
    pub data: Vec<DataEntry>,
    /// The CITS ERMS document.
    pub erms: Vec<u8>,
    /// The package's own PREMIS events and person agents (the writer adds the objects, the
    /// program and the authority, and the package's creation).
    pub premis: Premis,
    /// The documentation's text.
    pub documentation: String,
}

/// Whether an identifier is safe as a folder name and in a URL: ASCII letters, digits, `-`,
/// `_` and `.`, not starting with `.`, at most 200 characters.
pub(crate) fn check_identifier(what: &str, id: &str) -> Result<(), EarkivError> {
    let ok = !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(EarkivError::Invalid(format!(
            "{what} {id:?} is not a safe package name (ASCII letters, digits, '-', '_', '.')"
        )))
    }
}

/// A file name made safe for the package (and for a URL without escaping): Swedish letters
/// folded, everything but ASCII letters, digits, `.`, `-` and `_` made `_`, at most 80
/// characters with the extension kept; `fallback` when nothing is left.
pub(crate) fn safe_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut out = String::new();
    for c in base.chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'Å' | 'Ä' | 'À' | 'Á' => 'A',
            'ö' | 'ø' | 'ó' => 'o',
            'Ö' | 'Ø' | 'Ó' => 'O',
            'é' | 'è' | 'ë' => 'e',
            'É' | 'È' => 'E',
            'ü' => 'u',
            'Ü' => 'U',
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') => c,
            _ => '_',
        };
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    let out = out
        .trim_matches(|c| matches!(c, '_' | '.' | '-'))
        .to_string();
    if out.is_empty() || !out.chars().any(|c| c.is_ascii_alphanumeric()) {
        return fallback.to_string();
    }
    if out.len() <= 80 {
        return out;
    }
    let (stem, ext) = match out.rsplit_once('.') {
        Some((stem, ext)) if ext.len() <= 8 && !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (out.as_str(), String::new()),
    };
    let keep = 80 - ext.len();
    format!("{}{ext}", &stem[..keep.min(stem.len())])
}

/// The package's time format: `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn time(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A METS `file` (or `mdRef`) about to be written: what it points to and its bits.
struct Entry {
    id: String,
    href: String,
    media_type: String,
    size: usize,
    sha256: String,
    created: String,
}

impl Entry {
    fn new(id: String, href: String, media_type: &str, bytes: &[u8], created: String) -> Entry {
        Entry {
            id,
            href,
            media_type: media_type.to_string(),
            size: bytes.len(),
            sha256: sha256(bytes),
            created,
        }
    }

    fn file(&self, x: &mut Xml) {
        let size = self.size.to_string();
        x.open(
            "mets:file",
            &[
                ("ID", &self.id),
                ("MIMETYPE", &self.media_type),
                ("SIZE", &size),
                ("CREATED", &self.created),
                ("CHECKSUM", &self.sha256),
                ("CHECKSUMTYPE", "SHA-256"),
            ],
        );
        x.empty(
            "mets:FLocat",
            &[
                ("LOCTYPE", "URL"),
                ("xlink:type", "simple"),
                ("xlink:href", &self.href),
            ],
        );
        x.close("mets:file");
    }

    /// An `mdRef` of metadata of type `md_type` (`PREMIS`, or `OTHER` with `other`).
    fn md_ref(&self, x: &mut Xml, md_type: &str, other: Option<&str>, version: &str) {
        let size = self.size.to_string();
        let label = self
            .href
            .rsplit('/')
            .next()
            .unwrap_or(&self.href)
            .to_string();
        let mut attrs: Vec<(&str, &str)> = vec![
            ("LABEL", &label),
            ("LOCTYPE", "URL"),
            ("xlink:type", "simple"),
            ("xlink:href", &self.href),
            ("MDTYPE", md_type),
        ];
        if let Some(other) = other {
            attrs.push(("OTHERMDTYPE", other));
        }
        attrs.extend([
            ("MDTYPEVERSION", version),
            ("MIMETYPE", &self.media_type),
            ("SIZE", &size),
            ("CREATED", &self.created),
            ("CHECKSUM", &self.sha256),
            ("CHECKSUMTYPE", "SHA-256"),
        ]);
        x.empty("mets:mdRef", &attrs);
    }
}

/// Opens a METS document: the root element with its namespaces, and the header with the
/// program (CREATOR, SOFTWARE VERSION) and the authority (ARCHIVIST).
fn mets_head(
    x: &mut Xml,
    ctx: &ExportContext,
    objid: &str,
    label: &str,
    category: &str,
    schemas: &str,
) {
    let created = time(&ctx.created);
    let location = format!(
        "{METS_NS} {schemas}mets.xsd {XLINK_NS} {schemas}xlink.xsd \
         {CSIP_NS} {schemas}DILCISExtensionMETS.xsd {SIP_NS} {schemas}DILCISExtensionSIPMETS.xsd"
    );
    x.open(
        "mets:mets",
        &[
            ("xmlns:mets", METS_NS),
            ("xmlns:xlink", XLINK_NS),
            ("xmlns:csip", CSIP_NS),
            ("xmlns:sip", SIP_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", &location),
            ("OBJID", objid),
            ("LABEL", label),
            ("TYPE", category),
            ("csip:CONTENTINFORMATIONTYPE", CONTENT_INFORMATION_TYPE),
            ("PROFILE", SIP_PROFILE),
        ],
    );
    x.open(
        "mets:metsHdr",
        &[
            ("CREATEDATE", &created),
            ("LASTMODDATE", &created),
            ("RECORDSTATUS", "NEW"),
            ("csip:OAISPACKAGETYPE", "SIP"),
        ],
    );
    x.open(
        "mets:agent",
        &[
            ("ROLE", "CREATOR"),
            ("TYPE", "OTHER"),
            ("OTHERTYPE", "SOFTWARE"),
        ],
    );
    x.leaf("mets:name", &[], &ctx.software);
    x.leaf(
        "mets:note",
        &[("csip:NOTETYPE", "SOFTWARE VERSION")],
        &ctx.software_version,
    );
    x.close("mets:agent");
    x.open(
        "mets:agent",
        &[("ROLE", "ARCHIVIST"), ("TYPE", "ORGANIZATION")],
    );
    x.leaf("mets:name", &[], &ctx.authority.name);
    x.close("mets:agent");
    x.close("mets:metsHdr");
}

/// Writes the package into `out/<objid>`.
pub(crate) fn write(
    out: &Path,
    ctx: &ExportContext,
    content: Content,
) -> Result<WrittenPackage, EarkivError> {
    check_identifier("the package identifier", &content.objid)?;
    if ctx.software.trim().is_empty() || ctx.authority.name.trim().is_empty() {
        return Err(EarkivError::Invalid(
            "the program's and the authority's names must not be empty".into(),
        ));
    }
    let created = time(&ctx.created);
    let xml_err = |source| EarkivError::io("write XML for", out.join(&content.objid), source);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();

    // The representation: its data, its PREMIS (the files and their fixity), its METS.
    let mut rep_premis = Premis::default();
    rep_premis.objects.push(Object {
        kind: ObjectKind::Representation,
        id: REP.to_string(),
        relationships: content
            .data
            .iter()
            .map(|d| ("includes", d.package_path()))
            .collect(),
    });
    let mut data_entries = Vec::new();
    for (n, entry) in content.data.iter().enumerate() {
        let bytes = &entry.file.bytes;
        rep_premis.objects.push(Object {
            kind: ObjectKind::File {
                sha256: sha256(bytes),
                size: bytes.len() as u64,
                media_type: entry.file.media_type.clone(),
                original_name: entry.file.original_name.clone(),
                secrecy: entry.secrecy.clone(),
            },
            id: entry.package_path(),
            relationships: vec![("is included in", REP.to_string())],
        });
        data_entries.push(Entry::new(
            format!("{REP}-file-{}", n + 1),
            format!("data/{}", entry.name),
            &entry.file.media_type,
            bytes,
            time(&entry.file.stored_at),
        ));
    }
    rep_premis.events.push(Event {
        kind: "message digest calculation".into(),
        date: created.clone(),
        detail: "SHA-256 of every file of the representation, computed when the package was made"
            .into(),
        outcome: None,
        agents: vec![(SOFTWARE_AGENT.into(), "executing program".into())],
        objects: content.data.iter().map(DataEntry::package_path).collect(),
    });
    rep_premis.agents.push(software_agent(ctx));
    let rep_premis_bytes = rep_premis
        .to_xml("../../../../schemas/premis-v3-0.xsd")
        .map_err(xml_err)?;
    let rep_premis_entry = Entry::new(
        format!("{REP}-premis"),
        "metadata/preservation/premis.xml".into(),
        "application/xml",
        &rep_premis_bytes,
        created.clone(),
    );
    let mut x = Xml::new();
    mets_head(
        &mut x,
        ctx,
        REP,
        &content.label,
        content.category,
        "../../schemas/",
    );
    x.open("mets:amdSec", &[]);
    x.open(
        "mets:digiprovMD",
        &[
            ("ID", &format!("{REP}-digiprov-premis")),
            ("CREATED", &created),
            ("STATUS", "CURRENT"),
        ],
    );
    rep_premis_entry.md_ref(&mut x, "PREMIS", None, "3.0");
    x.close("mets:digiprovMD");
    x.close("mets:amdSec");
    x.open("mets:fileSec", &[("ID", &format!("{REP}-filesec"))]);
    x.open(
        "mets:fileGrp",
        &[("ID", &format!("{REP}-filegrp-data")), ("USE", "Data")],
    );
    for entry in &data_entries {
        entry.file(&mut x);
    }
    x.close("mets:fileGrp");
    x.close("mets:fileSec");
    x.open(
        "mets:structMap",
        &[
            ("ID", &format!("{REP}-structmap")),
            ("TYPE", "PHYSICAL"),
            ("LABEL", "CSIP"),
        ],
    );
    x.open("mets:div", &[("ID", &format!("{REP}-div")), ("LABEL", REP)]);
    x.empty(
        "mets:div",
        &[
            ("ID", &format!("{REP}-div-metadata")),
            ("LABEL", "Metadata"),
            ("ADMID", &format!("{REP}-digiprov-premis")),
        ],
    );
    x.open(
        "mets:div",
        &[("ID", &format!("{REP}-div-data")), ("LABEL", "Data")],
    );
    x.empty("mets:fptr", &[("FILEID", &format!("{REP}-filegrp-data"))]);
    x.close("mets:div");
    x.close("mets:div");
    x.close("mets:structMap");
    x.close("mets:mets");
    let rep_mets = x.finish().map_err(xml_err)?;

    // The package: descriptive and preservation metadata, documentation, schemas.
    let mut premis = content.premis;
    let mut objects = vec![
        Object {
            kind: ObjectKind::Entity,
            id: content.objid.clone(),
            relationships: vec![("is represented by", REP.to_string())],
        },
        Object {
            kind: ObjectKind::Representation,
            id: REP.to_string(),
            relationships: vec![("represents", content.objid.clone())],
        },
    ];
    objects.append(&mut premis.objects);
    premis.objects = objects;
    premis.events.push(Event {
        kind: "information package creation".into(),
        date: created.clone(),
        detail: format!(
            "E-ARK SIP (CSIP 2.1.0, SIP 2.1.0; FGS Paketstruktur 2.0) made by {} {}",
            ctx.software, ctx.software_version
        ),
        outcome: None,
        agents: vec![
            (SOFTWARE_AGENT.into(), "executing program".into()),
            (AUTHORITY_AGENT.into(), "archival creator".into()),
        ],
        objects: vec![content.objid.clone()],
    });
    let mut agents = vec![
        software_agent(ctx),
        Agent {
            id: AUTHORITY_AGENT.into(),
            name: ctx.authority.name.clone(),
            kind: "organization",
            version: None,
            note: Some("arkivbildare (archival creator)".into()),
        },
    ];
    agents.append(&mut premis.agents);
    premis.agents = agents;
    let premis_bytes = premis
        .to_xml("../../schemas/premis-v3-0.xsd")
        .map_err(xml_err)?;
    let erms_entry = Entry::new(
        "dmd-erms-file".into(),
        "metadata/descriptive/erms.xml".into(),
        "application/xml",
        &content.erms,
        created.clone(),
    );
    let premis_entry = Entry::new(
        "premis-file".into(),
        "metadata/preservation/premis.xml".into(),
        "application/xml",
        &premis_bytes,
        created.clone(),
    );
    let documentation = content.documentation.into_bytes();
    let doc_entry = Entry::new(
        "file-documentation-1".into(),
        "documentation/paketet.txt".into(),
        "text/plain",
        &documentation,
        created.clone(),
    );
    let schema_entries: Vec<Entry> = SCHEMAS
        .iter()
        .enumerate()
        .map(|(n, (name, bytes))| {
            Entry::new(
                format!("file-schema-{}", n + 1),
                format!("schemas/{name}"),
                "application/xml",
                bytes,
                created.clone(),
            )
        })
        .collect();
    let rep_mets_entry = Entry::new(
        format!("file-{REP}-mets"),
        format!("representations/{REP}/METS.xml"),
        "application/xml",
        &rep_mets,
        created.clone(),
    );

    let mut x = Xml::new();
    mets_head(
        &mut x,
        ctx,
        &content.objid,
        &content.label,
        content.category,
        "schemas/",
    );
    x.open(
        "mets:dmdSec",
        &[
            ("ID", "dmd-erms"),
            ("CREATED", &created),
            ("STATUS", "CURRENT"),
        ],
    );
    erms_entry.md_ref(&mut x, "OTHER", Some("ERMS"), "2.1.2");
    x.close("mets:dmdSec");
    x.open("mets:amdSec", &[]);
    x.open(
        "mets:digiprovMD",
        &[
            ("ID", "digiprov-premis"),
            ("CREATED", &created),
            ("STATUS", "CURRENT"),
        ],
    );
    premis_entry.md_ref(&mut x, "PREMIS", None, "3.0");
    x.close("mets:digiprovMD");
    x.close("mets:amdSec");
    x.open("mets:fileSec", &[("ID", "filesec")]);
    x.open(
        "mets:fileGrp",
        &[("ID", "filegrp-documentation"), ("USE", "Documentation")],
    );
    doc_entry.file(&mut x);
    x.close("mets:fileGrp");
    x.open(
        "mets:fileGrp",
        &[("ID", "filegrp-schemas"), ("USE", "Schemas")],
    );
    for entry in &schema_entries {
        entry.file(&mut x);
    }
    x.close("mets:fileGrp");
    x.open(
        "mets:fileGrp",
        &[
            ("ID", &format!("filegrp-{REP}")),
            ("USE", &format!("Representations/{REP}")),
            ("csip:CONTENTINFORMATIONTYPE", CONTENT_INFORMATION_TYPE),
        ],
    );
    rep_mets_entry.file(&mut x);
    x.close("mets:fileGrp");
    x.close("mets:fileSec");
    x.open(
        "mets:structMap",
        &[("ID", "structmap"), ("TYPE", "PHYSICAL"), ("LABEL", "CSIP")],
    );
    x.open(
        "mets:div",
        &[("ID", "div-package"), ("LABEL", &content.objid)],
    );
    x.empty(
        "mets:div",
        &[
            ("ID", "div-metadata"),
            ("LABEL", "Metadata"),
            ("ADMID", "digiprov-premis"),
            ("DMDID", "dmd-erms"),
        ],
    );
    x.open(
        "mets:div",
        &[("ID", "div-documentation"), ("LABEL", "Documentation")],
    );
    x.empty("mets:fptr", &[("FILEID", "filegrp-documentation")]);
    x.close("mets:div");
    x.open("mets:div", &[("ID", "div-schemas"), ("LABEL", "Schemas")]);
    x.empty("mets:fptr", &[("FILEID", "filegrp-schemas")]);
    x.close("mets:div");
    x.open(
        "mets:div",
        &[("ID", "div-representations"), ("LABEL", "Representations")],
    );
    x.empty("mets:fptr", &[("FILEID", &format!("filegrp-{REP}"))]);
    x.open(
        "mets:div",
        &[
            ("ID", &format!("div-{REP}")),
            ("LABEL", &format!("Representations/{REP}")),
        ],
    );
    x.empty(
        "mets:mptr",
        &[
            ("LOCTYPE", "URL"),
            ("xlink:type", "simple"),
            ("xlink:href", &format!("representations/{REP}/METS.xml")),
            ("xlink:title", &format!("filegrp-{REP}")),
        ],
    );
    x.close("mets:div");
    x.close("mets:div");
    x.close("mets:div");
    x.close("mets:structMap");
    x.close("mets:mets");
    let root_mets = x.finish().map_err(xml_err)?;

    files.push(("METS.xml".into(), root_mets));
    files.push((erms_entry.href.clone(), content.erms));
    files.push((premis_entry.href.clone(), premis_bytes));
    files.push((doc_entry.href.clone(), documentation));
    for (name, bytes) in SCHEMAS {
        files.push((format!("schemas/{name}"), bytes.to_vec()));
    }
    files.push((rep_mets_entry.href.clone(), rep_mets));
    files.push((
        format!("representations/{REP}/{}", rep_premis_entry.href),
        rep_premis_bytes,
    ));
    for entry in content.data {
        files.push((entry.package_path(), entry.file.bytes));
    }
    put_on_disk(out, &content.objid, files)
}

fn software_agent(ctx: &ExportContext) -> Agent {
    Agent {
        id: SOFTWARE_AGENT.into(),
        name: ctx.software.clone(),
        kind: "software",
        version: Some(ctx.software_version.clone()),
        note: None,
    }
}

/// Writes the files into a hidden folder of this process beside the target
/// (`out/.<objid>.partial-<pid>-<n>`), then renames it `out/<objid>`; nothing is left behind on
/// failure (but what could not be removed), and two exports of the same package at once never
/// mix their files: the second finds the first's and stops with [`EarkivError::Exists`].
fn put_on_disk(
    out: &Path,
    objid: &str,
    files: Vec<(String, Vec<u8>)>,
) -> Result<WrittenPackage, EarkivError> {
    static PARTIALS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let target = out.join(objid);
    if target.exists() {
        return Err(EarkivError::Exists(target));
    }
    std::fs::create_dir_all(out).map_err(|e| EarkivError::io("create the folder", out, e))?;
    let partial = out.join(format!(
        ".{objid}.partial-{}-{}",
        std::process::id(),
        PARTIALS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let written = (|| {
        let mut listed = Vec::new();
        for (path, bytes) in &files {
            let file = partial.join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| EarkivError::io("create the folder", parent, e))?;
            }
            std::fs::write(&file, bytes).map_err(|e| EarkivError::io("write", &file, e))?;
            listed.push(PackageFile {
                path: path.clone(),
                size: bytes.len() as u64,
                sha256: sha256(bytes),
            });
        }
        if target.exists() {
            return Err(EarkivError::Exists(target.clone()));
        }
        std::fs::rename(&partial, &target).map_err(|e| {
            if target.exists() {
                EarkivError::Exists(target.clone())
            } else {
                EarkivError::io("rename the finished package to", &target, e)
            }
        })?;
        Ok(listed)
    })();
    match written {
        Ok(mut listed) => {
            listed.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(WrittenPackage {
                path: target,
                objid: objid.to_string(),
                files: listed,
            })
        }
        Err(error) => {
            let _ = std::fs::remove_dir_all(&partial);
            Err(error)
        }
    }
}

/// A path of the package as given to [`crate::verify`]: joined on the package root.
pub(crate) fn join(root: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe_and_keep_their_extension() {
        assert_eq!(
            safe_name("Yttrande från Kinda.pdf", "x"),
            "Yttrande_fran_Kinda.pdf"
        );
        assert_eq!(safe_name("../../etc/passwd", "x"), "passwd");
        assert_eq!(safe_name("  ", "dokument"), "dokument");
        assert_eq!(safe_name("§§§.", "dokument"), "dokument");
        let long = format!("{}.pdf", "a".repeat(300));
        let safe = safe_name(&long, "x");
        assert_eq!(safe.len(), 80);
        assert!(safe.ends_with(".pdf"));
    }

    #[test]
    fn identifiers_must_be_safe_folder_names() {
        assert!(check_identifier("id", "lomma-kommun_KS-2026-1").is_ok());
        for bad in ["", ".hidden", "a/b", "a b", "ö", "..", &"a".repeat(201)] {
            assert!(check_identifier("id", bad).is_err(), "{bad:?}");
        }
    }
}
