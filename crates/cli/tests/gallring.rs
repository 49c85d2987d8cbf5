//! `kansli gallring` end to end, on both backends: rules, types, the list of what is due, a
//! run that refuses without --confirm, deletes with it and logs under its rule, and a bevaras
//! document that is never deleted.

use std::path::Path;
use std::process::{Command, Output};

use kansli_core::DnrFormat;
use kansli_store::{Actor, NewAuthority, NewDocument, Store, StoreConfig};

fn kansli(data: &Path, database: &Option<String>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kansli"));
    command
        .env_remove("KANSLI_DATA_DIR")
        .env_remove("KANSLI_DATABASE")
        .arg("--data-dir")
        .arg(data);
    if let Some(url) = database {
        command.arg("--database").arg(url);
    }
    command.arg("gallring").args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn databases() -> Vec<Option<String>> {
    let mut out = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        out.push(Some(url));
    }
    out
}

#[tokio::test]
async fn gallring_deletes_what_is_due_only_when_confirmed_and_never_what_is_bevaras() {
    for database in databases() {
        let data = tempfile::tempdir().unwrap();
        let config = StoreConfig {
            data_dir: data.path().to_path_buf(),
            database_url: database.clone(),
        };
        let store = Store::open(&config).await.unwrap();
        let actor = Actor::shell();
        let a = "lomma-kommun";
        store
            .create_authority(
                &actor,
                &NewAuthority {
                    name: "Lomma kommun".into(),
                    kind: "kommun".into(),
                    dnr_series: Some("KS".into()),
                    dnr_format: DnrFormat::standard(),
                },
            )
            .await
            .unwrap();
        let case = store
            .register_case(&actor, a, "Bygglov", None)
            .await
            .unwrap()
            .unwrap();
        let mut ids = Vec::new();
        for (title, bytes) in [
            ("Ansökan", b"ansokan".as_slice()),
            ("Beslut", b"beslut".as_slice()),
        ] {
            let new = NewDocument {
                title: title.into(),
                direction: "incoming".into(),
                confidential: false,
                secrecy_ground: None,
                file_name: format!("{title}.pdf"),
                media_type: "application/pdf".into(),
                content: bytes.to_vec(),
            };
            ids.push(
                store
                    .add_case_document(&actor, a, &case.key, &new)
                    .await
                    .unwrap()
                    .unwrap()
                    .id,
            );
        }
        store
            .set_case_status(&actor, a, &case.key, true, None)
            .await
            .unwrap()
            .unwrap();
        store.close().await;

        let run = |args: &[&str]| kansli(data.path(), &database, args);
        let ok = |args: &[&str]| {
            let out = run(args);
            assert!(out.status.success(), "{args:?}: {}", text(&out));
            text(&out)
        };
        ok(&[
            "rule",
            "--authority",
            "Lomma kommun",
            "--type",
            "Ansökan",
            "--years",
            "1",
        ]);
        ok(&["rule", "--authority", a, "--type", "Beslut", "--bevaras"]);
        let rules = ok(&["rules", "--authority", a]);
        assert!(
            rules.contains("Ansökan: gallras efter 1 år") && rules.contains("Beslut: bevaras"),
            "{rules}"
        );
        ok(&[
            "classify",
            "--authority",
            a,
            "--document",
            &ids[0].to_string(),
            "--type",
            "ansökan",
        ]);
        ok(&[
            "classify",
            "--authority",
            a,
            "--document",
            &ids[1].to_string(),
            "--type",
            "Beslut",
        ]);
        let out = run(&[
            "classify",
            "--authority",
            a,
            "--document",
            &ids[1].to_string(),
            "--type",
            "Okänd",
        ]);
        assert!(
            !out.status.success() && text(&out).contains("not a document type"),
            "{}",
            text(&out)
        );
        let out = run(&["rule", "--authority", a, "--type", "X"]);
        assert!(!out.status.success(), "a rule needs --bevaras or --years");

        let list = ok(&["list", "--authority", a, "--today", "2099-01-01"]);
        assert!(
            list.contains("Ansökan") && !list.contains("Beslut\t"),
            "{list}"
        );
        assert!(list.contains("1 document(s) due"), "{list}");
        let out = run(&["run", "--authority", a, "--today", "2099-01-01"]);
        assert!(
            !out.status.success() && text(&out).contains("--confirm"),
            "{}",
            text(&out)
        );
        let store = Store::open(&config).await.unwrap();
        assert!(
            store.document_content(ids[0]).await.unwrap().is_some(),
            "not deleted without --confirm"
        );
        store.close().await;

        let done = ok(&[
            "run",
            "--authority",
            a,
            "--today",
            "2099-01-01",
            "--confirm",
        ]);
        assert!(done.contains("1 document(s) gallrade"), "{done}");
        let log = ok(&["log", "--authority", a]);
        assert!(
            log.contains("Ansökan") && log.contains("gallras efter 1 år"),
            "{log}"
        );
        let again = ok(&[
            "run",
            "--authority",
            a,
            "--today",
            "2099-01-01",
            "--confirm",
        ]);
        assert!(again.contains("0 document(s) gallrade"), "{again}");
        let store = Store::open(&config).await.unwrap();
        assert!(store.document_content(ids[0]).await.unwrap().is_none());
        assert_eq!(
            store.document_content(ids[1]).await.unwrap().unwrap().2,
            b"beslut"
        );
        store.close().await;
        let out = run(&["list", "--authority", "Okänd", "--today", "2099-01-01"]);
        assert!(
            !out.status.success() && text(&out).contains("no authority"),
            "{}",
            text(&out)
        );
        let out = run(&["list", "--authority", a, "--today", "snart"]);
        assert!(
            !out.status.success() && text(&out).contains("not a date"),
            "{}",
            text(&out)
        );
    }
}
