//! Every string the interface shows, in French (the default) and English.
//!
//! Each language is one `Texts` value: adding a string means adding a field,
//! so the compiler refuses a language that lacks it. The API's messages are
//! English and meant for developers; the interface translates by error code
//! and falls back to the server's message only for codes it does not know.

use crate::api::ApiError;
use crate::dom;
use gloo_storage::{LocalStorage, Storage};
use shared::actors::ActorKind;
use shared::auth::Role;
use shared::evaluation::{EvaluationKind, EvaluationStatus, Recommendation};
use shared::finance::{FundingCategory, FundingStatus};
use shared::indicators::{Direction, IndicatorLevel, IndicatorStatus};
use shared::lifecycle::{AbandonReason, DecisionOutcome, Phase};
use shared::participants::ParticipantRole;
use shared::projects::{InnovationType, JournalKind, Visibility};
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
    pub projects_title: &'static str,
    pub actors_title: &'static str,
    pub evaluations_title: &'static str,

    // Dashboard: filters and headline figures
    pub filter_dashboard: &'static str,
    pub year_hint: &'static str,
    pub headline_heading: &'static str,
    pub kpi_projects: &'static str,
    pub kpi_projects_hint: &'static str,
    pub kpi_investment: &'static str,
    pub kpi_investment_hint: &'static str,
    pub kpi_instruction: &'static str,
    pub instruction_median_of: fn(i32) -> String,
    pub ratio_between: fn(i32, i32) -> String,
    pub no_decisions_yet: &'static str,
    pub kpi_actors: &'static str,
    pub kpi_actors_hint: &'static str,
    pub kpi_overdue: &'static str,
    pub kpi_overdue_link: &'static str,
    pub kpi_gap: &'static str,
    pub kpi_gap_hint: &'static str,

    // Dashboard: charts
    pub show_data: &'static str,
    pub share: &'static str,
    pub total: &'static str,
    pub chart_phases_title: &'static str,
    pub chart_axes_title: &'static str,
    pub chart_abandonment_title: &'static str,
    pub abandoned_projects: &'static str,
    pub chart_secured_title: &'static str,
    pub chart_investment_title: &'static str,
    pub decision_year: &'static str,
    pub decided_projects: &'static str,
    pub millions_of_euros: &'static str,
    pub chart_instruction_title: &'static str,
    /// First year and its median, last year and its median.
    pub instruction_chart_description: fn(i32, &str, i32, &str) -> String,
    pub median: &'static str,
    pub percentile_90: &'static str,
    pub median_trend: &'static str,
    pub median_days: &'static str,
    pub percentile_90_days: &'static str,
    pub days_unit: &'static str,
    /// First and last year of decisions.
    pub median_ratio: fn(i32, i32) -> String,

    // Network
    pub nav_network: &'static str,
    pub network_title: &'static str,
    pub network_intro: &'static str,
    pub filter_network: &'static str,
    pub commissioned_from: &'static str,
    pub commissioned_to: &'static str,
    pub view_switch: &'static str,
    pub view_graph: &'static str,
    pub view_list: &'static str,
    pub no_network: &'static str,
    pub graph_help: &'static str,
    pub zoom_controls: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub zoom_reset: &'static str,
    /// Actors, then links.
    pub graph_title: fn(usize, usize) -> String,
    /// Name, kind, partners, projects.
    pub node_summary: fn(&str, &str, u64, usize) -> String,
    pub legend_heading: &'static str,
    pub legend_size: &'static str,
    pub network_metrics_heading: &'static str,
    pub metric_nodes: &'static str,
    pub metric_edges: &'static str,
    pub metric_density: &'static str,
    pub metric_components: &'static str,
    pub metric_largest: &'static str,
    pub metric_isolated: &'static str,
    pub metrics_hint: &'static str,
    pub top_connected_heading: &'static str,
    pub partners_count: fn(u64) -> String,
    pub shared_projects: fn(u64) -> String,
    pub shared_projects_total: fn(u64) -> String,
    pub growth_title: &'static str,
    /// First year with its actors and links, then the last year's.
    pub growth_description: fn(i32, &str, &str, i32, &str, &str) -> String,
    pub year: &'static str,
    pub network_list_caption: &'static str,
    pub column_degree: &'static str,
    pub column_weighted_degree: &'static str,
    pub column_partners: &'static str,

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

    // Shared words and actions
    pub month_names: [&'static str; 12],
    /// Between a label and its value: French puts a no-break space before the colon.
    pub colon: &'static str,
    pub cancel: &'static str,
    pub save: &'static str,
    pub save_changes: &'static str,
    pub saving: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub remove: &'static str,
    pub reload: &'static str,
    pub close_dialog: &'static str,
    pub read_only: &'static str,
    pub unknown_person: &'static str,
    pub days: fn(i64) -> String,
    pub date: &'static str,
    pub on_this_page: &'static str,

    // Lists: search, filters, sorting
    pub filters_heading: &'static str,
    pub search_label: &'static str,
    pub filter_all: &'static str,
    pub apply_filters: &'static str,
    pub reset_filters: &'static str,
    pub sort_by: fn(&str) -> String,
    pub tag_label: &'static str,

    // Project list
    pub new_project: &'static str,
    pub filter_projects: &'static str,
    pub project_search_hint: &'static str,
    pub innovation_type_label: &'static str,
    pub commission_year_label: &'static str,
    pub projects_caption: &'static str,
    pub projects_count: fn(u64) -> String,
    pub projects_pagination: &'static str,
    pub no_projects: &'static str,
    pub column_reference: &'static str,
    pub column_title: &'static str,
    pub column_phase: &'static str,
    pub column_axis: &'static str,
    pub column_lead: &'static str,
    pub column_total_cost: &'static str,
    pub column_leverage: &'static str,

    // Project page: summary
    pub project_not_found: &'static str,
    pub current_phase: &'static str,
    pub suspended_from: fn(&str) -> String,
    pub change_phase: &'static str,
    pub edit_project: &'static str,
    pub innovation_types_label: &'static str,
    pub sponsor_label: &'static str,
    pub sponsor_hint: &'static str,
    pub commission_date_label: &'static str,
    pub commission_date_hint: &'static str,
    pub decision_date_label: &'static str,
    pub instruction_time_label: &'static str,
    pub instruction_pending: &'static str,
    pub start_date_label: &'static str,
    pub planned_end_date_label: &'static str,
    pub actual_end_date_label: &'static str,
    pub location_label: &'static str,
    pub insee_code: fn(&str) -> String,
    pub visibility_label: &'static str,
    pub tags_label: &'static str,
    pub tags_hint: &'static str,
    pub summary_label: &'static str,
    pub summary_hint: &'static str,
    pub description_label: &'static str,

    // Project page: lifecycle
    pub lifecycle_heading: &'static str,
    pub commission_received: &'static str,
    pub recorded_by: fn(&str) -> String,
    pub moved_to: &'static str,
    pub new_phase: &'static str,
    pub transition_date: &'static str,
    pub decision_outcome: &'static str,
    pub no_go_hint: &'static str,
    pub abandon_reason: &'static str,
    pub abandon_reason_optional: &'static str,
    pub choose_reason: &'static str,
    pub motivation: &'static str,
    pub motivation_hint: &'static str,
    pub comment_optional: &'static str,
    pub confirm_transition: &'static str,
    pub phase_changed: fn(&str) -> String,
    pub move_no_longer_possible: fn(&str) -> String,
    /// The API's explanation (English), quoted.
    pub decision_gate_closed: fn(&str) -> String,

    // Project page: financing
    pub finance_heading: &'static str,
    pub total_cost: &'static str,
    pub city_share: &'static str,
    pub secured_funding: &'static str,
    pub secured_from_others: &'static str,
    pub funding_gap: &'static str,
    pub over_funding: &'static str,
    pub leverage: &'static str,
    pub leverage_hint: &'static str,
    pub chart_title: &'static str,
    /// Total cost, secured total, then each category with its amount.
    pub chart_description: fn(&str, &str, &str) -> String,
    pub chart_table_caption: &'static str,
    pub share_of_cost: &'static str,
    pub total_secured: &'static str,
    pub funding_lines_heading: &'static str,
    pub no_funding_lines: &'static str,
    pub column_funder: &'static str,
    pub column_category: &'static str,
    pub column_status: &'static str,
    pub column_dates: &'static str,
    pub label_label: &'static str,
    pub label_optional: &'static str,
    pub amount: &'static str,
    pub amount_in_euros: &'static str,
    pub amount_hint: &'static str,
    pub category_hint: &'static str,
    pub requested_on: &'static str,
    pub decided_on: &'static str,
    pub paid_on: &'static str,
    pub change_status: &'static str,
    pub new_status_for: fn(&str) -> String,
    pub for_funder: fn(&str) -> String,
    pub add_funding_line: &'static str,
    pub funding_line_added: fn(&str) -> String,
    pub funding_status_changed: fn(&str, &str) -> String,
    pub funding_line_deleted: fn(&str) -> String,
    pub confirm_delete_funding_line: fn(&str) -> String,
    pub funding_line_conflict: &'static str,

    // Project page: milestones
    pub milestones_heading: &'static str,
    pub no_milestones: &'static str,
    pub milestone_title: &'static str,
    pub due_date: &'static str,
    pub due_on: &'static str,
    pub done_on: &'static str,
    pub milestone_state_done: &'static str,
    pub milestone_state_overdue: &'static str,
    pub milestone_state_open: &'static str,
    pub mark_done: &'static str,
    pub reopen: &'static str,
    pub add_milestone: &'static str,
    pub milestone_added: fn(&str) -> String,
    pub milestone_done: fn(&str) -> String,
    pub milestone_reopened: fn(&str) -> String,
    pub milestone_deleted: fn(&str) -> String,
    pub confirm_delete_milestone: fn(&str) -> String,

    // Project page: actors involved
    pub participants_heading: &'static str,
    pub no_participants: &'static str,
    pub column_actor: &'static str,
    pub column_kind: &'static str,
    pub add_participant: &'static str,
    pub participant_added: fn(&str, &str) -> String,
    pub participant_removed: fn(&str) -> String,
    pub confirm_remove_participant: fn(&str, &str) -> String,
    pub actor_search_label: &'static str,
    pub actor_search_hint: &'static str,
    pub actor_search_failed: &'static str,
    pub actors_found: fn(usize) -> String,
    pub choose_actor: &'static str,

    // Project page: journal
    pub journal_heading: &'static str,
    pub no_journal_entries: &'static str,
    pub journal_kind: &'static str,
    pub journal_body: &'static str,
    pub add_journal_entry: &'static str,
    pub journal_entry_added: fn(&str) -> String,
    pub journal_entry_deleted: &'static str,
    pub journal_entry_of: fn(&str, &str) -> String,
    pub confirm_delete_journal_entry: &'static str,

    // Project page: documents
    pub documents_heading: &'static str,
    pub no_documents: &'static str,
    pub column_file: &'static str,
    pub column_size: &'static str,
    pub column_uploaded_at: &'static str,
    pub download: &'static str,
    pub upload_document: &'static str,
    pub file_to_upload: &'static str,
    pub upload_hint: &'static str,
    pub upload: &'static str,
    pub uploading: &'static str,
    pub upload_progress: fn(u8) -> String,
    pub upload_progress_label: &'static str,
    pub document_uploaded: fn(&str) -> String,
    pub document_deleted: fn(&str) -> String,
    pub confirm_delete_document: fn(&str) -> String,

    // Project form
    pub create_project: &'static str,
    pub edit_project_title: fn(&str) -> String,
    pub project_conflict: &'static str,
    pub reload_project: &'static str,
    pub section_identity: &'static str,
    pub section_calendar: &'static str,
    pub section_steering: &'static str,
    pub section_place_and_budget: &'static str,
    pub no_lead: &'static str,
    pub team_label: &'static str,
    pub commune_insee_label: &'static str,
    pub commune_insee_hint: &'static str,
    pub area_label: &'static str,
    pub total_cost_in_euros: &'static str,
    pub delete_project: &'static str,
    pub delete_project_hint: &'static str,
    pub confirm_delete_project: fn(&str, &str) -> String,

    // Actors
    pub new_actor: &'static str,
    pub filter_actors: &'static str,
    pub actor_search_hint_directory: &'static str,
    pub actors_caption: &'static str,
    pub actors_count: fn(u64) -> String,
    pub actors_pagination: &'static str,
    pub no_actors: &'static str,
    pub column_updated_at: &'static str,
    pub actor_not_found: &'static str,
    pub actor_name: &'static str,
    pub choose_kind: &'static str,
    pub siret: &'static str,
    pub siret_hint: &'static str,
    pub siren: &'static str,
    pub see_actor: fn(&str) -> String,
    pub sector: &'static str,
    pub address: &'static str,
    pub website: &'static str,
    pub website_hint: &'static str,
    pub phone: &'static str,
    pub notes: &'static str,
    pub create_actor: &'static str,
    pub actor_conflict: &'static str,
    pub actor_saved: fn(&str) -> String,
    pub edit_actor: &'static str,
    pub actor_details: &'static str,
    pub actor_projects_heading: &'static str,
    pub no_actor_projects: &'static str,
    pub delete_actor: &'static str,
    pub delete_actor_hint: &'static str,
    pub confirm_delete_actor: fn(&str) -> String,
    pub actor_in_projects: &'static str,

    // Contacts
    pub contacts_heading: &'static str,
    pub no_contacts: &'static str,
    pub contact_role: &'static str,
    pub add_contact: &'static str,
    pub edit_contact: fn(&str) -> String,
    pub contact_saved: fn(&str) -> String,
    pub contact_deleted: fn(&str) -> String,
    pub confirm_delete_contact: fn(&str) -> String,
    pub contact_conflict: &'static str,

    // Evaluations and indicators
    pub evaluations_intro: &'static str,
    pub evaluations_where: &'static str,
    pub grids_heading: &'static str,
    pub no_grids: &'static str,
    pub new_grid: &'static str,
    pub edit_grid: &'static str,
    pub create_grid: &'static str,
    pub save_grid: &'static str,
    pub grids_managers_only: &'static str,
    pub grid: &'static str,
    pub grid_active: &'static str,
    pub grid_conflict: &'static str,
    pub grid_saved: fn(i64) -> String,
    pub saving_makes_version: fn(i64) -> String,
    pub grid_version_label: &'static str,
    pub version_number: fn(i64) -> String,
    pub criteria_count: &'static str,
    pub criteria_n: fn(usize) -> String,
    pub submitted_evaluations: &'static str,
    pub submitted_evaluations_hint: &'static str,
    pub criteria_heading: &'static str,
    pub criteria_hint: &'static str,
    pub criterion: &'static str,
    pub criterion_number: fn(usize) -> String,
    pub criterion_label: &'static str,
    pub criterion_key: &'static str,
    pub criterion_key_hint: &'static str,
    pub weight: &'static str,
    pub weight_of: fn(&str) -> String,
    pub add_criterion: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub versions_heading: &'static str,
    pub no_versions: &'static str,
    pub description_optional: &'static str,
    pub evaluation_kind: &'static str,
    pub evaluation_kind_name: fn(EvaluationKind) -> &'static str,
    pub evaluation_status_name: fn(EvaluationStatus) -> &'static str,
    pub recommendation_name: fn(Recommendation) -> &'static str,
    pub evaluation_heading: &'static str,
    pub evaluation_of_kind: fn(&str) -> String,
    pub back_to_project: &'static str,
    pub evaluator: &'static str,
    pub submitted_on: &'static str,
    pub evaluation_keyboard_help: &'static str,
    pub score_hint: &'static str,
    pub criterion_comment: &'static str,
    pub weighted_score: &'static str,
    pub recommendation: &'static str,
    pub general_comment: &'static str,
    pub general_comment_hint: &'static str,
    pub save_draft: &'static str,
    pub submit_evaluation: &'static str,
    pub delete_draft: &'static str,
    pub unsaved_changes: &'static str,
    pub confirm_submit_evaluation: &'static str,
    pub confirm_delete_evaluation: &'static str,
    pub evaluation_incomplete: &'static str,
    pub evaluation_saved: &'static str,
    pub evaluation_submitted: &'static str,
    pub evaluation_reopened: &'static str,
    pub evaluation_conflict: &'static str,
    pub reopen_evaluation: &'static str,
    pub reopen_hint: &'static str,
    pub reopen_reason: &'static str,
    pub scores_heading: &'static str,
    pub score: &'static str,
    pub no_evaluations: &'static str,
    pub blind_review_hint: &'static str,
    pub continue_evaluation: &'static str,
    pub see: &'static str,
    pub evaluation_by: fn(&str) -> String,
    pub start_evaluation: &'static str,
    pub no_active_grid: &'static str,
    pub own_evaluation_exists: fn(&str) -> String,
    pub consolidated_view: &'static str,
    pub comparison_link: &'static str,
    pub decision_gate: &'static str,
    pub gate_count: fn(u64, u64) -> String,
    pub gate_open: &'static str,
    pub gate_missing: fn(u64) -> String,
    pub gate_needed: fn(u64) -> String,
    pub consolidated_title: fn(&str) -> String,
    pub consolidated_forbidden: &'static str,
    pub no_submitted_evaluations: &'static str,
    pub mean_weighted_score: &'static str,
    pub mean_weighted_score_hint: &'static str,
    pub recommendations: &'static str,
    pub radar_title: &'static str,
    pub radar_description: &'static str,
    pub radar_point: fn(&str, &str, u8, u8) -> String,
    pub radar_needs_three: &'static str,
    pub mean: &'static str,
    pub min_score: &'static str,
    pub max_score: &'static str,
    pub min_max_band: &'static str,
    pub per_criterion_heading: &'static str,
    pub spread_hint: &'static str,
    pub scores_given: &'static str,
    pub spread: &'static str,
    pub high_spread: &'static str,
    pub evaluators_heading: &'static str,
    pub comparison_title: &'static str,
    pub comparison_not_closed: &'static str,
    pub ex_ante_score: &'static str,
    pub ex_post_score: &'static str,
    pub evaluations_n: fn(u64) -> String,
    pub score_change: &'static str,
    pub score_change_hint: &'static str,
    pub ex_ante_mean: &'static str,
    pub ex_post_mean: &'static str,
    pub delta: &'static str,
    pub indicators_achieved_of: fn(u64, u64) -> String,
    pub mean_progress: &'static str,
    pub achieved: &'static str,
    pub indicators_heading: &'static str,
    pub no_indicators: &'static str,
    pub indicator: &'static str,
    pub indicator_name: &'static str,
    pub indicator_unit: &'static str,
    pub indicator_unit_hint: &'static str,
    pub indicator_level: &'static str,
    pub indicator_level_name: fn(IndicatorLevel) -> &'static str,
    pub indicator_direction: &'static str,
    pub direction_name: fn(Direction) -> &'static str,
    pub indicator_status_name: fn(Option<IndicatorStatus>) -> &'static str,
    pub baseline: &'static str,
    pub baseline_value: &'static str,
    pub baseline_date: &'static str,
    pub target: &'static str,
    pub target_value: &'static str,
    pub target_date: &'static str,
    pub baseline_to_target: &'static str,
    pub latest_value: &'static str,
    pub progress: &'static str,
    pub expected_progress: &'static str,
    pub expected_short: fn(&str) -> String,
    pub decimal_hint: &'static str,
    pub add_indicator: &'static str,
    pub new_indicator_form: &'static str,
    pub indicator_definition: &'static str,
    pub edit_indicator: &'static str,
    pub delete_indicator: &'static str,
    pub confirm_delete_indicator: fn(&str) -> String,
    pub indicator_saved: fn(&str) -> String,
    pub indicator_conflict: &'static str,
    pub chart_and_measurements: &'static str,
    pub measurements_heading: &'static str,
    pub no_measurements: &'static str,
    pub measurement: &'static str,
    pub add_measurement: &'static str,
    pub value_in: fn(&str) -> String,
    pub value: &'static str,
    pub comment: &'static str,
    pub point_kind: &'static str,
    pub target_path: &'static str,
    pub measurement_added: fn(&str) -> String,
    pub measurement_deleted: fn(&str) -> String,
    pub confirm_delete_measurement: fn(&str) -> String,
    pub indicator_chart_title: fn(&str) -> String,
    pub indicator_chart_description: fn(&str, &str, &str, &str, &str, &str) -> String,
    pub chart_scores_title: &'static str,
    pub score_band_header: &'static str,
    pub score_band: fn(u8, u8) -> String,
    pub score_distribution_note: fn(&str, &str, &str) -> String,
    pub chart_indicators_title: &'static str,

    // Not found
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_dashboard: &'static str,

    // Vocabulary and errors
    pub role_name: fn(Role) -> &'static str,
    pub phase_name: fn(Phase) -> &'static str,
    pub outcome_name: fn(DecisionOutcome) -> &'static str,
    pub abandon_reason_name: fn(AbandonReason) -> &'static str,
    pub innovation_type_name: fn(InnovationType) -> &'static str,
    pub visibility_name: fn(Visibility) -> &'static str,
    pub category_name: fn(FundingCategory) -> &'static str,
    pub funding_status_name: fn(FundingStatus) -> &'static str,
    pub journal_kind_name: fn(JournalKind) -> &'static str,
    pub participant_role_name: fn(ParticipantRole) -> &'static str,
    pub actor_kind_name: fn(ActorKind) -> &'static str,
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
    projects_title: "Projets",
    actors_title: "Acteurs",
    evaluations_title: "Évaluations",

    filter_dashboard: "Filtrer le tableau de bord",
    year_hint: "Par exemple 2024",
    headline_heading: "Chiffres clés",
    kpi_projects: "Projets",
    kpi_projects_hint: "dans le portefeuille retenu",
    kpi_investment: "Investissement",
    kpi_investment_hint: "coût total des projets non abandonnés",
    kpi_instruction: "Délai d'instruction",
    instruction_median_of: |year| format!("médiane des décisions de {year}"),
    ratio_between: |first, last| format!("entre {first} et {last} (médianes)"),
    no_decisions_yet: "Aucune décision enregistrée pour l'instant.",
    kpi_actors: "Acteurs engagés",
    kpi_actors_hint: "participant à au moins un projet",
    kpi_overdue: "Jalons en retard",
    kpi_overdue_link: "Voir les projets",
    kpi_gap: "Écart de financement",
    kpi_gap_hint: "investissement moins financements acquis",

    show_data: "Voir les données",
    share: "Part",
    total: "Total",
    chart_phases_title: "Projets par phase",
    chart_axes_title: "Projets par axe stratégique",
    chart_abandonment_title: "Motifs d'abandon",
    abandoned_projects: "Projets abandonnés",
    chart_secured_title: "Financements acquis par origine",
    chart_investment_title: "Investissement par année de décision",
    decision_year: "Année de décision",
    decided_projects: "Projets décidés",
    millions_of_euros: "En millions d'euros",
    chart_instruction_title: "Délais d'instruction par année de décision",
    instruction_chart_description: |first_year, first, last_year, last| {
        format!(
            "Le délai médian entre la lettre de commande et la décision passe de {first}\u{a0}jours \
            en {first_year} à {last}\u{a0}jours en {last_year}. Médiane en trait plein avec des ronds, \
            90e centile en tirets avec des carrés, tendance de la médiane en pointillés."
        )
    },
    median: "Médiane",
    percentile_90: "90e centile",
    median_trend: "Tendance de la médiane",
    median_days: "Médiane (jours)",
    percentile_90_days: "90e centile (jours)",
    days_unit: "Jours",
    median_ratio: |first, last| format!("Délai médian de {first} à {last}"),

    nav_network: "Réseau",
    network_title: "Réseau des acteurs",
    network_intro: "Deux acteurs sont liés lorsqu'ils travaillent sur un même projet\u{a0}: \
        des réseaux d'échange plutôt que des liens bilatéraux.",
    filter_network: "Filtrer le réseau",
    commissioned_from: "Projets commandés à partir du",
    commissioned_to: "Projets commandés jusqu'au",
    view_switch: "Affichage du réseau",
    view_graph: "Graphe",
    view_list: "Liste",
    no_network: "Aucun acteur ne participe aux projets retenus.",
    graph_help: "Faites glisser le fond pour déplacer la vue et un acteur pour le déplacer\u{a0}; \
        molette ou boutons + et − pour zoomer. Au clavier, quand le graphe a le focus\u{a0}: flèches pour \
        déplacer, + et − pour zoomer, 0 pour recentrer\u{a0}; Tab parcourt les acteurs et Entrée ouvre \
        leur fiche. La vue Liste présente les mêmes données en tableau.",
    zoom_controls: "Zoom",
    zoom_in: "Zoomer",
    zoom_out: "Dézoomer",
    zoom_reset: "Recentrer",
    graph_title: |nodes, links| format!("Graphe du réseau\u{a0}: {nodes}\u{a0}acteurs, {links}\u{a0}liens"),
    node_summary: |name, kind, partners, projects| {
        let partners = match partners {
            0 | 1 => format!("{partners}\u{a0}partenaire"),
            _ => format!("{partners}\u{a0}partenaires"),
        };
        let projects = match projects {
            0 | 1 => format!("{projects}\u{a0}projet"),
            _ => format!("{projects}\u{a0}projets"),
        };
        format!("{name} ({kind})\u{a0}: {partners}, {projects}")
    },
    legend_heading: "Types d'acteurs",
    legend_size: "La taille d'un acteur croît avec son nombre de partenaires\u{a0}; \
        l'épaisseur d'un lien, avec le nombre de projets partagés.",
    network_metrics_heading: "Indicateurs du réseau",
    metric_nodes: "Acteurs",
    metric_edges: "Liens",
    metric_density: "Densité",
    metric_components: "Composantes",
    metric_largest: "Plus grande composante",
    metric_isolated: "Acteurs isolés",
    metrics_hint: "Densité\u{a0}: part des liens possibles qui existent. Isolés\u{a0}: acteurs \
        de l'annuaire sans projet retenu.",
    top_connected_heading: "Acteurs les plus connectés",
    partners_count: |n| match n {
        0 | 1 => format!("{n}\u{a0}partenaire"),
        _ => format!("{n}\u{a0}partenaires"),
    },
    shared_projects: |n| match n {
        0 | 1 => format!("{n}\u{a0}projet en commun"),
        _ => format!("{n}\u{a0}projets en commun"),
    },
    shared_projects_total: |n| match n {
        0 | 1 => format!("{n}\u{a0}collaboration"),
        _ => format!("{n}\u{a0}collaborations"),
    },
    growth_title: "Croissance du réseau",
    growth_description: |first_year, first_nodes, first_links, last_year, last_nodes, last_links| {
        format!(
            "Fin {first_year}\u{a0}: {first_nodes}\u{a0}acteurs et {first_links}\u{a0}liens\u{a0}; \
            fin {last_year}\u{a0}: {last_nodes}\u{a0}acteurs et {last_links}\u{a0}liens, \
            selon l'année de commande des projets."
        )
    },
    year: "Année",
    network_list_caption: "Acteurs du réseau",
    column_degree: "Partenaires",
    column_weighted_degree: "Collaborations",
    column_partners: "Liste des partenaires",

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

    month_names: [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre",
    ],
    colon: "\u{a0}: ",
    cancel: "Annuler",
    save: "Enregistrer",
    save_changes: "Enregistrer les modifications",
    saving: "Enregistrement…",
    edit: "Modifier",
    delete: "Supprimer",
    remove: "Retirer",
    reload: "Recharger",
    close_dialog: "Fermer la fenêtre",
    read_only: "Votre rôle permet de consulter ces informations, pas de les modifier.",
    unknown_person: "Personne inconnue",
    days: |n| match n {
        -1..=1 => format!("{n}\u{a0}jour"),
        _ => format!("{n}\u{a0}jours"),
    },
    date: "Date",
    on_this_page: "Sur cette page",

    filters_heading: "Recherche et filtres",
    search_label: "Rechercher",
    filter_all: "Tous",
    apply_filters: "Appliquer",
    reset_filters: "Tout effacer",
    sort_by: |column| format!("trier par {}", column.to_lowercase()),
    tag_label: "Mot-clé",

    new_project: "Nouveau projet",
    filter_projects: "Filtrer les projets",
    project_search_hint: "Référence, titre ou résumé",
    innovation_type_label: "Type d'innovation",
    commission_year_label: "Année de la commande",
    projects_caption: "Portefeuille de projets",
    projects_count: |n| match n {
        0 | 1 => format!("{n} projet"),
        _ => format!("{n} projets"),
    },
    projects_pagination: "Pagination des projets",
    no_projects: "Aucun projet ne correspond à ces critères.",
    column_reference: "Référence",
    column_title: "Titre",
    column_phase: "Phase",
    column_axis: "Axe stratégique",
    column_lead: "Chef de projet",
    column_total_cost: "Coût total",
    column_leverage: "Effet levier",

    project_not_found: "Projet introuvable",
    current_phase: "Phase actuelle\u{a0}:",
    suspended_from: |phase| format!("(reprendra en phase {phase})"),
    change_phase: "Changer de phase",
    edit_project: "Modifier le projet",
    innovation_types_label: "Types d'innovation",
    sponsor_label: "Commanditaire",
    sponsor_hint: "Élu·e ou direction à l'origine de la commande",
    commission_date_label: "Date de la lettre de commande",
    commission_date_hint: "Point de départ du délai d'instruction",
    decision_date_label: "Date de décision",
    instruction_time_label: "Délai d'instruction",
    instruction_pending: "en cours (pas encore de décision)",
    start_date_label: "Date de début",
    planned_end_date_label: "Fin prévue",
    actual_end_date_label: "Fin effective",
    location_label: "Localisation",
    insee_code: |code| format!("commune INSEE {code}"),
    visibility_label: "Visibilité",
    tags_label: "Mots-clés",
    tags_hint: "Séparés par des virgules, par exemple\u{a0}: énergie, mobilité",
    summary_label: "Résumé",
    summary_hint: "Une ou deux phrases, affichées en tête de la fiche",
    description_label: "Description",

    lifecycle_heading: "Cycle de vie",
    commission_received: "Lettre de commande reçue (phase Commande)",
    recorded_by: |name| format!("enregistré par {name}"),
    moved_to: "vers",
    new_phase: "Nouvelle phase",
    transition_date: "Date du changement",
    decision_outcome: "Décision",
    no_go_hint: "Une décision défavorable (no-go) mène ensuite à l'abandon du projet.",
    abandon_reason: "Motif de l'abandon",
    abandon_reason_optional: "Motif (facultatif)",
    choose_reason: "— Choisir un motif —",
    motivation: "Motivation",
    motivation_hint: "Pourquoi le projet change de phase\u{a0}: elle est conservée dans son historique.",
    comment_optional: "Commentaire (facultatif)",
    confirm_transition: "Enregistrer le changement de phase",
    phase_changed: |phase| format!("Le projet est passé en phase {phase}."),
    move_no_longer_possible: |allowed| {
        if allowed.is_empty() {
            "Ce changement n'est plus possible\u{a0}: le projet a changé de phase entre-temps.".to_owned()
        } else {
            format!(
                "Ce changement n'est plus possible\u{a0}: le projet a changé de phase entre-temps. \
                Phases possibles maintenant\u{a0}: {allowed}."
            )
        }
    },
    decision_gate_closed: |why| {
        format!("Le passage en décision demande d'abord les évaluations ex-ante requises. Réponse du serveur\u{a0}: « {why} ».")
    },

    finance_heading: "Plan de financement",
    total_cost: "Coût total",
    city_share: "Part de la ville (acquise)",
    secured_funding: "Financements acquis",
    secured_from_others: "Dont autres financeurs",
    funding_gap: "Reste à financer",
    over_funding: "Excédent de financement",
    leverage: "Effet levier",
    leverage_hint: "Euros des autres financeurs pour 1\u{a0}€ de la ville",
    chart_title: "Financements acquis par origine, comparés au coût total",
    chart_description: |cost, secured, parts| {
        format!("Coût total\u{a0}: {cost}. Financements acquis\u{a0}: {secured}, dont {parts}.")
    },
    chart_table_caption: "Financements acquis par origine",
    share_of_cost: "Part du coût total",
    total_secured: "Total acquis",
    funding_lines_heading: "Lignes de financement",
    no_funding_lines: "Aucune ligne de financement pour l'instant.",
    column_funder: "Financeur",
    column_category: "Origine",
    column_status: "Statut",
    column_dates: "Dates",
    label_label: "Libellé",
    label_optional: "Libellé (facultatif)",
    amount: "Montant",
    amount_in_euros: "Montant en euros",
    amount_hint: "Par exemple\u{a0}: 1 250 000 ou 1 250 000,50",
    category_hint: "Ville\u{a0}: budget communal. Public\u{a0}: État, Région, Département, EPCI, Europe.",
    requested_on: "Demandé le",
    decided_on: "Décidé le",
    paid_on: "Versé le",
    change_status: "Nouveau statut…",
    new_status_for: |funder| format!("Nouveau statut de la ligne de {funder}"),
    for_funder: |funder| format!(" la ligne de {funder}"),
    add_funding_line: "Ajouter une ligne de financement",
    funding_line_added: |funder| format!("Ligne de financement de {funder} ajoutée."),
    funding_status_changed: |funder, status| {
        format!("La ligne de {funder} est maintenant au statut «\u{a0}{status}\u{a0}».")
    },
    funding_line_deleted: |funder| format!("Ligne de financement de {funder} supprimée."),
    confirm_delete_funding_line: |funder| format!("Supprimer la ligne de financement de {funder}\u{a0}?"),
    funding_line_conflict: "Quelqu'un d'autre a modifié cette ligne entre-temps\u{a0}: \
        rechargez pour voir sa version actuelle, puis recommencez.",

    milestones_heading: "Jalons",
    no_milestones: "Aucun jalon pour l'instant.",
    milestone_title: "Intitulé du jalon",
    due_date: "Échéance",
    due_on: "Échéance",
    done_on: "Fait le",
    milestone_state_done: "Fait",
    milestone_state_overdue: "En retard",
    milestone_state_open: "À venir",
    mark_done: "Marquer comme fait",
    reopen: "Rouvrir",
    add_milestone: "Ajouter un jalon",
    milestone_added: |title| format!("Jalon «\u{a0}{title}\u{a0}» ajouté."),
    milestone_done: |title| format!("Jalon «\u{a0}{title}\u{a0}» marqué comme fait."),
    milestone_reopened: |title| format!("Jalon «\u{a0}{title}\u{a0}» rouvert."),
    milestone_deleted: |title| format!("Jalon «\u{a0}{title}\u{a0}» supprimé."),
    confirm_delete_milestone: |title| format!("Supprimer le jalon «\u{a0}{title}\u{a0}»\u{a0}?"),

    participants_heading: "Acteurs impliqués",
    no_participants: "Aucun acteur n'est encore associé à ce projet.",
    column_actor: "Acteur",
    column_kind: "Type d'acteur",
    add_participant: "Associer un acteur",
    participant_added: |name, role| format!("{name} est associé au projet comme {role}."),
    participant_removed: |name| format!("{name} a été retiré du projet."),
    confirm_remove_participant: |name, role| format!("Retirer {name} ({role}) du projet\u{a0}?"),
    actor_search_label: "Rechercher un acteur",
    actor_search_hint: "Tapez une partie du nom, puis choisissez dans la liste ci-dessous.",
    actor_search_failed: "La recherche d'acteurs a échoué. Réessayez.",
    actors_found: |n| match n {
        0 => "Aucun acteur trouvé.".to_owned(),
        1 => "1 acteur trouvé.".to_owned(),
        _ => format!("{n} acteurs trouvés."),
    },
    choose_actor: "— Choisir un acteur —",

    journal_heading: "Journal",
    no_journal_entries: "Le journal est vide.",
    journal_kind: "Type d'entrée",
    journal_body: "Texte",
    add_journal_entry: "Ajouter au journal",
    journal_entry_added: |kind| format!("{kind} ajoutée au journal."),
    journal_entry_deleted: "Entrée du journal supprimée.",
    journal_entry_of: |kind, date| format!("l'entrée {kind} du {date}"),
    confirm_delete_journal_entry: "Supprimer cette entrée du journal\u{a0}?",

    documents_heading: "Documents",
    no_documents: "Aucun document joint.",
    column_file: "Fichier",
    column_size: "Taille",
    column_uploaded_at: "Déposé le",
    download: "Télécharger",
    upload_document: "Joindre un document",
    file_to_upload: "Fichier",
    upload_hint: "PDF, bureautique ou image.",
    upload: "Envoyer le fichier",
    uploading: "Envoi en cours…",
    upload_progress: |percent| format!("Envoi en cours\u{a0}: {percent}\u{a0}%"),
    upload_progress_label: "Progression de l'envoi",
    document_uploaded: |name| format!("Document «\u{a0}{name}\u{a0}» joint au projet."),
    document_deleted: |name| format!("Document «\u{a0}{name}\u{a0}» supprimé."),
    confirm_delete_document: |name| format!("Supprimer le document «\u{a0}{name}\u{a0}»\u{a0}?"),

    create_project: "Créer le projet",
    edit_project_title: |title| format!("Modifier «\u{a0}{title}\u{a0}»"),
    project_conflict: "Quelqu'un d'autre a enregistré ce projet entre-temps. \
        Vos modifications n'ont pas été enregistrées\u{a0}: rechargez le projet pour voir sa \
        version actuelle, puis refaites vos changements.",
    reload_project: "Recharger le projet",
    section_identity: "Le projet",
    section_calendar: "Calendrier",
    section_steering: "Pilotage",
    section_place_and_budget: "Territoire, budget et diffusion",
    no_lead: "— Pas encore désigné —",
    team_label: "Équipe",
    commune_insee_label: "Commune (code INSEE)",
    commune_insee_hint: "Cinq caractères, par exemple 26281",
    area_label: "Quartier ou secteur",
    total_cost_in_euros: "Coût total en euros",
    delete_project: "Supprimer le projet",
    delete_project_hint: "La suppression est définitive. Un projet arrêté se passe plutôt en phase Abandonné, \
        ce qui garde son historique.",
    confirm_delete_project: |reference, title| {
        format!("Supprimer définitivement le projet {reference} «\u{a0}{title}\u{a0}»\u{a0}?")
    },

    new_actor: "Nouvel acteur",
    filter_actors: "Filtrer les acteurs",
    actor_search_hint_directory: "Nom, SIRET ou secteur",
    actors_caption: "Annuaire des acteurs",
    actors_count: |n| match n {
        0 | 1 => format!("{n} acteur"),
        _ => format!("{n} acteurs"),
    },
    actors_pagination: "Pagination des acteurs",
    no_actors: "Aucun acteur ne correspond à ces critères.",
    column_updated_at: "Mis à jour le",
    actor_not_found: "Acteur introuvable",
    actor_name: "Nom",
    choose_kind: "— Choisir un type —",
    siret: "SIRET",
    siret_hint: "14 chiffres, espaces permis. Laissez vide si l'acteur n'en a pas.",
    siren: "SIREN",
    see_actor: |name| format!("Voir la fiche de {name}"),
    sector: "Secteur d'activité",
    address: "Adresse",
    website: "Site web",
    website_hint: "Adresse complète, commençant par https://",
    phone: "Téléphone",
    notes: "Notes",
    create_actor: "Créer l'acteur",
    actor_conflict: "Quelqu'un d'autre a enregistré cet acteur entre-temps. Vos modifications n'ont \
        pas été enregistrées\u{a0}: rechargez pour voir sa version actuelle, puis refaites vos changements.",
    actor_saved: |name| format!("La fiche de {name} a été enregistrée."),
    edit_actor: "Modifier la fiche",
    actor_details: "Informations",
    actor_projects_heading: "Projets et rôles",
    no_actor_projects: "Cet acteur ne participe encore à aucun projet.",
    delete_actor: "Supprimer l'acteur",
    delete_actor_hint: "Possible seulement si l'acteur ne participe à aucun projet.",
    confirm_delete_actor: |name| format!("Supprimer définitivement {name} de l'annuaire\u{a0}?"),
    actor_in_projects: "Cet acteur participe à des projets\u{a0}: retirez-le d'abord de ces projets \
        (voir «\u{a0}Projets et rôles\u{a0}»).",

    contacts_heading: "Contacts",
    no_contacts: "Aucun contact enregistré.",
    contact_role: "Fonction",
    add_contact: "Ajouter un contact",
    edit_contact: |name| format!("Modifier le contact {name}"),
    contact_saved: |name| format!("Contact {name} enregistré."),
    contact_deleted: |name| format!("Contact {name} supprimé."),
    confirm_delete_contact: |name| format!("Supprimer le contact {name}\u{a0}? Ses données personnelles seront effacées."),
    contact_conflict: "Quelqu'un d'autre a modifié ce contact entre-temps\u{a0}: la liste montre \
        maintenant sa version actuelle. Vérifiez, puis enregistrez à nouveau.",

    evaluations_intro: "Les grilles fixent les critères et leurs poids sur lesquels les projets sont notés de 0 à 5.",
    evaluations_where: "Les évaluations elles-mêmes se font depuis la page de chaque projet, rubrique « Évaluations ».",
    grids_heading: "Grilles d'évaluation",
    no_grids: "Aucune grille pour l'instant.",
    new_grid: "Nouvelle grille",
    edit_grid: "Modifier la grille",
    create_grid: "Créer la grille",
    save_grid: "Enregistrer une nouvelle version",
    grids_managers_only: "Seuls les managers et les administrateurs créent et modifient les grilles.",
    grid: "Grille",
    grid_active: "Active (proposée pour les nouvelles évaluations)",
    grid_conflict: "Quelqu'un d'autre a enregistré cette grille entre-temps\u{a0}: rechargez-la puis refaites vos modifications.",
    grid_saved: |version| format!("Grille enregistrée\u{a0}: version {version}."),
    saving_makes_version: |next| format!("Enregistrer crée la version {next} de la grille. Les évaluations déjà commencées ou soumises gardent la version sur laquelle elles ont été faites."),
    grid_version_label: "Version de la grille",
    version_number: |version| format!("version {version}"),
    criteria_count: "Critères",
    criteria_n: |n| if n <= 1 { format!("{n} critère") } else { format!("{n} critères") },
    submitted_evaluations: "Évaluations soumises",
    submitted_evaluations_hint: "prises en compte ici",
    criteria_heading: "Critères",
    criteria_hint: "Chaque critère est noté de 0 à 5 et compte selon son poids. L'ordre est celui du formulaire d'évaluation.",
    criterion: "Critère",
    criterion_number: |n| format!("Critère {n}"),
    criterion_label: "Intitulé",
    criterion_key: "Clé",
    criterion_key_hint: "La clé, en lettres minuscules, chiffres et _, relie les notes d'une version de la grille à l'autre.",
    weight: "Poids",
    weight_of: |weight| format!("(poids {weight})"),
    add_criterion: "Ajouter un critère",
    move_up: "Monter",
    move_down: "Descendre",
    versions_heading: "Historique des versions",
    no_versions: "Aucune version enregistrée.",
    description_optional: "Description (facultatif)",
    evaluation_kind: "Type d'évaluation",
    evaluation_kind_name: |kind| match kind {
        EvaluationKind::ExAnte => "Ex-ante",
        EvaluationKind::Intermediate => "Intermédiaire",
        EvaluationKind::ExPost => "Ex-post",
    },
    evaluation_status_name: |status| match status {
        EvaluationStatus::Draft => "Brouillon",
        EvaluationStatus::Submitted => "Soumise",
    },
    recommendation_name: |recommendation| match recommendation {
        Recommendation::Go => "Go",
        Recommendation::GoWithConditions => "Go sous conditions",
        Recommendation::NoGo => "No-go",
    },
    evaluation_heading: "Évaluation",
    evaluation_of_kind: |kind| format!("Évaluation {}", kind.to_lowercase()),
    back_to_project: "Retour au projet",
    evaluator: "Évaluateur·rice",
    submitted_on: "Soumise le",
    evaluation_keyboard_help: "Au clavier\u{a0}: dans chaque critère, les flèches changent la note et un chiffre de 0 à 5 la donne directement\u{a0}; Tab passe au commentaire, puis au critère suivant.",
    score_hint: "Note de 0 (absent) à 5 (excellent).",
    criterion_comment: "Commentaire (facultatif)",
    weighted_score: "Score pondéré",
    recommendation: "Recommandation",
    general_comment: "Avis général",
    general_comment_hint: "Conditions d'un go, points d'attention, questions à instruire.",
    save_draft: "Enregistrer le brouillon",
    submit_evaluation: "Soumettre l'évaluation",
    delete_draft: "Supprimer le brouillon",
    unsaved_changes: "Modifications non enregistrées.",
    confirm_submit_evaluation: "Soumettre cette évaluation\u{a0}? Elle ne sera plus modifiable, sauf si un manager la rouvre.",
    confirm_delete_evaluation: "Supprimer ce brouillon d'évaluation\u{a0}?",
    evaluation_incomplete: "Pour soumettre, notez chaque critère et choisissez une recommandation.",
    evaluation_saved: "Brouillon enregistré.",
    evaluation_submitted: "Évaluation soumise.",
    evaluation_reopened: "Évaluation rouverte\u{a0}: elle est de nouveau en brouillon.",
    evaluation_conflict: "Cette évaluation a été modifiée ailleurs entre-temps (dans un autre onglet\u{a0}?)\u{a0}: rechargez-la pour reprendre sa dernière version. Vos changements non enregistrés seront perdus.",
    reopen_evaluation: "Rouvrir",
    reopen_hint: "L'évaluation revient en brouillon pour que son auteur·rice la reprenne. La raison est conservée dans le journal d'audit.",
    reopen_reason: "Raison (facultatif)",
    scores_heading: "Notes",
    score: "Note",
    no_evaluations: "Aucune évaluation visible pour l'instant.",
    blind_review_hint: "Évaluation en aveugle\u{a0}: vous verrez les évaluations des autres une fois la vôtre du même type soumise.",
    continue_evaluation: "Continuer",
    see: "Voir",
    evaluation_by: |name| format!("l'évaluation de {name}"),
    start_evaluation: "Commencer une évaluation",
    no_active_grid: "Aucune grille active de ce type\u{a0}: un manager doit en activer une.",
    own_evaluation_exists: |kind| format!("Vous avez déjà une évaluation {} de ce projet.", kind.to_lowercase()),
    consolidated_view: "Vue consolidée",
    comparison_link: "Comparaison ex-ante / ex-post",
    decision_gate: "Passage en décision",
    gate_count: |submitted, needed| format!("{submitted} évaluation{} ex-ante soumise{} sur {needed} requise{}.", if submitted > 1 { "s" } else { "" }, if submitted > 1 { "s" } else { "" }, if needed > 1 { "s" } else { "" }),
    gate_open: "possible",
    gate_missing: |n| format!("il en manque {n}"),
    gate_needed: |n| format!("{n} évaluation{} ex-ante soumise{} requise{}. Vous verrez combien le sont après avoir soumis la vôtre.", if n > 1 { "s" } else { "" }, if n > 1 { "s" } else { "" }, if n > 1 { "s" } else { "" }),
    consolidated_title: |kind| format!("Vue consolidée — {}", kind.to_lowercase()),
    consolidated_forbidden: "La vue consolidée s'ouvre aux évaluateur·rices une fois leur propre évaluation de ce type soumise, et aux managers.",
    no_submitted_evaluations: "Aucune évaluation soumise de ce type pour l'instant.",
    mean_weighted_score: "Score pondéré moyen",
    mean_weighted_score_hint: "moyenne des scores pondérés des évaluations soumises",
    recommendations: "Recommandations",
    radar_title: "Notes moyennes par critère",
    radar_description: "Note moyenne de chaque critère sur 5, entre la plus basse et la plus haute note données",
    radar_point: |label, mean, min, max| format!("{label} {mean} (de {min} à {max})"),
    radar_needs_three: "Le graphique en radar demande au moins trois critères\u{a0}: voir le tableau.",
    mean: "Moyenne",
    min_score: "Min.",
    max_score: "Max.",
    min_max_band: "Étendue des notes (min. à max.)",
    per_criterion_heading: "Détail par critère",
    spread_hint: "L'écart est la différence entre la note la plus haute et la plus basse\u{a0}: à partir de 2, les évaluateur·rices divergent et le critère mérite une discussion.",
    scores_given: "Notes",
    spread: "Écart",
    high_spread: "Écart élevé",
    evaluators_heading: "Évaluateur·rices",
    comparison_title: "Comparaison ex-ante / ex-post",
    comparison_not_closed: "Le projet n'est pas clôturé\u{a0}: l'évaluation ex-post viendra à sa clôture.",
    ex_ante_score: "Score ex-ante",
    ex_post_score: "Score ex-post",
    evaluations_n: |n| if n > 1 { format!("{n} évaluations soumises") } else { format!("{n} évaluation soumise") },
    score_change: "Évolution",
    score_change_hint: "score ex-post moins score ex-ante, en points",
    ex_ante_mean: "Moyenne ex-ante",
    ex_post_mean: "Moyenne ex-post",
    delta: "Écart",
    indicators_achieved_of: |achieved, total| format!("{achieved} indicateur{} sur {total} {} atteint sa cible", if achieved > 1 { "s" } else { "" }, if achieved > 1 { "ont" } else { "a" }),
    mean_progress: "progression moyenne",
    achieved: "Cible atteinte",
    indicators_heading: "Indicateurs",
    no_indicators: "Aucun indicateur pour l'instant.",
    indicator: "Indicateur",
    indicator_name: "Nom de l'indicateur",
    indicator_unit: "Unité",
    indicator_unit_hint: "Par exemple emplois, m², tCO2e, %.",
    indicator_level: "Niveau",
    indicator_level_name: |level| match level {
        IndicatorLevel::Output => "Réalisation",
        IndicatorLevel::Outcome => "Résultat",
        IndicatorLevel::Impact => "Impact",
    },
    indicator_direction: "Sens attendu",
    direction_name: |direction| match direction {
        Direction::Increase => "Hausse",
        Direction::Decrease => "Baisse",
    },
    indicator_status_name: |status| match status {
        Some(IndicatorStatus::OnTrack) => "En bonne voie",
        Some(IndicatorStatus::AtRisk) => "À surveiller",
        Some(IndicatorStatus::OffTrack) => "En retard",
        None => "Non mesuré",
    },
    baseline: "Référence",
    baseline_value: "Valeur de référence",
    baseline_date: "Date de référence",
    target: "Cible",
    target_value: "Valeur cible",
    target_date: "Échéance de la cible",
    baseline_to_target: "Référence → cible",
    latest_value: "Dernière mesure",
    progress: "Progression",
    expected_progress: "Progression attendue à cette date",
    expected_short: |expected| format!("(attendu\u{a0}: {expected}\u{a0}%)"),
    decimal_hint: "Un nombre, avec une virgule pour les décimales, par exemple 12,5.",
    add_indicator: "Ajouter un indicateur",
    new_indicator_form: "Définir un nouvel indicateur",
    indicator_definition: "Définition",
    edit_indicator: "Modifier l'indicateur",
    delete_indicator: "Supprimer l'indicateur",
    confirm_delete_indicator: |name| format!("Supprimer l'indicateur « {name} » et toutes ses mesures\u{a0}?"),
    indicator_saved: |name| format!("Indicateur « {name} » enregistré."),
    indicator_conflict: "Quelqu'un d'autre a modifié cet indicateur entre-temps\u{a0}: il a été rechargé, refaites vos modifications.",
    chart_and_measurements: "Graphique et mesures",
    measurements_heading: "Mesures",
    no_measurements: "Aucune mesure pour l'instant",
    measurement: "Mesure",
    add_measurement: "Ajouter la mesure",
    value_in: |unit| format!("Valeur ({unit})"),
    value: "Valeur",
    comment: "Commentaire",
    point_kind: "Nature",
    target_path: "Trajectoire vers la cible",
    measurement_added: |date| format!("Mesure du {date} ajoutée."),
    measurement_deleted: |date| format!("Mesure du {date} supprimée."),
    confirm_delete_measurement: |date| format!("Supprimer la mesure du {date}\u{a0}?"),
    indicator_chart_title: |name| format!("{name}\u{a0}: mesures et trajectoire"),
    indicator_chart_description: |name, baseline, baseline_date, target, target_date, latest| format!("{name}\u{a0}: référence {baseline} le {baseline_date}, cible {target} le {target_date}, dernière mesure {latest}."),
    chart_scores_title: "Scores ex-ante des projets",
    score_band_header: "Score consolidé",
    score_band: |from, to| format!("{from} à {to}"),
    score_distribution_note: |projects, mean, median| format!("{projects} projet(s) évalué(s)\u{a0}; moyenne {mean}, médiane {median} sur 100."),
    chart_indicators_title: "Indicateurs par statut",

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
    phase_name: |phase| match phase {
        Phase::Commande => "Commande",
        Phase::Cadrage => "Cadrage",
        Phase::Instruction => "Instruction",
        Phase::Decision => "Décision",
        Phase::Realisation => "Réalisation",
        Phase::Evaluation => "Évaluation",
        Phase::Cloture => "Clôture",
        Phase::Suspendu => "Suspendu",
        Phase::Abandonne => "Abandonné",
    },
    outcome_name: |outcome| match outcome {
        DecisionOutcome::Go => "Favorable (go)",
        DecisionOutcome::GoWithConditions => "Favorable sous conditions",
        DecisionOutcome::NoGo => "Défavorable (no-go)",
    },
    abandon_reason_name: |reason| match reason {
        AbandonReason::Financing => "Manque de financement",
        AbandonReason::Partners => "Manque de partenaires",
        AbandonReason::MarketRelevance => "Manque de pertinence (marché, besoin)",
        AbandonReason::Time => "Manque de temps",
        AbandonReason::Other => "Autre motif",
    },
    innovation_type_name: |kind| match kind {
        InnovationType::Technological => "Technologique",
        InnovationType::Social => "Sociale",
        InnovationType::Organisational => "Organisationnelle",
        InnovationType::Marketing => "Marketing",
        InnovationType::BusinessModel => "Modèle économique",
        InnovationType::PublicService => "Service public",
    },
    visibility_name: |visibility| match visibility {
        Visibility::Internal => "Interne (services de la ville)",
        Visibility::Partners => "Partenaires du projet",
        Visibility::Public => "Public (données ouvertes)",
    },
    category_name: |category| match category {
        FundingCategory::City => "Ville",
        FundingCategory::Public => "Autres financeurs publics",
        FundingCategory::Private => "Financeurs privés",
    },
    funding_status_name: |status| match status {
        FundingStatus::Planned => "Prévu",
        FundingStatus::Requested => "Demandé",
        FundingStatus::Granted => "Accordé",
        FundingStatus::Refused => "Refusé",
        FundingStatus::Paid => "Versé",
    },
    journal_kind_name: |kind| match kind {
        JournalKind::Note => "Note",
        JournalKind::Decision => "Décision",
        JournalKind::Lesson => "Leçon apprise",
        JournalKind::Partner => "Échange avec les partenaires",
    },
    participant_role_name: |role| match role {
        ParticipantRole::Lead => "Porteur",
        ParticipantRole::Partner => "Partenaire",
        ParticipantRole::Funder => "Financeur",
        ParticipantRole::Beneficiary => "Bénéficiaire",
        ParticipantRole::Contractor => "Prestataire",
        ParticipantRole::Expert => "Expert",
    },
    actor_kind_name: |kind| match kind {
        ActorKind::Company => "Entreprise",
        ActorKind::Association => "Association",
        ActorKind::Municipality => "Commune ou intercommunalité",
        ActorKind::StateService => "Service de l'État",
        ActorKind::RegionDepartment => "Région ou Département",
        ActorKind::ResearchEducation => "Recherche et enseignement",
        ActorKind::Funder => "Financeur",
        ActorKind::Chamber => "Chambre consulaire",
        ActorKind::CitizenGroup => "Collectif citoyen",
        ActorKind::Other => "Autre",
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
        (field, "required") if field.starts_with("scores.") => {
            Some("Notez ce critère avant de soumettre.")
        }
        ("recommendation", "required") => Some("Choisissez une recommandation avant de soumettre."),
        (_, "out_of_range") => Some("Cette valeur est hors des limites permises."),
        (_, "unknown_criterion") => Some("Ce critère n'existe pas dans la grille."),
        ("grid_id", "inactive") => Some("Cette grille n'est plus proposée pour de nouvelles évaluations."),
        ("kind", "kind_mismatch") => Some("Cette grille est faite pour un autre type d'évaluation."),
        (_, "invalid_key") => Some("Une clé s'écrit en lettres minuscules, chiffres et _."),
        (_, "invalid_number") => Some("Saisissez un nombre, par exemple 12,5."),
        (_, "inconsistent_direction") => {
            Some("La cible doit aller dans le sens attendu à partir de la référence.")
        }
        ("target_date", "before_baseline") => Some("L'échéance vient après la date de référence."),
        (_, "before_baseline") => Some("Une mesure ne peut pas précéder la date de référence."),
        (_, "in_future") => Some("Une mesure ne peut pas être datée dans le futur."),
        ("email", "required") => Some("Saisissez une adresse e-mail."),
        ("password", "required") => Some("Saisissez un mot de passe."),
        ("to", "required") => Some("Choisissez la nouvelle phase."),
        ("outcome", "required") => Some("Indiquez la décision prise."),
        ("reason", "required") => Some("Indiquez le motif de l'abandon."),
        ("motivation", "required") => Some("Expliquez pourquoi le projet change de phase."),
        ("funder_id", "required") => Some("Choisissez le financeur."),
        ("actor_id", "required") => Some("Choisissez un acteur."),
        ("amount_cents", "required") => Some("Saisissez le montant."),
        ("kind", "required") => Some("Choisissez le type d'acteur."),
        ("file", "required") => Some("Choisissez le fichier à envoyer."),
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
        ("siret", "already_exists") => Some("Un acteur de l'annuaire a déjà ce SIRET."),
        (_, "already_exists") => Some("Cette valeur est déjà utilisée."),
        (_, "invalid_characters") => Some("Ce texte contient des caractères non autorisés."),
        (_, "invalid_choice") => Some("Choisissez une valeur de la liste."),
        ("siret", "invalid_siret") => Some(
            "Ce SIRET n'est pas valide\u{a0}: il faut 14 chiffres, dont le dernier est une clé de contrôle.",
        ),
        (_, "invalid_insee_code") => Some("Un code INSEE a cinq caractères, par exemple 26281."),
        (_, "invalid_url") => Some("Saisissez une adresse web complète, commençant par https://."),
        (_, "invalid_phone") => Some("Saisissez un numéro de téléphone, par exemple 04 75 05 51 51."),
        (_, "invalid_amount") => Some("Saisissez un montant en euros, par exemple 1 250 000 ou 1 250 000,50."),
        (_, "too_many_decimals") => Some("Un montant a au plus deux décimales (les centimes)."),
        (_, "negative") => Some("Un montant ne peut pas être négatif."),
        (_, "too_large") => Some("Ce montant n'est pas plausible."),
        (_, "invalid_date") => Some("Saisissez une date valide."),
        ("date", "before_commission") => {
            Some("Un changement de phase ne peut pas précéder la lettre de commande.")
        }
        (_, "before_commission") => Some("Cette date ne peut pas précéder la lettre de commande."),
        (_, "before_start") => Some("Cette date ne peut pas précéder la date de début."),
        (_, "after_decision") => Some("La commande ne peut pas suivre la décision déjà enregistrée."),
        (_, "before_request") => Some("La décision ne peut pas précéder la demande."),
        (_, "before_decision") => Some("Le versement ne peut pas précéder la décision."),
        (_, "not_paid") => Some("Seule une ligne versée a une date de versement."),
        ("status", "invalid_status_move") => {
            Some("Ce changement de statut n'est pas possible pour cette ligne.")
        }
        (_, "not_applicable") => Some("Cette information ne s'applique pas à ce changement."),
        (_, "duplicate") => Some("Cette valeur figure deux fois."),
        (_, "too_many") => Some("Il y a trop d'éléments dans cette liste."),
        ("file", "unsupported_type") => {
            Some("Ce type de fichier n'est pas accepté\u{a0}: joignez un PDF, un document bureautique ou une image.")
        }
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
    projects_title: "Projects",
    actors_title: "Actors",
    evaluations_title: "Evaluations",

    filter_dashboard: "Filter the dashboard",
    year_hint: "For example 2024",
    headline_heading: "Key figures",
    kpi_projects: "Projects",
    kpi_projects_hint: "in the selected portfolio",
    kpi_investment: "Investment",
    kpi_investment_hint: "total cost of the projects not abandoned",
    kpi_instruction: "Instruction time",
    instruction_median_of: |year| format!("median of the {year} decisions"),
    ratio_between: |first, last| format!("between {first} and {last} (medians)"),
    no_decisions_yet: "No decision recorded yet.",
    kpi_actors: "Actors engaged",
    kpi_actors_hint: "taking part in at least one project",
    kpi_overdue: "Overdue milestones",
    kpi_overdue_link: "See the projects",
    kpi_gap: "Funding gap",
    kpi_gap_hint: "investment minus secured funding",

    show_data: "Show the data",
    share: "Share",
    total: "Total",
    chart_phases_title: "Projects by phase",
    chart_axes_title: "Projects by strategic axis",
    chart_abandonment_title: "Reasons for abandoning",
    abandoned_projects: "Abandoned projects",
    chart_secured_title: "Secured funding by origin",
    chart_investment_title: "Investment by year of decision",
    decision_year: "Year of decision",
    decided_projects: "Projects decided",
    millions_of_euros: "In millions of euros",
    chart_instruction_title: "Instruction times by year of decision",
    instruction_chart_description: |first_year, first, last_year, last| {
        format!(
            "The median time from commission letter to decision goes from {first} days in \
            {first_year} to {last} days in {last_year}. Median as a solid line with round markers, \
            90th percentile dashed with square markers, median trend dotted."
        )
    },
    median: "Median",
    percentile_90: "90th percentile",
    median_trend: "Median trend",
    median_days: "Median (days)",
    percentile_90_days: "90th percentile (days)",
    days_unit: "Days",
    median_ratio: |first, last| format!("Median time from {first} to {last}"),

    nav_network: "Network",
    network_title: "Actor network",
    network_intro: "Two actors are linked when they work on the same project: networks of \
        exchange rather than bilateral links.",
    filter_network: "Filter the network",
    commissioned_from: "Projects commissioned from",
    commissioned_to: "Projects commissioned until",
    view_switch: "Network display",
    view_graph: "Graph",
    view_list: "List",
    no_network: "No actor takes part in the selected projects.",
    graph_help: "Drag the background to move the view and an actor to move it; wheel or the \
        + and − buttons to zoom. With the keyboard, when the graph has focus: arrows to move, + and − \
        to zoom, 0 to reset; Tab goes through the actors and Enter opens their page. The List view \
        shows the same data as a table.",
    zoom_controls: "Zoom",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom_reset: "Reset the view",
    graph_title: |nodes, links| format!("Network graph: {nodes} actors, {links} links"),
    node_summary: |name, kind, partners, projects| {
        let partners = match partners {
            1 => "1 partner".to_owned(),
            _ => format!("{partners} partners"),
        };
        let projects = match projects {
            1 => "1 project".to_owned(),
            _ => format!("{projects} projects"),
        };
        format!("{name} ({kind}): {partners}, {projects}")
    },
    legend_heading: "Kinds of actors",
    legend_size: "An actor is drawn larger the more partners it has; a link, thicker the more \
        projects it stands for.",
    network_metrics_heading: "Network figures",
    metric_nodes: "Actors",
    metric_edges: "Links",
    metric_density: "Density",
    metric_components: "Components",
    metric_largest: "Largest component",
    metric_isolated: "Isolated actors",
    metrics_hint: "Density: share of the possible links that exist. Isolated: actors of the \
        directory in none of the selected projects.",
    top_connected_heading: "Most connected actors",
    partners_count: |n| match n {
        1 => "1 partner".to_owned(),
        _ => format!("{n} partners"),
    },
    shared_projects: |n| match n {
        1 => "1 shared project".to_owned(),
        _ => format!("{n} shared projects"),
    },
    shared_projects_total: |n| match n {
        1 => "1 collaboration".to_owned(),
        _ => format!("{n} collaborations"),
    },
    growth_title: "Network growth",
    growth_description: |first_year, first_nodes, first_links, last_year, last_nodes, last_links| {
        format!(
            "End of {first_year}: {first_nodes} actors and {first_links} links; end of {last_year}: \
            {last_nodes} actors and {last_links} links, by commission year of the projects."
        )
    },
    year: "Year",
    network_list_caption: "Actors of the network",
    column_degree: "Partners",
    column_weighted_degree: "Collaborations",
    column_partners: "Partner list",

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

    month_names: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    colon: ": ",
    cancel: "Cancel",
    save: "Save",
    save_changes: "Save changes",
    saving: "Saving…",
    edit: "Edit",
    delete: "Delete",
    remove: "Remove",
    reload: "Reload",
    close_dialog: "Close the dialog",
    read_only: "Your role lets you read this information, not change it.",
    unknown_person: "Unknown person",
    days: |n| match n {
        -1..=1 => format!("{n}\u{a0}day"),
        _ => format!("{n}\u{a0}days"),
    },
    date: "Date",
    on_this_page: "On this page",

    filters_heading: "Search and filters",
    search_label: "Search",
    filter_all: "All",
    apply_filters: "Apply",
    reset_filters: "Clear all",
    sort_by: |column| format!("sort by {}", column.to_lowercase()),
    tag_label: "Tag",

    new_project: "New project",
    filter_projects: "Filter projects",
    project_search_hint: "Reference, title or summary",
    innovation_type_label: "Innovation type",
    commission_year_label: "Year of commission",
    projects_caption: "Project portfolio",
    projects_count: |n| match n {
        1 => format!("{n} project"),
        _ => format!("{n} projects"),
    },
    projects_pagination: "Project pages",
    no_projects: "No project matches these criteria.",
    column_reference: "Reference",
    column_title: "Title",
    column_phase: "Phase",
    column_axis: "Strategic axis",
    column_lead: "Project lead",
    column_total_cost: "Total cost",
    column_leverage: "Leverage",

    project_not_found: "Project not found",
    current_phase: "Current phase:",
    suspended_from: |phase| format!("(will resume in phase {phase})"),
    change_phase: "Change phase",
    edit_project: "Edit project",
    innovation_types_label: "Innovation types",
    sponsor_label: "Sponsor",
    sponsor_hint: "Elected official or department behind the commission",
    commission_date_label: "Commission letter date",
    commission_date_hint: "Where the instruction time starts",
    decision_date_label: "Decision date",
    instruction_time_label: "Instruction time",
    instruction_pending: "ongoing (no decision yet)",
    start_date_label: "Start date",
    planned_end_date_label: "Planned end",
    actual_end_date_label: "Actual end",
    location_label: "Location",
    insee_code: |code| format!("INSEE commune {code}"),
    visibility_label: "Visibility",
    tags_label: "Tags",
    tags_hint: "Separated by commas, e.g. energy, mobility",
    summary_label: "Summary",
    summary_hint: "One or two sentences, shown at the top of the project page",
    description_label: "Description",

    lifecycle_heading: "Lifecycle",
    commission_received: "Commission letter received (phase Commission)",
    recorded_by: |name| format!("recorded by {name}"),
    moved_to: "to",
    new_phase: "New phase",
    transition_date: "Date of the change",
    decision_outcome: "Decision",
    no_go_hint: "A no-go decision then leads to abandoning the project.",
    abandon_reason: "Reason for abandoning",
    abandon_reason_optional: "Reason (optional)",
    choose_reason: "— Choose a reason —",
    motivation: "Motivation",
    motivation_hint: "Why the project changes phase: it is kept in its history.",
    comment_optional: "Comment (optional)",
    confirm_transition: "Record the phase change",
    phase_changed: |phase| format!("The project moved to phase {phase}."),
    move_no_longer_possible: |allowed| {
        if allowed.is_empty() {
            "This change is no longer possible: the project changed phase in the meantime."
                .to_owned()
        } else {
            format!(
                "This change is no longer possible: the project changed phase in the meantime. \
                Possible phases now: {allowed}."
            )
        }
    },
    decision_gate_closed: |why| {
        format!("Moving to decision first needs the required ex-ante evaluations. The server says: “{why}”.")
    },

    finance_heading: "Financing plan",
    total_cost: "Total cost",
    city_share: "Town's share (secured)",
    secured_funding: "Secured funding",
    secured_from_others: "Of which other funders",
    funding_gap: "Still to finance",
    over_funding: "Funding surplus",
    leverage: "Leverage",
    leverage_hint: "Euros from other funders per €1 from the town",
    chart_title: "Secured funding by origin, compared with the total cost",
    chart_description: |cost, secured, parts| {
        format!("Total cost: {cost}. Secured funding: {secured}, of which {parts}.")
    },
    chart_table_caption: "Secured funding by origin",
    share_of_cost: "Share of total cost",
    total_secured: "Total secured",
    funding_lines_heading: "Funding lines",
    no_funding_lines: "No funding line yet.",
    column_funder: "Funder",
    column_category: "Origin",
    column_status: "Status",
    column_dates: "Dates",
    label_label: "Label",
    label_optional: "Label (optional)",
    amount: "Amount",
    amount_in_euros: "Amount in euros",
    amount_hint: "For example: 1,250,000 or 1,250,000.50",
    category_hint: "Town: the town's budget. Public: State, Region, Department, EPCI, EU.",
    requested_on: "Requested on",
    decided_on: "Decided on",
    paid_on: "Paid on",
    change_status: "New status…",
    new_status_for: |funder| format!("New status of {funder}'s line"),
    for_funder: |funder| format!(" {funder}'s line"),
    add_funding_line: "Add a funding line",
    funding_line_added: |funder| format!("Funding line from {funder} added."),
    funding_status_changed: |funder, status| format!("{funder}'s line is now “{status}”."),
    funding_line_deleted: |funder| format!("Funding line from {funder} deleted."),
    confirm_delete_funding_line: |funder| format!("Delete the funding line from {funder}?"),
    funding_line_conflict: "Someone else changed this line in the meantime: \
        reload to see its current version, then try again.",

    milestones_heading: "Milestones",
    no_milestones: "No milestone yet.",
    milestone_title: "Milestone",
    due_date: "Due date",
    due_on: "Due",
    done_on: "Done on",
    milestone_state_done: "Done",
    milestone_state_overdue: "Overdue",
    milestone_state_open: "Upcoming",
    mark_done: "Mark as done",
    reopen: "Reopen",
    add_milestone: "Add a milestone",
    milestone_added: |title| format!("Milestone “{title}” added."),
    milestone_done: |title| format!("Milestone “{title}” marked as done."),
    milestone_reopened: |title| format!("Milestone “{title}” reopened."),
    milestone_deleted: |title| format!("Milestone “{title}” deleted."),
    confirm_delete_milestone: |title| format!("Delete the milestone “{title}”?"),

    participants_heading: "Actors involved",
    no_participants: "No actor is involved in this project yet.",
    column_actor: "Actor",
    column_kind: "Kind of actor",
    add_participant: "Involve an actor",
    participant_added: |name, role| format!("{name} now takes part in the project as {role}."),
    participant_removed: |name| format!("{name} was removed from the project."),
    confirm_remove_participant: |name, role| format!("Remove {name} ({role}) from the project?"),
    actor_search_label: "Search for an actor",
    actor_search_hint: "Type part of the name, then choose in the list below.",
    actor_search_failed: "The actor search failed. Try again.",
    actors_found: |n| match n {
        0 => "No actor found.".to_owned(),
        1 => "1 actor found.".to_owned(),
        _ => format!("{n} actors found."),
    },
    choose_actor: "— Choose an actor —",

    journal_heading: "Journal",
    no_journal_entries: "The journal is empty.",
    journal_kind: "Kind of entry",
    journal_body: "Text",
    add_journal_entry: "Add to the journal",
    journal_entry_added: |kind| format!("{kind} added to the journal."),
    journal_entry_deleted: "Journal entry deleted.",
    journal_entry_of: |kind, date| format!("the {kind} entry of {date}"),
    confirm_delete_journal_entry: "Delete this journal entry?",

    documents_heading: "Documents",
    no_documents: "No document attached.",
    column_file: "File",
    column_size: "Size",
    column_uploaded_at: "Uploaded on",
    download: "Download",
    upload_document: "Attach a document",
    file_to_upload: "File",
    upload_hint: "PDF, office document or image.",
    upload: "Upload the file",
    uploading: "Uploading…",
    upload_progress: |percent| format!("Uploading: {percent}\u{a0}%"),
    upload_progress_label: "Upload progress",
    document_uploaded: |name| format!("Document “{name}” attached to the project."),
    document_deleted: |name| format!("Document “{name}” deleted."),
    confirm_delete_document: |name| format!("Delete the document “{name}”?"),

    create_project: "Create the project",
    edit_project_title: |title| format!("Edit “{title}”"),
    project_conflict: "Someone else saved this project in the meantime. Your changes were \
        not saved: reload the project to see its current version, then make your changes again.",
    reload_project: "Reload the project",
    section_identity: "The project",
    section_calendar: "Calendar",
    section_steering: "Steering",
    section_place_and_budget: "Territory, budget and publication",
    no_lead: "— Not appointed yet —",
    team_label: "Team",
    commune_insee_label: "Commune (INSEE code)",
    commune_insee_hint: "Five characters, e.g. 26281",
    area_label: "District or area",
    total_cost_in_euros: "Total cost in euros",
    delete_project: "Delete the project",
    delete_project_hint:
        "Deletion is final. A stopped project is better moved to phase Abandoned, \
        which keeps its history.",
    confirm_delete_project: |reference, title| {
        format!("Permanently delete project {reference} “{title}”?")
    },

    new_actor: "New actor",
    filter_actors: "Filter actors",
    actor_search_hint_directory: "Name, SIRET or sector",
    actors_caption: "Actor directory",
    actors_count: |n| match n {
        1 => format!("{n} actor"),
        _ => format!("{n} actors"),
    },
    actors_pagination: "Actor pages",
    no_actors: "No actor matches these criteria.",
    column_updated_at: "Updated on",
    actor_not_found: "Actor not found",
    actor_name: "Name",
    choose_kind: "— Choose a kind —",
    siret: "SIRET",
    siret_hint: "14 digits, spaces allowed. Leave empty if the actor has none.",
    siren: "SIREN",
    see_actor: |name| format!("See {name}'s record"),
    sector: "Sector",
    address: "Address",
    website: "Website",
    website_hint: "Full address, starting with https://",
    phone: "Phone",
    notes: "Notes",
    create_actor: "Create the actor",
    actor_conflict: "Someone else saved this actor in the meantime. Your changes were not saved: \
        reload to see its current version, then make your changes again.",
    actor_saved: |name| format!("{name}'s record was saved."),
    edit_actor: "Edit the record",
    actor_details: "Details",
    actor_projects_heading: "Projects and roles",
    no_actor_projects: "This actor takes part in no project yet.",
    delete_actor: "Delete the actor",
    delete_actor_hint: "Only possible if the actor takes part in no project.",
    confirm_delete_actor: |name| format!("Permanently delete {name} from the directory?"),
    actor_in_projects: "This actor takes part in projects: remove it from them first \
        (see “Projects and roles”).",

    contacts_heading: "Contacts",
    no_contacts: "No contact recorded.",
    contact_role: "Position",
    add_contact: "Add a contact",
    edit_contact: |name| format!("Edit contact {name}"),
    contact_saved: |name| format!("Contact {name} saved."),
    contact_deleted: |name| format!("Contact {name} deleted."),
    confirm_delete_contact: |name| {
        format!("Delete contact {name}? Their personal data will be erased.")
    },
    contact_conflict: "Someone else changed this contact in the meantime: the list now shows its \
        current version. Check it, then save again.",

    evaluations_intro: "Grids set the criteria and their weights on which projects are scored from 0 to 5.",
    evaluations_where: "Evaluations themselves are made from each project's page, under “Evaluations”.",
    grids_heading: "Evaluation grids",
    no_grids: "No grid yet.",
    new_grid: "New grid",
    edit_grid: "Edit the grid",
    create_grid: "Create the grid",
    save_grid: "Save a new version",
    grids_managers_only: "Only managers and administrators create and edit grids.",
    grid: "Grid",
    grid_active: "Active (offered for new evaluations)",
    grid_conflict: "Someone else saved this grid in the meantime: reload it, then make your changes again.",
    grid_saved: |version| format!("Grid saved: version {version}."),
    saving_makes_version: |next| format!("Saving makes version {next} of the grid. Evaluations already started or submitted keep the version they were made against."),
    grid_version_label: "Grid version",
    version_number: |version| format!("version {version}"),
    criteria_count: "Criteria",
    criteria_n: |n| if n == 1 { format!("{n} criterion") } else { format!("{n} criteria") },
    submitted_evaluations: "Submitted evaluations",
    submitted_evaluations_hint: "taken into account here",
    criteria_heading: "Criteria",
    criteria_hint: "Each criterion is scored from 0 to 5 and counts by its weight. The order is the evaluation form's.",
    criterion: "Criterion",
    criterion_number: |n| format!("Criterion {n}"),
    criterion_label: "Label",
    criterion_key: "Key",
    criterion_key_hint: "The key, in lower-case letters, digits and _, links scores across versions of the grid.",
    weight: "Weight",
    weight_of: |weight| format!("(weight {weight})"),
    add_criterion: "Add a criterion",
    move_up: "Move up",
    move_down: "Move down",
    versions_heading: "Version history",
    no_versions: "No saved version.",
    description_optional: "Description (optional)",
    evaluation_kind: "Kind of evaluation",
    evaluation_kind_name: |kind| match kind {
        EvaluationKind::ExAnte => "Ex-ante",
        EvaluationKind::Intermediate => "Intermediate",
        EvaluationKind::ExPost => "Ex-post",
    },
    evaluation_status_name: |status| match status {
        EvaluationStatus::Draft => "Draft",
        EvaluationStatus::Submitted => "Submitted",
    },
    recommendation_name: |recommendation| match recommendation {
        Recommendation::Go => "Go",
        Recommendation::GoWithConditions => "Go with conditions",
        Recommendation::NoGo => "No-go",
    },
    evaluation_heading: "Evaluation",
    evaluation_of_kind: |kind| format!("{kind} evaluation"),
    back_to_project: "Back to the project",
    evaluator: "Evaluator",
    submitted_on: "Submitted on",
    evaluation_keyboard_help: "With the keyboard: in each criterion, the arrow keys change the score and a digit from 0 to 5 sets it; Tab moves to the comment, then to the next criterion.",
    score_hint: "Score from 0 (absent) to 5 (excellent).",
    criterion_comment: "Comment (optional)",
    weighted_score: "Weighted score",
    recommendation: "Recommendation",
    general_comment: "General opinion",
    general_comment_hint: "Conditions of a go, points of attention, questions to look into.",
    save_draft: "Save the draft",
    submit_evaluation: "Submit the evaluation",
    delete_draft: "Delete the draft",
    unsaved_changes: "Unsaved changes.",
    confirm_submit_evaluation: "Submit this evaluation? It can no longer be changed unless a manager reopens it.",
    confirm_delete_evaluation: "Delete this draft evaluation?",
    evaluation_incomplete: "To submit, score every criterion and choose a recommendation.",
    evaluation_saved: "Draft saved.",
    evaluation_submitted: "Evaluation submitted.",
    evaluation_reopened: "Evaluation reopened: it is a draft again.",
    evaluation_conflict: "This evaluation was changed elsewhere in the meantime (in another tab?): reload it to carry on from its latest version. Your unsaved changes will be lost.",
    reopen_evaluation: "Reopen",
    reopen_hint: "The evaluation goes back to draft for its author to rework. The reason is kept in the audit log.",
    reopen_reason: "Reason (optional)",
    scores_heading: "Scores",
    score: "Score",
    no_evaluations: "No visible evaluation yet.",
    blind_review_hint: "Blind review: you will see the others' evaluations once yours of the same kind is submitted.",
    continue_evaluation: "Continue",
    see: "View",
    evaluation_by: |name| format!("the evaluation by {name}"),
    start_evaluation: "Start an evaluation",
    no_active_grid: "No active grid of this kind: a manager must activate one.",
    own_evaluation_exists: |kind| format!("You already have a {} evaluation of this project.", kind.to_lowercase()),
    consolidated_view: "Consolidated view",
    comparison_link: "Ex-ante / ex-post comparison",
    decision_gate: "Move to decision",
    gate_count: |submitted, needed| format!("{submitted} submitted ex-ante evaluation{} of the {needed} required.", if submitted == 1 { "" } else { "s" }),
    gate_open: "possible",
    gate_missing: |n| format!("{n} missing"),
    gate_needed: |n| format!("{n} submitted ex-ante evaluation{} required. You will see how many there are once yours is submitted.", if n == 1 { "" } else { "s" }),
    consolidated_title: |kind| format!("Consolidated view — {}", kind.to_lowercase()),
    consolidated_forbidden: "The consolidated view opens to evaluators once their own evaluation of this kind is submitted, and to managers.",
    no_submitted_evaluations: "No submitted evaluation of this kind yet.",
    mean_weighted_score: "Mean weighted score",
    mean_weighted_score_hint: "mean of the submitted evaluations' weighted scores",
    recommendations: "Recommendations",
    radar_title: "Mean scores per criterion",
    radar_description: "Each criterion's mean score out of 5, between the lowest and the highest score given",
    radar_point: |label, mean, min, max| format!("{label} {mean} (from {min} to {max})"),
    radar_needs_three: "The radar chart needs at least three criteria: see the table.",
    mean: "Mean",
    min_score: "Min.",
    max_score: "Max.",
    min_max_band: "Range of scores (min. to max.)",
    per_criterion_heading: "Per criterion",
    spread_hint: "The spread is the difference between the highest and the lowest score: from 2 on, evaluators disagree and the criterion deserves a discussion.",
    scores_given: "Scores",
    spread: "Spread",
    high_spread: "Wide spread",
    evaluators_heading: "Evaluators",
    comparison_title: "Ex-ante / ex-post comparison",
    comparison_not_closed: "The project is not closed: the ex-post evaluation comes at its closure.",
    ex_ante_score: "Ex-ante score",
    ex_post_score: "Ex-post score",
    evaluations_n: |n| if n == 1 { format!("{n} submitted evaluation") } else { format!("{n} submitted evaluations") },
    score_change: "Change",
    score_change_hint: "ex-post score minus ex-ante score, in points",
    ex_ante_mean: "Ex-ante mean",
    ex_post_mean: "Ex-post mean",
    delta: "Change",
    indicators_achieved_of: |achieved, total| format!("{achieved} of {total} indicators reached their target"),
    mean_progress: "mean progress",
    achieved: "Target reached",
    indicators_heading: "Indicators",
    no_indicators: "No indicator yet.",
    indicator: "Indicator",
    indicator_name: "Indicator name",
    indicator_unit: "Unit",
    indicator_unit_hint: "For example jobs, m², tCO2e, %.",
    indicator_level: "Level",
    indicator_level_name: |level| match level {
        IndicatorLevel::Output => "Output",
        IndicatorLevel::Outcome => "Outcome",
        IndicatorLevel::Impact => "Impact",
    },
    indicator_direction: "Expected direction",
    direction_name: |direction| match direction {
        Direction::Increase => "Increase",
        Direction::Decrease => "Decrease",
    },
    indicator_status_name: |status| match status {
        Some(IndicatorStatus::OnTrack) => "On track",
        Some(IndicatorStatus::AtRisk) => "At risk",
        Some(IndicatorStatus::OffTrack) => "Off track",
        None => "Not measured",
    },
    baseline: "Baseline",
    baseline_value: "Baseline value",
    baseline_date: "Baseline date",
    target: "Target",
    target_value: "Target value",
    target_date: "Target date",
    baseline_to_target: "Baseline → target",
    latest_value: "Latest measurement",
    progress: "Progress",
    expected_progress: "Progress expected by that date",
    expected_short: |expected| format!("(expected: {expected}\u{a0}%)"),
    decimal_hint: "A number, with a point for decimals, e.g. 12.5.",
    add_indicator: "Add an indicator",
    new_indicator_form: "Define a new indicator",
    indicator_definition: "Definition",
    edit_indicator: "Edit the indicator",
    delete_indicator: "Delete the indicator",
    confirm_delete_indicator: |name| format!("Delete the indicator “{name}” and all its measurements?"),
    indicator_saved: |name| format!("Indicator “{name}” saved."),
    indicator_conflict: "Someone else changed this indicator in the meantime: it has been reloaded, make your changes again.",
    chart_and_measurements: "Chart and measurements",
    measurements_heading: "Measurements",
    no_measurements: "No measurement yet",
    measurement: "Measurement",
    add_measurement: "Add the measurement",
    value_in: |unit| format!("Value ({unit})"),
    value: "Value",
    comment: "Comment",
    point_kind: "Kind",
    target_path: "Path to the target",
    measurement_added: |date| format!("Measurement of {date} added."),
    measurement_deleted: |date| format!("Measurement of {date} deleted."),
    confirm_delete_measurement: |date| format!("Delete the measurement of {date}?"),
    indicator_chart_title: |name| format!("{name}: measurements and path"),
    indicator_chart_description: |name, baseline, baseline_date, target, target_date, latest| format!("{name}: baseline {baseline} on {baseline_date}, target {target} on {target_date}, latest measurement {latest}."),
    chart_scores_title: "Projects' ex-ante scores",
    score_band_header: "Consolidated score",
    score_band: |from, to| format!("{from} to {to}"),
    score_distribution_note: |projects, mean, median| format!("{projects} evaluated project(s); mean {mean}, median {median} out of 100."),
    chart_indicators_title: "Indicators by status",

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
    phase_name: |phase| match phase {
        Phase::Commande => "Commission",
        Phase::Cadrage => "Scoping",
        Phase::Instruction => "Appraisal",
        Phase::Decision => "Decision",
        Phase::Realisation => "Delivery",
        Phase::Evaluation => "Evaluation",
        Phase::Cloture => "Closed",
        Phase::Suspendu => "Suspended",
        Phase::Abandonne => "Abandoned",
    },
    outcome_name: |outcome| match outcome {
        DecisionOutcome::Go => "Go",
        DecisionOutcome::GoWithConditions => "Go with conditions",
        DecisionOutcome::NoGo => "No-go",
    },
    abandon_reason_name: |reason| match reason {
        AbandonReason::Financing => "Lack of financing",
        AbandonReason::Partners => "Lack of partners",
        AbandonReason::MarketRelevance => "Lack of relevance (market, need)",
        AbandonReason::Time => "Lack of time",
        AbandonReason::Other => "Other reason",
    },
    innovation_type_name: |kind| match kind {
        InnovationType::Technological => "Technological",
        InnovationType::Social => "Social",
        InnovationType::Organisational => "Organisational",
        InnovationType::Marketing => "Marketing",
        InnovationType::BusinessModel => "Business model",
        InnovationType::PublicService => "Public service",
    },
    visibility_name: |visibility| match visibility {
        Visibility::Internal => "Internal (town services)",
        Visibility::Partners => "Project partners",
        Visibility::Public => "Public (open data)",
    },
    category_name: |category| match category {
        FundingCategory::City => "Town",
        FundingCategory::Public => "Other public funders",
        FundingCategory::Private => "Private funders",
    },
    funding_status_name: |status| match status {
        FundingStatus::Planned => "Planned",
        FundingStatus::Requested => "Requested",
        FundingStatus::Granted => "Granted",
        FundingStatus::Refused => "Refused",
        FundingStatus::Paid => "Paid",
    },
    journal_kind_name: |kind| match kind {
        JournalKind::Note => "Note",
        JournalKind::Decision => "Decision",
        JournalKind::Lesson => "Lesson learned",
        JournalKind::Partner => "Exchange with partners",
    },
    participant_role_name: |role| match role {
        ParticipantRole::Lead => "Lead",
        ParticipantRole::Partner => "Partner",
        ParticipantRole::Funder => "Funder",
        ParticipantRole::Beneficiary => "Beneficiary",
        ParticipantRole::Contractor => "Contractor",
        ParticipantRole::Expert => "Expert",
    },
    actor_kind_name: |kind| match kind {
        ActorKind::Company => "Company",
        ActorKind::Association => "Association",
        ActorKind::Municipality => "Municipality or EPCI",
        ActorKind::StateService => "State service",
        ActorKind::RegionDepartment => "Region or department",
        ActorKind::ResearchEducation => "Research and education",
        ActorKind::Funder => "Funder",
        ActorKind::Chamber => "Chamber of commerce or trades",
        ActorKind::CitizenGroup => "Citizen group",
        ActorKind::Other => "Other",
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
        (field, "required") if field.starts_with("scores.") => {
            Some("Score this criterion before submitting.")
        }
        ("recommendation", "required") => Some("Choose a recommendation before submitting."),
        (_, "out_of_range") => Some("This value is out of the allowed range."),
        (_, "unknown_criterion") => Some("This criterion is not in the grid."),
        ("grid_id", "inactive") => Some("This grid is no longer offered for new evaluations."),
        ("kind", "kind_mismatch") => Some("This grid is made for another kind of evaluation."),
        (_, "invalid_key") => Some("A key is written in lower-case letters, digits and _."),
        (_, "invalid_number") => Some("Enter a number, e.g. 12.5."),
        (_, "inconsistent_direction") => {
            Some("The target must lie in the expected direction from the baseline.")
        }
        ("target_date", "before_baseline") => Some("The target date comes after the baseline date."),
        (_, "before_baseline") => Some("A measurement cannot precede the baseline date."),
        (_, "in_future") => Some("A measurement cannot be dated in the future."),
        ("email", "required") => Some("Enter an e-mail address."),
        ("password", "required") => Some("Enter a password."),
        ("to", "required") => Some("Choose the new phase."),
        ("outcome", "required") => Some("Record the decision taken."),
        ("reason", "required") => Some("Give the reason for abandoning."),
        ("motivation", "required") => Some("Explain why the project changes phase."),
        ("funder_id", "required") => Some("Choose the funder."),
        ("actor_id", "required") => Some("Choose an actor."),
        ("amount_cents", "required") => Some("Enter the amount."),
        ("kind", "required") => Some("Choose the kind of actor."),
        ("file", "required") => Some("Choose the file to upload."),
        (_, "required") => Some("This field is required."),
        ("password", "too_short") => Some("The password needs at least 12 characters."),
        ("password", "too_long") => Some("The password can have at most 128 characters."),
        ("password", "common_password") => Some("This password is too common: choose another one."),
        (_, "too_long") => Some("This text is too long."),
        (_, "invalid_email") => Some("Enter a valid e-mail address, like first.last@town.fr."),
        ("email", "already_exists") => Some("An account already uses this e-mail address."),
        ("siret", "already_exists") => Some("An actor of the directory already has this SIRET."),
        (_, "already_exists") => Some("This value is already used."),
        (_, "invalid_characters") => Some("This text contains characters that are not allowed."),
        (_, "invalid_choice") => Some("Choose a value from the list."),
        ("siret", "invalid_siret") => {
            Some("This SIRET is not valid: it has 14 digits, the last one being a check digit.")
        }
        (_, "invalid_insee_code") => Some("An INSEE code has five characters, e.g. 26281."),
        (_, "invalid_url") => Some("Enter a full web address, starting with https://."),
        (_, "invalid_phone") => Some("Enter a phone number, e.g. +33 4 75 05 51 51."),
        (_, "invalid_amount") => Some("Enter an amount in euros, e.g. 1,250,000 or 1,250,000.50."),
        (_, "too_many_decimals") => Some("An amount has at most two decimals (the cents)."),
        (_, "negative") => Some("An amount cannot be negative."),
        (_, "too_large") => Some("This amount is not plausible."),
        (_, "invalid_date") => Some("Enter a valid date."),
        ("date", "before_commission") => {
            Some("A phase change cannot precede the commission letter.")
        }
        (_, "before_commission") => Some("This date cannot precede the commission letter."),
        (_, "before_start") => Some("This date cannot precede the start date."),
        (_, "after_decision") => {
            Some("The commission cannot follow the decision already recorded.")
        }
        (_, "before_request") => Some("The decision cannot precede the request."),
        (_, "before_decision") => Some("The payment cannot precede the decision."),
        (_, "not_paid") => Some("Only a paid line has a payment date."),
        ("status", "invalid_status_move") => {
            Some("This status change is not possible for this line.")
        }
        (_, "not_applicable") => Some("This does not apply to this change."),
        (_, "duplicate") => Some("This value is listed twice."),
        (_, "too_many") => Some("This list has too many items."),
        ("file", "unsupported_type") => {
            Some("This type of file is not accepted: attach a PDF, an office document or an image.")
        }
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
