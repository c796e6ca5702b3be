"""Word lists and sentence templates for the sample practices, written for this project.

The texts describe invented practices. Slots in braces are filled by generator.py and texts.py:
{topic} a topic of the practice's objective, {activity} what it does (verb phrase), {group} who it
serves, {place} where, {org} its main organization, {partner} another one, {approach} how it works,
{kind} a noun for its type, {start} its start year, {n} {m} {k} numbers, {pct} a percentage.
"""

TITLE_TEMPLATES: tuple[str, ...] = (
    "{Topic} for {group}",
    "Strengthening {topic} in {place}",
    "{Place}: a {kind} on {topic}",
    "Improving {topic} through {approach}",
    "Working together on {topic} with {group}",
    "Towards {topic} in {place}",
    "Pilot {kind} on {topic} for {group}",
    "{Topic}: lessons from {place}",
    "A {kind} for {topic}",
    "{Topic} and {topic2} in {place}",
)

SUMMARY_OPENINGS: tuple[str, ...] = (
    "{org} runs this {kind} to {activity} for {group} in {place}.",
    "This {kind} helps {group} in {place}. Led by {org}, it aims to {activity}.",
    "Launched in {start}, the {kind} was set up by {org} to {activity}.",
    "In {place}, {org} and its partners {activity}, with a focus on {group}.",
)
SUMMARY_SENTENCES: tuple[str, ...] = (
    "It started in {start} after consultations showed a clear need for {topic}.",
    "It relies on {approach} and brings together public institutions, civil society and migrants themselves.",
    "Activities are designed together with {group}, so that services match what people actually need.",
    "Since it began, about {n} people have taken part.",
    "A steering committee meets every {k} months to review progress and agree on next steps.",
    "Information and services are offered in {k} languages.",
    "Staff receive training on gender-responsive and child-sensitive ways of working.",
    "The {kind} also works to {activity2}.",
    "{partner} contributes funding and technical advice.",
    "Local authorities take part in planning from the beginning.",
    "A small team coordinates the work, while most activities are delivered by partners on the ground.",
    "The approach was first tested in {m} locations before being extended.",
)

BENEFIT_SENTENCES: tuple[str, ...] = (
    "More than {n} {group} have received support so far.",
    "An evaluation in {eval_year} found that {pct} percent of participants felt better informed.",
    "Waiting times for the services concerned fell by about {pct} percent.",
    "Participating institutions now share information routinely instead of case by case.",
    "{m} municipalities have adopted the model in their own programmes.",
    "Participants report more trust in public services and a better understanding of their rights.",
    "The number of complaints resolved within a month has doubled.",
    "Women make up {pct} percent of those who benefited.",
    "The {kind} has contributed to a change in national guidelines.",
    "Partners estimate that costs per person served went down as the work scaled up.",
)
BENEFIT_ITEMS: tuple[str, ...] = (
    "{n} people reached with information or services",
    "{m} training sessions held for frontline staff",
    "{k} new agreements signed between partner institutions",
    "a referral directory kept up to date by all partners",
    "regular reports shared with national authorities",
    "feedback from participants collected every {k} months",
    "a helpline answering calls in {k} languages",
)

LESSON_SENTENCES: tuple[str, ...] = (
    "Involving {group} from the design stage made the {kind} far more relevant.",
    "Clear agreements on who does what avoided duplication between partners.",
    "Funding for more than one year was essential to keep trained staff.",
    "Data protection rules had to be agreed before information could be shared.",
    "Trust takes time: the first months were spent building relationships rather than delivering services.",
    "Working through existing local structures proved cheaper and more sustainable than creating new ones.",
    "Interpreters and cultural mediators were needed far more often than planned.",
    "Regular joint reviews helped the partners adjust activities quickly.",
    "Political support at senior level opened doors, but day-to-day success depended on frontline staff.",
)
LESSON_ITEMS: tuple[str, ...] = (
    "start with a needs assessment",
    "agree on shared indicators early",
    "budget for interpretation",
    "train staff continuously, not once",
    "keep procedures simple for users",
    "plan for staff turnover",
)

RECOMMENDATION_SENTENCES: tuple[str, ...] = (
    "Anyone replicating the {kind} should map existing services first and build on them.",
    "Secure a mandate from the relevant ministries before starting.",
    "Budget for monitoring from the start, including feedback from {group}.",
    "Adapt materials to local languages and literacy levels.",
    "Keep a small coordination team with a clear mandate.",
    "Share results openly so that other regions can learn from them.",
    "Plan how the work will continue once external funding ends.",
)

