"""The stable JSON shapes of the CLI (documented in the README). Plain dicts, UTF-8 friendly."""

from __future__ import annotations

from typing import Any

from panel_tui.model import Panel, Turn


def participant_list(panel: Panel) -> list[dict[str, Any]]:
    return [
        {"name": p.name, "role": p.role, "aliases": list(p.aliases), "source": p.source}
        for p in panel.participants
    ]


def panel_summary(panel: Panel) -> dict[str, Any]:
    m = panel.meta
    return {
        "id": m.id,
        "title": m.title,
        "event": m.event,
        "part": m.part,
        "date": m.date,
        "platform": m.platform,
        "url": m.url,
        "source": str(panel.path),
        "format": panel.doc.format,
        "speakers": len(panel.participants),
        "chars": panel.spoken_length(),
    }


def turn_dict(t: Turn) -> dict[str, Any]:
    return {
        "speaker": t.speaker,
        "start": t.start,
        "end": t.end,
        "method": t.method,
        "confidence": round(t.confidence, 3),
    }


def panel_detail(panel: Panel) -> dict[str, Any]:
    m = panel.meta
    out = panel_summary(panel)
    out.update(
        {
            "full_title": m.full_title,
            "uploader": m.uploader,
            "author": m.author,
            "source_id": m.source_id,
            "participants": participant_list(panel),
            "paragraphs": [
                {"start": b.start, "end": b.end, "kind": b.kind, "speaker": b.speaker}
                for b in panel.paragraphs
            ],
            "turns": [turn_dict(t) for t in panel.turns],
            "stats": [
                {
                    "speaker": s.speaker,
                    "chars": s.chars,
                    "turns": s.turns,
                    "share": round(s.share, 4),
                }
                for s in panel.speaker_stats.values()
            ],
        }
    )
    return out


def turns_doc(panel: Panel) -> dict[str, Any]:
    return {
        "panel": panel.id,
        "source": str(panel.path),
        "turns": [turn_dict(t) for t in panel.turns],
    }
