//! Plain text: the document's words in the PDF's order, one fact or line per line, tables with
//! tab-separated cells (as Kansli's PDF text extraction gives them). Golden tests compare it.

use std::fmt::Write;

use crate::model::{Block, Document, ItemView, NoticeView};

fn blocks(out: &mut String, bs: &[Block]) {
    for b in bs {
        match b.kind {
            "table" => {
                for row in &b.rows {
                    out.push_str(row.join("\t").trim_end());
                    out.push('\n');
                }
            }
            "list" => {
                for e in &b.entries {
                    if e.depth > 0 {
                        out.push(' ');
                    }
                    out.push_str(&e.marker);
                    out.push(' ');
                    out.push_str(&e.text);
                    out.push('\n');
                }
            }
            _ => {
                for l in &b.lines {
                    out.push_str(l);
                    out.push('\n');
                }
            }
        }
        out.push('\n');
    }
}

fn item(out: &mut String, it: &ItemView) {
    let _ = writeln!(out, "{}\n", it.label);
    if let Some(d) = &it.dnr {
        let _ = writeln!(out, "{d}\n");
    }
    let _ = writeln!(out, "{}\n", it.title);
    for s in &it.sections {
        let _ = writeln!(out, "{}\n", s.heading);
        blocks(out, &s.blocks);
    }
}

fn notice(out: &mut String, statement: &str, n: &NoticeView) {
    out.push_str("ANSLAG/BEVIS\n\n");
    let _ = writeln!(out, "{statement}\n");
    let _ = writeln!(out, "Organ\t{}", n.organ);
    let _ = writeln!(out, "Sammanträdesdatum\t{}", n.meeting_date);
    if let Some(p) = &n.paragraphs {
        let _ = writeln!(out, "Paragrafer\t{p}");
    }
    let _ = writeln!(
        out,
        "Datum då anslaget sätts upp\t{}\tDatum då anslaget tas ned\t{}",
        n.posted.as_deref().unwrap_or(""),
        n.removal.as_deref().unwrap_or("")
    );
    let _ = writeln!(
        out,
        "Förvaringsplats för protokollet\t{}",
        n.kept_at.as_deref().unwrap_or("")
    );
    out.push_str("Underskrift\n\n");
}

fn agenda(out: &mut String, d: &Document) {
    out.push_str("Ärendelista\n\n");
    for a in &d.agenda {
        let _ = writeln!(
            out,
            "{}\t{}\t{}",
            a.label,
            a.title,
            a.dnr.as_deref().unwrap_or("")
        );
    }
    out.push('\n');
}

/// The document as plain text.
pub(crate) fn text(d: &Document) -> String {
    let mut out = String::with_capacity(16 * 1024);
    if let Some(a) = &d.authority {
        let _ = writeln!(out, "{a}");
    }
    let _ = writeln!(
        out,
        "{}\n{}\nSammanträdesdatum {}\n",
        d.body,
        d.heading.to_uppercase(),
        d.date
    );
    match d.kind {
        "protokoll" => {
            for r in &d.cover {
                let mut lines = r.lines.iter();
                let _ = writeln!(out, "{}\t{}", r.label, lines.next().map_or("", |s| s));
                for l in lines {
                    let _ = writeln!(out, "\t{l}");
                }
            }
            for (i, s) in d.signatures.iter().enumerate() {
                let label = if i == 0 { "Underskrifter" } else { "" };
                let range = match (&d.paragraph_range, i) {
                    (Some(r), 0) => format!("\tParagrafer {r}"),
                    _ => String::new(),
                };
                let _ = writeln!(out, "{label}\t{}\t{}{range}", s.role, s.name);
            }
            out.push('\n');
            notice(&mut out, d.notice_statement, &d.notice);
            agenda(&mut out, d);
            for it in &d.items {
                item(&mut out, it);
            }
        }
        "utdrag" => {
            out.push_str("Protokollsutdrag\n\n");
            let _ = writeln!(out, "Organ\t{}", d.body);
            let _ = writeln!(out, "Sammanträdesdatum\t{}", d.date);
            if let Some(r) = &d.paragraph_range {
                let _ = writeln!(out, "Paragrafer\t{r}");
            }
            out.push('\n');
            for it in &d.items {
                item(&mut out, it);
            }
            out.push_str(
                "Utdragsbestyrkande\n\nUtdraget överensstämmer med originalprotokollet.\n\n",
            );
            match &d.certification {
                Some(c) => {
                    let place = c
                        .place
                        .as_deref()
                        .map(|p| format!("{p}, "))
                        .unwrap_or_default();
                    let _ = writeln!(out, "Ort och datum\t{place}{}", c.on);
                    let _ = writeln!(out, "Bestyrkt av\t{}", c.by);
                }
                None => out.push_str("Ort och datum\tUnderskrift och namnförtydligande\n"),
            }
        }
        "kallelse" => {
            let _ = writeln!(out, "Kallelse till sammanträde med {}\n", d.body);
            let _ = writeln!(out, "Datum\t{}", d.date_long);
            if let Some(t) = &d.time {
                let _ = writeln!(out, "Tid\t{t}");
            }
            if let Some(p) = &d.place {
                let _ = writeln!(out, "Plats\t{p}");
            }
            out.push_str("\nLedamöterna kallas till sammanträde. Ledamot som är förhindrad att delta anmäler det till sekreteraren, som kallar ersättare.\n\n");
            agenda(&mut out, d);
            for it in &d.items {
                item(&mut out, it);
            }
            // Only a known name is signed for: an empty role would read as a missing signature.
            for (name, role) in [(&d.chair, "Ordförande"), (&d.secretary, "Sekreterare")] {
                if let Some(name) = name {
                    let _ = writeln!(out, "{name}\t{role}");
                }
            }
        }
        _ => {
            out.push_str("Tillkännagivande av justerat protokoll\n\n");
            let _ = writeln!(out, "{}\n", d.announcement);
            notice(&mut out, d.notice_statement, &d.notice);
            if let Some(due) = &d.notice.posting_due {
                let _ = writeln!(
                    out,
                    "Protokollet anger inte när anslaget sätts upp. Det ska sättas upp senast {due} enligt kommunallagen (8 kap. 12 §), andra dagen efter justeringen.\n"
                );
            }
            let within = match &d.notice.appeal_last_day {
                Some(last) => {
                    format!("senast {last}, tre veckor från den dag då anslaget sattes upp")
                }
                None => "inom tre veckor från den dag då anslaget sattes upp".to_string(),
            };
            let _ = writeln!(
                out,
                "{} kan överklaga besluten genom laglighetsprövning enligt 13 kap. kommunallagen (2017:725). Överklagandet ska ha kommit in till förvaltningsrätten {within}.",
                d.appellants
            );
        }
    }
    out
}
