#!/usr/bin/env bash
# CI: builds the Debian package the way a release would (portable: RNNLAB_NATIVE=OFF; GUI on) and
# checks it:
#   - dpkg-deb -I: name, version, section, maintainer, and a Depends line that names the runtime
#     packages (found by dpkg-shlibdeps) plus qt6-qpa-plugins and no -dev package;
#   - dpkg-deb -c: exactly the expected files under /usr, the copyright file and changelog included;
#   - lintian (Debian's policy checker) finds no error (nothing suppressed);
#   - the binaries use no AVX/AVX-512 registers (a -march=native build would crash elsewhere);
#   - every shared library the extracted binaries load comes from a package that the Depends line
#     pulls in (apt-cache depends --recurse), so dpkg -i plus apt would bring everything;
#   - extracted with dpkg-deb -x into a throw-away folder, the binaries run from there:
#     rnnlab-cli --version, rnnlab-cli train (the built-in example), rnnlab --version and an
#     offscreen screenshot of the window.
#
# Where the binaries come from:
#   - RNNLAB_PACKAGE_FROM_BUILD=DIR packages an existing build (as .ci/run does with the test
#     build, configured with -DRNNLAB_NATIVE=OFF): no second compilation of the app, and the
#     package holds the very binaries the tests ran. DIR must be a portable Release build with the
#     GUI; anything else is refused.
#   - Otherwise it configures and builds its own portable tree in RNNLAB_PACKAGE_BUILD_DIR
#     (default build-package), without tests or benchmarks, so only the app is compiled.
#
# What it cannot check on this machine: a real `dpkg -i` on a system that has only the runtime
# libraries. This machine has the -dev packages, the compiler and Qt's tools installed, so a
# missing Depends entry would go unnoticed by a plain install here; the apt-cache closure check
# above is the stand-in. It also cannot see the entry in a real desktop menu, the icon in a real
# theme, or the xcb platform plugin on a real X display (only Qt's offscreen platform runs here).
# With RNNLAB_CHECK_DPKG_INSTALL=1 (as root, and only if no rnnlab package is installed yet) it
# additionally runs dpkg -i on this machine, runs the installed binaries, and removes the package.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "check-package: FAIL: $*" >&2
  exit 1
}

cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }

if [[ -n ${RNNLAB_PACKAGE_FROM_BUILD:-} ]]; then
  build=$RNNLAB_PACKAGE_FROM_BUILD
  echo "== Debian package (from the existing build in $build)"
  [[ -f $build/CMakeCache.txt ]] || fail "$build is not a configured build folder"
  [[ $(cache_value RNNLAB_NATIVE) == OFF ]] ||
    fail "$build was configured with RNNLAB_NATIVE=ON: its binaries run only on CPUs like this" \
      "one; configure it with -DRNNLAB_NATIVE=OFF or leave RNNLAB_PACKAGE_FROM_BUILD unset"
  [[ $(cache_value RNNLAB_BUILD_GUI) == ON ]] || fail "$build was configured without the GUI"
  [[ $(cache_value CMAKE_BUILD_TYPE) == Release ]] || fail "$build is not a Release build"
  [[ -z $(cache_value RNNLAB_SANITIZE) ]] || fail "$build is a sanitizer build"
  # A no-op after .ci/test; it only makes sure nothing is stale (cpack would build it anyway).
  cmake --build "$build" -j "$(nproc)"
else
  build=${RNNLAB_PACKAGE_BUILD_DIR:-build-package}
  echo "== Debian package (portable build in $build)"
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRNNLAB_NATIVE=OFF \
    -DRNNLAB_BUILD_GUI=ON -DBUILD_TESTING=OFF -DRNNLAB_BUILD_BENCHMARKS=OFF "${launcher[@]}" \
    >/dev/null
  cmake --build "$build" -j "$(nproc)"
fi
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
app_id=$(sed -n 's/^set(RNNLAB_APP_ID "\(.*\)")$/\1/p' cmake/RnnlabInstall.cmake)
[[ -n $version && -n $app_id ]] || fail "could not read the project version or the AppStream id"

