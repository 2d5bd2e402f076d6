"""Shared argparse plumbing so each command module registers its own subcommands."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Handler = Callable[[Any, argparse.Namespace], int]
AddFn = Callable[[str, Handler, str], argparse.ArgumentParser]


def non_negative_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return n


def positive_int(value: str) -> int:
    n = non_negative_int(value)
    if n == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n
