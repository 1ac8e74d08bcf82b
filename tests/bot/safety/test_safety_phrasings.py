"""Body signals found however they are phrased, and their look-alikes left alone.

Sentences written for these tests, not taken from any data set: each generalising rule
(order-free concepts, someone else's present signal, numbers read as numbers) is checked on
a wording that should flag and on one that should not.
"""
import pytest

from bot.safety.matcher import detect_red_flags, detect_with_rules


@pytest.mark.parametrize("text, code", [
    # fever: an inflamed wound, chills told as cold and hot, English words
    ("de wond van mijn rugoperatie is rood en dik en er komt vocht uit", "fever"),
    ("ik heb het afwisselend ijskoud en dan weer gloei ik, en mijn rug doet zeer", "fever"),
    ("hij kan maar niet warm worden en trilt onder twee dekens, zijn rug doet zeer", "fever"),
    ("shivering and my lower back hurts", "fever"),
    # leg_weakness: told by what no longer works
    ("mijn linkerbeen wil gewoon niet luisteren als ik de trap op ga", "leg_weakness"),
    ("mijn rechterbeen draagt me niet meer goed", "leg_weakness"),
    ("sinds een week kan ik niet meer op mijn tenen staan met links", "leg_weakness"),
    # bladder_bowel: lost without noticing, in any word order
    ("gisteren heb ik zonder het te merken wat ontlasting verloren", "bladder_bowel"),
    ("mijn blaas liep vanmiddag gewoon leeg zonder dat ik iets voelde", "bladder_bowel"),
    ("ik houd mijn plas niet meer op", "bladder_bowel"),
    ("of mijn blaas vol is, daar heb ik geen gevoel meer bij", "bladder_bowel"),
    # saddle_numbness: the saddle area told in other words
    ("het warme water tussen mijn dijen voel ik haast niet", "saddle_numbness"),
    ("op het fietszadel voel ik eigenlijk niks meer", "saddle_numbness"),
    ("als ik me afveegde merkte ik bijna niets", "saddle_numbness"),
    # both legs stop working: emergency
    ("sinds vanmiddag willen mijn benen niet meer mee", "sudden_paralysis"),
    ("opeens zakten mijn knieen allebei tegelijk door", "sudden_paralysis"),
    # one leg weaker
    ("in mijn linkerbeen zit geen power meer", "leg_weakness"),
    ("de dokter had het over een flapvoet", "leg_weakness"),
    ("mijn rechterknie knikt steeds door op de trap", "leg_weakness"),
    # trauma
    ("ik ben bijna drie meter naar beneden gevallen van een stelling", "major_trauma"),
    ("met de brommer geslipt en op mijn rug terechtgekomen", "major_trauma"),
    ("ik gebruik al tien jaar prednisolon en ben gestruikeld over de mat", "minor_trauma"),
    ("ik ben 77 en vanmorgen in de badkamer uitgegleden", "minor_trauma"),
    # pain
    ("geen enkele pil doet nog iets, de naproxen ook niet", "severe_pain"),
    ("de rugpijn neemt ondanks de medicijnen alleen maar toe", "severe_pain"),
    ("die pijn is gewoon niet meer te verdragen", "severe_pain"),
    ("de pijn is zo erg dat ik ervan moet overgeven", "severe_pain"),
    ("nachtpijn heb ik elke nacht", "night_pain"),
    ("'s nachts is de pijn zo dat ik moet rondlopen door het huis", "night_pain"),
    # soon
    ("mijn tenen kriebelen en voelen als karton", "numbness_tingling"),
    ("ben al 7 kg lichter en weet niet waarom", "weight_loss"),
    ("zichtbaar vermagerd ben ik, zonder enige reden", "weight_loss"),
    ("ik ben 64 en heb opeens rugpijn, dat kende ik niet", "onset_age"),
    ("na zes weken fysio en oefenen is het nog steeds niet beter", "no_improvement"),
    ("ik moest heel dringend maar er kwam geen druppel", "bladder_bowel"),
    ("mijn linkervoet krijg ik moeilijk omhoog bij het lopen", "leg_weakness"),
    ("mijn tandvlees is ontstoken en sinds gisteren heb ik ook rugpijn", "fever"),
    ("ik lig onder drie dekens te klappertanden", "fever"),
    ("dit is de heftigste pijn van mijn hele leven", "severe_pain"),
    ("we zijn met de auto over de kop geslagen en mijn rug doet vreselijk pijn", "major_trauma"),
    ("vanochtend van de trampoline gekieperd op de stenen, rug is kapot", "major_trauma"),
    ("ik ben met mijn rug keihard op de stoeptegels geland", "major_trauma"),
    ("mijn vader heeft een verwijde buikslagader en nu ineens hevige rugpijn", "aortic_or_chest"),
    ("ze had ineens hevige rugpijn en is net flauwgevallen, ze ziet grauw", "aortic_or_chest"),
    ("ik krijg mijn voeten niet meer van de vloer, allebei niet", "sudden_paralysis"),
    ("ik kan mijn benen amper nog verroeren", "sudden_paralysis"),
    ("mn knieen knikken allebei weg zodra ik sta, sinds vanavond, ervoor was er niks aan de hand", "sudden_paralysis"),
    ("Mijn man lag op de bank en kan sinds een uur niet meer opstaan, zijn beide benen zijn slap.", "sudden_paralysis"),
    ("ik ben genezen van prostaatkanker, maar nu struikel ik steeds over mijn rechtervoet", "leg_weakness"),
    ("ik heb sinds vannacht niet meer kunnen plassen", "bladder_bowel"),
    ("ik merkte pas na het opstaan dat mijn broek nat was, ik heb niks gevoeld", "bladder_bowel"),
    ("ik kan mijn ontlasting niet meer tegenhouden sinds gisteren, dat heb ik nog nooit gehad", "bladder_bowel"),
    ("mn man moest vannacht heel hoognodig maar het ging ni", "bladder_bowel"),
    ("van mijn stuit tot vooraan is alles verdoofd", "saddle_numbness"),
    ("tijdens het vrijen voelde ik bijna niks meer", "saddle_numbness"),
    ("mijn billen voelen als van iemand anders", "saddle_numbness"),
    ("mijn vrouw schreeuwt het uit als ze zich beweegt, pijnstillers helpen totaal niet meer", "severe_pain"),
    ("de huisarts gaf me diclofenac maar ik merk er helemaal niks van", "severe_pain"),
    ("mn pijnscore ging van 5 naar 9 in 3 dagen, ondanks alle pillen", "severe_pain"),
    ("het begon als de bekende rugpijn, maar het neemt elk uur toe", "severe_pain"),
    ("ik kan niet meer van de pijn", "severe_pain"),
    ("ik loop steeds moeilijker, mijn rechterbeen wil niet goed mee", "leg_weakness"),
    ("ik kan niet meer op mijn linkerhiel staan", "leg_weakness"),
    ("al 3 weken oefeningen maar nul verschil", "no_improvement"),
    ("al twee maanden braaf alles gedaan wat de fysio zei en de pijn is precies hetzelfde", "no_improvement"),
    ("als ik plat lig wordt het erger", "night_pain"),
    ("in bed doet mijn rug pijn, op mijn zij of op mijn buik, het maakt niet uit", "night_pain"),
    ("ook in rust doet het pijn", "night_pain"),
    ("mijn zoon van 14 heeft pijn in zijn rug na voetbal", "onset_age"),
    ("ik neem afweeronderdrukkers, nu heb ik rugpijn die ik niet ken", "fever"),
    ("ik heb koorts, heb ik echt niet verwacht", "fever"),
])
def test_a_body_signal_in_other_words_flags(text, code):
    assert code in detect_red_flags(text).codes


