"""Publishing: the GitHub Actions workflow and .gitlab-ci.yml that municipalities copy, and a
site built for a sub-path.

The CI files are read as data: their conditions are evaluated for pull requests, merge
requests and pushes, every ``site-builder`` command in them is parsed by the CLI's own
parser, and every deploy script and variable they use is checked against the scripts.
The sub-path site is built with ``site_url: https://www.tambon.go.th/ita/``, served from a
local web server under ``/ita/`` beside another site, and every link is followed.
"""

from __future__ import annotations

import csv
import functools
import html.parser
import http.server
import io
import json
import os
import re
import shlex
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT, copy_tree, derived_config, write_tree
from site_builder import cli

GITHUB = ROOT / ".github" / "workflows" / "site.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
DEPLOY = ROOT / "site_builder" / "deploy"
SITE_URL = "https://www.tambon.go.th/ita/"

# The actions the workflow may use, each pinned to its major version.
PINNED = {
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "actions/upload-artifact@v4",
    "actions/download-artifact@v4",
    "actions/configure-pages@v5",
    "actions/upload-pages-artifact@v3",
    "actions/deploy-pages@v4",
}
# Credentials and targets the municipality stores as secrets / CI/CD variables.
SECRET_NAMES = {
    "SSH_PRIVATE_KEY",
    "SSH_KNOWN_HOSTS",
    "DEPLOY_TARGET",
    "FTP_HOST",
    "FTP_PATH",
}
# What each deploy method needs from CI besides the built site.
REQUIRED = {
    "rsync": {"SSH_PRIVATE_KEY", "DEPLOY_TARGET"},
    "ftps": {"FTP_USER", "FTP_PASSWORD", "FTP_HOST", "FTP_PATH"},
}
ENV_REF = re.compile(r"\$\{?([A-Z][A-Z0-9_]*)")


# --- reading the files -------------------------------------------------------------


def github() -> dict[str, Any]:
    data = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in data:
        data["on"] = data.pop(True)
    return dict(data)


def gitlab() -> dict[str, Any]:
    return dict(yaml.safe_load(GITLAB.read_text(encoding="utf-8")))


def gitlab_jobs(ci: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: job
        for name, job in ci.items()
        if isinstance(job, dict) and "script" in job and not name.startswith(".")
    }


def gitlab_script(job: dict[str, Any]) -> str:
    lines: list[str] = []
    for key in ("before_script", "script", "after_script"):
        value = job.get(key) or []
        lines += [value] if isinstance(value, str) else [str(v) for v in value]
    return "\n".join(lines)


def github_script(job: dict[str, Any]) -> str:
    return "\n".join(str(step["run"]) for step in job.get("steps", []) if "run" in step)


def needs(job: dict[str, Any]) -> list[str]:
    value = job.get("needs") or []
    value = [value] if isinstance(value, str) else value
    return [v if isinstance(v, str) else v["job"] for v in value]


def commands(script: str, program: str) -> list[list[str]]:
    """The argument lists of every call of ``program`` (or ``…/program``) in a shell script."""
    calls = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
        for i, word in enumerate(words):
            if word == program or word.endswith("/" + program):
                args = []
                for arg in words[i + 1 :]:
                    if arg in {";", "&&", "||", "|", "&", ")", "(", ">", ">>", "2>"}:
                        break
                    args.append(arg)
                calls.append(args)
    return calls


def subcommands(script: str) -> list[str]:
    return [args[0] for args in commands(script, "site-builder") if args]


def deploy_calls(script: str, method: str) -> list[list[str]]:
    """The arguments of every deploy by ``method`` (``rsync`` or ``ftps``) in a shell script,
    from the site on: the packaged script called by its path (``…/rsync.sh SITE TARGET``, as
    this repository's CI does) or ``site-builder deploy rsync SITE`` (a municipality's)."""
    calls = commands(script, f"{method}.sh")
    calls += [a[2:] for a in commands(script, "site-builder") if a[:2] == ["deploy", method]]
    return calls


@functools.cache
def deploy_script_env() -> frozenset[str]:
    """The environment variables the deploy scripts read."""
    names: set[str] = set()
    for script in DEPLOY.glob("*.sh"):
        for line in script.read_text(encoding="utf-8").splitlines():
            if not line.lstrip().startswith("#"):
                names.update(ENV_REF.findall(line))
    return frozenset(names)


