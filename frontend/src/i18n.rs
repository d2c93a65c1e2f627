//! Every string the interface shows, in French (the default) and English.
//!
//! Each language is one `Texts` value: adding a string means adding a field,
//! so the compiler refuses a language that lacks it. The API's messages are
//! English and meant for developers; the interface translates by error code
//! and falls back to the server's message only for codes it does not know.

use crate::api::ApiError;
use crate::dom;
use gloo_storage::{LocalStorage, Storage};
use shared::auth::Role;
use shared::validation::PASSWORD_MIN_CHARS;
use shared::{ErrorCode, FieldError};
use yew::prelude::*;

const STORAGE_KEY: &str = "innovaction.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// BCP 47 tag, as written in `<html lang>` and kept in storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's own name, so that a reader finds theirs whatever the
    /// current language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

pub struct Texts {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub loading: &'static str,
    pub restoring_session: &'static str,
    pub language: &'static str,
    pub document_title: fn(&str) -> String,

    // Header and navigation
    pub main_navigation: &'static str,
    pub signed_in_as: &'static str,
    pub sign_out: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_projects: &'static str,
    pub nav_actors: &'static str,
    pub nav_evaluations: &'static str,
    pub nav_administration: &'static str,

    // Sign-in
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in_submit: &'static str,
    pub signing_in: &'static str,
    pub session_expired: &'static str,
    pub form_has_errors: &'static str,

    // Dashboard and sections under construction
    pub dashboard_title: &'static str,
    pub welcome: fn(&str) -> String,
    pub your_role: &'static str,
    pub dashboard_coming: &'static str,
    pub projects_title: &'static str,
    pub actors_title: &'static str,
    pub evaluations_title: &'static str,
    pub section_in_progress: &'static str,

    // Administration: user list
    pub administration_title: &'static str,
    pub admin_only: &'static str,
    pub users_heading: &'static str,
    pub users_caption: &'static str,
    pub users_count: fn(u64) -> String,
    pub no_users: &'static str,
    pub search_users: &'static str,
    pub search_hint: &'static str,
    pub search_submit: &'static str,
    pub column_email: &'static str,
    pub column_name: &'static str,
    pub column_role: &'static str,
    pub column_active: &'static str,
    pub column_actions: &'static str,
    pub active_yes: &'static str,
    pub active_no: &'static str,
    pub you: &'static str,
    pub own_account_locked: &'static str,
    pub role_of: fn(&str) -> String,
    pub save_role: &'static str,
    pub for_user: fn(&str) -> String,
    pub activate: &'static str,
    pub deactivate: &'static str,
    pub user_updated: fn(&str) -> String,
    pub version_conflict: &'static str,
    pub reload_list: &'static str,
    pub pagination: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_of: fn(u32, u32) -> String,

    // Administration: new account
    pub create_user_heading: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub initial_password: &'static str,
    pub initial_password_hint: &'static str,
    pub create_user_submit: &'static str,
    pub creating: &'static str,
    pub user_created: fn(&str) -> String,

    // Not found
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_dashboard: &'static str,

    // Vocabulary and errors
    pub role_name: fn(Role) -> &'static str,
    pub error_code: fn(ErrorCode) -> &'static str,
    /// A field rule by its stable code; `None` lets the server's message through.
    pub field_rule: fn(field: &str, code: &str) -> Option<&'static str>,
    pub network_error: &'static str,
    pub unexpected_error: &'static str,
}

impl Texts {
    /// The sentence to show for a failed request.
    pub fn describe(&self, error: &ApiError) -> String {
        if error.is_network() {
            return self.network_error.to_owned();
        }
        match error.code {
            Some(code) => (self.error_code)(code).to_owned(),
            None => self.unexpected_error.to_owned(),
        }
    }

    pub fn field_error(&self, error: &FieldError) -> String {
        (self.field_rule)(&error.field, &error.code)
            .map(str::to_owned)
            .unwrap_or_else(|| error.message.clone())
    }
}

