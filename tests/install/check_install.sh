#!/usr/bin/env bash
# Installs this build folder into a throw-away prefix and checks what a Debian desktop reads there:
# the exact file list, the desktop entry (desktop-file-validate), the AppStream metainfo
# (appstreamcli validate --no-net, also with the tree around it) and its release matching the
# project version, the MIME type (update-mime-database maps *.rnnlab.json to it), the icon sizes,
# the man pages (man --warnings), and that the installed binaries run from the prefix and print
# the project version.
set -euo pipefail
build=$1 source=$2 version=$3 gui=$4 app_id=$5

fail() {
  echo "FAIL: $*"
  exit 1
}
need() {
  command -v "$1" >/dev/null || fail "$1 is missing: install the Debian package $2 (bash .ci/install-deps)"
}
need man man-db
if [[ $gui == ON ]]; then
  need desktop-file-validate desktop-file-utils
  need appstreamcli appstream
  need update-mime-database shared-mime-info
fi

# The prefix is root/usr, so that appstreamcli validate-tree can read root as a system's tree.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
prefix=$root/usr
cmake --install "$build" --prefix "$prefix" >/dev/null

# -- the file list, exactly: a stray or missing file fails
expected=(
  bin/rnnlab-cli
  share/man/man1/rnnlab-cli.1.gz
  share/doc/rnnlab/copyright
  share/doc/rnnlab/changelog.gz
)
# Every preset the app compiles in (resources/presets/*.rnnlab.json) is installed as a file too.
for preset in "$source"/resources/presets/*.rnnlab.json; do
  expected+=("share/rnnlab/presets/$(basename "$preset")")
done
if [[ $gui == ON ]]; then
  expected+=(
    bin/rnnlab
    share/applications/rnnlab.desktop
    "share/metainfo/$app_id.metainfo.xml"
    share/mime/packages/rnnlab.xml
    share/man/man1/rnnlab.1.gz
    share/icons/hicolor/scalable/apps/rnnlab.svg
  )
  for size in 16 32 48 64 128 256; do
    expected+=("share/icons/hicolor/${size}x${size}/apps/rnnlab.png")
  done
fi
actual=$(cd "$prefix" && find . -type f | sed 's|^\./||' | sort)
wanted=$(printf '%s\n' "${expected[@]}" | sort)
if [[ "$actual" != "$wanted" ]]; then
  diff <(echo "$wanted") <(echo "$actual") || true
  fail "the installed files differ from the expected list (< expected, > installed)"
fi
echo "ok: ${#expected[@]} files where expected"

# -- presets: byte for byte the ones the app compiles in
for preset in "$source"/resources/presets/*.rnnlab.json; do
  cmp -s "$preset" "$prefix/share/rnnlab/presets/$(basename "$preset")" ||
    fail "installed preset $(basename "$preset") differs from resources/presets"
done

# -- binaries run from the prefix and print the project version
[[ -x $prefix/bin/rnnlab-cli ]] || fail "bin/rnnlab-cli is not executable"
cli_version=$("$prefix/bin/rnnlab-cli" --version)
[[ $cli_version == "rnnlab-cli $version" ]] || fail "rnnlab-cli --version printed '$cli_version'"
tail_line=$("$prefix/bin/rnnlab-cli" train "$prefix/share/rnnlab/presets/sine.rnnlab.json" \
  --iterations 20 --print-every 10 | tail -n 1)
[[ $tail_line =~ ^final\ loss\ [0-9] ]] || fail "installed rnnlab-cli train printed '$tail_line'"
echo "ok: $cli_version; trains the installed sine preset ($tail_line)"

# -- man pages: render without warnings and carry the version
for page in "$prefix"/share/man/man1/*.1.gz; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
  [[ -z $warnings ]] || fail "man warns about $(basename "$page"): $warnings"
  zcat "$page" | grep -q "^\.TH .*\"RNN Lab $version\"" ||
    fail "$(basename "$page") does not carry version $version in .TH"
done
LC_ALL=C.UTF-8 MANWIDTH=80 man -E UTF-8 -l "$prefix/share/man/man1/rnnlab-cli.1.gz" 2>/dev/null |
  grep -q "EXIT STATUS" || fail "rnnlab-cli.1 has no EXIT STATUS section"
echo "ok: man pages render without warnings"

if [[ $gui != ON ]]; then
  exit 0
fi

gui_version=$(QT_QPA_PLATFORM=offscreen "$prefix/bin/rnnlab" --version 2>/dev/null)
[[ $gui_version == "RNN Lab $version" ]] || fail "rnnlab --version printed '$gui_version'"
echo "ok: $gui_version"

# -- desktop entry
desktop=$prefix/share/applications/rnnlab.desktop
# Hints (e.g. two main categories, Education and Science, on purpose) are not errors.
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects rnnlab.desktop"
grep -qx 'Exec=rnnlab %f' "$desktop" || fail "rnnlab.desktop: Exec is not 'rnnlab %f'"
grep -qx 'Icon=rnnlab' "$desktop" || fail "rnnlab.desktop: Icon is not 'rnnlab'"
grep -q '^Categories=Education;Science;' "$desktop" || fail "rnnlab.desktop: Categories"
grep -qx 'MimeType=application/x-rnnlab-session;' "$desktop" || fail "rnnlab.desktop: MimeType"
echo "ok: desktop-file-validate accepts rnnlab.desktop"

# -- AppStream metainfo: valid, names the desktop file, its newest release is this version
metainfo=$prefix/share/metainfo/$app_id.metainfo.xml
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli rejects $app_id.metainfo.xml"
grep -q "<id>$app_id</id>" "$metainfo" || fail "the metainfo's id is not $app_id"
grep -q '<launchable type="desktop-id">rnnlab.desktop</launchable>' "$metainfo" ||
  fail "the metainfo does not launch rnnlab.desktop"
newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)
[[ $newest == "$version" ]] ||
  fail "the metainfo's newest release is '$newest', the project is $version: add a <release>"
# The whole tree: the metainfo's launchable desktop file, icon and binaries are where it says.
appstreamcli validate-tree --no-net "$root" || fail "appstreamcli validate-tree rejects the tree"
echo "ok: appstreamcli accepts the metainfo and the installed tree; newest release $newest"

# -- MIME type: the shared-mime-info database built from the prefix maps the glob
update-mime-database "$prefix/share/mime" >/dev/null 2>&1 || fail "update-mime-database rejects share/mime/packages/rnnlab.xml"
grep -q '^60:application/x-rnnlab-session:\*\.rnnlab\.json' "$prefix/share/mime/globs2" ||
  fail "update-mime-database did not map *.rnnlab.json to application/x-rnnlab-session"
echo "ok: *.rnnlab.json is application/x-rnnlab-session"

# -- icons: each PNG has the size of its folder; the SVG is an SVG
for size in 16 32 48 64 128 256; do
  png=$prefix/share/icons/hicolor/${size}x${size}/apps/rnnlab.png
  dimensions=$(python3 -c '
import struct, sys
data = open(sys.argv[1], "rb").read(24)
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
print("%dx%d" % struct.unpack(">II", data[16:24]))' "$png")
  [[ $dimensions == "${size}x${size}" ]] || fail "$png is $dimensions"
done
grep -q '<svg' "$prefix/share/icons/hicolor/scalable/apps/rnnlab.svg" || fail "rnnlab.svg is no SVG"
echo "ok: icons at 16, 32, 48, 64, 128, 256 px and scalable"
