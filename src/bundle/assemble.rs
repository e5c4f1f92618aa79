//! Assembles the proof bundle from one consistent read ([`BundleSource`]): packets, summary,
//! evidence list, audit events, checkpoints and the public key.

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{CHECKPOINTS, EVENTS, PUBLIC_KEY, SUMMARY, build, json_lines};
use crate::db::proof::BundleSource;
use crate::readiness::packets::{self, Packet, PacketInputs};
use crate::readiness::state::Signoff;
use crate::readiness::{self, Evaluation, Status};

/// The bundle's file name and bytes, generated at `now`, naming `public_key` (hex) as the key
/// its checkpoints verify under.
pub fn assemble(source: &BundleSource, public_key: &str, now: OffsetDateTime) -> (String, Vec<u8>) {
    let console = &source.console;
    let evaluation = readiness::evaluate(&console.catalogue, &console.state);
    let packets = packets::all(&PacketInputs {
        tenant: &console.slug,
        state: &console.state,
        evaluation: &evaluation,
    });
    let file_of = |p: &Packet| format!("packets/{}", p.filename(&console.slug));
    let mut files: Vec<(String, Vec<u8>)> = packets
        .iter()
        .map(|p| (file_of(p), p.body.clone().into_bytes()))
        .collect();
    let summary = summary(source, &evaluation, &packets, public_key, now);
    let mut summary = serde_json::to_vec_pretty(&summary).unwrap_or_default();
    summary.push(b'\n');
    files.push((SUMMARY.to_owned(), summary));
    files.push(("evidence.jsonl".to_owned(), json_lines(&source.evidence)));
    files.push((EVENTS.to_owned(), json_lines(&source.chain.events)));
    files.push((
        CHECKPOINTS.to_owned(),
        json_lines(&source.chain.checkpoints),
    ));
    files.push((
        PUBLIC_KEY.to_owned(),
        format!("{public_key}\n").into_bytes(),
    ));
    let dir = format!("{}-proof-{}", console.slug, source.chain.head.0);
    let archive = build(&dir, &files, now);
    (format!("{dir}.tar"), archive)
}

/// `summary.json`: the decision, what blocks each rung from here, the figures, the signature
/// and the chain head the bundle was cut at.
fn summary(
    source: &BundleSource,
    evaluation: &Evaluation,
    packets: &[Packet],
    public_key: &str,
    now: OffsetDateTime,
) -> Value {
    let console = &source.console;
    let (head_seq, head_hash) = &source.chain.head;
    let decision = evaluation.decision;
    let sections: serde_json::Map<String, Value> = evaluation
        .sections
        .iter()
        .map(|s| (s.key.clone(), json!(s.count.to_string())))
        .collect();
    let snapshot = console.state.snapshot.as_ref().map(|s| {
        json!({ "version": s.version, "rows": s.rows, "checksum": s.checksum,
                "batch_rows": s.batch_rows })
    });
    json!({
        "contract": "BFGProofBundle.v1",
        "tenant": console.slug,
        "tenant_id": console.tenant_id,
        "tenant_name": console.state.profile.name,
        "generated_at": rfc3339(&now),
        "decision": decision.as_str(),
        "go": decision.is_go(),
        "signature": console.state.signoff.as_ref()
            .map(|s| signature(s, &console.state, evaluation)),
        "next_action": match &evaluation.next_action {
            Some(readiness::NextAction::Item { key, .. }) => json!(key),
            Some(readiness::NextAction::SignOff) => json!("signoff"),
            None => Value::Null,
        },
        "sections": sections,
        "blockers": blockers(evaluation),
        "audit_head": {
            "seq": head_seq,
            "hash": head_hash,
            "signed_from": source.chain.signed_from,
        },
        "checkpoints": source.chain.checkpoints.len(),
        "public_key": public_key,
        "snapshot": snapshot,
        "packets": packets.iter().map(|p| json!({
            "name": p.key,
            "file": format!("packets/{}", p.filename(&console.slug)),
            "sha256": p.sha256(),
        })).collect::<Vec<_>>(),
    })
}

/// From the current rung up: each rung's code and the items not ready that it requires.
fn blockers(evaluation: &Evaluation) -> Vec<Value> {
    evaluation
        .ladder
        .iter()
        .skip_while(|rung| rung.code != evaluation.decision)
        .map(|rung| {
            let items: Vec<&str> = rung
                .requires
                .iter()
                .filter_map(|s| evaluation.section(s))
                .flat_map(|s| s.items.iter().filter(|i| i.status != Status::Ready))
                .map(|i| i.key.as_str())
                .collect();
            json!({ "decision": rung.code.as_str(), "items": items })
        })
        .collect()
}

/// The latest sign-off, and for a GO the state it was given on or what withdrew it; with how
/// many distinct managing directors' GO signatures stand of how many the programme requires,
/// and whose they are.
fn signature(
    signoff: &Signoff,
    state: &readiness::ReadinessState,
    evaluation: &Evaluation,
) -> Value {
    let signers: Vec<Value> = readiness::signature::round(state)
        .into_iter()
        .map(|s| {
            json!({ "actor": s.actor, "signed_at": rfc3339(&s.at),
                         "state_digest": s.state_digest, "state_seq": s.state_seq })
        })
        .collect();
    json!({
        "state": evaluation.signature.as_str(),
        "decision": signoff.decision().as_str(),
        "holds": evaluation.signature == readiness::Signature::Standing,
        "actor": signoff.actor,
        "signed_at": rfc3339(&signoff.at),
        "reason": signoff.reason,
        "state_digest": signoff.state_digest,
        "state_seq": signoff.state_seq,
        "withdrawal": signoff.withdrawal.as_ref().map(|w| json!({
            "seq": w.seq,
            "actor": w.actor,
            "action": w.action.map(|a| a.as_str()),
            "item": w.item,
            "at": rfc3339(&w.at),
        })),
        "signatures": {
            "signed": evaluation.signatures.ready,
            "required": evaluation.signatures.total,
            "signers": signers,
        },
    })
}

fn rfc3339(at: &OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}
