"""The live events view without an engine: a stand-in recorder feeds it bursts; rows are text, newest first, bounded."""

from __future__ import annotations

from dockerwidgets.widgets.events import EventsView


class Recorder:
    """What the view uses of an EventRecorder: the ring, a listener, close."""

    def __init__(self) -> None:
        self.ring: list[dict] = []
        self.listeners: list = []
        self.alive = True
        self.events = 0
        self.keep = 1000

    def snapshot(self) -> list[dict]:
        return list(self.ring)

    def listen(self, listener) -> None:
        self.listeners.append(listener)

    def close(self) -> None:
        self.alive = False

    def burst(self, events: list[dict]) -> None:
        self.ring += events
        self.events += len(events)
        for listener in self.listeners:
            listener(events)


def event(n: int, name: str = "web") -> dict:
    return {
        "Type": "container",
        "Action": "start",
        "Actor": {"ID": f"{n:064x}", "Attributes": {"name": name, "image": "busybox"}},
        "scope": "local",
        "time": 1795970422 + n,
        "timeNano": (1795970422 + n) * 10**9,
    }


def test_a_burst_is_one_draw_newest_first_and_bounded_on_screen():
    recorder = Recorder()
    view = EventsView(recorder, shown=3)
    draws = view.draws
    recorder.burst([event(n) for n in range(10)])
    assert view.draws == draws + 1
    assert view.table.columns == ["TIME", "TYPE", "ACTION", "ID", "ATTRIBUTES"]
    assert [row["cells"][3] for row in view.table.rows] == [f"{n:064x}"[:12] for n in (9, 8, 7)]
    assert view.frame.docker.typed["time"].is_monotonic_decreasing and len(view.frame) == 10
    assert view.text.splitlines()[0].endswith(f"container start {0:064x} (image=busybox, name=web)")


def test_engine_text_stays_text_and_format_shows_its_lines():
    recorder = Recorder()
    view = EventsView(recorder, template="{{.Action}} {{.Actor.Attributes.name}}")
    recorder.burst([event(1, "<b>bold</b>")])
    assert view.table.columns == ["EVENT"]
    assert view.table.rows[0]["cells"] == ["start <b>bold</b>"]  # the front end sets it with textContent
    assert view.text == "start <b>bold</b>"


def test_stop_closes_the_recorder_and_says_so():
    recorder = Recorder()
    view = EventsView(recorder)
    view.stop_button.click()
    assert not recorder.alive and not view.running
    assert view.stop_button.disabled and view.status.value.startswith("stopped")
