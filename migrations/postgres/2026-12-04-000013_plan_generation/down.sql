DROP TRIGGER projects_moves_plan ON projects;
DROP TRIGGER payment_credits_moves_plan ON payment_credits;
DROP TRIGGER funding_lines_moves_plan ON funding_lines;
DROP TRIGGER funding_schedules_moves_plan ON funding_schedules;
DROP TRIGGER settings_moves_plan ON settings;
DROP FUNCTION plan_moves_on();
DROP TABLE data_generations;
