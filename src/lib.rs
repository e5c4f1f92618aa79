//! The readiness console: where a company decides whether its move from a demo setup to
//! production infrastructure is GO or NO-GO.
//!
//! [`readiness`] is the pure core. Everything else adapts it to PostgreSQL ([`db`]), HTTP
//! ([`web`]), languages ([`i18n`]) and the command line ([`config`], [`run`]). Time comes from
//! one [`clock::Clock`].

pub mod bundle;
pub mod chain;
pub mod checkpoint;
pub mod clock;
pub mod config;
pub mod db;
pub mod gate;
pub mod i18n;
pub mod mail;
pub mod oidc;
pub mod outbound;
pub mod password;
pub mod programme_cli;
pub mod readiness;
pub mod rehearsal;
pub mod run;
pub mod telemetry;
pub mod web;
pub mod webhook;
mod worker;

/// The schema migrations in `migrations/`, embedded at compile time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();
