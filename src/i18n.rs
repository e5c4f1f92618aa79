//! Languages: Fluent bundles embedded from `locales/`, negotiation, and the translator that
//! templates call.
//!
//! Templates never hold prose: they ask [`Tr`] for a message id. Codes and contract names
//! (`BLOCKED_PENDING_DRY_RUN`, `ScenarioStore.v1`) are passed through as arguments.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError, RwLock};

use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::static_loader;
use rustc_hash::FxHashMap;
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

/// How a language writes the digits of a whole number.
#[derive(Debug, Clone, Copy)]
struct Grouping {
    /// What stands between groups of three digits.
    separator: &'static str,
    /// The fewest digits a number has before it is grouped: Spanish writes 1234 but 12.345.
    from_digits: usize,
}

/// One language the console speaks. Its messages are the folder `locales/<tag>/`; the rest of
/// what the console needs to know about it is here.
struct Language {
    /// The BCP 47 tag: the folder's name, `<html lang>`, `?lang=` and the cookie's value.
    tag: &'static str,
    /// The same tag, parsed once, for the bundles and the negotiation.
    id: LanguageIdentifier,
    /// How it groups digits (dates are messages: `datetime` and `month-1`…`month-12`).
    grouping: Grouping,
}

/// One row of [`LANGUAGES`]: `language!(tag, digit group separator, grouped from so many
/// digits)`. The tag is checked at compile time.
macro_rules! language {
    ($tag:tt, $separator:expr, $from_digits:expr) => {
        Language {
            tag: $tag,
            id: langid!($tag),
            grouping: Grouping {
                separator: $separator,
                from_digits: $from_digits,
            },
        }
    };
}

/// Every language, in the order of the language switcher. A new language is its folder
/// `locales/<tag>/` and one row here.
const LANGUAGES: &[Language] = &[
    language!("es", ".", 5),
    // French groups with a narrow no-break space.
    language!("fr", "\u{202f}", 4),
    language!("en", ",", 4),
    language!("pt-BR", ".", 4),
];

/// A language the console speaks: a row of the language table, in the order of the switcher.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(usize);

// The names the languages had when `Lang` was an enum: code that names a language (English is
// the fallback) keeps reading the same. A new language needs no name here.
#[expect(
    non_upper_case_globals,
    reason = "the enum variants' names, kept so that code naming them still compiles"
)]
impl Lang {
    /// English, the fallback.
    pub const En: Lang = Lang::named("en");
    /// Spanish.
    pub const Es: Lang = Lang::named("es");
    /// French.
    pub const Fr: Lang = Lang::named("fr");
}

impl Lang {
    /// Every language, in the order of the language switcher.
    pub const ALL: [Lang; LANGUAGES.len()] = {
        let mut all = [Lang(0); LANGUAGES.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = Lang(i);
            i += 1;
        }
        all
    };

    /// The language whose tag is exactly `tag`; a compile-time error when there is none.
    const fn named(tag: &str) -> Lang {
        let mut i = 0;
        while i < LANGUAGES.len() {
            if same_bytes(LANGUAGES[i].tag.as_bytes(), tag.as_bytes()) {
                return Lang(i);
            }
            i += 1;
        }
        panic!("a language named in `Lang` is missing from LANGUAGES");
    }

    /// The BCP 47 tag, as in `<html lang>` and `?lang=`: `es`, `pt-BR`.
    pub fn code(self) -> &'static str {
        self.row().tag
    }

    /// The language's place in [`Lang::ALL`], for tables kept per language.
    pub fn index(self) -> usize {
        self.0
    }

    /// The language named by a tag such as `es`, `fr-CA` or `pt-br`, if we speak it: the exact
    /// language and region when we have them, else the first of ours with the same language
    /// (`pt` and `pt-PT` are Brazilian Portuguese, the only Portuguese we speak).
    pub fn from_tag(tag: &str) -> Option<Self> {
        let id: LanguageIdentifier = tag.trim().parse().ok()?;
        Self::ALL.into_iter().find(|l| *l.id() == id).or_else(|| {
            Self::ALL
                .into_iter()
                .find(|l| l.id().language == id.language)
        })
    }

    fn row(self) -> &'static Language {
        &LANGUAGES[self.0]
    }

    fn id(self) -> &'static LanguageIdentifier {
        &self.row().id
    }

    /// The translator for this language.
    pub fn tr(self) -> Tr {
        Tr {
            lang: self,
            overlay: None,
        }
    }

    /// The translator for this language, with the messages of `overlay` (a tenant's
    /// programme's labels) winning over the Fluent files'.
    pub fn tr_with(self, overlay: Option<&'static Overlay>) -> Tr {
        Tr {
            lang: self,
            overlay,
        }
    }
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
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
    let available = Lang::ALL.map(Lang::id);
    let fallback = Lang::En.id();
    negotiate_languages(
        &requested,
        &available,
        Some(&fallback),
        NegotiationStrategy::Filtering,
    )
    .first()
    .and_then(|id| Lang::ALL.into_iter().find(|l| l.id() == **id))
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
    /// Messages that win over the Fluent files' (a tenant's programme labels).
    overlay: Option<&'static Overlay>,
}

