//! `kansli user …` and `kansli token …`: accounts and personal API tokens from the shell — the
//! first administrator, scripts and tests. Every change is audited as done from the shell.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, bail};
use kansli_auth::{ApiToken, Email, Grant, NewPassword, Role};
use kansli_store::{Actor, NewUser, Store, StoreConfig, UserChange};

/// `kansli user …`.
#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Create an account: `kansli user add anna@kommun.se --name "Anna Andersson" --role
    /// secretary --body itsam/direktionen`.
    Add {
        /// The e-mail address (the account's name; SSO logins are matched by it).
        email: String,
        /// The person's name.
        #[arg(long)]
        name: String,
        /// A role: admin, registrar, secretary, member (Swedish names work too); repeatable.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// AUTHORITY/BODY (slugs or names) for secretary and member; AUTHORITY for a registrar
        /// of one authority; repeatable.
        #[arg(long = "body")]
        bodies: Vec<String>,
        /// Read a password from the first line of standard input (otherwise the account can
        /// only sign in through SSO until a password is set).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Grant another role to an account.
    Grant {
        /// The account's e-mail.
        email: String,
        /// The role.
        #[arg(long)]
        role: String,
        /// AUTHORITY/BODY (or AUTHORITY for a registrar); repeatable.
        #[arg(long = "body")]
        bodies: Vec<String>,
    },
    /// List the accounts and their roles.
    List {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Disable an account: it cannot sign in, its sessions end and its tokens stop working.
    Disable {
        /// The account's e-mail.
        email: String,
    },
    /// Enable a disabled account.
    Enable {
        /// The account's e-mail.
        email: String,
    },
    /// Set an account's password from the first line of standard input.
    Password {
        /// The account's e-mail.
        email: String,
    },
}

/// `kansli token …`.
#[derive(Debug, clap::Subcommand)]
pub enum TokenCommand {
    /// Print a new personal API token for an account on stdout, nothing else.
    Create {
        /// The account's e-mail.
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "kommandoraden")]
        label: String,
    },
    /// List tokens (all, or one account's); never the tokens themselves.
    List {
        /// Only this account's.
        email: Option<String>,
    },
    /// Revoke a token by its id (from `kansli token list`).
    Revoke {
        /// The token's id.
        id: i64,
    },
}

/// Grants for each role, scoped by each `--body`.
fn grants(roles: &[String], bodies: &[String]) -> anyhow::Result<Vec<Grant>> {
    let mut out = Vec::new();
    for role in roles {
        let role = Role::parse(role)?;
        if bodies.is_empty() || role == Role::Admin {
            out.push(Grant::new(role, None, None)?);
            continue;
        }
        for scope in bodies {
            let scope = scope.trim().trim_matches('/');
            let (authority, body) = match scope.split_once('/') {
                Some((a, b)) => (Some(a.to_string()), Some(b.to_string())),
                None => (Some(scope.to_string()), None),
            };
            out.push(Grant::new(role, authority, body)?);
        }
    }
    Ok(out)
}

fn read_password(email: &str, name: &str) -> anyhow::Result<kansli_auth::PasswordHash> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("Password for {email} (at least 12 characters), then Enter:");
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let line = line.trim_end_matches(['\r', '\n']);
    Ok(NewPassword::parse(line, email, name)?.hash()?)
}

async fn open(config: &StoreConfig) -> anyhow::Result<Store> {
    Store::open(config).await.with_context(|| {
        format!(
            "cannot open the data directory {}",
            config.data_dir.display()
        )
    })
}

async fn find(store: &Store, email: &str) -> anyhow::Result<kansli_store::User> {
    let email = Email::parse(email)?;
    match store.user_by_email(&email).await? {
        Some((user, _)) => Ok(user),
        None => bail!("no account {email} (kansli user list shows them)"),
    }
}

