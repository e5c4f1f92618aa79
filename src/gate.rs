//! `readiness-console gate`: a deployment gate for CI. It asks a console's API for a tenant's
//! readiness and exits 0 at GO, 1 when not GO, 2 when it cannot tell. A thin client: the
//! decision and what blocks it are the console's; this only reads them.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::config::{GateArgs, GateOutput};

/// Exit code: production may go.
pub const GO: u8 = 0;
/// Exit code: not GO.
pub const NOT_GO: u8 = 1;
/// Exit code: the gate cannot tell.
pub const UNKNOWN: u8 = 2;

/// The envelope of the readiness answer, as far as the gate reads it.
#[derive(Debug, Deserialize)]
struct Envelope {
    data: Readiness,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Readiness {
    decision: String,
    go: bool,
    #[serde(default)]
    blockers: Vec<Blocker>,
    signatures: Signatures,
}

#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Blocker {
    key: String,
    title: String,
    status: String,
    owner: Option<Owner>,
    #[serde(default)]
    can_act: Vec<Owner>,
}

#[derive(Debug, Deserialize, serde::Serialize)]
struct Owner {
    name: String,
}

#[derive(Debug, Deserialize)]
struct Signatures {
    count: u32,
    required: u32,
}

/// A problem document, as far as the gate reads it.
#[derive(Debug, Deserialize)]
struct Problem {
    code: String,
    detail: String,
}

/// What one question found.
enum Answer {
    /// The readiness, and its entity tag.
    Known(Readiness, Option<String>),
    /// Unchanged since the tag sent.
    Unchanged,
    /// The gate cannot tell, for this reason.
    Unknown(String),
}

/// The sentence of a decision that is not GO: the decision, then who and what it waits on.
fn sentence(tenant: &str, r: &Readiness) -> String {
    if r.go {
        return format!("GO: {tenant} may deploy");
    }
    // Those someone can act on now first; an item that waits on another is named by it.
    let open: Vec<String> = r
        .blockers
        .iter()
        .filter(|b| b.status == "open")
        .map(|b| {
            let who: Vec<&str> = match &b.owner {
                Some(owner) => vec![owner.name.as_str()],
                None => b.can_act.iter().map(|o| o.name.as_str()).collect(),
            };
            if who.is_empty() {
                b.title.clone()
            } else {
                format!("{} ({})", who.join(" or "), b.title)
            }
        })
        .collect();
    if !open.is_empty() {
        return format!("NO-GO: {} — waiting on: {}", r.decision, open.join(", "));
    }
    if r.blockers.is_empty() {
        return format!(
            "NO-GO: {} — waiting on the sign-off ({} of {} signatures)",
            r.decision, r.signatures.count, r.signatures.required
        );
    }
    let waiting: Vec<&str> = r.blockers.iter().map(|b| b.title.as_str()).collect();
    format!("NO-GO: {} — waiting on: {}", r.decision, waiting.join(", "))
}

