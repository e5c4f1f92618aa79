//! The console page and its sections, each also served alone as an htmx partial.
//!
//! Handlers stay short: tenant → evaluation (cached) → view → template. The view turns codes
//! and numbers of the [`crate::readiness::Evaluation`] into words through Fluent; templates
//! only lay them out.
//!
//! Each feature is a module owning its `router()` (merged in [`crate::web::app`]), its
//! handlers and its template structs: `page` (the console, a section, the print view),
//! `proof`, `files` (packets), `audit`, `writes` (owner checks), `signoff`, `snapshot`,
//! `rehearsal`, `settings`. Shared by all of them: `keys` (section ids, anchors and the tenant's page
//! layout), `labels` (the tenant's programme labels as messages), `viewer` (who is
//! looking, their draft, the page frame), `view` (the view model), `writer` (the one way in
//! for a write) and `messages` (the message ids built at run time).

pub(super) mod account;
pub(super) mod api_keys;
pub(super) mod audit;
mod bundle;
pub(super) mod files;
pub(super) mod inbox;
mod keys;
pub(super) mod labels;
mod messages;
pub(super) mod page;
pub(super) mod people;
mod print;
pub(super) mod proof;
pub(super) mod rehearsal;
mod sections;
pub(super) mod settings;
mod signature;
pub(super) mod signoff;
pub(super) mod snapshot;
mod view;
mod viewer;
pub(super) mod webhooks;
mod writer;
pub(super) mod writes;

pub(crate) use audit::proof_bundle_response;
pub(crate) use files::packet_response;
pub(crate) use keys::item_label_id;
pub use keys::{SectionKey, item_anchor, items_of, layout, listed_sections};
pub use messages::dynamic_message_ids;
pub(crate) use page::section_fingerprints;
pub use page::{home, render_page};
pub use view::ConsoleView;
pub use viewer::{Draft, Viewer};

use page::{NoticeFragment, SectionFragment};
pub(crate) use viewer::PENDING_DRAFT;
use viewer::{notice_text, page_parts, viewer_of};
