//! The commands behind `innovaction <subcommand>`, apart from `serve`.

use crate::audit::{self, Change};
use crate::auth::password::{hash_blocking, is_common};
use crate::config::Config;
use crate::db::{connection::Manager, DbConnection};
use crate::error::ApiError;
use crate::users::repo::{self, NewUser};
use anyhow::{bail, Context};
use diesel::Connection;
use shared::auth::Role;
use shared::users::{CreateUser, User};
use shared::validation::Validate;

pub const DEMO_ADMIN_EMAIL: &str = "admin@innovaction.local";

fn connect(config: &Config) -> anyhow::Result<DbConnection> {
    crate::startup::migrate(config)?;
    Manager::establish(&config.database.url).context("connecting to the database")
}

fn describe(error: ApiError) -> anyhow::Error {
    let details: Vec<String> = error
        .details
        .iter()
        .map(|d| format!("{}: {}", d.field, d.message))
        .collect();
    if details.is_empty() {
        anyhow::anyhow!("{}", error.message)
    } else {
        anyhow::anyhow!("{} ({})", error.message, details.join("; "))
    }
}

/// Creates an account with the same rules as `POST /api/v1/users`.
pub fn create_user(config: &Config, input: CreateUser) -> anyhow::Result<User> {
    let problems = input.validate();
    if !problems.is_empty() {
        return Err(describe(ApiError::validation(problems)));
    }
    if is_common(&input.password) {
        bail!("this password is too common; choose a longer, less predictable one");
    }
    let password_hash = hash_blocking(&input.password).map_err(describe)?;
    let mut conn = connect(config)?;
    conn.transaction(|conn| {
        let user = repo::insert(conn, NewUser::active(input, password_hash))?.to_api()?;
        audit::record(
            conn,
            Change {
                actor: None,
                api_key: None,
                entity: "user",
                entity_id: user.id.to_string(),
                action: "create",
            },
            None::<&User>,
            Some(&user),
        )?;
        Ok::<_, ApiError>(user)
    })
    .map_err(describe)
}

/// What `seed-demo` did, for the run script to print.
pub struct SeedOutcome {
    pub admin: AdminOutcome,
    /// Projects and actors added, when the demo portfolio was loaded now.
    pub portfolio: Option<(usize, usize)>,
}

pub enum AdminOutcome {
    Created { email: String, password: String },
    Exists { email: String },
}

/// Prepares a database for a first look: an admin account whose generated
/// password is printed and kept in `DATA_DIR/initial-admin-password` (mode
/// 0600), and, on a database without projects, the demo portfolio.
pub fn seed_demo(config: &Config) -> anyhow::Result<SeedOutcome> {
    let admin = ensure_admin(config)?;
    let mut conn = connect(config)?;
    let portfolio = crate::demo::seed(&mut conn)
        .map_err(describe)?
        .map(|summary| (summary.projects, summary.actors));
    Ok(SeedOutcome { admin, portfolio })
}

fn ensure_admin(config: &Config) -> anyhow::Result<AdminOutcome> {
    let mut conn = connect(config)?;
    if let Some(existing) = repo::find_by_email(&mut conn, DEMO_ADMIN_EMAIL).map_err(describe)? {
        return Ok(AdminOutcome::Exists {
            email: existing.email,
        });
    }
    drop(conn);
    let password = generate_password();
    create_user(
        config,
        CreateUser {
            email: DEMO_ADMIN_EMAIL.to_owned(),
            display_name: "Administrateur".to_owned(),
            role: Role::Admin,
            password: password.clone(),
            actor_id: None,
        },
    )?;
    std::fs::create_dir_all(&config.data_dir)?;
    crate::secrets::write_private(
        &config.data_dir.join("initial-admin-password"),
        format!("{password}\n").as_bytes(),
    )?;
    Ok(AdminOutcome::Created {
        email: DEMO_ADMIN_EMAIL.to_owned(),
        password,
    })
}

/// 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
fn generate_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// `send-reminders`: one run of the reminders and digests for `today`.
pub fn send_reminders(
    config: &Config,
    today: chrono::NaiveDate,
) -> anyhow::Result<crate::notifications::reminders::RunReport> {
    crate::startup::migrate(config)?;
    let database = crate::db::Database::new(&config.database)?;
    let mailer = config.server.smtp.clone().map(crate::mail::Mailer::new);
    let public_url = config.server.public_url.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime
        .block_on(async {
            crate::notifications::reminders::run(
                &database,
                mailer.as_ref(),
                public_url.as_deref(),
                today,
            )
            .await
        })
        .map_err(describe)
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_passwords_pass_the_policy() {
        let a = super::generate_password();
        assert_eq!(a.chars().count(), 20);
        assert!(!super::is_common(&a));
        assert_ne!(a, super::generate_password());
    }
}
