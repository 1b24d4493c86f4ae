-- Reporting plugin, report 8 "resolution-times": median and 90th percentile of the time to assign and the time to
-- resolve (hours from start_date, percentile_cont) of the requests resolved in a period, per team.
-- A plugin migration applied after 0001_reporting.sql; idempotent like it (earlier builds created these objects at start-up).
--
-- percentile_cont over every ticket resolved in a long period is too slow to run live (a year of a large academy is
-- 230,000 tickets to sort). The answers stay exact: three materialized views locate the two values each percentile
-- interpolates between, and only those values are read.
--   report_resolution_days_mv    per academy, team and resolution day: cumulative counts of durations per bucket;
--                                two rows (the days before p_to and before p_from) give the histogram of a period;
--   report_resolution_buckets_mv per academy, team, measure and bucket: every duration, sorted by day, so the values
--                                of one bucket in a period are a slice of one array;
--   report_resolution_teams_mv   per academy, team and team name: the days the team resolved tickets (team list and
--                                names of a period).
-- For percentile p over N values, percentile_cont reads the values of ranks floor(p(N−1)) and ceil(p(N−1)) (0-based):
-- the histogram says which bucket holds each rank and how many values lie below it; a partial sort of the period's
-- values of that bucket gives the value. Buckets are monotonic in the duration, so ranks are exact.

SET LOCAL work_mem = '256MB';
SET LOCAL jit = off;

-- Bucket of a duration in hours: 0 below zero, then 1..193 between sorted bounds, 0 then 2^(k/8) − 1 minutes for
-- k = 1..192 (rounded to 6 significant digits: any sorted bounds keep the answers exact, these keep each bucket small
-- for typical durations). width_bucket over sorted bounds never puts a longer duration in a lower bucket, which the
-- rank arithmetic below relies on. Only built-in functions inside: it is inlined, also while a view is refreshed.
CREATE OR REPLACE FUNCTION report_duration_bucket(p_hours double precision) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT width_bucket(p_hours, '{
        0,0.00150846,0.00315345,0.00494733,0.00690356,0.00903685,0.0113632,0.0139001,0.0166667,0.0196836,0.0229736,
        0.0265613,0.0304738,0.0347404,0.0393931,0.0444669,0.05,0.0560338,0.0626138,0.0697893,0.0776142,0.0861474,
        0.0954529,0.105601,0.116667,0.128734,0.141894,0.156245,0.171895,0.188961,0.207572,0.227868,0.25,0.274135,
        0.300455,0.329157,0.360457,0.39459,0.431811,0.472402,0.516667,0.564937,0.617577,0.674981,0.737581,0.805846,
        0.88029,0.961471,1.05,1.14654,1.25182,1.36663,1.49183,1.62836,1.77725,1.93961,2.11667,2.30975,2.52031,2.74992,
        3.00032,3.27338,3.57116,3.89588,4.25,4.63617,5.05728,5.51652,6.01731,6.56343,7.15898,7.80843,8.51667,9.289,
        10.1312,11.0497,12.0513,13.1435,14.3346,15.6335,17.05,18.5947,20.2791,22.1161,24.1192,26.3037,28.6859,31.2837,
        34.1167,37.206,40.5749,44.2488,48.2552,52.6241,57.3885,62.5841,68.25,74.4287,81.1665,88.5142,96.527,105.265,
        114.794,125.185,136.517,148.874,162.35,177.045,193.071,210.547,229.604,250.387,273.05,297.765,324.716,354.107,
        386.158,421.11,459.225,500.79,546.117,595.546,649.449,708.231,772.333,842.236,918.466,1001.6,1092.25,1191.11,
        1298.91,1416.48,1544.68,1684.49,1836.95,2003.21,2184.52,2382.23,2597.85,2832.97,3089.38,3368.99,3673.92,
        4006.44,4369.05,4764.48,5195.71,5665.96,6178.78,6738.01,7347.85,8012.89,8738.12,9528.99,10391.4,11331.9,
        12357.6,13476,14695.7,16025.8,17476.2,19058,20782.9,22663.9,24715.2,26952.1,29391.4,32051.6,34952.5,38116,
        41565.8,45327.8,49430.3,53904.2,58782.9,64103.2,69905.1,76232,83131.6,90655.6,98860.7,107808,117566,128206,
        139810,152464,166263,181311,197721,215617,235132,256413
    }'::double precision[])::smallint
