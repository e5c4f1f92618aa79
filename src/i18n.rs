//! Languages: Fluent bundles embedded from `locales/`, negotiation, and the translator that
//! templates call.
//!
//! Templates never hold prose: they ask [`Tr`] for a message id. Codes and contract names
//! (`BLOCKED_PENDING_DRY_RUN`, `ScenarioStore.v1`) are passed through as arguments.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::static_loader;
use time::OffsetDateTime;
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks would show up inside attributes and copyable packets.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the console speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, the fallback.
    En,
    /// Spanish.
    Es,
    /// French.
    Fr,
}

static EN: LanguageIdentifier = langid!("en");
static ES: LanguageIdentifier = langid!("es");
static FR: LanguageIdentifier = langid!("fr");

impl Lang {
    /// Every language, in the order of the language switcher.
    pub const ALL: [Lang; 3] = [Lang::Es, Lang::Fr, Lang::En];

    /// The BCP 47 tag, as in `<html lang>` and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
            Self::Fr => "fr",
        }
    }

    /// The language named by a tag such as `es` or `fr-CA`, if we speak it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let id: LanguageIdentifier = tag.trim().parse().ok()?;
        Self::ALL
            .into_iter()
            .find(|l| l.id().language == id.language)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Self::En => &EN,
            Self::Es => &ES,
            Self::Fr => &FR,
        }
    }

    /// The translator for this language.
    pub fn tr(self) -> Tr {
        Tr { lang: self }
    }
}

/// The visitor's language: `?lang=` → their stored choice → `Accept-Language` → English.
/// Unknown or malformed values at any step fall through to the next; never an error.
pub fn negotiate(query: Option<&str>, stored: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = query.and_then(Lang::from_tag) {
        return lang;
    }
    if let Some(lang) = stored.and_then(Lang::from_tag) {
        return lang;
    }
    let Some(header) = accept_language else {
        return Lang::En;
    };
    let requested = accepted_languages::parse(header);
    let available = [EN.clone(), ES.clone(), FR.clone()];
    negotiate_languages(
        &requested,
        &available,
        Some(&EN),
        NegotiationStrategy::Filtering,
    )
    .first()
    .and_then(|id| Lang::from_tag(&id.to_string()))
    .unwrap_or(Lang::En)
}

