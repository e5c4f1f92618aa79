//! `evaluate(catalogue, state) -> Evaluation`: every status, count and decision on the console.

use std::collections::{HashMap, HashSet};

use super::catalogue::{Catalogue, DecisionCode, Dependency, Fact, ItemDef, ItemKind, Rung};
use super::signature::Signature;
use super::state::{ReadinessState, Role};

/// Where an item stands, in words a user can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Accepted, passed, or derived true.
    Ready,
    /// Not ready, and nothing it depends on is missing: someone can act now.
    Open,
    /// Not ready because something it depends on is not ready.
    Waiting,
    /// The catalogue row cannot be evaluated (unknown kind, owner or dependency, or a cycle).
    Misconfigured,
}

impl Status {
    /// Every status.
    pub const ALL: [Self; 4] = [Self::Ready, Self::Open, Self::Waiting, Self::Misconfigured];

    /// The code used in message ids and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::Open => "open",
            Self::Waiting => "waiting",
            Self::Misconfigured => "misconfigured",
        }
    }
}

/// `ready` of `total`, as shown in `x/y` figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    /// How many are ready.
    pub ready: u32,
    /// How many there are.
    pub total: u32,
}

impl Count {
    /// All of them are ready (an empty count is not complete).
    pub fn complete(self) -> bool {
        self.total > 0 && self.ready == self.total
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.ready, self.total)
    }
}

/// One evaluated item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEval {
    /// `section.item`.
    pub key: String,
    /// The contract check key suffix, if any.
    pub code: Option<String>,
    /// Its kind.
    pub kind: ItemKind,
    /// Where it stands.
    pub status: Status,
    /// The accountable actor id.
    pub owner: Option<String>,
    /// Its dependencies as written in the catalogue.
    pub depends_on: Vec<String>,
    /// The dependencies that are not ready.
    pub waiting_on: Vec<String>,
    /// For derived items: one count per dependency group (each section, then all single items).
    pub progress: Vec<Count>,
    /// For decisions: the accepted value, or else the proposal.
    pub value: Option<String>,
    /// For measuring probes: found of expected.
    pub measure: Option<Count>,
    /// Why it is misconfigured.
    pub problem: Option<String>,
}

impl ItemEval {
    /// Whether it is ready.
    pub fn is_ready(&self) -> bool {
        self.status == Status::Ready
    }
}

/// One evaluated section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionEval {
    /// Section key.
    pub key: String,
    /// Contract name, if any.
    pub contract: Option<String>,
    /// Its items in page order.
    pub items: Vec<ItemEval>,
    /// Ready of total.
    pub count: Count,
    /// Its local decision, for sections that show one.
    pub decision: Option<DecisionCode>,
    /// Whether the section's own row or any of its items is misconfigured.
    pub misconfigured: bool,
    /// Why the section's own row is misconfigured, if it is.
    pub problem: Option<String>,
}

/// The one thing the console recommends doing next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextAction {
    /// Make this item ready.
    Item {
        /// The item key.
        key: String,
        /// Its section key.
        section: String,
        /// Who can act, if the item has an owner.
        owner: Option<String>,
    },
    /// Every gate is green: the managing director signs.
    SignOff,
}

/// One data cutover batch group and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchGroup {
    /// `seed_tenant`, `operations`, `finance` or `audit`.
    pub key: &'static str,
    /// Rows in the group.
    pub rows: u64,
}

/// The whole evaluation of one tenant: codes and numbers only, for templates to translate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Every section in page order.
    pub sections: Vec<SectionEval>,
    /// The overall go/no-go decision: the first unsatisfied rung of the ladder.
    pub decision: DecisionCode,
    /// What to do next, `None` once GO.
    pub next_action: Option<NextAction>,
    /// Ready items of all items outside the gate checklist, in whole percent rounded down.
    pub percent: u32,
    /// The items the percentage counts: ready of all items outside the gate checklist.
    pub checklist: Count,
    /// How many scenario actors there are (reviewers are not among them).
    pub actors: u32,
    /// Providers with a production target mode, of all providers.
    pub providers: Count,
    /// The data cutover batch groups.
    pub batch_groups: Vec<BatchGroup>,
    /// Where the latest sign-off stands.
    pub signature: Signature,
    /// The GO signatures of distinct managing directors that stand, of how many the programme
    /// requires: "1 of 2 signatures".
    pub signatures: Count,
    /// The catalogue's decision ladder, for the pages that draw it.
    pub ladder: Vec<Rung>,
}

