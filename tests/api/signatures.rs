//! A second signature: a programme that requires two GO signatures reaches GO only when a
//! second, distinct managing director signs the state the first signed; the same person
//! signing twice is refused; a write that withdraws withdraws every partial signature, and a
//! NO-GO ends the round. `programme check` reads the key, and refuses a number out of range.

use std::process::Command;

use readiness_console::db::{self, tenants};
use readiness_console::i18n::{Arg, Lang};
use readiness_console::readiness::programme::{self, DEMO_FILE, Programme};

use crate::support::{
    Account, Actor, CONSOLE, Page, TestApp, TestDb, eventually, test_clock, test_key,
};

/// The second managing director, created by the tests (the People page that invites people is
/// another part of the console).
pub const BRUNO: Account = Account {
    username: "bruno",
    password: "bruno-second-signature",
    actor: "user_md_bruno",
};

/// Bruno's name as the console shows it.
pub const BRUNO_NAME: &str = "Bruno Almeida";

/// A third managing director, for a programme requiring three signatures.
const CARLA: Account = Account {
    username: "carla",
    password: "carla-third-signature",
    actor: "user_md_carla",
};

/// The demo programme's next version, requiring `required` GO signatures: the programme file a
/// tenant moves to.
pub fn signatures_programme_text(required: u32) -> String {
    DEMO_FILE
        .replacen("version = 1", "version = 2", 1)
        .replacen(
            "[[ladder]]",
            &format!(
                "# Production is signed GO by {required} distinct managing directors.\n\
             [signoff]\nrequired = {required}\n\n[[ladder]]"
            ),
            1,
        )
}

/// Olena accepts the DB schema check again, after revoking it.
async fn accepts_the_schema_again(olena: &mut Actor) {
    let accepted = olena
        .accept(
            "passage.db_schema",
            "Migration re-run and verified on staging",
        )
        .await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
}

fn signatures_programme(required: u32) -> Programme {
    programme::parse(
        &signatures_programme_text(required),
        &programme::languages(),
    )
    .expect("the demo with a [signoff] table is a valid programme")
}

/// Moves the demo tenant to the two-signature programme with the owner pool, as
/// `tenant programme --slug bfg-control --file …` does.
pub async fn require_two_signatures(db: &TestDb) {
    require_signatures(db, 2).await;
}

/// Moves the demo tenant to its programme's version 2, requiring `required` signatures.
async fn require_signatures(db: &TestDb, required: u32) {
    let by = tenants::Operator {
        name: "operator",
        request_id: "test",
        key: test_key(),
        clock: test_clock(),
    };
    let moved = tenants::change_programme(
        &db.owner,
        "bfg-control",
        &signatures_programme(required),
        &by,
    )
    .await
    .expect("the demo tenant moves to its programme's version 2");
    assert_eq!((moved.from, moved.to), (1, 2));
}

/// Bruno, a second managing director with an account of his own, straight in the database.
pub async fn add_second_managing_director(db: &TestDb) {
    add_managing_director(db, BRUNO, BRUNO_NAME).await;
}

/// A managing director like Anna, with an account of their own, straight in the database.
async fn add_managing_director(db: &TestDb, account: Account, name: &str) {
    let hash = readiness_console::password::hash(account.password).expect("hash");
    let mut tx = db.demo_tx().await;
    sqlx::query(
        "insert into actors (tenant_id, actor_id, name, unit, role, permissions, position)
         select tenant_id, $1, $2, unit, role, permissions, 99
         from actors where actor_id = 'user_md_anna'",
    )
    .bind(account.actor)
    .bind(name)
    .execute(&mut *tx)
    .await
    .expect("insert the actor");
    sqlx::query(
        "insert into accounts (tenant_id, actor_id, username, password_hash)
         values (current_setting('app.tenant_id')::uuid, $1, $2, $3)",
    )
    .bind(account.actor)
    .bind(account.username)
    .bind(hash)
    .execute(&mut *tx)
    .await
    .expect("insert the account");
    tx.commit().await.expect("commit");
}

/// The demo tenant on the two-signature programme, Bruno added, every gate green.
async fn two_signatures_all_green() -> TestApp {
    let app = TestApp::spawn().await;
    require_two_signatures(&app.db).await;
    add_second_managing_director(&app.db).await;
    app.db.make_all_green().await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    app
}

/// "1 of 2 signatures", in `lang`.
fn count_text(lang: Lang, signed: u32) -> String {
    lang.tr()
        .t2("signature-count", "signed", signed, "required", 2)
}

fn pt_br() -> Lang {
    Lang::from_tag("pt-BR").expect("pt-BR is spoken")
}

