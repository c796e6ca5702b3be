"""Word lists for synthetic practices (our own, written for the benchmark)."""

_GENERIC_TEXT = """
the a of and to in for with on by through at from as that which their its this these local national
regional programme project initiative approach service services support access community communities
people persons workers families children youth women men partners authorities government ministry
office centre network platform training capacity information data system systems process processes
policy policies plan plans strategy framework law laws rights protection safety health education
employment work jobs skills recognition housing language legal assistance referral counselling case
management cooperation coordination dialogue exchange review evaluation monitoring results outcome
outcomes impact evidence lessons learned practice practices model models pilot phase scale sustainable
inclusive effective efficient accessible timely targeted comprehensive integrated innovative digital
online mobile field outreach campaign awareness guidance tools manual curriculum module session
sessions participants beneficiaries staff officers volunteers experts trainers mentors teams municipal
provincial cross-border border crossing transit destination origin return host countries country
city cities rural urban areas region regions level levels sector sectors private public civil society
organizations organization agencies agency union unions employers academia research university
universities study studies survey assessment analysis report reports budget funding resources cost
costs year years month months first second new existing joint shared common key main additional
more than over about between within across during after before while where when how why what also
including such other each all many several most some both further better improved increased reduced
strengthened established developed implemented launched expanded supported provided offered delivered
designed created built trained reached enabled helped improved allowed ensured promoted facilitated
"""
GENERIC = _GENERIC_TEXT.split()

# Words that carry a theme; each GCM objective draws from its own list.
THEMES: dict[int, list[str]] = {
    1: ["data", "statistics", "census", "disaggregated", "indicators", "dashboard"],
    2: ["drivers", "livelihoods", "resilience", "poverty", "development", "climate"],
    3: ["information", "pre-departure", "orientation", "hotline", "awareness"],
    4: ["identity", "documents", "registration", "birth", "civil"],
    5: ["pathways", "visas", "labour", "mobility", "admission", "family reunification"],
    6: ["recruitment", "fair", "decent", "contracts", "inspection", "domestic"],
    7: ["vulnerabilities", "vulnerable", "unaccompanied", "screening", "shelter"],
    8: ["rescue", "missing", "lives", "search", "identification"],
    9: ["smuggling", "smugglers", "prosecution", "investigation"],
    10: ["trafficking", "victims", "survivors", "exploitation", "trafficked"],
    11: ["border", "borders", "crossing", "checkpoints", "integrated"],
    12: ["screening", "procedures", "assessment", "referral", "certainty"],
    13: ["detention", "alternatives", "release", "case management"],
    14: ["consular", "consulates", "embassy", "protection", "assistance"],
    15: ["services", "healthcare", "schooling", "basic", "access"],
    16: ["integration", "inclusion", "cohesion", "newcomers", "belonging"],
    17: ["discrimination", "xenophobia", "media", "narratives", "hate"],
    18: ["skills", "qualifications", "recognition", "vocational", "certification"],
    19: ["diaspora", "diasporas", "investment", "knowledge", "transfer"],
    20: ["remittances", "remittance", "transfer", "financial", "inclusion", "fees"],
    21: ["return", "readmission", "reintegration", "returnees", "dignified"],
    22: ["portability", "social", "security", "pensions", "benefits"],
    23: ["cooperation", "partnerships", "international", "dialogue", "regional"],
}

GROUPS = [
    "migrant workers",
    "refugees",
    "asylum seekers",
    "returnees",
    "women migrants",
    "young migrants",
    "children on the move",
    "diaspora communities",
    "domestic workers",
    "seasonal workers",
    "students",
    "families left behind",
]

PROGRAMME_NOUNS = [
    "Programme",
    "Initiative",
    "Network",
    "Platform",
    "Partnership",
    "Centre",
    "Project",
    "Toolkit",
    "Service",
    "Dialogue",
    "Fund",
    "Campaign",
]

ADJECTIVES = [
    "Integrated",
    "Joint",
    "Community-based",
    "Digital",
    "Regional",
    "National",
    "Local",
    "Inclusive",
    "Mobile",
    "Safe",
    "Sustainable",
    "Innovative",
    "Multi-stakeholder",
    "Cross-border",
    "Rights-based",
]

ORG_WORDS = [
    "Migrant",
    "Rights",
    "Support",
    "Development",
    "Solidarity",
    "Action",
    "Welfare",
    "Mobility",
    "Labour",
    "Community",
    "Diaspora",
    "Women's",
    "Youth",
    "Legal",
    "Health",
    "Humanitarian",
    "Research",
    "Policy",
]

ORG_KINDS = [
    "Association",
    "Foundation",
    "Network",
    "Council",
    "Institute",
    "Agency",
    "Ministry",
    "Office",
    "Union",
    "Centre",
    "Alliance",
    "Federation",
]
