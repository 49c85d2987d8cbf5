#!/usr/bin/env bash
# Benchmark: `kansli import` of a directory into a fresh PostgreSQL database, with what the
# database spent: the whole cluster's CPU (the postmaster's reaped children included), the
# statements' execution and planning time (pg_stat_statements), and the tables read by
# sequential scans.
#
# Usage: bench/pg_import.sh BINARY DIR
#   PGDATA   the cluster's data directory (default /var/tmp/pg/data), owned by a local cluster
#            started with shared_preload_libraries = 'pg_stat_statements' and
#            pg_stat_statements.track_planning = on (fsync = off for a benchmark)
#   PGHOST, PGPORT   where it listens (default /var/tmp/pg and 55432)
# The database `kansli_bench_import` is dropped and created; nothing else is touched.
set -euo pipefail
binary=$1 dir=$2
PGDATA=${PGDATA:-/var/tmp/pg/data} PGHOST=${PGHOST:-/var/tmp/pg} PGPORT=${PGPORT:-55432}
db=kansli_bench_import
psql() { command psql -h "$PGHOST" -p "$PGPORT" -U postgres -qAt "$@"; }
cluster_cpu() {
    python3 - "$PGDATA" <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
pm = int(open(os.path.join(sys.argv[1], "postmaster.pid")).readline())
def fields(pid):
    s = open(f"/proc/{pid}/stat").read()
    return s[s.rindex(")") + 2:].split()
f = fields(pm)
total = sum(int(x) for x in f[11:15])  # utime, stime, cutime, cstime
for d in os.listdir("/proc"):
    if d.isdigit():
        try:
            g = fields(int(d))
            if int(g[1]) == pm:
                total += int(g[11]) + int(g[12])
        except OSError:
            pass
print(total / tick)
PY
}
psql -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
psql -c "CREATE DATABASE $db" >/dev/null
psql -d $db -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
psql -d $db -c "SELECT pg_stat_statements_reset()" >/dev/null
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
before=$(cluster_cpu)
echo "load average at the start: $(cut -d' ' -f1 /proc/loadavg)"
/usr/bin/time -f "kansli import: wall %e s, CPU %U + %S s, peak RSS %M KB" \
    "$binary" --data-dir "$data" --database "postgres://postgres@127.0.0.1:$PGPORT/$db" \
    import --json "$dir" >/dev/null
after=$(cluster_cpu)
python3 -c "print(f'cluster CPU: {$after - $before:.1f} s')"
psql -d $db -F ' ' -c "SELECT 'statements: ' || round(sum(total_exec_time)::numeric / 1000, 1) || ' s executing, ' || round(sum(total_plan_time)::numeric / 1000, 1) || ' s planning, ' || sum(calls) || ' calls' FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$db')"
echo "rows read by sequential scans (table, scans, rows):"
psql -d $db -F ' ' -c "SELECT '  ' || relname, seq_scan, seq_tup_read FROM pg_stat_user_tables ORDER BY seq_tup_read DESC LIMIT 6"
