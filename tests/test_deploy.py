"""Deploys to real local servers: rsync over SSH (OpenSSH) and FTPS (pure-ftpd with TLS required).

Each test publishes a built site into a web folder, publishes a second version over
it, then makes an upload fail halfway and checks that the live folder, served over
HTTP, is still the previous version and that nothing beside the folder was touched.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from sample import sample_tree

DEPLOY = ROOT / "deploy"
for tool in ("sshd", "rsync", "lftp", "pure-ftpd", "pure-pw", "openssl", "ssh-keygen"):
    if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():  # pragma: no cover
        pytest.fail(f"{tool} is needed: run `make test`, which installs it", pytrace=False)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
    return root / "v1", root / "v2"


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A web root served over HTTP on loopback, with a neighbour folder that must survive."""
    webroot = tmp_path / "webroot"
    (webroot / "main-site").mkdir(parents=True)
    (webroot / "main-site" / "index.html").write_text("main website", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(webroot))
    handler.log_message = lambda *a: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield webroot, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _failing(tool: str, tmp_path: Path, body: str) -> dict[str, str]:
    """An environment whose `tool` uploads part of the site and then fails, like a dropped line."""
    bindir = tmp_path / "failing-bin"
    bindir.mkdir()
    wrapper = bindir / tool
    wrapper.write_text(f"#!/usr/bin/env bash\n{body}\n", encoding="utf-8")
    wrapper.chmod(0o755)
    return {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}"}


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[dict[str, str]]:
    d = tmp_path / "sshd"
    d.mkdir()
    for key in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(d / key)], check=True
        )
    shutil.copy(d / "client.pub", d / "authorized_keys")
    port = _port()
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


def test_rsync_deploy_swaps_whole_sites_and_survives_a_failed_upload(
    sshd: dict[str, str], web: tuple[Path, str], sites: tuple[Path, Path], tmp_path: Path
) -> None:
    webroot, base = web
    v1, v2 = sites
    target = f"{getpass.getuser()}@127.0.0.1:{webroot / 'ita'}"
    run = functools.partial(subprocess.run, capture_output=True, text=True, check=False)
    first = run([str(DEPLOY / "rsync.sh"), str(v1), target], env=sshd)
    assert first.returncode == 0, first.stderr
    assert _digest(webroot / "ita") == _digest(v1)
    second = run([str(DEPLOY / "rsync.sh"), str(v2), target], env=sshd)
    assert second.returncode == 0, second.stderr
    assert _digest(webroot / "ita") == _digest(v2)
    assert "ฉบับที่สอง" in _get(base + "ita/2566/measures/1/")
    # An upload that dies halfway: the live site is still version 2, whole.
    real = shutil.which("rsync")
    env = _failing("rsync", tmp_path, f'{real} "$@" --exclude="2566/" ; exit 12')
    env.update({k: v for k, v in sshd.items() if k.startswith("SSH_")})
    failed = run([str(DEPLOY / "rsync.sh"), str(v1), target], env=env)
    assert failed.returncode != 0
    assert _digest(webroot / "ita") == _digest(v2)
    assert "ฉบับที่สอง" in _get(base + "ita/2566/measures/1/")
    assert _get(base + "main-site/") == "main website"
    assert sorted(p.name for p in webroot.iterdir()) in (
        ["ita", "main-site"],
        ["ita", "ita.new", "main-site"],
    )
    # The next good deploy cleans up the failed one.
    assert run([str(DEPLOY / "rsync.sh"), str(v1), target], env=sshd).returncode == 0
    assert sorted(p.name for p in webroot.iterdir()) == ["ita", "main-site"]
    assert _digest(webroot / "ita") == _digest(v1)


