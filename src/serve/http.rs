//! What `serve` checks on every request before answering it, so that a
//! preview of unpublished text is safe to run on a work laptop: the
//! `Host` header (DNS rebinding), the method, the session token and
//! `Origin` of every request that changes anything, and the bounds of
//! `/api/search`'s parameters.

use std::net::IpAddr;

/// A request as `Server::handle` sees it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub url: String,
    pub host: Option<String>,
    pub origin: Option<String>,
    /// `Sec-Fetch-Site`, which browsers send with every request.
    pub fetch_site: Option<String>,
    pub body: Vec<u8>,
    /// The listener it came in on.
    pub listener: Listener,
}

/// Where a request came in.
#[derive(Debug, Clone, Copy)]
pub struct Listener {
    pub ip: IpAddr,
    pub port: u16,
    /// Whether the review desk is served here (loopback, or the risk was
    /// named with `--expose-desk`).
    pub desk: bool,
}

impl Default for Listener {
    fn default() -> Listener {
        Listener {
            ip: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            desk: true,
        }
    }
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// A plain-text error a person can read.
    pub fn text(status: u16, message: impl Into<String>) -> Reply {
        let mut body = message.into();
        body.push('\n');
        Reply::new(status, "text/plain; charset=utf-8", body)
    }

    /// A JSON error for the search API.
    pub fn json_error(status: u16, message: &str) -> Reply {
        Reply::new(
            status,
            "application/json",
            serde_json::json!({ "error": message }).to_string(),
        )
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", Vec::new()).header("Location", location)
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Whether `host` (a `Host` header) names this server in a way no other
/// site can make a browser send: `localhost`, `127.0.0.1` or `[::1]`,
/// with the listener's port or none; on a listener bound to another
/// address (`--interface`), that address too. A name other than
/// `localhost` is never accepted: a page on any domain can point its
/// name at 127.0.0.1 (DNS rebinding) and read the preview.
pub fn host_allowed(host: &str, listener: &Listener) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, "")) => (name, None),
            Some((name, port)) => match port.strip_prefix(':') {
                Some(port) => (name, Some(port)),
                None => return false,
            },
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    if let Some(port) = port {
        if port.is_empty()
            || port.len() > 5
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u16>().ok() != Some(listener.port)
        {
            return false;
        }
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) if ip.is_loopback() => true,
        Ok(ip) => !listener.ip.is_loopback() && (listener.ip.is_unspecified() || listener.ip == ip),
        Err(_) => false,
    }
}

/// Whether a state-changing request comes from the desk's own page: the
/// session token, an `Origin` that is this very host, and a browser that
/// does not call it cross-site.
pub fn same_origin(request: &Request, token_sent: Option<&str>, token: &str) -> Result<(), String> {
    if !token_sent.is_some_and(|sent| constant_time_eq(sent.as_bytes(), token.as_bytes())) {
        return Err("this request does not carry the review desk's session token: reload the desk (http://localhost:PORT/_review/) and try again".into());
    }
    let host = request.host.as_deref().unwrap_or("");
    let expected = format!("http://{host}");
    match request.origin.as_deref() {
        Some(origin) if origin.eq_ignore_ascii_case(&expected) => {}
        _ => return Err("this request does not come from the review desk's own page (its Origin is another site's, or missing)".into()),
    }
    if let Some(site) = request.fetch_site.as_deref() {
        if site != "same-origin" {
            return Err("the browser says this request comes from another site".into());
        }
    }
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A fresh session token (32 random bytes, hex).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    // Without randomness the desk cannot be protected: no desk then is
    // better than a guessable token, and the preview itself still works.
    if getrandom::getrandom(&mut bytes).is_err() {
        return String::new();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Limits of `/api/search`: a person types a few words; anything far
/// beyond is refused with a 400 that says which limit.
pub const MAX_QUERY_STRING: usize = 4096;
pub const MAX_QUERY_CHARS: usize = 500;
pub const MAX_NESTING: usize = 10;
pub const MAX_LIMIT: u64 = 100;

/// Checks `/api/search`'s parameters before the search sees them: sizes,
/// nesting of brackets and quotes, encodings, and every number within
/// its bounds (parsed without overflow). Returns the query string to
/// search with.
pub fn check_search_query(query: &str) -> Result<String, String> {
    if query.len() > MAX_QUERY_STRING {
        return Err(format!(
            "the query string is longer than {MAX_QUERY_STRING} bytes"
        ));
    }
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = form_decode(value)
            .ok_or_else(|| format!("{key}: the value is not valid percent-encoded UTF-8"))?;
        match key {
            "q" => {
                // Nesting first: 800 brackets are refused for what they are.
                if nesting(&value) > MAX_NESTING {
                    return Err(format!(
                        "q nests brackets or quotes more than {MAX_NESTING} deep"
                    ));
                }
                if value.chars().count() > MAX_QUERY_CHARS {
                    return Err(format!("q is longer than {MAX_QUERY_CHARS} characters"));
                }
            }
            "limit" => {
                bounded(&value, 0, MAX_LIMIT).ok_or(format!(
                    "limit must be a whole number from 0 to {MAX_LIMIT}"
                ))?;
            }
            "year" => {
                bounded(&value, 1900, 9999).ok_or("year must be a year such as 2024")?;
            }
            _ => {
                if value.chars().count() > MAX_QUERY_CHARS {
                    return Err(format!("{key} is longer than {MAX_QUERY_CHARS} characters"));
                }
            }
        }
        kept.push(pair);
    }
    Ok(kept.join("&"))
}

/// A decimal number within `min..=max`, read digit by digit so that no
/// length of input can overflow.
pub fn bounded(text: &str, min: u64, max: u64) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut value: u64 = 0;
    for digit in text.bytes().map(|b| u64::from(b - b'0')) {
        value = value.checked_mul(10)?.checked_add(digit)?;
        if value > max {
            return None;
        }
    }
    (value >= min).then_some(value)
}

