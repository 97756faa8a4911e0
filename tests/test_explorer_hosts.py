"""The explorer answers only the host names it serves (no DNS rebinding), and answers HEAD."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from story_builders import two_outlet_story, write_story
from storyline.cli import app as cli_app
from storyline.web import create_app
from storyline.web.guard import HostPolicy, split_host


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_story(two_outlet_story(), tmp_path / "story")


def status(client: TestClient, host: str, method: str = "GET", path: str = "/claims.json") -> int:
    return client.request(method, path, headers={"host": host}).status_code


def test_only_the_names_it_listens_on_are_answered(folder: Path) -> None:
    client = TestClient(create_app(folder, host="127.0.0.1", port=8765))
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LocalHost:8765"):
        assert status(client, host) == 200, host
    for host in (
        "evil.example:8765",
        "evil.example",
        "127.0.0.1:9999",
        "localhost",
        "",
        "127.0.0.1.evil:8765",
    ):
        assert status(client, host) == 400, host
    rejected = client.get("/", headers={"host": "rebind.attacker.test:8765"})
    assert "Invalid Host header" in rejected.text and "--allowed-host" in rejected.text


def test_allowed_host_adds_names(folder: Path) -> None:
    client = TestClient(create_app(folder, port=8765, allowed_hosts=["story.lan", "proxy.example:443"]))
    assert status(client, "story.lan") == 200
    assert status(client, "story.lan:8765") == 200
    assert status(client, "proxy.example:443") == 200
    assert status(client, "proxy.example:80") == 400
    assert status(client, "other.lan:8765") == 400


def test_head_is_answered_like_get_without_a_body(folder: Path) -> None:
    client = TestClient(create_app(folder, host="127.0.0.1", port=8765), base_url="http://127.0.0.1:8765")
    for path in ("/", "/claims", "/claims.json", "/articles.json", "/search?q=residents"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers["content-length"] == str(len(get.content))
        assert "default-src 'none'" in head.headers["content-security-policy"]
    assert client.head("/claims/nope").status_code == 404
    assert client.head("/", headers={"host": "evil.example:8765"}).status_code == 400


def test_serve_passes_allowed_hosts_to_the_explorer(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served: dict[str, Any] = {}

    def fake_run(app: Any, host: str, port: int, log_level: str) -> None:
        served.update(app=app, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    args = ["serve", str(folder), "--port", "9001", "--allowed-host", "story.lan"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    client = TestClient(served["app"])
    assert status(client, "127.0.0.1:9001") == 200
    assert status(client, "story.lan") == 200
    assert status(client, "127.0.0.1:8765") == 400
    assert status(client, "evil.example:9001") == 400


def test_host_header_parsing() -> None:
    assert split_host("[::1]:8765") == ("::1", 8765)
    assert split_host("Example.ORG.") == ("example.org", None)
    assert split_host("host:port") == ("", None)
    policy = HostPolicy("0.0.0.0", 80)
    assert policy.allows("localhost") and policy.allows("localhost:80")
    assert not policy.allows("0.0.0.0") and not policy.allows(None)
    assert HostPolicy("192.168.1.5", 8000).allows("192.168.1.5:8000")
