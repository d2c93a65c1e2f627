-- An indicator is published on the public portal only when the unit says
-- so, and only while its project is public: existing ones stay private.
ALTER TABLE indicators ADD COLUMN public BOOLEAN NOT NULL DEFAULT 0;
