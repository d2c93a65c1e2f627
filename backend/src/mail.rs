//! Outgoing e-mail, through the town's SMTP relay: invitations and the
//! notifications' digests.

use crate::config::SmtpConfig;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use shared::access::Invitation;

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    pub fn new(config: SmtpConfig) -> Self {
        // Plain SMTP to a relay on the local network; the relay owns the
        // connection to the outside world.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host)
            .port(config.port)
            .build();
        Self {
            transport,
            from: config.from,
        }
    }

    /// The invitation e-mail, in French then English.
    pub async fn send_invitation(&self, invitation: &Invitation, link: &str) -> anyhow::Result<()> {
        let to: Mailbox = format!("{} <{}>", invitation.display_name, invitation.email).parse()?;
        let from: Mailbox = self.from.parse()?;
        let body = format!(
            "Bonjour {name},\n\n\
             Vous êtes invité(e) à suivre vos projets dans Innov'Action.\n\
             Choisissez votre mot de passe avec ce lien, valable 7 jours et une seule fois :\n\n\
             {link}\n\n\
             ---\n\n\
             Hello {name},\n\n\
             You are invited to follow your projects in Innov'Action.\n\
             Choose your password with this link, valid once for 7 days:\n\n\
             {link}\n",
            name = invitation.display_name,
        );
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject("Invitation à Innov'Action")
            .header(ContentType::TEXT_PLAIN)
            .body(body)?;
        self.transport.send(message).await?;
        Ok(())
    }

    /// A plain-text message in UTF-8.
    pub async fn send_text(
        &self,
        to_name: &str,
        to_email: &str,
        subject: &str,
        body: String,
    ) -> anyhow::Result<()> {
        let to = Mailbox::new(Some(to_name.to_owned()), to_email.parse()?);
        let from: Mailbox = self.from.parse()?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)?;
        self.transport.send(message).await?;
        Ok(())
    }
}
