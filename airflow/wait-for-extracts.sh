#!/usr/bin/env bash
# Waits until every store of conf/stores.yaml has delivered its extracts for a date, i.e. until
# inbox/<store>/<date>/ exists for each. Called once per poke by the Airflow DAG's sensor
# (--timeout 0); from cron, give a timeout and run the night afterwards either way: stores still
# missing are reported by ingest and loaded the night their files arrive.
#
#   airflow/wait-for-extracts.sh YYYY-MM-DD [--timeout SECONDS] [--interval SECONDS]
#
# Defaults: --timeout 0 (check once), --interval 60. The data home is $RETENTION_HOME (else ./var).
# Exit codes:
#   0  every store has delivered
#   1  some store had not delivered when the timeout ran out (the missing stores are printed)
#   2  bad usage or configuration (no or broken conf/stores.yaml)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: wait-for-extracts.sh YYYY-MM-DD [--timeout SECONDS] [--interval SECONDS]"
if [[ $# -lt 1 ]]; then
  echo "$usage" >&2
  exit 2
fi
business_date="$1"
shift
timeout=0
interval=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --timeout | --interval)
      if [[ $# -lt 2 ]]; then
        echo "wait-for-extracts: $1 needs a value; $usage" >&2
        exit 2
      fi
      if [[ "$1" == --timeout ]]; then timeout="$2"; else interval="$2"; fi
      shift 2 ;;
    *) echo "wait-for-extracts: unknown argument '$1'; $usage" >&2; exit 2 ;;
  esac
done
if ! [[ "$timeout" =~ ^[0-9]+$ && "$interval" =~ ^[1-9][0-9]*$ ]]; then
  echo "wait-for-extracts: --timeout and --interval take whole seconds; $usage" >&2
  exit 2
fi
deadline=$(( $(command date +%s) + timeout ))
while true; do
  # Java rejects a malformed date and a broken registry with exit code 2.
  "$here/bin/retention" extracts --date "$business_date"
  code=$?
  if [[ $code -ne 1 ]]; then
    exit "$code"
  fi
  if (( $(command date +%s) + interval > deadline )); then
    exit 1
  fi
  sleep "$interval"
done
