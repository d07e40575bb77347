#!/usr/bin/env bash
# Activity record benchmark: fills one group's record with ROWS lines (default 1,000,000) straight into the
# database, then times 20 page requests of each kind with curl and prints the median and p99 (of 20: the slowest
# but one is not kept, so p99 is the slowest) in milliseconds:
#   owner, newest page              GET /api/groups/{group}/activity
#   owner, one rare user            GET ...?user=dave            (a user with 1 line in 10)
#   owner, one file, 1 day          GET ...?file=video.mp4&since=1d
#   member, own lines               GET ... as bob               (downloader of 9 lines in 10)
#   owner, page 100                 GET ...?page=100
#   floor: who am I                 GET /api/users/me  (the same session check and JSON, no query worth the name)
# Not a test: it only prints numbers.
#
#   bench/activity.sh                      a tracker on H2 in a temporary folder (rows are added while it is stopped)
#   bench/activity.sh --spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test \
#       --spring.datasource.username=postgres   the same on PostgreSQL (rows added with psql; the database should be
#                                               fresh or at least have no "bench-act-" users: each run adds its own)
# Environment: ROWS (1000000), REQUESTS (20), TRACKER_JAR (default: the built one), PGPASSWORD for psql.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${TRACKER_JAR:-$repo/tracker-service/target/tracker-service.jar}"
rows="${ROWS:-1000000}" requests="${REQUESTS:-20}"
command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 1; }
[ -f "$jar" ] || (cd "$repo" && mvn -B -q -pl tracker-service -am package -DskipTests) >&2

postgres=""
for arg in "$@"; do case "$arg" in --spring.profiles.active=*postgres*) postgres=1 ;; esac; done
pg_url="" pg_user="postgres"
for arg in "$@"; do
  case "$arg" in
    --spring.datasource.url=jdbc:postgresql://*) pg_url="postgresql://${arg#--spring.datasource.url=jdbc:postgresql://}" ;;
    --spring.datasource.username=*) pg_user="${arg#--spring.datasource.username=}" ;;
  esac
done

work="$(mktemp -d)"
tracker_pid=""
stop_tracker() {
  if [ -n "$tracker_pid" ]; then
    kill "$tracker_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$tracker_pid" 2>/dev/null || break; sleep 0.5; done
    tracker_pid=""
  fi
}
trap 'stop_tracker; rm -rf "$work"' EXIT

