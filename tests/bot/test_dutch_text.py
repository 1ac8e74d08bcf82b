"""The one normaliser of typed Dutch, and the readers that build on it."""
from bot.core.yes_no import normalise_answer
from bot.dutch_text import fold_accents, normalise
from bot.nlu.dutch_tokenizer import normalise_word


def test_case_and_accents_do_not_count():
    assert fold_accents("Één tweeëntwintig CAFÉ") == "een tweeentwintig cafe"
    assert fold_accents(None) == ""


def test_normalise_evens_out_quotes_and_spaces_only():
    assert normalise("  ’s Avonds   om  ‘half elf’, ja! ") == "'s avonds om 'half elf', ja!"


def test_the_readers_that_need_more_start_from_the_same_fold():
    assert normalise_answer("Jáááá, graag!") == "jaa graag"
    assert normalise_word("Één") == ["een"]
    assert normalise_word("kheb") == ["ik", "heb"]
