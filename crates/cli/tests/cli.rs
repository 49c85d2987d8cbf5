//! End-to-end tests of the `kansli` binary: parse, import, deadlines and `serve --demo`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn kansli() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kansli"));
    command
        .env_remove("KANSLI_DATA_DIR")
        .env_remove("KANSLI_DATABASE")
        .env("NO_COLOR", "1");
    command
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples")
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the kansli binary runs")
}

/// The database of each backend for one test: `None` for the SQLite file in the data
/// directory, and a fresh PostgreSQL database on this binary's throwaway cluster when installed.
fn databases() -> Vec<Option<String>> {
    let mut out = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        out.push(Some(url));
    }
    out
}

/// `kansli --data-dir DATA [--database URL]`.
fn kansli_on(data: &Path, database: &Option<String>) -> Command {
    let mut command = kansli();
    command.arg("--data-dir").arg(data);
    if let Some(url) = database {
        eprintln!("-- on PostgreSQL");
        command.arg("--database").arg(url);
    }
    command
}

fn stdout_json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn parse_prints_the_contract_fields() {
    let output = run(kansli()
        .arg("parse")
        .arg(samples().join("itsam-direktionen-2024-03-05.txt")));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = stdout_json(&output);
    for field in [
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
        "notice",
        "participants",
        "signatures",
        "items",
        "warnings",
        "confidence",
    ] {
        assert!(json.get(field).is_some(), "missing field {field}");
    }
    // Issue 16: the parser's confidence per field, 0–1.
    let confidence = json["confidence"].as_object().expect("a map");
    assert!(
        confidence
            .values()
            .all(|v| v.as_f64().is_some_and(|c| (0.0..=1.0).contains(&c)))
    );
    assert_eq!(json["confidence"]["notice.posted"], 1.0);
    assert_eq!(json["body"], "Direktionen");
    assert_eq!(json["meeting_date"], "2024-03-05");
    assert_eq!(json["notice"]["posted"], "2024-03-11");
    assert_eq!(json["items"][0]["dnr"], "ITSAM 2024/25");
}

#[test]
fn parse_into_a_reader_that_stops_early_is_no_panic() {
    // `kansli parse f | head -1`: the pipe is closed before the JSON is written.
    let mut child = kansli()
        .arg("parse")
        .arg(samples().join("itsam-direktionen-2024-03-05.txt"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kansli binary runs");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("kansli ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{stderr}");
}

#[test]
fn parse_reads_pdf_by_content_not_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let disguised = dir.path().join("protokoll.txt");
    std::fs::copy(
        samples().join("itsam-direktionen-2024-03-05.pdf"),
        &disguised,
    )
    .unwrap();
    let output = run(kansli().arg("parse").arg(&disguised));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout_json(&output)["meeting_date"], "2024-03-05");
}

#[test]
fn bad_input_gives_one_clear_line_and_a_failure_exit() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.txt", b"", "empty"),
        (
            "junk.bin",
            &[0, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0, 7],
            "binary",
        ),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "PDF"),
        (
            "letter.txt",
            "Hej!\n\nVi ses på fredag.\n\nMvh Anna\n".as_bytes(),
            "not minutes",
        ),
        ("missing.txt", b"", "cannot read"),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        if name != "missing.txt" {
            std::fs::write(&path, bytes).unwrap();
        }
        let output = run(kansli().arg("parse").arg(&path));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{name} should fail");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{name}: one line, got {stderr:?}"
        );
        assert!(
            stderr.contains(name),
            "{name}: the message names the file: {stderr:?}"
        );
        assert!(
            stderr.to_lowercase().contains(&expected.to_lowercase()),
            "{name}: expected {expected:?} in {stderr:?}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(output.stdout.is_empty(), "{name}: nothing on stdout");
    }
}

