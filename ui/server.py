"""The web server around the Gradio app: page images, uploads, guards, and a waiting page at start.

The Gradio Blocks are mounted on a FastAPI app of our own (``gr.mount_gradio_app``) so that

- ``/dqa/page/{doc}/{page}.png`` serves a PDF page rendered here (ui/pages.py), cached;
- ``/dqa/upload`` takes a staff member's PDF or text file (type- and size-limited) into the data
  directory's temp area and ingests it in the background; ``/dqa/jobs/{id}`` reports progress;
- every request passes :class:`Guard`: only this server's own ``Host`` names when bound to
  loopback (no DNS rebinding), no write from a foreign ``Origin``, Gradio's generic upload endpoint
  closed (nothing here takes files through it), request bodies bounded;
- the page itself is served as ``lang="zh-CN"`` with the locale fixed before Gradio's scripts run,
  so Gradio's own labels are Chinese in any browser;
- programs calling ``/chat`` cost Gradio little and leave nothing behind (ui/sessions.py), and a
  session's event stream waits a moment for its next question (ui/streams.py).

``Server`` runs uvicorn in a thread behind a switch: ``serve`` shows a waiting page with the
start-up progress while the store opens (a first start ingests the bundled disclosure), then
swaps the app in on the same port.
"""

# no "from __future__ import annotations": FastAPI must see the real Request class of the
# endpoints defined inside create_app (a string annotation it cannot resolve becomes a query
# parameter, and every upload a 422)
import asyncio
import hmac
import ipaddress
import json
import logging
import re
import shutil
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
UPLOAD_SUFFIXES = (".pdf", ".txt")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a 25-page disclosure PDF is under 4 MB; text is refused above 5 MB by ingest
MAX_BODY_BYTES = 1024 * 1024  # any other request body (a question is capped far below this)
CLOSED_PATHS = ("/gradio_api/upload", "/upload")  # Gradio's own upload: no component here takes files
CLIENT_JS = Path(__file__).with_name("client.js")
STAFF_HEADER = "x-dqa-staff"

# runs before Gradio's modules: Gradio picks its locale from navigator.language at start
LOCALE_SHIM = (
    "<script>(function(){try{var l=function(){return 'zh-CN'};"
    "Object.defineProperty(Navigator.prototype,'language',{get:l,configurable:true});"
    "Object.defineProperty(Navigator.prototype,'languages',{get:function(){return ['zh-CN','zh']},configurable:true});"
    "}catch(e){}document.documentElement.lang='zh-CN';})();</script>"
)


def same_key(given: str | None, key: str | None) -> bool:
    """Whether ``given`` is the staff key (constant-time); no key configured means no staff."""
    return bool(key) and bool(given) and hmac.compare_digest(str(given).encode(), str(key).encode())


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The ``Host`` header values accepted when bound to ``host``; None accepts any (a server bound
    to a public address sits behind whatever name points at it)."""
    if host not in LOOPBACK_NAMES:
        try:
            if not ipaddress.ip_address(host).is_loopback:
                return None
        except ValueError:
            return None
    names = {"127.0.0.1", "localhost", "[::1]"}
    return {f"{n}:{port}" for n in names} | (names if port == 80 else set())


class Guard:
    """ASGI middleware: Host and Origin checks, closed and bounded endpoints, the page's locale."""

    def __init__(self, app, *, hosts: set[str] | None):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.hosts is not None and host.lower() not in self.hosts:
            return await _refuse(scope, send, 421, "unknown host")
        method = scope.get("method", "GET")
        origin = headers.get("origin")
        if origin and (scope["type"] == "websocket" or method not in ("GET", "HEAD", "OPTIONS")):
            if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
                return await _refuse(scope, send, 403, "cross-origin request refused")
        path = scope.get("path", "")
        if any(path == p or path.startswith(p + "/") or path.startswith(p + "?") for p in CLOSED_PATHS):
            return await _refuse(scope, send, 403, "uploads go through /dqa/upload")
        if scope["type"] == "http" and method in ("POST", "PUT", "PATCH") and not path.startswith("/dqa/upload"):
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
                return await _refuse(scope, send, 413, "request body too large")
            receive = _bounded(receive, MAX_BODY_BYTES)
        if scope["type"] == "http" and method in ("GET", "HEAD") and path in ("/", ""):
            return await self._page(scope, receive, send)
        return await self.app(scope, receive, send)

    async def _page(self, scope, receive, send):
        """The app's HTML with ``lang="zh-CN"``, the locale shim and our script (uncompressed)."""
        scope = dict(scope)
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        start: dict = {}
        body = bytearray()

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body"):
                    await _finish(start, bytes(body), send)

        await self.app(scope, receive, capture)


