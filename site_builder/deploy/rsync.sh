#!/usr/bin/env bash
# Publish a built site to a web host over SSH with rsync, so that visitors never see a
# half-uploaded site and nothing outside the site's own folder is ever touched.
#
#   deploy/rsync.sh SITE_DIR USER@HOST:/var/www/html/ita
#
# Environment: SSH_PORT (default 22), SSH_KEY (identity file; any path, spaces too),
# SSH_OPTS (extra ssh options, separated by spaces, e.g. "-o StrictHostKeyChecking=yes";
# an option whose value has a space belongs in ~/.ssh/config).
#
# The rules (DESIGN.md, "The output folder and the deploy targets are sacred"):
#  1. SITE_DIR is a site that `site-builder build` made: index.html and the marker file
#     .site-builder at its root.
#  2. The target path is checked here, before connecting (exit 2): absolute; every
#     component a plain name (no empty component, i.e. no "//"; no "." or ".."; no name
#     ending in "." or a space; no newline or control character); not a system folder
#     (/usr/..., /etc/..., /var/lib, ...) and not a web root itself (public_html, www,
#     html, htdocs, ... in any case).
#  3. On the server a folder is swapped or removed only if it is ABSENT or CARRIES THE
#     MARKER .site-builder: the live folder, and <folder>.new / <folder>.old left by an
#     earlier deploy that failed. A folder without the marker (the municipality's main
#     web root, any folder of theirs) is refused untouched (exit 3).
#  4. The upload goes into <folder>.new beside the live folder, which gets the marker
#     FIRST, so that a half-finished upload is still recognisably ours; unchanged files
#     are hard-linked from the live folder (--link-dest). Then two renames swap it in and
#     the previous copy (<folder>.old) is removed. A failed upload leaves the live folder
#     as it was; the next deploy removes the leftover.
#  5. No path is pasted into a shell command as text except through sh_quote (POSIX
#     single quotes: sh, dash, bash, any locale). The remote script is the fixed text
#     REMOTE below, read by `sh -s`; the target path reaches it only as an argument.
#     rsync gets its ssh command through rsync_e_quote (rsync's own -e splitting).
set -euo pipefail

die() { echo "deploy/rsync.sh: $*" >&2; exit 2; }
fail() { echo "deploy/rsync.sh: $*" >&2; exit 3; }

