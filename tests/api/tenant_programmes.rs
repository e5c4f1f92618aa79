//! Each tenant runs its own programme: a tenant created with `tenant-rbac-adapter.toml` shows
//! that programme's sections and items in its labels, in every language, and starts with that
//! programme's profile and providers; `tenant programme` moves a tenant to a new version of its
//! programme, keeping the acceptances of the items that stay and recording the move on the
//! platform chain.

use std::collections::BTreeMap;

use readiness_console::db::{self, tenants};
use readiness_console::i18n::Lang;
use readiness_console::readiness::lifecycle::NewSlug;
use readiness_console::readiness::programme::{self, Programme};

use crate::support::{CONSOLE, TestApp, TestDb, eventually, test_clock, test_key};
use crate::tenants::{refused_in_one_sentence, tenant_cli};

fn shipped(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("programmes")
        .join(name)
}

fn rbac_programme() -> Programme {
    let text = std::fs::read_to_string(shipped("tenant-rbac-adapter.toml")).expect("read");
    programme::parse(&text, &programme::languages()).expect("tenant-rbac-adapter.toml is valid")
}

/// The text a reader sees: the body without its tags, entities decoded as askama writes them.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every label of the programme in `lang`: section key or item key → label.
fn labels(programme: &Programme, lang: &str) -> BTreeMap<String, String> {
    let table = &programme.labels[lang];
    table
        .sections
        .iter()
        .chain(&table.items)
        .map(|(key, label)| (key.clone(), label.label.clone()))
        .collect()
}

/// ACME Logistics, created by the operator under `programme`.
async fn create_acme(app: &TestApp, programme: &Programme) -> tenants::Created {
    let by = tenants::Operator {
        name: "operator",
        request_id: "test",
        key: test_key(),
        clock: test_clock(),
    };
    let new = tenants::NewTenant {
        slug: NewSlug::parse("acme").expect("slug"),
        name: "ACME Logistics",
        programme,
        md_name: "Maria Keller",
        md_email: "maria@acme.example",
    };
    tenants::create(&app.db.owner, &new, &by)
        .await
        .expect("create")
}

