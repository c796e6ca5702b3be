"""What sample practices are about: topics and activities per GCM objective, who they serve, how
they work, and a noun for each type of practice. Written for this project."""

# Per GCM objective: topics (noun phrases) and activities (verb phrases without a subject).
TOPICS: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {
    1: (
        ("migration data collection", "labour migration statistics", "a shared migration data platform"),
        (
            "harmonise administrative records on migration",
            "publish data on migrants broken down by sex, age and status",
            "train statisticians to run migration modules in household surveys",
        ),
    ),
    2: (
        (
            "climate-resilient livelihoods",
            "rural employment for young people",
            "disaster displacement preparedness",
        ),
        (
            "create local jobs in areas that people leave for lack of work",
            "help farming families adapt to drought and flooding",
            "plan with communities for relocation when land becomes uninhabitable",
        ),
    ),
    3: (
        (
            "pre-departure information",
            "migrant information centres",
            "reliable information on migration routes",
        ),
        (
            "give people accurate advice before they decide to move",
            "run helplines and walk-in centres in several languages",
            "counter false promises spread by recruiters and smugglers",
        ),
    ),
    4: (
        (
            "birth registration for migrant children",
            "identity documents for stateless people",
            "digital civil registration",
        ),
        (
            "issue identity documents to people who have none",
            "register births of children born in transit",
            "bring mobile registration teams to remote border areas",
        ),
    ),
    5: (
        ("seasonal work visas", "family reunification procedures", "humanitarian admission pathways"),
        (
            "open regular channels for workers that employers need",
            "shorten the time families wait to be reunited",
            "match job offers abroad with qualified applicants",
        ),
    ),
    6: (
        ("fair recruitment", "decent work for domestic workers", "labour inspection in agriculture"),
        (
            "stop recruitment fees being charged to workers",
            "check that employment contracts are respected",
            "certify recruitment agencies that follow ethical standards",
        ),
    ),
    7: (
        (
            "protection of migrants in vulnerable situations",
            "safe shelters for migrant women",
            "case management for children on the move",
        ),
        (
            "identify migrants at risk and refer them to support",
            "provide shelter, counselling and legal advice",
            "give children on the move a trained guardian",
        ),
    ),
    8: (
        (
            "search and rescue coordination",
            "identification of missing migrants",
            "support to families of the missing",
        ),
        (
            "coordinate rescue at sea and in the desert",
            "collect and match information on migrants who went missing",
            "support families who search for their relatives",
        ),
    ),
    9: (
        (
            "investigation of migrant smuggling networks",
            "cross-border cooperation against smuggling",
            "protection of smuggled migrants",
        ),
        (
            "train police and prosecutors to investigate smuggling networks",
            "share information between border agencies of neighbouring States",
            "protect smuggled migrants who act as witnesses",
        ),
    ),
    10: (
        (
            "identification of victims of trafficking",
            "a national referral mechanism for trafficking victims",
            "prevention of labour trafficking",
        ),
        (
            "train frontline workers to recognise signs of trafficking",
            "refer victims of trafficking to shelters and legal aid",
            "work with companies to remove forced labour from supply chains",
        ),
    ),
    11: (
        ("integrated border management", "humane border procedures", "border community cooperation"),
        (
            "modernise border crossing points with attention to human rights",
            "train border officials on protection-sensitive procedures",
            "link border authorities with health and social services",
        ),
    ),
    12: (
        (
            "screening and referral at arrival",
            "individual assessment procedures",
            "referral pathways for migrants",
        ),
        (
            "screen new arrivals for protection needs",
            "refer each person to the procedure that fits their situation",
            "bring interpreters and legal counsel into first interviews",
        ),
    ),
    13: (
        (
            "alternatives to immigration detention",
            "community-based case management",
            "ending child immigration detention",
        ),
        (
            "replace detention with supervised community placement",
            "assign case workers who stay with migrants through their procedure",
            "make sure no child is held in immigration detention",
        ),
    ),
    14: (
        ("consular protection", "consular assistance in crisis", "mobile consular services"),
        (
            "bring consular services to nationals working abroad",
            "help nationals stranded by conflict or disaster",
            "issue travel documents quickly in emergencies",
        ),
    ),
    15: (
        (
            "access to health care for migrants",
            "inclusive education for migrant children",
            "access to basic services regardless of status",
        ),
        (
            "open clinics and schools to all migrants in the area",
            "train service providers to serve migrants without discrimination",
            "separate service provision from immigration enforcement",
        ),
    ),
    16: (
        ("local integration", "language and civic orientation courses", "social cohesion in neighbourhoods"),
        (
            "offer language classes and civic orientation to newcomers",
            "bring migrants and long-term residents together in local projects",
            "involve migrants in municipal decision-making",
        ),
    ),
    17: (
        (
            "fighting discrimination",
            "balanced media reporting on migration",
            "public awareness of migrants' contributions",
        ),
        (
            "train journalists to report on migration accurately",
            "support victims of discrimination and hate speech",
            "show the contributions of migrants through public campaigns",
        ),
    ),
    18: (
        ("skills recognition", "vocational training for migrants", "skills partnerships between countries"),
        (
            "recognise qualifications obtained abroad",
            "offer vocational training that matches labour market needs",
            "train people in countries of origin for jobs in demand at home and abroad",
        ),
    ),
    19: (
        ("diaspora engagement", "diaspora investment", "knowledge transfer by diaspora professionals"),
        (
            "connect diaspora members with development projects at home",
            "help diaspora entrepreneurs invest in their communities of origin",
            "bring diaspora experts back for short professional missions",
        ),
    ),
    20: (
        (
            "cheaper remittances",
            "financial inclusion of migrants and their families",
            "digital remittance services",
        ),
        (
            "lower the cost of sending money home",
            "open bank accounts for migrants and the families they support",
            "teach families how to save and invest remittances",
        ),
    ),
    21: (
        ("sustainable reintegration", "safe and dignified return", "community-based reintegration"),
        (
            "support returnees with counselling, training and small grants",
            "prepare returns together with communities of origin",
            "follow up with returnees during their first year home",
        ),
    ),
    22: (
        (
            "portability of social security",
            "pension rights for migrant workers",
            "social protection for migrant workers",
        ),
        (
            "let migrant workers keep the pension rights they earned abroad",
            "sign social security agreements between countries",
            "enrol migrant workers in health insurance",
        ),
    ),
    23: (
        (
            "regional cooperation on migration",
            "international dialogue on migration",
            "peer learning between governments",
        ),
        (
            "bring governments together to agree common approaches",
            "share practices between countries of origin, transit and destination",
            "support countries in reviewing their progress on the Global Compact",
        ),
    ),
}

