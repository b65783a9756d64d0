-- A triage query for AWS ALB access logs on DuckDB, written by hand from the contract of the
-- triage query result (row_kind, status, cause, backend, interval_start, requests, first_seen,
-- last_seen, p50_seconds, p95_seconds, p99_seconds, top_paths), so the result reader and the
-- round trip can be tested before Get-LbQuery generates this text. The cause CASE covers only the
-- evidence of the bundled examples/logs/aws-alb (not the full rule set). '{logs}' is replaced by
-- the log files' glob, '{interval}' by the interval in seconds.
-- Fields: AWS "Access logs for your Application Load Balancer" (space separated, quoted strings).
WITH lines AS (
    SELECT line
    FROM read_csv('{logs}', columns = {'line': 'VARCHAR'}, header = false, delim = E'\x1f', quote = '', escape = '', auto_detect = false, compression = 'auto')
),
fields AS (
    SELECT regexp_extract(line,
        '^(\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) "([^"]*)" "([^"]*)" (\S+) (\S+) (\S+) "([^"]*)" "([^"]*)" "([^"]*)" (\S+) (\S+) "([^"]*)" "([^"]*)" "([^"]*)"',
        ['type', 'time', 'elb', 'client', 'target', 'request_pt', 'target_pt', 'response_pt', 'elb_status', 'target_status',
         'received', 'sent', 'request', 'user_agent', 'cipher', 'protocol', 'target_group', 'trace', 'domain', 'cert',
         'priority', 'created', 'actions', 'redirect', 'error_reason']) AS f
    FROM lines
),
lb_records AS (
    SELECT
        strptime(f.time, '%Y-%m-%dT%H:%M:%S.%fZ') AS time,
        TRY_CAST(NULLIF(f.elb_status, '-') AS INTEGER) AS status,
        TRY_CAST(NULLIF(f.target_status, '-') AS INTEGER) AS upstream_status,
        NULLIF(f.target, '-') AS upstream,
        CASE WHEN f.target_pt = '-1' THEN NULL ELSE TRY_CAST(f.target_pt AS DOUBLE) END AS upstream_response_time,
        CASE WHEN '-1' IN (f.request_pt, f.target_pt, f.response_pt) THEN NULL
             ELSE TRY_CAST(f.request_pt AS DOUBLE) + TRY_CAST(f.target_pt AS DOUBLE) + TRY_CAST(f.response_pt AS DOUBLE) END AS request_time,
        regexp_extract(f.request, '^\S+ [A-Za-z]+://[^/ ]*(/[^? ]*)', 1) AS path,
        NULLIF(f.error_reason, '-') AS error_reason,
        epoch(strptime(f.time, '%Y-%m-%dT%H:%M:%S.%fZ')) - epoch(TRY_CAST(f.created AS TIMESTAMP)) AS elapsed
    FROM fields
    WHERE f.time <> ''
),
diagnosed AS (
    SELECT *,
        status >= 400 OR (status < 200 AND status <> 101) AS needs_diagnosis,
        CASE
            WHEN status = 400 AND upstream IS NULL THEN '400.MalformedRequest'
            WHEN status = 502 AND error_reason = 'LambdaInvalidResponse' THEN '502.LambdaError'
            WHEN status = 502 AND upstream_status IS NULL AND upstream IS NOT NULL THEN '502.BackendConnectFailed'
            WHEN status IN (500, 502) AND upstream_status = status THEN status || '.FromBackend'
            WHEN status = 503 AND upstream IS NULL THEN '503.NoBackend'
            WHEN status = 504 AND upstream_status IS NULL AND elapsed < 30 THEN '504.BackendConnectTimeout'
            WHEN status = 504 AND upstream_status IS NULL THEN '504.BackendResponseTimeout'
        END AS cause,
        make_timestamp(CAST(floor(epoch_us(time) / ({interval} * 1000000.0)) * {interval} * 1000000 AS BIGINT)) AS interval_start
    FROM lb_records
    WHERE status IS NOT NULL
),
paths AS (
    SELECT status, cause, upstream, path, count(*) AS n,
        row_number() OVER (PARTITION BY status, cause, upstream ORDER BY count(*) DESC, path) AS rank
    FROM diagnosed WHERE needs_diagnosis
    GROUP BY status, cause, upstream, path
),
top_paths AS (
    SELECT status, cause, upstream, '{' || string_agg(to_json(coalesce(path, '-'))::VARCHAR || ': ' || n, ', ' ORDER BY rank) || '}' AS top_paths
    FROM paths WHERE rank <= 5
    GROUP BY status, cause, upstream
)
SELECT 'window' AS row_kind, NULL::INTEGER AS status, NULL::VARCHAR AS cause, NULL::VARCHAR AS backend, NULL::TIMESTAMP AS interval_start,
       count(*) AS requests, min(time) AS first_seen, max(time) AS last_seen,
       NULL::DOUBLE AS p50_seconds, NULL::DOUBLE AS p95_seconds, NULL::DOUBLE AS p99_seconds, NULL::VARCHAR AS top_paths
FROM diagnosed
UNION ALL
SELECT 'incident', d.status, d.cause, d.upstream, NULL, count(*), min(time), max(time),
       quantile_cont(request_time, 0.5), quantile_cont(request_time, 0.95), quantile_cont(request_time, 0.99), any_value(t.top_paths)
FROM diagnosed d
LEFT JOIN top_paths t ON t.status = d.status AND t.cause IS NOT DISTINCT FROM d.cause AND t.upstream IS NOT DISTINCT FROM d.upstream
WHERE needs_diagnosis
GROUP BY d.status, d.cause, d.upstream
UNION ALL
SELECT 'interval', status, cause, upstream, interval_start, count(*), min(time), max(time), NULL, NULL, NULL, NULL
FROM diagnosed WHERE needs_diagnosis
GROUP BY status, cause, upstream, interval_start
UNION ALL
SELECT 'backend', NULL, NULL, upstream, NULL, count(*), min(time), max(time),
       quantile_cont(upstream_response_time, 0.5), quantile_cont(upstream_response_time, 0.95), quantile_cont(upstream_response_time, 0.99), NULL
FROM diagnosed WHERE upstream IS NOT NULL
GROUP BY upstream
ORDER BY row_kind DESC, status, cause, backend, interval_start;
