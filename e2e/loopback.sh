# Loopback helpers shared by the e2e/ and bench/ scripts (sourced, not run).

# free_port [TAKEN...]: a port nothing listens on at 127.0.0.1, none of TAKEN; fails after 100 tries.
free_port() {
  local candidate
  for _ in $(seq 100); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null && [[ " $* " != *" $candidate "* ]]; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

# psql_do SQL: one statement on the local PostgreSQL (127.0.0.1:5432, user postgres, database test), bounded.
psql_do() { PGCONNECT_TIMEOUT=5 timeout 30 psql -h 127.0.0.1 -p 5432 -U postgres -d test -v ON_ERROR_STOP=1 -qAtX -c "$1"; }
