-- Reporting plugin: indexes, materialized views, report functions and report views.
-- A plugin migration, applied once by the host's migration runner. Written to apply over a database where earlier
-- builds created these objects at start-up (IF NOT EXISTS, OR REPLACE), so it is idempotent too.
-- Every report exists twice with a stable name:
--   report_<name>_for(p_academy text, p_team bigint, p_from date, p_to date): filtered (null = no filter);
--   report_<name>: the same with no filter (every academy, all time), for Grafana / Metabase.
-- Periods are dates in the academy's time zone: p_from inclusive, p_to exclusive.
-- One clock: a report that depends on "now" takes it as a parameter (p_now, the host's TimeProvider), never the
-- database's now(); only the no-filter views for external tools, which have no host clock, pass now().
-- Functions are single-SELECT STABLE SQL functions so PostgreSQL inlines them and uses the indexes below.
-- Report 8 (resolution-times) lives in 0002_resolution_times.sql, the next migration.

-- Building the materialized views over a million tickets: memory for their sorts and hash tables (with the default
-- 4 MB they spill to disk), and no JIT compilation (it costs more than it saves there). Local to this transaction.
SET LOCAL work_mem = '256MB';
SET LOCAL jit = off;

CREATE TABLE IF NOT EXISTS report_refresh_state (
    view_name    text PRIMARY KEY,
    refreshed_at timestamptz NOT NULL
);

-- Requests in progress (Open/Waiting) are few among a million tickets: one covering partial index answers every
-- "in progress" report with an index-only scan.
CREATE INDEX IF NOT EXISTS report_tickets_active ON tickets (academy_id, team_id, agent_id)
    INCLUDE (status_group, team_name, agent_name, request_type, establishment_uai, org_name, service_id, service_name,
             servicesubcategory_id, servicesubcategory_name, start_date, visible_by, beneficiary)
    WHERE deleted_at IS NULL AND status_group IN ('Open', 'Waiting');

-- The same tickets in establishment order, for open-by-establishment (its 300 groups per academy are then read in
-- order, with no hash table, from a narrower index).
CREATE INDEX IF NOT EXISTS report_tickets_active_uai ON tickets (academy_id, establishment_uai)
    INCLUDE (team_id, start_date, status_group, org_name, visible_by)
    WHERE deleted_at IS NULL AND status_group IN ('Open', 'Waiting');

-- Earlier versions indexed the resolved tickets for a live resolution-times report; its materialized views
-- (resolution-times.sql) are built with sequential scans, so the index only cost writes.
DROP INDEX IF EXISTS report_tickets_resolved;

-- The instant a date starts in an academy's time zone (Europe/Paris when the academy is unknown or null).
-- Reports call it as a scalar subquery, (SELECT report_day_start(…)): computed once per query (an InitPlan); a plain
-- call cannot be inlined (it holds a subquery) and would run once per row (0.1 s over 18,000 tickets in progress).
CREATE OR REPLACE FUNCTION report_day_start(p_academy text, p_day date) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT p_day::timestamp AT TIME ZONE COALESCE(
        (SELECT a.time_zone FROM academies a WHERE a.academy_id = p_academy), 'Europe/Paris')
$$;

-- French label and display order of the portal tabs.
CREATE OR REPLACE FUNCTION report_tab_label(p_group text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_group
        WHEN 'Open' THEN 'Ouverts' WHEN 'Waiting' THEN 'En attente' WHEN 'Beneficiary' THEN 'Bénéficiaire'
        WHEN 'Shared' THEN 'Partagés' WHEN 'Resolved' THEN 'Résolus' WHEN 'Closed' THEN 'Fermés' ELSE 'Autres' END
$$;

CREATE OR REPLACE FUNCTION report_tab_order(p_group text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_group
        WHEN 'Open' THEN 1 WHEN 'Waiting' THEN 2 WHEN 'Beneficiary' THEN 3 WHEN 'Shared' THEN 4
        WHEN 'Resolved' THEN 5 WHEN 'Closed' THEN 6 ELSE 7 END
$$;

-- Materialized: created / resolved / closed per academy, team and week (academy time zone). Refreshed by the
-- reporting.refresh job; closed_auto counts closures by the connector (closed_by_connector or an autoclose audit row).
CREATE MATERIALIZED VIEW IF NOT EXISTS report_weekly_flow_mv AS
WITH base AS (
    SELECT t.academy_id, t.itop_id, t.team_id, t.team_name, t.start_date, t.resolution_date, t.close_date,
           t.status_group, t.closed_by_connector, COALESCE(a.time_zone, 'Europe/Paris') AS tz
    FROM tickets t LEFT JOIN academies a ON a.academy_id = t.academy_id
    WHERE t.deleted_at IS NULL
), events AS (
    SELECT academy_id, team_id, team_name, start_date AS at, tz, 1 AS created, 0 AS resolved, 0 AS closed, 0 AS closed_auto
    FROM base WHERE start_date IS NOT NULL
    UNION ALL
    SELECT academy_id, team_id, team_name, resolution_date, tz, 0, 1, 0, 0
    FROM base WHERE resolution_date IS NOT NULL
    UNION ALL
    SELECT b.academy_id, b.team_id, b.team_name, b.close_date, b.tz, 0, 0, 1,
           CASE WHEN b.closed_by_connector OR EXISTS (
               SELECT 1 FROM audit_log l
               WHERE l.academy_id = b.academy_id AND l.itop_key = b.itop_id
                 AND l.actor = 'autoclose' AND l.action = 'close' AND l.outcome = 'done') THEN 1 ELSE 0 END
    FROM base b WHERE b.close_date IS NOT NULL AND b.status_group = 'Closed'
)
SELECT academy_id, team_id, max(team_name) AS team_name,
       date_trunc('week', at AT TIME ZONE tz)::date AS week_start,
       sum(created)::bigint AS created, sum(resolved)::bigint AS resolved,
       sum(closed)::bigint AS closed, sum(closed_auto)::bigint AS closed_auto
FROM events
GROUP BY academy_id, team_id, date_trunc('week', at AT TIME ZONE tz)::date;

CREATE UNIQUE INDEX IF NOT EXISTS report_weekly_flow_mv_key
    ON report_weekly_flow_mv (academy_id, week_start, team_id) NULLS NOT DISTINCT;

-- Materialized: tickets per academy, team, week of creation and status group (the portal tabs), with the counts of
-- those having a beneficiary and those shared with the establishment (field-map columns).
CREATE MATERIALIZED VIEW IF NOT EXISTS report_status_mv AS
SELECT t.academy_id, t.team_id, max(t.team_name) AS team_name,
       date_trunc('week', t.start_date AT TIME ZONE COALESCE(a.time_zone, 'Europe/Paris'))::date AS created_week,
       t.status_group,
       count(*)::bigint AS tickets,
       count(*) FILTER (WHERE NULLIF(btrim(t.beneficiary), '') IS NOT NULL)::bigint AS with_beneficiary,
       count(*) FILTER (WHERE NULLIF(btrim(t.visible_by), '') IS NOT NULL)::bigint AS shared
FROM tickets t LEFT JOIN academies a ON a.academy_id = t.academy_id
WHERE t.deleted_at IS NULL
GROUP BY t.academy_id, t.team_id, created_week, t.status_group;

CREATE UNIQUE INDEX IF NOT EXISTS report_status_mv_key
    ON report_status_mv (academy_id, created_week, team_id, status_group) NULLS NOT DISTINCT;

-- The requests in progress (Ouverts, En attente) the live reports count, filtered by academy, team and creation day.
-- A plain SQL set-returning function: the planner inlines it into each report, so the partial indexes above still
-- give index-only scans and the day bounds stay one InitPlan per query.
CREATE OR REPLACE FUNCTION report_in_progress(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS SETOF tickets
LANGUAGE sql STABLE AS $$
    SELECT t.* FROM tickets t
    WHERE t.deleted_at IS NULL AND t.status_group IN ('Open', 'Waiting')
      AND (p_academy IS NULL OR t.academy_id = p_academy)
      AND (p_team IS NULL OR t.team_id = p_team)
      AND (p_from IS NULL OR t.start_date >= (SELECT report_day_start(p_academy, p_from)))
      AND (p_to IS NULL OR t.start_date < (SELECT report_day_start(p_academy, p_to)))
$$;

-- 1. Requests in progress per team and agent ("Tickets affectés à mes équipes par agent"); period = creation date.
CREATE OR REPLACE FUNCTION report_open_by_team_agent_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, team_id bigint, team_name text, agent_id bigint, agent_name text,
               open_count bigint, waiting_count bigint, total bigint)
LANGUAGE sql STABLE AS $$
    SELECT t.academy_id, t.team_id, max(t.team_name), t.agent_id, max(t.agent_name),
           count(*) FILTER (WHERE t.status_group = 'Open'), count(*) FILTER (WHERE t.status_group = 'Waiting'), count(*)
    FROM report_in_progress(p_academy, p_team, p_from, p_to) t
    GROUP BY t.academy_id, t.team_id, t.agent_id
    ORDER BY t.academy_id, max(t.team_name), count(*) DESC, max(t.agent_name)
$$;

-- 2. Requests in progress per request type ("… par type").
CREATE OR REPLACE FUNCTION report_open_by_request_type_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, request_type text, open_count bigint, waiting_count bigint, total bigint)
LANGUAGE sql STABLE AS $$
    SELECT t.academy_id, COALESCE(t.request_type, ''),
           count(*) FILTER (WHERE t.status_group = 'Open'), count(*) FILTER (WHERE t.status_group = 'Waiting'), count(*)
    FROM report_in_progress(p_academy, p_team, p_from, p_to) t
    GROUP BY t.academy_id, COALESCE(t.request_type, '')
    ORDER BY t.academy_id, count(*) DESC, 2
$$;

-- 3. The portal tabs: Ouverts, En attente, Bénéficiaire, Partagés (both among requests in progress), Résolus, Fermés.
CREATE OR REPLACE FUNCTION report_status_groups_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, tab_order integer, status_group text, tab_label text, tickets bigint)
LANGUAGE sql STABLE AS $$
    -- One pass over the materialized rows, then one row per tab (0 when empty) for each academy.
    SELECT s.academy_id, v.tab_order, v.grp, report_tab_label(v.grp), COALESCE(v.n, 0)::bigint
    FROM (
        SELECT m.academy_id,
               sum(m.tickets) FILTER (WHERE m.status_group = 'Open') AS open_n,
               sum(m.tickets) FILTER (WHERE m.status_group = 'Waiting') AS waiting_n,
               sum(m.with_beneficiary) FILTER (WHERE m.status_group IN ('Open', 'Waiting')) AS beneficiary_n,
               sum(m.shared) FILTER (WHERE m.status_group IN ('Open', 'Waiting')) AS shared_n,
               sum(m.tickets) FILTER (WHERE m.status_group = 'Resolved') AS resolved_n,
               sum(m.tickets) FILTER (WHERE m.status_group = 'Closed') AS closed_n,
               sum(m.tickets) FILTER (WHERE m.status_group NOT IN ('Open', 'Waiting', 'Resolved', 'Closed')) AS other_n
        FROM report_status_mv m
        WHERE (p_academy IS NULL OR m.academy_id = p_academy)
          AND (p_team IS NULL OR m.team_id = p_team)
          AND (p_from IS NULL OR m.created_week >= date_trunc('week', p_from)::date)
          AND (p_to IS NULL OR m.created_week < p_to)
        GROUP BY m.academy_id
    ) s
    CROSS JOIN LATERAL (VALUES (1, 'Open', s.open_n), (2, 'Waiting', s.waiting_n), (3, 'Beneficiary', s.beneficiary_n),
                               (4, 'Shared', s.shared_n), (5, 'Resolved', s.resolved_n), (6, 'Closed', s.closed_n),
                               (7, 'Other', s.other_n)) AS v(tab_order, grp, n)
    ORDER BY s.academy_id, v.tab_order
$$;

-- 4. Requests in progress per establishment (UAI): what a head of establishment sees as "Partagés".
--    Grouped on establishment_uai in the order of report_tickets_active_uai, then NULL and '' merged.
CREATE OR REPLACE FUNCTION report_open_by_establishment_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, establishment_uai text, org_name text, open_count bigint, waiting_count bigint,
               shared_count bigint, total bigint)
