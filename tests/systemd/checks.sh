#!/bin/bash
# In the guest of scripts/test-systemd (Debian 12, systemd as PID 1, a gpio-sim chip labelled
# fobrig-sim): installs the fobrig package from this folder with apt, as a user would, and checks
# the service the way it runs on a Raspberry Pi. One line per check, "ok" or "FAIL" and what it
# saw; the status is the number of checks that failed.
set -u
echo "kernel-guest: running"
here=/srv/fobrig-test
out="$(mktemp -d)"
failed=0
trap 'echo "kernel-guest: exit $failed"' EXIT
export DEBIAN_FRONTEND=noninteractive

# check NAME COMMAND...: runs COMMAND, whose output says what went wrong when it fails.
check() {
    local name="$1"
    shift
    if "$@" >"$out/check" 2>&1; then
        echo "ok   $name"
    else
        echo "FAIL $name"
        sed 's/^/       /' "$out/check" | tail -n 25
        failed=$((failed + 1))
    fi
}
# What a user of that name runs, with that user's groups as /etc/group has them now.
as() {
    local user="$1"
    shift
    setpriv --reuid="$user" --regid="$user" --init-groups --reset-env -- "$@"
}
says() { # TEXT FILE: FILE holds TEXT, else it is shown
    grep -qF -- "$1" "$2" || { echo "expected '$1' in:"; cat "$2"; return 1; }
}
main_pid() { systemctl show -p MainPID --value fobrigd; }
restarts() { systemctl show -p NRestarts --value fobrigd; }
cursor() { journalctl -n 0 --show-cursor | sed -n 's/^-- cursor: //p'; }
since() { journalctl --after-cursor="$1" -o cat "${@:2}"; }
# Waits up to SECONDS for COMMAND to succeed.
wait_for() {
    local limit=$(($(date +%s) + $1))
    shift
    until "$@"; do
        [ "$(date +%s)" -lt "$limit" ] || return 1
        sleep 0.2
    done
}
# The service running again under a main process other than PID.
restarted_from() {
    local pid
    pid="$(main_pid)"
    [ "$(systemctl is-active fobrigd)" = active ] && [ "$pid" != 0 ] && [ "$pid" != "$1" ]
}

# The gpio-sim chip (fobrig-gpio-sim.service made it) and its lines' far side in sysfs.
sim=/sys/kernel/config/gpio-sim/fobrig
chip="$(cat $sim/bank0/chip_name 2>/dev/null)"
lines="/sys/devices/platform/$(cat $sim/dev_name 2>/dev/null)/$chip"
outputs=(0 1 2 3 4 5) # the rig's outputs: active-low relay inputs, "1" when open
output_levels() { for line in "${outputs[@]}"; do cat "$lines/sim_gpio$line/value"; done | paste -sd' '; }
a_contact_closed() { output_levels | grep -q 0; }

# The rig of sim-2 (two fobs) on the gpio-sim chip, and the procedures with every step's
# tolerance at 100 ms: the emulated guest's clock stalls for tens of milliseconds at times.
make_rig() { # NAME: prints the path of that rig's file
    sed -e 's/^backend = "sim"/backend = "gpiod"/' -e "s/^name = .*/name = \"$1\"/" \
        /usr/share/fobrig/rigs/sim-2.toml >"$here/$1.toml"
    echo "$here/$1.toml"
}
configure() { # RIG
    cat >/etc/fobrig/fobrig.toml <<CONFIG
[daemon]
rig = "$1"
procedures = "$here/procedures"
socket_group = "fobrig"
CONFIG
}
files_now() { # everything on the root file system but what runs and logs change
    find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp \
        -o -path /var/tmp -o -path /var/log -o -path /var/cache -o -path /var/lib/apt \
        -o -path /var/lib/dpkg -o -path /srv -o -path /home \) -prune -o -print | sort
}

check "systemd is PID 1" grep -qx systemd /proc/1/comm
check "gpio-sim chip fobrig-sim made before fobrigd: /dev/$chip" test -c "/dev/$chip"
useradd --create-home alice
useradd --create-home bob
files_now >"$out/before"

