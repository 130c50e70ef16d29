//! `sotay serve` as a user meets it: the real binary on an ephemeral loopback port,
//! spoken to over raw TCP so the tests control every byte of the path and Host header.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::Site;

/// A running `sotay serve`, killed when the test ends, passing or not.
struct Server {
    child: Child,
    port: u16,
    site: Site,
    /// What serve tells the terminal (stderr), line by line.
    said: mpsc::Receiver<String>,
    /// Its first line on stdout, with the address.
    first_line: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["serve", "--port", "0", "--bind", "127.0.0.1", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = lines(child.stdout.take().unwrap());
    let said = lines(child.stderr.take().unwrap());
    let line = rx.recv_timeout(Duration::from_secs(20)).expect("serve prints its URL");
    let mut server = Server { child, port: 0, site, said, first_line: line.clone() };
    let at = line.find("http://127.0.0.1:").unwrap_or_else(|| panic!("no URL in {line:?}"));
    let rest = &line[at + "http://127.0.0.1:".len()..];
    server.port = rest[..rest.find('/').unwrap()].parse().unwrap();
    server
}

/// The lines of a pipe as they come, read on a thread so the pipe never fills.
fn lines(pipe: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Server {
    fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Reply { status, head: head.to_string(), body: body.to_string() }
    }

    fn request(&self, method: &str, path: &str, host: &str) -> Reply {
        let request =
            format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        self.raw(request.as_bytes())
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &format!("127.0.0.1:{}", self.port))
    }

    /// Polls a page until its body satisfies `ok`, for at most `limit`.
    fn wait_for(&self, path: &str, limit: Duration, ok: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + limit;
        loop {
            let reply = self.get(path);
            if ok(&reply) || Instant::now() > deadline {
                return reply;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for serve to print a line holding `needle`; returns everything read until then.
    fn says(&self, needle: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        let mut said = String::new();
        while !said.contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.said.recv_timeout(left) {
                Ok(line) => said.push_str(&(line + "\n")),
                Err(_) => panic!("no {needle:?} within {limit:?}:\n{said}"),
            }
        }
        said
    }

    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let request = format!(
            "GET /__sotay/events HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        );
        stream.write_all(request.as_bytes()).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let mut events = Events { stream, text: String::new() };
        events.wait_for("retry:", Duration::from_secs(5));
        events
    }
}

/// A page's event stream, read as raw text.
struct Events {
    stream: TcpStream,
    text: String,
}

impl Events {
    /// Reads until a complete (blank-line terminated) text holding `needle` arrived;
    /// returns it and consumes the stream up to its end.
    fn wait_for(&mut self, needle: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        let mut buffer = [0u8; 4096];
        loop {
            if let Some(at) = self.text.find(needle) {
                if let Some(end) = self.text[at..].find("\n\n") {
                    let found = self.text[at..at + end].to_string();
                    self.text.drain(..at + end + 2);
                    return found;
                }
            }
            assert!(Instant::now() < deadline, "no {needle:?} within {limit:?}: {:?}", self.text);
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("event stream closed: {:?}", self.text),
                Ok(n) => self.text.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(_) => {}
            }
        }
    }
}

const ARTICLE: &str = "content/nghe-an/hung-binh.md";
const PAGE: &str = "/nghe-an/hung-binh/";

#[test]
fn serves_the_site_from_memory_with_types_and_the_reload_script() {
    let server = start(Site::fixture("site_basic"));
    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.head);
    assert!(home.head.contains("Content-Type: text/html; charset=utf-8"), "{}", home.head);
    assert!(home.body.contains("<script src=\"/__sotay/reload.js\" defer></script></body>"));
    assert!(!home.head.to_ascii_lowercase().contains("access-control-allow-origin"));
    let types = [
        ("/style.css", "text/css"),
        ("/robots.txt", "text/plain"),
        ("/atom.xml", "application/xml"),
        ("/ha-noi/bao-cao.pdf", "application/pdf"),
        ("/quan-10/anh-1.jpg", "image/jpeg"),
        ("/__sotay/reload.js", "text/javascript"),
        ("/__sotay/status", "application/json"),
        ("/nghe-an/hung-binh/index.html", "text/html"),
    ];
    for (path, kind) in types {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.head);
        assert!(reply.head.contains(&format!("Content-Type: {kind}")), "{path}: {}", reply.head);
    }
    let head = server.request("HEAD", "/", &format!("localhost:{}", server.port));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "{}", head.body);
    let missing = server.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's own 404 page: {}", missing.body);
    let redirect = server.get("/nghe-an/hung-binh");
    assert_eq!(redirect.status, 301);
    assert!(redirect.head.contains("Location: /nghe-an/hung-binh/"), "{}", redirect.head);
    assert!(!server.site.path().join("public").exists(), "serve never writes public/");
}

