"""Extraction: one spaCy Doc of an article becomes sentences, entities, topics, a summary and facts."""
