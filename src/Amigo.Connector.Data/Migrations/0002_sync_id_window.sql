-- The id-window width a full read of this (academy, class) last completed with: the sync halves a window that iTop
-- cannot serve (PHP memory limit, timeout) and starts the next full read from the width that worked.
ALTER TABLE sync_watermarks ADD COLUMN id_window integer;
