-- A counter that every change to what the investment programme is read
-- from (projects, their CP, funding lines, their schedules, the settings
-- that hold the town's capacity) moves on, in the same transaction: a plan
-- kept in memory is used only while the counter still says what it said
-- when the plan was read. Statement triggers, so that no path that writes (API,
-- import, demo, a DBA's own SQL) can forget it.
CREATE TABLE data_generations (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

INSERT INTO data_generations (name, value) VALUES ('plan', 0);

CREATE FUNCTION plan_moves_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_generations SET value = value + 1 WHERE name = 'plan';
    RETURN NULL;
END;
$$;

CREATE TRIGGER projects_moves_plan AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION plan_moves_on();

CREATE TRIGGER payment_credits_moves_plan AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON payment_credits
    FOR EACH STATEMENT EXECUTE FUNCTION plan_moves_on();

CREATE TRIGGER funding_lines_moves_plan AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON funding_lines
    FOR EACH STATEMENT EXECUTE FUNCTION plan_moves_on();

CREATE TRIGGER funding_schedules_moves_plan AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON funding_schedules
    FOR EACH STATEMENT EXECUTE FUNCTION plan_moves_on();

CREATE TRIGGER settings_moves_plan AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION plan_moves_on();
