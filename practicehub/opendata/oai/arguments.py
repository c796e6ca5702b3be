"""A request's arguments checked against OAI-PMH 2.0 (sections 3.1, 3.3 and 4).

Every verb has required, optional and exclusive arguments. An argument that is unknown for the verb,
repeated, empty or missing is a badArgument; a missing, repeated or unknown verb is a badVerb.
Dates are UTC datestamps at day or second granularity, and both bounds must use the same one.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .errors import ErrorCode, OAIError

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DATESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
# setSpec syntax (section 2.7.2): unreserved characters, colons separating the levels.
_SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")

RESUMPTION_TOKEN = "resumptionToken"  # noqa: S105 - an argument name


@dataclass(frozen=True)
class VerbArguments:
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    exclusive: frozenset[str] = frozenset()

    @property
    def allowed(self) -> frozenset[str]:
        return self.required | self.optional | self.exclusive


_LIST = VerbArguments(
    required=frozenset({"metadataPrefix"}),
    optional=frozenset({"from", "until", "set"}),
    exclusive=frozenset({RESUMPTION_TOKEN}),
)
VERBS: dict[str, VerbArguments] = {
    "Identify": VerbArguments(),
    "ListMetadataFormats": VerbArguments(optional=frozenset({"identifier"})),
    "ListSets": VerbArguments(exclusive=frozenset({RESUMPTION_TOKEN})),
    "GetRecord": VerbArguments(required=frozenset({"identifier", "metadataPrefix"})),
    "ListIdentifiers": _LIST,
    "ListRecords": _LIST,
}


@dataclass(frozen=True)
class OAIRequest:
    verb: str
    arguments: dict[str, str]

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)


def _bad(message: str) -> OAIError:
    return OAIError(ErrorCode.BAD_ARGUMENT, message)


def parse_request(pairs: Iterable[tuple[str, list[str]]]) -> OAIRequest:
    """Check the arguments of a request (the (name, values) pairs of a QueryDict)."""
    given = dict(pairs)
    verbs = given.pop("verb", [])
    if not verbs:
        raise OAIError(ErrorCode.BAD_VERB, "The verb argument is missing.")
    if len(verbs) > 1:
        raise OAIError(ErrorCode.BAD_VERB, "The verb argument is repeated.")
    verb = verbs[0]
    spec = VERBS.get(verb)
    if spec is None:
        raise OAIError(ErrorCode.BAD_VERB, "The verb argument is not a legal OAI-PMH verb.")

    arguments: dict[str, str] = {}
    for name, values in given.items():
        if name not in spec.allowed:
            raise _bad(f"{verb} does not take the argument {name[:40]!r}.")
        if len(values) > 1:
            raise _bad(f"The argument {name} is repeated.")
        if not values[0]:
            raise _bad(f"The argument {name} is empty.")
        arguments[name] = values[0]

    exclusive = spec.exclusive & arguments.keys()
    if exclusive and len(arguments) > 1:
        raise _bad(f"The argument {next(iter(exclusive))} cannot be combined with others.")
    if not exclusive:
        missing = sorted(spec.required - arguments.keys())
        if missing:
            raise _bad(f"{verb} needs the argument {missing[0]}.")
    return OAIRequest(verb=verb, arguments=arguments)


@dataclass(frozen=True)
class Datestamp:
    moment: datetime  # UTC
    is_day: bool  # given at day granularity (YYYY-MM-DD)


def parse_datestamp(raw: str, name: str) -> Datestamp:
    if _DAY.match(raw):
        fmt, is_day = "%Y-%m-%d", True
    elif _SECOND.match(raw):
        fmt, is_day = DATESTAMP_FORMAT, False
    else:
        raise _bad(f"The argument {name} is not a datestamp (YYYY-MM-DD or {GRANULARITY}).")
    try:
        moment = datetime.strptime(raw, fmt).replace(tzinfo=UTC)
    except ValueError as error:
        raise _bad(f"The argument {name} is not a valid date.") from error
    return Datestamp(moment=moment, is_day=is_day)


@dataclass(frozen=True)
class Harvest:
    """What ListIdentifiers and ListRecords select: format, datestamp bounds and set."""

    metadata_prefix: str
    from_raw: str | None = None
    until_raw: str | None = None
    set_spec: str | None = None

    @property
    def lower(self) -> datetime | None:
        """Datestamps on or after this moment."""
        return parse_datestamp(self.from_raw, "from").moment if self.from_raw else None

    @property
    def upper(self) -> datetime | None:
        """Datestamps before this moment: until is inclusive at its own granularity."""
        if not self.until_raw:
            return None
        until = parse_datestamp(self.until_raw, "until")
        try:
            return until.moment + (timedelta(days=1) if until.is_day else timedelta(seconds=1))
        except OverflowError:
            return None

    def as_arguments(self) -> dict[str, str]:
        pairs = {
            "metadataPrefix": self.metadata_prefix,
            "from": self.from_raw,
            "until": self.until_raw,
            "set": self.set_spec,
        }
        return {name: value for name, value in pairs.items() if value is not None}


def harvest_from(request: OAIRequest) -> Harvest:
    """The selection of a ListIdentifiers or ListRecords request, checked."""
    harvest = Harvest(
        metadata_prefix=request.get("metadataPrefix") or "",
        from_raw=request.get("from"),
        until_raw=request.get("until"),
        set_spec=request.get("set"),
    )
    check_harvest(harvest)
    return harvest


def check_harvest(harvest: Harvest) -> None:
    start = parse_datestamp(harvest.from_raw, "from") if harvest.from_raw else None
    end = parse_datestamp(harvest.until_raw, "until") if harvest.until_raw else None
    if start and end:
        if start.is_day != end.is_day:
            raise _bad("The arguments from and until must have the same granularity.")
        if start.moment > end.moment:
            raise _bad("The argument from is later than until.")
    if harvest.set_spec is not None and not _SET_SPEC.match(harvest.set_spec):
        raise _bad("The argument set is not a valid setSpec.")


def datestamp(moment: datetime) -> str:
    """A UTC datestamp at the repository's granularity (seconds)."""
    return moment.astimezone(UTC).strftime(DATESTAMP_FORMAT)
