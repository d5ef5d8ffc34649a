"""Commands to recall: a line saying what to do, then a shell block doing it.

    To verify the permission from kubectl utility tool:

    ```sh
    $ kubectl auth can-i update pods --as=john --namespace=development
    ```

asks `To verify the permission from kubectl utility tool` → the command. Exams such as the CKA
and RHCSA ask exactly this. Only short shell blocks (three commands at most) with a short lead
right above them make a card: a long script or a YAML manifest is read, not recalled.
"""

from __future__ import annotations

import re

from .blocks import Piece
from .draft import Draft
from .explicit import normalise
from .model import CardType, Origin
from .scope import Scope
from .words import chatty

__all__ = ["command_card"]

_SHELLS = {"sh", "shell", "bash", "zsh", "console", "shell-session", "powershell", "ps1", "cmd"}
_MAX_COMMANDS = 3
_MAX_COMMAND = 250  # characters of one command, its continued lines joined
_LEAD_WORDS = 16
_OPENER = re.compile(r"^(?:now|next|then|first|finally|also|and)\b,?\s+", re.I)
_PROMPT = re.compile(r"^\s*(?:\$|#|>|PS>|PS [^>]*>)\s+")
_RAN = re.compile(
    r"[,;:]?\s*(?:run|use|type|execute)(?: the)?(?: following)?(?: commands?)?:?$", re.I
)


def command_card(piece: Piece, following: list[Piece], scope: Scope) -> Draft | None:
    """The lead line over a short shell block, asked for the block's commands; None otherwise."""
    if piece.kind != "paragraph" or not following or piece.inline is None:
        return None
    block = following[0]
    if block.kind != "other" or not block.code or block.line > piece.end + 2:
        return None
    commands = _commands(block)
    lead = scope.markdown(piece).strip()
    if not commands or "\n" in lead or not _asks(lead):
        return None
    lead = _RAN.sub("", lead.rstrip(":").rstrip()).rstrip(" ,:") or lead.rstrip(":")
    lead = _OPENER.sub("", lead)
    lead = lead[:1].upper() + lead[1:]  # `Now, create a service account` -> `Create a ...`
    front = scope.standalone(lead, piece.line, piece.about)
    language = block.lang.split()[0] if block.lang else "sh"
    back = f"```{language}\n" + "\n".join(commands) + "\n```"
    return Draft(Origin.COMMAND, CardType.BASIC, normalise(lead), piece.line, front, back)


def _commands(block: Piece) -> list[str]:
    """The block's commands without prompts, a `\\`-continued command on one line; none when
    it is no shell block or too long to recall."""
    lines = block.code.replace("\\\n", " ").splitlines()
    prompted = bool(lines) and all(_PROMPT.match(line) for line in lines if line.strip())
    if block.lang.split()[:1] and block.lang.split()[0].casefold() not in _SHELLS:
        return []
    if not block.lang and not prompted:
        return []  # an unlabelled block is a shell session only when every line has a prompt
    commands = [" ".join(_PROMPT.sub("", line).split()) for line in lines if line.strip()]
    if not 0 < len(commands) <= _MAX_COMMANDS or any(len(c) > _MAX_COMMAND for c in commands):
        return []
    return commands


def _asks(lead: str) -> bool:
    """A short line saying what the block does: not a sentence of the note's prose, not chat."""
    words = lead.split()
    if not words or len(words) > _LEAD_WORDS or lead.endswith((".", "?", "!")):
        return False
    return not chatty(lead)
