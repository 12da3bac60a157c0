#!/bin/sh
# BibTeX exports are read by the real consumers, on every file of the
# real-data corpus.
#
#   bibtex-consumers.sh PUBDB CORPUSDIR [FILE...]
#
# For each corpus .bib (top level, malformed/, large/; or only the FILEs
# given, as paths relative to CORPUSDIR):
#
#   import FILE                     (exit 0 or 1: the corpus has bad entries)
#   export --format bibtex          -> export.bib
#   export --format bibtex --clean  -> clean.bib
#
#   bibtex, plain style, an .aux citing every entry (\citation{*}), on the
#   original, export.bib and clean.bib:
#     - each export gives one \bibitem per exported entry;
#     - each export has no more errors ("(There were N error messages)")
#       than the original. Some corpus files are not valid for bibtex
#       themselves (names with a trailing comma, a missing comma, repeated
#       keys, `%` lines, which BibTeX reads as data, inside entries ...):
#       those are listed as "note:" lines with the counts before and after;
#     - the exports have no fewer entries than bibtex finds in the
#       original, less what pubdb says it left out or folded together
#       (skipped, merged, updated: a key given twice) and the entries the
#       original comments out with `%` (BibTeX reads them, pubdb does not).
#   biber --tool, on export.bib and clean.bib: exit 0 and as many entries
#   out as went in; where biber rejects data of the original as well (a
#   name with too many commas, an empty name), it runs on the original too
#   and an export may have no more errors and skipped entries than that
#   ("note:" lines). biber reads the exports of every file; it needs about
#   two seconds a run and minutes on the largest files, so a quick local run
#   can set BIBER_MAX_BYTES to leave files larger than that to bibtex alone.
#   --clean, for every alfolio-* file: no CV-only field left (the list of
#   cv_only_fields[] in src/export_bibtex.c, and any NAME+an) and no mark
#   (* ∗ † ‡ \dag \ddag \textsuperscript \textbf \underline) in an author
#   or editor field.
#
# Exit 0 pass, 1 fail, 77 skip (no corpus, or no bibtex, plain.bst or biber).
set -u
. "$(dirname "$0")/corpus-lib.sh"

if [ $# -lt 2 ]; then
	echo "usage: $0 PUBDB CORPUSDIR [FILE...]" >&2
	exit 2
fi
pubdb=$1 corpus=$2
shift 2
case $pubdb in /*) ;; *) pubdb=$(pwd)/$pubdb ;; esac
biber_max=${BIBER_MAX_BYTES:-}

skip_unless_corpus "$corpus"
skip_unless_tools "Debian: texlive-binaries, texlive-base, biber" bibtex kpsewhich biber
if ! kpsewhich plain.bst >/dev/null 2>&1; then
	echo "skip: plain.bst is not installed (Debian: texlive-base)"
	exit 77
fi

enter_scratch

# The fields --clean leaves out (src/export_bibtex.c, cv_only_fields[]).
cv_only='abbr|additional_info|altmetric|annotation|award|award_name|bibtex_show|blog'
cv_only="$cv_only|co_first|code|cofirst|dimensions|equal_contribution|equalcontrib"
cv_only="$cv_only|google_scholar_id|html|inspirehep_id|pdf|poster|preview|selected"
cv_only="$cv_only|slides|supp|video|website|[^ =]*\\+an(:[^ =]*)?"

notes=0 biber_runs=0
fail() {
	[ "$bad" -eq 1 ] || echo "FAIL: $f"
	bad=1
	echo "  $*"
}
note() {
	echo "note: $name: $*"
	notes=$((notes + 1))
}

# bibtex on $w/$1.bib: sets items, errors, rc ("fatal" when it gave up).
run_bibtex() {
	printf '\\citation{*}\n\\bibdata{%s}\n\\bibstyle{plain}\n' "$1" >"$w/$1.aux"
	(cd "$w" && bibtex -terse "$1" >"$1.out" 2>&1)
	rc=$?
	items=0 errors=0
	[ -f "$w/$1.bbl" ] && items=$(grep -c '^\\bibitem' "$w/$1.bbl")
	if [ -f "$w/$1.blg" ]; then
		errors=$(sed -n 's/^(There w[a-z]* \([0-9][0-9]*\) error message.*/\1/p' "$w/$1.blg" | tail -n 1)
		[ -n "$errors" ] || errors=0
	fi
	[ $rc -lt 3 ] || rc=fatal
}

