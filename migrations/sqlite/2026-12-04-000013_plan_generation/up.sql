-- A counter that every change to what the investment programme is read
-- from (projects, their CP, funding lines, their schedules, the settings
-- that hold the town's capacity) moves on, in the same transaction: a plan
-- kept in memory is used only while the counter still says what it said
-- when the plan was read. Triggers, so that no path that writes (API,
-- import, demo, a DBA's own SQL) can forget it.
--
-- The generation is the sum of a counter's slots (PostgreSQL spreads
-- concurrent writers over several; SQLite, with one writer at a time, has
-- one).
CREATE TABLE data_generations (
    name TEXT NOT NULL,
    slot INTEGER NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (name, slot)
);

INSERT INTO data_generations (name, slot, value) VALUES ('plan', 0, 0);

CREATE TRIGGER projects_insert_moves_plan AFTER INSERT ON projects
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER projects_update_moves_plan AFTER UPDATE ON projects
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER projects_delete_moves_plan AFTER DELETE ON projects
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER payment_credits_insert_moves_plan AFTER INSERT ON payment_credits
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER payment_credits_update_moves_plan AFTER UPDATE ON payment_credits
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER payment_credits_delete_moves_plan AFTER DELETE ON payment_credits
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER funding_lines_insert_moves_plan AFTER INSERT ON funding_lines
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER funding_lines_update_moves_plan AFTER UPDATE ON funding_lines
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER funding_lines_delete_moves_plan AFTER DELETE ON funding_lines
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER funding_schedules_insert_moves_plan AFTER INSERT ON funding_schedules
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER funding_schedules_update_moves_plan AFTER UPDATE ON funding_schedules
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER funding_schedules_delete_moves_plan AFTER DELETE ON funding_schedules
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER settings_insert_moves_plan AFTER INSERT ON settings
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER settings_update_moves_plan AFTER UPDATE ON settings
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;

CREATE TRIGGER settings_delete_moves_plan AFTER DELETE ON settings
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan' AND slot = 0;
END;