# --- evaluating conditions ---------------------------------------------------------

_GH_TOKEN = re.compile(
    r"""\s*(?:
        (?P<str>'(?:[^']|'')*')
      | (?P<num>\d+(?:\.\d+)?)
      | (?P<op>==|!=|&&|\|\||[!()<>,])
      | (?P<name>[A-Za-z_][\w-]*(?:\.[\w-]+)*)
    )""",
    re.X,
)
_GH_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "contains": lambda haystack, needle: str(needle).lower() in str(haystack).lower(),
    "startswith": lambda s, p: str(s).lower().startswith(str(p).lower()),
    "endswith": lambda s, p: str(s).lower().endswith(str(p).lower()),
    "success": lambda: True,
    "always": lambda: True,
    "failure": lambda: False,
    "cancelled": lambda: False,
}


def github_expression(text: str, context: dict[str, str]) -> Any:
    """Evaluate a GitHub Actions expression (the subset a workflow ``if:`` uses)."""
    text = text.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2].strip()
    python: list[str] = []
    pos = 0
    while pos < len(text):
        match = _GH_TOKEN.match(text, pos)
        assert match, f"cannot read {text[pos:]!r} in {text!r}"
        assert match.end() > pos, f"cannot read {text[pos:]!r} in {text!r}"
        pos = match.end()
        if match["str"]:
            python.append(repr(match["str"][1:-1].replace("''", "'")))
        elif match["num"]:
            python.append(match["num"])
        elif match["op"]:
            python.append({"&&": " and ", "||": " or ", "!": " not "}.get(match["op"], match["op"]))
        elif text[pos:].lstrip().startswith("("):
            assert match["name"].lower() in _GH_FUNCTIONS, f"function {match['name']} in {text!r}"
            python.append(f"fn[{match['name'].lower()!r}]")
        elif match["name"] in {"true", "false", "null"}:
            python.append({"true": "True", "false": "False", "null": "None"}[match["name"]])
        else:
            name = match["name"]
            assert name.split(".")[0] in {"github", "vars", "secrets", "env", "needs"}, name
            python.append(f"ctx.get({name!r}, '')")
    return eval(" ".join(python), {"__builtins__": {}}, {"fn": _GH_FUNCTIONS, "ctx": context})


