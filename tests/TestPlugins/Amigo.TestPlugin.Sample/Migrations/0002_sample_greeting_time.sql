ALTER TABLE sample_greetings ADD COLUMN IF NOT EXISTS greeted_at timestamptz;
