//! PDF through Typst embedded as a library: a minimal [`typst::World`] with one template
//! (`templates/main.typ`, compiled into the binary), the document passed in as JSON through a
//! virtual file, and fonts bundled in the binary (Liberation Sans for the text, Typst's own
//! assets as fallback). Nothing is read from disk or the network.
//!
//! The fonts, the standard library and the parsed template are made once per process and kept
//! (a `OnceLock`), so only the first render pays for them; the virtual file ids are fixed, as
//! Typst's file-id interner is global and never shrinks.

use std::sync::{Mutex, OnceLock};

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::RenderError;
use crate::model::Document;

/// The Typst template of every document.
pub const TEMPLATE: &str = include_str!("../templates/main.typ");

const FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
];

/// What every render shares: made once.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main_id: FileId,
    data_id: FileId,
    main: Source,
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

fn shared() -> Result<&'static Shared, RenderError> {
    static SHARED: OnceLock<Option<Shared>> = OnceLock::new();
    SHARED
        .get_or_init(|| {
            let mut fonts: Vec<Font> = Vec::new();
            for data in FONTS {
                fonts.extend(Font::iter(Bytes::new(data)));
            }
            for data in typst_assets::fonts() {
                fonts.extend(Font::iter(Bytes::new(data)));
            }
            let main_id = file_id("/main.typ")?;
            let data_id = file_id("/data.json")?;
            Some(Shared {
                library: LazyHash::new(Library::default()),
                book: LazyHash::new(FontBook::from_fonts(&fonts)),
                fonts,
                main_id,
                data_id,
                main: Source::new(main_id, TEMPLATE.to_string()),
            })
        })
        .as_ref()
        .ok_or_else(|| RenderError::Typeset("the virtual file paths are invalid".into()))
}

/// One compilation: the shared parts plus this document's data.
struct RenderWorld {
    shared: &'static Shared,
    data: Bytes,
}

impl World for RenderWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.shared.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main_id {
            Ok(self.shared.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.data_id {
            Ok(self.data.clone())
        } else if id == self.shared.main_id {
            Ok(Bytes::from_string(self.shared.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    // No clock: the template takes every date from the data.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

fn diagnostics(list: &[SourceDiagnostic]) -> String {
    list.iter()
        .map(|d| {
            let mut s = d.message.to_string();
            for h in &d.hints {
                s.push_str(" (");
                s.push_str(&h.v);
                s.push(')');
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The PDF standards Kansli writes: PDF/A-2a (archival, tagged) together with PDF/UA-1.
pub fn standards() -> Result<PdfStandards, RenderError> {
    PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .map_err(|e| RenderError::Typeset(e.message().to_string()))
}

/// Compiles the document to pages.
pub fn layout(document: &Document) -> Result<PagedDocument, RenderError> {
    let shared = shared()?;
    let data = serde_json::to_vec(document)
        .map_err(|e| RenderError::Typeset(format!("the document does not serialise: {e}")))?;
    let world = RenderWorld {
        shared,
        data: Bytes::new(data),
    };
    let result = typst::compile::<PagedDocument>(&world);
    result
        .output
        .map_err(|errors| RenderError::Typeset(diagnostics(errors.as_slice())))
}

/// Renders the document to PDF/A-2a + PDF/UA-1 bytes.
pub fn pdf(document: &Document) -> Result<Vec<u8>, RenderError> {
    let pages = layout(document)?;
    let options = PdfOptions {
        ident: Smart::Custom(format!(
            "kansli/{}/{}/{}",
            document.body, document.date, document.kind_slug
        )),
        creator: Smart::Custom(Some("Kansli".to_string())),
        timestamp: timestamp(document),
        standards: standards()?,
        ..PdfOptions::default()
    };
    let bytes =
        typst_pdf::pdf(&pages, &options).map_err(|e| RenderError::Typeset(diagnostics(&e)))?;
    evict_now_and_then();
    Ok(bytes)
}

/// The PDF's creation date: the moment of rendering when the caller gave one, else the
/// meeting day at midnight UTC (so a rendering without a clock is reproducible).
fn timestamp(document: &Document) -> Option<Timestamp> {
    use chrono::{Datelike, Timelike};
    let at = document.rendered_at.and_then(|t| {
        Datetime::from_ymd_hms(
            t.year(),
            u8::try_from(t.month()).ok()?,
            u8::try_from(t.day()).ok()?,
            u8::try_from(t.hour()).ok()?,
            u8::try_from(t.minute()).ok()?,
            u8::try_from(t.second()).ok()?,
        )
    });
    let day = || {
        Datetime::from_ymd_hms(
            document.year,
            u8::try_from(document.month).unwrap_or(1),
            u8::try_from(document.day).unwrap_or(1),
            0,
            0,
            0,
        )
    };
    // The meeting day came from a NaiveDate, so it is always a date the calendar has.
    at.or_else(day).map(Timestamp::new_utc)
}

/// Forgets every memoised result of earlier compilations (the fonts stay loaded): the next
/// render does all its layout work again. For benchmarks and tests.
pub fn clear_cache() {
    comemo::evict(0);
}

/// Typst memoises across compilations; a long-running server evicts old entries every so often
/// so the cache does not grow without bound.
fn evict_now_and_then() {
    static COUNT: Mutex<u32> = Mutex::new(0);
    if let Ok(mut n) = COUNT.lock() {
        *n += 1;
        if *n % 32 == 0 {
            comemo::evict(10);
        }
    }
}