# One export read by bibtex: $1 is export or clean.
check_bibtex_export() {
	run_bibtex "$1"
	if [ "$rc" = fatal ]; then
		fail "bibtex gave up on $1.bib:"
		tail -n 5 "$w/$1.blg" 2>/dev/null | sed 's/^/    /'
		return
	fi
	if [ "$items" -ne "$entries" ]; then
		fail "bibtex found $items entries in $1.bib, pubdb exported $entries"
	fi
	if [ "$orig_rc" != fatal ] && [ "$errors" -gt "$orig_errors" ]; then
		fail "bibtex: $errors errors in $1.bib, $orig_errors in the original:"
		grep -B1 -A2 -e '---' "$w/$1.blg" | head -n 12 | cut -c 1-200 | sed 's/^/    /'
	fi
	eval "${1}_errors=\$errors"
}

# biber --tool on $w/$1.bib: sets brc, bout (entries written), berrors
# (ERROR lines) and bskips (entries skipped with a message).
run_biber() {
	biber_runs=$((biber_runs + 1))
	# not --quiet: that hides the warnings about the entries biber skips
	(cd "$w" && biber --tool --output-file="$1.biber.bib" "$1.bib" >"$1.biber.log" 2>&1)
	brc=$? bout=0
	if [ -f "$w/$1.biber.bib" ]; then
		bout=$(grep -ciE '^@[a-z]+[[:space:]]*[{(]' "$w/$1.biber.bib")
		bout=$((bout - $(grep -ciE '^@(string|preamble|comment)[[:space:]]*[{(]' "$w/$1.biber.bib")))
	fi
	berrors=$(grep -c '^ERROR' "$w/$1.biber.log")
	bskips=$(grep -c 'skipping entry' "$w/$1.biber.log")
}

# biber --tool reads export $1: exit 0 and every entry out again, or, when
# biber rejects something of the original too, nothing worse than there.
check_biber() {
	run_biber "$1"
	[ $brc -ne 0 ] || [ "$bout" -ne "$entries" ] || return 0
	if [ -z "$orig_brc" ]; then
		set -- "$1" $brc $bout $berrors $bskips
		run_biber orig
		orig_brc=$brc orig_berrors=$berrors orig_bskips=$bskips
		brc=$2 bout=$3 berrors=$4 bskips=$5
	fi
	if [ $brc -ne 0 ] && [ "$orig_brc" -eq 0 ]; then
		fail "biber --tool $1.bib exited $brc (0 on the original):"
	elif [ "$berrors" -gt "$orig_berrors" ] || [ "$bskips" -gt "$orig_bskips" ]; then
		fail "biber --tool $1.bib: $berrors errors, $bskips entries skipped;" \
			"the original: $orig_berrors, $orig_bskips:"
	elif [ $brc -eq 0 ] && [ $((entries - bout)) -ne "$bskips" ]; then
		fail "biber --tool wrote $bout entries of the $entries in $1.bib" \
			"and skipped $bskips with a message:"
	else
		note "biber rejects data of the original too ($orig_berrors errors," \
			"$orig_bskips entries skipped; exit $orig_brc): $1.bib has" \
			"$berrors errors, $bskips skipped, $bout of $entries entries out (exit $brc)"
		return
	fi
	grep -E '^(ERROR|WARN)' "$w/$1.biber.log" | head -n 5 | cut -c 1-300 | sed 's/^/    /'
}

