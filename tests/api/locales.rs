//! Locale parity: every language of `Lang::ALL` has its folder and defines the same messages,
//! every message the code or a template asks for exists, and every message defined is used
//! somewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use readiness_console::i18n::{Arg, Lang};
use readiness_console::web::dynamic_message_ids;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The messages of one language: id → its text (multi-line values joined).
pub fn messages(lang: &str) -> BTreeMap<String, String> {
    let dir = Path::new(ROOT).join("locales").join(lang);
    let mut out = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("locale folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read ftl");
        let mut current: Option<String> = None;
        for line in text.lines() {
            let is_entry =
                line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && line.contains(" =");
            if is_entry {
                let (id, value) = line.split_once(" =").unwrap_or((line, ""));
                let id = id.trim().to_owned();
                assert!(
                    out.insert(id.clone(), value.trim().to_owned()).is_none(),
                    "{lang}: {id} twice"
                );
                current = Some(id);
            } else if line.starts_with([' ', '}']) {
                if let Some(entry) = current.as_ref().and_then(|id| out.get_mut(id)) {
                    entry.push(' ');
                    entry.push_str(line.trim());
                }
            } else {
                current = None;
            }
        }
    }
    out
}

fn ids(lang: &str) -> BTreeSet<String> {
    messages(lang).into_keys().collect()
}

/// String literals passed as the first argument of `t`, `t1`, `t2`, `t_args` in the templates and
/// the web code, and the caption and column heads of every `tables::table` call: the ids asked
/// for by name.
fn ids_asked_for() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for text in sources() {
        for call in [".t(\"", ".t1(\"", ".t2(\"", ".t_args(\""] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                if let Some(end) = rest.find('"') {
                    out.insert(rest[..end].to_owned());
                }
            }
        }
        // `table(tr, "class", "caption", numbered, ["column", …])`: every literal but the class.
        for (at, _) in text.match_indices("{% call tables::table(") {
            let rest = &text[at..];
            let call = &rest[..rest.find("%}").unwrap_or(rest.len())];
            let literals = call.split('"').skip(1).step_by(2).skip(1);
            out.extend(literals.filter(|l| !l.is_empty()).map(str::to_owned));
        }
    }
    out
}

/// Everything between two double quotes in the templates and the code, in either parity
/// (templates nest quotes): a generous reading of the literals, used only to find unused ids.
fn literals() -> BTreeSet<String> {
    sources()
        .iter()
        .flat_map(|text| text.split('"').map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

/// Every file under `templates/` and `src/`, however deep: a new folder is read too.
fn sources() -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![
        Path::new(ROOT).join("templates"),
        Path::new(ROOT).join("src"),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(std::fs::read_to_string(path).expect("read source"));
            }
        }
    }
    files
}

#[test]
fn every_locale_folder_is_a_language_and_every_language_has_its_folder() {
    let folders: BTreeSet<String> = std::fs::read_dir(Path::new(ROOT).join("locales"))
        .expect("locales folder")
        .map(|e| e.expect("entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let languages: BTreeSet<String> = Lang::ALL.map(|l| l.code().to_owned()).into();
    assert_eq!(
        folders, languages,
        "a folder under locales/ is a language only with its row in src/i18n.rs, and back"
    );
}

#[test]
fn every_language_defines_the_same_messages() {
    let en = ids("en");
    assert!(en.len() > 100, "the English catalogue looks empty");
    for lang in Lang::ALL.map(Lang::code) {
        let other = ids(lang);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has ids English lacks: {extra:?}");
    }
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let en = ids("en");
    let asked: BTreeSet<String> = ids_asked_for()
        .into_iter()
        .chain(dynamic_message_ids())
        .collect();
    let missing: Vec<_> = asked.iter().filter(|id| !en.contains(*id)).collect();
    assert!(missing.is_empty(), "used but defined nowhere: {missing:?}");
}

#[test]
fn every_message_defined_is_used() {
    let used: BTreeSet<String> = literals()
        .into_iter()
        .chain(dynamic_message_ids())
        .collect();
    let unused: Vec<_> = ids("en")
        .into_iter()
        .filter(|id| !used.contains(id))
        .collect();
    assert!(unused.is_empty(), "defined but never used: {unused:?}");
}

/// The `{ $name }` variables of a message.
fn variables(text: &str) -> BTreeSet<String> {
    text.split("{ $")
        .skip(1)
        .filter_map(|rest| rest.split([' ', '}']).next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_message_resolves_in_its_own_language_with_the_same_variables() {
    // A message that fails to parse would vanish from its bundle and show as its id; one that
    // names a variable the code does not pass would fail to format.
    let english = messages("en");
    for lang in Lang::ALL {
        let own = messages(lang.code());
        for (id, text) in &english {
            let names = variables(text);
            assert_eq!(
                variables(&own[id]),
                names,
                "{lang:?}: {id} uses other variables"
            );
            let args: Vec<(&str, Arg)> =
                names.iter().map(|n| (n.as_str(), Arg::Num(1.0))).collect();
            let shown = lang.tr().t_args(id, &args);
            assert_ne!(&shown, id, "{lang:?}: {id} does not resolve");
        }
    }
}
