#!/usr/bin/env bash
# End-to-end test of the README walkthrough with real processes: bin/tracker on a free loopback port,
# Alice and Bob in two temporary folders driving bin/p2p (each folder's `login` starts a real agent).
# Covers: accounts, sessions, open and private groups, sharing, a peer-to-peer download with equal
# SHA-256, a folder shared and rebuilt (diff -r equal, links skipped, --only), show_downloads, stop_sharing, logout stopping the agent, a download that says it waits for
# the offline seeder and its cancel_download, show_downloads --clear, re-login restoring shares,
# group administration (members, membership expiry, removal, owner hand-over, deletion), status naming a
# share the agent stopped, and bad input (one line on stderr, non-zero exit). Stops every process it started, also on failure.
# Prints "e2e: N passed, M failed" last and exits non-zero on any failure.
# KEEP=1 keeps the temporary folder (logs of tracker and agents) for a look afterwards.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
P2P="$repo/bin/p2p"
work="$(mktemp -d "${TMPDIR:-/tmp}/p2p-e2e.XXXXXX")"
alice="$work/alice" bob="$work/bob" carol="$work/carol" stranger="$work/stranger"
mkdir -p "$work/tracker" "$alice" "$bob" "$carol" "$stranger"
passed=0 failed=0
pids=()          # every process this script caused: the tracker and each agent a login started
tracker_pid=""
source "$repo/e2e/lib.sh"
source "$repo/e2e/loopback.sh"
# Agents serve chunks on loopback only: this runs on one machine and must not listen beyond it.
export P2P_AGENT_JAVA_OPTS="${P2P_AGENT_JAVA_OPTS:-} -Dp2p.agent.chunk-address=127.0.0.1"

log() { printf '\n== %s\n' "$*"; }


