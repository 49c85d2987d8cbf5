//! A meeting's documents as files: the protocol, a protokollsutdrag, the kallelse and the anslag
//! as PDF/A, HTML or text, rendered by `kansli-render` from the stored reading.
//!
//! Pages: `/{a}/{b}/{m}/protokoll.pdf` (`.html`, `.txt`), `…/utdrag.pdf?paragrafer=23,24`,
//! `…/kallelse.pdf`, `…/anslag.pdf`. API: `/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/
//! documents/{document}` with the same file names (`?paragraphs=23,24` for an extract). Rendering
//! is CPU work, so it runs on the blocking pool, holding the route's slot (see
//! [`crate::limits`]); what was rendered is kept in the [`RenderCache`], keyed by a hash of the
//! reading, the kind and the format. The protocol of recorded minutes once justerade is not
//! rendered again: `protokoll.pdf` is the PDF kept at justering, sealed (PAdES), byte for byte
//! the one `kansli verify` and `pdfsig` accept. Any other public `protokoll.pdf` is the
//! archive's publication copy ([`PublicationCopy`]), reproducible, so a check recognises it.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kansli_core::organisation::AuthorityKind;
use kansli_core::protocol::ParsedProtocol;
use kansli_render::{Document, DocumentKind, Format, RattelseNote, RenderOptions};

use crate::AppState;
use crate::error::{ApiError, ApiPath, Failure, PageError, PagePath};
use crate::limits::Slot;
use crate::render_cache::{RenderCache, Rendered, key};

/// The API route of a meeting's documents.
pub const API_PATH: &str = "/authorities/{a}/bodies/{b}/meetings/{m}/documents/{document}";
/// The page route of a meeting's documents.
pub const PAGE_PATH: &str = "/{authority}/{body}/{meeting}/{document}";

/// The document names a meeting has, for error messages.
const NAMES: &str = "protokoll, utdrag, kallelse, anslag (.pdf, .html, .txt)";

/// Reads "protokoll.pdf" and the paragraph list into what to render.
fn request(document: &str, paragraphs: Option<&str>) -> Result<(DocumentKind, Format), Failure> {
    let bad = || {
        Failure::not_found(
            format!("Dokumentet ”{document}” (finns: {NAMES})"),
            format!("document {document:?} (there are {NAMES})"),
        )
    };
    let (name, ext) = document.rsplit_once('.').ok_or_else(bad)?;
    let format = Format::parse(ext).ok_or_else(bad)?;
    let kind = match name {
        "protokoll" => DocumentKind::Protokoll,
        "kallelse" => DocumentKind::Kallelse,
        "anslag" => DocumentKind::Anslag,
        "utdrag" => {
            let list = paragraphs.filter(|p| !p.trim().is_empty()).ok_or_else(|| {
                Failure::bad_request(
                    "Ett protokollsutdrag behöver paragrafer, till exempel ?paragrafer=23,24.",
                    "an extract needs paragraphs, e.g. ?paragraphs=23,24",
                )
            })?;
            DocumentKind::extract(list).map_err(|e| {
                Failure::bad_request(
                    format!("Paragraferna ”{list}” kan inte läsas."),
                    e.to_string(),
                )
            })?
        }
        _ => return Err(bad()),
    };
    Ok((kind, format))
}

/// What a document is made from: the stored reading, the justerade PDF as it was kept, or the
/// archive's publication copy of the protocol (see [`PublicationCopy`]).
enum Source {
    Reading(Box<ParsedProtocol>),
    Kept(kansli_store::StoredFile),
    Publication(Box<PublicationCopy>),
}

/// The archive's publication copy of public minutes whose protocol PDF is not a sealed
/// original the public may have: minutes justerade in Kansli whose sealed PDF is withheld
/// because their published copy masks something (OSL, avpublicering), and minutes justerade
/// outside Kansli (imported, or signed on paper), which have no sealed PDF at all. Rendered from
/// the published (masked) record, with the original's signature page where there is one,
/// reproducibly (dated the meeting day, not the moment of rendering) and naming the meeting in
/// its description, so that the check of a protocol can render it again and recognise it byte
/// for byte.
pub(crate) struct PublicationCopy {
    /// The masked record.
    protocol: ParsedProtocol,
    /// How it is rendered.
    options: RenderOptions,
    /// In how many places the copy is masked.
    masked: usize,
    /// Whether the minutes were signed in Kansli (a sealed original is kept); `false` for
    /// minutes justerade outside it, whose signatures are on paper.
    sealed: bool,
}

