//! The `BFGScenarioSnapshot.v1` format: a tenant's scenario exported as JSON lines, checked
//! line by line before anything is stored.
//!
//! The first non-blank line is a header naming the schema, the tenant and the export time; every
//! further non-blank line is one record (`order`, `driver_event`, `finance_event`,
//! `reviewer_evidence`). [`parse`] returns either the whole [`Scenario`] or the problems it
//! found, each tied to a line, so the person who exported the file can fix them in one pass.
//! `docs/scenario-snapshot.md` is the format's reference, including how to recompute the
//! checksum.
//!
//! Pure: no I/O, no clock, no locale. Problems are codes with named arguments; the templates
//! turn them into words.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The schema name the header must carry.
pub const SCHEMA: &str = "BFGScenarioSnapshot.v1";
/// The largest file accepted, in bytes. Checked first, before anything is read.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The most records a file may hold.
pub const MAX_RECORDS: usize = 20_000;
/// The most problems reported; a file this broken needs re-exporting, not a longer list.
pub const MAX_ERRORS: usize = 20;
/// The batch groups, in the order a snapshot lists them.
pub const BATCH_GROUPS: [&str; 3] = ["operations", "finance", "audit"];

/// How many characters of a value a problem quotes back.
const QUOTE_CHARS: usize = 64;

/// What a record describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// A transport order.
    Order,
    /// Something a driver reported about an order.
    DriverEvent,
    /// An invoice, payment, credit note or KSeF submission for an order.
    FinanceEvent,
    /// A reviewer's note on an order or a console item.
    ReviewerEvidence,
}

impl RecordKind {
    /// Every kind, in the order the format lists them.
    pub const ALL: [Self; 4] = [
        Self::Order,
        Self::DriverEvent,
        Self::FinanceEvent,
        Self::ReviewerEvidence,
    ];

    /// The value of the record's `kind` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Order => "order",
            Self::DriverEvent => "driver_event",
            Self::FinanceEvent => "finance_event",
            Self::ReviewerEvidence => "reviewer_evidence",
        }
    }

    /// The batch group (one of [`BATCH_GROUPS`]) the kind is counted in.
    pub fn batch_group(self) -> &'static str {
        match self {
            Self::Order | Self::DriverEvent => "operations",
            Self::FinanceEvent => "finance",
            Self::ReviewerEvidence => "audit",
        }
    }

    fn named(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// What every id of this kind starts with.
    fn id_prefix(self) -> &'static str {
        match self {
            Self::Order => "ORD-",
            Self::DriverEvent => "DRV-",
            Self::FinanceEvent => "FIN-",
            Self::ReviewerEvidence => "REV-",
        }
    }

    /// The fields a record of this kind has besides `kind`.
    fn fields(self) -> &'static [Field] {
        match self {
            Self::Order => ORDER,
            Self::DriverEvent => DRIVER_EVENT,
            Self::FinanceEvent => FINANCE_EVENT,
            Self::ReviewerEvidence => REVIEWER_EVIDENCE,
        }
    }
}

/// One valid record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The 1-based line it was read from.
    pub line: usize,
    /// What it describes.
    pub kind: RecordKind,
    /// Its id, unique in the file.
    pub id: String,
    /// The record as compact JSON with sorted keys, `kind` included: what the checksum hashes.
    pub canonical: String,
}

/// A parsed, valid snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The tenant slug from the header.
    pub tenant: String,
    /// When the snapshot was exported, from the header.
    pub exported_at: OffsetDateTime,
    /// The records, in file order.
    pub records: Vec<Record>,
}

impl Scenario {
    /// How many records the snapshot holds.
    pub fn rows(&self) -> u64 {
        self.records.len() as u64
    }

    /// Records per batch group; every group of [`BATCH_GROUPS`] is present, even when empty.
    pub fn batch_rows(&self) -> BTreeMap<String, u64> {
        let mut rows: BTreeMap<String, u64> = BATCH_GROUPS
            .iter()
            .map(|group| ((*group).to_owned(), 0))
            .collect();
        for record in &self.records {
            *rows
                .entry(record.kind.batch_group().to_owned())
                .or_default() += 1;
        }
        rows
    }

    /// Records per kind; every kind is present, even when empty.
    pub fn kind_rows(&self) -> BTreeMap<&'static str, u64> {
        let mut rows: BTreeMap<&'static str, u64> = RecordKind::ALL
            .iter()
            .map(|kind| (kind.as_str(), 0))
            .collect();
        for record in &self.records {
            *rows.entry(record.kind.as_str()).or_default() += 1;
        }
        rows
    }

    /// Lowercase hex SHA-256 over the records sorted by kind, then id, each record's
    /// `canonical` followed by `\n`. Line order, key order and whitespace in the file do not
    /// change it; any value does.
    pub fn sha256(&self) -> String {
        let mut sorted: Vec<&Record> = self.records.iter().collect();
        sorted.sort_by(|a, b| (a.kind.as_str(), &a.id).cmp(&(b.kind.as_str(), &b.id)));
        records_sha256(sorted.iter().map(|r| r.canonical.as_str()))
    }

    /// The short checksum shown on the console: `bfg-` and the first 8 hex digits of
    /// [`Self::sha256`].
    pub fn checksum(&self) -> String {
        let mut checksum = self.sha256();
        checksum.truncate(8);
        checksum.insert_str(0, "bfg-");
        checksum
    }
}

