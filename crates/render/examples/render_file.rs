//! Parses a protocol file and renders it: `cargo run -p kansli-render --example render_file --
//! FILE OUT_PREFIX [protokoll|kallelse|anslag|23,24]` writes OUT_PREFIX.{pdf,html,txt}.

use kansli_render::{DocumentKind, Format, RenderOptions, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(prefix)) = (args.get(1), args.get(2)) else {
        return Err("usage: render_file FILE OUT_PREFIX [KIND]".into());
    };
    let kind = match args.get(3).map(String::as_str) {
        None | Some("protokoll") => DocumentKind::Protokoll,
        Some("kallelse") => DocumentKind::Kallelse,
        Some("anslag") => DocumentKind::Anslag,
        Some(list) => DocumentKind::extract(list)?,
    };
    let protocol = kansli_import::parse_bytes(&std::fs::read(file)?)?;
    for format in [Format::Pdf, Format::Html, Format::Txt] {
        let started = std::time::Instant::now();
        let bytes = render(&protocol, &kind, format, &RenderOptions::default())?;
        println!(
            "{:?}: {} bytes in {:?}",
            format,
            bytes.len(),
            started.elapsed()
        );
        std::fs::write(format!("{prefix}.{}", format.extension()), bytes)?;
    }
    Ok(())
}
