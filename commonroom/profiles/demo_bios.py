"""Believable biographies for demo members, written from their job, council and
interests. Deterministic: every choice comes from the ``Random`` passed in."""

from random import Random

# What people in each service area say they care about, in their own words.
INTERESTS = {
    "adult-social-care": [
        "strengths-based assessment",
        "getting hospital discharge right",
        "supporting unpaid carers",
    ],
    "childrens-services": [
        "keeping children safely at home",
        "what good support for care leavers looks like",
        "recruiting foster carers",
    ],
    "education": [
        "school attendance",
        "getting EHC plans out on time",
        "fair school admissions",
    ],
    "public-health": [
        "health inequalities",
        "stop smoking services",
        "using data to target prevention work",
    ],
    "housing": [
        "preventing homelessness before it starts",
        "damp and mould in social housing",
        "moving families out of bed and breakfast",
    ],
    "planning": [
        "getting local plans through examination",
        "biodiversity net gain",
        "planning enforcement that actually changes things",
    ],
    "highways-transport": [
        "active travel schemes",
        "pothole repairs that last",
        "rural bus services",
    ],
    "waste-environment": [
        "food waste collections",
        "cutting fly-tipping",
        "recycling contamination",
    ],
    "climate": [
        "carbon accounting for councils",
        "retrofitting council buildings",
        "climate adaptation",
    ],
    "economic-development": [
        "high street regeneration",
        "skills and apprenticeships",
        "supporting small businesses",
    ],
    "culture-libraries": [
        "libraries as community hubs",
        "local archives",
        "arts funding bids",
    ],
    "community-safety": [
        "tackling antisocial behaviour",
        "domestic abuse partnerships",
        "CCTV and neighbourhood policing",
    ],
    "regulatory-services": [
        "food hygiene inspections",
        "trading standards and scams",
        "licensing",
    ],
    "emergency-planning": [
        "flood response",
        "business continuity",
        "running rest centres",
    ],
    "revenues-benefits": [
        "council tax support schemes",
        "reducing arrears kindly",
        "housing benefit subsidy",
    ],
    "finance": [
        "medium-term financial planning",
        "clearing the audit backlog",
        "budget consultation",
    ],
    "procurement": [
        "the Procurement Act",
        "social value in contracts",
        "contract management",
    ],
    "hr-workforce": [
        "recruitment and retention",
        "apprenticeships",
        "staff wellbeing",
    ],
    "legal-governance": [
        "information governance",
        "the councillors' code of conduct",
        "FOI requests",
    ],
    "democratic-services": [
        "running elections",
        "making committee papers readable",
        "hybrid meetings",
    ],
    "performance": [
        "performance frameworks people actually use",
        "benchmarking with other councils",
        "risk management",
    ],
    "digital": [
        "user research",
        "replacing legacy systems",
        "accessible online forms",
    ],
    "data-insight": [
        "data sharing agreements",
        "dashboards for senior leaders",
        "census analysis",
    ],
    "communications": [
        "resident newsletters",
        "plain English",
        "crisis communications",
    ],
    "customer-services": [
        "cutting avoidable contact",
        "the contact centre",
        "channel shift",
    ],
    "equalities": [
        "equality impact assessments",
        "accessibility",
        "engaging seldom-heard groups",
    ],
}
GENERAL_INTERESTS = ["working across council boundaries", "sharing what works"]

YEARS = ["two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve"]
EARLIER = [
    "at a district council",
    "in the NHS",
    "at a housing association",
    "in the civil service",
    "at a neighbouring county",
    "in the voluntary sector",
    "at a London borough",
    "in private practice",
]
OUTSIDE_WORK = [
    "Outside work I walk the dog and volunteer at a food bank.",
    "Parkrun most Saturdays, slowly.",
    "School governor in my spare time.",
    "Bell-ringer, allotment holder and reluctant gardener.",
    "I sing in a community choir.",
    "Trustee of a small local charity.",
    "Learning Welsh, one evening class at a time.",
    "",
    "",
    "",
]


def _interests(random: Random, areas: list[str]) -> str:
    pool = [phrase for slug in areas for phrase in INTERESTS.get(slug, [])]
    chosen = random.sample(pool or GENERAL_INTERESTS, k=min(2, len(pool) or 2))
    return " and ".join(chosen)


def write_bio(
    random: Random,
    *,
    role: str,
    title: str,
    organisation: str,
    areas: list[str],
) -> str:
    """A two- or three-sentence biography in the first or third person, the
    way members write them."""
    interests = _interests(random, areas)
    years = random.choice(YEARS)
    if role == "councillor":
        year = random.randint(2008, 2024)
        opening = random.choice(
            [
                f"Councillor at {organisation} since {year}; {title}.",
                f"First elected to {organisation} in {year}, now {title}.",
            ]
        )
        middle = f"I want to hear how other councils approach {interests}."
    elif role == "partner":
        opening = f"{title} at {organisation}, working alongside councils."
        middle = random.choice(
            [
                f"Keen to learn from officers about {interests}.",
                f"Most of my work at the moment is on {interests}.",
            ]
        )
    else:
        opening = random.choice(
            [
                f"{title} at {organisation} for {years} years.",
                f"{title} at {organisation}; before that I spent {years} "
                f"years {random.choice(EARLIER)}.",
                f"{title} at {organisation}. I joined {years} years ago after "
                f"working {random.choice(EARLIER)}.",
            ]
        )
        middle = random.choice(
            [
                f"Interested in {interests}.",
                f"Happy to share what we've learnt about {interests}.",
                f"Currently working on {interests}, and always keen to hear "
                "how other councils do it.",
                f"Ask me about {interests}.",
            ]
        )
    return " ".join(
        part for part in [opening, middle, random.choice(OUTSIDE_WORK)] if part
    )
