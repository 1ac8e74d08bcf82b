"""A stand-in for the Telegram Bot API on loopback, recording every call.

Paths look like Telegram's (`/bot<token>/<method>`), answers too (`{"ok": true, "result": ...}`).
It can be told to answer the next sendMessage calls with 429 and `retry_after`, as
Telegram does when a bot sends too fast.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl

BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Rugwijzer", "username": "rugwijzer_test_bot"}


class TelegramStub:
    """Start with `start()` (returns the base URL), stop with `stop()`; calls land in `requests`."""

    def __init__(self, bot_user: Optional[Dict[str, Any]] = None) -> None:
        self.bot_user = dict(bot_user or BOT_USER)
        self.requests: List[Tuple[str, Dict[str, Any]]] = []
        self.times: List[float] = []  # time.monotonic() of each entry in `requests`
        self.tokens: List[str] = []
        self._lock = threading.Lock()
        self._rate_limited = 0
        self._retry_after = 1
        self._message_id = 1000
        self._server: Optional[ThreadingHTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    # --- control -------------------------------------------------------------------
    def start(self) -> str:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                stub._answer(self, self.path, self.rfile.read(length), self.headers.get("Content-Type", ""))

            def do_GET(self) -> None:  # noqa: N802
                path, _, query = self.path.partition("?")
                stub._answer(self, path, query.encode(), "application/x-www-form-urlencoded")

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def rate_limit_next(self, count: int, retry_after: int = 1) -> None:
        """Answer the next `count` sendMessage calls with 429 and this `retry_after`."""
        with self._lock:
            self._rate_limited, self._retry_after = count, retry_after

    def calls(self, method: Optional[str] = None, chat_id: Any = None) -> List[Dict[str, Any]]:
        """Params of recorded calls, optionally of one method and one chat."""
        with self._lock:
            recorded = list(self.requests)
        return [params for name, params in recorded
                if (method is None or name == method)
                and (chat_id is None or str(params.get("chat_id")) == str(chat_id))]

    def timed_calls(self, method: str, chat_id: Any) -> List[Tuple[float, Dict[str, Any]]]:
        """(monotonic time, params) of one method's calls to one chat."""
        with self._lock:
            recorded = list(zip(self.times, self.requests))
        return [(at, params) for at, (name, params) in recorded
                if name == method and str(params.get("chat_id")) == str(chat_id)]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()

    # --- the API ---------------------------------------------------------------------
    def _answer(self, handler: BaseHTTPRequestHandler, path: str, body: bytes, content_type: str) -> None:
        parts = path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot"):
            return self._reply(handler, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        token, method = parts[0][3:], parts[1]
        params = self._params(body, content_type)
        with self._lock:
            self.requests.append((method, params))
            self.times.append(time.monotonic())
            self.tokens.append(token)
            limited = method == "sendMessage" and self._rate_limited > 0
            if limited:
                self._rate_limited -= 1
        if limited:
            return self._reply(handler, 429, {
                "ok": False, "error_code": 429,
                "description": f"Too Many Requests: retry after {self._retry_after}",
                "parameters": {"retry_after": self._retry_after},
            })
        result = self._result(method, params)
        if result is None:
            return self._reply(handler, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return self._reply(handler, 200, {"ok": True, "result": result})

    @staticmethod
    def _params(body: bytes, content_type: str) -> Dict[str, Any]:
        if not body:
            return {}
        if "json" in content_type:
            return json.loads(body.decode("utf-8"))
        params: Dict[str, Any] = dict(parse_qsl(body.decode("utf-8")))
        for key in ("reply_markup", "allowed_updates"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    def _message(self, params: Dict[str, Any], **content: Any) -> Dict[str, Any]:
        with self._lock:
            self._message_id += 1
            message_id = self._message_id
        chat_id = params.get("chat_id")
        chat_type = "supergroup" if str(chat_id).startswith("-") else "private"
        return {"message_id": message_id, "date": int(time.time()), "from": self.bot_user,
                "chat": {"id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else chat_id, "type": chat_type},
                **content}

    def _result(self, method: str, params: Dict[str, Any]) -> Any:
        if method == "getMe":
            return self.bot_user
        if method in ("setWebhook", "deleteWebhook", "answerCallbackQuery", "sendChatAction"):
            return True
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method == "sendMessage":
            extra = {"reply_markup": params["reply_markup"]} if params.get("reply_markup") else {}
            return self._message(params, text=params.get("text", ""), **extra)
        if method == "sendPhoto":
            photo = [{"file_id": "stub-photo", "file_unique_id": "stub", "width": 320, "height": 240}]
            return self._message(params, photo=photo)
        return None

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, body: Dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
