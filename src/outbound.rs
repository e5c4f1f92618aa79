//! Requests the console sends out (to identity providers, to webhook receivers): the addresses
//! they may reach. Whoever configures a URL must not be able to make the console call its own
//! network, so names resolving to loopback, private, link-local or other non-public addresses
//! are refused, unless the console runs with the matching `--…-allow-private` flag.

use std::net::{IpAddr, SocketAddr};

/// The error text of a refused address (the callers look for it in an error's chain).
pub const PRIVATE: &str = "refused: not a public address";

/// Whether an address is one an outside service may have: not loopback, private, link-local, shared,
/// unspecified, multicast or documentation space.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Whether a URL's host, when it is an address (which no resolver sees), may be reached.
pub fn literal_allowed(host: &str, allow_private: bool) -> bool {
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    match literal.parse::<IpAddr>() {
        Ok(ip) => allow_private || is_public(ip),
        Err(_) => true,
    }
}

/// Resolves names as the system does, keeping only the addresses allowed.
pub struct Resolver {
    allow_private: bool,
}

impl Resolver {
    /// A resolver that keeps only public addresses, unless `allow_private`.
    pub fn new(allow_private: bool) -> Self {
        Self { allow_private }
    }
}

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|addr| allow_private || is_public(addr.ip()))
                .collect();
            if found.is_empty() {
                return Err(PRIVATE.into());
            }
            Ok(Box::new(found.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        let cases = [
            ("127.0.0.1", false),
            ("10.1.2.3", false),
            ("172.16.0.1", false),
            ("192.168.1.1", false),
            ("169.254.169.254", false),
            ("100.64.0.1", false),
            ("0.0.0.0", false),
            ("::1", false),
            ("fd00::1", false),
            ("fe80::1", false),
            ("::ffff:127.0.0.1", false),
            ("93.184.216.34", true),
            ("2606:2800:220:1:248:1893:25c8:1946", true),
        ];
        for (ip, public) in cases {
            assert_eq!(is_public(ip.parse().unwrap()), public, "{ip}");
        }
    }

    #[test]
    fn a_literal_address_is_checked_a_name_is_left_to_the_resolver() {
        assert!(!literal_allowed("127.0.0.1", false));
        assert!(!literal_allowed("[::1]", false));
        assert!(literal_allowed("[::1]", true));
        assert!(literal_allowed("hooks.example.com", false));
    }
}
