#!/usr/bin/env bash
# Runs a command on a machine made about 4 times slower than this one: the command and all its
# children on one core (taskset -c 0), with busy loops spinning on that same core beside it for as
# long as the command runs (the scheduler gives each a share: with the default 2 loops, the command
# gets a third of one core). One loop made the main job's epochs 2.4 times slower on this
# project's 2-core machine, two 4 times. How the main job and the test suite were checked for a
# slower, busy machine:
#
#   bench/slowed.sh bench/main-job.sh
#   bench/slowed.sh bash -c 'git clone -q . ../slow-ci && cd ../slow-ci && CI=true bash .ci/run'
#   SLOWED_LOOPS=1 bench/slowed.sh ...     # one busy loop: about 2.4 times slower
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bench/slowed.sh COMMAND [ARGS...]" >&2; exit 2; }
loops=()
for _ in $(seq "${SLOWED_LOOPS:-2}"); do
  taskset -c 0 sh -c 'while :; do :; done' &
  loops+=($!)
done
trap 'kill "${loops[@]}" 2>/dev/null || true' EXIT
echo "slowed: core 0 only, shared with ${#loops[@]} busy loop(s); $(lscpu | sed -n 's/^Model name: *//p')" >&2
taskset -c 0 "$@"
