//! What every full page shares: language, switcher links and asset URLs.

use crate::i18n::{Lang, Tr};

use super::assets;

/// One entry of the language switcher.
pub struct LangLink {
    /// `es`, `fr`, `en`.
    pub code: &'static str,
    /// The language's own name.
    pub name: String,
    /// The same page in that language.
    pub href: String,
    /// Whether it is the page's language.
    pub current: bool,
}

/// The page frame: `base.html` reads it.
pub struct Frame {
    /// The translator.
    pub tr: Tr,
    /// The language switcher.
    pub langs: Vec<LangLink>,
    /// Stylesheet URL.
    pub css: String,
    /// htmx URL.
    pub htmx: String,
    /// The copy buttons' script.
    pub copy: String,
    /// Icon URL.
    pub icon: String,
}

impl Frame {
    /// The frame of the page at `path`, in `lang`.
    pub fn new(lang: Lang, path: &str) -> Self {
        let tr = lang.tr();
        Self {
            langs: Lang::ALL
                .into_iter()
                .map(|l| LangLink {
                    code: l.code(),
                    name: tr.t(&format!("language-name-{}", l.code())),
                    href: format!("{path}?lang={}", l.code()),
                    current: l == lang,
                })
                .collect(),
            tr,
            css: assets::url("app.css"),
            htmx: assets::url("htmx-2.0.11.min.js"),
            copy: assets::url("copy.js"),
            icon: assets::url("favicon.svg"),
        }
    }
}
