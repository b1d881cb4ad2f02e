#!/usr/bin/env bash
# Runs one job of the nightly pipeline for one business date. Called by the Airflow DAG
# dealer_retention_nightly; works the same from cron or any other scheduler.
#
#   airflow/run-job.sh YYYY-MM-DD [nightly|ingest|scoring|reports|maintenance]     (default: nightly)
#
# The data home is $RETENTION_HOME (else ./var). Exit codes:
#   0  done, also when that date was already done (a no-op)
#   1  failed; worth retrying: the run restarts from the failed step
#   2  bad input or configuration (the message names the store, file, line or key); do not retry
#   3  another run of that date holds its lock (state/locks/<date>.lock); try again later
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: run-job.sh YYYY-MM-DD [nightly|ingest|scoring|reports|maintenance]"
if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "$usage" >&2
  exit 2
fi
business_date="$1"
job="${2:-nightly}"
if ! [[ "$business_date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || ! command date -d "$business_date" +%F > /dev/null 2>&1; then
  echo "run-job: '$business_date' is not a date (YYYY-MM-DD); $usage" >&2
  exit 2
fi
case "$job" in
  nightly|ingest|scoring|reports|maintenance) ;;
  *) echo "run-job: unknown job '$job'; $usage" >&2; exit 2 ;;
esac
exec "$here/bin/retention" run --date "$business_date" --job "$job"
