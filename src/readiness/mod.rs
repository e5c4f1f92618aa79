//! The gate-evaluation core: catalogue + state → [`Evaluation`].
//!
//! Pure by construction: nothing here performs I/O, reads a clock or knows a locale. Its output
//! holds codes and numbers; templates turn them into words. Time enters only as data (when an
//! acceptance happened), never as "now".

pub mod account;
pub mod actions;
pub mod api_key;
pub mod catalogue;
pub mod code;
pub mod demo;
pub mod evaluate;
pub mod evidence;
pub mod health;
pub mod inbox;
pub mod lifecycle;
pub mod names;
pub mod narrative;
pub mod outbox;
pub mod packets;
pub mod password_policy;
pub mod people;
pub mod permissions;
pub mod profile;
pub mod programme;
pub mod scenario;
pub mod signature;
pub mod sso;
pub mod state;
pub mod summary;

pub use actions::{AuditAction, AuditTarget, CheckAction};
pub use catalogue::{Catalogue, DecisionCode, ItemKind};
pub use evaluate::{Count, Evaluation, ItemEval, NextAction, SectionEval, Status, evaluate};
pub use signature::{Signature, SignoffDecision};
pub use state::{Environment, ReadinessState, RehearsalKind, RunState};

#[cfg(test)]
mod tests;