LANGUAGE sql STABLE AS $$
    SELECT e.academy_id, e.uai, max(e.org_name), sum(e.open_count)::bigint, sum(e.total - e.open_count)::bigint,
           sum(e.shared_count)::bigint, sum(e.total)::bigint
    FROM (
        SELECT t.academy_id, COALESCE(t.establishment_uai, '') AS uai, max(t.org_name) AS org_name,
               count(*) FILTER (WHERE t.status_group = 'Open') AS open_count,
               count(*) FILTER (WHERE NULLIF(btrim(t.visible_by), '') IS NOT NULL) AS shared_count, count(*) AS total
        FROM report_in_progress(p_academy, p_team, p_from, p_to) t
        GROUP BY t.academy_id, t.establishment_uai
    ) e
    GROUP BY e.academy_id, e.uai
    ORDER BY e.academy_id, sum(e.total) DESC, e.uai
$$;

-- 5. Requests in progress per service and subcategory.
CREATE OR REPLACE FUNCTION report_open_by_service_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, service_id bigint, service_name text, servicesubcategory_id bigint,
               servicesubcategory_name text, open_count bigint, waiting_count bigint, total bigint)
LANGUAGE sql STABLE AS $$
    SELECT t.academy_id, t.service_id, max(t.service_name), t.servicesubcategory_id, max(t.servicesubcategory_name),
           count(*) FILTER (WHERE t.status_group = 'Open'), count(*) FILTER (WHERE t.status_group = 'Waiting'), count(*)
    FROM report_in_progress(p_academy, p_team, p_from, p_to) t
    GROUP BY t.academy_id, t.service_id, t.servicesubcategory_id
    ORDER BY t.academy_id, count(*) DESC, 3, 5
