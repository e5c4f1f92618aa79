//! `readiness-console programme check FILE`, the real binary: both shipped programmes pass; a
//! broken file is reported as `FILE:LINE:COL: message` in the chosen language, one line per
//! problem, with a non-zero exit. And the demo programme's labels are today's Fluent strings.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use readiness_console::i18n::Lang;
use readiness_console::readiness::programme;

use crate::locales::messages;

const BIN: &str = env!("CARGO_BIN_EXE_readiness-console");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn check(file: &Path, lang: Option<&str>, env_lang: &str) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(["programme", "check"])
        .arg(file)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", env_lang);
    if let Some(lang) = lang {
        command.args(["--lang", lang]);
    }
    command.output().expect("run the binary")
}

fn shipped(name: &str) -> PathBuf {
    Path::new(ROOT).join("programmes").join(name)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn both_shipped_programmes_pass_with_one_sentence() {
    let out = check(&shipped("db-auth-session-adapter.toml"), Some("en"), "C");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "db-auth-session-adapter version 1 is a valid programme: 13 sections, 71 items.\n"
    );
    let out = check(&shipped("tenant-rbac-adapter.toml"), None, "es_ES.UTF-8");
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.starts_with("tenant-rbac-adapter versión 1 es un programa válido: "),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
}

/// One broken copy of the demo file: what changes, the text whose line the problem is on,
/// and a piece of its message in English and in Spanish.
struct Case {
    from: &'static str,
    to: &'static str,
    on: &'static str,
    en: &'static str,
    es: &'static str,
}

