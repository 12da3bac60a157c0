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
