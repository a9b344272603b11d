DROP TABLE standing_uses;
DROP TABLE standing_keys;
DROP TABLE standing_authorisations;