impl Evaluation {
    /// What holds the decision where it stands: the items of the blocking rung's sections that
    /// are not ready, in page order, each with its section. Empty at GO and at the sign-off
    /// rung (which waits for a signature, not for an item).
    pub fn blockers(&self) -> Vec<(&SectionEval, &ItemEval)> {
        let Some(rung) = self.ladder.iter().find(|r| r.code == self.decision) else {
            return Vec::new();
        };
        rung.requires
            .iter()
            .filter_map(|key| self.section(key))
            .flat_map(|s| {
                s.items
                    .iter()
                    .filter(|i| i.status != Status::Ready)
                    .map(move |i| (s, i))
            })
            .collect()
    }

    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&SectionEval> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The item with this key.
    pub fn item(&self, key: &str) -> Option<&ItemEval> {
        self.sections
            .iter()
            .flat_map(|s| &s.items)
            .find(|i| i.key == key)
    }

    /// The count of a section; zero of zero when the catalogue lacks it.
    pub fn count(&self, key: &str) -> Count {
        self.section(key).map(|s| s.count).unwrap_or_default()
    }

    /// The local decision of a section, if it shows one.
    pub fn local_decision(&self, key: &str) -> Option<DecisionCode> {
        self.section(key).and_then(|s| s.decision)
    }

    /// How many batch groups hold rows, of all groups.
    pub fn batches(&self) -> Count {
        Count {
            ready: count_u32(self.batch_groups.iter().filter(|g| g.rows > 0).count()),
            total: count_u32(self.batch_groups.len()),
        }
    }
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The data cutover batch groups: the seed tenant is the scenario actors; the others come from
/// the frozen snapshot.
pub fn batch_groups(state: &ReadinessState) -> Vec<BatchGroup> {
    let snapshot_rows = |key: &str| {
        state
            .snapshot
            .as_ref()
            .and_then(|s| s.batch_rows.get(key).copied())
            .unwrap_or(0)
    };
    vec![
        BatchGroup {
            key: "seed_tenant",
            rows: state.scenario_actors().count() as u64,
        },
        BatchGroup {
            key: "operations",
            rows: snapshot_rows("operations"),
        },
        BatchGroup {
            key: "finance",
            rows: snapshot_rows("finance"),
        },
        BatchGroup {
            key: "audit",
            rows: snapshot_rows("audit"),
        },
    ]
}

#[derive(Clone, Copy)]
enum Memo {
    Todo,
    Visiting,
    Done(bool),
}

struct Evaluator<'a> {
    catalogue: &'a Catalogue,
    state: &'a ReadinessState,
    index: HashMap<&'a str, (usize, usize)>,
    memo: Vec<Vec<Memo>>,
    problems: HashMap<(usize, usize), String>,
    decision: Option<Result<DecisionCode, ()>>,
    batch_groups: Vec<BatchGroup>,
}

impl<'a> Evaluator<'a> {
    fn new(catalogue: &'a Catalogue, state: &'a ReadinessState) -> Self {
        let mut index = HashMap::new();
        let mut problems = HashMap::new();
        for (s, section) in catalogue.sections.iter().enumerate() {
            for (i, item) in section.items.iter().enumerate() {
                if index.insert(item.key.as_str(), (s, i)).is_some() {
                    problems.insert((s, i), "duplicate_key".to_owned());
                }
                // The loader's diagnosis is the more precise: an owner whose stored role could
                // not be read is missing from the actors too.
                if let Some(problem) = &item.misconfigured {
                    problems.insert((s, i), problem.clone());
                } else if let Some(owner) = &item.owner
                    && state.actor(owner).is_none()
                {
                    problems.insert((s, i), "unknown_owner".to_owned());
                }
            }
        }
        Self {
            catalogue,
            state,
            index,
            memo: catalogue
                .sections
                .iter()
                .map(|s| vec![Memo::Todo; s.items.len()])
                .collect(),
            problems,
            decision: None,
            batch_groups: batch_groups(state),
        }
    }

