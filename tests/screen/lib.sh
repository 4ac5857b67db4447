# Helpers for screen tests: drive the real sdesk in a private tmux server and
# read the screen as a user sees it. Source after tests/lib.sh.
#
#   scr_start W H CMD...     start CMD in a W x H pane (environment pinned; SDESK_NOW passed on when set)
#   scr_keys KEY...          tmux send-keys (names like Enter, Escape, Down, C-l)
#   scr_type TEXT            type literal text
#   scr_screen               print the pane's text
#   scr_wait REGEX [SECS]    wait (bounded polling) until the screen matches
#   scr_wait_gone REGEX [SECS]  wait until it no longer matches
#   scr_expect NAME REGEX [SECS] / scr_expect_not NAME REGEX [SECS]   assertions
#   scr_resize W H           resize the window
#   scr_exited [SECS]        wait until the program has ended; prints its exit status
#                            (or "signal N"); returns 1 while it still runs
#   scr_stop                 kill the tmux server (also done on exit)
#   pg_test_db NAME          create a fresh database NAME_<pid>, set PGDATABASE, drop it on exit
#
# Every wait polls every 0.1 s up to a bound; on failure the screen is shown.

SCR_SOCK="$TMP/tmux.sock"
SCR_TARGET=sdesk-test

if ! command -v tmux >/dev/null 2>&1; then
	echo "screen tests need tmux (Debian package: tmux)" >&2
	exit 99
fi

scr_tmux() { tmux -S "$SCR_SOCK" "$@"; }

scr_cleanup() {
	scr_tmux kill-server >/dev/null 2>&1 || true
	if [ -n "${SCR_DB:-}" ]; then
		psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$SCR_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
	fi
	rm -rf "$TMP"
}
trap scr_cleanup EXIT

scr_start() { # W H CMD...
	local w=$1 h=$2
	shift 2
	printf 'set -g status off\nsetw -g remain-on-exit on\n' >"$TMP/tmux.conf"
	scr_tmux -f "$TMP/tmux.conf" new-session -d -s "$SCR_TARGET" -x "$w" -y "$h" \
		env LANG="${LANG:-C.UTF-8}" LC_ALL="${LC_ALL:-C.UTF-8}" TZ="${TZ:-Europe/Berlin}" \
		TERM="${SCR_TERM:-xterm-256color}" ${NO_COLOR:+NO_COLOR=$NO_COLOR} \
		PGHOST="${PGHOST:-}" PGPORT="${PGPORT:-}" PGUSER="${PGUSER:-}" PGDATABASE="${PGDATABASE:-}" \
		SDESK_CONFIG="${SDESK_CONFIG:-}" SDESK_PLANS="${SDESK_PLANS:-}" ${SDESK_NOW:+SDESK_NOW=$SDESK_NOW} \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
		"$@"
	scr_tmux set-option -g window-size manual >/dev/null
}

scr_keys() { scr_tmux send-keys -t "$SCR_TARGET" "$@"; }
scr_type() { scr_tmux send-keys -t "$SCR_TARGET" -l -- "$1"; }
scr_screen() { scr_tmux capture-pane -p -t "$SCR_TARGET"; }

scr_wait() { # REGEX [SECS]
	local i limit=$(( ${2:-5} * 10 ))
	for ((i = 0; i < limit; i++)); do
		scr_screen 2>/dev/null | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

scr_wait_gone() { # REGEX [SECS]
	local i limit=$(( ${2:-5} * 10 ))
	for ((i = 0; i < limit; i++)); do
		scr_screen 2>/dev/null | grep -Eq -- "$1" || return 0
		sleep 0.1
	done
	return 1
}

scr_show() { echo "---- screen ----" >&2; scr_screen >&2 2>/dev/null; echo "----------------" >&2; }

scr_expect() { # NAME REGEX [SECS]
	if scr_wait "$2" "${3:-5}"; then pass; else fail "$1: screen does not show /$2/"; scr_show; fi
}

scr_expect_not() { # NAME REGEX [SECS]
	if scr_wait_gone "$2" "${3:-5}"; then pass; else fail "$1: screen still shows /$2/"; scr_show; fi
}

scr_resize() { scr_tmux resize-window -t "$SCR_TARGET" -x "$1" -y "$2"; }

scr_exited() { # [SECS] -> prints the exit status, returns 1 when still running
	local i limit=$(( ${1:-5} * 10 ))
	for ((i = 0; i < limit; i++)); do
		local st
		st=$(scr_tmux display-message -p -t "$SCR_TARGET" '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}')
		case $st in
		1::) ;;                                # dead, status not reported yet
		1:*:) echo "${st#1:}" | cut -d: -f1; return 0 ;;
		1::*) echo "signal ${st##*:}"; return 0 ;;
		esac
		sleep 0.1
	done
	return 1
}

scr_pid() { scr_tmux display-message -p -t "$SCR_TARGET" '#{pane_pid}'; }

# Stops the tmux server and waits (bounded) until it is gone: a scr_start
# right after would otherwise reach the dying server ("server exited
# unexpectedly") and start nothing.
scr_stop() {
	local i
	scr_tmux kill-server >/dev/null 2>&1 || true
	for i in $(seq 1 100); do
		if ! scr_tmux has-session >/dev/null 2>&1; then
			rm -f "$SCR_SOCK"  # a new server makes its own socket
			return 0
		fi
		sleep 0.05
	done
}

pg_test_db() { # NAME
	if [ -z "${PGHOST:-}" ]; then
		echo "no PGHOST: run under tests/with-pg" >&2
		exit 99
	fi
	SCR_DB="$1_$$"
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$SCR_DB\"" >/dev/null || exit 99
	export PGDATABASE="$SCR_DB"
}