$$;

-- Every resolved ticket with its durations (as report_resolution_times_live computes them) and its resolution day in
-- the academy's time zone. team_key is team_id with -1 for "no team" (iTop ids are positive), so it can be indexed
-- and joined on.
CREATE OR REPLACE VIEW report_resolution_durations AS
SELECT t.academy_id, t.itop_id, t.team_id, COALESCE(t.team_id, -1) AS team_key, t.team_name,
       (t.resolution_date AT TIME ZONE COALESCE(a.time_zone, 'Europe/Paris'))::date AS resolution_day,
       date_part('epoch', t.assignment_date - t.start_date) / 3600.0 AS assign_hours,
       date_part('epoch', t.resolution_date - t.start_date) / 3600.0 AS resolve_hours
FROM tickets t LEFT JOIN academies a ON a.academy_id = t.academy_id
WHERE t.deleted_at IS NULL AND t.resolution_date IS NOT NULL;

-- Rows of report_resolution_days_mv: for each academy, team and day with resolutions, the counts up to that day
-- (inclusive): tickets, durations per measure, durations per bucket (array index = bucket + 1).
CREATE OR REPLACE FUNCTION report_resolution_days_build()
RETURNS TABLE (academy_id text, team_key bigint, resolution_day date, team_id bigint, team_name text,
               resolved bigint, assign_total bigint, resolve_total bigint,
               assign_counts integer[], resolve_counts integer[])
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    d record;
    b smallint;
    assign_all integer[];
    resolve_all integer[];
BEGIN
    -- Grouped on the integer keys first (sorting on academy_id first is much slower), then ordered per team and day.
    FOR d IN
        WITH days AS MATERIALIZED (
            SELECT r.team_key, r.resolution_day, r.academy_id, max(r.team_id) AS team_id, max(r.team_name) AS team_name,
                   count(*) AS n,
                   array_agg(r.assign_bucket) FILTER (WHERE r.assign_bucket IS NOT NULL) AS assign_buckets,
                   array_agg(r.resolve_bucket) FILTER (WHERE r.resolve_bucket IS NOT NULL) AS resolve_buckets,
                   max(r.assign_bucket) AS assign_max, max(r.resolve_bucket) AS resolve_max
            FROM (SELECT u.team_key, u.resolution_day, u.academy_id, u.team_id, u.team_name,
                         report_duration_bucket(u.assign_hours) AS assign_bucket,
                         report_duration_bucket(u.resolve_hours) AS resolve_bucket
                  FROM report_resolution_durations u) r
            GROUP BY r.team_key, r.resolution_day, r.academy_id
        )
        SELECT * FROM days ORDER BY days.academy_id, days.team_key, days.resolution_day
    LOOP
        IF academy_id IS DISTINCT FROM d.academy_id OR team_key IS DISTINCT FROM d.team_key THEN
            academy_id := d.academy_id;
            team_key := d.team_key;
            resolved := 0;
            assign_total := 0;
            resolve_total := 0;
            assign_all := array_fill(0, ARRAY[report_duration_bucket('Infinity') + 1]);
            resolve_all := assign_all;
            assign_counts := '{}';
            resolve_counts := '{}';
        END IF;
        resolution_day := d.resolution_day;
        team_id := d.team_id;
        team_name := d.team_name;
        resolved := resolved + d.n;
        IF d.assign_buckets IS NOT NULL THEN
            FOREACH b IN ARRAY d.assign_buckets LOOP
                assign_all[b + 1] := assign_all[b + 1] + 1;
            END LOOP;
            assign_total := assign_total + cardinality(d.assign_buckets);
            -- Stored up to the highest bucket used so far: the rows stay small.
            assign_counts := assign_all[1:greatest(cardinality(assign_counts), d.assign_max + 1)];
        END IF;
        IF d.resolve_buckets IS NOT NULL THEN
            FOREACH b IN ARRAY d.resolve_buckets LOOP
                resolve_all[b + 1] := resolve_all[b + 1] + 1;
            END LOOP;
            resolve_total := resolve_total + cardinality(d.resolve_buckets);
            resolve_counts := resolve_all[1:greatest(cardinality(resolve_counts), d.resolve_max + 1)];
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;

