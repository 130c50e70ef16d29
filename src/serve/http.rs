//! The HTTP side of `serve`: tiny_http, one thread per request so a page waiting for
//! events never holds up the others. Only files of the built site are served, only to
//! the hosts of this machine. tiny_http stays inside this module.

use std::io::Write;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use super::reload::SCRIPT;
use super::{State, unbuilt};

const SCRIPT_TAG: &str = "<script src=\"/__sotay/reload.js\" defer></script>";

/// Why a path is refused before any lookup.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `..`, a backslash, a NUL byte: 403.
    Forbidden,
    /// Not valid percent-encoding or UTF-8: 404.
    NotFound,
}

/// The site path a request URL names: percent-decoded, `.` and empty segments dropped,
/// `index.html` added to folders. `..`, backslashes and NUL bytes are refused whether
/// written or encoded, so nothing outside the site can be named.
pub fn site_path(url: &str) -> Result<String, Refusal> {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(raw).ok_or(Refusal::NotFound)?;
    let decoded = String::from_utf8(decoded).map_err(|_| Refusal::NotFound)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Refusal::Forbidden);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(Refusal::Forbidden),
            s => segments.push(s),
        }
    }
    let mut path = segments.join("/");
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// An address as a URL writes it: `192.168.1.5`, `[fe80::1]`.
pub fn host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    }
}

/// The Host values this server answers. Anything else may be a DNS-rebinding page: a
/// web page whose own name was pointed at this machine, so every name is refused that is
/// not this machine's own.
#[derive(Debug, Clone)]
pub struct Hosts {
    port: u16,
    /// `localhost`, `127.0.0.1`, `[::1]` and the bound address.
    names: Vec<String>,
    /// Bound for the network (`--bind` other than loopback): any address written as
    /// digits (`192.168.1.5`, `[fe80::1]`) is this machine as a colleague reaches it,
    /// and no rebinding page can have one for its name.
    any_address: bool,
    /// The address other machines reach this one by, when known: the 403 names it.
    network: Option<String>,
}

impl Hosts {
    /// `network` is the address the network reaches this machine by, if known.
    pub fn new(bind: IpAddr, port: u16, network: Option<IpAddr>) -> Hosts {
        let own = host(bind);
        let names = [own.as_str(), "localhost", "127.0.0.1", "[::1]"].map(String::from).to_vec();
        let network = network.map(host);
        Hosts { port, names, any_address: !bind.is_loopback(), network }
    }

    /// Whether a request's `Host` header names this server. The port may be left out
    /// only when it is 80, as browsers do.
    pub fn allow(&self, host: Option<&str>) -> bool {
        let Some(host) = host.map(str::trim) else { return false };
        let port = self.port.to_string();
        let name = match host.rsplit_once(':') {
            Some((name, p)) if p == port => name,
            // "localhost", "[::1]": a name with no port, or (port 80 only) a wrong one,
            // which is then no name or address below.
            _ if self.port == 80 => host,
            _ => return false,
        };
        if self.names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return true;
        }
        let address = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(name);
        self.any_address && address.parse::<IpAddr>().is_ok()
    }

    /// The Vietnamese body of the 403 for a refused Host: which addresses do work.
    pub fn refusal(&self) -> String {
        let network = match (self.any_address, &self.network) {
            (true, Some(ip)) => format!("hoặc, từ máy khác trong mạng, http://{ip}:PORT/"),
            (true, None) => {
                "hoặc địa chỉ IP của máy này trong mạng (ví dụ http://192.168.1.5:PORT/)".into()
            }
            (false, _) => "(trang nháp chỉ mở trên máy này; muốn cho cả mạng xem, chạy \
                           `sotay serve --bind 0.0.0.0`)"
                .into(),
        };
        format!(
            "403: sotay serve không trả lời tên máy này.\n\
             Mở trang bằng http://localhost:{port}/ {network}.\n\
             Tên máy khác bị từ chối để trang web lạ không đọc được bản nháp.\n",
            port = self.port,
            network = network.replace("PORT", &self.port.to_string()),
        )
    }
}

pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// True for the paths a browser opens as a page: HTML files, folders (`index.html`) and
/// names without an extension (which would redirect to their folder).
pub fn is_page(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    !path.is_empty() && (content_type(path).starts_with("text/html") || !name.contains('.'))
}

