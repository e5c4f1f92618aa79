//! The People page: the managing director invites people, changes their roles, disables and
//! enables their accounts, sends password-reset links and names who owns each check; every
//! action is an audit event, every refusal says why in the reader's language and writes
//! nothing; the invited person accepts with a username and password.

use readiness_console::chain::Verification;
use readiness_console::db;
use readiness_console::i18n::Lang;
use readiness_console::readiness::programme;

use crate::support::{
    CONSOLE, Client, Form, Page, TestApp, TestDb, html_unescape, signed_in, test_clock, test_key,
};

const IRENA_EMAIL: &str = "irena.kovac@example.com";

fn pt_br() -> Lang {
    Lang::from_tag("pt-BR").expect("pt-BR is spoken")
}

/// The People page's form whose markup holds `marker`.
fn people_form(page: &Page, marker: &str) -> Form {
    page.form(marker)
}

/// The one-time link the page shows, path only (the test's router has no host).
fn shown_link(page: &Page) -> String {
    let at = page
        .body
        .find("id=\"people-link\">")
        .unwrap_or_else(|| panic!("the page shows no link: {}", page.body));
    let rest = &page.body[at + "id=\"people-link\">".len()..];
    let url = html_unescape(&rest[..rest.find('<').expect("end of link")]);
    let path = &url[url.find("/t/").expect("a tenant path")..];
    path.to_owned()
}

/// The audit events of the demo with this action: (actor, target).
async fn events(db: &TestDb, action: &str) -> Vec<(String, String)> {
    let mut tx = db.demo_tx().await;
    sqlx::query_as(
        "select coalesce(actor_id, ''), target from audit_events where action = $1 order by seq",
    )
    .bind(action)
    .fetch_all(&mut *tx)
    .await
    .expect("events")
}

/// The stored status of `actor`'s account.
async fn account_status(db: &TestDb, actor: &str) -> String {
    let mut tx = db.demo_tx().await;
    sqlx::query_scalar("select status from accounts where actor_id = $1")
        .bind(actor)
        .fetch_one(&mut *tx)
        .await
        .expect("an account")
}

/// Sends, as `client`, the People page's one-button form whose markup holds `marker`.
async fn press(client: &mut Client, page: &Page, marker: &str) -> Page {
    client.submit(&people_form(page, marker), &[]).await
}

async fn scalar<T>(db: &TestDb, sql: &str) -> T
where
    T: Send + Unpin + for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    let mut tx = db.demo_tx().await;
    sqlx::query_scalar(sql)
        .fetch_one(&mut *tx)
        .await
        .expect(sql)
}

async fn chain_is_whole(db: &TestDb) {
    let public = test_key().public_hex();
    let verdict = db::audit::verify_with_records(&db.app, "bfg-control", Some(&public), &[])
        .await
        .expect("verify")
        .expect("the demo");
    assert!(
        matches!(verdict.chain, Verification::Intact { .. }),
        "{:?}",
        verdict.chain
    );
    assert!(verdict.unaccounted.is_empty(), "{:?}", verdict.unaccounted);
}

/// Anna invites a person from the People page in `lang`: the answer.
async fn invite(anna: &mut Client, lang: Lang, name: &str, email: &str, role: &str) -> Page {
    let page = anna.page_in("/people", lang).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let form = people_form(&page, "/people/invite")
        .set("name", name)
        .set("email", email)
        .set("role", role);
    anna.submit(&form, &[]).await
}

