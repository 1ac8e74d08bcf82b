"""Pain scores: reading them, a sharp rise, the chart and where it is served."""
import struct
from datetime import datetime, timedelta, timezone

import pytest

from bot.progress import history, pain
from bot.progress.chart_image import progress_figure, render_progress_png
from bot.progress.history import ScorePoint
from bot.progress.scores import parse_pain_score
from bot.progress.trend import CONTACT_ADVICE, progress_text, sharp_rise
from bot.turn import TurnContext
from bot.settings import load_settings

UTC = timezone.utc
AMS = "Europe/Amsterdam"


@pytest.mark.parametrize("text, score", [
    ("mijn pijn is vandaag een 6", 6), ("pijnscore 3", 3), ("vandaag een 8 van de 10", 8), ("6/10", 6),
    ("7", 7), ("vandaag zit ik op een zesje", 6), ("pijnscore: acht", 8), ("tussen de 4 en de 5", 5),
    ("vanochtend een 6, nu een 4", 4), ("mijn rugpijn is een 4 op 10", 4), ("vandaag geen pijn, een 0", 0),
])
def test_scores_in_words(text, score):
    assert parse_pain_score(text) == (score, True)


def test_out_of_range_and_missing_scores():
    assert parse_pain_score("12") == (None, True)
    assert parse_pain_score("het gaat wel") == (None, False)


def points(*scores, days_apart=1):
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    return [ScorePoint(start + timedelta(days=i * days_apart), s) for i, s in enumerate(scores)]


def test_a_sharp_rise_is_three_points_within_a_week():
    assert sharp_rise(points(3, 4, 6))
    assert not sharp_rise(points(3, 4, 5))
    assert not sharp_rise(points(3, 6, days_apart=8))  # the low score is older than a week
    assert not sharp_rise(points(6))
    assert CONTACT_ADVICE in progress_text(points(2, 6))


def test_the_words_are_honest():
    assert "terugval" in progress_text(points(4, 6)).lower()
    assert "lager" in progress_text(points(6, 4)) and "op en neer" in progress_text(points(6, 4))
    assert "gelijk" in progress_text(points(5, 5))
    for text in (progress_text(points(6, 2)), progress_text(points(2, 3))):
        assert "zeker" not in text and "genezen" not in text


def png_size(png):
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_the_chart_is_a_phone_sized_png_of_exactly_the_stored_scores(db_url):
    for day, score in [(1, 7), (3, 6), (6, 4), (9, 5)]:
        history.record_pain(conversation_id="c1", score=score, note=None,
                        at=datetime(2025, 3, day, 8, tzinfo=UTC), url=db_url)
    points = history.pain_history(conversation_id="c1", url=db_url)
    png = render_progress_png(points, AMS)
    assert png_size(png) == (800, 600)
    line = progress_figure(points, AMS).axes[0].lines[0]
    assert list(line.get_ydata()) == [7, 6, 4, 5]
    assert [d.day for d in line.get_xdata()] == [1, 3, 6, 9]
    assert progress_figure(points, AMS).axes[0].title.get_fontsize() >= 20


def test_one_score_still_draws_and_none_is_refused():
    assert png_size(render_progress_png(points(5), AMS)) == (800, 600)
    with pytest.raises(ValueError):
        render_progress_png([], AMS)


def make_ctx(db_url, now):
    return TurnContext("c1", "rest", now, db_url, 14, AMS)


def test_reporting_and_showing_progress(db_url):
    now = datetime(2025, 3, 1, 9, tzinfo=UTC)
    for offset, score in [(0, 3), (2, 6)]:
        reply = pain.save_score(make_ctx(db_url, now + timedelta(days=offset)), {"pain_score": score, "pain_note": "-"})
    assert CONTACT_ADVICE in reply.messages[0]["text"] and reply.slots["pain_score"] is None
    shown = pain.link_progress(make_ctx(db_url, now), lambda conversation: f"http://x/{conversation}.png")
    assert shown.messages[0]["image"] == "http://x/c1.png"
    assert "2 scores" in shown.messages[0]["text"]
    nobody = TurnContext("someone else", "rest", now, db_url, 14, AMS)
    empty = pain.link_progress(nobody, lambda c: "").messages[0]["text"]
    assert "nog geen pijnscores" in empty and "nog geen grafiek" in empty  # the asked-for chart is named


