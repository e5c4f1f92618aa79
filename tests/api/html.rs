//! HTML validity: the Nu HTML checker (the npm package `vnu-jar`, installed by `scripts/test`)
//! finds no error in the full console, the print view, a section page and an error page, in
//! every language.

use std::path::PathBuf;
use std::process::Command;

use readiness_console::i18n::Lang;

use crate::support::{Client, TestApp};

pub(crate) fn vnu_jar() -> PathBuf {
    let jar = std::env::var_os("VNU_JAR").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
        },
        PathBuf::from,
    );
    assert!(
        jar.is_file(),
        "the Nu HTML checker is missing at {}: run scripts/test, which installs it",
        jar.display()
    );
    jar
}

#[tokio::test]
async fn every_page_is_valid_html_in_every_language() {
    let jar = vnu_jar();
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for lang in Lang::ALL {
        let code = lang.code();
        for (name, path) in [
            ("console", format!("/t/bfg-control?lang={code}")),
            ("print", format!("/t/bfg-control/print?lang={code}")),
            (
                "section",
                format!("/t/bfg-control/sections/cutover?lang={code}"),
            ),
            ("not-found", format!("/t/nobody?lang={code}")),
            ("sign-in", format!("/t/bfg-control/sign-in?lang={code}")),
            ("proof", format!("/t/bfg-control/proof?lang={code}")),
            (
                "item",
                format!("/t/bfg-control/items/passage.role_headers?lang={code}"),
            ),
            ("audit", format!("/t/bfg-control/audit?lang={code}")),
            (
                "audit-filtered",
                format!("/t/bfg-control/audit?lang={code}&action=accept&from=nonsense"),
            ),
            ("snapshot", format!("/t/bfg-control/snapshot?lang={code}")),
            ("rehearsal", format!("/t/bfg-control/rehearsal?lang={code}")),
        ] {
            let page = app.get(&path, &[]).await;
            let file = dir.path().join(format!("{name}-{code}.html"));
            std::fs::write(&file, &page.body).expect("write page");
            files.push(file);
        }
        // Signed in: Marek's page carries his evidence forms, Anna's her decisions and sign-off.
        for (username, password) in [("marek", "marek-dispatch"), ("anna", "anna-go-no-go")] {
            let mut client = Client::new(&app.router);
            let form = client
                .get(&format!("/t/bfg-control/sign-in?lang={code}"))
                .await;
            let csrf = form.input_after("<form", "csrf");
            client
                .post(
                    &format!("/t/bfg-control/sign-in?lang={code}"),
                    &[
                        ("username", username),
                        ("password", password),
                        ("csrf", &csrf),
                    ],
                    &[],
                )
                .await;
            let page = client.get(&format!("/t/bfg-control?lang={code}")).await;
            assert!(page.body.contains("evidence-form"), "{username} sees forms");
            let file = dir.path().join(format!("{username}-{code}.html"));
            std::fs::write(&file, &page.body).expect("write page");
            files.push(file);
            // The snapshot page with its upload form, and the chain's verdict.
            for (name, path) in [
                ("snapshot", format!("/t/bfg-control/snapshot?lang={code}")),
                ("verify", format!("/t/bfg-control/audit/verify?lang={code}")),
                ("rehearsal", format!("/t/bfg-control/rehearsal?lang={code}")),
            ] {
                let page = client.get(&path).await;
                assert_eq!(page.status, 200, "{path}");
                let file = dir.path().join(format!("{username}-{name}-{code}.html"));
                std::fs::write(&file, &page.body).expect("write page");
                files.push(file);
            }
        }
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(&files)
        .output()
        .expect("run java (scripts/test installs it)");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "HTML errors:\n{report}"
    );
}
