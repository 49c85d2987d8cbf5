//! Search at national scale: a synthetic archive made from the samples' vocabulary, indexed into
//! tantivy (through Kansli's own schema and analysis) and into SQLite FTS5, and the same 200
//! queries with filters run against both at 10k, 100k and 1M paragraphs.
//!
//! `cargo bench -p kansli-search --bench search` (or `bench/search.sh`, which pins one core).
//! Environment: `KANSLI_BENCH_SIZES=10000,100000,1000000`, `KANSLI_BENCH_ROUNDS=2`,
//! `KANSLI_BENCH_DIR` (where the indexes go; a temp dir by default), `KANSLI_BENCH_QUERIES_OUT`
//! (write the query set as JSON there), `KANSLI_BENCH_KEEP` (keep the tantivy index and reuse a
//! kept one), `KANSLI_BENCH_HITS_OUT` (write each query's page of hits there, per size),
//! `KANSLI_BENCH_TIMES_OUT` (write each measured query run's time there, per size),
//! `KANSLI_BENCH_COUNT_CAP` (count fewer matches exactly than the server's 10,000).
//!
//! The archive: 290 kommuner × 20 bodies × 20 years (2006–2025); paragraph `i` is a pure
//! function of the seed and `i`, so every size is a prefix of the same archive with the same
//! spread over authorities, bodies and years. Titles, sentences, decisions and names come from
//! the six sample protocols; about one word in ten is swapped for another word of the samples and
//! a few are joined into new compounds, so the vocabulary grows with size as a real archive's does.

#![allow(missing_docs)]

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use kansli_search::analysis::Analysis;
use kansli_search::{SearchIndex, SearchRequest, Sort};
use kansli_store::search_feed::SearchDocument;
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

const SEED: u64 = 0x6b61_6e73_6c69;

/// splitmix64: small, fast, deterministic.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const BODIES: &[&str] = &[
    "Kommunfullmäktige",
    "Kommunstyrelsen",
    "Kommunstyrelsens arbetsutskott",
    "Barn- och utbildningsnämnden",
    "Kultur- och fritidsnämnden",
    "Socialnämnden",
    "Vård- och omsorgsnämnden",
    "Miljö- och byggnadsnämnden",
    "Tekniska nämnden",
    "Samhällsbyggnadsnämnden",
    "Valnämnden",
    "Överförmyndarnämnden",
    "Krisledningsnämnden",
    "Gymnasienämnden",
    "Arbetsmarknadsnämnden",
    "Servicenämnden",
    "Individ- och familjeomsorgsutskottet",
    "Personalutskottet",
    "Demokratiberedningen",
    "Direktionen",
];

const PREFIXES: &[&str] = &[
    "Väster", "Öster", "Norr", "Söder", "Ljung", "Sten", "Ek", "Björk", "Sjö", "Berg", "Lund",
    "Hög", "Mal", "Ör", "Kal", "Gran", "Al", "Ås", "Bro", "Fal",
];
const SUFFIXES: &[&str] = &[
    "by", "sund", "vik", "köping", "hamn", "åsa", "ryd", "holm", "torp", "stad", "fors", "dal",
    "berga", "ö", "tuna",
];
const FIRST: &[&str] = &[
    "Anna", "Maria", "Karin", "Eva", "Lena", "Kerstin", "Ingrid", "Sara", "Emma", "Elin", "Lars",
    "Anders", "Johan", "Per", "Karl", "Erik", "Peter", "Mikael", "Jan", "Hans", "Bert", "Marie",
    "Åsa", "Örjan", "Göran", "Håkan", "Björn", "Ulf", "Sven", "Tove",
];
const LAST: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Wallentin",
];

/// What the generator draws from, read from the samples.
struct Pool {
    titles: Vec<String>,
    sentences: Vec<String>,
    decisions: Vec<String>,
    words: Vec<String>,
    kommuner: Vec<String>,
}

