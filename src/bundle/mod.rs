//! The proof bundle: one tar archive with every packet, the decision summary, the evidence list,
//! the audit events as JSON lines, the signed checkpoints, the public key, and a `SHA256SUMS`
//! manifest, so that `sha256sum -c SHA256SUMS` passes inside the unpacked folder. Building and
//! checking happen in memory; [`verify`] is what `readiness-console verify-bundle` runs.

mod assemble;

pub use assemble::assemble;

use std::collections::BTreeMap;
use std::io::Read as _;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::chain::{self, Event, Verification};
use crate::checkpoint::{Checkpoint, hex};

/// The manifest's name.
pub const MANIFEST: &str = "SHA256SUMS";
/// The audit events, one JSON object per line, oldest first.
pub const EVENTS: &str = "audit-events.jsonl";
/// The signed checkpoints, one JSON object per line.
pub const CHECKPOINTS: &str = "checkpoints.jsonl";
/// The checkpoint signing key's public half, 64 hex digits.
pub const PUBLIC_KEY: &str = "audit-public-key.txt";
/// The decision summary; it names the tenant id and the chain head.
pub const SUMMARY: &str = "summary.json";

/// Lowercase hex SHA-256.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Writes `files` (path inside the folder, bytes) under the folder `dir`, with a `SHA256SUMS`
/// manifest of them all, as a tar archive. Entries carry `mtime` and no owner names.
pub fn build(dir: &str, files: &[(String, Vec<u8>)], mtime: OffsetDateTime) -> Vec<u8> {
    let manifest: String = files
        .iter()
        .map(|(path, bytes)| format!("{}  {path}\n", sha256(bytes)))
        .collect();
    let mut archive = tar::Builder::new(Vec::new());
    let mtime = u64::try_from(mtime.unix_timestamp()).unwrap_or(0);
    let entries = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .chain([(MANIFEST, manifest.as_bytes())]);
    for (path, bytes) in entries {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        // Appending to a Vec cannot fail; a path tar cannot hold is a bug caught by tests.
        if let Err(error) = archive.append_data(&mut header, format!("{dir}/{path}"), bytes) {
            tracing::error!(%error, path, "cannot add a file to the proof bundle");
        }
    }
    archive.into_inner().unwrap_or_default()
}

/// Reads `checkpoints.jsonl`.
pub fn read_checkpoints(bytes: &[u8]) -> Result<Vec<Checkpoint>, String> {
    read_lines(bytes)
}

fn read_lines<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<Vec<T>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// What `verify-bundle` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Files listed in the manifest whose digest matched.
    pub files_ok: usize,
    /// Everything wrong, one sentence each; empty when the bundle verifies.
    pub problems: Vec<String>,
    /// The chain inside, checked against its checkpoints, if it could be read.
    pub chain: Option<Verification>,
    /// The public key the bundle carries (`audit-public-key.txt`), as read.
    pub carried_key: String,
}

impl Report {
    /// Whether the bundle verifies.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Refuses the bundle unless its head is covered by a signed checkpoint. A bundle whose
    /// head is not checkpointed is refused by [`verify`] already (every bundle is downloaded
    /// with its head pinned); this also refuses one whose chain is empty, which has no head to
    /// sign.
    pub fn require_signed_head(&mut self) {
        if let Some(chain @ Verification::Intact { events: 0, .. }) = &self.chain
            && !chain.head_is_signed()
        {
            self.problems.push(format!(
                "{EVENTS} holds no event: there is no head a signed checkpoint could cover"
            ));
        }
    }
}

/// The summary fields the check needs.
#[derive(serde::Deserialize)]
struct SummaryHead {
    tenant_id: Uuid,
    audit_head: HeadRef,
}

#[derive(serde::Deserialize)]
struct HeadRef {
    seq: i64,
    hash: String,
    /// Events from here on must be signed. A bundle that does not say is held to all of them.
    #[serde(default = "first_event")]
    signed_from: i64,
}

fn first_event() -> i64 {
    1
}

