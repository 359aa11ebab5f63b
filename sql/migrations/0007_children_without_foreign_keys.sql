-- The load at the speed of COPY (docs/load.md#foreign-keys): the foreign keys of the two child tables checked every
-- row a load COPYs (757,403 requirement bridges and 399,369 team members per 100,000 referrals, each a lookup and
-- a row lock in the parent), which was more than a third of a first load's time in PostgreSQL. The loader
-- guarantees the relationships: it writes a referral's children only in the transaction that writes the referral,
-- after its requirements, and replaces them as a set. The relationships stay documented in the column comments and
-- docs/ANALYSTS.md. referrals.customer_key and referral_status_history.referral_id keep theirs (one check per
-- referral written).

ALTER TABLE referral_requirements DROP CONSTRAINT referral_requirements_referral_id_fkey;
ALTER TABLE referral_requirements DROP CONSTRAINT referral_requirements_requirement_key_fkey;
ALTER TABLE referral_team_members DROP CONSTRAINT referral_team_members_referral_id_fkey;

COMMENT ON COLUMN referral_requirements.referral_id IS 'The referral (referrals.id; join on it). Always a stored referral: the loader writes a referral''s requirements with it (no foreign key, for load speed).';
COMMENT ON COLUMN referral_requirements.requirement_key IS 'The requirement (requirements.requirement_key; join on it). Always a stored requirement (no foreign key, for load speed).';
COMMENT ON COLUMN referral_team_members.referral_id IS 'The referral (referrals.id; join on it). Always a stored referral: the loader writes a referral''s team with it (no foreign key, for load speed).';

-- Deleting referrals (by hand: the exporter never deletes one) still deletes their children, as the foreign keys'
-- ON DELETE CASCADE did, so a referral deleted and received again is written whole rather than refused by its
-- leftover children. A statement-level trigger: nothing for the loader's inserts and updates to pay. Its
-- search_path is the schema it was created in.
CREATE FUNCTION referrals_delete_children() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT
AS $$
BEGIN
    DELETE FROM referral_requirements c USING gone g WHERE c.referral_id = g.id;
    DELETE FROM referral_team_members c USING gone g WHERE c.referral_id = g.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER referrals_delete_children AFTER DELETE ON referrals
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION referrals_delete_children();
-- TRUNCATE referrals CASCADE (a reload from scratch) empties the history through its foreign key; this empties the
-- child tables too, as it did when they had theirs.
CREATE FUNCTION referrals_truncate_children() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT
AS $$
BEGIN
    TRUNCATE referral_requirements, referral_team_members;
    RETURN NULL;
END
$$;
CREATE TRIGGER referrals_truncate_children AFTER TRUNCATE ON referrals
    FOR EACH STATEMENT EXECUTE FUNCTION referrals_truncate_children();
COMMENT ON FUNCTION referrals_truncate_children() IS 'Empties the requirement bridges and team members when referrals is truncated (what TRUNCATE … CASCADE did before migration 0007).';
COMMENT ON FUNCTION referrals_delete_children() IS 'Deletes the requirement bridges and team members of deleted referrals (what ON DELETE CASCADE did before migration 0007).';
