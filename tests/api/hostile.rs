//! Hostile input: NUL bytes, control characters, invalid UTF-8, zero-width notes, oversize
//! links, impossible path segments and foreign request ids each get a 4xx in the user's
//! language with the typed text kept and nothing written; and a seeded fuzz run posts random
//! bytes to every form field and path segment, asserting no 5xx and nothing written.

use readiness_console::i18n::Lang;

use crate::support::{CONSOLE, Client, Page, TestApp, percent_encode};

/// A form as the page draws it: the value of each named input after `marker`.
fn fields(page: &Page, marker: &str, names: &[&str]) -> Vec<(String, Vec<u8>)> {
    assert!(page.body.contains(marker), "the page has {marker}");
    names
        .iter()
        .map(|name| {
            (
                (*name).to_owned(),
                page.input_after(marker, name).into_bytes(),
            )
        })
        .collect()
}

/// `fields` with `name` set to `value`.
fn with(mut form: Vec<(String, Vec<u8>)>, name: &str, value: &[u8]) -> Vec<(String, Vec<u8>)> {
    match form.iter_mut().find(|(n, _)| n == name) {
        Some(field) => field.1 = value.to_vec(),
        None => form.push((name.to_owned(), value.to_vec())),
    }
    form
}

async fn post(client: &mut Client, path: &str, form: &[(String, Vec<u8>)]) -> Page {
    let form: Vec<(&str, &[u8])> = form
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_slice()))
        .collect();
    client.post_bytes(path, &form, &[]).await
}

/// What every write leaves behind, counted in the demo tenant (and the sessions).
async fn written(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "acceptances",
        "signoffs",
        // A refused sign-in is an event of its own (rate-limited), not a write of the form.
        "audit_events where action <> 'sign_in_failed'",
        "rehearsal_targets",
        "rehearsal_runs",
        "scenario_snapshots",
        "scenario_imports",
    ] {
        counts.push(app.db.count_in_demo(table).await);
    }
    counts.push(
        sqlx::query_scalar("select count(*) from tower_sessions.session")
            .fetch_one(&app.db.app)
            .await
            .unwrap(),
    );
    counts
}

const ACCEPT: &str = "/t/bfg-control/items/passage.role_headers/accept";
const ACCEPT_FORM: &str = "id=\"form-passage-role_headers\"";
const DECIDE: &str = "/t/bfg-control/items/infrastructure.region/decide";
const DECIDE_FORM: &str = "id=\"form-infrastructure-region\"";
const CHECK_FIELDS: [&str; 3] = ["csrf", "version", "idempotency_key"];

