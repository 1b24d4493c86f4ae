-- Plugin retention, version 1: closed tickets past an academy's retention period lose their personal data in the
-- connector's copy and, when the academy enables it, are deleted in iTop. Everything the plugin needs is here.

-- When the row was anonymised (null: never), and when retention deleted the ticket in iTop (null: not deleted by it).
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS retention_anonymised_at timestamptz;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS retention_itop_deleted_at timestamptz;

-- The sync copies every ticket it reads from iTop again (a full sync reads them all): without this trigger the next
-- full sync of an anonymised ticket would bring its title and its requester back. For an anonymised row the update
-- keeps the anonymised columns; an update that changes nothing else is skipped altogether (no write, not counted by
-- the sync as changed). A ticket retention deleted in iTop stays counted: key reconciliation cannot mark it deleted.
-- The WHEN clause keeps every other row off the function: the sync's cost is one null test per updated row.
CREATE OR REPLACE FUNCTION retention_keep_anonymised() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    synced timestamptz := NEW.synced_at;
BEGIN
    NEW.title := OLD.title;
    NEW.caller_id := OLD.caller_id;
    NEW.caller_name := OLD.caller_name;
    NEW.caller_email := OLD.caller_email;
    NEW.agent_name := OLD.agent_name;
    NEW.beneficiary := OLD.beneficiary;
    NEW.retention_anonymised_at := OLD.retention_anonymised_at;
    NEW.retention_itop_deleted_at := COALESCE(NEW.retention_itop_deleted_at, OLD.retention_itop_deleted_at);
    IF NEW.retention_itop_deleted_at IS NOT NULL THEN
        NEW.deleted_at := NULL;
    END IF;
    NEW.synced_at := OLD.synced_at;
    IF NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NULL;
    END IF;
    NEW.synced_at := synced;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER retention_keep_anonymised BEFORE UPDATE ON tickets
    FOR EACH ROW WHEN (OLD.retention_anonymised_at IS NOT NULL)
    EXECUTE FUNCTION retention_keep_anonymised();

-- What each dry run selected: a live run deletes in iTop only tickets a recent dry run listed.
CREATE TABLE IF NOT EXISTS retention_selections (
    id              bigserial PRIMARY KEY,
    academy_id      text NOT NULL,
    job_run_id      bigint,
    created_at      timestamptz NOT NULL,
    cutoff          timestamptz NOT NULL,
    itop_ids        bigint[] NOT NULL
);
CREATE INDEX IF NOT EXISTS retention_selections_recent ON retention_selections (academy_id, created_at DESC);

-- Tickets anonymised (and deleted in iTop) per academy and month of anonymisation, in the academy's time zone, in the
-- reporting plugin's shape: report_<name>_for(academy, team, from, to) filtered (null = no filter; dates in the
-- academy's zone, from inclusive, to exclusive) and report_<name> with no filter, for Grafana / Metabase.
CREATE OR REPLACE FUNCTION report_retention_monthly_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, month date, anonymised bigint, deleted_in_itop bigint)
LANGUAGE sql STABLE AS $$
    SELECT t.academy_id,
           date_trunc('month', t.retention_anonymised_at AT TIME ZONE COALESCE(a.time_zone, 'Europe/Paris'))::date,
           count(*)::bigint, count(t.retention_itop_deleted_at)::bigint
    FROM tickets t LEFT JOIN academies a ON a.academy_id = t.academy_id
    WHERE t.retention_anonymised_at IS NOT NULL
      AND (p_academy IS NULL OR t.academy_id = p_academy)
      AND (p_team IS NULL OR t.team_id = p_team)
      AND (p_from IS NULL OR (t.retention_anonymised_at AT TIME ZONE COALESCE(a.time_zone, 'Europe/Paris'))::date >= p_from)
      AND (p_to IS NULL OR (t.retention_anonymised_at AT TIME ZONE COALESCE(a.time_zone, 'Europe/Paris'))::date < p_to)
    GROUP BY 1, 2
    ORDER BY 1, 2 DESC
$$;

CREATE OR REPLACE VIEW report_retention_monthly AS
SELECT * FROM report_retention_monthly_for(NULL, NULL, NULL, NULL);
