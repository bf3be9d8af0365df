#!/usr/bin/env bash
# Quick start, command 1: start ContactCenter with the demo data on this machine.
# Installs PostgreSQL 15 when missing, starts it, creates the database and its user, then runs the
# host, which applies migrations and seeds the demo data (idempotently: running twice adds nothing).
# Environment: CC_DB_PASSWORD (default contactcenter-demo), CC_HTTP_PORT (default 8080), CC_SIP_TLS_PORT (default 5061).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_dotnet
apt_ensure postgresql:$PG_BIN/postgres postgresql-client:psql

DB_NAME=contactcenter
DB_USER=contactcenter
DB_PASSWORD=${CC_DB_PASSWORD:-contactcenter-demo}
PG_PORT=${CC_PG_PORT:-5432}

if ! pg_lsclusters -h 2>/dev/null | awk '$1=="15" && $2=="main"' | grep -q .; then
  log "Creating PostgreSQL cluster 15/main"
  as_root pg_createcluster 15 main --port "$PG_PORT" >/dev/null
fi
if ! pg_lsclusters -h | awk '$1=="15" && $2=="main" {print $4}' | grep -q online; then
  log "Starting PostgreSQL 15/main"
  as_root pg_ctlcluster 15 main start
fi
PG_PORT=$(pg_lsclusters -h | awk '$1=="15" && $2=="main" {print $3}')

psql_admin() { as_root runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'")" != 1 ]; then
  log "Creating database user $DB_USER"
  psql_admin -v pw="$DB_PASSWORD" <<<"CREATE ROLE $DB_USER LOGIN PASSWORD :'pw'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'")" != 1 ]; then
  log "Creating database $DB_NAME"
  psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi

cd "$REPO_ROOT"
log "Building and starting ContactCenter (first build takes a minute)"
export ConnectionStrings__Crm="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$DB_USER;Password=$DB_PASSWORD"
export Http__Port=${CC_HTTP_PORT:-8080}
# Demo mode: the demo secrets (pw+extension, admin-demo, the database password above) are accepted. Without it the
# host runs in production mode and refuses them (README, "Security").
# SIP over TLS on 5061 with a self-signed certificate made once in data/sip-tls/ (README, "SIP over TLS").
exec dotnet run --project src/ContactCenter.Host -c Release -- --Security:Mode=Demo --Demo:Seed=true \
  --Sip:Transport:Tls:Port="${CC_SIP_TLS_PORT:-5061}" "$@"
