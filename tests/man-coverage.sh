#!/bin/sh
# The man page documents every command, option, format and environment
# variable pubdb's own help names: commands from 'pubdb --help', options
# and variables from it and from each 'pubdb COMMAND --help', formats from
# the error for an unknown one. An option added without a word in
# doc/pubdb.1 fails here. Also: groff finds nothing to warn about.
#
#   man-coverage.sh PUBDB MANPAGE
set -u
pubdb=$1 man=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export PUBDB_DB="$tmp/db.sqlite" HOME="$tmp" NO_COLOR=1
fail=0
missing() {
	echo "doc/pubdb.1 does not document $1"
	fail=1
}
# roff writes a '-' that is a hyphen-minus as '\-'
roff() {
	printf '%s' "$1" | sed 's/-/\\-/g'
}

"$pubdb" --help >"$tmp/help" || { echo "pubdb --help failed"; exit 1; }
commands=$(sed -n '/^Commands:/,$p' "$tmp/help" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ "$(echo "$commands" | wc -w)" -ge 10 ] || { echo "too few commands in pubdb --help: $commands"; exit 1; }
for c in $commands; do
	grep -q "^\.SS pubdb $(roff "$c")\( \|$\)" "$man" || missing "the command '$c' (.SS pubdb $c)"
	"$pubdb" "$c" --help >>"$tmp/help" || { echo "pubdb $c --help failed"; fail=1; }
done

options=$(grep -o -- '--[a-z][a-z-]*\|[[ ]-[a-z][], ]' "$tmp/help" | tr -d '[], ' | sort -u)
[ "$(echo "$options" | wc -w)" -ge 30 ] || { echo "too few options found: $options"; exit 1; }
for o in $options; do
	grep -qF -- "$(roff "$o")" "$man" || missing "the option '$o'"
done

for v in $(grep -o '\$[A-Z_][A-Z_]*' "$tmp/help" | tr -d '$' | sort -u) NO_COLOR; do
	sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$man" | grep -qx "\.B $v" ||
		missing "the environment variable '$v' (under ENVIRONMENT)"
done

formats=$("$pubdb" export --format '?' 2>&1 | sed -n "s/.*unknown format '?' (\(.*\))/\1/p" | tr -d ',')
[ -n "$formats" ] || { echo "cannot read the formats from pubdb export --format ?"; exit 1; }
for f in $formats; do
	sed -n '/^\.SH FORMATS/,/^\.SH /p' "$man" | grep -qxF ".B $(roff "$f")" ||
		missing "the format '$f' (under FORMATS)"
done

version=$("$pubdb" --version)
grep -q "^\.TH PUBDB 1 [^ ]* \"$version\"" "$man" || missing "this version ('$version' in its .TH line)"

for s in 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES FILTERS; do
	grep -qx "\.SH $s" "$man" || missing "a section $s"
done

if command -v groff >/dev/null 2>&1; then
	groff -man -ww -z "$man" >"$tmp/groff" 2>&1
	if [ -s "$tmp/groff" ]; then
		echo "groff -man -ww:"
		cat "$tmp/groff"
		fail=1
	fi
fi
exit $fail
