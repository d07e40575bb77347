#!/usr/bin/env bash
# End-to-end test of several trackers on one PostgreSQL, with real processes on loopback:
#   - two bin/tracker instances (postgres profile) on one fresh schema of 127.0.0.1:5432/test;
#   - concurrent writes spread over both instances (same user name, distinct names, same group name,
#     the same user joining through both at once): the database constraints leave no duplicates;
#   - Alice (trackers: 1, then 2) registers and shares a 96 MiB file through instance 1; Bob (trackers:
#     2, then 1) logs in through instance 2; Carol (1, then 2) logs in through instance 1; Bob and Carol
#     download with --background (every agent's upload is capped so this takes several seconds);
#   - instance 1 is killed (SIGKILL) in the middle of both downloads: both complete with equal SHA-256,
#     Alice's and Carol's agents fail over to instance 2, and every later command (show_downloads,
#     list_files, status, a new share and download, logout) exits 0 with nothing on stderr.
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, database test, trust authentication) and psql;
# fails loudly without it. Stops every process it started and drops its schema, also on failure.
# Prints "e2e-two-trackers: N passed, M failed" last and exits non-zero on any failure.
# KEEP=1 keeps the temporary folder (tracker and agent logs).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
P2P="$repo/bin/p2p"
work="$(mktemp -d "${TMPDIR:-/tmp}/p2p-e2e2.XXXXXX")"
alice="$work/alice" bob="$work/bob" carol="$work/carol"
mkdir -p "$work/tracker1" "$work/tracker2" "$work/race" "$alice" "$bob" "$carol"
passed=0 failed=0
pids=()            # every process this script started: both trackers and each agent a login started
tracker1_pid="" tracker2_pid=""
schema=""
RUN_TIMEOUT=120
source "$repo/e2e/lib.sh"
source "$repo/e2e/loopback.sh"
started=$SECONDS
export PGCONNECT_TIMEOUT=5
unset P2P_TRACKER P2P_HOME
# Agents: loopback only, a heartbeat every 2 s (so a fail-over of the heartbeat shows within the test),
# and an upload cap so that a download takes several seconds.
export P2P_AGENT_JAVA_OPTS="-Dp2p.agent.chunk-address=127.0.0.1 -Dp2p.agent.heartbeat-interval=2s -Dp2p.agent.max-upload-rate=8MB"

log() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - started)); }