    fn def(&self, (s, i): (usize, usize)) -> &'a ItemDef {
        &self.catalogue.sections[s].items[i]
    }

    fn item_ready(&mut self, at: (usize, usize)) -> bool {
        match self.memo[at.0][at.1] {
            Memo::Done(ready) => return ready,
            Memo::Visiting => {
                self.problems.insert(at, "dependency_cycle".to_owned());
                return false;
            }
            Memo::Todo => {}
        }
        self.memo[at.0][at.1] = Memo::Visiting;
        let def = self.def(at);
        let own = match def.kind {
            ItemKind::OwnerCheck => self.state.acceptances.contains_key(&def.key),
            ItemKind::Decision => self
                .state
                .acceptances
                .get(&def.key)
                .is_some_and(|a| a.value.as_deref().is_some_and(|v| !v.is_empty())),
            ItemKind::Probe => self.state.probes.get(&def.key).is_some_and(|p| {
                p.passed && def.expected.is_none_or(|e| p.found.unwrap_or(0) >= e)
            }),
            ItemKind::Derived => match def.fact {
                Some(fact) => self.fact(fact),
                None => !def.depends_on.is_empty(),
            },
        };
        // Owner checks, decisions and probes stand on their own record; a derived item also
        // needs every dependency. Dependencies are still visited for all kinds so that cycles
        // and unknown keys are found wherever they are.
        let mut deps_ready = true;
        for dep in &def.depends_on {
            match self.dep_ready(dep) {
                Some(ready) => deps_ready &= ready,
                None => {
                    self.problems.insert(at, "unknown_dependency".to_owned());
                    deps_ready = false;
                }
            }
        }
        let ready = !self.problems.contains_key(&at)
            && own
            && (def.kind != ItemKind::Derived || deps_ready);
        self.memo[at.0][at.1] = Memo::Done(ready);
        ready
    }

    /// `None` when the dependency names nothing in the catalogue.
    fn dep_ready(&mut self, dep: &Dependency) -> Option<bool> {
        match dep {
            Dependency::Item(key) => {
                let at = *self.index.get(key.as_str())?;
                Some(self.item_ready(at))
            }
            Dependency::Section(key) => self.section_count(key).map(|c| c.complete()),
        }
    }

    fn section_position(&self, key: &str) -> Option<usize> {
        self.catalogue.sections.iter().position(|s| s.key == key)
    }

    fn section_count(&mut self, key: &str) -> Option<Count> {
        let s = self.section_position(key)?;
        let total = self.catalogue.sections[s].items.len();
        let ready = (0..total).filter(|&i| self.item_ready((s, i))).count();
        Some(Count {
            ready: count_u32(ready),
            total: count_u32(total),
        })
    }

    fn fact(&mut self, fact: Fact) -> bool {
        let state = self.state;
        let profile = &state.profile;
        match fact {
            Fact::ProvidersMapped => {
                !state.providers.is_empty()
                    && state.providers.iter().all(|p| !p.target_mode.is_empty())
            }
            Fact::SessionAdapterPresent => {
                !profile.scenario_contract.is_empty() && !profile.auth_mode.is_empty()
            }
            Fact::ActorsClaimed => {
                state.scenario_actors().next().is_some()
                    && state.scenario_actors().all(|a| !a.permissions.is_empty())
            }
            Fact::SnapshotFrozen => state.snapshot.as_ref().is_some_and(|s| s.rows > 0),
            Fact::BatchGroupsPopulated => self.batch_groups.iter().all(|g| g.rows > 0),
            Fact::ReleaseEnvComplete => {
                [
                    &profile.environment,
                    &profile.adapter_target,
                    &profile.scenario_contract,
                    &profile.storage_adapter,
                    &profile.auth_mode,
                    &profile.tenant_mode,
                ]
                .iter()
                .all(|v| !v.is_empty())
                    && state
                        .actors
                        .iter()
                        .any(|a| a.role == Role::ManagingDirector)
            }
            Fact::RollbackFallbackAvailable => !profile.storage_adapter.is_empty(),
            Fact::OverallGo => self.decision() == Ok(DecisionCode::Go),
        }
    }

    /// The first unsatisfied rung. `Err` when computing it re-entered itself (an item of a
    /// rung depends on the overall decision): such items are flagged as a cycle.
    fn decision(&mut self) -> Result<DecisionCode, ()> {
        match self.decision {
            Some(result) => return result,
            None => self.decision = Some(Err(())),
        }
        let mut result = DecisionCode::Go;
        let catalogue = self.catalogue;
        for rung in &catalogue.ladder {
            let satisfied = if rung.requires.is_empty() {
                super::signature::holds(self.state)
            } else {
                rung.requires
                    .iter()
                    .all(|key| self.section_count(key).is_some_and(|c| c.complete()))
            };
            if !satisfied {
                result = rung.code;
                break;
            }
        }
        self.decision = Some(Ok(result));
        Ok(result)
    }

    fn rung_satisfied(&mut self, code: DecisionCode) -> bool {
        let Ok(decision) = self.decision() else {
            return false;
        };
        // The ladder is ordered: a rung is satisfied exactly when the decision stands past it.
        let ladder = &self.catalogue.ladder;
        let position = |c: DecisionCode| ladder.iter().position(|r| r.code == c);
        match (position(code), position(decision)) {
            (Some(rung), Some(current)) => current > rung,
            (Some(_), None) => decision == DecisionCode::Go,
            (None, _) => false,
        }
    }
}

