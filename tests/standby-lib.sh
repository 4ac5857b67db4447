# A hot standby of the test's throwaway cluster (doc/admin.md, "Replication").
# Source after tests/lib.sh in a test that called private_cluster (it changes
# the primary's settings and may stop it):
#   standby_start [sync]   pg_basebackup of the primary (PGHOST/PGPORT) into a
#                          private directory, streaming replication, started
#                          on its own socket directory and port; with "sync"
#                          the primary waits for it at every commit
#                          (synchronous_standby_names). Sets STANDBY_HOST,
#                          STANDBY_PORT and STANDBY_PGCTL (stop|start|promote).
#   standby_wait_streaming waits (bounded) until the primary streams to it
#                          (and, with "sync", confirms commits: sync_state).
#   standby_stop           stops it and removes its directory (also on EXIT
#                          when the caller's trap calls it).
# As root the standby runs as user postgres, like tests/with-pg's cluster.
standby_start() {
	local bindir run=() sync=${1:-}
	STANDBY_SYNC=$sync
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	STANDBY_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sdesk-standby.XXXXXX")
	chmod 755 "$STANDBY_DIR"
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$STANDBY_DIR"
		run=(runuser -u postgres --)
	fi
	STANDBY_HOST=$STANDBY_DIR
	STANDBY_PORT=$(( PGPORT + 1 + RANDOM % 500 ))
	[ "$STANDBY_PORT" -gt 65000 ] && STANDBY_PORT=$(( PGPORT - 1 - RANDOM % 500 ))
	"${run[@]}" "$bindir/pg_basebackup" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -D "$STANDBY_DIR/data" \
		-R -X stream -c fast >"$STANDBY_DIR/basebackup.log" 2>&1 ||
		{ cat "$STANDBY_DIR/basebackup.log" >&2; return 1; }
	# Later lines win: the standby's own socket, port and name.
	cat >>"$STANDBY_DIR/data/postgresql.conf" <<CONF
unix_socket_directories = '$STANDBY_DIR'
port = $STANDBY_PORT
hot_standby = on
hot_standby_feedback = on
CONF
	cat >>"$STANDBY_DIR/data/postgresql.auto.conf" <<CONF
primary_conninfo = 'host=$PGHOST port=$PGPORT user=$PGUSER application_name=sdesk_standby'
CONF
	cat >"$STANDBY_DIR/pgctl" <<CTL
#!/bin/sh
# stop | start | promote the standby
exec ${run[*]} "$bindir/pg_ctl" -D "$STANDBY_DIR/data" -l "$STANDBY_DIR/server.log" -w -m fast "\$@"
CTL
	chmod 755 "$STANDBY_DIR/pgctl"
	STANDBY_PGCTL=$STANDBY_DIR/pgctl
	"$STANDBY_PGCTL" start >/dev/null || { cat "$STANDBY_DIR/server.log" >&2; return 1; }
	# After the copy: a promoted standby must not wait for a standby of its own.
	if [ "$sync" = sync ]; then
		psql -X -q -d postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'sdesk_standby'" \
			-c "ALTER SYSTEM SET synchronous_commit = on" \
			-c "SELECT pg_reload_conf()" >/dev/null || return 1
	fi
	export STANDBY_HOST STANDBY_PORT STANDBY_PGCTL
}

standby_wait_streaming() {
	local i
	for i in $(seq 1 100); do
		[ "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_stat_replication
			WHERE application_name = 'sdesk_standby' AND state = 'streaming'
			AND (sync_state = 'sync' OR '${STANDBY_SYNC:-}' <> 'sync')")" = 1 ] && return 0
		sleep 0.1
	done
	echo "standby: not streaming after 10 s" >&2
	return 1
}

standby_stop() {
	[ -n "${STANDBY_DIR:-}" ] || return 0
	"$STANDBY_PGCTL" -m immediate stop >/dev/null 2>&1
	rm -rf "$STANDBY_DIR"
	STANDBY_DIR=
}
