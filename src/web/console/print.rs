//! The printable go/no-go summary: one A4 page to take into a meeting.

use time::OffsetDateTime;

use crate::readiness::{ItemKind, Status};

use super::ConsoleView;

/// At most this many blockers are listed; the rest are counted.
const MAX_BLOCKERS: usize = 12;

/// One open item behind the current decision.
pub struct BlockerRow {
    pub(super) label: String,
    pub(super) section: String,
    pub(super) who: String,
    pub(super) status: String,
}

impl ConsoleView<'_> {
    /// The items not ready in the sections of the blocking rung, in page order.
    pub(super) fn blockers(&self) -> (Vec<BlockerRow>, usize) {
        let tr = self.tr;
        let Some(rung) = self
            .ev()
            .ladder
            .iter()
            .find(|r| r.code == self.ev().decision)
        else {
            return (Vec::new(), 0);
        };
        let rows: Vec<BlockerRow> = rung
            .requires
            .iter()
            .filter_map(|key| self.ev().section(key))
            .flat_map(|section| {
                section
                    .items
                    .iter()
                    .filter(|i| i.status != Status::Ready)
                    .map(move |i| (section.key.as_str(), i))
            })
            .map(|(section, item)| BlockerRow {
                label: self.item_label(&item.key),
                section: tr.t(&format!("section-name-{section}")),
                who: match (&item.owner, item.kind) {
                    (Some(owner), _) => self.actor_line(owner),
                    (None, ItemKind::Probe) => tr.t("item-run-by-console"),
                    _ => tr.t("print-derived"),
                },
                status: tr.t(&format!("status-{}", item.status.as_str())),
            })
            .collect();
        let more = rows.len().saturating_sub(MAX_BLOCKERS);
        (rows.into_iter().take(MAX_BLOCKERS).collect(), more)
    }

    pub(super) fn audit_head_line(&self) -> String {
        let tr = self.tr;
        match &self.view.console.state.audit_head {
            Some(head) => tr.t2(
                "print-audit-head",
                "seq",
                head.seq,
                "hash",
                head.hash.as_str(),
            ),
            None => tr.t("print-audit-empty"),
        }
    }

    pub(super) fn generated_line(&self, at: &OffsetDateTime) -> String {
        self.tr.t1("print-generated", "date", self.tr.datetime(at))
    }
}
