"""Verbs that report speech or writing.

The quote extractor does not need this list to find a direct quote's speaker (any verb with a subject
next to the quote will do: "boasted", "tweeted"), but indirect speech ("He added that ...") has no
quote marks to anchor it, so only these verbs turn a clause into a paraphrase. The list also lets
an attribution without its comma ("“...” Trump said.") count, and the manner-of-speaking verbs
(plead, quip, scoff, ...) are here because reporters use them exactly like "said".
"""

from __future__ import annotations

SPEECH_LEMMAS = frozenset(
    """
    say tell add claim argue state note insist warn admit explain deny report announce declare
    assert maintain acknowledge confirm suggest predict write tweet post testify recall reply
    respond answer ask complain contend observe remark stress emphasize emphasise concede caution
    allege estimate point mention reveal disclose boast promise pledge vow urge charge counter
    continue conclude agree say
    plead exclaim quip joke scoff shout chant retort wonder muse yell scream whisper mutter lament
    proclaim brag gush fume quote
    """.split()
)

# Verbs that may introduce a direct quote but, with a short quoted fragment, mark a scare quote or
# a name ("called the quake 'gut-wrenching'"): used to refuse attributing very short fragments.
NAMING_LEMMAS = frozenset("call dub label describe name term brand nickname".split())
