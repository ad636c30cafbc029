"""Other people on the same server (#17, « side by side »): N sessions that browse and post
in a loop while `benchmarks.browser` times its actions in Chromium.

Each session is a websocket client speaking Streamlit's own protocol — the `BackMsg` and
`ForwardMsg` protobufs its frontend exchanges on `/_stcore/stream` — signed in by our
cookie, so the server runs the same script runs as for a browser, without thirty Chromium
renderers competing for the machine's two cores. A session opens a page (home, fiches, a
fiche, a forum theme, a thread, days, a day, resources, the directory, kits), waits for the
run to finish, thinks 1–3 s, and every fifth step posts a reply in a forum thread by
setting the text box and the button as the browser would.

Run alone (for a look): `python -m benchmarks.crowd --port 8501 --sessions 10 --seconds 30`
against a server started on the region dataset with `COOPMD_COOKIE_KEY` set.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import random
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

PAGES = [("", ""), ("pitches", ""), ("pitches", "fiche={n}"), ("forum", "theme={t}"),
         ("forum", "sujet={n}"), ("events", ""), ("events", "event={d}"), ("resources", ""),
         ("directory", ""), ("kits", "")]
THINK = (1.0, 3.0)  # seconds between two steps of one person


@dataclass
class Tally:
    """What the crowd did: script runs finished, replies posted, errors seen."""
    runs: int = 0
    posts: int = 0
    errors: list[str] = field(default_factory=list)


def _widgets(message: ForwardMsg, found: dict[str, str]) -> str | None:
    """Remember the id of each widget drawn, by its label; an exception drawn is said."""
    if message.WhichOneof("type") != "delta" or not message.delta.HasField("new_element"):
        return None
    element = message.delta.new_element
    kind = element.WhichOneof("type")
    widget = getattr(element, kind, None) if kind else None
    if kind == "exception":
        return f"exception : {element.exception.message[:200]}"
    if widget is not None and hasattr(widget, "id") and hasattr(widget, "label"):
        found[widget.label] = widget.id
    return None


async def _run(ws, page: str, query: str, states: list[WidgetState] | None = None) -> dict[str, str]:
    """One script run, as the frontend asks it; the widgets it drew, by label."""
    back = BackMsg()
    back.rerun_script.page_name = page
    back.rerun_script.query_string = query
    back.rerun_script.widget_states.widgets.extend(states or [])
    await ws.send(back.SerializeToString())
    found: dict[str, str] = {}
    problem = None
    while True:  # to the end of the run whatever happens: the next one starts clean
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=60))
        kind = message.WhichOneof("type")
        if kind == "page_not_found":
            problem = f"page introuvable : {page}?{query}"
        problem = _widgets(message, found) or problem
        if kind == "script_finished" and (message.script_finished
                                          != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
            break
    if problem:
        raise RuntimeError(problem)
    return found


async def _reply(ws, thread: str, number: int) -> None:
    found = await _run(ws, "forum", thread)
    box, button = found.get("Répondre (Markdown)"), found.get("Publier la réponse")
    if box is None or button is None:
        raise RuntimeError(f"pas de formulaire de réponse sur forum?{thread} : {sorted(found)}")
    await _run(ws, "forum", thread, [
        WidgetState(id=box, string_value=f"Réponse de charge n° {number}."),
        WidgetState(id=button, trigger_value=True)])


async def person(url: str, token: str, seed: int, threads: list[int], stop: asyncio.Event,
                 tally: Tally) -> None:
    """One signed-in person browsing and posting (in one of `threads`) until `stop`."""
    import websockets

    rng = random.Random(seed)
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                  additional_headers={"Cookie": f"coopmd_auth={token}"}) as ws:
        step = 0
        while not stop.is_set():
            step += 1
            try:
                if step % 5 == 0:
                    await _reply(ws, f"sujet={rng.choice(threads)}", seed * 1000 + step)
                    tally.posts += 1
                else:
                    page, query = rng.choice(PAGES)
                    await _run(ws, page, query.format(n=rng.randint(1, 200),
                                                      t=rng.randint(1, 3),
                                                      d=rng.randint(1, 50)))
                tally.runs += 1
            except (RuntimeError, TimeoutError) as error:
                tally.errors.append(str(error))
            with contextlib.suppress(TimeoutError):  # thinking, unless the run ends
                await asyncio.wait_for(stop.wait(), timeout=rng.uniform(*THINK))


async def _crowd(port: int, tokens: list[str], threads: list[int], ready, done) -> Tally:
    stop, tally = asyncio.Event(), Tally()
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    people = [asyncio.create_task(person(url, token, n + 1, threads, stop, tally))
              for n, token in enumerate(tokens)]
    ready.set()
    while not done.is_set():
        await asyncio.sleep(0.2)
    stop.set()
    for outcome in await asyncio.gather(*people, return_exceptions=True):
        if isinstance(outcome, BaseException):
            tally.errors.append(f"session perdue : {outcome!r}")
    return tally


def _main(port: int, tokens: list[str], threads: list[int], ready, done, results) -> None:
    tally = asyncio.run(_crowd(port, tokens, threads, ready, done))
    results.put((tally.runs, tally.posts, tally.errors[:20], len(tally.errors)))


class Crowd:
    """The crowd in a process of its own (its Python does not share the measuring one's
    GIL); `stop()` returns (script runs, replies posted, first errors, error count)."""

    def __init__(self, port: int, tokens: list[str], threads: list[int]) -> None:
        spawn = multiprocessing.get_context("spawn")  # the measuring process has threads
        self.ready, self.done = spawn.Event(), spawn.Event()
        self.results: multiprocessing.Queue = spawn.Queue()
        self.process = spawn.Process(
            target=_main, args=(port, tokens, threads, self.ready, self.done, self.results))
        self.process.start()
        self.ready.wait(timeout=30)

    def stop(self) -> tuple[int, int, list[str], int]:
        self.done.set()
        found = self.results.get(timeout=120)
        self.process.join(timeout=30)
        return found


def people(url: str, count: int, key: str, *, prefix: str = "region"
           ) -> tuple[list[str], list[int]]:
    """Sign-in cookies of `count` MD staff whose name starts with `prefix` (every page is
    theirs), and up to 200 published forum threads they may reply in."""
    import sqlalchemy as sa

    from db.accounts import get_user, sessions
    from db.schema import forum_posts, users

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        ids = conn.execute(sa.select(users.c.id).where(
            users.c.username.like(f"{prefix}%"), users.c.role.in_(["member", "organiser"]))
            .order_by(users.c.id).limit(count)).scalars().all()
        cookies = [sessions.issue_token(get_user(conn, user_id=i), key=key) for i in ids]
        threads = conn.execute(sa.select(forum_posts.c.id).where(
            forum_posts.c.parent_id.is_(None), forum_posts.c.status == "published")
            .order_by(forum_posts.c.id).limit(200)).scalars().all()
    engine.dispose()
    return cookies, list(threads)


def main() -> None:
    import argparse
    import os
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--url", default="sqlite:///data/region.db")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    options = parser.parse_args()
    crowd = Crowd(options.port, *people(options.url, options.sessions,
                                        os.environ["COOPMD_COOKIE_KEY"]))
    time.sleep(options.seconds)
    runs, posts, errors, count = crowd.stop()
    print(f"{runs} exécutions, {posts} réponses, {count} erreurs {errors[:3]}")


if __name__ == "__main__":
    main()
