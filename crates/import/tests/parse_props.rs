//! Property tests: `parse_text` never panics, on arbitrary text and on the sample protocols with
//! lines deleted, duplicated and mangled. Failing cases are kept by proptest in
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