# Installing: the user and group, the udev rule, the service enabled and started.
check "apt-get install ./fobrig_*.deb (offline)" apt-get install -y -q "$here"/fobrig_*.deb
check "the install made the fobrig user, in group gpio" \
    sh -c 'id fobrig && id -nG fobrig | grep -qw gpio'
usermod -aG fobrig alice
enabled_and_active() {
    systemctl is-enabled fobrigd && systemctl is-active fobrigd
}
check "the install enabled and started fobrigd" enabled_and_active
as alice fobrig status >"$out/fresh" 2>&1
check "a fresh install answers: no rig configured" says "no rig configured" "$out/fresh"

# Configured for the rig on gpio-sim. systemctl restart returns once systemd saw the daemon's
# READY=1 (Type=notify): systemd's debug log shows the notification before "Started".
mkdir -p "$here/procedures"
for file in /usr/share/fobrig/procedures/*; do
    sed 's/^\(\s*tolerance_ms = \).*/\1100/' "$file" >"$here/procedures/${file##*/}"
done
rig="$(make_rig gpio-sim-2)"
configure "$rig"
mark="$(cursor)"
systemd-analyze set-log-level debug
systemctl restart fobrigd
state="$(systemctl is-active fobrigd)"
as alice fobrig status >"$out/status" 2>&1
systemd-analyze set-log-level info
since "$mark" -u fobrigd >"$out/start"
ready_then_started() {
    local ready started
    ready="$(grep -n 'Got notification message from PID .*READY=1' "$out/start" | head -1 | cut -d: -f1)"
    started="$(grep -n '^Started fobrigd' "$out/start" | head -1 | cut -d: -f1)"
    echo "Type=$(systemctl show -p Type --value fobrigd), is-active: $state," \
        "READY=1 at line ${ready:-none}, Started at line ${started:-none} of:"
    cat "$out/start"
    [ "$(systemctl show -p Type --value fobrigd)" = notify ] && [ "$state" = active ] &&
        [ -n "$ready" ] && [ -n "$started" ] && [ "$ready" -lt "$started" ]
}
check "is-active only after READY=1 (Type=notify)" ready_then_started
check "the socket answers as soon as systemctl restart returns" says "idle: rig gpio-sim-2" "$out/status"
check "the journal has fobrigd's lines" \
    sh -c 'journalctl -u fobrigd -t fobrigd -o cat | grep "fobrigd: rig gpio-sim-2"'
runs_as_fobrig_with_gpio() {
    local pid
    pid="$(main_pid)"
    grep -E '^(Uid|Gid|Groups):' "/proc/$pid/status"
    [ "$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")" = "$(id -u fobrig)" ] &&
        awk '/^Groups:/' "/proc/$pid/status" | grep -qw "$(getent group gpio | cut -d: -f3)"
}
check "fobrigd runs as user fobrig with group gpio" runs_as_fobrig_with_gpio
check "the udev rule gave /dev/$chip (gpio-sim) to group gpio, 0660" \
    sh -c "stat -c '%G %a' /dev/$chip; [ \"\$(stat -c '%G %a' /dev/$chip)\" = 'gpio 660' ]"

# Users in and out of group fobrig.
check "alice (group fobrig) runs fobrig status" says "idle: rig gpio-sim-2" "$out/status"
refused() {
    ! as bob fobrig status >"$out/bob" 2>&1 && cat "$out/bob" && grep -q "Permission denied" "$out/bob"
}
check "bob (not in group fobrig) is refused by the socket's permissions" refused

# A two-fob programming run, the simulated car on the gpio-sim lines playing the car and the
# person at the wheel.
start_car() { # FILE: the car's output
    fobrig-simcar --rig "$rig" --socket /run/fobrig/fobrig.sock >"$1" 2>&1 &
    car=$!
    wait_for 30 grep -qx ready "$1"
}
stop_car() { kill -TERM "$car" && wait "$car"; }
start_car "$out/car"
as alice timeout 600 fobrig program mini-r50-2004 --slots 1,2 --label 1=owner-A,2=owner-B \
    >"$out/program" 2>&1
