# What the corpus test scripts share; sourced, not run:
#
#   . "$(dirname "$0")/corpus-lib.sh"
#
# The scripts exit 0 on pass, 1 on failure and 77 (meson's "skip") when
# the corpus or a tool they need is absent, as in a release tarball.

# skip_unless_corpus DIR: the corpus folder, or skip.
skip_unless_corpus() {
	if ! [ -d "$1" ]; then
		echo "skip: corpus folder '$1' is not available"
		exit 77
	fi
}

# skip_unless_tools HINT TOOL...: every TOOL on PATH, or skip (HINT says
# which Debian packages have them; may be empty).
skip_unless_tools() {
	hint=$1
	shift
	for tool; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			echo "skip: '$tool' is not installed${hint:+ ($hint)}"
			exit 77
		fi
	done
}

# enter_scratch: $tmp, a temporary folder removed on exit, as HOME, and an
# environment where no setting of the user's reaches pubdb.
enter_scratch() {
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
	export HOME="$tmp" NO_COLOR=1 LC_ALL=C.UTF-8
	unset PUBDB_DB PUBDB_ME XDG_DATA_HOME XDG_CONFIG_HOME
}

# check_corpus_files [NAME...]: runs the script's check_file, which sets
# bad=1 on a failure, with $f set to each corpus file: the NAMEs (paths
# relative to $corpus), else every .bib of it (top level, malformed/,
# large/). Sets files and failed; no file at all is a failure.
check_corpus_files() {
	if [ $# -eq 0 ]; then
		set -- "$corpus"/*.bib "$corpus"/malformed/*.bib "$corpus"/large/*.bib
	else
		for name; do
			set -- "$@" "$corpus/$name"
			shift
		done
	fi
	files=0 failed=0
	for f; do
		files=$((files + 1))
		[ -f "$f" ] || { echo "FAIL: $f: no such file"; failed=$((failed + 1)); continue; }
		bad=0
		check_file
		[ $bad -eq 0 ] || failed=$((failed + 1))
	done
	if [ $files -eq 0 ]; then
		echo "FAIL: no .bib file found in '$corpus'"
		exit 1
	fi
}