def github_run(
    workflow: dict[str, Any], event: str, ref: str, variables: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """The jobs that run for an event, each with the steps that run in it."""
    context = {"github.event_name": event, "github.ref": ref}
    context |= {f"vars.{k}": v for k, v in variables.items()}
    jobs = workflow["jobs"]
    decided: dict[str, bool] = {}

    def runs(name: str) -> bool:
        if name not in decided:
            job = jobs[name]
            condition = str(job.get("if", "success()"))
            decided[name] = all(runs(n) for n in needs(job)) and bool(
                github_expression(condition, context)
            )
        return decided[name]

    return {
        name: [
            step
            for step in job["steps"]
            if github_expression(str(step.get("if", "success()")), context)
        ]
        for name, job in jobs.items()
        if runs(name)
    }


_GL_TOKEN = re.compile(
    r"""\s*(?:
        (?P<var>\$\{?\w+\}?)
      | (?P<str>"[^"]*"|'[^']*')
      | (?P<re>/(?:\\.|[^/])*/i?)
      | (?P<op>==|!=|=~|!~|&&|\|\||[()])
      | (?P<null>null)
    )""",
    re.X,
)


def gitlab_expression(text: str, variables: dict[str, str]) -> bool:
    """Evaluate a GitLab ``rules: if:`` expression."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _GL_TOKEN.match(text, pos)
        assert match, f"cannot read {text[pos:]!r} in {text!r}"
        assert match.end() > pos, f"cannot read {text[pos:]!r} in {text!r}"
        pos = match.end()
        kind = match.lastgroup or ""
        tokens.append((kind, match[kind]))
    at = 0

    def peek() -> str:
        return tokens[at][1] if at < len(tokens) else ""

    def take() -> tuple[str, str]:
        nonlocal at
        at += 1
        return tokens[at - 1]

    def value() -> Any:
        kind, raw = take()
        if kind == "var":
            return variables.get(raw.strip("${}"))
        if kind == "str":
            return raw[1:-1]
        if kind == "re":
            body, _, flags = raw[1:].rpartition("/")
            return re.compile(body, re.I if flags else 0)
        assert kind == "null", f"unexpected {raw!r} in {text!r}"
        return None

    def comparison() -> bool:
        if peek() == "(":
            take()
            result = disjunction()
            assert take()[1] == ")", text
            return result
        left = value()
        if peek() not in {"==", "!=", "=~", "!~"}:
            return bool(left)
        op = take()[1]
        right = value()
        if op in {"=~", "!~"}:
            found = left is not None and right.search(left) is not None
            return found if op == "=~" else not found
        return (left == right) if op == "==" else (left != right)

    def conjunction() -> bool:
        result = comparison()
        while peek() == "&&":
            take()
            result = comparison() and result
        return result

    def disjunction() -> bool:
        result = conjunction()
        while peek() == "||":
            take()
            result = conjunction() or result
        return result

    result = disjunction()
    assert at == len(tokens), f"unread {tokens[at:]} in {text!r}"
    return result


def gitlab_run(ci: dict[str, Any], variables: dict[str, str]) -> set[str]:
    """The jobs of the pipeline GitLab creates for these predefined variables."""

    def first_match(rules: list[dict[str, Any]]) -> bool:
        for rule in rules:
            if "if" not in rule or gitlab_expression(rule["if"], variables):
                return rule.get("when", "on_success") != "never"
        return False

    if "workflow" in ci and not first_match(ci["workflow"]["rules"]):
        return set()
    jobs = gitlab_jobs(ci)
    run = {name for name, job in jobs.items() if "rules" not in job or first_match(job["rules"])}
    for name in run:
        missing = set(needs(jobs[name])) - run
        assert not missing, f"{name} needs {missing}, which is not in the pipeline"
    return run


# --- GitHub Actions ----------------------------------------------------------------

MAIN = "refs/heads/main"
ALL = {"DEPLOY_METHOD": "pages rsync ftps"}


def test_github_triggers() -> None:
    on = github()["on"]
    assert "pull_request" in on
    assert "pull_request_target" not in on, "would hand secrets to forks"
    assert on["push"] == {"branches": ["main"]}


@pytest.mark.parametrize(
    ("event", "ref", "variables", "expected"),
    [
        ("pull_request", "refs/pull/7/merge", {}, {"build"}),
        ("pull_request", "refs/pull/7/merge", ALL, {"build"}),
        ("push", MAIN, {}, {"build"}),
        ("push", MAIN, {"DEPLOY_METHOD": "pages"}, {"build", "pages"}),
        ("push", MAIN, {"DEPLOY_METHOD": "rsync"}, {"build", "rsync"}),
        ("push", MAIN, {"DEPLOY_METHOD": "ftps"}, {"build", "ftps"}),
        ("push", MAIN, {"DEPLOY_METHOD": "pages rsync"}, {"build", "pages", "rsync"}),
        ("workflow_dispatch", MAIN, {"DEPLOY_METHOD": "rsync"}, {"build", "rsync"}),
        ("workflow_dispatch", "refs/heads/feature", ALL, {"build"}),
        ("push", "refs/heads/feature", ALL, {"build"}),
    ],
)
def test_github_jobs_by_event(
    event: str, ref: str, variables: dict[str, str], expected: set[str]
) -> None:
    workflow = github()
    ran = github_run(workflow, event, ref, variables)
    assert set(ran) == expected
    build_steps = ran["build"]
    script = "\n".join(str(s["run"]) for s in build_steps if "run" in s)
    assert subcommands(script) == ["check", "build"]
    uploads = [s for s in build_steps if str(s.get("uses", "")).startswith("actions/upload-")]
    if event == "pull_request":
        assert not uploads, "nothing leaves a pull request's build"
    elif ref == MAIN:
        assert uploads, "the build of main keeps its site for the deploy jobs"


def test_github_installs_python_311_and_the_pinned_packages() -> None:
    build = github()["jobs"]["build"]
    setup = [s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/setup-python")]
    assert [str(s["with"]["python-version"]) for s in setup] == ["3.11"]
    installs = commands(github_script(build), "pip")
    assert installs == [["install", "-c", "constraints.txt", "-e", "."]]
    script = github_script(build)
    assert script.index("pip install") < script.index("site-builder check")


def test_github_actions_are_pinned_to_major_versions() -> None:
    used = {
        str(step["uses"])
        for job in github()["jobs"].values()
        for step in job["steps"]
        if "uses" in step
    }
    assert used <= PINNED, used - PINNED
    assert {"actions/deploy-pages@v4", "actions/upload-artifact@v4"} <= used


def test_github_deploys_the_artifact_of_the_one_build() -> None:
    jobs = github()["jobs"]
    builds = [
        (name, args)
        for name, job in jobs.items()
        for args in commands(github_script(job), "site-builder")
    ]
    assert [(name, args[0]) for name, args in builds if args[0] == "build"] == [("build", "build")]
    (upload,) = [s for s in jobs["build"]["steps"] if s.get("uses") == "actions/upload-artifact@v4"]
    artifact, built = upload["with"]["name"], upload["with"]["path"].rstrip("/")
    assert built == "site"
    deploys = {name: job for name, job in jobs.items() if name != "build"}
    assert set(deploys) == {"pages", "rsync", "ftps"}
    for name, job in deploys.items():
        assert needs(job) == ["build"], name
        script = github_script(job)
        assert not commands(script, "site-builder"), name
        assert "pip install" not in script, name
        assert "mkdocs" not in script, name
        (download,) = [s for s in job["steps"] if s.get("uses") == "actions/download-artifact@v4"]
        assert download["with"]["name"] == artifact, name
        here = download["with"]["path"].rstrip("/")
        published = [
            str(s["with"]["path"]).rstrip("/")
            for s in job["steps"]
            if s.get("uses") == "actions/upload-pages-artifact@v3"
        ]
        published += [
            args[0].rstrip("/") for method in REQUIRED for args in deploy_calls(script, method)
        ]
        assert published == [here], f"{name} publishes {published}, downloaded {here}"


def test_github_pages_job() -> None:
    job = github()["jobs"]["pages"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    uses = [s.get("uses") for s in job["steps"]]
    assert uses.index("actions/upload-pages-artifact@v3") < uses.index("actions/deploy-pages@v4")


def test_github_deploys_never_overlap() -> None:
    workflow = github()
    groups = set()
    for name in ("pages", "rsync", "ftps"):
        concurrency = workflow["jobs"][name]["concurrency"]
        assert concurrency["cancel-in-progress"] is False, "a deploy is never cut off halfway"
        groups.add(concurrency["group"])
    assert len(groups) == 1
    # Runs of main wait for each other; only a pull request's older check is cancelled.
    cancel = str(workflow["concurrency"]["cancel-in-progress"])
    assert github_expression(cancel, {"github.event_name": "push"}) is False
    assert github_expression(cancel, {"github.event_name": "pull_request"}) is True


def test_deploy_scripts_read_these_variables() -> None:
    assert {"FTP_USER", "FTP_PASSWORD", "FTP_PORT", "SSH_PORT", "SSH_KEY", "SSH_OPTS"} <= (
        deploy_script_env()
    )


def test_github_credentials_come_from_secrets_and_variables() -> None:
    check_github_credentials(github())


def check_github_credentials(workflow: dict[str, Any]) -> None:
    """Every credential and target comes from the repository's secrets or variables,
    through ``env:``; no ``run:`` sets one or uses a variable its step does not have; every
    deploy has what its method needs."""
    from_settings = re.compile(
        r"^\$\{\{\s*(?:secrets|vars)\.\w+(?:\s*\|\|\s*(?:secrets|vars)\.\w+)*\s*\}\}$"
    )
    sensitive = deploy_script_env() | SECRET_NAMES
    runner = {"HOME", "PATH", "SSH_AUTH_SOCK", "SSH_AGENT_PID"}
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            env = {**workflow.get("env", {}), **job.get("env", {}), **step.get("env", {})}
            for key, value in env.items():
                if key in sensitive:
                    assert from_settings.match(str(value)), f"{name}: {key}: {value}"
            run = str(step.get("run", ""))
            assert "secrets." not in run, f"{name}: secrets go through env:, never into run:"
            for var in sensitive:
                assert not re.search(rf"(?:^|[\s;])(?:export\s+)?{var}=", run), f"{name} sets {var}"
            used = set(ENV_REF.findall(run)) - runner
            used = {u for u in used if not u.startswith(("GITHUB_", "RUNNER_"))}
            assert used <= set(env), f"{name}: {used - set(env)} not in env"
            for method, required in REQUIRED.items():
                if deploy_calls(run, method):
                    assert required <= set(env), f"{name}: {method} needs {required - set(env)}"


def test_no_workflow_runs_the_projects_own_tests() -> None:
    for path in (*(ROOT / ".github" / "workflows").glob("*.y*ml"), GITLAB):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bmake\s+test\b|\bpytest\b", text), path


# --- GitLab CI/CD ------------------------------------------------------------------

MR = {
    "CI_PIPELINE_SOURCE": "merge_request_event",
    "CI_MERGE_REQUEST_IID": "3",
    "CI_COMMIT_REF_NAME": "feature",
    "CI_DEFAULT_BRANCH": "main",
}
PUSH_MAIN = {
    "CI_PIPELINE_SOURCE": "push",
    "CI_COMMIT_BRANCH": "main",
    "CI_COMMIT_REF_NAME": "main",
    "CI_DEFAULT_BRANCH": "main",
}
PUSH_FEATURE = {**PUSH_MAIN, "CI_COMMIT_BRANCH": "feature", "CI_COMMIT_REF_NAME": "feature"}


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        (MR, {"build"}),
        ({**MR, **ALL}, {"build"}),
        (PUSH_MAIN, {"build", "pages"}),
        ({**PUSH_MAIN, "DEPLOY_METHOD": ""}, {"build", "pages"}),
        ({**PUSH_MAIN, "DEPLOY_METHOD": "pages"}, {"build", "pages"}),
        ({**PUSH_MAIN, "DEPLOY_METHOD": "rsync"}, {"build", "deploy-rsync"}),
        ({**PUSH_MAIN, "DEPLOY_METHOD": "ftps"}, {"build", "deploy-ftps"}),
        ({**PUSH_MAIN, "DEPLOY_METHOD": "pages rsync"}, {"build", "pages", "deploy-rsync"}),
        (
            {**PUSH_MAIN, "CI_PIPELINE_SOURCE": "web", **ALL},
            {"build", "pages", "deploy-rsync", "deploy-ftps"},
        ),
        ({**PUSH_FEATURE, **ALL}, set()),
    ],
)
def test_gitlab_jobs_by_pipeline(variables: dict[str, str], expected: set[str]) -> None:
    ci = gitlab()
    assert gitlab_run(ci, variables) == expected
    if expected:
        assert subcommands(gitlab_script(gitlab_jobs(ci)["build"])) == ["check", "build"]


def test_gitlab_image_and_install() -> None:
    ci = gitlab()
    assert ci["image"] == "python:3.11-slim"
    jobs = gitlab_jobs(ci)
    assert commands(gitlab_script(jobs["build"]), "pip") == [
        ["install", "-q", "-c", "constraints.txt", "-e", "."]
    ]
    # System packages only where they are used.
    for name, job in jobs.items():
        installed = {
            arg
            for args in commands(gitlab_script(job), "apt-get")
            if args[:1] == ["install"]
            for arg in args
            if not arg.startswith("-") and arg != "install"
        }
        wanted = {"deploy-rsync": {"rsync", "openssh-client"}, "deploy-ftps": {"lftp"}}
        assert wanted.get(name, set()) <= installed, name
        if name not in wanted:
            assert not installed, name


def test_gitlab_deploys_the_artifact_of_the_one_build() -> None:
    jobs = gitlab_jobs(gitlab())
    builds = [
        name
        for name, job in jobs.items()
        for args in commands(gitlab_script(job), "site-builder")
        if args[:1] == ["build"]
    ]
    assert builds == ["build"]
    assert [p.rstrip("/") for p in jobs["build"]["artifacts"]["paths"]] == ["site"]
    for name, job in jobs.items():
        if name == "build":
            continue
        assert needs(job) == ["build"], name
        script = gitlab_script(job)
        assert not commands(script, "site-builder"), name
        assert "pip install" not in script, name
        assert job.get("resource_group") == jobs["pages"]["resource_group"], name
        published = [args[0] for method in REQUIRED for args in deploy_calls(script, method)]
        if name == "pages":
            assert [p.rstrip("/") for p in job["artifacts"]["paths"]] == ["public"]
            assert commands(script, "cp") == [["-a", "site", "public"]]
        else:
            assert published == ["site"], name
    assert "pages" in jobs, "GitLab publishes Pages only from a job named pages"


def test_gitlab_variables_are_never_written_into_the_file() -> None:
    check_gitlab_variables(gitlab())


def check_gitlab_variables(ci: dict[str, Any]) -> None:
    """No credential, target or DEPLOY_METHOD is written into the file or set by a script;
    a job refuses to deploy without what its method needs, naming each."""
    sensitive = deploy_script_env() | SECRET_NAMES | {"DEPLOY_METHOD"}
    for scope in (ci, *gitlab_jobs(ci).values()):
        for key, value in (scope.get("variables") or {}).items():
            assert key not in sensitive or str(value).startswith("$"), key
    for name, job in gitlab_jobs(ci).items():
        script = gitlab_script(job)
        for var in sensitive:
            assert not re.search(rf"(?:^|[\s;])(?:export\s+)?{var}=", script), f"{name} sets {var}"
        for method, required in REQUIRED.items():
            if deploy_calls(script, method):
                # The job refuses to start the deploy without them, by name.
                assert required <= set(ENV_REF.findall(script)), name


@pytest.mark.slow
def test_gitlab_code_quality_report_is_the_file_the_cli_writes(tmp_path: Path) -> None:
    ci = gitlab()
    build = gitlab_jobs(ci)["build"]
    assert build["artifacts"]["when"] == "always", "the report is kept when check fails"
    report = build["artifacts"]["reports"]["codequality"]
    env = {
        k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"}
    }
    env |= {k: str(v) for k, v in {**ci.get("variables", {}), **build.get("variables", {})}.items()}
    env["GITLAB_CI"] = "true"
    write_tree(
        tmp_path,
        {
            "content/site.yml": "organization: {name: ก}\ndisplay: {numerals: roman}\n",
            "content/2566/measures.yml": "measures:\n  - {no: 1, title: ก, indicators: [1], steps: ทำ, responsible: ส}\n",
        },
    )
    for command in subcommands(gitlab_script(build)):
        (tmp_path / report).unlink(missing_ok=True)
        run = subprocess.run(
            [sys.executable, "-m", "site_builder.cli", command, "--content", "content"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 1, run.stderr
        issues = json.loads((tmp_path / report).read_text(encoding="utf-8"))
        assert issues
        assert issues[0]["location"] == {
            "path": "content/site.yml",
            "lines": {"begin": 2},
        }


# --- both --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.name)
def test_every_site_builder_call_parses(path: Path) -> None:
    if path == GITHUB:
        scripts = [github_script(job) for job in github()["jobs"].values()]
    else:
        scripts = [gitlab_script(job) for job in gitlab_jobs(gitlab()).values()]
    calls = [args for script in scripts for args in commands(script, "site-builder")]
    assert len(calls) >= 2
    for args in calls:
        try:
            cli.parser().parse_args(args)
        except SystemExit:
            pytest.fail(f"{path.name}: `site-builder {shlex.join(args)}` is not a command")


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.name)
def test_deploy_scripts_exist_and_are_executable(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    referenced = set(re.findall(r"(?<![\w/])[\w/]*deploy/[\w.-]+", text))
    # The scripts ship in the package (site-builder deploy runs them); CI runs them in place.
    assert referenced == {"site_builder/deploy/rsync.sh", "site_builder/deploy/ftps.sh"}
    for script in referenced:
        assert (ROOT / script).is_file(), script
        assert os.access(ROOT / script, os.X_OK), script


def test_readme_names_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Publishing\n", 1)[1].split("\n## ", 1)[0]
    github_names = set(re.findall(r"\b(?:secrets|vars)\.(\w+)", GITHUB.read_text(encoding="utf-8")))
    predefined = ("CI_", "GITLAB_", "HOME", "PATH", "SSH_AUTH_SOCK")
    gitlab_names = {
        name
        for name in ENV_REF.findall(GITLAB.read_text(encoding="utf-8"))
        if not name.startswith(predefined)
        and name not in {"PIP_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK", "GIT_STRATEGY"}
    }
    assert {"DEPLOY_METHOD", "SSH_PRIVATE_KEY", "FTP_PASSWORD"} <= github_names & gitlab_names
    for name in sorted(github_names | gitlab_names):
        assert f"`{name}`" in section, f"README ## Publishing does not mention `{name}`"


# --- a site under a sub-path, served and followed ----------------------------------


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.canonical: str | None = None
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        self.urls += [a[k] for k in ("href", "src") if a.get(k)]
        self.urls += [p.split()[0] for p in a.get("srcset", "").split(",") if p.strip()]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.urls.append(a["content"].split("url=", 1)[1])
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data


def _links(document: str) -> _Links:
    parser = _Links()
    parser.feed(document)
    parser.close()
    return parser


class Served:
    """The web root on a local server: the municipality's own site at /, ours at /ita/."""

    def __init__(self, webroot: Path, base: str) -> None:
        self.webroot = webroot
        self.base = base  # http://127.0.0.1:PORT
        self.cache: dict[str, tuple[int, bytes]] = {}

    def get(self, url: str) -> tuple[int, bytes]:
        parts = urllib.parse.urlsplit(url)
        path = urllib.parse.quote(urllib.parse.unquote(parts.path), safe="/")
        key = path + ("?" + parts.query if parts.query else "")
        if key not in self.cache:
            try:
                with urllib.request.urlopen(self.base + key, timeout=10) as response:
                    self.cache[key] = (response.status, response.read())
            except urllib.error.HTTPError as error:
                error.close()
                self.cache[key] = (error.code, b"")
        return self.cache[key]

    def local(self, url: str) -> str | None:
        """A URL of this site as a local path (``/ita/…``), None for another host."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in {"mailto", "tel", "data"}:
            return None
        if parts.netloc == urllib.parse.urlsplit(self.base).netloc:
            return urllib.parse.unquote(parts.path)
        if parts.netloc == "www.tambon.go.th":
            return urllib.parse.unquote(parts.path)
        assert parts.scheme in {"http", "https"}, url
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("subpath")
    content = copy_tree(ROOT / "content", root / "content")
    page = content / "2566" / "pages" / "no-gift-policy.md"  # renamed once: its old URL redirects
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nredirect_from: [nogift]\n", 1), encoding="utf-8")
    # The same mechanism a municipality uses: its own mkdocs.yml with site_url.
    config = derived_config(root, f"site_url: {SITE_URL}\n")
    webroot = root / "webroot"
    (webroot).mkdir()
    (webroot / "index.html").write_text("<p>the main website</p>", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        for var in ("GITHUB_ACTIONS", "GITLAB_CI"):
            mp.delenv(var, raising=False)
        argv = ["build", "--content", str(content), "--config", str(config)]
        assert cli.main([*argv, "--site-dir", str(webroot / "ita")]) == 0
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(webroot))
    handler.log_message = lambda *a: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Served(webroot, f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def crawl(served: Served) -> dict[str, _Links]:
    """Every HTML page reachable from /ita/, by path, with the links on it checked."""
    pages: dict[str, _Links] = {}
    todo = ["/ita/", "/ita/2566/pages/nogift/"]
    broken: list[str] = []
    fragments: list[tuple[str, str, str]] = []
    while todo:
        path = todo.pop()
        if path in pages:
            continue
        status, body = served.get(path)
        assert status == 200, path
        links = pages[path] = _links(body.decode("utf-8"))
        for href in links.urls:
            url = urllib.parse.urljoin(served.base + path, href)
            target = served.local(url)
            if target is None:
                continue
            if not target.startswith("/ita/"):
                broken.append(f"{path}: {href} leaves /ita/ ({target})")
                continue
            code, _ = served.get(target)
            if code != 200:
                broken.append(f"{path}: {href} -> {target}: HTTP {code}")
                continue
            fragment = urllib.parse.unquote(urllib.parse.urlsplit(url).fragment)
            if fragment:
                fragments.append((path, target, fragment))
            if (target.endswith("/") or target.endswith(".html")) and target not in pages:
                todo.append(target)
    for path, target, fragment in fragments:
        key = target if target in pages else None
        if key is not None:
            assert fragment in pages[key].ids, f"{path}: #{fragment} is not on {target}"
    assert not broken, "\n".join(broken)
    return pages


@pytest.mark.parametrize(
    "path",
    [
        "/ita/",
        "/ita/2566/",
        "/ita/2566/reports/6-month/",
        "/ita/2566/oit/",
        "/ita/2566/measures/1/",
        "/ita/indicators/9/",
        "/ita/2566/pages/no-gift-policy/",
        "/ita/2566/pages/nogift/",
    ],
)
def test_every_link_resolves_under_the_sub_path(crawl: dict[str, _Links], path: str) -> None:
    # The crawl checked every link of every page it reached; these pages must be among them.
    assert path in crawl
    assert len(crawl) > 40


def test_canonical_links_and_search_use_the_sub_path(
    crawl: dict[str, _Links], served: Served
) -> None:
    for path, links in crawl.items():
        if path == "/ita/2566/pages/nogift/":
            target = urllib.parse.urljoin(served.base + path, links.canonical or "")
            assert served.local(target) == "/ita/2566/pages/no-gift-policy/"
            continue
        assert links.canonical == "https://www.tambon.go.th" + urllib.parse.quote(path), path
        config = json.loads(links.config)
        base = urllib.parse.urljoin(served.base + path, config["base"] + "/")
        assert served.local(base) == "/ita/", path
        worker = served.local(urllib.parse.urljoin(served.base + path, config["search"]))
        assert worker, path
        assert worker.startswith("/ita/"), path
        assert served.get(worker)[0] == 200, path
    assert served.get("/ita/search/search_index.json")[0] == 200


def test_the_404_page_works_at_any_depth(served: Served) -> None:
    links = _links((served.webroot / "ita" / "404.html").read_text(encoding="utf-8"))
    assert links.urls
    for deep in ("/ita/no-such-page/", "/ita/2566/measures/99/", "/ita/a/b/c/d/"):
        for href in links.urls:
            target = served.local(urllib.parse.urljoin(served.base + deep, href))
            if target is not None:
                assert target.startswith("/ita/"), f"404 at {deep}: {href}"
                assert served.get(target)[0] == 200, f"404 at {deep}: {href}"


def test_sitemap_uses_the_sub_path(served: Served) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    status, body = served.get("/ita/sitemap.xml")
    assert status == 200
    locs = [e.text or "" for e in ET.fromstring(body).findall("s:url/s:loc", ns)]
    assert len(locs) > 40
    for loc in locs:
        assert loc.startswith(SITE_URL), loc
        assert served.get(served.local(loc) or "")[0] == 200, loc


def _oit_urls(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][4] == "URL"
    return [url for row in rows[1:] for url in row[4].splitlines() if url]


def test_open_data_urls_use_the_sub_path(served: Served) -> None:
    for year in (2566, 2567):
        status, body = served.get(f"/ita/data/{year}-oit.csv")
        assert status == 200
        urls = _oit_urls(body.decode("utf-8-sig"))
        assert urls, year
        for url in urls:
            assert url.startswith(SITE_URL), url
            assert served.get(served.local(url) or "")[0] == 200, url
    # Every address of the site in any page or file is under the sub-path and exists.
    seen = 0
    for file in (served.webroot / "ita").rglob("*"):
        if file.suffix not in {".csv", ".json", ".html", ".xml"}:
            continue
        text = file.read_text(encoding="utf-8-sig")
        if file.suffix == ".json":
            urls = [s for s in _strings(json.loads(text)) if s.startswith("http")]
        elif file.suffix == ".csv":
            urls = [u for row in csv.reader(io.StringIO(text)) for c in row for u in c.split()]
        else:
            urls = re.findall(r"https?://[^\s\"'<>]+", text)
        for url in urls:
            if "www.tambon.go.th" not in url:
                continue
            seen += 1
            assert url.startswith(SITE_URL), f"{file.name}: {url}"
            if file.parent.name == "data":
                assert served.get(served.local(url) or "")[0] == 200, f"{file.name}: {url}"
    assert seen > 100


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_oit_command_prints_sub_path_urls(served: Served) -> None:
    config = served.webroot.parent / "mkdocs.yml"
    content = served.webroot.parent / "content"
    argv = ["oit", "2566", "--csv", "--content", str(content), "--config", str(config)]
    run = subprocess.run(
        [sys.executable, "-m", "site_builder.cli", *argv],
        capture_output=True,
        check=True,
    )
    urls = _oit_urls(run.stdout.decode("utf-8-sig"))
    assert urls
    assert all(url.startswith(SITE_URL) for url in urls)
    served_csv = served.get("/ita/data/2566-oit.csv")[1].decode("utf-8-sig")
    assert urls == _oit_urls(served_csv)