/// The kernel's word on a running sotay: its transparent huge pages are off (`alloc::tune`),
/// so fresh memory is zeroed 4 KiB at a time as it is touched, not 2 MiB at once.
#[cfg(target_os = "linux")]
#[test]
fn sotay_runs_without_transparent_huge_pages() {
    let server = start(Site::fixture("site_basic"));
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    let line = status.lines().find(|l| l.starts_with("THP_enabled:"));
    let line = line.unwrap_or_else(|| panic!("this kernel tells no THP_enabled:\n{status}"));
    assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
}

#[test]
fn traversal_and_foreign_hosts_reveal_nothing() {
    let site = Site::fixture("site_basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "BI-MAT-NGOAI").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path().join("static/lien-ket.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("static/thu-muc")).unwrap();
    let server = start(site);
    let host = format!("127.0.0.1:{}", server.port);
    let paths = [
        "/../sotay.yaml",
        "/../../../../etc/passwd",
        "/%2e%2e/sotay.yaml",
        "/%2E%2E%2Fsotay.yaml",
        "/nghe-an/%2e%2e%2f%2e%2e%2fsotay.yaml",
        "/..%2fcontent/nghe-an/hung-binh.md",
        "/..\\sotay.yaml",
        "/%5c..%5csotay.yaml",
        "/index.html%00.css",
        "/lien-ket.txt",
        "/thu-muc/secret.txt",
        "/content/nghe-an/hung-binh.md",
        "/sotay.yaml",
    ];
    for path in paths {
        let reply = server.request("GET", path, &host);
        assert!(matches!(reply.status, 403 | 404), "{path}: {}", reply.head);
        assert!(!reply.body.contains("BI-MAT-NGOAI"), "{path}");
        assert!(!reply.body.contains("title:"), "{path}");
        assert!(!reply.body.contains("root:"), "{path}");
    }
    for bad in ["evil.example", "evil.example:80", &format!("evil.example:{}", server.port)] {
        let reply = server.request("GET", "/", bad);
        assert_eq!(reply.status, 403, "{bad}");
        // Says, in Vietnamese, which address does work.
        let works = format!("http://localhost:{}/", server.port);
        assert!(reply.body.contains(&works), "{bad}: {}", reply.body);
    }
    // A server for this machine only refuses even an address of it.
    let lan = server.request("GET", "/", &format!("192.0.2.7:{}", server.port));
    assert_eq!(lan.status, 403, "{}", lan.head);
    assert!(lan.body.contains("--bind 0.0.0.0"), "{}", lan.body);
    let no_host = server.raw(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_ne!(no_host.status, 200, "{}", no_host.head);
    for good in ["localhost", "127.0.0.1", "[::1]", "LocalHost"] {
        let reply = server.request("GET", "/", &format!("{good}:{}", server.port));
        assert_eq!(reply.status, 200, "{good}");
    }
}

#[test]
fn an_edit_is_served_and_announced() {
    let server = start(Site::fixture("site_basic"));
    let mut events = server.events();
    let before = server.site.read(ARTICLE);
    let started = Instant::now();
    server.site.write(ARTICLE, &before.replace("Hưng Bình là phường", "DA-SUA-1 là phường"));
    let reply = server.wait_for(PAGE, Duration::from_secs(2), |r| r.body.contains("DA-SUA-1"));
    assert!(reply.body.contains("DA-SUA-1"), "not served within 2 s");
    let left = Duration::from_secs(2).saturating_sub(started.elapsed());
    events.wait_for("event: reload", left);
    // A second save of the same file is picked up too.
    server.site.write(ARTICLE, &before.replace("Hưng Bình là phường", "DA-SUA-2 là phường"));
    let reply = server.wait_for(PAGE, Duration::from_secs(2), |r| r.body.contains("DA-SUA-2"));
    assert!(reply.body.contains("DA-SUA-2"));
    events.wait_for("event: reload", Duration::from_secs(2));
}

#[test]
fn serve_speaks_the_sites_language_on_the_terminal() {
    let site = Site::fixture("site_basic");
    site.write("sotay.yaml", "language: en\n");
    let server = start(site);
    assert!(server.first_line.starts_with("Site at http://127.0.0.1:"), "{}", server.first_line);
    server.says("Built 4 articles, ", Duration::from_secs(20));
    let before = server.site.read(ARTICLE);
    server.site.write(ARTICLE, &before.replace("Hưng Bình là phường", "DA-SUA là phường"));
    server.says("Updated 1 article, ", Duration::from_secs(5));
    server.says("Search index updated (", Duration::from_secs(5));
    server.site.write("content/moi.md", &before);
    let said = server.says("Changed (content), building…", Duration::from_secs(5));
    assert!(said.contains("Building everything again: "), "{said}");
    assert!(!said.contains("Đã") && !said.contains("Dựng"), "{said}");
}

#[test]
fn folders_made_or_replaced_while_serving_are_watched() {
    let site = Site::fixture("site_basic");
    std::fs::remove_dir_all(site.path().join("static")).unwrap();
    let server = start(site);
    let served = |path: &str, text: &str| {
        let reply = server.wait_for(path, Duration::from_secs(5), |r| r.body.contains(text));
        assert!(reply.body.contains(text), "{path} never served {text:?}: {}", reply.body);
    };
    // static/ made after serve started: its first file and every later save are seen.
    server.site.write("static/ghi-chu.txt", "ban-1");
    served("/ghi-chu.txt", "ban-1");
    server.site.write("static/ghi-chu.txt", "ban-2");
    served("/ghi-chu.txt", "ban-2");
    // content/ replaced by a copy (as when an editor pastes a colleague's folder): the
    // edits after it are seen too.
    let content = server.site.path().join("content");
    let copy = server.site.path().join("content-copy");
    crate::support::copy_dir(&content, &copy);
    let before = server.site.read(ARTICLE);
    let article = |text: &str| before.replace("Hưng Bình là phường", text);
    std::fs::write(copy.join("nghe-an/hung-binh.md"), article("BAN-SAO là phường")).unwrap();
    std::fs::remove_dir_all(&content).unwrap();
    std::fs::rename(&copy, &content).unwrap();
    served(PAGE, "BAN-SAO");
    server.site.write(ARTICLE, &article("SAU-KHI-THAY là phường"));
    served(PAGE, "SAU-KHI-THAY");
}

#[test]
fn a_body_edit_reaches_the_search_index_after_the_page() {
    let server = start(Site::fixture("site_basic"));
    let before = server.site.read(ARTICLE);
    server.site.write(ARTICLE, &before.replace("Hưng Bình là phường", "TIMKIEMMOI là phường"));
    let reply = server.wait_for(PAGE, Duration::from_secs(2), |r| r.body.contains("TIMKIEMMOI"));
    assert!(reply.body.contains("TIMKIEMMOI"), "the page first");
    // The index is written on a thread: its snippet and its term follow.
    let doc = server
        .wait_for("/search/doc-0.js", Duration::from_secs(5), |r| r.body.contains("TIMKIEMMOI"));
    assert!(doc.body.contains("TIMKIEMMOI"), "{}", doc.body);
    let meta = server.get("/search/meta.js").body;
    let shards = (0..64).map(|n| server.get(&format!("/search/idx-{n}.js")).body);
    assert!(shards.into_iter().any(|s| s.contains("\"timkiemmoi\"")), "{meta}");
}

#[test]
fn a_burst_of_new_files_is_at_most_two_rebuilds() {
    let server = start(Site::fixture("site_basic"));
    let mut events = server.events();
    let template = server.site.read(ARTICLE);
    // Like a `git checkout`: files written back to back.
    for i in 0..40 {
        let text = template.replace("Hưng Bình là phường", &format!("BAI-{i} là phường"));
        server.site.write(&format!("content/loat/bai-{i}.md"), &text);
        std::thread::sleep(Duration::from_millis(1));
    }
    events.wait_for("event: reload", Duration::from_secs(5));
    let reply = server.wait_for("/loat/bai-39/", Duration::from_secs(5), |r| r.status == 200);
    assert_eq!(reply.status, 200, "the last file is served");
    std::thread::sleep(Duration::from_millis(500));
    let mut buffer = [0u8; 4096];
    let mut rest = String::new();
    while let Ok(n) = events.stream.read(&mut buffer) {
        if n == 0 {
            break;
        }
        rest.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    assert!(rest.matches("event: reload").count() <= 1, "one more rebuild at most: {rest}");
}

#[test]
fn the_page_script_shows_errors_in_the_sites_words_under_node() {
    crate::support::node_test("reload.test.js", &[]);
}

#[test]
fn a_broken_article_keeps_the_last_good_site_until_fixed() {
    let server = start(Site::fixture("site_basic"));
    let mut events = server.events();
    let good = server.site.read(ARTICLE);
    let broken = good.replace("year: 2015", "year: <script>alert(1)</script>");
    server.site.write(ARTICLE, &broken);
    let event = events.wait_for("event: build-error", Duration::from_secs(3));
    assert!(event.contains("content/nghe-an/hung-binh.md:6:"), "{event}");
    assert!(event.contains("<script>alert(1)</script>"), "the line, as JSON text: {event}");
    let page = server.get(PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Hưng Bình là phường"), "the last good page");
    let status = server.get("/__sotay/status");
    let json: serde_json::Value = serde_json::from_str(&status.body).unwrap();
    assert_eq!(json["errors"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["text"]["close"], "Đóng thông báo lỗi", "the overlay's words: {json}");

    server.site.write(ARTICLE, &good.replace("Hưng Bình là phường", "DA-SUA là phường"));
    events.wait_for("event: reload", Duration::from_secs(3));
    let status = server.get("/__sotay/status");
    let json: serde_json::Value = serde_json::from_str(&status.body).unwrap();
    assert_eq!(json["errors"], serde_json::json!([]), "{json}");
    assert!(server.get(PAGE).body.contains("DA-SUA là phường"));
}

/// Regression: when the first build failed, `/` was a bare `404` without the reload script,
/// so the tab never came back after the fix, and the terminal spoke of a last good site
/// that did not exist.
#[test]
fn a_failed_first_build_lists_its_errors_on_every_page_until_fixed() {
    let site = Site::fixture("invalid_yaml");
    let good = site.read("content/bai.md");
    site.write("content/bai.md", &good.replace("bài học kinh nghiệm", "<i>bài học</i>"));
    let server = start(site);
    let said = server.says("Dựng lỗi (1 lỗi):", Duration::from_secs(5));
    assert!(said.contains("content/bai.md:2:17: lỗi:"), "{said}");
    assert!(said.contains("chưa có bản dựng nào thành công"), "{said}");
    assert!(!said.contains("bản tốt gần nhất"), "there is no last good site: {said}");

    for path in ["/", "/quan-10/bai/", "/a.html", "/khong-co"] {
        let page = server.get(path);
        assert_eq!(page.status, 503, "{path}: {}", page.head);
        assert!(page.head.contains("Content-Type: text/html; charset=utf-8"), "{}", page.head);
        assert!(page.body.contains("<h1>Chưa dựng được trang</h1>"), "{path}: {}", page.body);
        assert!(page.body.contains("content/bai.md:2:17: lỗi:"), "{}", page.body);
        assert!(page.body.contains("2 | title: Phường 12: &lt;i&gt;bài học&lt;/i&gt;"));
        assert!(!page.body.contains("<i>"), "the line is text, not markup: {}", page.body);
        assert!(page.body.contains("<script src=\"/__sotay/reload.js\" defer></script></body>"));
    }
    let style = server.get("/style.css");
    assert_eq!((style.status, style.body.as_str()), (404, "404\n"), "files are not pages");
    let status: serde_json::Value =
        serde_json::from_str(&server.get("/__sotay/status").body).unwrap();
    assert_eq!(status["built"], false, "{status}");

    let mut events = server.events();
    server.site.write("content/bai.md", &good.replace("Phường 12: bài", "Phường 12 — bài"));
    events.wait_for("event: reload", Duration::from_secs(5));
    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.head);
    assert!(home.body.contains("Phường 12 — bài học kinh nghiệm"), "{}", home.body);
    assert!(!home.body.contains("Chưa dựng được trang"));
    let status: serde_json::Value =
        serde_json::from_str(&server.get("/__sotay/status").body).unwrap();
    assert_eq!(
        (&status["built"], &status["errors"]),
        (&serde_json::json!(true), &serde_json::json!([]))
    );
}

#[test]
fn renamed_and_deleted_articles_move_their_pages() {
    let server = start(Site::fixture("site_basic"));
    let mut events = server.events();
    let root = server.site.path();
    std::fs::rename(root.join(ARTICLE), root.join("content/nghe-an/hung-binh-moi.md")).unwrap();
    let event = events.wait_for("event: reload", Duration::from_secs(3));
    assert!(
        event.contains(r#""nghe-an/hung-binh/index.html":"nghe-an/hung-binh-moi/index.html""#),
        "{event}"
    );
    assert_eq!(server.get(PAGE).status, 404);
    assert_eq!(server.get("/nghe-an/hung-binh-moi/").status, 200);

    std::fs::remove_file(root.join("content/nghe-an/hung-binh-moi.md")).unwrap();
    let event = events.wait_for("event: reload", Duration::from_secs(3));
    assert!(event.contains(r#""removed":["nghe-an/hung-binh-moi/index.html"]"#), "{event}");
    assert_eq!(server.get("/nghe-an/hung-binh-moi/").status, 404);

    // A new folder with a new article is picked up as well.
    server.site.write(
        "content/moi/bai.md",
        &server.site.read("content/quan-3/phuong-12-2021.md").replace("slug:", "x-slug:"),
    );
    let reply = server.wait_for("/moi/bai/", Duration::from_secs(3), |r| r.status == 200);
    assert_eq!(reply.status, 200, "{}", reply.head);
}

#[test]
fn answers_fifty_connections_while_rebuilding() {
    let server = start(Site::fixture("site_basic"));
    let port = server.port;
    let deadline = Instant::now() + Duration::from_secs(2);
    let workers: Vec<_> = (0..50)
        .map(|_| {
            std::thread::spawn(move || {
                let (mut ok, mut failed) = (0, 0);
                while Instant::now() < deadline {
                    let reply = (|| -> std::io::Result<String> {
                        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
                        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
                        let request = format!(
                            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
                        );
                        stream.write_all(request.as_bytes())?;
                        let mut text = String::new();
                        stream.read_to_string(&mut text)?;
                        Ok(text)
                    })();
                    match reply {
                        Ok(text)
                            if text.starts_with("HTTP/1.1 200") && text.contains("</html>") =>
                        {
                            ok += 1
                        }
                        _ => failed += 1,
                    }
                }
                (ok, failed)
            })
        })
        .collect();
    let before = server.site.read(ARTICLE);
    for i in 0..3 {
        std::thread::sleep(Duration::from_millis(400));
        server.site.write(ARTICLE, &before.replace("Hưng Bình là phường", &format!("LAN-{i} là")));
    }
    let (ok, failed) = workers
        .into_iter()
        .map(|w| w.join().unwrap())
        .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
    eprintln!("load check: {ok} answered, {failed} failed");
    assert_eq!(failed, 0, "{ok} answered");
    assert!(ok >= 50, "{ok} answered");
}

#[test]
fn a_taken_port_asked_for_is_a_usage_error() {
    let site = Site::fixture("site_basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says(&format!("lỗi: không dùng được cổng {port} trên 127.0.0.1: "));
    // On an English site, in English.
    site.write("sotay.yaml", "language: en\n");
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says(&format!("error: port {port} on 127.0.0.1 cannot be used: "));
}

#[test]
fn ctrl_c_stops_cleanly() {
    let mut server = start(Site::fixture("site_basic"));
    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
}
