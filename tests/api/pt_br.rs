//! Brazilian Portuguese, the language added as one folder and one table row: every page is
//! served in it, it is negotiated from `?lang=`, the stored choice and `Accept-Language`, and
//! every Portuguese (`pt`, `pt-PT`) falls back to it.

use readiness_console::i18n::Lang;

use crate::support::{CONSOLE, Page, TestApp, accept_then_revoke_role_headers};

fn pt_br() -> Lang {
    Lang::from_tag("pt-BR").expect("pt-BR is spoken")
}

/// The language the response stores as the visitor's choice, if it stores one.
fn stored_choice(page: &Page) -> Option<&str> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("lang="))
        .and_then(|c| c.split(';').next())
}

#[tokio::test]
async fn every_page_is_served_in_brazilian_portuguese_with_lang_pt_br() {
    let app = TestApp::spawn().await;
    // Written out rather than looked up: a translation that fell back to English fails here.
    for (page, expected) in [
        (
            "",
            &[
                "Console de integrações de",
                "Checklist de bloqueios da integração",
                "Próxima ação recomendada",
                "Escada da decisão",
            ][..],
        ),
        (
            "/proof",
            &["Caminho de provas", "Cada seção, sua contagem e seus itens"],
        ),
        ("/audit", &["Trilha de auditoria", "Topo da cadeia"]),
        (
            "/snapshot",
            &[
                "Snapshot do cenário",
                "Nenhum snapshot foi congelado ainda.",
            ],
        ),
        (
            "/rehearsal",
            &["Ensaio no destino", "Análise de lacunas do esquema"],
        ),
        ("/sign-in", &["Entrar em", "Usuário", "Senha"]),
    ] {
        let path = format!("{CONSOLE}{page}?lang=pt-BR");
        let answer = app.get(&path, &[]).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(answer.html_lang(), "pt-BR", "{path}");
        for text in expected {
            assert!(answer.body.contains(text), "{path} lacks “{text}”");
        }
        // The switcher names the current language in itself and offers the others in theirs.
        assert!(
            answer.body.contains(
                "hreflang=\"pt-BR\" lang=\"pt-BR\" aria-current=\"true\">Português (Brasil)</a>"
            ),
            "{path}"
        );
        assert!(answer.body.contains(">Español</a>"), "{path}");
        // The choice is remembered with the exact tag.
        assert_eq!(stored_choice(&answer), Some("pt-BR"), "{path}");
    }
}

#[tokio::test]
async fn dates_on_the_pages_are_written_the_brazilian_way() {
    let app = TestApp::spawn().await;
    accept_then_revoke_role_headers(
        &app.db,
        "Checked by hand against the staging gateway",
        "",
        "",
    )
    .await;
    let page = app
        .get(
            &format!("{CONSOLE}/items/passage.role_headers?lang=pt-BR"),
            &[],
        )
        .await;
    assert!(page.body.contains("Revogado por"));
    let at = crate::support::test_clock().now();
    let month = pt_br().tr().t(&format!("month-{}", u8::from(at.month())));
    let date = format!("{} de {month} de {}, ", at.day(), at.year());
    assert!(page.body.contains(&date), "no “{date}” on the page");
}

#[tokio::test]
async fn every_portuguese_negotiates_brazilian_portuguese() {
    let app = TestApp::spawn().await;
    for accept in [
        "pt-BR,pt;q=0.9",
        "pt-BR",
        "pt",
        "pt-PT",
        "pt-PT,pt;q=0.9,en;q=0.8",
    ] {
        let page = app.get(CONSOLE, &[("accept-language", accept)]).await;
        assert_eq!(page.html_lang(), "pt-BR", "Accept-Language: {accept}");
        // Negotiated, not chosen: nothing is stored.
        assert_eq!(stored_choice(&page), None, "{accept}");
    }
    for query in ["pt-BR", "pt-br", "pt", "pt-PT"] {
        let page = app
            .get(
                &format!("{CONSOLE}?lang={query}"),
                &[("accept-language", "fr")],
            )
            .await;
        assert_eq!(page.html_lang(), "pt-BR", "?lang={query}");
        assert_eq!(stored_choice(&page), Some("pt-BR"), "?lang={query}");
    }
    let stored = app
        .get(
            CONSOLE,
            &[("cookie", "lang=pt-BR"), ("accept-language", "es")],
        )
        .await;
    assert_eq!(stored.html_lang(), "pt-BR");
    // Brazilian Portuguese behind another language we speak does not win.
    let second = app
        .get(CONSOLE, &[("accept-language", "fr-FR,pt-BR;q=0.5")])
        .await;
    assert_eq!(second.html_lang(), "fr");
}
