"""Word lists and word frequencies the checks consult, each loaded lazily and once per process.

``en`` wraps pyspellchecker's English dictionary (plus British spellings and wordfreq as a
second opinion); ``typos`` weighs the evidence that an unknown English word is a slip
(codespell's list of common misspellings, a far more frequent word one edit away); ``zh``
wraps wordfreq's Chinese word frequencies and jieba's dictionary. Nothing here is loaded on
import.
"""
