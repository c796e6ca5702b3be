"""An OAI-PMH 2.0 data provider for the published practices (metadata format oai_dc).

- views.py: the endpoint (GET and POST), one function per verb;
- arguments.py: the request's arguments checked against the protocol (badVerb, badArgument...);
- tokens.py: opaque, signed resumption tokens that carry the original arguments and the cursor;
- records.py: which practices a harvester sees, in datestamp order, and their sets;
- dublin_core.py: a practice as an oai_dc record;
- xml.py: the response envelope.

Which practices are exposed, and why deleted records are "transient", is in docs/open-data.md.
"""