/// SHA-256 (lowercase hex) over canonical records already in checksum order — sorted by kind,
/// then id — each followed by a newline: the snapshot checksum, wherever the records come from.
pub fn records_sha256<'a>(canonicals: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = Sha256::new();
    for canonical in canonicals {
        hasher.update(canonical.as_bytes());
        hasher.update(b"\n");
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A problem found in a snapshot, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The 1-based line; 0 means the file as a whole.
    pub line: usize,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a line or with the file. Values quoted back (`found`, `field`) are cut
/// to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is over [`MAX_BYTES`]. Reported alone, on line 0.
    TooLarge,
    /// The line holds the first record beyond [`MAX_RECORDS`]; reading stops there.
    TooManyRecords,
    /// The line is not UTF-8.
    NotUtf8,
    /// The file has no non-blank line. Reported alone, on line 0.
    Empty,
    /// The line is not JSON.
    BrokenJson,
    /// The line is JSON but not an object.
    NotAnObject,
    /// The header's `schema` is not [`SCHEMA`].
    WrongSchema {
        /// The value found; empty when missing or not a string.
        found: String,
    },
    /// The header's `tenant` is not the tenant importing the file.
    WrongTenant {
        /// The value found; empty when missing or not a string.
        found: String,
    },
    /// A record's `kind` is missing or not one of [`RecordKind`].
    UnknownKind {
        /// The value found; empty when missing or not a string.
        found: String,
    },
    /// A field the header or the record's kind does not have.
    UnknownField {
        /// The field's name.
        field: String,
    },
    /// A required field is missing.
    MissingField {
        /// The field's name.
        field: String,
    },
    /// A field has the wrong type, is out of range, not one of the allowed values, or does
    /// not match its pattern.
    InvalidValue {
        /// The field's name.
        field: String,
    },
    /// The id was already used by an earlier line.
    DuplicateId {
        /// The id.
        id: String,
        /// The line that used it first.
        first_line: usize,
    },
    /// A reference names no record of the kind it must point to.
    UnknownReference {
        /// The referring field.
        field: String,
        /// The id referred to.
        id: String,
    },
    /// The file has a header but no records. Reported on line 0.
    NoRecords,
}

impl Problem {
    /// Every code [`Problem::code`] returns.
    pub const CODES: [&'static str; 15] = [
        "too-large",
        "too-many-records",
        "not-utf8",
        "empty",
        "broken-json",
        "not-an-object",
        "wrong-schema",
        "wrong-tenant",
        "unknown-kind",
        "unknown-field",
        "missing-field",
        "invalid-value",
        "duplicate-id",
        "unknown-reference",
        "no-records",
    ];

    /// The code used in message ids.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLarge => "too-large",
            Self::TooManyRecords => "too-many-records",
            Self::NotUtf8 => "not-utf8",
            Self::Empty => "empty",
            Self::BrokenJson => "broken-json",
            Self::NotAnObject => "not-an-object",
            Self::WrongSchema { .. } => "wrong-schema",
            Self::WrongTenant { .. } => "wrong-tenant",
            Self::UnknownKind { .. } => "unknown-kind",
            Self::UnknownField { .. } => "unknown-field",
            Self::MissingField { .. } => "missing-field",
            Self::InvalidValue { .. } => "invalid-value",
            Self::DuplicateId { .. } => "duplicate-id",
            Self::UnknownReference { .. } => "unknown-reference",
            Self::NoRecords => "no-records",
        }
    }

    /// The named arguments of the problem's message.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::TooLarge => vec![("limit", MAX_BYTES.to_string())],
            Self::TooManyRecords => vec![("limit", MAX_RECORDS.to_string())],
            Self::NotUtf8
            | Self::Empty
            | Self::BrokenJson
            | Self::NotAnObject
            | Self::NoRecords => Vec::new(),
            Self::WrongSchema { found }
            | Self::WrongTenant { found }
            | Self::UnknownKind { found } => {
                vec![("found", found.clone())]
            }
            Self::UnknownField { field }
            | Self::MissingField { field }
            | Self::InvalidValue { field } => vec![("field", field.clone())],
            Self::DuplicateId { id, first_line } => {
                vec![("id", id.clone()), ("first_line", first_line.to_string())]
            }
            Self::UnknownReference { field, id } => {
                vec![("field", field.clone()), ("id", id.clone())]
            }
        }
    }
}

/// Checks a snapshot exported by `tenant_slug` and returns it, or the first [`MAX_ERRORS`]
/// problems sorted by line.
///
/// The limits come first: a file over [`MAX_BYTES`] or [`MAX_RECORDS`] gets that one problem
/// and is not read further. Otherwise every line is checked, even after the header or an
/// earlier line failed, and a line may report several problems. References are resolved once
/// the whole file is read, so a record may refer to an order further down.
pub fn parse(bytes: &[u8], tenant_slug: &str) -> Result<Scenario, Vec<LineError>> {
    let only = |line, problem| Err(vec![LineError { line, problem }]);
    if bytes.len() > MAX_BYTES {
        return only(0, Problem::TooLarge);
    }
    // A byte scan before any JSON is parsed: the header, then one record too many.
    if let Some((line, _)) = non_blank_lines(bytes).nth(MAX_RECORDS + 1) {
        return only(line, Problem::TooManyRecords);
    }
    let mut lines = non_blank_lines(bytes);
    let Some((header_line, header)) = lines.next() else {
        return only(0, Problem::Empty);
    };
    let mut reader = Reader::default();
    let exported_at = match json_object(header) {
        Ok(object) => {
            let (exported_at, problems) = check_header(&object, tenant_slug);
            reader.report(header_line, problems);
            exported_at
        }
        Err(problem) => {
            reader.report(header_line, vec![problem]);
            None
        }
    };
    let mut record_lines = 0;
    for (line, bytes) in lines {
        record_lines += 1;
        match json_object(bytes) {
            Ok(object) => reader.read_record(line, &object),
            Err(problem) => reader.report(line, vec![problem]),
        }
    }
    if record_lines == 0 {
        // Pushed past the cap: line 0 sorts first, so it is kept even if the header used it up.
        let problem = Problem::NoRecords;
        reader.errors.push(LineError { line: 0, problem });
    }
    let (records, errors) = reader.finish();
    match exported_at {
        Some(exported_at) if errors.is_empty() => Ok(Scenario {
            tenant: tenant_slug.to_owned(),
            exported_at,
            records,
        }),
        // A header without a valid `exported_at` has always reported why.
        _ => Err(errors),
    }
}

