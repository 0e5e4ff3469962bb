#!/usr/bin/env bash
# Makes sure this machine has a working virtual PDF printer for the print service tests:
# - CUPS is running (started directly with `cupsd` when there is no systemd, as in a container);
# - a queue named Rekindle_PDF exists, uses the cups-pdf backend and driver, is enabled and accepts
#   jobs (it becomes the default printer only when no other default is set);
# - cups-pdf writes every job, whoever sent it, into one fixed folder:
#       /var/spool/cups-pdf/rekindle
#   named "job_<number>-<title>.pdf" (cups-pdf's `Label 1`), so a test can find its own job.
# Prints `REKINDLE_CUPS_PDF_OUT=<folder>` on its last line. Run as root (or with sudo available).
# Safe and quick to run again: each step is skipped when already done.
#
# Needs the Debian packages cups, cups-client and printer-driver-cups-pdf (scripts/install-deps.sh
# installs them). If jobs do not arrive, look at /var/log/cups/error_log and /var/log/cups/cups-pdf*_log.
set -euo pipefail
export LANG=C LC_ALL=C

QUEUE=Rekindle_PDF
OUT_DIR=/var/spool/cups-pdf/rekindle
CONF=/etc/cups/cups-pdf.conf
BACKEND=/usr/lib/cups/backend/cups-pdf
# The driver without options: the one with options carries its own defaults (suffix labels,
# title from the PostScript) that would override the settings below.
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

for f in "$BACKEND" "$PPD" "$CONF"; do
  if [ ! -e "$f" ]; then
    echo "cups-pdf-printer: $f is missing; install cups cups-client printer-driver-cups-pdf" >&2
    exit 1
  fi
done
for c in cupsd lpstat lpadmin cupsenable cupsaccept; do
  command -v "$c" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
  if ! command -v "$c" >/dev/null 2>&1; then
    echo "cups-pdf-printer: $c not found; install cups and cups-client" >&2
    exit 1
  fi
done

# `says PATTERN COMMAND...`: does the command's output have a line matching PATTERN? (The output
# is read whole first: `cmd | grep -q` can fail under pipefail when grep stops reading early.)
says() {
  local pattern=$1 text
  shift
  text=$("$@" 2>/dev/null || true)
  grep -qE "$pattern" <<<"$text"
}
scheduler_running() { says "^scheduler is running$" lpstat -r; }

start_cupsd() {
  # Under systemd the service is the right way; in a container without it, cupsd itself forks
  # into the background (not `-l`: on-demand mode would exit after IdleExitTimeout).
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl start cups
  else
    $SUDO cupsd
  fi
  for _ in $(seq 1 100); do
    scheduler_running && return 0
    sleep 0.1
  done
  echo "cups-pdf-printer: cupsd did not start; see /var/log/cups/error_log" >&2
  exit 1
}

stop_cupsd() {
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl stop cups
  else
    local pid
    pid=$(pgrep -x cupsd || true)
    if [ -n "$pid" ]; then
      $SUDO kill "$pid"
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
    fi
  fi
}

# 1. cups-pdf's settings: one fixed output folder for known and anonymous users, file names
#    "job_<number>-<title given to lp>.pdf". `set_key KEY VALUE` replaces the first line that sets
#    KEY (commented out or not) or appends one.
changed=0
set_key() {
  local key=$1 value=$2
  if grep -qxE "${key}[[:space:]]+${value}[[:space:]]*" "$CONF"; then
    return 0
  fi
  if grep -qE "^#?${key}[[:space:]]" "$CONF"; then
    $SUDO sed -i -E "0,/^#?${key}[[:space:]].*/s||${key} ${value}|" "$CONF"
  else
    echo "${key} ${value}" | $SUDO tee -a "$CONF" >/dev/null
  fi
  changed=1
}
set_key Out "$OUT_DIR"
set_key AnonDirName "$OUT_DIR"
set_key Label 1
set_key TitlePref 1

# The folder is shared by whoever prints (cups-pdf writes as the sending user), so it is sticky
# and world-writable like /tmp; each file is readable by its owner only (cups-pdf's UserUMask).
if [ ! -d "$OUT_DIR" ] || [ "$(stat -c %a "$OUT_DIR")" != "1777" ]; then
  $SUDO mkdir -p "$OUT_DIR"
  $SUDO chmod 1777 "$OUT_DIR"
fi

# cups-pdf must run as root: CUPS runs a backend as root only when it is root-owned with mode 0700.
if [ "$(stat -c '%U %a' "$BACKEND")" != "root 700" ]; then
  $SUDO chown root:root "$BACKEND"
  $SUDO chmod 0700 "$BACKEND"
  changed=1
fi

# 2. The scheduler. cups-pdf reads its settings at every job, but a restart after a change keeps
#    the state simple to reason about.
if scheduler_running; then
  if [ "$changed" -eq 1 ]; then
    echo "==> restarting CUPS (cups-pdf settings changed)" >&2
    stop_cupsd
    start_cupsd
  fi
else
  echo "==> starting CUPS" >&2
  start_cupsd
fi

# 3. The queue.
if ! says "cups-pdf:/" lpstat -v "$QUEUE" || ! grep -qs "(no options)" "/etc/cups/ppd/$QUEUE.ppd"; then
  echo "==> adding the $QUEUE queue" >&2
  # -P is reported as deprecated by CUPS 2.4 but is the supported way to use a local PPD.
  if ! out=$($SUDO lpadmin -p "$QUEUE" -E -v cups-pdf:/ -P "$PPD" \
    -D "Rekindle virtual PDF printer" -L "Writes PDF files to $OUT_DIR" 2>&1); then
    echo "$out" >&2
    exit 1
  fi
fi
if ! says "enabled since" lpstat -p "$QUEUE"; then
  $SUDO cupsenable "$QUEUE"
fi
if ! says "^$QUEUE accepting requests" lpstat -a "$QUEUE"; then
  $SUDO cupsaccept "$QUEUE"
fi
if says "no system default destination" lpstat -d; then
  $SUDO lpadmin -d "$QUEUE"
fi

echo "REKINDLE_CUPS_PDF_OUT=$OUT_DIR"
