"""Clock times in Dutch, with the right half of the day for bedtimes and reminders."""
import pytest

from bot.plan.clock import find_times, parse_time


@pytest.mark.parametrize("text, bedtime", [
    ("22:30", "22:30"), ("22.30", "22:30"), ("22u30", "22:30"), ("half elf", "22:30"), ("half 11", "22:30"),
    ("om tien uur 's avonds", "22:00"), ("om 10 uur s avonds", "22:00"), ("kwart voor elf", "22:45"),
    ("kwart over tien", "22:15"), ("tien over half elf", "22:40"), ("vijf voor half elf", "22:25"),
    ("23 uur", "23:00"), ("middernacht", "00:00"), ("om 12 uur", "00:00"), ("om een uur 's nachts", "01:00"),
    ("11 uur 's avonds", "23:00"), ("ik ga meestal om half 11 naar bed", "22:30"), ("22", "22:00"),
    ("24:00", "00:00"),
])
def test_bedtimes(text, bedtime):
    assert parse_time(text, "evening") == (bedtime, True)


@pytest.mark.parametrize("text, time_of_day", [
    ("9:00", "09:00"), ("om 8 uur", "08:00"), ("half negen", "08:30"), ("om 2 uur", "14:00"),
    ("om 7 uur 's avonds", "19:00"), ("19:30", "19:30"), ("om 3 uur 's middags", "15:00"),
])
def test_reminder_times_prefer_daytime(text, time_of_day):
    assert parse_time(text, "day") == (time_of_day, True)


def test_impossible_times_are_recognised_but_rejected():
    assert parse_time("25:00", "evening") == (None, True)
    assert parse_time("22:75", "evening") == (None, True)


def test_no_time():
    assert parse_time("weet ik niet", "evening") == (None, False)
    assert parse_time("20 minuten", "day") == (None, False)


def test_several_times_each_with_its_own_period():
    times = find_times("half negen 's ochtends en 9 uur 's avonds")
    assert [(t.hour, t.minute, t.period) for t in times] == [(8, 30, "morning"), (9, 0, "evening")]
