//! Parse cases: small invented protocols in `tests/cases/`, each reproducing one kind of failure
//! seen on real minutes, scored field by field against `<name>.expected.json` the way
//! `parse-cases/check.py` scores them (same fields, same normalisation).
//!
//! `tests/cases-pdf/` holds the same kind of case as PDFs laid out the way Word templates and
//! publishing systems do (tables, running headers and footers, bold headings; `make.py` there
//! wrote them), so that what the PDF extraction does to a layout is scored too.
//!
//! Each folder's `SCORES` records each case's score; the test fails when a case scores less
//! than recorded, so a kind once fixed stays fixed. `UPDATE_SCORES=1` rewrites the files
//! (review the diff: a score may only go up). `SHOW_TEXT=1` prints each PDF case's extracted
//! text.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn pdf_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases-pdf")
}

/// check.py's `norm`: NFC, whitespace collapsed, trimmed, case-folded.
fn norm(v: Option<&Value>) -> Option<String> {
    let v = v?;
    let s = match v {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let s: String = s.nfc().collect();
    Some(
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    )
}

fn norm_str(s: &str) -> String {
    norm(Some(&Value::String(s.to_string()))).unwrap_or_default()
}

/// The checks of one case: (label, passed).
fn score(exp: &Value, got: &Value) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut chk = |label: String, ok: bool| out.push((label, ok));
    if let Some(b) = exp.get("body") {
        let want = norm(Some(b)).unwrap_or_default();
        let have = norm(got.get("body"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "#".into());
        chk(
            format!("body {have:?}"),
            want.contains(&have) || have.contains(&want),
        );
    }
    for k in ["meeting_date", "start_time", "end_time"] {
        if let Some(e) = exp.get(k) {
            let g = got.get(k).filter(|v| !v.is_null());
            chk(k.into(), g == Some(e));
        }
    }
    if let Some(p) = exp.get("paragraphs") {
        for k in ["first", "last"] {
            let g = got.get("paragraphs").and_then(|x| x.get(k));
            chk(format!("paragraphs.{k}"), g == p.get(k));
        }
    }
    if let Some(c) = exp.get("chair") {
        chk(
            format!("chair {:?}", got.get("chair")),
            norm(got.get("chair")) == norm(Some(c)),
        );
    }
    if let Some(j) = exp.get("justerare") {
        let have: Vec<Option<String>> = got
            .get("justerare")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|x| norm(x.get("name").or(Some(x)))).collect())
            .unwrap_or_default();
        let want: Vec<Option<String>> = j
            .as_array()
            .map(|a| a.iter().map(|x| norm(Some(x))).collect())
            .unwrap_or_default();
        chk("justerare".into(), have == want);
    }
    if let Some(n) = exp.get("notice").and_then(Value::as_object) {
        for (k, v) in n {
            let g = got.get("notice").and_then(|x| x.get(k));
            chk(format!("notice.{k}"), g == Some(v));
        }
    }
    for (cat, key) in [("beslutande", "beslutande"), ("ersättare", "ersattare")] {
        let Some(want) = exp.get(key).and_then(Value::as_array) else {
            continue;
        };
        let mut have: Vec<String> = got
            .get("participants")
            .and_then(Value::as_array)
            .map(|ps| {
                ps.iter()
                    .filter(|p| norm(p.get("category")).as_deref() == Some(cat))
                    .map(|p| norm(p.get("name")).unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        let mut want: Vec<String> = want
            .iter()
            .map(|n| norm(Some(n)).unwrap_or_default())
            .collect();
        have.sort();
        want.sort();
        let missing: Vec<&String> = want.iter().filter(|w| !have.contains(w)).collect();
        let extra: Vec<&String> = have.iter().filter(|h| !want.contains(h)).collect();
        chk(
            format!("{key} {missing:?} missing, {extra:?} extra"),
            have == want,
        );
    }
    if let Some(exp_items) = exp.get("items").and_then(Value::as_array) {
        let items: Vec<Value> = got
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let got_numbers: Vec<Option<&Value>> = items.iter().map(|i| i.get("paragraph")).collect();
        let want_numbers: Vec<Option<&Value>> =
            exp_items.iter().map(|i| i.get("paragraph")).collect();
        chk(
            format!("item numbers {got_numbers:?}"),
            got_numbers == want_numbers,
        );
        let mut by_number: BTreeMap<String, &Value> = BTreeMap::new();
        for i in &items {
            // like Python's dict: the last item with a number wins
            by_number.insert(
                i.get("paragraph").map(Value::to_string).unwrap_or_default(),
                i,
            );
        }
        let empty = Value::Object(Default::default());
        for e in exp_items {
            let p = e.get("paragraph").map(Value::to_string).unwrap_or_default();
            let g = by_number.get(&p).copied().unwrap_or(&empty);
            chk(
                format!("§{p} title {:?}", g.get("title")),
                norm(g.get("title")) == norm(e.get("title")),
            );
            let (gd, ed) = (norm(g.get("dnr")), norm(e.get("dnr")));
            let dnr_ok = gd == ed
                || matches!((&gd, &ed), (Some(g), Some(e)) if !g.is_empty() && !e.is_empty()
                    && g.replace(' ', "").ends_with(&e.replace(' ', "")));
            chk(format!("§{p} dnr {:?}", g.get("dnr")), dnr_ok);
            let has = e
                .get("decision_has")
                .and_then(Value::as_str)
                .map(norm_str)
                .unwrap_or_default();
            let decision = norm(g.get("decision")).unwrap_or_default();
            chk(format!("§{p} decision"), decision.contains(&has));
        }
    }
    out
}

/// Every text case: (name, passed checks, total checks, misses).
fn run_cases() -> Vec<(String, usize, usize, Vec<String>)> {
    run_cases_in(&dir())
}

/// Every case in `dir`: (name, passed checks, total checks, misses).
fn run_cases_in(dir: &std::path::Path) -> Vec<(String, usize, usize, Vec<String>)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/cases")
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_suffix(".expected.json")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let exp: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.expected.json")))
                .expect("read expected"),
        )
        .expect("expected json");
        let bytes = std::fs::read(dir.join(format!("{name}.txt")))
            .or_else(|_| std::fs::read(dir.join(format!("{name}.pdf"))))
            .expect("case input");
        if std::env::var_os("SHOW_TEXT").is_some()
            && let Ok(t) = kansli_import::extract::extract_text(&bytes)
        {
            eprintln!("==== {name}\n{}", t.text.replace('\t', "⇥"));
        }
        let got = match kansli_import::parse_bytes(&bytes) {
            Ok(p) => serde_json::to_value(&p).expect("json"),
            Err(e) => {
                out.push((name, 0, 1, vec![format!("no JSON: {e}")]));
                continue;
            }
        };
        let res = score(&exp, &got);
        let ok = res.iter().filter(|(_, o)| *o).count();
        let misses = res
            .iter()
            .filter(|(_, o)| !*o)
            .map(|(l, _)| l.clone())
            .collect();
        out.push((name, ok, res.len(), misses));
    }
    out
}