@pytest.mark.parametrize("text", [
    "ik verlies wat urine als ik hard moet niezen",
    "plassen gaat zonder pijn en zonder branden",
    "mijn benen zijn moe, ik kan niet meer zo lang staan",
    "de paracetamol helpt wel goed, ik neem geen andere pillen",
    "ik neem geen pijnstillers meer, het gaat goed",
    "'s nachts slaap ik prima, liggen gaat goed",
    "ik ben 6 kilo afgevallen omdat ik bewust minder snoep",
    "ik wil 5 kilo kwijt, kan dat zonder mijn rug te belasten?",
    "ik ben 58 en heb al jaren rugklachten, niks nieuws",
    "na drie weken oefenen veel minder pijn, echt beter",
    "het gaat na vier weken veel beter met mijn rug",
    "de plek waar de kruik lag is rood en warm",
    "afwisselend warm en koud douchen helpt mij",
    "mijn telefoon viel op de grond, ik ben 60",
    "ik ben 7 kilo aangekomen sinds ik minder beweeg",
    "het kwartje is gevallen: ik zit veel te lang",
    "mijn gsm is gevallen, daarom gisteren geen score",
    "mijn lippen tintelen van de pepermuntthee",
    "mijn voet slaapt als ik op de grond zit, maar het gaat weg zodra ik opsta",
    "mijn been sliep even in de auto, na het uitstappen was alles weer oké",
    "de pijn was vorige week ondraaglijk, nu gaat het stukken beter",
    "ik kocht drie potten magnesium in de aanbieding",
    "ik grijp te snel naar een pijnstiller",
    "ik collecteer voor het kankerfonds en loop de hele dag",
    "zelfmoordgedachten? nee echt niet",
    "gevoelloos tussen de benen? nee, zeker niet",
    "mijn hele leven is over de kop gegaan sinds de rugpijn",
    "mijn benen kan ik amper verroeren van de spierpijn na de training",
    "ik struikel soms over de drempel",
    "ik moest nodig maar het lukte niet om op te staan",
    "mijn bed was nat van het zweet, ik had het niet door",
    "de kraan lekt en ik merkte het niet",
    "ik heb een doffe pijn in mijn bil",
    "koorts heb ik nog nooit gehad",
    "de pijn wordt steeds minder erg",
    "ondanks de pijnstillers kan ik gewoon werken",
    "ik merk niks van bijwerkingen van de pillen",
    "ik heb de pillen genomen en de pijn is weg",
    "De eerste weken merkte ik niks, maar nu gaat het met sprongen vooruit.",
    "Pijn 's nachts? Nee, liggen is juist het enige wat helpt.",
    "Ik ben 16 en heb geen rugpijn hoor, ik doe een werkstuk over rugklachten.",
    "mijn man zit tien uur per dag achter de laptop en klaagt over zijn rug",
    "welke houding is het beste om te slapen?",
    "koorts? heb ik gelukkig niet",
    "mijn man zegt dat ik gister krom liep van de pijn, vandaag sta ik weer rechtop",
    "Mijn oom sleept met zijn been sinds zijn beroerte van jaren terug. Ik vraag het voor mezelf: ik heb een zeurende onderrug.",
    "mijne vent heeft kanker gehad aan de darm, 't is nu genezen. ik zelf heb alleen pijn in mijn rug",
])
def test_a_look_alike_gives_no_flag(text):
    assert detect_red_flags(text).flags == ()


