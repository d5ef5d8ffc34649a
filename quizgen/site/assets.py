"""Files the site serves itself: styles, and MathJax / mermaid copies when installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["ASSETS", "DEST", "mathjax_files", "mathjax_root"]

ASSETS = Path(__file__).parent / "assets"
DEST = "assets/quizgen"


def mathjax_root() -> Path | None:
    """The `es5` folder of the MathJax copy in the `django-static-mathjax` package, if installed."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        root = Path(location) / "static" / "mathjax" / "es5"
        if (root / "tex-svg.js").is_file():
            return root
    return None


def mathjax_files(root: Path) -> list[str]:
    """The parts of MathJax the pages load: the SVG TeX bundle and the TeX extensions it loads."""
    extensions = sorted(p for p in (root / "input" / "tex" / "extensions").rglob("*.js"))
    return ["tex-svg.js", *(p.relative_to(root).as_posix() for p in extensions)]
