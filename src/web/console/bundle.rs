//! Assembles the proof bundle from one consistent read: packets, summary, evidence list, audit
//! events, checkpoints and the public key (see [`crate::bundle`] for the archive and its check).

use serde_json::json;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::bundle::{self, CHECKPOINTS, EVENTS, PUBLIC_KEY, SUMMARY};
use crate::db::proof::bundle_source;
use crate::readiness::catalogue::LADDER;
use crate::readiness::packets::{self, PacketInputs};
use crate::readiness::{self, Status};
use crate::web::{AppError, AppState, Result};

/// The bundle's file name and bytes.
pub(super) async fn proof_bundle(app: &AppState, slug: &str) -> Result<(String, Vec<u8>)> {
    let source = bundle_source(&app.pool, slug, &app.key, &app.clock)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let public_key = app.key.public_hex();
    tokio::task::spawn_blocking(move || {
        let console = &source.console;
        let evaluation = readiness::evaluate(&console.catalogue, &console.state);
        let packets = packets::all(&PacketInputs {
            tenant: &console.slug,
            state: &console.state,
            evaluation: &evaluation,
        });
        let (head_seq, head_hash) = &source.chain.head;
        let decision = evaluation.decision;
        let blockers: Vec<_> = LADDER
            .iter()
            .skip_while(|rung| rung.code != decision)
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
            .collect();
        let sections: serde_json::Map<String, serde_json::Value> = evaluation
            .sections
            .iter()
            .map(|s| (s.key.clone(), json!(s.count.to_string())))
            .collect();
        let snapshot = console.state.snapshot.as_ref().map(|s| {
            json!({ "version": s.version, "rows": s.rows, "checksum": s.checksum,
                    "batch_rows": s.batch_rows })
        });
        // The latest sign-off, and for a GO the state it was given on or what withdrew it.
        let signature = console.state.signoff.as_ref().map(|s| {
            let at = |t: &OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
            json!({
                "state": evaluation.signature.as_str(),
                "decision": if s.go { "GO" } else { "NO_GO" },
                "holds": evaluation.signature == readiness::Signature::Standing,
                "actor": s.actor,
                "signed_at": at(&s.at),
                "reason": s.reason,
                "state_digest": s.state_digest,
                "state_seq": s.state_seq,
                "withdrawal": s.withdrawal.as_ref().map(|w| json!({
                    "seq": w.seq,
                    "actor": w.actor,
                    "action": w.action.map(|a| a.as_str()),
                    "item": w.item,
                    "at": at(&w.at),
                })),
            })
        });
        let summary = json!({
            "contract": "BFGProofBundle.v1",
            "tenant": console.slug,
            "tenant_id": console.tenant_id,
            "tenant_name": console.state.profile.name,
            "generated_at": now.format(&Rfc3339).unwrap_or_default(),
            "decision": decision.as_str(),
            "go": decision.is_go(),
            "signature": signature,
            "next_action": match &evaluation.next_action {
                Some(readiness::NextAction::Item { key, .. }) => json!(key),
                Some(readiness::NextAction::SignOff) => json!("signoff"),
                None => serde_json::Value::Null,
            },
            "sections": sections,
            "blockers": blockers,
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
        });
        let mut files: Vec<(String, Vec<u8>)> = packets
            .iter()
            .map(|p| {
                (
                    format!("packets/{}", p.filename(&console.slug)),
                    p.body.clone().into_bytes(),
                )
            })
            .collect();
        let mut summary = serde_json::to_vec_pretty(&summary).unwrap_or_default();
        summary.push(b'\n');
        files.push((SUMMARY.to_owned(), summary));
        files.push((
            "evidence.jsonl".to_owned(),
            bundle::json_lines(&source.evidence),
        ));
        files.push((EVENTS.to_owned(), bundle::json_lines(&source.chain.events)));
        files.push((
            CHECKPOINTS.to_owned(),
            bundle::json_lines(&source.chain.checkpoints),
        ));
        files.push((
            PUBLIC_KEY.to_owned(),
            format!("{public_key}\n").into_bytes(),
        ));
        let dir = format!("{}-proof-{head_seq}", console.slug);
        let archive = bundle::build(&dir, &files, now);
        (format!("{dir}.tar"), archive)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}
