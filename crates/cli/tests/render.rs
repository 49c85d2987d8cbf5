//! End-to-end tests of `kansli render`: a stored meeting as PDF, text and HTML, an extract,
//! the kallelse and the anslag, and the one-line errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kansli(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kansli"));
    command
        .env_remove("KANSLI_DATA_DIR")
        .env_remove("KANSLI_DATABASE")
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(data);
    command
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples")
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the kansli binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn renders_a_stored_meeting_and_its_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let imported = run(kansli(&data)
        .arg("import")
        .arg(samples().join("itsam-direktionen-2024-03-05.pdf"))
        .arg(samples().join("lomma-kultur-och-fritidsnamnden-2025-02-03.txt")));
    assert!(imported.status.success(), "{}", stderr(&imported));

    let pdf = dir.path().join("protokoll.pdf");
    let o = run(kansli(&data)
        .args(["render", "direktionen/2024-03-05", "--format", "pdf", "-o"])
        .arg(&pdf));
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
    // The PDF reads back as the same meeting.
    let back = kansli_import::parse_bytes(&bytes).expect("the rendered PDF parses");
    assert_eq!(back.body, "Direktionen");
    assert_eq!(back.items.len(), 9);

    let o = run(kansli(&data).args([
        "render",
        "Kultur- och fritidsnämnden/2025-02-03",
        "-f",
        "txt",
        "--extract",
        "2,3",
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Protokollsutdrag"), "{text}");
    assert!(text.contains("§ 2") && text.contains("§ 3") && !text.contains("§ 4\n"));
    assert!(text.contains("Utdragsbestyrkande"));

    let o = run(kansli(&data).args([
        "render",
        "kommunalforbundet-itsam/direktionen/2024-03-05",
        "-f",
        "txt",
        "--anslag",
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Datum då anslaget sätts upp\t2024-03-11"));

    let o = run(kansli(&data).args([
        "render",
        "direktionen/2024-03-05",
        "-f",
        "html",
        "--kallelse",
        "-o",
        "-",
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Kallelse till sammanträde med Direktionen"));
}

#[test]
fn errors_are_one_english_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let imported = run(kansli(&data)
        .arg("import")
        .arg(samples().join("itsam-direktionen-2024-03-05.pdf")));
    assert!(imported.status.success(), "{}", stderr(&imported));
    for (args, wanted) in [
        (
            vec!["render", "direktionen/2099-01-01", "-f", "txt"],
            "no meeting matches",
        ),
        (
            vec!["render", "direktionen/2024-03-05", "-f", "docx"],
            "unknown format",
        ),
        (
            vec!["render", "direktionen/2024-03-05"],
            "a PDF needs a file",
        ),
        (
            vec![
                "render",
                "direktionen/2024-03-05",
                "-f",
                "txt",
                "--extract",
                "77",
            ],
            "has no § 77",
        ),
    ] {
        let o = run(kansli(&data).args(&args));
        assert!(!o.status.success(), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(wanted), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
}