/// Irena, invited by Anna and with her account: her actor id.
async fn irena_joins(app: &TestApp, anna: &mut Client) -> String {
    let answer = invite(anna, Lang::En, "Irena Kovac", IRENA_EMAIL, "dispatcher").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let link = shown_link(&answer);
    let mut irena = Client::new(&app.router);
    let page = irena.get(&format!("{link}?lang=en")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("Irena Kovac, you have been invited as Dispatcher"),
        "{}",
        page.body
    );
    let form = page
        .form("name=\"csrf\"")
        .set("username", "irena")
        .set("password", "irena-dispatch-2026")
        .set("password_again", "irena-dispatch-2026");
    let done = irena.submit(&form, &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    scalar(
        &app.db,
        "select actor_id from actors where email = 'irena.kovac@example.com'",
    )
    .await
}

#[tokio::test]
async fn only_the_managing_director_opens_the_people_page_and_the_header_links_it_for_her() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let console = anna.page_in("", Lang::En).await;
    assert!(
        console
            .body
            .contains(&format!("href=\"{CONSOLE}/people?lang=en\""))
    );
    let page = anna.page_in("/people", Lang::Fr).await;
    assert_eq!(page.status, 200);
    for text in [
        "Personnes de BFG Control",
        "Marek Zielinski",
        "marek",
        "Répartiteur",
        "Mot de passe",
        "Active",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    let mut marek = app.actor("marek").await;
    assert!(
        !marek
            .page_in("", Lang::En)
            .await
            .body
            .contains("/people?lang=")
    );
    assert_eq!(marek.page_in("/people", Lang::En).await.status, 403);
    let reviewer = app.actor("reviewer").await;
    let _ = reviewer;
    assert_eq!(app.page_in("/people", Lang::En).await.status, 401);
}

#[tokio::test]
async fn an_invited_person_accepts_with_a_username_and_password_and_both_steps_are_in_the_chain() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let answer = invite(
        &mut anna,
        Lang::Es,
        " Irena Kovac ",
        "Irena.Kovac@Example.com",
        "dispatcher",
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(
        answer.body.contains("Irena Kovac está invitada"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("data-copy=\"people-link\""));
    let link = shown_link(&answer);
    assert!(link.contains("/invite/rc_inv_"), "{link}");
    // The person is there, invited, with her email in lower case.
    let page = anna.page_in("/people", Lang::En).await;
    assert!(page.body.contains(IRENA_EMAIL) && page.body.contains("Invitation pending"));
    assert!(!page.body.contains("rc_inv_"), "the link is shown once");
    let actor: String = scalar(
        &app.db,
        "select actor_id from actors where email = 'irena.kovac@example.com'",
    )
    .await;
    assert!(actor.starts_with("user_dispatcher_"), "{actor}");
    let (purpose, by): (String, String) = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_as("select purpose, invited_by from tenant_invitations where actor_id = $1")
            .bind(&actor)
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    };
    assert_eq!((purpose.as_str(), by.as_str()), ("invite", "user_md_anna"));
    assert_eq!(
        events(&app.db, "invite_person").await,
        [("user_md_anna".to_owned(), actor.clone())]
    );

    let mut irena = Client::new(&app.router);
    let form = irena
        .get(&format!("{link}?lang=en"))
        .await
        .form("name=\"csrf\"")
        .set("username", "irena")
        .set("password", "irena-dispatch-2026")
        .set("password_again", "irena-dispatch-2026");
    assert_eq!(irena.submit(&form, &[]).await.status, 303);
    assert_eq!(
        events(&app.db, "accept_invitation").await,
        [(actor.clone(), actor.clone())]
    );
    // The link is used; she signs in.
    assert_eq!(irena.get(&format!("{link}?lang=en")).await.status, 410);
    let mut irena = signed_in(&app, "irena", "irena-dispatch-2026").await;
    let console = irena.page_in("", Lang::En).await;
    assert!(
        console.body.contains("Irena Kovac · Dispatcher"),
        "signed in as Irena"
    );
    let page = anna.page_in("/people", Lang::En).await;
    assert!(page.body.contains(">irena<"), "her username is listed");
    // The audit trail says both in words, naming her.
    let audit = app.page_in("/audit", Lang::Fr).await;
    let shown = html_unescape(&audit.body);
    for text in [
        "A invité une personne",
        "A accepté une invitation",
        "<td>Irena Kovac",
    ] {
        assert!(shown.contains(text), "{text}");
    }
    chain_is_whole(&app.db).await;
}

#[tokio::test]
async fn a_bad_invitation_says_why_keeps_what_was_typed_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let actors = app.db.count_in_demo("actors").await;
    let cases = [
        (
            Lang::En,
            "Irena Kovac",
            "irena-at-example",
            "dispatcher",
            422,
            "Enter an email address such as name@example.com.",
        ),
        (
            Lang::Fr,
            "Irena Kovac",
            IRENA_EMAIL,
            "admin",
            422,
            "Choisissez l’un des rôles de la console.",
        ),
        (
            Lang::Es,
            "   ",
            IRENA_EMAIL,
            "dispatcher",
            422,
            "Escriba el nombre de la persona",
        ),
        (
            pt_br(),
            "Marek Again",
            "MAREK@example.com",
            "dispatcher",
            200,
            "",
        ),
        (
            pt_br(),
            "Marek Twice",
            "marek@EXAMPLE.com",
            "dispatcher",
            409,
            "Já existe uma pessoa com este e-mail neste inquilino.",
        ),
    ];
    let mut written = 0;
    for (lang, name, email, role, status, message) in cases {
        let answer = invite(&mut anna, lang, name, email, role).await;
        assert_eq!(answer.status, status, "{email}: {}", answer.body);
        if status == 200 {
            written += 1;
            continue;
        }
        assert!(
            html_unescape(&answer.body).contains(message),
            "{message}: {}",
            answer.body
        );
        assert!(
            answer.body.contains(&format!("value=\"{}\"", name.trim())) || name.trim().is_empty()
        );
        assert_eq!(
            app.db.count_in_demo("actors").await,
            actors + written,
            "nothing written"
        );
    }
    assert_eq!(events(&app.db, "invite_person").await.len(), 1);
}