#[test]
fn import_is_idempotent_and_survives_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for name in [
        "itsam-direktionen-2024-03-05.txt",
        "lomma-barn-och-utbildningsnamnden-2024-05-14.txt",
    ] {
        std::fs::copy(samples().join(name), input.join(name)).unwrap();
    }
    std::fs::write(input.join("trasig.pdf"), b"%PDF-1.4 trasig").unwrap();
    for database in databases() {
        let data = tempfile::tempdir().unwrap();
        let data = data.path();
        std::fs::write(input.join("trasig.pdf"), b"%PDF-1.4 trasig").unwrap();

        let first = run(kansli_on(data, &database)
            .args(["import", "--json"])
            .arg(&input));
        assert!(
            !first.status.success(),
            "a failed file makes the exit non-zero"
        );
        let summary = stdout_json(&first);
        assert_eq!(summary["imported"], 2, "{summary}");
        assert_eq!(summary["failed"], 1, "{summary}");
        assert!(
            summary["failures"][0]["file"]
                .as_str()
                .unwrap()
                .ends_with("trasig.pdf")
        );
        assert_eq!(data.join("kansli.sqlite3").exists(), database.is_none());

        std::fs::remove_file(input.join("trasig.pdf")).unwrap();
        let second = run(kansli_on(data, &database)
            .args(["import", "--json"])
            .arg(&input));
        assert!(
            second.status.success(),
            "{}",
            String::from_utf8_lossy(&second.stderr)
        );
        let summary = stdout_json(&second);
        assert_eq!(summary["imported"], 0, "{summary}");
        assert_eq!(summary["unchanged"], 2, "{summary}");
    }
}

#[test]
fn import_summary_names_the_key_fields_not_read() {
    let data = tempfile::tempdir().unwrap();
    let case = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/cases/02-bare-party-letters.txt");
    let output = run(kansli_on(data.path(), &None)
        .args(["import", "--json"])
        .arg(&case));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = stdout_json(&output);
    assert_eq!(summary["unread"][0]["fields"][0], "authority", "{summary}");
    assert_eq!(summary["without_authority"], 1, "{summary}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("NO AUTHORITY"));
    let given = run(kansli_on(data.path(), &None)
        .args(["import", "--json", "--authority", "Ekby kommun"])
        .arg(&case));
    let summary = stdout_json(&given);
    assert_eq!(summary["unread"], serde_json::json!([]), "{summary}");
    assert_eq!(summary["without_authority"], 0, "{summary}");
    let reviewed = run(kansli_on(data.path(), &None)
        .args(["import", "--json", "--review"])
        .arg(&case));
    let summary = stdout_json(&reviewed);
    assert_eq!(
        summary["shaky"][0]["confidence"]["authority"], 0.0,
        "{summary}"
    );
    assert!(String::from_utf8_lossy(&reviewed.stderr).contains("not read: authority"));
}

#[test]
fn data_dir_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("från-miljön");
    let output = run(kansli()
        .env("KANSLI_DATA_DIR", &data)
        .args(["import", "--json"])
        .arg(samples().join("lomma-kommunfullmaktige-2024-09-26.txt")));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(data.join("kansli.sqlite3").exists());
}

#[test]
fn deadlines_follow_the_worked_example() {
    let output = run(kansli().args([
        "deadlines",
        "--meeting",
        "2024-03-05",
        "--justerat",
        "2024-03-08",
        "--posted",
        "2024-03-11",
        "--json",
    ]));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = stdout_json(&output);
    assert_eq!(json["posting_deadline"], "2024-03-11");
    assert_eq!(json["appeal_last_day"], "2024-04-02");
    let bad = run(kansli().args(["deadlines", "--meeting", "2024-02-30"]));
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--meeting"));
}

