//! `kansli search QUERY` and `kansli reindex`: full-text search over the archive from the
//! command line, and rebuilding the search index from the database.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use kansli_search::{SearchIndex, SearchRequest, Sort};
use kansli_store::{Store, StoreConfig};
use serde::Serialize;

/// Options of `kansli search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words (any inflected form), "phrases" in quotes, -word to exclude.
    query: String,
    /// Print one JSON array of hits, best first.
    #[arg(long)]
    json: bool,
    /// Only this authority (slug or name).
    #[arg(long)]
    authority: Option<String>,
    /// Only this body (slug or name).
    #[arg(long)]
    body: Option<String>,
    /// Meetings on or after this date (YYYY-MM-DD).
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Meetings on or before this date (YYYY-MM-DD).
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Only paragraphs of this Dnr.
    #[arg(long)]
    dnr: Option<String>,
    /// Only paragraphs this person took part in (attended, moved, reserved) or that name them in
    /// their text; each hit says which.
    #[arg(long)]
    person: Option<String>,
    /// relevance or newest.
    #[arg(long, default_value = "relevance", value_parser = ["relevance", "newest"])]
    sort: String,
    /// How many hits.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

/// One hit as `--json` prints it.
#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    authority: &'a str,
    authority_name: &'a str,
    body: &'a str,
    body_slug: &'a str,
    meeting_date: NaiveDate,
    paragraph: i64,
    dnr: Option<&'a str>,
    title: &'a str,
    snippet: &'a str,
    score: f32,
    /// With `--person`: "attended", "named_in_text" or "attended_and_named_in_text".
    #[serde(skip_serializing_if = "Option::is_none")]
    person_match: Option<kansli_search::PersonMatch>,
    url: String,
    api_url: String,
}

/// Opens the store and the index, and brings the index up to date.
async fn open(config: &StoreConfig) -> anyhow::Result<(Store, SearchIndex)> {
    let store = Store::open(config).await.with_context(|| {
        format!(
            "cannot open the data directory {}",
            config.data_dir.display()
        )
    })?;
    let index = SearchIndex::open_for(&store)?;
    index.catch_up(&store, now()).await?;
    Ok((store, index))
}

/// The system clock, at the binary's edge (the index takes time as a parameter).
fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
}

/// Runs `kansli search`.
pub async fn run(config: &StoreConfig, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let (store, index) = open(config).await?;
    let request = SearchRequest {
        query: args.query.clone(),
        authority: args.authority.clone(),
        body: args.body.clone(),
        from: args.from,
        to: args.to,
        dnr: args.dnr.clone(),
        person: args.person.clone(),
        sort: Sort::parse(&args.sort),
        offset: 0,
        limit: args.limit.clamp(1, kansli_search::MAX_LIMIT),
    };
    let results = index.search(&request)?;
    store.close().await;
    if args.json {
        let hits: Vec<JsonHit> = results
            .hits
            .iter()
            .map(|h| JsonHit {
                authority: &h.authority,
                authority_name: &h.authority_name,
                body: &h.body,
                body_slug: &h.body_slug,
                meeting_date: h.meeting_date,
                paragraph: h.paragraph,
                dnr: h.dnr.as_deref(),
                title: &h.title,
                snippet: &h.snippet,
                score: h.score,
                person_match: h.person_match,
                url: kansli_server::paths::paragraph(
                    &h.authority,
                    &h.body_slug,
                    &h.meeting,
                    h.paragraph,
                ),
                api_url: kansli_server::paths::api::paragraph(
                    &h.authority,
                    &h.body_slug,
                    &h.meeting,
                    h.paragraph,
                ),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&hits)?);
        if hits.is_empty()
            && let Some(s) = &results.suggestion
        {
            eprintln!("No hits. Did you mean: {s}?");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    if results.hits.is_empty() {
        match &results.suggestion {
            Some(s) => println!("No hits. Did you mean: {s}?"),
            None => println!("No hits."),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(s) = &results.suggestion {
        println!("No exact hits; showing close matches. Did you mean: {s}?\n");
    }
    // Past the count's cap only "more than" is known, and an estimate.
    let counted = if results.total_capped {
        format!(
            "More than {} hits (about {})",
            results.total, results.total_estimate
        )
    } else {
        format!(
            "{} hit{}",
            results.total,
            if results.total == 1 { "" } else { "s" }
        )
    };
    println!(
        "{counted}{}",
        if results.total > results.hits.len() {
            format!(", showing {}", results.hits.len())
        } else {
            String::new()
        }
    );
    for h in &results.hits {
        println!();
        println!(
            "{} · {} · {} § {}{}",
            h.authority_name,
            h.body,
            h.meeting_date,
            h.paragraph,
            h.dnr
                .as_deref()
                .map(|d| format!(" · Dnr {d}"))
                .unwrap_or_default()
        );
        println!("  {}", h.title);
        if let Some(why) = h.person_match {
            println!(
                "  ({})",
                match why {
                    kansli_search::PersonMatch::Attended => "took part",
                    kansli_search::PersonMatch::NamedInText => "named in the text",
                    kansli_search::PersonMatch::AttendedAndNamed => "took part, named in the text",
                }
            );
        }
        println!("  {}", highlight(&h.snippet_html, bold));
        println!(
            "  {}",
            kansli_server::paths::paragraph(&h.authority, &h.body_slug, &h.meeting, h.paragraph)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Turns the snippet's `<mark>` HTML into terminal text: bold on a terminal, `*word*` otherwise.
fn highlight(html: &str, bold: bool) -> String {
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("*", "*")
    };
    html.replace("<mark>", on)
        .replace("</mark>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Runs `kansli reindex`.
pub async fn reindex(config: &StoreConfig) -> anyhow::Result<ExitCode> {
    let store = Store::open(config).await.with_context(|| {
        format!(
            "cannot open the data directory {}",
            config.data_dir.display()
        )
    })?;
    let started = std::time::Instant::now();
    let report = SearchIndex::rebuild(&store, now()).await?;
    store.close().await;
    eprintln!(
        "search index rebuilt: {} paragraphs of {} minutes in {:.1} s (change {})",
        report.paragraphs,
        report.minutes,
        started.elapsed().as_secs_f64(),
        report.applied
    );
    Ok(ExitCode::SUCCESS)
}

/// Brings the search index up to date after an import; a failure is reported, not fatal (the
/// next catch-up repairs it).
pub async fn catch_up_after_import(store: &Store) {
    if let Err(e) = store.mark_depublications_due().await {
        eprintln!("kansli: avpublicering was not checked: {e}");
    }
    let result = match SearchIndex::open_for(store) {
        Ok(index) => index.catch_up(store, now()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(report) if report.busy => {
            eprintln!("search index busy (a server is running?): it will catch up itself")
        }
        Ok(_) => {}
        Err(e) => eprintln!("kansli: the search index was not updated (run `kansli reindex`): {e}"),
    }
}
