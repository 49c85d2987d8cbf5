//! A thin layer over `quick-xml`'s writer: elements with attributes and text, escaped by
//! quick-xml, with characters XML 1.0 cannot carry removed first (text read from PDFs may hold
//! form feeds and other control characters).

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// An XML document being written, indented by two spaces.
pub(crate) struct Xml {
    writer: Writer<Vec<u8>>,
    failed: Option<std::io::Error>,
}

/// The text without characters XML 1.0 forbids (C0 controls but tab, newline and carriage
/// return; U+FFFE, U+FFFF).
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// An attribute value: cleaned, and its whitespace runs (newlines too) made single spaces.
fn attribute(value: &str) -> String {
    clean(value)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Xml {
    /// A new document with its XML declaration (UTF-8).
    pub(crate) fn new() -> Xml {
        let mut xml = Xml {
            writer: Writer::new_with_indent(Vec::new(), b' ', 2),
            failed: None,
        };
        let decl = Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None));
        xml.write(decl);
        xml
    }

    fn write(&mut self, event: Event<'_>) {
        if self.failed.is_none()
            && let Err(error) = self.writer.write_event(event)
        {
            self.failed = Some(error);
        }
    }

    fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            start.push_attribute((*key, attribute(value).as_str()));
        }
        start
    }

    /// `<name attrs…>`; children follow until [`Xml::close`].
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.write(Event::Start(Self::start(name, attrs)));
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.write(Event::End(BytesEnd::new(name)));
    }

    /// `<name attrs…/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.write(Event::Empty(Self::start(name, attrs)));
    }

    /// `<name attrs…>text</name>`, the text escaped.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        let text = clean(text);
        self.write(Event::Text(BytesText::new(&text)));
        self.close(name);
    }

    /// The document's bytes, with a final newline.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, std::io::Error> {
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_cleaned() {
        let mut xml = Xml::new();
        xml.open("a", &[("t", "x \"&\" <y>\n  z")]);
        xml.leaf("b", &[], "1 < 2 & \u{c}3\u{0}");
        xml.close("a");
        let out = String::from_utf8(xml.finish().unwrap()).unwrap();
        assert!(
            out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{out}"
        );
        assert!(
            out.contains("t=\"x &quot;&amp;&quot; &lt;y&gt; z\""),
            "{out}"
        );
        assert!(out.contains("<b>1 &lt; 2 &amp; 3</b>"), "{out}");
    }
}