#[tokio::test]
async fn the_last_active_managing_director_is_neither_demoted_nor_disabled() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna.page_in("/people", Lang::En).await;
    let demote = people_form(&page, "/people/user_md_anna/role").set("choice", "dispatcher");
    let answer = anna.submit(&demote, &[]).await;
    assert_eq!(answer.status, 409);
    assert!(html_unescape(&answer.body).contains("This is the last active managing director"));
    let page = anna.page_in("/people", Lang::Fr).await;
    let answer = press(&mut anna, &page, "/people/user_md_anna/disable").await;
    assert_eq!(answer.status, 409);
    assert!(html_unescape(&answer.body).contains("C’est la dernière direction générale active"));
    let role: String = scalar(
        &app.db,
        "select role from actors where actor_id = 'user_md_anna'",
    )
    .await;
    assert_eq!(role, "managing_director");
    let status = account_status(&app.db, "user_md_anna").await;
    assert_eq!(status, "active");
    assert!(events(&app.db, "change_role").await.is_empty());
    assert!(events(&app.db, "disable_account").await.is_empty());
    // With a second director, Anna may step down.
    let page = anna.page_in("/people", Lang::En).await;
    let promote =
        people_form(&page, "/people/user_accountant_olena/role").set("choice", "managing_director");
    assert_eq!(anna.submit(&promote, &[]).await.status, 303);
    let page = anna.page_in("/people", Lang::En).await;
    let demote = people_form(&page, "/people/user_md_anna/role").set("choice", "dispatcher");
    assert_eq!(anna.submit(&demote, &[]).await.status, 303);
    assert_eq!(
        events(&app.db, "change_role").await,
        [
            (
                "user_md_anna".to_owned(),
                "user_accountant_olena:managing_director".to_owned()
            ),
            (
                "user_md_anna".to_owned(),
                "user_md_anna:dispatcher".to_owned()
            ),
        ]
    );
    chain_is_whole(&app.db).await;
}

#[tokio::test]
async fn a_role_change_gives_the_items_of_the_role_left_back_and_is_an_event() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna.page_in("/people", Lang::En).await;
    let form = people_form(&page, "/people/user_dispatcher_marek/role").set("choice", "accountant");
    let answer = anna.submit(&form, &[]).await;
    assert_eq!(answer.status, 303);
    let page = anna.get(answer.header("location")).await;
    assert!(page.body.contains("The role was changed."));
    let owner: String = scalar(
        &app.db,
        "select owner_actor_id from catalogue_items where key = 'passage.role_headers'",
    )
    .await;
    assert_eq!(
        owner, "user_md_anna",
        "no dispatcher owns a dispatcher's check any more"
    );
    assert_eq!(
        events(&app.db, "change_role").await,
        [(
            "user_md_anna".to_owned(),
            "user_dispatcher_marek:accountant".to_owned()
        )]
    );
    // An unknown role is refused.
    let page = anna.page_in("/people", Lang::En).await;
    let form = people_form(&page, "/people/user_dispatcher_marek/role").set("choice", "admin");
    let answer = anna.submit(&form, &[]).await;
    assert_eq!(answer.status, 422);
    assert!(answer.body.contains("Choose one of the console"));
}