/// Evaluates a tenant's state against its catalogue. Pure: no I/O, no clock, no locale.
pub fn evaluate(catalogue: &Catalogue, state: &ReadinessState) -> Evaluation {
    let mut ev = Evaluator::new(catalogue, state);
    for (s, section) in catalogue.sections.iter().enumerate() {
        for i in 0..section.items.len() {
            ev.item_ready((s, i));
        }
    }
    let decision = ev.decision().unwrap_or(DecisionCode::BlockedPendingDryRun);

    let mut sections = Vec::with_capacity(catalogue.sections.len());
    for (s, section) in catalogue.sections.iter().enumerate() {
        let items: Vec<ItemEval> = (0..section.items.len())
            .map(|i| item_eval(&mut ev, (s, i)))
            .collect();
        let count = Count {
            ready: count_u32(items.iter().filter(|i| i.is_ready()).count()),
            total: count_u32(items.len()),
        };
        let local = section.decision.as_ref().map(|rule| {
            rule.gated_by
                .iter()
                .copied()
                .find(|&rung| !ev.rung_satisfied(rung))
                .unwrap_or(if count.complete() {
                    DecisionCode::Ready
                } else {
                    rule.pending
                })
        });
        sections.push(SectionEval {
            key: section.key.clone(),
            contract: section.contract.clone(),
            misconfigured: section.misconfigured.is_some()
                || items.iter().any(|i| i.status == Status::Misconfigured),
            problem: section.misconfigured.clone(),
            items,
            count,
            decision: local,
        });
    }

    let checklist =
        sections
            .iter()
            .filter(|s| s.key != "gates")
            .fold(Count::default(), |sum, s| Count {
                ready: sum.ready.saturating_add(s.count.ready),
                total: sum.total.saturating_add(s.count.total),
            });
    let percent = (u64::from(checklist.ready) * 100)
        .checked_div(u64::from(checklist.total))
        .map_or(0, |p| u32::try_from(p).unwrap_or(100));
    let next_action = next_action(catalogue, &sections, decision);
    Evaluation {
        sections,
        decision,
        next_action,
        percent,
        checklist,
        actors: count_u32(state.scenario_actors().count()),
        providers: Count {
            ready: count_u32(
                state
                    .providers
                    .iter()
                    .filter(|p| !p.target_mode.is_empty())
                    .count(),
            ),
            total: count_u32(state.providers.len()),
        },
        batch_groups: ev.batch_groups,
        signature: super::signature::signature(state, decision),
        signatures: super::signature::tally(state),
        ladder: catalogue.ladder.clone(),
    }
}