pub static FR: Texts = Texts {
    app_name: "Innov'Action",
    skip_to_content: "Aller au contenu principal",
    loading: "Chargement…",
    restoring_session: "Reprise de votre session…",
    language: "Langue",
    document_title: |page| format!("{page} — Innov'Action"),

    main_navigation: "Navigation principale",
    signed_in_as: "Connecté·e\u{a0}:",
    sign_out: "Se déconnecter",
    nav_dashboard: "Tableau de bord",
    nav_projects: "Projets",
    nav_actors: "Acteurs",
    nav_evaluations: "Évaluations",
    nav_administration: "Administration",

    sign_in_title: "Connexion",
    sign_in_intro: "Connectez-vous avec votre adresse e-mail professionnelle.",
    email: "Adresse e-mail",
    password: "Mot de passe",
    sign_in_submit: "Se connecter",
    signing_in: "Connexion en cours…",
    session_expired: "Votre session a expiré. Reconnectez-vous pour continuer.",
    form_has_errors: "Le formulaire contient des erreurs\u{a0}: corrigez les champs signalés.",

    dashboard_title: "Tableau de bord",
    welcome: |name| format!("Bienvenue, {name}\u{a0}!"),
    your_role: "Votre rôle\u{a0}:",
    dashboard_coming:
        "Le tableau de bord du portefeuille arrive bientôt\u{a0}: projets par phase, \
        investissements, effet levier, délais d'instruction et réseau d'acteurs.",
    projects_title: "Projets",
    actors_title: "Acteurs",
    evaluations_title: "Évaluations",
    section_in_progress: "Cette rubrique est en cours de construction.",

    administration_title: "Administration",
    admin_only: "Cette page est réservée aux administrateurs.",
    users_heading: "Utilisateurs",
    users_caption: "Comptes utilisateurs",
    users_count: |n| match n {
        0 | 1 => format!("{n} compte"),
        _ => format!("{n} comptes"),
    },
    no_users: "Aucun compte ne correspond à la recherche.",
    search_users: "Rechercher un compte",
    search_hint: "Adresse e-mail ou nom",
    search_submit: "Rechercher",
    column_email: "Adresse e-mail",
    column_name: "Nom",
    column_role: "Rôle",
    column_active: "Actif",
    column_actions: "Actions",
    active_yes: "Oui",
    active_no: "Non",
    you: "(vous)",
    own_account_locked: "Vous ne pouvez ni changer votre propre rôle ni désactiver votre compte.",
    role_of: |name| format!("Rôle de {name}"),
    save_role: "Enregistrer",
    for_user: |name| format!(" pour {name}"),
    activate: "Activer",
    deactivate: "Désactiver",
    user_updated: |name| format!("Le compte de {name} a été mis à jour."),
    version_conflict: "Quelqu'un d'autre a modifié ce compte entre-temps\u{a0}: \
        rechargez la liste pour voir sa version actuelle, puis recommencez.",
    reload_list: "Recharger la liste",
    pagination: "Pagination des comptes",
    previous_page: "Page précédente",
    next_page: "Page suivante",
    page_of: |page, pages| format!("Page {page} sur {pages}"),

    create_user_heading: "Créer un compte",
    display_name: "Nom affiché",
    role: "Rôle",
    initial_password: "Mot de passe initial",
    initial_password_hint: "Au moins 12 caractères. Transmettez-le à la personne par un canal sûr.",
    create_user_submit: "Créer le compte",
    creating: "Création…",
    user_created: |email| format!("Compte créé pour {email}."),

    not_found_title: "Page introuvable",
    not_found_text: "L'adresse demandée ne correspond à aucune page de l'application.",
    back_to_dashboard: "Retour au tableau de bord",

    role_name: |role| match role {
        Role::Admin => "Administrateur",
        Role::Manager => "Responsable",
        Role::Engineer => "Chef de projet",
        Role::Viewer => "Lecteur",
        Role::Partner => "Partenaire",
    },
    error_code: |code| match code {
        ErrorCode::InvalidJson
        | ErrorCode::UnsupportedContentType
        | ErrorCode::InvalidPathParameter
        | ErrorCode::InvalidQueryParameter
        | ErrorCode::BadRequest
        | ErrorCode::MethodNotAllowed
        | ErrorCode::PreconditionRequired => {
            "La requête n'a pas été comprise par le serveur. Rechargez la page et réessayez."
        }
        ErrorCode::Unauthenticated | ErrorCode::InvalidRefreshToken => {
            "Votre session a expiré. Reconnectez-vous pour continuer."
        }
        ErrorCode::InvalidCredentials => "Adresse e-mail ou mot de passe incorrect.",
        ErrorCode::Forbidden => "Vous n'avez pas les droits nécessaires pour cette action.",
        ErrorCode::NotFound => "L'élément demandé n'existe pas ou plus.",
        ErrorCode::AlreadyExists => "Cet élément existe déjà.",
        ErrorCode::Conflict => "Cette action n'est pas possible dans l'état actuel.",
        ErrorCode::VersionMismatch => {
            "Quelqu'un d'autre a modifié cet élément entre-temps\u{a0}: rechargez puis recommencez."
        }
        ErrorCode::PayloadTooLarge => "Les données envoyées sont trop volumineuses.",
        ErrorCode::ValidationFailed => {
            "Le formulaire contient des erreurs\u{a0}: corrigez les champs signalés."
        }
        ErrorCode::RateLimited => {
            "Trop de tentatives. Patientez quelques minutes avant de réessayer."
        }
        ErrorCode::InternalError => "Une erreur est survenue sur le serveur. Réessayez plus tard.",
        ErrorCode::ServiceUnavailable => {
            "Le service est momentanément indisponible. Réessayez dans quelques instants."
        }
    },
    field_rule: |field, code| match (field, code) {
        ("email", "required") => Some("Saisissez une adresse e-mail."),
        ("password", "required") => Some("Saisissez un mot de passe."),
        (_, "required") => Some("Ce champ est obligatoire."),
        ("password", "too_short") => Some("Le mot de passe doit contenir au moins 12 caractères."),
        ("password", "too_long") => Some("Le mot de passe doit contenir au plus 128 caractères."),
        ("password", "common_password") => {
            Some("Ce mot de passe est trop courant\u{a0}: choisissez-en un autre.")
        }
        (_, "too_long") => Some("Ce texte est trop long."),
        (_, "invalid_email") => {
            Some("Saisissez une adresse e-mail valide, comme prenom.nom@ville.fr.")
        }
        ("email", "already_exists") => Some("Un compte utilise déjà cette adresse e-mail."),
        (_, "already_exists") => Some("Cette valeur est déjà utilisée."),
        (_, "invalid_characters") => Some("Ce texte contient des caractères non autorisés."),
        (_, "invalid_choice") => Some("Choisissez une valeur de la liste."),
        _ => None,
    },
    network_error: "Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.",
    unexpected_error: "Une erreur inattendue est survenue. Réessayez.",
};