@pytest.mark.parametrize("target", ["/", "/var/www/html", "relative/ita"])
def test_rsync_deploy_refuses_a_folder_that_is_not_the_sites_own(
    sites: tuple[Path, Path], target: str
) -> None:
    result = subprocess.run(
        [str(DEPLOY / "rsync.sh"), str(sites[0]), f"user@127.0.0.1:{target}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "โฟลเดอร์" in result.stderr


@pytest.fixture
def ftps(web: tuple[Path, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    webroot, _ = web
    d = tmp_path / "ftp"
    d.mkdir()
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
    os.chown(webroot, 65534, 65534)
    for path in webroot.rglob("*"):
        os.chown(path, 65534, 65534)
    subprocess.run(
        [
            "pure-pw",
            "useradd",
            "deploy",
            "-u",
            "65534",
            "-g",
            "65534",
            "-d",
            str(webroot),
            "-f",
            str(d / "passwd"),
            "-m",
            "-F",
            str(d / "pure.pdb"),
        ],
        input="secretpw\nsecretpw\n",
        text=True,
        check=True,
        capture_output=True,
    )
    port = _port()
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
            str(d / "pure.pem"),
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
        "FTP_PASSWORD": "secretpw",
        "FTP_PORT": str(port),
        "FTP_VERIFY_CERTIFICATE": "no",
    }
    proc.terminate()
    proc.wait(timeout=10)


def test_ftps_deploy_swaps_whole_sites_and_survives_a_failed_upload(
    ftps: dict[str, str], web: tuple[Path, str], sites: tuple[Path, Path], tmp_path: Path
) -> None:
    webroot, base = web
    v1, v2 = sites
    run = functools.partial(subprocess.run, capture_output=True, text=True, check=False)
    first = run([str(DEPLOY / "ftps.sh"), str(v1), "127.0.0.1", "/ita"], env=ftps)
    assert first.returncode == 0, first.stderr + first.stdout
    assert _digest(webroot / "ita") == _digest(v1)
    # An upload that dies halfway (part of the site sent, then the line drops before the
    # swap): version 1 stays live, whole. (Each FTPS deploy of this site takes ~10 s, so
    # this test makes three where the rsync one makes four.)
    real = shutil.which("lftp")
    env = _failing(
        "lftp",
        tmp_path,
        f'sed -i "s|^mirror -R |mirror -R --exclude 2566/ |; s|^rm -r -f \\(.*\\.old\\)\\"*$|exit 1|" "$2"; {real} "$@"; exit 1',
    )
    env.update({k: v for k, v in ftps.items() if k.startswith("FTP_")})
    failed = run([str(DEPLOY / "ftps.sh"), str(v2), "127.0.0.1", "/ita"], env=env)
    assert failed.returncode != 0
    assert (webroot / "ita.new").is_dir()  # the upload did start
    assert _digest(webroot / "ita") == _digest(v1)
    assert "ฉบับที่สอง" not in _get(base + "ita/2566/measures/1/")
    assert _get(base + "main-site/") == "main website"
    # The next good deploy replaces the site and cleans up the failed upload.
    second = run([str(DEPLOY / "ftps.sh"), str(v2), "127.0.0.1", "/ita"], env=ftps)
    assert second.returncode == 0, second.stderr
    assert _digest(webroot / "ita") == _digest(v2)
    assert "ฉบับที่สอง" in _get(base + "ita/2566/measures/1/")
    assert sorted(p.name for p in webroot.iterdir()) == ["ita", "main-site"]


@pytest.mark.parametrize("target", ["/", "/public_html", "ita"])
def test_ftps_deploy_refuses_a_folder_that_is_not_the_sites_own(
    sites: tuple[Path, Path], target: str
) -> None:
    env = {**os.environ, "FTP_USER": "u", "FTP_PASSWORD": "p"}
    result = subprocess.run(
        [str(DEPLOY / "ftps.sh"), str(sites[0]), "127.0.0.1", target],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 2
    assert "โฟลเดอร์" in result.stderr


def test_deploy_refuses_a_folder_that_is_not_a_built_site(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(DEPLOY / "rsync.sh"), str(tmp_path), "user@127.0.0.1:/srv/www/ita"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "site-builder build" in result.stderr
