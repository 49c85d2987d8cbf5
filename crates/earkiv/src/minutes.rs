//! Justerade minutes as a package: the protocol as signed (the stored original), the record as
//! JSON (the parser's reading, `kansli parse`'s shape) and the justering with its signatures as
//! JSON in `rep1/data/`; CITS ERMS with the minutes as one record (the chair its main
//! signatory, the justerare other signatories, the cases of its paragraphs as references), and
//! PREMIS events for the meeting, the justering, every signature and the notice.

use serde_json::json;

use crate::package::{AUTHORITY_AGENT, Content, DataEntry, check_identifier, safe_name, time};
use crate::premis::{Event, Premis};
use crate::xml::Xml;
use crate::{DataFile, EarkivError, ExportContext, JusteradMinutes, erms};

/// The package's identifier: `<authority slug>_<body slug>_<meeting slug>`.
pub(crate) fn objid(ctx: &ExportContext, m: &JusteradMinutes) -> Result<String, EarkivError> {
    check_identifier("the authority's slug", &ctx.authority.slug)?;
    check_identifier("the body's slug", &m.body_slug)?;
    check_identifier("the meeting's slug", &m.meeting_slug)?;
    Ok(format!(
        "{}_{}_{}",
        ctx.authority.slug, m.body_slug, m.meeting_slug
    ))
}