rm -f "$build"/rnnlab_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$build/rnnlab_${version}_$(dpkg --print-architecture).deb
[[ -f $deb ]] || fail "cpack did not write $deb"
echo "package: $deb ($(stat -c %s "$deb") bytes)"

# -- control fields
dpkg-deb -I "$deb"
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == rnnlab ]] || fail "Package is '$(field Package)'"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', expected $version"
[[ $(field Section) == education ]] || fail "Section is '$(field Section)'"
[[ $(field Maintainer) =~ \<.+@.+\> ]] || fail "Maintainer '$(field Maintainer)' has no address"
[[ -n $(field Description) ]] || fail "no Description"
depends=$(field Depends)
# Package names only, one per line: "libqt6gui6 (>= 6.1.2), libc6 (>= 2.35)" -> libqt6gui6, libc6.
depend_names=$(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*)//; s/[[:space:]]//g' | sed '/^$/d')
for package in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 \
  qt6-qpa-plugins; do
  grep -qx "$package" <<<"$depend_names" || fail "Depends does not name $package: $depends"
done
if grep -q -- '-dev$' <<<"$depend_names"; then
  fail "Depends names a -dev package: $depends"
fi
echo "ok: control fields; Depends: $depends"

# -- file list, exactly
expected=(
  ./usr/bin/rnnlab
  ./usr/bin/rnnlab-cli
  ./usr/share/applications/rnnlab.desktop
  "./usr/share/metainfo/$app_id.metainfo.xml"
  ./usr/share/mime/packages/rnnlab.xml
  ./usr/share/man/man1/rnnlab-cli.1.gz
  ./usr/share/man/man1/rnnlab.1.gz
  ./usr/share/icons/hicolor/scalable/apps/rnnlab.svg
  ./usr/share/doc/rnnlab/copyright
  ./usr/share/doc/rnnlab/changelog.gz
)
# Every preset the app compiles in is installed as a file too.
for preset in resources/presets/*.rnnlab.json; do
  expected+=("./usr/share/rnnlab/presets/$(basename "$preset")")
done
for size in 16 32 48 64 128 256; do
  expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/rnnlab.png")
done
files=$(dpkg-deb -c "$deb" | grep -v '^d' | awk '{print $6}' | sort)
wanted=$(printf '%s\n' "${expected[@]}" | sort)
if [[ "$files" != "$wanted" ]]; then
  diff <(echo "$wanted") <(echo "$files") || true
  fail "the package's files differ from the expected list (< expected, > in the package)"
fi
if dpkg-deb -c "$deb" | grep -qv ' root/root '; then
  fail "a file in the package is not owned by root/root"
fi
echo "ok: ${#expected[@]} files, all root/root"

# -- Debian's own package checker, with nothing suppressed.
if command -v lintian >/dev/null; then
  status=0
  report=$(lintian --fail-on error "$deb" 2>&1) || status=$?
  grep -v 'running with root privileges' <<<"$report" || true
  [[ $status -eq 0 ]] || fail "lintian reports errors (above)"
  echo "ok: lintian reports no errors"
else
  echo "note: lintian is not installed; the package was not checked against Debian's policy"
fi

# -- extract into a throw-away root and run from there
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin

for program in rnnlab rnnlab-cli; do
  if objdump -d --no-show-raw-insn "$bin/$program" | grep -q '%[yz]mm'; then
    fail "$program uses AVX/AVX-512 registers: the package was not built with RNNLAB_NATIVE=OFF"
  fi
done
echo "ok: no AVX/AVX-512 instructions (portable x86-64 baseline)"

# Every library the binaries load must belong to a package that Depends pulls in.
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $depend_names 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u)
for program in rnnlab rnnlab-cli; do
  if ldd "$bin/$program" | grep -q 'not found'; then
    fail "$program: $(ldd "$bin/$program" | grep 'not found' | head -n 1)"
  fi
  for library in $(ldd "$bin/$program" | awk '$2 == "=>" && $3 ~ /^\// {print $3}'); do
    real=$(realpath "$library")
    owner=$(dpkg -S "$library" 2>/dev/null || dpkg -S "$real" 2>/dev/null ||
      dpkg -S "${real#/usr}" 2>/dev/null || true)
    owner=${owner%%:*}
    owner=${owner%%,*}
    [[ -n $owner ]] || fail "$program loads $library, which no Debian package owns"
    grep -qx "$owner" <<<"$closure" ||
      fail "$program loads $library from $owner, which the Depends line does not pull in"
  done
done
echo "ok: every shared library of rnnlab and rnnlab-cli comes from a package that Depends pulls in"

cli_version=$("$bin/rnnlab-cli" --version)
[[ $cli_version == "rnnlab-cli $version" ]] || fail "extracted rnnlab-cli --version: '$cli_version'"
train_output=$("$bin/rnnlab-cli" train)
[[ $(tail -n 1 <<<"$train_output") =~ ^final\ loss\ [0-9] ]] ||
  fail "extracted rnnlab-cli train printed: $(tail -n 3 <<<"$train_output")"
[[ $(grep -c '^iteration ' <<<"$train_output") -eq 10 ]] ||
  fail "extracted rnnlab-cli train did not print 10 loss lines for the built-in example"
"$bin/rnnlab-cli" train "$root/usr/share/rnnlab/presets/hello.rnnlab.json" --iterations 50 \
  --print-every 50 >/dev/null || fail "extracted rnnlab-cli cannot train the packaged hello preset"
echo "ok: $cli_version; train: $(tail -n 1 <<<"$train_output")"

gui_version=$(QT_QPA_PLATFORM=offscreen "$bin/rnnlab" --version 2>/dev/null)
[[ $gui_version == "RNN Lab $version" ]] || fail "extracted rnnlab --version: '$gui_version'"
QT_QPA_PLATFORM=offscreen "$bin/rnnlab" --preset hello --train 20 --size 1024x640 \
  --screenshot "$root/window.png" 2>/dev/null || fail "extracted rnnlab could not make a screenshot"
[[ $(stat -c %s "$root/window.png") -gt 10000 ]] || fail "the screenshot is nearly empty"
echo "ok: $gui_version; an offscreen screenshot of the window ($(stat -c %s "$root/window.png") bytes)"

if [[ ${RNNLAB_CHECK_DPKG_INSTALL:-0} == 1 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    fail "RNNLAB_CHECK_DPKG_INSTALL=1 needs root"
  fi
  if dpkg-query -W rnnlab >/dev/null 2>&1; then
    fail "an rnnlab package is already installed; not touching it"
  fi
  dpkg -i "$deb"
  trap 'dpkg -r rnnlab >/dev/null; rm -rf "$root"' EXIT
  [[ $(/usr/bin/rnnlab-cli --version) == "rnnlab-cli $version" ]] || fail "installed rnnlab-cli"
  /usr/bin/rnnlab-cli train | tail -n 1 | grep -q '^final loss ' || fail "installed rnnlab-cli train"
  [[ $(QT_QPA_PLATFORM=offscreen /usr/bin/rnnlab --version 2>/dev/null) == "RNN Lab $version" ]] ||
    fail "installed rnnlab --version"
  man -w rnnlab-cli >/dev/null || fail "man rnnlab-cli does not find the installed page"
  # dpkg's triggers (shared-mime-info, desktop-file-utils) registered the file type and the app.
  grep -q ':application/x-rnnlab-session:\*\.rnnlab\.json' /usr/share/mime/globs2 ||
    fail "the MIME database does not know *.rnnlab.json after dpkg -i"
  grep -q '^application/x-rnnlab-session=.*rnnlab\.desktop' /usr/share/applications/mimeinfo.cache ||
    fail "the desktop database does not open application/x-rnnlab-session with rnnlab.desktop"
  echo "ok: dpkg -i; the installed binaries run, man rnnlab-cli is found, *.rnnlab.json opens" \
    "with rnnlab.desktop; removing the package"
fi

echo "check-package: passed. Not checked here: dpkg -i on a machine with only the runtime" \
  "libraries (this one has the -dev packages), the real desktop menu and the xcb platform plugin."
