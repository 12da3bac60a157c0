#!/bin/sh
# What pubdb makes of chosen real files: counts, messages and field values.
#
#   corpus-counts.sh PUBDB CORPUSDIR [DATADIR]
#
# DATADIR (default: corpus/ beside this script) holds
#
#   expected-counts.tsv  per file: entries imported, entries skipped, the line
#                        numbers of the error and of the warning messages (the
#                        file's header says more, and how they compare to BibTeX)
#   golden/DIR/KEY.json  the whole output of "export --format json --key KEY"
#                        after importing CORPUSDIR/DIR.bib, checked by eye
#   fields.tsv           file, key, fragment: the same output must contain it
#
# Each file is imported into a fresh database. PUBDB_UPDATE_GOLDEN=1 rewrites
# the golden files from this run instead of comparing (review with git diff).
# Exit 0 pass, 1 fail, 77 skip (no corpus).
set -u
. "$(dirname "$0")/corpus-lib.sh"

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 PUBDB CORPUSDIR [DATADIR]" >&2
	exit 2
fi
pubdb=$1 corpus=$2
data=${3:-$(dirname "$0")/corpus}

skip_unless_corpus "$corpus"
for f in "$data/expected-counts.tsv" "$data/fields.tsv" "$data/golden"; do
	if ! [ -e "$f" ]; then
		echo "FAIL: '$f' is missing"
		exit 1
	fi
done

enter_scratch
tab=$(printf '\t')

passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

# import_file REL: CORPUSDIR/REL into a fresh $tmp/db; stderr in $tmp/err, status in $status
import_file() {
	rm -f "$tmp/db" "$tmp/db-wal" "$tmp/db-shm"
	"$pubdb" --db "$tmp/db" import "$corpus/$1" </dev/null >"$tmp/out" 2>"$tmp/err"
	status=$?
	imported_as=$1
}

# The line numbers of SEVERITY messages about FILE in $tmp/err, ascending, "-" if none.
lines_of() {
	_lines=$(awk -v f="$1" -v sev="$2" '
	index($0, f ":") == 1 {
		rest = substr($0, length(f) + 2)
		if (match(rest, /^[0-9]+: /) && substr(rest, RLENGTH + 1, length(sev) + 2) == sev ": ")
			print substr(rest, 1, RLENGTH - 2) + 0
		else if (substr(rest, 1, length(sev) + 3) == " " sev ": ")
			print 0
	}' "$tmp/err" | sort -n | tr '\n' ',')
	_lines=${_lines%,}
	echo "${_lines:--}"
}

# ---- 1. counts and messages ----

while IFS="$tab" read -r file imported skipped errors warnings rest; do
	case $file in '' | '#'*) continue ;; esac
	if ! [ -f "$corpus/$file" ]; then
		fail "$file: not in the corpus"
		continue
	fi
	import_file "$file"
	f=$corpus/$file
	bad=
	want_status=0
	[ "$skipped" -eq 0 ] || want_status=1
	[ "$status" -eq "$want_status" ] || bad="$bad
    exit status $status, expected $want_status"
	summary=$(grep -E '^imported [0-9]+, updated [0-9]+, merged [0-9]+, unchanged [0-9]+, skipped [0-9]+$' "$tmp/err" | tail -n 1)
	got_imported=$(echo "$summary" | sed -n 's/^imported \([0-9]*\),.*/\1/p')
	got_skipped=$(echo "$summary" | sed -n 's/.*, skipped \([0-9]*\)$/\1/p')
	[ "$got_imported" = "$imported" ] || bad="$bad
    imported ${got_imported:-?}, expected $imported"
	[ "$got_skipped" = "$skipped" ] || bad="$bad
    skipped ${got_skipped:-?}, expected $skipped"
	got=$(lines_of "$f" error)
	[ "$got" = "$errors" ] || bad="$bad
    error lines $got, expected $errors"
	got=$(lines_of "$f" warning)
	[ "$got" = "$warnings" ] || bad="$bad
    warning lines $got, expected $warnings"
	# what was counted is what the database holds
	if "$pubdb" --db "$tmp/db" export --format json </dev/null >"$tmp/all.json" 2>"$tmp/export.err"; then
		n=$(grep -c '^{"key":' "$tmp/all.json")
		[ "$n" = "$imported" ] || bad="$bad
    the json export has $n entries, expected $imported"
	else
		bad="$bad
    export --format json failed: $(head -n 1 "$tmp/export.err")"
	fi
	if [ -n "$bad" ]; then
		fail "$file:$bad"
		echo "    stderr of the import:"
		head -n 20 "$tmp/err" | sed "s|^$corpus/||" | cut -c 1-200 | sed 's/^/      /'
	else
		pass
	fi
done <"$data/expected-counts.tsv"

# ---- 2. golden entries ----

# export KEY from the database of REL (imported once per file) into $tmp/entry.json
export_key() {
	[ "${imported_as:-}" = "$1" ] || import_file "$1"
	"$pubdb" --db "$tmp/db" export --format json --key "$2" </dev/null >"$tmp/entry.json" \
		2>"$tmp/export.err"
}

# One "key":value per line, for a readable diff of a one-line JSON object.
split_json() {
	awk '{ gsub(/,"/, ",\n\""); print }' "$1"
}

find "$data/golden" -name '*.json' | LC_ALL=C sort >"$tmp/golden.list"
while IFS= read -r golden; do
	rel=${golden#"$data/golden/"}
	key=$(basename "$rel" .json)
	file=$(dirname "$rel").bib
	if ! [ -f "$corpus/$file" ]; then
		fail "golden/$rel: $file is not in the corpus"
		continue
	fi
	if ! export_key "$file" "$key"; then
		fail "golden/$rel: export --key $key failed: $(head -n 1 "$tmp/export.err")"
		continue
	fi
	if [ "${PUBDB_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$tmp/entry.json" "$golden"
		pass
	elif cmp -s "$golden" "$tmp/entry.json"; then
		pass
	else
		fail "golden/$rel differs from pubdb's export of '$key' from $file:"
		split_json "$golden" >"$tmp/want"
		split_json "$tmp/entry.json" >"$tmp/got"
		diff -u "$tmp/want" "$tmp/got" | sed -n '3,22p' | cut -c 1-200 | sed 's/^/    /'
	fi
done <"$tmp/golden.list"

# ---- 3. field fragments ----

while IFS="$tab" read -r file key fragment; do
	case $file in '' | '#'*) continue ;; esac
	if ! [ -f "$corpus/$file" ]; then
		fail "fields.tsv: $file is not in the corpus"
		continue
	fi
	if ! export_key "$file" "$key"; then
		fail "fields.tsv: $file $key: export failed: $(head -n 1 "$tmp/export.err")"
		continue
	fi
	if grep -qF -e "$fragment" "$tmp/entry.json"; then
		pass
	else
		fail "$file $key: the json export lacks $fragment"
		name=$(printf '%s\n' "$fragment" | sed -n 's/^[^"]*"\([^"]*\)".*/\1/p')
		split_json "$tmp/entry.json" | grep -F -e "\"$name\":" |
			head -n 5 | cut -c 1-200 | sed 's/^/    has: /'
	fi
done <"$data/fields.tsv"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