/// How deep brackets nest in `text` (quotes count as one level).
fn nesting(text: &str) -> usize {
    let mut depth: usize = 0;
    let mut deepest = 0;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '"' => quoted = !quoted,
            _ => {}
        }
        deepest = deepest.max(depth + usize::from(quoted));
    }
    deepest
}

/// Decodes an `application/x-www-form-urlencoded` value: `+` is a space;
/// `None` when a `%` escape is broken or the bytes are not UTF-8.
pub fn form_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The fields of a form body (`application/x-www-form-urlencoded`).
pub fn form_fields(body: &[u8]) -> Option<Vec<(String, String)>> {
    let text = std::str::from_utf8(body).ok()?;
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((form_decode(k)?, form_decode(v)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(ip: [u8; 4], port: u16) -> Listener {
        Listener {
            ip: IpAddr::from(ip),
            port,
            desk: true,
        }
    }

    #[test]
    fn only_loopback_names_and_addresses_are_accepted_hosts() {
        let l = on([127, 0, 0, 1], 1111);
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "127.0.0.1",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(host_allowed(ok, &l), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1:2222",
            "localhost.evil.example:1111",
            "192.168.1.5:1111",
            "127.0.0.1:",
            "127.0.0.1:99999999999999999999",
            "[::1",
            "[::1]x",
            "",
        ] {
            assert!(!host_allowed(bad, &l), "{bad}");
        }
        // Bound to every address: any address literal, never a name.
        let wide = on([0, 0, 0, 0], 1111);
        assert!(host_allowed("192.168.1.5:1111", &wide));
        assert!(!host_allowed("intranet.example:1111", &wide));
    }

    #[test]
    fn search_parameters_are_bounded() {
        assert!(check_search_query("q=neglect&limit=10&year=2024").is_ok());
        assert!(check_search_query("limit=18446744073709551615").is_err());
        assert!(check_search_query("limit=99999999999999999999999999999").is_err());
        assert!(check_search_query("limit=-1").is_err());
        assert!(check_search_query("year=12").is_err());
        assert!(check_search_query(&format!("q={}", "(".repeat(800))).is_err());
        assert!(check_search_query(&format!("q={}", "a".repeat(501))).is_err());
        assert!(check_search_query("q=%ff%fe").is_err());
        assert!(check_search_query("q=%zz").is_err());
        assert!(check_search_query("q=(a+(b))").is_ok());
    }

    #[test]
    fn form_values_decode_strictly() {
        assert_eq!(form_decode("a+b%20c").as_deref(), Some("a b c"));
        assert_eq!(form_decode("%e2%80%99").as_deref(), Some("\u{2019}"));
        assert_eq!(form_decode("%"), None);
        assert_eq!(form_decode("%c3"), None);
    }
}
