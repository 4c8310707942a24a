#!/bin/sh
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): one role and
# one database per service, each database owned by its service's role and closed to everyone else
# (each database belongs to one server). The apps' start scripts apply the migrations.
set -eu
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v auth_password="$AUTH_DB_PASSWORD" -v mail_password="$MAIL_DB_PASSWORD" <<'SQL'
CREATE ROLE auth_service LOGIN PASSWORD :'auth_password';
CREATE DATABASE auth OWNER auth_service;
REVOKE ALL ON DATABASE auth FROM PUBLIC;
CREATE ROLE mail_service LOGIN PASSWORD :'mail_password';
CREATE DATABASE mail OWNER mail_service;
REVOKE ALL ON DATABASE mail FROM PUBLIC;
SQL
