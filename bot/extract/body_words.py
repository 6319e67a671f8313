"""Words of bodies' names, spaCy-free: the extractor types names by them and a who card reads its companions
by them ("Front" alone is the unit of a body named before it)."""

from __future__ import annotations

ORG_HEADS = frozenset({"party", "movement", "alliance", "front", "coalition", "court", "congress", "ministry"})
STANDALONE_BODIES = frozenset({"congress", "senate", "army", "navy", "police", "government", "judiciary",
                               "parliament"})
GROUP_NAME_WORDS = frozenset("cartel mara barrio comando command clan family gang army front party".split())
