//! A tenant's programme labels as messages: the ids the pages already look up
//! (`section-name-…`, `intro-…`, `item-…`, `item-…-detail`), given by the programme, so that
//! they win over the Fluent files' for that tenant and everything else stays Fluent's.

use std::collections::BTreeMap;

use super::keys::item_label_id;
use crate::db::StoredProgramme;
use crate::i18n::{Lang, Overlay};
use crate::readiness::programme::LanguageLabels;

/// The overlay of the tenant's programme labels, built once per distinct programme file: its
/// labels are read from the database only the first time a process meets that file.
pub(crate) async fn overlay(
    pool: &sqlx::PgPool,
    slug: &str,
    programme: &StoredProgramme,
) -> &'static Overlay {
    if let Some(overlay) = Overlay::find(&programme.sha256) {
        return overlay;
    }
    let labels = crate::db::programmes::labels(pool, slug).await;
    Overlay::interned(&programme.sha256, || match labels {
        Ok(labels) => Overlay::new(messages(&labels)),
        Err(error) => {
            // The page then shows the console's own labels; say so once.
            tracing::error!(tenant = slug, %error, "the programme's labels cannot be read");
            Overlay::new([])
        }
    })
}

/// (language, message id, pattern) of every label and description.
fn messages(labels: &BTreeMap<String, LanguageLabels>) -> Vec<(Lang, String, String)> {
    let mut out = Vec::new();
    for (tag, labels) in labels {
        let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == tag) else {
            continue;
        };
        for (key, label) in &labels.sections {
            out.push((lang, format!("section-name-{key}"), label.label.clone()));
            if let Some(description) = &label.description {
                out.push((lang, format!("intro-{key}"), description.clone()));
            }
        }
        for (key, label) in &labels.items {
            let id = item_label_id(key);
            if let Some(description) = &label.description {
                out.push((lang, format!("{id}-detail"), description.clone()));
            }
            out.push((lang, id, label.label.clone()));
        }
    }
    out
}
