"""The operations files say only what the code does.

Dockerfile, compose.yaml (+ deploy/compose/), the Helm values and the purge CronJob
(deploy/helm/) are read as data and checked against the code: the modules and commands
they run exist, every variable they set is a setting in bot/settings.py (or read by the
named library), ports agree with each other, and every path they probe or publish is a
route of the server behind it. No image is built here (no Docker engine or registry).
"""
from __future__ import annotations

import importlib.util
import inspect
import re
import shlex
from dataclasses import fields
from fnmatch import fnmatch
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import yaml

from bot.settings import PROJECT_ROOT, Settings

ROOT = PROJECT_ROOT
SETTINGS = {spec.name.upper() for spec in fields(Settings)}
# Names our processes read through something other than bot.settings, and the reader.
OTHER_READERS = {
    "TICKET_LOCK_LIFETIME": "rasa.core.lock_store",
    "RASA_TELEMETRY_ENABLED": "rasa.telemetry",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "sqlalchemy.util.deprecations",
}
INTERPRETER_ENV = {"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "PIP_NO_CACHE_DIR",
                   "PIP_DISABLE_PIP_VERSION_CHECK", "TF_CPP_MIN_LOG_LEVEL"}
# Services of compose.yaml that run our image.
APP_SERVICES = ("migrate", "actions", "rasa", "purge")


def _yaml(path: str):
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def compose():
    return _yaml("compose.yaml")


@pytest.fixture(scope="module")
def values():
    return _yaml("deploy/helm/values.yaml")


@pytest.fixture(scope="module")
def cronjob():
    return _yaml("deploy/helm/purge-cronjob.yaml")


