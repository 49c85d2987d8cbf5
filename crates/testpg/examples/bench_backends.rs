//! SQLite against PostgreSQL in one run: import a folder of protocols through the real
//! `kansli import`, then serve the archive with `kansli serve` and load its main pages over
//! loopback (requests per second and latency percentiles), once per backend. PostgreSQL is a
//! throwaway cluster of this crate (fsync off, like the tests; SQLite runs with its usual
//! `synchronous = NORMAL`). Driven by `bench/backends.sh`, which builds and generates first.
//!
//! Usage: bench_backends KANSLI_BINARY PROTOCOL_DIR [SECONDS_PER_PAGE] [CONNECTIONS]
//!
//! The reference, in the same run: the pages SQLite's server answered are saved once as files
//! and served by static file servers under the same load — nginx (when installed; `nginx -p`
//! with a generated configuration on loopback) and Python's `http.server` (HTTP/1.1, so
//! connections are kept alive as with Kansli) — and each page's throughput is printed as a
//! share of theirs. The load average is printed at the start and the end. nginx is the
//! reference that counts: `http.server` answers each request in ~44 ms whatever its size (the
//! signature of a delayed-ACK stall, its headers and body being separate writes without
//! `TCP_NODELAY`), so its figures say little about serving bytes.
//!
//! Two more rows load the meeting page and its JSON twin of a different meeting on every request
//! (the meetings the sitemap lists, in its order, `SPREAD` at most), so that they measure what
//! a visitor of a meeting nobody asked for since the last change waits: a page cached by the
//! server (its response cache) is served from memory only the second time. The row says how
//! many distinct meetings it had and how many requests came back to one already asked for.
//!
//! The load generator is a few threads with one keep-alive HTTP/1.1 connection each, sending a
//! request and waiting for its answer (closed loop): on a 2-core machine it shares the cores
//! with the server, so the figures are what the pair achieves, not the server alone.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Most distinct meetings the spread rows visit.
const SPREAD: usize = 20_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench_backends KANSLI_BINARY PROTOCOL_DIR [SECONDS] [CONNECTIONS]");
        std::process::exit(2);
    }
    let kansli = PathBuf::from(&args[1]);
    let protocols = PathBuf::from(&args[2]);
    let seconds: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let connections: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(4);
    let cluster = match kansli_testpg::Cluster::start() {
        Ok(cluster) => Some(cluster),
        Err(error) => {
            eprintln!("*** PostgreSQL half SKIPPED: {error}");
            None
        }
    };
    let work = tempfile::tempdir().expect("temp dir");
    println!("load average at start: {}", load_average());
    let mut backends: Vec<(&str, Option<String>)> = vec![("SQLite", None)];
    if let Some(cluster) = &cluster {
        let url = cluster.create_database("bench").expect("createdb");
        backends.push(("PostgreSQL", Some(url)));
    }
    let mut results = Vec::new();
    let mut static_pages: Vec<(String, String)> = Vec::new();
    for (name, url) in &backends {
        let data = work.path().join(name);
        let started = Instant::now();
        let output = kansli_on(&kansli, &data, url)
            .args(["import", "--json"])
            .arg(&protocols)
            .stderr(Stdio::null())
            .output()
            .expect("kansli import runs");
        let import_secs = started.elapsed().as_secs_f64();
        let summary: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("import summary");
        let files = summary["files"].as_u64().unwrap_or(0);
        println!(
            "{name}: import of {files} protocols in {import_secs:.1} s ({:.0}/s): imported {}, \
             updated {}, unchanged {}, failed {}",
            files as f64 / import_secs,
            summary["imported"],
            summary["updated"],
            summary["unchanged"],
            summary["failed"]
        );
        let (mut server, address) = serve(&kansli, &data, url);
        let pages = main_pages(&address);
        if static_pages.is_empty() {
            static_pages = save_pages(&address, &pages, &work.path().join("www"));
        }
        let mut rows = Vec::new();
        for (label, path) in &pages {
            let load = load(
                &address,
                std::slice::from_ref(path),
                connections,
                Duration::from_secs(seconds),
            );
            println!(
                "{name}: {label:<10} {:>7.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  ({} requests, {} errors)  {path}",
                load.per_second, load.p50_ms, load.p99_ms, load.requests, load.errors
            );
            rows.push((label.clone(), load));
        }
        let meetings = sitemap_meetings(&address);
        let api: Vec<String> = meetings.iter().map(|m| api_meeting(m)).collect();
        for (label, paths) in [("meeting, spread", &meetings), ("api, spread", &api)] {
            if paths.is_empty() {
                continue;
            }
            let load = load(&address, paths, connections, Duration::from_secs(seconds));
            println!(
                "{name}: {label:<10} {:>7.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  ({} requests, {} errors)  {} distinct meetings, {} requests to one asked for before",
                load.per_second,
                load.p50_ms,
                load.p99_ms,
                load.requests,
                load.errors,
                paths.len(),
                (load.requests + load.errors).saturating_sub(paths.len())
            );
            rows.push((label.to_string(), load));
        }
        let _ = server.kill();
        let _ = server.wait();
        results.push((name.to_string(), import_secs, files, rows));
    }
    // The reference: the same bytes from static file servers, under the same load.
    let www = work.path().join("www");
    for (reference, server) in [
        ("nginx", nginx(&www, work.path())),
        ("python3 http.server", python_http(&www)),
    ] {
        let Some((mut child, address)) = server else {
            println!("*** {reference}: not run (not installed or did not start)");
            continue;
        };
        let mut rows = Vec::new();
        for (label, file) in &static_pages {
            let load = load(
                &address,
                std::slice::from_ref(file),
                connections,
                Duration::from_secs(seconds),
            );
            println!(
                "{reference}: {label:<10} {:>7.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  ({} requests, {} errors)  {file}",
                load.per_second, load.p50_ms, load.p99_ms, load.requests, load.errors
            );
            rows.push((label.clone(), load));
        }
        stop(&mut child);
        results.push((format!("static: {reference}"), 0.0, 0, rows));
    }
    println!("load average at the end: {}", load_average());
    let references: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].0.starts_with("static: "))
        .collect();
    println!();
    println!(
        "| | {} |",
        results
            .iter()
            .map(|r| r.0.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("| --- |{}", " ---: |".repeat(results.len()));
    let cells: Vec<String> = results
        .iter()
        .map(|r| {
            if r.2 == 0 {
                "–".to_string()
            } else {
                format!("{:.1} s ({:.0}/s)", r.1, r.2 as f64 / r.1)
            }
        })
        .collect();
    println!(
        "| import of {} protocols | {} |",
        results[0].2,
        cells.join(" | ")
    );
    for (i, (label, _)) in results[0].3.iter().enumerate() {
        let cells: Vec<String> = results
            .iter()
            .map(|r| {
                r.3.get(i).map_or(String::from("–"), |(_, l)| {
                    format!("{:.0} req/s, p99 {:.1} ms", l.per_second, l.p99_ms)
                })
            })
            .collect();
        println!("| {label} | {} |", cells.join(" | "));
    }
    if !references.is_empty() {
        println!();
        println!("Throughput as a share of the static file servers' on the same bytes:");
        println!();
        let backends: Vec<usize> = (0..results.len())
            .filter(|i| !references.contains(i))
            .collect();
        let mut header = String::from("| page |");
        for &b in &backends {
            for &r in &references {
                header.push_str(&format!(" {} / {} |", results[b].0, &results[r].0[8..]));
            }
        }
        println!("{header}");
        println!(
            "| --- |{}",
            " ---: |".repeat(backends.len() * references.len())
        );
        for (i, (label, _)) in results[0].3.iter().enumerate() {
            let mut line = format!("| {label} |");
            for &b in &backends {
                for &r in &references {
                    let share = match (results[b].3.get(i), results[r].3.get(i)) {
                        (Some((_, k)), Some((_, s))) if s.per_second > 0.0 => {
                            format!(" {:.0} % |", 100.0 * k.per_second / s.per_second)
                        }
                        _ => " – |".to_string(),
                    };
                    line.push_str(&share);
                }
            }
            println!("{line}");
        }
    }
}

/// The 1, 5 and 15 minute load averages, as `/proc/loadavg` says them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Saves each page's body once as a file under `www`; returns (label, URL path of the file).
fn save_pages(address: &str, pages: &[(String, String)], www: &Path) -> Vec<(String, String)> {
    std::fs::create_dir_all(www).expect("static dir");
    let mut conn = Conn::open(address).expect("connect");
    pages
        .iter()
        .map(|(label, path)| {
            let (status, body) = conn.get(path).expect("page");
            assert_eq!(status, 200, "{path}");
            let name = format!("{}.html", label.replace(' ', "-"));
            std::fs::write(www.join(&name), body.as_bytes()).expect("write page");
            (label.clone(), format!("/{name}"))
        })
        .collect()
}

/// Stops a reference server: SIGTERM, so nginx's master takes its workers down with it (a
/// SIGKILL would leave them running), then reaps it.
fn stop(child: &mut Child) {
    let stopped = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    if !stopped {
        let _ = child.kill();
    }
    let _ = child.wait();
}

/// A free loopback port (bound and released: another process could take it first, rarely).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Waits until something accepts connections at `address`.
fn ready(child: &mut Child, address: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if TcpStream::connect(address).is_ok() {
            return true;
        }
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// nginx serving `www` on loopback with two workers, access log off (as Kansli logs nothing
/// per request at `warn`), keep-alive unlimited; `None` when not installed or it fails.
fn nginx(www: &Path, work: &Path) -> Option<(Child, String)> {
    let port = free_port();
    let dir = work.join("nginx");
    std::fs::create_dir_all(dir.join("tmp")).ok()?;
    let d = dir.display();
    let config = format!(
        "worker_processes 2;\nerror_log {d}/error.log;\npid {d}/nginx.pid;\n\
         events {{ worker_connections 256; }}\n\
         http {{ access_log off; client_body_temp_path {d}/tmp; keepalive_requests 100000000; \
         keepalive_timeout 60s; default_type text/html; \
         server {{ listen 127.0.0.1:{port}; root {}; }} }}\n",
        www.display()
    );
    let conf = dir.join("nginx.conf");
    std::fs::write(&conf, config).ok()?;
    // The temp dir is private to this user: run the workers as the same user.
    let user = if is_root() { "user root;" } else { "" };
    let mut child = Command::new("nginx")
        .arg("-p")
        .arg(&dir)
        .arg("-c")
        .arg(&conf)
        .args(["-g", &format!("daemon off; {user}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let address = format!("127.0.0.1:{port}");
    if ready(&mut child, &address) {
        Some((child, address))
    } else {
        let _ = child.kill();
        let _ = child.wait();
        None
    }
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
                .unwrap_or(false)
        })
        .unwrap_or(false)
}

/// Python's `http.server` (threading, HTTP/1.1 so connections are kept alive) serving `www`.
fn python_http(www: &Path) -> Option<(Child, String)> {
    let port = free_port();
    let mut child = Command::new("python3")
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
        ])
        .args(["--protocol", "HTTP/1.1", "--directory"])
        .arg(www)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let address = format!("127.0.0.1:{port}");
    if ready(&mut child, &address) {
        Some((child, address))
    } else {
        let _ = child.kill();
        let _ = child.wait();
        None
    }
}

fn kansli_on(kansli: &Path, data: &Path, url: &Option<String>) -> Command {
    let mut command = Command::new(kansli);
    command
        .env_remove("KANSLI_DATABASE")
        .arg("--data-dir")
        .arg(data);
    if let Some(url) = url {
        command.arg("--database").arg(url);
    }
    command
}

/// Starts `kansli serve` and waits for its address.
fn serve(kansli: &Path, data: &Path, url: &Option<String>) -> (Child, String) {
    let mut child = kansli_on(kansli, data, url)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kansli serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://").nth(1) {
                let _ = sender.send(rest.split('/').next().unwrap_or_default().to_string());
            }
        }
    });
    let address = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("the server says where it listens");
    (child, address)
}