CREATE MATERIALIZED VIEW IF NOT EXISTS report_resolution_days_mv AS
SELECT * FROM report_resolution_days_build();

CREATE UNIQUE INDEX IF NOT EXISTS report_resolution_days_mv_key
    ON report_resolution_days_mv (academy_id, team_key, resolution_day);

-- Refreshed after report_resolution_days_mv: a team's name of a period is the greatest name of its tickets resolved
-- in the period, i.e. the greatest day name among the days of the period.
CREATE MATERIALIZED VIEW IF NOT EXISTS report_resolution_teams_mv AS
SELECT d.academy_id, d.team_key, max(d.team_id) AS team_id, d.team_name,
       array_agg(d.resolution_day ORDER BY d.resolution_day) AS days
FROM report_resolution_days_mv d
GROUP BY d.academy_id, d.team_key, d.team_name;

CREATE UNIQUE INDEX IF NOT EXISTS report_resolution_teams_mv_key
    ON report_resolution_teams_mv (academy_id, team_key, team_name) NULLS NOT DISTINCT;

-- measure 1 = time to assign, 2 = time to resolve (one row per measure of each ticket, made by two unnest in the
-- select list: cheaper than a lateral join per ticket). Grouped with a hash table, then each bucket's durations are
-- sorted by day (and value, so both arrays stay aligned).
CREATE MATERIALIZED VIEW IF NOT EXISTS report_resolution_buckets_mv AS
SELECT g.academy_id, g.team_key, g.measure, g.bucket, s.days, s.hours
FROM (
    SELECT m.team_key, m.measure, report_duration_bucket(m.hours) AS bucket, m.academy_id,
           array_agg(m.resolution_day) AS days, array_agg(m.hours) AS hours
    FROM (SELECT d.team_key, d.academy_id, d.resolution_day, unnest('{1,2}'::smallint[]) AS measure,
                 unnest(ARRAY[d.assign_hours, d.resolve_hours]) AS hours
          FROM report_resolution_durations d) m
    WHERE m.hours IS NOT NULL
    GROUP BY 1, 2, 3, 4
) g
CROSS JOIN LATERAL (
    SELECT array_agg(x.day ORDER BY x.day, x.hours) AS days, array_agg(x.hours ORDER BY x.day, x.hours) AS hours
    FROM unnest(g.days, g.hours) AS x(day, hours)
) s;

CREATE UNIQUE INDEX IF NOT EXISTS report_resolution_buckets_mv_key
    ON report_resolution_buckets_mv (academy_id, team_key, measure, bucket);

