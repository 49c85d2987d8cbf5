//! Fuzz target: any bytes through `kansli_import::parse_bytes` (text/PDF detection, extraction,
//! parsing). It must return Ok or Err, never panic. Panics inside the PDF libraries are caught
//! by the extractor and become `ImportError::PdfDamaged`; any other panic aborts and is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = kansli_import::parse_bytes(data);
});