fn roles_text(user: &kansli_store::User) -> String {
    if user.grants.is_empty() {
        return "(no role)".into();
    }
    user.grants
        .iter()
        .map(|g| match g.scope_text() {
            Some(s) => format!("{} {s}", g.role),
            None => g.role.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs `kansli user …`.
pub async fn user(config: &StoreConfig, command: UserCommand) -> anyhow::Result<ExitCode> {
    let store = open(config).await?;
    let actor = Actor::shell();
    match command {
        UserCommand::Add {
            email,
            name,
            roles,
            bodies,
            password_stdin,
        } => {
            let email = Email::parse(&email)?;
            if name.trim().is_empty() {
                bail!("--name: give the person's name");
            }
            let grants = grants(&roles, &bodies)?;
            let password = if password_stdin {
                Some(read_password(email.as_str(), &name)?)
            } else {
                None
            };
            let user = store
                .create_user(
                    &actor,
                    &NewUser {
                        email,
                        name,
                        password,
                        grants,
                    },
                )
                .await?;
            eprintln!("created {} ({})", user.email, roles_text(&user));
        }
        UserCommand::Grant {
            email,
            role,
            bodies,
        } => {
            let user = find(&store, &email).await?;
            let mut all = user.grants.clone();
            all.extend(grants(&[role], &bodies)?);
            let user = store
                .update_user(
                    &actor,
                    user.id,
                    &UserChange {
                        grants: Some(all),
                        ..UserChange::default()
                    },
                )
                .await?
                .context("the account vanished")?;
            eprintln!("{}: {}", user.email, roles_text(&user));
        }
        UserCommand::List { json } => {
            let users = store.users().await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&users)?);
            } else {
                for u in users {
                    println!(
                        "{}\t{}\t{}{}",
                        u.email,
                        u.name,
                        roles_text(&u),
                        if u.disabled { "\t(disabled)" } else { "" }
                    );
                }
            }
        }
        UserCommand::Disable { email } => set_disabled(&store, &actor, &email, true).await?,
        UserCommand::Enable { email } => set_disabled(&store, &actor, &email, false).await?,
        UserCommand::Password { email } => {
            let user = find(&store, &email).await?;
            let hash = read_password(&user.email, &user.name)?;
            store
                .update_user(
                    &actor,
                    user.id,
                    &UserChange {
                        password: Some(hash),
                        ..UserChange::default()
                    },
                )
                .await?;
            eprintln!("password set for {}", user.email);
        }
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

async fn set_disabled(
    store: &Store,
    actor: &Actor,
    email: &str,
    disabled: bool,
) -> anyhow::Result<()> {
    let user = find(store, email).await?;
    store
        .update_user(
            actor,
            user.id,
            &UserChange {
                disabled: Some(disabled),
                ..UserChange::default()
            },
        )
        .await?;
    eprintln!(
        "{} {}",
        user.email,
        if disabled { "disabled" } else { "enabled" }
    );
    Ok(())
}

/// Runs `kansli token …`.
pub async fn token(config: &StoreConfig, command: TokenCommand) -> anyhow::Result<ExitCode> {
    let store = open(config).await?;
    let actor = Actor::shell();
    match command {
        TokenCommand::Create { email, label } => {
            let user = find(&store, &email).await?;
            if user.disabled {
                bail!("{} is disabled: kansli user enable it first", user.email);
            }
            let token = ApiToken::generate()?;
            store
                .create_token(&actor, user.id, &label, &token.hash())
                .await?;
            println!("{}", token.reveal());
        }
        TokenCommand::List { email } => {
            let owner = match email {
                Some(e) => Some(find(&store, &e).await?.id),
                None => None,
            };
            let users = store.users().await?;
            for t in store.tokens(owner).await? {
                let who = users
                    .iter()
                    .find(|u| u.id == t.user_id)
                    .map_or("?", |u| u.email.as_str());
                println!(
                    "{}\t{who}\t{}\tcreated {}\tlast used {}{}",
                    t.id,
                    t.label,
                    t.created_at,
                    t.last_used_at.as_deref().unwrap_or("never"),
                    t.revoked_at
                        .as_deref()
                        .map(|r| format!("\trevoked {r}"))
                        .unwrap_or_default()
                );
            }
        }
        TokenCommand::Revoke { id } => {
            if !store.revoke_token(&actor, id, None).await? {
                bail!("no live token {id} (kansli token list shows them)");
            }
            eprintln!("token {id} revoked");
        }
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