-- Exact percentiles of any period from the three materialized views (as fresh as their last refresh). PL/pgSQL so
-- that each connection plans this query once. Days are in each academy's time zone.
CREATE OR REPLACE FUNCTION report_resolution_times_period(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, team_id bigint, team_name text, resolved_count bigint,
               assign_median_hours numeric, assign_p90_hours numeric,
               resolve_median_hours numeric, resolve_p90_hours numeric)
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH teams AS (
        -- Teams with tickets resolved in the period (days before p_to minus days before p_from), greatest name.
        SELECT n.academy_id, n.team_key, max(n.team_id) AS team_id, max(n.team_name) AS team_name
        FROM report_resolution_teams_mv n
        WHERE (p_academy IS NULL OR n.academy_id = p_academy) AND (p_team IS NULL OR n.team_id = p_team)
          AND (CASE WHEN p_to IS NULL THEN cardinality(n.days) ELSE width_bucket(p_to - 1, n.days) END)
              > (CASE WHEN p_from IS NULL THEN 0 ELSE width_bucket(p_from - 1, n.days) END)
        GROUP BY n.academy_id, n.team_key
    ), counts AS MATERIALIZED (
        -- Counts of the period, per team and measure: the cumulative counts of the last day before p_to minus those of
        -- the last day before p_from.
        SELECT t.academy_id, t.team_key, t.team_id, t.team_name, hi.resolved - COALESCE(lo.resolved, 0) AS resolved,
               m.measure, m.total, m.hi, m.lo
        FROM teams t
        CROSS JOIN LATERAL (
            SELECT d.resolved, d.assign_total, d.resolve_total, d.assign_counts, d.resolve_counts
            FROM report_resolution_days_mv d
            WHERE d.academy_id = t.academy_id AND d.team_key = t.team_key
              AND d.resolution_day < COALESCE(p_to, 'infinity'::date)
            ORDER BY d.resolution_day DESC LIMIT 1
        ) hi
        LEFT JOIN LATERAL (
            SELECT d.resolved, d.assign_total, d.resolve_total, d.assign_counts, d.resolve_counts
            FROM report_resolution_days_mv d
            WHERE p_from IS NOT NULL AND d.academy_id = t.academy_id AND d.team_key = t.team_key
              AND d.resolution_day < p_from
            ORDER BY d.resolution_day DESC LIMIT 1
        ) lo ON true
        CROSS JOIN LATERAL (VALUES
            (1::smallint, hi.assign_total - COALESCE(lo.assign_total, 0), hi.assign_counts, lo.assign_counts),
            (2::smallint, hi.resolve_total - COALESCE(lo.resolve_total, 0), hi.resolve_counts, lo.resolve_counts)
        ) AS m(measure, total, hi, lo)
    ), ranks AS (
        -- percentile_cont(p) over N values interpolates between 0-based ranks floor(p(N−1)) and ceil(p(N−1)).
        SELECT c.academy_id, c.team_key, c.measure, c.hi, c.lo, x.pos50, x.pos90,
               floor(x.pos50)::bigint AS lo50, ceil(x.pos50)::bigint AS hi50,
               floor(x.pos90)::bigint AS lo90, ceil(x.pos90)::bigint AS hi90
        FROM counts c
        CROSS JOIN LATERAL (SELECT 0.5::double precision * (c.total - 1)::double precision AS pos50,
                                   0.9::double precision * (c.total - 1)::double precision AS pos90) x
        WHERE c.total > 0
    ), located AS (
        -- One pass over the period's histogram of a team and measure: the bucket of each rank, and the number of the
        -- period's values in lower buckets.
        SELECT r.academy_id, r.team_key, r.measure, q.p, q.pos, q.rank_lo, q.rank_hi, q.bucket_lo, q.below_lo, q.bucket_hi
        FROM ranks r
        CROSS JOIN LATERAL (
            SELECT min(b.bucket) FILTER (WHERE b.through > r.lo50) AS bucket_lo50,
                   min(b.through - b.n) FILTER (WHERE b.through > r.lo50) AS below_lo50,
                   min(b.bucket) FILTER (WHERE b.through > r.hi50) AS bucket_hi50,
                   min(b.bucket) FILTER (WHERE b.through > r.lo90) AS bucket_lo90,
                   min(b.through - b.n) FILTER (WHERE b.through > r.lo90) AS below_lo90,
                   min(b.bucket) FILTER (WHERE b.through > r.hi90) AS bucket_hi90
            FROM (SELECT (u.ord - 1)::smallint AS bucket, COALESCE(u.hi, 0) - COALESCE(u.lo, 0) AS n,
                         sum(COALESCE(u.hi, 0) - COALESCE(u.lo, 0)) OVER (ORDER BY u.ord) AS through
                  FROM unnest(r.hi, r.lo) WITH ORDINALITY AS u(hi, lo, ord)) b
        ) f
        CROSS JOIN LATERAL (VALUES
            (0.5::double precision, r.pos50, r.lo50, r.hi50, f.bucket_lo50, f.below_lo50, f.bucket_hi50),
            (0.9::double precision, r.pos90, r.lo90, r.hi90, f.bucket_lo90, f.below_lo90, f.bucket_hi90)
        ) AS q(p, pos, rank_lo, rank_hi, bucket_lo, below_lo, bucket_hi)
    ), valued AS (
        -- The two values: a partial sort of the period's values of the lower rank's bucket (a slice of the array sorted
        -- by day); the upper rank is the next value there, or the smallest value of the period in its own bucket.
        SELECT l.academy_id, l.team_key, l.measure, l.p,
               v.two[1] + (CASE WHEN l.rank_hi = l.rank_lo THEN v.two[1]
                                WHEN l.bucket_hi = l.bucket_lo THEN v.two[2]
                                ELSE n.first END - v.two[1]) * (l.pos - l.rank_lo) AS value
        FROM located l
        CROSS JOIN LATERAL (
            SELECT (SELECT array_agg(s.x ORDER BY s.x)
                    FROM (SELECT x FROM unnest(b.hours[
                              (CASE WHEN p_from IS NULL THEN 0 ELSE width_bucket(p_from - 1, b.days) END) + 1 :
                              (CASE WHEN p_to IS NULL THEN cardinality(b.days) ELSE width_bucket(p_to - 1, b.days) END)]) AS x
                          ORDER BY x OFFSET l.rank_lo - l.below_lo LIMIT 2) s) AS two
            FROM report_resolution_buckets_mv b
            WHERE b.academy_id = l.academy_id AND b.team_key = l.team_key AND b.measure = l.measure
              AND b.bucket = l.bucket_lo
            OFFSET 0
        ) v
        LEFT JOIN LATERAL (
            SELECT min(x) AS first
            FROM report_resolution_buckets_mv b
            CROSS JOIN LATERAL unnest(b.hours[
                       (CASE WHEN p_from IS NULL THEN 0 ELSE width_bucket(p_from - 1, b.days) END) + 1 :
                       (CASE WHEN p_to IS NULL THEN cardinality(b.days) ELSE width_bucket(p_to - 1, b.days) END)]) AS x
            WHERE l.bucket_hi <> l.bucket_lo
              AND b.academy_id = l.academy_id AND b.team_key = l.team_key AND b.measure = l.measure
              AND b.bucket = l.bucket_hi
        ) n ON true
    )
    SELECT c.academy_id, c.team_id, c.team_name, c.resolved,
           round(max(v.value) FILTER (WHERE v.measure = 1 AND v.p = 0.5)::numeric, 2),
           round(max(v.value) FILTER (WHERE v.measure = 1 AND v.p = 0.9)::numeric, 2),
           round(max(v.value) FILTER (WHERE v.measure = 2 AND v.p = 0.5)::numeric, 2),
           round(max(v.value) FILTER (WHERE v.measure = 2 AND v.p = 0.9)::numeric, 2)
    FROM counts c
    LEFT JOIN valued v ON v.academy_id = c.academy_id AND v.team_key = c.team_key AND v.measure = c.measure
    GROUP BY c.academy_id, c.team_key, c.team_id, c.team_name, c.resolved
    ORDER BY c.academy_id, c.team_name, c.team_id;