def test_pain_form_replies():
    assert pain.validate_score("een zesje", opening=True) == {"pain_score": 6}
    assert pain.validate_score("ik wil mijn pijn doorgeven", opening=True) == {"pain_score": None}
    assert "0 tot 10" in pain.validate_score("elf", opening=False)["message"]
    assert pain.validate_score("stop", opening=False)["pain_stopped"] is True
    assert pain.validate_note("sla over") == {"pain_note": pain.NO_NOTE}
    assert pain.validate_note("wandelen hielp") == {"pain_note": "wandelen hielp"}
    assert pain.reply_for("pain_score", {"requested_slot": None}, {"text": "EXTERNAL: show_plan"}) is None


def test_stopping_the_pain_form_saves_nothing(db_url):
    reply = pain.save_score(make_ctx(db_url, datetime(2025, 3, 1, tzinfo=UTC)), {"pain_stopped": True})
    assert "geen pijnscore bewaard" in reply.messages[0]["text"]
    assert history.pain_history(conversation_id="c1", url=db_url) == []


def test_the_note_question_says_which_score_it_understood():
    assert "ik noteer een 7 van de 10" in pain.question_for(pain.NOTE_SLOT, {"pain_score": 7}).text
    assert pain.question_for(pain.NOTE_SLOT, {}).text.startswith("Dank je. Wil je er een korte notitie bij zetten?")
    assert pain.question_for(pain.SCORE_SLOT, {"pain_score": 7}) is pain.QUESTIONS[pain.SCORE_SLOT]


def test_scores_are_stored_in_order(db_url):
    for day, score in [(3, 5), (1, 7), (2, 6)]:
        history.record_pain(conversation_id="c1", score=score, note=None,
                          at=datetime(2025, 1, day, 9, tzinfo=timezone.utc), url=db_url)
    assert [p.score for p in history.pain_history(conversation_id="c1", url=db_url)] == [7, 6, 5]


@pytest.mark.parametrize("text, score", [
    ("'k zou zeggen ne zeven, gisteren was da nog erger", 7), ("ne zeven", 7), ("dat is ne rare vraag", None),
])
def test_the_flemish_article_ne_grades_a_score_as_een_does(text, score):
    assert parse_pain_score(text)[0] == score


def test_leaving_in_the_note_question_is_no_note_and_keeps_the_score():
    slots = {"requested_slot": pain.NOTE_SLOT, pain.SCORE_SLOT: 7}
    message = {"text": "ik moet gaan, kind huilt", "intent": {"name": "inform", "confidence": 0.5}}
    value = pain.reply_for(pain.NOTE_SLOT, slots, message)
    assert pain.validate_note(value) == {"pain_note": pain.NO_NOTE, "form_exit": "goodbye"}


def test_a_skipped_note_with_a_goodbye_says_goodbye_back():
    assert pain.validate_note("nah laat maar, doei") == {"pain_note": pain.NO_NOTE, "form_exit": "goodbye"}


def test_a_question_in_the_note_question_is_not_stored_as_the_note():
    slots = {"requested_slot": pain.NOTE_SLOT, pain.SCORE_SLOT: 8}
    message = {"text": "sorry verkeerde chat lol. ik ben 67 en wil weten of magnesium ok is op mijn leeftijd",
               "intent": {"name": "magnesium_elderly", "confidence": 0.9}}
    assert pain.reply_for(pain.NOTE_SLOT, slots, message) is None


def test_a_question_at_the_note_is_never_stored_whatever_the_nlu_says():
    slots = {"requested_slot": pain.NOTE_SLOT, pain.SCORE_SLOT: 7}
    message = {"text": "en helpt dat ook voor mn rug?", "intent": {"name": "affirm", "confidence": 0.9}}
    assert pain.reply_for(pain.NOTE_SLOT, slots, message) is None


@pytest.mark.parametrize("text", ["merci, tot morgen", "ok thx", "Dank u, dan bel ik de huisarts."])
def test_thanks_or_a_goodbye_at_the_note_question_is_no_note(text):
    message = {"text": text, "intent": {"name": "thank", "confidence": 0.9}}
    value = pain.reply_for(pain.NOTE_SLOT, {"requested_slot": pain.NOTE_SLOT}, message)
    assert pain.validate_note(value)[pain.NOTE_SLOT] in (None, pain.NO_NOTE)


@pytest.mark.parametrize("text, score", [
    ("vandaag is't een 6 zenne, gisteren was da nog een 8 dus 't gaat al beter", 6),
    ("gisteren een 8 maar nu een 5", 5),
    ("vanochtend 6, nu 4", 4),
])
def test_today_s_score_is_taken_when_yesterday_s_is_told_too(text, score):
    assert parse_pain_score(text)[0] == score