/// The main pages, found by following links from the start page.
fn main_pages(address: &str) -> Vec<(String, String)> {
    let mut conn = Conn::open(address).expect("connect");
    let home = conn.get("/").expect("start page").1;
    let links = hrefs(&home);
    let meeting = links
        .iter()
        .find(|l| segments(l) == 3)
        .cloned()
        .expect("a meeting linked from the start page");
    let parts: Vec<&str> = meeting.trim_start_matches('/').split('/').collect();
    let authority = format!("/{}", parts[0]);
    let body = format!("/{}/{}", parts[0], parts[1]);
    let meeting_page = conn.get(&meeting).expect("meeting page").1;
    let paragraph = hrefs(&meeting_page)
        .into_iter()
        .find(|l| l.contains("/paragraf/"))
        .unwrap_or_else(|| format!("{meeting}/paragraf/1"));
    let api = api_meeting(&meeting);
    vec![
        ("start".into(), "/".into()),
        ("authority".into(), authority),
        ("body".into(), body),
        ("meeting".into(), meeting),
        ("paragraph".into(), paragraph),
        ("api meeting".into(), api),
    ]
}

/// The JSON twin of a meeting page's path.
fn api_meeting(meeting: &str) -> String {
    let parts: Vec<&str> = meeting.trim_start_matches('/').split('/').collect();
    format!(
        "/api/v1/authorities/{}/bodies/{}/meetings/{}",
        parts[0],
        parts.get(1).unwrap_or(&""),
        parts.get(2).unwrap_or(&"")
    )
}

