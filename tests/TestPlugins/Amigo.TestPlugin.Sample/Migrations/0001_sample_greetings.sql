-- The sample plugin's own table: proves the host applies a plugin's embedded migrations.
CREATE TABLE IF NOT EXISTS sample_greetings (
    academy_id  text NOT NULL,
    greeting    text NOT NULL,
    PRIMARY KEY (academy_id, greeting)
);