type Bundle = fluent_templates::fluent_bundle::concurrent::FluentBundle<
    fluent_templates::fluent_bundle::FluentResource,
>;

/// Messages brought by data rather than by `locales/` — a programme's labels and
/// descriptions — per language: id → Fluent pattern. Looked up before the Fluent files, and
/// formatted the same way (no isolation marks, the same arguments).
pub struct Overlay {
    bundles: Vec<Bundle>,
    /// Per language, the messages that need no argument, formatted once (labels, mostly).
    plain: Vec<FxHashMap<String, String>>,
}

impl Overlay {
    /// The overlay of these messages: (language, id, pattern). A pattern that is not valid
    /// Fluent is shown as the text it is.
    pub fn new(messages: impl IntoIterator<Item = (Lang, String, String)>) -> Self {
        let mut sources: Vec<String> = vec![String::new(); Lang::ALL.len()];
        let mut ids: Vec<Vec<String>> = vec![Vec::new(); Lang::ALL.len()];
        for (lang, id, pattern) in messages {
            let entry = |pattern: &str| format!("{id} = {}\n", pattern.replace('\n', "\n    "));
            let mut text = entry(&pattern);
            if fluent_templates::fluent_bundle::FluentResource::try_new(text.clone()).is_err() {
                let literal = pattern.replace('\\', "\\\\").replace('"', "\\\"");
                text = entry(&format!("{{ \"{}\" }}", literal.replace('\n', " ")));
            }
            sources[lang.index()].push_str(&text);
            ids[lang.index()].push(id);
        }
        let bundles: Vec<Bundle> = Lang::ALL
            .into_iter()
            .zip(sources)
            .map(|(lang, source)| {
                let mut bundle = Bundle::new_concurrent(vec![lang.id().clone()]);
                bundle.set_use_isolating(false);
                // Each entry was checked alone: what still fails (an id given twice) is left out.
                let resource = fluent_templates::fluent_bundle::FluentResource::try_new(source)
                    .unwrap_or_else(|(resource, _)| resource);
                bundle.add_resource_overriding(resource);
                bundle
            })
            .collect();
        let plain = bundles
            .iter()
            .zip(ids)
            .map(|(bundle, ids)| {
                ids.into_iter()
                    .filter_map(|id| {
                        let pattern = bundle.get_message(&id)?.value()?;
                        let mut errors = Vec::new();
                        let text = bundle.format_pattern(pattern, None, &mut errors);
                        errors.is_empty().then(|| (id.clone(), text.into_owned()))
                    })
                    .collect()
            })
            .collect();
        Self { bundles, plain }
    }

    /// The message `id` in `lang`, if the overlay has it: `Some(Err(()))` when it cannot be
    /// formatted with these arguments (shown as its id, as a Fluent message would be).
    fn lookup(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<Result<String, ()>> {
        // A message that formats without arguments reads the same with any.
        if let Some(text) = self.plain.get(lang.index()).and_then(|p| p.get(id)) {
            return Some(Ok(text.clone()));
        }
        let bundle = self.bundles.get(lang.index())?;
        let pattern = bundle.get_message(id)?.value()?;
        let args: Option<fluent_templates::fluent_bundle::FluentArgs<'_>> = (!args.is_empty())
            .then(|| {
                args.iter()
                    .map(|(k, v)| (*k, fluent_value(v.clone())))
                    .collect()
            });
        let mut errors = Vec::new();
        let value = bundle.format_pattern(pattern, args.as_ref(), &mut errors);
        Some(if errors.is_empty() {
            Ok(value.into_owned())
        } else {
            Err(())
        })
    }

    /// Interns the overlay built by `build` under `key` (e.g. a programme file's SHA-256):
    /// built once per process, then shared by every tenant with the same key. Kept for the
    /// life of the process — there are as many as distinct programme files were read.
    pub fn interned(key: &str, build: impl FnOnce() -> Overlay) -> &'static Overlay {
        let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(overlay) = interned.get(key) {
            return overlay;
        }
        let overlay: &'static Overlay = Box::leak(Box::new(build()));
        interned.insert(key.to_owned(), overlay);
        overlay
    }
}

/// The overlays interned so far, by key.
static INTERNED: LazyLock<Mutex<HashMap<String, &'static Overlay>>> =
    LazyLock::new(Default::default);