/// Checks a bundle: every file against the manifest (and no file outside it), then the audit
/// chain inside against its head, each event's signature and the checkpoints, under `trusted`
/// (hex public key) if given, else under the public key the bundle carries. The bundle must
/// carry a checkpoint of its own head: that checkpoint is what a reader keeps. With a
/// `trusted` key, a bundle in which nothing is signed does not verify: the key vouched for
/// nothing.
pub fn verify(archive: &[u8], trusted: Option<&str>) -> Report {
    let mut report = Report::default();
    let files = match unpack(archive) {
        Ok(files) => files,
        Err(error) => {
            report
                .problems
                .push(format!("not a readable tar archive: {error}"));
            return report;
        }
    };
    let Some(manifest) = files.get(MANIFEST) else {
        report.problems.push(format!("{MANIFEST} is missing"));
        return report;
    };
    let mut listed = BTreeMap::new();
    for (i, line) in String::from_utf8_lossy(manifest).lines().enumerate() {
        match line.split_once("  ") {
            Some((digest, path)) if digest.len() == 64 => {
                listed.insert(path.to_owned(), digest.to_owned());
            }
            _ => report
                .problems
                .push(format!("{MANIFEST} line {} is not `digest  path`", i + 1)),
        }
    }
    for (path, digest) in &listed {
        match files.get(path.as_str()) {
            None => report
                .problems
                .push(format!("{path} is listed in {MANIFEST} but missing")),
            Some(bytes) if sha256(bytes) != *digest => report
                .problems
                .push(format!("{path} does not match its digest in {MANIFEST}")),
            Some(_) => report.files_ok += 1,
        }
    }
    for path in files.keys().filter(|p| p.as_str() != MANIFEST) {
        if !listed.contains_key(path) {
            report
                .problems
                .push(format!("{path} is not listed in {MANIFEST}"));
        }
    }
    let read = |name: &str| files.get(name).map(Vec::as_slice).unwrap_or_default();
    let summary: Result<SummaryHead, _> = serde_json::from_slice(read(SUMMARY));
    let events: Result<Vec<Event>, _> = read_lines(read(EVENTS));
    let checkpoints = read_checkpoints(read(CHECKPOINTS));
    let key = String::from_utf8_lossy(read(PUBLIC_KEY)).trim().to_owned();
    report.carried_key.clone_from(&key);
    match (summary, events, checkpoints) {
        (Ok(summary), Ok(events), Ok(checkpoints)) => {
            let trusted_given = trusted;
            let trusted = trusted.unwrap_or(&key);
            let head = &summary.audit_head;
            let verification = chain::check(
                summary.tenant_id,
                &events,
                Some((head.seq, &head.hash)),
                &checkpoints,
                Some(trusted),
                head.signed_from,
            );
            if let Verification::Broken { seq, reason } = &verification {
                report.problems.push(format!(
                    "the audit chain in {EVENTS} is broken at event #{seq}: {reason}"
                ));
            }
            if let (Some(given), Verification::Intact { signatures: 0, .. }) =
                (trusted_given, &verification)
            {
                report.problems.push(format!(
                    "nothing in the bundle is signed: no signature to check under the public \
                     key given, {given}"
                ));
            }
            if head.seq > 0
                && !checkpoints
                    .iter()
                    .any(|c| c.seq == head.seq && c.hash == head.hash)
            {
                let newest = checkpoints
                    .iter()
                    .map(|c| c.seq)
                    .filter(|seq| *seq < head.seq)
                    .max()
                    .unwrap_or(0);
                report.problems.push(format!(
                    "{CHECKPOINTS} has no checkpoint of the head, event #{}: {}",
                    head.seq,
                    chain::unpinned_sentence(newest + 1, head.seq)
                ));
            }
            report.chain = Some(verification);
        }
        (summary, events, checkpoints) => {
            if let Err(error) = summary {
                report
                    .problems
                    .push(format!("{SUMMARY} cannot be read: {error}"));
            }
            if let Err(error) = events {
                report
                    .problems
                    .push(format!("{EVENTS} cannot be read: {error}"));
            }
            if let Err(error) = checkpoints {
                report
                    .problems
                    .push(format!("{CHECKPOINTS} cannot be read: {error}"));
            }
        }
    }
    report
}