/// The non-blank lines with their 1-based numbers, without line ends. Blank lines are skipped
/// but still counted, so numbers match what an editor shows.
fn non_blank_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes
        .split(|byte| *byte == b'\n')
        .enumerate()
        .map(|(index, line)| (index + 1, line.strip_suffix(b"\r").unwrap_or(line)))
        .filter(|(_, line)| !is_blank(line))
}

/// JSON whitespace only: a line of other Unicode spaces is a broken line, not a blank one.
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|byte| matches!(byte, b' ' | b'\t' | b'\r'))
}

fn json_object(line: &[u8]) -> Result<Map<String, Value>, Problem> {
    let text = std::str::from_utf8(line).map_err(|_| Problem::NotUtf8)?;
    match serde_json::from_str(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(Problem::NotAnObject),
        Err(_) => Err(Problem::BrokenJson),
    }
}

/// What the record lines leave for the checks that span lines.
#[derive(Default)]
struct Reader {
    records: Vec<Record>,
    /// Every well-formed id: the line it first appeared on, and the kind of that record.
    ids: HashMap<String, (usize, RecordKind)>,
    /// Well-formed `order_id` values, resolved once every order is known: (line, id).
    references: Vec<(usize, String)>,
    errors: Vec<LineError>,
}

impl Reader {
    /// Lines arrive in order, so once [`MAX_ERRORS`] are kept no later line can displace one;
    /// only [`Self::finish`] adds problems for earlier lines.
    fn report(&mut self, line: usize, problems: Vec<Problem>) {
        for problem in problems {
            if self.errors.len() < MAX_ERRORS {
                self.errors.push(LineError { line, problem });
            }
        }
    }

    fn read_record(&mut self, line: usize, object: &Map<String, Value>) {
        let kind = match object.get("kind") {
            Some(Value::String(text)) => RecordKind::named(text).ok_or_else(|| quote(text)),
            _ => Err(String::new()),
        };
        let kind = match kind {
            Ok(kind) => kind,
            Err(found) => {
                // Without a kind there are no fields to check against.
                self.report(line, vec![Problem::UnknownKind { found }]);
                return;
            }
        };
        let mut problems = check_fields(object, kind.fields());

        // A malformed id or reference is already reported; only well-formed ones go further.
        let id = object
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| is_id(id, kind.id_prefix()));
        if let Some(id) = id {
            match self.ids.entry(id.to_owned()) {
                Entry::Occupied(first) => problems.push(Problem::DuplicateId {
                    id: id.to_owned(),
                    first_line: first.get().0,
                }),
                Entry::Vacant(slot) => {
                    slot.insert((line, kind));
                }
            }
        }
        if let Some(order_id) = object.get("order_id").and_then(Value::as_str)
            && is_id(order_id, RecordKind::Order.id_prefix())
        {
            self.references.push((line, order_id.to_owned()));
        }

        match id {
            Some(id) if problems.is_empty() => self.records.push(Record {
                line,
                kind,
                id: id.to_owned(),
                canonical: canonical(object),
            }),
            _ => self.report(line, problems),
        }
    }

    /// Resolves the references and returns the records and the first [`MAX_ERRORS`] problems
    /// in line order.
    fn finish(mut self) -> (Vec<Record>, Vec<LineError>) {
        for (line, id) in self.references {
            let names_an_order = self
                .ids
                .get(&id)
                .is_some_and(|(_, kind)| *kind == RecordKind::Order);
            if !names_an_order {
                let field = "order_id".to_owned();
                let problem = Problem::UnknownReference { field, id };
                self.errors.push(LineError { line, problem });
            }
        }
        // Stable: a line's problems keep the order they were found in, references last.
        self.errors.sort_by_key(|error| error.line);
        self.errors.truncate(MAX_ERRORS);
        (self.records, self.errors)
    }
}

/// Checks the header and returns its `exported_at` when valid. The schema and tenant come
/// first: they tell whether this is the right file at all.
fn check_header(
    object: &Map<String, Value>,
    tenant_slug: &str,
) -> (Option<OffsetDateTime>, Vec<Problem>) {
    let mut problems = Vec::new();
    let found = |field: &str| match object.get(field) {
        Some(Value::String(text)) => text.as_str(),
        _ => "",
    };
    if found("schema") != SCHEMA {
        problems.push(Problem::WrongSchema {
            found: quote(found("schema")),
        });
    }
    if found("tenant") != tenant_slug {
        problems.push(Problem::WrongTenant {
            found: quote(found("tenant")),
        });
    }
    let exported_at = match object.get("exported_at") {
        None => {
            problems.push(Problem::MissingField {
                field: "exported_at".to_owned(),
            });
            None
        }
        Some(value) => {
            let parsed = value.as_str().and_then(timestamp);
            if parsed.is_none() {
                problems.push(Problem::InvalidValue {
                    field: "exported_at".to_owned(),
                });
            }
            parsed
        }
    };
    for field in object.keys() {
        if !matches!(field.as_str(), "schema" | "tenant" | "exported_at") {
            problems.push(Problem::UnknownField {
                field: quote(field),
            });
        }
    }
    (exported_at, problems)
}

/// Checks a record's fields against its kind's: missing and invalid ones in the kind's field
/// order, then unknown ones.
fn check_fields(object: &Map<String, Value>, fields: &[Field]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for field in fields {
        match object.get(field.name) {
            None if field.required => problems.push(Problem::MissingField {
                field: field.name.to_owned(),
            }),
            None => {}
            Some(value) if !field.rule.allows(value) => problems.push(Problem::InvalidValue {
                field: field.name.to_owned(),
            }),
            Some(_) => {}
        }
    }
    for name in object.keys() {
        if name != "kind" && !fields.iter().any(|field| field.name == name) {
            problems.push(Problem::UnknownField { field: quote(name) });
        }
    }
    problems
}