#[tokio::test]
async fn disabling_and_enabling_an_account_write_its_status_and_two_events() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna.page_in("/people", Lang::En).await;
    let answer = press(&mut anna, &page, "/people/user_accountant_olena/disable").await;
    assert_eq!(answer.status, 303);
    let status = account_status(&app.db, "user_accountant_olena").await;
    assert_eq!(status, "disabled");
    let page = anna.page_in("/people", pt_br()).await;
    assert!(page.body.contains("Desativada"));
    let answer = press(&mut anna, &page, "/people/user_accountant_olena/enable").await;
    assert_eq!(answer.status, 303);
    let status = account_status(&app.db, "user_accountant_olena").await;
    assert_eq!(status, "active");
    assert_eq!(events(&app.db, "disable_account").await.len(), 1);
    assert_eq!(
        events(&app.db, "enable_account").await,
        [(
            "user_md_anna".to_owned(),
            "user_accountant_olena".to_owned()
        )]
    );
    // Someone else than the director is refused, and nothing is written.
    let mut marek = app.actor("marek").await;
    let page = anna.page_in("/people", Lang::En).await;
    let forged = people_form(&page, "/people/user_accountant_olena/disable").set(
        "csrf",
        marek
            .page_in("", Lang::En)
            .await
            .input_after("<form", "csrf"),
    );
    assert_eq!(marek.submit(&forged, &[]).await.status, 403);
    assert_eq!(events(&app.db, "disable_account").await.len(), 1);
    chain_is_whole(&app.db).await;
}

#[tokio::test]
async fn a_password_reset_link_sets_a_new_password_once() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna.page_in("/people", Lang::En).await;
    let answer = press(&mut anna, &page, "/people/user_accountant_olena/reset").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body.contains("Send Olena Shevchenko this link"));
    let link = shown_link(&answer);
    assert!(link.contains("/reset/rc_rst_"), "{link}");
    let mut olena = Client::new(&app.router);
    let page = olena.get(&format!("{link}?lang=fr")).await;
    assert_eq!(page.status, 200, "{link}: {}", page.body);
    assert!(
        page.body.contains("value=\"olena\""),
        "her username is shown"
    );
    let short = page
        .form("name=\"csrf\"")
        .set("password", "short")
        .set("password_again", "short");
    assert_eq!(olena.submit(&short, &[]).await.status, 422);
    let form = page
        .form("name=\"csrf\"")
        .set("password", "olena-new-ledger-2026")
        .set("password_again", "olena-new-ledger-2026");
    assert_eq!(olena.submit(&form, &[]).await.status, 303);
    assert_eq!(olena.get(&format!("{link}?lang=fr")).await.status, 410);
    let mut client = Client::new(&app.router);
    assert_ne!(
        client.sign_in("olena", "olena-ledger", "en").await.status,
        303
    );
    signed_in(&app, "olena", "olena-new-ledger-2026").await;
    assert_eq!(
        events(&app.db, "issue_password_reset").await,
        [(
            "user_md_anna".to_owned(),
            "user_accountant_olena".to_owned()
        )]
    );
    assert_eq!(events(&app.db, "reset_password").await.len(), 1);
    // An invitation link is no reset link, and the other way round.
    let unknown = link.replace("/reset/", "/invite/");
    assert_eq!(olena.get(&unknown).await.status, 404);
    chain_is_whole(&app.db).await;
}