/// The meeting pages the sitemap lists (paths), `SPREAD` at most.
fn sitemap_meetings(address: &str) -> Vec<String> {
    let mut conn = Conn::open(address).expect("connect");
    let (status, xml) = conn.get("/sitemap.xml").expect("sitemap");
    assert_eq!(status, 200, "sitemap.xml");
    xml.split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .filter_map(|url| url.find("://").map(|i| &url[i + 3..]))
        .filter_map(|rest| rest.find('/').map(|i| rest[i..].replace("&amp;", "&")))
        .filter(|path| segments(path) == 3)
        .take(SPREAD)
        .collect()
}

fn segments(path: &str) -> usize {
    path.trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .count()
}

/// Local links of an HTML page.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|l| l.starts_with('/') && !l.starts_with("/static") && !l.starts_with("/api"))
        .map(|l| {
            l.split(['?', '#'])
                .next()
                .unwrap_or(l)
                .replace("&amp;", "&")
        })
        .collect()
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    fn open(address: &str) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(address)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Conn {
            reader: BufReader::new(stream),
            host: address.to_string(),
        })
    }

    /// Status and body of a GET.
    fn get(&mut self, path: &str) -> std::io::Result<(u16, String)> {
        write!(
            self.reader.get_mut(),
            "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.host
        )?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let (mut length, mut chunked) = (None, false);
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse::<usize>().ok();
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16)
                    .unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk)?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else if let Some(length) = length {
            body.resize(length, 0);
            self.reader.read_exact(&mut body)?;
        }
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}

struct Load {
    requests: usize,
    errors: usize,
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
}

/// Closed-loop load from `connections` threads for `duration`, each request to the next of
/// `paths` in turn (shared by the threads).
fn load(address: &str, paths: &[String], connections: usize, duration: Duration) -> Load {
    let deadline = Instant::now() + duration;
    let started = Instant::now();
    let paths: Arc<Vec<String>> = Arc::new(paths.to_vec());
    let next = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..connections)
        .map(|_| {
            let (address, paths, next) = (address.to_string(), paths.clone(), next.clone());
            std::thread::spawn(move || {
                let mut latencies = Vec::new();
                let mut errors = 0;
                let mut conn = Conn::open(&address).expect("connect");
                while Instant::now() < deadline {
                    let path = &paths[next.fetch_add(1, Ordering::Relaxed) % paths.len()];
                    let t = Instant::now();
                    match conn.get(path) {
                        Ok((200, _)) => latencies.push(t.elapsed()),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            conn = Conn::open(&address).expect("reconnect");
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for thread in threads {
        let (l, e) = thread.join().expect("load thread");
        latencies.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Load {
        requests: latencies.len(),
        errors,
        per_second: latencies.len() as f64 / elapsed,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
    }
}