/// The page with the reload script before its last `</body>` (or at its end).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let lower = html.to_ascii_lowercase();
    let at = lower.windows(7).rposition(|w| w == b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A response with its headers; a header tiny_http refuses (not ASCII) is left out.
fn response<R: std::io::Read>(mut response: Response<R>, headers: &[(&str, &str)]) -> Response<R> {
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

fn reply(request: Request, status: u16, kind: &str, body: Vec<u8>) {
    let headers = [
        ("Content-Type", kind),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    let _ = request.respond(response(Response::from_data(body).with_status_code(status), &headers));
}

/// Answers requests until the server is unblocked, one thread per request.
pub fn spawn(server: Arc<Server>, state: Arc<State>, hosts: Hosts) {
    let hosts = Arc::new(hosts);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let state = Arc::clone(&state);
            let hosts = Arc::clone(&hosts);
            std::thread::spawn(move || handle(request, &state, &hosts));
        }
    });
}

fn handle(request: Request, state: &State, hosts: &Hosts) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !hosts.allow(host.as_deref()) {
        return reply(request, 403, "text/plain; charset=utf-8", hosts.refusal().into_bytes());
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return reply(request, 405, "text/plain; charset=utf-8", b"405\n".to_vec());
    }
    let url = request.url().to_string();
    match url.split('?').next().unwrap_or("") {
        "/__sotay/reload.js" => {
            return reply(request, 200, content_type("x.js"), SCRIPT.as_bytes().to_vec());
        }
        "/__sotay/status" => {
            let status = state.status();
            let body = serde_json::to_vec(&status).unwrap_or_default();
            return reply(request, 200, content_type("x.json"), body);
        }
        "/__sotay/events" => return events(request, state),
        _ => {}
    }
    let path = match site_path(&url) {
        Ok(path) => path,
        Err(Refusal::Forbidden) => {
            let body = "403: đường dẫn có `..`, `\\` hoặc ký tự NUL không được phép\n";
            return reply(request, 403, "text/plain; charset=utf-8", body.into());
        }
        Err(Refusal::NotFound) => String::new(),
    };
    // Read before the site: a build puts its site in place before it counts as built.
    let unbuilt = state.unbuilt();
    let site = state.site();
    if let Some(bytes) = site.files.get(&path) {
        let body = if path.ends_with(".html") { inject(bytes) } else { bytes.to_vec() };
        return reply(request, 200, content_type(&path), body);
    }
    if !path.is_empty() && site.files.contains_key(&format!("{path}/index.html")) {
        // The path as the browser wrote it (ASCII), so the header is always valid.
        let location = format!("{}/", url.split(['?', '#']).next().unwrap_or(""));
        let _ = request.respond(response(Response::empty(301), &[("Location", &location)]));
        return;
    }
    if let Some(status) = unbuilt.filter(|_| is_page(&path)) {
        // 503, not 404 or 200: the page exists as soon as the site builds, and anything
        // that checks the status (a script waiting for serve, `curl -f`) learns it is not
        // ready. Browsers show the body whatever the status.
        let page = unbuilt::page(status.lang, &status.errors);
        return reply(request, 503, content_type("x.html"), inject(page.as_bytes()));
    }
    let body = site.files.get("404.html").map_or_else(|| b"404\n".to_vec(), |page| inject(page));
    reply(request, 404, content_type("404.html"), body)
}

