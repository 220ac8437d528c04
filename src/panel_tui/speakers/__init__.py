"""Speakers: participants, ASR-tolerant name matching, turn attribution."""
