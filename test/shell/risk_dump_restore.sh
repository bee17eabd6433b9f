#!/bin/sh
# pg_dump / pg_restore keeps user indicators, models and weights of migrisk's
# configuration tables, does not duplicate the seeded rows, and restores
# data that uses a user indicator code.
set -eu
src=migrisk_risk_dump_src_$$
dst=migrisk_risk_dump_dst_$$
dump=$(mktemp)
trap 'rm -f "$dump"; dropdb --if-exists "$src"; dropdb --if-exists "$dst"' EXIT
createdb "$src"
createdb "$dst"
psql -X -q -v ON_ERROR_STOP=1 -d "$src" <<'SQL'
CREATE EXTENSION migrisk CASCADE;
INSERT INTO migrisk.indicator (code, bit, label, vocabulary, default_weight)
VALUES ('cartel_recruitment', 40, 'approached by a criminal group to work for it', 'user', 0);
INSERT INTO migrisk.risk_model (name, kind, medium_threshold, high_threshold)
VALUES ('user_add', 'additive', 0.25, 0.5);
INSERT INTO migrisk.risk_model_weight (model, indicator, weight)
VALUES ('user_add', 'held', 1), ('user_add', 'cartel_recruitment', 3);
CREATE TABLE public.obs (id int, f migrisk.risk_flags, st migrisk.risk_state);
INSERT INTO public.obs
SELECT 1, '{cartel_recruitment,held}'::migrisk.risk_flags, migrisk.risk_profile_state('{cartel_recruitment}'::migrisk.risk_flags, 2, 'user_add')
UNION ALL SELECT 2, '{?,-cartel_recruitment,smuggler}'::migrisk.risk_flags, NULL;
SQL
pg_dump -Fc -d "$src" -f "$dump"
pg_restore -d "$dst" "$dump"

q() {
	psql -X -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}
check() {
	a=$(q "$src" "$1")
	b=$(q "$dst" "$1")
	if [ "$a" != "$b" ]; then
		echo "differs after restore: $1"
		echo "  source:   $a"
		echo "  restored: $b"
		exit 1
	fi
	echo "same: $1 -> $b"
}
check "SELECT count(*), count(DISTINCT code), sum(bit) FROM migrisk.indicator"
check "SELECT string_agg(code || ':' || bit || ':' || seeded, ',' ORDER BY bit) FROM migrisk.indicator"
check "SELECT string_agg(name || ':' || kind || ':' || seeded, ',' ORDER BY name) FROM migrisk.risk_model"
check "SELECT string_agg(model || ':' || indicator || ':' || weight, ',' ORDER BY model, indicator) FROM migrisk.risk_model_weight"
check "SELECT string_agg(id || ' ' || f::text || ' ' || coalesce(st::text, '-'), ';' ORDER BY id) FROM public.obs"
check "SELECT migrisk.risk_score('{cartel_recruitment,held}', 'user_add')"
check "SELECT (migrisk.risk_state_summary(st)).mean_score FROM public.obs WHERE id = 1"
# exactly 23 seeded + 1 user indicator, 2 seeded + 1 user model
[ "$(q "$dst" "SELECT count(*) FROM migrisk.indicator")" = 24 ]
[ "$(q "$dst" "SELECT count(*) FROM migrisk.risk_model")" = 3 ]
echo "dump and restore keep user rows without duplicating seeded ones"
