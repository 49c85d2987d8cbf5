//! Accessibility (WCAG 2.1 AA) of the public archive and the secretariat's pages: axe-core in headless Chromium against
//! `kansli serve --demo`, through `tools/a11y/run.sh`.
//!
//! Needs Debian's chromium and Node (`.ci/run` installs them). Outside CI the test skips with a
//! loud message when they are missing; in CI (`CI=true`) a missing tool is a failure.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// `kansli serve --demo` on a free loopback port, in its own temporary data directory: the
/// process and the address it serves.
fn demo_server() -> (std::process::Child, String) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_kansli"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
        .env_remove("KANSLI_DATA_DIR")
        // Killed at the end of each check: its demo directory goes under the build's own
        // temporary directory, not /tmp.
        .env("TMPDIR", env!("CARGO_TARGET_TMPDIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kansli serve starts");
    let stderr = server.stderr.take().expect("stderr is piped");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://").nth(1) {
                let _ = sender.send(rest.split('/').next().unwrap_or_default().to_string());
            }
        }
    });
    let address = receiver
        .recv_timeout(Duration::from_secs(120))
        .expect("the server says where it listens");
    (server, address)
}

/// What a check run against the demo printed, and whether it passed.
struct Report {
    ok: bool,
    text: String,
}

/// Runs `command URL` against a fresh demo server, then stops the server.
fn run_against_demo(command: Command) -> Report {
    run_against_demo_with(command, &[])
}

/// Runs `command URL ARGS…` against a fresh demo server, then stops the server.
fn run_against_demo_with(mut command: Command, args: &[&str]) -> Report {
    let (mut server, address) = demo_server();
    let output = command.arg(format!("http://{address}")).args(args).output();
    let _ = server.kill();
    let _ = server.wait();
    let output = output.expect("the check runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{text}");
    Report {
        ok: output.status.success(),
        text,
    }
}

/// Whether Chromium and Node are here; outside CI a missing one skips the test loudly.
fn browser_tools() -> bool {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !Path::new(&chromium).exists() || !node {
        let message = format!(
            "SKIPPED browser test: needs {chromium} and node (apt-get install chromium nodejs)"
        );
        assert!(std::env::var("CI").is_err(), "{message}");
        eprintln!("\n*** {message} ***\n");
        return false;
    }
    true
}

/// Runs a browser script of `tools/a11y` against a fresh demo server (installing the Node
/// packages when missing) and asserts it passed and printed `expect`.
fn browser_script(script: &str, expect: &str) {
    if !browser_tools() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let install = Command::new("bash")
        .arg("-c")
        .arg("cd tools/a11y && { [ -d node_modules/playwright-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent; }")
        .current_dir(&root)
        .status()
        .expect("npm runs");
    assert!(install.success(), "npm install in tools/a11y");
    let mut node = Command::new("node");
    node.arg(root.join("tools/a11y").join(script));
    let report = run_against_demo(node);
    assert!(report.ok, "the browser test failed:\n{}", report.text);
    assert!(
        report.text.contains(expect),
        "{script} did not report {expect:?}"
    );
}

/// The secretary signs in and builds an agenda in headless Chromium, issues the kallelse, and a
/// member reads it (`tools/a11y/agenda.mjs`), with axe-core on every page on the way.
#[test]
fn a_secretary_builds_an_agenda_in_the_browser() {
    browser_script("agenda.mjs", "the kallelse is issued");
}

/// The secretary records a paragraph with a vote by keyboard alone in headless Chromium
/// (`tools/a11y/recording.mjs`): shortcuts, autosave, the vote counted, another editor's change
/// announced, axe-core on the page.
#[test]
fn a_secretary_records_a_vote_by_keyboard() {
    browser_script("recording.mjs", "the vote is recorded and counted");
}

/// The chair and the justerare sign the demo's released minutes in headless Chromium, each
/// signed in as themself; the justerade PDF is valid on "Kontrollera ett protokoll" and a copy
/// with one changed byte is not (`tools/a11y/justering.mjs`), with axe-core on the pages.
#[test]
fn the_minutes_are_signed_and_verified_in_the_browser() {
    browser_script("justering.mjs", "a changed byte is caught");
}

#[test]
fn archive_pages_pass_axe_core() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("tools/a11y/run.sh");
    if !browser_tools() {
        return;
    }
    let mut bash = Command::new("bash");
    bash.arg(&script);
    // The secretariat's pages too, signed in as the demo's administrator, then registrator,
    // then secretary.
    let report = run_against_demo_with(
        bash,
        &[
            "--login",
            "admin@demo.kansli:prova-demot-2026",
            "--login",
            "registrator@demo.kansli:prova-demot-2026",
            "--login",
            "sekreterare@demo.kansli:prova-demot-2026",
        ],
    );
    assert!(
        report.ok,
        "axe-core found violations or could not run:\n{}",
        report.text
    );
    let report = report.text;
    assert!(
        report.contains("/kansli/admin/logg")
            && report.contains("/kansli/diarium/")
            && report.contains("/kansli/expediering")
            && report.contains("/kansli/granskning/")
            && report.contains("/anslagstavla/overklaga"),
        "the secretariat's pages were checked:\n{report}"
    );
}

/// The secretary masks a passage of justerade minutes on a legal ground in headless Chromium;
/// the public page, the paragraph's page and the API show the marker instead, the record keeps
/// the text, and lifting the mask publishes it again (`tools/a11y/maskering.mjs`), with
/// axe-core on the masking page.
#[test]
fn a_secretary_masks_a_passage_for_publication_in_the_browser() {
    browser_script(
        "maskering.mjs",
        "masking for publication works in the browser",
    );
}