#[tokio::test]
async fn control_characters_and_invalid_text_are_refused_in_every_language_with_the_text_kept() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    let mut anna = app.actor("anna").await;
    let before = written(&app).await;
    let zero_width = "\u{200B}".repeat(12);
    let long_url = format!("https://evidence.example/{}", "a".repeat(1_000_000));
    // (field, typed bytes, the message, what of the typed text is shown back)
    let cases: [(&str, Vec<u8>, &str, &str); 6] = [
        (
            "note",
            b"Verified\0 in staging".to_vec(),
            "evidence-note-control",
            "Verified\u{FFFD} in staging",
        ),
        (
            "note",
            b"Verified \x1b[31m in staging".to_vec(),
            "evidence-note-control",
            "Verified \u{FFFD}[31m in staging",
        ),
        (
            "note",
            b"Verified \xff\xfe in staging".to_vec(),
            "evidence-note-control",
            "Verified \u{FFFD}\u{FFFD} in staging",
        ),
        (
            "note",
            zero_width.clone().into_bytes(),
            "evidence-note-too-short",
            &zero_width,
        ),
        (
            "url",
            long_url.clone().into_bytes(),
            "evidence-url-too-long",
            "https://evidence.example/aaaa",
        ),
        (
            "checksum",
            b"bfg-3d15\0b1f6".to_vec(),
            "evidence-checksum-invalid",
            "bfg-3d15\u{FFFD}b1f6",
        ),
    ];
    for lang in Lang::ALL {
        let tr = lang.tr();
        let page = marek.page_in("", lang).await;
        let form = fields(&page, ACCEPT_FORM, &CHECK_FIELDS);
        let good_note = b"Verified in the staging gateway".as_slice();
        for (field, typed, message, shown) in &cases {
            let form = with(with(form.clone(), "note", good_note), field, typed);
            let path = format!("{ACCEPT}?lang={}", lang.code());
            let answer = post(&mut marek, &path, &form).await;
            assert_eq!(answer.status, 422, "{field} {message} in {lang:?}");
            assert!(
                answer.body.contains(&tr.t(message)),
                "{message} in {lang:?}"
            );
            assert!(answer.body.contains(shown), "the typed {field} is kept");
            assert!(!answer.body.contains('\0'), "no NUL reaches the page");
            assert!(
                answer.body.len() < 200_000,
                "the kept text is within its limit"
            );
        }
        // A revocation's reason, a decision's note and value, a NO-GO's reason.
        let code = lang.code();
        let page = anna.page_in("", lang).await;
        let revoke_form = fields(
            &page,
            "action=\"/t/bfg-control/items/decision_board.adapter_selection/revoke",
            &CHECK_FIELDS,
        );
        let decide = with(fields(&page, DECIDE_FORM, &CHECK_FIELDS), "value", b"EU");
        let good_note = b"Data residency confirmed with the DPO".as_slice();
        let signoff = fields(&page, "id=\"signoff\"", &["csrf", "idempotency_key"]);
        let signoff = with(
            with(signoff, "decision", b"NO_GO"),
            "password",
            b"anna-go-no-go",
        );
        let revoke = format!("{CONSOLE}/items/decision_board.adapter_selection/revoke?lang={code}");
        let decide_path = format!("{DECIDE}?lang={code}");
        // (what, where, the form, the message, what of the typed text is shown back)
        let refused = [
            (
                "revoke",
                revoke,
                with(revoke_form, "note", b"Superseded\0 by the review"),
                "evidence-note-control",
                None,
            ),
            (
                "decide",
                decide_path.clone(),
                with(decide.clone(), "note", b"Data residency\0 confirmed"),
                "evidence-note-control",
                None,
            ),
            (
                "a decided value",
                decide_path,
                with(with(decide, "note", good_note), "value", b"EU\x07"),
                "evidence-value-invalid",
                None,
            ),
            (
                "NO-GO",
                format!("{CONSOLE}/signoff?lang={code}"),
                with(signoff, "reason", b"Backup restore\0 not rehearsed"),
                "evidence-note-control",
                Some("Backup restore\u{FFFD} not rehearsed"),
            ),
        ];
        for (what, path, form, message, shown) in refused {
            let answer = post(&mut anna, &path, &form).await;
            assert_eq!(answer.status, 422, "{what} in {lang:?}");
            assert!(answer.body.contains(&tr.t(message)), "{what} in {lang:?}");
            if let Some(shown) = shown {
                assert!(
                    answer.body.contains(shown),
                    "{what}: the typed text is kept"
                );
            }
        }

        // A username with a NUL is an unknown account.
        let mut visitor = Client::new(&app.router);
        let page = visitor.page_in("/sign-in", lang).await;
        let sign_in = with(
            with(fields(&page, "<form", &["csrf"]), "username", b"marek\0"),
            "password",
            b"marek-dispatch",
        );
        let answer = post(
            &mut visitor,
            &format!("{CONSOLE}/sign-in?lang={}", lang.code()),
            &sign_in,
        )
        .await;
        assert_eq!(answer.status, 401, "sign-in in {lang:?}");
        assert!(answer.body.contains(&tr.t("sign-in-failed")));

        // Path segments that can name nothing: a 404 page in the user's language.
        for path in [
            "/t/bfg-control/items/passage.role_headers%00/accept",
            "/t/a%0d%0ab/items/passage.role_headers/accept",
            "/t/a%00b/signoff",
            "/t/a%7fb/sign-in",
        ] {
            let answer = post(&mut marek, &format!("{path}?lang={}", lang.code()), &[]).await;
            assert_eq!(answer.status, 404, "{path}");
            assert!(
                answer.body.contains(&tr.t("error-title-not-found")),
                "{path}"
            );
        }
        let answer = marek
            .get(&format!(
                "{CONSOLE}/items/passage.role_headers%00?lang={}",
                lang.code()
            ))
            .await;
        assert_eq!(answer.status, 404);
    }
    assert_eq!(written(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn a_foreign_request_id_is_replaced_before_it_reaches_the_audit_trail() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    for (foreign, kept) in [
        ("x".repeat(8_000), false),
        ("<script>alert(1)</script>".to_owned(), false),
        ("ci-run.42_a-b".to_owned(), true),
    ] {
        let page = marek.get(&format!("{CONSOLE}?lang=en")).await;
        let form = fields(&page, ACCEPT_FORM, &CHECK_FIELDS);
        let form: Vec<(String, String)> = with(form, "note", b"Verified in the staging gateway")
            .into_iter()
            .map(|(n, v)| (n, String::from_utf8(v).unwrap()))
            .collect();
        let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let answer = marek
            .post(
                &format!("{ACCEPT}?lang=en"),
                &form,
                &[("x-request-id", &foreign)],
            )
            .await;
        assert_eq!(answer.status, 303);
        let answered = answer.header("x-request-id").to_owned();
        let recorded: String = sqlx::query_scalar(
            "select request_id from audit_events where action = 'accept' order by seq desc limit 1",
        )
        .fetch_one(&mut *app.db.demo_tx().await)
        .await
        .unwrap();
        assert_eq!(recorded, answered, "the event names the answer's id");
        assert_eq!(recorded == foreign, kept, "{foreign:.40}");
        assert!(recorded.len() <= 64 && !recorded.contains('<'));
        // Revoked again, for the next round.
        let page = marek.get(&format!("{CONSOLE}?lang=en")).await;
        let revoke = fields(
            &page,
            "action=\"/t/bfg-control/items/passage.role_headers/revoke",
            &CHECK_FIELDS,
        );
        let revoke = with(revoke, "note", b"Reopened for the next round");
        let answer = post(
            &mut marek,
            "/t/bfg-control/items/passage.role_headers/revoke?lang=en",
            &revoke,
        )
        .await;
        assert_eq!(answer.status, 303);
    }
}

/// SplitMix64: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }

    /// Random bytes, biased towards what breaks parsers, with at least one byte no field
    /// accepts (a NUL, ESC, DEL, or a byte that is never UTF-8), so that no case can be a
    /// valid write by chance.
    fn hostile(&mut self) -> Vec<u8> {
        const TRICKY: &[u8] = b"\0\x01\x1b\x7f\r\n\t%&=+;<>\"'/\\.:@";
        const NEVER_VALID: &[u8] = b"\0\x1b\x7f\xff\xfe";
        let most = if self.below(10) == 0 { 4_000 } else { 120 };
        let len = 1 + self.below(most);
        let mut bytes: Vec<u8> = (0..len)
            .map(|_| match self.below(10) {
                0..=2 => b' ' + u8::try_from(self.below(95)).unwrap(),
                3..=4 => TRICKY[self.below(TRICKY.len())],
                _ => u8::try_from(self.next() & 0xff).unwrap(),
            })
            .collect();
        let at = self.below(bytes.len() + 1);
        bytes.insert(at, NEVER_VALID[self.below(NEVER_VALID.len())]);
        bytes
    }
}

