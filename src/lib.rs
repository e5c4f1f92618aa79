//! The readiness console: where a company decides whether its move from a demo setup to
//! production infrastructure is GO or NO-GO.
//!
//! [`readiness`] is the pure core. Everything else adapts it to PostgreSQL (`db`), HTTP
//! (`web`), languages (`i18n`) and the command line (`config`).

pub mod readiness;
