#!/bin/sh
# meson install --destdir: the binary, the man page, both completions, and
# the README, examples and doc/performance.md under share/doc/pubdb; the
# installed pubdb runs, and bash loads the installed completion.
#
#   install-layout.sh BUILDDIR
set -u
build=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/root" >"$tmp/log" 2>&1; then
	cat "$tmp/log"
	exit 1
fi
bin=$(find "$tmp/root" -path '*/bin/pubdb' -type f)
[ -n "$bin" ] || { echo "no bin/pubdb installed"; find "$tmp/root"; exit 1; }
prefix=$(dirname "$(dirname "$bin")")
fail=0
for f in share/man/man1/pubdb.1 share/bash-completion/completions/pubdb \
	share/zsh/site-functions/_pubdb share/doc/pubdb/README.md \
	share/doc/pubdb/examples/cv.bib share/doc/pubdb/examples/README.md \
	share/doc/pubdb/doc/performance.md; do
	[ -s "$prefix/$f" ] || { echo "not installed: PREFIX/$f"; fail=1; }
done
[ -x "$bin" ] && "$bin" --version | grep -q '^pubdb [0-9]' || { echo "the installed pubdb does not run"; fail=1; }
bash --norc --noprofile -c '. "$1" && complete -p pubdb >/dev/null' sh \
	"$prefix/share/bash-completion/completions/pubdb" || { echo "bash cannot load the installed completion"; fail=1; }
exit $fail
