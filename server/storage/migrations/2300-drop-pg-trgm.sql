-- pg_trgm was created by the first migration and never used: text similarity is computed by the integrity core
-- (MinHash bands and shingles), and search uses PostgreSQL's full-text search. Databases created before this
-- release drop it; new ones never create it, and PGlite no longer loads it at start.
DROP EXTENSION IF EXISTS pg_trgm;
