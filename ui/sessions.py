"""Gradio's per-session memory kept to what a session owns (issue 14 · 9 and 10).

Gradio keeps one ``SessionState`` per session hash, and every program calling ``/chat`` is a new
session: each REST call (``/gradio_api/call/chat``) and each ``gradio_client.Client``. Gradio 6.31
builds the configuration of every component of the page for a new session (69 here: ~100 KB and
~4 ms on the server's event loop) and keeps it until 10,000 sessions exist — about 1 GB, and 200
programs arriving at once queue behind 200 × 4 ms of work on the one thread that also accepts
their requests.

:class:`LeanStateHolder` replaces the mounted app's holder:

- a session's component configurations are built one at a time when first needed (an API call
  needs two, a page reload all of them, as before);
- a session that owns nothing — no ``gr.State`` value, no component changed by an update — and
  has no event pending is forgotten with its emptied message queue, checked every
  :data:`SWEEP_EVERY` new sessions on the event loop (where Gradio itself touches them).

A browser tab owns its conversation (``gr.State``) from its first event, so it is kept as Gradio
keeps it: its state freed an hour after the tab closes, the oldest sessions dropped past
``state_session_capacity``.
"""

from __future__ import annotations

from types import SimpleNamespace

from gradio.components import State
from gradio.state_holder import SessionState, StateHolder

SWEEP_EVERY = 64  # new sessions between two sweeps: the sessions kept beyond the owned ones
ANALYTICS_KEPT = 100  # Gradio's per-event records, for its monitoring page (off here)
NEVER = 2**62


class LeanSession(SessionState):
    """A ``SessionState`` whose component configurations are built on first use."""

    def __init__(self, blocks):
        # Gradio's own __init__ with no root blocks to configure: every field it sets, none built
        super().__init__(SimpleNamespace(default_config=blocks.default_config, blocks={}))
        self.root_ids = blocks.blocks
        self.owns = False

    def __setitem__(self, key, value):
        current = self.blocks_config.blocks.get(key)
        if isinstance(current, State) or (current is not None and value is not current):
            self.owns = True  # a State value, or a component this session changed by an update
        super().__setitem__(key, value)

    @property
    def components(self):
        """Every root component's configuration, in the page's order (a reload, a deep link)."""
        built = self.config_values
        ordered = {}
        for key, block in self.blocks_config.blocks.items():
            if key in built:
                ordered[key] = built[key]
            elif key in self.root_ids:
                ordered[key] = self.blocks_config.config_for_block(key, [], block)
        ordered.update((k, v) for k, v in built.items() if k not in ordered)
        self.config_values = ordered
        return super().components

    @property
    def kept(self) -> bool:
        """Whether forgetting this session would lose something."""
        return self.owns or bool(self.state_data)


class LeanStateHolder(StateHolder):
    """Gradio's ``StateHolder`` with :class:`LeanSession` sessions and a sweep of idle ones."""

    def __init__(self):
        super().__init__()
        self.next_sweep = SWEEP_EVERY

    def __getitem__(self, session_id: str) -> SessionState:
        if session_id not in self.session_data:
            self.session_data[session_id] = LeanSession(self.blocks)
            if len(self.session_data) >= self.next_sweep:
                self.release(keep=session_id)
                self.next_sweep = len(self.session_data) + SWEEP_EVERY
        return super().__getitem__(session_id)

    def release(self, keep: str | None = None) -> int:
        """Forget the sessions that own nothing and wait for nothing; how many were forgotten."""
        queue = getattr(self.blocks, "_queue", None)
        pending = queue.pending_event_ids_session if queue is not None else {}
        messages = queue.pending_messages_per_session if queue is not None else {}
        gone = 0
        for session_id, session in list(self.session_data.items()):
            if session_id == keep or pending.get(session_id) or getattr(session, "kept", True):
                continue
            with self.lock:
                self.session_data.pop(session_id, None)
                self.time_last_used.pop(session_id, None)
            waiting = messages.get(session_id)
            if waiting is not None and waiting.empty():
                del messages[session_id]
            gone += 1
        for session_id in [s for s, ids in pending.items() if not ids and s not in self.session_data]:
            del pending[session_id]  # Gradio leaves one empty set per finished session
        return gone


def install(demo, app) -> LeanStateHolder:
    """Give the Gradio app mounted in ``app`` (ui/server.py) a :class:`LeanStateHolder` for ``demo``."""
    from gradio.routes import App
    from starlette.routing import Mount

    mounted = [r.app for r in app.routes if isinstance(r, Mount) and isinstance(r.app, App)]
    if len(mounted) != 1:
        raise RuntimeError(f"expected one mounted Gradio app, found {len(mounted)}")
    holder = LeanStateHolder()
    holder.set_blocks(demo)  # also demo.state_holder
    mounted[0].state_holder = holder
    queue = getattr(demo, "_queue", None)
    if queue is not None and not demo.enable_monitoring:
        # Gradio summarises its per-event records with pandas after every event, in a worker
        # thread, for the monitoring page alone; with 10,000 records (its default) that is more
        # work than answering. Fewer records, and no summary nobody reads.
        queue.ANALYTICS_MAX_EVENTS = ANALYTICS_KEPT
        queue.ANAYLTICS_CACHE_FREQUENCY = NEVER  # sic: Gradio's spelling
    return holder
