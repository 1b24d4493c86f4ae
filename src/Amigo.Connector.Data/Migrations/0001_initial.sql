-- Connector database, version 1. Every table is academy-scoped; ids copied from iTop are bigint.
-- Times are timestamptz (instants): iTop's offset-less local times are converted with the academy's time zone.

CREATE TABLE academies (
    academy_id      text PRIMARY KEY,
    display_name    text NOT NULL,
    itop_url        text NOT NULL,
    time_zone       text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Run-time plugin switches (CLI/HTTP). A row here wins over the configuration file.
CREATE TABLE plugin_switches (
    academy_id      text NOT NULL,
    plugin_id       text NOT NULL,
    enabled         boolean NOT NULL,
    changed_by      text NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (academy_id, plugin_id)
);

CREATE TABLE organizations (
    academy_id      text NOT NULL,
    itop_id         bigint NOT NULL,
    name            text NOT NULL,
    code            text,
    parent_id       bigint,
    status          text,
    synced_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (academy_id, itop_id)
);

CREATE TABLE persons (
    academy_id      text NOT NULL,
    itop_id         bigint NOT NULL,
    first_name      text,
    last_name       text NOT NULL,
    email           text,
    org_id          bigint,
    status          text,
    external_id     text,                    -- from the field map (PersonExternalId), e.g. the ARENA login
    synced_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (academy_id, itop_id)
);
CREATE INDEX persons_email ON persons (academy_id, lower(email));

CREATE TABLE teams (
    academy_id      text NOT NULL,
    itop_id         bigint NOT NULL,
    name            text NOT NULL,
    email           text,
    org_id          bigint,
    status          text,
    synced_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (academy_id, itop_id)
);

CREATE TABLE team_members (
    academy_id      text NOT NULL,
    team_id         bigint NOT NULL,
    person_id       bigint NOT NULL,
    role_name       text,
    PRIMARY KEY (academy_id, team_id, person_id)
);

-- The service catalogue flattened to one row per subcategory, with the five levels of the academies'
-- catalogue (Domaine > Groupe de famille > Famille > Service > Sous catégorie); the two upper levels are
-- null where an academy's iTop has no such field.
CREATE TABLE catalogue_entries (
    academy_id              text NOT NULL,
    subcategory_id          bigint NOT NULL,
    subcategory_name        text NOT NULL,
    subcategory_description text,
    request_type            text,
    subcategory_status      text,
    service_id              bigint NOT NULL,
    service_name            text NOT NULL,
    service_description     text,
    service_status          text,
    family_id               bigint,
    family_name             text,
    family_group_name       text,
    domain_name             text,
    synced_at               timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (academy_id, subcategory_id)
);

-- Which organizations may use which services (stock iTop: CustomerContract.services_list).
CREATE TABLE service_offers (
    academy_id      text NOT NULL,
    org_id          bigint NOT NULL,
    service_id      bigint NOT NULL,
    contract_id     bigint,
    PRIMARY KEY (academy_id, org_id, service_id)
);

CREATE TABLE tickets (
    academy_id              text NOT NULL,
    itop_id                 bigint NOT NULL,
    ref                     text NOT NULL,
    title                   text NOT NULL,
    status                  text NOT NULL,
    status_group            text NOT NULL,   -- Open, Waiting, Resolved, Closed, Other (from the lifecycle profile)
    request_type            text,
    priority                text,
    urgency                 text,
    impact                  text,
    origin                  text,
    org_id                  bigint,
    org_name                text,
    caller_id               bigint,
    caller_name             text,
    caller_email            text,
    team_id                 bigint,
    team_name               text,
    agent_id                bigint,
    agent_name              text,
    service_id              bigint,
    service_name            text,
    servicesubcategory_id   bigint,
    servicesubcategory_name text,
    establishment_uai       text,            -- from the field map
    service_domain          text,            -- from the field map
    family_group            text,            -- from the field map
    visible_by              text,            -- from the field map
    beneficiary             text,            -- from the field map
    start_date              timestamptz,
    assignment_date         timestamptz,
    resolution_date         timestamptz,
    close_date              timestamptz,
    last_update             timestamptz,
    last_update_local       text,            -- iTop's own text, for watermarks without time-zone round trips
    operational_status      text,
    pending_reason          text,
    last_pending_date       timestamptz,
    resolution_code         text,
    user_satisfaction       text,
    closed_by_connector     boolean NOT NULL DEFAULT false,
    deleted_at              timestamptz,     -- set by key reconciliation when the ticket vanished from iTop
    synced_at               timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (academy_id, itop_id)
);
CREATE INDEX tickets_status ON tickets (academy_id, status_group, status) WHERE deleted_at IS NULL;
CREATE INDEX tickets_resolution ON tickets (academy_id, resolution_date) WHERE deleted_at IS NULL;
CREATE INDEX tickets_team ON tickets (academy_id, team_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX tickets_ref ON tickets (academy_id, ref);
CREATE INDEX tickets_last_update ON tickets (academy_id, last_update);

-- Status changes seen between two syncs (for reporting): one row per observed change.
CREATE TABLE status_transitions (
    id              bigserial PRIMARY KEY,
    academy_id      text NOT NULL,
    itop_id         bigint NOT NULL,
    from_status     text,                    -- null when the ticket was first seen
    to_status       text NOT NULL,
    observed_at     timestamptz NOT NULL,
    itop_last_update timestamptz
);
CREATE INDEX status_transitions_ticket ON status_transitions (academy_id, itop_id, observed_at);

-- Incremental sync positions per academy and iTop class. Advanced only after the data is committed.
CREATE TABLE sync_watermarks (
    academy_id          text NOT NULL,
    itop_class          text NOT NULL,
    last_update_local   text,                -- the highest iTop last_update seen (iTop local time text)
    last_full_sync_at   timestamptz,
    last_reconciled_at  timestamptz,
    content_hash        text,                -- mirrored reference tables (itop_class 'table:<name>'): fingerprint of the last rows written
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (academy_id, itop_class)
);

CREATE TABLE job_runs (
    id              bigserial PRIMARY KEY,
    academy_id      text NOT NULL,
    job_id          text NOT NULL,
    trigger         text NOT NULL,
    host_name       text NOT NULL,
    dry_run         boolean NOT NULL DEFAULT false,
    started_at      timestamptz NOT NULL DEFAULT now(),
    ended_at        timestamptz,
    outcome         text NOT NULL DEFAULT 'running',  -- running, succeeded, failed, cancelled, skipped-locked, abandoned
    counts          jsonb NOT NULL DEFAULT '{}'::jsonb,
    summary         text,
    error           text,
    lock_pid        integer,                 -- backend of the connection holding the run's advisory lock
    lock_backend_start timestamptz,          -- with lock_pid: tells a live run from one whose host died
    progress        jsonb
);
CREATE INDEX job_runs_recent ON job_runs (academy_id, job_id, started_at DESC);
CREATE INDEX job_runs_running ON job_runs (outcome) WHERE outcome = 'running';

-- Every decision and every write the connector makes to iTop.
CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    academy_id      text NOT NULL,
    actor           text NOT NULL,
    action          text NOT NULL,
    itop_class      text,
    itop_key        bigint,
    ticket_ref      text,
    outcome         text NOT NULL,
    reason          text,
    before_state    jsonb,
    after_state     jsonb,
    itop_code       integer,
    itop_message    text,
    idempotency_key text,
    job_run_id      bigint
);
CREATE INDEX audit_log_recent ON audit_log (academy_id, actor, at DESC);
CREATE INDEX audit_log_ticket ON audit_log (academy_id, itop_key);
CREATE INDEX audit_log_idempotency ON audit_log (academy_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
