//! A closed case as a package: its documents in `rep1/data/`, CITS ERMS with the case as an
//! aggregation of type `caseFile` (the Dnr its `objectId`) and each document a record (its
//! direction, its secrecy as a `confidential` restriction), and PREMIS events for the
//! registration, every handling in a meeting and the closing.

use crate::package::{AUTHORITY_AGENT, Content, DataEntry, check_identifier, safe_name, time};
use crate::premis::{Event, Premis};
use crate::xml::Xml;
use crate::{ClosedCase, Direction, EarkivError, ExportContext, erms};

/// The package's identifier: `<authority slug>_<Dnr key>`.
pub(crate) fn objid(ctx: &ExportContext, case: &ClosedCase) -> Result<String, EarkivError> {
    check_identifier("the authority's slug", &ctx.authority.slug)?;
    check_identifier("the case's key", &case.key)?;
    Ok(format!("{}_{}", ctx.authority.slug, case.key))
}

/// What the package of `case` holds.
pub(crate) fn content(ctx: &ExportContext, case: &ClosedCase) -> Result<Content, EarkivError> {
    let objid = objid(ctx, case)?;
    if case.dnr.trim().is_empty() {
        return Err(EarkivError::Invalid(format!(
            "the case {} has no Dnr",
            case.key
        )));
    }
    let mut data: Vec<DataEntry> = case
        .documents
        .iter()
        .enumerate()
        .map(|(n, d)| DataEntry {
            name: format!(
                "{:03}-{}",
                n + 1,
                safe_name(&d.file.original_name, "handling")
            ),
            file: d.file.clone(),
            secrecy: d.confidential.then(|| ground(d.secrecy_ground.as_deref())),
        })
        .collect();
    // The protokollsutdrag of each paragraph that handled the case, after the documents:
    // (index into `case.handled`, index into `data`).
    let mut extracts = Vec::new();
    for (h, handling) in case.handled.iter().enumerate() {
        if let Some(file) = &handling.extract {
            extracts.push((h, data.len()));
            data.push(DataEntry {
                name: format!(
                    "utdrag-{}-{}-p{}.pdf",
                    safe_name(&handling.body, "organ").to_lowercase(),
                    handling.meeting_date,
                    handling.paragraph
                ),
                file: file.clone(),
                secrecy: None,
            });
        }
    }
    let documents = &data[..case.documents.len()];

    let mut x = Xml::new();
    erms::open(&mut x, ctx);
    x.open("aggregations", &[]);
    x.open(
        "aggregation",
        &[
            ("systemIdentifier", &format!("case:{}", case.key)),
            ("aggregationType", "caseFile"),
        ],
    );
    x.leaf("objectId", &[], &case.dnr);
    x.leaf("extraId", &[("extraIdType", "dnr_key")], &case.key);
    x.leaf("title", &[], &case.title);
    x.empty("status", &[("value", "closed")]);
    for h in &case.handled {
        x.leaf(
            "relation",
            &[("relationType", "referenced_by")],
            &format!("{} {} § {}", h.body, h.meeting_date, h.paragraph),
        );
    }
    if !extracts.is_empty() {
        x.open("additionalInformation", &[]);
        for (h, d) in &extracts {
            let h = &case.handled[*h];
            erms::appendix(
                &mut x,
                &format!(
                    "Protokollsutdrag {} {} § {}",
                    h.body, h.meeting_date, h.paragraph
                ),
                &data[*d].package_path(),
                &data[*d].file.media_type,
            );
        }
        x.close("additionalInformation");
    }
    x.open("agents", &[]);
    erms::agent(
        &mut x,
        "creator",
        None,
        &ctx.authority.name,
        Some("arkivbildare"),
    );
    if let Some(handler) = &case.handler {
        erms::agent(
            &mut x,
            "responsible_person",
            None,
            handler,
            Some("handläggare"),
        );
    }
    x.close("agents");
    x.open("dates", &[]);
    x.leaf(
        "date",
        &[("dateType", "created")],
        &time(&case.registered_at),
    );
    x.leaf("date", &[("dateType", "closed")], &time(&case.closed_at));
    x.close("dates");
    for h in &case.handled {
        x.open("action", &[]);
        x.leaf(
            "actionText",
            &[],
            &format!(
                "Behandlat av {} {} § {}: {}",
                h.body, h.meeting_date, h.paragraph, h.title
            ),
        );
        if let Some(decision) = &h.decision {
            x.leaf("actionMotivation", &[], decision);
        }
        x.leaf("actionType", &[], "decision");
        x.close("action");
    }
    for (n, (document, entry)) in case.documents.iter().zip(documents).enumerate() {
        x.open(
            "record",
            &[
                ("systemIdentifier", &format!("document:{}", document.id)),
                ("recordType", "handling"),
            ],
        );
        x.leaf("objectId", &[], &format!("{}-{}", case.dnr, n + 1));
        x.leaf("title", &[], &document.title);
        x.leaf("runningNumber", &[], &(n + 1).to_string());
        if let Some(ground) = &entry.secrecy {
            x.open("restriction", &[("restrictionType", "confidential")]);
            x.leaf(
                "explanatoryText",
                &[],
                "Handlingen omfattas av sekretess (confidential).",
            );
            x.leaf("regulation", &[], ground);
            x.close("restriction");
        }
        match document.direction {
            Some(Direction::Incoming) => {
                x.empty("direction", &[("directionDefinition", "incoming")]);
            }
            Some(Direction::Outgoing) => {
                x.empty("direction", &[("directionDefinition", "outgoing")]);
            }
            Some(Direction::Internal) => x.empty(
                "direction",
                &[
                    ("directionDefinition", "other"),
                    ("otherDirectionDefinition", "internal"),
                ],
            ),
            None => {}
        }
        x.open("dates", &[]);
        x.leaf(
            "date",
            &[("dateType", "captured")],
            &time(&document.registered_at),
        );
        x.close("dates");
        x.open("additionalInformation", &[]);
        erms::appendix(
            &mut x,
            &document.file.original_name,
            &entry.package_path(),
            &document.file.media_type,
        );
        x.close("additionalInformation");
        x.close("record");
    }
    x.close("aggregation");
    x.close("aggregations");
    x.close("erms");
    let erms = x
        .finish()
        .map_err(|e| EarkivError::io("write XML for", objid.clone(), e))?;

    let mut premis = Premis::default();
    let handler = case
        .handler
        .as_deref()
        .map(|h| premis.person(h, Some("handläggare")));
    let with_handler = |mut agents: Vec<(String, String)>| {
        if let Some(h) = &handler {
            agents.push((h.clone(), "handläggare".into()));
        }
        agents
    };
    premis.events.push(Event {
        kind: "registration".into(),
        date: time(&case.registered_at),
        detail: format!(
            "Ärendet registrerades i diariet som {}: {}",
            case.dnr, case.title
        ),
        outcome: None,
        agents: with_handler(vec![(AUTHORITY_AGENT.into(), "registrator".into())]),
        objects: vec![objid.clone()],
    });
    for (document, entry) in case.documents.iter().zip(documents) {
        premis.events.push(Event {
            kind: "registration".into(),
            date: time(&document.registered_at),
            detail: format!(
                "Handlingen \"{}\" registrerades i ärendet {} ({}{})",
                document.title,
                case.dnr,
                document.direction.map_or("riktning okänd", |d| match d {
                    Direction::Incoming => "inkommande",
                    Direction::Outgoing => "utgående",
                    Direction::Internal => "upprättad",
                }),
                if document.confidential {
                    ", sekretess"
                } else {
                    ""
                },
            ),
            outcome: None,
            agents: vec![(AUTHORITY_AGENT.into(), "registrator".into())],
            objects: vec![entry.package_path()],
        });
    }
    for (n, h) in case.handled.iter().enumerate() {
        let mut objects = vec![objid.clone()];
        if let Some((_, d)) = extracts.iter().find(|(i, _)| *i == n) {
            objects.push(data[*d].package_path());
        }
        premis.events.push(Event {
            kind: "decision".into(),
            date: h.meeting_date.to_string(),
            detail: format!(
                "Behandlat av {} {} § {}: {}",
                h.body, h.meeting_date, h.paragraph, h.title
            ),
            outcome: h
                .decision
                .as_ref()
                .map(|d| ("beslut".to_string(), d.clone())),
            agents: vec![(AUTHORITY_AGENT.into(), h.body.clone())],
            objects,
        });
    }
    premis.events.push(Event {
        kind: "closing".into(),
        date: time(&case.closed_at),
        detail: format!("Ärendet {} avslutades", case.dnr),
        outcome: None,
        agents: with_handler(vec![(AUTHORITY_AGENT.into(), "registrator".into())]),
        objects: vec![objid.clone()],
    });

    let confidential = case.documents.iter().filter(|d| d.confidential).count();
    let documentation = format!(
        "Ärende {dnr}: {title}\n\
         Arkivbildare: {authority}\n\
         Registrerat {registered}, avslutat {closed}.\n\
         \n\
         Paketet är ett E-ARK SIP (CSIP 2.1.0 och SIP 2.1.0, FGS Paketstruktur 2.0) skapat av \
         {software} {version} {created}.\n\
         METS.xml beskriver paketet; metadata/descriptive/erms.xml ärendet och dess handlingar \
         (CITS ERMS 2.1.2, FGS Ärendehantering 2.0); metadata/preservation/premis.xml \
         händelserna (PREMIS 3.0). Handlingarna ligger i representations/rep1/data/ ({count} \
         st, varav {confidential} med sekretess, markerade i ERMS och PREMIS), med sina \
         SHA-256-kontrollsummor i representations/rep1/METS.xml och \
         representations/rep1/metadata/preservation/premis.xml. Ärendet behandlades i \
         {handled} paragraf(er); protokollsutdragen ({extracts} st) ligger bland data som \
         utdrag-*.pdf. Scheman ligger i schemas/.\n",
        dnr = case.dnr,
        title = case.title,
        authority = ctx.authority.name,
        registered = time(&case.registered_at),
        closed = time(&case.closed_at),
        software = ctx.software,
        version = ctx.software_version,
        created = time(&ctx.created),
        count = case.documents.len(),
        handled = case.handled.len(),
        extracts = extracts.len(),
    );
    Ok(Content {
        objid,
        label: format!("Ärende {}: {}", case.dnr, case.title),
        category: "Mixed",
        data,
        erms,
        premis,
        documentation,
    })
}

/// The legal ground of a secret document as stated, or the law itself when none was given.
fn ground(stated: Option<&str>) -> String {
    match stated.map(str::trim) {
        Some(g) if !g.is_empty() => g.to_string(),
        _ => "Offentlighets- och sekretesslagen (2009:400)".to_string(),
    }
}