/// The README's first command, on a random port: the demo serves the samples.
#[test]
fn serve_demo_serves_the_samples() {
    // The demo's temporary directory goes under a directory of the test's own, which shows
    // whether the server removes it when asked to stop.
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, address) = spawn_server(
        kansli()
            .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
            .env("TMPDIR", tmp.path()),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let body = loop {
        match http_get(&address, "/lomma-kommun/kommunfullmaktige/2024-09-26") {
            Ok(body) => break body,
            Err(e) if Instant::now() > deadline => panic!("no answer from {address}: {e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    // The demo's accounts are listed on its login page, one for every role.
    let (status, login) = get(&address, "/logga-in");
    // Stopped as an operator stops it (SIGTERM, as systemd and Ctrl-C do), the demo leaves
    // no data directory behind.
    let stopped = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    assert!(stopped, "kill -TERM");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the server stops on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "the demo left {left:?}");
    assert!(
        body.starts_with("HTTP/1.1 200"),
        "{}",
        &body[..body.len().min(300)]
    );
    assert!(body.contains("Kommunfullmäktige"));
    assert!(body.contains("Beslut om ny styrmodell för Lomma kommun"));
    assert_eq!(status, 200);
    for account in [
        "admin@demo.kansli",
        "registrator@demo.kansli",
        "sekreterare@demo.kansli",
        "ledamot@demo.kansli",
    ] {
        assert!(
            login.contains(account),
            "{account} on the demo's login page"
        );
    }
}

/// `serve --demo --data-dir DIR`: the demo goes into the directory named, which is kept when
/// the server stops, and a second start finds the work of the first (loaded once).
#[test]
fn serve_demo_keeps_a_data_directory_it_was_given() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let start_and_stop = || {
        let (mut child, address) = spawn_server(kansli().args([
            "serve",
            "--demo",
            "--listen",
            "127.0.0.1:0",
            "--data-dir",
            dir.to_str().unwrap(),
        ]));
        let deadline = Instant::now() + Duration::from_secs(30);
        let body = loop {
            match http_get(&address, "/lomma-kommun/kommunfullmaktige/2024-09-26") {
                Ok(body) => break body,
                Err(e) if Instant::now() > deadline => panic!("no answer from {address}: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        };
        let (status, login) = get(&address, "/logga-in");
        assert!(
            Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status()
                .is_ok_and(|s| s.success())
        );
        child.wait().unwrap();
        (body, status, login)
    };
    let (body, status, login) = start_and_stop();
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert_eq!(status, 200);
    assert!(login.contains("sekreterare@demo.kansli"));
    let kept = |dir: &Path| {
        std::fs::read_dir(dir)
            .map(|d| d.map(|e| e.unwrap().file_name()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let first = kept(&dir);
    assert!(!first.is_empty(), "the demo's data directory is kept");
    // The second start opens what the first made: the accounts and minutes are there once.
    let (body, status, login) = start_and_stop();
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert_eq!(status, 200);
    assert!(login.contains("sekreterare@demo.kansli"));
    assert!(!kept(&dir).is_empty());

    // An installation's data directory never gets the demo's accounts (a published password).
    let installation = tmp.path().join("installation");
    let imported = run(kansli()
        .arg("--data-dir")
        .arg(&installation)
        .arg("import")
        .arg(samples().join("lomma-kommunfullmaktige-2024-09-26.txt")));
    assert!(imported.status.success());
    let refused = run(kansli()
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&installation));
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("not the demo's"), "{said}");
}

/// A GET with extra header lines (`Name: value\r\n` each).
fn http_get_with(address: &str, path: &str, headers: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

/// The contract's way in: `kansli user add` and `kansli token create` give a token that
/// `getMe` accepts; the token is printed alone on stdout and stored only as a hash.
#[test]
fn user_add_and_token_create_give_a_token_that_get_me_accepts() {
    let dir = tempfile::tempdir().unwrap();
    for database in databases() {
        let data = dir
            .path()
            .join(if database.is_some() { "pg" } else { "data" });
        let imported = run(kansli_on(&data, &database)
            .args(["import"])
            .arg(samples().join("itsam-direktionen-2024-03-05.txt")));
        assert!(imported.status.success());
        let mut add = kansli_on(&data, &database);
        add.args([
            "user",
            "add",
            "Sara@Itsam.se",
            "--name",
            "Sara Sekreterare",
            "--role",
            "secretary",
            "--body",
            "kommunalforbundet-itsam/direktionen",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = add.spawn().unwrap();
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            writeln!(stdin, "ett långt och bra lösenord").unwrap();
        }
        let added = child.wait_with_output().unwrap();
        assert!(
            added.status.success(),
            "{}",
            String::from_utf8_lossy(&added.stderr)
        );
        // A body that does not exist, and a password the rule refuses, are one-line errors.
        let wrong = run(kansli_on(&data, &database).args([
            "user",
            "add",
            "bo@itsam.se",
            "--name",
            "Bo",
            "--role",
            "member",
            "--body",
            "kommunalforbundet-itsam/finns-inte",
        ]));
        assert!(!wrong.status.success());
        assert!(String::from_utf8_lossy(&wrong.stderr).contains("finns-inte"));

        let created = run(kansli_on(&data, &database).args([
            "token",
            "create",
            "sara@itsam.se",
            "--label",
            "test",
        ]));
        assert!(
            created.status.success(),
            "{}",
            String::from_utf8_lossy(&created.stderr)
        );
        let token = String::from_utf8(created.stdout).unwrap();
        let token = token.trim();
        assert!(
            token.starts_with("kansli_") && !token.contains('\n'),
            "{token:?}"
        );

        let (mut server, address) = start_server(&data, &database);
        let auth = format!("Authorization: Bearer {token}\r\n");
        let deadline = Instant::now() + Duration::from_secs(30);
        let me = loop {
            let response = http_get_with(&address, "/api/v1/me", &auth);
            if response.starts_with("HTTP/1.1 200") || Instant::now() > deadline {
                break response;
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        let anonymous = http_get_with(&address, "/api/v1/me", "");
        let _ = server.kill();
        let _ = server.wait();
        assert!(me.starts_with("HTTP/1.1 200"), "{me}");
        assert!(me.contains("\"email\":\"sara@itsam.se\""), "{me}");
        assert!(me.contains("\"role\":\"secretary\""), "{me}");
        assert!(anonymous.starts_with("HTTP/1.1 401"), "{anonymous}");

        let listed = run(kansli_on(&data, &database).args(["token", "list"]));
        let listed = String::from_utf8_lossy(&listed.stdout);
        assert!(listed.contains("sara@itsam.se") && !listed.contains(token));
        let revoked = run(kansli_on(&data, &database).args(["token", "revoke", "1"]));
        assert!(revoked.status.success());
    }
}

/// A minimal HTTP/1.1 GET, so the test needs no HTTP client crate.
fn http_get(address: &str, path: &str) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

#[test]
fn check_without_files_checks_the_database() {
    let dir = tempfile::tempdir().unwrap();
    for database in databases() {
        let data = dir
            .path()
            .join(if database.is_some() { "pg" } else { "data" });
        let imported = run(kansli_on(&data, &database)
            .args(["import", "--json"])
            .arg(samples().join("itsam-direktionen-2021-11-18.txt"))
            .arg(samples().join("itsam-direktionen-2024-03-05.txt")));
        assert!(
            imported.status.success(),
            "{}",
            String::from_utf8_lossy(&imported.stderr)
        );
        let checked = run(kansli_on(&data, &database).args(["check", "--json"]));
        assert!(
            checked.status.success(),
            "{}",
            String::from_utf8_lossy(&checked.stderr)
        );
        let findings = stdout_json(&checked);
        let of_2021: Vec<(&str, &str)> = findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["meeting_date"] == "2021-11-18")
            .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
            .collect();
        assert!(of_2021.contains(&("notice-late", "error")), "{findings}");
        assert!(
            of_2021.contains(&("seat-served-twice", "error")),
            "{findings}"
        );
        assert!(
            findings
                .as_array()
                .unwrap()
                .iter()
                .all(|f| { f["meeting_date"] != "2024-03-05" || f["severity"] != "error" }),
            "{findings}"
        );
        let file = findings[0]["file"].as_str().unwrap();
        assert!(file.contains("/2021-11-18"), "{file}");
    }
}

#[test]
fn database_url_points_the_database_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("elsewhere.sqlite3");
    let output = run(kansli()
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--database")
        .arg(format!("sqlite:{}", database.display()))
        .args(["import", "--json"])
        .arg(samples().join("lomma-barn-och-utbildningsnamnden-2024-05-14.txt")));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(database.exists(), "the database is where the URL says");
    assert!(!dir.path().join("data/kansli.sqlite3").exists());

    let refused = run(kansli()
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .args([
            "--database",
            "postgres://kansli@127.0.0.1:1/kansli",
            "import",
        ])
        .arg(samples().join("lomma-barn-och-utbildningsnamnden-2024-05-14.txt")));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert_eq!(
        stderr.matches("Connection refused").count(),
        1,
        "said once: {stderr}"
    );
}

/// The text samples, copied into a fresh input folder.
fn text_samples(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for entry in std::fs::read_dir(samples()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
        }
    }
    input
}

/// Row counts of the tables an import fills, on a PostgreSQL test database.
fn pg_counts(url: &str) -> String {
    let cluster = kansli_testpg::shared().expect("the cluster");
    let database = url.rsplit('/').next().unwrap();
    let tables = [
        "authorities",
        "bodies",
        "persons",
        "cases",
        "meetings",
        "minutes",
        "paragraphs",
        "attendance",
        "stored_files",
        "minutes_sources",
        "changes",
        "jobs",
    ];
    let sql = tables
        .iter()
        .map(|t| format!("'{t}=' || (SELECT count(*) FROM {t})"))
        .collect::<Vec<_>>()
        .join(" || ' ' || ");
    cluster
        .psql(database, &format!("SELECT {sql}"))
        .expect("psql")
        .trim()
        .to_string()
}

#[test]
fn two_imports_at_once_on_postgresql_store_each_protocol_once() {
    let Some(alone_url) = kansli_testpg::fresh_database_url() else {
        return;
    };
    let together_url = kansli_testpg::fresh_database_url().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = text_samples(dir.path());
    let alone = run(
        kansli_on(&dir.path().join("alone"), &Some(alone_url.clone()))
            .args(["import", "--json"])
            .arg(&input),
    );
    assert!(
        alone.status.success(),
        "{}",
        String::from_utf8_lossy(&alone.stderr)
    );
    // Three processes on one new database at once: they also race to create the schema.
    let children: Vec<_> = (0..3)
        .map(|i| {
            kansli_on(
                &dir.path().join(format!("p{i}")),
                &Some(together_url.clone()),
            )
            .args(["import", "--json"])
            .arg(&input)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    let mut imported = 0;
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let summary = stdout_json(&output);
        imported += summary["imported"].as_u64().unwrap() + summary["updated"].as_u64().unwrap();
    }
    assert_eq!(
        imported, 6,
        "each protocol stored by exactly one of the processes"
    );
    assert_eq!(pg_counts(&together_url), pg_counts(&alone_url));
}

#[test]
fn migrate_copies_an_installation_to_postgresql_and_twice_is_safe() {
    let Some(url) = kansli_testpg::fresh_database_url() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let input = text_samples(dir.path());
    let imported = run(kansli_on(&data, &None)
        .args(["import", "--json"])
        .arg(&input));
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );

    let from = format!("sqlite:{}", data.display());
    let first = run(kansli().args(["migrate", "--from", &from, "--to", &url, "--json"]));
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{stderr}");
    assert!(stderr.contains("copied and verified"), "{stderr}");
    let report = stdout_json(&first);
    assert_eq!(report["outcome"], "copied");
    let minutes = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "minutes")
        .unwrap()
        .clone();
    assert_eq!(minutes["source_rows"], 6);
    assert_eq!(minutes["target_rows"], 6);

    let second = run(kansli().args(["migrate", "--from", &from, "--to", &url]));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{stderr}");
    assert!(stderr.contains("already holds exactly"), "{stderr}");

    // The copy is a working installation: importing there finds everything unchanged.
    let again = run(kansli_on(&dir.path().join("pg"), &Some(url.clone()))
        .args(["import", "--json"])
        .arg(&input));
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(stdout_json(&again)["unchanged"], 6);

    // Into a database that holds something else: refused, with the reason.
    let other = kansli_testpg::fresh_database_url().unwrap();
    let one = run(kansli_on(&dir.path().join("other"), &Some(other.clone()))
        .args(["import"])
        .arg(samples().join("lomma-kommunfullmaktige-2024-09-26.txt")));
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let refused = run(kansli().args(["migrate", "--from", &from, "--to", &other]));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(stderr.contains("not empty"), "{stderr}");
}

/// `kansli serve` on a database, on a random port; the child and its address.
fn start_server(data: &Path, database: &Option<String>) -> (std::process::Child, String) {
    spawn_server(kansli_on(data, database).args(["serve", "--listen", "127.0.0.1:0"]))
}

/// Starts a `kansli serve` command and waits for the address it says it listens on.
fn spawn_server(command: &mut Command) -> (std::process::Child, String) {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kansli serve starts");
    let stderr = child.stderr.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://").nth(1) {
                let address = rest.split('/').next().unwrap_or_default().to_string();
                let _ = sender.send(address);
            }
        }
    });
    let address = receiver
        .recv_timeout(Duration::from_secs(120))
        .expect("the server says where it listens");
    (child, address)
}

/// The status line's code and the body of a GET.
fn get(address: &str, path: &str) -> (u16, String) {
    let response = http_get(address, path).unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

#[test]
fn two_servers_on_one_postgresql_database_serve_the_same_truth() {
    let Some(url) = kansli_testpg::fresh_database_url() else {
        return;
    };
    let url = Some(url);
    let dir = tempfile::tempdir().unwrap();
    let (mut a, address_a) = start_server(&dir.path().join("a"), &url);
    let (mut b, address_b) = start_server(&dir.path().join("b"), &url);
    let page = "/lomma-kommun/kommunfullmaktige/2024-09-26";
    assert_eq!(get(&address_a, page).0, 404);

    // Pages are served all through the import, never an error.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poller = {
        let (stop, address) = (stop.clone(), address_a.clone());
        std::thread::spawn(move || {
            let mut statuses = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                statuses.push(get(&address, "/").0);
                statuses.push(get(&address, page).0);
            }
            statuses
        })
    };
    let input = text_samples(dir.path());
    let imported = run(kansli_on(&dir.path().join("importer"), &url)
        .args(["import", "--json"])
        .arg(&input));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let statuses = poller.join().unwrap();
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 404),
        "{statuses:?}"
    );

    for address in [&address_a, &address_b] {
        let (status, body) = get(address, page);
        assert_eq!(status, 200, "{address}");
        assert!(body.contains("Beslut om ny styrmodell för Lomma kommun"));
        // The original comes from the database: neither server's data directory has it.
        let (status, json) = get(
            address,
            "/api/v1/authorities/lomma-kommun/bodies/kommunfullmaktige/meetings/2024-09-26",
        );
        assert_eq!(status, 200);
        let download = json
            .split("\"download_url\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a download link")
            .to_string();
        let path = download
            .split_once("://")
            .map_or(download.as_str(), |(_, rest)| {
                rest.find('/').map_or(rest, |i| &rest[i..])
            });
        let (status, file) = get(address, path);
        assert_eq!(status, 200, "{path}");
        assert!(file.contains("Kommunfullm"), "{path}");
    }
    // Each server's own search index catches up from the database's change log: the import
    // went through neither of them, yet both find it (in another inflection) within seconds.
    for address in [&address_a, &address_b] {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let (status, json) = get(address, "/api/v1/search?q=styrmodellen");
            assert_eq!(status, 200, "{address}: {json}");
            if json.contains("\"meeting_date\":\"2024-09-26\"") {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{address} did not find the import within 60 s: {json}"
            );
            std::thread::sleep(Duration::from_millis(250));
        }
    }
    let _ = a.kill();
    let _ = b.kill();
    let _ = a.wait();
    let _ = b.wait();
}

