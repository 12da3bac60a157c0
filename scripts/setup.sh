#!/bin/sh
# Installs what pubdb needs to build and test (Debian packages, as root),
# then configures and builds it in build/.
#
#   sh scripts/setup.sh            install what is missing, build
#   PUBDB_WERROR=1 sh ...          warnings are errors (CI does this)
set -eu
cd "$(dirname "$0")/.."

packages="gcc libc6-dev pkg-config meson ninja-build python3
	libbtparse-dev libcjson-dev libsqlite3-dev libutf8proc-dev libcmocka-dev"

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

werror=false
[ "${PUBDB_WERROR:-}" = 1 ] && werror=true
if [ -f build/build.ninja ]; then
	meson configure build -Dwerror=$werror >/dev/null
else
	meson setup build -Dwerror=$werror >/dev/null
fi
# quiet when it works, the compiler's words when it does not
if ! ninja -C build >build/ninja.log 2>&1; then
	cat build/ninja.log
	exit 1
fi
echo "built build/pubdb"
