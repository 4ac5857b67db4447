#!/usr/bin/env bash
# Scale benchmark (make bench-scale, under tests/with-pg with 450 connections;
# not in make check). doc/admin.md, "Sizing", reports what it printed.
#   BENCH_TICKETS (10000000), BENCH_OPEN (20000), BENCH_MONTHS (60): the data
#   BENCH_RUNS (50): runs of each query
#   BENCH_CONSOLES (300), BENCH_BOARDS (50): clients on the one primary
#   BENCH_CHANGES (5): changes to one ticket whose fan-out is timed
#   BENCH_WHOLE (2): changes naming no ticket (every console reloads its
#   whole queue, as every change did before issue 15) timed after them
#   BENCH_PART: "data queries clients" (default all three)
#   BENCH_KEEP=DIR: the cluster lives in DIR (make bench-scale passes it to
#   tests/with-pg as SDESK_PG_KEEP) with the database sdesk_scale, kept after
#   the run; a later run with the same DIR finds the data there and does not
#   generate it again (BENCH_TICKETS etc. are then what was generated).
# 1. generates the data (tests/scale/scale-data.sql) and says how long it took
#    and how big the tables are;
# 2. query medians: board snapshot, chart, console queue, ticket screen
#    (tests/scale/bench_scale), statement of the big account's last month
#    (sdesk statement, end to end);
# 3. starts the consoles and boards in tmux, then reports server connections,
#    server memory (PSS of every PostgreSQL process), client memory, and for
#    one change (set_escalation, NOTIFY to every client): the time until all
#    boards repainted (their --trace), and what the change cost the server
#    (transactions, rows read, CPU seconds of all backends) and the consoles
#    (their CPU); then the same for a change that names no ticket
#    (create_account: every console reloads its whole queue).
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"
tickets=${BENCH_TICKETS:-10000000} open=${BENCH_OPEN:-20000} months=${BENCH_MONTHS:-60}
runs=${BENCH_RUNS:-50} consoles=${BENCH_CONSOLES:-300} boards=${BENCH_BOARDS:-50}
changes=${BENCH_CHANGES:-5} whole=${BENCH_WHOLE:-2} part=${BENCH_PART:-data queries clients}
keep=${BENCH_KEEP:-}
if [ -n "$keep" ]; then
	export PGDATABASE=sdesk_scale   # not pg_test_db's: that one is dropped at the end
	if [ "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = 'sdesk_scale'")" = 0 ]; then
		psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE sdesk_scale" >/dev/null || exit 1
	fi
else
	pg_test_db sdesk_scale
fi
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
ms() { date +%s%3N; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }

"$SDESK_BIN" db migrate >/dev/null || exit 1
"$SDESK_BIN" plans load >/dev/null || exit 1
echo "bench-scale: PostgreSQL $(q 'SHOW server_version'), $(nproc) cores," \
	"shared_buffers $(q 'SHOW shared_buffers'), work_mem $(q 'SHOW work_mem')"

# ---- 1. data --------------------------------------------------------------------
t0=$(ms)
gen=1
if [ -n "$keep" ] && [ "$(q "SELECT count(*) FROM pg_class WHERE relname = 'bench_scale_done'")" = 1 ]; then
	echo "data: kept in $keep since $(q "SELECT done FROM bench_scale_done"), not generated again"
	gen=0
else
	[ -n "$keep" ] && [ "$(q "SELECT count(*) FROM ticket")" != 0 ] && {
		echo "bench-scale: $keep holds a half-made data set (no bench_scale_done): remove it" >&2
		exit 1
	}
	psql -X -q -v ON_ERROR_STOP=1 -v tickets="$tickets" -v open="$open" -v months="$months" \
		-f "$top_srcdir/tests/scale/scale-data.sql" >/dev/null || exit 1
	[ -n "$keep" ] && q "CREATE TABLE bench_scale_done AS SELECT now()::timestamp(0)::text AS done" >/dev/null