#[tokio::test]
async fn a_tenant_under_the_rbac_programme_shows_its_own_labels_in_every_language() {
    let app = TestApp::spawn().await;
    let rbac = rbac_programme();
    create_acme(&app, &rbac).await;

    // Its own ladder, from its stored programme: the second rung requires its tenant model.
    let console = db::load_console(&app.db.app, "acme")
        .await
        .expect("load")
        .expect("acme");
    assert_eq!(console.catalogue.ladder, rbac.catalogue.ladder);
    let stored = console.programme.as_ref().expect("a stored programme");
    assert_eq!(
        (stored.name.as_str(), stored.version),
        ("tenant-rbac-adapter", 1)
    );

    let english = labels(&rbac, "en");
    for lang in Lang::ALL {
        let page = app.get(&format!("/t/acme?lang={}", lang.code()), &[]).await;
        assert_eq!(page.status, 200, "{lang:?}");
        let text = visible_text(&page.body);
        let own = labels(&rbac, lang.code());
        for (key, label) in &own {
            // The gates are the checklist's items; the checklist has its own heading.
            if key == "gates" {
                continue;
            }
            assert!(
                text.contains(label.as_str()),
                "{lang:?}: {key} “{label}” is not shown"
            );
        }
        // Each section of its own is a panel of the page, under its programme's name.
        for section in rbac.catalogue.sections.iter().filter(|s| s.key != "gates") {
            assert!(
                page.body
                    .contains(&format!("<section id=\"{}\"", section.key)),
                "{lang:?}: no panel {}",
                section.key
            );
        }
        for raw in [
            "item-",
            "section-name-",
            "intro-",
            "action-title-",
            "action-detail-",
            "prose-",
            "copilot-",
        ] {
            assert!(
                !text.contains(raw),
                "{lang:?}: a raw message id {raw}… is shown: …{}…",
                text.find(raw)
                    .map(|at| text[at..].chars().take(80).collect::<String>())
                    .unwrap_or_default()
            );
        }
        if lang != Lang::En {
            for (key, label) in &english {
                if own.get(key) != Some(label) {
                    assert!(
                        !text.contains(label.as_str()),
                        "{lang:?}: the English label of {key}, “{label}”, is shown"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn a_tenant_under_the_rbac_programme_starts_with_that_programmes_profile_not_bfgs() {
    let app = TestApp::spawn().await;
    let rbac = rbac_programme();
    let created = create_acme(&app, &rbac).await;

    // The rows, as the owner inside the new tenant.
    let mut tx = app.db.owner.begin().await.expect("begin");
    sqlx::query("select set_config('app.tenant_id', $1::text, true)")
        .bind(created.tenant)
        .execute(&mut *tx)
        .await
        .expect("enter acme");
    let profile: (String, String, String, String, String, String) = sqlx::query_as(
        "select scenario_contract, environment, storage_adapter, auth_mode, tenant_mode,
                adapter_target
         from tenant_profiles",
    )
    .fetch_one(&mut *tx)
    .await
    .expect("acme's profile");
    assert_eq!(
        profile,
        (
            "ScenarioStore.v1".to_owned(),
            "staging".to_owned(),
            "db-auth-session-adapter".to_owned(),
            "mock-auth-header".to_owned(),
            "single-tenant-local".to_owned(),
            "tenant-rbac-adapter".to_owned(),
        )
    );
    let providers: Vec<(String, String, String)> =
        sqlx::query_as("select key, current_mode, target_mode from providers order by position")
            .fetch_all(&mut *tx)
            .await
            .expect("acme's providers");
    let expected = [
        (
            "scenario_store",
            "Postgres/RLS (single tenant)",
            "Postgres/RLS (shared tenants)",
        ),
        ("auth_rbac", "mock-auth-header", "OIDC/RBAC (IdP groups)"),
    ];
    let rows: Vec<(&str, &str, &str)> = providers
        .iter()
        .map(|(k, c, t)| (k.as_str(), c.as_str(), t.as_str()))
        .collect();
    assert_eq!(rows, expected);
    tx.rollback().await.expect("rollback");

    // Its settings page shows them, under the name typed; BFG's shows BFG's.
    let values = |page: &crate::support::Page| page.texts("setting-value");
    let acme = app.get("/t/acme/settings?lang=en", &[]).await;
    assert_eq!(acme.status, 200);
    assert!(acme.body.contains("ACME Logistics"), "the name typed");
    let mut shown = vec![
        "ScenarioStore.v1",
        "staging",
        "db-auth-session-adapter",
        "mock-auth-header",
        "single-tenant-local",
        "tenant-rbac-adapter",
    ];
    shown.extend(
        expected
            .iter()
            .flat_map(|(_, current, target)| [*current, *target]),
    );
    assert_eq!(values(&acme), shown);
    assert!(acme.body.contains("Auth and RBAC"), "a provider's name");
    let bfg = app.get("/t/bfg-control/settings?lang=en", &[]).await;
    assert_eq!(bfg.status, 200);
    let bfg_values = values(&bfg);
    assert_eq!(bfg_values.len(), 6 + 2 * 6, "{bfg_values:?}");
    assert_eq!(bfg_values[1], "local-demo");
    assert_eq!(bfg_values[5], "db-auth-session-adapter");
    assert_ne!(values(&acme), bfg_values);
}

/// The demo's file as version 2, without `rollback.storage_fallback` (and the one dependency
/// on it).
/// Runs `tenant programme` moving the demo tenant to the programme in `file`.
fn move_demo_to(db: &TestDb, file: &str) -> (bool, String, String) {
    tenant_cli(
        db,
        &[
            "tenant",
            "programme",
            "--slug",
            "bfg-control",
            "--file",
            file,
        ],
    )
}

fn demo_v2() -> tempfile::TempPath {
    let v1 = programme::DEMO_FILE;
    let block = "[[sections.items]]\nkey = \"storage_fallback\"\nkind = \"owner_check\"\n\
                 owner = \"managing_director\"\ndepends_on = [\"release.rollback_fallback\"]\n\n";
    assert!(v1.contains(block));
    let v2: String = v1
        .replacen("\nversion = 1\n", "\nversion = 2\n", 1)
        .replacen(block, "", 1)
        .replacen(
            "\"rollback.owner_ack\", \"rollback.storage_fallback\"]",
            "\"rollback.owner_ack\"]",
            1,
        )
        .lines()
        .filter(|line| !line.starts_with("\"rollback.storage_fallback\" = "))
        .map(|line| format!("{line}\n"))
        .collect();
    let parsed = programme::parse(&v2, &programme::languages()).expect("version 2 is valid");
    assert_eq!(parsed.version, 2);
    assert!(parsed.catalogue.item("rollback.storage_fallback").is_none());
    let file = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("a programme file");
    std::fs::write(file.path(), v2).expect("write it");
    file.into_temp_path()
}

#[tokio::test]
async fn a_new_version_keeps_the_other_acceptances_and_is_recorded_on_the_platform_chain() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    // Two more acceptances: one of an item that stays, one of the item version 2 drops.
    db.as_owner_in_demo(
        "insert into acceptances (tenant_id, item_key, actor_id, evidence_note)
         select tenant_id, key, owner_actor_id, 'Drill rehearsed.' from catalogue_items
         where key in ('rollback.owner_ack', 'rollback.storage_fallback')",
    )
    .await;
    let acceptances = db.count_in_demo("acceptances").await;
    let page = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    assert!(page.body.contains("id=\"item-rollback-storage_fallback\""));

    let v2 = demo_v2();
    let v2_path = v2.to_str().expect("path");
    let run = move_demo_to(db, v2_path);
    assert!(run.0, "{}", run.2);
    assert!(
        run.1.contains(
            "tenant bfg-control moved from db-auth-session-adapter version 1 to version 2: \
             0 items added, 1 retired"
        ),
        "{}",
        run.1
    );

    // Its history stays; the page no longer has the item; the others keep their acceptances.
    assert_eq!(db.count_in_demo("acceptances").await, acceptances);
    let console = db::load_console(&db.app, "bfg-control")
        .await
        .expect("load")
        .expect("demo");
    assert_eq!(console.programme.as_ref().map(|p| p.version), Some(2));
    assert!(
        console
            .catalogue
            .item("rollback.storage_fallback")
            .is_none()
    );
    let mut kept: Vec<&str> = console
        .state
        .acceptances
        .keys()
        .map(String::as_str)
        .collect();
    kept.sort_unstable();
    assert_eq!(
        kept,
        ["decision_board.adapter_selection", "rollback.owner_ack"]
    );
    eventually(|| async {
        let page = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
        page.status == 200 && !page.body.contains("id=\"item-rollback-storage_fallback\"")
    })
    .await;
    let page = app
        .get(&format!("{CONSOLE}/sections/rollback?lang=en"), &[])
        .await;
    assert!(page.body.contains("id=\"item-rollback-owner_ack\""));

    // The move is on the platform chain, with both versions.
    let payload: serde_json::Value =
        sqlx::query_scalar("select payload from tenant_events where kind = 'programme_changed'")
            .fetch_one(&db.owner)
            .await
            .expect("the programme_changed event");
    assert_eq!(payload["from"]["version"], 1);
    assert_eq!(payload["to"]["version"], 2);
    assert_eq!(
        payload["retired"],
        serde_json::json!(["rollback.storage_fallback"])
    );
    let (ok, stdout, stderr) = tenant_cli(db, &["verify-audit", "--platform"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("platform chain intact"), "{stdout}");

    // The same version again, or another programme, is refused in one sentence.
    refused_in_one_sentence(
        &move_demo_to(db, v2_path),
        "runs db-auth-session-adapter version 2: the file's version 2 must be above it",
    );
    let rbac = shipped("tenant-rbac-adapter.toml");
    refused_in_one_sentence(
        &move_demo_to(db, rbac.to_str().expect("path")),
        "the file is the programme tenant-rbac-adapter, but the tenant runs db-auth-session-adapter",
    );
}
