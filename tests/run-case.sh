#!/bin/sh
# Runs one CLI case: tests/cases/NAME/{cmd,stdout,stderr,status}.
#
#   run-case.sh PUBDB CASEDIR DATADIR [CORPUSDIR]
#
# Each line of cmd is one pubdb invocation (its arguments, shell-quoted;
# redirections allowed), run in order in a fresh temporary folder where
# data/ is the fixture folder, examples/ the project's examples and corpus/
# the shared corpus. The
# database is $PUBDB_DB (db.sqlite in that folder). stdout and stderr of
# all lines are compared with the case's stdout and stderr files (absent
# = empty), the exit status of the last line with status (absent = 0).
# Exit 0 pass, 1 fail, 77 skip (the case needs the corpus, which is absent).
# An optional setup file is a shell script run first in that folder (to
# generate inputs too big to keep in the repository; its output is not
# compared). PUBDB_WRAPPER, when set, is a command every pubdb runs under
# (valgrind ...).
# With PUBDB_UPDATE_GOLDEN=1 the case's files are (re)written from this run
# instead: review them with git diff before committing.
set -u
pubdb=$1 casedir=$2 datadir=$3 corpusdir=${4:-}
case $pubdb in /*) ;; *) pubdb=$(pwd)/$pubdb ;; esac

if grep -q 'corpus/' "$casedir/cmd" && ! [ -d "$corpusdir" ]; then
	echo "skip: the corpus is not available"
	exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ln -s "$datadir" "$tmp/data"
ln -s "$datadir/../../examples" "$tmp/examples"
[ -d "$corpusdir" ] && ln -s "$corpusdir" "$tmp/corpus"
cd "$tmp" || exit 1
export PUBDB_DB="$tmp/db.sqlite" HOME="$tmp" NO_COLOR=1 LC_ALL=C.UTF-8
unset PUBDB_ME XDG_DATA_HOME

if [ -f "$casedir/setup" ]; then
	sh "$casedir/setup" >setup.log 2>&1 || { echo "setup failed:"; cat setup.log; exit 1; }
fi

status=0
while IFS= read -r line || [ -n "$line" ]; do
	case $line in ''|'#'*) continue ;; esac
	eval "${PUBDB_WRAPPER:-} \"\$pubdb\" $line" >>out 2>>err
	status=$?
done <"$casedir/cmd"

if [ "${PUBDB_UPDATE_GOLDEN:-}" = 1 ]; then
	for f in stdout:out stderr:err; do
		if [ -s "${f#*:}" ]; then cp "${f#*:}" "$casedir/${f%%:*}"; else rm -f "$casedir/${f%%:*}"; fi
	done
	if [ "$status" = 0 ]; then rm -f "$casedir/status"; else echo "$status" >"$casedir/status"; fi
	exit 0
fi

fail=0
for stream in stdout stderr; do
	got=out
	[ $stream = stderr ] && got=err
	if [ -f "$casedir/$stream" ]; then
		expected="$casedir/$stream"
	else
		expected=/dev/null
	fi
	if ! diff -u "$expected" "$got" >diff.txt; then
		echo "$stream differs:"
		cat diff.txt
		fail=1
	fi
done
want=0
[ -f "$casedir/status" ] && want=$(cat "$casedir/status")
if [ "$status" != "$want" ]; then
	echo "exit status $status, expected $want"
	fail=1
fi
exit $fail
