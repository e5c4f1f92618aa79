//! A webhook receiver, as a team would write one: it verifies each delivery's Standard Webhooks
//! signature with the `standardwebhooks` crate, acts on each event once (a repeat carries the
//! same `webhook-id`, so it is acknowledged and skipped), and answers 204 quickly.
//!
//! ```text
//! cargo run --release --example webhook_receiver -- \
//!     --bind 127.0.0.1:8443 --cert cert.pem --key key.pem --secret whsec_…
//! ```
//!
//! With `--log FILE` it appends one JSON line per delivery (its id, type, the event's time,
//! when it arrived, whether it was a repeat): what `scripts/bench` reads.

#![allow(
    clippy::expect_used,
    reason = "an example: a bad argument stops it with a message"
)]

use std::collections::HashSet;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::Parser;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

#[derive(Parser)]
struct Args {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8443")]
    bind: std::net::SocketAddr,
    /// The server's certificate chain (PEM).
    #[arg(long)]
    cert: PathBuf,
    /// Its private key (PEM).
    #[arg(long)]
    key: PathBuf,
    /// The endpoint's signing secret (`whsec_…`), as the console showed it once; repeat for
    /// several endpoints.
    #[arg(long, required = true)]
    secret: Vec<String>,
    /// Append one JSON line per delivery here.
    #[arg(long)]
    log: Option<PathBuf>,
}

struct Receiver {
    verifiers: Vec<standardwebhooks::Webhook>,
    seen: Mutex<HashSet<String>>,
    log: Option<Mutex<std::fs::File>>,
}

impl Receiver {
    /// 204 for a delivery signed by one of our secrets (acted on once), 401 for anything else.
    async fn receive(&self, request: hyper::Request<hyper::body::Incoming>) -> u16 {
        let (parts, body) = request.into_parts();
        let Ok(body) = body.collect().await.map(|b| b.to_bytes()) else {
            return 400;
        };
        if !self
            .verifiers
            .iter()
            .any(|v| v.verify(&body, &parts.headers).is_ok())
        {
            return 401;
        }
        let id = parts.headers["webhook-id"]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        let repeat = !self.seen.lock().expect("seen ids").insert(id.clone());
        if let Some(log) = &self.log {
            let event: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            let arrived = readiness_console::clock::Clock::system()
                .now()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default();
            let line = serde_json::json!({
                "id": id,
                "type": event["type"],
                "at": event["timestamp"],
                "arrived": arrived,
                "repeat": repeat,
            });
            let _ = writeln!(log.lock().expect("log"), "{line}");
        }
        // Act on the event here, once: `repeat` deliveries were acted on already.
        204
    }
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&args.cert)
        .expect("the certificate file")
        .map(|c| c.expect("a certificate"))
        .collect();
    let key = PrivateKeyDer::from_pem_file(&args.key).expect("the key file");
    let tls = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("TLS versions")
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .expect("the certificate and its key");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let receiver = Arc::new(Receiver {
        verifiers: args
            .secret
            .iter()
            .map(|s| standardwebhooks::Webhook::new(s).expect("a whsec_ secret"))
            .collect(),
        seen: Mutex::default(),
        log: args.log.map(|path| {
            Mutex::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .expect("the log file"),
            )
        }),
    });
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .expect("the address to listen on");
    eprintln!("receiving webhooks on https://{}", args.bind);
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            continue;
        };
        let (acceptor, receiver) = (acceptor.clone(), receiver.clone());
        tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(tcp).await else {
                return;
            };
            let service = hyper::service::service_fn(move |request| {
                let receiver = receiver.clone();
                async move {
                    let status = receiver.receive(request).await;
                    hyper::Response::builder()
                        .status(status)
                        .body(Empty::<bytes::Bytes>::new())
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}
