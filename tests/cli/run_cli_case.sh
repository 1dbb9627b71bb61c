#!/usr/bin/env bash
# Runs rnnlab-cli once in a fresh scratch folder and checks the CLI contract for that case.
#
#   run_cli_case.sh [--exit N] [--stderr REGEX] [--stdout REGEX] [--existing FILE] -- CLI [ARGS...]
#
#   --exit N         expected exit code (default 2, bad input)
#   --stderr REGEX   an extended regex the stderr line must match (besides the "rnnlab-cli: " prefix)
#   --stdout REGEX   stdout must match this extended regex (default: stdout must be empty when the
#                    exit code is not 0)
#   --existing FILE  create FILE (relative to the scratch folder) before the run and require that
#                    the run leaves it byte for byte unchanged
#   --stdout-full    send stdout to /dev/full, where every write fails
#
# On a non-zero exit it also requires exactly one stderr line starting with "rnnlab-cli: " and
# that the scratch folder holds exactly what it held before (no --out file, no temporary file).
# On exit 0 stderr must be empty. Relative paths in ARGS are relative to the scratch folder.
set -u

expected_exit=2
stderr_regex=""
stdout_regex=""
existing=()
stdout_target=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --exit) expected_exit="$2"; shift 2 ;;
    --stderr) stderr_regex="$2"; shift 2 ;;
    --stdout) stdout_regex="$2"; shift 2 ;;
    --existing) existing+=("$2"); shift 2 ;;
    --stdout-full) stdout_target=/dev/full; shift ;;
    --) shift; break ;;
    *) echo "run_cli_case.sh: unknown option $1" >&2; exit 99 ;;
  esac
done
if [[ $# -lt 1 ]]; then
  echo "run_cli_case.sh: no command to run" >&2
  exit 99
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch" "$scratch.stdout" "$scratch.stderr"' EXIT
cd "$scratch" || exit 99
for file in "${existing[@]+"${existing[@]}"}"; do
  printf 'previous contents of %s\n' "$file" > "$file"
done
before="$(find . -exec stat -c '%n %s %y' {} + | sort)"

"$@" > "${stdout_target:-$scratch.stdout}" 2> "$scratch.stderr"
actual_exit=$?
touch "$scratch.stdout"
stdout="$(cat "$scratch.stdout")"
stderr="$(cat "$scratch.stderr")"
stderr_lines="$(wc -l < "$scratch.stderr")"
rm -f "$scratch.stdout" "$scratch.stderr"
after="$(find . -exec stat -c '%n %s %y' {} + | sort)"

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

echo "command: $*"
echo "exit code: $actual_exit"
echo "stdout: $stdout"
echo "stderr: $stderr"

[[ "$actual_exit" == "$expected_exit" ]] || fail "exit code $actual_exit, expected $expected_exit"

if [[ "$expected_exit" != 0 ]]; then
  [[ "$stderr_lines" == 1 ]] || fail "stderr has $stderr_lines lines, expected exactly 1"
  [[ "$stderr" == "rnnlab-cli: "* ]] || fail "stderr does not start with 'rnnlab-cli: '"
  if [[ -z "$stdout_regex" && -n "$stdout" ]]; then
    fail "stdout is not empty"
  fi
  [[ "$before" == "$after" ]] || fail "the run changed the scratch folder:
before:
$before
after:
$after"
else
  [[ -z "$stderr" ]] || fail "stderr is not empty on success"
fi
if [[ -n "$stderr_regex" ]] && ! grep -Eq -- "$stderr_regex" <<< "$stderr"; then
  fail "stderr does not match /$stderr_regex/"
fi
if [[ -n "$stdout_regex" ]] && ! grep -Eq -- "$stdout_regex" <<< "$stdout"; then
  fail "stdout does not match /$stdout_regex/"
fi
for file in "${existing[@]+"${existing[@]}"}"; do
  [[ "$(cat "$file" 2> /dev/null)" == "previous contents of $file" ]] || fail "$file was changed"
done

if [[ $failures -gt 0 ]]; then
  exit 1
fi
echo "PASS"
