//! Fuzz target: any UTF-8 text through the protocol parser, `kansli_import::parse_text`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = kansli_import::parse_text(text);
    }
});