fn item_eval(ev: &mut Evaluator<'_>, at: (usize, usize)) -> ItemEval {
    let def = ev.def(at);
    let ready = ev.item_ready(at);
    let mut waiting_on = Vec::new();
    let mut progress = Vec::new();
    let mut single = Count::default();
    for dep in &def.depends_on {
        match dep {
            Dependency::Section(key) => {
                let count = ev.section_count(key).unwrap_or_default();
                if !count.complete() {
                    waiting_on.push(key.clone());
                }
                progress.push(count);
            }
            Dependency::Item(key) => {
                let dep_ready = ev.dep_ready(dep).unwrap_or(false);
                single.total += 1;
                single.ready += u32::from(dep_ready);
                if !dep_ready {
                    waiting_on.push(key.clone());
                }
            }
        }
    }
    if single.total > 0 {
        progress.push(single);
    }
    let problem = ev.problems.get(&at).cloned();
    let status = if problem.is_some() {
        Status::Misconfigured
    } else if ready {
        Status::Ready
    } else if waiting_on.is_empty() {
        Status::Open
    } else {
        Status::Waiting
    };
    let accepted = ev.state.acceptances.get(&def.key);
    let measure = def.expected.map(|expected| Count {
        ready: ev
            .state
            .probes
            .get(&def.key)
            .and_then(|p| p.found)
            .unwrap_or(0),
        total: expected,
    });
    ItemEval {
        key: def.key.clone(),
        code: def.code.clone(),
        kind: def.kind,
        status,
        owner: def.owner.clone(),
        depends_on: def.depends_on.iter().map(|d| d.key().to_owned()).collect(),
        waiting_on,
        progress,
        value: accepted
            .and_then(|a| a.value.clone())
            .or_else(|| def.proposal.clone()),
        measure,
        problem,
    }
}

/// The first unsatisfied item, walking the blocking rung's sections in order, whose own
/// prerequisites are all satisfied: where an item waits, its missing prerequisites are walked
/// first, so the action always names something a person can do now.
fn next_action(
    catalogue: &Catalogue,
    sections: &[SectionEval],
    decision: DecisionCode,
) -> Option<NextAction> {
    let rung = catalogue.ladder.iter().find(|r| r.code == decision)?;
    if rung.requires.is_empty() {
        return Some(NextAction::SignOff);
    }
    let items: HashMap<&str, (&str, &ItemEval)> = sections
        .iter()
        .flat_map(|s| {
            s.items
                .iter()
                .map(move |i| (i.key.as_str(), (s.key.as_str(), i)))
        })
        .collect();
    let mut visited = HashSet::new();
    rung.requires
        .iter()
        .find_map(|section| walk_section(catalogue, &items, section, &mut visited))
}

fn walk_section<'a>(
    catalogue: &'a Catalogue,
    items: &HashMap<&str, (&'a str, &'a ItemEval)>,
    section: &str,
    visited: &mut HashSet<String>,
) -> Option<NextAction> {
    let def = catalogue.section(section)?;
    def.items
        .iter()
        .find_map(|item| walk_item(catalogue, items, &item.key, visited))
}

fn walk_item<'a>(
    catalogue: &'a Catalogue,
    items: &HashMap<&str, (&'a str, &'a ItemEval)>,
    key: &str,
    visited: &mut HashSet<String>,
) -> Option<NextAction> {
    if !visited.insert(key.to_owned()) {
        return None;
    }
    let &(section, item) = items.get(key)?;
    match item.status {
        Status::Ready | Status::Misconfigured => None,
        Status::Open => Some(NextAction::Item {
            key: item.key.clone(),
            section: section.to_owned(),
            owner: item.owner.clone(),
        }),
        Status::Waiting => item.waiting_on.iter().find_map(|dep| {
            if dep.contains('.') {
                walk_item(catalogue, items, dep, visited)
            } else {
                walk_section(catalogue, items, dep, visited)
            }
        }),
    }
}
