"""What happens to findings after the checks: selection and severity overrides (``selection``),
stable fingerprints (``fingerprint``), inline and per-file suppressions (``suppress``) and the
baseline of accepted findings (``baseline``)."""
