//! From text to a [`Programme`]: TOML syntax, then the format string, then serde's reading of
//! the fields, then every rule of the format, each problem reported where it is.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;
use toml::Spanned;

use super::problem::{Locator, Problem, ProgrammeError};
use super::raw::{LabelTable, RawProfile, RawProgramme, RawSignoff};
use super::{
    ExpectedSchema, ExpectedTable, ExpectedTarget, FORMAT, Label, LanguageLabels, Programme,
    ProgrammeProfile,
};
use crate::readiness::catalogue::{
    Catalogue, DecisionCode, Dependency, Fact, ItemDef, ItemKind, LocalDecisionRule, Rung,
    SectionDef,
};
use crate::readiness::profile::{MAX_MODE_CHARS, Mode, ProfileField, ProviderMode};
use crate::readiness::signature::SignaturesRequired;
use crate::readiness::state::{Profile, Provider, Role};

type Args = Vec<(&'static str, String)>;

/// Whether the text must have `[profile]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ProfileRule {
    /// A programme file: a new tenant starts with its profile.
    Required,
    /// A text a tenant stored, which may be older than `[profile]`.
    MayBeAbsent,
}

pub(super) fn parse(
    text: &str,
    languages: &[&str],
    rule: ProfileRule,
) -> Result<Programme, Vec<ProgrammeError>> {
    let at = Locator::new(text);
    // Only the first syntax error: after it, the parser's recovery guesses, and its further
    // errors are mostly echoes of the first.
    let root = toml::de::DeTable::parse(text)
        .map_err(|e| vec![at.at(e.span().map_or(0, |s| s.start), Problem::Syntax, Vec::new())])?;
    // A file of another format (or another version of this one) is named as such, rather
    // than reported field by field.
    if let Some((_, value)) = root.get_ref().iter().find(|(k, _)| k.get_ref() == "format")
        && value.get_ref().as_str() != Some(FORMAT)
    {
        let found = value.get_ref().as_str().unwrap_or_default().to_owned();
        return Err(vec![at.at(
            value.span().start,
            Problem::WrongFormat,
            vec![("found", found), ("expected", FORMAT.to_owned())],
        )]);
    }
    let raw = RawProgramme::deserialize(toml::de::Deserializer::from(root))
        .map_err(|e| vec![serde_error(&at, &e)])?;
    let mut v = Validator {
        at: &at,
        errors: Vec::new(),
    };
    let mut programme = v.programme(raw, languages, rule);
    if v.errors.is_empty() {
        programme.source = text.to_owned();
        Ok(programme)
    } else {
        v.errors.sort_by_key(|e| (e.line, e.column));
        Err(v.errors)
    }
}

/// serde stops at the first field it cannot read: an unknown one, a missing one, or one of
/// the wrong type. Its messages name the field between backticks.
fn serde_error(at: &Locator<'_>, error: &toml::de::Error) -> ProgrammeError {
    let message = error.message();
    let offset = error.span().map_or(0, |s| s.start);
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned)
    };
    if let Some(field) = named("unknown field `") {
        at.at(offset, Problem::UnknownField, vec![("field", field)])
    } else if let Some(field) = named("missing field `") {
        at.at(offset, Problem::MissingField, vec![("field", field)])
    } else {
        at.at(offset, Problem::WrongType, Vec::new())
    }
}

fn one_of(codes: &[&str]) -> String {
    codes.join(", ")
}

struct Validator<'a> {
    at: &'a Locator<'a>,
    errors: Vec<ProgrammeError>,
}

/// Where an item's dependencies are, to point at the one that closes a cycle.
struct ItemSite {
    key: String,
    span: usize,
    deps: Vec<(Dependency, usize)>,
    fact: Option<Fact>,
}