/// Compact JSON with keys sorted by their bytes, built here rather than left to `serde_json`'s
/// map order, which a `preserve_order` feature elsewhere in the build would change.
fn canonical(object: &Map<String, Value>) -> String {
    let mut entries: Vec<(&String, &Value)> = object.iter().collect();
    entries.sort_by_key(|(key, _)| *key);
    let fields: Vec<String> = entries
        .into_iter()
        .map(|(key, value)| format!("{}:{value}", Value::String(key.clone())))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// At most [`QUOTE_CHARS`] characters of a value, so a message stays readable whatever the
/// file holds.
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The kind's prefix, then 4 to 8 ASCII digits.
fn is_id(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|digits| {
        (4..=8).contains(&digits.len()) && digits.bytes().all(|byte| byte.is_ascii_digit())
    })
}

fn timestamp(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// One field of a record kind.
struct Field {
    name: &'static str,
    required: bool,
    rule: Rule,
}

const fn required(name: &'static str, rule: Rule) -> Field {
    Field {
        name,
        required: true,
        rule,
    }
}

const fn optional(name: &'static str, rule: Rule) -> Field {
    Field {
        name,
        required: false,
        rule,
    }
}

/// What a field's value must be.
enum Rule {
    /// An id of this kind of record.
    Id(RecordKind),
    /// A string with no control characters whose trimmed length, in characters, is in range.
    Text { min: usize, max: usize },
    /// A JSON integer (not `3.0`) in range.
    Integer { min: i64, max: i64 },
    /// A JSON number in range.
    Number { min: f64, max: f64 },
    /// One of these strings, exactly.
    OneOf(&'static [&'static str]),
    /// An RFC 3339 timestamp.
    Timestamp,
    /// 64 lowercase hex digits.
    Sha256,
}

impl Rule {
    fn allows(&self, value: &Value) -> bool {
        match (self, value) {
            (Self::Id(kind), Value::String(text)) => is_id(text, kind.id_prefix()),
            (Self::Text { min, max }, Value::String(text)) => {
                !text.chars().any(char::is_control)
                    && (*min..=*max).contains(&text.trim().chars().count())
            }
            (Self::Integer { min, max }, Value::Number(number)) => {
                number.as_i64().is_some_and(|n| (*min..=*max).contains(&n))
            }
            (Self::Number { min, max }, Value::Number(number)) => {
                number.as_f64().is_some_and(|n| (*min..=*max).contains(&n))
            }
            (Self::OneOf(allowed), Value::String(text)) => allowed.contains(&text.as_str()),
            (Self::Timestamp, Value::String(text)) => timestamp(text).is_some(),
            (Self::Sha256, Value::String(text)) => {
                text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            }
            _ => false,
        }
    }
}

// The fields of each kind, in the order docs/scenario-snapshot.md lists and reports them.

const ORDER: &[Field] = &[
    required("id", Rule::Id(RecordKind::Order)),
    required("client", Rule::Text { min: 1, max: 120 }),
    required("origin", Rule::Text { min: 1, max: 120 }),
    required("destination", Rule::Text { min: 1, max: 120 }),
    required("pallets", Rule::Integer { min: 1, max: 66 }),
    required(
        "temperature",
        Rule::OneOf(&["ambient", "2-8C", "15-25C", "frozen"]),
    ),
    required("requested_at", Rule::Timestamp),
    required(
        "status",
        Rule::OneOf(&["planned", "in_transit", "delivered", "cancelled"]),
    ),
];

const DRIVER_EVENT: &[Field] = &[
    required("id", Rule::Id(RecordKind::DriverEvent)),
    required("order_id", Rule::Id(RecordKind::Order)),
    required("driver", Rule::Text { min: 1, max: 64 }),
    required(
        "event",
        Rule::OneOf(&[
            "pickup",
            "checkpoint",
            "temperature_reading",
            "delivery",
            "exception",
        ]),
    ),
    required("at", Rule::Timestamp),
    optional(
        "temperature_c",
        Rule::Number {
            min: -30.0,
            max: 40.0,
        },
    ),
    optional("note", Rule::Text { min: 1, max: 500 }),
];

const FINANCE_EVENT: &[Field] = &[
    required("id", Rule::Id(RecordKind::FinanceEvent)),
    required("order_id", Rule::Id(RecordKind::Order)),
    required(
        "type",
        Rule::OneOf(&["invoice", "payment", "credit_note", "ksef_submission"]),
    ),
    required(
        "amount_minor",
        Rule::Integer {
            min: -10_000_000_000,
            max: 10_000_000_000,
        },
    ),
    required("currency", Rule::OneOf(&["EUR", "PLN", "UAH"])),
    required("at", Rule::Timestamp),
    optional("ksef_reference", Rule::Text { min: 1, max: 64 }),
];

const REVIEWER_EVIDENCE: &[Field] = &[
    required("id", Rule::Id(RecordKind::ReviewerEvidence)),
    required("subject", Rule::Text { min: 1, max: 120 }),
    required("reviewer", Rule::Text { min: 1, max: 64 }),
    required("note", Rule::Text { min: 10, max: 2000 }),
    required("at", Rule::Timestamp),
    optional("sha256", Rule::Sha256),
];

#[cfg(test)]
mod tests {
    use serde_json::json;
    use time::macros::datetime;

    use super::*;

