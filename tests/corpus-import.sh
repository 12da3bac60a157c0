#!/bin/sh
# Imports every .bib of the real-data corpus, each into a fresh database.
#
#   corpus-import.sh PUBDB CORPUSDIR
#
# Fails when an import exits with anything but 0 (all imported) or 1 (some
# entries skipped) -- 2, 3, another status or a signal is a crash -- or when
# its stderr holds a line that is not one of pubdb's own messages:
#
#   FILE:LINE: error: ...      FILE:LINE: warning: ...
#   FILE: error: ...           FILE: warning: ...
#   imported N, updated N, merged N, unchanged N, skipped N
#
# so that a sanitizer report, an assertion or btparse printing to stderr
# behind pubdb's back fails the test. Exit 0 pass, 1 fail, 77 skip (no
# corpus: a release tarball does not ship it).
set -u
. "$(dirname "$0")/corpus-lib.sh"

if [ $# -ne 2 ]; then
	echo "usage: $0 PUBDB CORPUSDIR" >&2
	exit 2
fi
pubdb=$1 corpus=$2

skip_unless_corpus "$corpus"

enter_scratch

files=0 imported=0 skipped=0 failed=0

# Prints stderr lines of one run that are not pubdb messages about FILE.
stray_lines() {
	awk -v f="$1" '
	index($0, f ":") == 1 {
		rest = substr($0, length(f) + 2)
		if (rest ~ /^[0-9]+: (error|warning): / || rest ~ /^ (error|warning): /)
			next
	}
	/^imported [0-9]+, updated [0-9]+, merged [0-9]+, unchanged [0-9]+, skipped [0-9]+$/ { next }
	{ print }
	' "$2"
}

for f in "$corpus"/*.bib "$corpus"/malformed/*.bib "$corpus"/large/*.bib; do
	[ -f "$f" ] || continue
	files=$((files + 1))
	rm -f "$tmp/db.sqlite" "$tmp/db.sqlite-wal" "$tmp/db.sqlite-shm"
	"$pubdb" --db "$tmp/db.sqlite" import "$f" >"$tmp/out" 2>"$tmp/err"
	status=$?
	bad=0
	case $status in
	0 | 1) ;;
	*)
		echo "FAIL: $f: exit status $status (0 or 1 expected)"
		bad=1
		;;
	esac
	stray_lines "$f" "$tmp/err" >"$tmp/stray"
	if [ -s "$tmp/stray" ]; then
		echo "FAIL: $f: unexpected stderr lines:"
		head -n 20 "$tmp/stray" | sed 's/^/    /'
		bad=1
	fi
	if [ -s "$tmp/out" ]; then
		echo "FAIL: $f: import wrote to stdout:"
		head -n 5 "$tmp/out" | sed 's/^/    /'
		bad=1
	fi
	summary=$(grep -E '^imported [0-9]+, updated [0-9]+, merged [0-9]+, unchanged [0-9]+, skipped [0-9]+$' "$tmp/err" | tail -n 1)
	if [ -z "$summary" ]; then
		[ $bad -eq 1 ] || echo "FAIL: $f: no summary line on stderr"
		bad=1
	else
		imported=$((imported + $(echo "$summary" | sed 's/^imported \([0-9]*\),.*/\1/')))
		skipped=$((skipped + $(echo "$summary" | sed 's/.*, skipped \([0-9]*\)$/\1/')))
	fi
	if [ $bad -eq 1 ]; then
		failed=$((failed + 1))
		echo "    (full stderr: $(wc -l <"$tmp/err") lines)"
	fi
done

if [ $files -eq 0 ]; then
	echo "FAIL: no .bib file found in '$corpus'"
	exit 1
fi
echo "$files files, $imported entries imported, $skipped skipped"
if [ $failed -ne 0 ]; then
	echo "$failed of $files files failed"
	exit 1
fi
exit 0