async def _finish(start: dict, body: bytes, send) -> None:
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    kind = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
    if b"text/html" in kind:
        text = body.decode("utf-8")
        text = re.sub(r'<html(\s[^>]*?)?\slang="[^"]*"', lambda m: m.group(0).rsplit("lang=", 1)[0] + 'lang="zh-CN"', text, count=1)
        text = text.replace("<head>", "<head>" + LOCALE_SHIM + '<link rel="stylesheet" href="dqa/client.css"><script src="dqa/client.js" defer></script>', 1)
        body = text.encode("utf-8")
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": start.get("status", 200), "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _bounded(receive, limit: int):
    seen = 0

    async def bounded():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise ValueError("request body too large")
        return message

    return bounded


async def _refuse(scope, send, status: int, reason: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = json.dumps({"error": reason}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# -- the app -----------------------------------------------------------------------------------------
def create_app(demo, site, *, host: str = "127.0.0.1", port: int = 7860):
    """Our FastAPI app with ``demo`` mounted at ``/``; ``site`` is the :class:`ui.site.Site`."""
    import gradio as gr
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse, Response

    from ui import sessions, theme
    from ui.streams import HeldStreams

    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/dqa/client.js")
    def client_js():
        return Response(CLIENT_JS.read_text(encoding="utf-8"), media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "no-cache"})

    @app.get("/dqa/client.css")
    def client_css():
        return Response(theme.MEDIA_CSS, media_type="text/css; charset=utf-8", headers={"Cache-Control": "no-cache"})

    @app.get("/dqa/startup")
    def started():
        return {"ready": True}  # the waiting page reloads on this

    @app.get("/dqa/page/{doc}/{page}.png")
    def page_image(doc: str, page: int):
        try:
            data = site.page_png(doc, page)
        except LookupError:
            return JSONResponse({"error": "no such page"}, status_code=404)
        return Response(data, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})

    @app.post("/dqa/upload")
    async def upload(request: Request):
        if not same_key(request.headers.get(STAFF_HEADER), site.staff_key):
            return JSONResponse({"error": "仅工作人员可以上传文件。"}, status_code=403)
        name = Path(unquote(request.headers.get("x-file-name", ""))).name
        problem = site.jobs.check_name(name)
        if problem:
            return JSONResponse({"error": problem}, status_code=415)
        length = request.headers.get("content-length", "")
        if not length.isdigit():
            return JSONResponse({"error": "缺少文件大小（Content-Length）。"}, status_code=411)
        if int(length) > site.jobs.max_bytes:
            return JSONResponse({"error": site.jobs.too_large()}, status_code=413)
        target = site.jobs.new_upload(name)
        size = 0
        with target.open("wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > site.jobs.max_bytes:
                    out.close()
                    shutil.rmtree(target.parent, ignore_errors=True)
                    return JSONResponse({"error": site.jobs.too_large()}, status_code=413)
                out.write(chunk)
        problem = site.jobs.check_content(target)
        if problem:
            shutil.rmtree(target.parent, ignore_errors=True)
            return JSONResponse({"error": problem}, status_code=415)
        return {"job": site.jobs.submit_upload(target)}

    @app.get("/dqa/jobs/{job}")
    def job_status(job: str, request: Request):
        if not same_key(request.headers.get(STAFF_HEADER), site.staff_key):
            return JSONResponse({"error": "forbidden"}, status_code=403)
        status = site.jobs.status(job)
        return status if status is not None else JSONResponse({"error": "no such job"}, status_code=404)

    _mark_absent("matplotlib")
    app = gr.mount_gradio_app(
        app,
        demo,
        path="/",
        footer_links=[],
        run_history=False,
        show_error=False,
        max_file_size=MAX_UPLOAD_BYTES,
        ssr_mode=False,
        mcp_server=False,
        enable_monitoring=False,
        pwa=False,
        theme=theme.theme(),
        css=theme.CSS,
    )
    sessions.install(demo, app)  # API callers' sessions cost little and are not kept
    return Guard(HeldStreams(app, demo), hosts=allowed_hosts(host, port))


def _mark_absent(module: str) -> None:
    """Make ``import module`` fail at once when it is not installed: Gradio tries to import
    matplotlib twice for every event, and a failed import is not cached — each try searched
    ``sys.path`` again (an eighth of the event loop's time under load)."""
    import importlib.util

    if module not in sys.modules and importlib.util.find_spec(module) is None:
        sys.modules[module] = None  # an ImportError from the import system, as before


# -- running it ------------------------------------------------------------------------------------
class Switch:
    """An ASGI app whose target can be replaced while the server runs (waiting page → the app);
    each target's lifespan is started when it is switched in and stopped at shutdown."""

    def __init__(self, target):
        self.target = target
        self._lifespans: list[tuple[asyncio.Queue, asyncio.Task]] = []
        self.loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            self.loop = asyncio.get_running_loop()
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    try:
                        await self._start(self.target)
                    except Exception as exc:  # noqa: BLE001 - reported to the server, which stops
                        await send({"type": "lifespan.startup.failed", "message": str(exc)})
                        return
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    for queue, task in reversed(self._lifespans):
                        await queue.put({"type": "lifespan.shutdown"})
                        await asyncio.wait([task], timeout=10)
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        return await self.target(scope, receive, send)

    async def _start(self, app) -> None:
        queue: asyncio.Queue = asyncio.Queue()
        started = asyncio.get_running_loop().create_future()

        async def send(message):
            if message["type"] == "lifespan.startup.complete" and not started.done():
                started.set_result(None)
            elif message["type"] == "lifespan.startup.failed" and not started.done():
                started.set_exception(RuntimeError(message.get("message", "start-up failed")))

        async def run():
            try:
                await app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, queue.get, send)
            except Exception as exc:  # noqa: BLE001 - an app without lifespan support
                if not started.done():
                    started.set_exception(exc)
            if not started.done():
                started.set_result(None)

        await queue.put({"type": "lifespan.startup"})
        task = asyncio.ensure_future(run())
        await started
        self._lifespans.append((queue, task))

    def switch(self, target, timeout: float = 60) -> None:
        """Start ``target``'s lifespan on the server's loop, then send every request to it."""
        if self.loop is None:
            self.target = target
            return
        asyncio.run_coroutine_threadsafe(self._start(target), self.loop).result(timeout)
        self.target = target