END
$$;

-- Reference definition: percentile_cont over the tickets table, computed live (seconds over a long period of a large
-- academy). The reports read the materialized views above; tests check both give the same figures, and the benchmark
-- uses this one (without the plugin's indexes) as its baseline.
CREATE OR REPLACE FUNCTION report_resolution_times_live(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, team_id bigint, team_name text, resolved_count bigint,
               assign_median_hours numeric, assign_p90_hours numeric,
               resolve_median_hours numeric, resolve_p90_hours numeric)
LANGUAGE sql STABLE AS $$
    -- date_part gives float8 (extract gives numeric, much slower to sort); one sort per measure serves both percentiles.
    SELECT p.academy_id, p.team_id, p.team_name, p.resolved_count,
           round(p.assign[1]::numeric, 2), round(p.assign[2]::numeric, 2),
           round(p.resolve[1]::numeric, 2), round(p.resolve[2]::numeric, 2)
    FROM (
        SELECT d.academy_id, d.team_id, max(d.team_name) AS team_name, count(*) AS resolved_count,
               percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY d.assign_hours) AS assign,
               percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY d.resolve_hours) AS resolve
        FROM (
            SELECT t.academy_id, t.team_id, t.team_name,
                   date_part('epoch', t.assignment_date - t.start_date) / 3600.0 AS assign_hours,
                   date_part('epoch', t.resolution_date - t.start_date) / 3600.0 AS resolve_hours
            FROM tickets t
            WHERE t.deleted_at IS NULL AND t.resolution_date IS NOT NULL
              AND (p_academy IS NULL OR t.academy_id = p_academy)
              AND (p_team IS NULL OR t.team_id = p_team)
              AND (p_from IS NULL OR t.resolution_date >= (SELECT report_day_start(p_academy, p_from)))
              AND (p_to IS NULL OR t.resolution_date < (SELECT report_day_start(p_academy, p_to)))
        ) d
        GROUP BY d.academy_id, d.team_id
    ) p
    ORDER BY p.academy_id, p.team_name