/// Asks once.
async fn ask(client: &reqwest::Client, url: &str, key: &str, etag: Option<&str>) -> Answer {
    let mut request = client.get(url).bearer_auth(key);
    if let Some(tag) = etag {
        request = request.header(reqwest::header::IF_NONE_MATCH, tag);
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => {
            let reason = if error.is_timeout() {
                "it did not answer in time".to_owned()
            } else {
                "it cannot be reached".to_owned()
            };
            return Answer::Unknown(format!("cannot ask {url}: {reason}"));
        }
    };
    let status = response.status();
    if status == reqwest::StatusCode::NOT_MODIFIED {
        return Answer::Unchanged;
    }
    let tag = response
        .headers()
        .get(reqwest::header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = match response.bytes().await {
        Ok(body) => body,
        Err(_) => return Answer::Unknown(format!("{url} ended its answer early")),
    };
    if !status.is_success() {
        return Answer::Unknown(match serde_json::from_slice::<Problem>(&body) {
            Ok(problem) => format!("{} ({}): {}", status.as_u16(), problem.code, problem.detail),
            Err(_) => format!("{url} answered {status}"),
        });
    }
    match serde_json::from_slice::<Envelope>(&body) {
        Ok(envelope) => Answer::Known(envelope.data, tag),
        Err(_) => Answer::Unknown(format!("{url} answered something that is not a readiness")),
    }
}

fn print(args: &GateArgs, readiness: Option<&Readiness>, text: &str, code: u8) {
    match args.output {
        GateOutput::Text => {
            if code == UNKNOWN {
                eprintln!("readiness-console gate: {text}");
            } else {
                #[allow(clippy::print_stdout, reason = "the gate's answer is its output")]
                {
                    println!("{text}");
                }
            }
        }
        GateOutput::Json => {
            let json = serde_json::json!({
                "tenant": args.tenant,
                "go": code == GO,
                "exit": code,
                "decision": readiness.map(|r| r.decision.as_str()),
                "blockers": readiness.map(|r| &r.blockers),
                "message": text,
            });
            #[allow(clippy::print_stdout, reason = "the gate's answer is its output")]
            {
                println!("{json}");
            }
        }
    }
}

/// Runs the gate.
pub async fn run(args: &GateArgs) -> ExitCode {
    let key = std::env::var("READINESS_API_KEY").unwrap_or_default();
    if key.trim().is_empty() {
        print(
            args,
            None,
            "set READINESS_API_KEY to an API key of the tenant",
            UNKNOWN,
        );
        return ExitCode::from(UNKNOWN);
    }
    let url = format!(
        "{}/v1/tenants/{}/readiness",
        args.url.trim_end_matches('/'),
        args.tenant
    );
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .user_agent(concat!(
            "readiness-console-gate/",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
    {
        Ok(client) => client,
        Err(_) => {
            print(args, None, "cannot start an HTTP client", UNKNOWN);
            return ExitCode::from(UNKNOWN);
        }
    };
    let deadline = Instant::now() + args.timeout.0;
    let mut pause = Duration::from_secs(2);
    let mut last: Option<(Readiness, Option<String>)> = None;
    loop {
        let etag = last.as_ref().and_then(|(_, t)| t.as_deref());
        match ask(&client, &url, key.trim(), etag).await {
            Answer::Known(readiness, tag) => last = Some((readiness, tag)),
            Answer::Unchanged => {}
            Answer::Unknown(reason) => {
                print(args, None, &reason, UNKNOWN);
                return ExitCode::from(UNKNOWN);
            }
        }
        let Some((readiness, _)) = &last else {
            print(args, None, "no readiness was read", UNKNOWN);
            return ExitCode::from(UNKNOWN);
        };
        let code = if readiness.go { GO } else { NOT_GO };
        let now = Instant::now();
        if code == GO || !args.wait || now >= deadline {
            print(
                args,
                Some(readiness),
                &sentence(&args.tenant, readiness),
                code,
            );
            return ExitCode::from(code);
        }
        tokio::time::sleep(pause.min(deadline - now)).await;
        pause = (pause * 2).min(Duration::from_secs(60));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocker(title: &str, status: &str, owner: Option<&str>) -> Blocker {
        Blocker {
            key: title.to_lowercase(),
            title: title.to_owned(),
            status: status.to_owned(),
            owner: owner.map(|name| Owner {
                name: name.to_owned(),
            }),
            can_act: Vec::new(),
        }
    }

    #[test]
    fn not_go_names_the_decision_and_who_it_waits_on() {
        let r = Readiness {
            decision: "BLOCKED_PENDING_DRY_RUN".into(),
            go: false,
            blockers: vec![
                blocker("Connection probes", "open", Some("Marek Zielinski")),
                blocker("Dry run", "waiting", None),
                Blocker {
                    can_act: vec![
                        Owner {
                            name: "Anna Kowalska".into(),
                        },
                        Owner {
                            name: "Marek Zielinski".into(),
                        },
                    ],
                    ..blocker("Endpoint reachability", "open", None)
                },
            ],
            signatures: Signatures {
                count: 0,
                required: 1,
            },
        };
        assert_eq!(
            sentence("bfg-control", &r),
            "NO-GO: BLOCKED_PENDING_DRY_RUN — waiting on: Marek Zielinski (Connection probes), \
             Anna Kowalska or Marek Zielinski (Endpoint reachability)"
        );
        let signing = Readiness {
            decision: "BLOCKED_PENDING_SIGNOFF".into(),
            blockers: vec![],
            signatures: Signatures {
                count: 1,
                required: 2,
            },
            ..r
        };
        assert_eq!(
            sentence("bfg-control", &signing),
            "NO-GO: BLOCKED_PENDING_SIGNOFF — waiting on the sign-off (1 of 2 signatures)"
        );
    }
}