impl PublicationCopy {
    /// In how many places the copy is masked.
    pub(crate) fn masked(&self) -> usize {
        self.masked
    }

    /// Whether the minutes were signed in Kansli (their sealed original is kept).
    pub(crate) fn sealed(&self) -> bool {
        self.sealed
    }

    /// The copy dated `at` (the PDF's creation date). A copy of sealed minutes is always dated
    /// the meeting day; the copy of minutes justerade outside Kansli is dated when it was made,
    /// as every other document the archive renders, and a check renders it again with the
    /// date the file names.
    pub(crate) fn dated(mut self, at: Option<chrono::DateTime<chrono::Utc>>) -> Self {
        if !self.sealed {
            self.options.rendered_at = at;
        }
        self
    }
}

/// The publication copy of a meeting's protocol, when it has no sealed PDF the public may have;
/// `None` when the minutes are not public or their sealed PDF itself is.
pub(crate) async fn publication_copy(
    store: &kansli_store::Store,
    meeting_id: i64,
) -> Result<Option<PublicationCopy>, kansli_store::StoreError> {
    let sealed = store.justerad_pdf_sha256(meeting_id).await?.is_some();
    let Some((reading, masked)) = store.published_reading(meeting_id).await? else {
        return Ok(None);
    };
    // A sealed PDF is withheld exactly when the published copy masks something (`Store::file`).
    if sealed && masked == 0 {
        return Ok(None);
    }
    let content_sha256 = if sealed {
        let Some(original) = store.meeting_minutes(meeting_id).await? else {
            return Ok(None);
        };
        kansli_signing::content_sha256(&original.record).ok()
    } else {
        None
    };
    let options = RenderOptions {
        // The signatures were made over the original's content: its fingerprint, as on the
        // sealed PDF's signature page.
        content_sha256,
        publication_of: Some(format!(
            "{}/{}/{}",
            reading.authority_slug, reading.body_slug, reading.meeting_slug
        )),
        rendered_at: None,
        authority_kind: authority_kind(store, &reading.authority_slug).await,
        ..RenderOptions::default()
    };
    Ok(Some(PublicationCopy {
        protocol: reading.protocol,
        options,
        masked,
        sealed,
    }))
}

/// The bytes of a publication copy as served: from the cache, or rendered now (no slot: the
/// caller bounds its own work).
pub(crate) async fn publication_copy_pdf(
    cache: &RenderCache,
    copy: PublicationCopy,
) -> Result<Vec<u8>, Failure> {
    let doc = rendered(
        cache,
        None,
        copy.protocol,
        DocumentKind::Protokoll,
        Format::Pdf,
        copy.options,
    )
    .await?;
    Ok(doc.bytes.to_vec())
}

async fn source(
    state: &AppState,
    a: &str,
    b: &str,
    m: &str,
    kind: &DocumentKind,
    format: Format,
) -> Result<Source, Failure> {
    let id = meeting_id(state, a, b, m).await?;
    if matches!(kind, DocumentKind::Protokoll)
        && format == Format::Pdf
        && let Some(id) = id
    {
        if let Some(kept) = state.store.justerad_pdf(id).await? {
            return Ok(Source::Kept(kept));
        }
        if let Some(copy) = publication_copy(&state.store, id).await? {
            let copy = copy.dated(Some(state.store.now_utc()));
            return Ok(Source::Publication(Box::new(copy)));
        }
    }
    Ok(Source::Reading(Box::new(
        reading(state, a, b, m, id, kind).await?,
    )))
}

async fn meeting_id(state: &AppState, a: &str, b: &str, m: &str) -> Result<Option<i64>, Failure> {
    let found = state.store.find_meetings(&format!("{a}/{b}/{m}")).await?;
    Ok(found
        .iter()
        .find(|x| x.authority_slug == a && x.body_slug == b && x.meeting_slug == m)
        .map(|x| x.meeting_id))
}

/// The kind of authority as the registry records it (configured, or guessed from the name at
/// import), for the anslag's wording.
async fn authority_kind(store: &kansli_store::Store, a: &str) -> Option<AuthorityKind> {
    let view = store.authority(a).await.ok().flatten()?;
    serde_json::from_value(serde_json::Value::String(view.authority.authority.kind)).ok()
}

