"""What a person writes around safety advice: plain Python, no model.

After a red-flag reply or a clarifying question, people tell that they called ("ik heb
112 gebeld"), ask where to go in Belgium or when the GP is closed, or ask something else
entirely. These readers say which, so the turn guard can answer that instead of asking
its question again or pushing a form.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.core.yes_no import read_answer
from bot.dutch_text import normalise
from bot.forms.answer_words import is_stop, looks_like_question
from bot.forms.turns import closing, wants_other_question

MADE, PLANNED, GOING = "made", "planned", "going"
BE, NL = "BE", "NL"

# Words that place the writer in Belgium (clinical.md section 1: 1733, 1813).
_BELGIUM = re.compile(
    r"\b(belgi\w*|vlaander\w*|vlaams\w*|huisdokter\w*|wachtpost\w*|huisartsenwachtpost\w*|"
    r"dokter van wacht|huisarts van wacht|wachtdienst\w*|"
    # Flemish and Brussels cities ("ik woon in Gent"); not Limburg or Brabant, which NL has too.
    r"1733|antwerpen|gent|brugge|leuven|brussel|mechelen|hasselt|kortrijk|oostende|aalst|genk|"
    r"roeselare|turnhout|sint niklaas|ieper|knokke|lier|dendermonde|geel|herentals)\b"
)
# The GP cannot be reached now, or the person asks where to go.
_GP = r"(huisarts\w*|huisdokter\w*|dokter|praktijk)"
_CLOSED = re.compile(
    rf"\b{_GP}\b.{{0,30}}\b(dicht|gesloten|niet bereikbaar|onbereikbaar|neemt niet op|nam niet op|"
    r"met verlof|op verlof|met vakantie|op vakantie|weg|er niet)\b"
    r"|\b(het is|t is|tis|nu is het|vandaag is het) (weekend|zaterdag|zondag|feestdag|nacht|avond)\b"
    r"|\b(bij wie|naar wie|waar) (moet|moeten|kan|kunnen|ga|gaan) (ik|we|wij|hij|zij|ze)\b"
)
# Someone says they called (or are calling) for help. "bel me maar", "ik wil gebeld
# worden" ask to be called: they are not this.
_SERVICE = r"(112|113|0800\W?0113|1813|1733|huisarts\w*|huisdokter\w*|dokter|huisartsenpost|wachtpost|" \
           r"ambulance|ziekenwagen|spoed\w*|hulpdienst\w*|alarmnummer|zelfmoordlijn|ze|hem|haar)"
_MADE = re.compile(
    r"\b(heb|hebt|heeft|hebben|had|hadden|is|zijn)\b(\s+\w+){0,4}\s+gebeld\b(?!\s+worden)"
    r"|\b(ze|ambulance|ziekenwagen|hulp|dokter|huisarts)\b(\s+\w+){0,2}\s+(komen|komt) (er ?aan|eraan|zo|nu|al)\b"
    r"|\b(ambulance|ziekenwagen|hulp) is onderweg\b|\bonderweg naar (de )?(spoed|eerste hulp|ziekenhuis)"
    # "ze zijn onderweg", "mn vriend is al aan het bellen", "mijn man belt nu 112".
    r"|^(ze|zij|die) (zijn|komen) (al |nu )?(onderweg|eraan|er ?aan)\b"
    r"|\b(is|zijn) (al |nu |net )?(aan het bellen|112 aan het bellen|aan de lijn)\b"
    r"|\b(mijn|mn) (man|vrouw|partner|vriend|vriendin|zoon|dochter|moeder|vader|buurman|buurvrouw) belt (nu |al |net )?(112|113|1813|de ambulance|de huisartsenpost|de huisarts)\b"
    r"|\b(mijn|mn) (man|vrouw|partner|vriend|vriendin|zoon|dochter|moeder|vader|buurman|buurvrouw) belt (nu|al|net|meteen|direct)\b"
)
# On the way to help: "ok we rijden naar de post", "ik ga nu naar de spoed".
_GOING = re.compile(
    r"\b(we|wij|ik|ze|hij|zij) (rijden|rij|rijdt|gaan|ga|gaat|vertrekken|vertrek|zijn|ben|is) (nu |meteen |direct |al |zo |dan )*"
    r"(naar|onderweg naar) (de |het )?(post|huisartsenpost|wachtpost|spoed|spoedeisende hulp|eerste hulp|ziekenhuis|huisarts|dokter|huisdokter)\b"
    r"|\b(rijden|rij|gaan|ga|vertrekken) (we|wij|ik) (nu |meteen |direct |eerst |dan |zo |toch )*naar (de |het )?"
    r"(post|huisartsenpost|wachtpost|spoed|spoedeisende hulp|eerste hulp|ziekenhuis|huisarts|dokter|huisdokter)\b"
)
_PLANNED = re.compile(
    r"\b(ik|we|wij)\s+(bel|bellen)\b(?!\s+(niet|nooit|liever|geen))"
    rf"|\bbel (ik|we)\b(\s+\w+){{0,2}}\s+{_SERVICE}\b"
    r"|\b(ik|we|wij)\s+(ga|gaan|zal|zullen|moet|moeten)\b(\s+\w+){0,3}\s+bellen\b"
    r"|^(goed|oke|ok|okay|prima|ja|top|dan|nou),?\s+(ik|we) (bel|bellen)\b"
    # "ok misschien bel ik wel", "dan bel ik toch maar": said after the advice, it is a plan.
    r"|\b(misschien|dan|toch|straks|morgen|zo) bel (ik|we)( \w+){0,2}\s*(wel|maar|even|toch|dan)\b"
    # "en de huisarts bellen doe ik nu": the call put first.
    r"|\bbellen (doe|ga|zal) (ik|we)\b"
    # "misschien later, eerst de huisarts bellen".
    rf"|\b(eerst|nu|zo|straks|morgen|vanmiddag|vanavond|vandaag)( even| nog| maar)? (de |het |mijn |onze )?{_SERVICE} bellen\b"
    # "ze wil met mij samen 113 bellen".
    rf"|\b(wil|willen|gaat|gaan) (\w+ ){{0,4}}{_SERVICE} bellen\b"
)
# Numbers and services people call in an emergency: news of such a call is acknowledged
# also when no safety advice came before it.
EMERGENCY_CALL = re.compile(r"\b(112|113|0800\W?0113|1813|1733|ambulance|ziekenwagen|huisartsenpost|wachtpost|"
                            r"spoedeisende|spoedpost|eerste hulp|komen er ?aan|komt er ?aan|onderweg)\b")
_NOT_CALLING = re.compile(r"\b(niet|nooit|geen|durf|kan|kun|wil)\b.{0,12}\bbellen\b|\bgebeld worden\b")
# A question about the question itself is no other topic: it gets the question again.
_ABOUT_OUR_QUESTION = re.compile(
    r"\b(wat|hoe) bedoel\b|\bhoezo\b|\bwaarom vraag\b|\bwat vraag\b|\bsnap (ik )?(de|je|het) (vraag )?niet\b"
    r"|^wat\??$|^huh\b"
)
# "Is dat erg?", "moet dat echt zo dringend?", "kan het wachten tot morgen?": about the advice.
_URGENCY = re.compile(
    r"\b(is|zou) (dat|het|dit) (nou |dan |wel |echt |zo )*(erg|ernstig|gevaarlijk|serieus|nodig|dringend)\b"
    r"|\bmoet (dat|het|ik|hij|zij|ze|we) (nou |dan |wel |echt |zo )*(dringend|nu|meteen|direct|vandaag|bellen)\b"
    r"|\b(echt|zo) dringend\b|\bkan (het|dat|dit) (niet )?(tot .{1,20} )?wachten\b|\bhoe erg is (het|dat|dit)\b"
    r"|\bmoet ik me (echt )?zorgen maken\b|\bis dat (niet )?overdreven\b"
    # "is hij nu in gevaar denk je?"
    r"|\b(is|ben|zijn|ben je) (hij|zij|ze|ik|dat|het|mijn \w+)? ?(nu |dan |echt |wel |nou )*in (levens)?gevaar\b"
)
# Doubting the advice without asking ("das toch overdreven", "ik wil niet bellen", "moet dat
# echt?"): it gets the same advice again, at every level.
_DOUBT = re.compile(
    r"\bmoet (dat|da|het|dit) (nou |nu |dan |toch )?(echt|wel|per se|perse)\b"
    r"|\b(is|das|dat is|da is|t is|tis) (vast|toch|wel|gewoon|echt) (niks|niets|niet zo erg)\b"
    r"|\bmoet (ik|hij|zij|ze|we) (nou |nu |dan |toch )?(echt|wel|per se|perse) (\w+ )?bellen\b"
    r"|\b(is|das|dat is|vind ik|lijkt me|lijkt mij) (toch |wel |een beetje |nogal |wat |echt |beetje |allemaal )*overdreven\b"
    r"|\b(vind|vindt|vinden) (het|dat|dit|da) (\w+ )?overdreven\b"
    r"|\b(wil|wilt|willen|ga|gaat|gaan|durf|durft) (ik |hij |zij |ze |we )?(zelf |echt |liever |toch |eigenlijk |gewoon |dus |ook )*(niet|ni|nie|niemand|geen) (?!dat )"
    r"(.{0,25} )?(bellen|te bellen|storen|lastigvallen|naar de huisarts|naar de dokter)\b"
    r"|\b(valt|viel) (het |dat |nu |toch |wel |best |allemaal )*mee\b"
    # Not sure about calling: "'k weet nie of ik wel ga bellen", "ik twijfel of ik bel".
    r"|\b(weet|wist) (ik )?(niet|ni|nie) (zo )?(goed )?of (ik|hij|zij|ze|we) (wel |echt |dat |het )*(ga |durf |wil |zal )?(te )?(bellen|bel)\b"
    r"|\btwijfel (\w+ ){0,4}(bellen|bel)\b"
    # Waiting to see, no ambulance, "it will pass": "mn vrouw zegt eerst even afwachten",
    # "hij wil geen ambulance, hij zegt dat het wel overgaat".
    r"|\b(eerst |nog )?(even |maar )*(afwachten|aankijken|de kat uit de boom kijken)\b"
    r"|\b(wil|wilt|willen|wou) (\w+ ){0,2}(geen|niet|nie|ni) (\w+ ){0,2}(ambulance|ziekenwagen|ziekenhuis|spoed|post|huisartsenpost|112)\b"
    r"|\b(gaat|zal|gaan) (\w+ ){0,2}(wel |vanzelf |zo )+(over|weg|beter)\b"
)
# Easing after advice to see a doctor now or today: "het wordt al wat minder nu".
_EASING = re.compile(r"\b(wordt|word|gaat|is|zakt|trekt) (het |de pijn |al |nu |alweer |wel )*(wat |een beetje |iets |een stuk |veel )?(minder|beter|weg|bij)\b")
# Putting it off until tomorrow: a doubt where the advice says today or now.
_LATER_ON = re.compile(
    r"\b(wacht|wachten|wachtten) (\w+ ){0,3}(tot|af)\b|\b(morgen|overmorgen|maandag|volgende week)\b"
)
_PLAIN_ANSWER = re.compile(r"^(ja+|jawel|jazeker|jep|jup|yes|nee+|neen|nope)\b")
_CLAUSE = re.compile(r"[,.;:!?]|\s+(maar|want|en)\s+")


# A question about the crisis line itself: "wat is 113?", "kan zij zelf met 113 chatten?",
# "wat zeg ik dan tegen die mensen van 113", "wat is 1813 juist?".
_CRISIS_LINE = re.compile(r"\b(113|1813|0800 ?0113|113 ?nl|zelfmoordlijn|zelfmoordpreventie)\b")
_ASKS = re.compile(r"\?|^(wat|wie|hoe|kan|kun|mag|moet|is|zijn|spreken|kost|krijg|weet|what|who|how|can|do)\b"
                   r"|\b(wat|wie|hoe) (zeg|moet|doe|gebeurt|kost|is|zijn)\b")
# "iemand om mee te praten? niet 113 want zo erg is het niet": the line is turned down, not asked about.
_NOT_THE_LINE = re.compile(r"\b(niet|geen|nie|ni|zonder|liever niet) (de |het |met |naar )?(113|1813|zelfmoordlijn)\b")
# After the crisis lines, the line named as "daar": "kan zij daar zelf mee chatten? ze is 15".
_LINE_THERE = re.compile(r"\b(kan|kun|mag|moet) (ik|zij|hij|ze|je|jij) (daar|er|die|hen|hun) (zelf |ook |gewoon |dan |wel )*"
                         r"(mee |naartoe |naar )?(chatten|bellen|praten|mailen|terecht)\b")


def asks_about_crisis_line(text: Optional[str], after_crisis: bool = False) -> bool:
    """A question about 113 or 1813 itself, not news of a call ("ik bel 113"); `after_crisis`:
    right after the crisis lines, "kan zij daar zelf mee chatten?" asks about them too."""
    clean = normalise(text)
    if after_crisis and clean and len(clean.split()) <= 25 and _LINE_THERE.search(clean):
        return True
    return bool(clean) and len(clean.split()) <= 25 and bool(_CRISIS_LINE.search(clean)) \
        and bool(_ASKS.search(clean)) and call_news(text) is None and not _NOT_THE_LINE.search(clean)


def mentions_belgium(text: Optional[str]) -> bool:
    """Flemish words or Belgium named: huisdokter, wachtpost, België, Vlaanderen."""
    return bool(_BELGIUM.search(normalise(text)))


# "Kunt u mij helpen aan het nummer?", "wat is het nummer van de huisartsenpost?"
_NUMBER_ASKED = re.compile(r"\b(nummer|telefoonnummer|telnr|tel nr)\b")


def route_asked(text: Optional[str]) -> Optional[str]:
    """BE or NL when the message asks where to go (the GP closed, "we wonen in België") or
    for the number to call, else None. Only meaningful after safety advice was given."""
    clean = normalise(text)
    if _BELGIUM.search(clean):
        return BE
    if _CLOSED.search(clean) or (_NUMBER_ASKED.search(clean) and looks_like_question(text or "")):
        return NL
    return None


_GP_QUESTION = re.compile(rf"\b{_GP}\b")


def asks_about_gp(text: Optional[str]) -> bool:
    """A question that names the GP ("moet ik naar de huisdokter voor die pijn?")."""
    clean = normalise(text)
    return ("?" in clean or bool(re.match(r"^(moet|kan|mag|zal|zou|wanneer|waarom|hoe)\b", clean))) \
        and bool(_GP_QUESTION.search(clean))


def urgency_asked(text: Optional[str]) -> bool:
    """The message asks whether the advice is really needed now ("is dat erg?")."""
    clean = normalise(text)
    words = len(clean.split())
    return ("?" in clean or words <= 6) and words <= 25 and bool(_URGENCY.search(clean))


# "nee zo bedoel ik het niet, ik ben alleen die pijn zo zat": the words taken back, not the pain.
_TAKEN_BACK = re.compile(
    r"\b(zo|dat|da|het) (bedoel|bedoelde) ik (het |dat |da |t )?(toch )?(niet|nie|ni)\b"
    r"|\b(niet|nie|ni) (zo|letterlijk) (bedoeld|gemeend)\b|\bbij wijze van spreken\b"
    r"|\bik bedoel(de)? (alleen|gewoon|eigenlijk|maar) (dat )?(ik )?(de |die |mijn )?(pijn|het|er)\b"
    # "ik bedoel nie da ik dood wil", "ik zei toch niet dat ik dood wil", "de pijn, niet mijn leven"
    r"|\bik (bedoel|bedoelde|zeg|zei) (toch |echt |helemaal )?(niet|nie|ni) (dat|da) ik\b"
    r"|\bik heb (toch |echt )?(niet|nooit|nie) gezegd (dat|da) ik\b"
    r"|\b(de|die|mijn) pijn,? (en )?(niet|nie|ni) (mijn|m'n|mn) leven\b"
)
# What keeps a taken-back message open: "zo bedoel ik het niet, maar soms denk ik er wel aan".
_STILL = re.compile(r"\b(maar|toch wel|soms wel|wel eens|weleens|af en toe)\b")


def taken_back(text: Optional[str]) -> bool:
    """After the crisis reply, the person says they did not mean a wish to die."""
    clean = normalise(text)
    return bool(clean) and len(clean.split()) <= 30 and bool(_TAKEN_BACK.search(clean))


# After the crisis reply: "ja daar denk ik wel eens aan", "da denk ik de laatste tijd veel",
# "het komt vaak": the thoughts are confirmed, which is no answer to the offer that followed.
_THOUGHTS_CONFIRMED = re.compile(
    r"\b(daar|da|dat|er|eraan|daaraan|daar wel|er wel) (denk|dacht) ik\b"
    r"|\b(denk|dacht)( ik)? (er|daar|da|dat)( \w+){0,3} (aan|over na)\b"
    r"|\b(die |de )?gedachten? (komt|komen|is|zijn|heb ik)( \w+){0,2} (vaak|veel|soms|wel eens|weleens|elke dag|regelmatig)\b"
    r"|\bhet komt( \w+){0,2} (vaak|veel|soms|regelmatig|steeds vaker)\b"
)
_THOUGHTS_DENIED = re.compile(r"\b(denk|dacht) ik (er |daar |da |dat )?(echt |helemaal )?(niet|nie|ni|nooit)\b"
                              r"|\b(niet|nie|ni|nooit|geen) (vaak|veel|meer)\b|^(nee|neen|nope)\b")
MAX_CONFIRMATION_WORDS = 25


def thoughts_confirmed(text: Optional[str]) -> bool:
    """The message says the dark thoughts are there, in reply to the crisis lines."""
    clean = normalise(text)
    return (bool(clean) and "?" not in (text or "") and len(clean.split()) <= MAX_CONFIRMATION_WORDS
            and bool(_THOUGHTS_CONFIRMED.search(clean)) and not _THOUGHTS_DENIED.search(clean)
            and not taken_back(text))


def plainly_taken_back(text: Optional[str]) -> bool:
    """Taken back with nothing after it that keeps the thought open: believed even when
    the detector, hearing "dood wil" in the retraction itself, is unsure."""
    if not taken_back(text):
        return False
    clean = normalise(text)
    match = _TAKEN_BACK.search(clean)
    return match is not None and not _STILL.search(clean[match.end():])


def advice_doubted(text: Optional[str], level: Optional[str]) -> bool:
    """The message doubts the advice just given ("das toch overdreven", "ze wil zelf ni
    bellen", "hij wil tot morgen wachten"). Waiting until tomorrow is a doubt only where the
    advice says today or now, also when asked ("wat kan ik tot morgen zelf doen?")."""
    clean = normalise(text)
    if not level or not clean or len(clean.split()) > 30:
        return False
    if _DOUBT.search(clean):
        return True
    if level in ("emergency", "urgent") and _EASING.search(clean) and not _MADE.search(clean):
        # "het wordt al wat minder nu": easing does not undo a sign that needs a doctor now.
        return True
    return level in ("emergency", "urgent", "crisis") and bool(_LATER_ON.search(clean))


# A risk that makes what was just told weigh more (clinical.md section 1: a fall with
# osteoporosis or long-term corticosteroids, a history of cancer): the advice again.
_RISK_ADDED = re.compile(
    r"\b(osteoporose|botontkalking|botontkalkt|broze botten|prednison\w*|prednisolon|corticosteroid\w*|"
    r"cortison\w*|medrol|kanker|tumor|uitzaaiing\w*|chemo\w*|bestraling)\b"
)


def risk_added(text: Optional[str], level: Optional[str]) -> bool:
    """After advice, a short message that adds a risk ("ze heeft ook botontkalking") and asks
    nothing: the same advice, said again."""
    clean = normalise(text)
    return bool(level) and "?" not in clean and len(clean.split()) <= 20 and bool(_RISK_ADDED.search(clean))


def call_news(text: Optional[str]) -> Optional[str]:
    """MADE ("ik heb 112 gebeld, ze komen eraan"), GOING ("we rijden naar de post"), PLANNED
    ("goed, ik bel", "misschien bel ik 113 wel") or None. A question about calling ("moet ik
    112 bellen?") is neither."""
    clean = normalise(text)
    if not clean or re.match(r"^(moet|kan|mag|zal|zou|wie|wat|waar|hoe|wanneer)\b", clean):
        return None
    if _MADE.search(clean):
        return MADE
    if _GOING.search(clean):
        return GOING
    if _NOT_CALLING.search(clean) or re.search(r"\b(moet|kan|mag|zal) (ik|we) .{0,20}bellen\s*\?", clean):
        return None
    if _PLANNED.search(clean):
        return PLANNED
    return None


def leading_answer(text: Optional[str], statements: bool = True) -> Optional[str]:
    """The yes, no or unsure the reply opens with, even when more follows ("ja, maar wat
    moet ik nu doen?"): to a safety question, a yes is a yes whatever comes after it.
    `statements`: as for `read_answer` (False for the crisis question)."""
    answer = read_answer(text, statements=statements)
    if answer is not None:
        return answer
    first = _CLAUSE.split(normalise(text), maxsplit=1)[0].strip()
    # Only a plain ja or nee opens an answer: "toch wel, mijn nummer is ..." answers
    # something else the assistant asked before.
    return read_answer(first, statements=statements) if _PLAIN_ANSWER.match(first) else None


def is_other_topic(text: Optional[str]) -> bool:
    """The reply is clearly about something else: a question on another topic, a goodbye
    or thanks, "stop", or "ik wil iets anders vragen". Not a question about our own question."""
    clean = normalise(text)
    if not clean or _ABOUT_OUR_QUESTION.search(clean):
        return False
    return bool(closing(clean) or is_stop(clean) or wants_other_question(clean) or looks_like_question(clean)
                or "?" in clean)
