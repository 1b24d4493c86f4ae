-- The reassignment plugin's memory of its moves (ping-pong guards, transfer idempotency, the moves endpoint).
-- Earlier builds created the same table at first use: IF NOT EXISTS lets this apply over such a database.
CREATE TABLE IF NOT EXISTS reassign_moves (
    id                  bigserial PRIMARY KEY,
    academy_id          text NOT NULL,
    itop_id             bigint NOT NULL,
    ticket_ref          text NOT NULL,
    rule_name           text NOT NULL,
    kind                text NOT NULL,
    from_team_id        bigint,
    from_team_name      text,
    to_team_id          bigint,
    to_team_name        text,
    target_academy_id   text,
    target_itop_id      bigint,
    target_ref          text,
    idempotency_key     text,
    state               text NOT NULL,
    reason              text,
    job_run_id          bigint,
    moved_at            timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS reassign_moves_ticket ON reassign_moves (academy_id, itop_id, moved_at DESC);
CREATE UNIQUE INDEX IF NOT EXISTS reassign_moves_key ON reassign_moves (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS reassign_moves_unfinished ON reassign_moves (academy_id) WHERE state IN ('pending', 'created');
