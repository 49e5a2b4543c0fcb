#!/usr/bin/env bash
# Publish a built site to a web host over FTPS (FTP with TLS) with lftp, so that visitors
# never see a half-uploaded site and nothing outside the site's own folder is ever touched.
#
#   FTP_USER=... FTP_PASSWORD=... deploy/ftps.sh SITE_DIR ftp.example.go.th /public_html/ita
#
# Environment: FTP_USER, FTP_PASSWORD (required), FTP_PORT (default 21),
# FTP_VERIFY_CERTIFICATE (default yes; "no" only for a test server with a self-signed
# certificate).
#
# The rules (DESIGN.md, "The output folder and the deploy targets are sacred"):
#  1. SITE_DIR is a site that `site-builder build` made: index.html and the marker file
#     .site-builder at its root.
#  2. The target path is checked here, before connecting (exit 2): absolute; every
#     component a plain name (no empty component, i.e. no "//"; no "." or ".."; no name
#     ending in "." or a space; no newline or control character); not a system folder
#     and not a web root itself (public_html, www, html, htdocs, wwwroot, ... in any case).
#  3. On the server a folder is swapped or removed only if it is ABSENT or CARRIES THE
#     MARKER .site-builder: the live folder, and <folder>.new / <folder>.old left by an
#     earlier deploy that failed. A folder without the marker (the municipality's main
#     web root, any folder of theirs) is refused untouched (exit 3). A first lftp session
#     looks; the second re-checks the marker just before every rename or removal, and
#     stops (cmd:fail-exit) if it is not there.
#  4. The upload goes into <folder>.new beside the live folder, which gets the marker
#     FIRST, so that a half-finished upload is still recognisably ours. Then two renames
#     swap it in and the previous copy (<folder>.old) is removed. A failed upload leaves
#     the live folder as it was; the next deploy removes the leftover.
#  5. No secret passes through a shell or an lftp script as text: lftp reads the password
#     from LFTP_PASSWORD (--env-password), and gets the user, host and port as separate
#     arguments. The fixed settings are an rc file; the commands are read from stdin, and
#     every path in them goes through lftp_quote (lftp's double quotes).
set -euo pipefail

die() { echo "deploy/ftps.sh: $*" >&2; exit 2; }
fail() { echo "deploy/ftps.sh: $*" >&2; exit 3; }