#[tokio::test]
async fn an_item_goes_only_to_a_person_holding_its_owner_role_and_everything_follows_its_owner() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let item = "passage.role_headers";
    // Olena is an accountant: the check is a dispatcher's.
    let page = anna.page_in("/people", Lang::En).await;
    let form =
        people_form(&page, &format!("/owners/{item}")).set("choice", "user_accountant_olena");
    let answer = anna.submit(&form, &[]).await;
    assert_eq!(answer.status, 422);
    assert!(
        answer
            .body
            .contains("This person does not hold the role that owns this item.")
    );
    assert!(events(&app.db, "assign_owner").await.is_empty());

    let irena = irena_joins(&app, &mut anna).await;
    let mut irena_client = signed_in(&app, "irena", "irena-dispatch-2026").await;
    let mut marek = app.actor("marek").await;
    assert!(
        marek
            .page_in("", Lang::En)
            .await
            .try_form(&crate::support::item_form_id(item))
            .is_some()
    );
    assert!(
        irena_client
            .page_in("", Lang::En)
            .await
            .try_form(&crate::support::item_form_id(item))
            .is_none()
    );

    let page = anna.page_in("/people", Lang::En).await;
    let form = people_form(&page, &format!("/owners/{item}")).set("choice", irena.as_str());
    assert_eq!(anna.submit(&form, &[]).await.status, 303);
    let (owner, pinned): (String, bool) = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_as("select owner_actor_id, owner_pinned from catalogue_items where key = $1")
            .bind(item)
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    };
    assert_eq!((owner.as_str(), pinned), (irena.as_str(), true));
    assert_eq!(
        events(&app.db, "assign_owner").await,
        [("user_md_anna".to_owned(), format!("{item}:{irena}"))]
    );
    // The item names her as its owner; the acceptance Marek made of another of his checks stays his
    // when that check, too, becomes hers.
    let console = app.page_in("", Lang::En).await;
    let at = console
        .body
        .find("id=\"item-passage-role_headers\"")
        .expect("the item");
    let shown = &console.body[at..at + 1500];
    assert!(
        shown.contains("Owner: Irena Kovac"),
        "her name on it: {shown}"
    );
    app.db
        .writer(crate::support::MAREK)
        .accept(
            "passage.scenario_store_rehearsal",
            0,
            "Payload replayed in staging.",
        )
        .await
        .expect("Marek accepts");
    let page = anna.page_in("/people", Lang::En).await;
    let form = people_form(&page, "/owners/passage.scenario_store_rehearsal")
        .set("choice", irena.as_str());
    assert_eq!(anna.submit(&form, &[]).await.status, 303);
    let accepted_by: String = scalar(
        &app.db,
        "select actor_id from acceptances
         where item_key = 'passage.scenario_store_rehearsal' and revoked_at is null",
    )
    .await;
    assert_eq!(accepted_by, "user_dispatcher_marek");
    let console = app.page_in("", Lang::En).await;
    assert!(console.body.contains("Accepted by Marek Zielinski"));
    // Marek's form is gone; Irena's console has it, and the owner-only rule lets her accept.
    let console = marek.page_in("", Lang::En).await;
    assert!(
        console
            .try_form(&crate::support::item_form_id(item))
            .is_none()
    );
    let console = irena_client.page_in("", Lang::En).await;
    let form = console
        .item_form(item)
        .set("note", "Headers mapped for every role in staging.");
    let answer = irena_client.submit(&form, &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let accepted_by: String = scalar(&app.db, "select actor_id from acceptances where item_key = 'passage.role_headers' and revoked_at is null").await;
    assert_eq!(accepted_by, irena);

    // A role's default person takes the role's items that are not pinned; pinned ones stay.
    let page = anna.page_in("/people", Lang::En).await;
    let form = people_form(&page, "/role-owners/dispatcher").set("choice", "user_dispatcher_marek");
    assert_eq!(anna.submit(&form, &[]).await.status, 303);
    let owner: String = scalar(
        &app.db,
        "select owner_actor_id from catalogue_items where key = 'passage.role_headers'",
    )
    .await;
    assert_eq!(owner, irena, "a pinned item stays with its person");
    assert_eq!(
        events(&app.db, "set_role_owner").await,
        [(
            "user_md_anna".to_owned(),
            "dispatcher:user_dispatcher_marek".to_owned()
        )]
    );

    // A later version of the programme keeps the pinned owner and the role's default.
    let v2 = programme::DEMO_FILE.replacen("\nversion = 1\n", "\nversion = 2\n", 1);
    let v2 = programme::parse(&v2, &programme::languages()).expect("version 2");
    let by = db::tenants::Operator {
        name: "olga.ops",
        request_id: "people-test",
        key: test_key(),
        clock: test_clock(),
    };
    db::tenants::change_programme(&app.db.owner, "bfg-control", &v2, &by)
        .await
        .expect("moved");
    let owner: String = scalar(
        &app.db,
        "select owner_actor_id from catalogue_items where key = 'passage.role_headers'",
    )
    .await;
    assert_eq!(owner, irena);
    let default: i64 = scalar(&app.db, "select count(*) from role_owners where role = 'dispatcher' and actor_id = 'user_dispatcher_marek'").await;
    assert_eq!(default, 1);
    chain_is_whole(&app.db).await;
}

