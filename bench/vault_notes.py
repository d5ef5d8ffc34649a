"""Generated vaults in the user's style, shared by the benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

SERVICES = ["Lambda", "SQS", "SNS", "EventBridge", "Step Functions", "KMS", "RDS", "DynamoDB"]
WORDS = [
    "function",
    "queue",
    "event",
    "retry",
    "timeout",
    "region",
    "account",
    "quota",
    "burst",
    "concurrency",
    "memory",
    "payload",
    "message",
    "visibility",
    "encryption",
    "key",
    "rotation",
    "proxy",
    "connection",
    "pool",
    "scaling",
]


def sentence(rng: random.Random) -> str:
    """A plain sentence of 8 to 16 words."""
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def note_text(number: int, total: int, rng: random.Random) -> str:
    """One note of roughly 7 KB: front matter, headings, links, a table, a list, quotas."""
    service = SERVICES[number % len(SERVICES)]
    links = [f"[[note-{rng.randrange(total)}]]" for _ in range(6)]
    front = f"title: {service} note {number}\naliases: [{service} {number}]\ntags: [aws, bench]"
    table = (
        "| Mode | Comment |\n| --- | --- |\n| Standard | once or more |\n| FIFO | exactly once |"
    )
    parts = [
        f"---\n{front}\n---",
        f"# {service} note {number}",
        f"**{service} {number}** is a managed service that {sentence(rng).lower()}",
    ]
    for section in range(6):
        parts.append(f"## Part {section}")
        parts.append(" ".join(sentence(rng) for _ in range(6)) + " See " + links[section] + ".")
        parts.append(
            f"The default timeout is {rng.randint(1, 900)} seconds per {rng.choice(WORDS)}."
        )
        parts.append("- **Python**: fast to start\n- **Java**: slow to start, fast once warm")
        parts.append(table)
        parts.append(
            f"What is the limit for {rng.choice(WORDS)}?\n{rng.randint(1, 100)} per second."
        )
        parts.append("```python\nprint('[[not a link]]')\n```")
    return "\n\n".join(parts) + "\n"


def write_vault(folder: Path, count: int, seed: int = 7) -> Path:
    """Write `count` notes into `folder` (20 sub-folders) and return it."""
    rng = random.Random(seed)
    for number in range(count):
        sub = folder / f"topic-{number % 20}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"note-{number}.md").write_text(note_text(number, count, rng), encoding="utf-8")
    return folder
