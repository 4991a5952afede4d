#!/usr/bin/env bash
# Runs a command on a machine made about 4 times slower than this one: the command and all its
# children on one core (taskset -c 0), with a busy loop spinning on that same core beside it for
# as long as the command runs (the scheduler gives each half). How the main job and the test suite
# were checked for a slower, busy machine:
#
#   bench/slowed.sh bench/main-job.sh
#   bench/slowed.sh bash -c 'git clone -q . ../slow-ci && cd ../slow-ci && CI=true bash .ci/run'
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bench/slowed.sh COMMAND [ARGS...]" >&2; exit 2; }
taskset -c 0 sh -c 'while :; do :; done' &
busy=$!
trap 'kill $busy 2>/dev/null || true' EXIT
echo "slowed: one core (0) shared with a busy loop (pid $busy); $(lscpu | sed -n 's/^Model name: *//p')" >&2
taskset -c 0 "$@"