pub static EN: Texts = Texts {
    app_name: "Innov'Action",
    skip_to_content: "Skip to main content",
    loading: "Loading…",
    restoring_session: "Resuming your session…",
    language: "Language",
    document_title: |page| format!("{page} — Innov'Action"),

    main_navigation: "Main navigation",
    signed_in_as: "Signed in:",
    sign_out: "Sign out",
    nav_dashboard: "Dashboard",
    nav_projects: "Projects",
    nav_actors: "Actors",
    nav_evaluations: "Evaluations",
    nav_administration: "Administration",

    sign_in_title: "Sign in",
    sign_in_intro: "Sign in with your work e-mail address.",
    email: "E-mail address",
    password: "Password",
    sign_in_submit: "Sign in",
    signing_in: "Signing in…",
    session_expired: "Your session has expired. Sign in again to continue.",
    form_has_errors: "The form has errors: correct the fields marked below.",

    dashboard_title: "Dashboard",
    welcome: |name| format!("Welcome, {name}!"),
    your_role: "Your role:",
    dashboard_coming: "The portfolio dashboard is coming soon: projects by phase, investment, \
        leverage, instruction times and the actor network.",
    projects_title: "Projects",
    actors_title: "Actors",
    evaluations_title: "Evaluations",
    section_in_progress: "This section is being built.",

    administration_title: "Administration",
    admin_only: "This page is for administrators only.",
    users_heading: "Users",
    users_caption: "User accounts",
    users_count: |n| match n {
        1 => "1 account".to_owned(),
        _ => format!("{n} accounts"),
    },
    no_users: "No account matches the search.",
    search_users: "Search accounts",
    search_hint: "E-mail address or name",
    search_submit: "Search",
    column_email: "E-mail address",
    column_name: "Name",
    column_role: "Role",
    column_active: "Active",
    column_actions: "Actions",
    active_yes: "Yes",
    active_no: "No",
    you: "(you)",
    own_account_locked: "You cannot change your own role or deactivate your own account.",
    role_of: |name| format!("Role of {name}"),
    save_role: "Save",
    for_user: |name| format!(" for {name}"),
    activate: "Activate",
    deactivate: "Deactivate",
    user_updated: |name| format!("{name}'s account has been updated."),
    version_conflict: "Someone else changed this account in the meantime: \
        reload the list to see its current version, then try again.",
    reload_list: "Reload the list",
    pagination: "Account pages",
    previous_page: "Previous page",
    next_page: "Next page",
    page_of: |page, pages| format!("Page {page} of {pages}"),

    create_user_heading: "Create an account",
    display_name: "Display name",
    role: "Role",
    initial_password: "Initial password",
    initial_password_hint:
        "At least 12 characters. Give it to the person through a secure channel.",
    create_user_submit: "Create the account",
    creating: "Creating…",
    user_created: |email| format!("Account created for {email}."),

    not_found_title: "Page not found",
    not_found_text: "The address you asked for matches no page of the application.",
    back_to_dashboard: "Back to the dashboard",

    role_name: |role| match role {
        Role::Admin => "Administrator",
        Role::Manager => "Manager",
        Role::Engineer => "Project engineer",
        Role::Viewer => "Viewer",
        Role::Partner => "Partner",
    },
    error_code: |code| match code {
        ErrorCode::InvalidJson
        | ErrorCode::UnsupportedContentType
        | ErrorCode::InvalidPathParameter
        | ErrorCode::InvalidQueryParameter
        | ErrorCode::BadRequest
        | ErrorCode::MethodNotAllowed
        | ErrorCode::PreconditionRequired => {
            "The server did not understand the request. Reload the page and try again."
        }
        ErrorCode::Unauthenticated | ErrorCode::InvalidRefreshToken => {
            "Your session has expired. Sign in again to continue."
        }
        ErrorCode::InvalidCredentials => "Wrong e-mail address or password.",
        ErrorCode::Forbidden => "You are not allowed to do this.",
        ErrorCode::NotFound => "The requested item does not exist or no longer exists.",
        ErrorCode::AlreadyExists => "This item already exists.",
        ErrorCode::Conflict => "This action is not possible in the current state.",
        ErrorCode::VersionMismatch => {
            "Someone else changed this item in the meantime: reload, then try again."
        }
        ErrorCode::PayloadTooLarge => "The data sent is too large.",
        ErrorCode::ValidationFailed => "The form has errors: correct the fields marked below.",
        ErrorCode::RateLimited => "Too many attempts. Wait a few minutes before trying again.",
        ErrorCode::InternalError => "Something went wrong on the server. Try again later.",
        ErrorCode::ServiceUnavailable => {
            "The service is temporarily unavailable. Try again in a moment."
        }
    },
    field_rule: |field, code| match (field, code) {
        ("email", "required") => Some("Enter an e-mail address."),
        ("password", "required") => Some("Enter a password."),
        (_, "required") => Some("This field is required."),
        ("password", "too_short") => Some("The password needs at least 12 characters."),
        ("password", "too_long") => Some("The password can have at most 128 characters."),
        ("password", "common_password") => Some("This password is too common: choose another one."),
        (_, "too_long") => Some("This text is too long."),
        (_, "invalid_email") => Some("Enter a valid e-mail address, like first.last@town.fr."),
        ("email", "already_exists") => Some("An account already uses this e-mail address."),
        (_, "already_exists") => Some("This value is already used."),
        (_, "invalid_characters") => Some("This text contains characters that are not allowed."),
        (_, "invalid_choice") => Some("Choose a value from the list."),
        _ => None,
    },
    network_error: "The server cannot be reached. Check your connection and try again.",
    unexpected_error: "Something unexpected went wrong. Try again.",
};

