//! The outbox's sender: mails the store has queued (the kallelse to each member) go out over
//! SMTP from a background task, a few at a time, each claimed first so that two servers on one
//! database never send the same mail twice. A mail that fails is tried again on a later round,
//! five times at most; the outbox keeps the last error for the secretary.
//!
//! SMTP, MIME and TLS are `lettre`'s; Kansli only decides what to send and when.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::AppState;

/// Where and as whom mail is sent.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The SMTP server: `smtp://host:25` (plain, for a local relay), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://host:465` (`KANSLI_SMTP_URL`).
    pub smtp_url: String,
    /// The sender (`KANSLI_MAIL_FROM`, e.g. `Kansli <kansli@kommun.se>`).
    pub from: Mailbox,
    /// How often the outbox is looked at.
    pub interval: Duration,
}

/// Why mail cannot be configured.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The sender is not an address.
    #[error("the sender {0:?} is not a mail address: {1}")]
    From(String, lettre::address::AddressError),
    /// The SMTP URL cannot be used.
    #[error("the SMTP URL cannot be used: {0}")]
    Url(#[from] lettre::transport::smtp::Error),
}

impl MailSettings {
    /// Settings from an SMTP URL and a sender, checked.
    ///
    /// # Errors
    /// [`MailError`] naming what is wrong.
    pub fn new(smtp_url: &str, from: &str) -> Result<MailSettings, MailError> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| MailError::From(from.to_string(), e))?;
        AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?;
        Ok(MailSettings {
            smtp_url: smtp_url.to_string(),
            from,
            interval: Duration::from_secs(5),
        })
    }
}

/// Starts the sender when mail is configured; it runs for the life of the process.
pub fn start_sender(state: &AppState) {
    let Some(settings) = state.mail.clone() else {
        return;
    };
    let store = state.store.clone();
    tokio::spawn(async move {
        let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url) {
            Ok(b) => b.timeout(Some(Duration::from_secs(30))).build(),
            Err(e) => {
                tracing::error!(error = %e, "mail is not sent: the SMTP URL cannot be used");
                return;
            }
        };
        loop {
            if let Err(e) = send_round(&store, &transport, &settings).await {
                tracing::warn!(error = %e, "the outbox could not be read");
            }
            tokio::time::sleep(settings.interval).await;
        }
    });
}

async fn send_round(
    store: &kansli_store::Store,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    settings: &Arc<MailSettings>,
) -> Result<(), kansli_store::StoreError> {
    for mail in store.claim_mail(20, 300).await? {
        let message = mail
            .recipient
            .parse::<Mailbox>()
            .map_err(|e| e.to_string())
            .and_then(|to| {
                Message::builder()
                    .from(settings.from.clone())
                    .to(to)
                    .subject(mail.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.body.clone())
                    .map_err(|e| e.to_string())
            });
        let outcome = match message {
            Ok(m) => transport
                .send(m)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match &outcome {
            Ok(()) => tracing::info!(id = mail.id, "mail sent"),
            Err(e) => tracing::warn!(id = mail.id, error = %e, "mail not sent; tried again later"),
        }
        store.mail_done(mail.id, outcome.err().as_deref()).await?;
    }
    Ok(())
}
