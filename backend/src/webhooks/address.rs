//! Where a webhook may be sent: `http` and `https` only, and, unless an
//! admin allows it, never to a private, loopback or link-local address — a
//! subscription must not become a way to reach the town's internal
//! services from the server. Names are resolved again at each delivery and
//! the connection goes to the addresses checked, so a name that changes
//! its answer after the check (DNS rebinding) gains nothing.

use reqwest::Url;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

/// How long a name lookup may take.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not an `http(s)://host…` URL.
    Invalid(String),
    /// The host is, or resolves to, an internal address.
    Internal(String),
    /// The name does not resolve (only at delivery time).
    Unresolved(String),
}

impl Refusal {
    pub fn message(&self) -> &str {
        match self {
            Self::Invalid(m) | Self::Internal(m) | Self::Unresolved(m) => m,
        }
    }
}

/// Addresses no subscription may reach unless allowed: private, loopback,
/// link-local, unspecified, shared (carrier-grade NAT), broadcast and
/// multicast, IPv4-mapped IPv6 included.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => internal_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return internal_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // fc00::/7, unique local addresses
                || (first & 0xfe00) == 0xfc00
                // fe80::/10, link-local
                || (first & 0xffc0) == 0xfe80
        }
    }
}

fn internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
}

/// Parses a subscription's URL: `http` or `https`, with a host.
pub fn parse(raw: &str) -> Result<Url, Refusal> {
    let url =
        Url::parse(raw.trim()).map_err(|e| Refusal::Invalid(format!("not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal::Invalid(
            "only http:// and https:// URLs are allowed".into(),
        ));
    }
    if url.host().is_none() {
        return Err(Refusal::Invalid("the URL has no host".into()));
    }
    Ok(url)
}

fn internal_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

fn refused(host: &str) -> Refusal {
    Refusal::Internal(format!(
        "{host} is a private, loopback or link-local address; an admin can allow these in the webhook settings"
    ))
}

/// The addresses a delivery to `url` may connect to: all those its host
/// resolves to, each allowed. Any internal one refuses the whole host, so
/// that a name cannot mix a public address with an internal one.
pub async fn resolve(url: &Url, allow_internal: bool) -> Result<Vec<SocketAddr>, Refusal> {
    let port = url
        .port_or_known_default()
        .ok_or_else(|| Refusal::Invalid("the URL has no port".into()))?;
    let host = url
        .host_str()
        .ok_or_else(|| Refusal::Invalid("the URL has no host".into()))?;
    // IPv6 literals come bracketed, as in the URL.
    let literal = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>();
    let addresses: Vec<SocketAddr> = match literal {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => {
            if internal_name(host) && !allow_internal {
                return Err(refused(host));
            }
            let lookup = tokio::net::lookup_host((host, port));
            match tokio::time::timeout(LOOKUP_TIMEOUT, lookup).await {
                Ok(Ok(found)) => found.collect(),
                Ok(Err(e)) => {
                    return Err(Refusal::Unresolved(format!("{host} does not resolve: {e}")))
                }
                Err(_) => {
                    return Err(Refusal::Unresolved(format!(
                        "{host} did not resolve within {} s",
                        LOOKUP_TIMEOUT.as_secs()
                    )))
                }
            }
        }
    };
    if addresses.is_empty() {
        return Err(Refusal::Unresolved(format!("{host} has no address")));
    }
    if !allow_internal && addresses.iter().any(|a| is_internal(a.ip())) {
        return Err(refused(host));
    }
    Ok(addresses)
}

/// The check made when a subscription is saved. A name that does not
/// resolve now is accepted: it may be created later, and every delivery
/// checks it again.
pub async fn check_subscription(raw: &str, allow_internal: bool) -> Result<Url, Refusal> {
    let url = parse(raw)?;
    match resolve(&url, allow_internal).await {
        Ok(_) | Err(Refusal::Unresolved(_)) => Ok(url),
        Err(refusal) => Err(refusal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn internal_ranges_are_recognised() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_internal(ip(internal)), "{internal}");
        }
        for public in [
            "93.184.216.34",
            "8.8.8.8",
            "2001:4860:4860::8888",
            "100.128.0.1",
        ] {
            assert!(!is_internal(ip(public)), "{public}");
        }
    }

    #[test]
    fn only_http_urls_with_a_host_parse() {
        assert!(parse("https://sig.example/hook").is_ok());
        assert!(parse("http://127.0.0.1:9000").is_ok());
        for refused in [
            "ftp://sig.example",
            "file:///etc/passwd",
            "gopher://x",
            "not a url",
        ] {
            assert!(
                matches!(parse(refused), Err(Refusal::Invalid(_))),
                "{refused}"
            );
        }
    }

    #[actix_web::test]
    async fn literal_and_local_hosts_are_checked_without_lookup() {
        let url = parse("http://127.0.0.1:9000/x").unwrap();
        assert!(matches!(
            resolve(&url, false).await,
            Err(Refusal::Internal(_))
        ));
        assert_eq!(
            resolve(&url, true).await.unwrap(),
            vec!["127.0.0.1:9000".parse().unwrap()]
        );
        let url = parse("http://[::1]/x").unwrap();
        assert!(matches!(
            resolve(&url, false).await,
            Err(Refusal::Internal(_))
        ));
        let url = parse("http://api.localhost/x").unwrap();
        assert!(matches!(
            check_subscription(url.as_str(), false).await,
            Err(Refusal::Internal(_))
        ));
        let url = parse("https://93.184.216.34/x").unwrap();
        assert_eq!(
            resolve(&url, false).await.unwrap(),
            vec!["93.184.216.34:443".parse().unwrap()]
        );
    }
}
