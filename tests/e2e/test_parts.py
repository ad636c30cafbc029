"""In Chromium: a fiche's comments and a thread's replies are parts of their page that rerun
alone (`components.parts`, #17). Publishing redraws the part only: the browser asks for the
part's rerun and every element the server sends back belongs to it. The part still checks
the account: signed out elsewhere, a click in it leads to the sign-in form.

The websocket frames are Streamlit's own protobuf messages, read with its own classes."""

from __future__ import annotations

import sqlalchemy as sa
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from db import forum, notifications, pitches
from db.accounts import sessions
from db.forum import posts as forum_posts
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import FICHE, settle, sign_in


class Frames:
    """What the page and the server said to each other since `clear()`."""

    def __init__(self, page) -> None:
        self.sent: list[BackMsg] = []
        self.received: list[ForwardMsg] = []
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        socket.on("framesent", lambda data: self._keep(data, BackMsg, self.sent))
        socket.on("framereceived", lambda data: self._keep(data, ForwardMsg, self.received))

    @staticmethod
    def _keep(data, kind, into: list) -> None:
        if isinstance(data, bytes):
            message = kind()
            message.ParseFromString(data)
            into.append(message)

    def clear(self) -> None:
        self.sent.clear()
        self.received.clear()

    def reruns(self) -> list[str]:
        """The fragment id of each rerun asked for ('' for the whole page)."""
        return [m.rerun_script.fragment_id for m in self.sent if m.HasField("rerun_script")]

    def drawn_by(self) -> set[str]:
        """The fragment id of each element sent back since the first run began ('' for the
        whole page's); a run already going when `clear()` was called may still be ending."""
        kinds = [m.WhichOneof("type") for m in self.received]
        since = kinds.index("new_session") if "new_session" in kinds else len(kinds)
        return {m.delta.fragment_id for m in self.received[since:] if m.HasField("delta")}


def _page_with(server: str, page, path: str) -> Frames:
    frames = Frames(page)
    page.goto(server)
    sign_in(page, "mathilde.md82", PASSWORD)
    page.goto(f"{server}/{path}")
    settle(page)
    return frames


def _publish(page, frames: Frames, box: str, button: str, text: str) -> None:
    field = page.get_by_role("textbox", name=box)
    field.fill(text)
    field.press("Tab")
    settle(page)
    frames.clear()
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(text, exact=True)).to_be_visible()
    settle(page)
    expect(field).to_have_value("")
    asked = frames.reruns()
    assert asked and all(asked), asked  # the part's rerun, never the whole page's
    assert frames.drawn_by() and "" not in frames.drawn_by()


def test_a_comment_redraws_the_comments_only(live_engine, server, page):
    with live_engine.begin() as conn:
        author = make_user(conn, "mathilde.md82", "member", department_code="82")
        fiche = pitches.create_pitch(conn, actor=author, publish=True, data=FICHE)
    frames = _page_with(server, page, f"pitches?fiche={fiche.id}")
    _publish(page, frames, "Votre commentaire (Markdown)", "Publier le commentaire",
             "Belle démarche.")
    expect(page.get_by_text("Commentaire publié.")).to_be_visible()
    expect(page.get_by_role("heading", name="Commentaires (1)")).to_be_visible()


def test_a_reply_redraws_the_replies_only(live_engine, server, page):
    with live_engine.begin() as conn:
        author = make_user(conn, "mathilde.md82", "member", department_code="82")
        thread = forum_posts.contribute(conn, actor=author, theme_id=forum.list_themes(conn)[0].id,
                                        kind="question", title="Quel logiciel ?",
                                        body="Pour les ateliers.")
    frames = _page_with(server, page, f"forum?sujet={thread.id}")
    _publish(page, frames, "Répondre (Markdown)", "Publier la réponse",
             "Nous utilisons Scratch.")
    expect(page.get_by_text("Contribution publiée.")).to_be_visible()
    expect(page.get_by_role("heading", name="Réponses (1)")).to_be_visible()


def test_signed_out_elsewhere_a_click_writes_nothing_and_leads_to_sign_in(live_engine,
                                                                          server, page):
    with live_engine.begin() as conn:
        author = make_user(conn, "mathilde.md82", "member", department_code="82")
        fiche = pitches.create_pitch(conn, actor=author, publish=True, data=FICHE)
    frames = _page_with(server, page, f"pitches?fiche={fiche.id}")
    frames.clear()
    with live_engine.begin() as conn:
        sessions.sign_out_everywhere(conn, actor=author)
    page.get_by_role("textbox", name="Votre commentaire (Markdown)").fill("Trop tard ?")
    page.get_by_role("button", name="Publier le commentaire").click()
    expect(page.get_by_label("Identifiant")).to_be_visible()
    assert frames.reruns()[0]  # the click asked for the part's rerun: the part checked
    with live_engine.connect() as conn:  # and the click's callback wrote nothing
        assert conn.execute(sa.text("SELECT count(*) FROM pitch_comments")).scalar_one() == 0


def test_the_bell_marks_read_alone_and_opens_an_item_of_this_page(live_engine, server, page):
    """« Marquer comme lu » redraws the bell only; « Ouvrir » on an item of the page shown
    (the fiche list here) changes the address, so the whole page follows."""
    with live_engine.begin() as conn:
        author = make_user(conn, "mathilde.md82", "member", department_code="82")
        fiche = pitches.create_pitch(conn, actor=author, publish=True, data=FICHE)
        for text, link in (("Votre place est confirmée.", "events"),
                           ("Nouveau commentaire sur votre fiche.", f"pitches?fiche={fiche.id}")):
            notifications.notify(conn, user_id=author.id, kind="moved", text=text, link=link)
    frames = _page_with(server, page, "pitches")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="Notifications (2)").click()
    entry = page.get_by_test_id("stPopoverBody")
    expect(entry.get_by_text("Votre place est confirmée.")).to_be_visible()
    frames.clear()
    # newest first: the fiche's, then the day's; the day's is marked read
    entry.get_by_role("button", name="Marquer comme lu", exact=True).last.click()
    expect(sidebar.get_by_role("button", name="Notifications (1)")).to_be_visible()
    settle(page)
    assert frames.reruns() and all(frames.reruns()), frames.reruns()
    assert frames.drawn_by() and "" not in frames.drawn_by()

    if not entry.is_visible():  # the popover may close with the rerun
        sidebar.get_by_role("button", name="Notifications (1)").click()
    entry.get_by_role("button", name="Ouvrir").click()  # the day's « Ouvrir » is a page link
    expect(page.get_by_role("heading", name=FICHE.title)).to_be_visible()
    expect(page).to_have_url(f"{server}/pitches?fiche={fiche.id}")
    expect(sidebar.get_by_role("button", name="Notifications", exact=True)).to_be_visible()
