-- A member's country (ISO 3166 alpha-2), for "available in my country":
-- where a film can be watched.
alter table account add column country text;
