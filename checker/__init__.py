"""transcheck: align a source document with its translations and report where they diverge.

Importing this package is cheap: nothing here loads torch, a model or a terminal library.
"""

__version__ = "0.1.0"
