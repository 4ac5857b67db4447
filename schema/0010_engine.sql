-- sdesk schema, migration 10: the database decides. The engine runs inside
-- PostgreSQL (extension sdesk, created by `sdesk db migrate` before this
-- migration) and reads the catalogue that catalogue_current points at.

-- The catalogue in force: the one the last `sdesk plans load` stored. Every
-- calendar and plan it upserts points here (triggers below), so a reload of
-- an older catalogue (same hash, old id) is in force again too.
CREATE TABLE catalogue_current (
	one          boolean PRIMARY KEY DEFAULT true CHECK (one),
	catalogue_id bigint NOT NULL REFERENCES plan_catalogue,
	since        timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON catalogue_current TO sdesk_agent, sdesk_lead, sdesk_ops, sdesk_admin;

CREATE FUNCTION catalogue_follow() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
	INSERT INTO catalogue_current (one, catalogue_id, since) VALUES (true, NEW.catalogue_id, now())
	ON CONFLICT (one) DO UPDATE SET catalogue_id = EXCLUDED.catalogue_id, since = now()
	WHERE catalogue_current.catalogue_id IS DISTINCT FROM EXCLUDED.catalogue_id;
	RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION catalogue_follow() FROM PUBLIC;
CREATE TRIGGER calendar_catalogue_current AFTER INSERT OR UPDATE OF catalogue_id ON calendar
	FOR EACH ROW EXECUTE FUNCTION catalogue_follow();
CREATE TRIGGER plan_catalogue_current AFTER INSERT OR UPDATE OF catalogue_id ON plan
	FOR EACH ROW EXECUTE FUNCTION catalogue_follow();

-- A database migrated before this point keeps the catalogue it had.
INSERT INTO catalogue_current (one, catalogue_id)
SELECT true, catalogue_id FROM calendar ORDER BY updated_at DESC, catalogue_id DESC LIMIT 1;
