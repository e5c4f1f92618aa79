//! What the platform's list shows of a tenant: its decision and figures, taken from its
//! evaluation when it changes, never recomputed when the list is read.

use super::catalogue::DecisionCode;
use super::evaluate::{Count, Evaluation};

/// The key of the gate checklist section, whose count the list shows ("gates 7/9").
pub const GATES: &str = "gates";

/// A tenant's decision and figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// The decision ladder's verdict.
    pub decision: DecisionCode,
    /// The gate checklist: ready of all.
    pub gates: Count,
    /// Ready items of all outside the gate checklist, in whole percent.
    pub percent: u32,
}

impl Summary {
    /// The summary of an evaluation.
    pub fn of(evaluation: &Evaluation) -> Self {
        Self {
            decision: evaluation.decision,
            gates: evaluation.count(GATES),
            percent: evaluation.percent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readiness::{demo, evaluate};

    #[test]
    fn the_demo_summary_is_its_evaluation() {
        let evaluation = evaluate(
            &crate::readiness::programme::demo().catalogue,
            &demo::state(time::macros::datetime!(2026-11-02 9:00 UTC)),
        );
        let summary = Summary::of(&evaluation);
        assert_eq!(summary.decision, evaluation.decision);
        assert_eq!(summary.gates, evaluation.count(GATES));
        assert!(summary.gates.total > 0, "the demo has a gate checklist");
        assert_eq!(summary.percent, evaluation.percent);
    }
}