#[tokio::test]
async fn every_owned_item_carries_its_owner_role_from_the_programme_in_the_demo_and_in_a_new_tenant()
 {
    let app = TestApp::spawn().await;
    let missing: i64 = scalar(
        &app.db,
        "select count(*) from catalogue_items where owner_actor_id is not null and owner_role is null",
    )
    .await;
    assert_eq!(missing, 0, "the demo");
    let role: String = scalar(
        &app.db,
        "select owner_role from catalogue_items where key = 'passage.role_headers'",
    )
    .await;
    assert_eq!(role, "dispatcher");
    let by = db::tenants::Operator {
        name: "olga.ops",
        request_id: "people-test",
        key: test_key(),
        clock: test_clock(),
    };
    let new = db::tenants::NewTenant {
        slug: readiness_console::readiness::lifecycle::NewSlug::parse("acme").unwrap(),
        name: "ACME Logistics",
        programme: programme::demo(),
        md_name: "Ada Director",
        md_email: "Ada@ACME.example",
    };
    let created = db::tenants::create(&app.db.owner, &new, &by).await.unwrap();
    let mut tx = app.db.owner.begin().await.unwrap();
    sqlx::query("select set_config('app.tenant_id', $1::text, true)")
        .bind(created.tenant)
        .execute(&mut *tx)
        .await
        .unwrap();
    let items: i64 =
        sqlx::query_scalar("select count(*) from catalogue_items where owner_role is not null")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert!(items > 10, "{items} items carry an owner role");
    let (missing, email): (i64, String) = sqlx::query_as(
        "select (select count(*) from catalogue_items i where i.tenant_id = $1
                 and i.owner_actor_id is not null and i.owner_role is null),
                (select email from actors where tenant_id = $1 and actor_id = $2)",
    )
    .bind(created.tenant)
    .bind(&created.md_actor)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!((missing, email.as_str()), (0, "ada@acme.example"));
}

#[tokio::test]
async fn an_expired_invitation_says_who_renews_it_and_the_director_sends_a_new_link() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let answer = invite(
        &mut anna,
        Lang::En,
        "Irena Kovac",
        IRENA_EMAIL,
        "dispatcher",
    )
    .await;
    let old = shown_link(&answer);
    app.db
        .as_owner_in_demo("update tenant_invitations set expires_at = now() - interval '1 hour'")
        .await;
    let gone = app.get(&format!("{old}?lang=en"), &[]).await;
    assert_eq!(gone.status, 410);
    assert!(gone.body.contains("Ask whoever invited you for a new one."));
    let actor: String = scalar(
        &app.db,
        "select actor_id from actors where email = 'irena.kovac@example.com'",
    )
    .await;
    let page = anna.page_in("/people", Lang::En).await;
    let answer = press(&mut anna, &page, &format!("/people/{actor}/reset")).await;
    assert_eq!(answer.status, 200);
    let new = shown_link(&answer);
    assert!(new.contains("/invite/rc_inv_") && new != old, "{new}");
    assert_eq!(app.get(&format!("{new}?lang=en"), &[]).await.status, 200);
    assert_eq!(events(&app.db, "invite_person").await.len(), 2);
    assert!(events(&app.db, "issue_password_reset").await.is_empty());
}

/// The row of the People page's table whose id is `id` (`owner-{item}`, `role-owner-{role}`).
fn row<'a>(page: &'a Page, id: &str) -> &'a str {
    let at = page
        .body
        .find(&format!("<tr id=\"{id}\""))
        .unwrap_or_else(|| panic!("the page has no row {id}"));
    let rest = &page.body[at..];
    &rest[..rest.find("</tr>").expect("the row ends")]
}

/// The owner the console names on `item` to a visitor (the line's name, before the unit).
async fn console_owner(app: &TestApp, item: &str) -> String {
    let console = app.page_in("", Lang::En).await;
    let id = format!("id=\"item-{}\"", item.replace('.', "-"));
    let at = console.body.find(&id).expect("the item");
    let shown = &console.body[at..];
    let owner = shown.find("Owner: ").expect("its owner line") + "Owner: ".len();
    shown[owner..]
        .split('<')
        .next()
        .and_then(|line| line.split(" · ").next())
        .expect("the owner")
        .trim()
        .to_owned()
}