/// The texts of the elements of a page with this class.
fn texts(page: &Page, class: &str) -> Vec<String> {
    page.texts(class)
}

/// The list of who signed the round, as the page's markup holds it.
fn signers(page: &Page) -> String {
    let at = page
        .body
        .find("class=\"signature-signers\"")
        .expect("the page lists the signers");
    let rest = &page.body[at..];
    crate::support::html_unescape(&rest[..rest.find("</ul>").expect("the list ends")])
}

/// The proof bundle's `summary.json`.
fn bundle_summary(bundle: &Page) -> serde_json::Value {
    let mut archive = tar::Archive::new(bundle.bytes.as_slice());
    let entry = archive
        .entries()
        .unwrap()
        .map(Result::unwrap)
        .find(|e| e.path().unwrap().ends_with("summary.json"));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry.expect("summary.json"), &mut text).unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn sign_go_events(app: &TestApp) -> Vec<(String, Option<String>)> {
    let mut tx = app.db.demo_tx().await;
    sqlx::query_as(
        "select actor_id, evidence_digest from audit_events where action = 'sign_go' order by seq",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap()
}

/// Every sign-off row has its event and every sign-off event its row.
async fn signoffs_accounted_for(app: &TestApp) {
    let mut tx = app.db.demo_tx().await;
    let unaccounted = db::audit::unaccounted(&mut tx).await.unwrap();
    let signoffs: Vec<_> = unaccounted
        .iter()
        .filter(|u| u.record() == readiness_console::chain::Record::Signoff)
        .collect();
    assert!(signoffs.is_empty(), "{signoffs:?}");
}

#[tokio::test]
async fn go_is_reached_only_on_the_second_distinct_managing_directors_signature() {
    let app = two_signatures_all_green().await;
    let mut anna = app.actor("anna").await;
    // Two GO forms drawn before she signs: the second is her signing twice.
    let again = anna.sign_off_go().draw().await;
    let signed = anna.sign_off_go().await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(app.decision().await, "BLOCKED_PENDING_SIGNOFF");
    // The page her form lands on says her signature is recorded, not that production is GO.
    let landed = anna.console(Lang::En).await;
    let tr = Lang::En.tr();
    assert!(
        landed.body.contains(&crate::support::html_escape(
            &tr.t("notice-signed_partial_go")
        )),
        "{}",
        landed.body
    );
    assert!(
        !landed
            .body
            .contains(&crate::support::html_escape(&tr.t("notice-signed_go")))
    );

    for lang in Lang::ALL {
        let page = anna.console(lang).await;
        assert_eq!(
            texts(&page, "signature-count"),
            vec![count_text(lang, 1); 2],
            "{lang:?}"
        );
        assert!(
            page.body.contains("signature signature-partial"),
            "{lang:?}: the partial signature"
        );
        assert!(
            page.body.contains("verdict-nogo\""),
            "{lang:?}: still NO-GO"
        );
        // Her own signature stands in place of her GO form; NO-GO stays hers to record.
        assert!(
            !page.body.contains("name=\"decision\" value=\"GO\""),
            "{lang:?}"
        );
        assert!(
            page.body.contains("name=\"decision\" value=\"NO_GO\""),
            "{lang:?}"
        );
        let round = texts(&page, "signoff-round");
        assert_eq!(round.len(), 1, "{lang:?}");
        assert!(round[0].contains(&count_text(lang, 1)), "{round:?}");
        assert!(signers(&page).contains("Anna Kowalska"), "{lang:?}");
    }

    // The same person signing again does not count twice.
    let twice = anna.submit(&again, &[]).await;
    assert_eq!(twice.status, 409, "{}", twice.body);
    assert!(
        twice.body.contains(&crate::support::html_escape(
            &Lang::En.tr().t("signoff-already-signed")
        )),
        "{}",
        twice.body
    );
    assert_eq!(app.db.count_in_demo("signoffs").await, 1);

    // Bruno signs what Anna signed: GO.
    let mut bruno = app.actor_with(BRUNO).await;
    let page = bruno.console(Lang::Es).await;
    assert!(page.body.contains("name=\"decision\" value=\"GO\""));
    let cosign = texts(&page, "signoff-round");
    assert_eq!(
        cosign,
        vec![Lang::Es.tr().t_args(
            "signoff-cosign",
            &[
                ("signed", Arg::from(1)),
                ("required", Arg::from(2)),
                ("missing", Arg::from(1)),
            ]
        )]
    );
    let form = bruno.sign_off_go().lang(Lang::Es).draw().await;
    let events = sign_go_events(&app).await;
    assert_eq!(
        Some(form.field("state_digest")),
        events[0].1.as_deref(),
        "his form carries the state Anna signed"
    );
    let signed = bruno.sign_off_go().lang(Lang::Es).await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(app.decision().await, "GO");
    let page = app.page_in("", Lang::Fr).await;
    assert!(page.body.contains("verdict-go\""));
    assert_eq!(
        texts(&page, "signature-count"),
        vec![count_text(Lang::Fr, 2); 2]
    );

    // Both signatures are in the chain, each on the same state, and the rows account for them.
    let events = sign_go_events(&app).await;
    assert_eq!(
        events.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
        ["user_md_anna", BRUNO.actor]
    );
    assert_eq!(events[0].1, events[1].1);
    signoffs_accounted_for(&app).await;

    // The proof bundle names both signers.
    let bundle = app.get(&format!("{CONSOLE}/bundle"), &[]).await;
    assert_eq!(bundle.status, 200);
    let summary = bundle_summary(&bundle);
    let signatures = &summary["signature"]["signatures"];
    assert_eq!(signatures["signed"], 2);
    assert_eq!(signatures["required"], 2);
    let signers: Vec<&str> = signatures["signers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["actor"].as_str().unwrap())
        .collect();
    assert_eq!(signers, ["user_md_anna", BRUNO.actor]);
    assert_eq!(summary["signature"]["holds"], true);
}

#[tokio::test]
async fn a_write_withdraws_the_partial_signature_and_a_no_go_ends_the_round() {
    let app = two_signatures_all_green().await;
    let mut anna = app.actor("anna").await;
    assert_eq!(anna.sign_off_go().await.status, 303);

    // Olena's revocation must be confirmed: it withdraws Anna's partial signature.
    let mut olena = app.actor("olena").await;
    let page = olena.console(Lang::En).await;
    let warning = Lang::En
        .tr()
        .t1("signature-confirm-warning", "owner", "Anna Kowalska");
    assert!(
        page.body.contains(&crate::support::html_escape(&warning)),
        "her forms warn that the write withdraws Anna's signature"
    );
    let reason = "The schema migration failed on the staging copy";
    let unconfirmed = olena.revoke("passage.db_schema", reason).await;
    assert_eq!(unconfirmed.status, 409, "{}", unconfirmed.body);
    let revoked = olena
        .revoke("passage.db_schema", reason)
        .confirming_withdrawal()
        .await;
    assert_eq!(revoked.status, 303, "{}", revoked.body);
    assert_eq!(app.db.count_in_demo("signoff_withdrawals").await, 1);
    accepts_the_schema_again(&mut olena).await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    let page = app.page_in("", Lang::En).await;
    assert_eq!(
        texts(&page, "signature-count"),
        vec![count_text(Lang::En, 0); 2]
    );

    // Bruno signs the new state: one of two, Anna's withdrawn signature does not count.
    let mut bruno = app.actor_with(BRUNO).await;
    assert_eq!(bruno.sign_off_go().await.status, 303);
    assert_eq!(app.decision().await, "BLOCKED_PENDING_SIGNOFF");
    let page = app.page_in("", pt_br()).await;
    assert_eq!(
        texts(&page, "signature-count"),
        vec![count_text(pt_br(), 1); 2]
    );

    // Anna records NO-GO: the round ends, and Bruno's next GO opens a new one.
    let no_go = anna
        .sign_off_no_go("Backup restore not rehearsed yet")
        .await;
    assert_eq!(no_go.status, 303, "{}", no_go.body);
    let page = app.page_in("", Lang::En).await;
    assert_eq!(
        texts(&page, "signature-count"),
        vec![count_text(Lang::En, 0); 2]
    );
    assert_eq!(bruno.sign_off_go().await.status, 303);
    assert_eq!(app.decision().await, "BLOCKED_PENDING_SIGNOFF");
    let mut anna = app.actor("anna").await;
    assert_eq!(anna.sign_off_go().await.status, 303);
    assert_eq!(app.decision().await, "GO");
    signoffs_accounted_for(&app).await;
}

#[tokio::test]
async fn a_withdrawing_write_withdraws_every_partial_signature_of_the_round() {
    let app = TestApp::spawn().await;
    require_signatures(&app.db, 3).await;
    add_second_managing_director(&app.db).await;
    add_managing_director(&app.db, CARLA, "Carla Nunes").await;
    app.db.make_all_green().await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    let mut anna = app.actor("anna").await;
    assert_eq!(anna.sign_off_go().await.status, 303);
    let mut bruno = app.actor_with(BRUNO).await;
    assert_eq!(bruno.sign_off_go().await.status, 303);
    let page = app.page_in("", Lang::En).await;
    let two_of_three = Lang::En
        .tr()
        .t2("signature-count", "signed", 2, "required", 3);
    assert_eq!(texts(&page, "signature-count"), vec![two_of_three; 2]);
    assert_eq!(app.decision().await, "BLOCKED_PENDING_SIGNOFF");

    let mut olena = app.actor("olena").await;
    let revoked = olena
        .revoke(
            "passage.db_schema",
            "The schema migration failed on staging",
        )
        .confirming_withdrawal()
        .await;
    assert_eq!(revoked.status, 303, "{}", revoked.body);
    // One withdrawal per signature, both naming the revocation's event.
    let mut tx = app.db.demo_tx().await;
    let withdrawn: Vec<(String, i64)> = sqlx::query_as(
        "select s.actor_id, w.audit_seq from signoff_withdrawals w
         join signoffs s on s.id = w.signoff_id order by s.id",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    let revoke_seq: i64 =
        sqlx::query_scalar("select max(seq) from audit_events where action = 'revoke'")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    drop(tx);
    assert_eq!(
        withdrawn,
        [
            ("user_md_anna".to_owned(), revoke_seq),
            (BRUNO.actor.to_owned(), revoke_seq)
        ]
    );
    // Carla's GO, once the check is accepted again, is one of three: nothing came back.
    accepts_the_schema_again(&mut olena).await;
    let mut carla = app.actor_with(CARLA).await;
    assert_eq!(carla.sign_off_go().await.status, 303);
    let page = app.page_in("", Lang::Es).await;
    let one_of_three = Lang::Es
        .tr()
        .t2("signature-count", "signed", 1, "required", 3);
    assert_eq!(texts(&page, "signature-count"), vec![one_of_three; 2]);
    signoffs_accounted_for(&app).await;
}

#[tokio::test]
async fn the_demo_programme_asks_for_one_signature_and_shows_no_count() {
    let app = TestApp::spawn().await;
    app.db.make_all_green().await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    let mut anna = app.actor("anna").await;
    assert_eq!(anna.sign_off_go().await.status, 303);
    assert_eq!(app.decision().await, "GO");
    let page = anna.console(Lang::En).await;
    assert!(texts(&page, "signature-count").is_empty());
    assert!(!page.body.contains("signature-signers"));
}

#[test]
fn programme_check_reads_the_number_of_signatures_and_refuses_one_out_of_range() {
    let dir = tempfile::tempdir().unwrap();
    let check = |required: u32, lang: &str| {
        let file = dir.path().join(format!("two-signatures-{required}.toml"));
        std::fs::write(&file, signatures_programme_text(required)).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_readiness-console"))
            .args(["programme", "check"])
            .arg(&file)
            .args(["--lang", lang])
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stdout, stderr) = check(2, "en");
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("db-auth-session-adapter version 2 is a valid programme"),
        "{stdout}"
    );

    let text = signatures_programme_text(9);
    let line = text[..text.find("required = 9").unwrap()]
        .matches('\n')
        .count()
        + 1;
    for (lang, said) in [
        (
            "en",
            "The sign-off requires 9 signatures: a programme requires from 1 to 5",
        ),
        (
            "es",
            "La firma exige 9 firmas: un programa exige entre 1 y 5",
        ),
    ] {
        let (ok, _, stderr) = check(9, lang);
        assert!(!ok, "{lang}");
        assert!(
            stderr.contains(&format!(":{line}:12: ")),
            "{lang}: {stderr}"
        );
        assert!(stderr.contains(said), "{lang}: {stderr}");
        assert!(
            stderr.lines().next().is_some_and(|l| l.contains(said)),
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn pages_with_partial_and_complete_signatures_are_valid_html() {
    let mut pages = crate::html::Pages::new();
    let app = two_signatures_all_green().await;
    let mut anna = app.actor("anna").await;
    assert_eq!(anna.sign_off_go().await.status, 303);
    let mut bruno = app.actor_with(BRUNO).await;
    for (name, path) in [
        ("partial-console-signer", format!("{CONSOLE}?lang=fr")),
        ("partial-print", format!("{CONSOLE}/print?lang=es")),
        ("partial-proof", format!("{CONSOLE}/proof?lang=en")),
    ] {
        let page = anna.get(&path).await;
        assert_eq!(page.status, 200, "{name}");
        assert!(page.body.contains("signature-signers"), "{name}");
        pages.keep(name, &page);
    }
    let page = bruno.get(&format!("{CONSOLE}?lang=pt-BR")).await;
    pages.keep("partial-console-cosigner", &page);
    assert_eq!(bruno.sign_off_go().await.status, 303);
    let page = bruno.get(&format!("{CONSOLE}?lang=en")).await;
    assert!(page.body.contains("verdict-go\""));
    pages.keep("complete-console", &page);
    pages.assert_valid();
}
