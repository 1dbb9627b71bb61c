#!/usr/bin/env bash
# `cmake --install` into a prefix nobody may write to must fail with a message that names the
# folder, and leave the prefix exactly as it was. Root may write anywhere, so as root the install
# runs as the unprivileged user "nobody" (setpriv, from util-linux).
#
# What this does not cover: a prefix whose first folders are writable and a later one is not
# (say bin/ writable, share/ not). CMake installs file by file, so the files before the failing one
# stay; the usual cases (a root-owned /usr/local or /opt, a read-only folder) fail at the first file.
set -euo pipefail
build=$1

work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
chmod 755 "$work"
prefix=$work/readonly-prefix
mkdir -p "$prefix/share/existing"
echo "kept" >"$prefix/share/existing/file.txt"
chmod -R a-w "$prefix"

run=()
if [[ $(id -u) -eq 0 ]]; then
  if ! command -v setpriv >/dev/null; then
    echo "SKIPPED: running as root and setpriv (util-linux) is missing: cannot test as a normal user"
    exit 77
  fi
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi

snapshot() { (cd "$prefix" && find . -printf '%p %y %m %s %T@\n' | sort); }
before=$(snapshot)

status=0
"${run[@]}" cmake --install "$build" --prefix "$prefix" >"$work/out.txt" 2>&1 || status=$?
cat "$work/out.txt"

if [[ $status -eq 0 ]]; then
  echo "FAIL: cmake --install into the read-only $prefix succeeded"
  exit 1
fi
# CMake's own message names the folder it could not create.
if ! grep -q "cannot create directory: $prefix/bin" "$work/out.txt"; then
  echo "FAIL: the message does not say that $prefix/bin could not be created"
  exit 1
fi
after=$(snapshot)
if [[ "$before" != "$after" ]]; then
  echo "FAIL: the prefix changed:"
  diff <(echo "$before") <(echo "$after") || true
  exit 1
fi
echo "OK: exit status $status, one clear message, the prefix unchanged"