    const TENANT: &str = "bfg-control";
    const HEADER: &str = r#"{"schema":"BFGScenarioSnapshot.v1","tenant":"bfg-control","exported_at":"2026-10-31T18:00:00Z"}"#;
    const ORDER_LINE: &str = r#"{"kind":"order","id":"ORD-0001","client":"Lviv Farma Distribution","origin":"BFG Control Hub, Rzeszów","destination":"Lviv Farma DC, Lviv","pallets":12,"temperature":"2-8C","requested_at":"2026-10-01T06:00:00Z","status":"delivered"}"#;
    const DRIVER_LINE: &str = r#"{"kind":"driver_event","id":"DRV-0001","order_id":"ORD-0001","driver":"driver_tarasenko","event":"temperature_reading","at":"2026-10-01T08:00:00Z","temperature_c":4.5}"#;
    const FINANCE_LINE: &str = r#"{"kind":"finance_event","id":"FIN-0001","order_id":"ORD-0001","type":"ksef_submission","amount_minor":552000,"currency":"PLN","at":"2026-10-02T09:12:00Z","ksef_reference":"8133046721-20261002-0A1B2C3D4E5F-7C"}"#;
    const REVIEW_LINE: &str = r#"{"kind":"reviewer_evidence","id":"REV-0001","subject":"ORD-0001","reviewer":"reviewer_audit","note":"Logger export matches the driver readings.","at":"2026-10-03T10:00:00Z","sha256":"590f7d10d7163ff56ef139b6e4eee2df0c6f41205f23b6b525a49ead0c484311"}"#;

    fn file(lines: &[&str]) -> Vec<u8> {
        lines.join("\n").into_bytes()
    }

    fn minimal() -> Vec<u8> {
        file(&[HEADER, ORDER_LINE, DRIVER_LINE, FINANCE_LINE, REVIEW_LINE])
    }

    /// `line` with `field` set to `value`, or removed when `value` is `None`.
    fn with(line: &str, field: &str, value: Option<Value>) -> String {
        let mut object: Map<String, Value> = serde_json::from_str(line).unwrap();
        match value {
            Some(value) => object.insert(field.to_owned(), value),
            None => object.remove(field),
        };
        Value::Object(object).to_string()
    }

    fn problems(bytes: &[u8]) -> Vec<(usize, Problem)> {
        parse(bytes, TENANT)
            .unwrap_err()
            .into_iter()
            .map(|error| (error.line, error.problem))
            .collect()
    }

    /// A file holding `record` (built from `base`) after an order it may refer to, and the
    /// record's line.
    fn file_with(base: &str, record: &str) -> (Vec<u8>, usize) {
        if base == ORDER_LINE {
            (file(&[HEADER, record]), 2)
        } else {
            (file(&[HEADER, ORDER_LINE, record]), 3)
        }
    }

    fn field(name: &str) -> String {
        name.to_owned()
    }

    #[test]
    fn the_demo_snapshot_parses_with_its_documented_figures() {
        let demo = include_str!("../../demo/bfg-control-scenario.jsonl");
        let scenario = parse(demo.as_bytes(), TENANT).unwrap();

        assert_eq!(scenario.tenant, TENANT);
        assert_eq!(scenario.exported_at, datetime!(2026-10-31 18:00 UTC));
        assert_eq!(scenario.rows(), 400);
        let kinds = [
            ("driver_event", 180),
            ("finance_event", 80),
            ("order", 120),
            ("reviewer_evidence", 20),
        ];
        assert_eq!(scenario.kind_rows(), BTreeMap::from(kinds));
        let groups = [("audit", 20), ("finance", 80), ("operations", 300)];
        let groups = groups.map(|(group, rows)| (group.to_owned(), rows));
        assert_eq!(scenario.batch_rows(), BTreeMap::from(groups));
        // Recomputed outside Rust with the recipe in docs/scenario-snapshot.md.
        assert_eq!(
            scenario.sha256(),
            "5de6a303bb0662e75827854fd6379c71a21e0b78997ed590f750c22383d9f2c4"
        );
        assert_eq!(scenario.checksum(), "bfg-5de6a303");
    }

    #[test]
    fn a_valid_file_keeps_its_records_in_file_order_with_sorted_canonical_json() {
        let scenario = parse(&minimal(), TENANT).unwrap();

        let read: Vec<_> = scenario
            .records
            .iter()
            .map(|record| (record.line, record.kind, record.id.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                (2, RecordKind::Order, "ORD-0001"),
                (3, RecordKind::DriverEvent, "DRV-0001"),
                (4, RecordKind::FinanceEvent, "FIN-0001"),
                (5, RecordKind::ReviewerEvidence, "REV-0001"),
            ]
        );
        assert_eq!(
            scenario.records[1].canonical,
            r#"{"at":"2026-10-01T08:00:00Z","driver":"driver_tarasenko","event":"temperature_reading","id":"DRV-0001","kind":"driver_event","order_id":"ORD-0001","temperature_c":4.5}"#
        );
    }

    #[test]
    fn empty_groups_and_kinds_are_still_listed() {
        let scenario = parse(&file(&[HEADER, ORDER_LINE]), TENANT).unwrap();

        let groups = [("audit", 0), ("finance", 0), ("operations", 1)];
        let groups = groups.map(|(group, rows)| (group.to_owned(), rows));
        assert_eq!(scenario.batch_rows(), BTreeMap::from(groups));
        assert_eq!(scenario.kind_rows().values().sum::<u64>(), 1);
        assert_eq!(scenario.kind_rows().len(), RecordKind::ALL.len());
    }

    #[test]
    fn crlf_line_ends_and_blank_lines_are_accepted_and_still_counted() {
        let text = format!("\r\n{HEADER}\r\n \t\r\n{ORDER_LINE}\r\n\r\n{DRIVER_LINE}\r\n");
        let scenario = parse(text.as_bytes(), TENANT).unwrap();
        let lines: Vec<usize> = scenario.records.iter().map(|record| record.line).collect();
        assert_eq!(lines, [4, 6]);

        let broken = format!("{HEADER}\r\n\r\n{ORDER_LINE}\r\n\r\n{{\"kind\":\r\n");
        assert_eq!(problems(broken.as_bytes()), [(5, Problem::BrokenJson)]);
    }

