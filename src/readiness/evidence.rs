//! Evidence attached to an acceptance, parsed once at the boundary.

use std::fmt;

/// Why evidence was refused. Codes, translated by the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceError {
    /// The note is missing or shorter than 10 characters.
    NoteTooShort,
    /// The note is longer than 2,000 characters.
    NoteTooLong,
    /// The link is not a URL.
    UrlInvalid,
    /// The link is not `https`.
    UrlNotHttps,
    /// The checksum has characters or a length a checksum cannot have.
    ChecksumInvalid,
    /// A decision's value is empty, longer than 200 characters, or holds control characters.
    ValueInvalid,
    /// The note holds a control character (other than a line break or a tab) or text that was
    /// not valid UTF-8.
    NoteControl,
    /// The link is longer than 2,048 characters.
    UrlTooLong,
}

impl EvidenceError {
    /// The code used in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoteTooShort => "note-too-short",
            Self::NoteTooLong => "note-too-long",
            Self::UrlInvalid => "url-invalid",
            Self::UrlNotHttps => "url-not-https",
            Self::ChecksumInvalid => "checksum-invalid",
            Self::ValueInvalid => "value-invalid",
            Self::NoteControl => "note-control",
            Self::UrlTooLong => "url-too-long",
        }
    }

    /// Every error, for the locale parity test.
    pub const ALL: [Self; 8] = [
        Self::NoteTooShort,
        Self::NoteTooLong,
        Self::UrlInvalid,
        Self::UrlNotHttps,
        Self::ChecksumInvalid,
        Self::ValueInvalid,
        Self::NoteControl,
        Self::UrlTooLong,
    ];
}

/// Whether a character may not appear in typed text: C0 and C1 controls and DEL (a line break
/// and a tab only where `lines` allows), and U+FFFD, which is what text that was not valid
/// UTF-8 decodes to.
fn refused_char(c: char, lines: bool) -> bool {
    (c.is_control() && !(lines && matches!(c, '\n' | '\t'))) || c == char::REPLACEMENT_CHARACTER
}

/// Whitespace or an invisible format character (a zero-width space, a bidirectional mark…).
fn invisible(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory as _};
    c.is_whitespace() || c.general_category() == GeneralCategory::Format
}

/// Typed text without the invisible characters around it.
fn trimmed(text: &str) -> &str {
    text.trim_matches(invisible)
}

/// How many characters of `text` can be seen.
fn visible_len(text: &str) -> usize {
    text.chars().filter(|c| !invisible(*c)).count()
}