class Server:
    """uvicorn in a thread, serving a :class:`Switch`."""

    def __init__(self, app, host: str, port: int):
        import uvicorn

        self.switch = Switch(app)
        config = uvicorn.Config(self.switch, host=host, port=port, log_level="warning", lifespan="on", timeout_keep_alive=30, ws="none")
        self.server = uvicorn.Server(config)
        self.server.install_signal_handlers = lambda: None  # the main thread keeps Ctrl-C
        self.host, self.port = host, port
        self.thread = threading.Thread(target=self.server.run, name="dqa-server", daemon=True)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else ("127.0.0.1" if self.host == "0.0.0.0" else self.host)
        return f"http://{host}:{self.port}/"

    def start(self, timeout: float = 30) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive():
                raise OSError(f"cannot listen on {self.host}:{self.port}")
            if time.monotonic() > deadline:
                raise OSError(f"the server did not start on {self.host}:{self.port} within {timeout:.0f} s")
            time.sleep(0.01)
        return self

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


# -- the waiting page ------------------------------------------------------------------------------
class Startup:
    """What the waiting page shows while the store opens: the stage, and a fraction when known."""

    STAGES = {"empty": "首次启动：正在载入随附的决算文件（解析、建立检索索引）……", "open": "正在打开文件库……", "app": "正在准备页面……"}

    def __init__(self):
        self.stage = "open"
        self.started = time.monotonic()
        self.error: str | None = None

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)  # as the store says it elsewhere
        if "is empty" in message or "ingesting" in message:
            self.stage = "empty"

    def progress(self) -> dict:
        from ui.jobs import embedding_progress

        done, total = embedding_progress()
        return {
            "stage": self.stage,
            "message": self.error or self.STAGES.get(self.stage, ""),
            "done": done,
            "total": total,
            "seconds": round(time.monotonic() - self.started, 1),
            "failed": self.error is not None,
        }


