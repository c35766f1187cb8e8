#!/usr/bin/env bash
# One batch campaign of 24 fobs (three jobs of 8: keys 1 and 2 kept, spares 3 to 8) across a
# fleet of 1, 2 and 3 rigs on the simulated Mini in virtual time, on a Mosquitto broker of its
# own (127.0.0.1, a free port, the shipped ACL): the campaign's time as `fobrig fleet batch`
# takes it, the sessions run, and the broker's traffic ($SYS byte counters, every message in
# and out) per session, and idle per rig. With fewer rigs than jobs, jobs wait for a free rig.
#
#   bench/fleet_campaign.sh BUILD_DIR      (scripts/bench --fleet builds and runs it)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:?usage: fleet_campaign.sh BUILD_DIR}" && pwd)"
fobrigd="$build/rig/daemon/fobrigd"
fobrig="$build/rig/cli/fobrig"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
broker="mqtt://127.0.0.1:$port"
for user in bay-1 bay-2 bay-3 fleet monitor; do
    mosquitto_passwd -b $([ -f "$work/passwd" ] || echo -c) "$work/passwd" "$user" "pw-$user"
    echo "pw-$user" > "$work/$user.password"
done
# The shipped ACL, and a reader of the broker's own counters for this measurement.
{ cat "$root/config/fleet/fobrig.acl"; printf '\nuser monitor\ntopic read $SYS/#\n'; } > "$work/acl"
cat > "$work/mosquitto.conf" <<CONF
per_listener_settings false
allow_anonymous false
password_file $work/passwd
acl_file $work/acl
sys_interval 1
user $(id -un)
log_dest none
listener $port 127.0.0.1
CONF
mosquitto -c "$work/mosquitto.conf" & pids+=($!)
sleep 1

counter() { # the broker's cumulative count $SYS/broker/$1
    mosquitto_sub -h 127.0.0.1 -p "$port" -u monitor -P pw-monitor -t "\$SYS/broker/$1" -C 1 -W 5
}
traffic() { echo $(( $(counter bytes/received) + $(counter bytes/sent) )); }
messages() { echo $(( $(counter messages/received) + $(counter messages/sent) )); }

printf '%-5s %-12s %-12s %-9s %-14s %-14s %-16s\n' rigs campaign "car's time" sessions "bytes/session" "msgs/session" "idle bytes/s/rig"
for count in 1 2 3; do
    rig_pids=()
    for i in $(seq 1 "$count"); do
        dir="$work/rig-$count-$i"
        mkdir -p "$dir"
        cat > "$dir/fobrig.toml" <<CONF
[fleet]
broker = "$broker"
rig_id = "bay-$i"
password_file = "$work/bay-$i.password"
CONF
        "$fobrigd" --config "$dir/fobrig.toml" --socket "$dir/sock" --state-dir "$dir/state" \
            --sim --sim-car mini-r50 --virtual-time --http off --log-level warn \
            2> "$dir/log" & rig_pids+=($!)
    done
    pids+=("${rig_pids[@]}")
    sleep 3 # connected, status and first heartbeats sent
    idle_from="$(traffic)"
    sleep 10
    idle="$(( ($(traffic) - idle_from) / 10 / count ))"

    before="$(traffic)"; before_messages="$(messages)"
    start="$(date +%s.%N)"
    "$fobrig" fleet --broker "$broker" --password-file "$work/fleet.password" \
        batch --procedure mini-r50-2004 --rigs bay-1,bay-2,bay-3 --keep 1,2 --spares 3-8 \
        --holder bench --report-dir "$work/reports-$count" > "$work/batch-$count.out" 2>&1 ||
        { echo "fleet batch on $count rigs failed:" >&2; cat "$work/batch-$count.out" >&2; exit 1; }
    end="$(date +%s.%N)"
    sleep 2 # the counters are published every second
    bytes="$(( $(traffic) - before ))"; msgs="$(( $(messages) - before_messages ))"
    # The car's time: what the sessions take on real cars (each one's last event), one rig's
    # sessions after each other, the rigs side by side.
    sessions=0
    car_ms=0
    for i in $(seq 1 "$count"); do
        sock="$work/rig-$count-$i/sock"
        ids="$("$fobrig" --socket "$sock" --json runs |
            python3 -c 'import json, sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))')"
        rig_ms=0
        for id in $ids; do
            ms="$("$fobrig" --socket "$sock" --json show "$id" | python3 -c '
import json, sys
run = json.load(sys.stdin)
ends = [e["actual_us"] for e in run["commanded"]] + [e["at_us"] for e in run["sensed"]]
ends += [e["decided_us"] for e in run["checks"]]
print(int(max(ends, default=0) / 1000))')"
            rig_ms=$((rig_ms + ms))
            sessions=$((sessions + 1))
        done
        car_ms=$((rig_ms > car_ms ? rig_ms : car_ms))
    done
    printf '%-5s %-12s %-12s %-9s %-14s %-14s %-16s\n' "$count" \
        "$(python3 -c "print(f'{$end - $start:.1f} s')")" "$((car_ms / 1000)) s" "$sessions" \
        "$((bytes / sessions))" "$((msgs / sessions))" "$idle"
    for pid in "${rig_pids[@]}"; do kill "$pid"; done
    wait "${rig_pids[@]}" 2>/dev/null || true
done
echo "campaign: fobrig fleet batch from start to report (virtual time), with its 3 s listening for heartbeats"
echo "car's time: the sessions' own length, as they would take on real cars, rigs side by side"
echo "bytes and messages: everything the broker received and sent during the batch (heartbeats too)"
