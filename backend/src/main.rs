//! `innovaction`: serve the app, or run one of its maintenance commands.

use anyhow::Context;
use backend::cli::{self, AdminOutcome};
use backend::config::Config;
use backend::startup::{self, Application};
use clap::{Parser, Subcommand};
use shared::auth::Role;
use shared::users::CreateUser;
use std::io::BufRead;

#[derive(Parser)]
#[command(
    name = "innovaction",
    version,
    about = "Innov'Action: a territorial project portfolio"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a user account.
    CreateUser {
        #[arg(long)]
        email: String,
        /// admin, manager, engineer, viewer or partner.
        #[arg(long)]
        role: Role,
        #[arg(long, default_value = "")]
        display_name: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Prepare a demonstration database (admin account, demo portfolio).
    SeedDemo,
    /// Make the reminders of a day and send the e-mail digests due, once
    /// (for cron; the server also runs them every hour).
    SendReminders {
        /// The day to run for (YYYY-MM-DD); today by default.
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    backend::telemetry::init_logging();
    let config = Config::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::SendReminders { as_of } => {
            let today = as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let report = cli::send_reminders(&config, today)?;
            println!(
                "{today}: {} reminder(s) made, {} digest(s) sent ({} notification(s))",
                report.reminders, report.digests, report.emailed
            );
            Ok(())
        }
        Command::Migrate => {
            let applied = startup::migrate(&config)?;
            println!(
                "{} migration(s) applied on {}",
                applied.len(),
                config.database.url.redacted()
            );
            Ok(())
        }
        Command::CreateUser {
            email,
            role,
            display_name,
            password_stdin: _,
        } => {
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .context("reading the password")?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            let display_name = if display_name.trim().is_empty() {
                email.split('@').next().unwrap_or_default().to_owned()
            } else {
                display_name
            };
            let user = cli::create_user(
                &config,
                CreateUser {
                    email,
                    display_name,
                    role,
                    password,
                    actor_id: None,
                },
            )?;
            println!("created user #{} <{}> ({})", user.id, user.email, user.role);
            Ok(())
        }
        Command::SeedDemo => {
            let outcome = cli::seed_demo(&config)?;
            if let Some((projects, actors)) = outcome.portfolio {
                println!("Portefeuille de démonstration chargé / demo portfolio loaded: {projects} projets, {actors} acteurs");
            }
            match outcome.admin {
                AdminOutcome::Created { email, password } => {
                    println!("Compte administrateur / admin login");
                    println!("  e-mail:       {email}");
                    println!("  mot de passe: {password}");
                    println!(
                        "  (also kept in {}/initial-admin-password)",
                        config.data_dir.display()
                    );
                }
                AdminOutcome::Exists { email } => {
                    println!("Compte administrateur / admin login: {email}");
                    let kept = config.data_dir.join("initial-admin-password");
                    match std::fs::read_to_string(&kept) {
                        Ok(password) => println!("  mot de passe initial: {}", password.trim()),
                        Err(_) => println!(
                            "  (password already changed; reset it with create-user or an admin)"
                        ),
                    }
                }
            }
            Ok(())
        }
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let bind = config.server.bind;
        let app = Application::build(config).await?;
        tracing::info!(
            "Innov'Action listening on http://{}:{}",
            bind.ip(),
            app.port()
        );
        app.run_until_stopped()
            .await
            .context("server stopped with an error")
    })
}
