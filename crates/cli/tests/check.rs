//! End-to-end tests of `kansli check` on files (issue 17): a file that is not minutes prints
//! nothing on stdout, and a protocol whose dates were not read says so instead of "Inga fynd".

use std::path::Path;
use std::process::{Command, Output};

fn check(dir: &Path, files: &[&Path], json: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kansli"));
    command
        .env_remove("KANSLI_DATA_DIR")
        .env_remove("KANSLI_DATABASE")
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("check");
    if json {
        command.arg("--json");
    }
    command
        .args(files)
        .output()
        .expect("the kansli binary runs")
}

#[test]
fn a_file_that_is_not_minutes_prints_nothing_on_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("inkopslista.txt");
    std::fs::write(&file, "Mjölk\nBröd\nSmör\n").expect("write");
    for json in [false, true] {
        let o = check(dir.path(), &[&file], json);
        assert!(!o.status.success());
        assert!(
            o.stdout.is_empty(),
            "nothing on stdout: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert!(!o.stderr.is_empty(), "the reason on stderr");
    }
}

#[test]
fn unread_dates_are_said_never_inga_fynd() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("protokoll.txt");
    // Minutes with a meeting and a paragraph, but no chair, justerare, justering or anslag.
    std::fs::write(
        &file,
        "Kultur- och fritidsnämnden\nSammanträdesprotokoll\nSammanträdesdatum 2024-03-05\n\n\
         § 1 Val av justerare\nNämnden beslutar att utse justerare.\n",
    )
    .expect("write");
    let o = check(dir.path(), &[&file], false);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("Inga fynd"), "{out}");
    for rule in ["chair", "justerare", "justering-date", "notice-date"] {
        assert!(out.contains(&format!("ej läst [unread-{rule}]")), "{out}");
    }
    assert!(out.contains("4 uppgifter kunde inte läsas"), "{out}");
    // In JSON: warnings marked as unread, apart from the findings.
    let o = check(dir.path(), &[&file], true);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let unread: Vec<&serde_json::Value> = json
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["unread"] == true)
        .collect();
    assert_eq!(unread.len(), 4, "{json}");
    assert!(unread.iter().all(|f| f["severity"] == "warning"));
}
