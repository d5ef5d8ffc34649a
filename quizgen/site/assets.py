"""Files the site serves itself: styles, and MathJax / mermaid copies when installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["ASSETS", "ASSET_FILES", "DEST", "OVERRIDES", "mathjax_files", "mathjax_root"]

ASSETS = Path(__file__).parent / "assets"
DEST = "assets/quizgen"
# Copied into every site; the theme-*.js files stand in for Material's inline scripts.
ASSET_FILES = ("quizgen.css", "mathjax.js", "theme-head.js", "theme-content.js", "theme-palette.js")
# Templates that take the place of Material's partials with inline scripts.
OVERRIDES = str(Path(__file__).parent / "overrides")


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
    """The parts of MathJax the pages load: the SVG TeX bundle, the TeX extensions it loads, and
    `ui/safe.js`, which keeps `\\href{javascript:...}` and the like out of typeset math."""
    extensions = sorted(p for p in (root / "input" / "tex" / "extensions").rglob("*.js"))
    return ["tex-svg.js", "ui/safe.js", *(p.relative_to(root).as_posix() for p in extensions)]
