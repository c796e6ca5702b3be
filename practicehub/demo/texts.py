"""The texts of a sample practice, composed from the word lists in words.py and other_languages.py."""

import random
from collections.abc import Sequence

from . import words
from .other_languages import OTHER_LANGUAGES


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill(template: str, slots: dict[str, object]) -> str:
    return cap(template.format_map(slots))


def items(rng: random.Random, bank: Sequence[str], k: int, slots: dict[str, object]) -> str:
    return "\n".join("- " + fill(s, slots) for s in rng.sample(bank, min(k, len(bank))))


class _Dealer:
    """Deals sentences from the word lists so that none repeats within one practice."""

    def __init__(self, rng: random.Random, slots: dict[str, object]) -> None:
        self.rng, self.slots = rng, slots
        self.piles: dict[int, list[str]] = {}

    def take(self, bank: Sequence[str], k: int) -> list[str]:
        pile = self.piles.get(id(bank))
        if pile is None:
            pile = self.piles[id(bank)] = self.rng.sample(bank, len(bank))
        taken = [fill(pile.pop(), self.slots) for _ in range(min(k, len(pile)))]
        return taken

    def sentences(self, bank: Sequence[str], k: int) -> str:
        return " ".join(self.take(bank, k))

    def items(self, bank: Sequence[str], k: int) -> str:
        return "\n".join("- " + item for item in self.take(bank, k))


def english_texts(rng: random.Random, size: str, slots: dict[str, object]) -> dict[str, str]:
    deal = _Dealer(rng, slots)
    paragraphs = {"short": 1, "medium": 2, "long": 4}[size]
    summary = [
        fill(rng.choice(words.SUMMARY_OPENINGS), slots) + " " + deal.sentences(words.SUMMARY_SENTENCES, 2)
    ]
    for _ in range(paragraphs - 1):
        summary.append(deal.sentences(words.SUMMARY_SENTENCES, rng.randint(2, 3)))
    if size == "long":
        activities = dict.fromkeys((str(slots["activity"]), str(slots["activity2"])))
        summary.insert(2, "Its main activities are:\n" + "\n".join("- " + cap(a) for a in activities))
    texts = {
        "title": fill(rng.choice(words.TITLE_TEMPLATES), slots),
        "summary": "\n\n".join(summary),
        "benefit_and_impact": deal.sentences(words.BENEFIT_SENTENCES, 1 + paragraphs),
        "key_lessons": "",
        "recommendations": "",
        "innovation": "",
        "implementer_details": "",
    }
    if size != "short":
        results = deal.items(words.BENEFIT_ITEMS, rng.randint(2, 4))
        texts["benefit_and_impact"] += "\n\nResults so far:\n" + results
        texts["key_lessons"] = deal.sentences(words.LESSON_SENTENCES, paragraphs + 1)
        texts["recommendations"] = deal.sentences(words.RECOMMENDATION_SENTENCES, paragraphs)
        texts["innovation"] = deal.sentences(words.INNOVATION_SENTENCES, rng.randint(1, 2))
    if size == "long":
        texts["key_lessons"] += (
            "\n\n"
            + deal.sentences(words.LESSON_SENTENCES, 2)
            + "\n\nIn short:\n"
            + deal.items(words.LESSON_ITEMS, 3)
        )
        texts["recommendations"] += "\n\n" + deal.items(words.RECOMMENDATION_SENTENCES, 3)
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
        texts["recommendations"] = " ".join(rest[3:])
    return texts
