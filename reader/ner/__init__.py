"""Named-entity recognition for Indonesian and English news, fully offline.

A CRF model trained by ``tools/train_ner.py`` (shipped in ``resources/models``)
proposes spans; gazetteers, title splitting, date rules and document-level
consistency (``reader.ner.recognise``) turn them into the mentions Reader stores.
"""