[[ $# -eq 2 ]] || die "ใช้: deploy/rsync.sh SITE_DIR USER@HOST:/path/to/folder"
site=${1%/}
target=$2

# --- Rule 1: a built site -------------------------------------------------------------
[[ -n "$site" && "$site" != *[[:cntrl:]]* ]] || die "$1: ชื่อโฟลเดอร์เว็บไซต์ไม่ถูกต้อง"
[[ "$site" == /* ]] || site=./$site   # never read as an option or as HOST:PATH
[[ -f "$site/index.html" && -f "$site/.site-builder" ]] \
  || die "$1: ไม่ใช่เว็บไซต์ที่ site-builder สร้าง (ไม่พบ index.html และ .site-builder): สร้างเว็บไซต์ก่อนด้วย site-builder build"

# --- Rule 2: the target path, decided here ---------------------------------------------
[[ "$target" == *:* ]] || die "$target: ต้องเป็น USER@HOST:/path/to/folder"
host=${target%%:*}
path=${target#*:}
[[ -n "$host" && "$host" != -* && "$host" =~ ^[A-Za-z0-9._+@-]+$ ]] \
  || die "$host: ชื่อเครื่องปลายทางไม่ถูกต้อง (ต้องเป็น USER@HOST)"

# The path rules, one copy for both scripts: check_target PATH.
# shellcheck source=site_builder/deploy/check-target.sh
source "$(dirname "${BASH_SOURCE[0]}")/check-target.sh"
check_target "$path"
path=${path%/}

# --- How to reach the server -----------------------------------------------------------
port=${SSH_PORT:-22}
[[ "$port" =~ ^[0-9]+$ ]] || die "SSH_PORT=$port: ต้องเป็นตัวเลข"
ssh_cmd=(ssh -p "$port" -o BatchMode=yes)
[[ -n "${SSH_KEY:-}" ]] && ssh_cmd+=(-i "$SSH_KEY")
if [[ -n "${SSH_OPTS:-}" ]]; then
  read -r -a extra <<< "$SSH_OPTS"   # split on spaces only: no glob, no quote removal
  ssh_cmd+=("${extra[@]}")
fi

# sh_quote WORD: WORD as one POSIX-shell word, '...' with each ' written '\''.
sh_quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
# rsync_e_quote WORD: WORD as one word of rsync's -e command, which rsync splits on
# spaces itself: '...' with each ' doubled (rsync(1), --rsh).
rsync_e_quote() { printf "'%s'" "${1//\'/\'\'}"; }

rsh=""
for word in "${ssh_cmd[@]}"; do rsh+="$(rsync_e_quote "$word") "; done

# The script run on the server by `sh -s MODE PATH`: fixed text, no path in it.
# Exit 20/21/22: the live folder / <folder>.new / <folder>.old exists and is not ours.
# Exit 23: our <folder>.new is gone or not ours any more.
# shellcheck disable=SC2016
REMOTE='
set -u
mode=$1 live=$2
new=$live.new old=$live.old parent=${2%/*}
absent() { [ ! -e "$1" ] && [ ! -L "$1" ]; }
ours() { [ -d "$1" ] && [ ! -L "$1" ] && [ -f "$1/.site-builder" ] && [ ! -L "$1/.site-builder" ]; }
allowed() { absent "$1" || ours "$1" || exit "$2"; }
case $mode in
prepare)
  allowed "$live" 20; allowed "$new" 21; allowed "$old" 22
  if ours "$new"; then rm -rf -- "$new" || exit 1; fi
  if ours "$old"; then rm -rf -- "$old" || exit 1; fi
  absent "$new" || exit 21
  mkdir -p -- "${parent:-/}" && mkdir -- "$new" && : > "$new/.site-builder" || exit 1
  if ours "$live"; then echo live; fi ;;
swap)
  ours "$new" || exit 23
  allowed "$live" 20; allowed "$old" 22
  if ours "$old"; then rm -rf -- "$old" || exit 1; fi
  absent "$old" || exit 22
  if ours "$live"; then mv -- "$live" "$old" || exit 1; fi
  absent "$live" || exit 20
  mv -- "$new" "$live" || exit 1
  if ours "$old"; then rm -rf -- "$old"; fi ;;
*) exit 1 ;;
esac
'

remote() {
  local code=0
  said=$("${ssh_cmd[@]}" -- "$host" "sh -s $(sh_quote "$1") $(sh_quote "$path")" <<< "$REMOTE") || code=$?
  local why="ไม่มีไฟล์ .site-builder ที่ site-builder ใส่ไว้ในทุกเว็บไซต์ที่สร้าง จึงอาจเป็นเว็บไซต์หลักหรือไฟล์ของหน่วยงาน"
  local todo="ไม่ได้แตะต้องอะไรบนเครื่องปลายทาง: ให้ระบุโฟลเดอร์ใหม่ที่ยังไม่มีอยู่ (สคริปต์จะสร้างให้) เช่น /var/www/html/ita"
  case $code in
    0) ;;
    20) fail "$host:$path มีอยู่แล้วแต่$why: $todo" ;;
    21) fail "$host:$path.new มีอยู่แล้วแต่$why: ย้ายหรือลบโฟลเดอร์นั้นเองหลังตรวจดูแล้ว หรือ$todo" ;;
    22) fail "$host:$path.old มีอยู่แล้วแต่$why: ย้ายหรือลบโฟลเดอร์นั้นเองหลังตรวจดูแล้ว หรือ$todo" ;;
    23) fail "$host:$path.new ที่อัปโหลดไว้หายไปหรือถูกแทนที่ระหว่างเผยแพร่: ยังไม่ได้สลับเว็บไซต์ ให้เผยแพร่ใหม่อีกครั้ง" ;;
    *) echo "deploy/rsync.sh: เชื่อมต่อหรือสั่งงานบน $host ไม่สำเร็จ (รหัส $code): เว็บไซต์เดิมยังอยู่ตามเดิม" >&2; exit "$code" ;;
  esac
}

# --- Rules 3 and 4: check, upload beside, swap ------------------------------------------
remote prepare
# -s (--secluded-args, once --protect-args): paths go to the remote rsync through its
# protocol, never through the remote shell. --chmod: a web site is public, readable by the
# web server whatever modes the build folder had. Unchanged files are hard links into the
# live folder (--link-dest), when there is one.
upload=(rsync -a --delete --checksum -s --chmod=D755,F644 -e "$rsh")
[[ "$said" == live ]] && upload+=(--link-dest="$path")
"${upload[@]}" "$site/" "$host:$path.new/" || {
  code=$?
  echo "deploy/rsync.sh: อัปโหลดไม่สำเร็จ (rsync รหัส $code): เว็บไซต์เดิมที่ $host:$path ยังอยู่ตามเดิม ครั้งถัดไปจะลบ $path.new ที่ค้างอยู่ให้เอง" >&2
  exit "$code"
}
remote swap
echo "deploy/rsync.sh: เผยแพร่ $site ไปที่ $host:$path แล้ว"
