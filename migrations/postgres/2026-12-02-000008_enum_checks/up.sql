-- Every column holding one of the shared enums accepts only its variants'
-- names (NULL stays allowed where the column is nullable: a CHECK that
-- yields NULL passes). users.role has had its CHECK, users_role_check,
-- since the foundation. Existing rows a check refuses make it fail.
ALTER TABLE actors ADD CONSTRAINT actors_kind_check CHECK (kind IN ('company', 'association', 'municipality', 'state_service', 'region_department', 'research_education', 'funder', 'chamber', 'citizen_group', 'other'));
ALTER TABLE projects ADD CONSTRAINT projects_phase_check CHECK (phase IN ('commande', 'cadrage', 'instruction', 'decision', 'realisation', 'evaluation', 'cloture', 'suspendu', 'abandonne'));
ALTER TABLE projects ADD CONSTRAINT projects_suspended_from_check CHECK (suspended_from IN ('commande', 'cadrage', 'instruction', 'decision', 'realisation', 'evaluation', 'cloture', 'suspendu', 'abandonne'));
ALTER TABLE projects ADD CONSTRAINT projects_decision_outcome_check CHECK (decision_outcome IN ('go', 'go_with_conditions', 'no_go'));
ALTER TABLE projects ADD CONSTRAINT projects_abandon_reason_check CHECK (abandon_reason IN ('financing', 'partners', 'market_relevance', 'time', 'other'));
ALTER TABLE projects ADD CONSTRAINT projects_visibility_check CHECK (visibility IN ('internal', 'partners', 'public'));
ALTER TABLE project_transitions ADD CONSTRAINT project_transitions_from_phase_check CHECK (from_phase IN ('commande', 'cadrage', 'instruction', 'decision', 'realisation', 'evaluation', 'cloture', 'suspendu', 'abandonne'));
ALTER TABLE project_transitions ADD CONSTRAINT project_transitions_to_phase_check CHECK (to_phase IN ('commande', 'cadrage', 'instruction', 'decision', 'realisation', 'evaluation', 'cloture', 'suspendu', 'abandonne'));
ALTER TABLE project_transitions ADD CONSTRAINT project_transitions_outcome_check CHECK (outcome IN ('go', 'go_with_conditions', 'no_go'));
ALTER TABLE project_transitions ADD CONSTRAINT project_transitions_reason_check CHECK (reason IN ('financing', 'partners', 'market_relevance', 'time', 'other'));
ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_kind_check CHECK (kind IN ('note', 'decision', 'lesson', 'partner'));
ALTER TABLE participants ADD CONSTRAINT participants_role_check CHECK (role IN ('lead', 'partner', 'funder', 'beneficiary', 'contractor', 'expert'));
ALTER TABLE funding_lines ADD CONSTRAINT funding_lines_category_check CHECK (category IN ('city', 'public', 'private'));
ALTER TABLE funding_lines ADD CONSTRAINT funding_lines_status_check CHECK (status IN ('planned', 'requested', 'granted', 'refused', 'paid'));
ALTER TABLE evaluation_grids ADD CONSTRAINT evaluation_grids_kind_check CHECK (kind IN ('ex_ante', 'intermediate', 'ex_post'));
ALTER TABLE evaluation_grid_versions ADD CONSTRAINT evaluation_grid_versions_kind_check CHECK (kind IN ('ex_ante', 'intermediate', 'ex_post'));
ALTER TABLE evaluations ADD CONSTRAINT evaluations_kind_check CHECK (kind IN ('ex_ante', 'intermediate', 'ex_post'));
ALTER TABLE evaluations ADD CONSTRAINT evaluations_status_check CHECK (status IN ('draft', 'submitted'));
ALTER TABLE evaluations ADD CONSTRAINT evaluations_recommendation_check CHECK (recommendation IN ('go', 'go_with_conditions', 'no_go'));
ALTER TABLE indicators ADD CONSTRAINT indicators_level_check CHECK (level IN ('output', 'outcome', 'impact'));
ALTER TABLE indicators ADD CONSTRAINT indicators_direction_check CHECK (direction IN ('increase', 'decrease'));
ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_event_check CHECK (event IN ('project.created', 'project.phase_changed', 'funding_line.status_changed', 'evaluation.submitted', 'indicator.measurement_added'));
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('project.created', 'project.phase_changed', 'funding_line.status_changed', 'evaluation.submitted', 'indicator.measurement_added'));
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'delivered', 'failed'));
