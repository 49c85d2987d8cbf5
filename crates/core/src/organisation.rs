//! Authorities, their bodies, and the people who hold seats in them.

use serde::{Deserialize, Serialize};

/// What kind of legal entity an authority is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    /// A kommun.
    Kommun,
    /// A kommunalförbund (e.g. Itsam).
    Kommunalforbund,
    /// A region.
    Region,
    /// Anything else (a bolag, a samordningsförbund…).
    Other,
}

impl AuthorityKind {
    /// Guesses the kind from the authority's name: "Lomma kommun", "Kommunalförbundet Itsam".
    pub fn from_name(name: &str) -> Self {
        let n = crate::text::fold(name);
        if n.contains("kommunalförbund") || n.contains("förbundet") {
            AuthorityKind::Kommunalforbund
        } else if n.starts_with("region") {
            AuthorityKind::Region
        } else if n.contains("kommun") || n.ends_with("stad") {
            AuthorityKind::Kommun
        } else {
            AuthorityKind::Other
        }
    }
}

/// The legal entity that owns bodies, a registry and a notice board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authority {
    /// The name as the authority writes it: "Lomma kommun".
    pub name: String,
    /// Kind of entity.
    pub kind: AuthorityKind,
}

/// What kind of decision-making organ a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// Kommunfullmäktige / regionfullmäktige.
    Fullmaktige,
    /// Kommunstyrelse / regionstyrelse.
    Styrelse,
    /// A nämnd.
    Namnd,
    /// A gemensam nämnd, serving several kommuner (its notices go on every one's anslagstavla).
    GemensamNamnd,
    /// A kommunalförbund's direktion.
    Direktion,
    /// An utskott (arbetsutskott, …) of a styrelse or nämnd.
    Utskott,
    /// A beredning.
    Beredning,
    /// Anything else.
    Other,
}

impl BodyKind {
    /// Guesses the kind from the body's name.
    pub fn from_name(name: &str) -> Self {
        let n = crate::text::fold(name);
        if n.contains("utskott") || n.ends_with(" au") || n == "ksau" {
            BodyKind::Utskott
        } else if n.contains("fullmäktige") || n == "kf" {
            BodyKind::Fullmaktige
        } else if n.contains("styrelse") || n == "ks" {
            BodyKind::Styrelse
        } else if n.contains("gemensam") && n.contains("nämnd") {
            BodyKind::GemensamNamnd
        } else if n.contains("direktion") {
            BodyKind::Direktion
        } else if n.contains("beredning") {
            BodyKind::Beredning
        } else if n.contains("nämnd") {
            BodyKind::Namnd
        } else {
            BodyKind::Other
        }
    }
}

/// A decision-making organ of an authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The name the minutes use: "Direktionen", "Kultur- och fritidsnämnden".
    pub name: String,
    /// Kind of organ.
    pub kind: BodyKind,
    /// The number of ordinary seats (ledamöter), when known from the registry or the user;
    /// never guessed from a single protocol. Beslutförhet is judged against it.
    pub seats: Option<u32>,
}

/// A person who appears in minutes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Person {
    /// Full name as printed: "Jacob Käll".
    pub name: String,
}

/// The role in which someone holds a seat in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// Ordförande.
    Chair,
    /// Vice ordförande (1:e, 2:e …).
    ViceChair,
    /// Ledamot.
    Member,
    /// Ersättare; may serve (tjänstgöra) for an absent member.
    Substitute,
    /// Insynsplats: attends without the right to decide.
    Observer,
}

impl MemberRole {
    /// The Swedish word for the role, as minutes print it.
    pub fn swedish(self) -> &'static str {
        match self {
            MemberRole::Chair => "ordförande",
            MemberRole::ViceChair => "vice ordförande",
            MemberRole::Member => "ledamot",
            MemberRole::Substitute => "ersättare",
            MemberRole::Observer => "insynsplats",
        }
    }
}

/// A seat held by a person in a body for a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Who holds the seat.
    pub person: Person,
    /// In which role.
    pub role: MemberRole,
    /// Party abbreviation, e.g. "M", "S", "-" for an independent.
    pub party: Option<String>,
    /// Whom the member represents, e.g. "Vimmerby kommun" in a kommunalförbund.
    pub represents: Option<String>,
    /// First day of the term.
    pub term_start: Option<chrono::NaiveDate>,
    /// Last day of the term.
    pub term_end: Option<chrono::NaiveDate>,
}
