#!/usr/bin/env bash
# The standing proof that the core is Qt-free: rnnlab-cli links only the core, so neither its
# direct dependencies (readelf) nor anything the loader pulls in (ldd) may be a Qt library.
#
#   check_no_qt.sh BINARY
set -u
binary="$1"

needed="$(readelf -d "$binary")" || { echo "FAIL: readelf could not read $binary"; exit 1; }
libraries="$(ldd "$binary")" || { echo "FAIL: ldd could not list $binary's libraries"; exit 1; }
echo "$libraries"

if grep -E 'libQt[0-9]' <<< "$needed$libraries"; then
  echo "FAIL: $binary links Qt"
  exit 1
fi
echo "PASS"
