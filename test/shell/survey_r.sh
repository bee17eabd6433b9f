#!/bin/sh
# risk_profile_design against the R survey package (the reference of
# design-based estimation): test/shell/lib/survey_r.R loads survey's own
# data(api) into a fresh database through RPostgreSQL, reads migrisk's
# estimates back through views, and compares them with svymean,
# svyciprop(method = "beta") and svyby on the same designs (stratified,
# one-stage and two-stage cluster, strata with a single PSU, domains), to
# 1e-9 relative.  Without R (make deps installs it) the test is skipped
# unless MIGRISK_REQUIRE_R is set.
set -u
. "$(dirname "$0")/lib/common.sh"
if ! command -v Rscript >/dev/null 2>&1 ||
	! Rscript -e 'suppressMessages({library(survey); library(RPostgreSQL)})' >/dev/null 2>&1; then
	if [ -n "${MIGRISK_REQUIRE_R:-}" ]; then
		echo "survey_r: FAIL: R with the survey and RPostgreSQL packages is not installed (make deps)"
		exit 1
	fi
	echo "survey_r: skipped: R with the survey and RPostgreSQL packages is not installed (make deps)"
	exit 0
fi
db=migrisk_survey_$$
cleanup() {
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
}
trap cleanup EXIT
psql_q -d postgres -c "CREATE DATABASE $db" || exit 1
psql_q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" >/dev/null 2>&1 || exit 1
MIGRISK_DB=$db Rscript "$LIBDIR/survey_r.R"