@pytest.mark.parametrize("text, code", [
    ("ik ben gevallen met mijn telefoon in mijn hand", "minor_trauma"),
    ("de tintelingen in mijn voet gaan niet meer weg", "numbness_tingling"),
    ("mijn been tintelt en het gaat niet over", "numbness_tingling"),
    ("ik ben 7 kilo afgevallen en ik weet niet waarom", "weight_loss"),
    ("mijn voet is doof, niet van de tandarts hoor", "numbness_tingling"),
    ("ik ben aangereden door een auto", "major_trauma"),
    ("ik heb de griep en mijn rug doet zeer", "fever"),
    ("ik wil dood, nee echt", "suicidal"),
    ("zelfmoordgedachten? ja, niet elke dag maar wel vaak", "suicidal"),
    ("ik ben genezen van prostaatkanker, maar nu heb ik nieuwe rugpijn", "cancer_history"),
])
def test_the_signal_next_to_those_look_alikes_still_flags(text, code):
    assert code in detect_red_flags(text).codes


@pytest.mark.parametrize("text, level", [
    # long-term corticosteroids with new severe pain: urgent, not soon
    ("ik neem al jaren medrol en heb nu opeens een vreselijke pijn in mijn rug", "urgent"),
    # past cancer, then 'nu' starts the present: the weak leg counts, and makes it an emergency
    ("vijf jaar geleden had ik darmkanker en nu wordt mijn linkerbeen steeds zwakker", "emergency"),
])
def test_a_combination_gets_the_level_clinical_md_gives_it(text, level):
    assert detect_red_flags(text).level == level


@pytest.mark.parametrize("text", [
    "ik gebruik prednison maar de pijn is niet erg",
    "ik heb een peesontsteking in mijn schouder en wat rugpijn",
    "ik heb een koortslip",
    "jaren geleden werd mijn been zwakker, dat is helemaal hersteld",
])
def test_the_look_alikes_of_those_combinations_stay_low(text):
    assert detect_red_flags(text).level in (None, "soon")


# ---------------------------------------------------------------- someone else, now

