#!/usr/bin/env bash
# Build cardlint's compiled wheel (mypyc; see docs/performance.md) into DIST, print its path.
#
#     scripts/compiled-wheel.sh [DIST]        (default: dist/)
#
# Needs a C compiler and the Python headers. mypyc writes its extension modules beside the
# sources it compiles, so the wheel is built from a copy of the tracked files as they are in
# the working tree: the working tree never holds compiled modules that an editable install
# would import in place of the code being edited.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(mkdir -p "${1:-dist}" && cd "${1:-dist}" && pwd)
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT

git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$copy"
python3 -m venv "$copy/.build-venv"
(cd "$copy" && HATCH_BUILD_HOOK_ENABLE_MYPYC=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    .build-venv/bin/pip wheel -q --no-deps -w "$copy/wheel" .)
wheel=$(ls "$copy"/wheel/cardlint-*.whl)
case "$wheel" in
    *-none-any.whl) echo "compiled-wheel: built a pure wheel, not a compiled one" >&2; exit 1 ;;
esac
cp "$wheel" "$dist/"
echo "$dist/$(basename "$wheel")"