impl Overlay {
    /// The overlay interned under `key`, if there is one yet (then its messages need not be
    /// read again).
    pub fn find(key: &str) -> Option<&'static Overlay> {
        INTERNED
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .copied()
    }
}

impl std::fmt::Debug for Overlay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overlay").finish_non_exhaustive()
    }
}

// One overlay per key: the same overlay is the same messages.
impl PartialEq for Overlay {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
impl Eq for Overlay {}

impl Tr {
    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id`. A missing id shows as the id itself (and the parity test fails).
    pub fn t(&self, id: &str) -> String {
        self.lookup(id, &[])
    }

    /// The message `id` with one argument, or `None` where [`Tr::t1`] would show the id
    /// itself (no such message, or one that cannot be formatted).
    pub fn t1_opt(&self, id: &str, name: &str, value: impl Into<Arg>) -> Option<String> {
        let text = self.t1(id, name, value);
        (text != id).then_some(text)
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

    /// The message `id` with any number of arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.lookup(id, args)
    }

    /// `prefix-key` when such a message exists, else `key` itself: for tenant data (units,
    /// provider keys) that the locales may name.
    pub fn or_raw(&self, prefix: &str, key: &str) -> String {
        files(self.lang, &format!("{prefix}-{key}"), &[]).unwrap_or_else(|| key.to_owned())
    }

    /// A whole number with the language's digit grouping: 12,345 · 12.345 · 12 345.
    pub fn num(&self, n: impl Into<u64>) -> String {
        let digits = n.into().to_string();
        let Grouping {
            separator,
            from_digits,
        } = self.lang.row().grouping;
        if digits.len() < from_digits {
            return digits;
        }
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
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
        self.lookup(id, &args)
    }

    fn lookup(&self, id: &str, args: &[(&str, Arg)]) -> String {
        if let Some(found) = self.overlay.and_then(|o| o.lookup(self.lang, id, args)) {
            return found.unwrap_or_else(|()| id.to_owned());
        }
        files(self.lang, id, args).unwrap_or_else(|| id.to_owned())
    }
}

/// What the Fluent files hold under a message id in one language, as learnt at its first
/// lookup: most of a page's lookups then cost a hash lookup instead of a resolution.
#[derive(Clone)]
enum Known {
    /// A message that reads the same whatever the arguments (it formats without any), as
    /// formatted once.
    Text(Box<str>),
    /// A message that uses its arguments: formatted at every lookup.
    Formatted,
    /// No such message (an id built from data, such as a unit the locales do not name).
    Missing,
}

/// Per language, what the Fluent files hold under each id looked up so far. It holds every
/// message of the files at most once per language, and at most [`MISSES_KEPT`] missing ids.
static KNOWN: LazyLock<[Memo; Lang::ALL.len()]> = LazyLock::new(Default::default);

/// Message id → what the Fluent files hold under it, in one language.
type Memo = RwLock<FxHashMap<Box<str>, Known>>;

/// How many ids of one language are kept at most (beyond it, a missing id is looked up anew
/// each time): ids built from data must not grow the memo without end.
const MISSES_KEPT: usize = 16_384;

/// The message `id` of the Fluent files in `lang` with `args`: `None` if there is none, or if
/// it cannot be formatted with them.
fn files(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let memo = &KNOWN[lang.index()];
    let known = memo
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(id)
        .cloned();
    match known.unwrap_or_else(|| learn(memo, lang, id)) {
        Known::Text(text) => Some(text.into()),
        Known::Missing => None,
        Known::Formatted => {
            let args = (!args.is_empty()).then(|| to_fluent(args.iter().cloned()));
            LOCALES
                .lookup_single_language(lang.id(), id, args.as_ref())
                .ok()
        }
    }
}

/// What `id` is, learnt by formatting it without arguments (a variable it reads is an error
/// then), and kept in `memo`.
fn learn(memo: &Memo, lang: Lang, id: &str) -> Known {
    let known = match LOCALES.lookup_single_language::<&str>(lang.id(), id, None) {
        Ok(text) => Known::Text(text.into()),
        Err(error) if uses_arguments(&error) => Known::Formatted,
        Err(_) => Known::Missing,
    };
    let mut memo = memo.write().unwrap_or_else(PoisonError::into_inner);
    if !matches!(known, Known::Missing) || memo.len() < MISSES_KEPT {
        memo.insert(id.into(), known.clone());
    }
    known
}

/// Whether a failed lookup found the message and failed to format it (rather than finding no
/// message): the loader's error type is not exported, so its variant is read from its name.
fn uses_arguments(error: &impl std::fmt::Debug) -> bool {
    format!("{error:?}").starts_with("FluentError")
}

type FluentArgs = HashMap<Cow<'static, str>, FluentValue<'static>>;

fn to_fluent<'a>(args: impl IntoIterator<Item = (&'a str, Arg)>) -> FluentArgs {
    args.into_iter()
        .map(|(name, value)| (Cow::Owned(name.to_owned()), fluent_value(value)))
        .collect()
}

fn fluent_value(value: Arg) -> FluentValue<'static> {
    match value {
        Arg::Num(n) => FluentValue::from(n),
        Arg::Text(s) => FluentValue::from(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt_br() -> Lang {
        Lang::from_tag("pt-BR").expect("pt-BR is spoken")
    }

    #[test]
    fn a_message_is_learnt_once_and_reads_the_same_afterwards() {
        let tr = Lang::En.tr();
        // Twice each: the first lookup learns what the id is, the second reads the memo.
        for _ in 0..2 {
            // A text reads the same with or without arguments.
            assert_eq!(tr.t("kpi-contract-label"), "Scenario contract");
            assert_eq!(tr.t1("kpi-contract-label", "x", 1u64), "Scenario contract");
            // A message that uses its argument is formatted with it each time.
            assert_eq!(
                tr.t1("item-waiting-owner", "owner", "Anna"),
                "Waiting on Anna"
            );
            assert_eq!(
                tr.t1("item-waiting-owner", "owner", "Irena"),
                "Waiting on Irena"
            );
            // Without it, it cannot be formatted: the id shows (and the parity test fails).
            assert_eq!(tr.t("item-waiting-owner"), "item-waiting-owner");
            // No such message: the id, or the raw key for data the locales may name.
            assert_eq!(tr.t1_opt("no-such-message", "x", 1u64), None);
            assert_eq!(tr.or_raw("unit", "finance"), "Finance · Accounting");
            assert_eq!(tr.or_raw("unit", "night-shift"), "night-shift");
        }
    }

    #[test]
    fn every_tag_is_canonical_and_names_its_language() {
        // A tag written as `pt-br` would parse, but `<html lang>` and the folder would differ.
        for lang in Lang::ALL {
            assert_eq!(lang.id().to_string(), lang.code());
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
            assert_eq!(Lang::ALL[lang.index()], lang);
        }
        assert_eq!(Lang::En.code(), "en");
        assert_eq!(pt_br().code(), "pt-BR");
        assert_eq!(format!("{:?}", pt_br()), "pt-BR");
    }

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
    fn every_portuguese_is_brazilian_portuguese() {
        for tag in ["pt-BR", "pt-br", "pt", "pt-PT"] {
            assert_eq!(negotiate(Some(tag), None, None), pt_br(), "?lang={tag}");
            assert_eq!(negotiate(None, Some(tag), None), pt_br(), "lang={tag}");
            assert_eq!(negotiate(None, None, Some(tag)), pt_br(), "{tag}");
        }
        assert_eq!(negotiate(None, None, Some("pt-BR,pt;q=0.9")), pt_br());
        assert_eq!(
            negotiate(None, None, Some("pt-PT,pt;q=0.9,en;q=0.8")),
            pt_br()
        );
        assert_eq!(negotiate(None, None, Some("de-DE,pt;q=0.5")), pt_br());
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
        // Brazilian Portuguese groups four digits already.
        assert_eq!(pt_br().tr().num(999u64), "999");
        assert_eq!(pt_br().tr().num(1_234u64), "1.234");
        assert_eq!(pt_br().tr().num(1_234_567u64), "1.234.567");
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
        // Portuguese puts 0 and 1 in `one`; the messages say zero in the plural.
        let pt = pt_br().tr();
        assert_eq!(pt.t1("batch-rows", "rows", 0u32), "0 linhas");
        assert_eq!(pt.t1("batch-rows", "rows", 1u32), "1 linha");
        assert_eq!(pt.t1("batch-rows", "rows", 2u32), "2 linhas");
        assert_eq!(
            pt.t1("prose-kpi-actors-mapped", "count", 1u32),
            "1 usuário de demonstração corresponde a uma futura claim RBAC."
        );
    }

    #[test]
    fn dates_use_the_languages_month_names() {
        let at = time::macros::datetime!(2026-11-22 20:37 UTC);
        assert_eq!(Lang::En.tr().datetime(&at), "22 Nov 2026, 20:37 UTC");
        assert_eq!(Lang::Es.tr().datetime(&at), "22 nov 2026, 20:37 UTC");
        assert_eq!(Lang::Fr.tr().datetime(&at), "22 nov. 2026, 20:37 UTC");
        let at = time::macros::datetime!(2026-12-01 20:39 UTC);
        assert_eq!(pt_br().tr().datetime(&at), "1 de dez. de 2026, 20:39 UTC");
    }

    #[test]
    fn each_language_names_itself_in_every_switcher() {
        let names: Vec<String> = Lang::ALL.map(|l| l.tr().t("language-name")).into();
        assert_eq!(
            names,
            ["Español", "Français", "English", "Português (Brasil)"]
        );
    }
}
