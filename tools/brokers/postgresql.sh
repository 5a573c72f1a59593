#!/usr/bin/env bash
# PostgreSQL for the SQL transport tests: Debian's postgresql, an own cluster under $BROKER_DIR on 127.0.0.1:5432,
# with role kombu (password kombu, may create databases: the schema tests use fresh ones) owning database kombu_test; python3-psycopg2 and python3-sqlalchemy for the
# Python Kombu peer (sqla+postgresql://kombu:kombu@127.0.0.1:5432/kombu_test).
#   bash tools/brokers/postgresql.sh start|stop|status
# start installs what is missing, creates the cluster once, starts it with pg_ctl (no systemd), waits until it
# accepts connections and creates the role and database; it is a no-op when something already answers on 5432 (a
# server of your own is used as it is). stop ends only the server this script started.
source "$(dirname "$0")/common.sh"
PGDATA_DIR="$BROKER_DIR/postgresql/data"
SOCKET_DIR="$BROKER_DIR/postgresql"
LOGFILE="$SOCKET_DIR/postgresql.log"
PIDFILE="$PGDATA_DIR/postmaster.pid"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_admin() { as_postgres "$(pg_bin)/psql" -h "$SOCKET_DIR" -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

start() {
  apt_install postgresql python3-psycopg2 python3-sqlalchemy
  if answering 5432; then log "something already answers on 127.0.0.1:5432: used as it is"; return 0; fi
  local bin; bin=$(pg_bin)
  mkdir -p "$SOCKET_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$SOCKET_DIR"
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $PGDATA_DIR"
    as_postgres "$bin/initdb" -D "$PGDATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 > "$BROKER_DIR/postgresql-initdb.log" 2>&1
  fi
  log "starting postgresql on 127.0.0.1:5432"
  as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$LOGFILE" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p 5432 -k $SOCKET_DIR -c fsync=off -c max_connections=200" start > /dev/null
  wait_tcp 127.0.0.1 5432
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='kombu'")" != 1 ]; then
    psql_admin -c "CREATE ROLE kombu LOGIN CREATEDB PASSWORD 'kombu'"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='kombu_test'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE kombu_test OWNER kombu"
  fi
  log "postgresql ready"
}

case "${1:-start}" in
  start) start ;;
  stop) stop_own "$PIDFILE" postgres "postgresql on 127.0.0.1:5432" INT ;;   # SIGINT: fast shutdown
  status) if answering 5432; then echo "postgresql running on 127.0.0.1:5432"; else echo "postgresql stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
