//! Accounts on both backends: users and grants, tokens, sessions, login failures, and the
//! audit log that every change writes and that the database itself keeps append-only.

mod builder;

use kansli_auth::{ApiToken, Email, Grant, NewPassword, Role, SessionId};
use kansli_store::{Actor, AuditFilter, NewUser, Store, StoreConfig, StoreError, UserChange};

/// A store on each backend with Itsam's direktion imported (so grants have a body to name).
async fn stores() -> Vec<(Store, tempfile::TempDir)> {
    let mut urls = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        urls.push(Some(url));
    }
    let mut out = Vec::new();
    for database_url in urls {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&StoreConfig {
            data_dir: dir.path().to_path_buf(),
            database_url,
        })
        .await
        .expect("open store");
        eprintln!("-- on {:?}", store.backend());
        let protocol = builder::ProtocolBuilder::itsam().build();
        store
            .import_protocol(&protocol, b"original", "p.txt", "Kommunalförbundet Itsam")
            .await
            .expect("import");
        out.push((store, dir));
    }
    out
}

fn secretary_grant() -> Grant {
    Grant::new(
        Role::Secretary,
        Some("kommunalforbundet-itsam".into()),
        Some("direktionen".into()),
    )
    .unwrap()
}

fn new_user(email: &str, grants: Vec<Grant>) -> NewUser {
    let password = NewPassword::parse("rätt häst batteri häfta", email, "Anna Andersson")
        .unwrap()
        .hash()
        .unwrap();
    NewUser {
        email: Email::parse(email).unwrap(),
        name: "Anna Andersson".into(),
        password: Some(password),
        grants,
    }
}

