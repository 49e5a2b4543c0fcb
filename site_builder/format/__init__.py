"""The content format (DESIGN.md, "Content format"): what staff write and how it is read.

``yamlio`` reads YAML keeping every scalar as text and every line; ``scalars`` and
``models`` are the format's types (one frozen pydantic model per document kind, Thai
descriptions); ``validation`` turns pydantic's errors into Thai problems with file,
line and a right example; ``schema`` writes the JSON Schemas editors use;
``framework`` holds the ITA catalogues (``frameworks/<year>.yml``).  Nothing here
knows about a content tree, a page or MkDocs.
"""
