#!/bin/sh
# BibTeX export is a fixed point, on every file of the real-data corpus.
#
#   corpus-roundtrip.sh PUBDB CORPUSDIR [FILE...]
#
# For each corpus .bib (top level, malformed/, large/; or only the FILEs
# given, as paths relative to CORPUSDIR):
#
#   import FILE into db1            (exit 0 or 1: the corpus has bad entries)
#   db1 -> j1 (json), b1 (bibtex)
#   import b1 into a fresh db2      (exit 0, no error line: warnings only)
#   db2 -> j2 (json), b2 (bibtex)
#   j1 == j2 and b1 == b2, byte for byte
#
# Every failing file is reported with the first lines of the diff.
# Exit 0 pass, 1 fail, 77 skip (no corpus).
set -u
. "$(dirname "$0")/corpus-lib.sh"

if [ $# -lt 2 ]; then
	echo "usage: $0 PUBDB CORPUSDIR [FILE...]" >&2
	exit 2
fi
pubdb=$1 corpus=$2
shift 2

skip_unless_corpus "$corpus"

enter_scratch

summary_re='^imported [0-9]+, updated [0-9]+, merged [0-9]+, unchanged [0-9]+, skipped [0-9]+$'

# Lines of a diff, each cut short: JSON puts a whole entry on one line.
short_diff() {
	diff -u "$1" "$2" | sed -n '3,22p' | cut -c 1-300 | sed 's/^/    /'
}

fail() {
	[ "$bad" -eq 1 ] || echo "FAIL: $f"
	bad=1
	echo "  $*"
}

# Runs one pubdb command, stdout to $1; reports and returns 1 unless it exits 0.
export_to() {
	out=$1 db=$2
	shift 2
	"$pubdb" --db "$db" export "$@" >"$out" 2>"$tmp/export.err"
	st=$?
	if [ $st -ne 0 ] || [ -s "$tmp/export.err" ]; then
		fail "export $* from $(basename "$db") exited $st:"
		head -n 5 "$tmp/export.err" | sed 's/^/    /'
		return 1
	fi
	return 0
}

check_file() {
	rm -rf "$tmp/w"
	mkdir "$tmp/w" || exit 1
	w=$tmp/w

	"$pubdb" --db "$w/db1" import "$f" >/dev/null 2>"$w/import1.err"
	st=$?
	case $st in
	0 | 1) ;;
	*)
		fail "import of the original exited $st:"
		head -n 5 "$w/import1.err" | sed 's/^/    /'
		return
		;;
	esac
	export_to "$w/j1" "$w/db1" --format json || return
	export_to "$w/b1.bib" "$w/db1" --format bibtex || return

	"$pubdb" --db "$w/db2" import "$w/b1.bib" >/dev/null 2>"$w/import2.err"
	st=$?
	# pubdb's messages and the summary line aside, only warnings may appear
	grep -Ev "$summary_re" "$w/import2.err" |
		grep -v "^$w/b1\.bib:[0-9]*: warning: " >"$w/import2.bad"
	if [ $st -ne 0 ] || [ -s "$w/import2.bad" ]; then
		fail "re-import of the bibtex export exited $st:"
		head -n 10 "$w/import2.bad" | sed "s|$w/||" | cut -c 1-300 | sed 's/^/    /'
		# show the exported text around the first reported line
		n=$(sed -n "s|^$w/b1\.bib:\([0-9][0-9]*\): .*|\1|p" "$w/import2.bad" | head -n 1)
		if [ -n "$n" ]; then
			from=$((n > 3 ? n - 3 : 1))
			echo "    b1.bib lines $from-$((n + 3)):"
			sed -n "${from},$((n + 3))p" "$w/b1.bib" | cut -c 1-300 | sed 's/^/      | /'
		fi
	fi
	export_to "$w/j2" "$w/db2" --format json || return
	export_to "$w/b2.bib" "$w/db2" --format bibtex || return
	if ! cmp -s "$w/j1" "$w/j2"; then
		fail "json export changed after a round trip through bibtex (j1 -> j2):"
		short_diff "$w/j1" "$w/j2"
	fi
	if ! cmp -s "$w/b1.bib" "$w/b2.bib"; then
		fail "bibtex export is not a fixed point (b1 -> b2):"
		short_diff "$w/b1.bib" "$w/b2.bib"
	fi
}

check_corpus_files "$@"
echo "$((files - failed)) passed, $failed failed"
[ $failed -eq 0 ]
