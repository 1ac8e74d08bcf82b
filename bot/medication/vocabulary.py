"""Dutch words that are never a medicine name.

The matcher never fuzzy-matches these words and never reports them as an unknown
medicine, so a typo guard and the "which medicines?" answer stay quiet on ordinary
Dutch. Lowercase, without accents (see `text.fold`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import FrozenSet

_STOPWORDS = """
aan aangezien achter af al alle allebei alleen alles als alsof altijd ander andere anders
beide ben bent bij binnen boven buiten daar daarbij daarna daarom daarnaast daarvoor dan dat
de deze die dit doch doen doet door dus echt echter een eens eigen eigenlijk elk elke en enige
enkel enkele er erg ergens even ga gaan gaat geen gehad geweest graag had hadden heb hebben
hebt heeft hem hen het hier hierbij hij hoe hoewel hoor hun iemand iets ik in is ja je jij jou
jouw jullie kan kon konden kun kunnen kunt laat later liever maar mag me mee meer meest
meestal men met mij mijn min minder misschien moet moeten mogen na naar naast nadat namelijk
nee neen net niet niets niks nog nogal nooit nu of ofwel om omdat ondanks onder ons onze ook
op over pas per precies reeds rond sinds slechts soms steeds te tegen ten ter toch toe tot
tussen u uit uw vaak van vanaf vanwege veel verder via vol voor vooral voordat vorige waar
waarom wanneer want waren was wat we weer wel welk welke wie wij wil willen wilt word worden
wordt zal ze zelf zich zij zijn zo zoals zodat zonder zou zouden zowel zeker nou oke ok okay
dank bedankt alsjeblieft hallo hoi hey goedemorgen goedemiddag goedenavond sorry
"""

_VERBS = """
gebruik gebruiken gebruikt gebruikte slik slikken slikt slikte neem nemen neemt nam namen
krijg krijgen krijgt kreeg weet weten denk denken dacht vind vinden voel voelen voelt hoort
kijk kijken zie zien zeggen zegt zei vraag vragen vroeg help helpt helpen werkt werken werk
doe ga sta staan lig liggen zit zitten loop lopen slaap slapen eet eten drink drinken begonnen
begon begin beginnen gestopt stoppen stop gestart starten voorgeschreven gekregen genomen
geslikt innemen inneemt ingenomen mocht afbouwen opbouwen verhogen verlagen heet noemt noemen
staat schreef geschreven bewaar vergeet vergeten combineren combineer samen tegelijk
samengaat samengaan gecombineerd kunnen mocht weet gaat passen past helpt hielp
"""

_HEALTH_WORDS = """
medicijn medicijnen medicatie medicament medicamenten geneesmiddel geneesmiddelen middel
middelen middeltje pil pillen pilletje pilletjes tablet tabletten tabletje tabletjes capsule
capsules druppels drank drankje siroop spray neusspray zalf zalfje creme gel pleister
pleisters injectie injecties prik spuit infuus puffer pufje inhalator recept voorschrift
dosis dosering doses milligram microgram gram mg mcg ml keer maal dag dagen daags week weken
maand maanden jaar jaren ochtend ochtends morgens morgen middag middags avond avonds nacht
nachts ontbijt lunch avondeten maaltijd nuchter bijsluiter etiket verpakking doosje potje
apotheek apotheker arts huisarts dokter specialist cardioloog neuroloog internist reumatoloog
fysiotherapeut therapeut verpleegkundige ziekenhuis praktijk
rug rugpijn pijn pijnen pijnstiller pijnstillers hoofdpijn migraine hernia spieren spier
kramp krampen hart bloeddruk cholesterol suiker diabetes suikerziekte schildklier maag
maagzuur darmen darm nieren nier lever botten bot botontkalking osteoporose astma longen
allergie hooikoorts depressie angst slaap slapeloosheid stress zenuwpijn ontsteking infectie
blaasontsteking jicht reuma artrose epilepsie hiv kanker chemo zwanger zwangerschap overgang
antibiotica antibioticum kuur bloedverdunner bloedverdunners slaappil slaappillen hartslag
koorts misselijk duizelig vermoeid hoest verkouden griep buikpijn diarree obstipatie verstopping ontlasting klachten bijwerkingen
vitamine vitamines multivitamine supplement supplementen magnesium calcium kalium ijzer zink
selenium jodium foliumzuur visolie omega kurkuma melatonine probiotica glucosamine creatine
cafeine koffie thee alcohol nicotine water elementair elementaire
pilates fitness zumba aquajoggen
"""

_COMMON_WORDS = """
naam merk soort ding dingen nodig zonodig dagelijks iedere ieder paar half halve anderhalve
twee drie vier vijf zes zeven acht negen tien elf twaalf goed slecht beter erg weinig lang
kort groot klein nieuw oud zwaar licht sterk zwak rustig moe hoog hoge laag lage extra
gewoon vraagje vraag vragen antwoord idee tijd uur uren minuut minuten sinds sindsdien
vanochtend vanavond vannacht vandaag gisteren laatst binnenkort nog steeds weer opnieuw
magnesiumsupplement magnesiumtabletten bruistablet bruistabletten kauwtablet kauwtabletten
poeder zakje zakjes sachet sachets schepje schepjes maatschepje
thank thanks you please okay bye hello
"""


@lru_cache(maxsize=1)
def common_words() -> FrozenSet[str]:
    """All words that are never a medicine name."""
    blocks = (_STOPWORDS, _VERBS, _HEALTH_WORDS, _COMMON_WORDS)
    return frozenset(word for block in blocks for word in block.split())

