//! The demo tenant BFG Control, as the seed console page shows it.
//!
//! `seed-demo` writes exactly this into PostgreSQL; the unit tests evaluate it directly.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::catalogue::actors::{ANNA, MAREK, OLENA};
use super::state::{Acceptance, Actor, Profile, Provider, ReadinessState, Role};

/// The demo tenant's URL slug.
pub const SLUG: &str = "bfg-control";

/// The read-only reviewer of the demo, not one of the scenario's actors.
pub const REVIEWER: &str = "reviewer_audit";

fn actor(id: &str, name: &str, unit: &str, role: Role, permissions: &[&str]) -> Actor {
    Actor {
        id: id.to_owned(),
        name: name.to_owned(),
        unit: unit.to_owned(),
        role,
        permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
    }
}

fn provider(key: &str, current: &str, target: &str) -> Provider {
    Provider {
        key: key.to_owned(),
        current_mode: current.to_owned(),
        target_mode: target.to_owned(),
    }
}

/// The demo state. `seeded_at` is when the one standing decision (the staging adapter target)
/// was taken.
pub fn state(seeded_at: OffsetDateTime) -> ReadinessState {
    ReadinessState {
        profile: Profile {
            name: "BFG Control".to_owned(),
            scenario_contract: "ScenarioStore.v1".to_owned(),
            storage_adapter: "file-local".to_owned(),
            auth_mode: "mock-auth-header".to_owned(),
            tenant_mode: "single-tenant-local".to_owned(),
            adapter_target: "db-auth-session-adapter".to_owned(),
            environment: "local-demo".to_owned(),
        },
        actors: vec![
            actor(
                ANNA,
                "Anna Kowalska",
                "direction",
                Role::ManagingDirector,
                &[
                    "scenario.read",
                    "checks.accept",
                    "decisions.sign",
                    "probes.run",
                    "audit.read",
                ],
            ),
            actor(
                MAREK,
                "Marek Zielinski",
                "dispatch",
                Role::Dispatcher,
                &[
                    "scenario.read",
                    "scenario.write",
                    "checks.accept",
                    "probes.run",
                ],
            ),
            actor(
                OLENA,
                "Olena Shevchenko",
                "finance",
                Role::Accountant,
                &[
                    "scenario.read",
                    "finance.write",
                    "checks.accept",
                    "audit.read",
                ],
            ),
            actor(
                "driver_tarasenko",
                "Petro Tarasenko",
                "driver",
                Role::Driver,
                &["scenario.read", "trips.write", "documents.upload"],
            ),
            actor(
                "cp_client_lviv_farma",
                "Lviv Farma Distribution",
                "client_portal",
                Role::Client,
                &["scenario.read", "orders.write", "documents.read"],
            ),
            actor(
                REVIEWER,
                "Audit reviewer",
                "audit",
                Role::Reviewer,
                &["scenario.read", "audit.read"],
            ),
        ],
        providers: vec![
            provider("scenario_store", "file-local", "Postgres/RLS"),
            provider("auth_rbac", "mock-auth-header", "OIDC/RBAC"),
            provider("document_intelligence", "local-ocr", "Document AI"),
            provider("ksef", "mock-ksef", "KSeF API"),
            provider("maps_eta", "local-eta", "Maps/ETA API"),
            provider("offline_sync", "service-worker", "Background sync"),
        ],
        acceptances: HashMap::from([(
            "decision_board.adapter_selection".to_owned(),
            Acceptance {
                actor: ANNA.to_owned(),
                at: seeded_at,
                value: Some("db-auth-session-adapter".to_owned()),
            },
        )]),
        probes: HashMap::new(),
        snapshot: None,
        signoff: None,
        cosignatures: Vec::new(),
        signatures_required: crate::readiness::signature::SignaturesRequired::ONE,
        last_write: None,
        audit_head: None,
        item_versions: HashMap::new(),
        target: None,
        runs: Vec::new(),
    }
}

/// The demo accounts: actor id, username, password. They exist only in the demo tenant, and the
/// README names them.
pub const ACCOUNTS: [(&str, &str, &str); 6] = [
    (ANNA, "anna", "anna-go-no-go"),
    (MAREK, "marek", "marek-dispatch"),
    (OLENA, "olena", "olena-ledger"),
    ("driver_tarasenko", "petro", "petro-driver"),
    ("cp_client_lviv_farma", "lviv", "lviv-client"),
    (REVIEWER, "reviewer", "reviewer-audit"),
];