$$;

-- 6. Backlog (requests in progress) by age since creation, as of p_now (the host's time).
-- Earlier versions read the database's now() and had no p_now: drop that signature (and the view over it).
DROP FUNCTION IF EXISTS report_backlog_age_for(text, bigint, date, date) CASCADE;
CREATE OR REPLACE FUNCTION report_backlog_age_for(p_academy text, p_team bigint, p_from date, p_to date, p_now timestamptz)
RETURNS TABLE (academy_id text, bucket_order integer, age_bucket text, tickets bigint)
LANGUAGE sql STABLE AS $$
    SELECT s.academy_id, b.bucket_order, b.age_bucket, b.tickets
    FROM (
        SELECT t.academy_id,
               count(*) FILTER (WHERE p_now - t.start_date < interval '1 day') AS under_1d,
               count(*) FILTER (WHERE p_now - t.start_date >= interval '1 day' AND p_now - t.start_date < interval '7 days') AS d1_7,
               count(*) FILTER (WHERE p_now - t.start_date >= interval '7 days' AND p_now - t.start_date < interval '30 days') AS d7_30,
               count(*) FILTER (WHERE p_now - t.start_date >= interval '30 days' OR t.start_date IS NULL) AS over_30d
        FROM report_in_progress(p_academy, p_team, p_from, p_to) t
        GROUP BY t.academy_id
    ) s
    CROSS JOIN LATERAL (VALUES (1, '< 1 j', s.under_1d), (2, '1–7 j', s.d1_7), (3, '7–30 j', s.d7_30),
                               (4, '> 30 j', s.over_30d)) AS b(bucket_order, age_bucket, tickets)
    ORDER BY s.academy_id, b.bucket_order
$$;

-- 7. Created / resolved / closed per week (materialized).
CREATE OR REPLACE FUNCTION report_weekly_flow_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, week_start date, created bigint, resolved bigint, closed bigint)
LANGUAGE sql STABLE AS $$
    SELECT m.academy_id, m.week_start, sum(m.created)::bigint, sum(m.resolved)::bigint, sum(m.closed)::bigint
    FROM report_weekly_flow_mv m
    WHERE (p_academy IS NULL OR m.academy_id = p_academy)
      AND (p_team IS NULL OR m.team_id = p_team)
      AND (p_from IS NULL OR m.week_start >= date_trunc('week', p_from)::date)
      AND (p_to IS NULL OR m.week_start < p_to)
    GROUP BY m.academy_id, m.week_start
    ORDER BY m.academy_id, m.week_start
