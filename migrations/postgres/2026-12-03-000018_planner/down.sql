DROP TABLE unit_presets;
