//! `readiness-console programme check FILE`: reads the file (the only I/O), hands the text to
//! the pure parser, and prints the outcome in the chosen language.

use std::io::Write as _;
use std::path::Path;

use crate::i18n::{Arg, Lang};
use crate::readiness::programme::{self, ProgrammeError};

/// The language of the messages: `--lang`, else the POSIX locale (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`, in that order), else English. `es_ES.UTF-8` is read as `es-ES`.
pub fn language(flag: Option<&str>) -> Lang {
    let from_env = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty());
    flag.map(str::to_owned)
        .or(from_env)
        .and_then(|value| {
            let tag = value.split(['.', '@']).next().unwrap_or_default();
            Lang::from_tag(&tag.replace('_', "-"))
        })
        .unwrap_or(Lang::En)
}

/// One problem as `FILE:LINE:COL: message`.
pub fn render(file: &Path, error: &ProgrammeError, lang: Lang) -> String {
    let args: Vec<(&str, Arg)> = error
        .args
        .iter()
        .map(|(name, value)| (*name, Arg::from(value)))
        .collect();
    format!(
        "{}:{}:{}: {}",
        file.display(),
        error.line,
        error.column,
        lang.tr().t_args(&error.problem.message_id(), &args)
    )
}

/// Checks the file: one sentence on stdout when it is valid; otherwise each problem on
/// stderr and an error (so a non-zero exit) that counts them.
pub fn check(file: &Path, lang: Option<&str>) -> anyhow::Result<()> {
    let lang = language(lang);
    let tr = lang.tr();
    let shown = file.display().to_string();
    let Ok(text) = std::fs::read_to_string(file) else {
        anyhow::bail!(tr.t1("programme-unreadable", "file", &shown));
    };
    match programme::parse(&text, &programme::languages()) {
        Ok(p) => {
            let sentence = tr.t_args(
                "programme-check-ok",
                &[
                    ("name", Arg::from(&p.name)),
                    ("version", Arg::from(p.version)),
                    ("sections", Arg::from(p.catalogue.sections.len())),
                    ("items", Arg::from(p.item_count())),
                ],
            );
            writeln!(std::io::stdout(), "{sentence}")?;
            Ok(())
        }
        Err(errors) => {
            let mut err = std::io::stderr();
            for error in &errors {
                writeln!(err, "{}", render(file, error, lang))?;
            }
            anyhow::bail!(tr.t2(
                "programme-check-failed",
                "file",
                &shown,
                "count",
                errors.len()
            ))
        }
    }
}
