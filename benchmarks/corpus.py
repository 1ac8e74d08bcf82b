"""The conversation corpus: multi-turn conversations replayed over REST, judged on what a
person sees (the reply's text and buttons), never on intent names.

A corpus file (eval/conversations/*.yml) holds `conversations`, each a list of `turns`; a turn
either types (`user: "..."`) or clicks (`click: "ja"`: the button of the previous reply whose
title contains that text) and carries `expect` checks:

    any: [...]      the reply contains at least one of these
    all: [...]      the reply contains each of these
    none: [...]     the reply contains none of these
    button: [...]   an offered button's title contains one of these
    no_button: true no button is offered
    question: true  the reply asks something ("?")

The reply is every bubble of the turn, text and button titles, compared lowercase and
without accents. A conversation passes when all its turns pass.
"""
from __future__ import annotations

import json
import unicodedata
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

import yaml

Messages = List[Dict[str, Any]]
Send = Callable[[str, str], Messages]


def normalise(text: str) -> str:
    """Lowercase, accents removed, white space folded."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().split())


def buttons_of(messages: Messages) -> List[Dict[str, str]]:
    return [button for message in messages for button in (message.get("buttons") or [])]


def visible_text(messages: Messages) -> str:
    """What a person reads in one turn: every bubble and every button title."""
    parts = [str(message.get("text") or "") for message in messages]
    parts += [str(button.get("title") or "") for button in buttons_of(messages)]
    if any(message.get("image") for message in messages):
        parts.append("[afbeelding]")
    return normalise("\n".join(parts))


def check_turn(expect: Dict[str, Any], messages: Messages) -> List[str]:
    """The checks of `expect` that `messages` fail, as short Dutch-free explanations."""
    text = visible_text(messages)
    titles = [normalise(str(button.get("title") or "")) for button in buttons_of(messages)]
    failures: List[str] = []
    wanted_any = [normalise(str(word)) for word in expect.get("any") or []]
    if wanted_any and not any(word in text for word in wanted_any):
        failures.append(f"mentions none of {wanted_any}")
    for word in expect.get("all") or []:
        if normalise(str(word)) not in text:
            failures.append(f"does not mention {word!r}")
    for word in expect.get("none") or []:
        if normalise(str(word)) in text:
            failures.append(f"mentions {word!r}")
    wanted_buttons = [normalise(str(word)) for word in expect.get("button") or []]
    if wanted_buttons and not any(word in title for title in titles for word in wanted_buttons):
        failures.append(f"no button with any of {wanted_buttons} (buttons: {titles})")
    if expect.get("no_button") and titles:
        failures.append(f"offers buttons {titles}")
    if expect.get("question") and "?" not in text:
        failures.append("asks nothing")
    return failures


@dataclass
class TurnResult:
    said: str
    reply: str
    failures: List[str]


@dataclass
class ConversationResult:
    conversation_id: str
    turns: List[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(not turn.failures for turn in self.turns)


def run_conversation(conversation: Dict[str, Any], send: Send, sender: Optional[str] = None) -> ConversationResult:
    """Replays one conversation through `send(sender, text)` and judges every turn."""
    sender = sender or f"corpus-{conversation.get('id', 'x')}-{uuid.uuid4().hex[:8]}"
    result = ConversationResult(str(conversation.get("id")))
    previous: Messages = []
    for turn in conversation.get("turns") or []:
        expect = turn.get("expect") or {}
        if "click" in turn:
            wanted = normalise(str(turn["click"]))
            button = next((b for b in buttons_of(previous) if wanted in normalise(str(b.get("title") or ""))), None)
            if button is None:
                said = f"[klik {turn['click']!r}]"
                result.turns.append(TurnResult(said, "", [f"no button {turn['click']!r} to click"]))
                previous = []
                continue
            said, text = f"[klik {button.get('title')!r}]", str(button.get("payload") or button.get("title"))
        else:
            said = text = str(turn.get("user") if turn.get("user") is not None else "")
        messages = send(sender, text)
        result.turns.append(TurnResult(said, visible_text(messages), check_turn(expect, messages)))
        previous = messages
    return result


def rest_sender(base_url: str, timeout: float = 60.0) -> Send:
    """`send` over Rasa's REST channel of a running server."""
    def send(sender: str, text: str) -> Messages:
        body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
        request = urllib.request.Request(f"{base_url}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return json.loads(reply.read().decode("utf-8"))
    return send


def load_corpus(path: Path) -> List[Dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"])


@dataclass
class CorpusScore:
    conversations: int
    conversations_passed: int
    turns: int
    turns_passed: int
    results: List[ConversationResult]

    @property
    def conversation_rate(self) -> float:
        return self.conversations_passed / self.conversations if self.conversations else 0.0

    @property
    def turn_rate(self) -> float:
        return self.turns_passed / self.turns if self.turns else 0.0


def score(conversations: Sequence[Dict[str, Any]], send: Send) -> CorpusScore:
    results = [run_conversation(conversation, send) for conversation in conversations]
    turns = [turn for result in results for turn in result.turns]
    return CorpusScore(
        conversations=len(results),
        conversations_passed=sum(result.passed for result in results),
        turns=len(turns),
        turns_passed=sum(not turn.failures for turn in turns),
        results=results,
    )


def report(name: str, corpus: CorpusScore, show_failures: bool) -> List[str]:
    lines = [
        f"{name}: turns {corpus.turns_passed}/{corpus.turns} = {100 * corpus.turn_rate:.1f}%, "
        f"conversations {corpus.conversations_passed}/{corpus.conversations} = {100 * corpus.conversation_rate:.1f}%"
    ]
    if show_failures:
        for result in corpus.results:
            for turn in result.turns:
                if turn.failures:
                    lines.append(f"  {result.conversation_id}: {turn.said!r} -> {turn.reply[:160]!r}: {'; '.join(turn.failures)}")
    return lines
