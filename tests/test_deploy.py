"""Deploys to real local servers: rsync over SSH (OpenSSH) and FTPS (pure-ftpd with TLS required).

The web root of every test holds a neighbour, ``main-site/``, the municipality's own site.
The tests publish a built site beside it, publish a second version over it, make an upload
die halfway, and ask the scripts to publish where they must not: targets with ``.``, ``..``
or ``//``, system folders and web roots (refused before connecting), and folders that exist
without the marker ``.site-builder`` (refused by the server-side check). After every refused
or failed deploy the whole web root is compared, file by file, with what it was before.

The refusals decided before connecting run the scripts against stand-ins for ssh, rsync and
lftp and need only bash; the tests that run the real tools and servers are marked
``deploy`` (conftest skips them where the tools are missing, and fails them under
``make test``). The scripts are the package's own (``site_builder/deploy/``); the tests of
``site-builder deploy`` run the command in a process of its own, which runs those scripts.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import http.server
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import ROOT, fetch, free_port
from sample import sample_tree
from site_builder import commands, output

DEPLOY = ROOT / "site_builder" / "deploy"
RSYNC = str(DEPLOY / "rsync.sh")
FTPS = str(DEPLOY / "ftps.sh")

run = functools.partial(subprocess.run, capture_output=True, text=True, check=False)


def _wait_port(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _tree(root: Path, leave_out: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """Everything under ``root``: folders, files (content hash and mode) and links, without
    following links; ``leave_out`` names top-level entries that a tool was allowed to write."""
    found: dict[str, tuple[str, ...]] = {".": ("dir", oct(root.stat().st_mode))}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if rel.split("/")[0] in leave_out:
                continue
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[rel] = ("link", str(Path(path).readlink()))
            elif stat.S_ISDIR(info.st_mode):
                found[rel] = ("dir", oct(info.st_mode))
            else:
                found[rel] = (
                    "file",
                    oct(info.st_mode),
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                )
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two versions of a real built site."""
    from site_builder import cli

    root = tmp_path_factory.mktemp("deploy-sites")
    content = sample_tree(root / "content")
    assert cli.main(["build", "--content", str(content), "--site-dir", str(root / "v1")]) == 0
    measures = content / "2566/measures.yml"
    measures.write_text(
        measures.read_text(encoding="utf-8").replace("จัดทำคู่มือ", "ฉบับที่สอง"), encoding="utf-8"
    )
    assert cli.main(["build", "--content", str(content), "--site-dir", str(root / "v2")]) == 0
    assert (root / "v1" / ".site-builder").is_file()  # the builder's marker
    return root / "v1", root / "v2"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two versions of a small folder that looks built (index.html and the marker, written as
    the build writes it), with Thai names and spaces, for the tests that need no whole site."""
    root = tmp_path_factory.mktemp("deploy-tiny")
    for version in ("1", "2"):
        site = root / f"tiny{version}"
        (site / "ข้อมูล เปิด").mkdir(parents=True)
        output.write_marker(site, "build")
        (site / "index.html").write_text(f"ฉบับ {version}", encoding="utf-8")
        (site / "ข้อมูล เปิด" / "รายงาน ปี 2566.csv").write_text(f"ปี,{version}\n", encoding="utf-8")
    return root / "tiny1", root / "tiny2"


@pytest.fixture
def webroot(tmp_path: Path) -> Path:
    """A web root with a neighbour folder, the municipality's main site, that must survive."""
    root = tmp_path / "webroot"
    (root / "main-site" / "images").mkdir(parents=True)
    (root / "main-site" / "index.html").write_text("main website", encoding="utf-8")
    (root / "main-site" / "images" / "logo.png").write_bytes(b"\x89PNG logo")
    (root / "main-site" / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    return root


@pytest.fixture
def web(webroot: Path) -> Iterator[tuple[Path, str]]:
    """The web root served over HTTP on loopback."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(webroot))
    handler.log_message = lambda *a: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield webroot, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _with_tool(tool: str, tmp_path: Path, body: str, env: dict[str, str]) -> dict[str, str]:
    """``env`` with a `tool` on PATH that runs ``body`` (bash) instead of the real one."""
    bindir = tmp_path / f"{tool}-bin"
    bindir.mkdir()
    wrapper = bindir / tool
    wrapper.write_text(f"#!/usr/bin/env bash\n{body}\n", encoding="utf-8")
    wrapper.chmod(0o755)
    return {**env, "PATH": f"{bindir}:{env['PATH']}"}


def _c_locale(env: dict[str, str]) -> dict[str, str]:
    """``env`` with LC_ALL=C and no other locale variable, as on a bare CI runner."""
    env = {k: v for k, v in env.items() if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    return {**env, "LC_ALL": "C"}


# --- Refusals decided before connecting ------------------------------------------------------


@pytest.fixture
def offline(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment where ssh, rsync and lftp only write down that they were called."""
    bindir = tmp_path / "offline-bin"
    bindir.mkdir()
    called = tmp_path / "called"
    for tool in ("ssh", "rsync", "lftp"):
        (bindir / tool).write_text(f'#!/bin/sh\necho {tool} >> "{called}"\nexit 99\n')
        (bindir / tool).chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bindir}:{os.environ['PATH']}",
        "FTP_USER": "deploy",
        "FTP_PASSWORD": "pw",
    }
    return env, called


