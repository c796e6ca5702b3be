"""The texts of a sample practice, composed from the word lists in words.py and other_languages.py."""

import random
from collections.abc import Sequence

from . import words
from .other_languages import OTHER_LANGUAGES


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill(template: str, slots: dict[str, object]) -> str:
    return cap(template.format_map(slots))


def sentences(rng: random.Random, bank: Sequence[str], k: int, slots: dict[str, object]) -> str:
    return " ".join(fill(s, slots) for s in rng.sample(bank, min(k, len(bank))))


def items(rng: random.Random, bank: Sequence[str], k: int, slots: dict[str, object]) -> str:
    return "\n".join("- " + fill(s, slots) for s in rng.sample(bank, min(k, len(bank))))


def english_texts(rng: random.Random, size: str, slots: dict[str, object]) -> dict[str, str]:
    paragraphs = {"short": 1, "medium": 2, "long": 4}[size]
    summary = [
        fill(rng.choice(words.SUMMARY_OPENINGS), slots)
        + " "
        + sentences(rng, words.SUMMARY_SENTENCES, 2, slots)
    ]
    for _ in range(paragraphs - 1):
        summary.append(sentences(rng, words.SUMMARY_SENTENCES, rng.randint(2, 4), slots))
    if size == "long":
        summary.insert(
            2,
            "Its main activities are:\n"
            + "\n".join(
                "- " + cap(a) for a in dict.fromkeys((str(slots["activity"]), str(slots["activity2"])))
            ),
        )
    texts = {
        "title": fill(rng.choice(words.TITLE_TEMPLATES), slots),
        "summary": "\n\n".join(summary),
        "benefit_and_impact": sentences(rng, words.BENEFIT_SENTENCES, 1 + paragraphs, slots),
        "key_lessons": "",
        "recommendations": "",
        "innovation": "",
        "implementer_details": "",
    }
    if size != "short":
        texts["benefit_and_impact"] += "\n\nResults so far:\n" + items(
            rng, words.BENEFIT_ITEMS, rng.randint(2, 4), slots
        )
        texts["key_lessons"] = sentences(rng, words.LESSON_SENTENCES, paragraphs + 1, slots)
        texts["recommendations"] = sentences(rng, words.RECOMMENDATION_SENTENCES, paragraphs, slots)
        texts["innovation"] = sentences(rng, words.INNOVATION_SENTENCES, rng.randint(1, 2), slots)
    if size == "long":
        texts["key_lessons"] += (
            "\n\n"
            + sentences(rng, words.LESSON_SENTENCES, 2, slots)
            + "\n\nIn short:\n"
            + items(rng, words.LESSON_ITEMS, 3, slots)
        )
        texts["recommendations"] += "\n\n" + items(rng, words.RECOMMENDATION_SENTENCES, 3, slots)
    if rng.random() < 0.3:
        texts["implementer_details"] = fill(rng.choice(words.IMPLEMENTER_DETAILS), slots)
    return texts


def other_texts(
    rng: random.Random, language: str, size: str, slots: dict[str, object], title: tuple[str, str]
) -> dict[str, str]:
    bank = OTHER_LANGUAGES[language]
    template, topic = title
    if rng.random() < 0.3:
        topic += bank["and"][0] + rng.choice([t for t in bank["topics"] if t != topic])
    local = dict(slots, topic=topic, Topic=cap(topic))
    # Each sentence of the bank is used at most once per practice.
    dealt = [fill(sentence, local) for sentence in rng.sample(bank["sentences"], len(bank["sentences"]))]
    paragraphs = {"short": 1, "medium": 2, "long": 3}[size]
    summary = [" ".join(dealt[2 * i : 2 * i + 2]) for i in range(paragraphs)]
    rest = dealt[2 * paragraphs :]
    texts = {
        "title": fill(template, local),
        "summary": "\n\n".join(summary),
        "benefit_and_impact": rest[0],
        "key_lessons": "",
        "recommendations": "",
        "innovation": "",
        "implementer_details": "",
    }
    if size != "short":
        texts["benefit_and_impact"] += "\n\n" + items(rng, bank["items"], rng.randint(2, 4), local)
        texts["key_lessons"] = " ".join(rest[1:3])
    if size == "long":
        texts["recommendations"] = items(rng, bank["items"], 3, local)
    return texts