/// The archive's regular files by path inside the bundle's folder.
fn unpack(archive: &[u8]) -> std::io::Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    let mut reader = tar::Archive::new(archive);
    for entry in reader.entries()? {
        let mut entry = entry?;
        if entry.header().entry_type() != tar::EntryType::Regular {
            continue;
        }
        let path = entry.path()?.to_string_lossy().into_owned();
        let inner = path.split_once('/').map_or(path.as_str(), |(_, rest)| rest);
        let inner = inner.to_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        files.insert(inner, bytes);
    }
    Ok(files)
}

/// One JSON object per line.
pub fn json_lines<T: serde::Serialize>(rows: &[T]) -> Vec<u8> {
    let mut out = Vec::new();
    for row in rows {
        if serde_json::to_writer(&mut out, row).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::fixtures::signed_chain;
    use crate::checkpoint::CheckpointKey;
    use time::macros::datetime;

    const TENANT: Uuid = Uuid::from_u128(0xB0B);
    const AT: OffsetDateTime = datetime!(2026-11-22 09:00 UTC);

    /// A bundle of a chain of `length` signed events, checkpointed at `checkpointed`.
    fn bundle(key: &CheckpointKey, length: i64, checkpointed: &[i64]) -> Vec<u8> {
        let events = signed_chain(key, TENANT, length, AT, |_| "gates.g".to_owned());
        let head = events.last().map(|e| e.hash.clone()).unwrap_or_default();
        let checkpoints: Vec<Checkpoint> = checkpointed
            .iter()
            .map(|&seq| {
                key.sign(
                    TENANT,
                    seq,
                    &events[usize::try_from(seq - 1).unwrap()].hash,
                    AT,
                )
            })
            .collect();
        let summary = serde_json::json!({
            "tenant_id": TENANT,
            "audit_head": { "seq": length, "hash": head, "signed_from": 1 },
        });
        let files = vec![
            (SUMMARY.to_owned(), summary.to_string().into_bytes()),
            (EVENTS.to_owned(), json_lines(&events)),
            (CHECKPOINTS.to_owned(), json_lines(&checkpoints)),
            (
                PUBLIC_KEY.to_owned(),
                format!("{}\n", key.public_hex()).into_bytes(),
            ),
        ];
        build("bfg-control-proof", &files, AT)
    }

    #[test]
    fn a_bundle_names_the_events_no_checkpoint_covers_and_a_given_key_must_check_something() {
        let key = CheckpointKey::from_seed([5; 32]);
        let public = key.public_hex();
        /// Events, checkpointed at, key given, --require-signed-head, a problem containing.
        type Case = (i64, &'static [i64], bool, bool, Option<&'static str>);
        let cases: [Case; 7] = [
            (3, &[3], true, true, None),
            (3, &[1, 3], false, false, None),
            (
                3,
                &[1],
                true,
                false,
                Some("events #2–#3 are covered by their own signatures"),
            ),
            (
                3,
                &[2],
                true,
                true,
                Some("event #3 is covered by its own signature"),
            ),
            (
                3,
                &[],
                false,
                false,
                Some("events #1–#3 are covered by their own signatures"),
            ),
            (0, &[], true, false, Some("nothing in the bundle is signed")),
            (0, &[], false, true, Some("there is no head")),
        ];
        for (length, checkpointed, given, require, problem) in cases {
            let bytes = bundle(&key, length, checkpointed);
            let mut report = verify(&bytes, given.then_some(public.as_str()));
            if require {
                report.require_signed_head();
            }
            let case = format!("{length} events, checkpoints {checkpointed:?}, given {given}");
            match problem {
                None => assert!(report.ok(), "{case}: {:?}", report.problems),
                Some(text) => assert!(
                    report.problems.iter().any(|p| p.contains(text)),
                    "{case}: {:?}",
                    report.problems
                ),
            }
        }
        // An empty bundle under the key it carries has nothing wrong with it, and nothing to
        // vouch for: it passes only without a key given and without a signed head required.
        assert!(verify(&bundle(&key, 0, &[]), None).ok());
    }
}
