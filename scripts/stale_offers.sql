-- Add 900,000 stale partner offers to a 100k demo database (for measuring only).
--
-- Each of the demo's first 100,000 engineers is copied 9 times as a partner engineer whose
-- last offer was 31–365 days before 2026-12-07 (so stale under the default 30 days), with
-- the same skills. The demo's own partner engineers are marked as offered within the last
-- 30 days, so the active pool is the demo's 100k as before.
--
--   cp big.db stale.db && sqlite3 stale.db < scripts/stale_offers.sql
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
UPDATE engineers SET last_offered_at = date('2026-12-07', '-' || (id % 30) || ' days') || ' 09:00:00+00:00'
    WHERE affiliation = 'partner';
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 9)
INSERT INTO engineers (id, name, initials, affiliation, partner_id, depth, station, area,
        remote_pref, available_from, availability_confirmed, cost, rate, foreign_national,
        japanese_level, age_band, career_start, notes, last_checked, created_at, updated_at,
        last_offered_at, employment, ng, other_skills, languages)
    SELECT e.id + k.n * 100000, e.name, e.initials, 'partner',
        (SELECT min(id) FROM partners), max(e.depth, 1), e.station, e.area,
        e.remote_pref, e.available_from, e.availability_confirmed, e.cost, e.rate,
        e.foreign_national, e.japanese_level, e.age_band, e.career_start, e.notes,
        e.last_checked, e.created_at, e.updated_at,
        date('2026-12-07', '-' || (31 + (e.id * 7 + k.n) % 335) || ' days') || ' 09:00:00+00:00',
        e.employment, e.ng, e.other_skills, e.languages
    FROM engineers e, k WHERE e.id <= 100000;
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 9)
INSERT INTO engineer_skills (engineer_id, skill_id, years, level, last_used)
    SELECT s.engineer_id + k.n * 100000, s.skill_id, s.years, s.level, s.last_used
    FROM engineer_skills s, k WHERE s.engineer_id <= 100000;
COMMIT;