@pytest.mark.parametrize("text, code", [
    ("mijn vrouw heeft al een week rugpijn en nu kan ze haar plas niet ophouden", "bladder_bowel"),
    ("mijn vader heeft een hernia en zijn linkerbeen wordt steeds slapper", "leg_weakness"),
    ("mijn zoon van 15 heeft voor het eerst rugpijn, dat had hij nooit", "onset_age"),
])
def test_someone_elses_present_signal_about_their_back_flags(text, code):
    assert code in detect_red_flags(text).codes


@pytest.mark.parametrize("text", [
    "mijn schoonmoeder had borstkanker, ik wil weten of magnesium mag",  # family history
    "mijn oom had vroeger koorts en rugpijn, nu gaat het goed",           # told in the past
    "mijn dochter heeft griep",                                            # not about a back
    "de kat is van de kast gevallen. ikzelf heb gewoon last van mijn rug",  # the back is the writer's
])
def test_someone_elses_history_or_unrelated_signal_gives_no_flag(text):
    assert detect_red_flags(text).flags == ()


# ---------------------------------------------------------------- numbers read as numbers

def test_a_temperature_later_in_a_sentence_with_days_is_still_a_temperature():
    assert "fever" in detect_red_flags("ik heb nu al drie dagen 38,6 en mijn rug doet zeer").codes


@pytest.mark.parametrize("text", ["ik ben 39 jaar", "ik weeg 41 kilo", "het duurde 40 minuten"])
def test_a_number_with_its_own_unit_is_not_a_temperature(text):
    assert "fever" not in detect_red_flags(text).codes


@pytest.mark.parametrize("text", ["het is alsof ik op een dik kussen zit", "ik zit op de wc en er komt niks"])
def test_an_image_or_an_empty_toilet_visit_gets_the_one_question(text):
    detection = detect_with_rules(text)
    assert detection.flags == () and detection.question in ("saddle_numbness", "bladder_bowel")


def test_tingling_with_a_leg_that_feels_powerless_is_urgent():
    detection = detect_red_flags("mijn been tintelt en voelt krachteloos")
    assert detection.level == "urgent"


@pytest.mark.parametrize("text", [
    "ik wil alles beëindigen, ook mezelf",
    "ik zit op de rand van de brug",
    "de dood lijkt me rustig",
])
def test_indirect_crisis_language_gets_the_113_reply(text):
    assert "suicidal" in detect_with_rules(text).codes


@pytest.mark.parametrize("text", [
    "als ik er niet meer ben heeft niemand meer last van mijn rug",
    "ik ben zo moe van het leven",
    "ik heb gegoogeld hoe je pijnloos kunt sterven",
    "waarom leef ik nog",
])
def test_passive_or_ambiguous_crisis_language_gets_the_crisis_question(text):
    detection = detect_with_rules(text)
    assert detection.question == "crisis" or "suicidal" in detection.codes


@pytest.mark.parametrize("text", [
    "het was beter, nu weer slechter, moet ik stoppen met alles",
    "ik stop met alles wat zwaar is voor mijn rug, zoals tillen",
    "ik heb mijn testament laten opstellen toen we het huis kochten",
])
def test_everyday_stopping_or_paperwork_is_not_asked_about(text):
    detection = detect_with_rules(text)
    assert detection.question is None and detection.flags == ()


@pytest.mark.parametrize("text", [
    "Sinds vanochtend krijgt hij geen urine meer kwijt, terwijl hij wel het gevoel heeft dat hij moet.",
    "ik raak mijn plas niet kwijt sinds gisteren",
])
def test_retention_told_as_not_getting_rid_of_urine_is_an_emergency(text):
    assert detect_with_rules(text).level == "emergency"


@pytest.mark.parametrize("text", [
    "ik ben niet veel kwijt geraakt, plassen gaat gewoon",
    "ik ben mijn sleutels kwijt, plassen gaat prima",
])
def test_kwijt_without_the_bladder_is_no_retention(text):
    assert "bladder_bowel" not in detect_with_rules(text).codes


@pytest.mark.parametrize("text", [
    "plassen lukt ook ni goed. mn baas is niet zo begripvol",
    "sinds gisteravond voel ik niks tussen mijn benen. het weer is niet zo mooi vandaag",
])
def test_a_later_sentence_with_niet_zo_is_no_denial_of_the_signal(text):
    assert detect_red_flags(text).level == "emergency"


def test_dat_is_niet_zo_still_denies():
    assert detect_red_flags("Koorts? Dat is niet zo.").flags == ()