GROUPS: tuple[str, ...] = (
    "migrant workers",
    "returning migrants",
    "refugees and asylum seekers",
    "migrant women",
    "unaccompanied and separated children",
    "young people considering migration",
    "diaspora entrepreneurs",
    "seasonal agricultural workers",
    "migrant domestic workers",
    "families of missing migrants",
    "host communities",
    "municipal staff",
    "border officials",
    "international students",
    "migrants in transit",
    "older migrants",
)

APPROACHES: tuple[str, ...] = (
    "local partnerships",
    "digital tools",
    "peer support",
    "inter-agency coordination",
    "mobile outreach teams",
    "a one-stop-shop model",
    "community dialogue",
    "joint training",
    "cross-border agreements",
    "a whole-of-society approach",
)

# A noun for each type of practice (keys of catalogue/data/practice_types.json).
KIND_NOUNS: dict[str, str] = {
    "partnership-multistakeholder-initiative": "partnership",
    "project-programme": "programme",
    "policy-strategy": "strategy",
    "legislation-regulation": "legal framework",
    "institutional-mechanism": "coordination mechanism",
    "tool-guidance": "toolkit",
    "capacity-building-training": "training programme",
    "research-data-collection": "research project",
    "service-delivery": "service",
    "awareness-raising-campaign": "campaign",
}
DEFAULT_KIND_NOUN = "initiative"
