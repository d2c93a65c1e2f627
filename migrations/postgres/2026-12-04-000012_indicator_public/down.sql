ALTER TABLE indicators DROP COLUMN public;