/// The justering and its signatures as the JSON file the package carries.
fn justering_json(m: &JusteradMinutes) -> Vec<u8> {
    let value = json!({
        "body": m.body,
        "meeting_date": m.meeting_date.to_string(),
        "paragraphs": m.paragraphs.map(|(first, last)| json!({"first": first, "last": last})),
        "chair": m.chair,
        "secretary": m.secretary,
        "justerare": m.justerare,
        "justering": {
            "date": m.justering_date.map(|d| d.to_string()),
            "place": m.justering_place,
        },
        "signatures": m.signatures.iter().map(|s| json!({
            "name": s.name,
            "role": s.role,
            "signed_at": s.signed_at.as_ref().map(time),
        })).collect::<Vec<_>>(),
        "signature_verification": match &m.signature_check {
            Some(check) => json!({
                "verified": check.valid,
                "problems": check.problems,
                "note": "Signed in Kansli: when the package was made, Kansli checked the \
                         original's seal (PAdES) and that each signature binds its signer \
                         to the record's content (SHA-256 of its canonical JSON).",
            }),
            None => json!({
                "verified": false,
                "note": "Justerade outside Kansli: the signatures are as the protocol states \
                         them; Kansli has not verified a cryptographic signature.",
            }),
        },
        "notice_posted": m.notice_posted.map(|d| d.to_string()),
    });
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// What the package of `m` holds.
pub(crate) fn content(ctx: &ExportContext, m: &JusteradMinutes) -> Result<Content, EarkivError> {
    let objid = objid(ctx, m)?;
    if m.original.bytes.is_empty() {
        return Err(EarkivError::Invalid(format!(
            "the minutes {objid} have an empty original file"
        )));
    }
    let extension = safe_name(&m.original.original_name, "protokoll")
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .filter(|ext| !ext.is_empty() && ext.len() <= 8)
        .unwrap_or_else(|| {
            if m.original.media_type.starts_with("application/pdf") {
                "pdf".into()
            } else {
                "bin".into()
            }
        });
    let label = format!("Protokoll {} {}", m.body, m.meeting_date);
    let data = vec![
        DataEntry {
            name: format!("protokoll.{extension}"),
            file: m.original.clone(),
            secrecy: None,
        },
        DataEntry {
            name: "protokoll.json".into(),
            file: DataFile {
                original_name: "protokoll.json".into(),
                media_type: "application/json".into(),
                stored_at: ctx.created,
                bytes: m.record_json.clone(),
            },
            secrecy: None,
        },
        DataEntry {
            name: "justering.json".into(),
            file: DataFile {
                original_name: "justering.json".into(),
                media_type: "application/json".into(),
                stored_at: ctx.created,
                bytes: justering_json(m),
            },
            secrecy: None,
        },
    ];

    let mut x = Xml::new();
    erms::open(&mut x, ctx);
    x.open("records", &[]);
    x.open(
        "record",
        &[
            ("systemIdentifier", &format!("minutes:{objid}")),
            ("recordType", "protokoll"),
        ],
    );
    x.leaf("objectId", &[], &format!("{} {}", m.body, m.meeting_date));
    if let Some((first, last)) = m.paragraphs {
        x.leaf(
            "extraId",
            &[("extraIdType", "paragraphs")],
            &format!("§§ {first}–{last}"),
        );
    }
    x.leaf("title", &[], &label);
    for c in &m.cases {
        x.leaf(
            "relation",
            &[("relationType", "reference")],
            &format!("{} (§ {}: {})", c.dnr, c.paragraph, c.title),
        );
    }
    x.open("agents", &[]);
    erms::agent(&mut x, "creator", None, &ctx.authority.name, Some(&m.body));
    if let Some(chair) = &m.chair {
        erms::agent(&mut x, "main_signatory", None, chair, Some("ordförande"));
    }
    for j in &m.justerare {
        erms::agent(&mut x, "other_signatory", None, j, Some("justerare"));
    }
    if let Some(secretary) = &m.secretary {
        erms::agent(
            &mut x,
            "other",
            Some("secretary"),
            secretary,
            Some("sekreterare"),
        );
    }
    x.close("agents");
    let signed: Vec<_> = m
        .signatures
        .iter()
        .filter_map(|s| s.signed_at.map(|t| (s, t)))
        .collect();
    x.open("dates", &[]);
    x.leaf(
        "date",
        &[("dateType", "captured")],
        &time(&m.original.stored_at),
    );
    for (n, (_, at)) in signed.iter().enumerate() {
        let kind = if n == 0 {
            "main_signature"
        } else {
            "other_signature"
        };
        x.leaf("date", &[("dateType", kind)], &time(at));
    }
    x.close("dates");
    x.open("notes", &[]);
    x.leaf(
        "note",
        &[("noteType", "meeting_date")],
        &m.meeting_date.to_string(),
    );
    if let Some(date) = m.justering_date {
        x.leaf("note", &[("noteType", "justering_date")], &date.to_string());
    }
    if let Some(place) = &m.justering_place {
        x.leaf("note", &[("noteType", "justering_place")], place);
    }
    if let Some(date) = m.notice_posted {
        x.leaf("note", &[("noteType", "notice_posted")], &date.to_string());
    }
    x.close("notes");
    if !m.signatures.is_empty() {
        x.open("eSignatures", &[]);
        for _ in &m.signatures {
            x.empty("eSignature", &[("present", "true")]);
        }
        x.close("eSignatures");
    }
    x.open("additionalInformation", &[]);
    for entry in &data {
        erms::appendix(
            &mut x,
            &entry.file.original_name,
            &entry.package_path(),
            &entry.file.media_type,
        );
    }
    x.close("additionalInformation");
    x.close("record");
    x.close("records");
    x.close("erms");
    let erms = x
        .finish()
        .map_err(|e| EarkivError::io("write XML for", objid.clone(), e))?;

    let mut premis = Premis::default();
    let original = data[0].package_path();
    premis.events.push(Event {
        kind: "meeting".into(),
        date: m.meeting_date.to_string(),
        detail: format!("{}s sammanträde {}", m.body, m.meeting_date),
        outcome: None,
        agents: vec![(AUTHORITY_AGENT.into(), m.body.clone())],
        objects: vec![objid.clone()],
    });
    // The justering's day as the protocol states it, else the day of the last signature.
    let last_signature = m.signatures.iter().filter_map(|s| s.signed_at).max();
    let justering_day = m.justering_date.map(|d| (d, "")).or_else(|| {
        last_signature.map(|t| (t.date_naive(), ", dagen för den sista underskriften"))
    });
    if let Some((date, source)) = justering_day {
        let mut agents = Vec::new();
        if let Some(chair) = &m.chair {
            agents.push((
                premis.person(chair, Some("ordförande")),
                "ordförande".into(),
            ));
        }
        for j in &m.justerare {
            agents.push((premis.person(j, Some("justerare")), "justerare".into()));
        }
        premis.events.push(Event {
            kind: "justering".into(),
            date: date.to_string(),
            detail: format!(
                "Protokollet justerades{}{source}",
                m.justering_place
                    .as_deref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default()
            ),
            outcome: None,
            agents,
            objects: vec![objid.clone(), original.clone()],
        });
    }
    for s in &m.signatures {
        let role = s.role.clone().unwrap_or_else(|| "undertecknare".into());
        let agent = premis.person(&s.name, Some(&role));
        premis.events.push(Event {
            kind: "digital signature generation".into(),
            date: s
                .signed_at
                .as_ref()
                .map(time)
                .or_else(|| m.justering_date.map(|d| d.to_string()))
                .unwrap_or_else(|| m.meeting_date.to_string()),
            detail: format!("{} undertecknade protokollet", s.name),
            outcome: Some((
                "not verified".into(),
                "As the protocol's e-signature page states it; no cryptographic signature was \
                 verified by Kansli."
                    .into(),
            )),
            agents: vec![(agent, role)],
            objects: vec![original.clone()],
        });
    }
    if let Some(date) = m.notice_posted {
        premis.events.push(Event {
            kind: "anslag".into(),
            date: date.to_string(),
            detail: "Tillkännagivandet om justeringen sattes upp på anslagstavlan".into(),
            outcome: None,
            agents: vec![(AUTHORITY_AGENT.into(), "anslagstavla".into())],
            objects: vec![objid.clone()],
        });
    }
    premis.events.push(Event {
        kind: "accession".into(),
        date: time(&m.original.stored_at),
        detail: format!("Originalet {} lagrades i Kansli", m.original.original_name),
        outcome: None,
        agents: vec![(AUTHORITY_AGENT.into(), "arkivbildare".into())],
        objects: vec![original],
    });

    let documentation = format!(
        "{label}\n\
         Arkivbildare: {authority}\n\
         \n\
         Paketet är ett E-ARK SIP (CSIP 2.1.0 och SIP 2.1.0, FGS Paketstruktur 2.0) skapat av \
         {software} {version} {created}.\n\
         representations/rep1/data/ innehåller protokollet som det justerades \
         ({name}, {original}), protokollet som data (protokoll.json, Kanslis läsning i samma \
         form som `kansli parse`) och justeringen med underskrifterna (justering.json; \
         underskrifterna så som protokollets signatursida anger dem, inte kryptografiskt \
         verifierade). metadata/descriptive/erms.xml beskriver protokollet (CITS ERMS 2.1.2, FGS \
         Ärendehantering 2.0), metadata/preservation/premis.xml händelserna (PREMIS 3.0). \
         Kontrollsummor (SHA-256) i METS-filerna och i PREMIS. Scheman ligger i schemas/.\n",
        authority = ctx.authority.name,
        software = ctx.software,
        version = ctx.software_version,
        created = time(&ctx.created),
        name = data[0].name,
        original = m.original.original_name,
    );
    Ok(Content {
        objid,
        label,
        category: "Textual works – Digital",
        data,
        erms,
        premis,
        documentation,
    })
}