/// A Server-Sent Events stream, written by hand on the raw connection: tiny_http buffers
/// response bodies, and events must leave as soon as they are sent.
fn events(request: Request, state: &State) {
    let receiver = state.events.subscribe();
    let head = request.method() == &Method::Head;
    let mut writer = request.into_writer();
    let start = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                 Connection: close\r\n\r\n";
    if writer.write_all(start.as_bytes()).and_then(|()| writer.flush()).is_err() || head {
        return;
    }
    let _ = writer.write_all(b"retry: 1000\n\n").and_then(|()| writer.flush());
    loop {
        let text = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event,
            // A comment line: finds out whether the page is still there.
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer.write_all(text.as_bytes()).and_then(|()| writer.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_and_normalised() {
        assert_eq!(site_path("/").unwrap(), "index.html");
        assert_eq!(site_path("").unwrap(), "index.html");
        assert_eq!(site_path("/quan-10/bai/").unwrap(), "quan-10/bai/index.html");
        assert_eq!(site_path("/quan-10//./bai/?x=1#y").unwrap(), "quan-10/bai/index.html");
        assert_eq!(site_path("/style.css").unwrap(), "style.css");
        assert_eq!(site_path("/ph%C6%B0%E1%BB%9Dng%2012.pdf").unwrap(), "phường 12.pdf");
        assert_eq!(site_path("/a%2fb").unwrap(), "a/b");
    }

    #[test]
    fn traversal_is_refused() {
        for url in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fsotay.yaml",
            "/a%2f..%2f..%2fx",
            "/..%5cx",
            "/a\\b",
            "/a%00.html",
        ] {
            assert_eq!(site_path(url), Err(Refusal::Forbidden), "{url}");
        }
        assert_eq!(site_path("/%zz"), Err(Refusal::NotFound));
        assert_eq!(site_path("/%ff"), Err(Refusal::NotFound));
    }

    #[test]
    fn only_local_hosts_with_the_port() {
        let hosts = Hosts::new("127.0.0.1".parse().unwrap(), 1111, None);
        for ok in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST:1111", "[::1]:1111"] {
            assert!(hosts.allow(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.com:1111",
            "localhost",
            "127.0.0.1:2222",
            "localhost.evil.com:1111",
            "192.168.1.5:1111",
            "",
        ] {
            assert!(!hosts.allow(Some(bad)), "{bad}");
        }
        assert!(!hosts.allow(None));
        let v6 = Hosts::new("::1".parse().unwrap(), 8, None);
        assert!(v6.allow(Some("[::1]:8")));
        assert!(hosts.refusal().contains("--bind 0.0.0.0"), "{}", hosts.refusal());
    }

    #[test]
    fn the_network_reaches_a_server_bound_for_it_by_address_only() {
        let hosts = Hosts::new("0.0.0.0".parse().unwrap(), 1111, None);
        for ok in ["192.168.1.5:1111", "10.0.0.2:1111", "[fe80::1]:1111", "localhost:1111"] {
            assert!(hosts.allow(Some(ok)), "{ok}");
        }
        // A rebinding page has a name, never an address.
        for bad in ["evil.com:1111", "192.168.1.5:2222", "192.168.1.5", "1.2.3.4.evil.com:1111"] {
            assert!(!hosts.allow(Some(bad)), "{bad}");
        }
        assert!(hosts.refusal().contains("192.168.1.5:1111"), "{}", hosts.refusal());
        // The machine's own address when serve found it, as it printed it.
        let found = Hosts::new("0.0.0.0".parse().unwrap(), 1111, Some("10.1.2.3".parse().unwrap()));
        assert!(found.refusal().contains("http://10.1.2.3:1111/"), "{}", found.refusal());
    }

    #[test]
    fn port_80_may_be_left_out() {
        let hosts = Hosts::new("127.0.0.1".parse().unwrap(), 80, None);
        for ok in ["localhost", "127.0.0.1:80", "[::1]"] {
            assert!(hosts.allow(Some(ok)), "{ok}");
        }
        for bad in ["localhost:8080", "127.0.0.1:8080", "evil.com"] {
            assert!(!hosts.allow(Some(bad)), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("a.jpg"), "image/jpeg");
        assert_eq!(content_type("b.pdf"), "application/pdf");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn pages_are_html_folders_and_names_without_extension() {
        for page in
            ["index.html", "quan-10/bai/index.html", "a.htm", "quan-10/bai", "x.y/index.html"]
        {
            assert!(is_page(page), "{page}");
        }
        for other in ["style.css", "search.js", "quan-10/anh-1.jpg", "atom.xml", ""] {
            assert!(!is_page(other), "{other}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>x</body></html>";
        let out = String::from_utf8(inject(page)).unwrap();
        assert_eq!(out, format!("<html><body><p>x{SCRIPT_TAG}</body></html>"));
        let bare = String::from_utf8(inject(b"<p>x")).unwrap();
        assert_eq!(bare, format!("<p>x{SCRIPT_TAG}"));
    }
}
