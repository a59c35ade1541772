-- The zones below a name (its subzones: names ending in '.' || name) as a range of the reversed
-- names, so a new zone's check for another project's subzone reads the index, not every zone.
CREATE INDEX zones_reverse_name_idx ON zones (reverse(name) text_pattern_ops);
