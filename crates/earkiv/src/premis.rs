//! PREMIS 3.0 preservation metadata: objects (the intellectual entity, its representation,
//! its files with their SHA-256 fixity), events (registration, handling, closing, justering,
//! signing, the package's creation) and agents (the program, the authority, people).

use crate::xml::Xml;

/// The PREMIS namespace.
const NS: &str = "http://www.loc.gov/premis/v3";
/// Every identifier in these documents is of this type: local to the package.
const LOCAL: &str = "local";

/// What kind of object.
#[derive(Debug, Clone)]
pub(crate) enum ObjectKind {
    /// The case or the minutes as a whole.
    Entity,
    /// A representation (`rep1`).
    Representation,
    /// A file, with what is known of its bits.
    File {
        sha256: String,
        size: u64,
        media_type: String,
        original_name: String,
        /// A significant property: the secrecy of a confidential document.
        secrecy: Option<String>,
    },
}

/// One object.
#[derive(Debug, Clone)]
pub(crate) struct Object {
    pub kind: ObjectKind,
    /// Its identifier (the package's OBJID, `rep1`, a file's path in the package).
    pub id: String,
    /// Structural relationships: (sub type, related object's identifier).
    pub relationships: Vec<(&'static str, String)>,
}

/// One event.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    /// Its type ("registration", "justering", "information package creation").
    pub kind: String,
    /// When: an RFC 3339 time, or a date (PREMIS allows any EDTF date).
    pub date: String,
    /// What happened, in words.
    pub detail: String,
    /// Its outcome, when there is one to state.
    pub outcome: Option<(String, String)>,
    /// Agents: (agent's identifier, role).
    pub agents: Vec<(String, String)>,
    /// Objects concerned: their identifiers.
    pub objects: Vec<String>,
}

/// One agent.
#[derive(Debug, Clone)]
pub(crate) struct Agent {
    /// Its identifier within the document.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `software`, `organization`, `person`.
    pub kind: &'static str,
    /// The software's version.
    pub version: Option<String>,
    /// A note (a person's role).
    pub note: Option<String>,
}

/// A PREMIS document being assembled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Premis {
    pub objects: Vec<Object>,
    pub events: Vec<Event>,
    pub agents: Vec<Agent>,
}

impl Premis {
    /// The agent for a person by name, added when new; returns its identifier.
    pub(crate) fn person(&mut self, name: &str, note: Option<&str>) -> String {
        if let Some(a) = self
            .agents
            .iter()
            .find(|a| a.kind == "person" && a.name == name)
        {
            return a.id.clone();
        }
        let id = format!("agent-person-{}", self.agents.len() + 1);
        self.agents.push(Agent {
            id: id.clone(),
            name: name.to_string(),
            kind: "person",
            version: None,
            note: note.map(str::to_string),
        });
        id
    }

    /// The document's bytes.
    pub(crate) fn to_xml(&self, schema_location: &str) -> std::io::Result<Vec<u8>> {
        let mut x = Xml::new();
        x.open(
            "premis:premis",
            &[
                ("xmlns:premis", NS),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ("xsi:schemaLocation", &format!("{NS} {schema_location}")),
                ("version", "3.0"),
            ],
        );
        for object in &self.objects {
            write_object(&mut x, object);
        }
        for (n, event) in self.events.iter().enumerate() {
            write_event(&mut x, n + 1, event);
        }
        for agent in &self.agents {
            x.open("premis:agent", &[]);
            x.open("premis:agentIdentifier", &[]);
            x.leaf("premis:agentIdentifierType", &[], LOCAL);
            x.leaf("premis:agentIdentifierValue", &[], &agent.id);
            x.close("premis:agentIdentifier");
            x.leaf("premis:agentName", &[], &agent.name);
            x.leaf("premis:agentType", &[], agent.kind);
            if let Some(version) = &agent.version {
                x.leaf("premis:agentVersion", &[], version);
            }
            if let Some(note) = &agent.note {
                x.leaf("premis:agentNote", &[], note);
            }
            x.close("premis:agent");
        }
        x.close("premis:premis");
        x.finish()
    }
}

