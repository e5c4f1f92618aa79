//! The names that arrive in URLs — a tenant's slug, an item's key, any other path segment —
//! parsed once, before anything builds a query or a header from them.

/// A tenant's slug: 1 to 63 of `[a-z0-9-]`, e.g. `bfg-control`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TenantSlug(String);

impl TenantSlug {
    /// Parses a slug; `None` when it cannot be one.
    pub fn parse(text: &str) -> Option<Self> {
        let valid = (1..=63).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        valid.then(|| Self(text.to_owned()))
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An item's key: `section.item`, each part 1 to 64 of `[a-z0-9_]`, e.g.
/// `passage.role_headers`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemKey(String);

impl ItemKey {
    /// Parses a key; `None` when it cannot be one.
    pub fn parse(text: &str) -> Option<Self> {
        let part = |p: &str| {
            (1..=64).contains(&p.len())
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        };
        let (section, item) = text.split_once('.')?;
        (part(section) && part(item)).then(|| Self(text.to_owned()))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether a raw path segment of a tenant URL can name anything: 1 to 128 of `[a-z0-9._-]`.
/// Every section, packet, kind and action name is one; anything else (a percent-escape, a
/// control character, a capital) names nothing.
pub fn plain_segment(segment: &str) -> bool {
    (1..=128).contains(&segment.len())
        && segment.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Whether the path of a request under `/t/` can name a tenant page: the slug is a
/// [`TenantSlug`], the segment after `items` an [`ItemKey`], and every other segment plain.
/// The raw (still percent-encoded) path is judged: a valid name never needs an escape.
pub fn tenant_path_is_plausible(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/t/") else {
        return true;
    };
    let mut segments = rest.split('/');
    if segments
        .next()
        .is_none_or(|s| TenantSlug::parse(s).is_none())
    {
        return false;
    }
    let mut previous = "";
    for segment in segments {
        let valid = if previous == "items" {
            ItemKey::parse(segment).is_some()
        } else if previous == "invite" || previous == "reset" {
            // An invitation's or a password reset's token: base64url, upper case too.
            (1..=128).contains(&segment.len())
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        } else if previous == "unsubscribe" {
            // A reminder's unsubscribe token: two base64url parts joined by a dot.
            (1..=256).contains(&segment.len())
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        } else {
            plain_segment(segment)
        };
        if !valid {
            return false;
        }
        previous = segment;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_letters_digits_and_hyphens() {
        assert!(TenantSlug::parse("bfg-control").is_some());
        for bad in [
            "",
            "BFG",
            "a\r\nb",
            "a%0d%0ab",
            "a\0",
            "a\u{7f}",
            &"a".repeat(64),
        ] {
            assert!(TenantSlug::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn item_keys_are_a_section_and_an_item() {
        assert!(ItemKey::parse("passage.role_headers").is_some());
        for bad in [
            "passage",
            "passage.",
            ".x",
            "passage.role_headers%00",
            "a.b.c",
            "Passage.x",
        ] {
            assert!(ItemKey::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn only_plausible_tenant_paths_reach_a_handler() {
        for good in [
            "/",
            "/static/app.css",
            "/t/bfg-control",
            "/t/bfg-control/items/passage.role_headers/accept",
            "/t/bfg-control/packets/runbook-sql",
            "/t/bfg-control/rehearsal/dry_run",
        ] {
            assert!(tenant_path_is_plausible(good), "{good}");
        }
        for bad in [
            "/t/a%0d%0ab/signoff",
            "/t/",
            "/t/bfg-control/items/passage.role_headers%00",
            "/t/bfg-control/items/passage.role_headers%00/accept",
            "/t/bfg-control/sections/%FF",
            "/t/bfg-control//x",
        ] {
            assert!(!tenant_path_is_plausible(bad), "{bad}");
        }
    }
}