# --clean of an al-folio file: no CV-only field, no marked name.
check_clean_cv() {
	left=$(grep -E "^  ($cv_only) = " "$w/clean.bib" | sed 's/ = .*//' | tr -d ' ' |
		sort -u | tr '\n' ' ')
	[ -z "$left" ] || fail "export --clean kept CV-only fields: $left"
	# author and editor values, continuation lines included
	awk '/^  [^ ]+ = / { f = $1 } /^}/ { f = "" } f == "author" || f == "editor"' \
		"$w/clean.bib" >"$w/names.txt"
	if grep -n -e '\*' -e '∗' -e '†' -e '‡' -e '\\dag' -e '\\textsuperscript' \
		-e '\\textbf' -e '\\underline' "$w/names.txt" >"$w/marks.txt"; then
		fail "export --clean left marks in names:"
		head -n 3 "$w/marks.txt" | cut -c 1-200 | sed 's/^/    /'
	fi
}

check_file() {
	rm -rf "$tmp/w"
	mkdir "$tmp/w" || exit 1
	w=$tmp/w
	name=${f#"$corpus"/}
	cp "$f" "$w/orig.bib" || exit 1

	"$pubdb" --db "$w/db" import "$w/orig.bib" >/dev/null 2>"$w/import.err"
	st=$?
	case $st in
	0 | 1) ;;
	*)
		fail "import exited $st:"
		head -n 5 "$w/import.err" | sed 's/^/    /'
		return
		;;
	esac
	for how in export clean; do
		opt=
		[ $how = clean ] && opt=--clean
		if ! "$pubdb" --db "$w/db" export $opt >"$w/$how.bib" 2>"$w/$how.err" ||
		    [ -s "$w/$how.err" ]; then
			fail "export $opt failed:"
			head -n 5 "$w/$how.err" | sed 's/^/    /'
			return
		fi
	done
	entries=$("$pubdb" --db "$w/db" export --format json | grep -c '^{"key":')

	run_bibtex orig
	orig_rc=$rc orig_items=$items orig_errors=$errors
	check_bibtex_export export
	check_bibtex_export clean
	[ $bad -eq 0 ] || return

	# what pubdb left out or folded together, and entries behind a %
	summary=$(grep -E '^imported [0-9]+, updated' "$w/import.err" | tail -n 1)
	n='\([0-9]*\)'
	dropped=$(echo "$summary" | sed -n \
		"s/^imported [0-9]*, updated $n, merged $n, unchanged [0-9]*, skipped $n\$/\\1 + \\2 + \\3/p")
	dropped=$((${dropped:-0}))
	hidden='^[[:space:]]*%[[:space:]%]*@'
	commented=$(grep -ciE "$hidden[a-z]+[[:space:]]*[{(]" "$w/orig.bib")
	commented_items=$(grep -ciE "$hidden(string|preamble|comment)[[:space:]]*[{(]" "$w/orig.bib")
	commented=$((commented - commented_items))
	why=
	[ "$entries" -eq "$orig_items" ] ||
		why=" (pubdb: $summary; $commented commented out with %)"
	if [ "$orig_rc" = fatal ]; then
		note "bibtex gives up on the original; the exports read without a fatal error"
	elif [ "$entries" -lt $((orig_items - dropped - commented)) ]; then
		fail "bibtex finds $orig_items entries in the original, the export has $entries$why"
	elif [ "$orig_errors" -gt 0 ]; then
		note "not valid for bibtex: $orig_errors errors in the original," \
			"$export_errors in the export, $clean_errors in --clean;" \
			"entries $orig_items -> $entries$why"
	elif [ "$entries" -ne "$orig_items" ]; then
		note "entries $orig_items -> $entries$why"
	fi

	orig_brc=
	if [ -z "$biber_max" ] || [ "$(wc -c <"$f")" -le "$biber_max" ]; then
		check_biber export
		check_biber clean
	fi
	case $name in alfolio-*) check_clean_cv ;; esac
}

start=$(date +%s)
check_corpus_files "$@"
echo "$((files - failed)) passed, $failed failed; $notes notes;" \
	"$biber_runs biber runs${biber_max:+ (files up to $biber_max bytes)}; $(($(date +%s) - start)) s"
[ $failed -eq 0 ]
