#!/usr/bin/env bash
# Fails when a file in ui/<folder>/ includes a header from a folder that is not below it, or when
# two headers include each other. The order (lowest first) is ui/CMakeLists.txt's.
set -euo pipefail
ui=${1:?usage: check_layers.sh UI_DIR}
declare -A allowed=(
  [widgets]="widgets"
  [training]="training"
  [document]="document"
  [editors]="editors widgets document"
  [views]="views widgets"
  [inspection]="inspection widgets"
  [text]="text widgets training i18n"
  [lessons]="lessons inspection text training document widgets"
  [shell]="shell lessons editors views inspection text training document widgets i18n"
  [i18n]="i18n"
)
status=0
for folder in "${!allowed[@]}"; do
  [[ -d "$ui/$folder" ]] || { echo "missing folder ui/$folder"; status=1; continue; }
  while IFS= read -r line; do
    file=${line%%:*}
    target=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"$line")
    if [[ " ${allowed[$folder]} " != *" $target "* ]]; then
      echo "upward or sideways include: $line"
      status=1
    fi
  done < <(grep -HnE '#include "[a-z_]+/[a-z_]+\.h"' "$ui/$folder"/*.h "$ui/$folder"/*.cpp 2>/dev/null | grep -v '"rnnlab/' || true)
done
for folder in $(ls "$ui"); do
  for f in "$ui/$folder"/*.*; do
    [[ -f "$f" ]] || continue
    case "$f" in *.h|*.cpp) ;; *) continue ;; esac
    if grep -qE '^[^/]*#include "[a-z_]+/[a-z_]+\.h"' "$f" && grep -qE '#include "[a-z_]+\.h"' "$f"; then
      echo "include without its folder: $f"
      status=1
    fi
  done
done
# Header cycles: a.h includes b.h and b.h includes a.h, or a.cpp's pair includes each other's.
for h in "$ui"/*/*.h; do
  rel=${h#"$ui"/}
  while IFS= read -r inc; do
    other="$ui/$inc"
    base=${inc%.h}
    for partner in "$other" "$ui/$base.cpp"; do
      [[ -f "$partner" ]] || continue
      if grep -q "#include \"$rel\"" "$partner" && [[ "$partner" != "$ui/${rel%.h}.cpp" ]]; then
        echo "include cycle: $rel <-> ${partner#"$ui"/}"
        status=1
      fi
    done
  done < <(grep -hoE '#include "[a-z_]+/[a-z_]+\.h"' "$h" | sed -E 's/#include "(.*)"/\1/')
done
for c in "$ui"/*/*.cpp; do
  rel=${c#"$ui"/}; own=${rel%.cpp}.h
  while IFS= read -r inc; do
    [[ "$inc" == "$own" ]] && continue
    partner="$ui/${inc%.h}.cpp"
    [[ -f "$partner" ]] || continue
    if grep -q "#include \"$own\"" "$partner"; then
      echo "include cycle: ${rel%.cpp} <-> ${inc%.h}"
      status=1
    fi
  done < <(grep -hoE '#include "[a-z_]+/[a-z_]+\.h"' "$c" | sed -E 's/#include "(.*)"/\1/')
done
if ((status == 0)); then echo "ui layers: every include points down, no cycles"; fi
exit $status