/// Correcting imports from the shell: a protocol that names no authority, filed under "Okänd
/// myndighet", is imported again with `--authority` and moved (one meeting, not two), while one
/// whose text names its authority stays under it whatever `--authority` says; `kansli meeting
/// move` files it under another body; `kansli meeting remove` takes it out (the audit rows are
/// checked in the store's conformance suite).
#[test]
fn wrong_imports_are_moved_and_removed() {
    for database in databases() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let unnamed = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../import/tests/cases/02-bare-party-letters.txt");
        let first = run(kansli_on(&data, &database)
            .args(["import", "--json"])
            .arg(&unnamed));
        assert!(
            first.status.success(),
            "{}",
            String::from_utf8_lossy(&first.stderr)
        );
        assert_eq!(stdout_json(&first)["without_authority"], 1);
        let again = run(kansli_on(&data, &database)
            .args(["import", "--json", "--authority", "Ekby kommun"])
            .arg(&unnamed));
        assert!(
            again.status.success(),
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
        assert_eq!(stdout_json(&again)["moved"], 1);
        let stderr = String::from_utf8_lossy(&again.stderr);
        assert!(
            stderr.contains("moved okand-myndighet/socialnamnden/2024-11-07 to ekby-kommun/socialnamnden/2024-11-07"),
            "{stderr}"
        );
        // The text names Kommunalförbundet Itsam: `--authority` does not refile it.
        let file = samples().join("itsam-direktionen-2024-03-05.txt");
        let named = run(kansli_on(&data, &database)
            .args(["import", "--json", "--authority", "Ekby kommun"])
            .arg(&file));
        assert!(
            named.status.success(),
            "{}",
            String::from_utf8_lossy(&named.stderr)
        );
        assert_eq!(stdout_json(&named)["moved"], 0);
        let listed = run(kansli_on(&data, &database).args([
            "render",
            "kommunalforbundet-itsam/direktionen/2024-03-05",
            "--format",
            "txt",
        ]));
        assert!(
            listed.status.success(),
            "filed under the authority its text names: {}",
            String::from_utf8_lossy(&listed.stderr)
        );

        let moved = run(kansli_on(&data, &database).args([
            "meeting",
            "move",
            "direktionen/2024-03-05",
            "--body",
            "Arbetsutskottet",
        ]));
        assert!(
            moved.status.success(),
            "{}",
            String::from_utf8_lossy(&moved.stderr)
        );
        assert!(
            String::from_utf8_lossy(&moved.stderr)
                .contains("to kommunalforbundet-itsam/arbetsutskottet/2024-03-05")
        );
        let nowhere = run(kansli_on(&data, &database).args([
            "meeting",
            "move",
            "direktionen/2024-03-05",
            "--body",
            "X",
        ]));
        assert!(!nowhere.status.success());
        assert!(String::from_utf8_lossy(&nowhere.stderr).contains("no meeting matches"));

        let removed = run(kansli_on(&data, &database).args([
            "meeting",
            "remove",
            "Kommunalförbundet Itsam/Arbetsutskottet/2024-03-05",
            "--reason",
            "importerad av misstag",
        ]));
        assert!(
            removed.status.success(),
            "{}",
            String::from_utf8_lossy(&removed.stderr)
        );
        let check = run(kansli_on(&data, &database).args([
            "render",
            "arbetsutskottet/2024-03-05",
            "--format",
            "txt",
        ]));
        assert!(!check.status.success(), "the meeting is gone");
    }
}