/// Each case's recorded score, and the note after it (the score of the binary before the case
/// was written, "start 23/25", kept when the file is rewritten).
fn read_scores(dir: &std::path::Path) -> BTreeMap<String, ((usize, usize), String)> {
    let text = std::fs::read_to_string(dir.join("SCORES")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (name, rest) = l.split_once(' ')?;
            let rest = rest.trim();
            let (score, note) = rest.split_once(' ').unwrap_or((rest, ""));
            let (a, b) = score.split_once('/')?;
            Some((
                name.to_string(),
                ((a.parse().ok()?, b.parse().ok()?), note.trim().to_string()),
            ))
        })
        .collect()
}

#[test]
fn cases_score_no_lower_than_recorded() {
    check_scores(&dir(), 8);
}

#[test]
fn pdf_cases_score_no_lower_than_recorded() {
    check_scores(&pdf_dir(), 3);
}

/// Scores every case in `dir` (at least `at_least` of them) against its `SCORES`.
fn check_scores(dir: &std::path::Path, at_least: usize) {
    let results = run_cases_in(dir);
    assert!(results.len() >= at_least, "cases not found");
    let mut report = String::new();
    let (mut good, mut total) = (0, 0);
    for (name, ok, n, misses) in &results {
        report.push_str(&format!("{name}: {ok}/{n}\n"));
        for m in misses {
            report.push_str(&format!("   miss: {m}\n"));
        }
        good += ok;
        total += n;
    }
    report.push_str(&format!("score: {good}/{total}\n"));
    eprintln!("{report}");
    let recorded = read_scores(dir);
    if std::env::var_os("UPDATE_SCORES").is_some() {
        let mut text = String::from(
            "# Scores of the parse cases (tests/cases.rs); a case may never score lower.\n\
             # \"start a/b\": the score of the parser before the case was written.\n",
        );
        for (name, ok, n, _) in &results {
            match recorded.get(name).map(|(_, note)| note.as_str()) {
                Some(note) if !note.is_empty() => {
                    text.push_str(&format!("{name} {ok}/{n} {note}\n"))
                }
                _ => text.push_str(&format!("{name} {ok}/{n}\n")),
            }
        }
        std::fs::write(dir.join("SCORES"), text).expect("write SCORES");
        return;
    }
    let mut failures = Vec::new();
    for (name, ok, n, _) in &results {
        match recorded.get(name) {
            None => failures.push(format!("{name}: no recorded score (UPDATE_SCORES=1)")),
            Some(((rok, rn), _)) => {
                let full_before = rok == rn;
                if ok < rok || (full_before && ok < n) {
                    failures.push(format!("{name}: {ok}/{n}, recorded {rok}/{rn}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}\n{report}", failures.join("\n"));
}

/// A case's text laid out anew without changing what it says: every line shifted right by
/// the same amount, CRLF line ends, trailing spaces, a page break with furniture before
/// paragraph heads, and a page footer at the end.
fn relayout(text: &str, shift: usize, crlf: bool, trailing: bool, breaks: bool) -> String {
    let mut out = String::new();
    let mut page = 1;
    for line in text.lines() {
        let head = breaks && {
            let t = line.trim_start();
            (t.starts_with("§ ") || t.split_whitespace().nth(1) == Some("§"))
                && !t.contains("§§")
                && t.len() < 40
        };
        if head && !out.is_empty() {
            page += 1;
            out.push_str("Justerandes sign       Utdragsbestyrkande\n");
            out.push('\u{c}');
            out.push_str(&format!("Sida {page} av 9\n"));
        }
        if !line.trim().is_empty() {
            out.push_str(&" ".repeat(shift));
        }
        out.push_str(line);
        if trailing {
            out.push_str("   ");
        }
        out.push_str(if crlf { "\r\n" } else { "\n" });
    }
    out.push_str("Justerandes sign\n");
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// A protocol's fields survive re-layout: each case scores as it does as printed.
    #[test]
    fn fields_survive_relayout(
        shift in 0usize..5,
        crlf: bool,
        trailing: bool,
        breaks: bool,
    ) {
        for (name, ok, n, _) in run_cases() {
            let exp: Value = serde_json::from_str(
                &std::fs::read_to_string(dir().join(format!("{name}.expected.json"))).unwrap(),
            )
            .unwrap();
            // decoded as the import decodes it (a DOS text file is no UTF-8)
            let bytes = std::fs::read(dir().join(format!("{name}.txt"))).unwrap();
            let (text, _) = kansli_import::extract::decode_text(&bytes).unwrap();
            let moved = relayout(&text, shift, crlf, trailing, breaks);
            let got = kansli_import::parse_text(&moved)
                .map(|p| serde_json::to_value(&p).unwrap())
                .unwrap_or(Value::Null);
            let res = score(&exp, &got);
            let again = res.iter().filter(|(_, o)| *o).count();
            let misses: Vec<&String> = res.iter().filter(|(_, o)| !*o).map(|(l, _)| l).collect();
            proptest::prop_assert!(
                again >= ok && res.len() == n,
                "{name}: {again}/{} after re-layout (shift {shift}, crlf {crlf}, trailing {trailing}, breaks {breaks}), {ok}/{n} as printed: {misses:?}",
                res.len()
            );
        }
    }
}
