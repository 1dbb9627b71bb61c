#!/usr/bin/env bash
# `export` and `import` through the command line:
#   1. export --dtype f64, then import into the same session: the new session's grads output is
#      identical to the original's, for every cell;
#   2. bad input gets exit 2, one stderr line naming the tensor or key, and no file written:
#      a truncated file, a lying header length, overlapping and out-of-range offsets, an
#      unsupported dtype, a renamed tensor, a wrong shape, a file of another cell, --dtype f16.
#
#   check_export_import.sh CLI DATA_FOLDER
set -u
cli="$1"
data="$2"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 99

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

for base in example sequence_weights lstm_sequence_weights lstm_seeded gru_last_cross_entropy; do
  session="$data/$base.rnnlab.json"
  "$cli" export "$session" --out "$base.safetensors" || fail "$base: export failed"
  "$cli" import "$base.safetensors" --session "$session" --out "$base.imported.json" ||
    fail "$base: import failed"
  diff <("$cli" grads "$session") <("$cli" grads "$base.imported.json") > /dev/null ||
    fail "$base: grads of the imported session differ from the original's"
  echo "$base: export, import, grads identical"
done

# A text session's export names its vocabulary in __metadata__ (spec v2 §5): the distinct code
# points of its texts in ascending order, as UTF-8; a numeric session's has none.
"$cli" export "$data/text_small.rnnlab.json" --out text.safetensors || fail "text: export failed"
python3 - "$data/text_small.rnnlab.json" text.safetensors example.safetensors <<'PY' ||
import json, struct, sys
session = json.load(open(sys.argv[1], encoding="utf-8"))["data"]
expected = "".join(sorted(set(session["text"] + session.get("validation_text", ""))))
def metadata(path):
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    return json.loads(raw[8:8 + n].decode("utf-8")).get("__metadata__", {})
text = metadata(sys.argv[2])
if text.get("vocabulary") != expected:
    sys.exit(f"vocabulary {text.get('vocabulary')!r}, expected {expected!r}")
if "vocabulary" in metadata(sys.argv[3]):
    sys.exit("a numeric session's export has a vocabulary")
PY
  fail "text: __metadata__.vocabulary is not the session's vocabulary"
echo "text_small: __metadata__.vocabulary is the session's vocabulary"

# refused CASE REGEX ARGS...: exit 2, one stderr line matching REGEX, out.rnnlab.json not created.
refused() {
  local name="$1" regex="$2"
  shift 2
  rm -f out.rnnlab.json out.safetensors
  "$cli" "$@" > stdout.txt 2> stderr.txt
  local status=$?
  [[ $status == 2 ]] || fail "$name: exit $status, expected 2"
  [[ $(wc -l < stderr.txt) == 1 ]] || fail "$name: stderr is not one line: $(cat stderr.txt)"
  grep -Eq -e "$regex" stderr.txt || fail "$name: stderr '$(cat stderr.txt)' does not match $regex"
  [[ ! -s stdout.txt ]] || fail "$name: wrote to stdout"
  [[ ! -e out.rnnlab.json && ! -e out.safetensors ]] || fail "$name: wrote a file"
  echo "$name: $(cat stderr.txt)"
}

lstm="$data/lstm_sequence_weights.rnnlab.json"
"$cli" export "$lstm" --out good.safetensors || fail "export of $lstm failed"
# Makes bad files from the good one with Python's standard library.
python3 - good.safetensors <<'PY' || fail "could not make the bad files"
import json, struct, sys
raw = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
data = raw[8 + n:]

def write(name, header_obj, body, length=None):
    text = json.dumps(header_obj).encode()
    open(name, "wb").write(struct.pack("<Q", len(text) if length is None else length) + text + body)

open("truncated.safetensors", "wb").write(raw[:len(raw) - 5])
write("lying_length.safetensors", header, data, length=n + 10**6)
h = json.loads(json.dumps(header)); h["fc.bias"]["data_offsets"] = [0, 16]
write("overlap.safetensors", h, data)
h = json.loads(json.dumps(header)); e = h["fc.bias"]["data_offsets"]; h["fc.bias"]["data_offsets"] = [e[0] + 8, e[1] + 8]
write("out_of_range.safetensors", h, data)
h = json.loads(json.dumps(header)); h["fc.weight"]["dtype"] = "I64"
write("wrong_dtype.safetensors", h, data)
h = json.loads(json.dumps(header)); h["fc.weights"] = h.pop("fc.weight")
write("renamed.safetensors", h, data)
h = json.loads(json.dumps(header)); h["rnn.weight_hh_l0"]["shape"] = [4, 16]; h["__metadata__"] = {}
write("wrong_shape.safetensors", h, data)
PY
refused truncated "good|truncated|fc\\.bias" import truncated.safetensors --session "$lstm" --out out.rnnlab.json
refused lying_length "header length says" import lying_length.safetensors --session "$lstm" --out out.rnnlab.json
refused overlap "fc\\.bias|overlap" import overlap.safetensors --session "$lstm" --out out.rnnlab.json
refused out_of_range "fc\\.bias.*end at" import out_of_range.safetensors --session "$lstm" --out out.rnnlab.json
refused wrong_dtype "fc\\.weight.*dtype I64" import wrong_dtype.safetensors --session "$lstm" --out out.rnnlab.json
refused renamed "fc\\.weights" import renamed.safetensors --session "$lstm" --out out.rnnlab.json
refused wrong_shape "rnn\\.weight_hh_l0.*shape \\[4, 16\\]" import wrong_shape.safetensors --session "$lstm" --out out.rnnlab.json
refused other_cell "__metadata__\\.cell.*lstm.*gru" import good.safetensors --session "$data/gru_seeded.rnnlab.json" --out out.rnnlab.json
refused bad_dtype_option "--dtype.*f16" export "$lstm" --out out.safetensors --dtype f16
refused export_missing_folder "--out.*does not exist" export "$lstm" --out missing/out.safetensors
refused import_missing_file "nothing\\.safetensors: no such file" import nothing.safetensors --session "$lstm" --out out.rnnlab.json

if [[ $failures -gt 0 ]]; then
  exit 1
fi
echo "PASS"
