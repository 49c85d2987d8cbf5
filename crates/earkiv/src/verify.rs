//! Reading a package back: every file its METS documents (the root's and each
//! representation's, through `mptr`) list is read and its size and SHA-256 compared with what
//! the METS states; files on disk that no METS lists are reported too.

use std::collections::BTreeMap;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use sha2::{Digest, Sha256};

use crate::package::join;
use crate::{EarkivError, PackageFile};

/// What is wrong with a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A listed file is not there.
    Missing {
        /// Its path from the package's root.
        path: String,
    },
    /// A listed file's content differs from its checksum or size.
    Changed {
        /// Its path from the package's root.
        path: String,
        /// The SHA-256 (hex) the METS states.
        expected: String,
        /// The SHA-256 (hex) of the file as it is.
        found: String,
    },
    /// A METS entry without a SHA-256 checksum, or pointing outside the package.
    BadEntry {
        /// The METS document.
        mets: String,
        /// What is wrong.
        message: String,
    },
    /// A file no METS document lists.
    Unlisted {
        /// Its path from the package's root.
        path: String,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing { path } => write!(f, "{path}: listed but missing"),
            Problem::Changed {
                path,
                expected,
                found,
            } => write!(f, "{path}: SHA-256 {found}, the METS says {expected}"),
            Problem::BadEntry { mets, message } => write!(f, "{mets}: {message}"),
            Problem::Unlisted { path } => write!(f, "{path}: not listed in any METS document"),
        }
    }
}

/// The outcome of [`crate::verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Every listed file that is there and matches its checksum, by path.
    pub files: Vec<PackageFile>,
    /// What is wrong; empty for a sound package.
    pub problems: Vec<Problem>,
}