def _deploy_command(script: str, site: Path, target: str) -> list[str]:
    if script == "rsync":
        return [RSYNC, str(site), f"deploy@127.0.0.1:{target}"]
    return [FTPS, str(site), "127.0.0.1", target]


NOT_THE_SITES_OWN = [
    "/",
    "relative/ita",
    "ita",
    # a ".", a ".." or an empty component: the folder meant may be any other one
    "//var/www/html",
    "/var/www/./html",
    "/var//www/html/ita",
    "{web}/ita/../../web",
    "{web}/ita/../main-site",
    "{web}/./main-site",
    "{web}/main-site/.",
    "{web}/ita/..",
    "{web}//ita",
    "{web}/ita//",
    "{web}/ita.",
    "{web}/ita...",
    "{web}/ita ",
    "{web}/it\na",
    "{web}/it\ta",
    "{web}/ita\r",
    "{web}/it\x7fa",
    # system folders
    "/usr/bin",
    "/etc/nginx",
    "/var/lib",
    "/var/lib/ita",
    "/boot",
    "/tmp",
    "/home/somchai",
    "/var/www",
    # web roots, in any case
    "{web}",
    "/var/www/html",
    "/var/www/HTML",
    "/home/somchai/public_html",
    "/public_html",
    "/Public_HTML",
    "/wwwroot",
    "/public",
    "/httpdocs",
    "/htdocs",
    "/www",
    "/WEB",
    "/domains/test.go.th/public_html",
]


@pytest.mark.parametrize("target", NOT_THE_SITES_OWN)
@pytest.mark.parametrize("script", ["rsync", "ftps"])
def test_deploy_refuses_a_target_that_is_not_a_folder_of_the_sites_own_before_connecting(
    script: str,
    target: str,
    tiny: tuple[Path, Path],
    webroot: Path,
    offline: tuple[dict[str, str], Path],
) -> None:
    env, called = offline
    before = _tree(webroot)
    result = run(_deploy_command(script, tiny[0], target.format(web=webroot)), env=env)
    assert result.returncode == 2, result.stderr
    assert "โฟลเดอร์" in result.stderr
    assert not called.exists()  # decided before connecting
    assert _tree(webroot) == before


@pytest.mark.parametrize("script", ["rsync", "ftps"])
@pytest.mark.parametrize("files", [[], ["index.html"], [".site-builder"]])
def test_deploy_refuses_a_folder_that_is_not_a_built_site(
    script: str, files: list[str], tmp_path: Path, offline: tuple[dict[str, str], Path]
) -> None:
    env, called = offline
    site = tmp_path / "not-built"
    site.mkdir()
    for name in files:
        (site / name).write_text("x", encoding="utf-8")
    result = run(_deploy_command(script, site, "/srv/www/ita"), env=env)
    assert result.returncode == 2
    assert "site-builder build" in result.stderr
    assert not called.exists()