    #[test]
    fn the_checksum_ignores_line_order_key_order_and_whitespace() {
        let shuffled_keys = r#"{ "temperature_c": 4.5, "order_id": "ORD-0001", "at": "2026-10-01T08:00:00Z", "kind": "driver_event", "id": "DRV-0001", "event": "temperature_reading", "driver": "driver_tarasenko" }"#;
        let reordered = file(&[HEADER, REVIEW_LINE, shuffled_keys, FINANCE_LINE, ORDER_LINE]);

        let first = parse(&minimal(), TENANT).unwrap();
        let second = parse(&reordered, TENANT).unwrap();
        assert_eq!(first.sha256(), second.sha256());
        assert_eq!(first.checksum(), second.checksum());
    }

    #[test]
    fn the_checksum_changes_with_any_value_and_follows_the_documented_recipe() {
        let original = parse(&minimal(), TENANT).unwrap();
        let changed = with(DRIVER_LINE, "temperature_c", Some(json!(4.6)));
        let changed = file(&[HEADER, ORDER_LINE, &changed, FINANCE_LINE, REVIEW_LINE]);
        let changed = parse(&changed, TENANT).unwrap();
        assert_ne!(original.sha256(), changed.sha256());

        // Computed with the Python recipe in docs/scenario-snapshot.md.
        let expected = "209475bd2c2b30d36d7de6f7559987c2f6de641ec4c91372453e4dedb0725b94";
        assert_eq!(original.sha256(), expected);
        assert_eq!(original.checksum(), format!("bfg-{}", &expected[..8]));
    }

    #[test]
    fn limits_and_emptiness_are_reported_alone_on_the_file() {
        let too_large = vec![b' '; MAX_BYTES + 1];
        let mut too_many = vec![HEADER];
        too_many.extend(std::iter::repeat_n("{}", MAX_RECORDS + 1));
        let cases = [
            ("over the byte limit", too_large, (0, Problem::TooLarge)),
            (
                "over the record limit",
                file(&too_many),
                (MAX_RECORDS + 2, Problem::TooManyRecords),
            ),
            ("no bytes", Vec::new(), (0, Problem::Empty)),
            (
                "only blank lines",
                b"\n  \r\n\t\n".to_vec(),
                (0, Problem::Empty),
            ),
            (
                "a header alone",
                file(&[HEADER, ""]),
                (0, Problem::NoRecords),
            ),
        ];
        for (case, bytes, expected) in cases {
            assert_eq!(problems(&bytes), [expected], "{case}");
        }
    }

    #[test]
    fn exactly_the_record_limit_is_not_too_many() {
        let mut lines = vec![HEADER];
        lines.extend(std::iter::repeat_n("{}", MAX_RECORDS));
        let found = problems(&file(&lines));
        assert!(!found.contains(&(MAX_RECORDS + 1, Problem::TooManyRecords)));
        assert_eq!(
            found[0],
            (
                2,
                Problem::UnknownKind {
                    found: String::new()
                }
            )
        );
    }

    #[test]
    fn a_header_problem_names_what_was_found() {
        let header = |field: &str, value: Option<Value>| with(HEADER, field, value);
        let cases = [
            (
                header("schema", Some(json!("BFGScenarioSnapshot.v2"))),
                Problem::WrongSchema {
                    found: "BFGScenarioSnapshot.v2".to_owned(),
                },
            ),
            (
                header("schema", None),
                Problem::WrongSchema {
                    found: String::new(),
                },
            ),
            (
                header("schema", Some(json!(1))),
                Problem::WrongSchema {
                    found: String::new(),
                },
            ),
            (
                header("tenant", Some(json!("other-co"))),
                Problem::WrongTenant {
                    found: "other-co".to_owned(),
                },
            ),
            (
                header("tenant", None),
                Problem::WrongTenant {
                    found: String::new(),
                },
            ),
            (
                header("exported_at", None),
                Problem::MissingField {
                    field: field("exported_at"),
                },
            ),
            (
                header("exported_at", Some(json!("31.10.2026 18:00"))),
                Problem::InvalidValue {
                    field: field("exported_at"),
                },
            ),
            (
                header("source", Some(json!("file-local"))),
                Problem::UnknownField {
                    field: field("source"),
                },
            ),
            ("[1, 2]".to_owned(), Problem::NotAnObject),
            ("{\"schema\":".to_owned(), Problem::BrokenJson),
        ];
        for (header, expected) in cases {
            let found = problems(&file(&[&header, ORDER_LINE]));
            assert_eq!(found, [(1, expected)], "{header}");
        }
    }

    #[test]
    fn a_wrong_header_does_not_stop_the_record_checks() {
        let header = with(HEADER, "schema", Some(json!("ScenarioStore.v1")));
        let record = with(ORDER_LINE, "pallets", Some(json!(0)));
        let found = problems(&file(&[&header, &record]));
        assert_eq!(
            found,
            [
                (
                    1,
                    Problem::WrongSchema {
                        found: "ScenarioStore.v1".to_owned()
                    }
                ),
                (
                    2,
                    Problem::InvalidValue {
                        field: field("pallets")
                    }
                ),
            ]
        );
    }