#[tokio::test]
async fn accounts_grants_and_their_audit_trail() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        let user = store
            .create_user(&actor, &new_user("Anna@Itsam.se", vec![secretary_grant()]))
            .await
            .expect("create");
        assert_eq!(user.email, "anna@itsam.se");
        assert_eq!(user.grants, vec![secretary_grant()]);
        assert!(user.has_password);

        // The same e-mail in another case is the same account.
        let again = store
            .create_user(&actor, &new_user("ANNA@itsam.se", vec![]))
            .await
            .unwrap_err();
        assert!(matches!(again, StoreError::Refused(_)), "{again}");

        // A grant naming a body that does not exist is refused, and nothing is stored.
        let nowhere = Grant::new(
            Role::Member,
            Some("kommunalforbundet-itsam".into()),
            Some("finns-inte".into()),
        )
        .unwrap();
        let err = store
            .create_user(&actor, &new_user("bo@itsam.se", vec![nowhere]))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("finns-inte"), "{err}");
        // A reference to nothing is invalid input (422 in the API), no conflict.
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        assert_eq!(store.users().await.unwrap().len(), 1);

        // Updates carry versions: a stale one is refused.
        let changed = store
            .update_user(
                &actor,
                user.id,
                &UserChange {
                    name: Some("Anna Berg".into()),
                    version: Some(user.version),
                    ..UserChange::default()
                },
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(changed.name, "Anna Berg");
        assert_eq!(changed.version, user.version + 1);
        let stale = store
            .update_user(
                &actor,
                user.id,
                &UserChange {
                    disabled: Some(true),
                    version: Some(user.version),
                    ..UserChange::default()
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(stale, StoreError::Stale { current, .. } if current == changed.version));

        let (events, total) = store
            .audit_events(&AuditFilter {
                entity: Some("user:anna@itsam.se".into()),
                limit: 10,
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(total, 2);
        assert_eq!(events[0].action, "user.update");
        assert_eq!(events[0].before.as_ref().unwrap()["name"], "Anna Andersson");
        assert_eq!(events[0].after.as_ref().unwrap()["name"], "Anna Berg");
        assert_eq!(events[1].action, "user.create");
        assert_eq!(events[1].actor, "kansli (kommandoraden)");
        let text = serde_json::to_string(&events).unwrap();
        assert!(!text.contains("argon2"), "no password hash in the log");
    }
}

#[tokio::test]
async fn the_audit_log_is_append_only_in_the_database() {
    for (store, _dir) in stores().await {
        store
            .audit(&Actor::shell(), "test.event", "thing:1", None)
            .await
            .unwrap();
        for sql in [
            "UPDATE audit_events SET actor = 'someone else'",
            "DELETE FROM audit_events",
        ] {
            let err = store.execute_raw_for_tests(sql).await.unwrap_err();
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        let (events, _) = store
            .audit_events(&AuditFilter {
                limit: 10,
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].actor, "kansli (kommandoraden)");
    }
}

#[tokio::test]
async fn tokens_are_found_by_hash_and_stop_when_revoked_or_disabled() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        let user = store
            .create_user(&actor, &new_user("anna@itsam.se", vec![secretary_grant()]))
            .await
            .unwrap();
        let token = ApiToken::generate().unwrap();
        let info = store
            .create_token(&actor, user.id, "skript", &token.hash())
            .await
            .unwrap();
        let (found, token_id) = store
            .user_by_token(&token.hash(), Some("127.0.0.1"))
            .await
            .unwrap()
            .expect("token works");
        assert_eq!((found.id, token_id), (user.id, info.id));
        // Used twice in the same hour: one `token.use` event.
        store.user_by_token(&token.hash(), None).await.unwrap();
        let (uses, _) = store
            .audit_events(&AuditFilter {
                entity: Some(format!("token:{}", info.id)),
                limit: 10,
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(
            uses.iter().filter(|e| e.action == "token.use").count(),
            1,
            "{uses:?}"
        );
        // Nothing of the token itself is stored.
        let tokens = store.tokens(Some(user.id)).await.unwrap();
        assert_eq!(tokens.len(), 1);
        assert!(tokens[0].last_used_at.is_some());

        // Another user cannot revoke it; its owner can.
        assert!(
            !store
                .revoke_token(&actor, info.id, Some(user.id + 100))
                .await
                .unwrap()
        );
        assert!(
            store
                .revoke_token(&actor, info.id, Some(user.id))
                .await
                .unwrap()
        );
        assert!(
            store
                .user_by_token(&token.hash(), None)
                .await
                .unwrap()
                .is_none()
        );

        // A disabled account's tokens stop working.
        let second = ApiToken::generate().unwrap();
        store
            .create_token(&actor, user.id, "två", &second.hash())
            .await
            .unwrap();
        assert!(
            store
                .user_by_token(&second.hash(), None)
                .await
                .unwrap()
                .is_some()
        );
        store
            .update_user(
                &actor,
                user.id,
                &UserChange {
                    disabled: Some(true),
                    ..UserChange::default()
                },
            )
            .await
            .unwrap();
        assert!(
            store
                .user_by_token(&second.hash(), None)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn sessions_end_one_by_one_or_everywhere() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        let user = store
            .create_user(&actor, &new_user("anna@itsam.se", vec![]))
            .await
            .unwrap();
        let expires = store.now_utc() + chrono::Duration::hours(12);
        let ids: Vec<SessionId> = (0..3).map(|_| SessionId::generate().unwrap()).collect();
        let mut rows = Vec::new();
        for id in &ids {
            rows.push(
                store
                    .create_session(user.id, &id.hash(), "csrf", "password", None, expires)
                    .await
                    .unwrap(),
            );
        }
        let first = store.session(&ids[0].hash()).await.unwrap().unwrap();
        assert_eq!(first.user.id, user.id);
        assert!(!first.ended);
        store.end_session(&actor, rows[0]).await.unwrap();
        assert!(store.session(&ids[0].hash()).await.unwrap().unwrap().ended);
        assert!(!store.session(&ids[1].hash()).await.unwrap().unwrap().ended);
        assert_eq!(store.end_all_sessions(&actor, user.id).await.unwrap(), 2);
        assert!(store.session(&ids[2].hash()).await.unwrap().unwrap().ended);
        assert!(
            store
                .session(&SessionId::generate().unwrap().hash())
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn login_failures_count_per_account_and_address() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        for i in 0..3 {
            store
                .record_login_failure(&actor, "Anna@Itsam.se", &format!("10.0.0.{i}"), "wrong")
                .await
                .unwrap();
        }
        let since = store.now_utc() - chrono::Duration::minutes(15);
        let (account, address) = store
            .login_failures("anna@itsam.se", "10.0.0.1", since)
            .await
            .unwrap();
        assert_eq!((account.len(), address.len()), (3, 1));
        store.record_login(&actor, "anna@itsam.se").await.unwrap();
        let (account, _) = store
            .login_failures("anna@itsam.se", "10.0.0.1", since)
            .await
            .unwrap();
        assert!(account.is_empty());
    }
}
