#!/bin/sh
# `fobrig doctor` on this machine, whatever it has (no gpiochip at all, no service, no daemon):
# every line is a check or its fix, every check is there, and the exit status is 0 without an
# error and 5 with one. Usage: doctor_output_shape.sh FOBRIG RIG SOCKET
set -u
out="$("$1" --socket "$3" doctor --rig "$2")"
status=$?
printf '%s\n' "$out"
fail() { echo "doctor_output_shape: $*"; exit 1; }
bad="$(printf '%s\n' "$out" | grep -Ev '^(ok       |warning  |error    )[^ :][^:]*: .|^         fix: .')"
[ -z "$bad" ] || fail "neither a check nor a fix: $bad"
for check in kernel libgpiod config rig lines "GPIO release policy" "service unit" \
    "real-time limit" groups socket "state folder" "state space" "clock source"; do
    printf '%s\n' "$out" | grep -Eq "^(ok|warning|error) +$check: " || fail "no check '$check'"
done
printf '%s\n' "$out" | grep -Eq '^(ok|warning) +(gpiochip[0-9]+|gpiochips): ' ||
    fail "no gpiochip line, nor the warning that there is none"
printf '%s\n' "$out" | grep -qx 'ok       lines: simulated rig: no GPIO lines to check' ||
    fail "the simulated rig's lines"
if printf '%s\n' "$out" | grep -q '^error'; then
    [ "$status" -eq 5 ] || fail "an error, and exit status $status"
else
    [ "$status" -eq 0 ] || fail "no error, and exit status $status"
fi
echo "doctor output ok, exit $status"