cleanup() {
  local pid home
  for home in "$alice" "$bob" "$carol" "$stranger"; do remember_agent "$home"; done
  stop_started
  if [ "${KEEP:-0}" = 1 ] || [ "$failed" -gt 0 ]; then
    echo "e2e: logs kept in $work (tracker/tracker.log, */.p2p/agent.log)"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'echo "e2e: interrupted"; exit 130' INT TERM

# ok DESCRIPTION DIR ARGS...: exit 0
ok() { local what="$1"; shift; run "$@"; if [ "$RC" -eq 0 ]; then pass "$what"; else fail "$what"; fi; }
out_lacks() { if [ "$RC" -eq 0 ] && ! grep -qF -- "$1" <<<"$OUT"; then pass "$2"; else fail "$2 (expected stdout without '$1')"; fi; }
# refused CODE DESCRIPTION DIR ARGS...: exit CODE, exactly one line "p2p: ..." on stderr, nothing on stdout
refused() {
  local code="$1" what="$2"; shift 2
  run "$@"
  if [ "$RC" -eq "$code" ] && [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && [[ "$ERR" == "p2p: "?* ]] && [ -z "$OUT" ]; then
    pass "$what -> exit $RC: $ERR"
  else
    fail "$what (expected exit $code and one line 'p2p: ...' on stderr)"
  fi
}

# ---------------------------------------------------------------------------------------------------
log "tracker"
port="$(free_port)" || { echo "e2e: no free port found"; exit 1; }
(cd "$work/tracker" && exec "$repo/bin/tracker" --server.address=127.0.0.1 "--server.port=$port" >tracker.log 2>&1) &
tracker_pid=$!
pids+=("$tracker_pid")
tracker="http://127.0.0.1:$port"
for _ in $(seq 120); do
  curl -sf "$tracker/actuator/health" >/dev/null 2>&1 && break
  alive "$tracker_pid" || break
  sleep 1
done
RC=0 OUT="" ERR=""
if curl -sf "$tracker/actuator/health" >/dev/null 2>&1; then
  pass "bin/tracker answers on $tracker"
else
  ERR="$(tail -n 20 "$work/tracker/tracker.log" 2>/dev/null)"; RC=1; fail "bin/tracker did not start"
  echo "e2e: $passed passed, $failed failed"; exit 1
fi
# Each user's folder names the tracker the way the seed system did: a tracker_info.txt line.
for home in "$alice" "$bob" "$carol" "$stranger"; do echo "127.0.0.1:$port" >"$home/tracker_info.txt"; done

# ---------------------------------------------------------------------------------------------------
log "accounts and sessions"
ok "alice: create_user" "$alice" create_user alice alice-pw
ok "bob: create_user" "$bob" create_user bob bob-pw-1
ok "alice: login starts her agent" "$alice" login alice alice-pw
out_has "Logged in as alice" "login says who is logged in"
remember_agent "$alice"
ok "bob: login starts his agent" "$bob" login bob bob-pw-1
remember_agent "$bob"
check "session.json is mode 600" test "$(stat -c %a "$alice/.p2p/session.json")" = 600
check "agent.secret is mode 600" test "$(stat -c %a "$alice/.p2p/agent.secret")" = 600
check "the agents outlive the login command" alive "$(agent_pid "$alice")"
ok "alice: status" "$alice" status
out_has "alice" "status names the user"
out_has "$tracker" "status names the tracker"

# ---------------------------------------------------------------------------------------------------
log "an open group: share, list, download"
head -c $((3 * 1024 * 1024 + 12345)) /dev/urandom >"$alice/holiday.bin"
mkdir -p "$alice/docs" && head -c 100000 /dev/urandom >"$alice/docs/notes.txt"
ok "alice: create_group photos" "$alice" create_group photos
ok "alice: upload_file holiday.bin photos" "$alice" upload_file holiday.bin photos
out_has "$(sha "$alice/holiday.bin")" "upload_file prints the SHA-256"
out_has "7 chunks" "upload_file prints the chunk count"
ok "alice: upload_file docs/notes.txt (a relative path)" "$alice" upload_file docs/notes.txt photos
ok "bob: list_groups" "$bob" list_groups
out_has "photos" "list_groups shows photos"
ok "bob: list_files photos (open group, no join needed)" "$bob" list_files photos
out_has "holiday.bin" "list_files shows holiday.bin"
ok "bob: download_file photos holiday.bin" "$bob" download_file photos holiday.bin holiday.bin
out_has "Downloaded holiday.bin" "download_file reports the finished download"
check "bob's copy has the same SHA-256 as alice's" test "$(sha "$alice/holiday.bin")" = "$(sha "$bob/holiday.bin" 2>/dev/null)"
ok "bob: show_downloads" "$bob" show_downloads
out_has "[C] photos holiday.bin" "show_downloads shows [C] photos holiday.bin"
ok "bob: show_downloads --json" "$bob" show_downloads --json
out_has '"state":"COMPLETE"' "show_downloads --json gives the state"

log "a folder: share, list, download, pick"
mkdir -p "$alice/album/raw/unsorted" "$alice/album/notes and more"
head -c 700000 /dev/urandom >"$alice/album/raw/IMG 0001.cr3"
head -c 3000 /dev/urandom >"$alice/album/raw/IMG 0002.cr3"
head -c 5000 /dev/urandom >"$alice/album/notes and more/día.txt"
: >"$alice/album/empty.txt"
ln -s /etc/passwd "$alice/album/passwords"
ok "alice: upload_file album photos (a folder)" "$alice" upload_file album photos
out_has "4 files, 1 empty folder" "upload_file counts the folder's files and empty folders"
err_has "passwords (symbolic link)" "upload_file names the skipped symbolic link"
ok "bob: list_files photos" "$bob" list_files photos
out_has "album/" "list_files shows the folder as one entry"
ok "bob: list_files photos album --tree" "$bob" list_files photos album --tree
out_has "unsorted/" "the tree shows the empty folder"
mkdir -p "$bob/got" "$bob/picked"
ok "bob: download_file photos album got" "$bob" download_file photos album got
check "bob's folder equals alice's (diff -r, without the skipped link)" \
  diff -r --exclude=passwords "$alice/album" "$bob/got/album"
check "the empty folder arrived" test -d "$bob/got/album/raw/unsorted"
check "no link was followed into bob's copy" test ! -e "$bob/got/album/passwords"
ok "bob: download_file photos album picked --only 'raw/*.cr3'" "$bob" download_file photos album picked --only 'raw/*.cr3'
check "--only fetched the chosen files" test "$(sha "$alice/album/raw/IMG 0001.cr3")" = "$(sha "$bob/picked/album/raw/IMG 0001.cr3")"
check "--only left the others out" test ! -e "$bob/picked/album/notes and more/día.txt"
ok "alice: stop_sharing photos album (a folder)" "$alice" stop_sharing photos album
ok "bob: list_files photos" "$bob" list_files photos
out_lacks "album/" "a folder nobody shares any more is gone from list_files"

# ---------------------------------------------------------------------------------------------------
log "stop sharing"
ok "alice: stop_sharing photos notes.txt" "$alice" stop_sharing photos notes.txt
ok "bob: list_files photos" "$bob" list_files photos
out_lacks "notes.txt" "a file nobody shares any more is gone from list_files"
out_has "holiday.bin" "the other file is still listed"

# ---------------------------------------------------------------------------------------------------
log "logout and login again"
alice_pid="$(agent_pid "$alice")"
ok "alice: logout" "$alice" logout
check "logout stopped alice's agent process" gone "$alice_pid"
check "logout removed session.json" test ! -e "$alice/.p2p/session.json"
refused 4 "alice: status after logout says nobody is logged in" "$alice" status
mkdir -p "$bob/again"
ok "bob: download_file photos holiday.bin again --background (its only other seeder is gone)" \
  "$bob" download_file photos holiday.bin again/holiday.bin --background
for _ in $(seq 10); do
  run "$bob" show_downloads
  grep -qF "waiting: no online peer holds holiday.bin" <<<"$OUT" && break
  sleep 1
done
out_has "waiting: no online peer holds holiday.bin" "show_downloads says why the download waits"
out_has " -> $bob/again/holiday.bin" "show_downloads shows the destination"
check "the waiting download has its .part" test -e "$bob/again/holiday.bin.part"
ok "bob: cancel_download photos holiday.bin" "$bob" cancel_download photos holiday.bin
out_has "Cancelled download" "cancel_download says what it cancelled"
check "cancel_download removed the .part" test ! -e "$bob/again/holiday.bin.part"
ok "bob: show_downloads --clear" "$bob" show_downloads --clear
out_has "Forgot 3 finished downloads" "show_downloads --clear forgets the complete downloads (a file, a folder, part of it)"
out_has "No downloads." "nothing is left in the list"
check "the downloaded file itself stays" test -e "$bob/holiday.bin"
refused 1 "cancel_download of a download that does not exist" "$bob" cancel_download 0000dead
ok "alice: login again" "$alice" login alice alice-pw
remember_agent "$alice"
out_has "sharing 1 file" "login again restores the share"
ok "alice: status lists the restored share" "$alice" status
out_has "holiday.bin" "status shows holiday.bin shared again"

# ---------------------------------------------------------------------------------------------------
log "a private group"
head -c 1500000 /dev/urandom >"$alice/secret.bin"
ok "alice: create_group family --private" "$alice" create_group family --private
ok "alice: upload_file secret.bin family" "$alice" upload_file secret.bin family
refused 1 "bob (not a member): list_files family is refused" "$bob" list_files family
refused 1 "bob (not a member): download_file family secret.bin is refused" "$bob" download_file family secret.bin secret.bin
ok "bob: join_group family" "$bob" join_group family
out_has "owner has to accept" "join_group on a private group files a request"
refused 1 "bob (request pending): list_files family is still refused" "$bob" list_files family
ok "alice: list_requests family" "$alice" list_requests family
out_has "bob" "list_requests shows bob"
ok "alice: accept_request family bob" "$alice" accept_request family bob
ok "bob: list_files family" "$bob" list_files family
out_has "secret.bin" "a member sees the private group's files"
ok "bob: download_file family secret.bin" "$bob" download_file family secret.bin secret.bin
check "the private file arrived intact" test "$(sha "$alice/secret.bin")" = "$(sha "$bob/secret.bin" 2>/dev/null)"

# ---------------------------------------------------------------------------------------------------
log "group administration: members, expiry, removal, hand-over, deletion"
# err_has TEXT DESCRIPTION: the last command failed and its stderr contains TEXT
err_has() { if [ "$RC" -ne 0 ] && grep -qF -- "$1" <<<"$ERR"; then pass "$2"; else fail "$2 (expected a failure naming '$1')"; fi; }
ok "alice: list_members family" "$alice" list_members family
out_has "owner" "list_members shows the owner's role"
out_has "bob" "list_members shows the accepted member"
refused 1 "list_members of an unknown group is refused" "$alice" list_members no-such-group
ok "carol: create_user" "$carol" create_user carol carol-pw
ok "carol: login" "$carol" login carol carol-pw
remember_agent "$carol"
refused 1 "carol (not a member): list_members of a private group is refused" "$carol" list_members family
ok "carol: join_group family" "$carol" join_group family
started=$SECONDS
ok "alice: accept_request family carol --for 8s" "$alice" accept_request family carol --for 8s
out_has "until" "accept_request says when the membership ends"
ok "carol: list_groups" "$carol" list_groups
out_has "member until" "list_groups shows carol's own expiry"
ok "carol: list_files family (a member, for now)" "$carol" list_files family
out_has "secret.bin" "a member whose membership runs sees the files"
sleep $((started + 9 - SECONDS > 0 ? started + 9 - SECONDS : 0))
ok "alice: list_members family after carol's membership ended" "$alice" list_members family
out_lacks "carol" "an expired member is no longer listed"
refused 1 "carol (expired): list_files family is refused" "$carol" list_files family
ok "alice: set_group photos --member-ttl 30d" "$alice" set_group photos --member-ttl 30d
ok "carol: join_group photos (an open group with a default length)" "$carol" join_group photos
ok "carol: list_groups" "$carol" list_groups
out_has "member until" "joining an open group lasts the owner's default"
ok "alice: remove_member family bob" "$alice" remove_member family bob
refused 1 "bob (removed): list_files family is refused" "$bob" list_files family
ok "alice: create_group club" "$alice" create_group club
ok "bob: join_group club" "$bob" join_group club
run "$alice" leave_group club
err_has "--transfer-to" "the owner leaving while others remain is refused, naming --transfer-to"
ok "alice: leave_group club --transfer-to bob" "$alice" leave_group club --transfer-to bob
ok "bob: list_members club --json" "$bob" list_members club --json
out_has '"username":"bob","role":"OWNER"' "bob owns club now"
refused 1 "alice (no longer the owner): delete_group club is refused" "$alice" delete_group club
ok "bob: delete_group club" "$bob" delete_group club
refused 1 "club is gone for everyone" "$alice" list_files club
ok "alice: delete_group family" "$alice" delete_group family
refused 1 "family and its files are gone" "$bob" list_files family

# ---------------------------------------------------------------------------------------------------
log "status names a share the agent stopped"
touch "$alice/holiday.bin"
ok "alice: status after holiday.bin was touched" "$alice" status
out_has "changed on disk: upload it again" "status lists the stopped share with the reason and the fix"
out_has "last reached" "the tracker line says when the tracker last answered"
ok "alice: upload_file holiday.bin photos (again)" "$alice" upload_file holiday.bin photos
ok "alice: status" "$alice" status
out_lacks "changed on disk" "sharing it again clears the notice"

# ---------------------------------------------------------------------------------------------------
log "bad input"
refused 2 "missing argument" "$bob" login bob
refused 2 "unknown command" "$bob" lst_groups
refused 1 "unknown group" "$bob" list_files no-such-group
refused 1 "wrong password" "$stranger" login alice not-her-password
refused 1 "a file that does not exist" "$alice" upload_file no-such-file.bin photos
refused 1 "a file the group does not have" "$bob" download_file photos no-such-file.bin x.bin
refused 4 "a command that needs an agent, with nobody logged in" "$stranger" show_downloads

# ---------------------------------------------------------------------------------------------------
log "logout"
for user in alice bob carol; do
  home="$work/$user" pid="$(agent_pid "$work/$user")"
  ok "$user: logout" "$home" logout
  check "$user's agent process is gone" gone "$pid"
done

echo
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