@pytest.mark.parametrize(
    ("script", "args", "settings"),
    [
        ("rsync", ["-oProxyCommand=touch {tmp}/pwned:/srv/www/ita"], {}),
        ("rsync", ["deploy@127.0.0.1:/srv/www/ita"], {"SSH_PORT": "22 -oProxyCommand=x"}),
        ("ftps", ["-e", "/srv/www/ita"], {}),
        ("ftps", ["sftp://127.0.0.1", "/srv/www/ita"], {}),
        ("ftps", ["127.0.0.1", "/srv/www/ita"], {"FTP_PASSWORD": "pw\nDELE index.html"}),
        ("ftps", ["127.0.0.1", "/srv/www/ita"], {"FTP_USER": "deploy\r\nRMD main-site"}),
        ("ftps", ["127.0.0.1", "/srv/www/ita"], {"FTP_PASSWORD": ""}),
        ("ftps", ["127.0.0.1", "/srv/www/ita"], {"FTP_PORT": "21; rm -rf"}),
        ("ftps", ["127.0.0.1", "/srv/www/ita"], {"FTP_VERIFY_CERTIFICATE": "off"}),
    ],
)
def test_deploy_refuses_a_host_or_account_setting_that_could_be_read_as_commands(
    script: str,
    args: list[str],
    settings: dict[str, str],
    tiny: tuple[Path, Path],
    tmp_path: Path,
    offline: tuple[dict[str, str], Path],
) -> None:
    env, called = offline
    command = [RSYNC if script == "rsync" else FTPS, str(tiny[0])]
    command += [a.format(tmp=tmp_path) for a in args]
    result = run(command, env={**env, **settings})
    assert result.returncode == 2, result.stderr
    assert not called.exists()
    assert not (tmp_path / "pwned").exists()


# --- site-builder deploy: the packaged scripts, run by bash ------------------------------------