$$;

-- 8. Time to assign and time to resolve per team: 0002_resolution_times.sql (the next migration).

-- 9. Closed by the requester (or an agent) vs closed automatically by the connector (materialized).
CREATE OR REPLACE FUNCTION report_closure_origin_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, origin text, origin_label text, tickets bigint)
LANGUAGE sql STABLE AS $$
    SELECT s.academy_id, o.origin, o.origin_label, o.tickets
    FROM (
        SELECT m.academy_id, sum(m.closed - m.closed_auto)::bigint AS manual, sum(m.closed_auto)::bigint AS automatic
        FROM report_weekly_flow_mv m
        WHERE (p_academy IS NULL OR m.academy_id = p_academy)
          AND (p_team IS NULL OR m.team_id = p_team)
          AND (p_from IS NULL OR m.week_start >= date_trunc('week', p_from)::date)
          AND (p_to IS NULL OR m.week_start < p_to)
        GROUP BY m.academy_id
    ) s
    CROSS JOIN LATERAL (VALUES ('requester', 'Fermé par le demandeur', s.manual),
                               ('automatic', 'Fermé automatiquement', s.automatic)) AS o(origin, origin_label, tickets)
    ORDER BY s.academy_id, o.origin DESC
$$;

-- 10. Moves made by the reassignment plugin (audit rows actor 'reassign', outcome 'done'; one row per move:
--     action 'dispatch' = to another team of the academy, 'transfer.create' = to another academy's iTop).
CREATE OR REPLACE FUNCTION report_moves_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, move_kind text, from_team text, to_team text, target_academy text,
               moves bigint, last_move_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT l.academy_id,
           CASE WHEN l.action LIKE 'transfer%' THEN 'academy' ELSE 'team' END,
           COALESCE(l.before_state ->> 'team_name', l.before_state ->> 'from_team', l.before_state ->> 'team', ''),
           COALESCE(l.after_state ->> 'team_name', l.after_state ->> 'to_team', l.after_state ->> 'team', ''),
           COALESCE(l.after_state ->> 'target_academy_id', l.after_state ->> 'target_academy', ''),
           count(*), max(l.at)
    FROM audit_log l
    WHERE l.actor = 'reassign' AND l.outcome = 'done' AND l.action IN ('dispatch', 'transfer.create')
      AND (p_academy IS NULL OR l.academy_id = p_academy)
      AND (p_team IS NULL OR (l.before_state ->> 'team_id') = p_team::text OR (l.after_state ->> 'team_id') = p_team::text)
      AND (p_from IS NULL OR l.at >= (SELECT report_day_start(p_academy, p_from)))
      AND (p_to IS NULL OR l.at < (SELECT report_day_start(p_academy, p_to)))
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, count(*) DESC, 2, 3, 4
$$;

-- 11. One line per academy: the tabs and the flow of the period (materialized sources).
CREATE OR REPLACE FUNCTION report_academy_overview_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, open_count bigint, waiting_count bigint, resolved_count bigint, closed_count bigint,
               created_in_period bigint, resolved_in_period bigint, closed_in_period bigint, closed_auto_in_period bigint)
