#!/usr/bin/env bash
# Publish a built site to a web host over FTPS (FTP with TLS) with lftp, so that
# visitors never see a half-uploaded site and nothing outside the site's folder
# is deleted.
#
#   FTP_USER=... FTP_PASSWORD=... deploy/ftps.sh SITE_DIR ftp.example.go.th /public_html/ita
#
# How: mirror into "ita.new" beside the live folder, then rename the live folder
# to "ita.old", "ita.new" to "ita", and remove "ita.old". A failed upload leaves
# the live folder as it was.
# Environment: FTP_USER, FTP_PASSWORD (required), FTP_PORT (default 21),
# FTP_VERIFY_CERTIFICATE (default yes; "no" only for a test server with a self-signed certificate).
set -euo pipefail

die() { echo "deploy/ftps.sh: $*" >&2; exit 2; }
[[ $# -eq 3 ]] || die "ใช้: FTP_USER=... FTP_PASSWORD=... deploy/ftps.sh SITE_DIR HOST /path/to/folder"
site=${1%/}
host=$2
path=${3%/}
name=${path##*/}
[[ -f "$site/index.html" ]] || die "$site: ไม่พบ index.html: สร้างเว็บไซต์ก่อนด้วย site-builder build"
[[ -n "${FTP_USER:-}" && -n "${FTP_PASSWORD:-}" ]] || die "ต้องตั้งค่า FTP_USER และ FTP_PASSWORD (ใน CI ใช้ secrets)"
[[ "$path" == /* && -n "$name" && "$name" != "." && "$name" != ".." ]] \
  || die "$path: ต้องเป็นโฟลเดอร์เฉพาะของเว็บไซต์ เช่น /public_html/ita (ไม่ใช่ /)"
case "$name" in
  public_html|htdocs|www|html|httpdocs) die "$path: เป็นโฟลเดอร์รากของเว็บไซต์หลัก ต้องระบุโฟลเดอร์ย่อย เช่น $path/ita" ;;
esac

verify=${FTP_VERIFY_CERTIFICATE:-yes}
script=$(mktemp)
trap 'rm -f "$script"' EXIT
cat > "$script" <<LFTP
set cmd:fail-exit yes
set ftp:ssl-force yes
set ftp:ssl-protect-data yes
set ssl:verify-certificate $verify
set net:max-retries 2
set net:timeout 20
open -p ${FTP_PORT:-21} $host
user "$FTP_USER" "$FTP_PASSWORD"
mkdir -p -f "${path%/*}"
rm -r -f "$path.new"
mirror -R --no-perms --parallel=4 "$site" "$path.new"
rm -r -f "$path.old"
mv "$path" "$path.old"
mv "$path.new" "$path"
rm -r -f "$path.old"
LFTP
# The first deploy has no live folder to rename: create an empty one first.
sed -i "s|^mv \"$path\" \"$path.old\"|mkdir -f \"$path\"\n&|" "$script"
lftp -f "$script"
echo "deploy/ftps.sh: เผยแพร่ $site ไปที่ $host:$path แล้ว"
