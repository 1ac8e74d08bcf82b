from bot.handoff.transcript import transcript_from_events


def _user(text, at=1_700_000_000):
    return {"event": "user", "text": text, "timestamp": at}


def _bot(text, at=1_700_000_001, buttons=None):
    return {"event": "bot", "text": text, "timestamp": at, "data": {"buttons": buttons or []}}


def test_who_said_what_and_when():
    lines = transcript_from_events([{"event": "action", "name": "action_listen"}, _user("hoi"), _bot("Hoi!"),
                                    {"event": "slot", "name": "x", "value": 1}])
    assert lines == [{"who": "user", "text": "hoi", "at": "2023-11-14T22:13:20Z"},
                     {"who": "bot", "text": "Hoi!", "at": "2023-11-14T22:13:21Z"}]


def test_only_the_last_turns_are_kept():
    events = []
    for n in range(30):
        events += [_user(f"vraag {n}"), _bot(f"antwoord {n}")]
    lines = transcript_from_events(events, max_turns=20)
    assert lines[0] == {"who": "user", "text": "vraag 10", "at": lines[0]["at"]}
    assert len(lines) == 40 and lines[-1]["text"] == "antwoord 29"


def test_a_button_press_shows_its_title():
    buttons = [{"title": "Ja, graag", "payload": "/request_therapist"}, {"title": "Nee", "payload": "/deny"}]
    lines = transcript_from_events([_bot("Wil je een therapeut?", buttons=buttons), _user("/request_therapist")])
    assert lines[-1]["text"] == "Ja, graag"


def test_nothing_from_before_a_restart():
    lines = transcript_from_events([_user("oud geheim"), {"event": "restart"}, _user("nieuw")])
    assert [line["text"] for line in lines] == ["nieuw"]


def test_text_is_kept_as_typed_and_bad_timestamps_do_not_break_it():
    lines = transcript_from_events([_user("<script>alert(1)</script>", at="nonsense"), _bot(None)])
    assert lines == [{"who": "user", "text": "<script>alert(1)</script>", "at": None}]