LANGUAGE sql STABLE AS $$
    WITH tabs AS (
        SELECT m.academy_id,
               sum(m.tickets) FILTER (WHERE m.status_group = 'Open') AS open_count,
               sum(m.tickets) FILTER (WHERE m.status_group = 'Waiting') AS waiting_count,
               sum(m.tickets) FILTER (WHERE m.status_group = 'Resolved') AS resolved_count,
               sum(m.tickets) FILTER (WHERE m.status_group = 'Closed') AS closed_count
        FROM report_status_mv m
        WHERE (p_academy IS NULL OR m.academy_id = p_academy) AND (p_team IS NULL OR m.team_id = p_team)
        GROUP BY m.academy_id
    ), flow AS (
        SELECT f.academy_id, sum(f.created) AS created, sum(f.resolved) AS resolved, sum(f.closed) AS closed,
               sum(f.closed_auto) AS closed_auto
        FROM report_weekly_flow_mv f
        WHERE (p_academy IS NULL OR f.academy_id = p_academy)
          AND (p_team IS NULL OR f.team_id = p_team)
          AND (p_from IS NULL OR f.week_start >= date_trunc('week', p_from)::date)
          AND (p_to IS NULL OR f.week_start < p_to)
        GROUP BY f.academy_id
    )
    SELECT COALESCE(t.academy_id, f.academy_id),
           COALESCE(t.open_count, 0)::bigint, COALESCE(t.waiting_count, 0)::bigint,
           COALESCE(t.resolved_count, 0)::bigint, COALESCE(t.closed_count, 0)::bigint,
           COALESCE(f.created, 0)::bigint, COALESCE(f.resolved, 0)::bigint,
           COALESCE(f.closed, 0)::bigint, COALESCE(f.closed_auto, 0)::bigint
    FROM tabs t FULL JOIN flow f ON f.academy_id = t.academy_id
    ORDER BY 1