fn identifier(x: &mut Xml, element: &str, prefix: &str, value: &str) {
    x.open(element, &[]);
    x.leaf(&format!("{prefix}Type"), &[], LOCAL);
    x.leaf(&format!("{prefix}Value"), &[], value);
    x.close(element);
}

fn write_object(x: &mut Xml, object: &Object) {
    let kind = match object.kind {
        ObjectKind::Entity => "premis:intellectualEntity",
        ObjectKind::Representation => "premis:representation",
        ObjectKind::File { .. } => "premis:file",
    };
    x.open("premis:object", &[("xsi:type", kind)]);
    identifier(
        x,
        "premis:objectIdentifier",
        "premis:objectIdentifier",
        &object.id,
    );
    if let ObjectKind::File {
        sha256,
        size,
        media_type,
        original_name,
        secrecy,
    } = &object.kind
    {
        if let Some(ground) = secrecy {
            x.open("premis:significantProperties", &[]);
            x.leaf("premis:significantPropertiesType", &[], "confidentiality");
            x.leaf(
                "premis:significantPropertiesValue",
                &[],
                &format!("confidential (sekretess): {ground}"),
            );
            x.close("premis:significantProperties");
        }
        x.open("premis:objectCharacteristics", &[]);
        x.leaf("premis:compositionLevel", &[], "0");
        x.open("premis:fixity", &[]);
        x.leaf("premis:messageDigestAlgorithm", &[], "SHA-256");
        x.leaf("premis:messageDigest", &[], sha256);
        x.leaf("premis:messageDigestOriginator", &[], "Kansli");
        x.close("premis:fixity");
        x.leaf("premis:size", &[], &size.to_string());
        x.open("premis:format", &[]);
        x.open("premis:formatDesignation", &[]);
        x.leaf("premis:formatName", &[], media_type);
        x.close("premis:formatDesignation");
        x.close("premis:format");
        x.close("premis:objectCharacteristics");
        x.leaf("premis:originalName", &[], original_name);
    }
    for (sub_type, related) in &object.relationships {
        x.open("premis:relationship", &[]);
        x.leaf("premis:relationshipType", &[], "structural");
        x.leaf("premis:relationshipSubType", &[], sub_type);
        identifier(
            x,
            "premis:relatedObjectIdentifier",
            "premis:relatedObjectIdentifier",
            related,
        );
        x.close("premis:relationship");
    }
    x.close("premis:object");
}

fn write_event(x: &mut Xml, n: usize, event: &Event) {
    x.open("premis:event", &[]);
    identifier(
        x,
        "premis:eventIdentifier",
        "premis:eventIdentifier",
        &format!("event-{n}"),
    );
    x.leaf("premis:eventType", &[], &event.kind);
    x.leaf("premis:eventDateTime", &[], &event.date);
    x.open("premis:eventDetailInformation", &[]);
    x.leaf("premis:eventDetail", &[], &event.detail);
    x.close("premis:eventDetailInformation");
    if let Some((outcome, note)) = &event.outcome {
        x.open("premis:eventOutcomeInformation", &[]);
        x.leaf("premis:eventOutcome", &[], outcome);
        x.open("premis:eventOutcomeDetail", &[]);
        x.leaf("premis:eventOutcomeDetailNote", &[], note);
        x.close("premis:eventOutcomeDetail");
        x.close("premis:eventOutcomeInformation");
    }
    for (agent, role) in &event.agents {
        x.open("premis:linkingAgentIdentifier", &[]);
        x.leaf("premis:linkingAgentIdentifierType", &[], LOCAL);
        x.leaf("premis:linkingAgentIdentifierValue", &[], agent);
        x.leaf("premis:linkingAgentRole", &[], role);
        x.close("premis:linkingAgentIdentifier");
    }
    for object in &event.objects {
        identifier(
            x,
            "premis:linkingObjectIdentifier",
            "premis:linkingObjectIdentifier",
            object,
        );
    }
    x.close("premis:event");
}