/// One target of the fuzz run: who posts, where, and the form's fields as drawn.
struct Target {
    who: usize,
    path: String,
    form: Vec<(String, Vec<u8>)>,
}

#[tokio::test]
async fn random_bytes_in_every_field_and_path_segment_never_answer_5xx_nor_write() {
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2026_u64);
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_200);
    let app = TestApp::spawn().await;
    let mut clients = [
        app.actor("marek").await.into(),
        app.actor("anna").await.into(),
        Client::new(&app.router),
    ];
    let console = clients[1].get(&format!("{CONSOLE}?lang=en")).await;
    let marek_console = clients[0].get(&format!("{CONSOLE}?lang=en")).await;
    let rehearsal = clients[0]
        .get(&format!("{CONSOLE}/rehearsal?lang=en"))
        .await;
    let snapshot = clients[0].get(&format!("{CONSOLE}/snapshot?lang=en")).await;
    let sign_in = clients[2].get(&format!("{CONSOLE}/sign-in?lang=en")).await;
    let check = [
        "csrf",
        "version",
        "idempotency_key",
        "value",
        "note",
        "url",
        "checksum",
    ];
    let targets = vec![
        Target {
            who: 0,
            path: format!("{ACCEPT}?lang=es"),
            form: fields(&marek_console, ACCEPT_FORM, &check),
        },
        Target {
            who: 1,
            path: format!("{DECIDE}?lang=fr"),
            form: fields(&console, DECIDE_FORM, &check),
        },
        Target {
            who: 1,
            path: "/t/bfg-control/items/decision_board.adapter_selection/revoke?lang=en".into(),
            form: fields(
                &console,
                "action=\"/t/bfg-control/items/decision_board.adapter_selection/revoke",
                &["csrf", "version", "idempotency_key", "note"],
            ),
        },
        Target {
            who: 1,
            path: format!("{CONSOLE}/signoff?lang=es"),
            form: with(
                with(
                    with(
                        fields(&console, "id=\"signoff\"", &["csrf", "idempotency_key"]),
                        "decision",
                        b"NO_GO",
                    ),
                    "password",
                    b"anna-go-no-go",
                ),
                "reason",
                b"Backup restore not rehearsed yet",
            ),
        },
        Target {
            who: 0,
            path: format!("{CONSOLE}/rehearsal/target?lang=fr"),
            form: with(
                fields(&rehearsal, "class=\"target-form\"", &["csrf"]),
                "reference",
                b"env:READINESS_TARGET_URL",
            ),
        },
        Target {
            who: 0,
            path: format!("{CONSOLE}/rehearsal/connection?lang=en"),
            form: fields(&rehearsal, "class=\"target-form\"", &["csrf"]),
        },
        Target {
            who: 0,
            path: format!("{CONSOLE}/snapshot/freeze?lang=en"),
            form: with(
                fields(&snapshot, "<form", &["csrf", "idempotency_key"]),
                "import_id",
                b"1",
            ),
        },
        Target {
            who: 2,
            path: format!("{CONSOLE}/sign-in?lang=es"),
            form: with(
                with(fields(&sign_in, "<form", &["csrf"]), "username", b"marek"),
                "password",
                b"marek-dispatch",
            ),
        },
        Target {
            who: 0,
            path: format!("{CONSOLE}/sign-out?lang=en"),
            form: fields(&marek_console, ACCEPT_FORM, &["csrf"]),
        },
    ];
    // Path templates: `{}` is replaced by random bytes, percent-encoded.
    let paths = [
        "/t/{}/items/passage.role_headers/accept",
        "/t/bfg-control/items/{}/accept",
        "/t/bfg-control/items/passage.role_headers/{}",
        "/t/{}/signoff",
        "/t/bfg-control/rehearsal/{}",
        "/t/bfg-control/snapshot/{}",
        "/t/bfg-control/items/{}",
        "/t/bfg-control/sections/{}",
        "/t/bfg-control/packets/{}",
        "/t/{}",
        "/t/bfg-control/audit?actor={}&section={}",
        "/t/bfg-control/rehearsal/run?kind={}",
        "/static/{}",
    ];
    let before = written(&app).await;
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    let mut rng = Rng(seed);
    for case in 0..cases {
        let bytes = rng.hostile();
        let shown = format!(
            "case {case} of seed {seed:#x}: {:02x?}",
            &bytes[..bytes.len().min(64)]
        );
        let answer = match rng.below(4) {
            // A form field, the rest as the page drew it.
            0..=1 => {
                let target = &targets[rng.below(targets.len())];
                let field = target.form[rng.below(target.form.len())].0.clone();
                let form = with(target.form.clone(), &field, &bytes);
                post(&mut clients[target.who], &target.path, &form).await
            }
            // A snapshot upload whose file is random bytes.
            2 if rng.below(3) == 0 => {
                let form = fields(&snapshot, "<form", &["csrf", "idempotency_key"]);
                let csrf = String::from_utf8(form[0].1.clone()).unwrap();
                let key = String::from_utf8(form[1].1.clone()).unwrap();
                clients[0]
                    .post_multipart(
                        &format!("{CONSOLE}/snapshot/import?lang=fr"),
                        &[("csrf", &csrf), ("idempotency_key", &key)],
                        ("file", "payload.jsonl", &bytes),
                        &[],
                    )
                    .await
            }
            // A path segment (or query value), by GET or POST.
            _ => {
                let template = paths[rng.below(paths.len())];
                let path = template.replace("{}", &percent_encode(&bytes));
                let client = &mut clients[rng.below(3)];
                if rng.below(2) == 0 {
                    client.get(&path).await
                } else {
                    post(client, &path, &targets[0].form).await
                }
            }
        };
        *statuses.entry(answer.status.as_u16()).or_default() += 1;
        assert!(
            !answer.status.is_server_error(),
            "{} for {shown}: {:.300}",
            answer.status,
            answer.body
        );
    }
    assert_eq!(written(&app).await, before, "nothing was written");
    // The cases reached every kind of refusal (a run that only met, say, a broken CSRF token
    // would prove nothing about the fields behind it).
    for status in [400, 401, 403, 404, 422] {
        assert!(
            statuses.contains_key(&status),
            "no {status} in {statuses:?}"
        );
    }
}