impl Verification {
    /// Whether the package is sound: every listed file there and unchanged, nothing unlisted.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A listed file: (size, SHA-256) as the METS states them.
type Listed = BTreeMap<String, (Option<u64>, Option<String>)>;

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let name = a.key.local_name();
        let name: &str = name.as_ref();
        (name == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// The path from the package's root of `href` in the METS at `dir` (`""` for the root);
/// `None` when it leaves the package or is not a relative path.
fn resolve(dir: &str, href: &str) -> Option<String> {
    let href = href.strip_prefix("file://./").unwrap_or(href);
    if href.is_empty() || href.starts_with('/') || href.contains(':') || href.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Reads one METS document: its listed files into `listed`, the representation METS it
/// points to (`mptr`) into `next`.
fn read_mets(
    root: &Path,
    mets: &str,
    listed: &mut Listed,
    next: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) -> Result<(), EarkivError> {
    let path = join(root, mets);
    let text = std::fs::read_to_string(&path).map_err(|e| EarkivError::io("read", &path, e))?;
    let dir = mets.rsplit_once('/').map_or("", |(d, _)| d);
    let mut reader = Reader::from_str(&text);
    let mut pending: Option<(Option<u64>, Option<String>)> = None;
    let mut add = |href: Option<String>,
                   size: Option<u64>,
                   sum: Option<String>,
                   problems: &mut Vec<Problem>| {
        let Some(href) = href else {
            problems.push(Problem::BadEntry {
                mets: mets.to_string(),
                message: "an entry without xlink:href".into(),
            });
            return None;
        };
        let Some(p) = resolve(dir, &href) else {
            problems.push(Problem::BadEntry {
                mets: mets.to_string(),
                message: format!("{href:?} is not a path inside the package"),
            });
            return None;
        };
        if sum.is_none() {
            problems.push(Problem::BadEntry {
                mets: mets.to_string(),
                message: format!("{p} has no SHA-256 checksum"),
            });
        }
        listed.insert(p.clone(), (size, sum));
        Some(p)
    };
    loop {
        let event = reader.read_event().map_err(|e| EarkivError::Xml {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let (e, _empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::Eof => break,
            _ => continue,
        };
        let sha = |e: &BytesStart<'_>| {
            let kind = attr(e, "CHECKSUMTYPE").unwrap_or_default();
            attr(e, "CHECKSUM")
                .filter(|_| kind == "SHA-256")
                .map(|s| s.to_ascii_lowercase())
        };
        let size = |e: &BytesStart<'_>| attr(e, "SIZE").and_then(|s| s.parse().ok());
        let local = e.local_name();
        let name: &str = local.as_ref();
        match name {
            "file" => {
                if pending.is_some() {
                    problems.push(Problem::BadEntry {
                        mets: mets.to_string(),
                        message: "a file without FLocat".into(),
                    });
                }
                pending = Some((size(e), sha(e)));
            }
            "FLocat" => {
                if let Some((sz, sum)) = pending.take() {
                    add(attr(e, "href"), sz, sum, problems);
                }
            }
            "mdRef" => {
                add(attr(e, "href"), size(e), sha(e), problems);
            }
            "mptr" => {
                if let Some(p) = attr(e, "href").and_then(|h| resolve(dir, &h)) {
                    next.push(p);
                } else {
                    problems.push(Problem::BadEntry {
                        mets: mets.to_string(),
                        message: "an mptr that does not point inside the package".into(),
                    });
                }
            }
            _ => {}
        }
    }
    if pending.is_some() {
        problems.push(Problem::BadEntry {
            mets: mets.to_string(),
            message: "a file without FLocat".into(),
        });
    }
    Ok(())
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), EarkivError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EarkivError::io("read the folder", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| EarkivError::io("read the folder", dir, e))?;
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// Verifies the package at `root` (see [`crate::verify`]).
pub(crate) fn verify(root: &Path) -> Result<Verification, EarkivError> {
    let mut listed = Listed::new();
    let mut problems = Vec::new();
    let mut queue = vec!["METS.xml".to_string()];
    let mut seen = Vec::new();
    while let Some(mets) = queue.pop() {
        if seen.contains(&mets) {
            continue;
        }
        let mut next = Vec::new();
        read_mets(root, &mets, &mut listed, &mut next, &mut problems)?;
        seen.push(mets);
        queue.extend(next);
    }
    let mut files = Vec::new();
    for (path, (size, sum)) in &listed {
        let full = join(root, path);
        let bytes = match std::fs::read(&full) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(Problem::Missing { path: path.clone() });
                continue;
            }
            Err(e) => return Err(EarkivError::io("read", full, e)),
        };
        let found = hex::encode(Sha256::digest(&bytes));
        let size_ok = size.is_none_or(|s| s == bytes.len() as u64);
        match sum {
            Some(expected) if *expected != found || !size_ok => {
                problems.push(Problem::Changed {
                    path: path.clone(),
                    expected: expected.clone(),
                    found,
                });
            }
            Some(_) => files.push(PackageFile {
                path: path.clone(),
                size: bytes.len() as u64,
                sha256: found,
            }),
            None => {}
        }
    }
    let mut on_disk = Vec::new();
    walk(root, root, &mut on_disk)?;
    on_disk.sort();
    for path in on_disk {
        if path != "METS.xml" && !listed.contains_key(&path) {
            problems.push(Problem::Unlisted { path });
        }
    }
    Ok(Verification { files, problems })
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn hrefs_resolve_inside_the_package_only() {
        assert_eq!(resolve("", "data/a.pdf").as_deref(), Some("data/a.pdf"));
        assert_eq!(
            resolve("representations/rep1", "data/a.pdf").as_deref(),
            Some("representations/rep1/data/a.pdf")
        );
        assert_eq!(
            resolve("", "file://./METS.xml").as_deref(),
            Some("METS.xml")
        );
        for bad in ["../x", "/etc/passwd", "http://x/y", "a/../../b", ""] {
            assert_eq!(resolve("r", bad), None, "{bad}");
        }
    }
}
