//! Corpus: every real protocol in the repository (`fixtures/samples/`, text and PDF) scored field
//! by field against the reviewed reading of its text (`tests/golden/<name>.json`), with the
//! parser's confidence beside each miss. A PDF is scored against the reading of the same
//! meeting's text, so what the PDF path loses shows up as misses.
//!
//! Run with `--nocapture` to see the table. The test fails when a document scores below
//! `tests/corpus/SCORES` (`UPDATE_SCORES=1` rewrites it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn names(v: &Value, category: &str) -> Vec<String> {
    let mut out: Vec<String> = v["participants"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["category"] == category)
        .filter_map(|p| p["name"].as_str().map(str::to_lowercase))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The key fields of `got` compared with `want`: (field, equal).
fn fields(want: &Value, got: &Value) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for k in [
        "authority",
        "body",
        "meeting_date",
        "start_time",
        "end_time",
        "place",
        "paragraphs",
        "chair",
        "secretary",
        "justerare",
        "justering",
    ] {
        out.push((k.to_string(), want[k] == got[k]));
    }
    for k in ["posted", "removal", "kept_at"] {
        out.push((format!("notice.{k}"), want["notice"][k] == got["notice"][k]));
    }
    for c in ["beslutande", "ersättare", "övriga"] {
        out.push((c.to_string(), names(want, c) == names(got, c)));
    }
    let items = |v: &Value| -> BTreeMap<u64, Value> {
        v["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| Some((i["paragraph"].as_u64()?, i.clone())))
            .collect()
    };
    let (wi, gi) = (items(want), items(got));
    out.push((
        "item numbers".into(),
        wi.keys().collect::<Vec<_>>() == gi.keys().collect::<Vec<_>>(),
    ));
    for (n, w) in &wi {
        let g = gi.get(n).cloned().unwrap_or(Value::Null);
        for k in ["title", "dnr", "decision"] {
            out.push((format!("§{n} {k}"), w[k] == g[k]));
        }
    }
    out
}

#[test]
fn real_protocols_score_field_by_field() {
    let dir = root().join("../../fixtures/samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "pdf"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "samples not found");
    let mut report = String::new();
    let mut results: Vec<(String, usize, usize)> = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join(format!("tests/golden/{stem}.json")))
                .expect("golden of the text"),
        )
        .expect("json");
        let bytes = std::fs::read(&f).expect("read");
        let (got, confidence) = match kansli_import::read_bytes(&bytes) {
            Ok(r) => (
                serde_json::to_value(&r.protocol).expect("json"),
                r.confidence,
            ),
            Err(e) => {
                report.push_str(&format!("{name}: no reading: {e}\n"));
                results.push((name, 0, 1));
                continue;
            }
        };
        let res = fields(&want, &got);
        let ok = res.iter().filter(|(_, o)| *o).count();
        report.push_str(&format!("{name}: {ok}/{}\n", res.len()));
        for (field, o) in &res {
            if !o {
                let key = field.split(' ').next().unwrap_or(field);
                let c = confidence
                    .get(key)
                    .map(|c| format!(" (confidence {c:.1})"))
                    .unwrap_or_default();
                report.push_str(&format!("   miss: {field}{c}\n"));
            }
        }
        let unsure: Vec<String> = confidence
            .iter()
            .filter(|(_, c)| **c < 1.0)
            .map(|(k, c)| format!("{k} {c:.1}"))
            .collect();
        if !unsure.is_empty() {
            report.push_str(&format!("   unsure: {}\n", unsure.join(", ")));
        }
        results.push((name, ok, res.len()));
    }
    eprintln!("{report}");
    let scores = root().join("tests/corpus/SCORES");
    if std::env::var_os("UPDATE_SCORES").is_some() {
        let mut text = String::from(
            "# Field scores of the real protocols (tests/corpus.rs); a document may never score lower.\n",
        );
        for (name, ok, n) in &results {
            text.push_str(&format!("{name} {ok}/{n}\n"));
        }
        std::fs::create_dir_all(scores.parent().unwrap()).expect("dir");
        std::fs::write(&scores, text).expect("write SCORES");
        return;
    }
    let recorded: BTreeMap<String, usize> = std::fs::read_to_string(&scores)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (n, s) = l.split_once(' ')?;
            Some((n.to_string(), s.split('/').next()?.parse().ok()?))
        })
        .collect();
    let lower: Vec<String> = results
        .iter()
        .filter(|(n, ok, _)| recorded.get(n).is_none_or(|r| ok < r))
        .map(|(n, ok, t)| format!("{n}: {ok}/{t}, recorded {:?}", recorded.get(n)))
        .collect();
    assert!(lower.is_empty(), "{}\n{report}", lower.join("\n"));
}
