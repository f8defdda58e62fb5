#!/usr/bin/env bash
# Regenerates the PNG icons from flashpoint.svg (needs rsvg-convert from Debian's librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/icons"
for s in 16 24 32 48 64 128 256; do rsvg-convert -w "$s" -h "$s" flashpoint.svg -o "flashpoint_$s.png"; done
