//! Property tests: `parse_text` never panics, on arbitrary text and on the sample protocols with
//! lines deleted, duplicated and mangled; and a protocol's fields survive re-layout (samples laid
//! out by hand in other templates in `tests/relaid/` read as the samples do, paged anew too). Failing cases are kept by proptest in
//! `parse_props.proptest-regressions` beside this file; keep that file in git.

use std::path::PathBuf;
use std::sync::LazyLock;

use proptest::prelude::*;

static SAMPLES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("../../fixtures/samples"),
        root.join("tests/fixtures/synthetic"),
        root.join("tests/cases"),
    ] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|x| x == "txt")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                out.push(t.split('\n').map(str::to_string).collect());
            }
        }
    }
    out
});

/// Case count: the default, or `KANSLI_PROP_CASES` for a longer run.
fn cases(default: u32) -> u32 {
    std::env::var("KANSLI_PROP_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Debug, Clone)]
enum Op {
    Delete(usize),
    Duplicate(usize),
    Replace(usize, String),
    Insert(usize, String),
    Truncate(usize, usize),
    Swap(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let text = prop_oneof![
        "\\PC{0,80}",
        "[§0-9 \\t:/\\-A-ZÅÄÖa-zåäö]{0,40}",
        Just("§ 1".to_string()),
        Just("Fortsättning KS § 1".to_string()),
        Just("Beslut:".to_string()),
        Just("Undertecknare".to_string()),
        Just("Bilaga A § 2/25".to_string()),
        Just("\u{c}".to_string()),
        Just("Ärendelista".to_string()),
        Just("Beslutande\tLedamöter A B, X kommun, ordförande".to_string()),
        Just("Sammanträdesdatum 2024-02-30".to_string()),
    ];
    prop_oneof![
        any::<usize>().prop_map(Op::Delete),
        any::<usize>().prop_map(Op::Duplicate),
        (any::<usize>(), text.clone()).prop_map(|(i, t)| Op::Replace(i, t)),
        (any::<usize>(), text).prop_map(|(i, t)| Op::Insert(i, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, n)| Op::Truncate(i, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Op::Swap(i, j)),
    ]
}

fn apply(lines: &mut Vec<String>, op: &Op) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match op {
        Op::Delete(i) => {
            lines.remove(i % n);
        }
        Op::Duplicate(i) => {
            let l = lines[i % n].clone();
            lines.insert(i % n, l);
        }
        Op::Replace(i, t) => lines[i % n] = t.clone(),
        Op::Insert(i, t) => lines.insert(i % (n + 1), t.clone()),
        Op::Truncate(i, k) => {
            let l = &mut lines[i % n];
            let cut = l
                .char_indices()
                .map(|(b, _)| b)
                .nth(k % (l.chars().count() + 1));
            if let Some(b) = cut {
                l.truncate(b);
            }
        }
        Op::Swap(i, j) => lines.swap(i % n, j % n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,600}") {
        let _ = kansli_import::parse_text(&s);
    }

    #[test]
    fn never_panics_on_protocol_like_text(s in "[a-zåäöA-ZÅÄÖ0-9 §:,.()/\\-\\t\\n\u{c}]{0,1500}") {
        let _ = kansli_import::parse_text(&s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_damaged_samples(which in any::<usize>(), ops in proptest::collection::vec(op(), 1..40)) {
        let samples = &*SAMPLES;
        prop_assume!(!samples.is_empty());
        let mut lines = samples[which % samples.len()].clone();
        for o in &ops {
            apply(&mut lines, o);
        }
        let text = lines.join("\n");
        if let Ok(p) = kansli_import::parse_text(&text) {
            // whatever was read must be serialisable
            prop_assert!(serde_json::to_string(&p).is_ok());
        }
    }
}

#[test]
fn text_that_is_not_minutes_is_an_error() {
    for t in [
        "",
        "   \n\n",
        "Hej!\nDetta är ett brev om ingenting.",
        "2024-03-05\nInga paragrafer här.",
    ] {
        let r = kansli_import::parse_text(t);
        assert!(
            matches!(r, Err(kansli_import::ImportError::NotMinutes(_))),
            "{t:?}: {r:?}"
        );
    }
}

/// What a reader of a protocol takes from it, whatever its template: the meeting, who decided
/// and who sat in, who signs, the notice, and each paragraph's number, Dnr, title and decision
/// (whitespace, case and a "Dnr" prefix aside).
fn fields_of(p: &kansli_core::protocol::ParsedProtocol) -> serde_json::Value {
    use kansli_core::protocol::ParticipantCategory;
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let dnr = |s: &str| {
        let s = norm(s);
        s.strip_prefix("dnr ").map(str::to_string).unwrap_or(s)
    };
    let v = serde_json::to_value(p).expect("json");
    let mut people: Vec<String> = p
        .participants
        .iter()
        .filter(|x| {
            matches!(
                x.category,
                ParticipantCategory::Beslutande | ParticipantCategory::Ersattare
            )
        })
        .map(|x| {
            format!(
                "{} | {:?} | {} | {}",
                norm(&x.name),
                x.category,
                x.party.as_deref().unwrap_or("-"),
                x.paragraphs.as_deref().unwrap_or("alla")
            )
        })
        .collect();
    people.sort();
    let items: Vec<String> = p
        .items
        .iter()
        .map(|i| {
            format!(
                "§ {} | {} | {} | {}",
                i.paragraph,
                i.dnr.as_deref().map(dnr).unwrap_or_default(),
                norm(&i.title),
                i.decision.as_deref().map(norm).unwrap_or_default()
            )
        })
        .collect();
    serde_json::json!({
        "body": v["body"],
        "meeting_date": v["meeting_date"],
        "start_time": v["start_time"],
        "end_time": v["end_time"],
        "paragraphs": v["paragraphs"],
        "chair": v["chair"],
        "justerare": p.justerare.iter().map(|j| norm(j)).collect::<Vec<_>>(),
        "posted": v["notice"]["posted"],
        "removal": v["notice"]["removal"],
        "people": people,
        "items": items,
    })
}

/// Each protocol of `tests/relaid/` (`<sample>.<template>.txt`): a real sample of
/// `fixtures/samples` laid out by hand in another authority's template (other label words, other
/// order, other party notation, dates in words), with what it says unchanged.
fn relaid() -> Vec<(String, String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("tests/relaid"))
        .expect("tests/relaid")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let sample = name.split('.').next().unwrap().to_string();
            let original =
                std::fs::read_to_string(root.join(format!("../../fixtures/samples/{sample}.txt")))
                    .expect("the sample a re-laid protocol names");
            (name, original, std::fs::read_to_string(&p).expect("read"))
        })
        .collect()
}

/// Compares each re-laid protocol with its sample; the failures.
fn relaid_differences() -> Vec<String> {
    let all = relaid();
    assert!(all.len() >= 2, "tests/relaid holds too few protocols");
    let mut failures = Vec::new();
    for (name, original, text) in &all {
        let want = fields_of(&kansli_import::parse_text(original).expect("the sample parses"));
        let got = match kansli_import::parse_text(text) {
            Ok(p) => fields_of(&p),
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        for (k, w) in want.as_object().unwrap() {
            if got[k] != *w {
                failures.push(format!(
                    "{name}: {k}\n   sample:   {w}\n   re-laid: {}",
                    got[k]
                ));
            }
        }
    }
    failures
}

/// The same protocol in other templates reads the same: a sample as printed and as laid out by
/// hand in another template (other label words, order and party notation, dates in words, page
/// numbers as "Blad 3", bare local parties) gives the same fields.
#[test]
fn the_same_protocol_in_other_templates_reads_the_same() {
    let failures = relaid_differences();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(16), ..ProptestConfig::default() })]

    /// A third template: a re-laid protocol indented anew, with CRLF line ends and a page break
    /// with furniture ("Justerandes sign", "Sida N av M") before each paragraph head, still reads
    /// as the sample does.
    #[test]
    fn a_relaid_protocol_paged_anew_reads_the_same(shift in 0usize..6, crlf: bool) {
        for (name, original, text) in relaid() {
            let want = fields_of(&kansli_import::parse_text(&original).expect("sample"));
            let mut paged = String::new();
            let mut page = 1;
            for line in text.lines() {
                let t = line.trim_start();
                if t.starts_with("§ ") || t.split_whitespace().nth(1) == Some("§") {
                    page += 1;
                    paged.push_str("Justerandes sign        Utdragsbestyrkande\n\u{c}");
                    paged.push_str(&format!("Sida {page} av 12\n"));
                }
                if !t.is_empty() {
                    paged.push_str(&" ".repeat(shift));
                }
                paged.push_str(line);
                paged.push_str(if crlf { "\r\n" } else { "\n" });
            }
            let got = kansli_import::parse_text(&paged).map(|p| fields_of(&p));
            prop_assert!(got.as_ref().is_ok_and(|g| *g == want), "{name} (shift {shift}, crlf {crlf}): {got:?}");
        }
    }
}
