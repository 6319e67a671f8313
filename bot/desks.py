"""Desks (seeds/desks.toml): named scopes bound to slash commands, and which articles belong to each."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from bot.extract.names import fold, name_key
from bot.seeds import seeds_dir


@dataclass
class Desk:
    name: str  # "peru"
    command: str  # "/peru"
    title: str
    tags: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    all: bool = False
    default: bool = False
    channel: str | None = None  # where the desk is told about its failing feeds

    @property
    def place_keys(self) -> set[str]:
        return {name_key(p) for p in self.places}


@lru_cache(maxsize=1)
def load_desks() -> dict[str, Desk]:
    data = tomllib.loads((seeds_dir() / "desks.toml").read_text(encoding="utf-8"))
    return {
        name: Desk(
            name=name,
            command=spec.get("command", f"/{name}"),
            title=spec.get("title", name.title()),
            tags=[t.lower() for t in spec.get("tags", [])],
            places=list(spec.get("places", [])),
            all=bool(spec.get("all", False)),
            default=bool(spec.get("default", False)),
            channel=spec.get("channel") or None,
        )
        for name, spec in data.items()
    }


def default_desk() -> Desk:
    desks = load_desks()
    return next((d for d in desks.values() if d.default), next(iter(desks.values())))


def get_desk(name: str | None) -> Desk | None:
    """A desk by name or command ("peru", "/peru"); None if there is no such desk."""
    if not name:
        return default_desk()
    return load_desks().get(name.lstrip("/").lower())


MIN_PLACE_MENTIONS = 3
MIN_PLACE_SHARE = 0.3


def assign_desks(title: str, tags: Iterable[str], place_mentions: Iterable[str]) -> list[str]:
    """The desks an article belongs to: tagged for it, naming its places in the title, or about them.

    "About them" means at least three mentions of the desk's places and at least 30 % of all place
    mentions, so a Venezuela story that mentions Mexico twice stays off the Mexico desk.
    """
    tagset = {t.lower() for t in tags}
    title_words = " " + re.sub(r"\W+", " ", fold(title)) + " "
    mentions = [name_key(m) for m in place_mentions]
    chosen = []
    for desk in load_desks().values():
        if desk.all:
            continue
        keys = desk.place_keys
        in_title = any(f" {k} " in title_words for k in keys)
        count = sum(1 for m in mentions if m in keys)
        about = count >= MIN_PLACE_MENTIONS and count >= MIN_PLACE_SHARE * len(mentions)
        if tagset & set(desk.tags) or in_title or about:
            chosen.append(desk.name)
    return chosen
