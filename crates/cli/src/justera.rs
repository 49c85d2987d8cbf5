//! `kansli justera MEETING --date D`: minutes signed on paper are marked justerade by the
//! secretary (audited with the shell as the actor). The notice goes on every anslagstavla of
//! the body with the law engine's dates, and the paragraphs' dispatches become the expediering
//! checklist; `KANSLI_NOW` fixes "now" (the notice is never posted before today).

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use kansli_store::{Actor, Store, StoreConfig};

/// What to justera.
#[derive(Debug, Args)]
pub struct JusteraArgs {
    /// The meeting: an id, BODY/DATE or AUTHORITY/BODY/DATE (names or slugs).
    meeting: String,
    /// The day the minutes were justerade (signed), YYYY-MM-DD.
    #[arg(long)]
    date: NaiveDate,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Marks the released minutes of the meeting justerade.
pub async fn run(config: &StoreConfig, args: &JusteraArgs) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(config).await?;
    if let Some(now) = crate::fixed_now()? {
        store = store.with_clock(std::sync::Arc::new(move || now));
    }
    let m = crate::corrections::one(&store, &args.meeting).await?;
    let done = store
        .justera_minutes(&Actor::shell(), m.meeting_id, args.date)
        .await?;
    crate::search::catch_up_after_import(&store).await;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&done)?);
    } else {
        println!(
            "{} justerat {} (sista dag för anslag {}); överklagandetiden går ut {}",
            m.spec(),
            done.justerad_on,
            done.posting_deadline,
            done.appeal_last_day
        );
        for n in &done.notices {
            println!(
                "  anslag på {}: uppsatt {}, tas ned {}",
                n.board_name, n.posted, n.removal
            );
        }
        println!("  {} mottagare att expediera", done.dispatches);
    }
    Ok(ExitCode::SUCCESS)
}
