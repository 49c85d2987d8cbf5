//! `kansli meeting move|remove`: correcting imports — a meeting filed under the wrong
//! authority or body is moved, one imported by mistake is removed; both are audited (the
//! audit log names the shell as the actor) and the search index follows at once.

use std::process::ExitCode;

use anyhow::bail;
use clap::Subcommand;
use kansli_store::{Actor, Store, StoreConfig, documents::MeetingRef};

/// Corrections of imported meetings.
#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Move an imported meeting to another authority and/or body (created when new).
    Move {
        /// The meeting: an id, BODY/DATE or AUTHORITY/BODY/DATE (names or slugs).
        meeting: String,
        /// The authority it belongs to (default: where it is now).
        #[arg(long)]
        authority: Option<String>,
        /// The body it belongs to, by name (default: as read from the protocol).
        #[arg(long)]
        body: Option<String>,
    },
    /// Remove a wrongly imported meeting (its minutes and paragraphs; the original files stay
    /// stored but are no longer served).
    Remove {
        /// The meeting: an id, BODY/DATE or AUTHORITY/BODY/DATE (names or slugs).
        meeting: String,
        /// Why, for the audit log.
        #[arg(long)]
        reason: Option<String>,
    },
}

/// Runs one correction.
pub async fn run(config: &StoreConfig, command: MeetingCommand) -> anyhow::Result<ExitCode> {
    let store = Store::open(config).await?;
    let actor = Actor::shell();
    match command {
        MeetingCommand::Move {
            meeting,
            authority,
            body,
        } => {
            if authority.is_none() && body.is_none() {
                bail!("say where to: --authority NAME, --body NAME or both");
            }
            let m = one(&store, &meeting).await?;
            let authority = authority.unwrap_or_else(|| m.authority_name.clone());
            let moved = store
                .move_imported_meeting(m.meeting_id, &authority, body.as_deref(), &actor)
                .await?;
            crate::search::catch_up_after_import(&store).await;
            eprintln!(
                "moved {} to {} (id {})",
                moved.from.spec(),
                moved.to.spec(),
                moved.to.meeting_id
            );
        }
        MeetingCommand::Remove { meeting, reason } => {
            let m = one(&store, &meeting).await?;
            let removed = store
                .remove_imported_meeting(m.meeting_id, &actor, reason.as_deref())
                .await?;
            crate::search::catch_up_after_import(&store).await;
            eprintln!("removed {} (id {})", removed.spec(), removed.meeting_id);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The one meeting a spec names, or an error listing the candidates.
pub(crate) async fn one(store: &Store, spec: &str) -> anyhow::Result<MeetingRef> {
    let found = store.find_meetings(spec).await?;
    match found.as_slice() {
        [] => bail!("no meeting matches {spec:?}: use an id, BODY/DATE or AUTHORITY/BODY/DATE"),
        [one] => Ok(one.clone()),
        many => bail!(
            "{spec:?} is ambiguous: it matches {}",
            many.iter()
                .map(|m| format!("{} (id {})", m.spec(), m.meeting_id))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
