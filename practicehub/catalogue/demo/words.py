"""Word lists and sentence templates for the sample practices, written for this project.

The texts describe invented practices. Slots in braces are filled by generator.py:
{topic} a topic of the practice's objective, {activity} what it does (verb phrase), {group} who it
serves, {place} where, {org} its main organization, {partner} another one, {approach} how it works,
{kind} a noun for its type, {start} its start year, {n} {m} {k} numbers, {pct} a percentage.
"""

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

# Texts for practices whose original language is not English: titles take {topic} (one topic, or two
# joined by the word for 'and');
# sentences take {start}, {n} and {k} (2 to 4).
OTHER_LANGUAGES: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "and": (" y ",),
        "topics": (
            "la integración laboral de personas migrantes",
            "la reintegración de personas retornadas",
            "el acceso a la salud",
            "la protección de niñas y niños migrantes",
            "la contratación equitativa",
            "la información antes de migrar",
            "el reconocimiento de competencias",
            "la inclusión financiera de las familias migrantes",
        ),
        "titles": (
            "Programa para {topic}",
            "Red local para {topic}",
            "Estrategia nacional sobre {topic}",
            "Alianza por {topic}",
            "{Topic}: una experiencia comunitaria",
        ),
        "sentences": (
            "La iniciativa comenzó en {start} con el apoyo de varias instituciones públicas.",
            "Hasta ahora han participado unas {n} personas.",
            "Los servicios se prestan en centros comunitarios y mediante equipos móviles.",
            "Un comité de seguimiento se reúne cada {k} meses.",
            "Las personas migrantes participan en el diseño de las actividades.",
            "Los gobiernos locales aportan espacios y personal.",
            "El personal recibe formación continua sobre derechos humanos e igualdad de género.",
            "La información se ofrece en {k} idiomas.",
            "Una evaluación externa recomendó ampliar la iniciativa a otras provincias.",
            "La coordinación entre instituciones resultó más difícil de lo previsto.",
        ),
        "items": (
            "orientación jurídica",
            "cursos de formación",
            "acompañamiento psicosocial",
            "apoyo para el empleo",
        ),
    },
    "fr": {
        "and": (" et ",),
        "topics": (
            "l'insertion professionnelle des personnes migrantes",
            "la réintégration durable",
            "l'accès aux soins",
            "la protection des enfants en migration",
            "le recrutement équitable",
            "l'information avant le départ",
            "la reconnaissance des compétences",
            "l'inclusion financière des familles de migrants",
        ),
        "titles": (
            "Programme pour {topic}",
            "Réseau local pour {topic}",
            "Stratégie nationale sur {topic}",
            "Partenariat pour {topic}",
            "{Topic} : une expérience communautaire",
        ),
        "sentences": (
            "L'initiative a démarré en {start} avec l'appui de plusieurs institutions publiques.",
            "Environ {n} personnes y ont participé jusqu'à présent.",
            "Les services sont offerts dans des centres communautaires et par des équipes mobiles.",
            "Un comité de suivi se réunit tous les {k} mois.",
            "Les personnes migrantes participent à la conception des activités.",
            "Les collectivités locales mettent à disposition des locaux et du personnel.",
            "Le personnel est formé en continu aux droits humains et à l'égalité de genre.",
            "Les informations sont disponibles en {k} langues.",
            "Une évaluation externe a recommandé d'étendre l'initiative à d'autres régions.",
            "La coordination entre institutions s'est révélée plus difficile que prévu.",
        ),
        "items": (
            "conseil juridique",
            "formations professionnelles",
            "soutien psychosocial",
            "aide à la recherche d'emploi",
        ),
    },
    "ar": {
        "and": (" و",),
        "topics": (
            "إدماج المهاجرين في سوق العمل",
            "إعادة الإدماج المستدام",
            "الحصول على الرعاية الصحية",
            "حماية الأطفال المهاجرين",
            "التوظيف العادل",
            "المعلومات قبل الهجرة",
            "الاعتراف بالمهارات",
            "الشمول المالي لأسر المهاجرين",
        ),
        "titles": (
            "برنامج {topic}",
            "شبكة محلية من أجل {topic}",
            "استراتيجية وطنية بشأن {topic}",
            "شراكة من أجل {topic}",
            "مبادرة مجتمعية لدعم {topic}",
        ),
        "sentences": (
            "بدأت المبادرة في عام {start} بدعم من عدة مؤسسات عامة.",
            "شارك فيها حتى الآن نحو {n} شخص.",
            "تقدَّم الخدمات في مراكز مجتمعية ومن خلال فرق متنقلة.",
            "تجتمع لجنة متابعة كل {k} أشهر.",
            "يشارك المهاجرون في تصميم الأنشطة.",
            "توفر السلطات المحلية الأماكن والموظفين.",
            "يتلقى الموظفون تدريباً مستمراً على حقوق الإنسان والمساواة بين الجنسين.",
            "تتوفر المعلومات بعدة لغات.",
            "أوصى تقييم خارجي بتوسيع المبادرة إلى مناطق أخرى.",
            "تبيّن أن التنسيق بين المؤسسات أصعب مما كان متوقعاً.",
        ),
        "items": (
            "الاستشارة القانونية",
            "التدريب المهني",
            "الدعم النفسي والاجتماعي",
            "المساعدة في البحث عن عمل",
        ),
    },
    "ru": {
        "and": (" и ",),
        "topics": (
            "трудовой интеграции мигрантов",
            "устойчивой реинтеграции",
            "доступа к медицинской помощи",
            "защиты детей-мигрантов",
            "добросовестного найма",
            "информирования до выезда",
            "признания квалификаций",
            "финансовой доступности для семей мигрантов",
        ),
        "titles": (
            "Программа {topic}",
            "Местная сеть {topic}",
            "Национальная стратегия {topic}",
            "Партнёрство в интересах {topic}",
            "Проект поддержки {topic}",
        ),
        "sentences": (
            "Инициатива началась в {start} году при поддержке нескольких государственных учреждений.",
            "На сегодняшний день в ней приняли участие около {n} человек.",
            "Услуги предоставляются в общественных центрах и мобильными группами.",
            "Комитет по мониторингу собирается раз в {k} месяца.",
            "Мигранты участвуют в разработке мероприятий.",
            "Местные органы власти предоставляют помещения и персонал.",
            "Сотрудники регулярно проходят обучение по правам человека и гендерному равенству.",
            "Информация доступна на нескольких языках.",
            "Внешняя оценка рекомендовала распространить инициативу на другие регионы.",
            "Координация между учреждениями оказалась сложнее, чем ожидалось.",
        ),
        "items": (
            "юридические консультации",
            "профессиональное обучение",
            "психосоциальная поддержка",
            "помощь в поиске работы",
        ),
    },
    "zh": {
        "and": ("与",),
        "topics": (
            "移民就业融合",
            "可持续重新融入",
            "获得医疗服务",
            "保护移民儿童",
            "公平招聘",
            "出行前信息服务",
            "技能认可",
            "移民家庭金融普惠",
        ),
        "titles": (
            "{topic}项目",
            "{topic}地方合作网络",
            "关于{topic}的国家战略",
            "{topic}伙伴关系",
            "{topic}社区倡议",
        ),
        "sentences": (
            "该倡议于{start}年启动，得到多个公共机构的支持。",
            "迄今已有约{n}人参与。",
            "服务在社区中心提供，并由流动小组上门开展。",
            "监测委员会每{k}个月召开一次会议。",
            "移民参与活动的设计。",
            "地方政府提供场地和工作人员。",
            "工作人员定期接受人权和性别平等方面的培训。",
            "相关信息以多种语言提供。",
            "外部评估建议将该倡议推广到其他地区。",
            "事实证明，机构之间的协调比预期更难。",
        ),
        "items": ("法律咨询", "职业培训", "心理社会支持", "就业帮助"),
    },
}
