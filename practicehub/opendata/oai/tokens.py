"""Resumption tokens: opaque to harvesters, signed so that they cannot be forged or altered.

A token carries the verb, the original selection (format, from, until, set), how many records went
before it (the `cursor` attribute) and where the previous page stopped: the datestamp and id of its
last record. Pages follow (updated_at, id), so a practice changed during a harvest is never skipped:
it moves to the end of the list and comes again. Tokens expire after TOKEN_LIFETIME.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core import signing

from .arguments import Harvest, check_harvest
from .errors import ErrorCode, OAIError

TOKEN_LIFETIME = timedelta(hours=24)
_SALT = "practicehub.opendata.oai.resumption-token"


@dataclass(frozen=True)
class ListPosition:
    verb: str
    harvest: Harvest
    cursor: int  # records sent before this page
    after: tuple[datetime, int]  # (updated_at, id) of the last record sent


def token_encode(position: ListPosition) -> str:
    moment, pk = position.after
    payload = {
        "v": position.verb,
        "h": position.harvest.as_arguments(),
        "c": position.cursor,
        "a": [moment.isoformat(), pk],
    }
    return signing.dumps(payload, salt=_SALT, compress=True)


def _bad() -> OAIError:
    return OAIError(ErrorCode.BAD_RESUMPTION_TOKEN, "The resumption token is invalid or has expired.")


def token_decode(token: str, *, verb: str) -> ListPosition:
    """The position a token stands for; badResumptionToken if forged, altered, expired or from
    another verb."""
    try:
        payload: Any = signing.loads(token, salt=_SALT, max_age=TOKEN_LIFETIME)
        if payload["v"] != verb:
            raise _bad()
        arguments = payload["h"]
        harvest = Harvest(
            metadata_prefix=str(arguments["metadataPrefix"]),
            from_raw=arguments.get("from"),
            until_raw=arguments.get("until"),
            set_spec=arguments.get("set"),
        )
        check_harvest(harvest)
        moment, pk = payload["a"]
        after = (datetime.fromisoformat(moment), int(pk))
        cursor = int(payload["c"])
    except OAIError as error:
        if error.code == ErrorCode.BAD_RESUMPTION_TOKEN:
            raise
        raise _bad() from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise _bad() from error
    return ListPosition(verb=verb, harvest=harvest, cursor=cursor, after=after)