/// The reading a document is rendered from: the published copy of the meeting's minutes
/// (`meeting_id`, found by the caller), or, for the kallelse only, a planned meeting's issued
/// kallelse. Minutes not yet justerade have no public protocol, extract or anslag: rendered
/// from the agenda, they would announce a justering that has not happened.
async fn reading(
    state: &AppState,
    a: &str,
    b: &str,
    m: &str,
    meeting_id: Option<i64>,
    kind: &DocumentKind,
) -> Result<ParsedProtocol, Failure> {
    let missing = || {
        Failure::not_found(
            format!("Protokollet från sammanträdet ”{m}” i ”{b}” hos ”{a}”"),
            format!("minutes of meeting {m:?} of body {b:?} of {a:?}"),
        )
    };
    let meeting_id = meeting_id.ok_or_else(missing)?;
    // The public's documents are rendered from the published copy (masks applied).
    if let Some((reading, _masked)) = state.store.published_reading(meeting_id).await? {
        return Ok(reading.protocol);
    }
    if !matches!(kind, DocumentKind::Kallelse) {
        return Err(Failure::not_found(
            format!("Ett justerat protokoll från sammanträdet ”{m}” i ”{b}” hos ”{a}”"),
            format!("justerade minutes of meeting {m:?} of body {b:?} of {a:?} (none yet)"),
        ));
    }
    // A meeting not yet held has no minutes; its issued kallelse is the agenda as recorded.
    let agenda = state
        .store
        .meeting_agenda(a, b, m)
        .await?
        .ok_or_else(missing)?;
    let chair = match chrono::NaiveDate::parse_from_str(&agenda.date, "%Y-%m-%d") {
        Ok(date) => state
            .store
            .body_seats(a, b, date)
            .await?
            .into_iter()
            .find(|s| s.role == "chair")
            .map(|s| s.name),
        Err(_) => None,
    };
    crate::kallelse::protocol_of(&agenda, chair).ok_or_else(missing)
}

/// The rendered document, from the cache or rendered now (and then kept).
async fn rendered(
    cache: &RenderCache,
    slot: Option<Slot>,
    protocol: ParsedProtocol,
    kind: DocumentKind,
    format: Format,
    options: RenderOptions,
) -> Result<Rendered, Failure> {
    let json = serde_json::to_vec(&protocol)?;
    // What changes the document's content is in the key; the moment of rendering (the PDF's
    // creation date) is not: a cached document keeps the date it was made.
    let key = key(
        &json,
        &format!(
            "{kind:?}/{:?}/{:?}/{:?}/{:?}",
            options.authority_kind,
            options.publication_of,
            options.content_sha256,
            options.rattelser
        ),
        format.content_type(),
    );
    if let Some(hit) = cache.get(&key) {
        return Ok(hit);
    }
    let rendered = tokio::task::spawn_blocking(move || {
        // The route's slot is held until the rendering itself is done.
        let _slot = slot;
        let document = Document::build(&protocol, &kind, &options)?;
        let bytes = kansli_render::render_document(&document, format)?;
        Ok::<_, kansli_render::RenderError>((kansli_render::file_name(&document, format), bytes))
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "render task failed");
        Failure::Internal
    })?;
    let (name, bytes) = rendered.map_err(|e| match e {
        kansli_render::RenderError::Request(en) => {
            Failure::not_found("Paragrafen i protokollet".to_string(), en)
        }
        other => {
            tracing::error!(error = %other, "render failed");
            Failure::Internal
        }
    })?;
    let doc = Rendered {
        name,
        bytes: bytes.into(),
    };
    cache.put(key, doc.clone());
    Ok(doc)
}

async fn respond(
    cache: &RenderCache,
    slot: Option<Slot>,
    source: Source,
    kind: DocumentKind,
    format: Format,
    options: RenderOptions,
) -> Result<Response, Failure> {
    let Rendered { name, bytes } = match source {
        Source::Reading(protocol) => {
            rendered(cache, slot, *protocol, kind, format, options).await?
        }
        Source::Kept(file) => Rendered {
            name: ascii_file_name(&file.info.name),
            bytes: file.bytes.into(),
        },
        Source::Publication(copy) => {
            let PublicationCopy {
                protocol, options, ..
            } = *copy;
            rendered(cache, slot, protocol, kind, format, options).await?
        }
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    // The file name is ASCII (a slug, a date, a kind).
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if format == Format::Html {
        // The document carries its own inline stylesheet and nothing else.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
        );
    }
    Ok(response)
}