$$;

-- Stable views for dashboard tools: every academy, every team, all time.
CREATE OR REPLACE VIEW report_open_by_team_agent AS SELECT * FROM report_open_by_team_agent_for(NULL, NULL, NULL, NULL);
CREATE OR REPLACE VIEW report_open_by_request_type AS SELECT * FROM report_open_by_request_type_for(NULL, NULL, NULL, NULL);
CREATE OR REPLACE VIEW report_status_groups AS SELECT * FROM report_status_groups_for(NULL, NULL, NULL, NULL);
CREATE OR REPLACE VIEW report_open_by_establishment AS SELECT * FROM report_open_by_establishment_for(NULL, NULL, NULL, NULL);
CREATE OR REPLACE VIEW report_open_by_service AS SELECT * FROM report_open_by_service_for(NULL, NULL, NULL, NULL);
-- External tools have no host clock: this view alone reads the database's.
CREATE OR REPLACE VIEW report_backlog_age AS SELECT * FROM report_backlog_age_for(NULL, NULL, NULL, NULL, now());
CREATE OR REPLACE VIEW report_weekly_flow AS SELECT * FROM report_weekly_flow_for(NULL, NULL, NULL, NULL);
CREATE OR REPLACE VIEW report_closure_origin AS SELECT * FROM report_closure_origin_for(NULL, NULL, NULL, NULL);
CREATE OR REPLACE VIEW report_moves AS SELECT * FROM report_moves_for(NULL, NULL, NULL, NULL);
CREATE OR REPLACE VIEW report_academy_overview AS SELECT * FROM report_academy_overview_for(NULL, NULL, NULL, NULL);

-- The materialized views above hold the data of now, the host's clock (set by the migration runner): their first refresh.
INSERT INTO report_refresh_state (view_name, refreshed_at)
SELECT view_name, current_setting('amigo.now')::timestamptz
FROM unnest(ARRAY['report_weekly_flow_mv', 'report_status_mv']) AS view_name
ON CONFLICT (view_name) DO NOTHING;