/// The item's owner as stored: (actor, pinned).
async fn stored_owner(db: &TestDb, item: &str) -> (String, bool) {
    let mut tx = db.demo_tx().await;
    sqlx::query_as("select owner_actor_id, owner_pinned from catalogue_items where key = $1")
        .bind(item)
        .fetch_one(&mut *tx)
        .await
        .expect("the item")
}

/// Marek, a dispatcher, posting `form` (drawn for Anna) with his own session and CSRF token.
async fn forged_by_marek(app: &TestApp, form: &Form) -> u16 {
    let mut marek = app.actor("marek").await;
    let token = marek
        .page_in("", Lang::En)
        .await
        .input_after("<form", "csrf");
    marek
        .submit(&form.clone().set("csrf", token), &[])
        .await
        .status
        .as_u16()
}

#[tokio::test]
async fn an_item_given_back_to_its_role_is_owned_by_the_roles_default_else_the_programmes_owner() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let item = "passage.role_headers";
    let irena = irena_joins(&app, &mut anna).await;
    let page = anna.page_in("/people", Lang::En).await;
    assert!(
        page.try_form(&format!("/owners/{item}/unpin")).is_none(),
        "an item nobody is pinned to has nothing to give back"
    );
    let pin = people_form(&page, &format!("/owners/{item}")).set("choice", irena.as_str());
    assert_eq!(anna.submit(&pin, &[]).await.status, 303);
    assert_eq!(console_owner(&app, item).await, "Irena Kovac");

    // No default for dispatchers: back to the person the programme names, Marek.
    let page = anna.page_in("/people", Lang::Fr).await;
    assert!(row(&page, &format!("owner-{item}")).contains("Attribué à cette personne"));
    let unpin = people_form(&page, &format!("/owners/{item}/unpin"));
    let answer = anna.submit(&unpin, &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let page = anna.get(answer.header("location")).await;
    assert!(
        html_unescape(&page.body)
            .contains("L’élément suit de nouveau le responsable par défaut de son rôle."),
        "{}",
        page.body
    );
    let line = row(&page, &format!("owner-{item}"));
    assert!(line.contains("Marek Zielinski") && !line.contains("Attribué à cette personne"));
    assert!(!line.contains("/unpin"), "nothing left to give back");
    assert_eq!(
        stored_owner(&app.db, item).await,
        ("user_dispatcher_marek".to_owned(), false)
    );
    assert_eq!(console_owner(&app, item).await, "Marek Zielinski");
    assert_eq!(
        events(&app.db, "unpin_owner").await,
        [(
            "user_md_anna".to_owned(),
            format!("{item}:user_dispatcher_marek")
        )]
    );

    // The same form again, and one for an item nobody is pinned to: refused, nothing written.
    let again = anna.submit(&unpin.clone().fresh_key(), &[]).await;
    assert_eq!(again.status, 409);
    assert!(
        html_unescape(&again.body).contains(
            "Cet élément n’est attribué à personne\u{202f}: il suit déjà le responsable par défaut de son rôle."
        ),
        "{}",
        again.body
    );
    assert_eq!(events(&app.db, "unpin_owner").await.len(), 1);

    // Pinned to Marek while Irena is the dispatchers' default: given back, it is hers.
    let page = anna.page_in("/people", Lang::En).await;
    let pin = people_form(&page, &format!("/owners/{item}")).set("choice", "user_dispatcher_marek");
    assert_eq!(anna.submit(&pin, &[]).await.status, 303);
    let page = anna.page_in("/people", Lang::En).await;
    let default = people_form(&page, "/role-owners/dispatcher").set("choice", irena.as_str());
    assert_eq!(anna.submit(&default, &[]).await.status, 303);
    assert_eq!(console_owner(&app, item).await, "Marek Zielinski", "pinned");
    let page = anna.page_in("/people", Lang::En).await;
    let unpin = people_form(&page, &format!("/owners/{item}/unpin"));
    // Only the director gives an item back, and only with her form's token.
    assert_eq!(forged_by_marek(&app, &unpin).await, 403);
    let stolen = unpin.clone().set("csrf", "not-the-token");
    assert_eq!(anna.submit(&stolen, &[]).await.status, 403);
    assert_eq!(
        stored_owner(&app.db, item).await,
        ("user_dispatcher_marek".to_owned(), true),
        "nothing written"
    );
    assert_eq!(anna.submit(&unpin, &[]).await.status, 303);
    assert_eq!(stored_owner(&app.db, item).await, (irena.clone(), false));
    assert_eq!(console_owner(&app, item).await, "Irena Kovac");
    assert_eq!(
        events(&app.db, "unpin_owner").await[1],
        ("user_md_anna".to_owned(), format!("{item}:{irena}"))
    );
    // The trail says it in words.
    let audit = app.page_in("/audit", Lang::En).await;
    let shown = html_unescape(&audit.body);
    assert!(shown.contains("Gave an item back to its role’s default owner"));
    assert!(shown.contains("→ Irena Kovac"), "{shown}");
    chain_is_whole(&app.db).await;
}