/// A message argument: a number (which drives plural forms) or text.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A count or other number.
    Num(f64),
    /// Text, typically a code or a name.
    Text(String),
}

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Self {
                Arg::Num(*n as f64)
            }
        }
    )*};
}
arg_from_number!(u32, u64, usize, i32, i64);

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<&&str> for Arg {
    fn from(s: &&str) -> Self {
        Arg::Text((*s).to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

/// The translator handed to templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    lang: Lang,
}

impl Tr {
    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id`. A missing id shows as the id itself (and the parity test fails).
    pub fn t(&self, id: &str) -> String {
        self.lookup(id, None)
    }

    /// The message `id` with one argument.
    pub fn t1(&self, id: &str, name: &str, value: impl Into<Arg>) -> String {
        self.with(id, [(name, value.into())])
    }

    /// The message `id` with two arguments.
    pub fn t2(
        &self,
        id: &str,
        n1: &str,
        v1: impl Into<Arg>,
        n2: &str,
        v2: impl Into<Arg>,
    ) -> String {
        self.with(id, [(n1, v1.into()), (n2, v2.into())])
    }

    /// The message `id` with three arguments.
    #[expect(
        clippy::too_many_arguments,
        reason = "name/value pairs read best in templates"
    )]
    pub fn t3(
        &self,
        id: &str,
        n1: &str,
        v1: impl Into<Arg>,
        n2: &str,
        v2: impl Into<Arg>,
        n3: &str,
        v3: impl Into<Arg>,
    ) -> String {
        self.with(id, [(n1, v1.into()), (n2, v2.into()), (n3, v3.into())])
    }

    /// The message `id` with any number of arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.lookup(id, Some(&to_fluent(args.iter().cloned())))
    }

    /// `prefix-key` when such a message exists, else `key` itself: for tenant data (units,
    /// provider keys) that the locales may name.
    pub fn or_raw(&self, prefix: &str, key: &str) -> String {
        let id = format!("{prefix}-{key}");
        LOCALES
            .lookup_single_language::<&str>(self.lang.id(), &id, None)
            .unwrap_or_else(|_| key.to_owned())
    }

    /// A whole number with the language's digit grouping: 12,345 · 12.345 · 12 345.
    pub fn num(&self, n: impl Into<u64>) -> String {
        let digits = n.into().to_string();
        let separator = match self.lang {
            Lang::En => ",",
            Lang::Es => ".",
            // French groups with a narrow no-break space.
            Lang::Fr => "\u{202f}",
        };
        // Spanish does not group four-digit numbers.
        if self.lang == Lang::Es && digits.len() <= 4 {
            return digits;
        }
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(separator);
            }
            out.push(c);
        }
        out
    }

    /// A UTC date and time in the language's words, e.g. "22 nov. 2026, 20:37 UTC".
    pub fn datetime(&self, at: &OffsetDateTime) -> String {
        let at = at.to_offset(time::UtcOffset::UTC);
        let month = self.t(&format!("month-{}", u8::from(at.month())));
        self.with(
            "datetime",
            [
                ("day", Arg::Num(f64::from(at.day()))),
                ("month", Arg::Text(month)),
                ("year", Arg::Num(f64::from(at.year()))),
                (
                    "time",
                    Arg::Text(format!("{:02}:{:02}", at.hour(), at.minute())),
                ),
            ],
        )
    }

    fn with<const N: usize>(&self, id: &str, args: [(&str, Arg); N]) -> String {
        self.lookup(id, Some(&to_fluent(args)))
    }

    fn lookup(&self, id: &str, args: Option<&FluentArgs>) -> String {
        LOCALES
            .lookup_single_language(self.lang.id(), id, args)
            .unwrap_or_else(|_| id.to_owned())
    }
}

type FluentArgs = HashMap<Cow<'static, str>, FluentValue<'static>>;

fn to_fluent<'a>(args: impl IntoIterator<Item = (&'a str, Arg)>) -> FluentArgs {
    args.into_iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Num(n) => FluentValue::from(n),
                Arg::Text(s) => FluentValue::from(s),
            };
            (Cow::Owned(name.to_owned()), value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_wins_then_the_stored_choice_then_the_header() {
        assert_eq!(negotiate(Some("fr"), Some("es"), Some("en")), Lang::Fr);
        assert_eq!(negotiate(None, Some("es"), Some("fr")), Lang::Es);
        assert_eq!(
            negotiate(None, None, Some("fr-CA,fr;q=0.9,en;q=0.5")),
            Lang::Fr
        );
        assert_eq!(negotiate(None, None, Some("de-DE,es;q=0.8")), Lang::Es);
        assert_eq!(negotiate(None, None, None), Lang::En);
    }

    #[test]
    fn unknown_or_malformed_choices_fall_back_without_error() {
        assert_eq!(negotiate(Some("xx"), None, Some("es")), Lang::Es);
        assert_eq!(negotiate(Some("<script>"), Some("zz"), None), Lang::En);
        assert_eq!(negotiate(None, None, Some(";;q=abc,,*")), Lang::En);
        assert_eq!(negotiate(None, None, Some("de, it")), Lang::En);
    }

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(Lang::En.tr().num(1_234_567u64), "1,234,567");
        assert_eq!(Lang::Es.tr().num(1_234u64), "1234");
        assert_eq!(Lang::Es.tr().num(12_345u64), "12.345");
        assert_eq!(Lang::Fr.tr().num(12_345u64), "12\u{202f}345");
        assert_eq!(Lang::Fr.tr().num(5u64), "5");
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let en = Lang::En.tr();
        assert_eq!(
            en.t1("prose-kpi-actors-mapped", "count", 1u32),
            "1 demo user maps to a future RBAC claim."
        );
        assert!(
            en.t1("prose-kpi-actors-mapped", "count", 5u32)
                .starts_with("5 demo users")
        );
    }

    #[test]
    fn dates_use_the_languages_month_names() {
        let at = time::macros::datetime!(2026-11-22 20:37 UTC);
        assert_eq!(Lang::En.tr().datetime(&at), "22 Nov 2026, 20:37 UTC");
        assert_eq!(Lang::Es.tr().datetime(&at), "22 nov 2026, 20:37 UTC");
        assert_eq!(Lang::Fr.tr().datetime(&at), "22 nov. 2026, 20:37 UTC");
    }
}
