#!/usr/bin/env bash
# Publish a built site to a web host over SSH with rsync, atomically enough that
# visitors never see a half-uploaded site, and never touching anything outside
# the site's own folder.
#
#   deploy/rsync.sh SITE_DIR USER@HOST:/var/www/html/ita
#
# How: upload into a sibling folder "ita.new" (reusing unchanged files of the
# live folder), then swap it in with two renames and remove the old copy.
# If the upload fails, the live folder is untouched.
# Environment: SSH_PORT (default 22), SSH_KEY (identity file), SSH_OPTS (extra ssh options).
set -euo pipefail

die() { echo "deploy/rsync.sh: $*" >&2; exit 2; }
[[ $# -eq 2 ]] || die "ใช้: deploy/rsync.sh SITE_DIR USER@HOST:/path/to/folder"
site=${1%/}
target=$2
[[ -f "$site/index.html" ]] || die "$site: ไม่พบ index.html: สร้างเว็บไซต์ก่อนด้วย site-builder build"
[[ "$target" == *:* ]] || die "$target: ต้องเป็น USER@HOST:/path/to/folder"
host=${target%%:*}
path=${target#*:}
path=${path%/}
name=${path##*/}
parent=${path%/*}
# The folder must be named and absolute, and never a system folder itself.
[[ "$path" == /* && -n "$name" && "$name" != "." && "$name" != ".." && -n "$parent" ]] \
  || die "$path: ต้องเป็นโฟลเดอร์เฉพาะของเว็บไซต์ เช่น /var/www/html/ita (ไม่ใช่ / หรือโฟลเดอร์ระบบ)"
case "$path" in
  /|/bin|/boot|/dev|/etc|/home|/lib*|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var|/var/www|/var/www/html)
    die "$path: เป็นโฟลเดอร์ระบบ ต้องระบุโฟลเดอร์ย่อยของเว็บไซต์ เช่น $path/ita" ;;
esac

ssh_cmd=(ssh -p "${SSH_PORT:-22}" -o BatchMode=yes)
[[ -n "${SSH_KEY:-}" ]] && ssh_cmd+=(-i "$SSH_KEY")
# shellcheck disable=SC2206
[[ -n "${SSH_OPTS:-}" ]] && ssh_cmd+=($SSH_OPTS)

q() { printf '%q' "$1"; }
new="$path.new"
old="$path.old"

# A leftover of an earlier failed upload is ours to remove; the live folder is not touched.
"${ssh_cmd[@]}" "$host" "rm -rf -- $(q "$new") && mkdir -p -- $(q "$parent")"
rsync -a --delete --checksum -e "${ssh_cmd[*]}" \
  --link-dest="$path" "$site/" "$host:$new/"
"${ssh_cmd[@]}" "$host" "set -e; rm -rf -- $(q "$old"); if [ -e $(q "$path") ]; then mv -- $(q "$path") $(q "$old"); fi; mv -- $(q "$new") $(q "$path"); rm -rf -- $(q "$old")"
echo "deploy/rsync.sh: เผยแพร่ $site ไปที่ $host:$path แล้ว"