cleanup() {
  local pid home
  for home in "$alice" "$bob" "$carol"; do remember_agent "$home"; done
  stop_started
  if [ -n "$schema" ]; then
    psql_do "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || echo "e2e-two-trackers: could not drop schema $schema"
  fi
  if [ "${KEEP:-0}" = 1 ] || [ "$failed" -gt 0 ]; then
    echo "e2e-two-trackers: logs kept in $work (tracker1/tracker.log, tracker2/tracker.log, */.p2p/agent.log)"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'echo "e2e-two-trackers: interrupted"; exit 130' INT TERM

finish() { echo; echo "e2e-two-trackers: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }
abort() { RC="-" OUT="" ERR="${2:-}"; fail "$1"; finish; }
# clean DESCRIPTION DIR ARGS...: exit 0 and nothing on stderr ("no error shown to the user")
clean() {
  local what="$1"; shift
  run "$@"
  if [ "$RC" -eq 0 ] && [ -z "$ERR" ]; then pass "$what"; else fail "$what (expected exit 0 and an empty stderr)"; fi
}

# ---------------------------------------------------------------------------------------------------
log "PostgreSQL"
if ! command -v psql >/dev/null; then
  abort "psql is not installed: this test needs PostgreSQL at 127.0.0.1:5432 (user postgres, database test, trust authentication)"
fi
if ! probe="$(psql_do 'SELECT 1' 2>&1)"; then
  abort "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is not reachable; start it (.ci/run does when it is installed)" "$probe"
fi
schema="e2e_$(date +%s)_$$_$RANDOM"
psql_do "CREATE SCHEMA $schema" >/dev/null || { s="$schema"; schema=""; abort "cannot create schema $s"; }
jdbc="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema"
pass "PostgreSQL answers; fresh schema $schema"

# Both trackers start at once from the same jar: build what is missing first (not twice in parallel).
if [ ! -f "$repo/tracker-service/target/tracker-service.jar" ]; then
  (cd "$repo" && mvn -B -q -pl tracker-service -am package -DskipTests) || abort "building the tracker failed"
fi
if [ ! -f "$repo/cli/target/p2p-cli.jar" ] || [ ! -f "$repo/peer-agent/target/peer-agent.jar" ]; then
  "$P2P" --version >/dev/null || abort "building the CLI and agent failed"
fi
# The launchers run from a snapshot of the built jars (same layout as the repository), so that a rebuild
# while this test runs cannot pull a jar out from under a running tracker or agent.
snap="$work/repo"
mkdir -p "$snap/bin" "$snap/tracker-service/target" "$snap/peer-agent/target" "$snap/cli/target"
cp -p "$repo/bin/tracker" "$repo/bin/p2p" "$snap/bin/" && cp -p "$repo/application.yml" "$snap/"
complete_jar() { if command -v jar >/dev/null; then jar tf "$1" >/dev/null 2>&1; else unzip -tqq "$1" >/dev/null 2>&1 || ! command -v unzip >/dev/null; fi; }
for jar in tracker-service/target/tracker-service.jar peer-agent/target/peer-agent.jar cli/target/p2p-cli.jar; do
  for attempt in $(seq 10); do
    cp -p "$repo/$jar" "$snap/$jar" && cmp -s "$repo/$jar" "$snap/$jar" && complete_jar "$snap/$jar" && break
    [ "$attempt" = 10 ] && abort "cannot take a consistent copy of $jar (is a build writing it?)"
    sleep 3
  done
done
P2P="$snap/bin/p2p"   # (its first run records the CLI's class-data-sharing archive for the copied jar)

# ---------------------------------------------------------------------------------------------------
log "two trackers on one database"
port1="$(free_port)" && port2="$(free_port "$port1")" || abort "no free port found"
t1="http://127.0.0.1:$port1" t2="http://127.0.0.1:$port2"
# Every racer below comes from 127.0.0.1 at once: the per-address limits and the password-hash gate are
# tested by the tracker's own tests, so they are lifted here.
start_tracker() { # N PORT
  (cd "$work/tracker$1" && exec "$snap/bin/tracker" --spring.profiles.active=postgres \
    "--spring.datasource.url=$jdbc" --spring.datasource.username=postgres \
    --server.address=127.0.0.1 "--server.port=$2" \
    --p2p.tracker.auth-requests-per-minute=100000 --p2p.tracker.password-hash-concurrency=32 >tracker.log 2>&1) &
}
start_tracker 1 "$port1"; tracker1_pid=$!; pids+=("$tracker1_pid")
start_tracker 2 "$port2"; tracker2_pid=$!; pids+=("$tracker2_pid")
for _ in $(seq 120); do
  up1=0 up2=0
  curl -sf "$t1/actuator/health" >/dev/null 2>&1 && up1=1
  curl -sf "$t2/actuator/health" >/dev/null 2>&1 && up2=1
  [ $up1 = 1 ] && [ $up2 = 1 ] && break
  alive "$tracker1_pid" && alive "$tracker2_pid" || break
  sleep 1
done
[ "$up1" = 1 ] || abort "tracker 1 did not start" "$(tail -n 20 "$work/tracker1/tracker.log")"
[ "$up2" = 1 ] || abort "tracker 2 did not start" "$(tail -n 20 "$work/tracker2/tracker.log")"
pass "tracker 1 answers on $t1, tracker 2 on $t2 (one schema)"
keys1="$(curl -sf "$t1/api/keys")" keys2="$(curl -sf "$t2/api/keys")"
RC=0 OUT="$keys1 / $keys2" ERR=""
if [ -n "$keys1" ] && [ "$keys1" = "$keys2" ]; then pass "both publish the same grant keys"; else fail "both publish the same grant keys"; fi

# ---------------------------------------------------------------------------------------------------
log "concurrent writes through both instances"
json='Content-Type: application/json'
# fire NAME N METHOD PATH BODY [TOKEN_PREFIX]: N requests at once, even ones to tracker 1 and odd ones to
# tracker 2; the status of request i lands in race/NAME.i. BODY and TOKEN may use {i} for the index.
fire() {
  local name="$1" n="$2" method="$3" path="$4" body="$5" token="${6:-}" i base b t
  local racers=()
  for i in $(seq 0 $((n - 1))); do
    if [ $((i % 2)) = 0 ]; then base="$t1"; else base="$t2"; fi
    b="${body//\{i\}/$i}"
    t=()
    [ -n "$token" ] && t=(-H "Authorization: Bearer $(cat "$work/race/${token//\{i\}/$i}")")
    curl -s -o "$work/race/$name.body.$i" -w '%{http_code}\n' --max-time 60 -X "$method" -H "$json" \
      ${t[@]+"${t[@]}"} ${b:+-d "$b"} "$base$path" >"$work/race/$name.$i" 2>/dev/null &
    racers+=($!)
  done
  for i in "${racers[@]}"; do wait "$i"; done
}
count() { cat "$work/race/$1".[0-9]* 2>/dev/null | grep -c "^$2\$"; }
statuses() { cat "$work/race/$1".[0-9]* 2>/dev/null | sort | uniq -c | tr -s ' \n' ' '; }

sfx="$RANDOM"
fire same 20 POST /api/users "{\"username\":\"racer-$sfx\",\"password\":\"racer-pw\"}"
RC=0 OUT="statuses: $(statuses same)" ERR=""
if [ "$(count same 201)" = 1 ] && [ "$(count same 409)" = 19 ]; then
  pass "20 registrations of one name over both instances: one 201, nineteen 409"
else fail "20 registrations of one name over both instances: one 201, nineteen 409"; fi
OUT="$(psql_do "SELECT count(*) FROM $schema.users WHERE username = 'racer-$sfx'" 2>&1)"
if [ "$OUT" = 1 ]; then pass "the database holds that user once"; else fail "the database holds that user once"; fi

fire distinct 20 POST /api/users "{\"username\":\"user-{i}-$sfx\",\"password\":\"racer-pw\"}"
OUT="statuses: $(statuses distinct)"
if [ "$(count distinct 201)" = 20 ]; then pass "20 registrations of distinct names over both instances: all 201"
else fail "20 registrations of distinct names over both instances: all 201"; fi
# user names compare without regard to case (a nondeterministic collation), which LIKE refuses: compare bytes
OUT="$(psql_do "SELECT count(*) FROM $schema.users WHERE username COLLATE \"C\" LIKE 'user-%-$sfx'" 2>&1)"
if [ "$OUT" = 20 ]; then pass "the database holds exactly 20 of them"; else fail "the database holds exactly 20 of them"; fi

# Each logs in through the other instance than the one it registered at.
logins=()
for i in $(seq 0 19); do
  if [ $((i % 2)) = 0 ]; then base="$t2"; else base="$t1"; fi
  (curl -s --max-time 60 -H "$json" -d "{\"username\":\"user-$i-$sfx\",\"password\":\"racer-pw\"}" "$base/api/sessions" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p' >"$work/race/token.$i") &
  logins+=($!)
done
for pid in "${logins[@]}"; do wait "$pid"; done
tokens=0; for i in $(seq 0 19); do [ -s "$work/race/token.$i" ] && tokens=$((tokens + 1)); done
OUT="$tokens tokens"
if [ "$tokens" = 20 ]; then pass "each of them logs in through the other instance"; else fail "each of them logs in through the other instance"; fi

fire group 20 POST /api/groups "{\"name\":\"race-$sfx\",\"private\":false}" "token.{i}"
OUT="statuses: $(statuses group)"
if [ "$(count group 201)" = 1 ] && [ "$(count group 409)" = 19 ]; then
  pass "20 users create one group name over both instances: one 201, nineteen 409"
else fail "20 users create one group name over both instances: one 201, nineteen 409"; fi
OUT="$(psql_do "SELECT count(*) FROM $schema.share_groups WHERE name = 'race-$sfx'" 2>&1)"
if [ "$OUT" = 1 ]; then pass "the database holds that group once"; else fail "the database holds that group once"; fi

# Every user but the owner joins twice at the same moment, once through each instance.
owner=""; for i in $(seq 0 19); do [ "$(cat "$work/race/group.$i")" = 201 ] && owner=$i; done
for i in $(seq 0 39); do cp "$work/race/token.$((i / 2))" "$work/race/jtoken.$i"; done
fire join 40 POST "/api/groups/race-$sfx/join-requests" "" "jtoken.{i}"
[ -n "$owner" ] && rm -f "$work/race/join.$((owner * 2))" "$work/race/join.$((owner * 2 + 1))"
OUT="statuses: $(statuses join)"
if [ "$(count join 201)" = 19 ] && [ "$(count join 200)" = 19 ]; then
  pass "19 users join twice at once through both instances: one 201 and one 200 each"
else fail "19 users join twice at once through both instances: one 201 and one 200 each"; fi
OUT="$(psql_do "SELECT count(*) FROM $schema.group_members m JOIN $schema.share_groups g ON g.id = m.group_id WHERE g.name = 'race-$sfx'" 2>&1)"
if [ "$OUT" = 20 ]; then pass "the group has exactly 20 member rows"; else fail "the group has exactly 20 member rows"; fi

# ---------------------------------------------------------------------------------------------------
log "Alice shares through instance 1; Bob logs in through instance 2, Carol through instance 1"
printf '127.0.0.1:%s\n127.0.0.1:%s\n' "$port1" "$port2" >"$alice/tracker_info.txt"
printf '127.0.0.1:%s\n127.0.0.1:%s\n' "$port2" "$port1" >"$bob/tracker_info.txt"
printf '127.0.0.1:%s\n127.0.0.1:%s\n' "$port1" "$port2" >"$carol/tracker_info.txt"
clean "alice: create_user (instance 1)" "$alice" create_user alice alice-pw
clean "bob: create_user (instance 2)" "$bob" create_user bob bob-pw-1
clean "carol: create_user (instance 1)" "$carol" create_user carol carol-pw
clean "alice: login" "$alice" login alice alice-pw; remember_agent "$alice"
clean "bob: login through instance 2" "$bob" login bob bob-pw-1; remember_agent "$bob"
out_has "at $t2, $t1" "bob's session lists instance 2 first"
clean "carol: login" "$carol" login carol carol-pw; remember_agent "$carol"
clean "alice: status" "$alice" status
out_has "connected to $t1" "alice's agent talks to instance 1"
clean "bob: status" "$bob" status
out_has "connected to $t2" "bob's agent talks to instance 2"

size=$((96 * 1024 * 1024))
head -c "$size" /dev/urandom >"$alice/big.bin"
clean "alice: create_group movies" "$alice" create_group movies
clean "alice: upload_file big.bin movies (96 MiB)" "$alice" upload_file big.bin movies
out_has "$(sha "$alice/big.bin")" "upload_file prints the SHA-256"
clean "bob: list_files movies (instance 2 sees what instance 1 registered)" "$bob" list_files movies
out_has "big.bin" "list_files through instance 2 shows big.bin"

# ---------------------------------------------------------------------------------------------------
log "download, and instance 1 dies in the middle"
clean "bob: download_file --background" "$bob" download_file movies big.bin big.bin --background
clean "carol: download_file --background" "$carol" download_file movies big.bin big.bin --background
# percent USER-DIR: the download's percent from show_downloads (100 when complete), empty when unknown.
percent() {
  run "$1" show_downloads
  if grep -q '^\[C\] movies big.bin' <<<"$OUT"; then echo 100; return; fi
  sed -n 's/^\[D\] movies big.bin \([0-9]*\)%.*/\1/p' <<<"$OUT" | head -n1
}
pb="" pc=""
for _ in $(seq 240); do
  pb="$(percent "$bob")" pc="$(percent "$carol")"
  [ "${pb:-0}" -ge 10 ] && [ "${pc:-0}" -ge 10 ] && break
  sleep 0.25
done
kill -9 "$tracker1_pid" 2>/dev/null
wait "$tracker1_pid" 2>/dev/null   # reaps it (and keeps bash's "Killed" job notice off the output)
RC="-" OUT="bob ${pb:-?}%, carol ${pc:-?}%" ERR=""
if [ "${pb:-0}" -ge 10 ] && [ "${pb:-100}" -lt 100 ] && [ "${pc:-0}" -ge 10 ] && [ "${pc:-100}" -lt 100 ]; then
  pass "instance 1 killed (SIGKILL) mid-download: bob at $pb%, carol at $pc%"
else
  fail "instance 1 killed mid-download (both downloads between 10% and 99%)"
fi
check "instance 1 is gone" gone "$tracker1_pid"

bad_polls=0 polls=0 done_b="" done_c=""
for _ in $(seq 480); do
  for who in bob carol; do
    run "$work/$who" show_downloads
    polls=$((polls + 1))
    if [ "$RC" -ne 0 ] || [ -n "$ERR" ] || grep -q '^\[[FP]\]' <<<"$OUT"; then
      bad_polls=$((bad_polls + 1)); echo "        $who: exit $RC: $OUT $ERR"
    fi
    grep -q '^\[C\] movies big.bin' <<<"$OUT" && eval "done_${who:0:1}=1"
  done
  [ -n "$done_b" ] && [ -n "$done_c" ] && break
  sleep 0.25
done
RC=0 OUT="" ERR=""
if [ "$bad_polls" = 0 ]; then pass "show_downloads answered $polls times without an error or a failed download"
else RC=1; fail "show_downloads answered with an error or a failed download $bad_polls of $polls times"; fi
check "bob's download completed" test -n "$done_b"
check "carol's download completed" test -n "$done_c"
check "bob's copy has alice's SHA-256" test "$(sha "$alice/big.bin")" = "$(sha "$bob/big.bin")"
check "carol's copy has alice's SHA-256" test "$(sha "$alice/big.bin")" = "$(sha "$carol/big.bin")"
check "carol's agent failed over to instance 2" grep -qF "tracker failover: now using $t2" "$carol/.p2p/agent.log"
# Alice's agent learns it at its next heartbeat (every 2 s here).
for _ in $(seq 40); do grep -qF "tracker failover: now using $t2" "$alice/.p2p/agent.log" && break; sleep 0.25; done
check "alice's agent failed over to instance 2 (heartbeat)" grep -qF "tracker failover: now using $t2" "$alice/.p2p/agent.log"

# ---------------------------------------------------------------------------------------------------
log "everything goes on through instance 2"
for who in alice bob carol; do
  clean "$who: list_files movies" "$work/$who" list_files movies
  out_has "big.bin" "$who sees big.bin"
  clean "$who: show_downloads" "$work/$who" show_downloads
  clean "$who: status" "$work/$who" status
  out_has "connected to $t2" "$who's agent is connected to instance 2"
done
head -c $((5 * 1024 * 1024 + 777)) /dev/urandom >"$alice/after.bin"
clean "alice: upload_file after.bin movies (only instance 2 is up)" "$alice" upload_file after.bin movies
clean "carol: download_file movies after.bin (seeders: alice, and nobody else yet)" "$carol" download_file movies after.bin after.bin
check "carol's after.bin has alice's SHA-256" test "$(sha "$alice/after.bin")" = "$(sha "$carol/after.bin")"
clean "bob: list_files movies" "$bob" list_files movies
out_has "after.bin" "bob sees the file shared after the kill"

# ---------------------------------------------------------------------------------------------------
log "logout through instance 2"
for who in alice bob carol; do
  pid="$(agent_pid "$work/$who")"
  clean "$who: logout" "$work/$who" logout
  for _ in $(seq 50); do alive "$pid" || break; sleep 0.2; done
  check "$who's agent process is gone" gone "$pid"
done
log "done"
finish