[[ $# -eq 3 ]] || die "ใช้: FTP_USER=... FTP_PASSWORD=... deploy/ftps.sh SITE_DIR HOST /path/to/folder"
site=${1%/}
host=$2
path=$3

# --- Rule 1: a built site -------------------------------------------------------------
[[ -n "$site" && "$site" != *[[:cntrl:]]* ]] || die "$1: ชื่อโฟลเดอร์เว็บไซต์ไม่ถูกต้อง"
[[ "$site" == /* ]] || site=./$site   # never read as an option or a URL
[[ -f "$site/index.html" && -f "$site/.site-builder" ]] \
  || die "$1: ไม่ใช่เว็บไซต์ที่ site-builder สร้าง (ไม่พบ index.html และ .site-builder): สร้างเว็บไซต์ก่อนด้วย site-builder build"

# --- Rule 2: the target path and the account, decided here -----------------------------
[[ "$host" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ || "$host" =~ ^\[[0-9A-Fa-f:.]+\]$ ]] \
  || die "$host: ชื่อเครื่องปลายทางไม่ถูกต้อง (ต้องเป็นชื่อเครื่องหรือที่อยู่ IP เช่น ftp.example.go.th)"
port=${FTP_PORT:-21}
[[ "$port" =~ ^[0-9]+$ ]] || die "FTP_PORT=$port: ต้องเป็นตัวเลข"
[[ -n "${FTP_USER:-}" && -n "${FTP_PASSWORD:-}" ]] || die "ต้องตั้งค่า FTP_USER และ FTP_PASSWORD (ใน CI ใช้ secrets)"
# A newline in either would be a second FTP command on the control connection.
[[ "$FTP_USER" != *[[:cntrl:]]* && "$FTP_PASSWORD" != *[[:cntrl:]]* ]] \
  || die "FTP_USER หรือ FTP_PASSWORD มีอักขระควบคุมหรือขึ้นบรรทัดใหม่ (ตรวจค่าใน secrets)"
verify=${FTP_VERIFY_CERTIFICATE:-yes}
[[ "$verify" == yes || "$verify" == no ]] || die "FTP_VERIFY_CERTIFICATE=$verify: ต้องเป็น yes หรือ no"

# The path rules, one copy for both scripts: check_target PATH.
# shellcheck source=site_builder/deploy/check-target.sh
source "$(dirname "${BASH_SOURCE[0]}")/check-target.sh"
check_target "$path"
path=${path%/}
name=${path##*/}
parent=${path%/*}
parent=${parent:-/}
new=$path.new
old=$path.old

# --- Talking to lftp --------------------------------------------------------------------
# lftp_quote WORD: WORD as one argument of an lftp command: "..." with \ and " escaped by
# a backslash. Inside double quotes lftp gives no other character a meaning (; & | > # $
# ' ` and spaces are plain), and no command used here expands wildcards.
lftp_quote() {
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

settings=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$settings" "$errors"' EXIT
# Fixed text: no secret, no path. File names on this side are UTF-8 whatever the locale.
cat > "$settings" <<LFTP
set cmd:fail-exit yes
set ftp:ssl-force yes
set ftp:ssl-protect-data yes
set ftp:ssl-protect-list yes
set ssl:verify-certificate $verify
set net:max-retries 2
set net:timeout 20
set file:charset UTF-8
LFTP

# lftp_session: run the lftp commands on stdin against the server.
lftp_session() {
  LFTP_PASSWORD=$FTP_PASSWORD lftp --norc --rcfile "$settings" -B -p "$port" \
    --user "$FTP_USER" --env-password "$host"
}

# is_ours FOLDER: commands that stop the session unless FOLDER holds the marker.
is_ours() {
  printf 'cd %s\ncat .site-builder > /dev/null\ncd /\n' "$(lftp_quote "$1")"
}

# --- Rule 3: look ------------------------------------------------------------------------
tag="@deploy-$$-$RANDOM$RANDOM"
looked=$(
  {
    # Go on past "no such folder", but not past a failed login. (Without PRET, lftp takes a
    # missing file as an answer, not as a reason to reconnect after a pause.)
    echo "set cmd:fail-exit no"
    echo "set ftp:use-pret no"
    echo "cd / || exit 1"
    echo "echo \"$tag connected\""
    for which in live new old; do
      case $which in live) folder=$path ;; new) folder=$new ;; old) folder=$old ;; esac
      echo "cd $(lftp_quote "$folder") && echo \"$tag $which dir\" && cat .site-builder > /dev/null && echo \"$tag $which ours\""
    done
    echo "cd $(lftp_quote "$parent") && echo \"$tag listing\" && cls -1aF"
  } | lftp_session 2> "$errors"
) || true
# (The errors of the look are expected ones, "no such folder", unless it did not connect.)
if [[ "$looked" != *"$tag connected"* ]]; then
  cat "$errors" >&2
  echo "deploy/ftps.sh: เชื่อมต่อหรือเข้าสู่ระบบ $host ไม่สำเร็จ: ไม่ได้แตะต้องอะไรบนเครื่องปลายทาง" >&2
  exit 1
fi
listing=${looked#*"$tag listing"}
[[ "$listing" == "$looked" ]] && listing=""
# state WHICH NAME: absent, ours, or theirs (a folder without the marker, or not a folder).
state() {
  if [[ "$looked" == *"$tag $1 ours"* ]]; then echo ours
  elif [[ "$looked" == *"$tag $1 dir"* ]]; then echo theirs
  elif grep -qxF -e "$2" -e "$2/" -e "$2@" -e "$2*" <<< "$listing"; then echo theirs
  else echo absent
  fi
}
live_state=$(state live "$name")
new_state=$(state new "$name.new")
old_state=$(state old "$name.old")
why="ไม่มีไฟล์ .site-builder ที่ site-builder ใส่ไว้ในทุกเว็บไซต์ที่สร้าง จึงอาจเป็นเว็บไซต์หลักหรือไฟล์ของหน่วยงาน"
todo="ไม่ได้แตะต้องอะไรบนเครื่องปลายทาง: ให้ระบุโฟลเดอร์ใหม่ที่ยังไม่มีอยู่ (สคริปต์จะสร้างให้) เช่น /public_html/ita"
[[ $live_state != theirs ]] || fail "$host:$path มีอยู่แล้วแต่$why: $todo"
[[ $new_state != theirs ]] || fail "$host:$new มีอยู่แล้วแต่$why: ย้ายหรือลบโฟลเดอร์นั้นเองหลังตรวจดูแล้ว หรือ$todo"
[[ $old_state != theirs ]] || fail "$host:$old มีอยู่แล้วแต่$why: ย้ายหรือลบโฟลเดอร์นั้นเองหลังตรวจดูแล้ว หรือ$todo"

# --- Rule 4: upload beside, swap ---------------------------------------------------------
{
  # Leftovers of an earlier failed deploy: ours, so removed.
  if [[ $new_state == ours ]]; then is_ours "$new"; echo "rm -r $(lftp_quote "$new")"; fi
  if [[ $old_state == ours ]]; then is_ours "$old"; echo "rm -r $(lftp_quote "$old")"; fi
  echo "mkdir -p -f $(lftp_quote "$parent")"
  echo "mkdir $(lftp_quote "$new")"
  echo "put $(lftp_quote "$site/.site-builder") -o $(lftp_quote "$new/.site-builder")"
  echo "mirror -R --no-perms --parallel=4 $(lftp_quote "$site") $(lftp_quote "$new")"
  is_ours "$new"
  if [[ $live_state == ours ]]; then is_ours "$path"; echo "mv $(lftp_quote "$path") $(lftp_quote "$old")"; fi
  echo "mv $(lftp_quote "$new") $(lftp_quote "$path")"
  if [[ $live_state == ours ]]; then is_ours "$old"; echo "rm -r $(lftp_quote "$old")"; fi
} | lftp_session || {
  code=$?
  echo "deploy/ftps.sh: เผยแพร่ไม่สำเร็จ (lftp รหัส $code): ถ้ายังไม่ได้สลับ เว็บไซต์เดิมที่ $host:$path ยังอยู่ตามเดิม ครั้งถัดไปจะลบ $new ที่ค้างอยู่ให้เอง" >&2
  exit "$code"
}
echo "deploy/ftps.sh: เผยแพร่ $site ไปที่ $host:$path แล้ว"