/// How to render for this authority, now (the store's clock: `KANSLI_NOW` fixes it).
pub(crate) async fn options(state: &AppState, a: &str) -> RenderOptions {
    RenderOptions {
        rendered_at: Some(state.store.now_utc()),
        authority_kind: authority_kind(&state.store, a).await,
        ..RenderOptions::default()
    }
}

/// The rättelser of the meeting's public minutes for a protokollsutdrag to print (none for
/// another kind of document, which is the minutes as justerade).
pub(crate) async fn rattelser(
    state: &AppState,
    (a, b, m): (&str, &str, &str),
    kind: &DocumentKind,
) -> Result<Vec<RattelseNote>, kansli_store::StoreError> {
    if !matches!(kind, DocumentKind::Utdrag(_)) {
        return Ok(Vec::new());
    }
    Ok(state
        .store
        .rattelser_at(a, b, m)
        .await?
        .into_iter()
        .map(|r| RattelseNote {
            paragraph: r.paragraph,
            made_on: r.made_at.get(..10).unwrap_or(&r.made_at).to_string(),
            text: r.text,
        })
        .collect())
}

/// `GET /{authority}/{body}/{meeting}/{document}`: the document, or a Swedish error page.
pub async fn page(
    State(state): State<AppState>,
    Extension(cache): Extension<RenderCache>,
    slot: Option<Extension<Slot>>,
    PagePath((a, b, m, document)): PagePath<(String, String, String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let paragraphs = query.get("paragrafer").or_else(|| query.get("paragraphs"));
    let (kind, format) = request(&document, paragraphs.map(String::as_str))?;
    let source = source(&state, &a, &b, &m, &kind, format).await?;
    let options = RenderOptions {
        rattelser: rattelser(&state, (&a, &b, &m), &kind)
            .await
            .map_err(Failure::from)?,
        ..options(&state, &a).await
    };
    let slot = slot.map(|Extension(s)| s);
    Ok(respond(&cache, slot, source, kind, format, options).await?)
}

/// `GET /api/v1/authorities/{a}/bodies/{b}/meetings/{m}/documents/{document}`.
pub async fn api(
    State(state): State<AppState>,
    Extension(cache): Extension<RenderCache>,
    slot: Option<Extension<Slot>>,
    ApiPath((a, b, m, document)): ApiPath<(String, String, String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paragraphs = query.get("paragraphs").or_else(|| query.get("paragrafer"));
    let (kind, format) = request(&document, paragraphs.map(String::as_str))?;
    let source = source(&state, &a, &b, &m, &kind, format).await?;
    let options = RenderOptions {
        rattelser: rattelser(&state, (&a, &b, &m), &kind)
            .await
            .map_err(Failure::from)?,
        ..options(&state, &a).await
    };
    let slot = slot.map(|Extension(s)| s);
    Ok(respond(&cache, slot, source, kind, format, options).await?)
}

/// A stored file's name made safe for the `filename` parameter (ASCII letters, digits, `.-_`).
fn ascii_file_name(name: &str) -> String {
    let safe: String = kansli_core::text::fold(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.trim_matches('-').is_empty() {
        "protokoll.pdf".into()
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_names() {
        assert!(matches!(
            request("protokoll.pdf", None),
            Ok((DocumentKind::Protokoll, Format::Pdf))
        ));
        assert!(matches!(
            request("utdrag.html", Some("23,24")),
            Ok((DocumentKind::Utdrag(_), Format::Html))
        ));
        assert!(matches!(
            request("anslag.txt", None),
            Ok((DocumentKind::Anslag, Format::Txt))
        ));
        assert!(matches!(
            request("utdrag.pdf", None),
            Err(Failure::BadRequest { .. })
        ));
        assert!(matches!(
            request("annat.pdf", None),
            Err(Failure::NotFound { .. })
        ));
        assert!(matches!(
            request("protokoll.docx", None),
            Err(Failure::NotFound { .. })
        ));
    }
}
