//! What every full page shares: language, switcher links and asset URLs.

use crate::i18n::{Lang, Tr};

use super::assets;

/// One entry of the language switcher.
pub struct LangLink {
    /// `es`, `fr`, `en`, `pt-BR`.
    pub code: &'static str,
    /// The language's own name.
    pub name: String,
    /// The same page in that language.
    pub href: String,
    /// Whether it is the page's language.
    pub current: bool,
}

/// The account area of the header.
pub struct AccountArea {
    /// "Signed in as …", when signed in.
    pub signed_in_as: Option<String>,
    /// Where to sign in, when not.
    pub sign_in: Option<String>,
    /// The sign-out form's action and CSRF token, when signed in.
    pub sign_out: Option<(String, String)>,
    /// The page of the signed-in person's own account, on a tenant's pages.
    pub account: Option<String>,
    /// The tenant's People page, for who may manage its people.
    pub people: Option<String>,
    /// The signed-in person's inbox, with how much waits on them, on a tenant's pages.
    pub inbox: Option<InboxBadge>,
}

/// The header's link to the signed-in person's inbox, with the count of what waits on them:
/// drawn by `inbox/_badge.html`, in the header and alone as the badge's fragment.
pub struct InboxBadge {
    /// The inbox page.
    pub href: String,
    /// The badge's own fragment, which refreshes it.
    pub url: String,
    /// How many entries wait on them.
    pub count: usize,
    /// The count, in the language's digits.
    pub count_text: String,
    /// The link's name ("Inbox").
    pub name: String,
    /// The count in words, for screen readers ("3 items waiting on you").
    pub label: String,
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
    /// htmx's SSE extension.
    pub sse: String,
    /// Keeps typed fields through live refreshes.
    pub live_js: String,
    /// The tenant's event stream, on the pages of a signed-in viewer: the body connects to it
    /// and its sections refresh themselves on its events (see `web::live`).
    pub live: Option<String>,
    /// Icon URL.
    pub icon: String,
    /// The header's account area, on a tenant's pages.
    pub account: Option<AccountArea>,
    /// What the write that led here did, said once.
    pub notice: Option<String>,
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
                    // Each language names itself, whatever the page's language.
                    name: l.tr().t("language-name"),
                    href: format!("{path}?lang={}", l.code()),
                    current: l == lang,
                })
                .collect(),
            tr,
            css: assets::url("app.css"),
            htmx: assets::url("htmx-2.0.11.min.js"),
            copy: assets::url("copy.js"),
            sse: assets::url("htmx-ext-sse-2.2.4.js"),
            live_js: assets::url("live.js"),
            live: None,
            icon: assets::url("favicon.svg"),
            account: None,
            notice: None,
        }
    }

    /// With a "sign in" link to the tenant's sign-in page.
    pub fn signed_out(mut self, tenant: &str) -> Self {
        self.account = Some(AccountArea {
            signed_in_as: None,
            sign_in: Some(format!(
                "/t/{tenant}/sign-in?lang={}",
                self.tr.lang().code()
            )),
            sign_out: None,
            account: None,
            people: None,
            inbox: None,
        });
        self
    }

    /// With the signed-in platform operator and a sign-out button.
    pub fn operator(self, who: String, csrf: String) -> Self {
        self.signed_in_at("/platform/sign-out", who, csrf)
    }

    /// With who is signed in and a sign-out button.
    pub fn signed_in(self, tenant: &str, who: String, csrf: String) -> Self {
        let mut frame = self.signed_in_at(&format!("/t/{tenant}/sign-out"), who, csrf);
        if let Some(area) = frame.account.as_mut() {
            area.account = Some(format!(
                "/t/{tenant}/account?lang={}",
                frame.tr.lang().code()
            ));
        }
        frame
    }

    /// With who is signed in and a button posting to `sign_out`.
    fn signed_in_at(mut self, sign_out: &str, who: String, csrf: String) -> Self {
        self.account = Some(AccountArea {
            signed_in_as: Some(self.tr.t1("account-signed-in-as", "who", who)),
            sign_in: None,
            sign_out: Some((format!("{sign_out}?lang={}", self.tr.lang().code()), csrf)),
            account: None,
            people: None,
            inbox: None,
        });
        self
    }

    /// With a link to the tenant's People page.
    pub fn with_people(mut self, tenant: &str) -> Self {
        let href = format!("/t/{tenant}/people?lang={}", self.tr.lang().code());
        if let Some(account) = &mut self.account {
            account.people = Some(href);
        }
        self
    }

    /// With the signed-in person's inbox badge.
    pub fn with_inbox(mut self, badge: InboxBadge) -> Self {
        if let Some(account) = &mut self.account {
            account.inbox = Some(badge);
        }
        self
    }
}
