# Sourced by deploy/rsync.sh and deploy/ftps.sh (it uses their die()).
#
# check_target PATH: refuse (exit 2) anything but a plain, absolute folder of the site's
# own, decided before connecting. One copy for both scripts (the tests run both over one list).
check_target() {
  local p=$1 rest component lower
  local hint="ต้องระบุโฟลเดอร์ใหม่เฉพาะของเว็บไซต์ ITA เช่น /var/www/html/ita"
  [[ "$p" == /* ]] || die "$p: ต้องเป็นเส้นทางเต็มที่ขึ้นต้นด้วย / : $hint"
  [[ "$p" != *[[:cntrl:]]* ]] || die "โฟลเดอร์ปลายทางมีอักขระควบคุมหรือขึ้นบรรทัดใหม่: $hint"
  [[ "$p" != / ]] || die "$p: เป็นโฟลเดอร์รากของเครื่อง: $hint"
  rest=${p#/}
  rest=${rest%/}   # one trailing slash is allowed: /var/www/html/ita/
  while :; do
    component=${rest%%/*}
    case "$component" in
      "") die "$p: มี // หรือส่วนที่ว่างอยู่ในเส้นทาง: $hint" ;;
      . | ..) die "$p: มี . หรือ .. อยู่ในเส้นทาง (อาจชี้ไปที่โฟลเดอร์อื่น): $hint" ;;
      *. | *" ") die "$p: ชื่อ '$component' ลงท้ายด้วยจุดหรือช่องว่าง (บางเครื่องตัดทิ้งจนชี้ไปที่โฟลเดอร์อื่น): $hint" ;;
    esac
    [[ "$rest" == */* ]] || break
    rest=${rest#*/}
  done
  lower=${p%/}
  lower=${lower,,}
  case "$lower" in
    /var/www/?*) ;;   # a web folder under /var/www: the name rule below applies
    /bin | /bin/* | /boot | /boot/* | /dev | /dev/* | /etc | /etc/* | /lib | /lib/* | /lib32 | /lib32/* \
      | /lib64 | /lib64/* | /libx32 | /libx32/* | /proc | /proc/* | /run | /run/* | /sbin | /sbin/* \
      | /sys | /sys/* | /usr | /usr/* | /var | /var/* | /home | /root | /srv | /opt | /mnt | /media | /tmp)
      die "$p: เป็นโฟลเดอร์ระบบ: $hint" ;;
    /home/*/*) ;;
    /home/*) die "$p: เป็นโฟลเดอร์หลักของผู้ใช้: $hint" ;;
  esac
  case "${lower##*/}" in
    public_html | private_html | public | html | htdocs | httpdocs | httpsdocs | www | wwwroot \
      | web | webroot | domains | cgi-bin)
      die "$p: เป็นโฟลเดอร์รากของเว็บไซต์ (เช่นเว็บไซต์หลักของหน่วยงาน) ไม่ใช่โฟลเดอร์เฉพาะของเว็บไซต์ ITA: $hint" ;;
  esac
}