impl Pool {
    fn from_samples() -> Pool {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples");
        let mut titles = Vec::new();
        let mut sentences = Vec::new();
        let mut decisions = Vec::new();
        let mut words = HashSet::new();
        let mut entries: Vec<_> = std::fs::read_dir(&root)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for path in entries {
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok(p) = kansli_import::parse_bytes(&bytes) else {
                continue;
            };
            for item in &p.items {
                titles.push(item.title.clone());
                if let Some(d) = &item.decision {
                    decisions.push(d.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                let mut texts: Vec<&str> = Vec::new();
                texts.extend(item.summary.as_deref());
                texts.extend(item.sections.iter().map(|s| s.text.as_str()));
                texts.extend(item.motions.iter().map(|m| m.text.as_str()));
                for text in texts {
                    for s in text.split(". ") {
                        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
                        if s.len() > 30 {
                            sentences.push(format!("{}.", s.trim_end_matches('.')));
                        }
                    }
                }
            }
        }
        for s in sentences.iter().chain(&titles) {
            for w in s.split(|c: char| !c.is_alphanumeric()) {
                if w.chars().count() >= 4 && w.chars().all(char::is_alphabetic) {
                    words.insert(w.to_lowercase());
                }
            }
        }
        let mut words: Vec<String> = words.into_iter().collect();
        words.sort();
        let mut kommuner = Vec::new();
        for p in PREFIXES {
            for s in SUFFIXES {
                kommuner.push(format!("{p}{s}"));
            }
        }
        kommuner.truncate(290);
        Pool {
            titles,
            sentences,
            decisions,
            words,
            kommuner,
        }
    }

    /// Paragraph `i` of the archive.
    fn paragraph(&self, i: u64) -> SearchDocument {
        let mut r = Rng::new(SEED ^ i.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let k = r.below(self.kommuner.len());
        let kommun = &self.kommuner[k];
        let b = r.below(BODIES.len());
        let body = BODIES[b];
        let year = 2006 + r.below(20) as i32;
        let date = NaiveDate::from_yo_opt(year, 1 + r.below(360) as u32).unwrap_or_default();
        let text = |r: &mut Rng, n: usize| {
            let mut out = Vec::new();
            for _ in 0..n {
                let s = r.pick(&self.sentences);
                let mut words: Vec<String> = s.split(' ').map(str::to_string).collect();
                for w in words.iter_mut() {
                    if r.chance(0.08) {
                        *w = r.pick(&self.words).clone();
                    } else if r.chance(0.02) {
                        // A new compound from two words of the samples, with the linking s.
                        let a = r.pick(&self.words).clone();
                        let b = r.pick(&self.words).clone();
                        *w = format!("{a}{}{b}", if r.chance(0.5) { "s" } else { "" });
                    }
                }
                if r.chance(0.15) {
                    words.push(format!("{kommun} kommun."));
                }
                out.push(words.join(" "));
            }
            out.join(" ")
        };
        let n = 1 + r.below(4);
        let summary = text(&mut r, n);
        let title = r.pick(&self.titles).clone();
        let decision = r
            .pick(&self.decisions)
            .replace("Direktionen", body)
            .replace("Kommunfullmäktige", body);
        let persons = (0..4 + r.below(8))
            .map(|_| format!("{} {}", r.pick(FIRST), r.pick(LAST)))
            .collect();
        let series: String = kommun.chars().take(3).collect::<String>().to_uppercase();
        SearchDocument {
            paragraph_id: i as i64,
            minutes_id: (i / 10) as i64,
            meeting_id: (i / 10) as i64,
            authority_id: k as i64 + 1,
            body_id: (k * BODIES.len() + b) as i64 + 1,
            authority_slug: kansli_core::text::slug(&format!("{kommun} kommun")),
            authority_name: format!("{kommun} kommun"),
            body_slug: kansli_core::text::slug(body),
            body_name: body.to_string(),
            meeting_slug: date.to_string(),
            meeting_date: date,
            number: 1 + r.below(200) as i64,
            dnr: Some(format!("{series} {year}/{}", 1 + r.below(400))),
            title,
            agenda_title: None,
            decision: Some(decision),
            summary: Some(summary),
            proposition_order: None,
            sections: Vec::new(),
            basis: Vec::new(),
            motions: Vec::new(),
            remarks: Vec::new(),
            persons,
        }
    }
}

/// The 200 queries: common and rare words, inflected forms, two- and three-word queries,
/// phrases, compounds, names and places, a fifth with filters and a fifth sorted by date.
fn queries(pool: &Pool) -> Vec<SearchRequest> {
    let mut r = Rng::new(SEED ^ 0x0071_7565_7279);
    let fixed = [
        "ringnät",
        "ringnätet",
        "dataskyddsombud",
        "Kinda utträde",
        "budget",
        "investeringsbudget",
        "budget för investeringar",
        "beslutade",
        "årsbokslut",
        "nätverkstekniker",
        "\"notera informationen\"",
        "revisionen",
        "förskola",
        "detaljplan",
        "motion",
        "sammanträdestider",
        "ledamöter",
        "ekonomisk uppföljning",
        "Wallentin",
        "bygglov",
    ];
    let mut texts: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    while texts.len() < 200 {
        let t = match r.below(6) {
            0 => r.pick(&pool.words).clone(),
            1 => format!("{} {}", r.pick(&pool.words), r.pick(&pool.words)),
            2 => {
                // A phrase: two or three neighbouring words of a sentence.
                let s = r.pick(&pool.sentences);
                let w: Vec<&str> = s.split(' ').collect();
                let start = r.below(w.len().saturating_sub(3).max(1));
                let n = 2 + r.below(2);
                let phrase: Vec<&str> = w.iter().skip(start).take(n).copied().collect();
                format!(
                    "\"{}\"",
                    phrase
                        .join(" ")
                        .trim_matches(|c: char| !c.is_alphanumeric())
                )
            }
            3 => {
                let s = r.pick(&pool.titles);
                s.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
            }
            4 => format!("{} {}", r.pick(FIRST), r.pick(LAST)),
            _ => format!("{} {}", r.pick(&pool.kommuner), r.pick(&pool.words)),
        };
        texts.push(t);
    }
    texts
        .into_iter()
        .map(|query| {
            let mut q = SearchRequest {
                query,
                limit: 10,
                ..SearchRequest::default()
            };
            match r.below(10) {
                0 | 1 => {
                    q.authority = Some(kansli_core::text::slug(&format!(
                        "{} kommun",
                        r.pick(&pool.kommuner)
                    )))
                }
                2 => q.body = Some(kansli_core::text::slug(BODIES[r.below(BODIES.len())])),
                3 => {
                    let y = 2006 + r.below(20) as i32;
                    q.from = NaiveDate::from_ymd_opt(y, 1, 1);
                    q.to = NaiveDate::from_ymd_opt(y + r.below(3) as i32, 12, 31);
                }
                _ => {}
            }
            if r.below(5) == 0 {
                q.sort = Sort::Newest;
            }
            q
        })
        .collect()
}

fn dir_size(path: &std::path::Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(path) {
        for e in entries.flatten() {
            let p = e.path();
            total += if p.is_dir() {
                dir_size(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            };
        }
    }
    total
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn env_usize(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The FTS5 form of a query: each word as a prefix of its stem (FTS5 has no Swedish stemmer;
/// a prefix is the usual stand-in), phrases as phrases, filters as `WHERE` on plain columns.
fn fts_query(q: &SearchRequest, analysis: &mut Analysis) -> Option<String> {
    let mut parts = Vec::new();
    let mut inside = false;
    for piece in q.query.split('"') {
        if inside {
            let words = analysis.words(piece);
            if !words.is_empty() {
                parts.push(format!("\"{}\"", words.join(" ")));
            }
        } else {
            for w in analysis.words(piece) {
                if let Some(stem) = analysis.stem(&w) {
                    parts.push(format!("\"{stem}\"*"));
                }
            }
        }
        inside = !inside;
    }
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

struct Figures {
    size: usize,
    measured: usize,
    index_secs: f64,
    index_mb: f64,
    p50: f64,
    p99: f64,
    mean: f64,
    hits: usize,
}

async fn fts5(
    pool: &Pool,
    size: usize,
    dir: &std::path::Path,
    qs: &[SearchRequest],
    rounds: usize,
) -> Result<(Figures, Figures), Box<dyn std::error::Error>> {
    let path = dir.join(format!("fts5-{size}.sqlite3"));
    let _ = std::fs::remove_file(&path);
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Off)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Off);
    let mut conn = SqliteConnection::connect_with(&options).await?;
    sqlx::query(
        "CREATE TABLE p (id INTEGER PRIMARY KEY, authority TEXT, body TEXT, meeting_date TEXT, \
         year TEXT, dnr TEXT, title TEXT, text TEXT)",
    )
    .execute(&mut conn)
    .await?;
    sqlx::query(
        "CREATE VIRTUAL TABLE f USING fts5(title, text, persons, content='', \
         tokenize = 'unicode61 remove_diacritics 0')",
    )
    .execute(&mut conn)
    .await?;
    let started = Instant::now();
    let mut tx = conn.begin().await?;
    for i in 0..size as u64 {
        let d = pool.paragraph(i);
        let text = format!(
            "{}\n\n{}",
            d.decision.as_deref().unwrap_or(""),
            d.summary.as_deref().unwrap_or("")
        );
        sqlx::query("INSERT INTO p VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(i as i64)
            .bind(&d.authority_slug)
            .bind(&d.body_slug)
            .bind(d.meeting_date.to_string())
            .bind(d.meeting_date.year().to_string())
            .bind(d.dnr.as_deref())
            .bind(&d.title)
            .bind(&text)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO f (rowid, title, text, persons) VALUES ($1, $2, $3, $4)")
            .bind(i as i64)
            .bind(&d.title)
            .bind(&text)
            .bind(d.persons.join("\n"))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    sqlx::query("CREATE INDEX p_auth ON p (authority)")
        .execute(&mut conn)
        .await?;
    sqlx::query("INSERT INTO f(f) VALUES ('optimize')")
        .execute(&mut conn)
        .await?;
    let index_secs = started.elapsed().as_secs_f64();
    let index_mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;

    let mut analysis = Analysis::new();
    let mut top_only = Vec::new();
    let mut full = Vec::new();
    let mut hits = 0;
    // FTS5 gets slow at a million rows: a time budget for its queries, and no warm-up round
    // above `KANSLI_BENCH_FTS_WARMUP_MAX` rows (the figures say how many queries were measured).
    let budget = Duration::from_secs(env_usize("KANSLI_BENCH_FTS_BUDGET_SECS", 480) as u64);
    let warm = size <= env_usize("KANSLI_BENCH_FTS_WARMUP_MAX", 100_000);
    let queries_started = Instant::now();
    let first_round = if warm { 0 } else { 1 };
    'rounds: for round in first_round..=rounds {
        for q in qs {
            if queries_started.elapsed() > budget {
                break 'rounds;
            }
            let Some(m) = fts_query(q, &mut analysis) else {
                continue;
            };
            let mut filter = String::new();
            let mut binds: Vec<String> = vec![m];
            if let Some(a) = &q.authority {
                binds.push(a.clone());
                filter.push_str(&format!(" AND p.authority = ${}", binds.len()));
            }
            if let Some(b) = &q.body {
                binds.push(b.clone());
                filter.push_str(&format!(" AND p.body = ${}", binds.len()));
            }
            if let (Some(from), Some(to)) = (q.from, q.to) {
                binds.push(from.to_string());
                filter.push_str(&format!(" AND p.meeting_date >= ${}", binds.len()));
                binds.push(to.to_string());
                filter.push_str(&format!(" AND p.meeting_date <= ${}", binds.len()));
            }
            let order = match q.sort {
                Sort::Newest => "p.meeting_date DESC",
                Sort::Relevance => "bm25(f, 2.0, 1.0, 1.0)",
            };
            // Top 10 with a snippet: contentless FTS5 has no snippet(), so the text comes from
            // the plain table (the snippet itself is cut in Rust, as cheap as it gets).
            let top_sql = format!(
                "SELECT p.id, p.title, p.text FROM f JOIN p ON p.id = f.rowid \
                 WHERE f MATCH $1{filter} ORDER BY {order} LIMIT 10"
            );
            let count_sql = format!(
                "SELECT p.authority, p.body, p.year, COUNT(*) FROM f JOIN p ON p.id = f.rowid \
                 WHERE f MATCH $1{filter} GROUP BY p.authority, p.body, p.year"
            );
            let t = Instant::now();
            let mut query =
                sqlx::query_as::<_, (i64, String, String)>(sqlx::AssertSqlSafe(top_sql));
            for b in &binds {
                query = query.bind(b);
            }
            let rows = query.fetch_all(&mut conn).await?;
            let _snippets: Vec<String> = rows
                .iter()
                .map(|r| r.2.chars().take(200).collect())
                .collect();
            let top = t.elapsed();
            let mut query =
                sqlx::query_as::<_, (String, String, String, i64)>(sqlx::AssertSqlSafe(count_sql));
            for b in &binds {
                query = query.bind(b);
            }
            let groups = query.fetch_all(&mut conn).await?;
            let all = t.elapsed();
            if round > 0 {
                top_only.push(top);
                full.push(all);
            }
            if round == first_round {
                hits += groups.iter().map(|g| g.3 as usize).sum::<usize>();
            }
        }
    }
    conn.close().await?;
    let measured = full.len();
    let figures = |mut v: Vec<Duration>| {
        v.sort();
        let mean = v.iter().map(Duration::as_secs_f64).sum::<f64>() / v.len().max(1) as f64;
        Figures {
            size,
            index_secs,
            index_mb,
            p50: percentile(&v, 0.5),
            p99: percentile(&v, 0.99),
            mean: mean * 1000.0,
            hits,
            measured,
        }
    };
    let out = (figures(top_only), figures(full));
    let _ = std::fs::remove_file(&path);
    Ok(out)
}

fn tantivy(
    pool: &Pool,
    size: usize,
    dir: &std::path::Path,
    qs: &[SearchRequest],
    rounds: usize,
    lexicon: &HashSet<String>,
    threads: usize,
) -> Result<Figures, Box<dyn std::error::Error>> {
    let path = dir.join(format!("tantivy-{size}"));
    // `KANSLI_BENCH_KEEP`: keep the index after the run and search an index kept before instead
    // of building it again (to compare query changes on one index; the index time is then 0).
    let keep = std::env::var("KANSLI_BENCH_KEEP").is_ok();
    let reuse = keep && path.join("meta.json").exists();
    if !reuse {
        let _ = std::fs::remove_dir_all(&path);
    }
    let started = Instant::now();
    let mut index = SearchIndex::open(&path)?;
    // `KANSLI_BENCH_COUNT_CAP`: count fewer matches exactly than the server does (to see what the
    // counting costs).
    if let Some(cap) = std::env::var("KANSLI_BENCH_COUNT_CAP")
        .ok()
        .and_then(|c| c.parse().ok())
    {
        index = index.with_count_cap(cap);
    }
    if !reuse {
        index.bulk_add(
            (0..size as u64).map(|i| pool.paragraph(i)),
            lexicon,
            threads,
        )?;
    }
    let index_secs = started.elapsed().as_secs_f64();
    // `KANSLI_BENCH_HITS_OUT`: each query's page of hits (paragraph ids and scores), to compare
    // the ranking of two builds.
    let mut pages = String::new();
    // `KANSLI_BENCH_TIMES_OUT`: each measured query run's milliseconds, per size.
    let mut per_query = String::new();
    let index_mb = dir_size(&path) as f64 / 1e6;
    let mut times = Vec::new();
    let mut hits = 0;
    let mut slowest: Vec<(Duration, usize, bool)> = Vec::new();
    for round in 0..=rounds {
        for (i, q) in qs.iter().enumerate() {
            let t = Instant::now();
            let r = index.search(q)?;
            let e = t.elapsed();
            if round > 0 {
                times.push(e);
                per_query.push_str(&format!("{i}\t{:.3}\n", e.as_secs_f64() * 1000.0));
                slowest.push((e, i, r.fuzzy || r.total == 0));
            } else {
                hits += r.total;
                let page: Vec<String> = r
                    .hits
                    .iter()
                    .map(|h| format!("{}:{:.3}", h.paragraph_id, h.score))
                    .collect();
                pages.push_str(&format!("{i}\t{}\n", page.join(" ")));
            }
        }
    }
    if std::env::var("KANSLI_BENCH_SLOWEST").is_ok() {
        slowest.sort_by_key(|a| std::cmp::Reverse(a.0));
        for (e, i, fuzzy) in slowest.iter().take(12) {
            eprintln!(
                "  {:>8.2} ms  fuzzy/none={fuzzy}  {:?}",
                e.as_secs_f64() * 1000.0,
                qs[*i]
            );
        }
    }
    times.sort();
    let mean = times.iter().map(Duration::as_secs_f64).sum::<f64>() / times.len().max(1) as f64;
    if let Ok(out) = std::env::var("KANSLI_BENCH_HITS_OUT") {
        std::fs::write(format!("{out}.{size}"), pages)?;
    }
    if let Ok(out) = std::env::var("KANSLI_BENCH_TIMES_OUT") {
        std::fs::write(format!("{out}.{size}"), per_query)?;
    }
    drop(index);
    if !keep {
        let _ = std::fs::remove_dir_all(&path);
    }
    Ok(Figures {
        size,
        index_secs,
        index_mb,
        p50: percentile(&times, 0.5),
        p99: percentile(&times, 0.99),
        mean: mean * 1000.0,
        hits,
        measured: rounds * qs.len(),
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; anything else is ignored.
    let sizes: Vec<usize> = std::env::var("KANSLI_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let rounds = env_usize("KANSLI_BENCH_ROUNDS", 2);
    let threads = env_usize("KANSLI_BENCH_THREADS", 1);
    let tmp = tempfile::tempdir()?;
    let dir = std::env::var("KANSLI_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;

    let pool = Pool::from_samples();
    let qs = queries(&pool);
    if let Ok(out) = std::env::var("KANSLI_BENCH_QUERIES_OUT") {
        let json: Vec<serde_json::Value> = qs
            .iter()
            .map(|q| {
                serde_json::json!({
                    "q": q.query, "authority": q.authority, "body": q.body,
                    "from": q.from, "to": q.to,
                    "sort": if q.sort == Sort::Newest { "newest" } else { "relevance" },
                })
            })
            .collect();
        std::fs::write(out, serde_json::to_string_pretty(&json)?)?;
    }
    // The lexicon for compound splitting: every stem of the generator's vocabulary.
    let mut analysis = Analysis::new();
    let mut lexicon = HashSet::new();
    for s in pool
        .sentences
        .iter()
        .chain(&pool.titles)
        .chain(&pool.decisions)
    {
        for (_, stem) in analysis.stems_of(s) {
            lexicon.insert(stem);
        }
    }
    for w in &pool.words {
        if let Some(stem) = analysis.stem(w) {
            lexicon.insert(stem);
        }
    }
    println!(
        "pool: {} titles, {} sentences, {} decisions, {} words, {} kommuner; {} queries; \
         lexicon {} stems; {} indexing thread(s); {} measured rounds",
        pool.titles.len(),
        pool.sentences.len(),
        pool.decisions.len(),
        pool.words.len(),
        pool.kommuner.len(),
        qs.len(),
        lexicon.len(),
        threads,
        rounds
    );
    let sample_len: usize = (0..1000u64)
        .map(|i| {
            let d = pool.paragraph(i);
            d.title.len() + d.summary.map_or(0, |s| s.len()) + d.decision.map_or(0, |s| s.len())
        })
        .sum::<usize>()
        / 1000;
    println!("average paragraph: {sample_len} bytes of text");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    println!(
        "\n| paragraphs | engine | index time s | index MB | p50 ms | p99 ms | mean ms | total hits (query runs measured) |"
    );
    println!("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for &size in &sizes {
        let t = tantivy(&pool, size, &dir, &qs, rounds, &lexicon, threads)?;
        println!(
            "| {} | tantivy (Kansli: top 10 + count + facets + snippets) | {:.1} | {:.0} | {:.2} | {:.2} | {:.2} | {} ({} runs) |",
            t.size, t.index_secs, t.index_mb, t.p50, t.p99, t.mean, t.hits, t.measured
        );
        if std::env::var("KANSLI_BENCH_ENGINES").is_ok_and(|e| !e.contains("fts5")) {
            continue;
        }
        let (top, full) = runtime.block_on(fts5(&pool, size, &dir, &qs, rounds))?;
        println!(
            "| {} | SQLite FTS5 (top 10 only) | {:.1} | {:.0} | {:.2} | {:.2} | {:.2} | {} ({} runs) |",
            top.size,
            top.index_secs,
            top.index_mb,
            top.p50,
            top.p99,
            top.mean,
            top.hits,
            top.measured
        );
        println!(
            "| {} | SQLite FTS5 (top 10 + count + facets) | {:.1} | {:.0} | {:.2} | {:.2} | {:.2} | {} ({} runs) |",
            full.size,
            full.index_secs,
            full.index_mb,
            full.p50,
            full.p99,
            full.mean,
            full.hits,
            full.measured
        );
    }
    Ok(())
}