/// `kansli verify`: a PDF that is not justerade minutes kept here is not valid, with the reason
/// and exit status 1, in words and as JSON; a missing file is an error naming it.
#[test]
fn verify_names_why_a_pdf_is_not_a_justerat_protokoll() {
    for database in databases() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = samples().join("itsam-direktionen-2024-03-05.pdf");
        let out = run(kansli_on(dir.path(), &database).arg("verify").arg(&pdf));
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(
            text.contains("NOT VALID") && text.contains("fingerprint"),
            "{text}"
        );
        let out = run(kansli_on(dir.path(), &database)
            .args(["verify", "--json"])
            .arg(&pdf));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["valid"], false);
        assert_eq!(json["sha256"].as_str().unwrap().len(), 64);
        let out = run(kansli_on(dir.path(), &database).args(["verify", "no-such.pdf"]));
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("no-such.pdf"));
    }
}

/// `kansli justera` finds the meeting as `kansli render` does and refuses minutes that are not
/// released for justering: imported minutes are justerade already, and stay as they were.
#[test]
fn justera_refuses_imported_minutes_and_unknown_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = run(kansli_on(&data, &None)
        .arg("import")
        .arg(samples().join("itsam-direktionen-2024-03-05.txt")));
    assert!(output.status.success(), "{output:?}");
    let output = run(kansli_on(&data, &None).args([
        "justera",
        "direktionen/2024-03-05",
        "--date",
        "2024-03-08",
    ]));
    assert!(!output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("only minutes released for justering can"),
        "{stderr}"
    );
    let output = run(kansli_on(&data, &None).args([
        "justera",
        "direktionen/1999-01-01",
        "--date",
        "1999-01-02",
    ]));
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no meeting matches"),
        "{output:?}"
    );
}