def _site_builder_deploy(
    method: str, site: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """``site-builder deploy METHOD SITE`` in a process of its own, with ``env`` and nothing
    else: where to publish and every secret come from it."""
    return run([sys.executable, "-m", "site_builder", "deploy", method, str(site)], env=env)


def _without_targets(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k not in {"DEPLOY_TARGET", "FTP_HOST", "FTP_PATH"}}


def test_site_builder_deploy_runs_the_scripts_the_package_ships() -> None:
    assert commands.DEPLOY_SCRIPTS == DEPLOY
    assert sorted(p.name for p in DEPLOY.iterdir()) == ["check-target.sh", "ftps.sh", "rsync.sh"]
    assert set(commands.DEPLOY_TARGETS) == {"rsync", "ftps"}


@pytest.mark.parametrize(
    ("method", "settings", "refusal"),
    [
        (
            "rsync",
            {"DEPLOY_TARGET": "deploy@127.0.0.1:{web}/ita/../main-site"},
            "deploy/rsync.sh: {web}/ita/../main-site: มี . หรือ .. อยู่ในเส้นทาง",
        ),
        (
            "ftps",
            {"FTP_HOST": "127.0.0.1", "FTP_PATH": "/srv/www/ita", "FTP_PASSWORD": ""},
            "deploy/ftps.sh: ต้องตั้งค่า FTP_USER และ FTP_PASSWORD (ใน CI ใช้ secrets)",
        ),
    ],
)
def test_site_builder_deploy_says_the_scripts_own_refusal_and_touches_nothing(
    method: str,
    settings: dict[str, str],
    refusal: str,
    tiny: tuple[Path, Path],
    webroot: Path,
    offline: tuple[dict[str, str], Path],
) -> None:
    env, called = offline
    env = {**env, **{k: v.format(web=webroot) for k, v in settings.items()}}
    before = _tree(webroot)
    result = _site_builder_deploy(method, tiny[0], env)
    assert result.returncode == 2, result.stderr
    assert refusal.format(web=webroot) in result.stderr
    assert not called.exists()  # decided before connecting
    assert _tree(webroot) == before


@pytest.mark.parametrize(
    ("method", "settings", "missing"),
    [
        ("rsync", {}, "DEPLOY_TARGET"),
        ("ftps", {"FTP_PATH": "/srv/www/ita"}, "FTP_HOST"),
        ("ftps", {"FTP_HOST": "127.0.0.1"}, "FTP_PATH"),
        ("ftps", {}, "FTP_HOST และ FTP_PATH"),
    ],
)
def test_site_builder_deploy_needs_to_be_told_where_to_publish(
    method: str,
    settings: dict[str, str],
    missing: str,
    tiny: tuple[Path, Path],
    offline: tuple[dict[str, str], Path],
) -> None:
    env, called = offline
    result = _site_builder_deploy(method, tiny[0], {**_without_targets(env), **settings})
    assert result.returncode == 2
    assert f"site-builder deploy {method}: ต้องตั้งค่า {missing} บอกที่ที่จะเผยแพร่" in result.stderr
    assert not called.exists()


def test_site_builder_deploy_hands_secrets_over_in_the_environment_only(
    tiny: tuple[Path, Path], tmp_path: Path, offline: tuple[dict[str, str], Path]
) -> None:
    """The password reaches lftp in its environment and is on no command line, neither
    lftp's nor the script's; the script's exit code is the command's."""
    env, _ = offline
    seen = tmp_path / "seen"
    seen.mkdir()
    env = _with_tool(
        "lftp",
        tmp_path,
        f"""printf '%s\\n' "$@" > {seen}/arguments
printf '%s' "$LFTP_PASSWORD" > {seen}/password
tr '\\0' '\\n' < /proc/$PPID/cmdline > {seen}/caller
cat > /dev/null; exit 99""",
        env,
    )
    password = "รหัสลับ-p@ss word-42"
    settings = {"FTP_HOST": "127.0.0.1", "FTP_PATH": "/srv/www/ita", "FTP_PASSWORD": password}
    result = _site_builder_deploy("ftps", tiny[0], {**env, **settings})
    # The script's own answer to a server that never answered.
    assert result.returncode == 1, result.stderr
    assert "deploy/ftps.sh: เชื่อมต่อหรือเข้าสู่ระบบ 127.0.0.1 ไม่สำเร็จ" in result.stderr
    assert (seen / "password").read_text(encoding="utf-8") == password
    caller = (seen / "caller").read_text(encoding="utf-8").splitlines()
    assert caller[1:] == [str(DEPLOY / "ftps.sh"), str(tiny[0]), "127.0.0.1", "/srv/www/ita"]
    assert password not in (seen / "arguments").read_text(encoding="utf-8")


def test_site_builder_deploy_passes_the_scripts_exit_code_on(
    tiny: tuple[Path, Path], offline: tuple[dict[str, str], Path]
) -> None:
    env, called = offline
    result = _site_builder_deploy(
        "rsync", tiny[0], {**env, "DEPLOY_TARGET": "deploy@127.0.0.1:/srv/www/ita"}
    )
    assert result.returncode == 99, result.stderr  # the stand-in ssh's, through rsync.sh
    assert "deploy/rsync.sh: เชื่อมต่อหรือสั่งงานบน deploy@127.0.0.1 ไม่สำเร็จ (รหัส 99)" in result.stderr
    assert called.read_text(encoding="utf-8") == "ssh\n"


def test_site_builder_deploy_without_bash_says_so(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    nothing = tmp_path / "no-bin"
    nothing.mkdir()
    env = {"PATH": str(nothing), "DEPLOY_TARGET": "deploy@127.0.0.1:/srv/www/ita"}
    result = _site_builder_deploy("rsync", tiny[0], env)
    assert result.returncode == 127
    assert "site-builder deploy rsync: ไม่พบโปรแกรม bash" in result.stderr


def _quoting_function(script: str, name: str) -> str:
    text = (DEPLOY / script).read_text(encoding="utf-8")
    assert "%q" not in text  # bash-only quoting, and $'\340...' under a C locale
    found = re.search(
        rf"^{name}\(\) \{{(?:[^\n]*; \}}$|\n.*?^\}}$)", text, re.MULTILINE | re.DOTALL
    )
    assert found, f"{script} has no {name}()"
    return found.group(0)


HOSTILE_WORDS = [
    "it's",
    "'",
    "''",
    "'\\''",
    'say "hi"',
    "a\\b\\",
    "$(touch pwned)",
    "`touch pwned`",
    "; & | < > #",
    "เว็บไซต์ ITA ปี 2566",
    "*",
    "~root",
    "-n",
    "",
    "two\nlines",
]


@pytest.mark.deploy
def test_rsync_quotes_every_remote_word_for_any_posix_shell_in_any_locale(tmp_path: Path) -> None:
    """sh_quote's words mean themselves to sh, dash and bash, under a C locale too (where
    bash's printf %q writes Thai as $'\\340...', which dash does not read)."""
    function = _quoting_function("rsync.sh", "sh_quote")
    env = _c_locale(os.environ)
    quoted = subprocess.run(
        [
            "bash",
            "-c",
            f'{function}\nfor w; do sh_quote "$w"; printf "\\0"; done',
            "_",
            *HOSTILE_WORDS,
        ],
        capture_output=True,
        check=True,
        env=env,
    ).stdout.split(b"\0")[:-1]
    for shell in ("sh", "dash", "bash"):
        for word, quoted_word in zip(HOSTILE_WORDS, quoted, strict=True):
            said = subprocess.run(
                [shell, "-c", b"printf '%s' " + quoted_word],
                capture_output=True,
                check=True,
                cwd=tmp_path,
                env=env,
            ).stdout
            assert said == word.encode(), (shell, word)
    assert not (tmp_path / "pwned").exists()


@pytest.mark.deploy
def test_ftps_quotes_every_path_for_lftps_own_parser(tmp_path: Path) -> None:
    """lftp_quote's words come out of lftp's command parser as they went in (lftp's own
    echo, no server needed): quotes, backslashes, ; & | > # ! $ and backticks stay text."""
    function = _quoting_function("ftps.sh", "lftp_quote")
    words = [w for w in HOSTILE_WORDS if "\n" not in w] + ["!ls", "x; !touch pwned", '\\"']
    commands = subprocess.run(
        [
            "bash",
            "-c",
            f'{function}\nfor w; do printf "echo %s\n" "$(lftp_quote "/$w")"; done',
            "_",
            *words,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    said = subprocess.run(
        ["lftp", "--norc"], input=commands, capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    assert said.split("\n")[:-1] == [f"/{w}" for w in words]
    assert not list(tmp_path.iterdir())


# --- rsync over SSH ---------------------------------------------------------------------------


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[dict[str, str]]:
    d = tmp_path / "sshd"
    d.mkdir()
    for key in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(d / key)], check=True
        )
    shutil.copy(d / "client.pub", d / "authorized_keys")
    port = free_port()
    (d / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {d / 'host'}\nPidFile {d / 'pid'}\n"
        f"AuthorizedKeysFile {d / 'authorized_keys'}\nStrictModes no\nPermitRootLogin yes\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n",
        encoding="utf-8",
    )
    Path("/run/sshd").mkdir(exist_ok=True)
    proc = subprocess.Popen(
        [shutil.which("sshd") or "/usr/sbin/sshd", "-D", "-e", "-f", str(d / "sshd_config")],
        stderr=subprocess.DEVNULL,
    )
    _wait_port(port)
    env = {
        **os.environ,
        "SSH_PORT": str(port),
        "SSH_KEY": str(d / "client"),
        "SSH_OPTS": "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
    }
    yield env
    proc.terminate()
    proc.wait(timeout=10)


def _ssh_target(path: Path) -> str:
    return f"{getpass.getuser()}@127.0.0.1:{path}"


@pytest.mark.deploy
@pytest.mark.slow
def test_rsync_deploy_swaps_whole_sites_and_survives_a_failed_upload(
    sshd: dict[str, str], web: tuple[Path, str], sites: tuple[Path, Path], tmp_path: Path
) -> None:
    webroot, base = web
    v1, v2 = sites
    target = _ssh_target(webroot / "ita")
    first = run([RSYNC, str(v1), target], env=sshd)
    assert first.returncode == 0, first.stderr
    assert _digest(webroot / "ita") == _digest(v1)
    assert (webroot / "ita").stat().st_mode & 0o777 == 0o755  # readable by the web server
    second = run([RSYNC, str(v2), target], env=sshd)
    assert second.returncode == 0, second.stderr
    assert _digest(webroot / "ita") == _digest(v2)
    assert "ฉบับที่สอง" in fetch(base + "ita/2566/measures/1/")
    assert sorted(p.name for p in webroot.iterdir()) == ["ita", "main-site"]
    # An upload that dies halfway: part of the site is sent, then rsync fails.
    before = _tree(webroot)
    real = shutil.which("rsync")
    env = _with_tool("rsync", tmp_path, f'{real} "$@" --exclude="2566/" ; exit 12', sshd)
    failed = run([RSYNC, str(v1), target], env=env)
    assert failed.returncode == 12
    assert "เว็บไซต์เดิม" in failed.stderr
    # The live site is still version 2, byte for byte, and nothing else changed; the
    # half-finished upload beside it carries the marker, so it is recognisably ours.
    assert _tree(webroot, leave_out=("ita.new",)) == before
    assert "ฉบับที่สอง" in fetch(base + "ita/2566/measures/1/")
    assert fetch(base + "main-site/") == "main website"
    assert (webroot / "ita.new" / ".site-builder").is_file()
    assert _digest(webroot / "ita.new") != _digest(v1)
    # A swap that died between its two renames leaves an ita.old of ours too.
    shutil.copytree(v2, webroot / "ita.old")
    # The next good deploy removes both leftovers, and only them.
    neighbours = _tree(webroot, leave_out=("ita", "ita.new", "ita.old"))
    third = run([RSYNC, str(v1), target], env=sshd)
    assert third.returncode == 0, third.stderr
    assert sorted(p.name for p in webroot.iterdir()) == ["ita", "main-site"]
    assert _digest(webroot / "ita") == _digest(v1)
    assert _tree(webroot, leave_out=("ita",)) == neighbours


@pytest.mark.deploy
@pytest.mark.slow
def test_rsync_deploy_takes_a_key_path_with_spaces_and_a_thai_folder_under_a_c_locale(
    sshd: dict[str, str], webroot: Path, tiny: tuple[Path, Path], tmp_path: Path
) -> None:
    """SSH_KEY at a path with spaces and a quote (rsync splits -e itself), and a target
    with a Thai name and shell characters, under LC_ALL=C with no LANG."""
    keydir = tmp_path / "กุญแจ ssh" / "it's here"
    keydir.mkdir(parents=True)
    key = keydir / "deploy key"
    shutil.copy(sshd["SSH_KEY"], key)
    key.chmod(0o600)
    env = _c_locale({**sshd, "SSH_KEY": str(key)})
    name = "เว็บไซต์ ITA 'ปี' \"2566\" $HOME `id` ; & | \\ #"
    neighbours = _tree(webroot)
    for site in tiny:
        result = run([RSYNC, str(site), _ssh_target(webroot / name)], env=env)
        assert result.returncode == 0, result.stderr
        assert _digest(webroot / name) == _digest(site)
    assert sorted(p.name for p in webroot.iterdir()) == sorted(["main-site", name])
    assert _tree(webroot, leave_out=(name,)) == neighbours


@pytest.mark.deploy
def test_site_builder_deploy_rsync_publishes_and_republishes(
    sshd: dict[str, str], webroot: Path, tiny: tuple[Path, Path]
) -> None:
    env = {**sshd, "DEPLOY_TARGET": _ssh_target(webroot / "ita")}
    neighbours = _tree(webroot)
    for site in tiny:
        result = _site_builder_deploy("rsync", site, env)
        assert result.returncode == 0, result.stderr
        assert _digest(webroot / "ita") == _digest(site)
    assert sorted(p.name for p in webroot.iterdir()) == ["ita", "main-site"]
    assert _tree(webroot, leave_out=("ita",)) == neighbours


def _theirs_main_site(webroot: Path) -> str:
    return "main-site"  # the municipality's site, which has no marker


def _theirs_empty_folder(webroot: Path) -> str:
    (webroot / "ita").mkdir()
    return "ita"


def _theirs_file(webroot: Path) -> str:
    return "main-site/index.html"


def _theirs_link(webroot: Path) -> str:
    (webroot / "ita").symlink_to("main-site")
    return "ita"


def _marker_is_a_folder(webroot: Path) -> str:
    (webroot / "ita" / ".site-builder").mkdir(parents=True)
    (webroot / "ita" / "index.html").write_text("theirs", encoding="utf-8")
    return "ita"


def _theirs_new(webroot: Path) -> str:
    (webroot / "ita.new").mkdir()
    (webroot / "ita.new" / "draft.html").write_text("their draft", encoding="utf-8")
    return "ita"


def _theirs_old_beside_ours(webroot: Path, ours: Path) -> str:
    shutil.copytree(ours, webroot / "ita")
    (webroot / "ita.old").mkdir()
    (webroot / "ita.old" / "backup.html").write_text("their backup", encoding="utf-8")
    return "ita"


THEIRS: dict[str, Callable[[Path, Path], str]] = {
    "their main site": lambda w, ours: _theirs_main_site(w),
    "their empty folder": lambda w, ours: _theirs_empty_folder(w),
    "their file": lambda w, ours: _theirs_file(w),
    "a link to their site": lambda w, ours: _theirs_link(w),
    "a marker that is a folder": lambda w, ours: _marker_is_a_folder(w),
    "their ita.new": lambda w, ours: _theirs_new(w),
    "their ita.old beside our site": _theirs_old_beside_ours,
}


@pytest.mark.deploy
@pytest.mark.parametrize("case", THEIRS)
def test_rsync_deploy_refuses_a_folder_that_exists_without_the_marker(
    case: str, sshd: dict[str, str], webroot: Path, tiny: tuple[Path, Path]
) -> None:
    name = THEIRS[case](webroot, tiny[0])
    before = _tree(webroot)
    result = run([RSYNC, str(tiny[1]), _ssh_target(webroot / name)], env=sshd)
    assert result.returncode == 3, result.stderr
    assert ".site-builder" in result.stderr
    assert "ไม่ได้แตะต้องอะไร" in result.stderr
    assert _tree(webroot) == before


# --- FTPS -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ftp_certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("ftp-certificate")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(d / "key.pem"),
            "-out",
            str(d / "cert.pem"),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    (d / "pure.pem").write_bytes((d / "key.pem").read_bytes() + (d / "cert.pem").read_bytes())
    return d / "pure.pem"


def _sentinel(tmp_path: Path) -> str:
    """Where a command smuggled in by the password would leave a file: short, since
    pure-ftpd takes passwords of up to 256 bytes."""
    return f"/tmp/pwned-{hashlib.sha256(str(tmp_path).encode()).hexdigest()[:12]}"


def _hostile_password(tmp_path: Path) -> str:
    """A password that runs a command wherever it is pasted as text: into an lftp script
    between double quotes (the " ends the quote and ! runs the rest of the line in a shell)
    or into a shell ($(...), backticks)."""
    t = _sentinel(tmp_path)
    return f"p\"; !touch {t}-1 # w'1' $(touch {t}-2) `touch {t}-3` \\ , %s & | x"


def _nothing_ran(tmp_path: Path) -> bool:
    return not list(Path("/tmp").glob(f"{Path(_sentinel(tmp_path)).name}-*"))


def _ftp_owns(webroot: Path) -> None:
    """The FTP account's files belong to its (unprivileged) user, as on a host."""
    for path in [webroot, *webroot.rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)


@pytest.fixture
def ftps(webroot: Path, ftp_certificate: Path, tmp_path: Path) -> Iterator[dict[str, str]]:
    """pure-ftpd with TLS required, one account whose home is the web root and whose
    password is hostile."""
    d = tmp_path / "ftp"
    d.mkdir()
    _ftp_owns(webroot)
    password = _hostile_password(tmp_path)
    # The account as `pure-pw useradd` writes it, with the password hashed by SHA-512 crypt
    # (which pure-ftpd takes too) instead of pure-pw's argon2, tuned to take seconds: lftp
    # logs in once per parallel connection.
    hashed = subprocess.run(
        ["openssl", "passwd", "-6", "-stdin"],
        input=password + "\n",
        text=True,
        check=True,
        capture_output=True,
    ).stdout.strip()
    (d / "passwd").write_text(
        f"deploy:{hashed}:65534:65534::{webroot}/./{':' * 12}\n", encoding="utf-8"
    )
    subprocess.run(
        ["pure-pw", "mkdb", str(d / "pure.pdb"), "-f", str(d / "passwd")],
        check=True,
        capture_output=True,
    )
    port = free_port()
    pasv = 30000 + (os.getpid() % 300) * 100  # a range of passive ports for parallel transfers
    proc = subprocess.Popen(
        [
            "pure-ftpd",
            "-S",
            f"127.0.0.1,{port}",
            "-l",
            f"puredb:{d / 'pure.pdb'}",
            "-Y",
            "2",
            "-2",
            str(ftp_certificate),
            "-u",
            "1",
            "-E",
            "-A",
            "-H",
            "-p",
            f"{pasv}:{pasv + 99}",
            "-P",
            "127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_port(port)
    yield {
        **os.environ,
        "FTP_USER": "deploy",
        "FTP_PASSWORD": password,
        "FTP_PORT": str(port),
        "FTP_VERIFY_CERTIFICATE": "no",
    }
    proc.terminate()
    proc.wait(timeout=10)
    assert _nothing_ran(tmp_path)


@pytest.mark.deploy
@pytest.mark.slow
def test_ftps_deploy_swaps_whole_sites_and_survives_a_failed_upload(
    ftps: dict[str, str], web: tuple[Path, str], sites: tuple[Path, Path], tmp_path: Path
) -> None:
    webroot, base = web
    v1, v2 = sites
    first = run([FTPS, str(v1), "127.0.0.1", "/ita"], env=ftps)
    assert first.returncode == 0, first.stderr + first.stdout
    assert _digest(webroot / "ita") == _digest(v1)
    # An upload that dies halfway: the line drops (lftp is killed) once part of the site is
    # on the server, before the swap. Version 1 stays live, byte for byte; nothing else
    # changed; the half-finished upload carries the marker, so it is recognisably ours.
    before = _tree(webroot)
    real = shutil.which("lftp")
    env = _with_tool(
        "lftp",
        tmp_path,
        f"""commands=$(cat)
if [[ "$commands" != *"mirror -R"* ]]; then exec {real} "$@" <<< "$commands"; fi
{real} "$@" <<< "$commands" & pid=$!
until [[ $(find {webroot / "ita.new"} -type f 2>/dev/null | wc -l) -ge 10 ]]; do
  kill -0 $pid 2>/dev/null || exit 1; sleep 0.01
done
kill -9 $pid; exit 1""",
        ftps,
    )
    failed = run([FTPS, str(v2), "127.0.0.1", "/ita"], env=env)
    assert failed.returncode != 0
    assert _tree(webroot, leave_out=("ita.new",)) == before
    assert (webroot / "ita.new" / ".site-builder").is_file()
    assert _digest(webroot / "ita.new") != _digest(v2)  # only part of it was sent
    assert "ฉบับที่สอง" not in fetch(base + "ita/2566/measures/1/")
    assert fetch(base + "main-site/") == "main website"
    # The next good deploy replaces the site and cleans up the failed upload, only that.
    neighbours = _tree(webroot, leave_out=("ita", "ita.new"))
    second = run([FTPS, str(v2), "127.0.0.1", "/ita"], env=ftps)
    assert second.returncode == 0, second.stderr
    assert _digest(webroot / "ita") == _digest(v2)
    assert "ฉบับที่สอง" in fetch(base + "ita/2566/measures/1/")
    assert sorted(p.name for p in webroot.iterdir()) == ["ita", "main-site"]
    assert _tree(webroot, leave_out=("ita",)) == neighbours


@pytest.mark.deploy
@pytest.mark.slow
def test_ftps_deploy_takes_hostile_folder_names_and_password_and_runs_nothing(
    ftps: dict[str, str], webroot: Path, tiny: tuple[Path, Path], tmp_path: Path
) -> None:
    """A target with quotes, &, |, ;, $, backticks, #, !, spaces and Thai (pure-ftpd itself
    refuses a backslash in a name), under LC_ALL=C, with a password that would run commands
    if it went through a shell or an lftp script. The second deploy swaps and removes the
    first."""
    name = "เว็บไซต์ ITA 'ปี' \"2566\" $HOME `id` ; & | # !x %20 (1)"
    env = _c_locale(ftps)
    neighbours = _tree(webroot)
    for site in tiny:
        result = run([FTPS, str(site), "127.0.0.1", f"/{name}"], env=env)
        assert result.returncode == 0, result.stderr
        assert _digest(webroot / name) == _digest(site)
        assert _nothing_ran(tmp_path)
    assert sorted(p.name for p in webroot.iterdir()) == sorted(["main-site", name])
    assert _tree(webroot, leave_out=(name,)) == neighbours


@pytest.mark.deploy
@pytest.mark.slow
def test_site_builder_deploy_ftps_publishes_with_a_hostile_password_and_runs_nothing(
    ftps: dict[str, str], webroot: Path, tiny: tuple[Path, Path], tmp_path: Path
) -> None:
    env = {**ftps, "FTP_HOST": "127.0.0.1", "FTP_PATH": "/ita"}
    neighbours = _tree(webroot)
    for site in tiny:
        result = _site_builder_deploy("ftps", site, env)
        assert result.returncode == 0, result.stderr
        assert _digest(webroot / "ita") == _digest(site)
        assert _nothing_ran(tmp_path)
    assert sorted(p.name for p in webroot.iterdir()) == ["ita", "main-site"]
    assert _tree(webroot, leave_out=("ita",)) == neighbours


@pytest.mark.deploy
@pytest.mark.slow
def test_ftps_deploy_with_a_wrong_password_touches_nothing(
    ftps: dict[str, str], webroot: Path, tiny: tuple[Path, Path], tmp_path: Path
) -> None:
    before = _tree(webroot)
    result = run([FTPS, str(tiny[0]), "127.0.0.1", "/ita"], env={**ftps, "FTP_PASSWORD": "wrong"})
    assert result.returncode != 0
    assert "ไม่สำเร็จ" in result.stderr
    assert _tree(webroot) == before


@pytest.mark.deploy
@pytest.mark.parametrize("case", THEIRS)
def test_ftps_deploy_refuses_a_folder_that_exists_without_the_marker(
    case: str, ftps: dict[str, str], webroot: Path, tiny: tuple[Path, Path]
) -> None:
    name = THEIRS[case](webroot, tiny[0])
    _ftp_owns(webroot)
    before = _tree(webroot)
    result = run([FTPS, str(tiny[1]), "127.0.0.1", f"/{name}"], env=ftps)
    assert result.returncode == 3, result.stderr
    assert ".site-builder" in result.stderr
    assert "ไม่ได้แตะต้องอะไร" in result.stderr
    assert _tree(webroot) == before