// The password messages spell the minimum out; this keeps them honest if
// the shared rule changes.
const _: () = assert!(PASSWORD_MIN_CHARS == 12);

#[derive(Clone, PartialEq)]
pub struct LangContext {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

impl LangContext {
    pub fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }
}

/// The current language, French outside a provider.
#[hook]
pub fn use_lang() -> LangContext {
    use_context::<LangContext>().unwrap_or_else(|| LangContext {
        lang: Lang::default(),
        set: Callback::noop(),
    })
}

#[derive(Properties, PartialEq)]
pub struct LangProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Keeps the chosen language across visits and in `<html lang>`, which
/// screen readers use to pick their pronunciation.
#[function_component]
pub fn LangProvider(props: &LangProviderProps) -> Html {
    let lang = use_state(|| {
        LocalStorage::get::<String>(STORAGE_KEY)
            .ok()
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    });

    use_effect_with(*lang, |lang| {
        if let Some(root) = dom::document().and_then(|doc| doc.document_element()) {
            // Failing to set the attribute only costs pronunciation hints.
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    let set = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| {
            // Private browsing may refuse storage; the choice then lasts the visit.
            let _ = LocalStorage::set(STORAGE_KEY, chosen.code());
            lang.set(chosen);
        })
    };

    let context = LangContext { lang: *lang, set };
    html! {
        <ContextProvider<LangContext> {context}>
            { props.children.clone() }
        </ContextProvider<LangContext>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_is_the_default_and_codes_round_trip() {
        assert_eq!(Lang::default(), Lang::Fr);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn unknown_field_rules_fall_back_to_the_server_message() {
        let error = FieldError::new("title", "made_up_rule", "server says no");
        assert_eq!(FR.field_error(&error), "server says no");
        let error = FieldError::new("password", "common_password", "too common");
        assert!(FR.field_error(&error).contains("trop courant"));
        assert!(EN.field_error(&error).contains("too common"));
    }
}
