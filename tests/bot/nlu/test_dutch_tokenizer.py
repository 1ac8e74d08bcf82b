from bot.nlu.dutch_tokenizer import normalise_text, normalise_word


def test_chat_spellings_and_contractions_are_written_out():
    assert normalise_text("kheb pijn in m'n rug") == ("ik", "heb", "pijn", "in", "mijn", "rug")
    assert normalise_word("ff") == ["even"]


def test_flemish_words_map_to_their_dutch_form():
    assert normalise_text("moet ge naar de huisdokter") == ("moet", "je", "naar", "de", "huisarts")
    assert normalise_word("amai") == []


def test_accents_case_and_stretched_letters_are_folded():
    assert normalise_word("Proteïne") == ["proteine"]
    assert normalise_word("heeeeel") == ["heel"]