def waiting_app(startup: Startup):
    """Every path answers the waiting page (HTML) or, for /dqa/startup, its progress as JSON."""

    async def app(scope, receive, send):
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1013})
            return
        if scope.get("path") == "/dqa/startup":
            body = json.dumps(startup.progress(), ensure_ascii=False).encode()
            kind = b"application/json"
        else:
            body = WAITING_PAGE.encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 503 if scope.get("path") != "/dqa/startup" else 200,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()), (b"cache-control", b"no-store"), (b"retry-after", b"2")]})
        await send({"type": "http.response.body", "body": body})

    return app


WAITING_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>部门决算问答 · 正在启动</title>
<style>
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#fff;color:#1f1f1f}
main{max-width:34rem;margin:15vh auto;padding:0 1.2rem}h1{font-size:1.5rem}
.bar{height:.8rem;border-radius:.4rem;background:#e7e5e4;overflow:hidden}.fill{height:100%;width:5%;background:#b91c1c;transition:width .4s}
.indeterminate .fill{width:30%;animation:slide 1.4s ease-in-out infinite}@keyframes slide{0%{margin-left:-30%}100%{margin-left:100%}}
p{line-height:1.6}#dqa-wait-detail{color:#44403c}
@media (prefers-color-scheme:dark){body{background:#0f0f11;color:#f4f4f5}.bar{background:#3f3f46}.fill{background:#f87171}#dqa-wait-detail{color:#d6d3d1}}
</style></head><body><main role="status" aria-live="polite">
<h1>部门决算问答正在启动</h1><p id="dqa-wait-message">正在打开文件库……</p>
<div class="bar indeterminate" id="dqa-wait-bar" role="progressbar" aria-label="启动进度"><div class="fill" id="dqa-wait-fill"></div></div>
<p id="dqa-wait-detail">准备好后本页会自动打开问答页面，无需刷新。</p></main>
<script>
(function poll(){fetch("dqa/startup",{cache:"no-store"}).then(function(r){
 if(r.headers.get("content-type").indexOf("json")<0){location.reload();return null}return r.json()}).then(function(s){
 if(!s)return;if(s.ready){location.reload();return}document.getElementById("dqa-wait-message").textContent=s.message;
 var bar=document.getElementById("dqa-wait-bar"),fill=document.getElementById("dqa-wait-fill");
 if(s.total){bar.classList.remove("indeterminate");var p=Math.round(100*s.done/s.total);fill.style.width=p+"%";bar.setAttribute("aria-valuenow",p);
  document.getElementById("dqa-wait-detail").textContent="建立检索索引："+s.done+" / "+s.total+"（已用 "+Math.round(s.seconds)+" 秒）";}
 else{bar.classList.add("indeterminate");document.getElementById("dqa-wait-detail").textContent="已用 "+Math.round(s.seconds)+" 秒。准备好后本页会自动打开问答页面。";}
 if(!s.failed)setTimeout(poll,1000);}).catch(function(){setTimeout(poll,1500)});})();
</script></body></html>"""

