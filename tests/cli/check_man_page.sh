#!/usr/bin/env bash
# The man page documents every command and option the program offers: each "--option" that
# PROGRAM's --help (and each command's --help) prints must appear in the rendered man page, and
# for rnnlab-cli every command must have its own SYNOPSIS line.
#
#   check_man_page.sh PROGRAM MAN_PAGE [COMMAND...]
set -u
program="$1"
page="$2"
shift 2

text=$(MANWIDTH=200 man -E UTF-8 -l "$page" 2>/dev/null | sed "s/.\x08//g") || {
  echo "FAIL: man could not render $page"
  exit 1
}
[[ -n $text ]] || { echo "FAIL: $page renders empty"; exit 1; }

failures=0
check_options() {  # check_options WHERE HELP_TEXT
  local where="$1" option
  for option in $(grep -oE -- '--[a-z][a-z0-9-]+' <<<"$2" | sort -u); do
    if ! grep -qF -- "$option" <<<"$text"; then
      echo "FAIL: $where offers $option, which $(basename "$page") does not mention"
      failures=$((failures + 1))
    fi
  done
}

check_options "$(basename "$program") --help" "$(QT_QPA_PLATFORM=offscreen "$program" --help 2>&1)"
for command in "$@"; do
  if ! grep -qE "^ +$(basename "$program") $command( |$)" <<<"$text"; then
    echo "FAIL: the SYNOPSIS has no line for '$command'"
    failures=$((failures + 1))
  fi
  check_options "$(basename "$program") $command --help" "$("$program" "$command" --help 2>&1)"
done
if [[ $failures -gt 0 ]]; then
  exit 1
fi
echo "PASS: $(basename "$page") mentions every command and option"
