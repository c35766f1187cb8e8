"""The naive Python baseline: sleep for each gap of the schedule, then note how late it is.

Usage: naive_sleep.py SCHEDULE.json (a JSON list of edge instants in ns from the start).
Prints {"errors_ns": [...], "cpu_s": ...} on standard output.
"""
import json
import sys
import time

with open(sys.argv[1]) as schedule:
    instants = json.load(schedule)

errors = []
levels = {}
cpu_before = time.process_time()
start = time.monotonic_ns()
previous = 0
for i, at in enumerate(instants):
    time.sleep((at - previous) / 1e9)
    previous = at
    levels[i % 2] = i % 2 == 0  # the "drive": a line's level set in memory
    errors.append(time.monotonic_ns() - (start + at))
json.dump({"errors_ns": errors, "cpu_s": time.process_time() - cpu_before}, sys.stdout)