#[tokio::test]
async fn clearing_a_roles_default_gives_its_items_to_the_programmes_owner_and_keeps_pinned_ones() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let irena = irena_joins(&app, &mut anna).await;
    let page = anna.page_in("/people", Lang::En).await;
    assert!(
        page.try_form("/role-owners/dispatcher/clear").is_none(),
        "no default to clear"
    );
    let default = people_form(&page, "/role-owners/dispatcher").set("choice", irena.as_str());
    assert_eq!(anna.submit(&default, &[]).await.status, 303);
    // One of the dispatchers' items pinned to Irena: clearing the default leaves it with her.
    let page = anna.page_in("/people", Lang::En).await;
    let pin = people_form(&page, "/owners/passage.scenario_store_rehearsal")
        .set("choice", irena.as_str());
    assert_eq!(anna.submit(&pin, &[]).await.status, 303);
    assert_eq!(
        console_owner(&app, "passage.role_headers").await,
        "Irena Kovac"
    );

    let page = anna.page_in("/people", pt_br()).await;
    assert!(row(&page, "role-owner-dispatcher").contains("Irena Kovac"));
    let clear = people_form(&page, "/role-owners/dispatcher/clear");
    // Only the director clears it, and only with her form's token.
    assert_eq!(forged_by_marek(&app, &clear).await, 403);
    assert_eq!(
        anna.submit(&clear.clone().set("csrf", "x"), &[])
            .await
            .status,
        403
    );
    assert_eq!(stored_owner(&app.db, "passage.role_headers").await.0, irena);
    let answer = anna.submit(&clear, &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let page = anna.get(answer.header("location")).await;
    assert!(
        page.body.contains(
            "O papel não tem mais responsável padrão: os seus itens passam para a pessoa que o programa indica."
        ),
        "{}",
        page.body
    );
    let line = row(&page, "role-owner-dispatcher");
    assert!(
        line.contains("Como diz o programa") && !line.contains("/clear"),
        "{line}"
    );
    assert_eq!(
        stored_owner(&app.db, "passage.role_headers").await,
        ("user_dispatcher_marek".to_owned(), false)
    );
    assert_eq!(
        console_owner(&app, "passage.role_headers").await,
        "Marek Zielinski"
    );
    assert_eq!(
        stored_owner(&app.db, "passage.scenario_store_rehearsal").await,
        (irena.clone(), true),
        "a pinned item stays with its person"
    );
    let defaults: i64 = scalar(&app.db, "select count(*) from role_owners").await;
    assert_eq!(defaults, 0);
    assert_eq!(
        events(&app.db, "clear_role_owner").await,
        [("user_md_anna".to_owned(), format!("dispatcher:{irena}"))]
    );

    // Cleared already: refused, nothing written; an unknown role is no page.
    let again = anna.submit(&clear.clone().fresh_key(), &[]).await;
    assert_eq!(again.status, 409);
    assert!(
        again
            .body
            .contains("Este papel não tem responsável padrão para remover.")
    );
    let unknown = clear.clone().fresh_key().posting_to(
        &clear
            .action
            .replace("/role-owners/dispatcher/", "/role-owners/captain/"),
    );
    assert_eq!(anna.submit(&unknown, &[]).await.status, 404);
    assert_eq!(events(&app.db, "clear_role_owner").await.len(), 1);
    let audit = app.page_in("/audit", Lang::En).await;
    let shown = html_unescape(&audit.body);
    assert!(shown.contains("Cleared a role’s default owner"));
    assert!(shown.contains("Dispatcher (Irena Kovac)"), "{shown}");
    chain_is_whole(&app.db).await;
}
