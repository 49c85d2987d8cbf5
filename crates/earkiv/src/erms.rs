//! CITS ERMS 2.1.2 (FGS Ärendehantering 2.0): the descriptive metadata of a package — the
//! control block shared by both kinds, and small writers for the elements they use.

use crate::ExportContext;
use crate::package::time;
use crate::xml::Xml;

/// The ERMS namespace.
pub(crate) const NS: &str = "https://DILCIS.eu/XML/ERMS";

/// Opens `<erms>` and writes its `control`: who made the document (the authority, through
/// the program) and when.
pub(crate) fn open(x: &mut Xml, ctx: &ExportContext) {
    x.open(
        "erms",
        &[
            ("xmlns", NS),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                &format!("{NS} ../../schemas/ERMS.xsd"),
            ),
        ],
    );
    x.open("control", &[]);
    x.leaf(
        "identification",
        &[("identificationType", "archival_creator")],
        &ctx.authority.name,
    );
    x.leaf(
        "identification",
        &[("identificationType", "system")],
        &format!("{} {}", ctx.software, ctx.software_version),
    );
    x.open("maintenanceInformation", &[]);
    x.empty("maintenanceStatus", &[("value", "new")]);
    x.open("maintenanceAgency", &[]);
    x.leaf("agencyName", &[], &ctx.authority.name);
    x.close("maintenanceAgency");
    x.open("maintenanceHistory", &[]);
    x.open("maintenanceEvent", &[]);
    x.empty("eventType", &[("value", "created")]);
    x.leaf("eventDateTime", &[], &time(&ctx.created));
    agent(x, "creator", None, &ctx.software, None);
    x.close("maintenanceEvent");
    x.close("maintenanceHistory");
    x.close("maintenanceInformation");
    x.close("control");
}

/// An `agent` of `agent_type` (with `other` as its `otherAgentType` when the type is
/// `other`), a name and a role.
pub(crate) fn agent(
    x: &mut Xml,
    agent_type: &str,
    other: Option<&str>,
    name: &str,
    role: Option<&str>,
) {
    let mut attrs = vec![("agentType", agent_type)];
    if let Some(other) = other {
        attrs.push(("otherAgentType", other));
    }
    x.open("agent", &attrs);
    x.leaf("name", &[], name);
    if let Some(role) = role {
        x.leaf("role", &[], role);
    }
    x.close("agent");
}

/// An `appendix`: a file of the package (`path` from the package's root).
pub(crate) fn appendix(x: &mut Xml, name: &str, path: &str, media_type: &str) {
    x.empty(
        "appendix",
        &[("name", name), ("path", path), ("fileFormat", media_type)],
    );
}
