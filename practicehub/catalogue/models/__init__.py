from .calls import CallForPractices
from .organizations import Organization
from .practices import (
    ADDRESSED_STATUSES,
    OrganizationRole,
    Practice,
    PracticeDocument,
    PracticeLink,
    PracticeOrganization,
    PracticeStatus,
    PracticeTranslation,
)
from .vocabularies import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    OrganizationType,
    PracticeType,
    Region,
    ScopeLevel,
)

__all__ = [
    "ADDRESSED_STATUSES",
    "SDG",
    "CallForPractices",
    "Country",
    "GuidingPrinciple",
    "Objective",
    "Organization",
    "OrganizationRole",
    "OrganizationType",
    "Practice",
    "PracticeDocument",
    "PracticeLink",
    "PracticeOrganization",
    "PracticeStatus",
    "PracticeTranslation",
    "PracticeType",
    "Region",
    "ScopeLevel",
]