impl Validator<'_> {
    fn report(&mut self, offset: usize, problem: Problem, args: Args) {
        self.errors.push(self.at.at(offset, problem, args));
    }

    fn programme(&mut self, raw: RawProgramme, languages: &[&str], rule: ProfileRule) -> Programme {
        let profile = match &raw.profile {
            Some(profile) => self.profile(profile),
            None => {
                if rule == ProfileRule::Required {
                    self.report(raw.format.span().start, Problem::MissingProfile, Vec::new());
                }
                ProgrammeProfile {
                    modes: Profile::default(),
                    providers: Vec::new(),
                }
            }
        };
        let owners = self.owners(&raw.owners);
        let section_keys: BTreeSet<String> = raw
            .sections
            .iter()
            .map(|s| s.key.get_ref().clone())
            .collect();
        let ladder = self.ladder(&raw.ladder, &section_keys);
        let rung_codes: Vec<DecisionCode> = ladder.iter().map(|r| r.code).collect();

        let mut sections = Vec::new();
        let mut sites = Vec::new();
        let mut seen_sections = BTreeSet::new();
        let mut seen_items = BTreeSet::new();
        for section in raw.sections {
            let key = section.key.get_ref().clone();
            if !seen_sections.insert(key.clone()) {
                self.report(
                    section.key.span().start,
                    Problem::DuplicateSection,
                    vec![("section", key.clone())],
                );
            }
            let decision = section
                .decision
                .map(|rule| self.local_rule(&rule.gated_by, &rule.pending, &rung_codes));
            let mut items = Vec::new();
            for item in section.items {
                let full = format!("{key}.{}", item.key.get_ref());
                if !seen_items.insert(full.clone()) {
                    self.report(
                        item.key.span().start,
                        Problem::DuplicateItem,
                        vec![("item", full.clone())],
                    );
                }
                let kind = self.kind(&item.kind);
                let fact = item.fact.as_ref().and_then(|f| self.fact(f));
                let owner = item.owner.as_ref().and_then(|o| self.owner(o, &owners));
                let owner_role = item.owner.as_ref().and_then(|o| Role::parse(o.get_ref()));
                let deps: Vec<(Dependency, usize)> = item
                    .depends_on
                    .iter()
                    .map(|d| (Dependency::parse(d.get_ref()), d.span().start))
                    .collect();
                sites.push(ItemSite {
                    key: full.clone(),
                    span: item.key.span().start,
                    deps: deps.clone(),
                    fact,
                });
                items.push(ItemDef {
                    key: full,
                    code: item.code,
                    kind: kind.unwrap_or(ItemKind::Derived),
                    owner,
                    owner_role,
                    depends_on: deps.into_iter().map(|(d, _)| d).collect(),
                    fact,
                    proposal: item.proposal,
                    expected: item.expected,
                    misconfigured: None,
                });
            }
            sections.push(SectionDef {
                key,
                contract: section.contract,
                decision: decision.flatten(),
                items,
                misconfigured: None,
            });
        }
        let catalogue = Catalogue { sections, ladder };
        self.dependencies(&catalogue, &sites);
        self.cycles(&catalogue, &sites);
        let labels = self.labels(raw.labels, &catalogue, languages);
        let signatures_required = self.signatures_required(raw.signoff.as_ref());
        Programme {
            name: raw.name,
            version: raw.version,
            catalogue,
            labels,
            target: target(raw.target),
            signatures_required,
            profile,
            source: String::new(),
        }
    }

    /// `[profile]`: each value a mode, each provider's key once. A value that is not a mode
    /// is reported under the name the settings page's audit event gives it (`auth_mode`,
    /// `provider.ksef.target_mode`).
    fn profile(&mut self, raw: &RawProfile) -> ProgrammeProfile {
        let modes = Profile {
            name: String::new(),
            scenario_contract: self.mode(
                &raw.scenario_contract,
                ProfileField::ScenarioContract.as_str(),
            ),
            environment: self.mode(&raw.environment, ProfileField::Environment.as_str()),
            storage_adapter: self.mode(&raw.storage_adapter, ProfileField::StorageAdapter.as_str()),
            auth_mode: self.mode(&raw.auth_mode, ProfileField::AuthMode.as_str()),
            tenant_mode: self.mode(&raw.tenant_mode, ProfileField::TenantMode.as_str()),
            adapter_target: self.mode(&raw.adapter_target, ProfileField::AdapterTarget.as_str()),
        };
        let mut seen = BTreeSet::new();
        let mut providers = Vec::new();
        for provider in &raw.providers {
            let key = provider.key.get_ref();
            if !seen.insert(key.as_str()) {
                self.report(
                    provider.key.span().start,
                    Problem::DuplicateProvider,
                    vec![("key", key.clone())],
                );
            }
            let name = |which: ProviderMode| format!("provider.{key}.{which}");
            providers.push(Provider {
                key: key.clone(),
                current_mode: self.mode(&provider.current_mode, &name(ProviderMode::Current)),
                target_mode: self.mode(&provider.target_mode, &name(ProviderMode::Target)),
            });
        }
        ProgrammeProfile { modes, providers }
    }

    /// The mode `value` holds, by the settings page's rule; empty (and reported) if none.
    fn mode(&mut self, value: &Spanned<String>, field: &str) -> String {
        match Mode::parse(value.get_ref()) {
            Ok(mode) => mode.as_str().to_owned(),
            Err(error) => {
                self.report(
                    value.span().start,
                    Problem::InvalidMode,
                    vec![
                        ("field", field.to_owned()),
                        ("value", value.get_ref().clone()),
                        ("reason", error.as_str().to_owned()),
                        ("max", MAX_MODE_CHARS.to_string()),
                    ],
                );
                String::new()
            }
        }
    }

    /// `[signoff] required`: one to [`SignaturesRequired::MAX`] distinct managing directors;
    /// one when the file does not say.
    fn signatures_required(&mut self, signoff: Option<&RawSignoff>) -> SignaturesRequired {
        let Some(required) = signoff.map(|s| &s.required) else {
            return SignaturesRequired::ONE;
        };
        SignaturesRequired::new(*required.get_ref()).unwrap_or_else(|| {
            self.report(
                required.span().start,
                Problem::SignaturesOutOfRange,
                vec![
                    ("found", required.get_ref().to_string()),
                    ("max", SignaturesRequired::MAX.to_string()),
                ],
            );
            SignaturesRequired::ONE
        })
    }

    fn owners(&mut self, owners: &BTreeMap<Spanned<String>, String>) -> HashMap<Role, String> {
        let mut out = HashMap::new();
        for (role, actor) in owners {
            match Role::parse(role.get_ref()) {
                Some(r) => {
                    out.insert(r, actor.clone());
                }
                None => self.report(
                    role.span().start,
                    Problem::UnknownOwnerRole,
                    vec![
                        ("role", role.get_ref().clone()),
                        ("expected", one_of(&Role::ALL.map(Role::as_str))),
                    ],
                ),
            }
        }
        out
    }

    /// The rungs of the file, then the sign-off rung every programme ends with.
    fn ladder(&mut self, rungs: &[super::raw::RawRung], sections: &BTreeSet<String>) -> Vec<Rung> {
        let mut ladder: Vec<Rung> = Vec::new();
        for rung in rungs {
            let Some(code) = self.decision_code(&rung.code, &DecisionCode::SECTION_RUNGS) else {
                continue;
            };
            if ladder.iter().any(|r| r.code == code) {
                self.report(
                    rung.code.span().start,
                    Problem::DuplicateRung,
                    vec![("code", code.as_str().to_owned())],
                );
            }
            if rung.requires.is_empty() {
                self.report(
                    rung.code.span().start,
                    Problem::RungWithoutSection,
                    vec![("code", code.as_str().to_owned())],
                );
            }
            for section in &rung.requires {
                if !sections.contains(section.get_ref()) {
                    self.report(
                        section.span().start,
                        Problem::RungUnknownSection,
                        vec![
                            ("code", code.as_str().to_owned()),
                            ("section", section.get_ref().clone()),
                        ],
                    );
                }
            }
            ladder.push(Rung {
                code,
                requires: rung.requires.iter().map(|s| s.get_ref().clone()).collect(),
            });
        }
        ladder.push(Rung {
            code: DecisionCode::BlockedPendingSignoff,
            requires: Vec::new(),
        });
        ladder
    }

    fn decision_code(
        &mut self,
        code: &Spanned<String>,
        allowed: &[DecisionCode],
    ) -> Option<DecisionCode> {
        let found = DecisionCode::parse(code.get_ref()).filter(|c| allowed.contains(c));
        if found.is_none() {
            self.report(
                code.span().start,
                Problem::UnknownDecision,
                vec![
                    ("code", code.get_ref().clone()),
                    (
                        "expected",
                        one_of(&allowed.iter().map(|c| c.as_str()).collect::<Vec<_>>()),
                    ),
                ],
            );
        }
        found
    }

    fn local_rule(
        &mut self,
        gated_by: &[Spanned<String>],
        pending: &Spanned<String>,
        rungs: &[DecisionCode],
    ) -> Option<LocalDecisionRule> {
        let mut gates = Vec::new();
        for gate in gated_by {
            match DecisionCode::parse(gate.get_ref()) {
                Some(code) if rungs.contains(&code) => gates.push(code),
                _ => self.report(
                    gate.span().start,
                    Problem::GateNotARung,
                    vec![
                        ("code", gate.get_ref().clone()),
                        (
                            "expected",
                            one_of(&rungs.iter().map(|c| c.as_str()).collect::<Vec<_>>()),
                        ),
                    ],
                ),
            }
        }
        let pending = self.decision_code(pending, &DecisionCode::LOCAL_PENDING)?;
        Some(LocalDecisionRule {
            gated_by: gates,
            pending,
        })
    }

    fn kind(&mut self, kind: &Spanned<String>) -> Option<ItemKind> {
        let found = ItemKind::parse(kind.get_ref());
        if found.is_none() {
            self.report(
                kind.span().start,
                Problem::UnknownKind,
                vec![
                    ("kind", kind.get_ref().clone()),
                    ("expected", one_of(&ItemKind::ALL.map(ItemKind::as_str))),
                ],
            );
        }
        found
    }

    fn fact(&mut self, fact: &Spanned<String>) -> Option<Fact> {
        let found = Fact::parse(fact.get_ref());
        if found.is_none() {
            self.report(
                fact.span().start,
                Problem::UnknownFact,
                vec![
                    ("fact", fact.get_ref().clone()),
                    ("expected", one_of(&Fact::ALL.map(Fact::as_str))),
                ],
            );
        }
        found
    }

    /// The actor who owns the role's items, by `[owners]`.
    fn owner(&mut self, role: &Spanned<String>, owners: &HashMap<Role, String>) -> Option<String> {
        let found = Role::parse(role.get_ref()).and_then(|r| owners.get(&r).cloned());
        if found.is_none() {
            let mut assigned: Vec<&str> = owners.keys().map(|r| r.as_str()).collect();
            assigned.sort_unstable();
            self.report(
                role.span().start,
                Problem::UnknownOwnerRole,
                vec![
                    ("role", role.get_ref().clone()),
                    ("expected", one_of(&assigned)),
                ],
            );
        }
        found
    }

    fn dependencies(&mut self, catalogue: &Catalogue, sites: &[ItemSite]) {
        for site in sites {
            for (dep, offset) in &site.deps {
                let exists = match dep {
                    Dependency::Item(key) => catalogue.item(key).is_some(),
                    Dependency::Section(key) => catalogue.section(key).is_some(),
                };
                if !exists {
                    self.report(
                        *offset,
                        Problem::DanglingDependency,
                        vec![
                            ("item", site.key.clone()),
                            ("dependency", dep.key().to_owned()),
                        ],
                    );
                }
            }
        }
    }

    /// Every cycle once, reported at the item where the walk in page order first closes it.
    /// An item waits on the items it names, on every item of a section it names, and — when
    /// it rests on the overall decision — on every item of every rung's sections.
    fn cycles(&mut self, catalogue: &Catalogue, sites: &[ItemSite]) {
        // A duplicate key is reported as such; its dependents wait on the first of its items.
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, site) in sites.iter().enumerate() {
            index.entry(site.key.as_str()).or_insert(i);
        }
        let section_items = |key: &str| -> Vec<usize> {
            catalogue
                .section(key)
                .map(|s| {
                    s.items
                        .iter()
                        .filter_map(|i| index.get(i.key.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default()
        };
        let edges: Vec<Vec<usize>> = sites
            .iter()
            .map(|site| {
                let mut out = Vec::new();
                for (dep, _) in &site.deps {
                    match dep {
                        Dependency::Item(key) => out.extend(index.get(key.as_str()).copied()),
                        Dependency::Section(key) => out.extend(section_items(key)),
                    }
                }
                if site.fact == Some(Fact::OverallGo) {
                    for rung in &catalogue.ladder {
                        for section in &rung.requires {
                            out.extend(section_items(section));
                        }
                    }
                }
                out
            })
            .collect();
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            OnPath,
            Done,
        }
        let mut marks = vec![Mark::New; sites.len()];
        let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
        let mut found = Vec::new();
        for start in 0..sites.len() {
            if marks[start] != Mark::New {
                continue;
            }
            // Iterative depth-first walk: (node, next edge to follow).
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            marks[start] = Mark::OnPath;
            while let Some(&mut (node, ref mut next)) = path.last_mut() {
                if let Some(&to) = edges[node].get(*next) {
                    *next += 1;
                    match marks[to] {
                        Mark::New => {
                            marks[to] = Mark::OnPath;
                            path.push((to, 0));
                        }
                        Mark::OnPath => {
                            let from = path.iter().position(|&(n, _)| n == to).unwrap_or(0);
                            let members: Vec<usize> =
                                path[from..].iter().map(|&(n, _)| n).collect();
                            let mut set = members.clone();
                            set.sort_unstable();
                            if reported.insert(set) {
                                found.push((node, members));
                            }
                        }
                        Mark::Done => {}
                    }
                } else {
                    marks[node] = Mark::Done;
                    path.pop();
                }
            }
        }
        for (closing, members) in found {
            let mut names: Vec<&str> = members.iter().map(|&n| sites[n].key.as_str()).collect();
            names.push(sites[members[0]].key.as_str());
            self.report(
                sites[closing].span,
                Problem::DependencyCycle,
                vec![
                    ("item", sites[closing].key.clone()),
                    ("cycle", names.join(" → ")),
                ],
            );
        }
    }

    fn labels(
        &mut self,
        raw: Spanned<BTreeMap<Spanned<String>, super::raw::RawLanguage>>,
        catalogue: &Catalogue,
        languages: &[&str],
    ) -> BTreeMap<String, LanguageLabels> {
        let table_at = raw.span().start;
        let raw = raw.into_inner();
        for lang in languages {
            if !raw.keys().any(|k| k.get_ref() == lang) {
                self.report(
                    table_at,
                    Problem::MissingLanguage,
                    vec![("language", (*lang).to_owned())],
                );
            }
        }
        let sections: Vec<&str> = catalogue.sections.iter().map(|s| s.key.as_str()).collect();
        let items: Vec<&str> = catalogue.items().map(|i| i.key.as_str()).collect();
        // A description given in any language is owed in all of them.
        let described = |pick: fn(&super::raw::RawLanguage) -> Option<&Spanned<LabelTable>>| {
            raw.values()
                .filter_map(pick)
                .flat_map(|t| t.get_ref().iter())
                .filter(|(_, v)| v.get_ref().description.is_some())
                .map(|(k, _)| k.get_ref().clone())
                .collect::<BTreeSet<String>>()
        };
        let described_sections = described(|l| l.sections.as_ref());
        let described_items = described(|l| l.items.as_ref());
        let mut out = BTreeMap::new();
        for (lang, table) in &raw {
            if !languages.contains(&lang.get_ref().as_str()) {
                self.report(
                    lang.span().start,
                    Problem::UnknownLanguage,
                    vec![
                        ("language", lang.get_ref().clone()),
                        ("expected", one_of(languages)),
                    ],
                );
                continue;
            }
            let labels = LanguageLabels {
                sections: self.label_table(
                    lang,
                    table.sections.as_ref(),
                    &sections,
                    &described_sections,
                ),
                items: self.label_table(lang, table.items.as_ref(), &items, &described_items),
            };
            out.insert(lang.get_ref().clone(), labels);
        }
        out
    }

    fn label_table(
        &mut self,
        lang: &Spanned<String>,
        table: Option<&Spanned<LabelTable>>,
        keys: &[&str],
        described: &BTreeSet<String>,
    ) -> BTreeMap<String, Label> {
        let language = lang.get_ref().clone();
        // A label missing from a table is reported at the table; a table missing altogether,
        // at its language.
        let table_at = table.map_or(lang.span().start, |t| t.span().start);
        let empty = LabelTable::new();
        let table = table.map_or(&empty, |t| t.get_ref());
        let mut out = BTreeMap::new();
        for key in table.keys() {
            if !keys.contains(&key.get_ref().as_str()) {
                self.report(
                    key.span().start,
                    Problem::LabelForNothing,
                    vec![
                        ("language", language.clone()),
                        ("key", key.get_ref().clone()),
                    ],
                );
            }
        }
        for key in keys {
            let entry = table.iter().find(|(k, _)| k.get_ref() == key);
            let args = || vec![("language", language.clone()), ("key", (*key).to_owned())];
            let Some((at, entry)) = entry else {
                self.report(table_at, Problem::MissingLabel, args());
                continue;
            };
            let raw = entry.get_ref();
            match raw.label.as_deref().filter(|l| !l.trim().is_empty()) {
                Some(label) => {
                    out.insert(
                        (*key).to_owned(),
                        Label {
                            label: label.to_owned(),
                            description: raw.description.clone(),
                        },
                    );
                }
                None => self.report(at.span().start, Problem::MissingLabel, args()),
            }
            if raw.description.is_none() && described.contains(*key) {
                self.report(at.span().start, Problem::MissingDescription, args());
            }
        }
        out
    }
}

fn target(raw: super::raw::RawTarget) -> ExpectedTarget {
    ExpectedTarget {
        schemas: raw
            .schemas
            .into_iter()
            .map(|s| ExpectedSchema {
                name: s.name.into_inner(),
                tenant_setting: s.tenant_setting,
                tables: s
                    .tables
                    .into_iter()
                    .map(|t| ExpectedTable {
                        name: t.name,
                        columns: t.columns,
                        rls_enabled: t.rls_enabled,
                        rls_forced: t.rls_forced,
                        policy: t.policy,
                    })
                    .collect(),
            })
            .collect(),
    }
}
