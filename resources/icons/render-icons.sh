#!/usr/bin/env bash
# Renders rnnlab.svg to the hicolor sizes a desktop menu asks for. The PNGs are committed so that
# building needs no SVG renderer; run this (needs rsvg-convert, Debian package librsvg2-bin) after
# changing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256; do
  rsvg-convert --width "$size" --height "$size" rnnlab.svg --output "rnnlab-${size}.png"
done
