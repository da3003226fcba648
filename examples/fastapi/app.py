"""A FastAPI streaming backend for rivulet, written the way the tutorials write it.

- ``POST /chat?prompt=...`` streams ``data: {"text": ...}`` events (Server-Sent Events).
  ``GET /chat?prompt=...`` (or ``?messages=[...]``) is the same stream for the browser's
  ``EventSource``.
- ``POST /stream`` (JSON body ``{"prompt": ...}`` or ``{"messages": [...]}``) streams
  ``data: {"token": ...}`` events and ends with ``data: [DONE]``.
- ``/ws`` is a WebSocket: the first message is the request (the same JSON), each message
  after it is one ``{"token": ...}``, and a normal close (1000) ends the answer.

Tokens come from a fake generator (no key, no model) unless ``OPENAI_API_KEY`` is set, then
from OpenAI (``OPENAI_MODEL``, default ``gpt-4o-mini``; needs the ``openai`` package).

When the client goes away the generator is cancelled: it stops generating and logs it, one
JSON line per event on stderr (``start``, ``token``, ``disconnect``, ``done``).

Run: ``python3 -m uvicorn app:app --host 127.0.0.1 --port 8000`` in this folder.
"""

import asyncio
import json
import logging
import os
import sys
import time

from fastapi import FastAPI, Request, WebSocket, WebSocketDisconnect
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import StreamingResponse

log = logging.getLogger("rivulet-example")
_handler = logging.StreamHandler(sys.stderr)
_handler.setFormatter(logging.Formatter("%(message)s"))
log.addHandler(_handler)
log.setLevel(logging.INFO)
log.propagate = False

# Seconds between fake tokens, and the fake answer's length in words.
TOKEN_DELAY = float(os.environ.get("TOKEN_DELAY", "0.05"))
FAKE_WORDS = int(os.environ.get("FAKE_WORDS", "40"))
# The Storybook dev server and the example app; more origins comma-separated in CORS_ORIGINS.
ORIGINS = os.environ.get(
    "CORS_ORIGINS", "http://localhost:6006,http://127.0.0.1:6006,http://localhost:5173"
).split(",")

app = FastAPI(title="rivulet FastAPI example")
app.add_middleware(
    CORSMiddleware,
    allow_origins=ORIGINS,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


def event(kind: str, **fields) -> None:
    """One log line a test (or a person) can read: what the generator did, and when (ms)."""
    log.info(json.dumps({"event": kind, **fields, "t": round(time.time() * 1000, 1)}))


def prompt_of(body: object, fallback: str = "") -> str:
    """The prompt of a ``{"prompt": ...}`` body, or the last user message of ``{"messages": [...]}``."""
    if isinstance(body, dict):
        if isinstance(body.get("prompt"), str):
            return body["prompt"]
        messages = body.get("messages")
        if isinstance(messages, list):
            for message in reversed(messages):
                if isinstance(message, dict) and message.get("role") == "user":
                    return str(message.get("content", ""))
    return fallback


async def fake_tokens(prompt: str):
    """A canned answer quoting the prompt, one word at a time, at TOKEN_DELAY a word."""
    words = f"You asked: {prompt}. This answer is streamed word by word by a fake model.".split(" ")
    filler = "lorem ipsum dolor sit amet consectetur adipiscing elit".split(" ")
    while len(words) < FAKE_WORDS:
        words.append(filler[len(words) % len(filler)])
    for i, word in enumerate(words[:FAKE_WORDS]):
        await asyncio.sleep(TOKEN_DELAY)
        yield word if i == 0 else " " + word


async def openai_tokens(prompt: str):
    """Tokens from OpenAI's chat completions stream."""
    from openai import AsyncOpenAI  # only needed with OPENAI_API_KEY

    client = AsyncOpenAI()
    stream = await client.chat.completions.create(
        model=os.environ.get("OPENAI_MODEL", "gpt-4o-mini"),
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    )
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            yield chunk.choices[0].delta.content


def tokens(prompt: str):
    return openai_tokens(prompt) if os.environ.get("OPENAI_API_KEY") else fake_tokens(prompt)


async def generate(prompt: str, field: str, route: str):
    """Yields ``(index, json)`` per token and logs each; logs the client leaving and stops."""
    event("start", route=route, prompt=prompt)
    count = 0
    try:
        async for token in tokens(prompt):
            count += 1
            event("token", route=route, prompt=prompt, n=count)
            yield json.dumps({field: token})
        event("done", route=route, prompt=prompt, tokens=count)
    except asyncio.CancelledError:
        # Starlette cancels the response when the client disconnects: stop generating.
        event("disconnect", route=route, prompt=prompt, tokens=count)
        raise


async def body_of(request: Request) -> object:
    """The JSON body of a request, or None (a GET, an empty or non-JSON body)."""
    try:
        return await request.json()
    except ValueError:
        return None


@app.api_route("/chat", methods=["GET", "POST"])
async def chat(request: Request, prompt: str = ""):
    # The tutorials' form is the query; a chat client's JSON body works as well, and so does
    # an EventSource's GET that carries the conversation as ?messages=[...] (JSON).
    if not prompt and request.method == "POST":
        prompt = prompt_of(await body_of(request))
    if not prompt and "messages" in request.query_params:
        try:
            prompt = prompt_of({"messages": json.loads(request.query_params["messages"])})
        except ValueError:
            prompt = ""

    async def sse():
        async for data in generate(prompt, "text", "/chat"):
            yield f"data: {data}\n\n"

    return StreamingResponse(sse(), media_type="text/event-stream")


@app.post("/stream")
async def stream(request: Request):
    prompt = prompt_of(await body_of(request), request.query_params.get("prompt", ""))

    async def sse():
        async for data in generate(prompt, "token", "/stream"):
            yield f"data: {data}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(sse(), media_type="text/event-stream")


@app.websocket("/ws")
async def ws(socket: WebSocket):
    await socket.accept()
    try:
        first = await socket.receive_text()
    except WebSocketDisconnect:
        return
    try:
        body = json.loads(first)
    except ValueError:
        body = {"prompt": first}
    prompt = prompt_of(body, socket.query_params.get("prompt", ""))
    answer = generate(prompt, "token", "/ws")
    # A task reads the socket meanwhile: a client that closes (or goes away) cancels the answer.
    sender = asyncio.ensure_future(send_all(socket, answer))
    receiver = asyncio.ensure_future(wait_for_close(socket))
    done, _ = await asyncio.wait({sender, receiver}, return_when=asyncio.FIRST_COMPLETED)
    if receiver in done:
        sender.cancel()
        await asyncio.gather(sender, return_exceptions=True)
        return
    receiver.cancel()
    await socket.close(code=1000)


async def send_all(socket: WebSocket, answer) -> None:
    async for data in answer:
        await socket.send_text(data)


async def wait_for_close(socket: WebSocket) -> None:
    while True:
        message = await socket.receive()
        if message["type"] == "websocket.disconnect":
            return
