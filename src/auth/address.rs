//! The client's address, for the login throttle: the peer's, unless the peer is a trusted
//! reverse proxy, whose `Forwarded` (RFC 7239) or `X-Forwarded-For` then names the client.
//!
//! Those headers are written by whoever sends the request, so they are read only from a
//! trusted proxy, and only as far back as the chain of trusted proxies goes: the client is the
//! last hop (from the right) that is not itself a trusted proxy.

use std::net::IpAddr;

use crate::config::AddressRange;

/// The address a request comes from. `forwarded` and `forwarded_for` are every value of the
/// `Forwarded` and `X-Forwarded-For` headers, in order; `Forwarded` wins when both are sent.
pub fn client_address(
    peer: IpAddr,
    forwarded: &[&str],
    forwarded_for: &[&str],
    trusted: &[AddressRange],
) -> IpAddr {
    let is_trusted = |a: IpAddr| trusted.iter().any(|r| r.contains(a));
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<Option<IpAddr>> = if !forwarded.is_empty() {
        forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .map(forwarded_for_of)
            .collect()
    } else {
        forwarded_for
            .iter()
            .flat_map(|v| v.split(','))
            .map(|h| parse_node(h.trim()))
            .collect()
    };
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        match hop {
            // A hop we cannot read ends the chain: the nearest address we know stands for it.
            None => break,
            Some(a) => {
                client = a;
                if !is_trusted(a) {
                    break;
                }
            }
        }
    }
    client
}

/// The `for=` node of one `Forwarded` element (`for=192.0.2.60;proto=http;by=203.0.113.43`).
fn forwarded_for_of(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_node(value.trim().trim_matches('"')))
            .flatten()
    })
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]:4711`,
/// `2001:db8::1`; anything else (`unknown`, obfuscated names) is None.
fn parse_node(s: &str) -> Option<IpAddr> {
    if let Ok(a) = s.parse::<IpAddr>() {
        return Some(a);
    }
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let (host, port) = s.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn ranges(list: &[&str]) -> Vec<AddressRange> {
        list.iter()
            .map(|r| AddressRange::parse(r).unwrap())
            .collect()
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let peer = ip("203.0.113.9");
        assert_eq!(client_address(peer, &[], &["198.51.100.1"], &[]), peer);
        assert_eq!(
            client_address(peer, &["for=198.51.100.1"], &[], &ranges(&["10.0.0.0/8"])),
            peer
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_forged_hops_before_it_do_not_count() {
        let proxy = ip("10.0.0.5");
        let trusted = ranges(&["10.0.0.0/8"]);
        assert_eq!(
            client_address(proxy, &[], &["198.51.100.1"], &trusted),
            ip("198.51.100.1")
        );
        // The client sent a forged X-Forwarded-For; the proxy appended the real address.
        assert_eq!(
            client_address(proxy, &[], &["1.2.3.4, 198.51.100.1"], &trusted),
            ip("198.51.100.1")
        );
        // Two trusted proxies in a row, headers split over two lines.
        assert_eq!(
            client_address(proxy, &[], &["1.2.3.4, 198.51.100.1", "10.0.0.7"], &trusted),
            ip("198.51.100.1")
        );
        // RFC 7239, quoted IPv6 with a port, wins over X-Forwarded-For.
        assert_eq!(
            client_address(
                proxy,
                &["for=192.0.2.43, for=\"[2001:db8:cafe::17]:4711\";proto=https"],
                &["198.51.100.1"],
                &trusted
            ),
            ip("2001:db8:cafe::17")
        );
        assert_eq!(
            client_address(proxy, &[], &["198.51.100.1:5000"], &trusted),
            ip("198.51.100.1")
        );
        // Nothing readable: the proxy itself stands for its clients (the safe side).
        assert_eq!(client_address(proxy, &[], &[], &trusted), proxy);
        assert_eq!(
            client_address(proxy, &["for=unknown"], &[], &trusted),
            proxy
        );
        assert_eq!(
            client_address(proxy, &[], &["1.2.3.4, garbage"], &trusted),
            proxy
        );
    }
}
