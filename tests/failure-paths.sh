#!/bin/sh
# Failure paths that need a shell around pubdb: a full disk (ulimit -f),
# standard output closed early, a read-only database, a database written
# by a newer pubdb. Each checks the exact message and exit status, and
# that nothing was half-written.
#
#   failure-paths.sh PUBDB
set -u
pubdb=$1
case $pubdb in /*) ;; *) pubdb=$(pwd)/$pubdb ;; esac
gen=$(dirname "$0")/gen-bib.py
case $gen in /*) ;; *) gen=$(pwd)/$gen ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export PUBDB_DB="$tmp/db.sqlite" HOME="$tmp" LC_ALL=C.UTF-8
fail=0

# expect NAME WANT-STATUS WANT-STDERR: compares $status and the file err
expect() {
	if [ "$status" != "$2" ] || [ "$(cat err)" != "$3" ]; then
		echo "FAIL $1: status $status (want $2), stderr:"
		cat err
		echo "want: $3"
		fail=1
	else
		echo "ok $1"
	fi
}

python3 "$gen" entries 300 >entries.bib
"$pubdb" --quiet import entries.bib || exit 1
"$pubdb" export --format json >before.json || exit 1

# A full disk (here: a file size limit of 100 KB; the export is 350 KB).
# One message, the target not created, no temporary file left.
(ulimit -f 100; "$pubdb" export --format json -o out.json 2>err); status=$?
expect "disk full, -o FILE" 1 "pubdb: error: cannot write 'out.json': File too large"
if [ -e out.json ] || ls | grep -q '^\.*out\.json.'; then
	echo "FAIL disk full: out.json or a temporary file exists:"; ls -a; fail=1
fi
echo old >kept.json
(ulimit -f 100; "$pubdb" export --format json -o kept.json 2>err); status=$?
expect "disk full, -o existing FILE" 1 "pubdb: error: cannot write 'kept.json': File too large"
[ "$(cat kept.json)" = old ] || { echo "FAIL disk full: kept.json was changed"; fail=1; }
(ulimit -f 100; "$pubdb" export --format json >stdout.json 2>err); status=$?
expect "disk full, standard output" 1 "pubdb: error: cannot write standard output: File too large"

# Standard output closed early: pubdb ends quietly, killed by SIGPIPE as
# cat would be (status 128 + 13 in the shell).
status=$( { "$pubdb" export --format json 2>err; echo $? >pipe-status; } | head -c 10 >/dev/null; cat pipe-status)
expect "stdout closed early" 141 ""

# A database written by a newer pubdb is refused and left as it is.
cp db.sqlite newer.db
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 999"); c.commit()' newer.db
"$pubdb" --db newer.db list >/dev/null 2>err; status=$?
expect "newer database" 3 "pubdb: error: database 'newer.db' has schema version 999, newer than this pubdb understands ($(python3 -c 'import sqlite3; print(sqlite3.connect("db.sqlite").execute("PRAGMA user_version").fetchone()[0])')); upgrade pubdb"
[ "$(python3 -c 'import sqlite3; print(sqlite3.connect("newer.db").execute("PRAGMA user_version").fetchone()[0])')" = 999 ] ||
	{ echo "FAIL newer database: its version changed"; fail=1; }

# A read-only database, or one in a read-only folder: list works, import
# fails, nothing changes. root
# ignores file modes, so as root the commands run as nobody (setpriv).
as_user=
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
		chmod 755 "$tmp"
		chmod 644 entries.bib
		if ! $as_user "$pubdb" --help >/dev/null 2>&1; then
			echo "skip read-only database: nobody cannot run $pubdb (a private folder)"
			as_user=
		fi
	else
		echo "skip read-only database: running as root without setpriv"
	fi
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
	mkdir ro && cp db.sqlite ro/db.sqlite && chmod 444 ro/db.sqlite && chmod 777 ro
	$as_user "$pubdb" --db ro/db.sqlite list --key e7 >list.out 2>err; status=$?
	expect "read-only database, list" 0 ""
	grep -q '^e7 ' list.out || { echo "FAIL read-only database: list printed"; cat list.out; fail=1; }
	printf '@misc{newentry, title = {New}}\n' >new.bib && chmod 644 new.bib
	$as_user "$pubdb" --db ro/db.sqlite import new.bib 2>err; status=$?
	expect "read-only database, import" 3 "pubdb: error: database is read-only: cannot write it (registering the input file)
imported 0, updated 0, merged 0, unchanged 0, skipped 0"
	chmod 644 ro/db.sqlite
	"$pubdb" --db ro/db.sqlite export --format json >after.json
	cmp -s before.json after.json || { echo "FAIL read-only database: contents changed"; fail=1; }

	# in a read-only folder (no WAL files can be made there): the same
	mkdir rofolder && cp db.sqlite rofolder/db.sqlite && chmod 555 rofolder
	$as_user "$pubdb" --db rofolder/db.sqlite list --key e7 >list.out 2>err; status=$?
	expect "read-only folder, list" 0 ""
	grep -q '^e7 ' list.out || { echo "FAIL read-only folder: list printed"; cat list.out; fail=1; }
	$as_user "$pubdb" --db rofolder/db.sqlite import new.bib 2>err; status=$?
	expect "read-only folder, import" 3 "pubdb: error: database is read-only: cannot write it (registering the input file)
imported 0, updated 0, merged 0, unchanged 0, skipped 0"
	chmod 755 rofolder
	"$pubdb" --db rofolder/db.sqlite export --format json >after.json
	cmp -s before.json after.json || { echo "FAIL read-only folder: contents changed"; fail=1; }
fi
exit $fail