$$;

-- All-time figures (no period), refreshed last from the views above. Up to version 1 of this script it was computed
-- by report_resolution_times_live (a sort of every resolved ticket at each refresh): replace that definition.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_matviews WHERE matviewname = 'report_resolution_times_mv'
                   AND schemaname = current_schema() AND definition NOT LIKE '%report_resolution_times_period%') THEN
        DROP MATERIALIZED VIEW report_resolution_times_mv;
    END IF;
END
$$;

CREATE MATERIALIZED VIEW IF NOT EXISTS report_resolution_times_mv AS
SELECT * FROM report_resolution_times_period(NULL, NULL, NULL, NULL);

CREATE UNIQUE INDEX IF NOT EXISTS report_resolution_times_mv_key
    ON report_resolution_times_mv (academy_id, team_id) NULLS NOT DISTINCT;

CREATE OR REPLACE FUNCTION report_resolution_times_for(p_academy text, p_team bigint, p_from date, p_to date)
RETURNS TABLE (academy_id text, team_id bigint, team_name text, resolved_count bigint,
               assign_median_hours numeric, assign_p90_hours numeric,
               resolve_median_hours numeric, resolve_p90_hours numeric)
LANGUAGE sql STABLE AS $$
    -- The planner folds the period tests to constants: only one branch runs.
    SELECT r.* FROM (
        SELECT m.* FROM report_resolution_times_mv m
        WHERE p_from IS NULL AND p_to IS NULL
          AND (p_academy IS NULL OR m.academy_id = p_academy) AND (p_team IS NULL OR m.team_id = p_team)
        UNION ALL
        SELECT l.* FROM report_resolution_times_period(p_academy, p_team, p_from, p_to) l
        WHERE p_from IS NOT NULL OR p_to IS NOT NULL
    ) r
    ORDER BY r.academy_id, r.team_name, r.team_id
$$;

CREATE OR REPLACE VIEW report_resolution_times AS SELECT * FROM report_resolution_times_for(NULL, NULL, NULL, NULL);

-- The materialized views above hold the data of now, the host's clock (set by the migration runner): their first refresh.
INSERT INTO report_refresh_state (view_name, refreshed_at)
SELECT view_name, current_setting('amigo.now')::timestamptz
FROM unnest(ARRAY['report_resolution_days_mv', 'report_resolution_teams_mv', 'report_resolution_buckets_mv', 'report_resolution_times_mv']) AS view_name
ON CONFLICT (view_name) DO NOTHING;