fi
t1=$(ms)
echo "data: $(q "SELECT count(*) FROM ticket") tickets ($(q "SELECT count(*) FROM ticket WHERE status IN ('new', 'open', 'waiting')") open)," \
	"$(q "SELECT count(*) FROM history") history rows, $(q "SELECT count(*) FROM call") calls," \
	"$(q "SELECT count(*) FROM time_entry") time entries, $(q "SELECT count(*) FROM budget_ledger") ledger rows" \
	"$([ $gen = 1 ] && echo "in $(( (t1 - t0) / 1000 )) s" || echo "(kept)")"
echo "data: database $(q "SELECT pg_size_pretty(pg_database_size(current_database()))");" \
	"$(q "SELECT string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)), ', ' ORDER BY pg_total_relation_size(oid) DESC)
		FROM pg_class WHERE relname IN ('ticket', 'history', 'call', 'time_entry', 'budget_ledger')") (with indexes)"

# ---- 2. queries -----------------------------------------------------------------
if [[ " $part " == *" queries "* ]]; then
	big=$(q "SELECT max(t.id) FROM ticket t JOIN account a ON a.id = t.account_id WHERE a.code = 'BIG'")
	opent=$(q "SELECT min(id) FROM ticket WHERE status = 'open'")
	"$top_builddir/tests/scale/bench_scale" "$top_srcdir/conf/plans.cfg" "$runs" "$big" "$opent" || exit 1
	month=$(q "SELECT to_char(now() AT TIME ZONE 'Europe/Berlin' - interval '1 month', 'YYYY-MM')")
	n=$(q "SELECT count(*) FROM ticket t JOIN account a ON a.id = t.account_id WHERE a.code = 'BIG'
		AND to_char(t.received_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM') = '$month'")
	: >"$TMP/stmt.ms"
	for i in 1 2 3 4 5; do
		s0=$(ms)
		"$SDESK_BIN" statement BIG "$month" >"$TMP/stmt.out" 2>&1 || { cat "$TMP/stmt.out" >&2; exit 1; }
		echo $(( $(ms) - s0 )) >>"$TMP/stmt.ms"
	done
	echo "statement BIG $month ($n tickets, $(wc -l <"$TMP/stmt.out") lines): median $(median <"$TMP/stmt.ms") ms" \
		"end to end (5 runs: $(tr '\n' ' ' <"$TMP/stmt.ms"))"
fi

# ---- 3. clients -----------------------------------------------------------------
if [[ " $part " == *" clients "* ]]; then
	pgpids() { # every process of the cluster: the postmaster and its children
		local pm
		pm=$(head -n 1 "$(q 'SHOW data_directory')/postmaster.pid")
		echo "$pm"
		pgrep -P "$pm"
	}
	pss_kb() { # PIDS...: sum of their proportional set size
		local p sum=0 v
		for p in "$@"; do
			v=$(awk '/^Pss:/ { print $2 }' /proc/"$p"/smaps_rollup 2>/dev/null)
			sum=$(( sum + ${v:-0} ))
		done
		echo "$sum"
	}
	cpu_ticks() { # PIDS...: utime + stime; no process per PID (300 starts took 30 s under load)
		local p l
		for p in "$@"; do { read -r l </proc/"$p"/stat && echo "$l"; } 2>/dev/null; done |
			awk '{ sub(/^.*\) /, ""); s += $12 + $13 } END { print s + 0 }'
	}
	env_run=(env TERM=xterm-256color LANG=C.UTF-8 TZ=Europe/Berlin PGHOST="$PGHOST" PGPORT="$PGPORT"
		PGUSER="$PGUSER" SDESK_CONFIG="$SDESK_CONFIG" SDESK_PLANS="${SDESK_PLANS:-}")
	base=$(q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
	idle_pss=$(pss_kb $(pgpids))
	scr_tmux -f /dev/null new-session -d -s bench -x 120 -y 40 sleep 100000
	c0=$(ms)
	for i in $(seq 1 "$boards"); do
		scr_tmux new-window -t bench -d -n "b$i" "${env_run[@]}" "$SDESK_BIN" board --trace "$TMP/trace.$i"
	done
	for i in $(seq 1 "$consoles"); do
		scr_tmux new-window -t bench -d -n "c$i" "${env_run[@]}" XDG_STATE_HOME="$TMP/state$i" "$SDESK_BIN"
		[ $(( i % 50 )) -eq 0 ] && sleep 1   # let the first ones load their queue
	done
	want=$(( base + boards + consoles ))
	for i in $(seq 1 600); do
		[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")" -ge "$want" ] && break
		sleep 0.5
	done
	for i in $(seq 1 600); do   # until every client's first load is done
		[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sdesk' AND state <> 'idle'")" = 0 ] && break
		sleep 0.5
	done
	sleep 3
	echo "clients: $boards boards and $consoles consoles started and loaded in $(( ($(ms) - c0) / 1000 )) s"
	echo "server: $(q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'") client connections" \
		"(max_connections $(q 'SHOW max_connections')), $(q "SELECT count(*) FROM pg_stat_activity") server processes in pg_stat_activity"
	all_pss=$(pss_kb $(pgpids))
	nb=$(pgrep -P "$(head -n 1 "$(q 'SHOW data_directory')/postmaster.pid")" | wc -l)
	echo "server memory: PSS of all $nb PostgreSQL processes $(( all_pss / 1024 )) MiB" \
		"(idle cluster before: $(( idle_pss / 1024 )) MiB), about $(( (all_pss - idle_pss) / (boards + consoles) )) KiB per connection"
	bpids=$(pgrep -f -- "board --trace $TMP/trace\." || true)
	cpids=$(for p in $(pgrep -x sdesk); do { tr '\0' '\n' </proc/"$p"/environ; } 2>/dev/null | grep -q "^XDG_STATE_HOME=$TMP/state[0-9]" && echo "$p"; done)
	rss() { for p in "$@"; do awk '/^VmRSS:/ { print $2 }' /proc/"$p"/status 2>/dev/null; done; }
	echo "client memory: board RSS median $(rss $bpids | median) KiB, PSS of all $(echo $bpids | wc -w) boards" \
		"$(( $(pss_kb $bpids) / 1024 )) MiB; console RSS median $(rss $cpids | median) KiB, PSS of all" \
		"$(echo $cpids | wc -w) consoles $(( $(pss_kb $cpids) / 1024 )) MiB"

	# One change at a time: NOTIFY to every client; boards trace their repaint.
	# A change to one ticket (its id the payload: every console re-reads that
	# row), then changes that name no single ticket (an account: every
	# console reloads its whole queue, what every change cost before the
	# consoles merged a NOTIFY's tickets).
	ticket=$(q "SELECT min(id) FROM ticket WHERE status = 'open'")
	# What the idle consoles spend anyway (ticks, redraws), per second: taken
	# off each change's figure.
	i0=$(ms); ic0=$(cpu_ticks $cpids); sleep 10; ic1=$(cpu_ticks $cpids); i1=$(ms)
	idle_rate=$(( (ic1 - ic0) * 10 * 1000 / (i1 - i0) ))   # ms of CPU per second
	echo "consoles idle: $idle_rate ms of CPU per second (all $(echo $cpids | wc -w) together)"
	change() { # KIND K PAYLOAD SQL: time one change (its NOTIFY payload; "ENTITY:" any of that
		# entity), one line to $TMP/fanout.KIND
		local kind=$1 k=$2 p=$3 sql=$4 x0 x1 cpu0 cpu1 ccpu0 ccpu1 c0 t0 settled last first got a0 r0 f0
		sleep 3
		x0=$(q "SELECT xact_commit || ' ' || tup_returned || ' ' || tup_fetched FROM pg_stat_database WHERE datname = current_database()")
		cpu0=$(cpu_ticks $(pgpids))
		ccpu0=$(cpu_ticks $cpids)
		c0=$(ms)
		q "$sql" >/dev/null
		t0=$(ms)
		for i in $(seq 1 600); do   # until every client is idle again
			sleep 0.1
			[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sdesk' AND state <> 'idle'")" = 0 ] && break
		done
		settled=$(( $(ms) - t0 ))
		sleep 1.5   # statistics are flushed by idle backends at most once a second
		cpu1=$(cpu_ticks $(pgpids))
		ccpu1=$(cpu_ticks $cpids)
		ccpu1=$(( ccpu1 - idle_rate * ($(ms) - c0) / 10000 ))   # less what they spend idle
		x1=$(q "SELECT xact_commit || ' ' || tup_returned || ' ' || tup_fetched FROM pg_stat_database WHERE datname = current_database()")
		last=$(cat "$TMP"/trace.* 2>/dev/null | awk -v p="$p" -v t0="$t0" '(p ~ /:$/ ? index($2, p) == 1 : $2 == p) && $1 >= t0 - 1000 { print $1 }' | sort -n | tail -n 1)
		first=$(cat "$TMP"/trace.* 2>/dev/null | awk -v p="$p" -v t0="$t0" '(p ~ /:$/ ? index($2, p) == 1 : $2 == p) && $1 >= t0 - 1000 { print $1 }' | sort -n | head -n 1)
		got=$(for f in "$TMP"/trace.*; do awk -v p="$p" -v t0="$t0" '(p ~ /:$/ ? index($2, p) == 1 : $2 == p) && $1 >= t0 - 1000 { n++ } END { if (n) print 1 }' "$f"; done 2>/dev/null | wc -l)
		rm -f "$TMP"/trace.*
		set -- $x0; a0=$1 r0=$2 f0=$3
		set -- $x1
		echo "change $k ($kind): $got of $boards boards repainted, first after $(( ${first:-t0} - t0 )) ms, last after" \
			"$(( ${last:-t0} - t0 )) ms; all clients idle after $settled ms; $(( $1 - a0 )) transactions," \
			"$(( $2 - r0 )) rows returned, $(( $3 - f0 )) fetched, $(( (cpu1 - cpu0) * 10 )) ms server CPU," \
			"$(( (ccpu1 - ccpu0) * 10 )) ms consoles' CPU (beyond idle)" | tee -a "$TMP/fanout.$kind"
	}
	for k in $(seq 1 "$changes"); do
		change ticket "$k" "$ticket" "SELECT set_escalation(gen_random_uuid(), $ticket, $(( k % 3 + 1 ))::smallint, false, 'bench $k')"
	done
	for k in $(seq 1 "$whole"); do
		change whole "$k" "account:" \
			"SELECT create_account(gen_random_uuid(), 'BENCH$$-$k', 'Bench account $k', NULL)"
	done
	for kind in ticket whole; do
		[ -s "$TMP/fanout.$kind" ] || continue
		echo "fan-out ($kind: $([ $kind = ticket ] && echo "one ticket changed, its row merged" ||
			echo "no single ticket named, every console reloads its whole queue")):" \
			"last board repainted after median $(sed -n 's/.*last after \([0-9-]*\) ms.*/\1/p' "$TMP/fanout.$kind" | median) ms," \
			"all clients idle after median $(sed -n 's/.*idle after \([0-9]*\) ms.*/\1/p' "$TMP/fanout.$kind" | median) ms," \
			"server CPU per change median $(sed -n 's/.* \([0-9]*\) ms server CPU.*/\1/p' "$TMP/fanout.$kind" | median) ms," \
			"consoles' CPU beyond idle median $(sed -n "s/.* \([0-9-]*\) ms consoles' CPU.*/\1/p" "$TMP/fanout.$kind" | median) ms"
	done
	for p in $(scr_tmux list-panes -a -F '#{pane_pid}'); do
		kill $(pgrep -P "$p") "$p" 2>/dev/null
	done
	scr_tmux kill-server
fi
echo "bench-scale: done"
