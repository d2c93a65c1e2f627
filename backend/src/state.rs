//! What every handler can reach: the database and the auth services.

use crate::auth::AuthService;
use crate::db::Database;

#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub auth: AuthService,
    /// Whether `X-Forwarded-For` names the client (behind a trusted proxy).
    pub trust_proxy: bool,
    /// Where attached documents are stored.
    pub documents_dir: std::path::PathBuf,
    /// Largest document accepted, in bytes.
    pub max_upload_bytes: usize,
    /// The app's public address, for links in e-mails.
    pub public_url: Option<String>,
    /// Sends e-mail when SMTP is configured.
    pub mailer: Option<crate::mail::Mailer>,
    /// The whole portfolio's investment plan, while it is current.
    pub plans: crate::programming::plan::PlanCache,
}
