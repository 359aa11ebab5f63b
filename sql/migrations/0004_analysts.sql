-- For analysts and dashboards: the read-only role referrals_reader, and the "as of" clock the views count from.
-- Applied inside the target schema (search_path), whose name is configurable: current_schema() names it.

-- The moment the views measure time against (days open, hours left before expiry): now(), unless the session
-- set referrals_etl.as_of (SET referrals_etl.as_of = '2025-07-01T00:00:00Z'), as `referrals-etl report --as-of`
-- does to show the warehouse as of another time.
CREATE FUNCTION referrals_as_of() RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(nullif(current_setting('referrals_etl.as_of', true), '')::timestamptz, now()) $$;
COMMENT ON FUNCTION referrals_as_of() IS 'The time the views count from: the session setting referrals_etl.as_of when set, otherwise now().';

-- Roles are cluster-wide: the first schema migrated creates referrals_reader, later ones (and concurrent ones)
-- find it there. Each schema grants it USAGE and SELECT on every table and view, present and future.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'referrals_reader') THEN
        BEGIN
            CREATE ROLE referrals_reader NOLOGIN;
            COMMENT ON ROLE referrals_reader IS 'Read-only access to the referrals-etl warehouse schemas; grant it to analysts'' and dashboards'' logins.';
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another schema's migration created it meanwhile
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'cannot create role referrals_reader: % has no CREATEROLE privilege', current_user
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'ask a database administrator to run CREATE ROLE referrals_reader NOLOGIN, then migrate again';
        END;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO referrals_reader', current_schema());
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO referrals_reader', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO referrals_reader', current_schema());
END
$$;
