"""The protocol's error conditions (OAI-PMH 2.0, section 3.6)."""

from enum import StrEnum


class ErrorCode(StrEnum):
    BAD_ARGUMENT = "badArgument"
    BAD_RESUMPTION_TOKEN = "badResumptionToken"  # noqa: S105 - an error code
    BAD_VERB = "badVerb"
    CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
    ID_DOES_NOT_EXIST = "idDoesNotExist"
    NO_RECORDS_MATCH = "noRecordsMatch"
    NO_METADATA_FORMATS = "noMetadataFormats"
    NO_SET_HIERARCHY = "noSetHierarchy"


# With these two, the response's <request> element carries the base URL only (section 3.2).
ARGUMENT_ERRORS = frozenset({ErrorCode.BAD_VERB, ErrorCode.BAD_ARGUMENT})


class OAIError(Exception):
    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