@pytest.fixture(scope="module")
def dockerfile() -> List[Tuple[str, str]]:
    """(instruction, arguments) with continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n\s*", " ", "\n".join(line for line in text.splitlines()
                                            if not line.lstrip().startswith("#")))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "")
            for line in text.splitlines() if line.strip()]


def _env_list(items) -> Dict[str, object]:
    return {item["name"]: item.get("value", item.get("valueFrom")) for item in items or []}


def _helm_containers(values, cronjob) -> Iterator[Tuple[str, List[str], Dict[str, object]]]:
    """(where, command line, environment) of every container running our image."""
    yield "rasa", values["command"] + values["args"], _env_list(values["extraEnv"])
    for init in values.get("initContainers", []):
        yield f"init {init['name']}", init["command"], _env_list(init.get("env"))
    action = values["rasa-action-server"]
    yield "action server", action["command"] + action["args"], _env_list(action["extraEnv"])
    for container in cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"]:
        yield f"cronjob {container['name']}", container["command"], _env_list(container.get("env"))


def _compose_containers(compose) -> Iterator[Tuple[str, List[str], Dict[str, object]]]:
    for name in APP_SERVICES:
        service = compose["services"][name]
        command = service["command"]
        if command[:2] == ["sh", "-c"]:
            command = shlex.split(command[2].split(";")[1].replace("do ", ""))
        yield f"compose {name}", command, dict(service.get("environment") or {})


def _docker_commands(dockerfile) -> Iterator[List[str]]:
    for instruction, arguments in dockerfile:
        if instruction == "CMD" and arguments.startswith("["):
            yield yaml.safe_load(arguments)
        elif instruction == "RUN":
            for part in re.split(r"&&|;", arguments):
                words = shlex.split(part)
                if words[:2] == ["python", "-m"]:
                    yield words


def _module_command(command: List[str]) -> Tuple[str, List[str]]:
    assert command[:2] == ["python", "-m"], command
    return command[2], command[3:]


def _assert_runs(command: List[str], where: str) -> None:
    module, rest = _module_command(command)
    assert importlib.util.find_spec(module) is not None, f"{where}: no module {module}"
    if module == "bot.cli":
        from bot import cli

        with pytest.raises(SystemExit) as done:  # argparse: help of an existing sub-command
            cli.main([rest[0], "--help"])
        assert done.value.code == 0, f"{where}: bot.cli has no command {rest[0]!r}"
    if module == "bot.nlu.dutch_pipeline":
        assert rest == ["build"], where


def test_every_command_runs_a_module_that_exists(dockerfile, compose, values, cronjob):
    commands = [(f"Dockerfile", c) for c in _docker_commands(dockerfile)]
    commands += [(where, c) for where, c, _ in _helm_containers(values, cronjob)]
    commands += [(where, c) for where, c, _ in _compose_containers(compose)]
    assert len(commands) >= 10
    for where, command in commands:
        _assert_runs(command, where)
    modules = {_module_command(c)[0] for _, c in commands}
    assert {"bot.server", "bot.action_server", "bot.cli", "bot.training"} <= modules


def _assert_known(name: str, where: str) -> None:
    if name in SETTINGS or name in INTERPRETER_ENV:
        return
    reader = OTHER_READERS.get(name)
    assert reader, f"{where} sets {name}, which no setting in bot/settings.py reads"
    assert name in inspect.getsource(importlib.import_module(reader)), f"{reader} no longer reads {name}"


def test_every_variable_set_is_read_by_the_code(dockerfile, compose, values, cronjob):
    seen = set()
    for where, _, env in [*_helm_containers(values, cronjob), *_compose_containers(compose)]:
        for name in env:
            _assert_known(name, where)
            seen.add(name)
    for instruction, arguments in dockerfile:
        if instruction == "ENV":
            for name in re.findall(r"(\w+)=", arguments):
                _assert_known(name, "Dockerfile")
    # What several instances need is set everywhere they run.
    assert {"TRACKER_DB_URL", "APP_DB_URL", "LOCK_STORE_URL", "PUBLIC_BASE_URL",
            "TICKET_LOCK_LIFETIME", "SHUTDOWN_GRACE_SECONDS"} <= seen


def test_env_files_hold_secrets_not_the_compose_file(compose):
    for name in APP_SERVICES:
        environment = compose["services"][name].get("environment") or {}
        for key, value in environment.items():
            if any(word in key for word in ("TOKEN", "SECRET", "PASSWORD")):
                pytest.fail(f"compose {name} sets the secret {key} in the file")
            assert "${" not in str(value) or re.search(r"\$\{\w+(:[?-][^}]*)?\}", str(value)), (key, value)


def test_ports_agree(compose, values, dockerfile):
    defaults = Settings()
    rasa_env, action = _env_list(values["extraEnv"]), values["rasa-action-server"]
    action_env = _env_list(action["extraEnv"])
    assert int(rasa_env["RASA_PORT"]) == values["applicationSettings"]["port"] == values["service"]["port"]
    assert int(rasa_env["ACTION_PORT"]) == int(action_env["ACTION_PORT"]) \
        == action["applicationSettings"]["port"] == action["service"]["port"]
    assert rasa_env["ACTION_HOST"] == action["fullnameOverride"]  # the action server's Service
    assert rasa_env["RASA_HOST"] == action_env["ACTION_HOST"] == "0.0.0.0"

    services = compose["services"]
    rasa_port = services["rasa"]["environment"]["RASA_PORT"]
    action_port = services["actions"]["environment"]["ACTION_PORT"]
    assert services["rasa"]["environment"]["ACTION_HOST"] == "actions"
    assert f"127.0.0.1:{action_port}/health" in " ".join(services["actions"]["healthcheck"]["test"])
    assert services["rasa"]["ports"] == [f"127.0.0.1:{rasa_port}:{rasa_port}"]  # loopback only
    nginx = (ROOT / "deploy/compose/nginx.conf").read_text()
    assert re.findall(r"server rasa:(\d+);", nginx) == [rasa_port]

    exposed = next(arguments.split() for instruction, arguments in dockerfile if instruction == "EXPOSE")
    assert {str(defaults.rasa_port), str(defaults.action_port)} == set(exposed)


def _rasa_serves(path: str) -> bool:
    """Whether the Rasa server (bot.server) has a route under `path`."""
    from rasa.core.channels.socketio import SocketIOInput

    from bot.web import charts, routes

    routes_source, charts_source = inspect.getsource(routes), inspect.getsource(charts)
    prefix = "/" + path.strip("/").split("/")[0]
    if prefix == "/webhooks":  # every channel: rasa.core.run.configure_app(route="/webhooks/")
        import rasa.core.run

        return '"/webhooks/"' in inspect.getsource(rasa.core.run.configure_app)
    if prefix == "/socket.io":
        return SocketIOInput().socketio_path == "/socket.io"
    if prefix == "/charts":
        return '"/charts/' in charts_source or "r\"/charts/" in charts_source
    if prefix == "/web":
        return 'app.static("/web"' in routes_source
    if path.endswith("/"):  # a published prefix: some route under it
        return f'"{path}' in routes_source
    return f'"{path}"' in routes_source


def _action_server_serves(path: str) -> bool:
    from rasa_sdk import endpoint

    return f'"{path}"' in inspect.getsource(endpoint.create_app)


def test_probed_and_published_paths_are_routes(values, compose, dockerfile):
    probes = [values["readinessProbe"]["httpGet"]["path"], values["livenessProbe"]["httpGet"]["path"]]
    healthcheck = next(arguments for instruction, arguments in dockerfile if instruction == "HEALTHCHECK")
    probes += re.findall(r"(/health/\w+)", healthcheck)
    published = [values["ingress"]["path"]] + [p["path"] for p in values["ingress"]["extraPaths"]]
    nginx = (ROOT / "deploy/compose/nginx.conf").read_text()
    proxied = re.findall(r"location (/[\w./-]+) \{ ?proxy_pass|location (/[\w./-]+) \{\n\s+proxy_pass", nginx)
    published += [a or b for a, b in proxied]
    for path in probes + published:
        assert _rasa_serves(path), f"no route of the Rasa server under {path}"
    for path in ("/webhooks/", "/socket.io/", "/web/", "/charts/"):  # what the widget needs
        assert path in published, f"{path} is not published"
        assert published.count(path) == 2, f"{path}: the ingress and compose's proxy disagree"
    for private in ("/conversations", "/model", "/console"):
        assert not any(p.startswith(private) for p in published)
    action = values["rasa-action-server"]
    for probe in (action["readinessProbe"], action["livenessProbe"]):
        assert _action_server_serves(probe["httpGet"]["path"])


def test_the_proxy_terminates_tls_with_a_mounted_certificate(compose):
    proxy = compose["services"]["proxy"]
    nginx = (ROOT / "deploy/compose/nginx.conf").read_text()
    assert "listen 443 ssl;" in nginx and "443:443" in proxy["ports"]
    mounts = dict(volume.rsplit(":", 2)[:2] for volume in proxy["volumes"])
    assert mounts["./deploy/compose/nginx.conf"] == "/etc/nginx/nginx.conf"
    certs = mounts["./deploy/compose/certs"]
    for directive in ("ssl_certificate", "ssl_certificate_key"):
        assert re.search(rf"{directive} {re.escape(certs)}/\S+;", nginx), directive
    for name, service in compose["services"].items():
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0]
            if source.startswith("./") and "certs" not in source:
                assert (ROOT / source).exists(), f"compose {name} mounts missing {source}"
    published = [name for name, service in compose["services"].items() if service.get("ports")]
    assert sorted(published) == ["proxy", "rasa"]


def test_public_base_url_is_one_https_address_everywhere(compose, values):
    helm = {_env_list(values["extraEnv"])["PUBLIC_BASE_URL"],
            _env_list(values["rasa-action-server"]["extraEnv"])["PUBLIC_BASE_URL"]}
    assert helm == {f"https://{values['ingress']['hostname']}"}
    compose_values = {compose["services"][name]["environment"]["PUBLIC_BASE_URL"] for name in ("rasa", "actions")}
    assert len(compose_values) == 1 and "PUBLIC_BASE_URL" in compose_values.pop()


def test_the_image_is_non_root_and_carries_its_model(dockerfile):
    instructions = [instruction for instruction, _ in dockerfile]
    user = [arguments for instruction, arguments in dockerfile if instruction == "USER"]
    assert user and user[-1] not in ("root", "0")
    assert instructions.index("USER") > max(i for i, (ins, _) in enumerate(dockerfile) if ins == "RUN")
    assert any(c[:3] == ["python", "-m", "bot.training"] for c in _docker_commands(dockerfile))
    assert next(arguments for instruction, arguments in dockerfile if instruction == "FROM").startswith("python:3.10")
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    for needed in ("bot", "actions", "data", "domain", "web", "config.yml", "endpoints.yml",
                   "credentials.yml", "pyproject.toml"):
        assert (ROOT / needed).exists() and not any(fnmatch(needed, pattern) for pattern in ignored), needed
    for secret in (".env", "var", "models", ".venv", ".git"):
        assert any(fnmatch(secret, pattern) for pattern in ignored), f"{secret} would go into the image"


def test_the_purge_cronjob_runs_the_release_image_with_its_secret(values, cronjob):
    assert cronjob["kind"] == "CronJob" and cronjob["spec"]["concurrencyPolicy"] == "Forbid"
    pod = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["image"].split(":")[0] == values["image"]["repository"]
    assert pod["securityContext"]["runAsUser"] == values["podSecurityContext"]["runAsUser"]
    env = _env_list(container["env"])
    rasa_env = _env_list(values["extraEnv"])
    for name in ("TRACKER_DB_URL", "APP_DB_URL"):
        assert env[name] == rasa_env[name]  # the same Secret keys


def test_resources_and_grace_follow_our_measurements(values, compose):
    docs = (ROOT / "docs/deployment.md").read_text()
    peak_gb = float(re.search(r"Rasa server peak RSS \| ([\d.]+) GB", docs).group(1))
    limit = values["resources"]["limits"]["memory"]
    limit_gb = int(limit[:-2]) / 1024 if limit.endswith("Mi") else float(limit[:-2])
    assert limit_gb >= peak_gb * 1.3, "less than 30% headroom over the measured peak"
    cpu_ms = re.search(r"Rasa server CPU per message \| (\d+) ms", docs).group(1)
    assert f"~{cpu_ms} ms of CPU per message" in (ROOT / "deploy/helm/values.yaml").read_text()
    grace = float(_env_list(values["extraEnv"])["SHUTDOWN_GRACE_SECONDS"])
    assert grace + 2 < 30  # Kubernetes' default terminationGracePeriodSeconds; the chart sets none
    rasa = compose["services"]["rasa"]
    assert float(rasa["environment"]["SHUTDOWN_GRACE_SECONDS"]) + 2 < float(rasa["stop_grace_period"].rstrip("s"))
    lifetime = int(_env_list(values["extraEnv"])["TICKET_LOCK_LIFETIME"])
    assert lifetime == int(rasa["environment"]["TICKET_LOCK_LIFETIME"])
