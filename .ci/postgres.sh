# Start a PostgreSQL server for the tests and set FACTBOT_TEST_POSTGRES_URL.
# Uses the machine's PostgreSQL 15 cluster when running as root (CI), else a throwaway cluster.
PG_PORT="${PG_PORT:-5432}"

start_postgres() {
  if [ -n "${FACTBOT_TEST_POSTGRES_URL:-}" ]; then
    return 0
  fi
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then
    echo "PostgreSQL is not installed; installing it from Debian's packages" >&2
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  if [ "$(id -u)" -eq 0 ] && command -v pg_ctlcluster >/dev/null; then
    local version
    version=$(basename "$(dirname "$bindir")")
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    PG_PORT=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
    for _ in $(seq 1 30); do
      runuser -u postgres -- "$bindir/pg_isready" -q -p "$PG_PORT" && break
      sleep 1
    done
    runuser -u postgres -- psql -q -p "$PG_PORT" -tc \
      "SELECT 1 FROM pg_roles WHERE rolname='factbot'" | grep -q 1 ||
      runuser -u postgres -- psql -q -p "$PG_PORT" -c \
        "CREATE ROLE factbot LOGIN PASSWORD 'factbot' CREATEDB"
    runuser -u postgres -- psql -q -p "$PG_PORT" -tc \
      "SELECT 1 FROM pg_database WHERE datname='factbot_test'" | grep -q 1 ||
      runuser -u postgres -- createdb -p "$PG_PORT" -O factbot factbot_test
  else
    # Not root: a throwaway cluster in a temporary directory, owned by this user.
    local dir
    dir=$(mktemp -d)
    PG_PORT=55432
    "$bindir/initdb" -D "$dir/data" -U factbot --auth=trust >/dev/null
    "$bindir/pg_ctl" -D "$dir/data" -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1" \
      -l "$dir/log" -w start >/dev/null
    "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U factbot factbot_test
  fi
  FACTBOT_TEST_POSTGRES_URL="postgresql://factbot:factbot@127.0.0.1:${PG_PORT}/factbot_test"
}
