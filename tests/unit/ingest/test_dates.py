"""Dates as news sites print them, and sentences that must never be taken for one."""

from __future__ import annotations

from datetime import date

import pytest

from archivist.core.ingest.dates import looks_like_dateline, parse_date

MAY_30 = date(2024, 5, 30)


@pytest.mark.parametrize(
    "text",
    [
        "Thu May 30 2024",
        "May 30, 2024",
        "30/05/2024",
        "2024-05-30",
        "Updated 10:42 AM ET, Thu May 30, 2024",
        "Published: 30 May 2024",
        "30.05.2024",
        "2024-05-30T10:42:00Z",
        "2024-05-30T10:42:00.123+02:00",
        "2024-05-30 10:42",
        "Thursday 30 May 2024 10.42 BST",
        "30th of May, 2024",
        "Posted on May 30, 2024 at 10:42 a.m.",
        "Last updated: 30.05.2024, 10:42",
        "2024/05/30",
        "30-May-2024",
        "Published 30 May 2024 | Updated 31 May 2024",
    ],
)
def test_recognised_forms(text: str) -> None:
    assert parse_date(text) == MAY_30
    assert looks_like_dateline(text) == MAY_30


def test_ambiguous_numeric_dates_are_day_first() -> None:
    assert parse_date("05/06/2024") == date(2024, 6, 5)
    assert parse_date("05.06.2024") == date(2024, 6, 5)


def test_numeric_dates_that_can_only_be_month_first() -> None:
    assert parse_date("05/30/2024") == MAY_30


def test_two_digit_years() -> None:
    assert parse_date("30/05/24") == MAY_30


def test_iso_datetimes_keep_the_date_as_written_not_utc() -> None:
    # 23:30 in New York is already the next day in UTC; the writer's date is what they meant.
    assert parse_date("2024-05-30T23:30:00-05:00") == MAY_30


def test_rfc_2822_dates_from_feeds() -> None:
    assert parse_date("Sat, 01 Jun 2024 08:00:00 +0000") == date(2024, 6, 1)


@pytest.mark.parametrize(
    "text",
    [
        "The 3 ministers met on May 30, 2024 in Brussels.",
        "30/05/2024 was a day to remember",
        "Stoltenberg said 2024 would be decisive",
        "May 2024",  # no day: we would have to invent one
        "May 30",  # no year: dateutil would silently use this year
        "Thursday",
        "2024",
        "12 Comments",
        "By Jane Doe",
        "1.2.10",  # a version number
        "31/02/2024",  # no such day
        "",
        "May I have a word",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None
    assert looks_like_dateline(text) is None


def test_dateline_must_be_short() -> None:
    long_line = "Updated " + "Thu May 30 2024 " * 8
    assert parse_date("Thu May 30 2024") == MAY_30
    assert looks_like_dateline(long_line) is None
