"""Ordinary Dutch must never look like a medicine: the matcher runs on every message."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.medication.catalogue import KIND_BRAND, KIND_GENERIC
from bot.medication.matcher import find_medications, fuzzy_term
from bot.medication.vocabulary import common_words
from bot.settings import PROJECT_ROOT

# Every distinct word of three letters or more in the seed blog, sorted alphabetically
# (a word list, not the blog's sentences).
BLOG_WORDS = """
    aan aanbevolen aandoening aangeraden aanhoudende aanhoudt aanpak aanspannen aanvullen
    aanvulling achter actiestand adem ademen ademhaling ademhalingsoefening advies afgevoerd
    afvalstoffen afwijkingen afwisseling alarmknop alarmstand alarmsysteem algemene alleen alles
    als alsof altijd amandelen andere anders angst antibiotica apotheker artikel arts
    avondmaaltijd avondroutine balans bank basis bed beetje begeleiding begin behoefte
    beinvloeden belang belangrijk belangrijke belangrijker belasting belemmert ben benen
    benieuwd bepaalde bepaalt beschermen bespreek beste beter betere bevat beweegwekker bewegen
    beweging bewijzen bij bijvoorbeeld binnenkrijgen bladgroenten blijft blijven blog boerenkool
    boodschappen bord botmedicatie botontkalking bouw bouwstof bouwstoffen bouwt boven brein
    breng buik buikademhaling bureau cacao calcium cashewnoten celniveau chronische cirkel
    collega combinatie combineert complex consistenter constante contact creeer cyclus daar
    daardoor daarnaast dag dagelijks dagelijkse daginname dan darmen darmklachten dat denk deze
    dezelfde diarree die diep dingen dit doe doelen doen door doorbloed doorbloeding doorbreekt
    doorbreken doorkomen douche drie drink drinken druk drukke drukte duidelijk duidelijke dus
    echt een eenvoudige eenzijdig eerder eerst eet effect eigen eiwitten elementair elk elkaar
    elke energie enkele erbij erger ertussen ervaart eten europa even eventueel extra factor fel
    fietsen fijn forceer foto fundament fysiotherapeut gaan gaat geactiveerd geadviseerd gebaat
    gebruik gebruiken gebruikt gedachte gedachten geef geeft geen gelukkig geneest genoeg
    geschikt geschoolde gespannen gevaar gevarieerd gevarieerde gevoel gevoelige gevoeliger
    gewichtsverlies gewoon gezondheid glas goed goede granen groene grofweg grond groot grootst
    grote groter haalbaar haalbare haalt half hand handen handig handje hangt hartklachten
    hartslag heb hebben hebt heeft helpen helpt hem herhaalt hernia herstel herstellen herstelt
    het heupen hevige hier hoe hoeft hoeveel hoeveelheid honderden hoofd hoort hou houden
    houding houdt huisarts hulp hydratatie iedereen iets inademen informatie ingang inname
    inspanning inzet jezelf jou juist juiste kalme kalmeert kalmer kan kans kant keer kennis
    kies kijken kikkererwten klein kleine kleur klopt komen koorts kort korte kracht
    krachtsverlies kramp krampen krijgen krijgt kunnen kunt kwestie laag lage lager lagere lang
    lange langer langzaam last laten later leefstijl lees leg leren let leven lichaam licht
    lichte ligt lijf lijken linzen loop los loslaten luister lunch maag maak maakt maaltijd
    maanden maar mag magnesium magnesiumbisglycinaat magnesiumcitraat magnesiumoxide
    magnesiumrijke magnesiumsuppletie maken makkelijker medicatie medicijnen mee meekijken meer
    meerdere meestal mensen mentale merk merken met micro middelen mijn mild milde minder
    mineraal minuten mobiliserende moet momenten naar nacht nederland nee neem neemt neer nieren
    nierproblemen niet niets nodig nog noten oefeningen omhoog onbewust ondanks ondersteun
    ondersteunen ondersteunt ongeluk ongeveer onrustige ontdek ontlasting ontspannen ontspanning
    ontspanningsmuziek ontspanningstechnieken ontstaat onverklaard ooghoogte ook oorzaak
    opgenomen opname opstaan orthomoleculair orthomoleculaire over overleg paar parkeer partner
    passend past pauze pauzes per periodes persoon peulvruchten piekergedachten pijlers pijn
    pijnbeleving pijndrempel pijneducatie pijnprikkels pijnsignalen plan plassen plat
    pompoenpitten positieve praat praktisch praktische prikkelbaarheid prikkelen prikkels prima
    privacy probeer probleem problemen processen producten psycholoog pure raakt reageert
    realistische recente reeel regelmatig regelmatige rek rijk ritme rol rond rug rugpijn
    rugspieren rust rusteloze rustig rustige rustiger ruststand samen samengevat samenspel
    schakelaar scherm schermen scherp schildkliermedicatie schouders schrijf sesam signalen
    simpel simpele slaap slapen slapengaan sleutel slijtage slimme slot snack snelle sneller
    sommige soms spannen spanning speelt spelen spiegel spier spiercel spieren spierfunctie
    spierontspanning spierspanning spinazie sport sporten sta staan staat stapje stappen start
    starten stel sterker stijf stijfheid stijve stijver stoel stoelgang strak stress
    stressmanagement stressniveau stressreductie successen supplement supplementen systeem taal
    tegelijk tekort telefoon tellen telt termijn terug terugval therapeut therapie tijd
    tijdelijk tintelingen tips toch toe toenemende toepassingen toepast toilet tools tot
    trillende truc tussen twee twijfel uit uitademen uiten uitval uitweg uren uur vaak vaker val
    valt van vandaag vast vaste vastloopt vastpakken vastzit veel veelgebruikte veelgestelde
    veilig veiligheid verbeteren verbeteringen verbetert verdragen vergeet verhoogde verklaren
    vermijd vermijden vermindert vermoeid verschil verschillende verschilt verspreid verstandig
    versterken verstoord vertrouwen vervanging verwacht verwachtingen verwerkt vezels via
    vicieuze vier vindt vitamine voeding voedingsbronnen voedingsstoffen voedingstoffen voeg
    voegen voel voelt voeten voldoende volhoudbare volhouden volkoren volwassenen voor vooral
    voorkeur voorkomen voorzien vorm vormen vraag vraagt vragen vreemd vriendelijke waarom
    wandelen wandeling wanneer want warm warme wat water weefsel weefsels weer weg weinig weken
    wel welke werk werking werkplek werkt wilt winter wissel wonder worden wordt zacht zachte
    zaden zeg zeker zelf zelfs zenuwen zenuwstelsel zet zetten zich zichzelf zie zijn zinvol zit
    zitten zoals zoek zoeken zonder zorg zorgen zorgt
