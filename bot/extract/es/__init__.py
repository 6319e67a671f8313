"""Spanish extractors: rule tables (bot/extract/rules.py) over the sentences of a blank spaCy Spanish pipeline."""
