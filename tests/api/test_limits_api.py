"""Bad and oversize requests to the server extension: refused early, clearly, and never a 500."""

from __future__ import annotations

import asyncio
import json

import pytest
from tornado.httpclient import HTTPClientError

API = "airoadmap-lab/api"


async def raw_request(port: int, head: str, body: bytes = b"") -> tuple[int, bytes]:
    """Send ``head`` (and ``body``) on a fresh connection; the status and body of the answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head.encode("latin-1") + body)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), timeout=120)
    finally:
        writer.close()
    status = int(answer.split(b" ", 2)[1])
    return status, answer.partition(b"\r\n\r\n")[2]


def grade_head(base_url: str, token: str | None, length: int) -> str:
    auth = f"Authorization: token {token}\r\n" if token else ""
    return (
        f"POST {base_url}{API}/exercises/add-numbers/grade HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        f"{auth}"
        "Content-Type: application/json\r\n"
        f"Content-Length: {length}\r\n\r\n"
    )


async def test_an_oversize_body_is_refused_before_it_is_sent(
    jp_fetch, jp_http_port, jp_base_url, jp_auth_header
) -> None:
    await jp_fetch(API, "roadmap")  # the server is up
    token = jp_auth_header["Authorization"].split()[1]

    # Given a request that announces 95 MB and sends none of it
    status, body = await raw_request(jp_http_port, grade_head(jp_base_url, token, 95_000_000))

    # Then the answer comes at once, and says what the limit is
    assert status == 413
    assert "too large" in json.loads(body)["message"]


async def test_an_anonymous_body_is_refused_before_it_is_sent(
    jp_fetch, jp_http_port, jp_base_url
) -> None:
    await jp_fetch(API, "roadmap")

    status, _ = await raw_request(jp_http_port, grade_head(jp_base_url, None, 95_000_000))

    assert status == 403


async def test_a_body_on_a_read_endpoint_is_refused(jp_fetch) -> None:
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch(API, "progress/reset", method="POST", body="x" * 100_000)

    assert info.value.code == 413


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"code": "x", "extra": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"code": ' + "{" * 3000 + "}" * 3000 + "}",
    ],
    ids=["deep-list", "deep-extra-field", "deep-code"],
)
async def test_deeply_nested_json_is_a_400(jp_fetch, raw: str) -> None:
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch(API, "exercises", "add-numbers", "grade", method="POST", body=raw)

    assert info.value.code == 400
    assert "message" in json.loads(info.value.response.body)


async def test_control_characters_never_come_back_in_a_message(jp_fetch) -> None:
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch(
            API,
            "exercises",
            "add-numbers",
            "grade",
            method="POST",
            body=json.dumps({"code": "x", "who\u0000\nami\u001b[31m": 1}),
        )

    message = json.loads(info.value.response.body)["message"]
    assert info.value.code == 400
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in message)
