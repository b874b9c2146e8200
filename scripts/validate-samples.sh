#!/usr/bin/env bash
# Set everything up, then validate the bundled sample exports (the main job) and print the report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh default
exec build/bin/surveycheck validate examples/*.xml "$@"