""".split()

BLOG_CANDIDATES = (
    Path("/work/shared/seed/blog-rugpijn-magnesium-stress.txt"),
    PROJECT_ROOT.parent / "shared" / "seed" / "blog-rugpijn-magnesium-stress.txt",
)


def test_the_word_list_is_a_few_hundred_words():
    assert len(BLOG_WORDS) > 500


@pytest.mark.parametrize("word", BLOG_WORDS + sorted(common_words()))
def test_an_ordinary_word_is_no_typo_of_a_medicine(word):
    assert fuzzy_term(word) is None


def test_blog_words_name_no_medicine_in_any_mode():
    for word in BLOG_WORDS:
        findings = find_medications(word)
        named = [m for m in findings.mentions if m.kind in (KIND_GENERIC, KIND_BRAND)]
        assert not named and not findings.no_interaction and not findings.unknown, word


def test_blog_words_as_one_message_name_no_medicine():
    findings = find_medications(" ".join(BLOG_WORDS))
    assert findings.medications == ()
    assert findings.unknown == ()


def test_the_seed_blog_itself_names_no_medicine():
    blog = next((path for path in BLOG_CANDIDATES if path.is_file()), None)
    if blog is None:
        pytest.skip("seed blog not available on this machine")
    for line in blog.read_text(encoding="utf-8").splitlines():
        findings = find_medications(line)
        assert findings.medications == () and findings.unknown == (), line
        assert findings.no_interaction == (), line
