"""JSON bodies written and read with orjson: the API's answers, and the bodies it is sent.

The output means what Flask's own provider writes (keys sorted; dates, decimals, UUIDs and
dataclasses through Flask's conversions), without spaces. A pretty-printed body (debug mode)
is left to Flask.
"""

from __future__ import annotations

from typing import Any

import orjson
from flask import Response
from flask.json.provider import DefaultJSONProvider
from werkzeug.sansio.response import Response as BaseResponse

__all__ = ["OrjsonProvider"]

_OPTIONS = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_NON_STR_KEYS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)


class OrjsonProvider(DefaultJSONProvider):
    """Flask's JSON provider, with orjson doing the work on compact bodies."""

    def _encode(self, obj: Any) -> bytes:
        return orjson.dumps(obj, default=self.default, option=_OPTIONS)

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        """As Flask's `dumps`; compact unless asked to indent."""
        if set(kwargs) - {"separators"}:
            return super().dumps(obj, **kwargs)
        return self._encode(obj).decode()

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """As Flask's `loads` (a body that is not JSON raises `ValueError`)."""
        if kwargs:
            return super().loads(s, **kwargs)
        return orjson.loads(s)

    def response(self, *args: Any, **kwargs: Any) -> BaseResponse:
        """A JSON response, as `jsonify` makes it."""
        if (self.compact is None and self._app.debug) or self.compact is False:
            return super().response(*args, **kwargs)
        obj = self._prepare_response_obj(args, kwargs)
        return Response(self._encode(obj) + b"\n", mimetype=self.mimetype)
