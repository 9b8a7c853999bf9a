-- Runs once, when the data volume is initialised: Temporal's persistence and visibility stores live
-- in their own databases beside Corridor's (temporal-schema then installs and upgrades their schemas).
CREATE DATABASE temporal;
CREATE DATABASE temporal_visibility;
