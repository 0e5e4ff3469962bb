#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine with Rust and Node lacks for building, running and
# testing Rekindle. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Tauri v2 on Linux (WebKitGTK 4.1 and friends)
  libwebkit2gtk-4.1-dev build-essential curl file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  # Building SQLCipher with vendored OpenSSL
  perl make
  # End-to-end tests in a real window: a virtual display and WebKit's WebDriver
  xvfb xauth webkit2gtk-driver x11-utils imagemagick
  # The one-instance test starts a private D-Bus session bus (the app finds a running instance
  # on the session bus); dbus-session-bus-common has the `--session` configuration
  dbus-daemon dbus-session-bus-common
  # Looking at PDFs and fonts
  poppler-utils qpdf fonts-noto-core
  # Reading what the virtual PDF printer wrote: its PostScript step (ghostscript ps2write)
  # turns the sheets' CID fonts into Type 3 fonts without a text map, so the end-to-end print
  # test reads the printout's pages with OCR when pdftotext cannot.
  tesseract-ocr tesseract-ocr-eng
  # Printing: the CUPS print service, its clients (lp, lpstat) and the cups-pdf virtual printer
  # that the print service tests print to (scripts/cups-pdf-printer.sh sets its queue up)
  cups cups-client printer-driver-cups-pdf
  # WeasyPrint, the HTML-to-PDF renderer the benchmark compares against: a virtualenv, and the
  # Pango libraries it loads at run time
  python3-venv libpango-1.0-0 libpangoft2-1.0-0
  # Reading the exported calendar back in core/tests/ics.rs: Debian's own Python (/usr/bin/python3)
  # with icalendar and recurring-ical-events, which expands RRULE, EXDATE and RECURRENCE-ID
  python3-icalendar python3-recurring-ical-events
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The UI's packages, at the versions pinned in package.json and package-lock.json. Not `npm ci`:
# the registry reachable here lacks the Tauri CLI's builds for other platforms, so a lock made
# here cannot list them and `npm ci` refuses it; `npm install` installs the same locked versions.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> installing UI packages"
  (cd ui && npm install --no-audit --no-fund)
fi

# tauri-driver bridges WebDriver to the app window for the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> installing tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked
fi

# The virtual PDF printer (CUPS started if needed, the Rekindle_PDF queue, the output folder).
bash scripts/cups-pdf-printer.sh

# WeasyPrint 70.0 from PyPI in its own virtualenv, for scripts/weasyprint-bench.py. Debian's own
# Python, so the venv matches the apt-installed Pango whatever python3 comes first on PATH.
WEASYPRINT_VENV="$HOME/.cache/rekindle/weasyprint-venv"
if ! "$WEASYPRINT_VENV/bin/python" -c 'import weasyprint, sys; sys.exit(weasyprint.__version__ != "70.0")' 2>/dev/null; then
  echo "==> installing WeasyPrint 70.0 into $WEASYPRINT_VENV"
  rm -rf "$WEASYPRINT_VENV"
  mkdir -p "$(dirname "$WEASYPRINT_VENV")"
  # Only the benchmark needs it: a machine that cannot reach PyPI still builds and tests.
  if ! { /usr/bin/python3 -m venv "$WEASYPRINT_VENV" \
      && "$WEASYPRINT_VENV/bin/python" -m pip install --quiet weasyprint==70.0; }; then
    echo "==> WeasyPrint could not be installed; the handout benchmark will skip its comparison"
    rm -rf "$WEASYPRINT_VENV"
  fi
fi

# The fuzz targets (core/fuzz, run briefly by scripts/fuzz-smoke.sh) build with cargo-fuzz, which
# needs the nightly toolchain for libFuzzer's instrumentation. Installed only when they will run:
# test-all.sh sets REKINDLE_FUZZ=1 unless told otherwise; running the app never needs them.
if [ "${REKINDLE_FUZZ:-0}" = "1" ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    echo "==> installing the nightly Rust toolchain (for the fuzz targets)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version 2>/dev/null | grep -q ' 0\.13\.2$'; then
    echo "==> installing cargo-fuzz 0.13.2"
    cargo install cargo-fuzz --version 0.13.2 --locked
  fi
fi
