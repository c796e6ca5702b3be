"""Similar practices: up to six published practices like a given one, for the foot of its page.

Every published practice sharing something with it gets an integer score, computed for all of them
at once on the facet index's bitmaps (facet_index.py), never row by row:

- each shared GCM objective 4, plus 2 when it is a primary objective of both;
- a shared country 4, plus 2 when two or more are shared; with no shared country, a shared
  sub-region 2 or else a shared region 1 (regions include the sub-regions' and countries'
  practices, as in the list's facets); both of global scope 1;
- each distinctive word of the practice's title (3) or summary (2) that the other practice's
  indexed text contains. A word is distinctive when the search index finds it in at most
  ``max_document_frequency`` published practices (1% of them, at least 3, at most 1,000). The
  search index is asked, per word, for at most that many ids plus one (a common word costs a
  capped read and is dropped), in one statement; a word matches its stems as a typed search word
  does (``analysis.term_variants``). Words found common are remembered per state of the indexes,
  and on PostgreSQL the column statistics rule out the commonest words without a look-up
  (words.py).

Scores are held as bit slices (bitmap j = the practices whose score has bit j set), so adding a set
of practices with a weight is a few bitmap operations, and the best ones are found slice by slice
from the highest bit. Ties go to the newest published. A practice needs MIN_SCORE (one shared
objective, one shared country, or two distinctive words) to count as similar.

The page's own facet values come from the same bitmaps when it is published (from the database
for an editor's preview of a draft). The list (ids and what each shares) is cached per practice
under the facet index's key and the search index's state token, so it follows every publish,
unpublish and edit; the practices shown are re-read as published on every request.
"""

from .compute import LIMIT, Match, similar_compute, similar_matches
from .display import SimilarPractice, match_reason, similar_practices
from .scores import Scores
from .words import candidate_words, max_document_frequency

__all__ = [
    "LIMIT",
    "Match",
    "Scores",
    "SimilarPractice",
    "candidate_words",
    "match_reason",
    "max_document_frequency",
    "similar_compute",
    "similar_matches",
    "similar_practices",
]