stop_car
check "alice's two-fob programming run passes on gpio-sim" \
    says "PASSED, every fob programmed and verified" "$out/program"
check "the simulated car learned both fobs" says "key table: f0b00001 f0b00002" "$out/car"

# The watchdog (WatchdogSec=): a stopped daemon stops feeding it and is restarted.
watchdog_restarts() {
    local pid before mark
    pid="$(main_pid)"
    before="$(restarts)"
    mark="$(cursor)"
    systemctl kill -s SIGSTOP fobrigd
    wait_for 60 restarted_from "$pid" || { echo "still $(main_pid) after 60 s"; return 1; }
    echo "restarted: $pid -> $(main_pid), NRestarts $before -> $(restarts)"
    since "$mark" -u fobrigd | grep -i watchdog
}
check "SIGSTOP: the watchdog restarts fobrigd" watchdog_restarts

# kill -9 mid-press: ExecStopPost's fobrig safe-state, then every output line inactive.
killed_mid_press() {
    local pid mark status=0
    start_car "$out/car2" || return 1
    as alice fobrig program mini-r50-2004 --slots 1,2 >"$out/killed" 2>&1 &
    local run=$!
    wait_for 120 a_contact_closed || { echo "no contact closed in 120 s"; status=1; }
    echo "before: $(output_levels) (line 0..5, 0 closed)"
    pid="$(main_pid)"
    mark="$(cursor)"
    systemctl kill -s KILL fobrigd
    wait_for 60 restarted_from "$pid" || { echo "not restarted"; status=1; }
    echo "after:  $(output_levels)"
    [ "$(output_levels)" = "1 1 1 1 1 1" ] || status=1
    # journald may take the stopped commands' output after systemd has restarted the service.
    wait_for 10 sh -c "journalctl --after-cursor='$mark' -o cat -u fobrigd | grep -q 'safe-state:'"
    since "$mark" -u fobrigd >"$out/stop"
    grep 'safe-state:' "$out/stop" || { echo "no safe-state in the journal:"; cat "$out/stop"; status=1; }
    wait "$run"
    stop_car >/dev/null
    return "$status"
}
check "kill -9 mid-press: ExecStopPost leaves every output line inactive" killed_mid_press

# systemctl reload (SIGHUP) takes a changed rig, in the same process.
reload_takes_rig() {
    local pid
    pid="$(main_pid)"
    configure "$(make_rig gpio-sim-2-reloaded)"
    systemctl reload fobrigd
    wait_for 30 sh -c 'setpriv --reuid=alice --regid=alice --init-groups fobrig status |
        grep -q "rig gpio-sim-2-reloaded"' || { as alice fobrig status; return 1; }
    echo "main process $pid, now $(main_pid)"
    [ "$(main_pid)" = "$pid" ]
}
check "systemctl reload takes a changed rig" reload_takes_rig

# Removing keeps the configuration (a conffile); purging leaves what was there before.
removed() {
    apt-get remove -y -q fobrig || return 1
    systemctl is-active fobrigd && return 1
    for file in /lib/systemd/system/fobrigd.service /usr/bin/fobrigd; do
        [ ! -e "$file" ] || { echo "$file is still there"; return 1; }
    done
    dpkg-query -W -f='${db:Status-Abbrev}\n' fobrig | grep -x 'rc ' &&
        test -f /etc/fobrig/fobrig.toml
}
check "apt-get remove: service gone, configuration kept" removed
purged() {
    apt-get purge -y -q fobrig || return 1
    files_now >"$out/after"
    diff "$out/before" "$out/after" && ! dpkg-query -W fobrig 2>/dev/null
}
check "apt-get purge: no file left that was not there before" purged
check "the fobrig user stays after purge (Debian policy)" id fobrig
exit 0
