"""Text: what every later stage needs to know about a string, written once.

Language identification (``langid``), segmentation into paragraphs and sentences (``segment``),
numbers in figures and words (``numerals``), terms and words (``terms``), and
the word lists and dictionaries the checks and the aligner consult (``lexicon``). Nothing here
knows of files, models, alignments' making or checks.
"""
