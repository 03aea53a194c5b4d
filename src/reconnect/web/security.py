"""Request guards for the local app: Host check, CSRF, body size limit and security headers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse

from reconnect.web.deps import render

if TYPE_CHECKING:
    from starlette.responses import Response
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "reconnect_csrf"
# WEB-5: over TLS the cookie is ``__Host-`` prefixed and Secure, so browsers refuse it from
# plain HTTP and pin it to this host. Over plain http://127.0.0.1 neither is used: Chromium
# and Firefox treat loopback as secure, but other browsers would drop a Secure cookie there.
SECURE_CSRF_COOKIE = f"__Host-{CSRF_COOKIE}"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_BODY_BYTES = 1_000_000
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})

# WEB-7: no inline scripts or styles, nothing from elsewhere, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
CROSS_SITE = "This request came from another website, so it was refused."
TOO_LARGE = "The request is too large (the limit is 1 MB)."
CSRF_REFUSED = "This form has expired or did not come from reconnect."
CSRF_HINT_PAGE = "Go back, reload the page and try again."
CSRF_HINT_API = "Read the token from GET /api/csrf and send it in the X-CSRF-Token header."


def host_allowed(host_header: str, allowed: frozenset[str]) -> bool:
    """Whether a Host header names one of the allowed hosts (any port).

    >>> host_allowed("127.0.0.1:8765", LOOPBACK_NAMES)
    True
    >>> host_allowed("evil.example", LOOPBACK_NAMES)
    False
    """
    host = host_header.strip().lower()
    if host.startswith("["):
        name = host.split("]", 1)[0] + "]"
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name in allowed


def same_origin(origin: str, host_header: str, scheme: str = "http") -> bool:
    """Whether an Origin header names exactly the scheme, host and port of this request.

    Cookies are not kept apart by port, so another app on a different loopback port
    counts as another origin here.

    >>> same_origin("http://127.0.0.1:8765", "127.0.0.1:8765")
    True
    >>> same_origin("http://127.0.0.1:9999", "127.0.0.1:8765")
    False
    >>> same_origin("https://127.0.0.1:8765", "127.0.0.1:8765")
    False
    """
    parts = urlsplit(origin)
    return parts.scheme == scheme and parts.netloc.lower() == host_header.lower()


class CsrfTokens:
    """Tokens signed with a secret that lives as long as the process.

    A token is ``nonce.signature``; only tokens this process signed are accepted, so a
    cookie planted by another local app (cookies ignore the port) is worthless.
    """

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret if secret is not None else secrets.token_bytes(32)

    def _sign(self, nonce: str) -> str:
        digest = hmac.new(self._secret, nonce.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def new(self) -> str:
        """A fresh signed token."""
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{self._sign(nonce)}"

    def is_valid(self, token: str | None) -> bool:
        """Whether this process signed the token."""
        if not token or token.count(".") != 1:
            return False
        nonce, signature = token.split(".")
        return hmac.compare_digest(signature.encode(), self._sign(nonce).encode())

    def accepts(self, cookie: str | None, sent: str | None) -> bool:
        """The cookie is ours and the submitted token equals it (constant-time)."""
        if not sent or cookie is None or not self.is_valid(cookie):
            return False
        return hmac.compare_digest(cookie.encode(), sent.encode())


class BodyTooLargeError(Exception):
    """A request body went over ``MAX_BODY_BYTES``."""


def cookie_name(scope: Scope) -> str:
    """The CSRF cookie's name for this request: ``__Host-`` prefixed when it came over TLS.

    The scheme is https when uvicorn serves TLS itself, or when a proxy it trusts (its
    ``FORWARDED_ALLOW_IPS``, by default 127.0.0.1 only) sends ``X-Forwarded-Proto: https``.
    """
    return SECURE_CSRF_COOKIE if scope.get("scheme") == "https" else CSRF_COOKIE


def set_cookie_header(scope: Scope, token: str) -> str:
    """The Set-Cookie value for a new token: HttpOnly, SameSite=Strict, Path=/, no Domain;
    over TLS also Secure (and so the ``__Host-`` name)."""
    secure = "; Secure" if scope.get("scheme") == "https" else ""
    return f"{cookie_name(scope)}={token}; Path=/{secure}; HttpOnly; SameSite=Strict"


def _cookie_token(headers: Headers, name: str) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header counts as no token
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None else None


async def _read_body(receive: Receive, limit: int) -> bytes:
    """The whole request body, or BodyTooLargeError as soon as it passes the limit."""
    chunks: list[bytes] = []
    seen = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        seen += len(chunk)
        if seen > limit:
            raise BodyTooLargeError
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive callable that hands out the buffered body, then waits on the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _form_token(headers: Headers, body: bytes) -> str | None:
    if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return None
    fields = parse_qs(body.decode("latin-1"), max_num_fields=1000)
    return fields.get(CSRF_FIELD, [""])[0]


class GuardMiddleware:
    """The local app's guards, applied to every request before any route runs.

    - a Host header that is not an allowed name → 400 (DNS rebinding, WEB-12);
    - a POST, PUT, PATCH or DELETE from another origin (``Origin`` that is not this
      host and port, or ``Sec-Fetch-Site`` cross-site or same-site) → 403 (WEB-6);
    - such a request with a body over ``MAX_BODY_BYTES`` → 413, before anything parses it;
    - such a request without the CSRF token (header ``X-CSRF-Token`` or form field
      ``csrf_token``) equal to the signed ``reconnect_csrf`` cookie → 403 (WEB-6);
    - every response gets the security headers (WEB-7), HTML also ``no-store``;
      a visitor without a valid cookie gets a fresh one.
    """

    def __init__(
        self,
        app: ASGIApp,
        allowed_hosts: frozenset[str],
        tokens: CsrfTokens | None = None,
        token_free: frozenset[str] = frozenset(),
    ) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.tokens = tokens if tokens is not None else CsrfTokens()
        # Paths whose unsafe requests need no CSRF token (server mode's API login, which
        # hands the token out); the Origin and Sec-Fetch-Site checks still apply.
        self.token_free = token_free

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if not host_allowed(host, self.allowed_hosts):
            await _reject(scope, receive, send, 400, "Bad Request: unknown Host header.")
            return
        cookie = _cookie_token(headers, cookie_name(scope))
        if scope["method"] in UNSAFE_METHODS:
            # With Referrer-Policy: no-referrer, browsers send "Origin: null" on same-origin
            # form posts; Sec-Fetch-Site still tells a cross-site request apart.
            origin = headers.get("origin")
            cross_origin = origin not in (None, "null") and not same_origin(
                str(origin), host, scope.get("scheme", "http")
            )
            if cross_origin or headers.get("sec-fetch-site") in ("cross-site", "same-site"):
                await _reject(scope, receive, send, 403, CROSS_SITE)
                return
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
                await _reject(scope, receive, send, 413, TOO_LARGE)
                return
            try:
                body = await _read_body(receive, MAX_BODY_BYTES)
            except BodyTooLargeError:
                await _reject(scope, receive, send, 413, TOO_LARGE)
                return
            receive = _replay(body, receive)
            sent = headers.get(CSRF_HEADER)
            if sent is None:
                sent = _form_token(headers, body)
            if scope.get("path") not in self.token_free and not self.tokens.accepts(cookie, sent):
                hint = CSRF_HINT_API if _is_api(scope) else CSRF_HINT_PAGE
                await _reject(scope, receive, send, 403, CSRF_REFUSED, hint)
                return

        new_cookie = cookie is None or not self.tokens.is_valid(cookie)
        token = self.tokens.new() if new_cookie or cookie is None else cookie
        scope.setdefault("state", {})["csrf_token"] = token

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    response_headers.setdefault(name, value)
                if response_headers.get("content-type", "").startswith("text/html"):
                    response_headers["cache-control"] = "no-store"
                rotated = scope["state"].get("csrf_rotated")
                if rotated is not None:  # a login or logout chose a fresh token
                    response_headers.append("set-cookie", set_cookie_header(scope, rotated))
                elif new_cookie:
                    response_headers.append("set-cookie", set_cookie_header(scope, token))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_api(scope: Scope) -> bool:
    return str(scope.get("path", "")).startswith("/api")


async def _reject(
    scope: Scope, receive: Receive, send: Send, status: int, message: str, hint: str | None = None
) -> None:
    """Refuse: plain text for a foreign Host, JSON under /api, else the error page.

    The error page keeps the "Get help now" link in view (SAFE-4) even for a refused form.
    """
    response: Response
    if status == 400:
        response = PlainTextResponse(message, status_code=status)
    elif _is_api(scope):
        response = JSONResponse({"error": message, "hint": hint}, status_code=status)
    else:
        scope.setdefault("state", {}).setdefault("csrf_token", "")
        context = {"status": status, "message": message, "hint": hint}
        response = render(Request(scope), "error.html", context, status_code=status)
        response.headers["cache-control"] = "no-store"
    response.headers.update(SECURITY_HEADERS)
    await response(scope, receive, send)
