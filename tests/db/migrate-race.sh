#!/usr/bin/env bash
# `sdesk db migrate` on four fresh databases of one cluster at once, three
# rounds: the group roles (sdesk_agent, ...) are cluster-wide while the
# migration lock is per database, so the migrations race on creating and
# granting them; every one must succeed. A private cluster, because each
# round drops the group roles again.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@"

: >"$TMP/sdesk.cfg"
for round in 1 2 3; do
	pids=()
	for d in 1 2 3 4; do createdb "race_${round}_$d" || exit 99; done
	for d in 1 2 3 4; do
		SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" db migrate --db "dbname=race_${round}_$d" \
			>"$TMP/out.$d" 2>&1 &
		pids+=($!)
	done
	for d in 1 2 3 4; do
		wait "${pids[$((d - 1))]}"; rc=$?
		expect_eq "round $round, database $d: migrated" 0 "$rc"
		[ "$rc" -eq 0 ] || cat "$TMP/out.$d" >&2
	done
	expect_eq "round $round: four groups" 4 \
		"$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_roles WHERE rolname IN
			('sdesk_agent', 'sdesk_lead', 'sdesk_ops', 'sdesk_admin')")"
	expect_eq "round $round: lead and ops are agents" 2 \
		"$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_auth_members
			WHERE roleid = 'sdesk_agent'::regrole AND member IN ('sdesk_lead'::regrole, 'sdesk_ops'::regrole)")"
	for d in 1 2 3 4; do dropdb "race_${round}_$d" || exit 99; done
	psql -X -q -d postgres -c "DROP ROLE sdesk_admin; DROP ROLE sdesk_lead; DROP ROLE sdesk_ops; DROP ROLE sdesk_agent" \
		|| exit 99
done
finish