const CASES: &[Case] = &[
    Case {
        from: "version = 1",
        to: "version == 1",
        on: "version == 1",
        en: "This is not valid TOML",
        es: "Esto no es TOML válido",
    },
    Case {
        from: "version = 1",
        to: "version = 1\nvresion = 2",
        on: "vresion = 2",
        en: "The format has no field “vresion”",
        es: "El formato no tiene el campo «vresion»",
    },
    Case {
        from: "format = \"ReadinessProgramme.v1\"",
        to: "format = \"ReadinessProgramme.v0\"",
        on: "format = ",
        en: "The format is “ReadinessProgramme.v0”, but this console reads “ReadinessProgramme.v1”",
        es: "El formato es «ReadinessProgramme.v0», pero esta consola lee «ReadinessProgramme.v1»",
    },
    Case {
        from: "key = \"write_probe\"\nkind = \"probe\"",
        to: "key = \"write_probe\"\nkind = \"probe_run\"",
        on: "kind = \"probe_run\"",
        en: "“probe_run” is not an item kind. Use one of: owner_check, decision, probe, derived.",
        es: "«probe_run» no es un tipo de elemento.",
    },
    Case {
        from: "fact = \"batch_groups_populated\"",
        to: "fact = \"batches_full\"",
        on: "fact = \"batches_full\"",
        en: "“batches_full” is not a fact the console knows",
        es: "«batches_full» no es un hecho que la consola conozca",
    },
    Case {
        from: "key = \"role_headers\"\nkind = \"owner_check\"\nowner = \"dispatcher\"",
        to: "key = \"role_headers\"\nkind = \"owner_check\"\nowner = \"client\"",
        on: "owner = \"client\"",
        en: "“client” is not an owner role of this programme. Use one of: accountant, dispatcher, managing_director.",
        es: "«client» no es un rol responsable de este programa.",
    },
    Case {
        from: "depends_on = [\"dry_run.export_snapshot\"]",
        to: "depends_on = [\"dry_run.export\"]",
        on: "depends_on = [\"dry_run.export\"]",
        en: "dry_run.schema_map depends on “dry_run.export”, which names no item and no section of this programme.",
        es: "dry_run.schema_map depende de «dry_run.export», que no nombra ningún elemento",
    },
    Case {
        from: "key = \"export_snapshot\"\nkind = \"probe\"\ndepends_on = [\"connection\", \"runbook.freeze_snapshot\"]",
        to: "key = \"export_snapshot\"\nkind = \"probe\"\ndepends_on = [\"connection\", \"dry_run.rollback_checkpoint\"]",
        on: "key = \"schema_map\"",
        en: "dry_run.schema_map closes a dependency cycle: dry_run.export_snapshot → dry_run.rollback_checkpoint → dry_run.replay_transcript → dry_run.schema_map → dry_run.export_snapshot.",
        es: "dry_run.schema_map cierra un ciclo de dependencias:",
    },
    Case {
        from: "key = \"preflight\"\ncontract",
        to: "key = \"dry_run\"\ncontract",
        on: "key = \"dry_run\"\ncontract = \"ProductionAdapterMigrationPreflight.v1\"",
        en: "The section “dry_run” is defined twice.",
        es: "La sección «dry_run» está definida dos veces.",
    },
    Case {
        from: "key = \"owner_ack\"",
        to: "key = \"freeze_window\"",
        on: "key = \"freeze_window\"\nkind = \"owner_check\"",
        en: "The item “rollback.freeze_window” is defined twice.",
        es: "El elemento «rollback.freeze_window» está definido dos veces.",
    },
    Case {
        from: "\"passage.db_schema\" = { label = \"Esquema de la base de datos\"",
        to: "\"passage.db_schemas\" = { label = \"Esquema de la base de datos\"",
        on: "[labels.es.items]",
        en: "passage.db_schema has no label in es.",
        es: "passage.db_schema no tiene etiqueta en es.",
    },
    Case {
        from: "requires = [\"preflight\"]",
        to: "requires = []",
        on: "code = \"BLOCKED_PENDING_PREFLIGHT\"",
        en: "The rung BLOCKED_PENDING_PREFLIGHT requires no section",
        es: "El peldaño BLOCKED_PENDING_PREFLIGHT no exige ninguna sección",
    },
    Case {
        from: "requires = [\"preflight\"]",
        to: "requires = [\"pre_flight\"]",
        on: "requires = [\"pre_flight\"]",
        en: "The rung BLOCKED_PENDING_PREFLIGHT requires the section “pre_flight”, which this programme does not have.",
        es: "El peldaño BLOCKED_PENDING_PREFLIGHT exige la sección «pre_flight», que este programa no tiene.",
    },
    Case {
        from: "code = \"BLOCKED_PENDING_PREFLIGHT\"",
        to: "code = \"BLOCKED_PENDING_PREFLIGHTS\"",
        on: "code = \"BLOCKED_PENDING_PREFLIGHTS\"",
        en: "“BLOCKED_PENDING_PREFLIGHTS” cannot be used here.",
        es: "«BLOCKED_PENDING_PREFLIGHTS» no se puede usar aquí.",
    },
    Case {
        from: "auth_mode = \"mock-auth-header\"",
        to: "auth_mode = \"mock <auth>\"",
        on: "auth_mode = \"mock <auth>\"",
        en: "auth_mode is “mock <auth>”, which is not a mode: use only letters, digits, spaces and - . _ / : + ( ), and start with a letter or a digit.",
        es: "auth_mode es «mock <auth>», que no es un modo",
    },
    Case {
        from: "target_mode = \"Maps/ETA API\"",
        to: "target_mode = \"\"",
        on: "target_mode = \"\"",
        en: "provider.maps_eta.target_mode is empty: a mode is a short name, such as “Postgres/RLS”.",
        es: "provider.maps_eta.target_mode está vacío",
    },
    Case {
        from: "key = \"offline_sync\"",
        to: "key = \"scenario_store\"",
        on: "key = \"scenario_store\"\ncurrent_mode = \"service-worker\"",
        en: "The provider “scenario_store” is listed twice in [profile].",
        es: "El proveedor «scenario_store» figura dos veces en [profile].",
    },
];

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle in the broken file")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn each_problem_is_reported_at_its_line_in_the_chosen_language() {
    let demo = std::fs::read_to_string(shipped("db-auth-session-adapter.toml")).expect("read");
    let dir = tempfile::tempdir().expect("temp dir");
    for (n, case) in CASES.iter().enumerate() {
        assert!(demo.contains(case.from), "{}", case.from);
        let text = demo.replacen(case.from, case.to, 1);
        let file = dir.path().join(format!("broken-{n}.toml"));
        std::fs::write(&file, &text).expect("write");
        let line = line_of(&text, case.on);
        // English by flag, Spanish by the environment's locale.
        for (out, piece) in [
            (check(&file, Some("en"), "fr_FR.UTF-8"), case.en),
            (check(&file, None, "es_MX.UTF-8"), case.es),
        ] {
            assert!(!out.status.success(), "{} passed", case.to);
            let said = stderr(&out);
            let prefix = format!("{}:{line}:", file.display());
            assert!(
                said.lines()
                    .any(|l| l.starts_with(&prefix) && l.contains(piece)),
                "{}: expected {prefix}…{piece} in\n{said}",
                case.to
            );
            assert!(stdout(&out).is_empty(), "{}", stdout(&out));
        }
    }
}

#[test]
fn a_file_that_cannot_be_read_is_said_so_in_portuguese() {
    let out = check(Path::new("/nonexistent/programme.toml"), Some("pt-BR"), "C");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("Não é possível ler o arquivo /nonexistent/programme.toml."),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_demo_programmes_labels_are_the_console_strings_of_every_language() {
    let demo = programme::demo();
    for lang in Lang::ALL {
        let ftl = messages(lang.code());
        let labels = &demo.labels[lang.code()];
        let mut compared = 0;
        for section in &demo.catalogue.sections {
            let label = &labels.sections[&section.key];
            let id = format!("section-name-{}", section.key);
            assert_eq!(label.label, ftl[&id], "{lang:?} {id}");
            assert_ne!(lang.tr().t(&id), id, "{lang:?}: {id} resolves");
            let intro = ftl.get(&format!("intro-{}", section.key));
            assert_eq!(
                label.description.as_ref(),
                intro,
                "{lang:?} {}",
                section.key
            );
            compared += 1;
        }
        for item in demo.catalogue.sections.iter().flat_map(|s| &s.items) {
            let label = &labels.items[&item.key];
            let id = format!("item-{}", item.key.replace('.', "-"));
            assert_eq!(label.label, ftl[&id], "{lang:?} {id}");
            let detail = ftl.get(&format!("{id}-detail"));
            assert_eq!(label.description.as_ref(), detail, "{lang:?} {id}-detail");
            compared += 1;
        }
        assert_eq!(compared, 13 + 71);
    }
}