@pytest.mark.parametrize("text", [
    "ik zou zeggen een zeven, gisteren was het nog erger",
    "Alles in een keer is voor mij het makkelijkst.",
])
def test_without_a_word_of_the_crisis_topic_the_classifier_does_not_give_the_113_reply(text):
    assert "suicidal" not in detect_red_flags(text).codes


@pytest.mark.parametrize("text, level", [
    # The negation is what fails, not a denial (red_flags.yml `negation_is_symptom`).
    ("sinds gisteren ni meer kunnen poepen en ni meer plassen, rug doet zeer", "emergency"),
    ("ik lag op de bank te huilen, niks helpt meer, de oxycodon ook ni", "urgent"),
    ("van de pijn kan ik niet meer zitten, niet liggen en niet staan", "urgent"),
    ("op mijn hakken lopen gaat links echt niet meer", "urgent"),
    ("al 8 weken elke dag die oefeningen en het is nog steeds niet beter", "soon"),
    # "zonder ... te merken" tells how, not that it did not happen.
    ("vannacht in bed geplast zonder dat ik wakker werd, is me nog nooit gebeurd", "emergency"),
])
def test_a_negation_that_is_the_complaint_does_not_silence_it(text, level):
    assert detect_red_flags(text).level == level


@pytest.mark.parametrize("text", [
    "plassen gaat gewoon goed, geen koorts",
    "mijn benen zijn moe, ik kan niet meer zo lang staan",
    "tintelingen heb ik niet en kracht in mijn benen is goed",
])
def test_a_plain_denial_still_denies(text):
    assert detect_red_flags(text).level is None


def test_cured_cancer_long_ago_is_still_the_history_that_counts():
    text = "Ik heb 10 jaar geleden darmkanker gehad, helemaal genezen. Nu heb ik sinds een maand rugpijn."
    assert "cancer_history" in detect_red_flags(text).codes


def test_a_long_course_of_prednisone_that_ended_long_ago_does_not_count():
    text = "In 2012 heb ik een half jaar prednison gehad, daarna nooit meer. Is magnesium goed voor mij?"
    assert "steroid_use" not in detect_red_flags(text).codes


@pytest.mark.parametrize("text", [
    "Ik ben 61 en heb nooit iets aan mijn rug gehad, maar sinds 3 weken wel",
    "ik ben 17 en heb nu 2 maanden rugpijn, nooit gehad hiervoor",
])
def test_a_first_back_pain_at_that_age_with_a_duration_beside_it_flags(text):
    assert "onset_age" in detect_red_flags(text).codes


def test_a_soft_told_fall_of_an_old_person_is_urgent():
    text = "mijn vader (84) is vanochtend in de badkamer op de grond gezakt en heeft nu veel last van zijn rug"
    assert detect_red_flags(text).level == "urgent"


def test_leaking_told_by_its_effect_is_an_emergency():
    assert detect_red_flags("sinds het tillen druppelt er af en toe wat uit, mijn onderbroek is dan nat").level == "emergency"


@pytest.mark.parametrize("text", [
    "Vorig jaar kreeg ik één keer 7 dagen prednison voor mijn longen. Moet ik dat melden?",
    "Ik smeer soms een hydrocortison zalfje op mijn arm, kan magnesium daarbij?",
    "Uitval heb ik niet, tintelingen evenmin. Alleen stijf 's ochtends.",
    "Wat moet je eigenlijk doen bij tintelingen in je been? Vraag ik voor de zekerheid.",
    "De fysio zei dat ik moest opletten of mijn voet ging slepen, maar ik loop prima.",
    "Koorts had ik vorige maand, nu niet. Mijn rug is gewoon stijf.",
])
def test_short_courses_denials_and_general_questions_stay_unflagged(text):
    assert detect_red_flags(text).level is None


def test_long_term_prednisone_still_flags():
    assert "steroid_use" in detect_red_flags("Ik slik al 3 jaar elke dag prednison voor mijn reuma").codes


@pytest.mark.parametrize("text", [
    "twee jaar terug heb ik een poging gedaan en sinds de pijn erger is denk ik er weer aan",
    "sinds mijn man weg is zie ik het nut van verder leven niet meer",
])
def test_an_earlier_attempt_with_the_thoughts_back_or_no_point_in_going_on_gets_113(text):
    assert detect_red_flags(text).level == "crisis"


def test_no_point_in_going_on_with_the_exercises_gets_no_113():
    assert "suicidal" not in detect_red_flags("ik zie het nut van doorgaan met de oefeningen niet meer").codes
