"""Taking back a request for a therapist ("wacht, doe toch maar niet, ik bel zelf wel").

Plain Python: the reader of the message, and what happens to the open request. A request
made after a red flag stays with the therapists whatever the person says now: someone who
was told to call 112 or 113 may still need them to look.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

from bot.dutch_text import normalise
from bot.handoff.status import HandoffStatus

_WITHDRAW = re.compile(
    r"\b(doe|laat) (het |dat )?(toch |dan |nu )?(maar )?(niet|nie|ni|zitten)\b"
    r"|\bhoeft (toch |al |dan )?(niet|nie|ni)( meer)?\b"
    r"|\bhoeven (ze |jullie |die )?(me |mij )?(toch |dan )?(niet|nie|ni) (te |meer te )?(bellen|mailen|contacteren|reageren)\b"
    r"|\bniet meer nodig\b|\b(intrekken|annuleren|annuleer|cancel|trek (het|dat|mijn \w+) in)\b"
    r"|\btoch (maar )?geen (contact|therapeut|telefoontje)\b"
)

# "ik bel zelf wel": calling the practice oneself, unless the GP or an emergency line is meant.
_SELF_CALL = re.compile(
    r"\b(ik )?(bel|mail|contacteer) (ze |jullie |de praktijk )?(morgen |zelf |later )*(zelf|wel)\b"
    r"|\bbel ik (morgen |later )?(zelf|wel)\b"
)
_OTHER_HELP = re.compile(r"\b(huisarts\w*|huisdokter|dokter|112|113|1813|1733|huisartsenpost|wachtpost|ambulance)\b")

CLOSED, KEPT, CLAIMED = "closed", "kept", "claimed"
# Requests made after one of these levels stay, even when taken back.
SAFETY_LEVELS = ("emergency", "crisis", "urgent")

MESSAGES = {
    CLOSED: ("Oké, ik heb je vraag ingetrokken. Een therapeut neemt geen contact met je op.\n"
             "Wil je later toch iemand spreken? Typ dan: praat met een therapeut."),
    KEPT: ("Oké. Omdat je eerder iets schreef waar we zorgen over hebben, laat ik je gesprek toch bij de "
           "therapeut staan. Je hoeft niets te doen.\n"
           "Het advies van daarnet blijft staan: volg het zo snel als je kunt. Bij een noodgeval bel je 112."),
    CLAIMED: ("Een therapeut heeft je gesprek al geopend. Zeg het gerust hier in de chat, dan leest die het "
              "meteen."),
}


def asks_to_withdraw(text: Optional[str]) -> bool:
    """Whether a message takes back the request for contact."""
    clean = normalise(text or "")
    return bool(_WITHDRAW.search(clean)) or (bool(_SELF_CALL.search(clean)) and not _OTHER_HELP.search(clean))


def withdrawal(status: Optional[str], level: Optional[str]) -> Tuple[str, bool]:
    """(outcome, close it) for a request in `status`, made in a conversation at `level`."""
    if status == HandoffStatus.CLAIMED.value:
        return CLAIMED, False
    if level in SAFETY_LEVELS:
        return KEPT, False
    return CLOSED, True
