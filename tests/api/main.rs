//! The one integration test binary: real PostgreSQL, the real router, real Chromium.

// Helpers outside `#[test]` functions are test code too: a failed setup should stop the test
// with a message, not be threaded through `Result`s.
#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly")]

mod account;
mod api_keys_page;
mod audit;
mod browser;
mod clock;
mod console;
mod coverage;
mod embedded;
mod flow;
mod hostile;
mod html;
mod inbox;
mod isolation;
mod live;
mod loader;
mod locales;
mod mail;
mod people;
mod permissions;
mod platform;
mod programme;
mod proof;
mod prose;
mod pt_br;
mod rehearsal;
mod schema;
mod sections;
mod seeding;
mod settings;
mod signature;
mod signatures;
mod snapshot;
mod sso;
mod summaries;
mod support;
mod tenant_programmes;
mod tenants;
mod v1;
mod v1_gate;
mod webhooks;
mod webhooks_page;
mod writes;
