-- Plugin migration of the catalogue plugin (applied by the host's MigrationRunner, recorded under "catalogue").
-- Rows chosen on the requester page, counted per academy, subcategory and day (the academy's calendar day).
-- Nothing personal: no login, no person, no query text. The ranking adds these counts to the synced tickets of the
-- subcategory (usage), so a row people choose rises like one they file tickets in.
CREATE TABLE IF NOT EXISTS catalogue_choices (
    academy_id     text    NOT NULL,
    subcategory_id bigint  NOT NULL,
    day            date    NOT NULL,
    choices        integer NOT NULL CHECK (choices > 0),
    PRIMARY KEY (academy_id, subcategory_id, day)
);
