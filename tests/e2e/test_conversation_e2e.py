"""The assistant over real HTTP: answers, the first message, bad input, the API's lock."""
import uuid

import pytest

from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e


def test_first_message_says_what_the_assistant_is(stack):
    messages = stack.say(new_sender(), "hoi")
    first = messages[0]["text"]
    assert "computerprogramma" in first
    assert "112" in first
    assert "diagnose" in first
    payloads = {button["payload"] for button in messages[0].get("buttons", [])}
    assert "/start_plan" in payloads and "/magnesium_role" in payloads


def test_a_topic_question_gets_its_own_answer(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    answer = texts(stack.say(sender, "hoeveel magnesium mag ik per dag slikken"))
    assert "250" in answer
    tracker = stack.tracker(sender)
    assert tracker["latest_message"]["intent"]["name"] == "magnesium_dosage"


def test_a_red_flag_escalates_and_sets_the_contract_slots(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    messages = stack.say(sender, "ik kan sinds vanochtend niet meer plassen en mijn been is slap")
    assert messages[0]["text"].startswith("Bel nu 112")
    offer = messages[-1]
    assert any(b["payload"] == "/request_therapist" for b in offer.get("buttons", []))
    slots = stack.tracker(sender)["slots"]
    assert slots["triage_level"] == "emergency"
    assert "bladder_bowel" in slots["red_flags"]


def test_negated_symptoms_do_not_raise_an_alarm(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    messages = stack.say(sender, "ik heb geen koorts en krachtsverlies heb ik ook niet, wat helpt tegen stress?")
    assert "112" not in texts(messages)
    assert not stack.tracker(sender)["slots"].get("triage_level")


def test_a_medicine_mentioned_in_passing_is_warned_about_once(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    first = texts(stack.say(sender, "ik slik levothyroxine, helpt magnesium eigenlijk bij rugpijn?"))
    assert "apotheker" in first and "4 uur" in first
    slots = stack.tracker(sender)["slots"]
    assert slots["medications"] == ["levothyroxine"]
    assert "levothyroxine" in slots["interaction_classes"]
    again = texts(stack.say(sender, "en met levothyroxine, hoeveel water moet ik drinken?"))
    assert "4 uur" not in again


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😀😀😀🙏", "<script>alert('x')</script>", "How much magnesium should I take?",
     "مرحبا، كيف يمكنني تخفيف آلام الظهر؟", "a" * 5000, "/greet", '/delete_my_data{"x":1}', "\x00\x07hallo\x1b",
     "🔥" * 3000, "ik heb rugpijn " * 400],
)
def test_bad_input_gets_a_kind_dutch_reply(stack, text):
    sender = new_sender()
    messages = stack.say(sender, text)
    assert messages, "never an empty answer"
    body = texts(messages)
    assert body.strip()
    assert "<script>" not in body


def test_typed_commands_do_not_trigger_intents(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    stack.say(sender, '/delete_my_data{"triage_level": "none"}')
    tracker = stack.tracker(sender)
    names = [e.get("name") for e in tracker["events"] if e["event"] == "action"]
    assert "utter_confirm_delete" not in names
    assert "utter_typed_command" in names


def test_typed_payloads_cannot_set_the_triage_level_or_start_a_handoff(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    stack.say(sender, '/request_therapist{"triage_level": "none", "handoff_status": "claimed"}')
    tracker = stack.tracker(sender)
    assert tracker["active_loop"].get("name") != "handoff_form"
    assert not tracker["slots"].get("triage_level")
    assert not tracker["slots"].get("handoff_status")


def test_button_payloads_the_assistant_offered_do_work(stack):
    sender = new_sender()
    welcome = stack.say(sender, "hallo")
    payload = next(b["payload"] for m in welcome for b in m.get("buttons", []) if b["payload"] == "/magnesium_role")
    stack.say(sender, payload)
    assert stack.tracker(sender)["latest_message"]["intent"]["name"] == "magnesium_role"


def test_api_needs_the_token(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    status, _ = stack.request("GET", f"/conversations/{sender}/tracker")
    assert status == 401
    status, _ = stack.request("PUT", "/model", {"model_file": "/tmp/evil.tar.gz"})
    assert status == 401


def test_oversized_and_malformed_bodies_are_refused_clearly(stack):
    status, _ = stack.request("POST", "/webhooks/rest/webhook", raw=b'{"sender": "x", "message": "' + b"a" * 1_100_000 + b'"}')
    assert status == 413
    status, _ = stack.request("POST", "/webhooks/rest/webhook", raw=b"{not json")
    assert status == 400
    status, _ = stack.request("POST", "/webhooks/rest/webhook", raw=b'{"sender": "x", "message": "\xff\xfe"}')
    assert status == 400
    status, _ = stack.request("POST", "/webhooks/rest/webhook", {"sender": "x" * 500, "message": "hoi"})
    assert status == 400


def test_health_and_readiness(stack):
    assert stack.request("GET", "/health/live")[0] == 200
    status, body = stack.request("GET", "/health/ready")
    assert status == 200 and body["ready"] is True


def test_delete_my_data_removes_the_conversation(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    stack.say(sender, "ik heb al maanden last van mijn onderrug")
    stack.say(sender, "verwijder al mijn gegevens")
    done = texts(stack.say(sender, "ja"))
    assert "gewist" in done
    events = stack.tracker(sender)["events"]
    user_texts = [e.get("text") for e in events if e["event"] == "user"]
    assert "ik heb al maanden last van mijn onderrug" not in user_texts


def test_no_user_text_in_the_logs(stack):
    marker = f"zeldzaamwoord{uuid.uuid4().hex[:8]}"
    sender = new_sender()
    stack.say(sender, f"ik heb {marker} en koorts, mag ik levothyroxine met magnesium?")
    stack.say(sender, f"/{marker}")
    logs = "".join(p.read_text(errors="replace") for p in stack.log_dir.glob("*.log"))
    assert logs, "the servers wrote their logs here"
    assert marker not in logs


def test_cors_only_for_the_practice_origins(stack):
    import urllib.request

    def preflight(origin):
        request = urllib.request.Request(f"{stack.base_url}/webhooks/rest/webhook", method="OPTIONS",
                                         headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.headers.get("Access-Control-Allow-Origin")

    assert preflight("https://evil.example") is None
    allowed = stack.env.get("CORS_ORIGINS", "http://127.0.0.1:5005").split(",")[0]
    assert preflight(allowed) == allowed


def test_a_red_flag_in_the_middle_of_the_plan_form_escalates_and_ends_the_form(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    stack.say(sender, "ik wil een startplan maken")
    assert stack.tracker(sender)["active_loop"].get("name") == "plan_form"
    messages = stack.say(sender, "ik kan opeens niet meer plassen")
    assert messages[0]["text"].startswith("Bel nu 112")
    tracker = stack.tracker(sender)
    assert not tracker["active_loop"].get("name")
    assert tracker["slots"]["triage_level"] == "emergency"


def test_a_first_hello_gets_one_greeting_and_the_second_hello_a_reply(stack):
    sender = new_sender()
    first = " ".join(m.get("text", "") for m in stack.say(sender, "hoi"))
    # The welcome (what the assistant is, the topics), and no second "Hoi, fijn dat je er bent!".
    assert "computerprogramma" in first
    assert first.lower().count("hoi") == 1
    again = " ".join(m.get("text", "") for m in stack.say(sender, "hallo"))
    assert again.strip(), "a later hello is answered"
