//! The target's TLS certificate fingerprint: PostgreSQL's `SSLRequest`, a TLS handshake that
//! records the server's certificate (it verifies nothing: it only looks), and the SHA-256 of the
//! certificate's DER bytes — what `openssl x509 -outform DER | sha256sum` prints.

use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, ring};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::Reason;
use crate::bundle::sha256;

/// `SSLRequest`: length 8, code 80877103.
const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

/// Accepts any certificate: the fingerprint is taken, not trusted here. Signatures are still
/// checked, so the server holds the certificate's key.
#[derive(Debug)]
struct Look(Arc<CryptoProvider>);

impl ServerCertVerifier for Look {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The SHA-256 of the server certificate of `host:port`, or `None` when the server does not
/// offer TLS. Errors are reason codes.
pub async fn fingerprint(host: &str, port: u16, limit: Duration) -> Result<Option<String>, Reason> {
    let work = async {
        let mut tcp = TcpStream::connect((host, port))
            .await
            .map_err(|_| Reason::Unreachable)?;
        tcp.write_all(&SSL_REQUEST)
            .await
            .map_err(|_| Reason::Unreachable)?;
        let mut answer = [0u8; 1];
        tcp.read_exact(&mut answer)
            .await
            .map_err(|_| Reason::Unreachable)?;
        if answer[0] != b'S' {
            return Ok(None);
        }
        let provider = Arc::new(ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|_| Reason::TlsUnavailable)?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Look(provider)))
            .with_no_client_auth();
        let name = ServerName::try_from(host.to_owned()).map_err(|_| Reason::TlsUnavailable)?;
        let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .map_err(|_| Reason::TlsUnavailable)?;
        let certificate = tls
            .get_ref()
            .1
            .peer_certificates()
            .and_then(|certs| certs.first())
            .ok_or(Reason::TlsUnavailable)?;
        Ok(Some(sha256(certificate.as_ref())))
    };
    tokio::time::timeout(limit, work)
        .await
        .unwrap_or(Err(Reason::ConnectTimeout))
}
