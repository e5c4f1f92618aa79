//! HTML validity: the Nu HTML checker (the npm package `vnu-jar`, installed by `scripts/test`)
//! finds no error in the full console, the print view, a section page and an error page, in
//! every language.

use std::path::PathBuf;
use std::process::Command;

use readiness_console::i18n::Lang;

use crate::support::{Page, TestApp};

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

/// Pages kept as files, for the Nu HTML checker to read all at once.
pub(crate) struct Pages {
    jar: PathBuf,
    dir: tempfile::TempDir,
    files: Vec<PathBuf>,
}

impl Pages {
    /// No page yet; the checker is found first, so that a missing one stops the test at once.
    pub(crate) fn new() -> Self {
        Self {
            jar: vnu_jar(),
            dir: tempfile::tempdir().expect("tempdir"),
            files: Vec::new(),
        }
    }

    /// Keeps `page` as `name.html`.
    pub(crate) fn keep(&mut self, name: &str, page: &Page) {
        let file = self.dir.path().join(format!("{name}.html"));
        std::fs::write(&file, &page.body).expect("write page");
        self.files.push(file);
    }

    /// The checker finds no error in any page kept.
    pub(crate) fn assert_valid(self) {
        let out = Command::new("java")
            .arg("-jar")
            .arg(&self.jar)
            .arg("--errors-only")
            .args(&self.files)
            .output()
            .expect("run java (scripts/test installs it)");
        let report = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && report.trim().is_empty(),
            "HTML errors:\n{report}"
        );
    }
}

#[tokio::test]
async fn every_page_is_valid_html_in_every_language() {
    let mut pages = Pages::new();
    let app = TestApp::spawn().await;
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
            ("api-docs", format!("/v1/docs?lang={code}")),
        ] {
            pages.keep(&format!("{name}-{code}"), &app.get(&path, &[]).await);
        }
        // Signed in: Marek's page carries his evidence forms, Anna's her decisions and sign-off.
        for username in ["marek", "anna"] {
            let mut client = app.actor(username).await;
            let page = client.console(lang).await;
            assert!(page.body.contains("evidence-form"), "{username} sees forms");
            pages.keep(&format!("{username}-{code}"), &page);
            // The snapshot page with its upload form, and the chain's verdict.
            for (name, path) in [
                ("snapshot", format!("/t/bfg-control/snapshot?lang={code}")),
                ("verify", format!("/t/bfg-control/audit/verify?lang={code}")),
                ("rehearsal", format!("/t/bfg-control/rehearsal?lang={code}")),
            ] {
                let page = client.get(&path).await;
                assert_eq!(page.status, 200, "{path}");
                pages.keep(&format!("{username}-{name}-{code}"), &page);
            }
            // The People page, the managing director's alone; and with a refusal on it.
            if username == "anna" {
                let page = client
                    .get(&format!("/t/bfg-control/people?lang={code}"))
                    .await;
                assert_eq!(page.status, 200);
                pages.keep(&format!("people-{code}"), &page);
                let form = page
                    .form("/people/invite")
                    .set("name", "Irena Kovac")
                    .set("email", "not-an-address")
                    .set("role", "dispatcher");
                let refused = client.submit(&form, &[]).await;
                assert_eq!(refused.status, 422);
                pages.keep(&format!("people-refused-{code}"), &refused);
                // An API key shown once, then listed, then revoked.
                let form = page
                    .form("/people/api-keys?")
                    .set("name", format!("html-{}", code.to_lowercase()))
                    .set("scope", "attest")
                    .set("expires", "30");
                let created = client.submit(&form, &[]).await;
                assert_eq!(created.status, 200);
                pages.keep(&format!("people-key-shown-{code}"), &created);
                let listed = client
                    .get(&format!("/t/bfg-control/people?lang={code}"))
                    .await;
                pages.keep(&format!("people-key-listed-{code}"), &listed);
                let revoked = client
                    .get(&format!(
                        "/t/bfg-control/people?lang={code}&done=key_revoked"
                    ))
                    .await;
                pages.keep(&format!("people-key-revoked-{code}"), &revoked);
            }
        }
    }
    pages.assert_valid();
}
