#!/bin/sh
# The completion scripts: both parse (bash -n, zsh -n); the bash one loads
# ('complete -p pubdb') and completes commands, options, formats, and the
# venues and keys of the database --db names; both name every command and
# every option of pubdb's help.
#
#   completion.sh PUBDB SOURCEDIR
set -u
pubdb=$1 src=$2
bashc=$src/completions/pubdb.bash zshc=$src/completions/_pubdb
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" NO_COLOR=1 PUBDB_DB="$tmp/other.sqlite"
unset PUBDB_ME XDG_DATA_HOME
fail=0

bash -n "$bashc" || fail=1
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$zshc" || fail=1
else
	echo "zsh is not installed: zsh -n skipped"
fi

"$pubdb" --db "$tmp/cv.sqlite" --quiet import "$src/examples/cv.bib" || exit 1

# complete WORD... : what bash offers for the last word (sorted, one a line)
complete_words() {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		complete -p pubdb >/dev/null || { echo "complete -p pubdb: not registered"; exit 1; }
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_pubdb pubdb
		[ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$bashc" "$@"
}

# expect EXPECTED WORD... : the completion of the last WORD is EXPECTED
expect() {
	want=$1
	shift
	got=$(complete_words "$pubdb" "$@" | tr '\n' ' ')
	if [ "$got" != "$want" ]; then
		echo "bash completion of '$*': got '$got', expected '$want'"
		fail=1
	fi
}
db=$tmp/cv.sqlite
expect "list " li
expect "show stats " s
expect "--color " --col
expect "always auto " --color a
expect "csl-json " export --format c
expect "keys " list --format k
expect "json text " stats --format ""
expect "svg " stats --chart s
expect "topic type " export --group-by t
expect "xi2024jetfire " --db "$db" show xi2024
expect "tiwari2025quantspec " --db="$db" rm tiwari
expect "xi2025sparse " --db "$db" list --key xi2025s
expect "ICMI ICML " --db "$db" list --venue ICM
expect "NeurIPS " --db "$db" export --venue NeurIP
expect "" show xi2024	# without --db: PUBDB_DB, an empty database
expect "get me set unset " config ""
expect "export " help exp

# every command and option of the help, in both scripts
"$pubdb" --help >"$tmp/help"
commands=$(sed -n '/^Commands:/,$p' "$tmp/help" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ "$(echo "$commands" | wc -w)" -ge 10 ] || { echo "too few commands: $commands"; exit 1; }
got=$(complete_words "$pubdb" "" | tr '\n' ' ')
zsh_filters=$(sed -n '/^_pubdb_filters=(/,/^)/p' "$zshc")
for c in $commands; do
	case " $got " in *" $c "*) ;; *) echo "bash completion lacks the command '$c'"; fail=1 ;; esac
	grep -q "^    '$c:" "$zshc" || { echo "zsh completion lacks the command '$c'"; fail=1; }
	# the options a line of the help starts with, and those of the usage line
	opts=$("$pubdb" "$c" --help | sed -n -e 's/^usage: //p' -e '/^  *-/{s/^  *//;s/  .*//;p}' |
		grep -o -- '--[a-z][a-z-]*\|^-[a-z],' | tr -d ',' | sort -u)
	got_opts=$(complete_words "$pubdb" "$c" - | tr '\n' ' ')
	zsh_section=$(sed -n "/^    $c)/,/;;/p" "$zshc")
	for o in $opts; do
		case " $got_opts " in *" $o "*) ;; *) echo "bash completion of '$c' lacks '$o'"; fail=1 ;; esac
		case $o in --*) pat="$o" ;; *) pat="$o," ;; esac
		in_section=$(printf '%s\n' "$zsh_section" | grep -cF -- "$pat")
		in_filters=$(printf '%s\n' "$zsh_section" | grep -c '_pubdb_filters')
		[ "$in_filters" -gt 0 ] && in_filters=$(printf '%s\n' "$zsh_filters" | grep -cF -e "'*$pat=" -e "'$pat=" -e "'$pat[")
		if [ "$in_section" = 0 ] && [ "$in_filters" = 0 ]; then
			echo "zsh completion of '$c' lacks '$o'"
			fail=1
		fi
	done
done
exit $fail