    #[test]
    fn each_field_refuses_values_outside_its_rule() {
        let long = |n: usize| json!("x".repeat(n));
        let cases = [
            (ORDER_LINE, "id", json!("ORD-123")),
            (ORDER_LINE, "id", json!("ORD-123456789")),
            (ORDER_LINE, "id", json!("ord-1234")),
            (ORDER_LINE, "id", json!("DRV-1234")),
            (ORDER_LINE, "id", json!(1234)),
            (ORDER_LINE, "client", json!("")),
            (ORDER_LINE, "client", json!("   ")),
            (ORDER_LINE, "client", json!("Lviv\nFarma")),
            (ORDER_LINE, "client", long(121)),
            (ORDER_LINE, "pallets", json!(0)),
            (ORDER_LINE, "pallets", json!(67)),
            (ORDER_LINE, "pallets", json!(3.0)),
            (ORDER_LINE, "pallets", json!("3")),
            (ORDER_LINE, "temperature", json!("2-8c")),
            (ORDER_LINE, "requested_at", json!("2026-10-01")),
            (ORDER_LINE, "requested_at", json!("2026-10-01 06:00:00")),
            (ORDER_LINE, "status", json!("lost")),
            (DRIVER_LINE, "order_id", json!("ORD-12")),
            (DRIVER_LINE, "driver", long(65)),
            (DRIVER_LINE, "event", json!("Pickup")),
            (DRIVER_LINE, "temperature_c", json!(-30.5)),
            (DRIVER_LINE, "temperature_c", json!(40.1)),
            (DRIVER_LINE, "temperature_c", json!("4.5")),
            (DRIVER_LINE, "temperature_c", Value::Null),
            (DRIVER_LINE, "note", long(501)),
            (FINANCE_LINE, "type", json!("refund")),
            (FINANCE_LINE, "amount_minor", json!(10_000_000_001_i64)),
            (FINANCE_LINE, "amount_minor", json!(-10_000_000_001_i64)),
            (FINANCE_LINE, "amount_minor", json!(1.5)),
            (FINANCE_LINE, "currency", json!("USD")),
            (FINANCE_LINE, "ksef_reference", long(65)),
            (REVIEW_LINE, "subject", long(121)),
            (REVIEW_LINE, "note", json!("  too short  ")),
            (REVIEW_LINE, "note", long(2001)),
            (
                REVIEW_LINE,
                "sha256",
                json!("590F7D10D7163FF56EF139B6E4EEE2DF0C6F41205F23B6B525A49EAD0C484311"),
            ),
            (REVIEW_LINE, "sha256", json!("590f7d10")),
        ];
        for (base, name, value) in cases {
            let (bytes, line) = file_with(base, &with(base, name, Some(value.clone())));
            let invalid = (line, Problem::InvalidValue { field: field(name) });
            // Only that: a malformed reference is not also reported as unknown.
            assert_eq!(problems(&bytes), [invalid], "{name} = {value}");
        }
    }

    #[test]
    fn each_field_accepts_values_at_the_edges_of_its_rule() {
        let cases = [
            (ORDER_LINE, "id", json!("ORD-12345678")),
            (ORDER_LINE, "client", json!("ł".repeat(120))),
            (
                ORDER_LINE,
                "client",
                json!(format!("  {}  ", "x".repeat(120))),
            ),
            (ORDER_LINE, "pallets", json!(1)),
            (ORDER_LINE, "pallets", json!(66)),
            (
                ORDER_LINE,
                "requested_at",
                json!("2026-10-01T08:00:00.250+02:00"),
            ),
            (DRIVER_LINE, "temperature_c", json!(-30)),
            (DRIVER_LINE, "temperature_c", json!(40.0)),
            (DRIVER_LINE, "note", json!("Seals intact, 2-8 °C")),
            (FINANCE_LINE, "amount_minor", json!(-10_000_000_000_i64)),
            (FINANCE_LINE, "amount_minor", json!(10_000_000_000_i64)),
            (REVIEW_LINE, "note", json!("  ten chars!  ")),
            (
                REVIEW_LINE,
                "subject",
                json!("runbook.checksum_verification"),
            ),
        ];
        for (base, name, value) in cases {
            let (bytes, _) = file_with(base, &with(base, name, Some(value.clone())));
            assert!(parse(&bytes, TENANT).is_ok(), "{name} = {value}");
        }
    }

    #[test]
    fn optional_fields_may_be_left_out_and_required_ones_may_not() {
        let optional = [
            (DRIVER_LINE, "temperature_c"),
            (FINANCE_LINE, "ksef_reference"),
            (REVIEW_LINE, "sha256"),
        ];
        for (base, name) in optional {
            let (bytes, _) = file_with(base, &with(base, name, None));
            assert!(parse(&bytes, TENANT).is_ok(), "{name}");
        }
        let kinds = [
            (ORDER_LINE, RecordKind::Order),
            (DRIVER_LINE, RecordKind::DriverEvent),
            (FINANCE_LINE, RecordKind::FinanceEvent),
            (REVIEW_LINE, RecordKind::ReviewerEvidence),
        ];
        for (base, kind) in kinds {
            for required in kind.fields().iter().filter(|field| field.required) {
                let (bytes, line) = file_with(base, &with(base, required.name, None));
                let missing = (
                    line,
                    Problem::MissingField {
                        field: field(required.name),
                    },
                );
                assert_eq!(problems(&bytes), [missing], "{}", required.name);
            }
        }
    }