INNOVATION_SENTENCES: tuple[str, ...] = (
    "The {kind} is the first in {place} to combine {topic} with {approach}.",
    "It uses a simple case management tool that works offline on mobile phones.",
    "Migrants themselves are trained as peer advisers and paid for their work.",
    "Services are delivered jointly by several institutions at a single location.",
    "A shared online dashboard lets all partners follow progress in real time.",
    "It links {topic} with {topic2}, which are usually handled separately.",
)

IMPLEMENTER_DETAILS: tuple[str, ...] = (
    "Implemented by the unit responsible for {topic} at {org}.",
    "A project team at {org} coordinates the work with {partner}.",
    "{org}, through its offices in {m} locations.",
)

LINK_TITLES: tuple[str, ...] = (
    "Project website",
    "Evaluation report",
    "Policy brief",
    "Annual report {year}",
    "Video presentation",
    "Guidance note",
)

FIRST_NAMES: tuple[str, ...] = (
    "Amina", "Carlos", "Mei", "Olga", "Samir", "Grace", "Tomas", "Leila", "Kofi", "Ana",
    "Rahul", "Sofia", "Yusuf", "Ingrid", "Thanh", "Fatou", "Diego", "Nadia", "Jonas", "Aroha",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "Okafor", "Silva", "Chen", "Petrova", "Haddad", "Mensah", "Novak", "Rahimi", "Diallo", "Garcia",
    "Sharma", "Rossi", "Demir", "Larsen", "Nguyen", "Ndiaye", "Morales", "Karimi", "Berg", "Walker",
)  # fmt: skip

# Invented place names (for cities and provinces), built from syllables.
PLACE_STARTS: tuple[str, ...] = (
    "Val",
    "Mor",
    "Ka",
    "Ren",
    "Sa",
    "Lo",
    "Tir",
    "Bel",
    "Nor",
    "Ami",
    "Do",
    "Es",
)
PLACE_ENDS: tuple[str, ...] = ("mora", "ren", "dia", "vik", "sana", "lar", "ton", "quila", "bara", "esh")

# Invented organizations: (name template, acronym, organization type key). {city}, {country} and
# {in_country} (the name as it reads after 'in' or 'of') are filled in.
ORGANIZATION_TEMPLATES: tuple[tuple[str, str, str], ...] = (
    ("Interregional Labour Mobility Office", "ILMO", "un-entity-or-other-international-organization"),
    ("Migration Data Cooperation Hub", "MDCH", "un-entity-or-other-international-organization"),
    (
        "International Office for Return and Reintegration",
        "IORR",
        "un-entity-or-other-international-organization",
    ),
    (
        "Transcontinental Dialogue on Migration Secretariat",
        "TDMS",
        "un-entity-or-other-international-organization",
    ),
    ("Fund for Safe and Regular Migration", "FSRM", "un-entity-or-other-international-organization"),
    ("Regional Centre for Mobility and Development", "RCMD", "un-entity-or-other-international-organization"),
    ("{city} Migrant Support Centre", "", "civil-society-ngo"),
    ("Association for the Rights of Migrant Workers in {in_country}", "ARMW", "civil-society-ngo"),
    ("Network of Women in Migration", "NWM", "civil-society-ngo"),
    ("Legal Aid for Migrants {country}", "", "civil-society-ngo"),
    ("Safe Passage Foundation", "", "civil-society-ngo"),
    ("Children on the Move Alliance", "COMA", "civil-society-ngo"),
    ("{country} Diaspora Council", "", "migrant-or-diaspora-organization"),
    ("Migrant Youth Forum of {city}", "MYF", "migrant-or-diaspora-organization"),
    ("Returnees' Cooperative of {city}", "", "migrant-or-diaspora-organization"),
    ("{city} Recruitment Partners", "", "private-sector"),
    ("Sendhome Remittance Services", "", "private-sector"),
    ("{city} Chamber of Commerce", "", "private-sector"),
    ("Federation of Domestic Workers of {in_country}", "FDW", "trade-union-employers-organization"),
    ("Confederation of Employers of {in_country}", "", "trade-union-employers-organization"),
    ("Institute for Migration Studies, University of {city}", "IMS", "academia-research"),
    ("Centre for Mobility Research", "CMR", "academia-research"),
    ("{city} Interfaith Council", "", "other"),
    ("Sport for Inclusion Foundation", "", "other"),
)
# Main implementers built for the practice's own country or city.
NATIONAL_BODIES: tuple[tuple[str, str], ...] = (
    ("Ministry of Labour and Social Protection", "MLSP"),
    ("National Migration Agency", "NMA"),
    ("Ministry of Foreign Affairs", "MFA"),
    ("National Statistics Office", "NSO"),
    ("Ministry of Interior", "MOI"),
    ("Office for Diaspora Affairs", "ODA"),
)
LOCAL_BODIES: tuple[str, ...] = (
    "City Council of {city}",
    "{city} Metropolitan Municipality",
    "Provincial Government of {city}",
)