/// Typed text as it may be shown back in a form: every character [`refused_char`] would refuse
/// becomes U+FFFD, so the writer sees where it was and nothing invisible reaches the page.
pub fn as_typed(text: &str) -> String {
    text.chars()
        .map(|c| {
            if refused_char(c, true) {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

/// A note of 10 to 2,000 characters, at least 10 of them visible, trimmed, with line breaks
/// as `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceNote(String);

impl EvidenceNote {
    /// Characters a note needs at least.
    pub const MIN: usize = 10;
    /// Characters a note may have at most.
    pub const MAX: usize = 2_000;

    /// Parses a typed note (a browser sends line breaks as `\r\n`).
    pub fn parse(text: &str) -> Result<Self, EvidenceError> {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if text.chars().any(|c| refused_char(c, true)) {
            return Err(EvidenceError::NoteControl);
        }
        let text = trimmed(&text);
        if visible_len(text) < Self::MIN {
            return Err(EvidenceError::NoteTooShort);
        }
        if text.chars().count() > Self::MAX {
            return Err(EvidenceError::NoteTooLong);
        }
        Ok(Self(text.to_owned()))
    }

    /// The note.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An `https` link to evidence, of at most 2,048 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceUrl(String);

impl EvidenceUrl {
    /// Characters a link may have at most.
    pub const MAX: usize = 2_048;

    /// Parses a typed link; an empty field is no link.
    pub fn parse(text: &str) -> Result<Option<Self>, EvidenceError> {
        let text = trimmed(text);
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > Self::MAX {
            return Err(EvidenceError::UrlTooLong);
        }
        // The URL parser would silently drop a tab or a line break: refuse them first.
        if text.chars().any(|c| refused_char(c, false) || invisible(c)) {
            return Err(EvidenceError::UrlInvalid);
        }
        let url = url::Url::parse(text).map_err(|_| EvidenceError::UrlInvalid)?;
        if url.scheme() != "https" || url.host_str().is_none() {
            return Err(EvidenceError::UrlNotHttps);
        }
        // Normalising (punycode, percent-encoding) may lengthen it.
        let url = url.to_string();
        if url.chars().count() > Self::MAX {
            return Err(EvidenceError::UrlTooLong);
        }
        Ok(Some(Self(url)))
    }

    /// The link.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A checksum of attached evidence: 8 to 128 of `[A-Za-z0-9:_-]`, e.g. `bfg-3d15b1f6` or a
/// SHA-256 in hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceChecksum(String);

impl EvidenceChecksum {
    /// Characters a checksum may have at most.
    pub const MAX: usize = 128;

    /// Parses a typed checksum; an empty field is none.
    pub fn parse(text: &str) -> Result<Option<Self>, EvidenceError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-');
        if (8..=Self::MAX).contains(&text.len()) && text.chars().all(allowed) {
            Ok(Some(Self(text.to_owned())))
        } else {
            Err(EvidenceError::ChecksumInvalid)
        }
    }

    /// The checksum.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The value a decision records, e.g. `EU` for the hosting region: 1 to 200 characters on one
/// line, at least one of them visible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionValue(String);

impl DecisionValue {
    /// Characters a value may have at most.
    pub const MAX: usize = 200;

    /// Parses a typed value.
    pub fn parse(text: &str) -> Result<Self, EvidenceError> {
        let text = trimmed(text);
        if visible_len(text) >= 1
            && text.chars().count() <= Self::MAX
            && !text.chars().any(|c| refused_char(c, false))
        {
            Ok(Self(text.to_owned()))
        } else {
            Err(EvidenceError::ValueInvalid)
        }
    }

    /// The value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The evidence of one acceptance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What the owner says.
    pub note: EvidenceNote,
    /// Where the evidence is.
    pub url: Option<EvidenceUrl>,
    /// Its checksum.
    pub checksum: Option<EvidenceChecksum>,
}

impl Evidence {
    /// Parses the three fields of the form; the first problem found is returned.
    pub fn parse(note: &str, url: &str, checksum: &str) -> Result<Self, EvidenceError> {
        Ok(Self {
            note: EvidenceNote::parse(note)?,
            url: EvidenceUrl::parse(url)?,
            checksum: EvidenceChecksum::parse(checksum)?,
        })
    }

    /// A digest of the evidence for the audit trail (the note itself may hold personal data and
    /// stays in the acceptance row): SHA-256 over the three fields, newline-separated.
    pub fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(self.note.as_str().as_bytes());
        hasher.update(b"\n");
        hasher.update(self.url.as_ref().map_or("", EvidenceUrl::as_str).as_bytes());
        hasher.update(b"\n");
        hasher.update(
            self.checksum
                .as_ref()
                .map_or("", EvidenceChecksum::as_str)
                .as_bytes(),
        );
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl Evidence {
    /// The digest of a decided value with its evidence.
    pub fn digest_with_value(&self, value: &DecisionValue) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(value.as_str().as_bytes());
        hasher.update(b"\n");
        hasher.update(self.digest().as_bytes());
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl fmt::Display for EvidenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_must_be_between_ten_and_two_thousand_characters() {
        assert_eq!(
            EvidenceNote::parse("   short   "),
            Err(EvidenceError::NoteTooShort)
        );
        assert_eq!(EvidenceNote::parse(""), Err(EvidenceError::NoteTooShort));
        assert!(EvidenceNote::parse("Verified in staging").is_ok());
        assert!(EvidenceNote::parse(&"é".repeat(2_000)).is_ok());
        assert_eq!(
            EvidenceNote::parse(&"x".repeat(2_001)),
            Err(EvidenceError::NoteTooLong)
        );
    }

    #[test]
    fn notes_count_visible_characters_and_refuse_control_characters() {
        let zero_width = "\u{200B}".repeat(12);
        assert_eq!(
            EvidenceNote::parse(&zero_width),
            Err(EvidenceError::NoteTooShort)
        );
        assert_eq!(
            EvidenceNote::parse(&format!("{zero_width}abc{zero_width}")),
            Err(EvidenceError::NoteTooShort)
        );
        for bad in [
            "Verified\0 in staging",
            "Verified \u{1b}[31m red",
            "Bad \u{FFFD} bytes here",
            "del\u{7f} in the middle",
        ] {
            assert_eq!(
                EvidenceNote::parse(bad),
                Err(EvidenceError::NoteControl),
                "{bad:?}"
            );
        }
        assert_eq!(
            EvidenceNote::parse("Line one\r\nline two\tand a tab").map(|n| n.as_str().to_owned()),
            Ok("Line one\nline two\tand a tab".to_owned())
        );
        assert_eq!(
            EvidenceNote::parse("\u{FEFF} Verified in staging \u{200B}")
                .map(|n| n.as_str().to_owned()),
            Ok("Verified in staging".to_owned())
        );
        assert_eq!(as_typed("a\0b\u{1b}c\nd"), "a\u{FFFD}b\u{FFFD}c\nd");
    }

    #[test]
    fn links_must_be_https() {
        assert_eq!(EvidenceUrl::parse(""), Ok(None));
        assert_eq!(
            EvidenceUrl::parse("http://example.org/x"),
            Err(EvidenceError::UrlNotHttps)
        );
        assert_eq!(
            EvidenceUrl::parse("javascript:alert(1)"),
            Err(EvidenceError::UrlNotHttps)
        );
        assert_eq!(
            EvidenceUrl::parse("not a url"),
            Err(EvidenceError::UrlInvalid)
        );
        assert!(matches!(
            EvidenceUrl::parse("https://evidence.example/run/42"),
            Ok(Some(_))
        ));
        let long = format!("https://evidence.example/{}", "a".repeat(2_048));
        assert_eq!(EvidenceUrl::parse(&long), Err(EvidenceError::UrlTooLong));
        assert_eq!(
            EvidenceUrl::parse("https://evidence.example/\nrun"),
            Err(EvidenceError::UrlInvalid)
        );
    }

    #[test]
    fn checksums_are_short_tokens() {
        assert_eq!(EvidenceChecksum::parse(" "), Ok(None));
        assert!(matches!(
            EvidenceChecksum::parse("bfg-3d15b1f6"),
            Ok(Some(_))
        ));
        assert_eq!(
            EvidenceChecksum::parse("abc"),
            Err(EvidenceError::ChecksumInvalid)
        );
        assert_eq!(
            EvidenceChecksum::parse("bfg 3d15b1f6"),
            Err(EvidenceError::ChecksumInvalid)
        );
    }

    #[test]
    fn decision_values_are_short_single_lines() {
        assert_eq!(
            DecisionValue::parse(" EU ").map(|v| v.as_str().to_owned()),
            Ok("EU".to_owned())
        );
        assert_eq!(
            DecisionValue::parse("   "),
            Err(EvidenceError::ValueInvalid)
        );
        assert_eq!(
            DecisionValue::parse("EU\nUS"),
            Err(EvidenceError::ValueInvalid)
        );
        assert_eq!(
            DecisionValue::parse(&"x".repeat(201)),
            Err(EvidenceError::ValueInvalid)
        );
        for bad in ["\u{200B}\u{200B}", "EU\0", "E\u{FFFD}U"] {
            assert_eq!(
                DecisionValue::parse(bad),
                Err(EvidenceError::ValueInvalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_digest_covers_every_field() {
        let a = Evidence::parse("Verified in staging", "", "").unwrap();
        let b = Evidence::parse("Verified in staging", "https://e.example/1", "").unwrap();
        assert_ne!(a.digest(), b.digest());
        assert_eq!(a.digest().len(), 64);
    }
}