    #[test]
    fn a_line_reports_an_unknown_and_a_missing_field_together() {
        let record = with(
            &with(ORDER_LINE, "pallets", None),
            "palets",
            Some(json!(12)),
        );
        let found = problems(&file(&[HEADER, &record]));
        assert_eq!(
            found,
            [
                (
                    2,
                    Problem::MissingField {
                        field: field("pallets")
                    }
                ),
                (
                    2,
                    Problem::UnknownField {
                        field: field("palets")
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_record_needs_a_known_kind_before_its_fields_are_checked() {
        let cases = [
            (with(ORDER_LINE, "kind", None), ""),
            (with(ORDER_LINE, "kind", Some(json!(7))), ""),
            (with(ORDER_LINE, "kind", Some(json!("invoice"))), "invoice"),
        ];
        for (record, kind) in cases {
            let found = problems(&file(&[HEADER, &record]));
            let unknown = Problem::UnknownKind {
                found: kind.to_owned(),
            };
            assert_eq!(found, [(2, unknown)], "{record}");
        }
    }

    #[test]
    fn a_duplicate_id_names_both_lines() {
        let again = with(
            ORDER_LINE,
            "client",
            Some(json!("Kraków University Hospital Pharmacy")),
        );
        let found = problems(&file(&[HEADER, ORDER_LINE, DRIVER_LINE, &again]));
        let duplicate = Problem::DuplicateId {
            id: "ORD-0001".to_owned(),
            first_line: 2,
        };
        assert_eq!(found, [(4, duplicate)]);
    }

    #[test]
    fn a_reference_may_point_to_an_order_further_down() {
        let bytes = file(&[HEADER, DRIVER_LINE, FINANCE_LINE, ORDER_LINE]);
        assert!(parse(&bytes, TENANT).is_ok());
    }

    #[test]
    fn a_reference_to_no_order_is_reported_after_the_lines_own_problems() {
        let record = with(DRIVER_LINE, "order_id", Some(json!("ORD-9999")));
        let record = with(&record, "at", Some(json!("soon")));
        let found = problems(&file(&[HEADER, ORDER_LINE, &record]));
        assert_eq!(
            found,
            [
                (3, Problem::InvalidValue { field: field("at") }),
                (
                    3,
                    Problem::UnknownReference {
                        field: field("order_id"),
                        id: "ORD-9999".to_owned(),
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_line_that_is_not_utf8_is_named_and_the_others_still_checked() {
        let mut bytes = file(&[HEADER, ORDER_LINE, ""]);
        bytes.extend_from_slice(b"{\"kind\":\"order\",\"client\":\"\xff\"}\n[]");
        assert_eq!(
            problems(&bytes),
            [(3, Problem::NotUtf8), (4, Problem::NotAnObject)]
        );
    }

    #[test]
    fn only_the_first_problems_by_line_are_kept() {
        let dangling = with(DRIVER_LINE, "order_id", Some(json!("ORD-9999")));
        let mut lines = vec![HEADER, dangling.as_str()];
        lines.extend(std::iter::repeat_n("[]", 30));
        let found = problems(&file(&lines));

        assert_eq!(found.len(), MAX_ERRORS);
        let unknown = Problem::UnknownReference {
            field: field("order_id"),
            id: "ORD-9999".to_owned(),
        };
        assert_eq!(found[0], (2, unknown));
        assert_eq!(
            found[MAX_ERRORS - 1],
            (MAX_ERRORS + 1, Problem::NotAnObject)
        );
    }

    #[test]
    fn quoted_values_are_cut_to_a_readable_length() {
        let record = with(ORDER_LINE, "kind", Some(json!("ż".repeat(100))));
        let found = problems(&file(&[HEADER, &record]));
        let cut = format!("{}…", "ż".repeat(64));
        assert_eq!(found, [(2, Problem::UnknownKind { found: cut })]);
    }

    #[test]
    fn kinds_name_themselves_and_their_batch_group() {
        let expected = [
            (RecordKind::Order, "order", "operations"),
            (RecordKind::DriverEvent, "driver_event", "operations"),
            (RecordKind::FinanceEvent, "finance_event", "finance"),
            (RecordKind::ReviewerEvidence, "reviewer_evidence", "audit"),
        ];
        for (kind, name, group) in expected {
            assert_eq!((kind.as_str(), kind.batch_group()), (name, group));
            assert!(BATCH_GROUPS.contains(&group));
            assert_eq!(RecordKind::named(name), Some(kind));
        }
        assert_eq!(
            RecordKind::ALL.map(|kind| kind),
            expected.map(|(kind, _, _)| kind)
        );
    }

    #[test]
    fn problems_carry_distinct_codes_and_their_message_arguments() {
        let text = |value: &str| value.to_owned();
        let cases = [
            (
                Problem::TooLarge,
                "too-large",
                vec![("limit", text("2097152"))],
            ),
            (
                Problem::TooManyRecords,
                "too-many-records",
                vec![("limit", text("20000"))],
            ),
            (Problem::NotUtf8, "not-utf8", vec![]),
            (Problem::Empty, "empty", vec![]),
            (Problem::BrokenJson, "broken-json", vec![]),
            (Problem::NotAnObject, "not-an-object", vec![]),
            (
                Problem::WrongSchema { found: text("v2") },
                "wrong-schema",
                vec![("found", text("v2"))],
            ),
            (
                Problem::WrongTenant {
                    found: text("acme"),
                },
                "wrong-tenant",
                vec![("found", text("acme"))],
            ),
            (
                Problem::UnknownKind { found: text("x") },
                "unknown-kind",
                vec![("found", text("x"))],
            ),
            (
                Problem::UnknownField { field: text("f") },
                "unknown-field",
                vec![("field", text("f"))],
            ),
            (
                Problem::MissingField { field: text("f") },
                "missing-field",
                vec![("field", text("f"))],
            ),
            (
                Problem::InvalidValue { field: text("f") },
                "invalid-value",
                vec![("field", text("f"))],
            ),
            (
                Problem::DuplicateId {
                    id: text("ORD-0001"),
                    first_line: 2,
                },
                "duplicate-id",
                vec![("id", text("ORD-0001")), ("first_line", text("2"))],
            ),
            (
                Problem::UnknownReference {
                    field: text("order_id"),
                    id: text("ORD-9"),
                },
                "unknown-reference",
                vec![("field", text("order_id")), ("id", text("ORD-9"))],
            ),
            (Problem::NoRecords, "no-records", vec![]),
        ];
        for (problem, code, args) in &cases {
            assert_eq!(problem.code(), *code);
            assert_eq!(&problem.args(), args, "{code}");
        }
        let mut codes: Vec<&str> = cases.iter().map(|(problem, _, _)| problem.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), cases.len());
    }
}