port=""
for p in $(seq 19200 19299); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "bench: no free port in 19200-19299" >&2; exit 1; }
base="http://127.0.0.1:$port"
start_tracker() {
  java ${JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
    --p2p.tracker.data-dir="$work/data" --logging.level.root=WARN "$@" >>"$work/tracker.log" 2>&1 &
  tracker_pid=$!
  for i in $(seq 1 240); do
    curl -fs -o /dev/null "$base/actuator/health" && return 0
    kill -0 "$tracker_pid" 2>/dev/null || { cat "$work/tracker.log" >&2; echo "bench: tracker died" >&2; exit 1; }
    sleep 0.5
  done
  echo "bench: tracker did not start in 120 s" >&2; exit 1
}
echo "bench: starting tracker on $base (log: $work/tracker.log)" >&2
start_tracker "$@"

# --- alice owns the group and shares a file; bob and dave download it; carol serves ---
json='Content-Type: application/json'
suffix="$$$RANDOM"
token_of() {
  curl -fs -H "$json" -d "{\"username\":\"$1\",\"password\":\"pass123\"}" "$base/api/sessions" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
declare -A token
for who in alice bob carol dave; do
  curl -fs -o /dev/null -H "$json" -d "{\"username\":\"bench-act-$who-$suffix\",\"password\":\"pass123\"}" "$base/api/users"
done
group="bench-act-$suffix"
curl -fs -o /dev/null -H "$json" -H "Authorization: Bearer $(token_of "bench-act-alice-$suffix")" \
  -d "{\"name\":\"$group\"}" "$base/api/groups"
hash() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
sha="$(hash "video-$suffix")"

# The lines: 9 in 10 about bob, 1 in 10 about dave; 1 in 3 served (reported by carol), else grants; one a
# line every 5 s back from now (a million reach 58 days, inside the 90-day retention); every 5th about video.mp4, the others about 50 other files.
fill_sql() { # $1: the row-number expression's source, $2: "created_at" expression
  cat <<SQL
INSERT INTO activity (group_id, created_at, kind, user_id, file_sha256, file_name, address, expires_at, chunks, bytes, reporter_id)
SELECT g.id, $2,
       CASE WHEN MOD(x, 3) = 0 THEN 'SERVED' ELSE 'GRANT' END,
       CASE WHEN MOD(x, 10) = 0 THEN d.id ELSE b.id END,
       '$sha',
       CASE WHEN MOD(x, 5) = 0 THEN 'video.mp4' ELSE 'file-' || CAST(MOD(x, 50) AS VARCHAR(8)) || '.bin' END,
       CASE WHEN MOD(x, 3) = 0 THEN NULL ELSE '10.0.0.7' END,
       NULL,
       CASE WHEN MOD(x, 3) = 0 THEN 4 ELSE NULL END,
       CASE WHEN MOD(x, 3) = 0 THEN 2097152 ELSE NULL END,
       CASE WHEN MOD(x, 3) = 0 THEN c.id ELSE NULL END
FROM $1,
     share_groups g, users b, users c, users d
WHERE g.name = '$group' AND b.username = 'bench-act-bob-$suffix' AND c.username = 'bench-act-carol-$suffix'
  AND d.username = 'bench-act-dave-$suffix';
SQL
}
started=$(date +%s)
if [ -n "$postgres" ]; then
  command -v psql >/dev/null || { echo "bench: psql is needed for PostgreSQL" >&2; exit 1; }
  fill_sql "generate_series(1, $rows) AS s(x)" "now() - x * interval '5 seconds'" \
    | psql -q -v ON_ERROR_STOP=1 -U "$pg_user" "${pg_url:-postgresql://127.0.0.1:5432/test}" >&2
  psql -q -U "$pg_user" "${pg_url:-postgresql://127.0.0.1:5432/test}" -c "ANALYZE activity" >&2
else
  # H2 is embedded: the tracker stops while the H2 tool that came in its jar adds the rows.
  stop_tracker
  (cd "$work" && unzip -q -o "$jar" 'BOOT-INF/lib/h2-*.jar')
  h2="$(ls "$work"/BOOT-INF/lib/h2-*.jar)"
  fill_sql "SYSTEM_RANGE(1, $rows) AS s(x)" "DATEADD(SECOND, -5 * x, CURRENT_TIMESTAMP)" >"$work/fill.sql"
  java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$work/data/tracker" -user sa -script "$work/fill.sql" >&2
  echo "ANALYZE;" >"$work/analyze.sql"
  java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$work/data/tracker" -user sa -script "$work/analyze.sql" >&2
  start_tracker "$@"
fi
echo "bench: $rows lines added in $(( $(date +%s) - started )) s" >&2
for who in alice bob; do token[$who]="$(token_of "bench-act-$who-$suffix")"; done

# --- the timings ---
time_ms() { # who path -> prints the milliseconds of each of $requests requests, after 5 unmeasured ones
  local url="$base$2" i
  for i in $(seq 1 5); do curl -fs -o /dev/null -H "Authorization: Bearer ${token[$1]}" "$url"; done
  for i in $(seq 1 "$requests"); do
    curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer ${token[$1]}" "$url" \
      || { echo "bench: $url failed" >&2; exit 1; }
  done | awk '{ printf "%.1f\n", $1 * 1000 }'
}
summary() { # name who query
  local times
  times="$(time_ms "$2" "$3" | sort -n)"
  awk -v name="$1" '{ t[NR] = $1 } END {
      m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      p = t[int(NR * 0.99 + 0.999)]
      printf "%-34s %10.1f %10.1f\n", name, m, p }' <<<"$times"
}
echo "bench: $rows lines in one group, $requests requests each, $(nproc) cores" >&2
printf '%-34s %10s %10s\n' "page (50 lines)" "median ms" "p99 ms"
summary "owner, newest" alice "/api/groups/$group/activity"
summary "owner, user=dave (1 in 10)" alice "/api/groups/$group/activity?user=bench-act-dave-$suffix"
summary "owner, file, since 1d" alice "/api/groups/$group/activity?file=video.mp4&since=1d"
summary "member bob, own lines" bob "/api/groups/$group/activity"
summary "owner, page 100" alice "/api/groups/$group/activity?page=100"
summary "floor: GET /api/users/me" alice "/api/users/me"
